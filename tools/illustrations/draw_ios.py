"""Safari on iPhone/iPad drawings."""

from parts import (
    BLUE,
    BLUE_LIGHT,
    GREY,
    GREY_BG,
    GREY_DARK,
    GREY_LINE,
    GREY_SOFT,
    INK,
    WHITE,
    button,
    check_mark,
    chevron,
    gear,
    highlight,
    label,
    list_rows,
    pointer,
    rect,
    toggle,
)
from phone_common import (
    APP_COLORS,
    ROW_COLORS,
    back_chevron,
    phones,
)


def ios_home(n):
    def draw(sx, sy, sw, sh):
        parts = []
        size, gap = 22, (sw - 4 * 22) / 5
        for r in range(5):
            for c in range(4):
                x = sx + gap + c * (size + gap)
                y = sy + 10 + r * 38
                settings_icon = (r, c) == (2, 1)
                parts.append(
                    rect(
                        x,
                        y,
                        size,
                        size,
                        fill=GREY_SOFT if settings_icon else APP_COLORS[(r * 4 + c) % 8],
                        rx=6,
                    )
                )
                if settings_icon:
                    parts.append(gear(x + 11, y + 11, r=5, color=GREY_DARK))
                    parts.append(highlight(x, y, size, size, rx=6))
                    target = (x + size / 2, y + size + 3)
                parts.append(label(x + 3, y + size + 7, size - 6, 3, fill=GREY_LINE))
        parts.append(rect(sx + 8, sy + sh - 40, sw - 16, 32, fill=GREY_SOFT, rx=10))
        for c in range(4):
            parts.append(
                rect(
                    sx + gap + c * (size + gap),
                    sy + sh - 35,
                    size,
                    size,
                    fill=APP_COLORS[(c + 3) % 8],
                    rx=6,
                )
            )
        parts.append(pointer(n, target[0], target[1] + 36, target[0], target[1]))
        return parts

    return draw


def ios_list(
    n,
    highlight_row,
    widths=(50, 34, 44, 56, 40, 48, 54, 42),
    title=True,
    row_icons=True,
    callout_dx=0,
):
    def draw(sx, sy, sw, sh):
        parts = []
        y = sy + 6
        if title:
            parts.append(label(sx + 10, y + 10, 54, 9, fill=INK))
            parts.append(rect(sx + 8, y + 22, sw - 16, 14, fill=GREY_SOFT, rx=5))
            y += 44
        rows, centres = list_rows(
            sx + 6,
            y,
            sw - 12,
            list(widths),
            row_h=22,
            highlight_row=highlight_row,
            icon_colors=ROW_COLORS if row_icons else None,
            bg=GREY_BG,
        )
        parts += rows
        cy = centres[highlight_row]
        parts.append(
            pointer(
                n,
                sx + sw / 2 + callout_dx,
                min(cy + 46, sy + sh - 16),
                sx + sw / 2 + callout_dx,
                cy + 12,
            )
        )
        return parts

    return draw


def ios_safari_settings(n):
    def draw(sx, sy, sw, sh):
        parts = [back_chevron(sx + 14, sy + 10), label(sx + sw / 2 - 18, sy + 10, 36, 7, fill=INK)]
        y = sy + 24
        parts.append(rect(sx + 6, y, sw - 12, 88, fill=GREY_BG, rx=8))
        for i in range(4):
            cy = y + 11 + i * 22
            parts.append(label(sx + 14, cy, 50 + (i * 13) % 20, 5, fill=GREY))
            parts.append(toggle(sx + sw - 40, cy - 7, on=i % 3 != 1))
        y += 100
        parts.append(rect(sx + 6, y, sw - 12, 22, fill=BLUE_LIGHT, stroke=BLUE, sw=1.5, rx=6))
        parts.append(label(sx + 14, y + 11, 80, 5, fill=BLUE))
        target_y = y + 22
        y += 34
        parts.append(rect(sx + 6, y, sw - 12, 44, fill=GREY_BG, rx=8))
        parts += [
            label(sx + 14, y + 11, 60, 5, fill=GREY),
            chevron(sx + sw - 18, y + 11),
            label(sx + 14, y + 33, 40, 5, fill=GREY),
            chevron(sx + sw - 18, y + 33),
        ]
        parts.append(pointer(n, sx + sw / 2, target_y + 56, sx + sw / 2, target_y + 3))
        return parts

    return draw


def ios_clear_sheet(n_range, n_button):
    def draw(sx, sy, sw, sh):
        parts = [rect(sx, sy - 15, sw, sh + 15, fill=GREY_SOFT, rx=18)]
        for i in range(5):
            parts.append(label(sx + 14, sy + 14 + i * 14, 70 - (i % 2) * 20, 5, fill=GREY))
        top = sy + 70
        parts.append(rect(sx, top, sw, sh - 70, fill=WHITE, rx=14))
        parts.append(rect(sx + sw / 2 - 14, top + 5, 28, 3, fill=GREY_LINE, rx=1.5))
        parts.append(label(sx + sw / 2 - 40, top + 20, 80, 7, fill=INK))
        parts.append(label(sx + 12, top + 36, 50, 4, fill=GREY))
        y = top + 44
        parts.append(rect(sx + 6, y, sw - 12, 88, fill=GREY_BG, rx=8))
        for i in range(4):
            cy = y + 11 + i * 22
            on = i == 3
            if on:
                parts.append(rect(sx + 8, cy - 9, sw - 16, 18, fill=BLUE_LIGHT, rx=5))
                parts.append(check_mark(sx + sw - 28, cy - 6, 12, color=BLUE, sw=2.2))
            parts.append(label(sx + 14, cy, 50 + i * 8, 5, fill=INK if on else GREY))
        range_y = y + 11 + 3 * 22
        y += 100
        parts.append(rect(sx + 6, y, sw - 12, 26, fill="#dc2626", rx=8))
        parts.append(label(sx + sw / 2 - 24, y + 13, 48, 5, fill=WHITE))
        parts.append(highlight(sx + 6, y, sw - 12, 26, rx=8))
        parts.append(pointer(n_range, sx - 40, range_y, sx + 6, range_y))
        parts.append(pointer(n_button, sx + sw + 40, y + 13, sx + sw - 3, y + 13))
        return parts

    return draw


def ios_software_update(n):
    def draw(sx, sy, sw, sh):
        parts = [back_chevron(sx + 14, sy + 10), label(sx + sw / 2 - 30, sy + 10, 60, 7, fill=INK)]
        y = sy + 30
        parts.append(rect(sx + 6, y, sw - 12, 44, fill=GREY_BG, rx=8))
        parts += [
            label(sx + 14, y + 11, 60, 5, fill=GREY),
            chevron(sx + sw - 18, y + 11),
            label(sx + 14, y + 33, 50, 5, fill=GREY),
            chevron(sx + sw - 18, y + 33),
        ]
        y += 56
        parts.append(rect(sx + 6, y, sw - 12, 120, fill=GREY_BG, rx=8))
        parts += [
            rect(sx + 14, y + 10, 26, 26, fill="#60a5fa", rx=6),
            label(sx + 48, y + 18, 50, 6, fill=INK),
            label(sx + 48, y + 30, 36, 4, fill=GREY),
        ]
        for i in range(3):
            parts.append(label(sx + 14, y + 50 + i * 10, sw - 40 - i * 14, 4, fill=GREY_LINE))
        parts.append(button(sx + 14, y + 88, sw - 28, 22, primary=True))
        parts.append(highlight(sx + 14, y + 88, sw - 28, 22, rx=6))
        parts.append(pointer(n, sx + sw / 2, y + 160, sx + sw / 2, y + 113))
        return parts

    return draw


def safari_ios_clear_cache_1():
    return phones("ios", [ios_home(1), ios_list(2, 5), ios_safari_settings(3)])


def safari_ios_clear_cache_2():
    return phones("ios", [ios_safari_settings_done(), ios_clear_sheet(4, 5)])


def ios_safari_settings_done():
    """The Safari settings behind the sheet, without a call-out (it was step 3)."""

    def draw(sx, sy, sw, sh):
        parts = ios_safari_settings(3)(sx, sy, sw, sh)
        return parts[:-1]

    return draw


def safari_ios_update_1():
    return phones(
        "ios",
        [
            ios_home(1),
            ios_list(2, 2),
            ios_list(3, 1, widths=(50, 70, 60, 40, 66, 55), title=False, row_icons=False),
        ],
    )


def safari_ios_update_2():
    return phones("ios", [ios_list_plain(), ios_software_update(4)])


def ios_list_plain():
    def draw(sx, sy, sw, sh):
        parts = [back_chevron(sx + 14, sy + 10), label(sx + sw / 2 - 18, sy + 10, 36, 7, fill=INK)]
        rows, _ = list_rows(
            sx + 6,
            sy + 24,
            sw - 12,
            [50, 80, 60, 40, 70, 55],
            row_h=22,
            highlight_row=1,
            bg=GREY_BG,
        )
        return parts + rows

    return draw


DRAWINGS = {
    "safari_ios_clear_cache_1": safari_ios_clear_cache_1,
    "safari_ios_clear_cache_2": safari_ios_clear_cache_2,
    "safari_ios_update_1": safari_ios_update_1,
    "safari_ios_update_2": safari_ios_update_2,
}
