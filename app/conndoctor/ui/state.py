"""What the wizard knows so far: the person's answers and the core session they drive.

Kept free of Qt, and it decides nothing: the run's options, how a re-check updates the report,
the diagnosis, the fixes tried and the order of fixing live in the core's session
(core/engine/session.py), which the command line drives too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conndoctor.core.engine.kinds import Device

if TYPE_CHECKING:
    from conndoctor.core.browsers.browser_records import BrowserInfo
    from conndoctor.core.engine.config import OrgConfig
    from conndoctor.core.engine.context import Options
    from conndoctor.core.engine.run_report import Report
    from conndoctor.core.engine.session import FixAttempt, Session
    from conndoctor.core.engine.target import Target
    from conndoctor.core.knowledge.languages import Lang

DEVICES = tuple(Device)
"""The devices the start page offers, in its order."""


class WizardState:
    """The person's answers and what the checks found; shared by every page.

    A plain class rather than a dataclass: it is made at start-up, before the first page shows.
    """

    def __init__(
        self,
        base: Options | None = None,
        lang: Lang = "en",
        *,
        device: str = Device.THIS_COMPUTER,
        os_version: str = "",
        browser: str | None = None,
        browsers_found: tuple[BrowserInfo, ...] = (),
        seen: str | None = None,
    ) -> None:
        self.base = base
        """Run options that tests and help desks set; None means the defaults."""
        self.lang: Lang = lang
        self.address = ""
        self.target: Target | None = None
        self.device = device
        self.os_version = os_version
        self.browser = browser
        self.browser_picked = False
        """The person chose `browser` themselves (not just the first browser found)."""
        self.seen = seen
        self.browsers_found = browsers_found
        self.scan_running = False
        self._session: Session | None = None
        self.org: OrgConfig | None = None
        """The organisation's settings (the same file `conndoctor check` reads)."""
        self.cause_done: set[str] = set()
        """Causes the person has seen fixed (or chose to move past) on the answer page."""
        self.go_to_browser = False
        """The answer page asked to show the browser step (cache) even though it is healthy."""

    @property
    def session(self) -> Session:
        """The diagnosis, its report and the fixes tried: the same session the CLI drives.

        Made when first needed, after the first page shows: importing the session with its
        options, config and records takes 23-30 ms (`python -X importtime`), a tenth of the
        ~250 ms first window, whose budget is 1.5x a minimal window (bench/bench_startup.py).
        """
        if self._session is None:
            from conndoctor.core.engine.context import Options
            from conndoctor.core.engine.session import Session

            self._session = Session(self.base or Options())
        return self._session

    def current_session(self) -> Session:
        """The session with the answers as they stand now (the person may go back and change
        them); the help desk's base flags in the wizard's language."""
        from conndoctor.core.engine.context import Options
        from conndoctor.core.engine.session import Answers

        session = self.session
        session.base = (self.base or Options())._replace(lang=self.lang)
        session.answers = Answers(self.device, self.os_version, self.browser, self.seen)
        session.org = self.org
        session.target = self.target
        return session

    def options(self) -> Options:
        """The run's options, built by the core's session from the base, answers and `org`."""
        return self.current_session().options

    @property
    def report(self) -> Report | None:
        return self._session.report if self._session is not None else None

    @property
    def first_report(self) -> Report | None:
        return self._session.first_report if self._session is not None else None

    @property
    def history(self) -> list[FixAttempt]:
        return self.session.history

    @property
    def on_this_computer(self) -> bool:
        return self.device == Device.THIS_COMPUTER
