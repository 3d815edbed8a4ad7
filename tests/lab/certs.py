"""Certificates for the loopback lab: a lab 'public' root, its intermediate, and per-kind leaves.

Nothing here touches the real trust store: the lab's roots are written to PEM files that the
program is pointed at with --public-ca-file / --system-ca-file. EC P-256 keys are used except
where the key itself is the point (RSA 1024 for a weak key), because they are fast to make.
"""

from __future__ import annotations

import base64
import datetime as dt
import ipaddress
import subprocess
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey

KASPERSKY_ROOT = x509.Name(
    [
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Kaspersky Lab ZAO"),
        x509.NameAttribute(NameOID.COMMON_NAME, "Kaspersky Anti-Virus Personal Root Certificate"),
    ]
)
ORGANISATION_ROOT = x509.Name(
    [
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example Trading Co."),
        x509.NameAttribute(NameOID.COMMON_NAME, "Example Trading Inspection Root"),
    ]
)


def lab_name(common_name: str, organisation: str = "Conndoctor Lab") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


@dataclass(frozen=True)
class Issued:
    """A certificate with its key, both also written as PEM files."""

    cert: x509.Certificate
    key: PrivateKey
    cert_path: Path
    key_path: Path


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


class LabPki:
    """Makes and caches the lab's keys and certificates for one test session."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self._issued: dict[str, Issued] = {}
        self._lock = threading.RLock()
        self.now = dt.datetime.now(dt.UTC).replace(microsecond=0)

    def _write(self, name: str, cert: x509.Certificate, key: PrivateKey) -> Issued:
        cert_path = self.folder / f"{name}.pem"
        key_path = self.folder / f"{name}.key"
        cert_path.write_bytes(_pem(cert))
        key_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        return Issued(cert, key, cert_path, key_path)

    @staticmethod
    def new_key(kind: str = "ec") -> PrivateKey:
        if kind == "rsa768":  # below what `cryptography` generates: the openssl tool makes it
            pem = subprocess.run(
                ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:768"],
                check=True,
                capture_output=True,
            ).stdout
            key = serialization.load_pem_private_key(pem, password=None)
            assert isinstance(key, rsa.RSAPrivateKey)
            return key
        if kind == "rsa1024":
            return rsa.generate_private_key(public_exponent=65537, key_size=1024)
        if kind == "rsa2048":
            return rsa.generate_private_key(public_exponent=65537, key_size=2048)
        return ec.generate_private_key(ec.SECP256R1())

    def ca(
        self, name: str, subject: x509.Name, issuer: Issued | None = None, *, ca_bit: bool = True
    ) -> Issued:
        """A CA certificate (a root when `issuer` is None), made once per session; without
        `ca_bit` it signs certificates although its basicConstraints say it may not."""
        with self._lock:
            if name in self._issued:
                return self._issued[name]
            key = self.new_key()
            builder = (
                x509.CertificateBuilder()
                .subject_name(subject)
                .issuer_name(issuer.cert.subject if issuer else subject)
                .public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(self.now - dt.timedelta(days=365))
                .not_valid_after(self.now + dt.timedelta(days=3650))
                .add_extension(x509.BasicConstraints(ca=ca_bit, path_length=None), critical=True)
                .add_extension(
                    x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                    critical=True,
                )
                .add_extension(
                    x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
                )
            )
            signer = issuer.key if issuer else key
            cert = builder.sign(signer, hashes.SHA256())
            self._issued[name] = issued = self._write(name, cert, key)
            return issued

    @property
    def public_root(self) -> Issued:
        return self.ca("public-root", lab_name("Conndoctor Lab Public Root"))

    @property
    def public_intermediate(self) -> Issued:
        return self.ca(
            "public-intermediate", lab_name("Conndoctor Lab Public CA 1"), self.public_root
        )

    def leaf(
        self,
        name: str,
        issuer: Issued | None,
        *,
        dns_names: Sequence[str] = ("localhost",),
        ips: Sequence[str] = ("127.0.0.1",),
        valid_from: dt.timedelta = dt.timedelta(days=-1),
        valid_until: dt.timedelta = dt.timedelta(days=90),
        key_kind: str = "ec",
        aia_url: str | None = None,
    ) -> Issued:
        """A server certificate; self-signed when `issuer` is None. Made once per name."""
        with self._lock:
            if name in self._issued:
                return self._issued[name]
            key = self.new_key(key_kind)
            subject = lab_name(dns_names[0] if dns_names else "Conndoctor Lab Site")
            sans: list[x509.GeneralName] = [x509.DNSName(n) for n in dns_names]
            sans += [x509.IPAddress(ipaddress.ip_address(a)) for a in ips]
            builder = (
                x509.CertificateBuilder()
                .subject_name(subject)
                .issuer_name(issuer.cert.subject if issuer else subject)
                .public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(self.now + valid_from)
                .not_valid_after(self.now + valid_until)
                .add_extension(x509.SubjectAlternativeName(sans), critical=False)
                .add_extension(
                    x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
                )
            )
            if issuer is not None:
                builder = builder.add_extension(
                    x509.BasicConstraints(ca=False, path_length=None), critical=True
                )
            if aia_url:
                builder = builder.add_extension(
                    x509.AuthorityInformationAccess(
                        [
                            x509.AccessDescription(
                                x509.oid.AuthorityInformationAccessOID.CA_ISSUERS,
                                x509.UniformResourceIdentifier(aia_url),
                            )
                        ]
                    ),
                    critical=False,
                )
            cert = builder.sign(issuer.key if issuer else key, hashes.SHA256())
            self._issued[name] = issued = self._write(name, cert, key)
            return issued

    def sha1_leaf(self, name: str, issuer: Issued) -> Issued:
        """A leaf signed with SHA-1: `cryptography` refuses to, so the openssl tool does it."""
        with self._lock:
            if name in self._issued:
                return self._issued[name]
            key = self.new_key()
            csr = (
                x509.CertificateSigningRequestBuilder()
                .subject_name(lab_name("localhost"))
                .sign(key, hashes.SHA256())
            )
            csr_path = self.folder / f"{name}.csr"
            csr_path.write_bytes(csr.public_bytes(serialization.Encoding.PEM))
            ext_path = self.folder / f"{name}.ext"
            ext_path.write_text(
                "[v3]\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n"
                "basicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n"
            )
            out_path = self.folder / f"{name}.pem"
            subprocess.run(
                [
                    "openssl",
                    "x509",
                    "-req",
                    "-in",
                    str(csr_path),
                    "-CA",
                    str(issuer.cert_path),
                    "-CAkey",
                    str(issuer.key_path),
                    "-set_serial",
                    str(x509.random_serial_number()),
                    "-sha1",
                    "-days",
                    "60",
                    "-extfile",
                    str(ext_path),
                    "-extensions",
                    "v3",
                    "-out",
                    str(out_path),
                ],
                check=True,
                capture_output=True,
            )
            cert = x509.load_pem_x509_certificate(out_path.read_bytes())
            self._issued[name] = issued = self._write(name, cert, key)
            return issued

    def ber_leaf_pem(self, name: str, issuer: Issued) -> tuple[bytes, Path]:
        """A leaf whose serial number's length is BER, not DER (0x81 0x10 for 0x10), signed
        properly: OpenSSL loads and serves it byte for byte, browsers refuse to parse it.
        Returns the PEM and the leaf's key file."""
        leaf = self.leaf(f"{name}-template", issuer)
        tbs = leaf.cert.tbs_certificate_bytes
        header = 4 if tbs[1] == 0x82 else 3  # SEQUENCE tag and its length
        body = tbs[header:]
        version = bytes.fromhex("a003020102")
        assert body[:5] == version and body[5] == 0x02, "unexpected TBSCertificate layout"
        serial_length = body[6]
        ber_body = body[:5] + bytes([0x02, 0x81, serial_length]) + body[7:]
        ber_tbs = _der_sequence(ber_body)
        assert isinstance(issuer.key, ec.EllipticCurvePrivateKey), "lab CAs use EC keys"
        signature = issuer.key.sign(ber_tbs, ec.ECDSA(hashes.SHA256()))
        ecdsa_with_sha256 = bytes.fromhex("300a06082a8648ce3d040302")
        bits = b"\x03" + _der_length(len(signature) + 1) + b"\x00" + signature
        der = _der_sequence(ber_tbs + ecdsa_with_sha256 + bits)
        pem = b"-----BEGIN CERTIFICATE-----\n" + base64.encodebytes(der)
        return pem + b"-----END CERTIFICATE-----\n", leaf.key_path

    def bundle(self, name: str, certs: Sequence[x509.Certificate]) -> Path:
        """Several certificates in one PEM file (a server's chain, or a set of roots)."""
        path = self.folder / f"{name}.pem"
        path.write_bytes(b"".join(_pem(c) for c in certs))
        return path


def _der_length(length: int) -> bytes:
    if length < 0x80:
        return bytes([length])
    raw = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def _der_sequence(content: bytes) -> bytes:
    return b"\x30" + _der_length(len(content)) + content


@pytest.fixture(scope="session")
def lab_pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabPki]:
    """The session's lab certificates (made lazily, kept for the whole run)."""
    yield LabPki(tmp_path_factory.mktemp("lab-pki"))
