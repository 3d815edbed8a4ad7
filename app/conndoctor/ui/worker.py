"""Background work for the wizard: running checks, scanning browsers, clearing a cache.

Nothing slow ever runs on the GUI thread. A `CheckRun` owns a QThread and a worker object
living in it, which asks the core's session to run the checks (the session's `run_checks`
only measures; the page hands the report back to the session on the GUI thread). The core's
progress callbacks (called from the runner's own threads) arrive on the GUI thread as queued
signals, so pages only react to them.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal, Slot

if TYPE_CHECKING:
    from conndoctor.core.engine.runner import Check
    from conndoctor.core.engine.session import Session


class _RunWorker(QObject):
    event = Signal(object)  # type: ignore[assignment]
    finished = Signal(object)
    failed = Signal(str)

    def __init__(
        self, session: Session, checks: Sequence[Check] | None, cancel: threading.Event
    ) -> None:
        super().__init__()
        self._session = session
        self._checks = checks
        self._cancel = cancel

    @Slot()
    def run(self) -> None:
        try:
            report = self._session.run_checks(
                self._checks, on_event=self.event.emit, cancel=self._cancel
            )
        except Exception as exc:
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.finished.emit(report)


class CheckRun(QObject):
    """One run of checks in the background: `event` per progress step, `finished` with the
    report."""

    event = Signal(object)  # type: ignore[assignment]
    finished = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        session: Session,
        checks: Sequence[Check] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.cancel_event = threading.Event()
        self._thread = QThread()
        self._thread.setObjectName("conndoctor-checks")
        self._worker = _RunWorker(session, checks, self.cancel_event)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.event.connect(self.event)
        self._worker.finished.connect(self._done)
        self._worker.failed.connect(self._failed)
        self.running = False

    def start(self) -> None:
        self.running = True
        self._thread.start()

    def cancel(self) -> None:
        self.cancel_event.set()

    def _done(self, report: object) -> None:
        self._stop_thread()
        self.finished.emit(report)

    def _failed(self, message: str) -> None:
        self._stop_thread()
        self.failed.emit(message)

    def _stop_thread(self) -> None:
        self.running = False
        self._thread.quit()
        self._thread.wait(2000)

    def shutdown(self) -> None:
        """Stop waiting for the run (closing the wizard); the runner returns within 50 ms."""
        self.cancel_event.set()
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait(3000)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._work = work
        self._signals = signals

    def run(self) -> None:
        try:
            value = self._work()
        except Exception as exc:
            self._tell(self._signals.failed, f"{type(exc).__name__}: {exc}")
            return
        self._tell(self._signals.done, value)

    @staticmethod
    def _tell(signal: Any, value: Any) -> None:
        # The window that asked may have closed meanwhile: then nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            signal.emit(value)


def in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[str], None] | None = None,
    owner: QObject | None = None,
) -> _Signals:
    """Run `work` on Qt's thread pool; `on_done(value)` is called on the GUI thread."""
    signals = _Signals()
    signals.done.connect(on_done)
    if on_failed is not None:
        signals.failed.connect(on_failed)
    QThreadPool.globalInstance().start(_Task(work, signals))
    return signals
