"""The wizard never says "no problem, reachable securely" when the certificate's verdict could
not be reached (x509-limbo rfc5280::serial::too-long: Chromium 156 loads it, pyca refuses it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conndoctor.core.engine.context import Options
from conndoctor.core.engine.target import parse_target
from conndoctor.core.knowledge.i18n import Lang, text
from conndoctor.ui.wizard import PageId
from tests.test_cli_limbo_cases import limbo_case, served_case
from tests.ui.conftest import texts

pytestmark = pytest.mark.filterwarnings("ignore::cryptography.utils.CryptographyDeprecationWarning")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_summary_and_site_page_say_could_not_determine(
    make_wizard: Any, qtbot: Any, http_lab: Any, ntp_server: Any, tmp_path: Path, lang: Lang
) -> None:
    case = limbo_case("rfc5280::serial::too-long")
    host = case["expected_peer_name"]["value"]
    with served_case(case, tmp_path) as (port, roots):
        base = Options(
            public_ca_file=str(roots),
            system_ca_files=(str(roots),),
            resolve={(host, port): ("127.0.0.1",)},
            ntp_servers=(ntp_server(0.0),),
            connectivity_urls=(http_lab.url("/generate_204"),),
        )
        wizard = make_wizard(lang, base)
        wizard.welcome.address.setText(parse_target(f"https://{host}:{port}/").url)
        wizard.next()
        qtbot.waitUntil(lambda: wizard.checking.done, timeout=20000)
        report = wizard.state.report
        assert report is not None and not report.causes and report.undetermined
        undecided = text("tls.undetermined.serial_over_20_octets", lang).split("{")[0]
        wizard.next()
        assert wizard.currentId() == PageId.ANSWER
        answer = texts(wizard.answer)
        assert text("cli.no_causes_undetermined", lang).split("{")[0] in answer
        assert "reached securely" not in answer and "安全に接続できます" not in answer
        pages = []
        while wizard.currentId() != PageId.SUMMARY:
            wizard.next()
            verdict = getattr(wizard.currentPage(), "verdict", None)
            pages.append(verdict.text() if verdict is not None else "")
        summary = texts(wizard.summary)
    assert text("cli.no_causes_undetermined", lang).split("{")[0] in summary
    assert any(verdict.startswith(undecided) for verdict in pages), pages
