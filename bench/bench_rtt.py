"""Round trips, not milliseconds: `conndoctor check` on a slow link, next to the bare floor.

Every lab server (the site, the AIA issuer, NTP, the connectivity URL) sits behind a delaying
forwarder (`rtt_forwarder`), so each chunk arrives RTT/2 late in each direction. The floor is
what a browser at least pays, measured as a process through the same forwarder in the same
run: a verified TLS handshake and one GET. Each case is printed as "floor + N RTT". Every
process runs where the checkout is installed as a wheel would be (`installed.plain_install`).

In brackets: the round trips alone, i.e. how much the lead over the floor grew since 0 ms RTT
(the lead at 0 ms is CPU, which this shared machine's load inflates).

Targets (issue 13), at 100 and 300 ms: healthy <= floor + 0.5 RTT; certificate faults
<= floor + 1.5 RTT; TLS 1.0-only <= floor + 2.5 RTT; a silent server within --timeout + 0.5 s.

    .venv/bin/python bench/bench_rtt.py [--runs 3] [--rtt 0 50 100 300] [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.server
import json
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives import serialization

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.installed import command_of, compile_like_an_install, plain_install  # noqa: E402
from bench.rtt_forwarder import TcpForwarder, UdpForwarder  # noqa: E402
from tests.lab.certs import LabPki  # noqa: E402
from tests.lab.http_servers import _LabHandler  # noqa: E402
from tests.lab.ntp_server import _NtpHandler  # noqa: E402
from tests.lab.tls_servers import (  # noqa: E402
    LabServer,
    LabSites,
    _plan,
    _server_context,
    http_answer,
    plain_handler,
    tls_site_handler,
)

SILENT_TIMEOUT_S = 5.0
FLOOR = """
import socket, ssl, sys
context = ssl.create_default_context(cafile=sys.argv[1])
with socket.create_connection(("127.0.0.1", int(sys.argv[2])), timeout=10) as raw:
    with context.wrap_socket(raw, server_hostname="localhost") as tls:
        tls.sendall(b"GET / HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n")
        while tls.recv(65536):
            pass
"""


def _start(server: socketserver.BaseServer) -> None:
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()


class SlowLab:
    """The lab's servers, each behind forwarders of one RTT."""

    def __init__(self, folder: str, rtt_s: float, python: str = sys.executable) -> None:
        self.folder = folder
        self.rtt_s = rtt_s
        self.python = python
        Path(folder).mkdir(exist_ok=True)
        self.pki = LabPki(Path(folder) / "pki")
        self.sites = LabSites(self.pki)
        self.closers: list[Callable[[], None]] = [self.sites.stop]
        ntp = socketserver.ThreadingUDPServer(("127.0.0.1", 0), _NtpHandler)
        web = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _LabHandler)
        for server in (ntp, web):
            server.daemon_threads = True
            _start(server)
            self.closers.append(server.shutdown)
        udp = UdpForwarder(("127.0.0.1", ntp.server_address[1]), rtt_s)
        self.closers.append(udp.close)
        self.ntp = f"127.0.0.1:{udp.port}"
        self.web = f"http://127.0.0.1:{self._forward(web.server_address[1])}"

    def _forward(self, port: int) -> int:
        forwarder = TcpForwarder(("127.0.0.1", port), self.rtt_s)
        self.closers.append(forwarder.close)
        return forwarder.port

    def site(self, kind: str) -> tuple[int, str]:
        """(forwarded port, public roots file) of a lab site of `kind`."""
        if kind != "incomplete_chain":
            site = self.sites(kind)
            return self._forward(site.port), site.public_ca_file
        der = self.pki.public_intermediate.cert.public_bytes(serialization.Encoding.DER)
        aia = LabServer(plain_handler(http_answer(200, "OK", der)))
        self.closers.append(aia.stop)
        aia_url = f"http://127.0.0.1:{self._forward(aia.port)}/lab-ca1-rtt.der"
        plan = _plan(self.pki, kind, aia_url)
        server = LabServer(tls_site_handler(_server_context(self.pki, kind, plan)))
        self.closers.append(server.stop)
        return self._forward(server.port), str(self.pki.bundle("public-roots", plan.public))

    def command(self, kind: str) -> tuple[list[str], list[str]]:
        """(floor command, check command) for one case."""
        port, roots = self.site("healthy" if kind == "captive_portal" else kind)
        probe = "/portal" if kind == "captive_portal" else "/generate_204"
        check = [
            command_of(self.python), "check", f"https://localhost:{port}/", "--json",
            "--public-ca-file", roots, "--system-ca-file", roots,
            "--resolve", f"localhost:{port}:127.0.0.1", "--ntp-server", self.ntp,
            "--connectivity-url", self.web + probe, "--home", self.folder,
        ]  # fmt: skip
        if kind == "silent":
            check += ["--timeout", str(SILENT_TIMEOUT_S)]
        floor_port, floor_roots = self.site("healthy")
        return [self.python, "-c", FLOOR, floor_roots, str(floor_port)], check

    def close(self) -> None:
        for close in self.closers:
            close()


EXPECTED = {
    "healthy": None,
    "expired": "cert_expired",
    "hostname_mismatch": "cert_hostname_mismatch",
    "untrusted_root": "cert_untrusted_root",
    "incomplete_chain": "cert_incomplete_chain",
    "tls10_only": "server_tls_obsolete",
    "captive_portal": "captive_portal",
    "silent": "site_unreachable",
}
"""The cause each case must name first: a fast wrong answer is not a result."""


def _time(command: list[str], kind: str | None = None) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if kind is None and done.returncode != 0:  # the floor: a failure's time would mean nothing
        raise SystemExit(f"the floor failed: {done.stderr.decode(errors='replace')[-300:]}")
    if kind is not None:
        causes = json.loads(done.stdout or b"{}").get("causes") or [{}]
        if causes[0].get("id") != EXPECTED[kind]:
            raise SystemExit(f"{kind}: expected {EXPECTED[kind]}, got {causes[0].get('id')}")
    return elapsed


def measure(
    kind: str, rtts: list[int], runs: int, python: str, baseline: str | None = None
) -> dict[int, tuple[float, float, float | None]]:
    """Median seconds of (floor, check, baseline check) for one case at each RTT: the floor run
    by `python`, the check by the `conndoctor` command beside it (the baseline's beside
    `baseline`). The runs go round every RTT (and version) in turns, so a busier moment of the
    shared machine weighs on all of them alike."""
    with tempfile.TemporaryDirectory() as folder:
        labs = {rtt_ms: SlowLab(f"{folder}/{rtt_ms}", rtt_ms / 1000, python) for rtt_ms in rtts}
        try:
            commands = {rtt_ms: lab.command(kind) for rtt_ms, lab in labs.items()}
            _time(commands[rtts[0]][0])  # warms the file cache
            timed: dict[int, list[tuple[float, float, float]]] = {rtt_ms: [] for rtt_ms in rtts}
            older = command_of(baseline) if baseline is not None else None
            for _ in range(runs):
                for rtt_ms, (floor, check) in commands.items():
                    old = _time([older, *check[1:]], kind) if older is not None else 0.0
                    timed[rtt_ms].append((_time(floor), _time(check, kind), old))
        finally:
            for lab in labs.values():
                lab.close()
    return {
        rtt_ms: (
            statistics.median(t[0] for t in rows),
            statistics.median(t[1] for t in rows),
            statistics.median(t[2] for t in rows) if baseline is not None else None,
        )
        for rtt_ms, rows in timed.items()
    }


CASES = (
    "healthy",
    "expired",
    "hostname_mismatch",
    "untrusted_root",
    "incomplete_chain",
    "tls10_only",
    "captive_portal",
    "silent",
)
LIMIT_RTT = {
    "healthy": 0.5,
    "expired": 1.5,
    "hostname_mismatch": 1.5,
    "untrusted_root": 1.5,
    "incomplete_chain": 1.5,
    "tls10_only": 2.5,
}


def describe(
    kind: str, rtt_ms: int, floor: float, check: float, at_zero: tuple[float, float] | None
) -> str:
    """'floor + N RTT' (everything beyond the floor, CPU included, in round trips) and, in
    brackets, the round trips alone: what the lead over the floor grew by since 0 ms RTT."""
    if kind == "silent":
        verdict = "ok" if check <= SILENT_TIMEOUT_S + 0.5 else "OVER"
        return f"{check:6.2f} s (limit {SILENT_TIMEOUT_S + 0.5:.1f} s) {verdict}"
    if rtt_ms == 0:
        return f"{check * 1000:5.0f} ms = {check / floor:4.2f}x floor"
    extra = (check - floor) / (rtt_ms / 1000)
    limit = LIMIT_RTT.get(kind)
    verdict = "" if limit is None or rtt_ms < 100 else (" ok" if extra <= limit else " OVER")
    trips = ""
    if at_zero is not None:
        grown = (check - floor) - (at_zero[1] - at_zero[0])
        trips = f" [{grown / (rtt_ms / 1000):+.1f}]"
    return f"{check * 1000:5.0f} ms = floor {extra:+.1f} RTT{verdict}{trips}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rtt", type=int, nargs="*", default=[0, 50, 100, 300])
    parser.add_argument("--case", choices=CASES, nargs="*", default=list(CASES))
    parser.add_argument("--quick", action="store_true", help="one run, at 0 and 100 ms")
    parser.add_argument("--baseline", type=Path, help="another checkout, timed in turns")
    args = parser.parse_args()
    runs, rtts = (1, [0, 100]) if args.quick else (args.runs, args.rtt)
    with tempfile.TemporaryDirectory() as folder:
        compile_like_an_install()
        python = plain_install(Path(folder) / "installed")
        baseline = None
        if args.baseline is not None:
            compile_like_an_install(args.baseline.resolve())
            baseline = plain_install(Path(folder) / "baseline", args.baseline.resolve())
        return _table(args.case, rtts, runs, python, baseline)


def _table(cases: list[str], rtts: list[int], runs: int, python: str, baseline: str | None) -> int:
    print(f"# bench_rtt {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, medians of {runs}")
    header = "| case | " + " | ".join(f"{r} ms RTT" for r in rtts) + " |"
    print(header)
    print("|" + " --- |" * (len(rtts) + 1))
    floors: dict[int, list[float]] = {r: [] for r in rtts}
    for kind in cases:
        measured = measure(kind, rtts, runs if kind != "silent" else 1, python, baseline)
        for version in (1, 2) if baseline is not None else (1,):
            zero = measured.get(0)
            at_zero = (zero[0], zero[version] or 0.0) if zero is not None else None
            cells = []
            for rtt_ms in rtts:
                floor = measured[rtt_ms][0]
                check = measured[rtt_ms][version] or 0.0
                if version == 1:
                    floors[rtt_ms].append(floor)
                cells.append(describe(kind, rtt_ms, floor, check, at_zero))
            name = kind if version == 1 else f"{kind} (baseline)"
            print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    shown = " | ".join(f"{statistics.median(floors[r]) * 1000:5.0f} ms" for r in rtts)
    print(f"| (floor: verified handshake + one GET) | {shown} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
