"""The messages between a command's run and the processes it forks beside it.

A socket pair of kind SEQPACKET keeps each message whole (one send, one recv), so a message is
one pickle and needs no framing. Linux only, as the forked processes are
(`core/trust/worker.py`, `core/engine/apart.py`).
"""

from __future__ import annotations

import os
import socket
from typing import Any

MAX_MESSAGE = 1 << 22
"""A chain, an issuer, a verdict or a check's result: kilobytes, never near this. A message the
socket cannot carry fails to send, and the run then does that work itself."""


def open_channel() -> tuple[socket.socket, socket.socket]:
    """(the run's end, the forked process's end). Raises OSError."""
    ends = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    return ends[0], ends[1]


def send(channel: socket.socket, message: tuple[Any, ...]) -> None:
    import pickle  # here: loaded after the site's first packets, in each process

    channel.send(pickle.dumps(message, pickle.HIGHEST_PROTOCOL))


def receive(channel: socket.socket) -> Any:
    """The next whole message; EOFError when the other process has gone."""
    import pickle

    data = channel.recv(MAX_MESSAGE)
    if not data:
        raise EOFError("the other process has gone")
    return pickle.loads(data)


def let_go_of_the_terminal() -> None:
    """A forked process writes nothing: whoever reads the command's output must see its end
    when the command ends, not when the forked process does."""
    quiet = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(quiet, fd)
    os.close(quiet)
