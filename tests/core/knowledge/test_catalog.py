"""The cause catalog and the error-code map: complete, bilingual, ranked, and matchable."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from conndoctor.core.engine.model import Area, Fixer
from conndoctor.core.knowledge import catalog
from conndoctor.core.knowledge.diagnosis import EXPLAINED_BY
from conndoctor.core.knowledge.i18n import load_json_resource

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
LANGS = ("en", "ja")
KNOWN_CHECK_IDS = {
    "network.interfaces",
    "network.connectivity",
    "network.proxy",
    "network.dns",
    "network.tcp",
    "clock.network_time",
    "system.os_tls",
    "system.disk",
    "browsers.inventory",
    "browsers.tls_settings",
    "browsers.cache",
    "tls.handshake",
    "site.http_status",
}
KNOWN_BROWSERS = {"chrome", "edge", "firefox", "safari", "ie"}

NETWORK = (
    "captive_portal",
    "no_internet",
    "proxy_misconfigured",
    "dns_broken",
    "dns_failure",
    "site_unreachable",
)
COMPUTER = (
    "tls_interception",
    "os_tls_unsupported",
    "browser_tls_disabled",
    "browser_outdated",
    "low_disk_space",
)
WEBSITE = (
    "cert_expired",
    "cert_not_yet_valid",
    "cert_hostname_mismatch",
    "cert_incomplete_chain",
    "cert_untrusted_root",
    "cert_self_signed",
    "cert_weak_signature",
    "cert_weak_key",
    "server_tls_obsolete",
    "tls_cipher_mismatch",
    "tls_protocol_error",
    "site_maintenance",
)


def raw_causes() -> list[dict[str, Any]]:
    return list(load_json_resource("causes.json")["causes"])


def raw_codes() -> list[dict[str, Any]]:
    return list(load_json_resource("error_codes.json")["codes"])


def rank(cause_id: str) -> int:
    return catalog.cause(cause_id).rank


def matched(seen: str) -> list[str]:
    return [entry.code for entry in catalog.match_error(seen)]


# --- causes.json -------------------------------------------------------------------------------


STABLE_CAUSE_IDS = Path(__file__).parents[2] / "data" / "stable_cause_ids.txt"


def stable_cause_ids() -> list[str]:
    lines = STABLE_CAUSE_IDS.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_no_published_cause_id_ever_disappears() -> None:
    ids = [entry["id"] for entry in raw_causes()]
    missing = sorted(set(stable_cause_ids()) - set(ids))
    assert not missing, f"cause ids are a contract and may not be removed or renamed: {missing}"


def test_every_cause_is_listed_as_published_exactly_once() -> None:
    ids = [entry["id"] for entry in raw_causes()]
    assert len(ids) == len(set(ids))
    stable = stable_cause_ids()
    assert len(stable) == len(set(stable))
    new = sorted(set(ids) - set(stable))
    assert not new, f"add new cause ids to tests/data/stable_cause_ids.txt: {new}"


@pytest.mark.parametrize("entry", raw_causes(), ids=lambda e: e["id"])
def test_a_cause_speaks_both_languages(entry: dict[str, Any]) -> None:
    for lang in LANGS:
        title, explanation = entry["title"][lang], entry["explanation"][lang]
        fixes = entry["fixes"][lang]
        assert title.strip() and explanation.strip()
        assert fixes and all(step.strip() for step in fixes)
        for sentence in (title, explanation, *fixes):
            assert "{" not in sentence and "}" not in sentence, sentence
            if lang == "ja":
                assert JAPANESE.search(sentence), sentence
            else:
                assert not JAPANESE.search(sentence), sentence
    assert len(entry["fixes"]["en"]) == len(entry["fixes"]["ja"])
    assert all(step.rstrip().endswith(".") for step in entry["fixes"]["en"])
    assert all(step.rstrip().endswith("。") for step in entry["fixes"]["ja"])


@pytest.mark.parametrize("entry", raw_causes(), ids=lambda e: e["id"])
def test_a_cause_has_a_valid_area_fixer_severity_and_source(entry: dict[str, Any]) -> None:
    assert Area(entry["area"])
    assert Fixer(entry["fixer"])
    assert entry["severity"] in {"blocking", "warning"}
    assert isinstance(entry["rank"], int)
    assert entry["source"].strip()


def test_the_loader_keeps_what_the_file_says() -> None:
    clock = catalog.cause("clock_wrong")
    assert clock.area is Area.CLOCK and clock.fixer is Fixer.USER
    assert clock.title("ja") == "コンピューターの時計がずれています"
    assert clock.title("en") == "Your computer's clock is wrong"
    assert catalog.cause("cert_expired").fixer is Fixer.SITE_OWNER
    assert catalog.cause("proxy_misconfigured").fixer is Fixer.IT_ADMIN


def test_ranks_are_distinct_so_the_order_never_depends_on_luck() -> None:
    ranks = [entry["rank"] for entry in raw_causes()]
    assert len(ranks) == len(set(ranks))


def test_network_comes_first_in_its_own_order() -> None:
    network_ranks = [rank(c) for c in NETWORK]
    assert network_ranks == sorted(network_ranks)


def test_network_then_clock_then_this_computer_then_the_website() -> None:
    assert max(rank(c) for c in NETWORK) < rank("clock_wrong")
    assert rank("clock_wrong") < min(rank(c) for c in COMPUTER)
    assert max(rank(c) for c in COMPUTER) < min(rank(c) for c in WEBSITE)
    assert max(rank(c) for c in WEBSITE) < rank("browser_cache")
    assert rank("browser_cache") == max(c.rank for c in catalog.causes().values())


def test_interception_outranks_an_untrusted_root_and_the_clock_outranks_dates() -> None:
    assert rank("tls_interception") < rank("cert_untrusted_root")
    assert rank("clock_wrong") < rank("cert_expired")
    assert rank("clock_wrong") < rank("cert_not_yet_valid")


def test_a_cause_ranks_before_every_cause_it_explains() -> None:
    for explained, explainers in EXPLAINED_BY.items():
        for explainer in explainers:
            assert rank(explainer) < rank(explained), (explainer, explained)


def test_website_causes_say_what_to_tell_the_owner() -> None:
    for entry in raw_causes():
        if entry["fixer"] != "site_owner":
            continue
        assert any("owner" in step for step in entry["fixes"]["en"]), entry["id"]
        assert any("管理者" in step for step in entry["fixes"]["ja"]), entry["id"]


def test_certificate_causes_warn_against_bypassing_the_warning() -> None:
    for entry in raw_causes():
        if not entry["id"].startswith("cert_"):
            continue
        assert any("password" in step for step in entry["fixes"]["en"]), entry["id"]
        assert any("パスワード" in step for step in entry["fixes"]["ja"]), entry["id"]


# --- error_codes.json ---------------------------------------------------------------------------


def test_every_error_code_appears_once() -> None:
    codes = [entry["code"] for entry in raw_codes()]
    assert len(codes) == len(set(codes))
    assert len({catalog._code_key(code) for code in codes}) == len(codes)


@pytest.mark.parametrize("entry", raw_codes(), ids=lambda e: e["code"])
def test_an_error_code_points_to_known_causes_and_checks(entry: dict[str, Any]) -> None:
    assert re.fullmatch(r"(NET::)?[A-Z][A-Z0-9_]+", entry["code"])
    assert entry["browsers"] and set(entry["browsers"]) <= KNOWN_BROWSERS
    assert entry["causes"] and len(entry["causes"]) == len(set(entry["causes"]))
    assert set(entry["causes"]) <= set(catalog.causes())
    assert entry["checks"] and set(entry["checks"]) <= KNOWN_CHECK_IDS
    assert entry["source"].strip()
    assert isinstance(entry["common"], bool)


@pytest.mark.parametrize("entry", raw_codes(), ids=lambda e: e["code"])
def test_an_error_code_is_explained_in_both_languages(entry: dict[str, Any]) -> None:
    assert entry["meaning"]["en"].strip() and not JAPANESE.search(entry["meaning"]["en"])
    assert JAPANESE.search(entry["meaning"]["ja"])
    labels = entry.get("label")
    if entry["common"]:
        assert labels is not None
    if labels is not None:
        assert labels["en"].strip() and not JAPANESE.search(labels["en"])
        assert JAPANESE.search(labels["ja"])


def test_the_pick_list_covers_every_browsers_main_error_page() -> None:
    common = [entry for entry in raw_codes() if entry["common"]]
    covered = {browser for entry in common for browser in entry["browsers"]}
    assert {"chrome", "edge", "firefox", "safari", "ie"} <= covered
    for entry in common:
        assert any(JAPANESE.search(p) for p in entry["patterns"]), entry["code"]
        assert any(not JAPANESE.search(p) for p in entry["patterns"]), entry["code"]


@pytest.mark.parametrize(
    "entry", [e for e in raw_codes() if e["patterns"]], ids=lambda e: e["code"]
)
def test_each_pattern_finds_its_own_entry(entry: dict[str, Any]) -> None:
    for pattern in entry["patterns"]:
        assert entry["code"] in matched(f"ページの表示:\n{pattern}\n"), pattern


# --- match_error --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "seen", ["NET::ERR_CERT_DATE_INVALID", "ERR_CERT_DATE_INVALID", " net::err_cert_date_invalid "]
)
def test_an_exact_code_finds_only_its_entry(seen: str) -> None:
    assert matched(seen) == ["NET::ERR_CERT_DATE_INVALID"]


def test_a_code_inside_pasted_page_text_is_found_first() -> None:
    found = matched("NET::ERR_CERT_DATE_INVALID\nYour connection is not private")
    assert found[0] == "NET::ERR_CERT_DATE_INVALID"


def test_a_page_title_alone_finds_the_page_entry() -> None:
    assert matched("Your connection is not private") == ["CHROME_PRIVACY_ERROR_PAGE"]


CHROME_JA_PAGE = (
    "この接続ではプライバシーが保護されません\n"
    "攻撃者が、www.example.jp 上のあなたの情報を盗み出そうとしている可能性があります。"
)
FIREFOX_JA_PAGE = "安全な接続ができませんでした\nwww.example.jp への接続中にエラーが発生しました。"


def test_pasted_japanese_chrome_page_is_recognised() -> None:
    assert "CHROME_PRIVACY_ERROR_PAGE" in matched(CHROME_JA_PAGE)
    with_code = matched(CHROME_JA_PAGE + "\nNET::ERR_CERT_AUTHORITY_INVALID")
    assert with_code[0] == "NET::ERR_CERT_AUTHORITY_INVALID"


def test_pasted_japanese_firefox_page_is_recognised() -> None:
    assert "FIREFOX_SECURE_CONNECTION_FAILED" in matched(FIREFOX_JA_PAGE)
    with_code = matched(FIREFOX_JA_PAGE + "\nエラーコード: PR_END_OF_FILE_ERROR")
    assert with_code[0] == "PR_END_OF_FILE_ERROR"


def test_the_articles_wording_is_recognised() -> None:
    assert "FIREFOX_SECURE_CONNECTION_FAILED" in matched(
        "「安全な接続を確立できませんでした」と出ます"
    )


def test_full_width_input_is_normalised() -> None:
    full_width = "ＮＥＴ：：ＥＲＲ＿ＣＥＲＴ＿ＤＡＴＥ＿ＩＮＶＡＬＩＤ"
    assert matched(full_width) == ["NET::ERR_CERT_DATE_INVALID"]
    found = matched("エラーコード：ＳＥＣ＿ＥＲＲＯＲ＿ＵＮＫＮＯＷＮ＿ＩＳＳＵＥＲ")
    assert "SEC_ERROR_UNKNOWN_ISSUER" in found


def test_curly_and_straight_apostrophes_both_match() -> None:
    assert "SAFARI_CANT_ESTABLISH_SECURE_CONNECTION" in matched(
        "Safari Can’t Establish a Secure Connection"
    )
    assert "SAFARI_CANT_ESTABLISH_SECURE_CONNECTION" in matched(
        "safari can't establish a secure connection"
    )


def test_a_longer_code_does_not_drag_in_a_shorter_one() -> None:
    assert matched("ERR_CONNECTION_TIMED_OUT") == ["ERR_CONNECTION_TIMED_OUT"]
    assert "ERR_TIMED_OUT" not in matched("The page said ERR_CONNECTION_TIMED_OUT only")


@pytest.mark.parametrize(
    "seen",
    ["", "   ", "今日はいい天気ですね。", "The weather is nice today.", "ERR_NOT_A_REAL_CODE"],
)
def test_unrelated_text_finds_nothing(seen: str) -> None:
    assert matched(seen) == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_who_can_fix_uses_the_words_of_the_pdf_and_cli(lang: str) -> None:
    from conndoctor.core.engine.model import Fixer
    from conndoctor.core.knowledge.catalog import who_can_fix
    from conndoctor.core.knowledge.i18n import text

    lines = {who_can_fix(fixer, lang) for fixer in Fixer}  # type: ignore[arg-type]
    assert len(lines) == len(Fixer)
    for fixer in Fixer:
        line = who_can_fix(fixer, lang)  # type: ignore[arg-type]
        assert line.startswith(text("report.fixer", lang))  # type: ignore[arg-type]
        assert line.endswith(text(f"fixer.{fixer}", lang))  # type: ignore[arg-type]
