"""Entry point: no arguments (or only the help-desk flags) opens the wizard, anything else is the
command line.

The command line (`--version`, `check`, `explain`) never loads Qt: only the wizard and the PDF
need it, and loading it costs more than most checks. Anything unexpected ends in a sentence for
the person and a details file for the help desk (`conndoctor.failure`), never a traceback.
"""

from __future__ import annotations

import sys
from typing import NoReturn


def run() -> NoReturn:
    """The program itself (`python -m conndoctor`, the `conndoctor` command, the frozen app):
    `main` with this process's arguments, and a command line that ends at once."""
    sys.exit(main(leave_when_done=True))


def main(argv: list[str] | None = None, *, leave_when_done: bool = False) -> int:
    """`leave_when_done`: a finished command ends this process without the interpreter's
    shutdown; only for the process that is nothing but this command."""
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
        if leave_when_done:
            _leave_now(status)
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


def _leave_now(status: int) -> None:
    """The answer is written and its files are closed: with no thread left to wait for and no
    exit handler, the interpreter's shutdown would only free memory and unload about 240
    modules, some 13 ms after the last answer (bench/RESULTS.md). The output is flushed, then
    the process ends. A PDF leaves Qt loaded; then the interpreter shuts down as usual, so Qt
    can close."""
    import contextlib
    import os
    import threading

    if any(name.startswith("PySide6") for name in sys.modules):
        return
    if _has_exit_handlers() or any(
        not thread.daemon
        for thread in threading.enumerate()
        if thread is not threading.main_thread()
    ):
        return  # a thread the shutdown would wait for
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader that went away (`| head`)
            stream.flush()
    os._exit(status)


def _has_exit_handlers() -> bool:
    import atexit

    return atexit._ncallbacks() > 0


if __name__ == "__main__":
    run()
