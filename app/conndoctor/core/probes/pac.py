"""Which proxy a proxy auto-config (PAC) script chooses for the site, as the browser would ask.

Offices often set no proxy at all but a script address (Windows `AutoConfigURL`, macOS
`ProxyAutoConfigURLString`, GNOME's `autoconfig-url`, KDE's `Proxy Config Script`) or
"detect automatically" (WPAD). The script is fetched only from the address the settings name
(WPAD: `http://wpad/wpad.dat`, Chromium's DNS fallback), within the run's deadline and 1 MB,
and run by the maintained PAC library `pypac` in its own JavaScript engine (`dukpy`).
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
import warnings
from pathlib import Path
from typing import NamedTuple

from conndoctor.core.engine.context import CheckContext
from conndoctor.core.probes.connectivity import fetch

WPAD_URL = "http://wpad/wpad.dat"
MAX_SCRIPT_BYTES = 1024 * 1024
FETCH_S = 3.0


class Script(NamedTuple):
    """The script's text, or why there is none ("timeout", "HTTP 404", "too_large"...)."""

    text: str | None
    problem: str = ""


def fetch_script(ctx: CheckContext, url: str) -> Script:
    """The PAC script at `url` (http, https or a local file), bounded in time and size."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return Script(None, "not_an_address")
    if parts.scheme == "file":
        from urllib.request import url2pathname  # only here: it loads http.client and email

        return _local_script(Path(url2pathname(parts.path)))
    if parts.scheme not in ("http", "https"):
        return Script(None, "not_an_address")
    answer = fetch(ctx, url, ctx.step_timeout(FETCH_S), "pac", max_body=MAX_SCRIPT_BYTES)
    if answer.status is None:
        timed_out = "OutOfTime" in answer.error or "Timeout" in answer.error
        return Script(None, "timeout" if timed_out else answer.error or "no_answer")
    if answer.status != 200:
        return Script(None, f"HTTP {answer.status}")
    if not answer.complete:
        return Script(None, "too_large")
    return Script(answer.body.decode("utf-8", "replace"))


def _local_script(path: Path) -> Script:
    try:
        if not path.is_file():
            return Script(None, "not_a_file")
        if path.stat().st_size > MAX_SCRIPT_BYTES:
            return Script(None, "too_large")
        return Script(path.read_text(encoding="utf-8", errors="replace"))
    except OSError as exc:
        return Script(None, f"{type(exc).__name__}: {exc.strerror or exc}")


class PacError(ValueError):
    """The script does not run, or does not answer with a proxy list."""


CHILD_FLAG = "--evaluate-pac-script"
"""`conndoctor --evaluate-pac-script` runs one script in a child process (see find_proxies)."""
MAX_ENTRIES = 20


def find_proxies(script: str, url: str, host: str, timeout: float) -> list[str]:
    """FindProxyForURL(url, host) as proxy URLs ("http://proxy:3128", "socks5://s:1080") and
    "DIRECT", in the script's order.

    The script runs in a child process that is killed after `timeout`: the JavaScript engine
    holds Python's interpreter lock while it runs, so an endless script would otherwise stop
    the whole program, deadline and all.
    """
    command = [sys.executable, CHILD_FLAG]
    if not getattr(sys, "frozen", False):
        command = [sys.executable, "-m", "conndoctor", CHILD_FLAG]
    request = json.dumps({"script": script, "url": url, "host": host})
    try:
        done = subprocess.run(
            command,
            input=request,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
    except subprocess.TimeoutExpired:
        raise PacError(f"the script did not finish within {timeout:.1f} s") from None
    except OSError as exc:
        raise PacError(f"the script could not be run: {exc}") from None
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        raise PacError(f"the script could not be run: {done.stderr.strip()[-200:]}") from None
    if not isinstance(answer, dict) or "proxies" not in answer:
        raise PacError(str(answer.get("error", "no answer") if isinstance(answer, dict) else ""))
    return [str(p) for p in answer["proxies"]][:MAX_ENTRIES]


def evaluate(script: str, url: str, host: str) -> list[str]:
    """Run the script here, with pypac (in the child process)."""
    try:
        from pypac.parser import MalformedPacError, PACFile, parse_pac_value
    except ImportError as exc:  # a broken installation: say so, do not guess
        raise PacError(f"the PAC library is missing: {exc}") from None
    try:
        answer = PACFile(script).find_proxy_for_url(url, host)
    except MalformedPacError as exc:
        raise PacError(str(exc)[:200]) from None
    except Exception as exc:  # dukpy raises its own errors for script faults
        raise PacError(f"{type(exc).__name__}: {str(exc)[:200]}") from None
    if not isinstance(answer, str):
        raise PacError(f"the script answered {type(answer).__name__}, not a proxy list")
    with warnings.catch_warnings():  # pypac warns about entries it skips; the list says enough
        warnings.simplefilter("ignore")
        found = parse_pac_value(answer, "socks5")
    if not found:
        raise PacError(f"the script answered {answer[:80]!r}")
    return [str(p) for p in found][:MAX_ENTRIES]


def child_main() -> int:
    """The child's side: one JSON request on stdin, one JSON answer on stdout."""
    try:
        request = json.loads(sys.stdin.read(MAX_SCRIPT_BYTES * 2))
        answer: dict[str, object] = {
            "proxies": evaluate(str(request["script"]), str(request["url"]), str(request["host"]))
        }
    except (PacError, ValueError, KeyError, TypeError) as exc:
        answer = {"error": str(exc)}
    sys.stdout.write(json.dumps(answer))
    return 0
