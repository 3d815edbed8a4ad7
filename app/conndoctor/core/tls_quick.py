"""The healthy site, judged without `cryptography`.

Most sites a person checks are fine, and then loading `cryptography` would cost more than the
whole check. When OpenSSL has verified the chain against the public roots, this module reads
the certificates with `certinfo` and asks the questions `tls_verdict` would still ask: is the
certificate for this name, valid today, free of weak algorithms, and does this computer trust
the same root? Only if every answer is clearly yes does it give the verdict (with the same
details the full judgement writes); any doubt returns None and the full judgement runs.
"""

from __future__ import annotations

from typing import Any

from conndoctor.core.certinfo import Unreadable, read_certificate
from conndoctor.core.context import CheckContext
from conndoctor.core.truststores import (
    NotPlainPem,
    os_store_files,
    public_roots_file,
    store_files,
)


def quick_verdict(
    ctx: CheckContext, host: str, sent: tuple[bytes, ...], verified: tuple[bytes, ...]
) -> dict[str, Any] | None:
    """The details of a chain with nothing to report, or None when the full judgement must run.

    `sent` is the chain as the server sent it, `verified` the path OpenSSL built, root last.
    """
    options = ctx.options
    if options.now is not None or not sent or not verified:
        return None  # a pretended time: OpenSSL verified at the real one
    try:
        chain = [read_certificate(der) for der in sent]
        path = [read_certificate(der) for der in verified]
        public = store_files([public_roots_file(options.public_ca_file)])
        computer = store_files(
            [*os_store_files(), *options.system_ca_files, *options.org_ca_files],
            with_windows=True,
        )
    except (Unreadable, NotPlainPem):
        return None
    anchor = path[-1]
    walked = path[:-1] or path[:1]
    now = ctx.computer_now()
    if (
        anchor.der not in public.certificates
        or (computer.certificates and anchor.der not in computer.certificates)
        or not chain[0].is_for(host)
        or any(not cert.not_before <= now <= cert.not_after for cert in walked)
        or any(cert.weak() for cert in walked)
    ):
        return None
    return {
        "chain": [cert.describe() for cert in chain],
        "trust": {
            "public": True,
            "computer": True if computer.certificates else None,
            "public_store": public.summary(),
            "computer_store": computer.summary(),
        },
        "path": [cert.subject_text for cert in walked],
        "root": anchor.describe(),
        "checked_at": now.isoformat(),
    }
