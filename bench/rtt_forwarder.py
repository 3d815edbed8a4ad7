"""A slow network on loopback: forwarders that delay every chunk by half a round trip each way.

People on phone tethering, hotel Wi-Fi or a site abroad wait for round trips, not for Python.
A `TcpForwarder` or `UdpForwarder` sits in front of one lab server; whatever passes through it
arrives RTT/2 later in each direction, in order. The kernel completes a TCP connect on loopback
at once, so a connection's own handshake costs no round trip here: the numbers measured through
these forwarders are a lower bound of what a real slow link adds for each extra connection.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import threading
import time


class _DelayLine:
    """Sends what it is given to `sink`, each piece `delay_s` after it was given, in order."""

    def __init__(self, sink: socket.socket, delay_s: float) -> None:
        self._sink = sink
        self._delay_s = delay_s
        self._pending: list[tuple[float, int, bytes | None]] = []
        self._order = itertools.count()
        self._ready = threading.Condition()
        threading.Thread(target=self._send, daemon=True, name="rtt-delay").start()

    def put(self, data: bytes | None) -> None:
        """`None` is the end of the stream (passed on as a half-close, just as late)."""
        with self._ready:
            due = time.monotonic() + self._delay_s
            heapq.heappush(self._pending, (due, next(self._order), data))
            self._ready.notify()

    def _send(self) -> None:
        while True:
            with self._ready:
                while not self._pending:
                    self._ready.wait()
                due, _, data = self._pending[0]
                wait = due - time.monotonic()
                if wait > 0:
                    self._ready.wait(wait)
                    continue
                heapq.heappop(self._pending)
            try:
                if data is None:
                    self._sink.shutdown(socket.SHUT_WR)
                    return
                self._sink.sendall(data)
            except OSError:
                return


class TcpForwarder:
    """127.0.0.1:port -> upstream, every chunk delayed by `rtt_s / 2` in each direction."""

    def __init__(self, upstream: tuple[str, int], rtt_s: float) -> None:
        self.upstream = upstream
        self.rtt_s = rtt_s
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port: int = self._listener.getsockname()[1]
        self._open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True, name=f"rtt-tcp-{self.port}").start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._connect, args=(client,), daemon=True).start()

    def _connect(self, client: socket.socket) -> None:
        try:
            server = socket.create_connection(self.upstream, timeout=10)
        except OSError:
            client.close()
            return
        server.settimeout(None)
        self._open += [client, server]
        for source, sink in ((client, server), (server, client)):
            line = _DelayLine(sink, self.rtt_s / 2)
            threading.Thread(target=_pump, args=(source, line), daemon=True).start()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._listener.close()
        for sock in self._open:
            with contextlib.suppress(OSError):
                sock.close()


def _pump(source: socket.socket, line: _DelayLine) -> None:
    while True:
        try:
            data = source.recv(65536)
        except OSError:
            data = b""
        line.put(data or None)
        if not data:
            return


class UdpForwarder:
    """127.0.0.1:port -> upstream for datagrams (NTP), each delayed by `rtt_s / 2` each way."""

    def __init__(self, upstream: tuple[str, int], rtt_s: float) -> None:
        self.upstream = upstream
        self.half_s = rtt_s / 2
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._socket.bind(("127.0.0.1", 0))
        self.port: int = self._socket.getsockname()[1]
        self._closed = False
        threading.Thread(target=self._receive, daemon=True, name=f"rtt-udp-{self.port}").start()

    def _receive(self) -> None:
        while True:
            try:
                data, client = self._socket.recvfrom(65536)
            except OSError:
                return
            threading.Thread(target=self._exchange, args=(data, client), daemon=True).start()

    def _exchange(self, data: bytes, client: tuple[str, int]) -> None:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as upstream:
            upstream.settimeout(10)
            time.sleep(self.half_s)
            try:
                upstream.sendto(data, self.upstream)
                reply = upstream.recv(65536)
            except OSError:
                return
            time.sleep(self.half_s)
            with contextlib.suppress(OSError):
                self._socket.sendto(reply, client)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._socket.close()
