"""The OS rules table, the Windows/macOS readers on recorded data, and the disk check."""

from __future__ import annotations

import shutil
import ssl
import time
from pathlib import Path

import pytest

from conndoctor.core.checks import system
from conndoctor.core.checks.system import judge_os, secure_protocols_names
from conndoctor.core.engine.context import CheckContext, Options
from conndoctor.core.engine.model import Status
from conndoctor.core.knowledge.i18n import render, text
from conndoctor.core.platforms.macos import MacPlatform
from conndoctor.core.platforms.registry import RecordedRegistry
from conndoctor.core.platforms.windows import WindowsPlatform

DATA = Path(__file__).resolve().parents[2] / "data" / "platforms"


def _ctx(**options: object) -> CheckContext:
    return CheckContext(Options(**options), time.monotonic() + 10)  # type: ignore[arg-type]


def _windows(tmp_path: Path, *recordings: str) -> WindowsPlatform:
    texts = [(DATA / "windows" / name).read_text(encoding="utf-8") for name in recordings]
    return WindowsPlatform(
        tmp_path, system_root=tmp_path, processes=tuple, registry=RecordedRegistry(*texts)
    )


@pytest.mark.parametrize(
    ("os_name", "version", "tls12", "tls13"),
    [
        ("windows", "XP", "unsupported", "unsupported"),
        ("windows", "Vista", "unsupported", "unsupported"),
        ("windows", "6.0.6002", "unsupported", "unsupported"),
        ("windows", "7", "needs_setting_or_update", "unsupported"),
        ("windows", "6.1.7601", "needs_setting_or_update", "unsupported"),
        ("windows", "8", "needs_setting_or_update", "unsupported"),
        ("windows", "8.1", "default", "unsupported"),
        ("windows", "10", "default", "unsupported"),
        ("windows", "10.0.19045", "default", "unsupported"),
        ("windows", "11", "default", "default"),
        ("windows", "10.0.22631", "default", "default"),
        ("macos", "10.8", "unsupported", "unsupported"),
        ("macos", "10.8.5", "unsupported", "unsupported"),
        ("macos", "10.9", "default", "unsupported"),
        ("macos", "14.1.1", "default", "default"),
        ("ios", "4", "unsupported", "unsupported"),
        ("ios", "4.3", "unsupported", "unsupported"),
        ("ios", "5", "default", "unsupported"),
        ("ios", "17.2", "default", "default"),
        ("android", "4.0.4", "unsupported", "unsupported"),
        ("android", "4.4.2", "needs_setting_or_update", "unsupported"),
        ("android", "5.0", "default", "unsupported"),
        ("android", "14", "default", "default"),
        ("linux", "1.0.0", "unsupported", "unsupported"),
        ("linux", "1.0.1", "default", "unsupported"),
        ("linux", "3.0.19", "default", "default"),
    ],
)
def test_judge_os_table(os_name: str, version: str, tls12: str, tls13: str) -> None:
    verdict = judge_os(os_name, version)
    assert (verdict.tls12, verdict.tls13) == (tls12, tls13)
    assert verdict.source  # every rule says where its fact comes from


def test_verdict_speaks_both_languages() -> None:
    verdict = judge_os("ios", "4.3")
    assert "TLS 1.2" in render(verdict.message, "ja") and "4.3" in render(verdict.message, "en")
    assert render(verdict.fix_message, "ja") != verdict.fix


def test_judge_os_accepts_names_people_type() -> None:
    assert judge_os("iPhone", "iOS 4.3").tls12 == "unsupported"
    assert judge_os("Windows", "Windows 7 SP1").label == "Windows 7"
    assert judge_os("Android", " 4.4 ").tls12 == "needs_setting_or_update"


@pytest.mark.parametrize(
    ("os_name", "version"), [("amiga", "4"), ("windows", ""), ("ios", "latest")]
)
def test_judge_os_unknown_input_never_raises(os_name: str, version: str) -> None:
    assert judge_os(os_name, version).tls12 == "unknown"


def test_every_rule_has_a_fix_text_in_both_languages() -> None:
    rules = system.load_json_resource("os_tls_rules.json")["rules"]
    for entries in rules.values():
        for rule in entries:
            for lang in ("en", "ja"):
                assert text(rule["fix"], lang, os="X", version="1") != rule["fix"]


def test_secure_protocols_mask() -> None:
    assert secure_protocols_names(0xA80) == ["tls1.0", "tls1.1", "tls1.2"]
    assert secure_protocols_names(0xA0) == ["ssl3", "tls1.0"]
    assert "tls1.3" in secure_protocols_names(0x2A80)


def test_windows7_check_says_what_to_install(tmp_path: Path) -> None:
    outcome = system.check_os_tls(_ctx(), _windows(tmp_path, "win7_currentversion.txt"))
    assert outcome.status is Status.WARN
    assert outcome.causes == ("os_tls_unsupported",)
    detail = outcome.findings[0].detail
    assert detail is not None and "KB3140245" in text(detail.key, "ja", **dict(detail.args))


def test_windows7_with_winhttp_configured_is_fine(tmp_path: Path) -> None:
    plat = _windows(tmp_path, "win7_currentversion.txt", "win7_winhttp_configured.txt")
    outcome = system.check_os_tls(_ctx(), plat)
    assert outcome.status is Status.OK and not outcome.findings


@pytest.mark.parametrize(
    ("schannel", "status", "evidence"),
    [
        ("schannel_tls12_disabled.txt", Status.FAIL, "disabled"),
        ("schannel_tls12_off_by_default.txt", Status.WARN, "off_by_default"),
    ],
)
def test_schannel_tls12_switched_off(
    tmp_path: Path, schannel: str, status: Status, evidence: str
) -> None:
    outcome = system.check_os_tls(_ctx(), _windows(tmp_path, "win10_currentversion.txt", schannel))
    assert outcome.status is status
    assert outcome.findings[0].cause == "os_tls_unsupported"
    assert outcome.findings[0].evidence["schannel_tls12"] == evidence
    assert outcome.summary.key == "system.os_tls.schannel"


def test_windows10_without_schannel_overrides_is_ok(tmp_path: Path) -> None:
    outcome = system.check_os_tls(_ctx(), _windows(tmp_path, "win10_currentversion.txt"))
    assert outcome.status is Status.OK
    assert outcome.details["schannel"]["tls12_client_enabled"] is None


@pytest.mark.parametrize(
    ("release", "version", "status"),
    [("big_sur", "11.4", Status.OK), ("mountain_lion", "10.8.5", Status.FAIL)],
)
def test_macos_identity_from_system_version_plist(
    release: str, version: str, status: Status
) -> None:
    plat = MacPlatform(DATA / "macos" / release, system_root=DATA / "macos" / release)
    assert plat.os_identity().version == version
    assert system.check_os_tls(_ctx(), plat).status is status


def test_this_linux_is_judged_by_its_openssl(tmp_path: Path) -> None:
    outcome = system.check_os_tls(_ctx(home=tmp_path))
    assert outcome.details["version"] in ssl.OPENSSL_VERSION
    assert outcome.status is Status.OK
    assert "Linux" in outcome.details["os_name"] or Path("/etc/os-release").exists()


@pytest.mark.parametrize(
    ("device", "override", "status"),
    [
        ("iphone", ("ios", "4.3"), Status.FAIL),
        ("android", ("android", "4.4.2"), Status.WARN),
        ("iphone", ("ios", "17.1"), Status.OK),
    ],
)
def test_named_device_is_judged_instead_of_this_computer(
    device: str, override: tuple[str, str], status: Status
) -> None:
    outcome = system.check_os_tls(_ctx(device=device, os_override=override))
    assert outcome.status is status
    assert outcome.details["judged"] == "named_device"
    assert bool(outcome.findings) is (status is not Status.OK)


def test_other_device_without_details_is_skipped() -> None:
    assert system.check_os_tls(_ctx(device="iphone")).status is Status.SKIPPED


def test_disk_check_reports_real_free_space(tmp_path: Path) -> None:
    outcome = system.check_disk(_ctx(home=tmp_path))
    free = shutil.disk_usage(tmp_path).free
    assert abs(outcome.details["free_bytes"] - free) < 64 << 20
    assert outcome.status is (Status.OK if free >= system.LOW_DISK_BYTES else Status.WARN)


def test_low_disk_space_below_threshold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    free = shutil.disk_usage(tmp_path).free
    monkeypatch.setattr(system, "LOW_DISK_BYTES", free * 4)
    monkeypatch.setattr(system, "VERY_LOW_DISK_BYTES", free * 2)
    outcome = system.check_disk(_ctx(home=tmp_path / "not" / "yet"))
    assert outcome.status is Status.FAIL
    assert outcome.causes == ("low_disk_space",)


def test_low_disk_threshold_is_documented() -> None:
    entry = system.load_json_resource("browser_rules.json")["low_disk"]
    assert entry["free_bytes"] == system.LOW_DISK_BYTES and "chromium" in entry["source"].lower()


def test_os_names_in_sentences_are_in_the_sentences_language() -> None:
    from conndoctor.core.knowledge.i18n import render

    verdict = judge_os("android", "4.4.2")
    japanese = render(verdict.message, "ja")
    english = render(verdict.message, "en")
    assert "Android 4.1〜4.4" in japanese and " to " not in japanese
    assert "Android 4.1 to 4.4" in english
