"""The findings of the certificate judgement: each problem as a cause, its evidence and the
sentence a person reads.

`tls_verdict` decides what is wrong by asking the verifier; this module says it, describing
the certificates (which one expired, which root, which wildcard) without deciding trust.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from cryptography import x509

from conndoctor.core.engine.model import when
from conndoctor.core.knowledge.confidence import CERTAIN, LIKELY, POSSIBLE, PROBABLE, VERY_LIKELY
from conndoctor.core.trust import certificates as certs
from conndoctor.core.trust import stores as trust_stores
from conndoctor.core.trust.cert_verifier import Answer
from conndoctor.core.trust.chromium_rules import (
    unreadable_extensions,
    weak_key,
    weak_signature,
    wildcard_over_public_suffix,
)
from conndoctor.core.trust.stores import Stores
from conndoctor.core.trust.truststores import store_summary
from conndoctor.core.trust.verdict import Verdict

__all__ = ["Verdict"]  # its home is trust/verdict, which loads without cryptography


# --- the judgement ------------------------------------------------------------------------


def describe_path(verdict: Verdict, path: Sequence[x509.Certificate]) -> None:
    verdict.details["path"] = [certs.name_text(c.subject) for c in path[:-1] or path]
    verdict.details["root"] = certs.describe(path[-1])


def store_summaries(stores: Stores) -> dict[str, object]:
    """Which roots were asked: shown whatever the verdict, so a store found empty is visible."""
    return {
        "public_store": store_summary(stores.public.size, stores.public.sources),
        "computer_store": store_summary(stores.computer.size, stores.computer.sources),
    }


def judge_trust(verdict: Verdict, answer: Answer, stores: Stores) -> None:
    """The chain is trusted here: by the public list, or only by this computer (interception)?"""
    path = answer.path
    describe_path(verdict, path)
    root = path[-1]
    in_public = stores.public.contains(root)
    in_computer = stores.computer.contains(root) if stores.computer else None
    verdict.details["trust"] = {
        "public": in_public,
        "computer": in_computer,
        **store_summaries(stores),
    }
    if in_public:
        if in_computer is False and stores.computer_complete:
            name = certs.name_text(root.subject)
            verdict.add(
                "cert_untrusted_root",
                POSSIBLE,
                {"root": name, "store": "computer"},
                "root_missing_on_computer",
                root=name,
            )
        return
    judge_interception(verdict, path, stores.organisation, trusted=True)


def judge_interception(
    verdict: Verdict,
    path: Sequence[x509.Certificate],
    organisation: trust_stores.TrustStore,
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
        verdict.add(
            "tls_interception", VERY_LIKELY, evidence, "interception_organisation", root=root
        )
    elif product:
        verdict.add(
            "tls_interception",
            CERTAIN,
            evidence,
            "interception_product",
            product=product.product,
            root=root,
        )
    else:
        verdict.add("tls_interception", PROBABLE, evidence, "interception_unknown", root=root)


def judge_untrusted(
    verdict: Verdict, chain: list[x509.Certificate], answer: Answer, stores: Stores
) -> None:
    """Nothing this computer trusts issued the chain: self-signed, interception, unknown root."""
    describe_path(verdict, answer.path)
    leaf = chain[0]
    if len(answer.path) == 1 and leaf.subject == leaf.issuer:
        subject = certs.name_text(leaf.subject)
        verdict.add(
            "cert_self_signed", VERY_LIKELY, {"subject": subject}, "self_signed", subject=subject
        )
        return
    top = chain[-1]
    root = certs.name_text(top.subject if top.subject == top.issuer else top.issuer)
    verdict.add(
        "cert_untrusted_root",
        LIKELY,
        {"root": root, "store": "public", "end": "unknown_issuer"},
        "untrusted_root",
        root=root,
    )
    if certs.interception_product(chain):
        judge_interception(verdict, chain, stores.organisation, trusted=False)


def judge_name(verdict: Verdict, leaf: x509.Certificate, host: str) -> None:
    names = certs.san_names(leaf)
    shown = ", ".join(names[:8]) if names else certs.name_text(leaf.subject)
    verdict.add(
        "cert_hostname_mismatch",
        VERY_LIKELY,
        {"host": host, "names": names},
        "hostname_mismatch",
        host=host,
        names=shown,
    )


def judge_dates(verdict: Verdict, path: Sequence[x509.Certificate], now: dt.datetime) -> None:
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


def judge_rules(
    verdict: Verdict, chain: list[x509.Certificate], host: str, answer: Answer, stores: Stores
) -> None:
    """Chromium's refusals beyond the verifier's, on the accepted path (root excluded for
    signatures: a root's own signature is never checked)."""
    path = answer.path
    for position, cert in enumerate(path):
        problem = unreadable_extensions(cert)
        if problem:
            subject = certs.name_text(cert.subject)
            verdict.add(
                "cert_invalid",
                LIKELY,
                {"error": problem, "subject": subject, "position": position},
                "cert_invalid_malformed",
            )
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
            VERY_LIKELY,
            {"host": host, "names": certs.san_names(chain[0]), "public_suffix_wildcard": wildcard},
            "wildcard_public_suffix",
            host=host,
            wildcard=wildcard,
        )


def _weak_signature(verdict: Verdict, cert: x509.Certificate, algorithm: str) -> None:
    subject = certs.name_text(cert.subject)
    verdict.add(
        "cert_weak_signature",
        VERY_LIKELY,
        {"algorithm": algorithm.upper(), "subject": subject},
        "weak_signature",
        algorithm=algorithm.upper(),
        subject=subject,
    )


def _weak_key(verdict: Verdict, cert: x509.Certificate, key: str) -> None:
    subject = certs.name_text(cert.subject)
    verdict.add(
        "cert_weak_key",
        VERY_LIKELY,
        {"key": key, "subject": subject},
        "weak_key",
        key_size=key,
        subject=subject,
    )


def unexplained(verdict: Verdict, chain: list[x509.Certificate], host: str, error: str) -> None:
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
        judge_name(verdict, chain[0], host)
    if verdict.findings:
        return
    subject = certs.name_text(chain[0].subject)
    reason = next((key for words, key in _VERIFIER_REASONS if words in error), "cert_invalid")
    verdict.add(
        "cert_invalid", LIKELY, {"error": error, "subject": subject, "reason": reason}, reason
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


def could_not_determine(
    verdict: Verdict,
    chain: list[x509.Certificate],
    host: str,
    error: str,
    now: dt.datetime,
    refusal: str,
) -> None:
    """The verifier refused for a reason Chromium does not have (`refusal`): what the
    description shows for certain (dates, name, weak algorithms) is still a refusal; without
    any, the verdict is that it could not be determined, never healthy."""
    judge_dates(verdict, chain, now)
    if not certs.matching_names(chain[0], host):
        judge_name(verdict, chain[0], host)
    for cert in chain:
        algorithm = weak_signature(cert)
        if algorithm and cert.subject != cert.issuer:
            _weak_signature(verdict, cert, algorithm)
    verdict.details["could_not_determine"] = {"refusal": refusal, "error": error}
    if not verdict.findings:
        verdict.undetermined = refusal


def _has_bad_san(cert: x509.Certificate) -> bool:
    """Whether the certificate has a SAN extension that cannot be read."""
    try:
        cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    except x509.ExtensionNotFound:
        return False
    except (x509.DuplicateExtension, ValueError):
        return True
    return False


def bad_format(verdict: Verdict, position: int, error: str) -> None:
    verdict.details["unreadable_certificate"] = {"position": position, "error": error}
    verdict.add(
        "cert_invalid",
        VERY_LIKELY,
        {"error": error, "position": position, "format": "bad"},
        "cert_bad_format",
    )
