"""Where Chromium refuses chains that pyca's verifier accepts, read from
`resources/certificate_rules.json` (each rule with its source).

These rules only ever add a refusal to a chain the verifier accepted; they never make a
chain trusted.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from cryptography import x509

from conndoctor.core import certificates as certs
from conndoctor.core.i18n import load_json_resource


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
