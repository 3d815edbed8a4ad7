"""Chrome on Android drawings (Chrome menu, settings, Google Play)."""

# ruff: noqa: E501 (drawing coordinates and SVG path data read better on one line)

from parts import (
    BLUE,
    BLUE_LIGHT,
    GREY,
    GREY_DARK,
    GREY_LINE,
    GREY_SOFT,
    INK,
    WHITE,
    arrow,
    button,
    callout,
    caret_down,
    checkbox,
    circle,
    highlight,
    kebab,
    label,
    menu_panel,
    pointer,
    rect,
    shadow,
)
from phone_common import (
    APP_COLORS,
    phones,
)


def android_chrome_menu(n_button, n_item):
    def draw(sx, sy, sw, sh):
        parts = [
            rect(sx + 6, sy + 4, sw - 30, 18, fill=GREY_SOFT, rx=9),
            label(sx + 14, sy + 13, 50, 5, fill=GREY),
        ]
        bx, by = sx + sw - 12, sy + 13
        parts.append(kebab(bx, by))
        for i in range(7):
            parts.append(label(sx + 12, sy + 50 + i * 16, 90 - (i % 3) * 20, 5, fill=GREY_SOFT))
        mx, my, mw = sx + 30, sy + 26, sw - 34
        # Chrome's menu starts with a row of icons (forward, bookmark, download, info, reload).
        rows = [1, 0, 60, 50, 70, 0, 55, 44, 66, 0, 48, 36]
        menu, centres = menu_panel(mx, my, mw, rows, row_h=17, highlight_row=10, icons=False)
        parts += menu
        icon_y = centres[0][1]
        for i in range(5):
            parts.append(
                rect(mx + 8 + i * 14, icon_y - 4, 8, 8, fill="none", stroke=GREY_DARK, sw=1.3, rx=2)
            )
        parts.append(highlight(bx - 6, by - 9, 12, 18, rx=4))
        parts.append(callout(n_button, sx + sw + 14, sy - 2))
        parts.append(arrow(sx + sw + 5, sy + 4, bx + 6, by - 2))
        cy = centres[10][1]
        parts.append(pointer(n_item, sx - 6, cy + 26, mx + 6, cy + 8))
        return parts

    return draw


def android_list(n, highlight_row, widths=(70, 50, 80, 60, 66, 44, 70, 54), title_w=50):
    def draw(sx, sy, sw, sh):
        parts = [
            f'<polyline points="{sx + 16},{sy + 6} {sx + 11},{sy + 11} {sx + 16},{sy + 16}" fill="none" stroke="{INK}" stroke-width="1.6"/>',
            label(sx + 26, sy + 11, title_w, 7, fill=INK),
        ]
        y = sy + 26
        centres = []
        for i, lw in enumerate(widths):
            cy = y + i * 24 + 12
            if i == highlight_row:
                parts.append(
                    rect(sx + 4, cy - 11, sw - 8, 22, fill=BLUE_LIGHT, stroke=BLUE, sw=1.5, rx=6)
                )
            parts.append(rect(sx + 12, cy - 5, 10, 10, fill="none", stroke=GREY_DARK, sw=1.2, rx=2))
            parts.append(label(sx + 30, cy - 3, lw, 5, fill=INK if i == highlight_row else GREY))
            parts.append(label(sx + 30, cy + 5, lw * 0.6, 3, fill=GREY_LINE))
            centres.append(cy)
        cy = centres[highlight_row]
        parts.append(pointer(n, sx + sw / 2, min(cy + 50, sy + sh - 30), sx + sw / 2, cy + 13))
        return parts

    return draw


def android_delete_screen(n_range, n_tick, n_button):
    def draw(sx, sy, sw, sh):
        parts = [
            f'<polyline points="{sx + 16},{sy + 6} {sx + 11},{sy + 11} {sx + 16},{sy + 16}" fill="none" stroke="{INK}" stroke-width="1.6"/>',
            label(sx + 26, sy + 11, 70, 7, fill=INK),
        ]
        y = sy + 28
        parts.append(label(sx + 10, y, 40, 4, fill=GREY))
        parts.append(rect(sx + 8, y + 6, sw - 16, 20, fill=WHITE, stroke=GREY, rx=4))
        parts.append(label(sx + 16, y + 16, 40, 5, fill=INK))
        parts.append(caret_down(sx + sw - 18, y + 16))
        parts.append(highlight(sx + 8, y + 6, sw - 16, 20))
        range_y = y + 16
        ty = y + 40
        centres = []
        for i in range(3):
            cy = ty + i * 30 + 12
            on = i == 2
            if on:
                parts.append(rect(sx + 4, cy - 13, sw - 8, 26, fill=BLUE_LIGHT, rx=6))
            parts.append(label(sx + 12, cy - 4, 60 + i * 6, 5, fill=INK if on else GREY))
            parts.append(label(sx + 12, cy + 5, 40, 3, fill=GREY_LINE))
            parts.append(checkbox(sx + sw - 26, cy - 6, checked=on))
            centres.append(cy)
        parts.append(label(sx + 12, ty + 100, 50, 5, fill=GREY))
        parts.append(button(sx + sw - 74, sy + sh - 48, 66, 22, primary=True))
        parts.append(highlight(sx + sw - 74, sy + sh - 48, 66, 22, rx=11))
        parts.append(pointer(n_range, sx - 40, range_y, sx + 4, range_y))
        parts.append(pointer(n_tick, sx + sw + 40, centres[2], sx + sw - 11, centres[2]))
        parts.append(pointer(n_button, sx + sw + 40, sy + sh - 37, sx + sw - 5, sy + sh - 37))
        return parts

    return draw


def chrome_android_clear_cache_1():
    return phones(
        "android",
        [
            android_chrome_menu(1, 2),
            android_list(3, 4, title_w=30),
            android_list(4, 0, widths=(80, 60, 70, 50, 66), title_w=70),
        ],
    )


def chrome_android_clear_cache_2():
    return phones("android", [android_list_done(), android_delete_screen(5, 6, 7)])


def android_list_done():
    def draw(sx, sy, sw, sh):
        return android_list(4, 0, widths=(80, 60, 70, 50, 66), title_w=70)(sx, sy, sw, sh)[:-1]

    return draw


def play_store_home(n):
    def draw(sx, sy, sw, sh):
        parts = [
            rect(sx + 6, sy + 4, sw - 32, 20, fill=GREY_SOFT, rx=10),
            circle(sx + 18, sy + 14, 4, fill="none", stroke=GREY_DARK, sw=1.4),
            label(sx + 28, sy + 14, 44, 5, fill=GREY),
        ]
        px, py = sx + sw - 14, sy + 14
        parts += [circle(px, py, 8, fill="#a78bfa"), highlight(px - 8, py - 8, 16, 16, rx=8)]
        for r in range(3):
            for c in range(3):
                parts.append(
                    rect(
                        sx + 10 + c * 38,
                        sy + 40 + r * 52,
                        30,
                        30,
                        fill=APP_COLORS[(r * 3 + c) % 8],
                        rx=7,
                    )
                )
                parts.append(label(sx + 12 + c * 38, sy + 78 + r * 52, 24, 3, fill=GREY_LINE))
        parts.append(callout(n, sx + sw + 14, sy - 2))
        parts.append(arrow(sx + sw + 5, sy + 4, px + 7, py - 4))
        return parts

    return draw


def play_store_account(n):
    def draw(sx, sy, sw, sh):
        parts = [rect(sx, sy - 15, sw, sh + 15, fill=GREY_SOFT, rx=18)]
        x, y, w = sx + 6, sy + 10, sw - 12
        parts += [shadow(x, y, w, 170, rx=12), rect(x, y, w, 170, fill=WHITE, rx=12)]
        parts += [
            circle(x + 18, y + 20, 9, fill="#a78bfa"),
            label(x + 34, y + 17, 50, 6, fill=INK),
            label(x + 34, y + 27, 60, 4, fill=GREY),
        ]
        rows, centres = [], []
        for i in range(5):
            cy = y + 54 + i * 22
            if i == 0:
                rows.append(
                    rect(x + 4, cy - 10, w - 8, 20, fill=BLUE_LIGHT, stroke=BLUE, sw=1.5, rx=5)
                )
            rows += [
                rect(x + 12, cy - 5, 10, 10, fill="none", stroke=GREY_DARK, sw=1.2, rx=2),
                label(x + 30, cy, 36 + (i * 13) % 24, 5, fill=INK if i == 0 else GREY),
            ]
            centres.append(cy)
        parts += rows
        parts.append(pointer(n, x + w - 18, centres[0] + 40, x + w - 24, centres[0] + 12))
        return parts

    return draw


def play_store_updates(n):
    def draw(sx, sy, sw, sh):
        parts = [
            f'<polyline points="{sx + 16},{sy + 6} {sx + 11},{sy + 11} {sx + 16},{sy + 16}" fill="none" stroke="{INK}" stroke-width="1.6"/>',
            label(sx + 26, sy + 11, 60, 7, fill=INK),
        ]
        parts.append(label(sx + 10, sy + 34, 70, 5, fill=GREY))
        centres = []
        for i in range(5):
            cy = sy + 56 + i * 34
            parts += [
                rect(sx + 8, cy - 12, 24, 24, fill=APP_COLORS[(i + 2) % 8], rx=6),
                label(sx + 38, cy - 4, 36, 5, fill=INK if i == 1 else GREY),
                label(sx + 38, cy + 6, 24, 3, fill=GREY_LINE),
            ]
            parts.append(button(sx + sw - 44, cy - 9, 36, 18, primary=(i == 1), label_w=18))
            centres.append(cy)
        parts.append(highlight(sx + sw - 44, centres[1] - 9, 36, 18, rx=9))
        parts.append(pointer(n, sx + sw - 26, centres[1] + 60, sx + sw - 26, centres[1] + 13))
        return parts

    return draw


def chrome_android_update_1():
    return phones("android", [play_store_home(1), play_store_account(2), play_store_updates(3)])


DRAWINGS = {
    "chrome_android_clear_cache_1": chrome_android_clear_cache_1,
    "chrome_android_clear_cache_2": chrome_android_clear_cache_2,
    "chrome_android_update_1": chrome_android_update_1,
}
