"""Part of the loopback lab: run the real CLI with a DNS world of the test's own (Linux, root).

`unshare --mount --net` gives the child a private network (only loopback, no route out) and a
private /etc/resolv.conf bind-mounted over the real one, pointing at a lab DNS server on
127.0.0.1:53. A second lab server on 127.0.0.2:53 can play a public resolver.

    python -m tests.lab.dns_namespace '{"system": {...}, "public": {...} | null, "cli": [...]}'

(run inside the namespace by `run_cli_with_dns`); each server spec is
`{"default": "nxdomain", "answers": {"google.com": "127.0.0.9"}}` as in tests/lab/dns_server.py.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from tests.lab.dns_server import serve

ROOT = Path(__file__).resolve().parents[2]


def namespaces_available() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0 and bool(shutil.which("unshare"))


def run_cli_with_dns(
    system: dict[str, Any],
    public: dict[str, Any] | None,
    cli: list[str],
    timeout: float = 60,
    web_by_address: bool = False,
) -> subprocess.CompletedProcess[str]:
    """`conndoctor *cli` inside a private network whose resolver is the lab's `system` server;
    with `web_by_address`, http://127.0.0.3/ answers 204 like a connectivity-check server."""
    spec = json.dumps(
        {"system": system, "public": public, "cli": cli, "web_by_address": web_by_address}
    )
    with tempfile.TemporaryDirectory() as folder:
        resolv = Path(folder) / "resolv.conf"
        resolv.write_text("nameserver 127.0.0.1\noptions timeout:1 attempts:1\n", encoding="ascii")
        script = (
            'ip link set lo up && mount --bind "$1" /etc/resolv.conf && '
            'exec "$2" -m tests.lab.dns_namespace "$3"'
        )
        env = {**os.environ}
        env.pop("DISPLAY", None)
        return subprocess.run(
            [
                "unshare",
                "--mount",
                "--net",
                "sh",
                "-c",
                script,
                "sh",
                str(resolv),
                sys.executable,
                spec,
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            cwd=ROOT,
            env=env,
        )


def _start(address: str, spec: dict[str, Any]) -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((address, 53))
    threading.Thread(
        target=serve,
        args=(sock, spec.get("answers", {}), spec.get("default", "nxdomain")),
        daemon=True,
    ).start()


def _answer_204(listener: socket.socket) -> None:
    """A connectivity-check server reachable by address: 204 to every request."""
    while True:
        try:
            conn, _peer = listener.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(2)
            try:
                conn.recv(4096)
                conn.sendall(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
            except OSError:
                pass


def main() -> int:
    spec = json.loads(sys.argv[1])
    _start("127.0.0.1", spec["system"])
    if spec.get("public") is not None:
        _start("127.0.0.2", spec["public"])
    if spec.get("web_by_address"):
        listener = socket.create_server(("127.0.0.3", 80))
        threading.Thread(target=_answer_204, args=(listener,), daemon=True).start()
    done = subprocess.run([sys.executable, "-m", "conndoctor", *spec["cli"]], check=False)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
