"""One question to pyca cryptography's verifier: does this chain lead to these roots, for this
name, at this time?

The verifier is `cryptography.x509.verification` with its Web PKI policy, relaxed only where
Chromium is more lenient (each relaxation says why). `tls_verdict` asks it every question,
the real one and the counterfactual ones; nothing else decides trust.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from cryptography import x509
from cryptography.x509 import verification as pyca
from cryptography.x509.oid import ExtendedKeyUsageOID

from conndoctor.core.trust import certificates as certs
from conndoctor.core.trust import chromium_rules


def _policies(
    anchors: frozenset[x509.Certificate], *, server_auth_by_validator: bool = False
) -> tuple[pyca.ExtensionPolicy, pyca.ExtensionPolicy]:
    """The CA and leaf extension policies: pyca's Web PKI defaults, relaxed where Chromium is.

    `anchors` are the trusted roots: Chromium does not hold a trust anchor to the rules for
    issuing CAs. `server_auth_by_validator`: for the question without a server name (pyca's
    client verifier), the EKU checks a server verifier makes, done by validators instead.
    """

    def ca_bit_below_root(
        _policy: pyca.Policy, cert: x509.Certificate, value: x509.BasicConstraints
    ) -> None:
        if not value.ca and cert not in anchors:
            raise ValueError("basicConstraints.cA must be asserted in an issuing CA certificate")

    ca_policy = (
        pyca.ExtensionPolicy.webpki_defaults_ca()
        # Chromium 156 loads roots with a non-critical basicConstraints or without cA (pyca
        # insists that a CA policy requires the extension, so a root without it stays refused).
        .require_present(x509.BasicConstraints, pyca.Criticality.AGNOSTIC, ca_bit_below_root)
        # Chromium 156 loads CAs without AKI, or with an AKI lacking keyIdentifier; a critical
        # AKI stays refused (as in Chromium).
        .may_be_present(x509.AuthorityKeyIdentifier, pyca.Criticality.NON_CRITICAL, None)
    )
    ee_policy = (
        pyca.ExtensionPolicy.webpki_defaults_ee()
        # Chromium 156 loads a leaf without AKI; a critical AKI stays refused.
        .may_be_present(x509.AuthorityKeyIdentifier, pyca.Criticality.NON_CRITICAL, None)
        # Chromium only warns about a leaf with cA (BoringSSL pki/verify_certificate_chain.cc
        # VerifyTargetCertIsNotCA: a warning for SERVER_AUTH) and loads a leaf with keyCertSign
        # (limbo webpki::ee-basicconstraints-ca, rfc5280::leaf-ku-keycertsign load).
        .may_be_present(x509.BasicConstraints, pyca.Criticality.AGNOSTIC, None)
        # keyUsage: Chromium's TLS stack wants digitalSignature (rule `leaf_key_usage`).
        .may_be_present(x509.KeyUsage, pyca.Criticality.AGNOSTIC, _leaf_key_usage)
        # Chromium applies name constraints only from issuers and ignores them on the leaf
        # (limbo rfc5280::nc::not-allowed-in-ee-critical and -noncritical load).
        .may_be_present(x509.NameConstraints, pyca.Criticality.AGNOSTIC, None)
        # Chromium requires a critical SAN only when the subject is empty, and allows it
        # otherwise (limbo webpki::san::san-critical-with-nonempty-subject loads). pyca still
        # matches the name against the SAN when the extension is required, whatever its
        # validator.
        .require_present(
            x509.SubjectAlternativeName, pyca.Criticality.AGNOSTIC, _leaf_san_criticality
        )
    )
    if server_auth_by_validator:
        ca_policy = ca_policy.may_be_present(
            x509.ExtendedKeyUsage, pyca.Criticality.NON_CRITICAL, _ca_server_auth
        )
        ee_policy = ee_policy.may_be_present(
            x509.ExtendedKeyUsage, pyca.Criticality.NON_CRITICAL, _leaf_server_auth
        )
    return ca_policy, ee_policy


def _ca_server_auth(
    _policy: pyca.Policy, _cert: x509.Certificate, value: x509.ExtendedKeyUsage | None
) -> None:
    """As pyca's server verifier: a CA's EKU, when present, allows serverAuth or any purpose."""
    allowed = {ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE}
    if value is not None and not allowed.intersection(value):
        raise ValueError("required EKU not found (serverAuth)")


def _leaf_server_auth(
    _policy: pyca.Policy, _cert: x509.Certificate, value: x509.ExtendedKeyUsage | None
) -> None:
    """As pyca's server verifier: a leaf's EKU, when present, has serverAuth."""
    if value is not None and ExtendedKeyUsageOID.SERVER_AUTH not in value:
        raise ValueError("required EKU not found (serverAuth)")


def _leaf_key_usage(
    _policy: pyca.Policy, _cert: x509.Certificate, value: x509.KeyUsage | None
) -> None:
    """The leaf's keyUsage, when present, has the bits a TLS server's key needs
    (`leaf_key_usage` rule)."""
    if value is None:
        return
    missing = [bit for bit in chromium_rules.leaf_key_usage_required() if not getattr(value, bit)]
    if missing:
        raise ValueError(f"leaf keyUsage lacks {', '.join(missing)}, which a TLS server needs")


def _leaf_san_criticality(
    _policy: pyca.Policy, cert: x509.Certificate, _value: x509.SubjectAlternativeName
) -> None:
    """A leaf with an empty subject has a critical SAN (`leaf_san_critical_if_subject_empty`)."""
    if len(cert.subject) == 0:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
        if not san.critical:
            raise ValueError("subjectAltName must be critical when the subject is empty")


class Answer(NamedTuple):
    """One verification: the accepted path (leaf first, root last), or the verifier's refusal."""

    path: tuple[x509.Certificate, ...]
    error: str

    @property
    def accepted(self) -> bool:
        return bool(self.path)


def _subjects(leaf: x509.Certificate, host: str) -> Iterator[x509.DNSName | x509.IPAddress]:
    """The name to verify for, then stand-ins: pyca refuses some host names browsers accept
    (with '_'), and then the leaf's own SAN entry that covers the host is verified instead."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        yield x509.IPAddress(address)
        return
    for name in (host, *(n.replace("*", "x", 1) for n in certs.matching_names(leaf, host))):
        try:
            yield x509.DNSName(name)
        except ValueError:  # not an A-label: pyca cannot be asked about this name
            continue


@lru_cache(maxsize=8)
def _builder(
    roots: tuple[x509.Certificate, ...], *, without_name: bool = False
) -> pyca.PolicyBuilder:
    """The verifier's store and policies for these roots (the same few stores, many questions)."""
    ca_policy, ee_policy = _policies(frozenset(roots), server_auth_by_validator=without_name)
    return (
        pyca.PolicyBuilder()
        .store(pyca.Store(list(roots)))
        .extension_policies(ca_policy=ca_policy, ee_policy=ee_policy)
    )


def verify(
    chain: Sequence[x509.Certificate],
    host: str,
    roots: Sequence[x509.Certificate],
    at: dt.datetime,
) -> Answer:
    """Ask the verifier once: does `chain` lead to one of `roots` for `host` at `at`?"""
    if not roots or not chain:
        return Answer((), "no trusted roots" if not roots else "no certificate")
    builder = _builder(tuple(roots)).time(at)
    refusal = f"{host!r} is not a name the verifier accepts"
    for subject in _subjects(chain[0], host):
        try:
            verifier = builder.build_server_verifier(subject)
        except ValueError as exc:
            refusal = str(exc)
            continue
        try:
            return Answer(tuple(verifier.verify(chain[0], list(chain[1:]))), "")
        except (pyca.VerificationError, ValueError) as exc:
            return Answer((), str(exc))
    if chromium_rules.host_name_pyca_refuses(host):
        return _verify_without_name(chain, host, roots, at)
    return Answer((), refusal)


def _verify_without_name(
    chain: Sequence[x509.Certificate],
    host: str,
    roots: Sequence[x509.Certificate],
    at: dt.datetime,
) -> Answer:
    """For a host name pyca cannot take but Chromium accepts (rule `host_names_pyca_refuses`):
    the same verification without a server name (pyca's client verifier, serverAuth checked by
    validators), and the name matched against the leaf's SAN as browsers match it."""
    if not certs.matching_names(chain[0], host):
        return Answer((), f"leaf certificate has no subjectAltName matching {host!r}")
    verifier = _builder(tuple(roots), without_name=True).time(at).build_client_verifier()
    try:
        return Answer(tuple(verifier.verify(chain[0], list(chain[1:])).chain), "")
    except (pyca.VerificationError, ValueError) as exc:
        return Answer((), str(exc))
