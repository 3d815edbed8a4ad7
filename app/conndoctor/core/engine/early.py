"""Questions a command asks before its run has loaded the checks that read the answers.

On a slow link every round trip counts, and a check can only start once its module has loaded,
about a hundred milliseconds into a command. So the command line asks the time servers and the
connectivity-check URLs at once, beside the site's head start (`connection.HeadStart`), exactly
as clock.network_time and network.connectivity would ask them. Those checks take the answers
(waiting for one still on its way) and judge them themselves. A question nobody took still
counts as a contact in the report: its packets left. The wizard asks nothing early.

This module loads before the checks, so it imports nothing of theirs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

Ask = Callable[[Callable[[], None]], Any]
"""Asks its question and returns the answer; calls the function it is given once its packets
have left for the host (a name that does not resolve contacts nobody)."""


class EarlyQuestion:
    """One question on its own thread: to `host`:`port`, for `purpose` (the report's contacts)."""

    def __init__(self, host: str, port: int, purpose: str, ask: Ask) -> None:
        self.host, self.port, self.purpose = host, port, purpose
        self.packets_left = False
        self._answer: Any = None
        self._error: Exception | None = None
        self._done = threading.Event()
        name = f"early-{purpose}"
        threading.Thread(target=self._run, args=(ask,), daemon=True, name=name).start()

    def _run(self, ask: Ask) -> None:
        try:
            self._answer = ask(self._left)
        except Exception as exc:  # given to the check that takes the answer, as its own would be
            self._error = exc
        finally:
            self._done.set()

    def _left(self) -> None:
        self.packets_left = True

    def answer(self, wait_s: float) -> Any:
        """The answer, waiting up to `wait_s` for it; raises what asking raised, or
        TimeoutError while it is still on its way."""
        if not self._done.wait(max(0.0, wait_s)):
            raise TimeoutError("no answer in time")
        if self._error is not None:
            raise self._error
        return self._answer


_asked: dict[tuple[str, str], EarlyQuestion] = {}
_asked_lock = threading.Lock()


def ask_early(kind: str, key: str, host: str, port: int, purpose: str, ask: Ask) -> None:
    """Ask now; the next run takes the answer by (`kind`, `key`), e.g. ("ntp", server)."""
    question = EarlyQuestion(host, port, purpose, ask)
    with _asked_lock:
        _asked[(kind, key)] = question


def take_early_questions() -> dict[tuple[str, str], EarlyQuestion]:
    """Every question asked early, once: the run that comes next takes them all."""
    with _asked_lock:
        taken = dict(_asked)
        _asked.clear()
    return taken


def drop_early_questions() -> None:
    """A command that refuses its input makes no run: its questions are left to nobody (the
    answers arrive and are not read; in one process, a later run must not take them)."""
    take_early_questions()
