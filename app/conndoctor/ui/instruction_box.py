"""One browser's illustrated steps for one topic (clear the cache, turn on TLS 1.2, update):
a framed box of compact numbered rows, each drawing once under the last step it shows.

Apart from the browser page, which decides whose steps to show and offers its shortcuts;
the answer page shows the same boxes for the cause it walks the person through.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from conndoctor.core.knowledge.instructions import InstructionSet, Step, illustration_path
from conndoctor.core.knowledge.languages import Lang
from conndoctor.ui import browser_names
from conndoctor.ui.widgets import StepRow, bold, fmt, muted, wrapped

PICTURE_WIDTH = 440
"""Drawings are 480x320; a little smaller keeps the step text and its picture on one screen."""


def illustration(name: str, width: int = PICTURE_WIDTH) -> QWidget | None:
    """An instruction drawing at a readable width, keeping its proportions (None: unusable).

    The SVG is read as bytes, so it also loads from inside a wheel or a frozen app.
    """
    try:
        data = illustration_path(name).read_bytes()
    except (OSError, KeyError, ValueError):
        return None
    widget = QSvgWidget()
    widget.load(QByteArray(data))
    renderer = widget.renderer()
    if not renderer.isValid():
        return None
    size = renderer.defaultSize()
    width = min(width, max(1, size.width()))
    widget.setFixedSize(QSize(width, int(width * size.height() / max(1, size.width()))))
    widget.setObjectName(name)
    return widget


class InstructionBox(QFrame):
    """The steps of `instructions` for the browser the person knows as `name` (`browser`);
    `repeated`: the same steps stand in a box above, so this one says so instead."""

    def __init__(
        self,
        instructions: InstructionSet,
        topic: str,
        browser: str,
        name: str,
        lang: Lang,
        repeated: bool = False,
    ) -> None:
        super().__init__()
        self.lang: Lang = lang
        self.pictures: list[QWidget] = []
        self.setObjectName(f"instructions_{topic}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(self)
        inner.setContentsMargins(14, 12, 14, 12)
        inner.setSpacing(12)
        titles = {
            "clear_cache": self.tr("How to clear the cache in %1"),
            "enable_tls12": self.tr("How to turn on TLS 1.2 in %1"),
            "update": self.tr("How to update %1"),
        }
        inner.addWidget(bold(wrapped(fmt(titles.get(topic, "%1"), name))))
        set_name = str(instructions.name.get(lang, "")) or browser_names.name(
            instructions.browser, lang
        )
        if instructions.browser != browser and set_name != name:
            note = self.tr("%1 has the same menus as %2, so these are the steps for %2.")
            inner.addWidget(muted(wrapped(fmt(note, name, set_name))))
        if instructions.intro and instructions.intro.get(lang):
            inner.addWidget(wrapped(str(instructions.intro[lang]), selectable=True))
        if repeated:
            inner.addWidget(wrapped(self.tr("The steps are the same as above.")))
        else:
            self.add_steps(inner, instructions.steps)

    def add_steps(self, inner: QVBoxLayout, steps: tuple[Step, ...]) -> None:
        """Each step as a compact row; a drawing once, under the last step that it shows."""
        for index, step in enumerate(steps):
            image = step.image
            following = steps[index + 1].image if index + 1 < len(steps) else None
            picture = None
            if image and image != following:
                picture = illustration(image)
                if picture is not None:
                    numbers = [str(s.number) for s in steps if s.image == image]
                    picture.setAccessibleName(
                        fmt(self.tr("Picture for steps %1"), ", ".join(numbers))
                    )
                    self.pictures.append(picture)
            inner.addWidget(StepRow(step.number, str(step.text.get(self.lang, "")), picture))
