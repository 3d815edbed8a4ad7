"""Run the checks under one deadline, each as soon as what it needs is known, and tell a
listener about each as it finishes.

A check starts the moment the checks it `needs` have finished (at once when it needs none),
so everything independent runs at the same time from the first moment and a slow link costs
only the round trips the facts need. Each check runs on its own daemon thread: a server that
never answers may keep a thread stuck in a system call, but never the run, and never the
process's exit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
from collections.abc import Callable, Sequence
from typing import NamedTuple

from conndoctor.core.engine.context import CheckContext, Contact, Options
from conndoctor.core.engine.model import Area, CheckResult, Message, Status


class Check(NamedTuple):
    """One diagnostic step: what it is called, which wizard step shows it, what it needs."""

    id: str
    area: Area
    run: Callable[[CheckContext], CheckResult]
    needs: tuple[str, ...] = ()
    """Checks whose results this one starts from: it starts when they have finished and reads
    them with `ctx.given` (a need outside this run counts as finished, with no result)."""
    needs_target: bool = True
    waits_on_network: bool = False
    """Mostly waits for servers: started first, so the waiting overlaps the local checks' work
    (each new thread runs its first steps before the next can be started)."""
    consults: tuple[str, ...] = ()
    """Checks whose results this one reads only in some cases (a fallback, a second opinion):
    it starts without them and waits for them with `ctx.result_of` only when it must."""
    warm_up: Callable[[Options], None] | None = None
    """Slow local preparation (loading a library) started on a worker thread the moment the
    run starts, so that it overlaps the network waits instead of adding to them."""

    @property
    def title(self) -> Message:
        return Message(f"check.{self.id}.title")


class RunEvent(NamedTuple):
    """Progress for a listener (the CLI's verbose mode, the wizard's live list)."""

    kind: str  # "started" | "finished"
    check_id: str
    done: int
    total: int
    result: CheckResult | None = None


class RunOutcome(NamedTuple):
    results: tuple[CheckResult, ...]
    contacts: tuple[Contact, ...]
    started_at: dt.datetime
    duration_s: float
    cancelled: bool = False


def run_checks(
    checks: Sequence[Check],
    options: Options,
    on_event: Callable[[RunEvent], None] | None = None,
    cancel: threading.Event | None = None,
) -> RunOutcome:
    """Run `checks` as their needs allow; return within `options.timeout_s` whatever happens.
    `on_event` hears of every result before the run returns, unless the deadline comes first."""
    started_at = dt.datetime.now(dt.UTC)
    start = time.monotonic()
    deadline = start + options.timeout_s
    selected = [
        c for c in checks if c.id not in options.skip and (options.target or not c.needs_target)
    ]
    ctx = CheckContext(options, deadline, cancelled=cancel, planned=[c.id for c in selected])
    total = len(selected)
    planned = {c.id for c in selected}
    finished: list[str] = []
    told: list[str] = []
    lock = threading.Lock()
    all_done = threading.Event()
    waiting = sorted(selected, key=lambda c: not c.waits_on_network)

    def notify(event: RunEvent) -> None:
        if on_event is not None:
            with contextlib.suppress(Exception):  # a listener's bug must not stop the run
                on_event(event)

    def ready_to_start() -> list[Check]:
        """Take the waiting checks whose needs have all finished (call with `lock` held)."""
        ready = [c for c in waiting if all(n in finished or n not in planned for n in c.needs)]
        for check in ready:
            waiting.remove(check)
        return ready

    def launch(ready: list[Check]) -> None:
        for check in ready:
            name = f"check-{check.id}"
            threading.Thread(target=work, args=(check,), name=name, daemon=True).start()

    def work(check: Check) -> None:
        notify(RunEvent("started", check.id, len(finished), total))
        began = time.monotonic()
        try:
            outcome = check.run(ctx)
        except Exception as exc:
            outcome = CheckResult(
                check.id,
                Status.ERROR,
                Message("runner.crashed", {"error": f"{type(exc).__name__}: {exc}"}),
            )
        outcome = outcome._replace(check_id=check.id, duration_s=round(time.monotonic() - began, 4))
        with lock:
            if check.id in finished or all_done.is_set():
                return
            ctx.publish(outcome)
            finished.append(check.id)
            done = len(finished)
            ready = ready_to_start()
        launch(ready)
        notify(RunEvent("finished", check.id, done, total, outcome))
        with lock:
            told.append(check.id)
            if len(told) == total:  # every listener has heard of every result
                all_done.set()

    if total == 0:
        all_done.set()
    with lock:
        first = ready_to_start()
    launch(first)
    warming: list[threading.Thread] = []  # after the first checks: their packets leave first
    for check in selected:
        if check.warm_up is not None:
            warming.append(threading.Thread(target=_quietly, args=(check.warm_up, options)))
            warming[-1].daemon = True
            warming[-1].start()

    while not all_done.is_set():
        if all_done.wait(min(0.05, max(0.0, deadline - time.monotonic()))):
            break
        if time.monotonic() >= deadline or (cancel is not None and cancel.is_set()):
            break

    was_cancelled = cancel is not None and cancel.is_set() and not all_done.is_set()
    with lock:
        all_done.set()
        results = {c.id: ctx.result_of(c.id, wait=False) for c in selected}
    ctx.site.close()
    for thread in warming:  # an import cut off by the process's exit can abort the process
        thread.join(max(0.0, deadline - time.monotonic()))
    final: list[CheckResult] = []
    for check in selected:
        found = results[check.id]
        if found is None:
            key = "runner.cancelled" if was_cancelled else "runner.timed_out"
            found = CheckResult(
                check.id,
                Status.ERROR,
                Message(key, {"seconds": options.timeout_s}),
                duration_s=round(time.monotonic() - start, 4),
            )
            notify(RunEvent("finished", check.id, total, total, found))
        final.append(found)
    return RunOutcome(
        results=tuple(final),
        contacts=ctx.contacts,
        started_at=started_at,
        duration_s=round(time.monotonic() - start, 4),
        cancelled=was_cancelled,
    )


def _quietly(warm_up: Callable[[Options], None], options: Options) -> None:
    """A warm-up only saves time: when it fails, the check meets the same failure itself."""
    with contextlib.suppress(Exception):
        warm_up(options)
