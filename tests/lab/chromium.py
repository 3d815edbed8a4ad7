"""Real headless Debian Chromium as the reference: does a page load, and if not, which net error?

Each load starts Chromium once with a throw-away HOME and profile. The lab roots are trusted
through a fresh NSS database in that HOME (Chromium on Linux honours locally trusted NSS roots),
host names are mapped to 127.0.0.1 with --host-resolver-rules and every other name fails at once,
so nothing but the lab server is contacted. The answer is read from Chromium's own net log: the
request for the URL ends with a `net_error`, or without one when the page loaded (an HTTP error
page from the site also counts as loaded, as in the browser).

Faking the clock with libfaketime was tried and does not work with Chromium 156 (the zygote and
the renderers hang or reject the browser's messages; the certificate verifier runs in the browser
process, so faking only the network service changes nothing), so loads happen at the real time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

LOADED = "loaded"
NET_ERRORS_FILE = Path(__file__).resolve().parent.parent / "data" / "chromium_net_errors.json"
SOCKET_NOT_CONNECTED = -15
CLIENT_AUTH_CERT_NEEDED = -110
CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
)


@cache
def net_error_names() -> dict[int, str]:
    """Chromium's net error numbers and names, the subset the lab meets (tests/data)."""
    table = json.loads(NET_ERRORS_FILE.read_text(encoding="utf-8"))["errors"]
    return {int(number): name for number, name in table.items()}


def net_error_name(number: int) -> str:
    return net_error_names().get(number, f"ERR_NUMBER_{number}")


def chromium_path() -> str | None:
    return shutil.which("chromium")


def certutil_path() -> str | None:
    return shutil.which("certutil")


@cache
def chromium_version() -> str:
    """E.g. 'Chromium 156.0.8078.114' (the Debian launcher script prints it)."""
    binary = chromium_path()
    if binary is None:
        return "not installed"
    done = subprocess.run(
        [binary, "--version"], capture_output=True, text=True, timeout=30, check=False
    )
    return done.stdout.strip().split(" built on")[0] or "unknown"


@dataclass(frozen=True)
class ChromiumLoad:
    """What Chromium did with one URL: 'loaded' or a net error name, and when it ran."""

    url: str
    outcome: str
    at: dt.datetime

    @property
    def loaded(self) -> bool:
        return self.outcome == LOADED


class NssTrustError(RuntimeError):
    """certutil refused a root (e.g. a certificate NSS cannot parse)."""


def make_nss_home(home: Path, roots: Iterable[x509.Certificate | bytes]) -> None:
    """A fresh NSS database in `home`/.pki/nssdb that trusts each root for TLS servers."""
    certutil = certutil_path()
    if certutil is None:
        raise RuntimeError("certutil is missing: apt-get install libnss3-tools")
    database = home / ".pki" / "nssdb"
    database.mkdir(parents=True, exist_ok=True)
    _certutil(certutil, "-d", f"sql:{database}", "-N", "--empty-password")
    for number, root in enumerate(roots):
        der = root if isinstance(root, bytes) else root.public_bytes(serialization.Encoding.DER)
        root_file = home / f"root-{number}.der"
        root_file.write_bytes(der)
        _certutil(
            certutil, "-d", f"sql:{database}", "-A", "-t", "C,,", "-n", f"root-{number}",
            "-i", str(root_file),
        )  # fmt: skip


def _certutil(*command: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    if done.returncode != 0:
        raise NssTrustError(f"{' '.join(command[3:5])}: {done.stderr.strip() or done.stdout}")


def load(
    url: str,
    *,
    roots: Sequence[x509.Certificate | bytes] = (),
    hosts: Mapping[str, str] | Iterable[str] = (),
    timeout: float = 20,
) -> ChromiumLoad:
    """Load `url` once in a fresh headless Chromium that trusts `roots`; `hosts` go to 127.0.0.1."""
    binary = chromium_path()
    if binary is None:
        raise RuntimeError("chromium is missing: apt-get install chromium")
    mapping = dict(hosts) if isinstance(hosts, Mapping) else dict.fromkeys(hosts, "127.0.0.1")
    rules = ", ".join([*(f"MAP {h} {a}" for h, a in mapping.items()), "MAP * ~NOTFOUND"])
    with tempfile.TemporaryDirectory(prefix="conndoctor-chromium-") as folder:
        base = Path(folder)
        home = base / "home"
        make_nss_home(home, roots)
        net_log = base / "netlog.json"
        command = [
            binary,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={base / 'profile'}",
            f"--host-resolver-rules={rules}",
            f"--log-net-log={net_log}",
            "--dump-dom",
            url,
        ]
        environment = {**os.environ, "HOME": str(home), "TZ": "UTC"}
        at = dt.datetime.now(dt.UTC)
        _run_to_end(command, environment, timeout)
        outcome = outcome_from_net_log(_read_net_log(net_log), url)
    return ChromiumLoad(url=url, outcome=outcome, at=at)


def _run_to_end(command: list[str], environment: dict[str, str], timeout: float) -> None:
    """Run Chromium; past `timeout` end it and all its children (its own process group)."""
    browser = subprocess.Popen(
        command,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        browser.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(browser.pid, signal.SIGKILL)
        browser.wait()


def _read_net_log(path: Path) -> dict[str, Any]:
    """The net log; a log cut short (Chromium killed) lacks its closing brackets."""
    if not path.is_file():
        return {"events": [], "constants": {}}
    text = path.read_text(encoding="utf-8", errors="replace").rstrip()
    for ending in ("", "]}", "\n]}"):
        try:
            parsed: dict[str, Any] = json.loads(text.rstrip(",") + ending)
            return parsed
        except json.JSONDecodeError:
            continue
    return {"events": [], "constants": {}}


def outcome_from_net_log(log: Mapping[str, Any], url: str) -> str:
    """'loaded', or the net error ending the last request for `url` ('no answer': none ended)."""
    constants = log.get("constants", {})
    event_types = {v: k for k, v in constants.get("logEventTypes", {}).items()}
    source_types = {v: k for k, v in constants.get("logSourceType", {}).items()}
    phase_end = constants.get("logEventPhase", {}).get("PHASE_END", 2)
    wanted = url.rstrip("/")
    requests: list[int] = []
    ended: dict[int, int] = {}
    handshake_errors: set[int] = set()
    for event in log.get("events", []):
        source = event.get("source", {})
        kind = event_types.get(event.get("type"))
        params = event.get("params") or {}
        if kind == "SSL_CONNECT" and params.get("net_error"):
            handshake_errors.add(int(params["net_error"]))
        if source_types.get(source.get("type")) != "URL_REQUEST":
            continue
        if kind == "URL_REQUEST_START_JOB" and str(params.get("url", "")).rstrip("/") == wanted:
            if source["id"] not in requests:
                requests.append(source["id"])
        elif kind == "REQUEST_ALIVE" and event.get("phase") == phase_end:
            ended[source["id"]] = int(params.get("net_error", 0))
    finished = [ended[r] for r in requests if r in ended]
    if not finished:
        return "no answer"
    if finished[-1] == SOCKET_NOT_CONNECTED and CLIENT_AUTH_CERT_NEEDED in handshake_errors:
        # Headless has no certificate picker: it drops the request the server asked a client
        # certificate for, where a person would be asked to choose one.
        return net_error_name(CLIENT_AUTH_CERT_NEEDED)
    return LOADED if finished[-1] == 0 else net_error_name(finished[-1])


def net_log_error_constants() -> dict[int, str]:
    """The number→name table that the installed Chromium writes into its own net log."""
    binary = chromium_path()
    if binary is None:
        raise RuntimeError("chromium is missing: apt-get install chromium")
    with tempfile.TemporaryDirectory(prefix="conndoctor-chromium-") as folder:
        base = Path(folder)
        command = [binary, *CHROMIUM_FLAGS, f"--user-data-dir={base / 'profile'}"]
        command += [f"--log-net-log={base / 'netlog.json'}", "--dump-dom", "about:blank"]
        _run_to_end(command, {**os.environ, "HOME": str(base)}, timeout=30)
        log = _read_net_log(base / "netlog.json")
    table = log.get("constants", {}).get("netError", {})
    return {int(number): str(name) for name, number in table.items()}
