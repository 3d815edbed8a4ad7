"""What the certificate judgement found.

Apart from `cert_findings` because it loads without `cryptography`: the command line's run
takes a verdict back from the judgement's own process (`worker`) without loading
`cryptography` itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from conndoctor.core.engine.model import Finding, Message

NETWORK_TIME_IGNORED_WITHIN = dt.timedelta(seconds=1)
"""A network time this close to the computer's changes no verdict: the judgement asks the
verifier at network time only when it is further away (`tls_verdict`), and tls.handshake takes
the head start's question, asked without one, for its own (`checks/tls.py`)."""


class Verdict:
    """Findings about one chain plus the facts an expert wants in the report's details, built
    up by the judgement (`tls_verdict`). `undetermined`: why whether a browser accepts the chain
    could not be determined (a refusal id of `verifier_stricter_than_chromium`); never set
    together with a blocking finding."""

    def __init__(
        self,
        findings: list[Finding] | None = None,
        details: dict[str, Any] | None = None,
        trusted_by_interception: bool = False,
        undetermined: str = "",
    ) -> None:
        self.findings: list[Finding] = findings if findings is not None else []
        self.details: dict[str, Any] = details if details is not None else {}
        self.trusted_by_interception = trusted_by_interception
        self.undetermined = undetermined

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
