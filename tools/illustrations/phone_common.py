"""Shared pieces of the phone drawings: phone frames side by side, arrows, colours."""

# ruff: noqa: E501 (drawing coordinates and SVG path data read better on one line)

from parts import (
    BLUE,
    GREY,
    PANEL,
    phone,
    rect,
)

APP_COLORS = (
    "#60a5fa",
    "#f87171",
    "#34d399",
    "#fbbf24",
    "#a78bfa",
    "#f472b6",
    "#22d3ee",
    "#fb923c",
)
ROW_COLORS = ("#60a5fa", "#9ca3af", "#34d399", "#f87171", "#a78bfa", "#fbbf24")
PHONE_XS = (22, 175, 328)
PHONE_W, PHONE_H = 130, 270
PHONE_Y = 25


def back_chevron(x, y):
    return f'<polyline points="{x + 4},{y - 5} {x - 1},{y} {x + 4},{y + 5}" fill="none" stroke="{BLUE}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/>'


def step_arrow(x, y):
    return f'<polygon points="{x},{y - 7} {x + 9},{y} {x},{y + 7}" fill="{GREY}"/>'


def phones(kind, screens):
    """Up to three phones in a row, each screen drawn by a function(sx, sy, sw, sh).

    A light card behind them keeps the dark phone frames visible on a dark window.
    """
    parts = [rect(0, 0, 480, 320, fill=PANEL, rx=12)]
    xs = PHONE_XS if len(screens) == 3 else (70, 260)
    for i, draw in enumerate(screens):
        body, (sx, sy, sw, sh) = phone(xs[i], PHONE_Y, kind=kind, w=PHONE_W, h=PHONE_H)
        parts += body
        parts += draw(sx, sy, sw, sh)
        if i:
            parts.append(
                step_arrow(xs[i] - (12 if len(screens) == 3 else 36), PHONE_Y + PHONE_H / 2)
            )
    return parts
