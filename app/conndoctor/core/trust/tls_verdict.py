"""Whether a browser would accept the certificates a site sent, and if not, why.

pyca cryptography's verifier (`cryptography.x509.verification`) alone decides whether a chain
is trusted for this name at this time. The cause is found by asking the same verifier
counterfactual questions, each a real verification: at network time instead of this computer's
clock, at a moment inside every certificate's validity, with the issuer fetched from the AIA
address, for the name the certificate does carry, with the chain's own top trusted. The fewest
changes that make the verifier accept name the problems. Trust against the public list and
against this computer's store tells interception apart from an unknown root.

Where Chromium is stricter than the verifier, rules from `certificate_rules.json`
(`chromium_rules`) add refusals to a chain the verifier accepted; where Chromium is more
lenient, the verifier's extension policy is relaxed (`cert_verifier`). `cert_findings` words
each problem. "Healthy" always means the verifier accepted the chain.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from functools import cache
from typing import NamedTuple

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm

from conndoctor.core.knowledge.confidence import VERY_LIKELY
from conndoctor.core.trust import cert_findings as findings
from conndoctor.core.trust import certificates as certs
from conndoctor.core.trust import stores as trust_stores
from conndoctor.core.trust.cert_findings import Verdict
from conndoctor.core.trust.cert_verifier import Answer, verify
from conndoctor.core.trust.chromium_rules import verifier_limit
from conndoctor.core.trust.stores import Stores
from conndoctor.core.trust.verdict import NETWORK_TIME_IGNORED_WITHIN

UNDETERMINED = "could_not_determine"
"""`chain_verdict`'s answer when it cannot say whether a browser accepts: not a cause id."""


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


def _read_chain(chain_der: Sequence[bytes], verdict: Verdict) -> list[x509.Certificate]:
    """The sent certificates, read in full; [] (with a bad_format finding) if one is damaged."""
    chain: list[x509.Certificate] = []
    for position, der in enumerate(chain_der):
        try:
            cert = x509.load_der_x509_certificate(der)
            certs.check_readable(cert)
            chain.append(cert)
        except (
            ValueError,
            TypeError,
            x509.InvalidVersion,
            x509.DuplicateExtension,
            UnsupportedAlgorithm,
        ) as exc:
            findings.bad_format(verdict, position, str(exc))
            return []
    return chain


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
    chain = _read_chain(chain_der, verdict)
    if not chain:
        return verdict
    verdict.details["chain"] = [certs.describe(c) for c in chain]
    verdict.details["trust"] = findings.store_summaries(stores)
    first = verify(chain, host, stores.asked, now)
    verdict.details["verifier"] = {"accepted": first.accepted, "error": first.error}
    if first.accepted:
        findings.judge_trust(verdict, first, stores)
        findings.judge_rules(verdict, chain, host, first, stores)
        return verdict
    found = _counterfactual(verdict, chain, host, now, network_now, stores, fetch_issuer)
    if found is None:
        public_may_issue = stores.public_is_builtin and any(
            root.subject == cert.issuer for root in stores.public.roots for cert in chain
        )
        limit = verifier_limit(first.error, chain, host, public_may_issue=public_may_issue)
        if limit:
            findings.could_not_determine(verdict, chain, host, first.error, now, limit)
        else:
            findings.unexplained(verdict, chain, host, first.error)
        return verdict
    question, answer = found
    verdict.details["accepted_if"] = question._asdict()
    _name_causes(verdict, chain, host, question, answer, now, stores)
    if question.roots == "trusted":
        findings.judge_trust(verdict, answer, stores)
    findings.judge_rules(verdict, chain, host, answer, stores)
    return verdict


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
    """The chain's top certificate as a stand-in root, when no trusted root has the name of any
    sent certificate or its issuer: only then is 'an unknown root' the story (otherwise the
    chain breaks below a root this computer has, and trusting its top would only hide that)."""
    names = {c.issuer for c in chain} | {c.subject for c in chain}
    if any(r.subject in names for r in trusted):
        return []
    return [chain[-1]]


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
        if network_now is not None and abs(network_now - now) > NETWORK_TIME_IGNORED_WITHIN
        else None,
        "inside_validity": _inside_validity(chain, trusted),
    }
    names = {"host": host, "carried": _carried_name(chain[0])}
    roots = {"trusted": list(stores.asked), "own_top": _own_top(chain, trusted)}
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
        findings.judge_untrusted(verdict, chain, answer, stores)
    if question.chain == "aia":
        fetched = answer.path[len(chain) : len(chain) + 1] or answer.path[-1:]
        missing = certs.name_text(fetched[0].subject)
        url = verdict.details.get("aia", {}).get("url", "")
        verdict.add(
            "cert_incomplete_chain",
            VERY_LIKELY,
            {"missing": missing, "aia_url": url},
            "incomplete_chain",
            missing=missing,
        )
        verdict.details["aia"]["completes_chain"] = True
    if question.name == "carried":
        findings.judge_name(verdict, chain[0], host)
    if question.time != "clock":
        findings.judge_dates(verdict, answer.path, now)
        if question.time == "network":
            verdict.details["accepted_at_network_time"] = True


def chain_verdict(
    chain: Sequence[bytes],
    host: str,
    *,
    roots: Sequence[bytes],
    at: dt.datetime,
) -> tuple[str, ...]:
    """The causes a browser refuses `chain` for, by the same judgement the check uses; () =
    healthy, (UNDETERMINED,) = the verifier could not be asked (`Verdict.undetermined`).

    `roots` are trusted both as the public list and by this computer, but, as in the browser
    comparison, as roots installed locally: Chromium's stricter key size for its own known
    roots does not apply. The computer's clock and network time are both `at`. No AIA fetch.
    """
    anchors = [x509.load_der_x509_certificate(der) for der in roots]
    local = trust_stores.TrustStore.of("computer", anchors)
    stores = Stores(public=local, computer=local, public_is_builtin=False)
    verdict = judge_chain(chain, host, now=at, stores=stores, network_now=at)
    if verdict.undetermined and not verdict.blocking:
        return (UNDETERMINED,)
    return verdict.blocking_causes
