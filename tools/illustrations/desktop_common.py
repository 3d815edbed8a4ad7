"""Shared pieces of the desktop browser drawings: page, settings, menus, about card."""

from parts import (
    BLUE,
    BLUE_LIGHT,
    GREY,
    GREY_LINE,
    GREY_SOFT,
    INK,
    PANEL,
    WHITE,
    browser_window,
    button,
    caret_down,
    check_mark,
    checkbox,
    circle,
    highlight,
    label,
    line,
    menu_panel,
    pointer,
    rect,
    refresh_icon,
    shadow,
)


def page_content(x, y, w=200, rows=6):
    """Grey lines standing for the web page behind the menus."""
    parts = [rect(x, y, w * 0.6, 10, fill=GREY_SOFT, rx=3)]
    for i in range(rows):
        parts.append(label(x, y + 26 + i * 16, w - (i % 3) * 30, 6, fill=GREY_SOFT))
    return parts


def settings_page(x, y, w, h, side_rows=8, side_active=None, side_w=110):
    """A settings tab: sidebar of sections on the left, cards on the right."""
    parts = [rect(x, y, side_w, h, fill=PANEL)]
    centres = []
    for i in range(side_rows):
        cy = y + 18 + i * 22
        if i == side_active:
            parts.append(
                rect(x + 4, cy - 9, side_w - 8, 18, fill=BLUE_LIGHT, stroke=BLUE, sw=1.5, rx=9)
            )
        parts.append(
            rect(
                x + 12,
                cy - 4,
                8,
                8,
                fill="none",
                stroke=INK if i == side_active else GREY,
                sw=1.2,
                rx=2,
            )
        )
        parts.append(label(x + 26, cy, 40 + (i * 17) % 34, fill=INK if i == side_active else GREY))
        centres.append(cy)
    return parts, centres


def update_menu(kind, rows, help_row, sub_rows=(110, 60, 70, 80), row_h=16):
    """The browser menu with its Help submenu open upwards; call-outs 1, 2, 3."""
    parts, top, (bx, by) = browser_window(kind)
    parts += page_content(40, top + 26, 160)
    menu, centres = menu_panel(
        300,
        top + 4,
        160,
        rows,
        row_h=row_h,
        chevrons=(help_row,),
        highlight_row=help_row,
        icons=kind != "firefox",
    )
    parts += menu
    hy = centres[help_row][1]
    assert hy <= 262, hy
    sub_h = len(sub_rows) * 18 + 8
    sub, sc = menu_panel(146, hy - sub_h + 13, 150, list(sub_rows), row_h=18, highlight_row=0)
    parts += sub
    parts.append(highlight(bx - 9, by - 9, 18, 18, rx=6))
    parts.append(pointer(1, 398, by, bx - 13, by))
    parts.append(pointer(2, 430, hy + 34, 420, hy + 9))
    parts.append(pointer(3, 120, sc[0][1], 144, sc[0][1]))
    return parts


def about_card(x, y, w, button_w=80, state="restart"):
    """The 'About' page card: name, version line with status icon, relaunch button."""
    parts = [
        shadow(x, y, w, 110, rx=8),
        rect(x, y, w, 110, fill=WHITE, stroke=GREY_SOFT, rx=8),
        circle(x + 26, y + 26, 12, fill=GREY_SOFT, stroke=GREY, sw=1.2),
        circle(x + 26, y + 26, 5, fill=GREY),
        label(x + 46, y + 26, 70, 8, fill=INK),
        line(x, y + 50, x + w, y + 50, stroke=GREY_SOFT),
    ]
    status = (
        refresh_icon(x + 26, y + 78, r=8)
        if state == "checking"
        else circle(x + 26, y + 78, 9, fill="#16a34a") + check_mark(x + 20, y + 72, 12)
    )
    parts += [
        status,
        label(x + 46, y + 73, 120, 6, fill=INK),
        label(x + 46, y + 85, 90, 5, fill=GREY_LINE),
    ]
    parts.append(button(x + w - button_w - 14, y + 69, button_w, 20, primary=True))
    return parts


def about_page(kind):
    parts, top, _ = browser_window(kind)
    sp, _ = settings_page(9, top + 1, 462, 245, side_active=7)
    parts += sp
    parts.append(label(140, top + 24, 90, 7, fill=GREY))
    parts += about_card(136, top + 40, 310)
    parts.append(pointer(4, 160, top + 200, 162, top + 132))
    parts.append(highlight(136 + 310 - 94, top + 40 + 69, 80, 20, rx=10))
    parts.append(pointer(5, 420, top + 200, 405, top + 135))
    return parts


def checkbox_list(x, y, w, n, tick_rows, row_h=24, highlight_row=None, sub=False):
    parts, centres = [], []
    for i in range(n):
        cy = y + row_h * i + row_h / 2
        if i == highlight_row:
            parts.append(rect(x - 4, cy - row_h / 2 + 2, w + 8, row_h - 4, fill=BLUE_LIGHT, rx=5))
        parts.append(checkbox(x, cy - 6, checked=(i in tick_rows)))
        if sub:
            parts.append(
                label(
                    x + 22, cy - 4, 70 + (i * 29) % 50, 6, fill=INK if i == highlight_row else GREY
                )
            )
            parts.append(label(x + 22, cy + 6, 120 - (i * 13) % 40, 4, fill=GREY_LINE))
        else:
            parts.append(
                label(x + 22, cy, 70 + (i * 29) % 60, 6, fill=INK if i == highlight_row else GREY)
            )
        centres.append(cy)
    return parts, centres


def dropdown(x, y, w, h=20):
    return (
        rect(x, y, w, h, fill=WHITE, stroke=GREY, rx=4)
        + label(x + 10, y + h / 2, w * 0.45, 6, fill=INK)
        + caret_down(x + w - 14, y + h / 2)
    )
