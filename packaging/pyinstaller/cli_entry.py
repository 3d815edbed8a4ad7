"""conndoctor-cli.exe's start (Windows): always the command line, never the wizard.

A windowed .exe has no console to print to, so Windows gets this second, console program in
the same folder; with no arguments it prints the usage instead of opening a window.
"""

import sys

from conndoctor.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
