#!/usr/bin/env bash
# Builds the double-clickable Connection Doctor on Linux or macOS with PyInstaller, in a build venv
# of its own (never the project's .venv), then runs the smoke test of what it built.
#   Linux: dist/ConnDoctor/ (the app folder), dist/ConnDoctor-<version>-linux-<arch>.tar.gz (with
#          install.sh), build/ConnDoctor.AppDir (AppImage-ready: appimagetool turns it into an
#          AppImage in CI), a .sha256 beside every artefact.
#   macOS: dist/ConnDoctor.app and dist/ConnDoctor-<version>-macos-<arch>.dmg (+ .sha256); signed
#          and notarised only when CONNDOCTOR_CODESIGN_IDENTITY (and the notary variables) are set.
#   PYTHON=python3.11 BUILD_VENV=build/venv SKIP_SMOKE_TEST=1 packaging/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python3}
VENV=${BUILD_VENV:-$ROOT/build/venv}
ID=jp.conndoctor.ConnDoctor
PY="$VENV/bin/python"
STARTED=$SECONDS

step() { printf '\n== %s\n' "$*"; }
# pip's notes about unreachable index locations are noise; its errors and exit status are kept.
pip_install() { "$PY" -m pip install -q --disable-pip-version-check "$@" 2> >(grep -v '^WARNING: Location' >&2); }
sha256_beside() { (cd "$(dirname "$1")" && if command -v sha256sum >/dev/null; then sha256sum "$(basename "$1")"; else shasum -a 256 "$(basename "$1")"; fi >"$(basename "$1").sha256"); }

step "build venv: $VENV"
[ -x "$PY" ] || "$PYTHON" -m venv "$VENV"
# pypdf only for the smoke test's font check (the spec keeps it out of the bundle).
pip_install "pyinstaller>=6.6,<7" "pypdf>=4" "$ROOT"
# Always the checkout as it is now (pip may keep an installed copy of the same version).
pip_install --no-deps --force-reinstall "$ROOT"
VERSION=$("$PY" -c 'import importlib.metadata as m; print(m.version("conndoctor"))')
ARCH=$(uname -m)

step "Qt translations (.qm) into the installed package"
PATH="$VENV/bin:$PATH" "$PY" -m conndoctor.ui.translations build

step "PyInstaller"
rm -rf "$ROOT/dist/ConnDoctor" "$ROOT/dist/ConnDoctor.app"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath "$ROOT/build/pyinstaller" --distpath "$ROOT/dist" \
  "$ROOT/packaging/pyinstaller/conndoctor.spec"

if [ "$(uname -s)" = Darwin ]; then
  APP="$ROOT/dist/ConnDoctor.app"
  if [ -n "${CONNDOCTOR_CODESIGN_IDENTITY:-}" ]; then
    step "signing (hardened runtime)"
    bash "$ROOT/packaging/macos/sign_and_notarize.sh" sign "$APP"
  fi
  step "disk image"
  DMG="$ROOT/dist/ConnDoctor-$VERSION-macos-$ARCH.dmg"
  STAGE="$ROOT/build/dmg"
  rm -rf "$STAGE" "$DMG"
  mkdir -p "$STAGE"
  cp -a "$APP" "$STAGE/"
  ln -s /Applications "$STAGE/Applications"
  hdiutil create -quiet -volname "Connection Doctor" -srcfolder "$STAGE" -fs HFS+ -format UDZO "$DMG"
  if [ -n "${CONNDOCTOR_CODESIGN_IDENTITY:-}" ]; then
    bash "$ROOT/packaging/macos/sign_and_notarize.sh" notarize "$DMG"
  fi
  sha256_beside "$DMG"
  if [ -z "${SKIP_SMOKE_TEST:-}" ]; then
    step "smoke test"
    "$PY" "$ROOT/packaging/smoke_test.py" "$APP/Contents/MacOS/ConnDoctor"
  fi
  step "done in $((SECONDS - STARTED)) s: $APP ($(du -sh "$APP" | cut -f1)), $DMG ($(du -h "$DMG" | cut -f1))"
  exit 0
fi

step "Linux archive"
NAME="ConnDoctor-$VERSION-linux-$ARCH"
STAGE="$ROOT/build/$NAME"
rm -rf "$STAGE"
mkdir -p "$STAGE/icons"
cp -a "$ROOT/dist/ConnDoctor" "$STAGE/ConnDoctor"
cp "$ROOT/packaging/linux/$ID.desktop" "$ROOT/packaging/linux/$ID.metainfo.xml" "$STAGE/"
install -m 755 "$ROOT/packaging/linux/install.sh" "$STAGE/install.sh"
cp -a "$ROOT/build/icons/hicolor" "$STAGE/icons/hicolor"
TARBALL="$ROOT/dist/$NAME.tar.gz"
tar -C "$ROOT/build" -czf "$TARBALL" "$NAME"
sha256_beside "$TARBALL"

step "AppImage-ready AppDir"
APPDIR="$ROOT/build/ConnDoctor.AppDir"
bash "$ROOT/packaging/linux/make_appdir.sh" "$ROOT/dist/ConnDoctor" "$ROOT/build/icons/hicolor" "$APPDIR"

step "glibc floor (the newest GLIBC_ symbol version any bundled file needs)"
"$PY" "$ROOT/packaging/glibc_floor.py" "$ROOT/dist/ConnDoctor" | tee "$ROOT/dist/$NAME.glibc.txt"

if [ -z "${SKIP_SMOKE_TEST:-}" ]; then
  step "smoke test"
  "$PY" "$ROOT/packaging/smoke_test.py" "$ROOT/dist/ConnDoctor/ConnDoctor"
  "$APPDIR/AppRun" --version
fi
FOLDER_MB=$(du -sm "$ROOT/dist/ConnDoctor" | cut -f1)
TARBALL_MB=$(( $(stat -c %s "$TARBALL") / 1048576 ))
step "done in $((SECONDS - STARTED)) s: dist/ConnDoctor/ ${FOLDER_MB} MB (goal < 150), $(basename "$TARBALL") ${TARBALL_MB} MB (goal < 60), $APPDIR"
