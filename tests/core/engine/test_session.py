"""The session the wizard shares with the CLI: options from answers and the organisation's file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conndoctor.core.checks import all_checks
from conndoctor.core.engine.config import load_config
from conndoctor.core.engine.context import Options
from conndoctor.core.engine.model import Device, Status
from conndoctor.core.engine.session import (
    Answers,
    FixAction,
    FixAttempt,
    Session,
    fix_order,
    phone_os,
    session_options,
    worst,
)
from conndoctor.core.knowledge.diagnosis import Cause
from tests.lab.http_servers import HttpLab
from tests.lab.tls_servers import LabSite

ORG = """
[help_desk]
phone = "03-1234-5678"
[network]
ntp_servers = ["time.example.org"]
connectivity_urls = ["http://check.example.org/generate_204"]
[checks]
skip = ["browser.inventory"]
"""


def test_answers_and_the_organisation_file_make_the_options(tmp_path: Path) -> None:
    config = tmp_path / "org.toml"
    config.write_text(ORG, encoding="utf-8")
    org, messages = load_config(config)
    assert messages == []
    answers = Answers(device="iphone", os_version=" 17.2 ", browser="safari_ios", seen="X")
    options = session_options(Options(public_ca_file="roots.pem"), answers, org)
    assert options.ntp_servers == ("time.example.org",)
    assert options.connectivity_urls == ("http://check.example.org/generate_204",)
    assert "browser.inventory" in options.skip
    assert options.os_override == ("ios", "17.2")
    assert type(options.device) is Device and options.device is Device.IPHONE
    assert options.public_ca_file == "roots.pem"  # the help desk's flag stays
    assert options.seen == "X" and options.browser_fails


def test_blocking_and_fundamental_causes_come_first() -> None:
    causes = [Cause("browser_cache", 0.9), Cause("cert_expired", 0.9), Cause("clock_wrong", 0.5)]
    assert [c.id for c in fix_order(causes)] == ["clock_wrong", "cert_expired", "browser_cache"]


def test_a_phone_without_a_version_has_no_os_to_judge() -> None:
    assert phone_os(Device.ANDROID, " 14 ") == ("android", "14")
    assert phone_os(Device.ANDROID, "  ") is None
    assert phone_os(Device.THIS_COMPUTER, "14") is None


def test_without_answers_the_flags_stay_and_the_organisation_file_applies(tmp_path: Path) -> None:
    config = tmp_path / "org.toml"
    config.write_text(ORG, encoding="utf-8")
    org, _ = load_config(config)
    base = Options(device=Device.ANDROID, browser="chrome", seen="X", ntp_servers=("a.example",))
    options = Session(base, org).options
    assert (options.device, options.browser, options.seen) == ("android", "chrome", "X")
    assert not options.browser_fails  # the command line's flags are not wizard answers
    assert options.ntp_servers == ("a.example",)  # a flag wins over the file
    assert "browser.inventory" in options.skip
    assert Session(Options(), org).options.ntp_servers == ("time.example.org",)
    assert Session(base).options == base


def test_a_run_honours_the_settings_and_a_recheck_merges(
    lab_site: Callable[..., LabSite],
    ntp_server: Callable[..., str],
    http_lab: HttpLab,
    tmp_path: Path,
) -> None:
    ntp = ntp_server(0.0)
    config = tmp_path / "org.toml"
    config.write_text(
        '[checks]\nskip = ["browsers.inventory"]\n'
        f'[network]\nntp_servers = ["{ntp}"]\n'
        f'connectivity_urls = ["{http_lab.url("/generate_204")}"]\n',
        encoding="utf-8",
    )
    org, messages = load_config(config)
    assert messages == []
    site = lab_site("expired")
    session = Session(site.options(timeout_s=8, home=tmp_path / "home"), org)
    first = session.run()
    assert session.report is first
    assert first.causes[0].id == "cert_expired"
    assert first.result("browsers.inventory") is None
    assert first.options.ntp_servers == (ntp,)
    network_time = first.result("clock.network_time")
    assert network_time is not None and network_time.status is Status.OK

    handshake = [c for c in all_checks() if c.id == "tls.handshake"]
    again = session.recheck(handshake)
    assert session.report is again
    assert [r.check_id for r in again.results][: len(first.results)] == [
        r.check_id for r in first.results
    ]
    assert again.causes[0].id == "cert_expired"
    before, after = first.result("tls.handshake"), again.result("tls.handshake")
    assert before is not None and after is not None and after is not before

    attempt = session.history[-1]
    assert (attempt.area, attempt.action, attempt.cause) == ("site", FixAction.CHECK_AGAIN, None)
    assert attempt.before["tls.handshake"] is before.status
    assert attempt.after["tls.handshake"] is after.status
    assert again.result("network.tcp") is not first.result("network.tcp")  # waited for: ran too
    assert "network.tcp" not in attempt.after  # but it is the connection step's, not the site's
    site_checks = {c.id for c in all_checks() if c.area.value == "site"}
    assert set(attempt.after) <= site_checks and set(attempt.before) == set(attempt.after)
    assert attempt.rechecked and not attempt.improved and attempt.still_failing
    cleared = session.record("browser", FixAction.CLEAR_CACHE, note="12 MB")
    assert session.history == [attempt, cleared] and not cleared.rechecked
    assert set(cleared.before) <= {c.id for c in all_checks() if c.area.value == "browser"}
    assert session.first_report is first
    session.run(handshake)
    assert session.history == [] and session.first_report is session.report


def test_a_fix_attempt_says_what_changed_and_whether_it_helped() -> None:
    attempt = FixAttempt(
        "clock",
        FixAction.CHECK_AGAIN,
        {"clock.network_time": Status.FAIL, "clock.local": Status.OK},
        {"clock.network_time": Status.OK, "clock.local": Status.OK},
        "clock_wrong",
    )
    assert attempt.changes() == {"clock.network_time": (Status.FAIL, Status.OK)}
    assert attempt.improved and not attempt.still_failing
    assert attempt.concerned() == {"clock.network_time": (Status.FAIL, Status.OK)}
    worse = FixAttempt("site", FixAction.CHECK_AGAIN, {"a": Status.WARN}, {"a": Status.ERROR})
    assert not worse.improved and worse.still_failing
    assert worst([Status.SKIPPED, Status.ERROR, Status.WARN]) is Status.ERROR
    assert worst([]) is Status.OK
