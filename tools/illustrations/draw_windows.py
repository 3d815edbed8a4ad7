"""Internet Explorer and Windows drawings (Internet Options, search, Windows Update)."""

from desktop_common import (
    checkbox_list,
    page_content,
    settings_page,
)
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
    browser_window,
    button,
    checkbox,
    chevron,
    circle,
    dim,
    gear,
    highlight,
    label,
    line,
    menu_panel,
    pointer,
    rect,
    refresh_icon,
    shadow,
    text,
)

OPTION_TABS = (34, 40, 38, 42, 40, 38, 36)


def tabbed_dialog(x, y, w, h, tabs, active):
    """A classic Windows dialog with tabs; returns parts and tab centres."""
    parts = [
        shadow(x, y, w, h, rx=4),
        rect(x, y, w, h, fill=GREY_BG, stroke=GREY, rx=4),
        rect(x, y, w, 22, fill=WHITE, rx=4),
        label(x + 10, y + 11, 80, 6, fill=INK),
        line(x + w - 16, y + 7, x + w - 8, y + 15, stroke=GREY_DARK, sw=1.3),
        line(x + w - 8, y + 7, x + w - 16, y + 15, stroke=GREY_DARK, sw=1.3),
        rect(x + 8, y + 44, w - 16, h - 80, fill=WHITE, stroke=GREY),
    ]
    centres = []
    tx = x + 10
    for i, tw in enumerate(tabs):
        if i == active:
            parts.append(rect(tx - 2, y + 26, tw + 4, 19, fill=WHITE, stroke=GREY))
            parts.append(line(tx - 1, y + 44, tx + tw + 1, y + 44, stroke=WHITE, sw=1.5))
        else:
            parts.append(rect(tx, y + 28, tw, 16, fill=GREY_SOFT, stroke=GREY))
        parts.append(label(tx + 6, y + 36, tw - 12, 4, fill=INK if i == active else GREY_DARK))
        centres.append(tx + tw / 2)
        tx += tw + 2
    # OK, Cancel, Apply
    for i in range(3):
        parts.append(
            rect(
                x + w - 190 + i * 62,
                y + h - 28,
                56,
                18,
                fill=WHITE,
                stroke=GREY_DARK if i == 0 else GREY,
                rx=2,
            )
        )
        parts.append(label(x + w - 176 + i * 62, y + h - 19, 28, 4, fill=GREY_DARK))
    return parts, centres


def ie_tools_menu():
    parts, top, (gx, gy) = browser_window("ie")
    parts += page_content(40, top + 26, 200)
    rows = [60, 80, 70, 50, 0, 76, 60, 90, 70, 0, 84, 60]
    menu, centres = menu_panel(
        282, 30, 166, rows, row_h=16, chevrons=(0, 1), highlight_row=10, icons=False
    )
    parts += menu
    parts.append(highlight(gx - 9, gy - 9, 18, 18, rx=4))
    parts.append(pointer(1, 459, 62, gx + 1, gy + 10))
    parts.append(pointer(2, 230, centres[10][1], 280, centres[10][1]))
    return parts


def ie_window_dimmed():
    parts, top, _ = browser_window("ie")
    parts += page_content(40, top + 26, 260)
    parts.append(dim(9, top + 1, 462, 245))
    return parts


def ie_internet_options_general():
    parts = ie_window_dimmed()
    x, y, w, h = 110, 16, 270, 292
    dlg, tabs = tabbed_dialog(x, y, w, h, OPTION_TABS[:6], active=0)
    parts += dlg
    # three group boxes: home page, browsing history, appearance
    parts += [
        label(x + 20, y + 60, 50, 5, fill=GREY_DARK),
        rect(x + 20, y + 68, w - 40, 34, fill=WHITE, stroke=GREY_SOFT),
    ]
    parts += [label(x + 20, y + 118, 60, 5, fill=INK)]
    parts += [rect(x + 18, y + 124, w - 36, 66, fill=WHITE, stroke=BLUE_LIGHT, sw=2)]
    parts += [
        label(x + 28, y + 138, 200, 4, fill=GREY_LINE),
        label(x + 28, y + 148, 160, 4, fill=GREY_LINE),
        checkbox(x + 28, y + 158, size=10),
    ]
    parts += [label(x + 44, y + 163, 110, 4, fill=GREY)]
    bx, by = x + w - 150, y + 168
    parts += [
        rect(bx, by, 60, 16, fill=WHITE, stroke=GREY_DARK, rx=2),
        label(bx + 14, by + 8, 32, 4, fill=INK),
    ]
    parts += [
        rect(bx + 66, by, 60, 16, fill=WHITE, stroke=GREY, rx=2),
        label(bx + 80, by + 8, 32, 4, fill=GREY_DARK),
    ]
    parts += [label(x + 20, y + 206, 50, 5, fill=GREY_DARK)]
    for i in range(4):
        parts.append(rect(x + 20 + i * 58, y + 214, 52, 16, fill=WHITE, stroke=GREY, rx=2))
    parts.append(highlight(tabs[0] - 14, y + 26, 28, 18, rx=2))
    parts.append(highlight(bx, by, 60, 16, rx=2))
    parts.append(pointer(3, 436, by - 36, bx + 48, by - 3))
    return parts


def ie_delete_history():
    parts = ie_window_dimmed()
    x, y, w, h = 120, 24, 250, 276
    parts += [
        shadow(x, y, w, h, rx=4),
        rect(x, y, w, h, fill=GREY_BG, stroke=GREY, rx=4),
        rect(x, y, w, 22, fill=WHITE, rx=4),
        label(x + 10, y + 11, 90, 6, fill=INK),
    ]
    rows, centres = checkbox_list(
        x + 16, y + 30, w - 32, 7, tick_rows={1}, row_h=30, highlight_row=1, sub=True
    )
    parts += rows
    for i in range(2):
        parts.append(
            rect(
                x + w - 136 + i * 64,
                y + h - 28,
                58,
                18,
                fill=WHITE,
                stroke=GREY_DARK if i == 0 else GREY,
                rx=2,
            )
        )
        parts.append(label(x + w - 122 + i * 64, y + h - 19, 30, 4, fill=GREY_DARK))
    parts.append(highlight(x + w - 136, y + h - 28, 58, 18, rx=2))
    parts.append(pointer(4, 70, centres[1], x + 12, centres[1]))
    parts.append(pointer(5, 420, y + h - 19, x + w - 75, y + h - 19))
    return parts


def internet_options_advanced(under):
    parts = under
    x, y, w, h = 110, 16, 270, 292
    dlg, tabs = tabbed_dialog(x, y, w, h, OPTION_TABS[:6], active=5)
    parts += dlg
    # a long list of settings with checkboxes; TLS 1.2 ticked
    ly = y + 56
    parts.append(rect(x + 16, ly - 6, w - 32, 178, fill=WHITE, stroke=GREY_SOFT))
    parts.append(rect(x + 17, ly - 5, 10, 10, fill=GREY_SOFT))
    parts.append(label(x + 32, ly, 60, 5, fill=INK))
    ticks = [1, 0, 1, 1, 0, 0, 1, 0, 1]
    tls_row = 6
    for i, t in enumerate(ticks):
        cy = ly + 18 + i * 17
        if i == tls_row:
            parts.append(rect(x + 20, cy - 8, w - 60, 16, fill=BLUE_LIGHT, rx=3))
            parts.append(checkbox(x + 32, cy - 5, checked=True, size=10))
            parts.append(text(x + 48, cy + 4, "TLS 1.2", size=11, fill=INK, weight="bold"))
            tls_y = cy
            continue
        parts.append(checkbox(x + 32, cy - 5, checked=bool(t), size=10, color=GREY_DARK))
        parts.append(label(x + 48, cy, 60 + (i * 31) % 80, 4, fill=GREY))
    parts.append(rect(x + w - 24, ly - 5, 7, 176, fill=GREY_SOFT, rx=3))
    parts.append(rect(x + w - 24, ly + 70, 7, 40, fill=GREY, rx=3))
    parts.append(highlight(tabs[5] - 18, y + 26, 36, 18, rx=2))
    parts.append(pointer(3, 430, y + 35, tabs[5] + 22, y + 35))
    parts.append(pointer(4, 70, tls_y, x + 28, tls_y))
    parts.append(highlight(x + w - 190, y + h - 28, 56, 18, rx=2))
    parts.append(pointer(5, 70, y + h - 19, x + w - 194, y + h - 19))
    return parts


def ie_internet_options_advanced():
    return internet_options_advanced(ie_window_dimmed())


def windows_search_internet_options():
    """Windows desktop: search box on the taskbar, Internet Options in the results."""
    parts = [rect(8, 8, 464, 304, fill="#e0e7ff", stroke=GREY, rx=10)]
    parts += [rect(9, 280, 462, 31, fill=GREY_SOFT), line(9, 280, 471, 280, stroke=GREY_LINE)]
    # start button: four squares, then the search box
    for dx, dy in ((0, 0), (9, 0), (0, 9), (9, 9)):
        parts.append(rect(24 + dx, 287 + dy, 7, 7, fill=GREY_DARK, rx=1))
    parts += [
        rect(50, 285, 170, 21, fill=WHITE, stroke=GREY, rx=10),
        circle(64, 295.5, 4, fill="none", stroke=GREY_DARK, sw=1.4),
        line(67, 298.5, 70, 301.5, stroke=GREY_DARK, sw=1.4),
        label(76, 295.5, 90, 5, fill=INK),
    ]
    for i in range(4):
        parts.append(rect(236 + i * 26, 287, 18, 18, fill=GREY_LINE, rx=3))
    # the results panel above the search box
    px, py, pw, ph = 30, 40, 300, 234
    parts += [
        shadow(px, py, pw, ph, rx=8),
        rect(px, py, pw, ph, fill=WHITE, stroke=GREY_LINE, rx=8),
    ]
    parts += [label(px + 14, py + 18, 60, 5, fill=GREY_DARK)]
    best = (px + 10, py + 28, pw - 20, 40)
    parts += [
        rect(*best, fill=BLUE_LIGHT, stroke=BLUE, sw=1.5, rx=6),
        rect(px + 20, py + 36, 24, 24, fill=WHITE, stroke=GREY, rx=4),
        gear(px + 32, py + 48, r=5, color=GREY_DARK),
        label(px + 54, py + 42, 120, 7, fill=INK),
        label(px + 54, py + 56, 70, 4, fill=GREY),
    ]
    for i in range(4):
        yy = py + 92 + i * 28
        parts += [
            rect(px + 20, yy - 8, 16, 16, fill=GREY_SOFT, rx=3),
            label(px + 46, yy, 100 + (i * 37) % 70, 5, fill=GREY),
        ]
    parts.append(highlight(50, 285, 170, 21, rx=10))
    parts.append(pointer(1, 260, 255, 216, 283))
    parts.append(pointer(2, 380, py + 48, px + pw - 8, py + 48))
    return parts


def windows_update():
    """Windows Settings, Windows Update page: the 'check for updates' button."""
    parts = [
        rect(8, 8, 464, 304, fill=GREY_BG, stroke=GREY, rx=10),
        rect(9, 9, 462, 26, fill=WHITE, rx=9),
        label(20, 22, 50, 5, fill=GREY_DARK),
    ]
    sp, sc = settings_page(9, 36, 462, 275, side_rows=9, side_active=8, side_w=130)
    parts += sp
    cx, cy, cw = 156, 56, 300
    parts += [label(cx, cy + 4, 120, 10, fill=INK)]
    parts += [
        rect(cx, cy + 24, cw, 70, fill=WHITE, stroke=GREY_SOFT, rx=6),
        refresh_icon(cx + 32, cy + 59, r=12),
        label(cx + 60, cy + 52, 110, 7, fill=INK),
        label(cx + 60, cy + 66, 80, 5, fill=GREY_LINE),
    ]
    parts.append(button(cx + cw - 108, cy + 49, 96, 20, primary=True))
    for i in range(3):
        yy = cy + 110 + i * 40
        parts += [
            rect(cx, yy, cw, 34, fill=WHITE, stroke=GREY_SOFT, rx=6),
            rect(cx + 12, yy + 10, 14, 14, fill="none", stroke=GREY, rx=3),
            label(cx + 36, yy + 17, 100 + i * 20, 6, fill=GREY),
            chevron(cx + cw - 16, yy + 17),
        ]
    parts.append(highlight(cx + cw - 108, cy + 49, 96, 20, rx=10))
    parts.append(pointer(1, 40, 270, 40, sc[8] + 12))
    parts.append(pointer(2, cx + cw - 60, cy + 130, cx + cw - 60, cy + 74))
    return parts


def edge_internet_options_advanced():
    """The same Internet Options dialog, opened from the Windows search (Edge's case)."""
    under = [
        rect(8, 8, 464, 304, fill="#e0e7ff", stroke=GREY, rx=10),
        rect(9, 280, 462, 31, fill=GREY_SOFT),
    ]
    return internet_options_advanced(under)


DRAWINGS = {
    "ie_tools_menu": ie_tools_menu,
    "ie_internet_options_general": ie_internet_options_general,
    "ie_delete_history": ie_delete_history,
    "ie_internet_options_advanced": ie_internet_options_advanced,
    "windows_search_internet_options": windows_search_internet_options,
    "windows_update": windows_update,
    "edge_internet_options_advanced": edge_internet_options_advanced,
}
