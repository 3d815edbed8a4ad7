"""`conndoctor check` and `conndoctor explain`: the command line help desks script and tests use.

Exit status: 0 nothing wrong, 1 causes found, 2 bad input or usage (one line on stderr), 3 no cause
found but a verdict could not be determined. Running and diagnosing is the core's `Session`,
shared with the wizard; this module turns flags into options and the report into output.

Over 400 lines on purpose: each flag is declared, validated into a one-line message in the
person's language, and turned into an option here, so a flag's whole story reads in one file.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from conndoctor import __version__
from conndoctor.core.engine.kinds import Device, Status
from conndoctor.core.engine.target import (
    TargetError,
    ascii_port,
    check_web_url,
    parse_server,
    parse_target,
)
from conndoctor.core.knowledge.languages import Lang, normalize_lang, system_lang

if TYPE_CHECKING:  # the run's modules load after the site's first packets (`_start_site_early`)
    import datetime as dt

    from conndoctor.core.engine.config import OrgConfig
    from conndoctor.core.engine.context import Options
    from conndoctor.core.engine.run_report import Report

EXIT_OK, EXIT_CAUSES, EXIT_USAGE = 0, 1, 2
HELP_KEY = "cli.help."
"""Help texts are given to argparse as their message keys and read only when help is shown:
the messages' files are not loaded before a check's first packets."""


def text(key: str, lang: Lang, **args: Any) -> str:
    from conndoctor.core.knowledge.i18n import text as message_text

    return message_text(key, lang, **args)


def render(message: Any, lang: Lang) -> str:
    from conndoctor.core.knowledge.i18n import render as render_message

    return render_message(message, lang)


class UsageError(Exception):
    """Bad input: printed as one line, exit status 2.

    The message often quotes what was typed; line breaks and control characters in it are
    shown as spaces and '?' so that it stays one readable line.
    """

    def __init__(self, message: str) -> None:
        flat = " ".join(message.split())
        super().__init__("".join(ch if ch.isprintable() else "?" for ch in flat))


_ARGPARSE_ERRORS = (  # compiled when an error is read, not before every check's first packet
    (r"the following arguments are required: (?P<value>.+)", "cli.missing_argument"),
    (r"argument (?P<option>\S+): invalid choice: (?P<value>'[^']*')", "cli.bad_choice"),
    (r"argument (?P<option>\S+): invalid \w+ value: (?P<value>.+)", "cli.bad_number"),
    (r"argument (?P<option>\S+): expected one argument", "cli.needs_value"),
    (r"unrecognized arguments: (?P<value>.+)", "cli.unknown_argument"),
)


class _TranslatingFormatter(argparse.HelpFormatter):
    """Shows the help texts given as message keys (`HELP_KEY`) in the parser's language.

    argparse makes a formatter for every argument it is given, only to check its metavar,
    which needs none of the formatter's state. The state (with the terminal's width, whose
    `shutil` loads three compression modules) is made when something first reads it, so a
    check's first packet does not wait for it."""

    lang: Lang = "en"

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        self._layout = (prog, indent_increment, max_help_position, width)

    def __getattr__(self, name: str) -> Any:
        if name == "_layout":
            raise AttributeError(name)
        super().__init__(*self._layout)
        return getattr(self, name)

    def _get_help_string(self, action: argparse.Action) -> str | None:
        return _help_text(action.help, self.lang)

    def add_text(self, text: str | None) -> None:
        super().add_text(_help_text(text, self.lang))


def _help_text(value: str | None, lang: Lang) -> str | None:
    return text(value, lang) if value and value.startswith(HELP_KEY) else value


class _Parser(argparse.ArgumentParser):
    """argparse whose errors are one line in the person's language (argparse speaks English)."""

    lang: Lang = "en"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _TranslatingFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        for pattern, key in _ARGPARSE_ERRORS:
            found = re.search(pattern, message)
            if found:
                raise UsageError(text(key, self.lang, **found.groupdict()))
        raise UsageError(message)


def _parser(lang: Lang) -> argparse.ArgumentParser:
    def h(name: str) -> str:
        return f"{HELP_KEY}{name}"

    _Parser.lang = _TranslatingFormatter.lang = lang
    parser = _Parser(
        prog="conndoctor", description="Connection Doctor / 接続ドクター", epilog=h("wizard")
    )
    parser.add_argument("--version", action="version", version=f"conndoctor {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, prog=parser.prog)
    check = sub.add_parser("check", help=h("check"))
    check.add_argument("target", help=h("target"))
    check.add_argument("--json", action="store_true", help=h("json"))
    check.add_argument("--lang", choices=["ja", "en"], help=h("lang"))
    check.add_argument("--timeout", type=number, default=10.0, help=h("timeout"))
    check.add_argument("--ntp-server", action="append", default=[], help=h("ntp_server"))
    check.add_argument("--dns-server", action="append", default=[], help=h("dns_server"))
    check.add_argument(
        "--connectivity-url", action="append", default=[], help=h("connectivity_url")
    )
    check.add_argument("--public-ca-file", help=h("public_ca_file"))
    check.add_argument("--system-ca-file", action="append", default=[], help=h("system_ca_file"))
    check.add_argument("--org-ca-file", action="append", default=[], help=h("org_ca_file"))
    check.add_argument("--resolve", action="append", default=[], help=h("resolve"))
    check.add_argument("--now", help=h("now"))
    check.add_argument("--seen", help=h("seen"))
    check.add_argument(
        "--device",
        default=Device.THIS_COMPUTER.value,
        choices=[device.value for device in Device],
        help=h("device"),
    )
    check.add_argument("--os-version", help=h("os_version"))
    check.add_argument("--browser", help=h("browser"))
    check.add_argument("--skip", action="append", default=[], help=h("skip"))
    check.add_argument("--home", help=h("home"))
    check.add_argument("--pdf", help=h("pdf"))
    check.add_argument("--json-file", help=h("json_file"))
    check.add_argument("--config", help=h("config"))
    check.add_argument("--include-personal", action="store_true", help=h("include_personal"))
    explain = sub.add_parser("explain", help=h("explain"))
    explain.add_argument("code", nargs="+", help=h("code"))
    explain.add_argument("--lang", choices=["ja", "en"], help=h("lang"))
    explain.add_argument("--json", action="store_true", help=h("json"))
    return parser


_ASCII_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def number(value: str) -> float:
    """A decimal number in ASCII digits; float() alone also takes `١٠`, `nan` and `inf`."""
    if not _ASCII_NUMBER.fullmatch(value.strip()):
        raise ValueError(value)
    return float(value)


def _parse_resolve(values: Sequence[str], lang: Lang) -> dict[tuple[str, int], tuple[str, ...]]:
    import ipaddress

    mapping: dict[tuple[str, int], tuple[str, ...]] = {}
    for value in values:
        host, sep, rest = value.partition(":")
        port_text, sep2, address = rest.partition(":")
        port = 0 if port_text == "0" else ascii_port(port_text)
        if not (sep and sep2 and host and address) or port is None:
            raise UsageError(text("cli.bad_resolve", lang, value=value[:120]))
        addresses = address.strip("[]").split(",")
        try:
            addresses = [str(ipaddress.ip_address(a.strip().strip("[]"))) for a in addresses]
            wire_host = parse_server(host, 0)[0]
        except (ValueError, TargetError) as exc:
            raise UsageError(text("cli.bad_resolve", lang, value=value[:120])) from exc
        key = (wire_host, port)
        mapping[key] = (*mapping.get(key, ()), *addresses)
    return mapping


def _parse_now(value: str | None, lang: Lang) -> dt.datetime | None:
    if value is None:
        return None
    import datetime as dt

    problem = UsageError(text("cli.bad_now", lang, value=value[:80]))
    if not value.isascii():
        raise problem
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        parsed = parsed if parsed.tzinfo else parsed.astimezone()
    except (ValueError, OverflowError) as exc:
        raise problem from exc
    if not 1971 <= parsed.year <= 2200:
        raise problem
    return parsed


def options_from_args(args: argparse.Namespace, lang: Lang) -> Options:
    from conndoctor.core.engine.context import DEFAULT_NTP_SERVERS, Options

    try:
        target = parse_target(args.target)
    except TargetError as exc:
        raise UsageError(render(exc.message, lang)) from exc
    if not 0.5 <= args.timeout <= 600:
        raise UsageError(text("cli.bad_timeout", lang, value=args.timeout))
    for value in vars(args).values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and "\x00" in item:
                raise UsageError(text("cli.bad_character", lang, value=item.replace("\x00", "")))

    from conndoctor.core.engine.config import MAX_ROOT_FILE_BYTES, file_problem

    for path in [args.public_ca_file, *args.system_ca_file, *args.org_ca_file]:
        problem = file_problem(Path(path), MAX_ROOT_FILE_BYTES) if path else None
        if problem is not None and problem[0] == "too_big":
            raise UsageError(text("cli.file_too_big", lang, path=path[:200], **problem[1]))
        if problem is not None:
            raise UsageError(text("cli.missing_file", lang, path=path[:200]))
    _check_values(args, lang)
    return Options(
        target=target,
        timeout_s=args.timeout,
        lang=lang,
        ntp_servers=tuple(args.ntp_server) or DEFAULT_NTP_SERVERS,
        connectivity_urls=tuple(args.connectivity_url),
        public_ca_file=args.public_ca_file,
        system_ca_files=tuple(args.system_ca_file),
        org_ca_files=tuple(args.org_ca_file),
        dns_servers=tuple(args.dns_server),
        resolve=_parse_resolve(args.resolve, lang),
        now=_parse_now(args.now, lang),
        seen=args.seen,
        home=Path(args.home) if args.home else None,
        skip=frozenset(args.skip),
        device=Device(args.device),
        browser=args.browser,
        os_override=_phone_os(Device(args.device), args.os_version),
    )


def _check_values(args: argparse.Namespace, lang: Lang) -> None:
    """Values argparse cannot judge: each gets a message naming it, never a silent default."""

    from conndoctor.core.checks import all_checks

    for server in args.ntp_server:
        try:
            parse_server(server, 123)
        except TargetError as exc:
            raise UsageError(text("cli.bad_ntp_server", lang, value=server[:80])) from exc
    for server in args.dns_server:
        try:
            parse_server(server, 53)
        except TargetError as exc:
            raise UsageError(text("cli.bad_dns_server", lang, value=server[:80])) from exc
    for url in args.connectivity_url:
        try:
            check_web_url(url)
        except TargetError as exc:
            raise UsageError(text("cli.bad_connectivity_url", lang, value=url[:80])) from exc
    known = {check.id for check in all_checks()}
    for check_id in args.skip:
        if check_id not in known:
            raise UsageError(
                text("cli.unknown_check", lang, value=check_id, known=", ".join(sorted(known)))
            )
    if args.home and not _is_folder(args.home):
        raise UsageError(text("cli.missing_folder", lang, path=args.home[:200]))
    if args.os_version is not None and not any(ch.isdigit() for ch in args.os_version):
        raise UsageError(text("cli.bad_os_version", lang, value=args.os_version))


def _is_folder(path: str) -> bool:
    """is_dir() that says False for names too long or odd for this system, not OSError."""
    from pathlib import Path

    try:
        return Path(path).is_dir()
    except (OSError, ValueError):
        return False


_MARKS = {
    Status.OK: "✔",
    Status.WARN: "!",
    Status.FAIL: "✘",
    Status.SKIPPED: "-",
    Status.ERROR: "?",
}


def format_for_person(report: Report, lang: Lang) -> str:
    target = report.options.target.display if report.options.target else ""
    lines = [f"{text('cli.heading', lang)}: {target}", ""]
    for check_result in report.results:
        title = text(f"check.{check_result.check_id}.title", lang)
        lines.append(
            f" {_MARKS[check_result.status]} {title}: {render(check_result.summary, lang)}"
        )
    lines.append("")
    if not report.causes:
        lines.append(report.no_causes_sentence(lang))
    for number, cause in enumerate(report.causes, 1):
        fixer = text(f"fixer.{cause.fixer.value}", lang)
        lines.append(f"{number}. {cause.title(lang)}  [{fixer}]")
        lines.append(f"   {cause.explanation(lang)}")
        for step in cause.fixes(lang):
            lines.append(f"   - {step}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _explain(args: argparse.Namespace, lang: Lang) -> int:
    import json

    from conndoctor.core.knowledge import catalog

    seen = " ".join(args.code)
    entries = catalog.match_error(seen)
    if not entries:
        raise UsageError(text("cli.unknown_code", lang, code=seen))
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "code": e.code,
                        "browsers": list(e.browsers),
                        "meaning": e.meaning[lang],
                        "causes": [
                            {"id": c, "title": catalog.cause(c).title(lang)} for c in e.causes
                        ],
                        "checks": list(e.checks),
                    }
                    for e in entries
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    for entry in entries:
        print(f"{entry.code} ({', '.join(entry.browsers)})")
        print(f"  {entry.meaning[lang]}")
        print(f"  {text('cli.possible_causes', lang)}:")
        for cause_id in entry.causes:
            print(f"   - {catalog.cause(cause_id).title(lang)} [{cause_id}]")
        if entry.checks:
            print(f"  {text('cli.checks_that_matter', lang)}: {', '.join(entry.checks)}")
    return EXIT_OK


def _start_site_early(args: argparse.Namespace, lang: Lang, *, own_process: bool) -> None:
    """Send the site's first packets before the checks are loaded (`head_start.py`); input the
    run will refuse starts nothing here, and the run's own checks judge what comes back."""
    if {"network.dns", "network.tcp"} & set(args.skip) or not 0.5 <= args.timeout <= 600:
        return
    try:
        target = parse_target(args.target)
        resolve = _parse_resolve(args.resolve, lang)
        now = _parse_now(args.now, lang)
    except (TargetError, UsageError):
        return
    from conndoctor.core.trust.trust_files import TrustFiles
    from conndoctor.head_start import ask_time_and_connectivity, start_early

    computer_files = [*args.system_ca_file, *args.org_ca_file]
    roots = TrustFiles(args.public_ca_file, computer_files, args.org_ca_file)
    skip = set(args.skip)
    start_early(target, resolve, args.timeout, skip, roots if own_process else None, now)
    servers, urls = args.ntp_server, args.connectivity_url
    ask_time_and_connectivity(servers, urls, resolve, args.timeout, skip, args.config)


def _phone_os(device: Device, version: str | None) -> tuple[str, str] | None:
    from conndoctor.core.engine.session import phone_os

    return phone_os(device, version)


def _check(args: argparse.Namespace, lang: Lang, *, own_process: bool) -> int:
    _start_site_early(args, lang, own_process=own_process)
    from conndoctor.core.engine.config import load_config
    from conndoctor.core.engine.session import Session
    from conndoctor.head_start import start_preparing_output

    org, config_messages = load_config(args.config)
    for message in config_messages:
        print(f"conndoctor: {render(message, lang)}", file=sys.stderr)
    options = options_from_args(args, lang)
    json_document = bool(args.json or args.json_file)
    output_ready = start_preparing_output(lang, json_document=json_document)  # during the waits
    report = Session(options, org).run()
    output_ready.join()
    if args.json:
        import json

        from conndoctor.report.contract import contract_document

        document = contract_document(report, lang, include_personal=args.include_personal)
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_for_person(report, lang))
    write_report_files(args, report, lang, org)
    return report.exit_code


def write_report_files(
    args: argparse.Namespace, report: Report, lang: Lang, org: OrgConfig
) -> None:
    """--pdf and --json-file (the help-desk report; Qt is loaded only for a PDF).

    Existing files are refused before anything is written; a failure is a ReportWriteError
    (an OSError in the person's language), printed by `main` as one line with exit status 2.
    """
    if not (args.pdf or args.json_file):
        return
    from conndoctor.core.engine.model import Message
    from conndoctor.report.export import ReportWriteError, prefer_offscreen_qt, write_json

    try:
        for name in (args.pdf, args.json_file):
            path = Path(name).expanduser() if name else None
            if path is not None and path.exists():
                kind = "report.write.is_folder" if path.is_dir() else "report.write.exists"
                raise ReportWriteError(Message(kind, {"path": str(path)}))
        written: list[Path] = []
        personal = args.include_personal
        if args.json_file:
            written.append(
                write_json(report, args.json_file, lang, include_personal=personal, org=org)
            )
        if args.pdf:
            prefer_offscreen_qt()  # a help desk over SSH has no display
            from conndoctor.report.pdf import write_pdf

            written.append(write_pdf(report, args.pdf, lang, include_personal=personal, org=org))
    except ReportWriteError as exc:
        exc.lang = lang
        raise
    for path in written:
        print(render(Message("report.saved", {"path": str(path)}), lang), file=sys.stderr)


def _never_crash_on_output() -> None:
    """A terminal that cannot show Japanese gets '?' marks, not a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


WIZARD_FLAGS = ("--config", "--public-ca-file", "--system-ca-file", "--resolve", "--now", "--lang")


def opens_wizard(argv: Sequence[str]) -> bool:
    """No command, only the help-desk flags that reproduce a case: the wizard opens."""
    commands = {"check", "explain"}
    return not argv or (argv[0].split("=", 1)[0] in WIZARD_FLAGS and not commands & set(argv))


def _wizard_parser(lang: Lang) -> argparse.ArgumentParser:
    def h(name: str) -> str:
        return f"{HELP_KEY}{name}"

    _Parser.lang = _TranslatingFormatter.lang = lang
    parser = _Parser(prog="conndoctor", description=h("wizard"))
    parser.add_argument("--config", help=h("config"))
    parser.add_argument("--public-ca-file", help=h("public_ca_file"))
    parser.add_argument("--system-ca-file", action="append", default=[], help=h("system_ca_file"))
    parser.add_argument("--resolve", action="append", default=[], help=h("resolve"))
    parser.add_argument("--now", help=h("now"))
    parser.add_argument("--lang", choices=["ja", "en"], help=h("lang"))
    return parser


def wizard_main(argv: Sequence[str]) -> int:
    """`conndoctor --config FILE ...`: the wizard with the same organisation settings and flags."""
    _never_crash_on_output()
    lang = _lang_of(list(argv))
    try:
        args = _wizard_parser(lang).parse_args(list(argv))
        from conndoctor.core.engine.context import Options

        for path in [args.public_ca_file, *args.system_ca_file]:
            if path and not Path(path).is_file():
                raise UsageError(text("cli.missing_file", lang, path=path))
        if args.config and not Path(args.config).expanduser().is_file():
            raise UsageError(text("cli.missing_file", lang, path=args.config))
        base = Options(
            lang=lang,
            public_ca_file=args.public_ca_file,
            system_ca_files=tuple(args.system_ca_file),
            resolve=_parse_resolve(args.resolve, lang),
            now=_parse_now(args.now, lang),
        )
    except UsageError as exc:
        print(f"conndoctor: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from conndoctor.core.engine.config import load_config

    org, config_messages = load_config(args.config)
    for message in config_messages:
        print(f"conndoctor: {render(message, lang)}", file=sys.stderr)
    from conndoctor.ui.app import run_wizard

    return run_wizard(base, org=org, lang=args.lang)


def _drop_what_was_started() -> None:
    """Input refused after the first packets left: nothing started is left for a later run."""
    if "conndoctor.core.engine.early" in sys.modules:
        from conndoctor.core.engine.early import drop_early_questions

        drop_early_questions()


def _lang_of(argv: list[str]) -> Lang:
    lang: Lang = system_lang()
    for index, value in enumerate(argv):
        if value == "--lang" and index + 1 < len(argv):
            lang = normalize_lang(argv[index + 1]) or lang
        elif value.startswith("--lang="):
            lang = normalize_lang(value.split("=", 1)[1]) or lang
    return lang


def main(argv: Sequence[str] | None = None, *, own_process: bool = False) -> int:
    """The command line. `own_process`: called as the program itself (`python -m conndoctor`),
    not by code that imported it; only then may a `check` fork its judgement's process."""
    _never_crash_on_output()
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_of(argv)
    try:
        args = _parser(lang).parse_args(argv)
        if args.command is None:
            raise UsageError(text("cli.usage", lang))
        if args.command == "explain":
            return _explain(args, lang)
        return _check(args, lang, own_process=own_process)
    except UsageError as exc:
        _drop_what_was_started()
        print(f"conndoctor: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        print(f"conndoctor: {exc}", file=sys.stderr)
        return EXIT_USAGE
