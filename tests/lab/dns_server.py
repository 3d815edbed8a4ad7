"""Part of the loopback lab: a tiny DNS server on loopback that answers as each test wants.

- `dns_server(answers, default="nxdomain", address="127.0.0.1", port=0) -> "ADDRESS:PORT"`:
  `answers` maps a name (no trailing dot) to an IPv4 address, "nxdomain", "servfail" or
  "silent" (no reply at all); other names get `default`. Responses are built by dnspython.
- `python -m tests.lab.dns_server ADDRESS PORT DEFAULT [NAME=ANSWER ...]` serves in the
  foreground (used inside a private network namespace, where it listens on port 53).
"""

from __future__ import annotations

import socket
import sys
import threading
from collections.abc import Callable, Iterator, Mapping

import dns.flags
import dns.message
import dns.rcode
import dns.rdatatype
import dns.rrset
import pytest


def answer_for(query_wire: bytes, answers: Mapping[str, str], default: str) -> bytes | None:
    """The wire reply to one query, or None to stay silent."""
    try:
        query = dns.message.from_wire(query_wire)
    except Exception:  # garbage in: no reply, as a real server drops it
        return None
    if not query.question:
        return None
    question = query.question[0]
    name = question.name.to_text(omit_final_dot=True).lower()
    what = answers.get(name, default)
    if what == "silent":
        return None
    response = dns.message.make_response(query)
    response.flags |= dns.flags.RA
    if what == "nxdomain":
        response.set_rcode(dns.rcode.NXDOMAIN)
    elif what == "servfail":
        response.set_rcode(dns.rcode.SERVFAIL)
    elif question.rdtype == dns.rdatatype.A:
        response.answer.append(dns.rrset.from_text(question.name, 60, "IN", "A", what))
    return response.to_wire()  # type: ignore[no-any-return]


def serve(sock: socket.socket, answers: Mapping[str, str], default: str) -> None:
    while True:
        try:
            data, peer = sock.recvfrom(4096)
        except OSError:
            return
        reply = answer_for(data, answers, default)
        if reply is not None:
            sock.sendto(reply, peer)


@pytest.fixture
def dns_server() -> Iterator[Callable[..., str]]:
    sockets: list[socket.socket] = []

    def start(
        answers: Mapping[str, str], default: str = "nxdomain", address: str = "127.0.0.1"
    ) -> str:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind((address, 0))
        sockets.append(sock)
        threading.Thread(target=serve, args=(sock, dict(answers), default), daemon=True).start()
        return f"{address}:{sock.getsockname()[1]}"

    try:
        yield start
    finally:
        for sock in sockets:
            sock.close()


if __name__ == "__main__":
    address, port, default_answer, *pairs = sys.argv[1:]
    table = dict(pair.split("=", 1) for pair in pairs)
    listener = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    listener.bind((address, int(port)))
    serve(listener, table, default_answer)
