#!/usr/bin/env bash
# Lays out an AppImage-ready AppDir from the built app folder: AppRun, the .desktop entry, the icon
# and the AppStream metainfo at the places appimagetool (and AppImage's desktop integration) read.
#   packaging/linux/make_appdir.sh dist/ConnDoctor build/icons/hicolor build/ConnDoctor.AppDir
# Then, where appimagetool can be had (CI): ARCH=x86_64 appimagetool build/ConnDoctor.AppDir
set -euo pipefail
APP=$1 ICONS=$2 APPDIR=$3
HERE=$(cd "$(dirname "$0")" && pwd)
ID=jp.conndoctor.ConnDoctor
rm -rf "$APPDIR"
mkdir -p "$APPDIR/usr/lib" "$APPDIR/usr/bin" "$APPDIR/usr/share/applications" "$APPDIR/usr/share/metainfo"
cp -a "$APP" "$APPDIR/usr/lib/conndoctor"
ln -s ../lib/conndoctor/ConnDoctor "$APPDIR/usr/bin/conndoctor"
cat >"$APPDIR/AppRun" <<'RUN'
#!/bin/sh
# AppImage entry: the bundled program, with the person's arguments (no arguments: the wizard).
HERE=$(dirname "$(readlink -f "$0")")
exec "$HERE/usr/lib/conndoctor/ConnDoctor" "$@"
RUN
chmod 755 "$APPDIR/AppRun"
sed -e 's|^Exec=.*|Exec=conndoctor|' -e '/^TryExec=/d' "$HERE/$ID.desktop" >"$APPDIR/usr/share/applications/$ID.desktop"
cp "$APPDIR/usr/share/applications/$ID.desktop" "$APPDIR/$ID.desktop"
cp "$HERE/$ID.metainfo.xml" "$APPDIR/usr/share/metainfo/$ID.appdata.xml"
cp -a "$ICONS" "$APPDIR/usr/share/icons"
cp "$ICONS/256x256/apps/$ID.png" "$APPDIR/$ID.png"
ln -s "$ID.png" "$APPDIR/.DirIcon"
echo "AppDir: $APPDIR"
