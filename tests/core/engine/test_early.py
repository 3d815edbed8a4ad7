"""Questions asked before the run: taken once, answered as asked, and always in the contacts."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conndoctor.core.engine import early
from conndoctor.core.engine.context import CheckContext, Options


def _context() -> CheckContext:
    return CheckContext(Options(), time.monotonic() + 5)


def test_a_run_takes_the_answers_and_every_contact_made() -> None:
    def answered(left: Callable[[], None]) -> int:
        left()
        return 42

    def unresolved(left: Callable[[], None]) -> int:
        raise socket.gaierror(-2, "Name or service not known")

    def refused(left: Callable[[], None]) -> int:
        left()
        raise ConnectionRefusedError(111, "Connection refused")

    early.ask_early("ntp", "time.example", "time.example", 123, "time", answered)
    early.ask_early("ntp", "nowhere.example", "nowhere.example", 123, "time", unresolved)
    early.ask_early(
        "connectivity", "http://probe.example/", "probe.example", 80, "connectivity", refused
    )
    ctx = _context()
    question = ctx.early_question("ntp", "time.example")
    assert question is not None and question.answer(2) == 42
    assert ctx.early_question("ntp", "time.example") is None  # once
    unresolved_question = ctx.early_question("ntp", "nowhere.example")
    assert unresolved_question is not None
    with pytest.raises(socket.gaierror):
        unresolved_question.answer(2)
    contacts = {(c.host, c.port, c.purpose) for c in ctx.contacts}
    # the refused probe was never taken, but its packets left: it is a contact all the same
    assert contacts == {("time.example", 123, "time"), ("probe.example", 80, "connectivity")}
    assert _context().early_question("connectivity", "http://probe.example/") is None


def test_an_answer_still_on_its_way_is_waited_for_only_as_long_as_asked() -> None:
    def slow(left: Callable[[], None]) -> str:
        left()
        time.sleep(0.5)
        return "late"

    early.ask_early("ntp", "slow.example", "slow.example", 123, "time", slow)
    question = _context().early_question("ntp", "slow.example")
    assert question is not None
    with pytest.raises(TimeoutError):  # had it waited for the answer, there would be one
        question.answer(0.05)
    assert question.answer(2) == "late"


def test_refused_input_leaves_no_question_for_a_later_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The questions leave before the input is fully checked; a command that then refuses it
    must not leave them to the next run in the same process (its contacts would be wrong)."""
    from conndoctor import cli

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.delenv("CONNDOCTOR_CONFIG", raising=False)
    servers = [socket.socket(socket.AF_INET, socket.SOCK_DGRAM), socket.socket(), socket.socket()]
    for server in servers:
        server.bind(("127.0.0.1", 0))
    servers[1].listen(4)
    servers[2].listen(4)
    ntp_port, probe_port, site_port = (s.getsockname()[1] for s in servers)
    try:
        status = cli.main(
            [
                "check",
                f"https://127.0.0.1:{site_port}/",
                f"--ntp-server=127.0.0.1:{ntp_port}",
                f"--connectivity-url=http://127.0.0.1:{probe_port}/",
                "--skip=no.such_check",
                "--timeout=1",
            ]
        )
    finally:
        for server in servers:
            server.close()
    assert status == 2 and "no.such_check" in capsys.readouterr().err
    assert early.take_early_questions() == {}
