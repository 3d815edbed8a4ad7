"""The certificate judgement in a process of its own, beside the command line's run.

Loading `cryptography` and judging a chain is the largest piece of a `check`'s CPU, and one
Python process runs one thread at a time: on a healthy site the whole run waited for it. The
command line forks this worker before its first thread starts (`start`). While the run loads
its checks and waits for the network, the worker loads `cryptography` and reads the root files
on another core; tls.handshake then hands it the sent chain (`judge`) and takes back the
verdict the same code would have given in the run (`judgement.judge_with_candidates`). The
command line's head start asks it even sooner, as soon as its handshake is over
(`ask_early`): the worker then judges while the run still loads its checks, and tls.handshake
takes that answer when it asks about the same chain.

An issuer the judgement downloads (AIA) is fetched by the run, which has the network's
settings and notes every contact, and handed to the worker; anything the worker cannot answer
is judged by the run itself. Only on
Linux, where forking a process that runs no thread yet is safe, and only for the command line's
own process (the wizard and the tests' in-process runs judge in-process).
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from conndoctor.core.trust.trust_files import TrustFiles

if TYPE_CHECKING:  # loaded once the run judges: the worker starts before the records load
    import datetime as dt

    from conndoctor.core.trust.verdict import Verdict


class JudgementWorker:
    """The forked process: its id and the run's end of the channel that carries its messages."""

    def __init__(self, pid: int, channel: socket.socket) -> None:
        self.pid = pid
        self.channel = channel


MAX_MESSAGE = 1 << 22
"""A chain, an issuer or a verdict: kilobytes, never near this. A message the socket cannot
carry fails to send, and the run then judges in-process."""


def _open_channel() -> tuple[socket.socket, socket.socket]:
    """(the run's end, the worker's end): a SEQPACKET socket pair keeps each message whole (one
    send, one recv), so a message is one pickle and needs no framing. Raises OSError."""
    ends = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    return ends[0], ends[1]


def _send(channel: socket.socket, message: tuple[Any, ...]) -> None:
    import pickle  # here: loaded after the site's first packets, in each process

    channel.send(pickle.dumps(message, pickle.HIGHEST_PROTOCOL))


def _receive(channel: socket.socket) -> Any:
    """The next whole message; EOFError when the other process has gone."""
    import pickle

    data = channel.recv(MAX_MESSAGE)
    if not data:
        raise EOFError("the other process has gone")
    return pickle.loads(data)


def _let_go_of_the_terminal() -> None:
    """A forked process writes nothing: whoever reads the command's output must see its end
    when the command ends, not when the forked process does."""
    quiet = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(quiet, fd)
    os.close(quiet)


_worker: JudgementWorker | None = None
_started = False
_worker_lock = threading.Lock()


def start(roots: TrustFiles) -> bool:
    """Fork the worker, which loads `cryptography` and reads `roots` at once; whether it runs.

    Refused (the run then judges in-process) where `os.fork` is not safe: off Linux, or once a
    thread runs (a lock another thread holds would stay held in the child forever).
    """
    global _worker, _started
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return False
    with _worker_lock:
        if _worker is not None:
            return True
        ends: tuple[socket.socket, ...] = ()
        try:
            ends = _open_channel()
            pid = os.fork()
        except OSError:  # no process or socket to spare: the run judges in-process
            for end in ends:
                end.close()
            return False
        runs_end, workers_end = ends
        if pid == 0:  # the worker: never returns into the command line's code
            status = 1
            try:
                runs_end.close()
                _let_go_of_the_terminal()
                _serve(workers_end, roots)
                status = 0
            finally:
                os._exit(status)
        workers_end.close()
        _worker = JudgementWorker(pid, runs_end)
        _started = True
    return True


def started() -> bool:
    """Whether this process forked a worker for its run's chain (then the run need not load
    the judgement ahead: the worker does, and answers, or hands it back when asked)."""
    with _worker_lock:
        return _started


Question = tuple[tuple[bytes, ...], str, "dt.datetime", "dt.datetime | None", TrustFiles]
"""What the worker is asked: the chain, the host, the time, the network time, the roots."""

_early_question: Question | None = None


def ask_early(chain: Sequence[bytes], host: str, now: dt.datetime, roots: TrustFiles) -> None:
    """Ask the worker about the head start's chain now, at `now` and with no network time (none
    is known yet), while the run still loads its checks. tls.handshake takes this answer when
    it asks about the same chain (`asked_at`); a question the run asks differently is asked
    again. Never raises: asking early only saves time."""
    global _early_question
    question: Question = (tuple(chain), host, now, None, roots)
    with _worker_lock:
        if _worker is None or _early_question is not None:
            return
        try:
            _send(_worker.channel, ("judge", *question))
        except Exception:  # the run asks itself
            return
        _early_question = question


def asked_at(chain: Sequence[bytes], host: str, roots: TrustFiles) -> dt.datetime | None:
    """The time at which the head start asked the worker about this chain for this host and
    these roots (`ask_early`), to be judged at, without network time; None when it did not."""
    with _worker_lock:
        early = _early_question
    if early is None or early[:2] != (tuple(chain), host) or not _same_roots(early[4], roots):
        return None
    return early[2]


def _same_roots(one: TrustFiles, other: TrustFiles) -> bool:
    return (one.public_ca_file, tuple(one.computer_files), tuple(one.organisation_files)) == (
        other.public_ca_file,
        tuple(other.computer_files),
        tuple(other.organisation_files),
    )


def prepare_to_ask() -> None:
    """Load what asking the worker takes (its messages' format) before the chain is there: the
    question then leaves as soon as the handshake is over, not after an import that shares the
    interpreter with every check running meanwhile."""
    import datetime  # noqa: F401
    import pickle  # noqa: F401


def judge(
    chain: Sequence[bytes],
    host: str,
    now: dt.datetime,
    network_now: dt.datetime | None,
    roots: TrustFiles,
    fetch_issuer: Callable[[str], bytes | None],
    wait_s: float,
) -> Verdict | None:
    """The worker's verdict on `chain`; None when there is no worker (it answers once), it
    fails, or it is silent for `wait_s`. An issuer the judgement downloads is fetched here, by
    `fetch_issuer` (the run's network, its proxies and its record of contacts), and handed to
    the worker."""
    global _worker, _early_question
    with _worker_lock:
        worker, _worker = _worker, None
        early, _early_question = _early_question, None
    if worker is None:
        return None
    import pickle

    question: Question = (tuple(chain), host, now, network_now, roots)
    channel = worker.channel
    try:
        channel.settimeout(wait_s)
        if early is None or early[:4] != question[:4] or not _same_roots(early[4], roots):
            if early is not None:
                _set_aside_answer(channel)
            _send(channel, ("judge", *question))
        while True:
            said = _receive(channel)
            if said[0] != "fetch":
                return _verdict_of(said[1]) if said[0] == "verdict" else None
            _send(channel, ("issuer", fetch_issuer(said[1])))
    except (OSError, ValueError, EOFError, TypeError, IndexError, pickle.UnpicklingError):
        return None  # OSError covers the silence past `wait_s` (TimeoutError)
    finally:
        channel.close()
        with contextlib.suppress(OSError):
            os.waitpid(worker.pid, os.WNOHANG)


def _set_aside_answer(channel: socket.socket) -> None:
    """Read past the answer to the head start's question, which the run asked differently (an
    issuer it asks for meanwhile is not fetched: that answer is not used)."""
    while _receive(channel)[0] == "fetch":
        _send(channel, ("issuer", None))


def _serve(channel: socket.socket, roots: TrustFiles) -> None:
    """Answer the run's questions until it goes: the head start's, then perhaps the run's own
    (`judge`)."""
    from conndoctor.core.trust.judgement import rehearse

    if not _question_waiting(channel):  # else that judgement pays the one-time costs itself
        rehearse(roots)
    with contextlib.suppress(EOFError):  # the run ended
        while _answer(channel):
            pass


def _question_waiting(channel: socket.socket) -> bool:
    import select

    readable, _, _ = select.select([channel], [], [], 0)
    return bool(readable)


def _answer(channel: socket.socket) -> bool:
    """Judge the next question; False when the run asked none."""
    from conndoctor.core.trust.judgement import judge_with_candidates

    asked = _receive(channel)
    if asked[0] != "judge":
        return False
    _, chain, host, now, network_now, asked_roots = asked

    def fetch_issuer(url: str) -> bytes | None:
        _send(channel, ("fetch", url))
        told = _receive(channel)
        if told[0] != "issuer":
            raise EOFError("the run is gone")
        body: bytes | None = told[1]
        return body

    verdict = judge_with_candidates(chain, host, now, network_now, asked_roots, fetch_issuer)
    _send(channel, ("verdict", _plain_verdict(verdict)))
    return True


def _plain_verdict(verdict: Verdict) -> dict[str, Any]:
    return {
        "findings": [
            (
                f.cause,
                f.confidence,
                _plain(f.evidence),
                None if f.detail is None else (f.detail.key, _plain(f.detail.args)),
            )
            for f in verdict.findings
        ],
        "details": _plain(verdict.details),
        "trusted_by_interception": verdict.trusted_by_interception,
        "undetermined": verdict.undetermined,
    }


def _verdict_of(plain: dict[str, Any]) -> Verdict:
    from conndoctor.core.engine.model import Finding, Message
    from conndoctor.core.trust.verdict import Verdict

    return Verdict(
        findings=[
            Finding(cause, confidence, evidence, None if detail is None else Message(*detail))
            for cause, confidence, evidence, detail in plain["findings"]
        ],
        details=plain["details"],
        trusted_by_interception=plain["trusted_by_interception"],
        undetermined=plain["undetermined"],
    )


def _plain(value: Any) -> Any:
    """Read-only mappings as dicts, so that the verdict travels by pickle."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_plain(item) for item in value)
    return value
