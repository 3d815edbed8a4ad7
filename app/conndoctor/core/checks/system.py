"""This computer: can its operating system speak TLS 1.2, and is its disk nearly full?

`judge_os` is a pure function over the rules in resources/os_tls_rules.json, so the wizard
can also judge a phone the person names ("iPhone, iOS 4.3") that this program cannot see.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from conndoctor.core.engine.context import CheckContext
from conndoctor.core.engine.facts import DiskFacts, OsTlsFacts
from conndoctor.core.engine.model import Area, CheckResult, Device, Finding, Message, Status, result
from conndoctor.core.engine.runner import Check
from conndoctor.core.engine.units import human_size
from conndoctor.core.knowledge.confidence import (
    CERTAIN,
    LIKELY,
    POSSIBLE,
    PROBABLE,
    UNSURE,
    VERY_LIKELY,
    WEIGHT_UNCERTAIN_VERDICT,
)
from conndoctor.core.knowledge.i18n import load_json_resource
from conndoctor.core.platforms import Platform, current_platform

OS_IDS = ("windows", "macos", "linux", "ios", "android")
SCHANNEL_TLS12_CLIENT = (
    "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL"
    "\\Protocols\\TLS 1.2\\Client"
)
WINHTTP_KEY = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp"
LOW_DISK_BYTES: int = int(load_json_resource("browser_rules.json")["low_disk"]["free_bytes"])
"""Below this much free space browsers cannot grow their profile or cache (source in the data)."""
VERY_LOW_DISK_BYTES = LOW_DISK_BYTES // 2


class OsVerdict(NamedTuple):
    """What an OS version can do: tls12/tls13 are 'default', 'needs_setting_or_update',
    'unsupported' or 'unknown' (an OS or version the table does not know)."""

    os_id: str
    version: str
    label: str
    tls12: str
    tls13: str
    fix: str
    """Message key of the sentence that says exactly what to do."""
    source: str
    label_ja: str = ""

    @property
    def name(self) -> dict[str, str]:
        """The label in both languages ("Android 4.1 to 4.4", 「Android 4.1〜4.4」)."""
        return {"en": self.label, "ja": self.label_ja or self.label}

    @property
    def tls12_by_default(self) -> bool:
        return self.tls12 == "default"

    @property
    def message(self) -> Message:
        """One sentence for people: what this OS version can do."""
        return Message(f"system.os_tls.{self.tls12}", {"os": self.name, "version": self.version})

    @property
    def fix_message(self) -> Message:
        """What to do about it (for a supported OS: 'no change is needed')."""
        return Message(self.fix, {"os": self.name, "version": self.version})


def _numbers(version: str) -> tuple[int, ...]:
    match = re.search(r"\d+(?:\.\d+)*", version)
    return tuple(int(part) for part in match.group(0).split(".")) if match else ()


def _compare(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    width = max(len(a), len(b))
    padded_a, padded_b = a + (0,) * (width - len(a)), b + (0,) * (width - len(b))
    return (padded_a > padded_b) - (padded_a < padded_b)


def normalize_os(os_name: str) -> str:
    cleaned = os_name.strip().lower().replace(" ", "")
    aliases = {
        "win": "windows",
        "mac": "macos",
        "osx": "macos",
        "macosx": "macos",
        "iphone": "ios",
        "ipad": "ios",
        "ipados": "ios",
    }
    return aliases.get(cleaned, cleaned)


def judge_os(os_name: str, version: str) -> OsVerdict:
    """Whether (os, version) can use TLS 1.2 / 1.3; never raises on odd input."""
    rules: dict[str, Any] = load_json_resource("os_tls_rules.json")
    os_id = normalize_os(os_name)
    cleaned = version.strip().lower()
    for word in ("windows", "macos", "os x", "ios", "android", "service pack 1", "sp1"):
        cleaned = cleaned.replace(word, " ")
    cleaned = cleaned.strip()
    alias = rules["aliases"].get(os_id, {}).get(cleaned.split(" ")[0] if cleaned else "")
    wanted = _numbers(alias or cleaned)
    unknown = OsVerdict(os_id, version, os_name, "unknown", "unknown", "system.fix.unknown", "")
    if os_id not in rules["rules"] or not wanted:
        return unknown
    for rule in rules["rules"][os_id]:
        lower, upper = _numbers(rule["from"]), rule["until"]
        if _compare(wanted, lower) >= 0 and (
            upper is None or _compare(wanted, _numbers(upper)) < 0
        ):
            label = rule["label"]
            return OsVerdict(
                os_id,
                version,
                label["en"] if isinstance(label, dict) else label,
                rule["tls12"],
                rule["tls13"],
                rule["fix"],
                rule["source"],
                label["ja"] if isinstance(label, dict) else label,
            )
    return unknown


def secure_protocols_names(mask: int) -> list[str]:
    """The protocols ticked in an Internet Settings SecureProtocols bit mask."""
    bits: dict[str, Any] = load_json_resource("os_tls_rules.json")["secure_protocols_bits"]
    return [name for name, bit in bits.items() if not name.startswith("_") and mask & int(bit)]


def read_schannel(plat: Platform) -> dict[str, Any]:
    """Windows' own TLS 1.2 client switches (absent values mean Windows' defaults)."""
    return {
        "tls12_client_enabled": plat.registry_value(SCHANNEL_TLS12_CLIENT, "Enabled"),
        "tls12_client_disabled_by_default": plat.registry_value(
            SCHANNEL_TLS12_CLIENT, "DisabledByDefault"
        ),
        "winhttp_default_secure_protocols": plat.registry_value(
            WINHTTP_KEY, "DefaultSecureProtocols"
        ),
    }


def _verdict_findings(verdict: OsVerdict, device: Device, confidence: float) -> list[Finding]:
    if verdict.tls12 not in ("unsupported", "needs_setting_or_update"):
        return []
    evidence = {
        "os": verdict.label,
        "version": verdict.version,
        "tls12": verdict.tls12,
        "device": device,
        "source": verdict.source,
    }
    weight = confidence if verdict.tls12 == "unsupported" else confidence * WEIGHT_UNCERTAIN_VERDICT
    return [
        Finding(
            "os_tls_unsupported",
            round(weight, 2),
            evidence,
            verdict.fix_message,
        )
    ]


def _schannel_findings(schannel: dict[str, Any], name: str) -> list[Finding]:
    if schannel["tls12_client_enabled"] == 0:
        return [
            Finding(
                "os_tls_unsupported",
                CERTAIN,
                {"os": name, "schannel_tls12": "disabled"},
                Message("system.schannel.disabled", {"os": name}),
            )
        ]
    if schannel["tls12_client_disabled_by_default"] == 1:
        return [
            Finding(
                "os_tls_unsupported",
                POSSIBLE,
                {"os": name, "schannel_tls12": "off_by_default"},
                Message("system.schannel.off_by_default", {"os": name}),
            )
        ]
    return []


def _status_for(verdict: OsVerdict, findings: list[Finding]) -> Status:
    if verdict.tls12 == "unsupported" or any(f.confidence >= VERY_LIKELY for f in findings):
        return Status.FAIL
    if findings:
        return Status.WARN
    return Status.SKIPPED if verdict.tls12 == "unknown" else Status.OK


def _summary_key(verdict: OsVerdict, findings: list[Finding], status: Status) -> str:
    if any("schannel_tls12" in f.evidence for f in findings):
        return "system.os_tls.schannel"
    if status is Status.OK:
        return "system.os_tls.default"
    return f"system.os_tls.{verdict.tls12}"


def check_os_tls(ctx: CheckContext, plat: Platform | None = None) -> CheckResult:
    options = ctx.options
    check_id = "system.os_tls"
    if options.device != Device.THIS_COMPUTER:
        if options.os_override is None:
            return result(check_id, Status.SKIPPED, "system.os_tls.other_device")
        verdict = judge_os(*options.os_override)
        findings = _verdict_findings(verdict, options.device, LIKELY)
        status = _status_for(verdict, findings)
        return result(
            check_id,
            status,
            _summary_key(verdict, findings, status),
            facts=_verdict_facts(verdict, "named_device"),
            findings=findings,
            os=verdict.name,
            version=verdict.version,
        )
    plat = plat or current_platform(options.home)
    identity = plat.os_identity()
    verdict = judge_os(identity.os_id, identity.version)
    extra = dict(identity.extra or {})
    facts = _verdict_facts(verdict, Device.THIS_COMPUTER.value)._replace(
        os_name=identity.name,
        build=identity.build,
        edition=identity.edition,
        openssl=extra.get("openssl"),
        display_version=extra.get("display_version"),
        service_pack=extra.get("service_pack"),
    )
    findings = _verdict_findings(verdict, Device.THIS_COMPUTER, VERY_LIKELY)
    if identity.os_id == "windows":
        schannel = read_schannel(plat)
        facts = facts._replace(schannel=schannel)
        findings += _schannel_findings(schannel, identity.name)
        winhttp = schannel["winhttp_default_secure_protocols"]
        if (
            verdict.tls12 == "needs_setting_or_update"
            and isinstance(winhttp, int)
            and winhttp & 0x800
        ):
            findings = [f for f in findings if f.detail and f.detail.key != verdict.fix]
    status = _status_for(verdict, findings)
    return result(
        check_id,
        status,
        _summary_key(verdict, findings, status),
        facts=facts,
        findings=findings,
        os=identity.name,
        version=identity.version,
    )


def _verdict_facts(verdict: OsVerdict, judged: str) -> OsTlsFacts:
    return OsTlsFacts(
        judged=judged,
        os=verdict.os_id,
        version=verdict.version,
        rule=verdict.label,
        tls12=verdict.tls12,
        tls13=verdict.tls13,
        source=verdict.source,
    )


def _existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_disk(ctx: CheckContext) -> CheckResult:
    check_id = "system.disk"
    if ctx.options.device != Device.THIS_COMPUTER:
        return result(check_id, Status.SKIPPED, "system.disk.other_device")
    import psutil  # loaded for the processes and adapters anyway; shutil would bring bz2 and lzma

    home = _existing(ctx.options.home or Path.home())
    try:
        usage = psutil.disk_usage(str(home))
    except OSError as exc:
        return result(check_id, Status.ERROR, "system.disk.unreadable", error=str(exc))
    free_mb = usage.free // (1 << 20)
    free = human_size(usage.free)
    facts = DiskFacts(
        free_bytes=usage.free,
        total_bytes=usage.total,
        threshold_bytes=LOW_DISK_BYTES,
        percent_free=round(100 * usage.free / max(usage.total, 1), 1),
    )
    if usage.free >= LOW_DISK_BYTES:
        return result(check_id, Status.OK, "system.disk.ok", facts=facts, free=free)
    very_low = usage.free < VERY_LOW_DISK_BYTES
    finding = Finding(
        "low_disk_space",
        PROBABLE if very_low else UNSURE,
        {"free_bytes": usage.free, "free_mb": free_mb},
        Message("system.disk.detail", {"free": free}),
    )
    return result(
        check_id,
        Status.FAIL if very_low else Status.WARN,
        "system.disk.low",
        facts=facts,
        findings=[finding],
        free=free,
    )


CHECKS: tuple[Check, ...] = (
    Check(id="system.os_tls", area=Area.SYSTEM, run=check_os_tls, needs_target=False),
    Check(id="system.disk", area=Area.SYSTEM, run=check_disk, needs_target=False),
)
