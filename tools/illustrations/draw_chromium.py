"""Chrome and Edge drawings."""

from desktop_common import (
    about_page,
    checkbox_list,
    dropdown,
    page_content,
    settings_page,
    update_menu,
)
from parts import (
    BLUE,
    BLUE_LIGHT,
    GREY,
    GREY_DARK,
    GREY_LINE,
    GREY_SOFT,
    INK,
    PANEL,
    WHITE,
    browser_window,
    button,
    caret_down,
    checkbox,
    chevron,
    dialog,
    dim,
    highlight,
    label,
    line,
    menu_panel,
    pointer,
    rect,
    shadow,
    toggle,
)


def chrome_clear_cache_1():
    parts, top, (bx, by) = browser_window("chrome")
    parts += page_content(40, top + 26, 220)
    rows = [56, 70, 88, 0, 60, 40, 54, 72, 96, 0, 40, 0, 44, 50]
    menu, centres = menu_panel(292, top + 4, 168, rows, row_h=16, chevrons=(5, 7), highlight_row=8)
    parts += menu
    parts.append(highlight(bx - 9, by - 9, 18, 18, rx=6))
    parts.append(pointer(1, 398, by, bx - 13, by))
    parts.append(pointer(2, 246, centres[8][1], 290, centres[8][1]))
    return parts


def chrome_dialog_rows(dx, dy, dw, tick_row, row_h=30):
    parts = []
    centres = []
    for i in range(4):
        cy = dy + row_h * i + row_h / 2
        if i == tick_row:
            parts.append(rect(dx + 4, cy - row_h / 2 + 3, dw - 8, row_h - 6, fill=BLUE_LIGHT, rx=5))
        parts.append(checkbox(dx + 12, cy - 6, checked=(i == tick_row)))
        parts.append(
            label(dx + 34, cy - 5, 60 + (i * 23) % 40, 6, fill=INK if i == tick_row else GREY)
        )
        parts.append(label(dx + 34, cy + 6, 34, 4, fill=GREY_LINE))
        centres.append(cy)
    return parts, centres


def chrome_clear_cache_2():
    parts, top, _ = browser_window("chrome", address=None)
    sp, _ = settings_page(9, top + 1, 462, 245, side_active=2)
    parts += sp
    parts += [rect(140, top + 20, 300, 120, fill=WHITE, stroke=GREY_SOFT, rx=6)]
    parts.append(dim(9, top + 1, 462, 245))
    dx, dy, dw, dh = 110, top + 10, 280, 228
    parts += dialog(dx, dy, dw, dh, title_w=100)
    # time range chips; the last one ("more") is open
    cx = dx + 14
    for i, cw in enumerate((40, 40, 44, 40, 46)):
        last = i == 4
        parts.append(
            rect(
                cx,
                dy + 34,
                cw,
                16,
                fill=BLUE_LIGHT if i == 1 else WHITE,
                stroke=BLUE if last else GREY_LINE,
                sw=1.5 if last else 1,
                rx=4,
            )
        )
        parts.append(label(cx + 6, dy + 42, cw - (20 if last else 12), 4, fill=GREY_DARK))
        if last:
            parts.append(caret_down(cx + cw - 8, dy + 42, size=3))
            chip_x = cx
        cx += cw + 5
    rows, centres = chrome_dialog_rows(dx + 10, dy + 60, dw - 20, tick_row=2)
    parts.append(rect(dx + 10, dy + 60, dw - 20, 120, fill=PANEL, rx=6))
    parts += rows
    # the open "more" list with "all time" chosen
    parts += [
        shadow(chip_x - 10, dy + 54, 70, 40, rx=6),
        rect(chip_x - 10, dy + 54, 70, 40, fill=WHITE, stroke=GREY_LINE, rx=6),
    ]
    parts.append(label(chip_x - 2, dy + 65, 40, 5, fill=GREY))
    parts.append(rect(chip_x - 7, dy + 75, 64, 16, fill=BLUE_LIGHT, stroke=BLUE, sw=1.5, rx=4))
    parts.append(label(chip_x - 2, dy + 83, 30, 5, fill=INK))
    # buttons
    parts.append(button(dx + dw - 168, dy + dh - 32, 60))
    parts.append(button(dx + dw - 100, dy + dh - 32, 88, primary=True))
    parts.append(highlight(dx + dw - 100, dy + dh - 32, 88, 18, rx=9))
    parts.append(pointer(3, 440, dy + 83, chip_x + 60, dy + 83))
    parts.append(pointer(4, 60, centres[2], dx + 19, centres[2]))
    parts.append(pointer(5, 440, dy + dh - 23, dx + dw + 2, dy + dh - 23))
    return parts


def chrome_update_1():
    return update_menu("chrome", [56, 70, 88, 0, 60, 40, 54, 72, 96, 0, 44, 30, 50], help_row=11)


def chrome_update_2():
    return about_page("chrome")


def edge_clear_cache_1():
    parts, top, (bx, by) = browser_window("edge")
    parts += page_content(40, top + 26, 200)
    rows = [56, 70, 88, 0, 60, 40, 54, 72, 0, 44, 50, 66, 0, 48, 70]
    menu, centres = menu_panel(292, top + 4, 168, rows, row_h=15, chevrons=(14,), highlight_row=13)
    parts += menu
    parts.append(highlight(bx - 9, by - 9, 18, 18, rx=6))
    parts.append(pointer(1, 398, by, bx - 13, by))
    parts.append(pointer(2, 246, centres[13][1], 290, centres[13][1]))
    return parts


def edge_clear_cache_2():
    parts, top, _ = browser_window("edge")
    sp, sc = settings_page(9, top + 1, 462, 245, side_active=2, side_w=130)
    parts += sp
    cx, cy, cw = 156, top + 30, 300
    parts += [label(cx, cy - 12, 110, 8, fill=INK)]
    parts += [rect(cx, cy, cw, 120, fill=WHITE, stroke=GREY_SOFT, rx=6)]
    parts += [
        label(cx + 12, cy + 18, 100, 7, fill=INK),
        label(cx + 12, cy + 32, 220, 5, fill=GREY_LINE),
    ]
    parts += [line(cx, cy + 44, cx + cw, cy + 44, stroke=GREY_SOFT)]
    parts += [label(cx + 12, cy + 60, 110, 6, fill=GREY), button(cx + cw - 104, cy + 51, 92, 18)]
    parts += [line(cx, cy + 78, cx + cw, cy + 78, stroke=GREY_SOFT)]
    parts += [label(cx + 12, cy + 98, 150, 6, fill=GREY), chevron(cx + cw - 16, cy + 98)]
    parts += [
        rect(cx, cy + 134, cw, 60, fill=WHITE, stroke=GREY_SOFT, rx=6),
        label(cx + 12, cy + 152, 120, 6, fill=GREY),
        toggle(cx + cw - 40, cy + 145, on=True),
        label(cx + 12, cy + 176, 90, 6, fill=GREY),
        toggle(cx + cw - 40, cy + 169, on=False),
    ]
    parts.append(highlight(cx + cw - 104, cy + 51, 92, 18, rx=9))
    parts.append(pointer(3, 40, top + 110, 40, sc[2] + 12))
    parts.append(pointer(4, cx + cw - 58, cy + 108, cx + cw - 58, cy + 74))
    return parts


def edge_clear_cache_3():
    parts, top, _ = browser_window("edge")
    sp, _ = settings_page(9, top + 1, 462, 245, side_active=2, side_w=130)
    parts += sp
    parts.append(dim(9, top + 1, 462, 245))
    dx, dy, dw, dh = 120, top + 8, 250, 234
    parts += dialog(dx, dy, dw, dh, title_w=110)
    parts.append(label(dx + 16, dy + 38, 50, 5, fill=GREY))
    parts.append(dropdown(dx + 16, dy + 46, dw - 32))
    rows, centres = checkbox_list(
        dx + 20, dy + 76, dw - 40, 5, tick_rows={3}, row_h=24, highlight_row=3
    )
    parts += rows
    parts.append(button(dx + dw - 166, dy + dh - 30, 70, primary=True))
    parts.append(button(dx + dw - 88, dy + dh - 30, 72))
    parts.append(highlight(dx + 16, dy + 46, dw - 32, 20))
    parts.append(highlight(dx + dw - 166, dy + dh - 30, 70, 18, rx=9))
    parts.append(pointer(5, 420, dy + 56, dx + dw - 13, dy + 56))
    parts.append(pointer(6, 70, centres[3], dx + 16, centres[3]))
    parts.append(pointer(6 + 1, 70, dy + dh - 21, dx + dw - 170, dy + dh - 21))
    return parts


def edge_update_1():
    return update_menu(
        "edge",
        [56, 70, 88, 0, 60, 40, 54, 0, 44, 50, 0, 48, 70, 40],
        help_row=12,
        sub_rows=(120, 60, 80),
    )


def edge_update_2():
    return about_page("edge")


DRAWINGS = {
    "chrome_clear_cache_1": chrome_clear_cache_1,
    "chrome_clear_cache_2": chrome_clear_cache_2,
    "chrome_update_1": chrome_update_1,
    "chrome_update_2": chrome_update_2,
    "edge_clear_cache_1": edge_clear_cache_1,
    "edge_clear_cache_2": edge_clear_cache_2,
    "edge_clear_cache_3": edge_clear_cache_3,
    "edge_update_1": edge_update_1,
    "edge_update_2": edge_update_2,
}
