"""One NTP exchange: the request as sent and the reply as it arrived, with the moment of arrival.

clock.network_time judges the reply (`checks/clock.py`); the command line may make the same
exchange before the checks have loaded (`core/engine/early.py`). The packets are ntplib's.
"""

from __future__ import annotations

import socket
import time
from typing import NamedTuple

import ntplib

DEFAULT_NTP_SERVERS: tuple[str, ...] = (
    "ntp.nict.jp",
    "time.google.com",
    "time.cloudflare.com",
    "pool.ntp.org",
)
"""Japan's national time service beside big public pools; queried at once, first answers win."""
NTP_PORT = 123
NTP_TIMEOUT_S = 1.5


class NtpExchange(NamedTuple):
    address: str
    request: bytes
    reply: bytes
    arrived: float
    """When the reply arrived, in NTP time (this computer's real clock)."""


def exchange_ntp(address: str, port: int, timeout: float) -> NtpExchange:
    """Send one client request to `address`:`port` and take the first reply from it.
    Raises OSError when none comes within `timeout`."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        sock.settimeout(timeout)
        sock.connect((address, port))  # a connected socket takes replies from it only
        request = ntplib.NTPPacket(
            version=4, mode=3, tx_timestamp=ntplib.system_to_ntp_time(time.time())
        ).to_data()
        sock.send(request)
        reply = sock.recv(1024)
        arrived = ntplib.system_to_ntp_time(time.time())
    return NtpExchange(address, request, reply, arrived)
