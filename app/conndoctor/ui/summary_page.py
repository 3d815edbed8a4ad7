"""The last page: the most likely cause first, who can fix it, what was tried, and the report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from conndoctor.report.history import attempt_words
from conndoctor.ui import report_actions
from conndoctor.ui.area_page import CauseBox
from conndoctor.ui.page import Page, guarded
from conndoctor.ui.state import WizardState
from conndoctor.ui.widgets import bold, clear_layout, fmt, hline, muted, status_pixmap, wrapped


class PreviewDialog(QDialog):
    """Shows exactly what the report will contain; the person adds their own words and consent."""

    def __init__(self, state: WizardState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setMinimumSize(760, 560)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.note_label = bold(QLabel())
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        self.note_label.setBuddy(self.note)
        self.personal = QCheckBox()
        self.preview_label = bold(QLabel())
        self.preview = QTextBrowser()
        self.preview_label.setBuddy(self.preview)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for widget in (self.note_label, self.note, self.personal, self.preview_label):
            layout.addWidget(widget)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)
        self.note.textChanged.connect(self.refresh)
        self.personal.toggled.connect(self.refresh)
        self.retranslate()

    def refresh(self) -> None:
        report = self.state.report
        if report is None:
            return
        html = report_actions.preview_html(
            report,
            self.state.lang,
            self.state.history,
            self.note.toPlainText(),
            self.personal.isChecked(),
        )
        position = self.preview.verticalScrollBar().value()
        self.preview.setHtml(html)
        self.preview.verticalScrollBar().setValue(position)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("What the report will contain"))
        self.note_label.setText(
            self.tr("In your own &words: what were you trying to do? (optional)")
        )
        self.note.setAccessibleName(self.tr("Your own words for the help desk"))
        self.personal.setText(
            self.tr("&Include personal details (user name, computer name, local addresses)")
        )
        self.personal.setAccessibleName(self.tr("Include personal details in the report"))
        self.preview_label.setText(self.tr("&Preview of the report:"))
        self.preview.setAccessibleName(self.tr("Preview of the report"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.refresh()


class SummaryPage(Page):
    """Most likely cause first; buttons to save the PDF or JSON and to copy a short summary."""

    def __init__(self, state: WizardState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.body_layout = self.add_scrolled_body()
        buttons = QHBoxLayout()
        self.save_pdf = QPushButton()
        self.save_json = QPushButton()
        self.copy = QPushButton()
        for button in (self.save_pdf, self.save_json, self.copy):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.outer.addLayout(buttons)
        self.saved = wrapped()
        self.saved_path: Path | None = None
        self.open_saved = QPushButton()
        self.show_saved = QPushButton()
        saved_row = QHBoxLayout()
        saved_row.addWidget(self.saved, 1)
        for button in (self.open_saved, self.show_saved):
            button.setAutoDefault(False)
            button.setVisible(False)
            saved_row.addWidget(button)
        self.open_saved.clicked.connect(self.open_report)
        self.show_saved.clicked.connect(self.show_in_folder)
        self.outer.addLayout(saved_row)
        self.save_pdf.clicked.connect(lambda: self.save("pdf"))
        self.save_json.clicked.connect(lambda: self.save("json"))
        self.copy.clicked.connect(self.copy_summary)
        self.retranslate()

    @guarded(None)
    def initializePage(self) -> None:
        self.saved.setText("")
        self.rebuild()

    def rebuild(self) -> None:
        clear_layout(self.body_layout)
        report = self.state.report
        if report is None:
            return
        if not report.causes and report.undetermined:
            row = QHBoxLayout()
            mark = QLabel()
            mark.setPixmap(status_pixmap("warn", 26, self))
            row.addWidget(mark)
            row.addWidget(bold(wrapped(report.no_causes_sentence(self.lang))), 1)
            self.body_layout.addLayout(row)
        elif not report.causes:
            row = QHBoxLayout()
            mark = QLabel()
            mark.setPixmap(status_pixmap("ok", 26, self))
            row.addWidget(mark)
            row.addWidget(bold(wrapped(self.tr("No problem was found from this computer."))), 1)
            self.body_layout.addLayout(row)
            self.body_layout.addWidget(
                wrapped(
                    self.tr(
                        "The site can be reached securely from here. If your browser still shows "
                        "the error: clear its cache, restart it, or try another browser. If "
                        "nothing helps, save a report below and send it to your help desk."
                    )
                )
            )
        else:
            first = report.causes[0]
            self.body_layout.addWidget(bold(wrapped(self.tr("The most likely cause:"))))
            self.body_layout.addWidget(CauseBox(first, self.lang))
            if len(report.causes) > 1:
                self.body_layout.addWidget(bold(wrapped(self.tr("Also found:"))))
                for cause in report.causes[1:]:
                    fixer = self.core(f"fixer.{cause.fixer.value}")
                    self.body_layout.addWidget(wrapped(f"• {cause.title(self.lang)} — {fixer}"))
        self.body_layout.addWidget(hline())
        self.body_layout.addWidget(bold(wrapped(self.tr("What you already tried"))))
        if not self.state.history:
            self.body_layout.addWidget(muted(wrapped(self.tr("Nothing yet."))))
        for attempt in self.state.history:
            changes = ", ".join(
                f"{self.core(f'check.{cid}.title')}: {self.core(f'status.{before}')} → "
                f"{self.core(f'status.{after}')}"
                for cid, (before, after) in attempt.changes().items()
            )
            line = attempt_words(attempt, self.lang)
            self.body_layout.addWidget(wrapped(f"• {line}" + (f": {changes}" if changes else "")))
        self.body_layout.addStretch(1)

    # --- the buttons -------------------------------------------------------------------------
    def ask_details(self) -> tuple[str, bool] | None:
        """The preview with the person's own words and consent; None if they cancel.

        Tests replace this."""
        dialog = PreviewDialog(self.state, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.note.toPlainText(), dialog.personal.isChecked()

    def choose_path(self, kind: str) -> Path | None:
        """Where to save (tests replace this); overwriting is asked separately, by
        `confirm_overwrite`."""
        suffix = {"pdf": self.tr("PDF report (*.pdf)"), "json": self.tr("JSON report (*.json)")}[
            kind
        ]
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        name = str(Path(documents or Path.home()) / f"conndoctor-report.{kind}")
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the report"),
            name,
            suffix,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix else path.with_suffix(f".{kind}")

    def confirm_overwrite(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Replace the file?"),
            fmt(self.tr("%1 already exists. Do you want to replace it?"), path.name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def save(self, kind: str) -> bool:
        report = self.state.report
        if report is None:
            return False
        details = self.ask_details() if kind == "pdf" else ("", False)
        if details is None:
            return False
        path = self.choose_path(kind)
        if path is None:
            return False
        if path.exists() and not self.confirm_overwrite(path):
            self.saved.setText(self.tr("Not saved: the existing file was kept."))
            return False
        note, personal = details
        try:
            report_actions.save(
                kind, report, path, self.lang, self.state.history, note, personal, self.state.org
            )
        except report_actions.SaveError as exc:
            self.saved.setText(fmt(self.tr("The report could not be saved: %1"), str(exc)))
            return False
        self.saved.setText(fmt(self.tr("Saved: %1"), str(path)))
        self.saved_path = path
        self.open_saved.setVisible(True)
        self.show_saved.setVisible(True)
        return True

    def open_report(self) -> bool:
        return self.saved_path is not None and QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(self.saved_path))
        )

    def show_in_folder(self) -> bool:
        return self.saved_path is not None and QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(self.saved_path.parent))
        )

    def copy_summary(self) -> None:
        report = self.state.report
        if report is None:
            return
        summary = report_actions.short_summary(report, self.lang, self.state.history)
        QGuiApplication.clipboard().setText(summary)
        self.saved.setText(self.tr("A short summary was copied. You can paste it into an e-mail."))

    def retranslate(self) -> None:
        self.set_heading(
            self.tr("What we found"),
            self.tr("Here is the result. You can save it as a report for your help desk."),
        )
        self.save_pdf.setText(self.tr("Save report as &PDF…"))
        self.save_pdf.setAccessibleName(self.tr("Save the report as a PDF file"))
        self.save_json.setText(self.tr("Save as &JSON…"))
        self.save_json.setAccessibleName(self.tr("Save the report as a JSON file"))
        self.copy.setText(self.tr("Copy a short &summary"))
        self.copy.setAccessibleName(self.tr("Copy a short summary to the clipboard"))
        self.open_saved.setText(self.tr("&Open the report"))
        self.open_saved.setAccessibleName(self.tr("Open the saved report"))
        self.show_saved.setText(self.tr("Show in &folder"))
        self.show_saved.setAccessibleName(self.tr("Show the saved report in its folder"))
        self.rebuild()
