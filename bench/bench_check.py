"""How long a whole `conndoctor check` process takes, next to a bare verified TLS handshake
and next to sslyze asked for the same facts (the certificate and the TLS versions).

All are measured in this run against the same healthy loopback site (the test lab's servers),
median of several runs taken in turns, and printed with their ratios. Every process runs in a
throw-away environment where the checkout is installed as a wheel would be (`plain_install`),
and `check` is started as people start it, by its `conndoctor` command.
Targets (issues 2, 13): at most 3.5x the bare handshake process and under 1 s; at least 5x
faster than sslyze; a server that never answers ends within the deadline + 0.5 s; peak memory
(ru_maxrss) under 60 MB for every lab case.

sslyze pins an older `cryptography` than ours, so it lives in its own venv:
`python3 -m venv .venv-sslyze && .venv-sslyze/bin/pip install -r bench/sslyze-requirements.txt`
(without it, that comparison is left out and says so).

    .venv/bin/python bench/bench_check.py [--runs 7] [--baseline <another checkout>]
"""

from __future__ import annotations

import argparse
import http.server
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.installed import command_of, compile_like_an_install, plain_install  # noqa: E402
from tests.lab import peak_memory  # noqa: E402
from tests.lab.certs import LabPki  # noqa: E402
from tests.lab.http_servers import _LabHandler  # noqa: E402
from tests.lab.ntp_server import _NtpHandler  # noqa: E402
from tests.lab.tls_servers import KINDS, LabSites  # noqa: E402

SSLYZE_PYTHON = ROOT / ".venv-sslyze" / "bin" / "python"

BARE_HANDSHAKE = """
import socket, ssl, sys
context = ssl.create_default_context(cafile=sys.argv[1])
with socket.create_connection(("127.0.0.1", int(sys.argv[2])), timeout=5) as raw:
    with context.wrap_socket(raw, server_hostname="localhost") as tls:
        tls.version()
"""

GET_THE_PAGE = """
        tls.sendall(b"GET / HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n")
        class Answer:
            whole = False
            def on_message_complete(self):
                Answer.whole = True
        parser = httptools.HttpResponseParser(Answer())
        while not Answer.whole and (data := tls.recv(16384)):
            parser.feed_data(data)
"""
"""The page's answer read with httptools (as `http_reply` reads it) on the open TLS connection
`tls` (indented to sit inside it)."""

LIBRARY_FLOOR = (
    """
import datetime, httptools, socket, ssl, sys
from cryptography import x509
from cryptography.x509 import verification
context = ssl.create_default_context(cafile=sys.argv[1])
with socket.create_connection(("127.0.0.1", int(sys.argv[2])), timeout=5) as raw:
    with context.wrap_socket(raw, server_hostname="localhost") as tls:
        chain = [x509.load_der_x509_certificate(c.public_bytes(2))
                 for c in tls._sslobj.get_unverified_chain()]
        roots = x509.load_pem_x509_certificates(open(sys.argv[1], "rb").read())
        aki, any_ = x509.AuthorityKeyIdentifier, verification.Criticality.AGNOSTIC
        ca = verification.ExtensionPolicy.webpki_defaults_ca().may_be_present(aki, any_, None)
        ee = verification.ExtensionPolicy.webpki_defaults_ee().may_be_present(aki, any_, None)
        verifier = (verification.PolicyBuilder().store(verification.Store(roots))
                    .extension_policies(ca_policy=ca, ee_policy=ee)  # lab leaves: no AKI
                    .time(datetime.datetime.now(datetime.timezone.utc))
                    .build_server_verifier(x509.DNSName("localhost")))
        verifier.verify(chain[0], chain[1:])
"""
    + GET_THE_PAGE
)
"""The bare handshake plus what the rules make every check load and do: pyca's verifier on the
chain (the verdict) and httptools reading the page's answer. No part of conndoctor: the share of a
check's time that the mandated libraries alone cost."""

MAIN_PROCESS_LIBRARIES = (
    """
import argparse, datetime, email._parseaddr, httptools, json, pickle, socket, ssl, sys
import ntplib, psutil
context = ssl.create_default_context(cafile=sys.argv[1])
with socket.create_connection(("127.0.0.1", int(sys.argv[2])), timeout=5) as raw:
    with context.wrap_socket(raw, server_hostname="localhost") as tls:
"""
    + GET_THE_PAGE
    + """
psutil.net_if_addrs(), psutil.net_if_stats()
"""
)
"""What a check's own process cannot do without on Linux, where the verdict is judged in the
judgement's process on another core: the handshake and the page's answer (httptools), the network
adapters (psutil), and the modules the command line, the clock, the records and the worker's
messages load (argparse, ntplib, the Date headers' parser, json, pickle). The rest of a check's
time is conndoctor's own code."""


def _time_once(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, env=env)
    return time.perf_counter() - started, done.returncode


def _time_in_turns(commands: list[list[str]], runs: int) -> list[float]:
    """Each command once per turn, so that a busier moment of the machine weighs on all
    (medians). A command that fails ends the benchmark: its time would mean nothing."""
    for command in commands:
        _time_once(command)  # warm the file cache
    rows = [[_time_once(command) for command in commands] for _ in range(runs)]
    failed = {i for row in rows for i, (_, code) in enumerate(row) if code != 0}
    if failed:
        raise SystemExit(f"failed: {[' '.join(commands[i])[:200] for i in sorted(failed)]}")
    return [statistics.median(row[i][0] for row in rows) for i in range(len(commands))]


def _time_process(command: list[str], runs: int) -> tuple[float, list[int]]:
    timed = [_time_once(command) for _ in range(runs)]
    return statistics.median(t for t, _ in timed), [code for _, code in timed]


def _peak_memory_mb(command: list[str]) -> float:
    """ru_maxrss of one process, in MB, measured apart from this big benchmark process."""
    with tempfile.TemporaryDirectory() as folder:
        peak = Path(folder) / "peak"
        subprocess.run(peak_memory.launched(command, peak), capture_output=True, check=False)
        return peak_memory.peak_mb(peak)


def _sslyze_command(port: int, roots: str) -> list[str] | None:
    if not SSLYZE_PYTHON.exists():
        return None
    return [
        str(SSLYZE_PYTHON), "-m", "sslyze", f"localhost:{port}{{127.0.0.1}}", "--quiet",
        "--certinfo", "--certinfo_ca_file", roots,
        "--tlsv1", "--tlsv1_1", "--tlsv1_2", "--tlsv1_3",
    ]  # fmt: skip


def _time_pair(
    first: list[str], second: list[str], runs: int
) -> tuple[tuple[float, list[int]], tuple[float, list[int]], list[float]]:
    """Both commands, taking turns, so that a busier moment of the machine weighs on both;
    with each turn's ratio second / first (the VM's speed drifts less within one turn)."""
    _time_once(first), _time_once(second)  # warm the file cache for both
    pairs = [(_time_once(first), _time_once(second)) for _ in range(runs)]
    return (
        (statistics.median(a[0] for a, _ in pairs), [a[1] for a, _ in pairs]),
        (statistics.median(b[0] for _, b in pairs), [b[1] for _, b in pairs]),
        [b[0] / a[0] for a, b in pairs],
    )


def _spread(ratios: list[float]) -> str:
    """The median of per-turn ratios and their quartiles."""
    low, middle, high = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else ratios * 3
    return f"median {middle:.2f}x, quartiles {low:.2f}-{high:.2f}x"


def _start(server: socketserver.BaseServer) -> None:
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline", type=Path, help="another checkout: its check in turns")
    args = parser.parse_args()
    compile_like_an_install()
    if args.baseline is not None:
        compile_like_an_install(args.baseline.resolve())

    with tempfile.TemporaryDirectory() as folder:
        python = plain_install(Path(folder) / "installed")
        conndoctor = command_of(python)
        sites = LabSites(LabPki(Path(folder)))
        healthy = sites("healthy")
        silent = sites("silent")
        ntp = socketserver.ThreadingUDPServer(("127.0.0.1", 0), _NtpHandler)
        web = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _LabHandler)
        for server in (ntp, web):
            server.daemon_threads = True
            _start(server)
        lab_args = [
            "--ntp-server", f"127.0.0.1:{ntp.server_address[1]}",
            "--connectivity-url", f"http://127.0.0.1:{web.server_address[1]}/generate_204",
            "--home", folder,
        ]  # fmt: skip
        site_args = [healthy.public_ca_file, str(healthy.port)]
        check_command = [conndoctor, "check", *healthy.cli_args(), "--json"]
        (bare, bare_codes), (whole, whole_codes), turns = _time_pair(
            [python, "-c", BARE_HANDSHAKE, *site_args], [*check_command, *lab_args], args.runs
        )
        floor, main_floor, bare_again, bare_editable = _time_in_turns(
            [
                [python, "-c", LIBRARY_FLOOR, *site_args],
                [python, "-c", MAIN_PROCESS_LIBRARIES, *site_args],
                [python, "-c", BARE_HANDSHAKE, *site_args],
                [sys.executable, "-c", BARE_HANDSHAKE, *site_args],
            ],
            args.runs,
        )
        compared = None
        if args.baseline is not None:
            old = plain_install(Path(folder) / "baseline", args.baseline.resolve())
            compared = _time_in_turns(
                [
                    [python, "-c", BARE_HANDSHAKE, *site_args],
                    [*check_command, *lab_args],
                    [command_of(old), *check_command[1:], *lab_args],
                ],
                args.runs,
            )
        deadline = 2.0
        silent_command = [
            conndoctor, "check", *silent.cli_args(), "--json",
            "--timeout", str(deadline), *lab_args,
        ]  # fmt: skip
        hung, _ = _time_process(silent_command, max(3, args.runs // 2))
        sslyze = _sslyze_command(healthy.port, healthy.public_ca_file)
        scanned: float | None = None
        if sslyze is not None:
            (whole_again, _), (scanned, _), sslyze_turns = _time_pair(
                [*check_command, *lab_args], sslyze, max(3, args.runs // 3)
            )
        peaks: dict[str, float] = {}
        for kind in KINDS:
            site = sites(kind)
            command = [conndoctor, "check", *site.cli_args(), "--json"]
            peaks[kind] = _peak_memory_mb([*command, "--timeout", "2", *lab_args])
        sites.stop()

    ratio = whole / bare
    print(f"bare verified TLS handshake process : median {bare * 1000:7.1f} ms  exits {bare_codes}")
    print(
        f"conndoctor check (healthy site)     : median {whole * 1000:7.1f} ms  exits {whole_codes}"
    )
    print(f"ratio check / bare handshake        : {ratio:5.2f}x   (target <= 3.5x, < 1000 ms)")
    print(f"  the same, turn by turn            : {_spread(turns)}")
    print(
        f"bare + pyca verify + page GET       : median {floor * 1000:7.1f} ms ="
        f" {floor / bare_again:5.2f}x the bare handshake (the libraries the verdict must use,"
        " nothing of conndoctor)"
    )
    print(
        f"the check's process's libraries     : median {main_floor * 1000:7.1f} ms ="
        f" {main_floor / bare_again:5.2f}x the bare handshake (the GET, psutil, ntplib,"
        " the Date parser, json...; pyca is judged in another process)"
    )
    print(
        f"bare handshake, development venv    : median {bare_editable * 1000:7.1f} ms (with its"
        " editable finder; every process above runs as a plain install instead)"
    )
    print(
        f"silent server, --timeout {deadline:.1f}         : median {hung * 1000:7.1f} ms"
        f"   (target <= {(deadline + 0.5) * 1000:.0f} ms)"
    )
    if compared is not None:
        b, now, then = compared
        print(
            f"in turns with the baseline           : bare {b * 1000:.1f} ms, check {now * 1000:.1f}"
            f" ms = {now / b:.2f}x, baseline check {then * 1000:.1f} ms = {then / b:.2f}x"
        )
    if scanned is None:
        print("sslyze                              : not measured (no .venv-sslyze; see above)")
    else:
        print(
            f"sslyze --certinfo --tlsv1..1_3      : median {scanned * 1000:7.1f} ms  beside check "
            f"{whole_again * 1000:.1f} ms = {scanned / whole_again:5.1f}x faster (target >= 5x)"
        )
        print(f"  the same, turn by turn            : {_spread(sslyze_turns)}")
    worst = max(peaks, key=peaks.__getitem__)
    print(
        f"peak memory (ru_maxrss), {len(peaks)} lab cases: max {peaks[worst]:5.1f} MB ({worst}),"
        f" min {min(peaks.values()):5.1f} MB   (target < 60 MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
