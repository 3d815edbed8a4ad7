"""What a check is given: the options of this run, its share of the deadline, and safe I/O helpers.

All network access of the checks goes through `CheckContext.connect` so that `--resolve`
works everywhere, every step is bounded by the run's one deadline, and the report can list
every server the program contacted (privacy: the user sees exactly whom we talked to).
"""

from __future__ import annotations

import datetime as dt
import queue
import socket
import threading
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Literal, NamedTuple, TypeVar

from conndoctor.core.engine.connection import (
    SiteConnection,
    connect_to,
    resolve_with,
    take_head_start,
)
from conndoctor.core.engine.early import EarlyQuestion, take_early_questions
from conndoctor.core.engine.kinds import Device
from conndoctor.core.engine.model import CheckResult
from conndoctor.core.engine.target import Target
from conndoctor.core.probes.ntp_exchange import DEFAULT_NTP_SERVERS

T = TypeVar("T")


class Options(NamedTuple):
    """Everything a run depends on besides the machine itself. Built by the CLI or the wizard."""

    target: Target | None = None
    timeout_s: float = 10.0
    lang: Literal["ja", "en"] = "en"
    ntp_servers: tuple[str, ...] = DEFAULT_NTP_SERVERS
    connectivity_urls: tuple[str, ...] = ()
    """Empty means the built-in list of operating systems' and browsers' check URLs."""
    public_ca_file: str | None = None
    """Replaces certifi as 'the public trust store'."""
    system_ca_files: tuple[str, ...] = ()
    """Extra roots that 'this computer trusts', beside the OS store."""
    org_ca_files: tuple[str, ...] = ()
    """Roots that belong to the user's own organisation (its inspection proxy is not an attack)."""
    dns_servers: tuple[str, ...] = ()
    """Public resolvers to ask by address (IP[:PORT]) when names fail; empty: the built-in ones."""
    resolve: Mapping[tuple[str, int], tuple[str, ...]] = MappingProxyType({})
    now: dt.datetime | None = None
    """Pretend the computer's clock reads this (help desks reproduce a user's situation)."""
    seen: str | None = None
    """What the person's browser showed: an error code or pasted text."""
    browser_fails: bool = False
    """The person says the browser fails even if every check here passes."""
    home: Path | None = None
    """Home folder to scan for browsers; None means the real one."""
    skip: frozenset[str] = frozenset()
    device: Device = Device.THIS_COMPUTER
    """Which device shows the error (spelled as its value in the CLI and the JSON)."""
    browser: str | None = None
    """Which browser the person uses (a browser id from the browser inventory)."""
    os_override: tuple[str, str] | None = None
    """(os, version) of another device the person names, judged by the OS rules table."""


class Contact(NamedTuple):
    host: str
    port: int
    purpose: str


class CheckContext:
    """Handed to every check; shared by all checks of one run (thread-safe)."""

    def __init__(
        self,
        options: Options,
        deadline: float,
        results: Mapping[str, CheckResult] | None = None,
        cancelled: threading.Event | None = None,
        planned: Collection[str] | None = None,
    ) -> None:
        self.options = options
        self.planned = frozenset(planned) if planned is not None else None
        """The checks of this run: waiting for any other one would only wait out the deadline."""
        self.deadline = deadline
        self.cancelled = cancelled or threading.Event()
        self._results: dict[str, CheckResult] = dict(results or {})
        self._result_ready: dict[str, threading.Event] = {}
        self._lock = threading.Lock()
        self._contacts: list[Contact] = []
        self.site = SiteConnection()
        self.site.head_start = take_head_start(options.target)
        self._early = take_early_questions()
        self._asked_early = tuple(self._early.values())
        self._clock_skew = (
            (options.now - dt.datetime.now(dt.UTC)).total_seconds()
            if options.now is not None
            else 0.0
        )

    def remaining(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def step_timeout(self, wanted: float) -> float:
        """A timeout for one I/O step: what it wants, but never past the run's deadline."""
        return max(0.05, min(wanted, self.remaining() - 0.05))

    def computer_time(self, real: dt.datetime) -> dt.datetime:
        """What this computer's clock (or `--now`) showed at the real moment `real`."""
        return real + dt.timedelta(seconds=self._clock_skew)

    def computer_now(self) -> dt.datetime:
        """The time this computer's clock shows (or `--now`, advancing as the run goes)."""
        return dt.datetime.now(dt.UTC) + dt.timedelta(seconds=self._clock_skew)

    def resolve(self, host: str, port: int) -> list[str]:
        """Addresses for host:port, honouring `--resolve` like curl. Raises OSError on failure."""
        early = self.site.head_start
        overridden = any((host.lower(), p) in self.options.resolve for p in (port, 0))
        if (
            not overridden
            and early is not None
            and (early.host, early.port) == (host, port)
            and early.resolved.is_set()
            and early.addresses
        ):
            return list(early.addresses)  # the head start's answer: one question, not two
        return resolve_with(self.options.resolve, host, port)

    def note_contact(self, host: str, port: int, purpose: str) -> None:
        with self._lock:
            contact = Contact(host, port, purpose)
            if contact not in self._contacts:
                self._contacts.append(contact)

    def early_question(self, kind: str, key: str) -> EarlyQuestion | None:
        """The question the command line asked before the checks loaded (`early.py`), once;
        None when it asked none: the check then asks itself."""
        with self._lock:
            return self._early.pop((kind, key), None)

    @property
    def contacts(self) -> tuple[Contact, ...]:
        early = self.site.head_start
        if early is not None and early.address is not None:  # its packets left, used or not
            self.note_contact(early.host, early.port, "site")
        for question in self._asked_early:  # so did these, where a name resolved
            if question.packets_left:
                self.note_contact(question.host, question.port, question.purpose)
        with self._lock:
            return tuple(self._contacts)

    def connect(
        self,
        host: str,
        port: int,
        *,
        purpose: str,
        timeout: float = 5.0,
        address: str | None = None,
    ) -> socket.socket:
        """A TCP connection to host:port (or a given address of it) within the deadline."""
        addresses = [address] if address else self.resolve(host, port)
        self.note_contact(host, port, purpose)
        last_error: OSError = OSError(f"no address for {host}")
        early = self.site.head_start
        for candidate in addresses:
            try:
                if early is not None and (early.host, early.port) == (host, port):
                    sock = early.take(candidate, self.step_timeout(timeout))
                    if sock is not None:
                        if not early.secures:
                            sock.settimeout(self.step_timeout(timeout))
                        return sock
                return connect_to(candidate, port, self.step_timeout(timeout))
            except OSError as exc:
                last_error = exc
            if self.remaining() <= 0.05:
                break
        raise last_error

    def publish(self, check_result: CheckResult) -> None:
        with self._lock:
            self._results[check_result.check_id] = check_result
            event = self._result_ready.setdefault(check_result.check_id, threading.Event())
        event.set()

    def given(self, check_id: str) -> CheckResult | None:
        """The result of a check this one `needs`: the runner starts a check only after its
        needs, so this never waits. None when that check is not part of this run."""
        with self._lock:
            return self._results.get(check_id)

    def result_of(
        self, check_id: str, wait: bool = True, within: float | None = None
    ) -> CheckResult | None:
        """Another check's result, waiting for it if it is part of this run and still running.

        The wait ends `within` seconds from now at most, and always a little before the deadline
        so that the waiting check still has time to report.
        """
        with self._lock:
            found = self._results.get(check_id)
            event = self._result_ready.setdefault(check_id, threading.Event())
        if found is not None or not wait:
            return found
        if self.planned is not None and check_id not in self.planned:
            return None
        limit = self.remaining() - 0.3
        if within is not None:
            limit = min(limit, within)
        event.wait(max(0.0, limit))
        with self._lock:
            return self._results.get(check_id)


def all_at_once(
    jobs: Sequence[Callable[[], T]],
    wait_s: float,
    *,
    name: str,
    enough: Callable[[T], bool] = lambda _answer: False,
) -> list[T]:
    """Run `jobs` on daemon threads at once and collect answers as they arrive.

    Stops after `wait_s`, when every job has answered, or as soon as one answer is `enough`;
    a job that hangs keeps only its own thread. Answers come in arrival order.
    """
    answers: queue.Queue[T] = queue.Queue()
    for job in jobs:
        threading.Thread(target=lambda j=job: answers.put(j()), daemon=True, name=name).start()
    end = time.monotonic() + wait_s
    collected: list[T] = []
    while len(collected) < len(jobs):
        try:
            answer = answers.get(timeout=max(0.01, end - time.monotonic()))
        except queue.Empty:
            break
        collected.append(answer)
        if enough(answer):
            break
    return collected
