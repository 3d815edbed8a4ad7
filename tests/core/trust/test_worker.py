"""The certificate judgement's own process (`trust.worker`): the verdict it hands back is the one
the run would have made itself, the run then never loads `cryptography`, and what needs the
run's network (an issuer to download) is handed back.

The worker is forked from a process that runs no thread yet, so each case runs in a fresh
interpreter, as the command line does.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from tests.lab.certs import LabPki, lab_name
from tests.lab.tls_servers import LabSite

JUDGE_BOTH_WAYS = """
import datetime as dt, json, sys
from pathlib import Path
from conndoctor.core.trust import worker
from conndoctor.core.trust.trust_files import TrustFiles

case = json.loads(Path(sys.argv[1]).read_text())
roots = TrustFiles(case["public"], case["computer"], [])
started = worker.start(roots)
chain = [bytes.fromhex(der) for der in case["chain"]]
now = dt.datetime.fromisoformat(case["now"])
asked_for = []

def fetch_issuer(url):
    asked_for.append(url)
    return bytes.fromhex(case["issuer"]) if case.get("issuer") else None

if case.get("early"):  # as the head start asks, right after its handshake
    worker.ask_early(chain, case["early"], now, roots)
asked_at = worker.asked_at(chain, case["host"], roots)
from_worker = worker.judge(chain, case["host"], now, None, roots, fetch_issuer, 30.0)
loaded_by_the_run = "cryptography" in sys.modules

from conndoctor.core.trust.judgement import judge_with_candidates

in_process = judge_with_candidates(chain, case["host"], now, None, roots, fetch_issuer)

def said(verdict):
    if verdict is None:
        return None
    return [
        [[f.cause, f.confidence, dict(f.evidence), f.detail.key if f.detail else None]
         for f in verdict.findings],
        verdict.undetermined,
        verdict.trusted_by_interception,
        verdict.details,
    ]

print(json.dumps({
    "started": started,
    "loaded_by_the_run": loaded_by_the_run,
    "worker": said(from_worker),
    "in_process": said(in_process),
    "asked_for": asked_for,
    "asked_at": asked_at,
}, default=str))
"""


def _judge_both_ways(
    tmp_path: Path,
    chain: list[bytes],
    public: str,
    computer: list[str],
    now: dt.datetime,
    issuer: bytes | None = None,
    early: str | None = None,
) -> dict[str, object]:
    case = tmp_path / "case.json"
    case.write_text(
        json.dumps(
            {
                "chain": [der.hex() for der in chain],
                "host": "localhost",
                "public": public,
                "computer": computer,
                "now": now.isoformat(),
                "issuer": issuer.hex() if issuer else None,
                "early": early,
            }
        )
    )
    done = _python(JUDGE_BOTH_WAYS, str(case))
    assert done.returncode == 0, done.stderr[-2000:]
    found: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return found


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`code` in a fresh interpreter, which runs no thread yet (the worker may fork)."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _der(*issued: object) -> list[bytes]:
    return [i.cert.public_bytes(serialization.Encoding.DER) for i in issued]  # type: ignore[attr-defined]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker forks on Linux only")
@pytest.mark.parametrize(
    "kind",
    ["healthy", "expired", "wrong_name", "self_signed", "unknown_root", "interception"],
)
def test_the_workers_verdict_is_the_one_the_run_makes(
    lab_pki: LabPki, tmp_path: Path, kind: str
) -> None:
    day = dt.timedelta(days=1)
    public_file = str(lab_pki.bundle("worker-public", [lab_pki.public_root.cert]))
    computer = [public_file]
    inter = lab_pki.public_intermediate
    if kind == "expired":
        leaf = lab_pki.leaf("worker-expired", inter, valid_from=-100 * day, valid_until=-9 * day)
        chain = _der(leaf, inter)
    elif kind == "wrong_name":
        chain = _der(lab_pki.leaf("worker-wrong", inter, dns_names=["other.test"], ips=[]), inter)
    elif kind == "self_signed":
        chain = _der(lab_pki.leaf("worker-self", None))
    elif kind in ("unknown_root", "interception"):
        root = lab_pki.ca(f"worker-{kind}-root", lab_name(f"Worker {kind} Root"))
        chain = _der(lab_pki.leaf(f"worker-{kind}", root))
        if kind == "interception":
            computer = [public_file, str(lab_pki.bundle("worker-company", [root.cert]))]
    else:
        chain = _der(lab_pki.leaf("worker-healthy", inter), inter)

    found = _judge_both_ways(tmp_path, chain, public_file, computer, lab_pki.now)

    assert found["started"] is True
    assert found["loaded_by_the_run"] is False  # the worker judged, not the run
    assert found["worker"] is not None
    assert found["worker"] == found["in_process"]
    causes = [f[0] for f in found["worker"][0]]  # type: ignore[index]
    expected = {
        "healthy": [],
        "expired": ["cert_expired"],
        "wrong_name": ["cert_hostname_mismatch"],
        "self_signed": ["cert_self_signed"],
        "unknown_root": ["cert_untrusted_root"],
        "interception": ["tls_interception"],
    }[kind]
    assert causes[:1] == expected


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker forks on Linux only")
def test_an_issuer_to_download_is_fetched_by_the_run_for_the_worker(
    lab_pki: LabPki, tmp_path: Path
) -> None:
    """The worker does not reach the network: the run downloads the issuer (its proxies, its
    record of every contact) once and hands it over; the verdict is the in-process one."""
    inter = lab_pki.public_intermediate
    aia_url = "http://issuer.invalid/ca1.der"
    leaf = lab_pki.leaf("worker-aia", inter, aia_url=aia_url)
    public_file = str(lab_pki.bundle("worker-public", [lab_pki.public_root.cert]))
    issuer = _der(inter)[0]

    found = _judge_both_ways(tmp_path, _der(leaf), public_file, [public_file], lab_pki.now, issuer)

    assert found["started"] is True
    assert found["loaded_by_the_run"] is False
    assert found["worker"] is not None and found["worker"] == found["in_process"]
    assert [f[0] for f in found["worker"][0]][:1] == ["cert_incomplete_chain"]  # type: ignore[index]
    assert found["asked_for"] == [aia_url, aia_url]  # once by the worker, once in-process


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker forks on Linux only")
@pytest.mark.parametrize("early_host", ["localhost", "elsewhere.test"])
@pytest.mark.parametrize("kind", ["expired", "incomplete_chain"])
def test_the_head_starts_question_is_the_runs_only_when_it_is_the_same(
    lab_pki: LabPki, tmp_path: Path, kind: str, early_host: str
) -> None:
    """The head start asks the worker as soon as its handshake is over (`ask_early`). Asked the
    same, the run takes that answer; asked otherwise, the first answer is set aside (its
    issuer is not downloaded) and the run's own question is judged: the verdict is always
    the in-process one."""
    inter = lab_pki.public_intermediate
    public_file = str(lab_pki.bundle("worker-public", [lab_pki.public_root.cert]))
    aia_url = "http://issuer.invalid/early.der"
    issuer = None
    if kind == "expired":
        day = dt.timedelta(days=1)
        leaf = lab_pki.leaf("early-expired", inter, valid_from=-100 * day, valid_until=-9 * day)
        chain = _der(leaf, inter)
    else:
        chain = _der(lab_pki.leaf("early-aia", inter, aia_url=aia_url))
        issuer = _der(inter)[0]

    found = _judge_both_ways(
        tmp_path, chain, public_file, [public_file], lab_pki.now, issuer, early=early_host
    )

    same = early_host == "localhost"
    assert found["asked_at"] == (str(lab_pki.now) if same else None)
    assert found["loaded_by_the_run"] is False
    assert found["worker"] is not None and found["worker"] == found["in_process"]
    expected = "cert_expired" if kind == "expired" else "cert_incomplete_chain"
    assert [f[0] for f in found["worker"][0]][:1] == [expected]  # type: ignore[index]
    if issuer is not None:  # once for the run's question (never for one set aside), once here
        assert found["asked_for"] == [aia_url, aia_url]


def test_the_worker_is_not_forked_once_a_thread_runs(tmp_path: Path) -> None:
    """A lock another thread holds would stay held forever in the forked child."""
    code = (
        "import threading, time\n"
        "from conndoctor.core.trust import worker\n"
        "from conndoctor.core.trust.trust_files import TrustFiles\n"
        "threading.Thread(target=time.sleep, args=(1,), daemon=True).start()\n"
        "print(worker.start(TrustFiles(None, [], [])), worker.started())\n"
    )
    done = _python(code)
    assert done.stdout.split() == ["False", "False"], done.stderr


RUN_THE_COMMAND = """
import sys
from conndoctor.__main__ import main
status = main(sys.argv[1:])
print("CRYPTOGRAPHY-IN-THE-RUN", "cryptography" in sys.modules, status)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker forks on Linux only")
@pytest.mark.parametrize("kind", ["healthy", "expired", "incomplete_chain"])
def test_the_command_line_leaves_the_judgement_to_its_worker(
    lab_site: Callable[..., LabSite], kind: str
) -> None:
    """`python -m conndoctor check`: the worker judges, also when the run downloads an issuer
    for it, and the run names the cause without loading `cryptography`."""
    site = lab_site(kind)
    offline = ["--skip", "network.connectivity", "--skip", "clock.network_time"]
    args = ["check", *site.cli_args(), "--json", "--timeout", "5", *offline]
    done = _python(RUN_THE_COMMAND, *args)
    last = done.stdout.splitlines()[-1].split()
    assert last[0] == "CRYPTOGRAPHY-IN-THE-RUN", done.stderr[-2000:]
    assert last[1] == "False"
    report = json.loads(done.stdout[: done.stdout.rindex("CRYPTOGRAPHY-IN-THE-RUN")])
    assert [c["id"] for c in report["causes"]][:1] == (
        [site.expected_cause] if kind != "healthy" else []
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker forks on Linux only")
def test_a_worker_that_died_leaves_the_judgement_to_the_run() -> None:
    code = (
        "import os, signal, datetime as dt\n"
        "from conndoctor.core.trust import worker\n"
        "from conndoctor.core.trust.trust_files import TrustFiles\n"
        "roots = TrustFiles(None, [], [])\n"
        "assert worker.start(roots)\n"
        "os.kill(worker._worker.pid, signal.SIGKILL)\n"
        "os.waitpid(worker._worker.pid, 0)\n"
        "now = dt.datetime.now(dt.timezone.utc)\n"
        "print(worker.judge([b'0'], 'localhost', now, None, roots, lambda url: None, 5.0))\n"
    )
    done = _python(code)
    assert done.stdout.split() == ["None"], done.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker forks on Linux only")
def test_a_fork_that_fails_leaves_the_judgement_to_the_run() -> None:
    """No process to spare (EAGAIN): the command goes on and judges in-process, and the pipes
    made for the worker are closed again."""
    code = (
        "import os\n"
        "from conndoctor.core.trust import worker\n"
        "from conndoctor.core.trust.trust_files import TrustFiles\n"
        "def no_fork():\n"
        "    raise BlockingIOError(11, 'Resource temporarily unavailable')\n"
        "os.fork = no_fork\n"
        "before = len(os.listdir('/proc/self/fd'))\n"
        "started = worker.start(TrustFiles(None, [], []))\n"
        "print(started, worker.started(), len(os.listdir('/proc/self/fd')) - before)\n"
    )
    done = _python(code)
    assert done.stdout.split() == ["False", "False", "0"], done.stderr


HEAD_START_ASKS = """
import datetime as dt, socket, sys, threading, time
from conndoctor.core.engine.target import parse_target
from conndoctor.core.trust import worker
from conndoctor.core.trust.trust_files import TrustFiles
from conndoctor.head_start import SecureOnOpen

url, public, now = sys.argv[1], sys.argv[2], dt.datetime.fromisoformat(sys.argv[3])
roots = TrustFiles(public, [public], [])
assert worker.start(roots)
target = parse_target(url)
page = sys.argv[4] == "page"
secure = SecureOnOpen(target, page=page, hello=threading.Event(), roots=roots, now=now)
sock = socket.create_connection(("127.0.0.1", target.port), timeout=5)
handshake, secured = secure(sock, 5.0)
asked = None
for _ in range(500):  # the page's modules load first, then the question leaves
    asked = worker.asked_at(handshake.chain, target.host, roots)
    if asked is not None:
        break
    time.sleep(0.01)
verdict = worker.judge(handshake.chain, target.host, now, None, roots, lambda url: None, 30.0)
print("ASKED", asked == now, [f.cause for f in verdict.findings] if verdict else None)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker forks on Linux only")
@pytest.mark.parametrize("page", ["page", "no page"])
def test_the_head_start_asks_the_worker_about_the_chain_it_was_sent(
    lab_site: Callable[..., LabSite], lab_pki: LabPki, page: str
) -> None:
    """The command line's head start asks the judgement's process about the chain as soon as
    its handshake is over (after the page's modules, when it asks for the page), and the run's
    question about the same chain takes that answer."""
    site = lab_site("expired")
    done = _python(HEAD_START_ASKS, site.url, site.public_ca_file, str(lab_pki.now), page)
    assert done.stdout.split("\n")[-2:] == ["ASKED True ['cert_expired']", ""], done.stderr[-2000:]
