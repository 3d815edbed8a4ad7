"""The program's start: the command line loads no Qt, and a fault nobody foresaw ends politely.

Each case runs `python -m conndoctor`'s entry in a fresh interpreter, as a person would start it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

PROBE = """
import sys
from conndoctor.__main__ import main
try:
    status = main(sys.argv[1:])
except SystemExit as stop:
    status = stop.code
print("QT-LOADED" if any(m.startswith("PySide6") for m in sys.modules) else "NO-QT", status)
"""

BROKEN = """
import sys
import conndoctor.{module} as target
def broken(*args, **kwargs):
    raise RuntimeError("a fault nobody foresaw")
target.{function} = broken
from conndoctor.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def python(code: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env={**os.environ, **env},
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["explain", "NET::ERR_CERT_DATE_INVALID", "--lang", "ja"],
        ["check", "https://127.0.0.1:1/", "--json", "--timeout", "1"],
    ],
    ids=["version", "explain", "check"],
)
def test_the_command_line_loads_no_qt(args: list[str]) -> None:
    done = python(PROBE, *args)
    assert done.stdout.splitlines()[-1].startswith("NO-QT"), done.stdout[-500:] + done.stderr


def test_a_check_with_a_pdf_does_load_qt(tmp_path: Path) -> None:
    """The probe can see Qt when it is loaded (the PDF needs it)."""
    pdf = tmp_path / "r.pdf"
    args = ["check", "https://127.0.0.1:1/", "--timeout", "1", "--pdf", str(pdf)]
    done = python(PROBE, *args, QT_QPA_PLATFORM="offscreen")
    assert done.stdout.splitlines()[-1].startswith("QT-LOADED"), done.stderr


def test_an_unexpected_fault_in_the_cli_is_one_line_and_a_details_file(tmp_path: Path) -> None:
    code = BROKEN.format(module="core.engine.run_report", function="build_report")
    done = python(
        code, "check", "https://example.test/", "--lang", "ja", XDG_CACHE_HOME=str(tmp_path)
    )
    assert done.returncode == 70
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("conndoctor: 予期しない問題が起きました")
    (saved,) = (tmp_path / "conndoctor").glob("conndoctor-error-*.txt")
    assert str(saved) in line
    details = saved.read_text(encoding="utf-8")
    assert "RuntimeError: a fault nobody foresaw" in details and "Traceback" in details
    assert "arguments: ['check', 'https://example.test/', '--lang', 'ja']" in details


def test_an_unexpected_fault_in_the_wizard_shows_the_dialog_in_the_persons_language(
    tmp_path: Path,
) -> None:
    code = BROKEN.format(module="ui.app", function="run_wizard")
    done = python(
        code,
        LANG="ja_JP.UTF-8",
        LC_ALL="",
        LANGUAGE="",
        LC_MESSAGES="",
        QT_QPA_PLATFORM="offscreen",
        CONNDOCTOR_FAILURE_PROBE="1",
        XDG_CACHE_HOME=str(tmp_path),
    )
    assert done.returncode == 70, done.stderr
    assert "failure-dialog 予期しない問題が起きたため" in done.stdout
    assert "サポート窓口向けに詳細を保存…" in done.stdout
    assert "Traceback" not in done.stderr
    assert list((tmp_path / "conndoctor").glob("conndoctor-error-*.txt"))


FIRST_PACKET = """
import socket, sys
loaded = []
WATCHED = ("conndoctor", "dataclasses", "idna", "encodings.idna")
real_connect = socket.socket.connect_ex

def connect_ex(self, address):
    if address[1] == int(sys.argv[-1]) and not loaded:
        loaded.append(sorted(m for m in sys.modules if m.startswith(WATCHED)))
    return real_connect(self, address)

socket.socket.connect_ex = connect_ex
real_create = socket.create_connection

def create_connection(address, *args, **kwargs):
    if address[1] == int(sys.argv[-1]) and not loaded:
        loaded.append(sorted(m for m in sys.modules if m.startswith(WATCHED)))
    return real_create(address, *args, **kwargs)

socket.create_connection = create_connection
from conndoctor.__main__ import main
main(sys.argv[1:-1])
print("LOADED-AT-CONNECT", loaded[0] if loaded else None)
"""


def test_the_sites_first_packet_leaves_before_the_checks_load() -> None:
    """On a slow link the connection's round trip overlaps the start-up only if the head start
    begins before the typed records, the session and the checks are loaded (issue 13)."""
    listener = __import__("socket").socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    port = listener.getsockname()[1]
    try:
        site = f"https://localhost:{port}/"
        resolve = ["--resolve", f"localhost:{port}:127.0.0.1"]
        args = ["check", site, *resolve, "--json", "--timeout", "1", str(port)]
        done = python(FIRST_PACKET, *args)
    finally:
        listener.close()
    line = done.stdout.splitlines()[-1]
    assert line.startswith("LOADED-AT-CONNECT ["), done.stdout[-500:] + done.stderr
    loaded = line.split(" ", 1)[1]
    assert "conndoctor.core.engine.connection" in loaded
    later = ("dataclasses", "engine.facts", "engine.model", "engine.session", "core.checks")
    for heavy in (*later, "knowledge.i18n", "idna", "encodings.idna"):  # when needed
        assert heavy not in loaded, (heavy, loaded)


EARLY_QUESTIONS = """
import sys
from conndoctor.core.engine import early
asked = {}
WATCHED = ("conndoctor", "dataclasses")
real_ask = early.ask_early

def ask_early(kind, key, *args):
    asked.setdefault(kind, sorted(m for m in sys.modules if m.startswith(WATCHED)))
    return real_ask(kind, key, *args)

early.ask_early = ask_early
from conndoctor.__main__ import main
main(sys.argv[1:])
for kind in ("ntp", "connectivity"):
    print("LOADED-AT", kind, asked.get(kind))
"""


def test_time_and_connectivity_questions_leave_before_the_checks_load(tmp_path: Path) -> None:
    """clock.network_time's and network.connectivity's questions overlap loading the checks
    (issue 13): the command line asks them before the records and the checks load, and their
    packets reach the servers."""
    import select
    import socket

    site, probe = socket.socket(), socket.socket()
    ntp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for sock in (site, probe, ntp):
        sock.bind(("127.0.0.1", 0))
    site.listen(4)
    probe.listen(4)
    ports = [str(s.getsockname()[1]) for s in (site, ntp, probe)]
    try:
        args = [
            "check",
            f"https://127.0.0.1:{ports[0]}/",
            f"--ntp-server=127.0.0.1:{ports[1]}",
            f"--connectivity-url=http://127.0.0.1:{ports[2]}/generate_204",
            "--json",
            "--timeout=1",
        ]
        done = python(EARLY_QUESTIONS, *args, XDG_CONFIG_HOME=str(tmp_path))
        waiting = select.select([ntp, probe], [], [], 0)[0]  # what arrived while it ran
        assert waiting == [ntp, probe] or waiting == [probe, ntp], done.stderr[-500:]
        request = ntp.recv(512)
        probe.accept()[0].close()
    finally:
        for sock in (site, probe, ntp):
            sock.close()
    assert len(request) == 48 and request[0] & 0x07 == 3  # an NTP client request (mode 3)
    lines = [line for line in done.stdout.splitlines() if line.startswith("LOADED-AT ")]
    assert len(lines) == 2, done.stdout[-500:] + done.stderr
    for line in lines:
        _, name, loaded = line.split(" ", 2)
        assert loaded.startswith("["), (name, done.stdout[-500:] + done.stderr)
        for heavy in ("engine.facts", "engine.session", "core.checks"):
            assert heavy not in loaded, (name, heavy, loaded)


QUICK_EXIT = """
import sys, threading, time
from pathlib import Path
from conndoctor import __main__ as entry

mark = Path(sys.argv[1])

def late():
    time.sleep(0.3)
    mark.write_text("written")

kind = sys.argv[2]
if kind in ("thread", "daemon"):
    threading.Thread(target=late, daemon=kind == "daemon").start()
elif kind == "exit handler":
    import atexit
    atexit.register(late)
sys.stdout.write("answer")  # still in the pipe's buffer
entry._leave_now(3)
print(" and the interpreter shut down")
"""


@pytest.mark.parametrize("kind", ["nothing", "daemon", "thread", "exit handler"])
def test_a_finished_command_leaves_at_once_only_when_nothing_waits_for_the_shutdown(
    tmp_path: Path, kind: str
) -> None:
    """`conndoctor check` ends without the interpreter's shutdown (issue 13), its output flushed;
    a thread or an exit handler the shutdown would wait for keeps the usual end, so nothing a
    person asked for is cut short."""
    mark = tmp_path / "late.txt"
    done = python(QUICK_EXIT, str(mark), kind)
    if kind in ("nothing", "daemon"):
        assert (done.returncode, done.stdout) == (3, "answer"), done.stderr
        assert not mark.exists()
    else:
        assert (done.returncode, done.stdout) == (0, "answer and the interpreter shut down\n")
        assert mark.read_text() == "written"


def test_reading_the_command_line_leaves_the_help_layout_for_help() -> None:
    """argparse makes a formatter for every flag; its layout (the terminal's width, `shutil`
    with three compression modules) is made only when a text is laid out."""
    code = (
        "import sys\n"
        "from conndoctor import cli\n"
        "cli._parser('en').parse_args(['check', 'https://example.test/', '--json'])\n"
        "print('shutil' in sys.modules)\n"
    )
    assert python(code).stdout.split() == ["False"]

    def help_lines(columns: str) -> list[str]:
        shown = subprocess.run(
            [sys.executable, "-m", "conndoctor", "check", "--help"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "COLUMNS": columns},
            check=False,
        )
        return shown.stdout.splitlines()

    narrow, wide = help_lines("50"), help_lines("200")
    assert narrow[0].startswith("usage: conndoctor check") and wide[0].startswith(narrow[0])
    assert len(narrow) > len(wide) + 10  # laid out to the terminal's width when shown


def test_a_check_without_a_pac_script_does_not_load_the_pac_machinery(tmp_path: Path) -> None:
    """The PAC evaluation (a child process, `subprocess`) loads only where a PAC script or WPAD
    is configured: a check without one spares its import."""
    code = (
        "import sys\n"
        "from conndoctor.__main__ import main\n"
        "main(sys.argv[1:])\n"
        "print('PAC-LOADED', 'conndoctor.core.probes.pac' in sys.modules)\n"
    )
    quiet = {k: "" for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy")}
    args = ["check", "https://127.0.0.1:1/", "--json", "--timeout", "1", "--home", str(tmp_path)]
    done = python(code, *args, **quiet)
    assert done.stdout.splitlines()[-1] == "PAC-LOADED False", done.stdout[-300:] + done.stderr


NOT_NEEDED_WHEN_HEALTHY = (
    "encodings.idna", "shutil", "bz2", "lzma", "dataclasses", "inspect", "http.client",
    "email.parser", "email.utils",
)  # fmt: skip
"""Loaded by nothing a healthy check of an ASCII name needs: Python's IDNA 2003 codec (about
3 ms), which a lookup of a text name loads (names and addresses go as bytes instead:
`wire_name`, `connection.connect_to`); `shutil` with the compressors it loads, for a disk's
free space that psutil, loaded anyway, tells as well; `dataclasses` with `inspect` (about 5
ms), which the records do without (named tuples) and which only h11 brought; `http.client`
with the `email` parser and `email.utils` (about 6 ms): httptools reads the answers, and the
`Date` headers are read by the date parser `email.utils` wraps (`http_reply.http_date`)."""


def test_a_healthy_check_never_loads_what_it_does_not_need(
    lab_site: Any, ntp_server: Any, http_lab: Any, tmp_path: Path
) -> None:
    """A whole check, with its time and connectivity questions, loads none of
    `NOT_NEEDED_WHEN_HEALTHY` and still finds the site healthy."""
    code = (
        "import sys\n"
        "from conndoctor.__main__ import main\n"
        "status = main(sys.argv[1:])\n"
        f"print('LOADED', [m for m in {NOT_NEEDED_WHEN_HEALTHY!r} if m in sys.modules], status)\n"
    )
    done = python(code, *_healthy_check(lab_site, ntp_server, http_lab, tmp_path))
    assert done.stdout.splitlines()[-1] == "LOADED [] 0", done.stdout[-300:] + done.stderr


def _healthy_check(lab_site: Any, ntp_server: Any, http_lab: Any, home: Path) -> list[str]:
    """`check` of the lab's healthy site, with its own time server and connectivity URL."""
    site = lab_site("healthy")
    return [
        "check", *site.cli_args(), "--json", "--ntp-server", ntp_server(0.0),
        "--connectivity-url", http_lab.url("/generate_204"), "--home", str(home),
    ]  # fmt: skip


def test_the_judgement_in_process_loads_no_dataclasses(
    lab_site: Any, ntp_server: Any, http_lab: Any, tmp_path: Path
) -> None:
    """Where the chain is judged in the run's own process (the wizard, Windows and macOS), a
    whole healthy check loads neither `dataclasses` nor `inspect`: the trust stores are named
    tuples (about 7 ms less for every process that judges)."""
    code = (
        "import sys\n"
        "from conndoctor.cli import main\n"
        "status = main(sys.argv[1:])\n"
        "print('LOADED', [m for m in ('dataclasses', 'inspect', 'cryptography')"
        " if m in sys.modules], status)\n"
    )
    done = python(code, *_healthy_check(lab_site, ntp_server, http_lab, tmp_path))
    assert done.stdout.splitlines()[-1] == "LOADED ['cryptography'] 0", done.stderr[-2000:]


FIRST_THREAD = """
import sys, threading
real_start = threading.Thread.start
seen = []

def start(self):
    if not seen:
        importlib = sys.modules.get("importlib")
        seen.append("importlib._bootstrap" in sys.modules and hasattr(importlib, "import_module"))
    return real_start(self)

threading.Thread.start = start
from conndoctor.__main__ import main
main(sys.argv[1:])
print("IMPORTLIB-WHOLE-AT-FIRST-THREAD", seen)
"""


def test_importlib_is_whole_before_the_first_thread_starts(
    installed_python: str, tmp_path: Path
) -> None:
    """Under Python 3.11, a thread that imports `importlib.machinery` while another is still
    loading `importlib` gets a never set up `importlib._bootstrap`, and every later
    `import_module` fails ("name 'sys' is not defined", CPython gh-130094). Installed from a
    wheel, about one check in twenty crashed so. The package loads `importlib` while one thread
    runs; checked where nothing else would have: a plain install (the development venv's
    editable finder loads it at start-up), started without `runpy`."""
    python = installed_python
    args = ["check", "https://127.0.0.1:1/", "--json", "--timeout", "1", "--home", str(tmp_path)]
    command = [python, "-c", FIRST_THREAD, *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=tmp_path)
    last = done.stdout.splitlines()[-1] if done.stdout else ""
    assert last == "IMPORTLIB-WHOLE-AT-FIRST-THREAD [True]", done.stdout[-300:] + done.stderr[-500:]


def test_the_installed_command_checks_a_healthy_site(
    installed_python: str, lab_site: Any, ntp_server: Any, http_lab: Any, tmp_path: Path
) -> None:
    """The program as people start it: installed as a wheel installs it (no editable finder,
    no `runpy`), by its `conndoctor` command. A healthy lab site gives exit 0 and a JSON report
    without causes, and nothing on stderr."""
    import json

    from bench.installed import command_of

    conndoctor = command_of(installed_python)
    site = lab_site("healthy")
    command = [
        conndoctor, "check", *site.cli_args(), "--json", "--ntp-server", ntp_server(0.0),
        "--connectivity-url", http_lab.url("/generate_204"), "--home", str(tmp_path),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr[-500:]
    report = json.loads(done.stdout)
    assert report["causes"] == []
    assert {c["id"]: c["status"] for c in report["checks"]}["tls.handshake"] == "ok"
