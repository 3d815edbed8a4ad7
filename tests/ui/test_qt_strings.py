"""Qt's own dialogs (file dialogs, standard buttons) speak the wizard's language too."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def test_qt_standard_strings_follow_the_language(make_wizard) -> None:
    wizard = make_wizard("ja")
    cancel_ja = QCoreApplication.translate("QPlatformTheme", "Cancel")
    assert cancel_ja == "キャンセル"
    wizard.set_language("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
