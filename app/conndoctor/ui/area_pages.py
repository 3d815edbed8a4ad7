"""The connection, clock, computer and website steps (the browser step has its own module)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QVBoxLayout

from conndoctor.core.engine.facts import ClockFacts
from conndoctor.core.engine.model import PHONE_OS, Device, Fixer, facts_of, when
from conndoctor.ui import system_links
from conndoctor.ui.area_page import AreaPage
from conndoctor.ui.clock_steps import clock_steps, describe_offset
from conndoctor.ui.phrases import verdict_text
from conndoctor.ui.widgets import StepRow, action_button, bold, fmt, muted, on_the_left, wrapped


class ConnectionPage(AreaPage):
    """Internet, DNS, proxy and Wi-Fi login pages (captive portals)."""

    area = "connection"

    def fill_top(self, layout: QVBoxLayout) -> None:
        portal = next((c for c in self.area_causes() if c.id == "captive_portal"), None)
        if portal is None:
            return
        url = str(portal.evidence.get("portal_url") or "")
        layout.addWidget(
            wrapped(
                self.tr(
                    "You seem to be on a Wi-Fi network that wants you to log in or accept its "
                    "terms first (in a hotel, station, café or office)."
                )
            )
        )
        if url:
            layout.addLayout(system_links.login_page_row(url))

    def area_title(self) -> str:
        return self.tr("Step 1: The connection")

    def area_lead(self) -> str:
        return self.tr("Is this computer on the internet, and can it find and reach the site?")


def _local_time(value: Any, lang: str = "en") -> str:
    """A time in this computer's time zone, written as people of `lang` write it
    (2026年11月21日 16:42 / 21 November 2026, 16:42)."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        return when(value, seconds=True)["ja" if lang == "ja" else "en"]
    return str(value) if value is not None else "—"


class ClockPage(AreaPage):
    """This computer's time next to trusted time; a button to the OS date & time settings."""

    area = "clock"

    def fill_top(self, layout: QVBoxLayout) -> None:
        clock = facts_of(self.result("clock.network_time"), ClockFacts) or ClockFacts()
        offset = clock.offset_s
        if offset is not None:
            form = QFormLayout()
            form.addRow(
                bold(QLabel(self.tr("This computer's time:"))),
                QLabel(_local_time(clock.computer_time, self.lang)),
            )
            form.addRow(
                bold(QLabel(self.tr("Trusted time:"))),
                QLabel(_local_time(clock.trusted_time, self.lang)),
            )
            form.addRow(bold(QLabel(self.tr("Difference:"))), QLabel(describe_offset(offset)))
            layout.addLayout(form)
        if self.state.device != Device.THIS_COMPUTER:
            for number, step in enumerate(clock_steps(self.state.device), 1):
                layout.addWidget(StepRow(number, step))
            return
        if any(c.id == "clock_wrong" for c in self.area_causes()) or isinstance(
            offset, int | float
        ):
            row = system_links.date_time_settings_row()
            if row is not None:
                layout.addLayout(row)

    def area_title(self) -> str:
        return self.tr("Step 2: The clock")

    def area_lead(self) -> str:
        return self.tr(
            "Secure sites check the date. If the clock is wrong, every site can look unsafe."
        )


class SystemPage(AreaPage):
    """The operating system's and the browsers' support for modern TLS."""

    area = "system"

    def fill_extras(self, layout: QVBoxLayout) -> None:
        os_name = PHONE_OS.get(self.state.device)
        if os_name and self.state.os_version:
            verdict = verdict_text(os_name, self.state.os_version, self.lang)
            if verdict:
                layout.addWidget(bold(wrapped(self.tr("Your phone's system:"))))
                layout.addWidget(wrapped(verdict))
        elif self.state.device != Device.THIS_COMPUTER:
            layout.addWidget(
                muted(
                    wrapped(
                        self.tr(
                            "The results below are about this computer. Old systems (such as "
                            "Windows 7 or older, Android 4.4 or older, iOS 4 or older) cannot use "
                            "today's secure connections."
                        )
                    )
                )
            )

    def area_title(self) -> str:
        return self.tr("Step 3: The system and the browser")

    def area_lead(self) -> str:
        return self.tr(
            "Can the system and the browser use today's secure connections (TLS 1.2 or newer)?"
        )


class SitePage(AreaPage):
    """The site's certificate and TLS; when the fault is the site's, say so and what to tell
    its owner."""

    area = "site"

    def fill_extras(self, layout: QVBoxLayout) -> None:
        owner_causes = [c for c in self.area_causes() if c.fixer == Fixer.SITE_OWNER]
        if not owner_causes:
            return
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(14, 12, 14, 12)
        inner.setSpacing(8)
        inner.addWidget(
            bold(
                wrapped(
                    self.tr(
                        "This is a problem of the website, not of your computer. Only the "
                        "website's owner can fix it."
                    )
                )
            )
        )
        inner.addWidget(wrapped(self.tr("What to tell the website's owner:")))
        message = self.owner_message(owner_causes)
        note = wrapped(message, selectable=True)
        note.setIndent(12)
        inner.addWidget(note)
        copy = action_button(
            self.tr("&Copy this message"), self.tr("Copy the message for the website's owner")
        )
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(message))
        inner.addLayout(on_the_left(copy))
        layout.addWidget(box)

    def owner_message(self, causes: list[Any]) -> str:
        target = self.state.target
        address = target.display if target is not None else ""
        lines = [
            fmt(self.tr("When I open %1, the browser refuses the secure connection."), address)
        ]
        lines.append(self.tr("Connection Doctor found:"))
        lines.extend(f"- {cause.title(self.lang)}" for cause in causes)
        return "\n".join(lines)

    def area_title(self) -> str:
        return self.tr("Step 5: The website")

    def area_lead(self) -> str:
        return self.tr(
            "Is the site's certificate valid, and does the site use a modern secure connection?"
        )
