"""The real command line on x509-limbo chains Chromium 156 loads but pyca's verifier cannot judge
alone: served on loopback by a real TLS server, checked end to end.

- `rfc5280::san::underscore-dns`: a host name with '_' (pyca cannot take it): healthy, as in
  Chromium, by the question without a server name.
- `rfc5280::serial::too-long`: pyca refuses a 21-octet serial, Chromium loads it: the
  certificate's verdict could not be determined, and no sentence says all is well.
"""

from __future__ import annotations

import json
import socket
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from conndoctor.core.knowledge.i18n import text

LIMBO = Path(__file__).resolve().parent / "data" / "x509-limbo" / "limbo.json"
OFFLINE = ["--skip", "network.connectivity", "--skip", "clock.network_time"]
pytestmark = pytest.mark.filterwarnings("ignore::cryptography.utils.CryptographyDeprecationWarning")


def limbo_case(case_id: str) -> dict[str, Any]:
    cases = json.loads(LIMBO.read_text(encoding="utf-8"))["testcases"]
    return next(c for c in cases if c["id"] == case_id)


@contextmanager
def served_case(case: dict[str, Any], folder: Path) -> Iterator[tuple[int, Path]]:
    """A TLS server on 127.0.0.1 with the case's chain and key answering one page per
    connection; yields its port and a file with the case's trusted roots."""
    chain, key, roots = folder / "chain.pem", folder / "key.pem", folder / "roots.pem"
    chain.write_text(case["peer_certificate"] + "".join(case["untrusted_intermediates"]))
    key.write_text(case["peer_certificate_key"])
    roots.write_text("".join(case["trusted_certs"]))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(chain, key)
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            try:
                with context.wrap_socket(connection, server_side=True) as tls:
                    tls.settimeout(5)
                    tls.recv(65536)
                    tls.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n"
                        b"Connection: close\r\n\r\nok"
                    )
            except (OSError, ssl.SSLError):
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1], roots
    finally:
        stop.set()
        thread.join(5)
        server.close()


def _check(case_id: str, folder: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    case = limbo_case(case_id)
    host = case["expected_peer_name"]["value"]
    with served_case(case, folder) as (port, roots):
        command = [sys.executable, "-m", "conndoctor", "check", f"https://{host}:{port}/"]
        command += ["--resolve", f"{host}:{port}:127.0.0.1", "--public-ca-file", str(roots)]
        command += ["--system-ca-file", str(roots), "--timeout", "5", *OFFLINE, *extra]
        return subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)


def test_a_host_name_with_an_underscore_is_healthy_as_in_chromium(tmp_path: Path) -> None:
    done = _check("rfc5280::san::underscore-dns", tmp_path, "--json")
    report = json.loads(done.stdout)
    tls = next(c for c in report["checks"] if c["id"] == "tls.handshake")
    assert (tls["status"], report["causes"], done.returncode) == ("ok", [], 0), tls["summary"]


def test_a_chain_pyca_cannot_judge_is_never_called_safe(tmp_path: Path) -> None:
    done = _check("rfc5280::serial::too-long", tmp_path, "--json")
    report = json.loads(done.stdout)
    tls = next(c for c in report["checks"] if c["id"] == "tls.handshake")
    assert tls["status"] == "warn", tls["summary"]
    assert tls["details"]["undetermined"] == "serial_over_20_octets"
    assert tls["summary_key"] == "tls.undetermined.serial_over_20_octets"
    assert (report["causes"], done.returncode) == ([], 3)
    for lang in ("ja", "en"):
        person = _check("rfc5280::serial::too-long", tmp_path, "--lang", lang).stdout
        assert text("cli.no_causes", lang) not in person
        assert text("cli.no_causes_undetermined", lang).split("{")[0] in person


def test_the_report_says_could_not_determine_instead_of_all_is_well() -> None:
    """The PDF's first page, from a report document without causes whose certificate verdict
    could not be determined."""
    import html

    from conndoctor.report.layout import main_pages

    check = {"id": "tls.handshake", "title": "T", "status": "warn", "summary": "S", "details": {}}
    for lang in ("ja", "en"):
        decided = html.unescape(main_pages({"causes": [], "checks": [check]}, lang))
        check_undecided = {**check, "details": {"undetermined": "serial_over_20_octets"}}
        undecided = html.unescape(main_pages({"causes": [], "checks": [check_undecided]}, lang))
        assert text("cli.no_causes", lang) in decided
        assert text("cli.no_causes", lang) not in undecided
        assert text("cli.no_causes_undetermined", lang).split("{")[0] in undecided
