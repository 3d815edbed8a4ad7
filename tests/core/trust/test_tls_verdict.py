"""The certificate judgement without sockets: pyca's verifier decides, counterfactuals name why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from conndoctor.core.knowledge.i18n import load_json_resource
from conndoctor.core.trust import stores as trust_stores
from conndoctor.core.trust.cert_verifier import verify
from conndoctor.core.trust.stores import Stores
from conndoctor.core.trust.tls_verdict import chain_verdict, judge_chain
from tests.lab.certs import LabPki, lab_name


def _der(*chain: x509.Certificate) -> list[bytes]:
    return [c.public_bytes(serialization.Encoding.DER) for c in chain]


def _judge(
    pki: LabPki, chain: Sequence[x509.Certificate], host: str = "localhost", **kw: object
) -> tuple[str, ...]:
    roots = _der(pki.public_root.cert)
    at = kw.pop("at", pki.now)
    assert isinstance(at, dt.datetime)
    return chain_verdict(_der(*chain), host, roots=roots, at=at)


def test_a_healthy_chain_is_one_the_verifier_accepts(lab_pki: LabPki) -> None:
    leaf = lab_pki.leaf("healthy", lab_pki.public_intermediate).cert
    chain = [leaf, lab_pki.public_intermediate.cert]
    assert _judge(lab_pki, chain) == ()
    accepted = verify(chain, "localhost", [lab_pki.public_root.cert], lab_pki.now)
    assert accepted.accepted and accepted.path[-1] == lab_pki.public_root.cert
    assert _judge(lab_pki, chain, "127.0.0.1") == ()


DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("variant", "cause"),
    [
        ({"valid_from": -100 * DAY, "valid_until": -10 * DAY}, "cert_expired"),
        ({"valid_from": 10 * DAY, "valid_until": 100 * DAY}, "cert_not_yet_valid"),
        ({"dns_names": ("www.example.test",), "ips": ()}, "cert_hostname_mismatch"),
    ],
)
def test_each_counterfactual_names_its_cause(
    lab_pki: LabPki, variant: dict[str, object], cause: str
) -> None:
    leaf = lab_pki.leaf(f"verdict-{cause}", lab_pki.public_intermediate, **variant).cert  # type: ignore[arg-type]
    assert _judge(lab_pki, [leaf, lab_pki.public_intermediate.cert]) == (cause,)


def test_two_problems_at_once_are_both_named(lab_pki: LabPki) -> None:
    leaf = lab_pki.leaf(
        "verdict-expired-elsewhere",
        lab_pki.public_intermediate,
        dns_names=("www.example.test",),
        ips=(),
        valid_from=dt.timedelta(days=-100),
        valid_until=dt.timedelta(days=-10),
    ).cert
    found = _judge(lab_pki, [leaf, lab_pki.public_intermediate.cert])
    assert sorted(found) == ["cert_expired", "cert_hostname_mismatch"]


def test_not_after_exactly_now_still_loads(lab_pki: LabPki) -> None:
    """Chromium 156 loads a certificate at the very second its notAfter names."""
    leaf = lab_pki.leaf("verdict-edge", lab_pki.public_intermediate).cert
    assert (
        _judge(lab_pki, [leaf, lab_pki.public_intermediate.cert], at=leaf.not_valid_after_utc) == ()
    )
    later = leaf.not_valid_after_utc + dt.timedelta(seconds=1)
    assert _judge(lab_pki, [leaf, lab_pki.public_intermediate.cert], at=later) == ("cert_expired",)


def test_self_signed_and_unknown_roots(lab_pki: LabPki) -> None:
    own = lab_pki.leaf("self_signed", None).cert
    assert _judge(lab_pki, [own]) == ("cert_self_signed",)
    other_root = lab_pki.ca("verdict-unknown-root", lab_name("Verdict Unknown Root"))
    leaf = lab_pki.leaf("verdict-unknown", other_root).cert
    assert _judge(lab_pki, [leaf, other_root.cert]) == ("cert_untrusted_root",)


def test_intermediate_without_ca_bit_is_invalid(lab_pki: LabPki) -> None:
    not_ca = lab_pki.ca(
        "not-ca-inter", lab_name("Conndoctor Lab Not A CA"), lab_pki.public_root, ca_bit=False
    )
    leaf = lab_pki.leaf("intermediate_not_ca", not_ca).cert
    assert _judge(lab_pki, [leaf, not_ca.cert]) == ("cert_invalid",)


def test_sha1_signature_is_named(lab_pki: LabPki) -> None:
    leaf = lab_pki.sha1_leaf("weak_signature", lab_pki.public_intermediate).cert
    assert _judge(lab_pki, [leaf, lab_pki.public_intermediate.cert]) == ("cert_weak_signature",)


def test_weak_rsa_leaf_depends_on_whose_root(lab_pki: LabPki) -> None:
    """1024-bit RSA: refused under a public root, loaded under one installed locally."""
    leaf = lab_pki.leaf("weak_key", lab_pki.public_intermediate, key_kind="rsa1024").cert
    chain = _der(leaf, lab_pki.public_intermediate.cert)
    assert _judge(lab_pki, [leaf, lab_pki.public_intermediate.cert]) == ()
    public = trust_stores.TrustStore.of("public", [lab_pki.public_root.cert])
    verdict = judge_chain(chain, "localhost", now=lab_pki.now, stores=Stores(public, public))
    assert verdict.blocking_causes == ("cert_weak_key",)


def test_wildcard_over_a_public_suffix_is_refused(lab_pki: LabPki) -> None:
    inter = lab_pki.public_intermediate.cert
    issuer = lab_pki.public_intermediate
    suffix = lab_pki.leaf("wildcard_public_suffix", issuer, dns_names=("*.co.jp",), ips=()).cert
    assert _judge(lab_pki, [suffix, inter], "conndoctor.co.jp") == ("cert_hostname_mismatch",)
    own = lab_pki.leaf("wildcard", issuer, dns_names=("*.conndoctor.test",), ips=()).cert
    assert _judge(lab_pki, [own, inter], "www.conndoctor.test") == ()


def test_unreadable_certificate_is_invalid(lab_pki: LabPki) -> None:
    root = _der(lab_pki.public_root.cert)
    assert chain_verdict([b"\x30\x03\x02\x01\x00"], "localhost", roots=root, at=lab_pki.now) == (
        "cert_invalid",
    )


def test_network_time_is_asked_before_blaming_the_certificate(lab_pki: LabPki) -> None:
    """A clock three years ahead: the chain is accepted at network time, and the verdict says so."""
    leaf = lab_pki.leaf("healthy", lab_pki.public_intermediate).cert
    chain = _der(leaf, lab_pki.public_intermediate.cert)
    public = trust_stores.TrustStore.of("public", [lab_pki.public_root.cert])
    ahead = lab_pki.now + dt.timedelta(days=3 * 365)
    verdict = judge_chain(
        chain, "localhost", now=ahead, network_now=lab_pki.now, stores=Stores(public, public)
    )
    assert verdict.blocking_causes == ("cert_expired",)
    assert verdict.details["accepted_at_network_time"] is True
    assert verdict.details["accepted_if"]["time"] == "network"


def test_the_aia_issuer_completes_the_chain(lab_pki: LabPki) -> None:
    url = "http://aia.example.test/ca1.der"
    leaf = lab_pki.leaf("verdict-aia", lab_pki.public_intermediate, aia_url=url).cert
    public = trust_stores.TrustStore.of("public", [lab_pki.public_root.cert])
    asked: list[str] = []

    def fetch(address: str) -> bytes:
        asked.append(address)
        return _der(lab_pki.public_intermediate.cert)[0]

    verdict = judge_chain(
        _der(leaf), "localhost", now=lab_pki.now, stores=Stores(public, public), fetch_issuer=fetch
    )
    assert verdict.blocking_causes == ("cert_incomplete_chain",)
    assert asked == [url]
    assert verdict.details["aia"]["completes_chain"] is True
    # The pure function never fetches: without the intermediate the root is unknown.
    assert chain_verdict(
        _der(leaf), "localhost", roots=_der(lab_pki.public_root.cert), at=lab_pki.now
    ) == ("cert_untrusted_root",)


def test_every_chromium_rule_has_its_source() -> None:
    rules = load_json_resource("certificate_rules.json")
    sections = [rules["weak_signature_hashes"], rules["ec_curves"], rules["key_types"]]
    sections += [rules["wildcard_over_public_suffix"], *rules["weak_keys"]]
    assert all(str(section["source"]).strip() for section in sections)
    assert {(r["kind"], r["min_bits"], r["roots"]) for r in rules["weak_keys"]} >= {
        ("RSA", 1024, "any"),
        ("RSA", 2048, "public"),
    }


def test_public_suffixes_read_per_top_level_domain_match_the_whole_list() -> None:
    """Only one top-level domain's rules are read (the whole list takes 0.2 s): same answers."""
    from publicsuffixlist import PublicSuffixList

    from conndoctor.core.trust.chromium_rules import is_public_suffix

    whole = PublicSuffixList(only_icann=True)
    names = ["co.jp", "com", "co.uk", "kawasaki.jp", "city.kawasaki.jp", "ide.kyoto.jp"]
    names += ["b.ide.kyoto.jp", "pvt.k12.ma.us", "github.io", "appspot.com", "example.com"]
    names += ["xn--p1ai", "com.xn--p1ai", "conndoctor.test", "intranet", "xn--fiqs8s"]
    for name in names:
        assert is_public_suffix(name) is bool(whole.is_public(name)), name
    assert is_public_suffix("co.jp") and not is_public_suffix("github.io")


def test_every_refusal_chromium_does_not_make_has_source_condition_and_sentences() -> None:
    from conndoctor.core.knowledge.i18n import messages
    from conndoctor.core.trust.chromium_rules import _LIMIT_CONDITIONS

    rules = load_json_resource("certificate_rules.json")
    for name in ("leaf_key_usage", "leaf_san_critical_if_subject_empty", "unreadable_extensions"):
        assert str(rules[name]["source"]).strip(), name
    refusals = rules["verifier_stricter_than_chromium"]["refusals"]
    assert {r["id"] for r in refusals} == set(_LIMIT_CONDITIONS)
    for refusal in refusals:
        assert str(refusal["source"]).strip() and refusal["verifier_says"], refusal["id"]
        for lang in ("en", "ja"):
            assert f"tls.undetermined.{refusal['id']}" in messages(lang), (lang, refusal["id"])


def test_a_refusal_chromium_does_not_make_is_could_not_determine_never_healthy() -> None:
    """x509-limbo's leaf with a 21-octet serial (cryptography cannot build one): pyca refuses
    it, Chromium 156 loads it."""
    import json
    import ssl
    from pathlib import Path

    from conndoctor.core.trust.tls_verdict import UNDETERMINED

    suite = Path(__file__).resolve().parents[2] / "data" / "x509-limbo" / "limbo.json"
    cases = json.loads(suite.read_text(encoding="utf-8"))["testcases"]
    case = next(c for c in cases if c["id"] == "rfc5280::serial::too-long")
    chain = [ssl.PEM_cert_to_DER_cert(case["peer_certificate"])]
    roots = [ssl.PEM_cert_to_DER_cert(pem) for pem in case["trusted_certs"]]
    leaf = x509.load_der_x509_certificate(chain[0])
    inside = leaf.not_valid_before_utc + dt.timedelta(days=1)
    host = case["expected_peer_name"]["value"]
    anchors = [x509.load_der_x509_certificate(der) for der in roots]
    assert not verify([leaf], host, anchors, inside).accepted
    assert chain_verdict(chain, host, roots=roots, at=inside) == (UNDETERMINED,)
    # What the description shows for certain is still an alarm: another name, an expired leaf.
    assert chain_verdict(chain, "other.test", roots=roots, at=inside) == ("cert_hostname_mismatch",)
    after = leaf.not_valid_after_utc + dt.timedelta(days=1)
    assert chain_verdict(chain, host, roots=roots, at=after) == ("cert_expired",)


def test_a_host_name_with_an_underscore_is_verified_without_pyca_taking_the_name(
    lab_pki: LabPki,
) -> None:
    """Chromium loads `foo_bar.localhost` (limbo rfc5280::san::underscore-dns); pyca's server
    verifier cannot take the name, so the chain is verified without one and the name matched
    against the SAN: healthy only when both hold, and every alarm still found."""
    host = "foo_bar.localhost"
    leaf = lab_pki.leaf("underscore", lab_pki.public_intermediate, dns_names=(host,)).cert
    chain = [leaf, lab_pki.public_intermediate.cert]
    assert _judge(lab_pki, chain, host) == ()
    assert _judge(lab_pki, chain, "other_name.localhost") == ("cert_hostname_mismatch",)
    later = lab_pki.now + dt.timedelta(days=400)
    assert _judge(lab_pki, chain, host, at=later) == ("cert_expired",)
    unknown = lab_pki.leaf("underscore_self", None, dns_names=(host,)).cert
    assert _judge(lab_pki, [unknown], host) == ("cert_self_signed",)


def test_without_a_name_the_leaf_still_needs_server_auth(lab_pki: LabPki) -> None:
    """The question without a server name uses pyca's client verifier: serverAuth is still
    demanded (a leaf only for clientAuth is refused, as the server verifier refuses it)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID

    host, issuer = "foo_bar.localhost", lab_pki.public_intermediate
    builder = (
        x509.CertificateBuilder()
        .subject_name(lab_name(host))
        .issuer_name(issuer.cert.subject)
        .public_key(ec.generate_private_key(ec.SECP256R1()).public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(lab_pki.now - dt.timedelta(days=1))
        .not_valid_after(lab_pki.now + dt.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
    )
    for usage, accepted in (
        (ExtendedKeyUsageOID.CLIENT_AUTH, False),
        (ExtendedKeyUsageOID.SERVER_AUTH, True),
    ):
        leaf = builder.add_extension(x509.ExtendedKeyUsage([usage]), critical=False).sign(
            issuer.key,  # type: ignore[arg-type]
            hashes.SHA256(),
        )
        chain = [leaf, issuer.cert]
        answer = verify(chain, host, [lab_pki.public_root.cert], lab_pki.now)
        assert answer.accepted is accepted, (usage, answer.error)
        assert (_judge(lab_pki, chain, host) == ()) is accepted
