#!/usr/bin/env bash
# Sets up Connection Doctor in .venv (Qt's Debian libraries too, when run as root) and opens the wizard.
set -euo pipefail
cd "$(dirname "$0")/.."
QT_LIBS=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-cursor0
  libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0
  libxcb-xinerama0 libxcb-xkb1)
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  missing=()
  for package in "${QT_LIBS[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
pip_log=$(mktemp)
if ! .venv/bin/python -m pip install -q --disable-pip-version-check -e . >"$pip_log" 2>&1; then
  cat "$pip_log" >&2
  exit 1
fi
rm -f "$pip_log"
.venv/bin/python -m conndoctor.ui.translations build >/dev/null 2>&1 || true
.venv/bin/python -m compileall -q app >/dev/null 2>&1 || true  # bytecode once, as a wheel install has it
exec .venv/bin/conndoctor "$@"
