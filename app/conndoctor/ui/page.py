"""The common shape of every wizard page: one question, calm spacing, live retranslation.

Pages never import the wizard window: what they may ask of it is the `Host` protocol below,
which `DoctorWizard` implements, so the window imports its pages and not the other way round.
"""

from __future__ import annotations

import functools
import sys
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, runtime_checkable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizardPage

from conndoctor.ui.widgets import bold, heading, muted, scrolling, wrapped

F = TypeVar("F", bound=Callable[..., Any])


def guarded(default: Any = None) -> Callable[[F], F]:
    """For methods Qt calls (overrides, slots): an unexpected error is printed, never fatal.

    An exception escaping a Python override called from C++ would end the whole program;
    a person in the middle of a fix is better served by a page that stays open.
    """

    def wrap(method: F) -> F:
        @functools.wraps(method)
        def safe(*args: Any, **kwargs: Any) -> Any:
            try:
                return method(*args, **kwargs)
            except Exception:
                traceback.print_exc(file=sys.stderr)
                return default

        return safe  # type: ignore[return-value]

    return wrap


if TYPE_CHECKING:
    from conndoctor.core.engine.model import Message
    from conndoctor.core.knowledge.languages import Lang
    from conndoctor.ui.state import WizardState


@runtime_checkable
class Host(Protocol):
    """The services of the wizard window that pages and panels use."""

    def set_language(self, lang: Lang) -> None:
        """Switch every page to `lang`, live."""

    def add_remaining_pages(self) -> None:
        """Build the pages after the first (once)."""

    def remember_address(self, address: str) -> None:
        """Keep the address for the next start."""

    def scan_browsers(self) -> None:
        """Look for this computer's browsers in the background (once)."""


class Spoken:
    """What pages and panels share: the person's language, the core's sentences in it, and a
    heading with a lead sentence, all set again by `retranslate()` on a language change."""

    state: WizardState
    heading: QLabel
    lead: QLabel

    @property
    def lang(self) -> Lang:
        return self.state.lang

    def core(self, key: str, **args: Any) -> str:
        """A sentence from the core's message files in the current language."""
        from conndoctor.core.knowledge.i18n import text  # the first page shows without it

        return text(key, self.lang, **args)

    def say(self, message: Message) -> str:
        from conndoctor.core.knowledge.i18n import render

        return render(message, self.lang)

    def set_heading(self, title: str, lead: str = "") -> None:
        self.heading.setText(title)
        self.heading.setAccessibleName(title)
        self.lead.setText(lead)
        self.lead.setVisible(bool(lead))

    def retranslate(self) -> None:
        """Set every visible word; called again on each language change."""


class Page(Spoken, QWizardPage):
    """A page with a large heading, a short lead sentence and its own content below.

    Subclasses put their words in `retranslate()`; it runs at construction and whenever the
    language changes (Qt sends `LanguageChange` to every widget when a translator is swapped),
    so switching language re-renders both Qt strings and the core's messages.
    """

    def __init__(self, state: WizardState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(24, 12, 24, 8)
        self.outer.setSpacing(14)
        self.heading = heading()
        self.lead = muted(wrapped())
        self.outer.addWidget(self.heading)
        self.outer.addWidget(self.lead)

    def doctor(self) -> Host:
        return self.wizard()  # type: ignore[return-value]

    def add_scrolled_body(self) -> QVBoxLayout:
        """The content under the heading (`self.body`), scrolling when the window is small."""
        self.body = QWidget()
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 12, 0)
        layout.setSpacing(12)
        self.outer.addWidget(scrolling(self.body), 1)
        return layout

    def set_heading(self, title: str, lead: str = "") -> None:
        super().set_heading(title, lead)
        self.setTitle("")  # the heading label is the title; QWizard's own stays empty

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def note_label() -> QLabel:
    """A line under a field that explains or warns (shown in the palette's normal text colour)."""
    label = wrapped()
    label.setVisible(False)
    return label


class Panel(Spoken, QWidget):
    """A part of a page with its own words (the start page's device and error-message parts).

    Like a page it re-renders itself on a language change; its title is a bold line.
    """

    def __init__(self, state: WizardState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 6, 0, 0)
        self.outer.setSpacing(10)
        self.heading = bold(wrapped())
        self.lead = muted(wrapped())
        self.outer.addWidget(self.heading)
        self.outer.addWidget(self.lead)

    def doctor(self) -> Host | None:
        """The wizard window, once the panel is placed in it."""
        window = self.window()
        return window if isinstance(window, Host) else None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
