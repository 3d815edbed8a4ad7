"""The runner: checks run at once, one deadline holds, progress arrives, bugs become results."""

from __future__ import annotations

import threading
import time

import pytest

from conndoctor.core.engine.context import CheckContext, Options
from conndoctor.core.engine.facts import DnsFacts
from conndoctor.core.engine.model import Area, CheckResult, Status, facts_of, result
from conndoctor.core.engine.runner import Check, RunEvent, run_checks
from conndoctor.core.engine.target import parse_target

TARGET = parse_target("localhost:1")


def Noted(value: object) -> DnsFacts:
    """The one fact these test checks pass on to each other, in a record that can hold
    anything (a JSON-like piece)."""
    return DnsFacts(probe={"value": value})


def _noted(found: CheckResult | None) -> object:
    facts = facts_of(found, DnsFacts)
    assert facts is not None and facts.probe is not None
    return facts.probe["value"]


def _sleeper(seconds: float, check_id: str) -> Check:
    def run(ctx: CheckContext) -> CheckResult:
        time.sleep(seconds)
        return result(check_id, Status.OK, "x")

    return Check(check_id, Area.CONNECTION, run)


def test_checks_run_concurrently() -> None:
    checks = [_sleeper(0.3, f"c{i}") for i in range(5)]
    started = time.monotonic()
    outcome = run_checks(checks, Options(target=TARGET, timeout_s=5))
    assert time.monotonic() - started < 1.0
    assert [r.status for r in outcome.results] == [Status.OK] * 5
    assert all(r.duration_s >= 0.29 for r in outcome.results)


def test_deadline_holds_when_a_check_hangs() -> None:
    block = threading.Event()

    def hang(ctx: CheckContext) -> CheckResult:
        block.wait(30)
        return result("hang", Status.OK, "x")

    checks = [Check("hang", Area.SITE, hang), _sleeper(0.01, "quick")]
    started = time.monotonic()
    outcome = run_checks(checks, Options(target=TARGET, timeout_s=0.5))
    elapsed = time.monotonic() - started
    block.set()
    assert elapsed < 1.0
    by_id = {r.check_id: r for r in outcome.results}
    assert by_id["hang"].status is Status.ERROR
    assert by_id["hang"].summary.key == "runner.timed_out"
    assert by_id["quick"].status is Status.OK


def test_a_crashing_check_becomes_an_error_result() -> None:
    def crash(ctx: CheckContext) -> CheckResult:
        raise RuntimeError("boom")

    outcome = run_checks([Check("crash", Area.SITE, crash)], Options(target=TARGET, timeout_s=2))
    assert outcome.results[0].status is Status.ERROR
    assert "boom" in outcome.results[0].summary.args["error"]


def test_events_report_progress_in_order() -> None:
    events: list[RunEvent] = []
    run_checks([_sleeper(0.01, "a"), _sleeper(0.05, "b")], Options(target=TARGET), events.append)
    finished = [e for e in events if e.kind == "finished"]
    assert [e.check_id for e in finished] == ["a", "b"]
    assert [e.done for e in finished] == [1, 2]
    assert all(e.total == 2 for e in events)
    assert {e.check_id for e in events if e.kind == "started"} == {"a", "b"}


def test_a_check_can_wait_for_another() -> None:
    def first(ctx: CheckContext) -> CheckResult:
        time.sleep(0.1)
        return result("first", Status.FAIL, "x", facts=Noted(value=42))

    def second(ctx: CheckContext) -> CheckResult:
        other = ctx.result_of("first")
        assert other is not None
        return result("second", Status.OK, "x", facts=Noted(value=_noted(other)))

    outcome = run_checks(
        [Check("second", Area.SITE, second), Check("first", Area.SITE, first)],
        Options(target=TARGET, timeout_s=2),
    )
    assert _noted({r.check_id: r for r in outcome.results}["second"]) == 42


def test_cancel_stops_the_run() -> None:
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    started = time.monotonic()
    outcome = run_checks([_sleeper(5, "slow")], Options(target=TARGET, timeout_s=10), cancel=cancel)
    assert time.monotonic() - started < 1.0
    assert outcome.cancelled
    assert outcome.results[0].summary.key == "runner.cancelled"


def test_skipped_and_target_free_runs() -> None:
    checks = [_sleeper(0, "a"), _sleeper(0, "b")]
    outcome = run_checks(checks, Options(target=TARGET, skip=frozenset({"a"})))
    assert [r.check_id for r in outcome.results] == ["b"]
    assert run_checks(checks, Options(target=None)).results == ()


def test_computer_clock_follows_now_option() -> None:
    import datetime as dt

    pretend = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    ctx = CheckContext(Options(now=pretend), deadline=time.monotonic() + 1)
    assert abs((ctx.computer_now() - pretend).total_seconds()) < 1


def test_resolve_override_and_contacts() -> None:
    options = Options(resolve={("example.test", 443): ("127.0.0.1",)})
    ctx = CheckContext(options, deadline=time.monotonic() + 1)
    assert ctx.resolve("EXAMPLE.test", 443) == ["127.0.0.1"]
    ctx.note_contact("example.test", 443, "site")
    ctx.note_contact("example.test", 443, "site")
    assert len(ctx.contacts) == 1


def test_waiting_for_a_check_that_is_not_in_the_run_returns_at_once() -> None:
    def lonely(ctx: CheckContext) -> CheckResult:
        other = ctx.result_of("not.planned")
        return result("lonely", Status.OK, "x", facts=Noted(value=other is None))

    started = time.monotonic()
    outcome = run_checks([Check("lonely", Area.SITE, lonely)], Options(target=TARGET, timeout_s=3))
    assert time.monotonic() - started < 0.5
    assert _noted(outcome.results[0]) is True


def test_all_at_once_collects_in_arrival_order_and_stops_early() -> None:
    from conndoctor.core.engine.context import all_at_once

    def after(seconds: float, value: str):
        def job() -> str:
            time.sleep(seconds)
            return value

        return job

    started = time.monotonic()
    got = all_at_once([after(0.2, "slow"), after(0.01, "fast")], 2.0, name="t")
    assert got == ["fast", "slow"]
    stopped = all_at_once(
        [after(5, "hangs"), after(0.01, "clear")], 2.0, name="t", enough=lambda a: a == "clear"
    )
    assert stopped == ["clear"]
    assert all_at_once([after(5, "hangs")], 0.1, name="t") == []
    assert time.monotonic() - started < 1.0


def test_checks_that_wait_on_the_network_are_started_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """Their waiting then overlaps the local checks' work; results keep the given order."""
    import conndoctor.core.engine.runner as runner

    started: list[str] = []

    class RecordingThread(threading.Thread):
        def start(self) -> None:
            started.append(self.name.removeprefix("check-"))
            super().start()

    monkeypatch.setattr(runner.threading, "Thread", RecordingThread)
    local = [_sleeper(0.01, "local-1"), _sleeper(0.01, "local-2")]
    remote = [_sleeper(0.01, "remote-1")._replace(waits_on_network=True)]
    remote.append(_sleeper(0.01, "remote-2")._replace(waits_on_network=True))
    outcome = run_checks([local[0], remote[0], local[1], remote[1]], Options(target=TARGET))
    assert started == ["remote-1", "remote-2", "local-1", "local-2"]
    assert [r.check_id for r in outcome.results] == ["local-1", "remote-1", "local-2", "remote-2"]


def test_a_check_starts_when_its_needs_have_finished_and_is_given_their_results() -> None:
    began: dict[str, float] = {}

    def first(ctx: CheckContext) -> CheckResult:
        began["first"] = time.monotonic()
        time.sleep(0.2)
        return result("first", Status.OK, "x", facts=Noted(value=7))

    def second(ctx: CheckContext) -> CheckResult:
        began["second"] = time.monotonic()
        given = ctx.given("first")
        assert given is not None
        return result("second", Status.OK, "x", facts=Noted(value=_noted(given)))

    def alone(ctx: CheckContext) -> CheckResult:
        began["alone"] = time.monotonic()
        return result("alone", Status.OK, "x")

    checks = [
        Check("second", Area.SITE, second, needs=("first",)),
        Check("first", Area.SITE, first),
        Check("alone", Area.SITE, alone, consults=("first",)),
    ]
    outcome = run_checks(checks, Options(target=TARGET, timeout_s=3))
    by_id = {r.check_id: r for r in outcome.results}
    assert _noted(by_id["second"]) == 7
    assert began["second"] - began["first"] >= 0.19
    assert began["alone"] - began["first"] < 0.1, "a consulted check is not waited for"
    assert [r.check_id for r in outcome.results] == ["second", "first", "alone"]


def test_a_need_outside_the_run_does_not_hold_a_check_back() -> None:
    def lonely(ctx: CheckContext) -> CheckResult:
        return result("lonely", Status.OK, "x", facts=Noted(value=ctx.given("elsewhere")))

    checks = [Check("lonely", Area.SITE, lonely, needs=("elsewhere",)), _sleeper(0, "elsewhere")]
    started = time.monotonic()
    outcome = run_checks(checks, Options(target=TARGET, timeout_s=3, skip=frozenset({"elsewhere"})))
    assert time.monotonic() - started < 0.5
    assert outcome.results[0].status is Status.OK
    assert _noted(outcome.results[0]) is None


def test_a_check_whose_need_never_finishes_times_out_with_the_run() -> None:
    block = threading.Event()

    def hang(ctx: CheckContext) -> CheckResult:
        block.wait(30)
        return result("hang", Status.OK, "x")

    checks = [Check("hang", Area.SITE, hang), Check("after", Area.SITE, hang, needs=("hang",))]
    outcome = run_checks(checks, Options(target=TARGET, timeout_s=0.3))
    block.set()
    assert [r.summary.key for r in outcome.results] == ["runner.timed_out"] * 2


def test_warm_up_starts_with_the_run_beside_the_checks() -> None:
    warmed = threading.Event()

    def warm_up(options: Options) -> None:
        warmed.set()

    def needs_warmth(ctx: CheckContext) -> CheckResult:
        return result("warm", Status.OK, "x", facts=Noted(value=warmed.wait(2)))

    def broken_warm_up(options: Options) -> None:
        raise RuntimeError("only time is lost")

    checks = [
        Check("warm", Area.SITE, needs_warmth, warm_up=warm_up),
        _sleeper(0, "other")._replace(warm_up=broken_warm_up),
    ]
    outcome = run_checks(checks, Options(target=TARGET, timeout_s=3))
    assert _noted(outcome.results[0]) is True
    assert outcome.results[1].status is Status.OK


def test_a_run_that_ends_early_waits_for_its_warm_up_within_the_deadline() -> None:
    """A process that exits while a worker thread is importing a native module can abort."""
    finished = threading.Event()

    def slow_warm_up(options: Options) -> None:
        time.sleep(0.2)
        finished.set()

    hanging_warm_up = _sleeper(0, "late")._replace(warm_up=lambda options: time.sleep(30))
    run_checks([_sleeper(0, "quick")._replace(warm_up=slow_warm_up)], Options(target=TARGET))
    assert finished.is_set()
    started = time.monotonic()
    run_checks([hanging_warm_up], Options(target=TARGET, timeout_s=0.3))
    assert time.monotonic() - started < 1.0


def test_every_finished_event_is_told_before_the_run_returns() -> None:
    """A listener still busy with one check's result when another, later check finishes last
    is told of both before `run_checks` returns (the wizard's list and a helper process read
    every result from the events)."""
    heard: list[str] = []

    def slow_listener(event: RunEvent) -> None:
        if event.kind == "finished" and event.check_id == "early":
            time.sleep(0.3)  # the other check finishes meanwhile
        if event.kind == "finished":
            heard.append(event.check_id)

    checks = [_sleeper(0.0, "early"), _sleeper(0.1, "late")]
    outcome = run_checks(checks, Options(target=TARGET, timeout_s=5), on_event=slow_listener)
    assert sorted(heard) == ["early", "late"]
    assert [r.status for r in outcome.results] == [Status.OK, Status.OK]
