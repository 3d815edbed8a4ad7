"""The real command line against hostile loopback servers: it ends on time, stays small, never
crashes, and never calls a broken site healthy.

Each case starts a real server on 127.0.0.1 that misbehaves in one way (drips, floods, sends
random bytes, alerts, hangs up, asks for a password...) and runs `conndoctor check` in a child
process. The bounds are correctness bounds, not benchmarks: the run's own duration within
`--timeout` + 0.5 s, the child's wall clock within that plus a generous start-up allowance,
its peak memory under 200 MB, and no traceback on stderr. The peak (ru_maxrss from wait4) is
measured by a small launcher between the test process and the check (`tests/lab/peak_memory`):
the test process's own peak would otherwise be the bound's, not the check's.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from cryptography.hazmat.primitives import serialization

from tests.hostile import servers
from tests.lab import peak_memory
from tests.lab.certs import LabPki
from tests.lab.tls_servers import LabServer, LabSite, http_answer

TIMEOUT_S = 3.0
START_UP_ALLOWANCE_S = 4.0
"""A child's start-up on a busy 2-core machine; the run's own duration is held to 0.5 s."""
MAX_RSS_MB = 200
QUIET = [
    "--skip", "browsers.inventory", "--skip", "browsers.tls_settings", "--skip", "browsers.cache",
    "--skip", "system.disk",
]  # fmt: skip
SITE_CHECKS = ("network.tcp", "tls.handshake", "site.http_status")


class Run(NamedTuple):
    code: int
    report: dict[str, Any]
    stderr: str
    wall_s: float
    peak_mb: float

    @property
    def causes(self) -> list[str]:
        return [c["id"] for c in self.report["causes"]]

    def check(self, check_id: str) -> dict[str, Any]:
        return next(c for c in self.report["checks"] if c["id"] == check_id)


def run_cli(args: list[str], env_extra: dict[str, str] | None = None) -> Run:
    """`conndoctor check ... --json --timeout 3` in a child; its exit, report, time and memory."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.update(env_extra or {})
    command = [sys.executable, "-m", "conndoctor", "check", *args, "--json", "--lang", "en"]
    command += ["--timeout", str(TIMEOUT_S), *QUIET]
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as folder,
    ):
        peak = Path(folder) / "peak"
        launcher = peak_memory.launched(command, peak)
        began = time.monotonic()
        child = subprocess.Popen(launcher, stdout=out, stderr=err, env=env, start_new_session=True)
        watchdog = threading.Timer(60, os.killpg, (child.pid, signal.SIGKILL))
        watchdog.start()
        try:
            child.wait()
        finally:
            watchdog.cancel()
        wall = time.monotonic() - began
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode("utf-8", "replace")
        peak_mb = peak_memory.peak_mb(peak)
    assert stdout.strip(), stderr
    assert peak_mb > 0, stderr
    return Run(child.returncode, json.loads(stdout), stderr, wall, peak_mb)


def assert_bounded(run: Run) -> None:
    assert "Traceback" not in run.stderr, run.stderr
    assert run.code in (0, 1), run.stderr
    assert run.report["duration_s"] <= TIMEOUT_S + 0.5, run.report["duration_s"]
    assert run.wall_s <= TIMEOUT_S + 0.5 + START_UP_ALLOWANCE_S, run.wall_s
    assert run.peak_mb < MAX_RSS_MB, run.peak_mb


def assert_not_healthy(run: Run) -> None:
    """A cause, or an honest 'could not determine' on a site check; never a clean bill."""
    undetermined = [
        c["id"]
        for c in run.report["checks"]
        if c["id"] in SITE_CHECKS and c["status"] in ("warn", "error")
    ]
    assert run.causes or undetermined, [(c["id"], c["status"]) for c in run.report["checks"]]
    if not run.causes:
        assert run.code == 0
    else:
        assert run.code == 1


@pytest.fixture
def hostile() -> Iterator[Callable[[servers.Handler], int]]:
    """Factory: start a LabServer with a hostile handler, return its port; all stop afterwards."""
    started: list[LabServer] = []
    stop = threading.Event()

    def start(handler: servers.Handler) -> int:
        server = LabServer(handler)
        started.append(server)
        return server.port

    start.stop = stop  # type: ignore[attr-defined]
    try:
        yield start
    finally:
        stop.set()
        for server in started:
            server.stop()


@pytest.fixture
def stop_event() -> Iterator[threading.Event]:
    event = threading.Event()
    yield event
    event.set()


def _site_args(port: int, *, ca_file: str | None = None) -> list[str]:
    args = [f"https://localhost:{port}/", "--resolve", f"localhost:{port}:127.0.0.1"]
    args += ["--skip", "network.connectivity", "--skip", "clock.network_time"]
    return args + (["--public-ca-file", ca_file, "--system-ca-file", ca_file] if ca_file else [])


def _lab_tls(lab_pki: LabPki) -> tuple[Any, str]:
    """A server context with the lab's healthy chain, and the public roots file that trusts it."""
    import ssl

    leaf, inter = lab_pki.leaf("healthy", lab_pki.public_intermediate), lab_pki.public_intermediate
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(
        str(lab_pki.bundle("hostile-healthy-chain", [leaf.cert, inter.cert])), str(leaf.key_path)
    )
    return context, str(lab_pki.bundle("hostile-public-roots", [lab_pki.public_root.cert]))


# --- the site itself ------------------------------------------------------------------------


def test_one_byte_per_second(hostile, stop_event) -> None:
    port = hostile(servers.drip(b"\x16\x03\x03\x00\x40" + b"\x02" * 64, 1.0, stop_event))
    run = run_cli(_site_args(port))
    assert_bounded(run)
    assert_not_healthy(run)


def test_random_bytes(hostile) -> None:
    run = run_cli(_site_args(hostile(servers.random_bytes)))
    assert_bounded(run)
    assert_not_healthy(run)
    assert "tls_protocol_error" in run.causes


def test_a_tls_alert(hostile) -> None:
    run = run_cli(_site_args(hostile(servers.tls_alert)))
    assert_bounded(run)
    assert_not_healthy(run)


@pytest.mark.parametrize("kind", ["closed", "reset"])
def test_accept_then_close_and_reset(lab_site: Callable[..., LabSite], kind: str) -> None:
    site = lab_site(kind)
    run = run_cli(
        [*site.cli_args(), "--skip", "network.connectivity", "--skip", "clock.network_time"]
    )
    assert_bounded(run)
    assert_not_healthy(run)
    assert "tls_protocol_error" in run.causes


def test_a_100_mb_body(hostile, lab_pki: LabPki, stop_event) -> None:
    context, roots = _lab_tls(lab_pki)
    head = f"HTTP/1.1 200 OK\r\nContent-Length: {servers.HUGE_BODY}\r\n\r\n".encode()
    port = hostile(servers.endless(head, b"x", servers.HUGE_BODY, stop_event, context))
    run = run_cli(_site_args(port, ca_file=roots))
    assert_bounded(run)
    assert run.check("site.http_status")["details"]["status"] == 200  # the head is all we read


def test_headers_without_end(hostile, lab_pki: LabPki, stop_event) -> None:
    context, roots = _lab_tls(lab_pki)
    port = hostile(
        servers.endless(
            b"HTTP/1.1 200 OK\r\n", b"X-More: yes\r\n", servers.HUGE_BODY, stop_event, context
        )
    )
    run = run_cli(_site_args(port, ca_file=roots))
    assert_bounded(run)
    assert_not_healthy(run)
    assert run.check("site.http_status")["status"] == "warn"


def test_a_chain_of_100_certificates(hostile, tmp_path: Path, lab_pki: LabPki) -> None:
    context = servers.long_chain_context(tmp_path, 100)
    _, roots = _lab_tls(lab_pki)
    port = hostile(servers.tls_answer(context, http_answer(200, "OK", b"hello")))
    run = run_cli(_site_args(port, ca_file=roots))
    assert_bounded(run)
    assert_not_healthy(run)


def test_a_1_mb_certificate(hostile, tmp_path: Path, lab_pki: LabPki) -> None:
    context = servers.huge_certificate_context(tmp_path)
    _, roots = _lab_tls(lab_pki)
    port = hostile(servers.tls_answer(context, http_answer(200, "OK", b"hello")))
    run = run_cli(_site_args(port, ca_file=roots))
    assert_bounded(run)
    assert_not_healthy(run)


def test_a_dripping_issuer_url_is_not_a_healthy_chain(
    hostile, lab_pki: LabPki, stop_event, lab_site
) -> None:
    der = lab_pki.public_intermediate.cert.public_bytes(serialization.Encoding.DER)
    aia_port = hostile(servers.drip(http_answer(200, "OK", der), 0.5, stop_event))
    aia_url = f"http://127.0.0.1:{aia_port}/ca1.der"
    import ssl

    leaf = lab_pki.leaf("hostile-dripping-aia", lab_pki.public_intermediate, aia_url=aia_url)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(
        str(lab_pki.bundle("hostile-dripping-aia", [leaf.cert])), str(leaf.key_path)
    )
    _, roots = _lab_tls(lab_pki)
    port = hostile(servers.tls_answer(context, http_answer(200, "OK", b"hello")))
    run = run_cli(_site_args(port, ca_file=roots))
    assert_bounded(run)
    assert_not_healthy(run)
    assert run.causes, run.report["checks"]
    tls = run.check("tls.handshake")
    if tls["status"] != "error":
        assert tls["details"]["aia_not_fetched"][0]["problem"] == "timeout"


def test_a_redirect_loop_on_the_site(hostile, lab_pki: LabPki) -> None:
    context, roots = _lab_tls(lab_pki)
    port = hostile(
        servers.tls_answer(context, http_answer(302, "Found", b"", {"Location": "/again"}))
    )
    run = run_cli(_site_args(port, ca_file=roots))
    assert_bounded(run)
    assert run.causes == ["site_redirect_loop"], run.causes


# --- connectivity URLs ------------------------------------------------------------------------


def _connectivity_args(url: str) -> list[str]:
    return ["--connectivity-url", url, "--skip", "clock.network_time"]


def test_a_redirect_loop_on_a_connectivity_url(hostile, lab_site) -> None:
    site = lab_site("healthy")
    port_box: list[int] = []

    def loop(conn) -> None:
        servers._read_request(conn)
        conn.sendall(
            http_answer(302, "Found", b"", {"Location": f"http://127.0.0.1:{port_box[0]}/"})
        )

    port_box.append(hostile(loop))
    run = run_cli([*site.cli_args(), *_connectivity_args(f"http://127.0.0.1:{port_box[0]}/")])
    assert_bounded(run)
    assert "captive_portal" in run.causes  # Chromium: a redirect instead of 204 is a portal


@pytest.mark.parametrize("answer", ["huge_body", "endless_headers", "drip"])
def test_a_hostile_connectivity_url(hostile, lab_site, stop_event, answer: str) -> None:
    site = lab_site("healthy")
    handlers = {
        "huge_body": servers.endless(
            f"HTTP/1.1 200 OK\r\nContent-Length: {servers.HUGE_BODY}\r\n\r\n".encode(),
            b"x",
            servers.HUGE_BODY,
            stop_event,
        ),
        "endless_headers": servers.endless(
            b"HTTP/1.1 204 No Content\r\n", b"X-More: yes\r\n", servers.HUGE_BODY, stop_event
        ),
        "drip": servers.drip(b"HTTP/1.1 204 No Content\r\n\r\n", 1.0, stop_event),
    }
    port = hostile(handlers[answer])
    run = run_cli([*site.cli_args(), *_connectivity_args(f"http://127.0.0.1:{port}/generate_204")])
    assert_bounded(run)
    connectivity = run.check("network.connectivity")
    assert connectivity["status"] != "ok", connectivity  # never "online" from such an answer


# --- proxies ----------------------------------------------------------------------------------


def _via_proxy(site: LabSite, proxy_port: int, *, direct: bool) -> Run:
    """Direct connections to the site work (`direct`) or go to 127.0.0.2, where nothing listens."""
    address = "127.0.0.1" if direct else "127.0.0.2"
    args = [site.url, "--public-ca-file", site.public_ca_file]
    args += [a for path in site.system_ca_files for a in ("--system-ca-file", path)]
    args += ["--resolve", f"{site.host}:{site.port}:{address}"]
    args += ["--skip", "network.connectivity", "--skip", "clock.network_time"]
    return run_cli(args, {"HTTPS_PROXY": f"http://127.0.0.1:{proxy_port}"})


def test_a_407_proxy_that_is_the_only_way_out_does_not_blame_the_site(hostile, lab_site) -> None:
    run = _via_proxy(lab_site("healthy"), hostile(servers.proxy_407), direct=False)
    assert_bounded(run)
    assert run.causes[0] == "proxy_auth_required", run.causes
    assert not {"site_unreachable", "tls_protocol_error"} & set(run.causes)
    assert run.check("network.tcp")["status"] == "skipped"
    assert "sign-in" in run.report["causes"][0]["title"]


@pytest.mark.parametrize("direct", [True, False])
def test_a_proxy_that_answers_garbage(hostile, lab_site, direct: bool) -> None:
    run = _via_proxy(lab_site("healthy"), hostile(servers.proxy_garbage), direct=direct)
    assert_bounded(run)
    assert run.causes[0] == "proxy_misconfigured", run.causes
    evidence = run.report["causes"][0]["evidence"]
    assert evidence["outcome"] == "bad_answer"


def test_a_proxy_that_hangs(hostile, lab_site, stop_event) -> None:
    run = _via_proxy(lab_site("healthy"), hostile(servers.hang(stop_event)), direct=True)
    assert_bounded(run)
    assert run.causes[0] == "proxy_misconfigured", run.causes
    assert run.report["causes"][0]["evidence"]["outcome"] == "timeout"


def test_a_proxy_that_accepts_then_closes(hostile, lab_site) -> None:
    def close(conn) -> None:
        servers._read_request(conn)

    run = _via_proxy(lab_site("healthy"), hostile(close), direct=True)
    assert_bounded(run)
    assert run.causes[0] == "proxy_misconfigured", run.causes
    assert run.report["causes"][0]["evidence"]["outcome"] == "closed"


# --- time servers ---------------------------------------------------------------------------


@pytest.mark.parametrize("lie", servers.NTP_LIES)
def test_a_lying_time_server(lab_site, lie: str) -> None:
    """clock.py's source selection (another change) decides what to believe; here only the
    bounds: on time, small, no traceback, and the healthy site is not called broken by it."""
    site = lab_site("healthy")
    with servers.lying_ntp(lie) as ntp:
        run = run_cli([*site.cli_args(), "--skip", "network.connectivity", "--ntp-server", ntp])
    assert_bounded(run)
    assert not {c for c in run.causes if c.startswith("cert_") or c == "site_unreachable"}
