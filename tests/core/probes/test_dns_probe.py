"""The DNS probe's parts: asking one server with dnspython, and Chromium's evaluation."""

from __future__ import annotations

import time

from conndoctor.cli import main
from conndoctor.core.engine.context import CheckContext, Options
from conndoctor.core.probes import dns_probe


def _ctx() -> CheckContext:
    return CheckContext(Options(), time.monotonic() + 5)


def test_a_server_that_answers_with_an_address_is_correct(dns_server) -> None:
    server = dns_server({"google.com": "127.0.0.9"})
    answer = dns_probe.ask_server(_ctx(), server, "google.com", 1.0)
    assert answer["answered"] and answer["correct"]
    assert answer["addresses"] == ["127.0.0.9"]


def test_nxdomain_and_servfail_are_answers_but_not_correct(dns_server) -> None:
    server = dns_server({"broken.example": "servfail"})
    missing = dns_probe.ask_server(_ctx(), server, "google.com", 1.0)
    assert (missing["answered"], missing["correct"], missing["rcode"]) == (True, False, "NXDOMAIN")
    failing = dns_probe.ask_server(_ctx(), server, "broken.example", 1.0)
    assert failing["rcode"] == "SERVFAIL" and not failing["correct"]


def test_a_silent_server_is_no_answer_within_the_timeout(dns_server) -> None:
    server = dns_server({}, default="silent")
    began = time.monotonic()
    answer = dns_probe.ask_server(_ctx(), server, "google.com", 0.5)
    assert time.monotonic() - began < 1.5
    assert not answer["answered"]


def test_the_contacted_resolver_is_listed(dns_server) -> None:
    ctx = _ctx()
    server = dns_server({"google.com": "127.0.0.9"})
    dns_probe.ask_server(ctx, server, "google.com", 1.0)
    host, port = server.rsplit(":", 1)
    assert (host, int(port), "dns") in [tuple(c) for c in ctx.contacts]


def test_chromium_evaluation() -> None:
    works = [{"name": "google.com", "ok": True}]
    fails = [{"name": "google.com", "ok": False}]
    correct = [{"server": "x", "answered": True, "correct": True}]
    silent = [{"server": "x", "answered": False, "correct": False}]
    assert dns_probe.judge(works, silent) == "resolver_works"
    assert dns_probe.judge(fails, correct) == "dns_broken"
    assert dns_probe.judge(fails, silent) == "no_internet"
    assert dns_probe.judge([], []) == "unknown"


def test_explain_names_dns_broken_for_chromes_dns_probe_codes(capsys) -> None:
    for code in (
        "DNS_PROBE_FINISHED_BAD_CONFIG",
        "DNS_PROBE_FINISHED_BAD_SECURE_CONFIG",
        "DNS_PROBE_FINISHED_NO_INTERNET",
        "ERR_NAME_NOT_RESOLVED",
        "Hmm. We’re having trouble finding that site.",
        "about:neterror?e=dnsNotFound&u=https%3A//shop.example.jp/",
    ):
        assert main(["explain", code, "--lang", "en"]) == 0
        assert "[dns_broken]" in capsys.readouterr().out, code
    assert main(["explain", "DNS_PROBE_FINISHED_NXDOMAIN", "--lang", "ja"]) == 0
    assert "[dns_failure]" in capsys.readouterr().out
