"""The help-desk PDF: the verdict, the reference and Japanese in the text layer, fonts embedded."""

from __future__ import annotations

from pathlib import Path

import pytest

from conndoctor.core.engine.config import OrgConfig
from conndoctor.core.knowledge import catalog
from conndoctor.core.knowledge.i18n import Lang, text
from conndoctor.report.pdf import write_pdf
from conndoctor.report.privacy import Identity
from conndoctor.report.reference import reference_code
from tests.report import samples
from tests.report.pdftools import embedded_font_sizes, pdf_fonts, pdf_text, render_first_page

ORG = OrgConfig(
    name="Example K.K.",
    helpdesk_phone="03-1234-5678",
    helpdesk_email="helpdesk@example.co.jp",
    helpdesk_url="https://help.example.co.jp/",
)
EXPECTED_FIRST = {
    "healthy": None,
    "expired": "cert_expired",
    "clock": "clock_wrong",
    "no_internet": "no_internet",
}
NOTE = "注文の支払いをしようとしたら開きませんでした。 I tried to pay for my order."


def _squash(value: str) -> str:
    """Text-layer lines wrap anywhere; compare without whitespace."""
    return "".join(value.split())


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("scenario", list(EXPECTED_FIRST))
def test_pdf_shows_the_verdict_in_its_text_layer(
    scenario: str, lang: Lang, tmp_path: Path, pdf_artifacts: Path
) -> None:
    report = samples.make_report(scenario)
    path = write_pdf(
        report,
        tmp_path / "report.pdf",
        lang,
        history=samples.sample_history(),
        user_note=NOTE,
        org=ORG,
    )
    assert path.read_bytes().startswith(b"%PDF-")
    layer = _squash(pdf_text(path))
    assert reference_code(report) in layer
    assert _squash(text("report.title", lang)) in layer
    assert _squash("注文の支払いをしようとしたら開きませんでした。") in layer
    assert "03-1234-5678" in layer
    expected = EXPECTED_FIRST[scenario]
    if expected is None:
        assert _squash(text("report.verdict_none", lang)) in layer
    else:
        assert report.causes[0].id == expected
        assert _squash(catalog.cause(expected).title(lang)) in layer
        assert _squash(catalog.cause(expected).fixes(lang)[0])[:30] in layer
    render_first_page(path, pdf_artifacts / f"{scenario}-{lang}")


def test_every_font_is_embedded_as_a_subset(tmp_path: Path) -> None:
    path = write_pdf(
        samples.make_report("expired"), tmp_path / "r.pdf", "ja", history=samples.sample_history()
    )
    fonts = pdf_fonts(path)
    assert fonts, "the PDF has no fonts at all"
    for font in fonts:
        # Qt embeds subsets without the "ABCDEF+" name tag that pdffonts' "sub" column looks for.
        assert (font["emb"], font["uni"]) == ("yes", "yes"), font
    assert {f["name"] for f in fonts} >= {
        "BIZUDPGothic-Regular",
        "BIZUDPGothic-Bold",
        "BIZUDGothic-Regular",
    }
    sizes = embedded_font_sizes(path)
    assert sizes and set(sizes) == {f["name"] for f in fonts}
    for name, size in sizes.items():
        assert size < 400_000, f"{name} is embedded whole ({size} bytes), not as a subset"
    assert path.stat().st_size < 500_000


def test_technical_appendix_lists_chain_servers_and_facts(tmp_path: Path) -> None:
    path = write_pdf(
        samples.make_report("expired"), tmp_path / "r.pdf", "en", include_personal=True
    )
    layer = _squash(pdf_text(path))
    for expected in (
        "TLSv1.3",
        "TLS_AES_128_GCM_SHA256",
        "CN=shop.example.jp",
        "3F:2A:9C:0B",
        "shop.example.jp443site",
    ):
        assert _squash(expected) in layer, expected
    assert _squash(text("report.appendix.contacted", "en")) in layer


def test_default_pdf_hides_personal_details(known_identity: Identity, tmp_path: Path) -> None:
    note = f"I am {samples.USER} on {samples.COMPUTER}"
    path = write_pdf(samples.make_report("clock"), tmp_path / "r.pdf", "en", user_note=note)
    layer = pdf_text(path).lower()
    for value in (samples.USER, samples.COMPUTER, samples.PRIVATE_V4):
        assert value.lower() not in layer, value
    personal = write_pdf(
        samples.make_report("clock"),
        tmp_path / "p.pdf",
        "en",
        user_note=note,
        include_personal=True,
    )
    assert samples.COMPUTER in pdf_text(personal)


def test_missing_and_odd_details_do_not_break_the_pdf(tmp_path: Path) -> None:
    from conndoctor.core.engine.facts import TlsFacts
    from conndoctor.core.engine.model import Status, result
    from conndoctor.report.appendix import appendix

    report = samples.make_report("healthy")
    odd = (
        result(
            "tls.handshake",
            Status.ERROR,
            "tls.error",
            facts=TlsFacts(verifier={"x": {"y": [1, {"z": None}]}}),
        ),
        result("clock.network_time", Status.SKIPPED, "clock.skipped"),
    )

    broken = report._replace(outcome=report.outcome._replace(results=odd))
    path = write_pdf(broken, tmp_path / "odd.pdf", "ja")
    assert "verifier.x.y" in pdf_text(path)
    hand_edited = {"checks": [{"id": "tls.handshake", "details": {"chain": "not a list"}}]}
    assert "not a list" in appendix(hand_edited, "en")


def test_preview_is_the_masked_content_of_the_pdf(known_identity: Identity) -> None:
    from conndoctor.report.pdf import preview_html

    report = samples.make_report("clock")
    masked = preview_html(report, "ja", user_note=f"{samples.COMPUTER} から")
    assert reference_code(report) in masked and "&lt;computer&gt; から" in masked
    assert samples.COMPUTER not in masked
    assert samples.COMPUTER in preview_html(report, "ja", user_note="x", include_personal=True)
