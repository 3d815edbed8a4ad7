"""Firefox drawings."""

# ruff: noqa: E501 (drawing coordinates and SVG path data read better on one line)

from desktop_common import (
    checkbox_list,
    page_content,
    settings_page,
    update_menu,
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
    caret_down,
    checkbox,
    chevron,
    circle,
    dialog,
    dim,
    highlight,
    label,
    line,
    menu_panel,
    pointer,
    radio,
    rect,
    refresh_icon,
    shadow,
    text,
)


def firefox_clear_cache_1():
    parts, top, (bx, by) = browser_window("firefox")
    parts += page_content(40, top + 26, 200)
    rows = [90, 0, 56, 70, 88, 0, 60, 40, 54, 72, 0, 46, 60, 40, 0, 34]
    menu, centres = menu_panel(
        300, top + 4, 160, rows, row_h=14, chevrons=(6, 7, 12, 13), highlight_row=11, icons=False
    )
    parts += menu
    parts.append(highlight(bx - 9, by - 9, 18, 18, rx=4))
    parts.append(pointer(1, 398, by, bx - 13, by))
    parts.append(pointer(2, 250, centres[11][1], 298, centres[11][1]))
    return parts


def firefox_clear_cache_2():
    parts, top, _ = browser_window("firefox")
    sp, sc = settings_page(9, top + 1, 462, 245, side_rows=9, side_active=3, side_w=130)
    parts += sp
    cx, cy, cw = 156, top + 16, 296
    parts += [
        rect(cx, cy, cw, 140, fill=WHITE, stroke=GREY_SOFT, rx=8),
        label(cx + 14, cy + 18, 90, 8, fill=INK),
        label(cx + 14, cy + 32, 200, 5, fill=GREY_LINE),
    ]
    parts += [
        rect(cx + 14, cy + 42, cw - 28, 22, fill=WHITE, stroke=GREY_LINE, rx=4),
        label(cx + 24, cy + 53, 150, 5, fill=GREY),
    ]
    rowy = cy + 72
    for i in range(3):
        yy = rowy + i * 20
        parts += [
            rect(
                cx + 14,
                yy,
                cw - 28,
                20,
                fill=BLUE_LIGHT if i == 0 else WHITE,
                stroke=BLUE if i == 0 else GREY_LINE,
                sw=1.5 if i == 0 else 1,
                rx=3,
            )
        ]
        parts += [
            label(cx + 26, yy + 10, 90 - i * 10, 5, fill=INK if i == 0 else GREY),
            chevron(cx + cw - 26, yy + 10),
        ]
    parts += [
        rect(cx, cy + 152, cw, 70, fill=WHITE, stroke=GREY_SOFT, rx=8),
        label(cx + 14, cy + 170, 60, 8, fill=INK),
        radio(cx + 20, cy + 190, on=True),
        label(cx + 32, cy + 190, 90, 5, fill=GREY),
        radio(cx + 20, cy + 206),
        label(cx + 32, cy + 206, 110, 5, fill=GREY),
    ]
    parts.append(pointer(3, 40, top + 150, 40, sc[3] + 12))
    parts.append(pointer(4, 130, rowy + 10, cx + 10, rowy + 10))
    return parts


def firefox_clear_cache_3():
    parts, top, _ = browser_window("firefox")
    sp, _ = settings_page(9, top + 1, 462, 245, side_rows=9, side_active=3, side_w=130)
    parts += sp
    parts.append(dim(9, top + 1, 462, 245))
    dx, dy, dw, dh = 120, 18, 250, 290
    parts += dialog(dx, dy, dw, dh, title_w=130)
    parts.append(label(dx + 16, dy + 44, 30, 5, fill=GREY_DARK))
    parts.append(rect(dx + 56, dy + 34, dw - 72, 20, fill=GREY_SOFT, rx=4))
    parts.append(label(dx + 66, dy + 44, 60, 6, fill=INK))
    parts.append(caret_down(dx + dw - 30, dy + 44))
    rows, centres = checkbox_list(
        dx + 20, dy + 62, dw - 40, 5, tick_rows={2}, row_h=36, highlight_row=2, sub=True
    )
    parts += rows
    parts.append(button(dx + dw - 136, dy + dh - 30, 56))
    parts.append(button(dx + dw - 72, dy + dh - 30, 56, primary=True))
    parts.append(highlight(dx + 56, dy + 34, dw - 72, 20))
    parts.append(highlight(dx + dw - 72, dy + dh - 30, 56, 18, rx=9))
    parts.append(pointer(5, 420, dy + 44, dx + dw - 13, dy + 44))
    parts.append(pointer(6, 70, centres[2], dx + 16, centres[2]))
    parts.append(pointer(7, 420, dy + dh - 21, dx + dw - 13, dy + dh - 21))
    return parts


def firefox_enable_tls12_1():
    parts, top, _ = browser_window("firefox", address="about:config")
    parts.append(highlight(88, 41, 344, 20, rx=10))
    # the warning page: a triangle, a title, a tick box and the blue button
    wx, wy = 120, top + 70
    parts.append(
        f'<polygon points="{wx + 14},{wy} {wx + 30},{wy + 28} {wx - 2},{wy + 28}" fill="#fbbf24"/>'
    )
    parts += [
        rect(wx + 12.5, wy + 9, 3, 11, fill=INK, rx=1.5),
        circle(wx + 14, wy + 24, 1.8, fill=INK),
    ]
    parts += [
        label(wx + 44, wy + 10, 170, 12, fill=INK),
        label(wx + 44, wy + 32, 240, 5, fill=GREY),
        checkbox(wx + 44, wy + 44, checked=True, size=10, color=GREY_DARK),
        label(wx + 60, wy + 49, 150, 5, fill=GREY),
    ]
    bx, by = wx + 44, wy + 66
    parts.append(button(bx, by, 130, 22, primary=True))
    parts.append(highlight(bx, by, 130, 22, rx=6))
    parts.append(pointer(1, 160, 102, 160, 64))
    parts.append(pointer(2, bx + 170, by + 50, bx + 120, by + 26))
    return parts


def firefox_enable_tls12_2():
    parts, top, _ = browser_window("firefox", address="about:config")
    sx, sy = 20, top + 12
    parts += [
        rect(sx, sy, 330, 22, fill=WHITE, stroke=BLUE, sw=1.5, rx=4),
        circle(sx + 13, sy + 10, 4, fill="none", stroke=GREY_DARK, sw=1.4),
        line(sx + 16, sy + 13, sx + 19, sy + 16, stroke=GREY_DARK, sw=1.4),
    ]
    parts.append(
        text(sx + 26, sy + 15.5, "security.tls.version.max", size=12, fill=INK, family="monospace")
    )
    ry = sy + 40
    parts += [rect(sx, ry, 440, 30, fill=GREY_BG, stroke=GREY_SOFT, rx=3)]
    parts.append(
        text(
            sx + 10,
            ry + 19.5,
            "security.tls.version.max",
            size=12,
            fill=INK,
            weight="bold",
            family="monospace",
        )
    )
    parts.append(text(sx + 250, ry + 19.5, "4", size=13, fill=INK, weight="bold"))
    # edit (pencil) and reset (curved arrow) buttons at the right end
    ex = sx + 386
    parts += [
        rect(ex, ry + 5, 22, 20, fill=WHITE, stroke=GREY, rx=4),
        f'<path d="M {ex + 6} {ry + 19} L {ex + 7} {ry + 15} L {ex + 14} {ry + 8} L {ex + 17} {ry + 11} L {ex + 10} {ry + 18} Z" fill="{INK}"/>',
    ]
    rx_ = sx + 412
    parts += [
        rect(rx_, ry + 5, 22, 20, fill=WHITE, stroke=GREY, rx=4),
        f'<path d="M {rx_ + 6} {ry + 15} A 5 5 0 1 0 {rx_ + 8} {ry + 11}" fill="none" stroke="{INK}" stroke-width="1.6"/>',
        f'<polygon points="{rx_ + 5},{ry + 8} {rx_ + 10},{ry + 9.5} {rx_ + 6},{ry + 13}" fill="{INK}"/>',
    ]
    for i in range(3):
        yy = ry + 36 + i * 24
        parts += [
            label(sx + 10, yy + 12, 150 + i * 20, 5, fill=GREY_LINE),
            label(sx + 250, yy + 12, 20, 5, fill=GREY_LINE),
        ]
    parts.append(highlight(sx + 246, ry + 6, 18, 18, rx=3))
    parts.append(highlight(ex, ry + 5, 48, 20, rx=4))
    parts.append(pointer(3, 380, sy + 11, sx + 334, sy + 11))
    parts.append(pointer(4, 255, ry + 110, 255, ry + 28))
    parts.append(pointer(5, 430, ry + 110, ex + 24, ry + 28))
    return parts


def firefox_update_1():
    return update_menu(
        "firefox",
        [90, 0, 56, 70, 88, 0, 60, 40, 54, 72, 0, 46, 60, 40, 0, 34],
        help_row=13,
        sub_rows=(70, 60, 90, 80, 110),
        row_h=14,
    )


def firefox_update_2():
    parts, top, _ = browser_window("firefox")
    parts += page_content(40, top + 26, 260)
    parts.append(dim(9, top + 1, 462, 245))
    x, y, w, h = 90, 90, 300, 170
    parts += [
        shadow(x, y, w, h, rx=6),
        rect(x, y, w, h, fill=WHITE, stroke=GREY, rx=6),
        rect(x, y, 110, h, fill="#1e3a8a", rx=6),
        rect(x + 100, y, 10, h, fill="#1e3a8a"),
    ]
    parts += [
        circle(x + 55, y + 60, 26, fill="#3b82f6"),
        circle(x + 55, y + 60, 14, fill="#1e3a8a"),
    ]
    parts += [label(x + 126, y + 28, 110, 10, fill=INK), label(x + 126, y + 48, 70, 5, fill=GREY)]
    parts += [refresh_icon(x + 136, y + 82, r=8), label(x + 152, y + 82, 90, 5, fill=GREY_DARK)]
    parts.append(button(x + 126, y + 104, 120, 22, primary=True))
    parts.append(highlight(x + 126, y + 104, 120, 22, rx=6))
    for i in range(3):
        parts.append(label(x + 126, y + 140 + i * 10, 150 - i * 30, 4, fill=GREY_LINE))
    parts.append(pointer(4, 430, y + 40, x + 148, y + 80))
    parts.append(pointer(5, 430, y + 140, x + 250, y + 115))
    return parts


DRAWINGS = {
    "firefox_clear_cache_1": firefox_clear_cache_1,
    "firefox_clear_cache_2": firefox_clear_cache_2,
    "firefox_clear_cache_3": firefox_clear_cache_3,
    "firefox_enable_tls12_1": firefox_enable_tls12_1,
    "firefox_enable_tls12_2": firefox_enable_tls12_2,
    "firefox_update_1": firefox_update_1,
    "firefox_update_2": firefox_update_2,
}
