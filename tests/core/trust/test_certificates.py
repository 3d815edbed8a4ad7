"""Certificate facts: names, keys, signatures, stores, interception products (never trust)."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509

from conndoctor.core.trust import certificates as certs
from conndoctor.core.trust import stores as trust_stores
from conndoctor.core.trust.certificates import name_matches
from conndoctor.core.trust.chromium_rules import weak_key, weak_signature
from tests.lab.certs import KASPERSKY_ROOT, LabPki, lab_name


@pytest.mark.parametrize(
    ("pattern", "host", "expected"),
    [
        ("www.example.com", "www.example.com", True),
        ("WWW.Example.COM", "www.example.com", True),
        ("www.example.com.", "www.example.com", True),
        ("*.example.com", "www.example.com", True),
        ("*.example.com", "a.b.example.com", False),  # one label only
        ("*.example.com", "example.com", False),
        ("*.com", "example.com", False),  # never a whole top-level domain
        ("w*.example.com", "www.example.com", False),  # partial wildcards are refused
        ("www.*.com", "www.example.com", False),
        ("*.*.example.com", "a.b.example.com", False),
        ("example.com", "www.example.com", False),
    ],
)
def test_wildcards_cover_exactly_one_label(pattern: str, host: str, expected: bool) -> None:
    assert name_matches(pattern, host) is expected


def test_ip_targets_need_ip_names(lab_pki: LabPki) -> None:
    leaf = lab_pki.leaf("ip-only", lab_pki.public_intermediate, dns_names=("127.0.0.1",), ips=())
    assert not certs.host_matches(leaf.cert, "127.0.0.1")  # a DNS name that looks like an IP
    healthy = lab_pki.leaf("healthy", lab_pki.public_intermediate)
    assert certs.host_matches(healthy.cert, "127.0.0.1")
    assert certs.host_matches(healthy.cert, "LOCALHOST")
    assert not certs.host_matches(healthy.cert, "127.0.0.2")


def test_sha1_signature_is_called_weak(lab_pki: LabPki) -> None:
    leaf = lab_pki.sha1_leaf("weak_signature", lab_pki.public_intermediate).cert
    assert weak_signature(leaf) == "sha1"
    assert weak_signature(lab_pki.public_intermediate.cert) is None


def test_weak_keys(lab_pki: LabPki) -> None:
    """Chromium's thresholds: 1024-bit RSA only under its own (public) roots, P-192 never."""
    weak = lab_pki.leaf("weak_key", lab_pki.public_intermediate, key_kind="rsa1024").cert
    assert weak_key(weak, public_root=True) == "RSA 1024"
    assert weak_key(weak, public_root=False) is None
    assert weak_key(lab_pki.public_root.cert, public_root=True) is None


def test_interception_product_is_read_from_the_issuer(lab_pki: LabPki) -> None:
    root = lab_pki.ca("interception-root", KASPERSKY_ROOT)
    leaf = lab_pki.leaf("interception", root).cert
    product = certs.interception_product([leaf, root.cert])
    assert product is not None and product.product == "Kaspersky"
    assert (
        certs.interception_product([lab_pki.leaf("healthy", lab_pki.public_intermediate).cert])
        is None
    )


def test_a_vendors_own_site_is_not_interception(lab_pki: LabPki) -> None:
    leaf = lab_pki.leaf(
        "vendor", lab_pki.public_intermediate, dns_names=("www.kaspersky.com",)
    ).cert
    vendor_leaf = lab_pki.leaf(
        "vendor-o", lab_pki.public_intermediate, dns_names=("Kaspersky Lab ZAO",)
    ).cert
    assert certs.interception_product([leaf]) is None
    assert certs.interception_product([vendor_leaf]) is None


def test_every_interception_entry_has_a_source() -> None:
    entries = certs.interception_products()
    assert len(entries) >= 12
    names = {e.product for e in entries}
    for wanted in ("Kaspersky", "Avast", "AVG", "Bitdefender", "ESET", "Zscaler", "Netskope"):
        assert wanted in names
    assert all(e.match.strip() and e.source.strip() for e in entries)


def test_parse_certificates_reads_pem_and_der(lab_pki: LabPki) -> None:
    from cryptography.hazmat.primitives import serialization

    root = lab_pki.public_root.cert
    assert certs.parse_certificates(root.public_bytes(serialization.Encoding.PEM)) == [root]
    assert certs.parse_certificates(root.public_bytes(serialization.Encoding.DER)) == [root]
    assert certs.parse_certificates(b"not a certificate") == []


def test_validity_problem(lab_pki: LabPki) -> None:
    cert = lab_pki.leaf("healthy", lab_pki.public_intermediate).cert
    assert certs.validity_problem(cert, dt.datetime.now(dt.UTC)) is None
    assert (
        certs.validity_problem(cert, cert.not_valid_after_utc + dt.timedelta(seconds=1))
        == "expired"
    )
    early = cert.not_valid_before_utc - dt.timedelta(seconds=1)
    assert certs.validity_problem(cert, early) == "not_yet_valid"


def test_store_matches_a_reissued_root_by_name_and_key(lab_pki: LabPki) -> None:
    root = lab_pki.public_root
    reissued = (
        x509.CertificateBuilder()
        .subject_name(root.cert.subject)
        .issuer_name(root.cert.subject)
        .public_key(root.key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(root.cert.not_valid_before_utc)
        .not_valid_after(root.cert.not_valid_after_utc + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(root.key, root.cert.signature_hash_algorithm)  # type: ignore[arg-type]
    )
    store = trust_stores.TrustStore.of("public", [root.cert])
    assert store.contains(reissued)
    assert not store.contains(lab_pki.ca("other", lab_name("Other Root")).cert)
