#!/usr/bin/env bash
# Builds the double-clickable Connection Doctor on Linux or macOS with PyInstaller, in a build venv
# of its own (never the project's .venv). Output: dist/ConnDoctor/ (Linux) or dist/ConnDoctor.app
# (macOS); on Linux also dist/ConnDoctor-<version>-linux-<arch>.tar.gz with a menu entry installer.
#   PYTHON=python3.11 BUILD_VENV=build/venv packaging/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python3}
VENV=${BUILD_VENV:-$ROOT/build/venv}
ID=jp.conndoctor.ConnDoctor
PY="$VENV/bin/python"

step() { printf '\n== %s\n' "$*"; }
# pip's notes about unreachable index locations are noise; its errors and exit status are kept.
pip_install() { "$PY" -m pip install -q --disable-pip-version-check "$@" 2> >(grep -v '^WARNING: Location' >&2); }

step "build venv: $VENV"
[ -x "$PY" ] || "$PYTHON" -m venv "$VENV"
pip_install "pyinstaller>=6.6,<7" "$ROOT"
# Always the checkout as it is now (pip may keep an installed copy of the same version).
pip_install --no-deps --force-reinstall "$ROOT"

step "Qt translations (.qm) into the installed package"
PATH="$VENV/bin:$PATH" "$PY" -m conndoctor.ui.translations build

step "PyInstaller"
rm -rf "$ROOT/dist/ConnDoctor" "$ROOT/dist/ConnDoctor.app"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath "$ROOT/build/pyinstaller" --distpath "$ROOT/dist" \
  "$ROOT/packaging/pyinstaller/conndoctor.spec"

if [ "$(uname -s)" = Darwin ]; then
  step "done: $ROOT/dist/ConnDoctor.app (not signed; see packaging/README.md)"
  exit 0
fi

step "Linux archive"
VERSION=$("$PY" -c 'import importlib.metadata as m; print(m.version("conndoctor"))')
NAME="ConnDoctor-$VERSION-linux-$(uname -m)"
STAGE="$ROOT/build/$NAME"
rm -rf "$STAGE"
mkdir -p "$STAGE"
cp -a "$ROOT/dist/ConnDoctor" "$STAGE/ConnDoctor"
cp "$ROOT/packaging/linux/$ID.desktop" "$ROOT/packaging/linux/$ID.metainfo.xml" "$STAGE/"
cp "$ROOT/packaging/linux/install.sh" "$STAGE/install.sh"
chmod +x "$STAGE/install.sh"
mkdir -p "$STAGE/icons"
cp -a "$ROOT/build/icons/hicolor" "$STAGE/icons/hicolor"
tar -C "$ROOT/build" -czf "$ROOT/dist/$NAME.tar.gz" "$NAME"
step "done: $ROOT/dist/ConnDoctor/ and $ROOT/dist/$NAME.tar.gz ($(du -sh "$ROOT/dist/ConnDoctor" | cut -f1) unpacked)"
