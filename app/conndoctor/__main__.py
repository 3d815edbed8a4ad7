"""Entry point: no arguments (or only the help-desk flags) opens the wizard, anything else is the
command line.

The command line (`--version`, `check`, `explain`) never loads Qt: only the wizard and the PDF
need it, and loading it costs more than most checks. Anything unexpected ends in a sentence for
the person and a details file for the help desk (`conndoctor.failure`), never a traceback.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == [
        "--evaluate-pac-script"
    ]:  # conndoctor.core.probes.pac.CHILD_FLAG: a PAC script apart
        from conndoctor.core.probes.pac import child_main

        return child_main()
    try:
        if not args:
            from conndoctor.ui.app import run_wizard

            return run_wizard()
        from conndoctor.cli import opens_wizard, wizard_main

        if opens_wizard(args):
            return wizard_main(args)
        _collect_less_often()
        from conndoctor.cli import main as cli_main

        status = cli_main(args, own_process=True)
        _leave_quickly()
        return status
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        from conndoctor.failure import report_unexpected

        return report_unexpected(error, list(args), windowed=not args)


def _collect_less_often() -> None:
    """A command runs for a fraction of a second and loads hundreds of modules: the cycle
    collector's youngest generation is walked every 50,000 new objects instead of every 700
    (about 6% of a healthy check's time; bench/RESULTS.md). It still runs, so a hostile
    server's garbage stays bounded."""
    import gc

    gc.set_threshold(50_000)


def _leave_quickly() -> None:
    """The command's output is written and the process ends now: everything it made moves to
    the collector's permanent generation, so the collections while the interpreter shuts down
    do not walk it again (about 50 ms of a `check`'s exit; bench/RESULTS.md)."""
    import gc

    gc.freeze()


if __name__ == "__main__":
    sys.exit(main())
