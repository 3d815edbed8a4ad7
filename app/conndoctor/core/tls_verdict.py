"""What is wrong with the certificates a site sent, as findings a person can act on.

Trust is judged twice, against the public list of roots and against this computer's: a chain
that only this computer trusts is interception (antivirus, a company proxy), a chain nobody
trusts is the site's problem. Dates are judged apart from trust, at the computer's time,
so that the diagnosis can still blame the clock instead of the site.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509

from conndoctor.core import certificates as certs
from conndoctor.core.model import Finding, Message, when
from conndoctor.core.truststores import store_summary


@dataclass
class Verdict:
    """Findings about one chain plus the facts an expert wants in the report's details."""

    findings: list[Finding] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    trusted_by_interception: bool = False

    def add(
        self, cause: str, confidence: float, evidence: dict[str, Any], message: str, **args: Any
    ) -> None:
        detail = Message(f"tls.detail.{message}", args)
        self.findings.append(Finding(cause, confidence, evidence, detail))

    @property
    def blocking(self) -> bool:
        """Whether a browser refuses: anything but interception this computer trusts."""
        return any(
            not (f.cause == "tls_interception" and self.trusted_by_interception)
            for f in self.findings
        )


def _store_summary(store: certs.TrustStore) -> dict[str, object]:
    return store_summary(len(store.roots), store.sources)


def judge_chain(
    chain: Sequence[x509.Certificate],
    host: str,
    *,
    now: dt.datetime,
    public: certs.TrustStore,
    computer: certs.TrustStore,
    organisation: certs.TrustStore,
    fetch_issuer: Callable[[str], bytes | None],
    computer_complete: bool = True,
) -> Verdict:
    """Every problem of `chain` for `host`, each as its own finding."""
    verdict = Verdict()
    leaf = chain[0]
    offered = list(chain[1:])
    public_path = certs.build_path(leaf, offered, public)
    computer_path = certs.build_path(leaf, offered, computer) if computer else None
    path = public_path
    verdict.details["trust"] = {
        "public": public_path.anchored,
        "computer": computer_path.anchored if computer_path else None,
        "public_store": _store_summary(public),
        "computer_store": _store_summary(computer),
    }
    if public_path.anchored:
        if computer_path is not None and not computer_path.anchored and computer_complete:
            root = certs.name_text(public_path.last.subject)
            verdict.add(
                "cert_untrusted_root",
                0.6,
                {"root": root, "store": "computer"},
                "root_missing_on_computer",
                root=root,
            )
    elif computer_path is not None and computer_path.anchored:
        path = computer_path
        _judge_interception(verdict, computer_path, organisation, trusted=True)
    else:
        path = _judge_untrusted(verdict, public_path, offered, public, fetch_issuer)
        if certs.interception_product(public_path.certs):
            _judge_interception(verdict, public_path, organisation, trusted=False)
    verdict.details["path"] = [certs.name_text(c.subject) for c in path.certs]
    if path.anchor is not None:
        verdict.details["root"] = certs.describe(path.anchor)
    _judge_name(verdict, leaf, host)
    _judge_dates(verdict, path, now)
    _judge_algorithms(verdict, path)
    return verdict


def _judge_interception(
    verdict: Verdict, path: certs.ChainPath, organisation: certs.TrustStore, *, trusted: bool
) -> None:
    root = certs.name_text(path.last.subject if path.anchor else path.last.issuer)
    is_org = _from_organisation(path, organisation)
    product = certs.interception_product((*path.certs, path.last))
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


def _from_organisation(path: certs.ChainPath, organisation: certs.TrustStore) -> bool:
    if not organisation:
        return False
    chain = (*path.certs, *((path.anchor,) if path.anchor is not None else ()))
    return any(
        organisation.contains(c) or any(certs.issued_by(c, r) for r in organisation.issuers_of(c))
        for c in chain
    )


def _judge_untrusted(
    verdict: Verdict,
    path: certs.ChainPath,
    offered: list[x509.Certificate],
    public: certs.TrustStore,
    fetch_issuer: Callable[[str], bytes | None],
) -> certs.ChainPath:
    """Neither store trusts the chain: self-signed, missing intermediate, or an unknown root."""
    leaf = path.certs[0]
    if path.end == "self_signed" and len(path.certs) == 1:
        subject = certs.name_text(leaf.subject)
        verdict.add("cert_self_signed", 0.9, {"subject": subject}, "self_signed", subject=subject)
        return path
    if path.end == "unknown_issuer":
        last = path.certs[-1]
        for url in certs.ca_issuer_urls(last):
            fetched = certs.parse_certificates(fetch_issuer(url) or b"")
            if not fetched:
                continue
            repaired = certs.build_path(leaf, [*offered, *fetched], public)
            verdict.details["aia"] = {"url": url, "completes_chain": repaired.anchored}
            if repaired.anchored:
                missing = certs.name_text(fetched[0].subject)
                verdict.add(
                    "cert_incomplete_chain",
                    0.9,
                    {"missing": missing, "aia_url": url},
                    "incomplete_chain",
                    missing=missing,
                )
                return repaired
            break
    root = certs.name_text(
        path.certs[-1].subject if path.end == "self_signed" else path.certs[-1].issuer
    )
    verdict.add(
        "cert_untrusted_root",
        0.85,
        {"root": root, "store": "public", "end": path.end},
        "untrusted_root",
        root=root,
    )
    return path


def _judge_name(verdict: Verdict, leaf: x509.Certificate, host: str) -> None:
    if certs.host_matches(leaf, host):
        return
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


def _judge_dates(verdict: Verdict, path: certs.ChainPath, now: dt.datetime) -> None:
    for position, cert in enumerate(path.certs):
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


def _judge_algorithms(verdict: Verdict, path: certs.ChainPath) -> None:
    for cert in path.certs:
        if path.anchor is not None and cert == path.anchor:
            continue
        algorithm = certs.weak_signature(cert) if not certs.is_self_signed(cert) else None
        if algorithm and not any(f.cause == "cert_weak_signature" for f in verdict.findings):
            subject = certs.name_text(cert.subject)
            verdict.add(
                "cert_weak_signature",
                0.9,
                {"algorithm": algorithm.upper(), "subject": subject},
                "weak_signature",
                algorithm=algorithm.upper(),
                subject=subject,
            )
        key = certs.weak_key(cert)
        if key and not any(f.cause == "cert_weak_key" for f in verdict.findings):
            subject = certs.name_text(cert.subject)
            verdict.add(
                "cert_weak_key",
                0.9,
                {"key": key, "subject": subject},
                "weak_key",
                key_size=key,
                subject=subject,
            )


def chain_verdict(
    chain: Sequence[bytes], host: str, *, roots: Sequence[bytes], at: dt.datetime
) -> tuple[str, ...]:
    """The causes for a DER chain (leaf first) served for `host`, judged at `at`; () is healthy.

    Temporary adapter over `judge_chain` for the x509-limbo test: the verdict branch replaces it
    with the real validator. Like `judge_chain`, it raises on certificates it cannot read.
    """
    served = [x509.load_der_x509_certificate(der) for der in chain]
    anchors = [x509.load_der_x509_certificate(der) for der in roots]
    store = certs.TrustStore.of("public", anchors)
    verdict = judge_chain(
        served,
        host,
        now=at,
        public=store,
        computer=store,
        organisation=certs.TrustStore.of("organisation", ()),
        fetch_issuer=lambda _url: None,
    )
    return tuple(dict.fromkeys(f.cause for f in verdict.findings))
