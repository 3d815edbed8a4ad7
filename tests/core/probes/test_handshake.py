"""Sorting handshake errors into what a person can be told, and the two client profiles."""

from __future__ import annotations

import ssl

import pytest

from conndoctor.core.probes import handshake


def _ssl_error(reason: str, text: str) -> ssl.SSLError:
    error = ssl.SSLError(1, f"[SSL: {reason}] {text} (_ssl.c:1006)")
    error.reason = reason  # type: ignore[misc]
    return error


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (TimeoutError("The handshake operation timed out"), "no_answer"),
        (ConnectionResetError(104, "Connection reset by peer"), "reset"),
        (ssl.SSLEOFError(8, "EOF occurred in violation of protocol"), "closed"),
        (_ssl_error("WRONG_VERSION_NUMBER", "wrong version number"), "not_tls"),
        (_ssl_error("TLSV1_ALERT_PROTOCOL_VERSION", "tlsv1 alert protocol version"), "old_version"),
        (_ssl_error("UNSUPPORTED_PROTOCOL", "unsupported protocol"), "old_version"),
        (_ssl_error("SSLV3_ALERT_HANDSHAKE_FAILURE", "sslv3 alert handshake failure"), "no_cipher"),
        (_ssl_error("NO_SHARED_CIPHER", "no shared cipher"), "no_cipher"),
        (_ssl_error("SOMETHING_NEW", "something new"), "other"),
    ],
)
def test_handshake_errors_are_sorted(error: BaseException, kind: str) -> None:
    assert handshake.classify(error) == kind


def test_browser_profile_refuses_what_browsers_refuse() -> None:
    context = handshake.browser_context()
    assert context.minimum_version == ssl.TLSVersion.TLSv1_2
    assert context.verify_mode == ssl.CERT_NONE  # trust is judged by certificates, not here
    names = {c["name"] for c in context.get_ciphers()}
    assert "ECDHE-ECDSA-AES128-GCM-SHA256" in names
    assert not any("CCM" in n or "RC4" in n or "DES" in n for n in names)


def test_legacy_profile_reaches_old_servers() -> None:
    context = handshake.legacy_context()
    assert context.minimum_version == ssl.TLSVersion.TLSv1
    names = {c["name"] for c in context.get_ciphers()}
    assert "ECDHE-ECDSA-AES128-CCM" in names
