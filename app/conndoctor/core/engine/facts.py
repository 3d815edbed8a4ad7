"""What each check found, as typed records: the facts behind a `CheckResult`.

One frozen record per check (and small records for the pieces an expert reads one by one: a
certificate of the chain, a source of the time, a browser). Their field names are the keys of
the check's `details` in the `conndoctor.report/1` JSON, which help desks script against:
a field is only ever added, never renamed or removed. `facts_dict` is the one way from a record
to those JSON details; `facts_from_details` reads them back (the PDF appendix reads a saved,
masked document through it, so it uses typed fields rather than guessed keys).

A field a check did not fill in a given case stays None (JSON null). Pieces that are shown
whole and never read field by field (a DNS probe, proxy settings, trust stores) stay JSON-like
mappings. The records live in the engine, not beside their checks, because probes, knowledge,
the report and the wizard all read them and may not import the checks.

The records are named tuples, not dataclasses: every `check` defines them anew as it starts,
and under Python 3.11 a frozen dataclass takes about a millisecond to define (its methods are
generated and compiled each time), a named tuple a tenth of that; the 17 records were the
largest piece of a healthy check's own start-up (bench/RESULTS.md). Every check's record
starts with `undetermined` (`FIELD_NOTES`), `DiskFacts` ends with it (a named tuple's fields
with defaults come last). `CheckFacts` is any check's record. The module's annotations are
evaluated as the classes are made (no `from __future__ import annotations`): a named tuple
would compile each annotation written as text into a `ForwardRef`, about 2 ms for these.
"""

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "FACTS_OF_CHECK",
    "FIELD_NOTES",
    "BrowserFacts",
    "BrowserTlsFacts",
    "CacheFacts",
    "CertificateFacts",
    "CheckFacts",
    "ClockFacts",
    "ConnectivityFacts",
    "DiskFacts",
    "DnsFacts",
    "InterfacesFacts",
    "InventoryFacts",
    "OsTlsFacts",
    "ProxyFacts",
    "SiteFacts",
    "TcpFacts",
    "TimeSourceFacts",
    "TlsFacts",
    "facts_dict",
    "facts_from_details",
    "jsonable",
]

Json = dict[str, Any]
"""A piece shown whole in the report (already JSON-like), not read field by field."""

FIELD_NOTES = {
    "undetermined": "Set (to the reason's id) when the check could not determine its verdict "
    "(`model.UNDETERMINED_KEY`).",
}
"""What a field every check's record has means (the published schema's description)."""


def jsonable(value: Any) -> Any:
    """Mappings, records, sequences and moments as JSON types (a record as an object, a moment
    as ISO 8601 text)."""
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {name: jsonable(v) for name, v in zip(value._fields, value, strict=True)}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


# --- connection ---------------------------------------------------------------------------


class InterfacesFacts(NamedTuple):
    """network.interfaces: the network adapters that are up with a usable address."""

    undetermined: str | None = None
    interfaces: tuple[Json, ...] = ()
    """name, addresses, speed_mbps of each."""
    default_route: bool | None = None
    """False: no default route (None: could not tell)."""


class ConnectivityFacts(NamedTuple):
    """network.connectivity: the answers of the connectivity-check URLs."""

    undetermined: str | None = None
    probes: tuple[Json, ...] = ()
    date_header: str | None = None
    date_header_received_at: str | None = None
    portal_url: str | None = None
    site: str | None = None
    """Whether the site itself answers when the probes do not: reachable, unreachable..."""


class ProxyFacts(NamedTuple):
    """network.proxy: the proxy settings found, the PAC script's answer, the proxies tried."""

    undetermined: str | None = None
    settings: tuple[Json, ...] = ()
    firefox: Json | None = None
    pac: Json | None = None
    trials: tuple[Json, ...] | None = None
    proxy_works: bool | None = None


class DnsFacts(NamedTuple):
    """network.dns: the site's addresses, or why the name did not resolve."""

    undetermined: str | None = None
    addresses: tuple[str, ...] = ()
    source: str | None = None
    """literal (an IP address), override (--resolve) or dns."""
    elapsed_ms: float | None = None
    kind: str | None = None
    error: str | None = None
    probe: Json | None = None
    """Chromium-like DNS probe of a failure: verdict, system and public resolvers' answers."""


class TcpFacts(NamedTuple):
    """network.tcp: the connection a browser opens to the site (or each failed attempt)."""

    undetermined: str | None = None
    address: str | None = None
    port: int | None = None
    connect_ms: float | None = None
    kind: str | None = None
    attempts: tuple[Json, ...] = ()
    proxy_host: str | None = None
    """Set when only the proxy reaches the site: the site is then checked through it."""
    proxy_port: int | None = None


# --- clock --------------------------------------------------------------------------------


class TimeSourceFacts(NamedTuple):
    """One independent opinion of the time: an NTP server or a web server's Date header."""

    name: str
    kind: str
    offset_s: float
    error_s: float
    agreed: bool


class ClockFacts(NamedTuple):
    """clock.network_time: this computer's clock against the sources that agree."""

    undetermined: str | None = None
    servers: tuple[Json, ...] = ()
    """Each NTP server's answer (offset_s, delay_s...) or error, as received."""
    http_dates: tuple[Json, ...] = ()
    sources: tuple[TimeSourceFacts, ...] = ()
    agreed: tuple[str, ...] = ()
    falsetickers: tuple[str, ...] = ()
    rejected: tuple[Json, ...] = ()
    agree_within_s: float | None = None
    offset_s: float | None = None
    """Seconds this computer is ahead (+) or behind (-); None when undetermined."""
    source: str | None = None
    computer_time: str | None = None
    trusted_time: str | None = None
    wrong_after_s: float | None = None


# --- system -------------------------------------------------------------------------------


class OsTlsFacts(NamedTuple):
    """system.os_tls: the operating system and what its rules say about TLS 1.2 and 1.3."""

    undetermined: str | None = None
    judged: str | None = None
    os_name: str | None = None
    build: str | None = None
    edition: str | None = None
    openssl: str | None = None
    display_version: str | None = None
    service_pack: str | None = None
    schannel: Json | None = None
    os: str | None = None
    version: str | None = None
    rule: str | None = None
    tls12: str | None = None
    tls13: str | None = None
    source: str | None = None


class DiskFacts(NamedTuple):
    """system.disk: free space where the browsers keep their profiles."""

    free_bytes: int
    total_bytes: int
    threshold_bytes: int
    percent_free: float
    undetermined: str | None = None


# --- browsers -----------------------------------------------------------------------------


class BrowserFacts(NamedTuple):
    """One browser found on this computer."""

    id: str
    name: str
    family: str
    installed: bool
    version: str | None = None
    version_source: str | None = None
    running: bool | None = None
    executable: str | None = None
    profiles: tuple[Json, ...] = ()


class InventoryFacts(NamedTuple):
    """browsers.inventory."""

    undetermined: str | None = None
    browsers: tuple[BrowserFacts, ...] = ()


class BrowserTlsFacts(NamedTuple):
    """browsers.tls_settings: each browser's version against its TLS 1.2 minimum."""

    undetermined: str | None = None
    browsers: tuple[Json, ...] = ()
    secure_protocols: int | None = None
    """Windows Internet Options' SecureProtocols mask, where there is one."""


class CacheFacts(NamedTuple):
    """browsers.cache."""

    undetermined: str | None = None
    profiles: tuple[Json, ...] = ()
    total_bytes: int = 0
    complete: bool = True
    """False when some cache could not be measured in time: the total is then a minimum."""


# --- site ---------------------------------------------------------------------------------


class CertificateFacts(NamedTuple):
    """One certificate as an expert reads it (`trust.certificates.describe`)."""

    subject: str
    issuer: str
    not_before: str
    not_after: str
    sha256: str
    key: str
    signature_hash: str | None = None
    names: tuple[str, ...] = ()


class TlsFacts(NamedTuple):
    """tls.handshake: the handshake, the chain the server sent and the judgement of it."""

    undetermined: str | None = None
    host: str | None = None
    port: int | None = None
    sni: str | None = None
    address: str | None = None
    connect_error: str | None = None
    browser_handshake: Json | None = None
    client_certificate_handshake: Json | None = None
    legacy_handshake: Json | None = None
    speaks_plain_http: bool | None = None
    version: str | None = None
    cipher: str | None = None
    full_chain_received: bool | None = None
    chain: tuple[CertificateFacts, ...] = ()
    """The served chain, the leaf first."""
    path: tuple[str, ...] | None = None
    root: CertificateFacts | None = None
    trust: Json | None = None
    verifier: Json | None = None
    accepted_if: Json | None = None
    aia: Json | None = None
    aia_not_fetched: tuple[Json, ...] | None = None
    accepted_at_network_time: bool | None = None
    could_not_determine: Json | None = None
    unreadable_certificate: Json | None = None
    checked_at: str | None = None

    @classmethod
    def of(cls, details: Mapping[str, Any]) -> "TlsFacts":
        """The record of the details the handshake and `tls_verdict` gather step by step (an
        unknown key is a TypeError here, so no fact can slip past the record)."""
        found = dict(details)
        found["chain"] = tuple(CertificateFacts(**c) for c in found.get("chain") or ())
        if found.get("root") is not None:
            found["root"] = CertificateFacts(**found["root"])
        return cls(**found)


class SiteFacts(NamedTuple):
    """site.http_status: the site's answer to the browser's request."""

    undetermined: str | None = None
    status: int | None = None
    reason: str | None = None
    retry_after: str | None = None
    server: str | None = None
    date_header: str | None = None
    date_header_received_at: str | None = None
    location: str | None = None
    redirects: tuple[str, ...] | None = None
    sets_cookies: bool | None = None
    error: str | None = None
    speaks_tls: bool | None = None


CheckFacts = (
    InterfacesFacts
    | ConnectivityFacts
    | ProxyFacts
    | DnsFacts
    | TcpFacts
    | ClockFacts
    | OsTlsFacts
    | DiskFacts
    | InventoryFacts
    | BrowserTlsFacts
    | CacheFacts
    | TlsFacts
    | SiteFacts
)
"""Any check's record."""

FACTS_OF_CHECK: Mapping[str, type[CheckFacts]] = {
    "network.interfaces": InterfacesFacts,
    "network.connectivity": ConnectivityFacts,
    "network.proxy": ProxyFacts,
    "network.dns": DnsFacts,
    "network.tcp": TcpFacts,
    "clock.network_time": ClockFacts,
    "system.os_tls": OsTlsFacts,
    "system.disk": DiskFacts,
    "browsers.inventory": InventoryFacts,
    "browsers.tls_settings": BrowserTlsFacts,
    "browsers.cache": CacheFacts,
    "tls.handshake": TlsFacts,
    "site.http_status": SiteFacts,
}
"""Which record each check's details hold."""


def facts_dict(facts: CheckFacts | None) -> dict[str, Any]:
    """A check's facts as the JSON details of the report (the one serialisation)."""
    if facts is None:
        return {}
    found: dict[str, Any] = jsonable(facts)
    return found


F = TypeVar("F", bound=CheckFacts)


def facts_from_details(kind: type[F], details: Mapping[str, Any]) -> F:
    """The record of a check's JSON details (a saved or masked report; masking changes text,
    never types): keys it does not know are ignored, lists are read as tuples. Raises
    `ValueError` when a fact is missing or of the wrong type (a hand-edited file)."""
    import cattrs

    try:
        found: F = _details_reader().structure(dict(details), kind)
    except (cattrs.BaseValidationError, cattrs.StructureHandlerNotFoundError, TypeError) as exc:
        raise ValueError(f"the details are not a {kind.__name__}: {exc!r}") from exc
    return found


@functools.cache
def _details_reader() -> "cattrs.Converter":
    """cattrs, reading records from JSON objects and taking each plain value as it is (its
    default would turn 5 into "5" for a text field)."""
    import cattrs
    from cattrs.cols import is_namedtuple, namedtuple_dict_structure_factory

    reader = cattrs.Converter()
    reader.register_structure_hook_factory(is_namedtuple, namedtuple_dict_structure_factory)
    for plain in (str, int, float, bool):
        reader.register_structure_hook(plain, _exactly(plain))
    return reader


def _exactly(kind: type) -> Callable[[Any, Any], Any]:
    accepted = (int, float) if kind is float else (kind,)

    def take(value: Any, _: Any) -> Any:
        if isinstance(value, bool) is not (kind is bool) or not isinstance(value, accepted):
            raise TypeError(f"{value!r} is not a {kind.__name__}")
        return value

    return take
