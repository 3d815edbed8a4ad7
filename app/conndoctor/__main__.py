"""Entry point: no arguments opens the wizard, anything else is the command line."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        from conndoctor.ui.app import run_wizard

        return run_wizard()
    from conndoctor.cli import opens_wizard, wizard_main

    if opens_wizard(args):
        return wizard_main(args)
    from conndoctor.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
