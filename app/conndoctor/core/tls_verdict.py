"""Whether a browser would accept the certificates a site sent, and if not, why.

pyca cryptography's verifier (`cryptography.x509.verification`) alone decides whether a chain
is trusted for this name at this time. The cause is found by asking the same verifier
counterfactual questions, each a real verification: at network time instead of this computer's
clock, at a moment inside every certificate's validity, with the issuer fetched from the AIA
address, for the name the certificate does carry, with the chain's own top trusted. The fewest
changes that make the verifier accept name the problems. Trust against the public list and
against this computer's store tells interception apart from an unknown root.

Where Chromium is stricter than the verifier, rules from `certificate_rules.json` add refusals
to a chain the verifier accepted; where Chromium is more lenient, the verifier's extension
policy is relaxed (`_policies`). "Healthy" always means the verifier accepted the chain.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Any, NamedTuple

from cryptography import x509
from cryptography.x509 import verification as pyca

from conndoctor.core import certificates as certs
from conndoctor.core.i18n import load_json_resource
from conndoctor.core.model import Finding, Message, when
from conndoctor.core.truststores import store_summary

ONE_SECOND = dt.timedelta(seconds=1)


@dataclass
class Verdict:
    """Findings about one chain plus the facts an expert wants in the report's details."""

    findings: list[Finding] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    trusted_by_interception: bool = False

    def add(
        self, cause: str, confidence: float, evidence: dict[str, Any], message: str, **args: Any
    ) -> None:
        if any(f.cause == cause for f in self.findings):
            return
        detail = Message(f"tls.detail.{message}", args)
        self.findings.append(Finding(cause, confidence, evidence, detail))

    @property
    def blocking(self) -> bool:
        """Whether a browser refuses: anything but interception this computer trusts."""
        return any(
            not (f.cause == "tls_interception" and self.trusted_by_interception)
            for f in self.findings
        )

    @property
    def blocking_causes(self) -> tuple[str, ...]:
        return tuple(
            f.cause
            for f in self.findings
            if not (f.cause == "tls_interception" and self.trusted_by_interception)
        )


# --- the verifier and its policy ---------------------------------------------------------


def _policies(
    anchors: frozenset[x509.Certificate],
) -> tuple[pyca.ExtensionPolicy, pyca.ExtensionPolicy]:
    """The CA and leaf extension policies: pyca's Web PKI defaults, relaxed where Chromium is.

    `anchors` are the trusted roots: Chromium does not hold a trust anchor to the rules for
    issuing CAs.
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
    )
    return ca_policy, ee_policy


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
def _builder(roots: tuple[x509.Certificate, ...]) -> pyca.PolicyBuilder:
    """The verifier's store and policies for these roots (the same few stores, many questions)."""
    ca_policy, ee_policy = _policies(frozenset(roots))
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
    return Answer((), refusal)


# --- Chromium's stricter rules, as data ---------------------------------------------------


@cache
def _rules() -> dict[str, Any]:
    return dict(load_json_resource("certificate_rules.json"))


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


# --- the judgement ------------------------------------------------------------------------


@dataclass(frozen=True)
class Stores:
    """The roots to judge against. `public`: the public web's list (certifi, or given);
    `computer`: what this computer trusts; `organisation`: roots the user says IT installed."""

    public: certs.TrustStore
    computer: certs.TrustStore
    organisation: certs.TrustStore = field(
        default_factory=lambda: certs.TrustStore.of("organisation", [])
    )
    computer_complete: bool = True
    public_is_builtin: bool = True
    """Whether `public` stands for the browser's own root list (Chromium's 'known roots'),
    under which it is stricter about key sizes."""

    @cached_property
    def trusted(self) -> tuple[x509.Certificate, ...]:
        """What a browser on this computer trusts: the public list and this computer's roots."""
        return tuple(dict.fromkeys((*self.public.roots, *self.computer.roots)))


class Question(NamedTuple):
    """One counterfactual: which of the verification's inputs were changed, and to what."""

    roots: str  # "trusted" or "own_top"
    time: str  # "clock", "network" or "inside_validity"
    name: str  # "host" or "carried"
    chain: str  # "sent" or "aia"

    @property
    def changes(self) -> int:
        return sum(
            (
                self.roots != "trusted",
                self.time != "clock",
                self.name != "host",
                self.chain != "sent",
            )
        )


def judge_chain(
    chain_der: Sequence[bytes],
    host: str,
    *,
    now: dt.datetime,
    stores: Stores,
    network_now: dt.datetime | None = None,
    fetch_issuer: Callable[[str], bytes | None] | None = None,
) -> Verdict:
    """Every problem a browser has with `chain_der` (as the server sent it) for `host`."""
    verdict = Verdict()
    chain: list[x509.Certificate] = []
    for position, der in enumerate(chain_der):
        try:
            chain.append(x509.load_der_x509_certificate(der))
        except ValueError as exc:
            _bad_format(verdict, position, str(exc))
            return verdict
    if not chain:
        return verdict
    verdict.details["chain"] = [certs.describe(c) for c in chain]
    trusted = stores.trusted
    first = verify(chain, host, trusted, now)
    verdict.details["verifier"] = {"accepted": first.accepted, "error": first.error}
    if first.accepted:
        _judge_trust(verdict, first, stores)
        _judge_rules(verdict, chain, host, first, stores)
        return verdict
    found = _counterfactual(verdict, chain, host, now, network_now, stores, fetch_issuer)
    if found is None:
        _unexplained(verdict, chain, host, first.error)
        return verdict
    question, answer = found
    verdict.details["accepted_if"] = question._asdict()
    _name_causes(verdict, chain, host, question, answer, now, stores)
    if question.roots == "trusted":
        _judge_trust(verdict, answer, stores)
    _judge_rules(verdict, chain, host, answer, stores)
    return verdict


def _describe_path(verdict: Verdict, path: Sequence[x509.Certificate]) -> None:
    verdict.details["path"] = [certs.name_text(c.subject) for c in path[:-1] or path]
    verdict.details["root"] = certs.describe(path[-1])


def _judge_trust(verdict: Verdict, answer: Answer, stores: Stores) -> None:
    """The chain is trusted here: by the public list, or only by this computer (interception)?"""
    path = answer.path
    _describe_path(verdict, path)
    root = path[-1]
    in_public = stores.public.contains(root)
    in_computer = stores.computer.contains(root) if stores.computer else None
    verdict.details["trust"] = {
        "public": in_public,
        "computer": in_computer,
        "public_store": store_summary(len(stores.public.roots), stores.public.sources),
        "computer_store": store_summary(len(stores.computer.roots), stores.computer.sources),
    }
    if in_public:
        if in_computer is False and stores.computer_complete:
            name = certs.name_text(root.subject)
            verdict.add(
                "cert_untrusted_root",
                0.6,
                {"root": name, "store": "computer"},
                "root_missing_on_computer",
                root=name,
            )
        return
    _judge_interception(verdict, path, stores.organisation, trusted=True)


def _judge_interception(
    verdict: Verdict,
    path: Sequence[x509.Certificate],
    organisation: certs.TrustStore,
    *,
    trusted: bool,
) -> None:
    top = path[-1]
    root = certs.name_text(top.subject if trusted or top.subject == top.issuer else top.issuer)
    is_org = bool(organisation) and any(organisation.contains(c) for c in path)
    product = certs.interception_product(path)
    evidence: dict[str, Any] = {
        "root": root,
        "product": product.product if product else "",
        "organisation": is_org,
        "trusted_by_computer": trusted,
    }
    verdict.trusted_by_interception = trusted
    if is_org:
        verdict.add("tls_interception", 0.9, evidence, "interception_organisation", root=root)
    elif product:
        verdict.add(
            "tls_interception",
            0.95,
            evidence,
            "interception_product",
            product=product.product,
            root=root,
        )
    else:
        verdict.add("tls_interception", 0.8, evidence, "interception_unknown", root=root)


def _inside_validity(
    chain: Sequence[x509.Certificate], roots: Sequence[x509.Certificate]
) -> dt.datetime | None:
    """A moment when every sent certificate and the roots that may issue the top one are valid."""
    top = chain[-1]
    issuers = [r for r in roots if r.subject == top.issuer]
    candidates = [*chain, *issuers[:1]]
    start = max(c.not_valid_before_utc for c in candidates)
    end = min(c.not_valid_after_utc for c in candidates)
    if start <= end:
        return start
    start = max(c.not_valid_before_utc for c in chain)
    end = min(c.not_valid_after_utc for c in chain)
    return start if start <= end else None


def _carried_name(leaf: x509.Certificate) -> str | None:
    """A name the certificate is for (a wildcard's label filled in)."""
    names = certs.san_names(leaf)
    return names[0].replace("*", "x", 1) if names else None


def _aia_chain(
    chain: list[x509.Certificate],
    roots: Sequence[x509.Certificate],
    fetch_issuer: Callable[[str], bytes | None] | None,
    verdict: Verdict,
) -> list[x509.Certificate] | None:
    """The sent chain plus the issuer the top certificate's AIA address hands out, when the
    top's issuer is neither sent nor a root (the only case where fetching can help)."""
    top = chain[-1]
    if fetch_issuer is None or top.subject == top.issuer:
        return None
    if any(c.subject == top.issuer for c in (*chain, *roots)):
        return None
    for url in certs.ca_issuer_urls(top):
        fetched = certs.parse_certificates(fetch_issuer(url) or b"")
        verdict.details["aia"] = {"url": url, "fetched": len(fetched), "completes_chain": False}
        if fetched:
            return [*chain, *fetched]
    return None


def _own_top(
    chain: list[x509.Certificate], trusted: Sequence[x509.Certificate]
) -> list[x509.Certificate]:
    """The chain's top certificate as a stand-in root, when no trusted root has its issuer's
    name: only then is 'an unknown root' the story (otherwise the chain breaks below a root
    this computer has, and trusting its top would only hide that)."""
    top = chain[-1]
    if any(r.subject == top.issuer or r.subject == top.subject for r in trusted):
        return []
    return [top]


def _counterfactual(
    verdict: Verdict,
    chain: list[x509.Certificate],
    host: str,
    now: dt.datetime,
    network_now: dt.datetime | None,
    stores: Stores,
    fetch_issuer: Callable[[str], bytes | None] | None,
) -> tuple[Question, Answer] | None:
    """The question with the fewest changes that the verifier accepts."""
    trusted = stores.trusted
    times: dict[str, dt.datetime | None] = {
        "clock": now,
        "network": network_now
        if network_now is not None and abs(network_now - now) > ONE_SECOND
        else None,
        "inside_validity": _inside_validity(chain, trusted),
    }
    names = {"host": host, "carried": _carried_name(chain[0])}
    roots = {"trusted": list(trusted), "own_top": _own_top(chain, trusted)}
    aia: list[list[x509.Certificate] | None] = []

    def chains(kind: str) -> list[x509.Certificate] | None:
        if kind == "sent":
            return chain
        if not aia:
            aia.append(_aia_chain(chain, trusted, fetch_issuer, verdict))
        return aia[0]

    for question in _questions():
        at, name = times[question.time], names[question.name]
        if question.time != "clock" and (at is None or at == now):
            continue
        if question.name == "carried" and (name is None or name == host):
            continue
        if question.roots == "own_top" and (question.chain == "aia" or not roots["own_top"]):
            continue
        sent = chains(question.chain)
        if at is None or name is None or sent is None:
            continue
        answer = verify(sent, name, roots[question.roots], at)
        if answer.accepted:
            return question, answer
    return None


@cache
def _questions() -> tuple[Question, ...]:
    every = (
        Question(*q)
        for q in itertools.product(
            ("trusted", "own_top"),
            ("clock", "network", "inside_validity"),
            ("host", "carried"),
            ("sent", "aia"),
        )
    )
    return tuple(sorted(every, key=lambda q: q.changes))


def _name_causes(
    verdict: Verdict,
    chain: list[x509.Certificate],
    host: str,
    question: Question,
    answer: Answer,
    now: dt.datetime,
    stores: Stores,
) -> None:
    """The changes that made the verifier accept, each as the problem it reveals."""
    if question.roots == "own_top":
        _judge_untrusted(verdict, chain, answer, stores)
    if question.chain == "aia":
        fetched = answer.path[len(chain) : len(chain) + 1] or answer.path[-1:]
        missing = certs.name_text(fetched[0].subject)
        url = verdict.details.get("aia", {}).get("url", "")
        verdict.add(
            "cert_incomplete_chain",
            0.9,
            {"missing": missing, "aia_url": url},
            "incomplete_chain",
            missing=missing,
        )
        verdict.details["aia"]["completes_chain"] = True
    if question.name == "carried":
        _judge_name(verdict, chain[0], host)
    if question.time != "clock":
        _judge_dates(verdict, answer.path, now)
        if question.time == "network":
            verdict.details["accepted_at_network_time"] = True


def _judge_untrusted(
    verdict: Verdict, chain: list[x509.Certificate], answer: Answer, stores: Stores
) -> None:
    """Nothing this computer trusts issued the chain: self-signed, interception, unknown root."""
    _describe_path(verdict, answer.path)
    leaf = chain[0]
    if len(answer.path) == 1 and leaf.subject == leaf.issuer:
        subject = certs.name_text(leaf.subject)
        verdict.add("cert_self_signed", 0.9, {"subject": subject}, "self_signed", subject=subject)
        return
    top = chain[-1]
    root = certs.name_text(top.subject if top.subject == top.issuer else top.issuer)
    verdict.add(
        "cert_untrusted_root",
        0.85,
        {"root": root, "store": "public", "end": "unknown_issuer"},
        "untrusted_root",
        root=root,
    )
    if certs.interception_product(chain):
        _judge_interception(verdict, chain, stores.organisation, trusted=False)


def _judge_name(verdict: Verdict, leaf: x509.Certificate, host: str) -> None:
    names = certs.san_names(leaf)
    shown = ", ".join(names[:8]) if names else certs.name_text(leaf.subject)
    verdict.add(
        "cert_hostname_mismatch",
        0.9,
        {"host": host, "names": names},
        "hostname_mismatch",
        host=host,
        names=shown,
    )


def _judge_dates(verdict: Verdict, path: Sequence[x509.Certificate], now: dt.datetime) -> None:
    """Which certificate is outside its dates at this computer's time (a description)."""
    for position, cert in enumerate(path):
        problem = certs.validity_problem(cert, now)
        if problem is None:
            continue
        cause = "cert_expired" if problem == "expired" else "cert_not_yet_valid"
        evidence = {
            "not_before": cert.not_valid_before_utc.isoformat(),
            "not_after": cert.not_valid_after_utc.isoformat(),
            "checked_at": now.isoformat(),
        }
        key = f"{problem}_{'site' if position == 0 else 'intermediate'}"
        verdict.add(
            cause,
            0.9,
            evidence,
            key,
            subject=certs.name_text(cert.subject),
            not_before=when(cert.not_valid_before_utc),
            not_after=when(cert.not_valid_after_utc),
            checked_at=when(now),
        )
        return


def _judge_rules(
    verdict: Verdict, chain: list[x509.Certificate], host: str, answer: Answer, stores: Stores
) -> None:
    """Chromium's refusals beyond the verifier's, on the accepted path (root excluded for
    signatures: a root's own signature is never checked)."""
    path = answer.path
    public_root = stores.public_is_builtin and stores.public.contains(path[-1])
    for cert in path[:-1]:
        algorithm = weak_signature(cert)
        if algorithm:
            _weak_signature(verdict, cert, algorithm)
    for cert in path:
        key = weak_key(cert, public_root=public_root)
        if key:
            _weak_key(verdict, cert, key)
    wildcard = wildcard_over_public_suffix(chain[0], host)
    if wildcard:
        verdict.add(
            "cert_hostname_mismatch",
            0.9,
            {"host": host, "names": certs.san_names(chain[0]), "public_suffix_wildcard": wildcard},
            "wildcard_public_suffix",
            host=host,
            wildcard=wildcard,
        )


def _weak_signature(verdict: Verdict, cert: x509.Certificate, algorithm: str) -> None:
    subject = certs.name_text(cert.subject)
    verdict.add(
        "cert_weak_signature",
        0.9,
        {"algorithm": algorithm.upper(), "subject": subject},
        "weak_signature",
        algorithm=algorithm.upper(),
        subject=subject,
    )


def _weak_key(verdict: Verdict, cert: x509.Certificate, key: str) -> None:
    subject = certs.name_text(cert.subject)
    verdict.add(
        "cert_weak_key",
        0.9,
        {"key": key, "subject": subject},
        "weak_key",
        key_size=key,
        subject=subject,
    )


def _unexplained(verdict: Verdict, chain: list[x509.Certificate], host: str, error: str) -> None:
    """No counterfactual helps: say what the description shows, else that the certificate
    breaks rules browsers enforce (`cert_invalid`), with the verifier's own words."""
    for cert in chain:
        algorithm = weak_signature(cert)
        if algorithm and cert.subject != cert.issuer:
            _weak_signature(verdict, cert, algorithm)
    for cert in chain:
        key = weak_key(cert, public_root=False)
        if key:
            _weak_key(verdict, cert, key)
    if certs.extension(chain[0], x509.SubjectAlternativeName) is None and not _has_bad_san(
        chain[0]
    ):
        _judge_name(verdict, chain[0], host)
    if verdict.findings:
        return
    subject = certs.name_text(chain[0].subject)
    reason = next((key for words, key in _VERIFIER_REASONS if words in error), "cert_invalid")
    verdict.add(
        "cert_invalid", 0.85, {"error": error, "subject": subject, "reason": reason}, reason
    )


_VERIFIER_REASONS: tuple[tuple[str, str], ...] = (
    ("basicConstraints.cA must be asserted", "cert_invalid_not_ca"),
    ("name constraint", "cert_invalid_name_constraints"),
    ("nameConstraints", "cert_invalid_name_constraints"),
    ("path length", "cert_invalid_path_length"),
    ("critical", "cert_invalid_extension"),
    ("ASN.1 parsing error", "cert_invalid_malformed"),
    ("duplicate extension", "cert_invalid_malformed"),
    ("malformed", "cert_invalid_malformed"),
    ("subjectAltName", "cert_invalid_names"),
)
"""pyca's refusal, in words a person can read (a description; the refusal itself decided)."""


def _has_bad_san(cert: x509.Certificate) -> bool:
    """Whether the certificate has a SAN extension that cannot be read."""
    try:
        cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    except x509.ExtensionNotFound:
        return False
    except (x509.DuplicateExtension, ValueError):
        return True
    return False


def _bad_format(verdict: Verdict, position: int, error: str) -> None:
    verdict.details["unreadable_certificate"] = {"position": position, "error": error}
    verdict.add(
        "cert_invalid",
        0.9,
        {"error": error, "position": position, "format": "bad"},
        "cert_bad_format",
    )


def chain_verdict(
    chain: Sequence[bytes],
    host: str,
    *,
    roots: Sequence[bytes],
    at: dt.datetime,
) -> tuple[str, ...]:
    """The causes a browser refuses `chain` for, by the same judgement the check uses; () = healthy.

    `roots` are trusted both as the public list and by this computer, but, as in the browser
    comparison, as roots installed locally: Chromium's stricter key size for its own known
    roots does not apply. The computer's clock and network time are both `at`. No AIA fetch.
    """
    anchors = [x509.load_der_x509_certificate(der) for der in roots]
    local = certs.TrustStore.of("computer", anchors)
    stores = Stores(public=local, computer=local, public_is_builtin=False)
    verdict = judge_chain(chain, host, now=at, stores=stores, network_now=at)
    return verdict.blocking_causes
