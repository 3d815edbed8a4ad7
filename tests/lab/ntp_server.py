"""Part of the loopback lab: NTP servers on 127.0.0.1 whose time is the real time plus an offset.

- `ntp_server(offset_s=0.0, lie=None) -> "127.0.0.1:PORT"`: answers NTP v3/v4 client requests
  in server mode, with the receive and transmit timestamps set to now + offset_s. `lie` makes
  it a hostile server: "garbage" (48 random bytes), "1970", "2100", "unsynchronised"
  (leap indicator 3, stratum 0) or "wrong_origin" (an origin timestamp we never sent).
- `unreachable_ntp -> "127.0.0.1:PORT"`: a UDP port where nothing listens.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import socketserver
import struct
import threading
import time
from collections.abc import Callable, Iterator

import pytest

NTP_EPOCH_OFFSET = 2208988800  # seconds from 1900-01-01 to 1970-01-01


def ntp_timestamp(unix_time: float) -> bytes:
    """64-bit NTP time; after 2036 the seconds wrap into the next era, as on the wire."""
    seconds = unix_time + NTP_EPOCH_OFFSET
    whole = int(seconds) % 2**32
    return struct.pack("!II", whole, int((seconds - whole) * 2**32) & 0xFFFFFFFF)


_FIXED_TIMES = {
    "1970": dt.datetime(1970, 1, 1, 0, 0, 5, tzinfo=dt.UTC).timestamp(),
    "2100": dt.datetime(2100, 1, 1, tzinfo=dt.UTC).timestamp(),
}


class _NtpHandler(socketserver.BaseRequestHandler):
    offset_s = 0.0
    lie: str | None = None

    def _now(self) -> float:
        fixed = _FIXED_TIMES.get(self.lie or "")
        return fixed if fixed is not None else time.time() + self.offset_s

    def handle(self) -> None:
        data, sock = self.request
        received = self._now()
        if len(data) < 48:
            return
        version = (data[0] >> 3) & 0x7
        if (data[0] & 0x7) != 3 or version not in (3, 4):
            return
        if self.lie == "garbage":
            sock.sendto(os.urandom(48), self.client_address)
            return
        leap, stratum = (3, 0) if self.lie == "unsynchronised" else (0, 1)
        header = bytes([(leap << 6) | (version << 3) | 4, stratum, data[2], 0xEC])
        origin = ntp_timestamp(time.time() - 1000) if self.lie == "wrong_origin" else data[40:48]
        packet = (
            header
            + struct.pack("!II", 0, 0)  # root delay, root dispersion
            + b"LAB\x00"  # reference id
            + ntp_timestamp(received)  # reference time
            + origin  # originate = the client's transmit timestamp
            + ntp_timestamp(received)
            + ntp_timestamp(self._now())
        )
        sock.sendto(packet, self.client_address)


@pytest.fixture
def ntp_server() -> Iterator[Callable[..., str]]:
    servers: list[socketserver.ThreadingUDPServer] = []

    def start(offset_s: float = 0.0, lie: str | None = None) -> str:
        handler = type("OffsetNtpHandler", (_NtpHandler,), {"offset_s": offset_s, "lie": lie})
        server = socketserver.ThreadingUDPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        servers.append(server)
        return f"127.0.0.1:{server.server_address[1]}"

    try:
        yield start
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


@pytest.fixture
def unreachable_ntp() -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"127.0.0.1:{port}"
