"""Frozen app's start: no arguments opens the wizard, `check ...` / `explain ...` is the CLI."""

import sys

from conndoctor.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
