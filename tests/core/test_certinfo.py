"""certinfo reads certificates without `cryptography`: it must say exactly what `certificates`
says of the same certificate, or decline (Unreadable), never something else."""

from __future__ import annotations

import datetime as dt
import ipaddress
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.name import _ASN1Type
from cryptography.x509.oid import NameOID

from conndoctor.core import certificates as certs
from conndoctor.core.certinfo import Unreadable, read_certificate
from conndoctor.core.truststores import certifi_file, os_store_files
from tests.lab.certs import KASPERSKY_ROOT, LabPki

HOSTS = [
    "localhost",
    "LOCALHOST.",
    "127.0.0.1",
    "127.0.0.2",
    "::1",
    "www.conndoctor.test",
    "a.b.conndoctor.test",
    "conndoctor.test",
    "www.example.test",
    "example.test",
]


def _der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def _agrees(cert: x509.Certificate) -> bool:
    """True when certinfo read it exactly as `certificates` does, False when it declined."""
    try:
        facts = read_certificate(_der(cert))
    except Unreadable:
        return False
    assert facts.describe() == certs.describe(cert)
    assert facts.subject_text == certs.name_text(cert.subject)
    return True


def _lab_certificates(pki: LabPki) -> list[x509.Certificate]:
    inter = pki.public_intermediate
    made = [
        pki.public_root,
        inter,
        pki.leaf("ci-healthy", inter),
        pki.leaf("ci-wildcard", inter, dns_names=("*.conndoctor.test",), ips=()),
        pki.leaf("ci-v6", inter, dns_names=("localhost",), ips=("::1", "127.0.0.1")),
        pki.leaf("ci-weak", inter, key_kind="rsa1024"),
        pki.leaf("ci-rsa", inter, key_kind="rsa2048"),
        pki.leaf(
            "ci-expired",
            inter,
            valid_from=-dt.timedelta(days=99),
            valid_until=-dt.timedelta(days=9),
        ),
        pki.leaf("ci-self", None),
        pki.leaf("ci-aia", inter, aia_url="http://127.0.0.1:1/ca.der"),
        pki.sha1_leaf("ci-sha1", inter),
        pki.ca("ci-kaspersky", KASPERSKY_ROOT),
    ]
    return [issued.cert for issued in made]


def test_lab_certificates_read_exactly_as_cryptography_reads_them(lab_pki: LabPki) -> None:
    for cert in _lab_certificates(lab_pki):
        assert _agrees(cert), cert.subject


@pytest.mark.filterwarnings(
    "ignore:Parsed a serial number:cryptography.utils.CryptographyDeprecationWarning"
)
def test_every_real_root_is_read_the_same_or_declined() -> None:
    """The roots of this computer and certifi: real names, RSA 4096, P-384, old encodings."""
    read = declined = 0
    for path in [*os_store_files(), certifi_file()]:
        for cert in certs.certificates_in(path):
            if _agrees(cert):
                read += 1
            else:
                declined += 1
    assert read > 100
    assert declined <= read // 10, (read, declined)


def test_names_with_rfc4514_specials_several_types_and_unknown_attributes() -> None:
    key = ec.generate_private_key(ec.SECP384R1())
    subject = x509.Name(
        [
            x509.RelativeDistinguishedName(
                [
                    x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Unit+One"),
                    x509.NameAttribute(NameOID.COMMON_NAME, ' #lead, "q"; <a>\\b trail '),
                ]
            ),
            x509.RelativeDistinguishedName(
                [x509.NameAttribute(NameOID.ORGANIZATION_NAME, "接続ドクター", _ASN1Type.BMPString)]
            ),
            x509.RelativeDistinguishedName(
                [x509.NameAttribute(NameOID.EMAIL_ADDRESS, "help@example.test")]
            ),
            x509.RelativeDistinguishedName([x509.NameAttribute(NameOID.COUNTRY_NAME, "JP")]),
        ]
    )
    cert = _self_signed(subject, key, hashes.SHA384())
    assert _agrees(cert)
    facts = read_certificate(_der(cert))
    assert facts.key == ("EC", 384) and facts.signature_hash == "sha384"


def test_ed25519_and_a_name_without_common_name() -> None:
    key = ed25519.Ed25519PrivateKey.generate()
    subject = x509.Name([x509.NameAttribute(NameOID.LOCALITY_NAME, "Tokyo")])
    cert = _self_signed(subject, key, None)
    assert _agrees(cert)
    assert read_certificate(_der(cert)).subject_text == "L=Tokyo"


def test_t61_names_are_declined_not_guessed() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Old CA", _ASN1Type.T61String)])
    with pytest.raises(Unreadable):
        read_certificate(_der(_self_signed(subject, key, hashes.SHA256())))


def test_names_and_weakness_agree_with_the_full_judgement(lab_pki: LabPki) -> None:
    for cert in _lab_certificates(lab_pki):
        facts = read_certificate(_der(cert))
        for host in HOSTS:
            assert facts.is_for(host) == certs.host_matches(cert, host), (cert.subject, host)
        weak = bool(certs.weak_key(cert) or certs.weak_signature(cert))
        assert facts.weak() == weak, cert.subject


def test_damaged_certificates_are_declined(lab_pki: LabPki) -> None:
    der = _der(lab_pki.leaf("ci-healthy", lab_pki.public_intermediate).cert)
    for cut in range(0, len(der), 7):
        with pytest.raises(Unreadable):
            read_certificate(der[:cut])
    with pytest.raises(Unreadable):
        read_certificate(der + b"\x00")
    for position in range(0, len(der), 11):
        damaged = der[:position] + bytes([der[position] ^ 0xFF]) + der[position + 1 :]
        try:
            read_certificate(damaged)
        except Unreadable:
            continue


def _self_signed(
    subject: x509.Name,
    key: ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey | rsa.RSAPrivateKey,
    digest: hashes.SHA256 | hashes.SHA384 | None,
) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("example.test"), x509.IPAddress(ipaddress.ip_address("::1"))]
            ),
            critical=False,
        )
        .sign(key, digest)
    )


def test_truststore_counts_match_the_full_store(tmp_path: Path) -> None:
    from conndoctor.core.truststores import NotPlainPem, pem_certificates, store_files

    for paths in ([certifi_file()], os_store_files()):
        quick = store_files(paths)
        full = certs.store_from_files("x", paths)
        assert quick.summary() == {"roots": len(full.roots), "files": list(full.sources)}
    odd = tmp_path / "trusted.pem"
    odd.write_text("-----BEGIN TRUSTED CERTIFICATE-----\nAAAA\n-----END TRUSTED CERTIFICATE-----\n")
    with pytest.raises(NotPlainPem):
        pem_certificates(str(odd))
