"""Where Chromium refuses chains that pyca's verifier accepts, read from
`resources/certificate_rules.json` (each rule with its source).

These rules only ever add a refusal to a chain the verifier accepted; they never make a
chain trusted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature

from conndoctor.core.knowledge.i18n import load_json_resource
from conndoctor.core.trust import certificates as certs


@cache
def _rules() -> dict[str, Any]:
    return dict(load_json_resource("certificate_rules.json"))


def unreadable_extensions(cert: x509.Certificate) -> str | None:
    """The parser's complaint when a certificate's extensions cannot be read, else None:
    Chromium drops such a certificate from every path (`unreadable_extensions` rule)."""
    try:
        _ = cert.extensions
    except (x509.DuplicateExtension, ValueError) as exc:
        return str(exc) or type(exc).__name__
    return None


def verifier_limit(
    error: str, chain: Sequence[x509.Certificate], host: str, *, public_may_issue: bool
) -> str | None:
    """The id of the refusal in `error` when it is one pyca's verifier makes and Chromium does
    not (rule `verifier_stricter_than_chromium`) and its condition holds; else None.

    Then whether a browser accepts the chain cannot be determined by asking the verifier."""
    for refusal in _rules()["verifier_stricter_than_chromium"]["refusals"]:
        condition = _LIMIT_CONDITIONS[refusal["id"]]
        if refusal["verifier_says"] in error and condition(chain, host, public_may_issue):
            return str(refusal["id"])
    return None


def _serial_over_20_octets(chain: Sequence[x509.Certificate], _host: str, _public: bool) -> bool:
    return any(c.serial_number > 0 and c.serial_number.bit_length() // 8 + 1 > 20 for c in chain)


def _weak_only_for_pyca(chain: Sequence[x509.Certificate], _host: str, public: bool) -> bool:
    return not public and all(weak_key(c, public_root=False) is None for c in chain)


def _intermediates_have_basic_constraints(
    chain: Sequence[x509.Certificate], _host: str, _public: bool
) -> bool:
    return all(certs.extension(c, x509.BasicConstraints) is not None for c in chain[1:])


def _always(_chain: Sequence[x509.Certificate], _host: str, _public: bool) -> bool:
    return True


def _underscore_host(_chain: Sequence[x509.Certificate], host: str, _public: bool) -> bool:
    return "_" in host


def _self_issued_intermediate(chain: Sequence[x509.Certificate], _host: str, _public: bool) -> bool:
    """An intermediate whose subject is its issuer but that its own key did not sign."""
    for cert in chain[1:]:
        if cert.subject != cert.issuer:
            continue
        try:
            cert.verify_directly_issued_by(cert)
        except (ValueError, TypeError, InvalidSignature):
            return True
    return False


_LIMIT_CONDITIONS: dict[str, Callable[[Sequence[x509.Certificate], str, bool], bool]] = {
    "serial_over_20_octets": _serial_over_20_octets,
    "rsa_key_under_2048_locally_trusted": _weak_only_for_pyca,
    "trust_anchor_without_basic_constraints": _intermediates_have_basic_constraints,
    "leading_period_dns_name_constraint": _always,
    "malformed_san_under_name_constraints": _always,
    "underscore_in_dns_name": _underscore_host,
    "self_issued_intermediate": _self_issued_intermediate,
}


def host_name_pyca_refuses(host: str) -> bool:
    """Whether `host` has a character Chromium accepts in host names and pyca does not."""
    characters = _rules()["host_names_pyca_refuses"]["characters"]
    return any(character in host for character in characters)


def leaf_key_usage_required() -> tuple[str, ...]:
    """The keyUsage bits (cryptography's attribute names) a leaf needs when it has keyUsage."""
    return tuple(_rules()["leaf_key_usage"]["required_when_present"])


def weak_signature(cert: x509.Certificate) -> str | None:
    found = certs.signature_hash(cert)
    return found if found in _rules()["weak_signature_hashes"]["hashes"] else None


def weak_key(cert: x509.Certificate, *, public_root: bool) -> str | None:
    """'RSA 1024' when Chromium refuses this key (under a public root, when `public_root`)."""
    kind, bits = certs.key_description(cert)
    rules = _rules()
    if kind not in rules["key_types"]["allowed"]:
        return f"{kind} {bits}"
    if kind == "EC":
        curve = getattr(cert.public_key(), "curve", None)
        if curve is None or curve.name not in rules["ec_curves"]["allowed"]:
            return f"EC {bits}"
    for rule in rules["weak_keys"]:
        applies = rule["roots"] == "any" or public_root
        if applies and rule["kind"] == kind and bits < rule["min_bits"]:
            return f"{kind} {bits}"
    return None


_SECTION_MARKERS = ("// ===BEGIN ICANN DOMAINS===", "// ===END ICANN DOMAINS===")


@cache
def _public_suffixes(top_level: str) -> Any:
    """The Public Suffix List's rules under one top-level domain: whether a name is a public
    suffix depends only on those, and reading the whole list costs about 0.2 s."""
    from importlib.resources import files

    from publicsuffixlist import PublicSuffixList

    listing = files("publicsuffixlist").joinpath("public_suffix_list.dat").read_text("utf-8")
    rules = [
        line
        for line in listing.splitlines()
        if line.strip() in _SECTION_MARKERS
        or (line and not line.startswith("//") and _a_label(line.rsplit(".", 1)[-1]) == top_level)
    ]
    icann_only = _rules()["wildcard_over_public_suffix"]["icann_only"]
    return PublicSuffixList(rules, only_icann=icann_only)


def _a_label(label: str) -> str:
    """The list writes internationalised top-level domains in Unicode; host names are A-labels."""
    if label.isascii():
        return label
    try:
        return label.encode("idna").decode("ascii")
    except UnicodeError:
        return label


def is_public_suffix(name: str) -> bool:
    """Whether `name` ('co.jp', 'com') is a public suffix: browsers allow no wildcard over it."""
    name = name.lower().rstrip(".")
    return bool(_public_suffixes(name.rsplit(".", 1)[-1]).is_public(name))


def wildcard_over_public_suffix(leaf: x509.Certificate, host: str) -> str | None:
    """The SAN wildcard covering `host` whose rest is a public suffix ('*.co.jp'), unless an
    exact SAN entry covers the host too; else None."""
    sans = certs.extension(leaf, x509.SubjectAlternativeName)
    if sans is None:
        return None
    host = host.lower().rstrip(".")
    dns_names = [n.lower().rstrip(".") for n in sans.get_values_for_type(x509.DNSName)]
    if host in dns_names:
        return None
    parent = host.partition(".")[2]
    for name in dns_names:
        if name == f"*.{parent}" and is_public_suffix(parent):
            return name
    return None
