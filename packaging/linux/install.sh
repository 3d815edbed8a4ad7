#!/usr/bin/env bash
# Installs Connection Doctor from this unpacked folder for the current user (or --prefix /usr/local
# as root): the app folder, a `conndoctor` command, the menu entry and its icons. --uninstall removes them.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX="${HOME}/.local"
ACTION=install
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX=$2; shift 2 ;;
    --prefix=*) PREFIX=${1#--prefix=}; shift ;;
    --uninstall) ACTION=uninstall; shift ;;
    -h|--help) echo "usage: $0 [--prefix DIR] [--uninstall]   (default prefix: ~/.local)"; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
ID=jp.conndoctor.ConnDoctor
APP_DIR="$PREFIX/lib/conndoctor"
DESKTOP="$PREFIX/share/applications/$ID.desktop"
METAINFO="$PREFIX/share/metainfo/$ID.metainfo.xml"
ICONS="$PREFIX/share/icons/hicolor"

if [ "$ACTION" = uninstall ]; then
  [ -e "$APP_DIR" ] || { echo "install.sh: Connection Doctor is not installed in $PREFIX" >&2; exit 1; }
  rm -rf "$APP_DIR"
  rm -f "$PREFIX/bin/conndoctor" "$DESKTOP" "$METAINFO"
  find "$ICONS" -name "$ID.*" -delete 2>/dev/null || true
else
  mkdir -p "$APP_DIR" "$PREFIX/bin" "$(dirname "$DESKTOP")" "$(dirname "$METAINFO")"
  rm -rf "$APP_DIR"
  cp -a "$HERE/ConnDoctor" "$APP_DIR"
  install -m 755 "$HERE/install.sh" "$APP_DIR/install.sh"
  ln -sfn "$APP_DIR/ConnDoctor" "$PREFIX/bin/conndoctor"
  sed -e "s|^Exec=.*|Exec=\"$APP_DIR/ConnDoctor\"|" -e "s|^TryExec=.*|TryExec=$APP_DIR/ConnDoctor|" \
    "$HERE/$ID.desktop" >"$DESKTOP"
  cp "$HERE/$ID.metainfo.xml" "$METAINFO"
  (cd "$HERE/icons/hicolor" && find . -name "$ID.*" -exec install -D -m 644 {} "$ICONS/{}" \;)
fi
command -v update-desktop-database >/dev/null && update-desktop-database -q "$(dirname "$DESKTOP")" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$ICONS" || true
echo "Connection Doctor: ${ACTION} done ($PREFIX)"
[ "$ACTION" = install ] && echo "To uninstall: $APP_DIR/install.sh --uninstall"
exit 0
