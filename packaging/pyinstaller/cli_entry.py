"""conndoctor-cli.exe's start (Windows): always the command line, never the wizard.

A windowed .exe has no console to print to, so Windows gets this second, console program in
the same folder; with no arguments it prints the usage instead of opening a window.
"""

import sys

from conndoctor.cli import main
from conndoctor.core.probes.pac import CHILD_FLAG, child_main

if __name__ == "__main__":
    # the program runs a PAC script in a child of itself (conndoctor.core.probes.pac.find_proxies)
    sys.exit(child_main() if sys.argv[1:] == [CHILD_FLAG] else main(sys.argv[1:]))
