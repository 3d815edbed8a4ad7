"""The wizard window: its pages in order, the language, remembered settings, background work.

Pages only react to the person and to signals; the wizard owns what they share (the state),
the translator (switched live), QSettings (language and last address) and the browser scan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QSettings,
    Qt,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from conndoctor.core.knowledge.languages import Lang, normalize_lang, system_lang
from conndoctor.ui import translations
from conndoctor.ui.page import guarded
from conndoctor.ui.page_ids import AREA_PAGES, PageId
from conndoctor.ui.start_pages import WelcomePage
from conndoctor.ui.state import WizardState
from conndoctor.ui.widgets import icon_path
from conndoctor.ui.worker import in_background

if TYPE_CHECKING:
    from conndoctor.core.engine.config import OrgConfig
    from conndoctor.core.engine.context import Options

MIN_SIZE = (900, 640)
"""Fits a 1366x768 laptop screen with the task bar and window frame."""


def default_settings() -> QSettings:
    return QSettings("ConnDoctor", "ConnDoctor")


_INSTALLED: list[QTranslator] = []
"""The translators in force (ours and Qt's own), shared by every window of the application."""


class DoctorWizard(QWizard):
    """Connection Doctor's window. `base` carries run options that tests and help desks set."""

    def __init__(
        self,
        base: Options | None = None,
        settings: QSettings | None = None,
        lang: Lang | None = None,
        parent: QWidget | None = None,
        org: OrgConfig | None = None,
        read_org_settings: bool = False,
    ) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else default_settings()
        remembered = normalize_lang(str(self.settings.value("language", "") or ""))
        self.state = WizardState(base=base, lang=lang or remembered or system_lang())
        self.state.address = str(self.settings.value("last_address", "") or "")
        self.state.org = org
        self._read_org_settings = read_org_settings
        self._translator: QTranslator | None = None
        self._qt_translator: QTranslator | None = None
        self._scan_signals: Any = None
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.fit_screen()
        cancel = self.button(QWizard.WizardButton.CancelButton)
        cancel.clicked.disconnect()
        cancel.clicked.connect(self.ask_to_leave)
        self.setWindowIcon(QIcon(icon_path("app")))
        self.welcome = WelcomePage(self.state)
        self.setPage(PageId.WELCOME, self.welcome)
        self.setStartId(PageId.WELCOME)
        self._install_translator(self.state.lang)
        self.retranslate()
        self._more_pages = False

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._more_pages:
            QTimer.singleShot(30, self.add_remaining_pages)

    def add_remaining_pages(self) -> None:
        """The pages after the first, built just after it shows (a quicker first window)."""
        if self._more_pages:
            return
        self._more_pages = True
        if self._read_org_settings:
            self.load_org_settings()
        from conndoctor.ui.answer_page import AnswerPage
        from conndoctor.ui.area_pages import ClockPage, ConnectionPage, SitePage, SystemPage
        from conndoctor.ui.browser_page import BrowserPage
        from conndoctor.ui.checking_page import CheckingPage
        from conndoctor.ui.start_panels import DevicePanel, SeenPanel
        from conndoctor.ui.summary_page import SummaryPage

        self.device = DevicePanel(self.state)
        self.seen = SeenPanel(self.state)
        self.welcome.add_panels(self.device, self.seen)
        self.checking = CheckingPage(self.state)
        self.answer = AnswerPage(self.state)
        self.connection = ConnectionPage(self.state)
        self.clock = ClockPage(self.state)
        self.system = SystemPage(self.state)
        self.browser = BrowserPage(self.state)
        self.site = SitePage(self.state)
        self.summary = SummaryPage(self.state)
        for page_id, page in zip(PageId, self.pages(), strict=True):
            if page_id != PageId.WELCOME:
                self.setPage(page_id, page)

    def pages(self) -> list[Any]:
        return [
            self.welcome,
            self.checking,
            self.answer,
            self.connection,
            self.clock,
            self.system,
            self.browser,
            self.site,
            self.summary,
        ]

    @guarded(-1)
    def nextId(self) -> int:
        """After the answer, only the areas with a problem get a page, in the walk's order
        (a healthy area is one line on the answer page); the browser step also when the
        answer page asked for its cache steps."""
        current = self.currentId()
        if current not in (PageId.ANSWER, *AREA_PAGES.values()):
            return super().nextId()
        from conndoctor.core.engine.session import area_has_problem  # not at start-up: see state

        for area, page_id in AREA_PAGES.items():
            if page_id <= current:
                continue
            wanted = area_has_problem(self.state.report, area) or (
                page_id == PageId.BROWSER and self.state.go_to_browser
            )
            if wanted and (area != "browser" or self.state.on_this_computer or self.state.browser):
                return page_id
        return PageId.SUMMARY

    def load_org_settings(self) -> None:
        """The organisation's settings file, the same one `conndoctor check` reads."""
        from conndoctor.core.engine.config import load_config

        self.state.org, _ = load_config()

    def fit_screen(self) -> None:
        """The window fits the screen it opens on (text enlarged or not): pages scroll inside."""
        width, height = MIN_SIZE
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            width = min(width, room.width() - 40)
            height = min(height, room.height() - 60)
        self.setMinimumSize(min(640, width), min(480, height))
        self.resize(width, height)

    def keyPressEvent(self, event: Any) -> None:
        """Esc never closes the wizard by surprise: it asks first."""
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            self.ask_to_leave()
            return
        super().keyPressEvent(event)

    def ask_to_leave(self) -> None:
        if self.ask_to_leave_answer():
            super().reject()

    def ask_to_leave_answer(self) -> bool:
        """True when the person wants to close (tests replace this)."""
        answer = QMessageBox.question(
            self,
            self.tr("Close Connection Doctor?"),
            self.tr("Do you want to close Connection Doctor? What was found so far is not kept."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # --- language ---------------------------------------------------------------------------
    def set_language(self, lang: Lang) -> None:
        """Switch every page live: Qt strings through the translator, core messages re-rendered."""
        if lang == self.state.lang and self._translator is not None:
            return
        self.state.lang = lang
        self.settings.setValue("language", lang)
        self._install_translator(lang)
        # Qt posts its own LanguageChange for later; re-render now so the switch is immediate.
        QCoreApplication.sendEvent(self, QEvent(QEvent.Type.LanguageChange))

    def _install_translator(self, lang: Lang) -> bool:
        """Swap the translator; True if Qt announced the change (it does on every install and
        every removal)."""
        app = QCoreApplication.instance()
        if app is None:
            return False
        changed = bool(_INSTALLED)
        while _INSTALLED:  # the language is the application's, whichever window set it last
            app.removeTranslator(_INSTALLED.pop())
        self._translator = self._qt_translator = None
        # Qt's own strings (file dialogs, standard buttons) in the same language.
        qt_translator = QTranslator(app)
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_translator.load(f"qtbase_{lang}", qt_folder):
            app.installTranslator(qt_translator)
            _INSTALLED.append(qt_translator)
            self._qt_translator = qt_translator
            changed = True
        qm = translations.qm_file(lang)
        translator = QTranslator(app)
        if qm is not None and translator.load(str(qm)):
            app.installTranslator(translator)
            _INSTALLED.append(translator)
            self._translator = translator
            changed = True
        return changed

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Connection Doctor"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Close"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        for which, name in (
            (QWizard.WizardButton.BackButton, self.tr("Back")),
            (QWizard.WizardButton.NextButton, self.tr("Next")),
            (QWizard.WizardButton.FinishButton, self.tr("Close")),
            (QWizard.WizardButton.CancelButton, self.tr("Cancel")),
        ):
            self.button(which).setAccessibleName(name)

    # --- shared services for the pages ----------------------------------------------------------
    def remember_address(self, address: str) -> None:
        self.settings.setValue("last_address", address)
        self.settings.sync()

    def scan_browsers(self) -> None:
        """Find this computer's browsers in the background (never before the first page shows)."""
        if self.state.scan_running:
            return
        self.state.scan_running = True
        home = self.state.base.home if self.state.base is not None else None

        def work() -> tuple[Any, ...]:
            from conndoctor.core.browsers.inventory import scan_browsers

            return tuple(scan_browsers(home=home))

        self._scan_signals = in_background(work, self._scanned, self._scan_failed, self)

    def _scanned(self, found: tuple[Any, ...]) -> None:  # runs after the pages exist
        self.state.scan_running = False
        self.state.browsers_found = found
        self.device.browsers_scanned()

    def _scan_failed(self, message: str) -> None:
        self.state.scan_running = False
        self.device.browsers_scanned()

    def done(self, result: int) -> None:
        if self._more_pages:
            self.checking.shutdown()
            self.answer.cleanupPage()
            for page in (self.connection, self.clock, self.system, self.browser, self.site):
                page.cleanupPage()
        self.settings.sync()
        app = QCoreApplication.instance()
        if self._translator is not None and app is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        super().done(result)
