"""Safari on Mac drawings (menu bar, Safari settings, System Settings)."""

from parts import (
    BLUE,
    BLUE_LIGHT,
    GREY,
    GREY_BG,
    GREY_DARK,
    GREY_LINE,
    GREY_SOFT,
    INK,
    PANEL,
    WHITE,
    button,
    caret_down,
    checkbox,
    circle,
    gear,
    highlight,
    label,
    line,
    list_rows,
    mac_menubar,
    mac_window,
    menu_panel,
    pointer,
    rect,
    refresh_icon,
    toggle,
)

ROW_COLORS = ("#60a5fa", "#9ca3af", "#34d399", "#f87171", "#a78bfa", "#fbbf24")


def mac_desktop():
    return [rect(0, 0, 480, 320, fill="#e0e7ff")]


def mac_safari_behind():
    parts = mac_window(40, 40, 400, 264)
    parts += [label(150, 55, 140, 5, fill=GREY)]
    for i in range(6):
        parts.append(label(70, 100 + i * 22, 300 - (i % 3) * 60, 6, fill=GREY_SOFT))
    return parts


def mac_dropdown(x, rows, highlight_row, y=21, w=170, chevrons=()):
    return menu_panel(
        x, y, w, rows, row_h=17, highlight_row=highlight_row, icons=False, chevrons=chevrons
    )


def safari_mac_clear_cache_1():
    parts = mac_desktop() + mac_safari_behind()
    bar, items = mac_menubar(open_index=0)
    parts += bar
    menu, centres = mac_dropdown(
        items[0][0] - 6, [70, 0, 90, 60, 0, 80, 70, 0, 50, 60, 0, 60], highlight_row=3, w=150
    )
    parts += menu
    parts.append(pointer(1, 222, 40, items[0][1] + 6, 13))
    parts.append(pointer(2, 222, centres[3][1], 176, centres[3][1]))
    return parts


def safari_mac_clear_cache_2():
    parts = mac_desktop() + mac_safari_behind()
    bar, _ = mac_menubar()
    parts += bar
    x, y, w, h = 70, 36, 340, 270
    parts += mac_window(x, y, w, h, toolbar=False)
    parts.append(label(x + w / 2 - 30, y + 15, 60, 6, fill=INK))
    # the tab bar of icons; the last one (advanced) is chosen
    tx = x + 18
    for i in range(8):
        last = i == 7
        if last:
            parts.append(rect(tx - 4, y + 36, 38, 36, fill=BLUE_LIGHT, stroke=BLUE, sw=1.5, rx=6))
            parts.append(gear(tx + 15, y + 49, r=6, color=INK))
        else:
            parts.append(rect(tx + 8, y + 42, 14, 14, fill="none", stroke=GREY_DARK, sw=1.3, rx=3))
        parts.append(label(tx + 3, y + 65, 24, 4, fill=INK if last else GREY))
        tx += 39
    parts.append(line(x + 1, y + 78, x + w - 1, y + 78, stroke=GREY_SOFT))
    # settings rows: a label on the left, a control on the right
    for i in range(5):
        ry = y + 96 + i * 26
        parts.append(label(x + 30, ry, 70, 5, fill=GREY))
        if i % 2:
            parts.append(checkbox(x + 130, ry - 6, checked=False))
            parts.append(label(x + 150, ry, 110, 5, fill=GREY))
        else:
            parts.append(rect(x + 130, ry - 9, 120, 18, fill=WHITE, stroke=GREY_LINE, rx=4))
            parts.append(caret_down(x + 240, ry))
    ry = y + h - 34
    parts.append(rect(x + 120, ry - 12, 200, 24, fill=BLUE_LIGHT, rx=5))
    parts.append(checkbox(x + 130, ry - 6, checked=True))
    parts.append(label(x + 150, ry, 140, 6, fill=INK))
    parts.append(pointer(3, x + w + 30, y + 100, x + w - 10, y + 60))
    parts.append(pointer(4, 40, ry, x + 126, ry))
    return parts


def safari_mac_clear_cache_3():
    parts = mac_desktop() + mac_safari_behind()
    bar, items = mac_menubar(app_items=(34, 26, 26, 30, 40, 44, 30), open_index=5)
    parts += bar
    menu, centres = mac_dropdown(
        items[5][0] - 6, [90, 70, 0, 80, 0, 110, 60, 0, 70, 90], highlight_row=3
    )
    parts += menu
    parts.append(pointer(5, items[5][1] + 60, 40, items[5][1] + 8, 14))
    parts.append(pointer(6, items[5][0] - 40, centres[3][1] + 40, items[5][0] - 8, centres[3][1]))
    return parts


def safari_mac_update_1():
    parts = mac_desktop() + mac_safari_behind()
    bar, _ = mac_menubar()
    parts += bar
    parts.append(rect(6, 2, 16, 16, fill=BLUE, rx=4))
    parts.append(circle(14, 10, 5, fill=WHITE))
    menu, centres = mac_dropdown(6, [90, 0, 110, 80, 0, 70, 0, 60, 60, 70], highlight_row=2, w=180)
    parts += menu
    parts.append(pointer(1, 214, 34, 25, 12))
    parts.append(pointer(2, 240, centres[2][1], 188, centres[2][1]))
    return parts


def system_settings(active, content):
    parts = mac_desktop()
    bar, _ = mac_menubar()
    parts += bar
    x, y, w, h = 24, 30, 432, 280
    parts += mac_window(x, y, w, h, toolbar=False)
    parts.append(rect(x + 1, y + 32, 130, h - 33, fill=PANEL))
    parts.append(rect(x + 10, y + 40, 112, 16, fill=WHITE, stroke=GREY_LINE, rx=5))
    centres = []
    for i in range(9):
        cy = y + 72 + i * 22
        if i == active:
            parts.append(rect(x + 6, cy - 10, 120, 20, fill=BLUE, rx=5))
        parts.append(
            rect(
                x + 14,
                cy - 6,
                12,
                12,
                fill=ROW_COLORS[i % len(ROW_COLORS)] if i != active else WHITE,
                rx=3,
            )
        )
        parts.append(
            label(x + 32, cy, 50 + (i * 19) % 30, 5, fill=WHITE if i == active else GREY_DARK)
        )
        centres.append(cy)
    parts += content(x + 146, y + 40, w - 160)
    return parts, centres


def safari_mac_update_2():
    def content(cx, cy, cw):
        parts = [label(cx, cy + 6, 80, 9, fill=INK)]
        rows, rc = list_rows(
            cx, cy + 26, cw, [60, 90, 70, 80, 50, 70], row_h=26, highlight_row=1, bg=GREY_BG
        )
        parts += rows
        parts.append(pointer(4, cx + cw - 60, cy + 140, cx + cw - 60, rc[1] + 14))
        return parts

    parts, centres = system_settings(active=1, content=content)
    parts.append(pointer(3, 90, 300, 90, centres[1] + 12))
    return parts


def safari_mac_update_3():
    def content(cx, cy, cw):
        parts = [label(cx, cy + 6, 100, 9, fill=INK)]
        parts += [
            rect(cx, cy + 26, cw, 90, fill=GREY_BG, rx=8),
            refresh_icon(cx + 30, cy + 56, r=12),
        ]
        parts += [
            label(cx + 56, cy + 50, 120, 7, fill=INK),
            label(cx + 56, cy + 64, 90, 5, fill=GREY),
        ]
        parts.append(button(cx + cw - 104, cy + 84, 92, 20, primary=True))
        parts.append(highlight(cx + cw - 104, cy + 84, 92, 20, rx=10))
        parts += [
            rect(cx, cy + 130, cw, 60, fill=GREY_BG, rx=8),
            label(cx + 14, cy + 150, 110, 5, fill=GREY),
            toggle(cx + cw - 40, cy + 143),
        ]
        parts.append(label(cx + 14, cy + 172, 80, 5, fill=GREY))
        parts.append(pointer(5, cx + cw - 58, cy + 220, cx + cw - 58, cy + 108))
        return parts

    parts, _ = system_settings(active=1, content=content)
    return parts


DRAWINGS = {
    "safari_mac_clear_cache_1": safari_mac_clear_cache_1,
    "safari_mac_clear_cache_2": safari_mac_clear_cache_2,
    "safari_mac_clear_cache_3": safari_mac_clear_cache_3,
    "safari_mac_update_1": safari_mac_update_1,
    "safari_mac_update_2": safari_mac_update_2,
    "safari_mac_update_3": safari_mac_update_3,
}
