"""Smoke test of a built Connection Doctor: the same script in CI (every system) and locally.

    python packaging/smoke_test.py dist/ConnDoctor/ConnDoctor          # Linux
    python packaging/smoke_test.py dist/ConnDoctor.app/Contents/MacOS/ConnDoctor
    python packaging/smoke_test.py dist\\ConnDoctor\\conndoctor-cli.exe \\
        --wizard dist\\ConnDoctor\\ConnDoctor.exe

It runs the built program, never the checkout: `--version`; `explain` in Japanese; `check`
against a TLS server on 127.0.0.1 that it starts itself (its own throw-away CA), with a Japanese
PDF whose fonts must be embedded and hold Japanese; the wizard's first page offscreen. On Linux it
also proves the command line loads no Qt library (ld.so's own list of what it opened). Needs
`cryptography` (a dependency of the project) in the Python that runs it, and `pypdf` or
poppler's `pdffonts` for the PDF. Exit status 0 when every step passed; each step prints a line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
BUNDLED_FONT = "BIZUD"


class SmokeFailure(AssertionError):
    """One step of the smoke test did not do what it must."""


def project_version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def run(
    app: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(app), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        env={**os.environ, **(env or {})},
        check=False,
    )


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


# --- a loopback HTTPS site with its own CA


def write_site_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A throw-away root CA and a certificate for localhost/127.0.0.1 signed by it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Smoke Test Root CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    import ipaddress

    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=20))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    ca_file, cert_file, key_file = folder / "ca.pem", folder / "site.pem", folder / "site.key"
    ca_file.write_bytes(ca.public_bytes(pem))
    cert_file.write_bytes(leaf.public_bytes(pem))
    key_file.write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return ca_file, cert_file, key_file


@contextmanager
def https_site(cert_file: Path, key_file: Path) -> Iterator[int]:
    """An HTTPS server on 127.0.0.1 answering every request with 200; yields its port."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def answer(conn: socket.socket) -> None:
        try:
            with context.wrap_socket(conn, server_side=True) as tls:
                tls.settimeout(5)
                tls.recv(65536)
                body = b"<html><body>smoke</body></html>"
                tls.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n"
                    + f"Content-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )
        except (OSError, ssl.SSLError):
            pass

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=answer, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=2)
        listener.close()


# --- the steps


def step_version(app: Path) -> str:
    done = run(app, "--version")
    expect(done.returncode == 0, f"--version exit {done.returncode}: {done.stderr.strip()}")
    expected = f"conndoctor {project_version()}"
    expect(done.stdout.strip() == expected, f"--version said {done.stdout!r}, not {expected!r}")
    times = []
    for _ in range(5):
        start = time.perf_counter()
        run(app, "--version")
        times.append(time.perf_counter() - start)
    return f"{expected}, median {statistics.median(times) * 1000:.0f} ms of 5 runs"


def step_explain(app: Path) -> str:
    done = run(app, "explain", "NET::ERR_CERT_DATE_INVALID", "--lang", "ja")
    expect(done.returncode == 0, f"explain exit {done.returncode}: {done.stderr.strip()}")
    expect(
        bool(JAPANESE.search(done.stdout)), f"explain printed no Japanese: {done.stdout[:200]!r}"
    )
    return f"{len(done.stdout.splitlines())} lines of Japanese"


def step_check_and_pdf(app: Path, work: Path) -> str:
    ca_file, cert_file, key_file = write_site_certificates(work)
    pdf = work / "report-ja.pdf"
    with https_site(cert_file, key_file) as port:
        done = run(
            app,
            "check",
            f"https://localhost:{port}/",
            "--json",
            "--lang",
            "ja",
            "--timeout",
            "5",
            "--public-ca-file",
            str(ca_file),
            "--system-ca-file",
            str(ca_file),
            "--resolve",
            f"localhost:{port}:127.0.0.1",
            "--pdf",
            str(pdf),
            env={"QT_QPA_PLATFORM": "offscreen"},
        )
    expect(done.returncode in (0, 1), f"check exit {done.returncode}: {done.stderr.strip()}")
    report = json.loads(done.stdout)
    statuses = {check["id"]: check["status"] for check in report["checks"]}
    site = {k: statuses.get(k) for k in ("tls.handshake", "site.http_status")}
    expect(
        set(site.values()) == {"ok"},
        f"the loopback site (its certificate, its answer) was not judged ok: {site}",
    )
    fonts = pdf_fonts(pdf)
    expect(any(BUNDLED_FONT in name for name in fonts), f"the PDF lacks the bundled font: {fonts}")
    return f"exit {done.returncode}, site judged ok, PDF fonts {sorted(set(fonts))}"


def pdf_fonts(pdf: Path) -> list[str]:
    """The embedded fonts of a PDF (pypdf if installed, else poppler's pdffonts)."""
    expect(pdf.is_file() and pdf.stat().st_size > 0, f"no PDF written at {pdf}")
    try:
        from pypdf import PdfReader
    except ImportError:
        pdffonts = shutil.which("pdffonts")
        expect(pdffonts is not None, "neither pypdf nor pdffonts is installed")
        rows = subprocess.run(
            [str(pdffonts), str(pdf)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        return [row.split()[0] for row in rows if row.split() and " yes " in f" {row} "]
    found: list[str] = []
    for page in PdfReader(pdf).pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font", {}) if resources else {}
        for font in fonts.values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts") or [font]
            for part in descendants:
                descriptor = part.get_object().get("/FontDescriptor")
                embedded = descriptor is not None and any(
                    key in descriptor.get_object()
                    for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
                if embedded:
                    found.append(str(font.get("/BaseFont", "")).lstrip("/"))
    return found


def step_wizard(wizard: Path) -> str:
    done = run(
        wizard,
        env={"QT_QPA_PLATFORM": "offscreen", "CONNDOCTOR_STARTUP_PROBE": "1"},
        timeout=60,
    )
    expect(
        done.returncode == 0 and "first-page-shown" in done.stdout,
        f"the wizard's first page did not show (exit {done.returncode}): {done.stderr[-400:]}",
    )
    return "first page shown offscreen"


def step_no_qt_for_the_command_line(app: Path) -> str:
    """Linux: ld.so lists every library it opens (LD_DEBUG=files); none may be Qt's."""
    if not sys.platform.startswith("linux"):
        return "skipped (ld.so's LD_DEBUG is Linux only)"
    opened: dict[str, int] = {}
    for args in (("--version",), ("explain", "NET::ERR_CERT_DATE_INVALID")):
        done = run(app, *args, env={"LD_DEBUG": "files"})
        names = re.findall(r"file=(\S+)\s+\[0\];\s+needed|calling init: (\S+)", done.stderr)
        libraries = [a or b for a, b in names]
        qt = [name for name in libraries if "libQt6" in name or "libicu" in name]
        expect(not qt, f"{' '.join(args)} loaded Qt: {qt[:3]}")
        opened[" ".join(args)] = len(libraries)
    return f"no Qt library opened ({opened})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app", type=Path, help="the built program that has the command line")
    parser.add_argument("--wizard", type=Path, help="the windowed program (default: app)")
    args = parser.parse_args(argv)
    app, wizard = args.app.resolve(), (args.wizard or args.app).resolve()
    failures = 0
    with tempfile.TemporaryDirectory(prefix="conndoctor-smoke-") as folder:
        work = Path(folder)
        steps: list[tuple[str, Callable[[], str]]] = [
            ("version", lambda: step_version(app)),
            ("no Qt for the command line", lambda: step_no_qt_for_the_command_line(app)),
            ("explain", lambda: step_explain(app)),
            ("check + Japanese PDF", lambda: step_check_and_pdf(app, work)),
            ("wizard", lambda: step_wizard(wizard)),
        ]
        for name, step in steps:
            try:
                print(f"ok   {name}: {step()}", flush=True)
            except (SmokeFailure, subprocess.SubprocessError, OSError, ValueError) as exc:
                failures += 1
                print(f"FAIL {name}: {exc}", flush=True)
    print(f"smoke test: {len(steps) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
