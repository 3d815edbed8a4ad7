"""Masking: the default report names neither the person, nor their computer, nor their network."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from conndoctor.report.document import report_document
from conndoctor.report.privacy import Identity, Masker
from tests.report import samples

PERSONAL = (samples.USER, samples.HOME, samples.COMPUTER, samples.PRIVATE_V4, samples.PRIVATE_V6)


def _text(document: object) -> str:
    return json.dumps(document, ensure_ascii=False)


def test_identity_is_read_from_environment_and_host(known_identity: Identity) -> None:
    assert samples.USER in known_identity.user_names
    assert samples.HOME in known_identity.homes
    assert samples.COMPUTER in known_identity.computer_names
    assert "tanaka-laptop" in known_identity.computer_names


def test_default_report_hides_personal_details(known_identity: Identity) -> None:
    report = samples.make_report("clock")
    history = samples.sample_history()
    note = f"{samples.USER} on {samples.COMPUTER} at {samples.PRIVATE_V4} could not pay"
    document = report_document(report, "en", history=history, user_note=note)
    text = _text(document)
    for value in PERSONAL:
        assert value.lower() not in text.lower(), value
    assert document["personal_details"] == "masked"
    assert "/home/<user>/.mozilla" in text
    assert "<computer>" in text and "<private-address>" in text
    assert "127.0.0.1" in text  # loopback names nobody


def test_include_personal_keeps_everything(known_identity: Identity) -> None:
    report = samples.make_report("clock")
    text = _text(report_document(report, "ja", include_personal=True))
    for value in PERSONAL:
        assert value in text, value
    assert "<user>" not in text


def test_paths_of_every_platform() -> None:
    masker = Masker(Identity(("alice",), ("/home/alice",), ("ALICE-PC",)))
    assert masker.text(r"C:\Users\alice\AppData\Local") == r"C:\Users\<user>\AppData\Local"
    assert masker.text("/Users/alice/Library/Caches") == "/Users/<user>/Library/Caches"
    assert (
        masker.text("/home/alice/.cache and /home/bob/x")
        == "/home/<user>/.cache and /home/<user>/x"
    )
    assert (
        masker.text("alice-pc.local said hello to alice") == "<computer>.local said hello to <user>"
    )
    assert masker.text("malice and alicent stay") == "malice and alicent stay"


def test_unusual_home_is_masked_as_a_whole() -> None:
    masker = Masker(Identity(("alice",), ("/srv/people/a7",), ()))
    assert masker.text("/srv/people/a7/.mozilla") == "<home>/.mozilla"
    assert masker.text("/srv/people/a77") == "/srv/people/a77"


def test_generic_account_names_stay_in_sentences_but_not_in_paths() -> None:
    masker = Masker(Identity(("root",), ("/root",), ()))
    assert masker.text("untrusted root certificate") == "untrusted root certificate"
    assert masker.text("/home/root/x") == "/home/<user>/x"


def test_private_addresses_only() -> None:
    masker = Masker(Identity((), (), ()))
    cases = {
        "10.1.2.3": "<private-address>",
        "172.16.0.1": "<private-address>",
        "172.31.255.254": "<private-address>",
        "172.32.0.1": "172.32.0.1",
        "192.168.0.10:3128": "<private-address>:3128",
        "fd12:3456:789a::1": "<private-address>",
        "fe80::1%wlan0": "<private-address>",
        "8.8.8.8": "8.8.8.8",
        "2001:db8::1": "2001:db8::1",
        "127.0.0.1": "127.0.0.1",
        "::1": "::1",
        "12:30:45": "12:30:45",
        "Chrome 120.0.6099.109": "Chrome 120.0.6099.109",
    }
    for value, expected in cases.items():
        assert masker.text(value) == expected, value


def test_masking_reaches_keys_and_nested_lists() -> None:
    masker = Masker(Identity(("alice",), ("/home/alice",), ()))
    masked = masker.document({"/home/alice/cache": [{"who": "alice"}, 3, None]})
    assert masked == {"/home/<user>/cache": [{"who": "<user>"}, 3, None]}


def test_an_intranet_site_at_a_private_address_stays_visible(known_identity: Identity) -> None:

    from conndoctor.core.engine.target import parse_target

    report = samples.make_report("healthy")
    intranet = report._replace(
        options=report.options._replace(target=parse_target("https://10.20.30.40/")),
    )
    document = report_document(intranet, "en")
    assert document["target"]["host"] == "10.20.30.40"
    assert samples.PRIVATE_V4 not in _text(document)


PIECES = [*"aAlicebob-_.:/\\%0123456789fF ", "/home/", "C:\\Users\\", "192.168.", "10.", "fe80::"]
MASKABLE = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)


@settings(max_examples=400, deadline=None)
@given(value=MASKABLE)
def test_the_quick_look_never_skips_a_replacement(value: str) -> None:
    """A string is masked only after one search finds that some replacement could apply; the
    result is always the one every replacement in turn gives."""
    masker = Masker(Identity(("alice", "root"), ("/home/alice", "C:\\Users\\Bob"), ("tanaka-pc",)))
    assert masker.text(value) == masker.replace_all(value)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [*value.keys(), *(s for v in value.values() for s in _strings(v))]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def test_the_quick_look_matches_every_string_of_a_real_report(known_identity: Identity) -> None:
    report = samples.make_report("clock")
    note = f"{samples.USER} on {samples.COMPUTER} at {samples.PRIVATE_V4} and {samples.PRIVATE_V6}"
    strings = set(_strings(report_document(report, "en", user_note=note, include_personal=True)))
    masker = Masker(known_identity)
    assert [s for s in strings if masker.replace_all(s) != s], "details to mask are there"
    assert all(masker.text(s) == masker.replace_all(s) for s in strings)
