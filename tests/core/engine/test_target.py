"""What people type or paste becomes one address, or a clear message in both languages."""

from __future__ import annotations

import pytest

from conndoctor.core.engine.target import TargetError, parse_target
from conndoctor.core.knowledge.i18n import render


@pytest.mark.parametrize(
    ("typed", "url", "display_host"),
    [
        ("www.example.com", "https://www.example.com/", "www.example.com"),
        ("ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ：４４３", "https://www.example.com/", "www.example.com"),
        ("  https://Example.COM/login?next=1  ", "https://example.com/login?next=1", "example.com"),
        ("http://example.com", "http://example.com/", "example.com"),
        ("例え。テスト", "https://xn--r8jz45g.xn--zckzah/", "例え.テスト"),
        ("https://bücher.de:8443/x", "https://xn--bcher-kva.de:8443/x", "bücher.de"),
        ("127.0.0.1:8443", "https://127.0.0.1:8443/", "127.0.0.1"),
        ("[::1]:9443", "https://[::1]:9443/", "::1"),
        ("https://[2001:db8::1]/", "https://[2001:db8::1]/", "2001:db8::1"),
        ("localhost:4443/path", "https://localhost:4443/path", "localhost"),
        ("foo_bar.example.com", "https://foo_bar.example.com/", "foo_bar.example.com"),
        ("https://user@example.com/", "https://example.com/", "example.com"),
    ],
)
def test_accepts_what_people_type(typed: str, url: str, display_host: str) -> None:
    target = parse_target(typed)
    assert target.url == url
    assert target.display_host == display_host


def test_ip_versions_are_known() -> None:
    assert parse_target("10.0.0.1").ip_version == 4
    assert parse_target("[fe80::1]").ip_version == 6
    assert parse_target("example.com").ip_version is None


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", "target.empty"),
        ("   ", "target.empty"),
        ("the site does not open", "target.has_spaces"),
        ("example.com:99999", "target.bad_port"),
        ("example.com:0", "target.bad_port"),
        ("example.com:http", "target.bad_port"),
        ("ftp://example.com", "target.bad_scheme"),
        ("ウェブサイトが開けません。", "target.no_dot"),
        ("exa_mple!.com", "target.bad_host"),
        ("-foo.example.com", "target.bad_host"),
        ("999.1.1.1", "target.bad_host"),
        ("2001:db8::1:443", "target.ipv6_needs_brackets"),
        ("https://", "target.empty_host"),
    ],
)
def test_rejects_what_is_not_an_address(typed: str, key: str) -> None:
    with pytest.raises(TargetError) as caught:
        parse_target(typed)
    assert caught.value.message.key == key
    english = render(caught.value.message, "en")
    japanese = render(caught.value.message, "ja")
    assert english != key and japanese != key
    assert any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in japanese)


def test_ascii_names_skip_idna_only_where_it_would_just_lowercase() -> None:
    """The ASCII fast path rests on UTS #46 mapping every ASCII character by lowercasing alone:
    asked of `idna` itself, for each of the 128."""
    import idna

    for code in range(128):
        name = f"a{chr(code)}B"
        assert idna.uts46_remap(name, std3_rules=False, transitional=False) == name.lower()


@pytest.mark.parametrize(
    ("typed", "url", "display_host"),
    [
        ("WWW.Example.COM.", "https://www.example.com/", "www.example.com"),
        ("xn--bcher-kva.de", "https://xn--bcher-kva.de/", "bücher.de"),
        ("XN--BCHER-KVA.de", "https://xn--bcher-kva.de/", "bücher.de"),
    ],
)
def test_ascii_and_a_label_names_read_as_before(typed: str, url: str, display_host: str) -> None:
    target = parse_target(typed)
    assert (target.url, target.display_host) == (url, display_host)


def test_an_a_label_that_does_not_decode_is_shown_as_typed() -> None:
    """The browser is the judge of such a name; the report shows it as it was typed."""
    target = parse_target("xn--zz.example.com")
    assert target.display_host == target.host == "xn--zz.example.com"
