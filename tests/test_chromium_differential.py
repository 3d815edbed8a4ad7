"""Real Chromium as the judge: for every TLS, certificate and HTTP fault of the lab, the tool's
first cause must belong to the family of the net error that headless Chromium shows.

Chromium trusts what this computer trusts in the lab (the site's --system-ca-file roots) through
a fresh NSS database; the tool runs as the command line, on the same server. The table of
every row goes to test-artifacts/chromium_differential.md.
"""

from __future__ import annotations

import datetime as dt
import json
import ssl
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID

from tests.lab import chromium
from tests.lab.certs import Issued, LabPki, lab_name
from tests.lab.tls_servers import EXPECTED_CAUSES, LabServer, LabSite, tls_site_handler

pytestmark = [
    pytest.mark.browsers,
    pytest.mark.skipif(
        chromium.chromium_path() is None or chromium.certutil_path() is None,
        reason="needs Debian chromium and libnss3-tools (certutil)",
    ),
]

NOT_TLS_KINDS = frozenset({"silent", "refused"})
"""Lab kinds that never reach TLS or HTTP (no answer, closed port): not this test's subject."""

HEALTHY = "healthy"
ANY_CERTIFICATE_CAUSE = "any cert_* cause"
OUTSIDE_TLS = "healthy, or a cause outside TLS"
TLS_CAUSE_PREFIXES = ("cert_", "tls_")
TLS_CAUSES = frozenset({"server_tls_obsolete", "client_cert_required", "clock_wrong"})

FAMILIES: dict[str, frozenset[str]] = {
    "ERR_CERT_DATE_INVALID": frozenset({"cert_expired", "cert_not_yet_valid", "clock_wrong"}),
    "ERR_CERT_AUTHORITY_INVALID": frozenset(
        {"cert_untrusted_root", "cert_self_signed", "cert_incomplete_chain", "tls_interception"}
    ),
    "ERR_CERT_COMMON_NAME_INVALID": frozenset({"cert_hostname_mismatch"}),
    "ERR_CERT_INVALID": frozenset({ANY_CERTIFICATE_CAUSE}),
    "ERR_SSL_SERVER_CERT_BAD_FORMAT": frozenset({ANY_CERTIFICATE_CAUSE}),
    "ERR_CERT_NAME_CONSTRAINT_VIOLATION": frozenset({ANY_CERTIFICATE_CAUSE}),
    "ERR_CERT_VALIDITY_TOO_LONG": frozenset({ANY_CERTIFICATE_CAUSE}),
    "ERR_SSL_KEY_USAGE_INCOMPATIBLE": frozenset({ANY_CERTIFICATE_CAUSE}),
    "ERR_CERT_WEAK_SIGNATURE_ALGORITHM": frozenset({"cert_weak_signature"}),
    "ERR_CERT_WEAK_KEY": frozenset({"cert_weak_key"}),
    "ERR_SSL_VERSION_OR_CIPHER_MISMATCH": frozenset({"server_tls_obsolete", "tls_cipher_mismatch"}),
    "ERR_SSL_OBSOLETE_CIPHER": frozenset({"server_tls_obsolete", "tls_cipher_mismatch"}),
    "ERR_SSL_CLIENT_AUTH_CERT_NEEDED": frozenset({"client_cert_required"}),
    "ERR_BAD_SSL_CLIENT_AUTH_CERT": frozenset({"client_cert_required"}),
    "ERR_EMPTY_RESPONSE": frozenset({"tls_protocol_error"}),
    # BoringSSL cannot decode a BER (not DER) certificate in the handshake; Chromium 156 names
    # that ERR_SSL_PROTOCOL_ERROR (measured: ber_certificate), the tool a broken certificate.
    "ERR_SSL_PROTOCOL_ERROR": frozenset({"tls_protocol_error", "cert_invalid"}),
    "ERR_CONNECTION_RESET": frozenset({"tls_protocol_error"}),
    "ERR_CONNECTION_CLOSED": frozenset({"tls_protocol_error"}),
    "ERR_INVALID_RESPONSE": frozenset({"tls_protocol_error"}),
    "ERR_CONNECTION_REFUSED": frozenset({"site_unreachable"}),
    "ERR_CONNECTION_TIMED_OUT": frozenset({"site_unreachable"}),
    # Chromium fetches a missing intermediate from the AIA URL itself, so the page loads; the
    # cause says "works in Chrome, fails in Firefox". A product root this computer trusts makes
    # every browser load; naming the interception is still the tool's job.
    chromium.LOADED: frozenset({OUTSIDE_TLS, "cert_incomplete_chain", "tls_interception"}),
}
"""Chromium's answer → the tool's first causes that agree with it (the issue's family table)."""


def in_family(answer: str, cause: str | None) -> bool:
    family = FAMILIES.get(answer, frozenset())
    if cause is None:
        return OUTSIDE_TLS in family
    if cause in family:
        return True
    if ANY_CERTIFICATE_CAUSE in family and cause.startswith("cert_"):
        return True
    is_tls = cause.startswith(TLS_CAUSE_PREFIXES) or cause in TLS_CAUSES
    return OUTSIDE_TLS in family and not is_tls


def test_family_table_knows_healthy_and_outside_tls() -> None:
    assert in_family(chromium.LOADED, None)
    assert in_family(chromium.LOADED, "site_maintenance")
    assert not in_family(chromium.LOADED, "cert_weak_key")
    assert not in_family("ERR_CERT_INVALID", None)
    assert in_family("ERR_CERT_INVALID", "cert_expired")
    assert not in_family("ERR_CERT_DATE_INVALID", "cert_hostname_mismatch")
    assert not in_family("ERR_SOMETHING_NEW", "tls_protocol_error")


def test_stored_net_error_names_are_chromiums_own() -> None:
    from_chromium = chromium.net_log_error_constants()
    assert from_chromium, "Chromium wrote no netError constants into its net log"
    for number, name in chromium.net_error_names().items():
        assert from_chromium.get(number) == name, number


# Lab kinds from issue #10 that tests/lab/tls_servers.py does not serve (yet): test-local.
LOCAL_KINDS: dict[str, str] = {
    "intermediate_not_ca": "an intermediate without CA:TRUE",
    "client_cert_tls12": "asks for a client certificate (TLS 1.2)",
    "client_cert_tls13": "asks for a client certificate (TLS 1.3)",
    "null_ciphers": "offers only NULL ciphers",
    "http_to_tls_port": "http:// to a port that speaks TLS",
    "http_500": "HTTP 500 behind working TLS",
    "http_502": "HTTP 502 behind working TLS",
    "http_504": "HTTP 504 behind working TLS",
}
HTTP_ERRORS = {
    "http_500": (500, "Internal Server Error"),
    "http_502": (502, "Bad Gateway"),
    "http_504": (504, "Gateway Timeout"),
}


def _not_ca_chain(pki: LabPki) -> tuple[list[x509.Certificate], Path]:
    """A leaf issued by an 'intermediate' that says CA:FALSE, under the lab's public root."""
    root = pki.public_root
    now = pki.now
    middle_key = ec.generate_private_key(ec.SECP256R1())
    middle = _signed(
        x509.CertificateBuilder()
        .subject_name(lab_name("Conndoctor Lab Not A CA"))
        .public_key(middle_key.public_key())
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True),
        root,
        now,
    )
    leaf_key = LabPki.new_key()
    leaf = (
        x509.CertificateBuilder()
        .subject_name(lab_name("localhost"))
        .issuer_name(middle.subject)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=90))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(middle_key, hashes.SHA256())
    )
    key_path = pki.folder / "intermediate-not-ca-leaf.key"
    key_path.write_bytes(
        leaf_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return [leaf, middle], key_path


def _signed(builder: x509.CertificateBuilder, issuer: Issued, now: dt.datetime) -> x509.Certificate:
    return (
        builder.issuer_name(issuer.cert.subject)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=30))
        .not_valid_after(now + dt.timedelta(days=365))
        .sign(issuer.key, hashes.SHA256())
    )


def _local_context(pki: LabPki, kind: str) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    if kind == "intermediate_not_ca":
        chain, key_path = _not_ca_chain(pki)
        context.load_cert_chain(str(pki.bundle("intermediate-not-ca-chain", chain)), key_path)
        return context
    leaf = pki.leaf("healthy", pki.public_intermediate)
    chain_file = pki.bundle("healthy-chain", [leaf.cert, pki.public_intermediate.cert])
    context.load_cert_chain(str(chain_file), str(leaf.key_path))
    if kind.startswith("client_cert"):
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(cafile=str(pki.public_root.cert_path))
        version = ssl.TLSVersion.TLSv1_2 if kind.endswith("12") else ssl.TLSVersion.TLSv1_3
        context.minimum_version = context.maximum_version = version
    elif kind == "null_ciphers":
        context.maximum_version = ssl.TLSVersion.TLSv1_2
        context.set_ciphers("eNULL:@SECLEVEL=0")
    return context


@pytest.fixture
def local_site(lab_pki: LabPki) -> Iterator[Callable[[str], LabSite]]:
    servers: list[LabServer] = []

    def start(kind: str) -> LabSite:
        status, reason = HTTP_ERRORS.get(kind, (200, "OK"))
        server = LabServer(tls_site_handler(_local_context(lab_pki, kind), status, reason))
        servers.append(server)
        public = str(lab_pki.bundle("public-roots", [lab_pki.public_root.cert]))
        scheme = "http" if kind == "http_to_tls_port" else "https"
        return LabSite(
            kind=kind,
            host="localhost",
            port=server.port,
            url=f"{scheme}://localhost:{server.port}/",
            public_ca_file=public,
            system_ca_files=(public,),
            expected_cause=None,
        )

    yield start
    for server in servers:
        server.stop()


OFFLINE = ["--skip", "network.connectivity", "--skip", "clock.network_time"]


def _first_cause(site: LabSite) -> tuple[str | None, dict[str, Any]]:
    command = [sys.executable, "-m", "conndoctor", "check", *site.cli_args(), "--json"]
    command += ["--timeout", "5", "--lang", "en", *OFFLINE]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout.strip(), done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    causes = report["causes"]
    return (causes[0]["id"] if causes else None), report


def _trusted_roots(site: LabSite) -> list[x509.Certificate]:
    """What this computer trusts in the lab: every certificate of the --system-ca-file bundles."""
    roots: list[x509.Certificate] = []
    for path in site.system_ca_files:
        roots += x509.load_pem_x509_certificates(Path(path).read_bytes())
    return roots


ROWS: list[tuple[str, str, str, str, bool]] = []


@pytest.fixture(scope="module", autouse=True)
def differential_table(artifacts_dir: Path) -> Iterator[None]:
    """Writes every row (server, Chromium, ours, agree?) once the module's tests ran."""
    yield
    if not ROWS:
        return
    agreed = sum(row[4] for row in ROWS)
    lines = [
        f"# Chromium differential ({chromium.chromium_version()})",
        "",
        f"{agreed} of {len(ROWS)} rows agree.",
        "",
        "| server | what it is | Chromium | conndoctor's first cause | agree |",
        "|---|---|---|---|---|",
        *(f"| {k} | {what} | {ours_c} | {ours} | {'yes' if ok else '**no**'} |"
          for k, what, ours_c, ours, ok in sorted(ROWS)),
    ]  # fmt: skip
    (artifacts_dir / "chromium_differential.md").write_text("\n".join(lines) + "\n")


DIFFERENTIAL_KINDS = [k for k in EXPECTED_CAUSES if k not in NOT_TLS_KINDS]
DIFFERENTIAL_KINDS += [k for k in LOCAL_KINDS if k not in EXPECTED_CAUSES]


@pytest.mark.parametrize("kind", DIFFERENTIAL_KINDS)
def test_first_cause_is_in_the_family_of_chromiums_answer(
    kind: str, lab_site: Callable[..., LabSite], local_site: Callable[[str], LabSite]
) -> None:
    site = lab_site(kind) if kind in EXPECTED_CAUSES else local_site(kind)
    answer = chromium.load(site.url, roots=_trusted_roots(site), hosts=[site.host])
    ours, report = _first_cause(site)
    agree = in_family(answer.outcome, ours)
    what = LOCAL_KINDS.get(kind, f"lab kind (expects {EXPECTED_CAUSES.get(kind) or 'healthy'})")
    ROWS.append((kind, what, answer.outcome, ours or HEALTHY, agree))
    assert answer.outcome in FAMILIES, f"no family for Chromium's {answer.outcome}: add one"
    assert agree, (answer.outcome, ours, [c["id"] for c in report["causes"]])
