"""Frozen app's start: no arguments opens the wizard, `check ...` / `explain ...` is the CLI."""

from conndoctor.__main__ import run

if __name__ == "__main__":
    run()
