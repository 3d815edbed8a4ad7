"""Drawing parts for the instruction illustrations: flat, language-neutral SVG."""

# ruff: noqa: E501 (drawing coordinates and SVG path data read better on one line)

from __future__ import annotations

from collections.abc import Callable

BLUE = "#2563eb"
BLUE_LIGHT = "#dbeafe"
INK = "#374151"
GREY_DARK = "#6b7280"
GREY = "#9ca3af"
GREY_LINE = "#cbd5e1"
GREY_SOFT = "#e5e7eb"
GREY_BG = "#f3f4f6"
PANEL = "#f9fafb"
WHITE = "#ffffff"
W, H = 480, 320


def svg(body: list[str], w: int = W, h: int = H) -> str:
    inner = "\n".join("  " + line for line in body)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
        f'width="{w}" height="{h}">\n{inner}\n</svg>\n'
    )


def rect(x, y, w, h, fill=WHITE, stroke=None, sw=1.0, rx=0, extra=""):
    s = f' stroke="{stroke}" stroke-width="{sw}"' if stroke else ""
    r = f' rx="{rx}"' if rx else ""
    return f'<rect x="{x}" y="{y}" width="{w}" height="{h}"{r} fill="{fill}"{s}{extra}/>'


def circle(cx, cy, r, fill=GREY, stroke=None, sw=1.0):
    s = f' stroke="{stroke}" stroke-width="{sw}"' if stroke else ""
    return f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{fill}"{s}/>'


def line(x1, y1, x2, y2, stroke=GREY, sw=1.0):
    return (
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{stroke}" '
        f'stroke-width="{sw}" stroke-linecap="round"/>'
    )


def label(x, y, w, h=6, fill=GREY_LINE):
    """A placeholder for a word: a short rounded bar."""
    return rect(x, y - h / 2, w, h, fill=fill, rx=h / 2)


def text(x, y, s, size=12, fill=INK, weight="normal", anchor="start", family="sans-serif"):
    return (
        f'<text x="{x}" y="{y}" font-family="{family}" font-size="{size}" '
        f'font-weight="{weight}" fill="{fill}" text-anchor="{anchor}">{s}</text>'
    )


def shadow(x, y, w, h, rx=8):
    return rect(x + 2, y + 3, w, h, fill="#111827", rx=rx, extra=' fill-opacity="0.12"')


def dim(x, y, w, h):
    return rect(x, y, w, h, fill="#111827", extra=' fill-opacity="0.28"')


def check_mark(x, y, size=10, color=WHITE, sw=2.0):
    """A tick inside a box whose top-left corner is (x, y)."""
    pts = f"{x + size * 0.2},{y + size * 0.52} {x + size * 0.42},{y + size * 0.75} {x + size * 0.8},{y + size * 0.28}"
    return (
        f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="{sw}" '
        f'stroke-linecap="round" stroke-linejoin="round"/>'
    )


def checkbox(x, y, checked=False, size=12, color=BLUE):
    if checked:
        return rect(x, y, size, size, fill=color, rx=2) + check_mark(x, y, size)
    return rect(x, y, size, size, fill=WHITE, stroke=GREY_DARK, sw=1.2, rx=2)


def radio(x, y, on=False):
    parts = circle(x, y, 6, fill=WHITE, stroke=GREY_DARK, sw=1.2)
    if on:
        parts = circle(x, y, 6, fill=WHITE, stroke=BLUE, sw=1.5) + circle(x, y, 3, fill=BLUE)
    return parts


def toggle(x, y, on=True):
    if on:
        return rect(x, y, 26, 14, fill=BLUE, rx=7) + circle(x + 19, y + 7, 5, fill=WHITE)
    return rect(x, y, 26, 14, fill=GREY, rx=7) + circle(x + 7, y + 7, 5, fill=WHITE)


def button(x, y, w, h=18, primary=False, label_w=None):
    fill, stroke, lab = (BLUE, None, WHITE) if primary else (WHITE, GREY, GREY)
    lw = label_w if label_w is not None else w * 0.55
    return rect(x, y, w, h, fill=fill, stroke=stroke, rx=h / 2 if h < 24 else 6) + label(
        x + (w - lw) / 2, y + h / 2, lw, 5, fill=lab
    )


def highlight(x, y, w, h, rx=4):
    """The blue ring around the thing to click."""
    return rect(x - 3, y - 3, w + 6, h + 6, fill="none", stroke=BLUE, sw=2.5, rx=rx + 2)


def callout(n, cx, cy, r=12):
    return (
        '<g class="callout">'
        + circle(cx, cy, r, fill=BLUE, stroke=WHITE, sw=2)
        + text(cx, cy + 5, str(n), size=14, fill=WHITE, weight="bold", anchor="middle")
        + "</g>"
    )


def arrow(x1, y1, x2, y2, color=BLUE, sw=2.5, head=8):
    """A straight arrow ending with its tip at (x2, y2)."""
    import math

    ang = math.atan2(y2 - y1, x2 - x1)
    bx, by = x2 - head * math.cos(ang), y2 - head * math.sin(ang)
    left = (bx + head * 0.55 * math.sin(ang), by - head * 0.55 * math.cos(ang))
    right = (bx - head * 0.55 * math.sin(ang), by + head * 0.55 * math.cos(ang))
    pts = f"{x2:.1f},{y2:.1f} {left[0]:.1f},{left[1]:.1f} {right[0]:.1f},{right[1]:.1f}"
    return line(x1, y1, bx, by, stroke=color, sw=sw) + f'<polygon points="{pts}" fill="{color}"/>'


def pointer(n, cx, cy, tx, ty):
    """A numbered call-out with an arrow to the target point."""
    import math

    ang = math.atan2(ty - cy, tx - cx)
    sx, sy = cx + 13 * math.cos(ang), cy + 13 * math.sin(ang)
    return arrow(round(sx, 1), round(sy, 1), tx, ty) + callout(n, cx, cy)


# --- menu buttons, drawn as shapes so the drawing stays language-neutral ---


def kebab(cx, cy, color=INK):
    """Chrome's ⋮."""
    return "".join(circle(cx, cy + d, 1.8, fill=color) for d in (-5, 0, 5))


def meatball(cx, cy, color=INK):
    """Edge's …."""
    return "".join(circle(cx + d, cy, 1.8, fill=color) for d in (-5, 0, 5))


def hamburger(cx, cy, color=INK):
    """Firefox's ≡."""
    return "".join(line(cx - 6, cy + d, cx + 6, cy + d, stroke=color, sw=1.8) for d in (-4, 0, 4))


def gear(cx, cy, r=6, color=INK):
    """Internet Explorer's Tools button."""
    import math

    teeth = []
    for i in range(8):
        a = i * math.pi / 4
        x, y = cx + (r + 1.5) * math.cos(a), cy + (r + 1.5) * math.sin(a)
        teeth.append(circle(round(x, 1), round(y, 1), 1.9, fill=color))
    return "".join(teeth) + circle(cx, cy, r, fill=color) + circle(cx, cy, r * 0.4, fill=WHITE)


def refresh_icon(cx, cy, r=10, color=BLUE):
    """Two arrows in a circle: 'update'."""
    return (
        f'<path d="M {cx - r} {cy} A {r} {r} 0 0 1 {cx + r * 0.7} {cy - r * 0.7}" fill="none" '
        f'stroke="{color}" stroke-width="2.5" stroke-linecap="round"/>'
        f'<path d="M {cx + r} {cy} A {r} {r} 0 0 1 {cx - r * 0.7} {cy + r * 0.7}" fill="none" '
        f'stroke="{color}" stroke-width="2.5" stroke-linecap="round"/>'
        f'<polygon points="{cx + r * 0.7 + 4},{cy - r * 0.7 - 5} {cx + r * 0.7 + 3},{cy - r * 0.7 + 5} {cx + r * 0.7 - 6},{cy - r * 0.7 - 2}" fill="{color}"/>'
        f'<polygon points="{cx - r * 0.7 - 4},{cy + r * 0.7 + 5} {cx - r * 0.7 - 3},{cy + r * 0.7 - 5} {cx - r * 0.7 + 6},{cy + r * 0.7 + 2}" fill="{color}"/>'
    )


def shield_ok(cx, cy, s=1.0, color="#16a34a"):
    """A shield with a tick: 'secure connection ready'."""
    d = (
        f"M {cx} {cy - 16 * s} L {cx + 13 * s} {cy - 11 * s} L {cx + 13 * s} {cy + 1 * s} "
        f"Q {cx + 12 * s} {cy + 12 * s} {cx} {cy + 18 * s} Q {cx - 12 * s} {cy + 12 * s} "
        f"{cx - 13 * s} {cy + 1 * s} L {cx - 13 * s} {cy - 11 * s} Z"
    )
    return f'<path d="{d}" fill="{color}"/>' + check_mark(cx - 7 * s, cy - 7 * s, 14 * s, sw=2.5)


def trash_icon(x, y, color=GREY_DARK):
    return (
        rect(x + 1, y + 3, 8, 9, fill="none", stroke=color, sw=1.3, rx=1)
        + line(x, y + 2, x + 10, y + 2, stroke=color, sw=1.3)
        + line(x + 3.5, y, x + 6.5, y, stroke=color, sw=1.3)
    )


def chevron(x, y, color=GREY, size=4):
    return (
        f'<polyline points="{x},{y - size} {x + size},{y} {x},{y + size}" fill="none" '
        f'stroke="{color}" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/>'
    )


def caret_down(x, y, color=GREY_DARK, size=4):
    return (
        f'<polyline points="{x - size},{y - size / 2} {x},{y + size / 2} {x + size},{y - size / 2}" '
        f'fill="none" stroke="{color}" stroke-width="1.6" stroke-linecap="round"/>'
    )


# --- whole frames ---

MENU_BUTTONS: dict[str, Callable[[float, float], str]] = {
    "chrome": kebab,
    "edge": meatball,
    "firefox": hamburger,
    "ie": gear,
}


def browser_window(kind, address=None, x=8, y=8, w=464, h=304):
    """A desktop browser window; returns (parts, content top y, menu button centre)."""
    parts = [
        rect(x, y, w, h, fill=GREY_SOFT, stroke=GREY, rx=10),
        rect(x + 1, y + 58, w - 2, h - 59, fill=WHITE),
        rect(x + 1, y + 28, w - 2, 30, fill=PANEL),
        line(x + 1, y + 58, x + w - 1, y + 58, stroke=GREY_SOFT),
    ]
    if kind == "ie":
        # Internet Explorer: address bar and tabs share one row; gear on the right.
        parts += [
            circle(x + 18, y + 14, 6, fill=WHITE, stroke=GREY),
            circle(x + 34, y + 14, 6, fill=WHITE, stroke=GREY),
            rect(x + 48, y + 6, 200, 17, fill=WHITE, stroke=GREY, rx=2),
            rect(x + 252, y + 6, 110, 17, fill=PANEL, stroke=GREY, rx=2),
            label(x + 262, y + 14.5, 50),
        ]
        if address:
            parts.append(text(x + 54, y + 19, address, size=11, fill=INK))
        else:
            parts.append(label(x + 56, y + 14.5, 90))
        # home, star, gear
        parts += [
            f'<path d="M {x + w - 62} {y + 16} L {x + w - 55} {y + 9} L {x + w - 48} {y + 16} M {x + w - 60} {y + 15} L {x + w - 60} {y + 20} L {x + w - 50} {y + 20} L {x + w - 50} {y + 15}" fill="none" stroke="{INK}" stroke-width="1.4"/>',
            f'<polygon points="{x + w - 35},{y + 8} {x + w - 32.6},{y + 12.5} {x + w - 28},{y + 13} {x + w - 31.5},{y + 16.5} {x + w - 30.5},{y + 21} {x + w - 35},{y + 18.6} {x + w - 39.5},{y + 21} {x + w - 38.5},{y + 16.5} {x + w - 42},{y + 13} {x + w - 37.4},{y + 12.5}" fill="none" stroke="{INK}" stroke-width="1.2"/>',
            gear(x + w - 16, y + 14.5, r=5),
            # a row of page content placeholders below the command bar
            label(x + 14, y + 43, 60, fill=GREY_LINE),
            label(x + 84, y + 43, 40, fill=GREY_LINE),
        ]
        return parts, y + 58, (x + w - 16, y + 14.5)
    # tab strip
    parts += [
        rect(x + 10, y + 6, 120, 22, fill=PANEL, rx=6),
        label(x + 20, y + 17, 70),
        line(x + 142, y + 17, x + 150, y + 17, stroke=GREY_DARK, sw=1.4),
        line(x + 146, y + 13, x + 146, y + 21, stroke=GREY_DARK, sw=1.4),
    ]
    # window controls (generic)
    for i in range(3):
        parts.append(
            rect(
                x + w - 58 + i * 17,
                y + 12,
                9,
                9 if i == 1 else 1.5,
                fill="none" if i == 1 else GREY_DARK,
                stroke=GREY_DARK if i == 1 else None,
            )
        )
    parts[-1] = line(x + w - 24, y + 12, x + w - 16, y + 20, stroke=GREY_DARK, sw=1.4) + line(
        x + w - 16, y + 12, x + w - 24, y + 20, stroke=GREY_DARK, sw=1.4
    )
    # toolbar: back, forward, reload, address bar, menu button
    ty = y + 43
    parts += [
        f'<polyline points="{x + 20},{ty - 4} {x + 16},{ty} {x + 20},{ty + 4}" fill="none" stroke="{GREY_DARK}" stroke-width="1.6"/>',
        line(x + 16, ty, x + 25, ty, stroke=GREY_DARK, sw=1.6),
        f'<polyline points="{x + 41},{ty - 4} {x + 45},{ty} {x + 41},{ty + 4}" fill="none" stroke="{GREY_DARK}" stroke-width="1.6"/>',
        line(x + 36, ty, x + 45, ty, stroke=GREY_DARK, sw=1.6),
        f'<path d="M {x + 68} {ty} A 5 5 0 1 1 {x + 66.5} {ty - 3.5}" fill="none" stroke="{GREY_DARK}" stroke-width="1.6"/>',
    ]
    bar_w = w - 120
    parts.append(
        rect(
            x + 80,
            ty - 10,
            bar_w,
            20,
            fill=WHITE if kind == "firefox" else GREY_SOFT,
            stroke=GREY_LINE if kind == "firefox" else None,
            rx=10,
        )
    )
    if address:
        parts.append(text(x + 92, ty + 4.5, address, size=12, fill=INK))
    else:
        parts.append(label(x + 92, ty, 120))
    bx, by = x + w - 20, ty
    parts.append(MENU_BUTTONS[kind](bx, by))
    return parts, y + 58, (bx, by)


def menu_panel(x, y, w, rows, row_h=20, chevrons=(), highlight_row=None, icons=True):
    """A drop-down menu; rows: label widths, or 0 for a separator. Returns parts and row centres."""
    height = sum(row_h if r else 8 for r in rows) + 8
    parts = [
        shadow(x, y, w, height, rx=6),
        rect(x, y, w, height, fill=WHITE, stroke=GREY_LINE, rx=6),
    ]
    centres: list[tuple[float, float] | None] = []
    cy = y + 4
    for i, lw in enumerate(rows):
        if not lw:
            parts.append(line(x + 6, cy + 4, x + w - 6, cy + 4, stroke=GREY_SOFT))
            centres.append(None)
            cy += 8
            continue
        mid = cy + row_h / 2
        if i == highlight_row:
            parts.append(
                rect(x + 4, cy + 1, w - 8, row_h - 2, fill=BLUE_LIGHT, stroke=BLUE, sw=1.5, rx=4)
            )
        if icons:
            parts.append(rect(x + 12, mid - 4, 8, 8, fill="none", stroke=GREY, sw=1.2, rx=2))
        parts.append(
            label(x + (28 if icons else 12), mid, lw, fill=INK if i == highlight_row else GREY)
        )
        if i in chevrons:
            parts.append(chevron(x + w - 14, mid))
        centres.append((x, mid))
        cy += row_h
    return parts, centres


def dialog(x, y, w, h, title_w=90):
    parts = [
        shadow(x, y, w, h, rx=8),
        rect(x, y, w, h, fill=WHITE, stroke=GREY, rx=8),
        label(x + 16, y + 18, title_w, 8, fill=INK),
    ]
    return parts


def mac_menubar(x=0, y=0, w=480, app_items=(34, 26, 26, 30, 40, 30), open_index=None):
    """A Mac menu bar; the first item is the app menu (bold). Returns parts and item centres."""
    parts = [rect(x, y, w, 20, fill=GREY_SOFT), line(x, y + 20, x + w, y + 20, stroke=GREY_LINE)]
    parts.append(circle(x + 14, y + 10, 5, fill=INK))  # system menu: a plain dot, not a logo
    cx = x + 30
    centres = []
    for i, lw in enumerate(app_items):
        if i == open_index:
            parts.append(rect(cx - 5, y + 2, lw + 10, 16, fill=BLUE, rx=4))
        parts.append(
            label(
                cx,
                y + 10,
                lw,
                6 if i else 7,
                fill=WHITE if i == open_index else (INK if i == 0 else GREY_DARK),
            )
        )
        centres.append((cx, cx + lw))
        cx += lw + 16
    return parts, centres


def mac_window(x, y, w, h, toolbar=True):
    parts = [
        shadow(x, y, w, h, rx=10),
        rect(x, y, w, h, fill=WHITE, stroke=GREY, rx=10),
        rect(x + 1, y + 1, w - 2, 30, fill=PANEL, rx=9),
        line(x + 1, y + 31, x + w - 1, y + 31, stroke=GREY_SOFT),
        circle(x + 14, y + 14, 4.5, fill="#f87171"),
        circle(x + 28, y + 14, 4.5, fill="#fbbf24"),
        circle(x + 42, y + 14, 4.5, fill="#34d399"),
    ]
    if toolbar:
        parts.append(rect(x + w / 2 - 90, y + 7, 180, 16, fill=GREY_SOFT, rx=6))
    return parts


def phone(x, y, kind="ios", w=150, h=300):
    """A phone; returns parts and the screen rectangle (sx, sy, sw, sh)."""
    parts = [
        rect(x, y, w, h, fill="#1f2937", rx=24),
        rect(x + 7, y + 7, w - 14, h - 14, fill=WHITE, rx=18),
    ]
    sx, sy, sw, sh = x + 7, y + 7, w - 14, h - 14
    if kind == "ios":
        parts.append(rect(x + w / 2 - 22, y + 12, 44, 10, fill="#1f2937", rx=5))
        parts.append(rect(x + w / 2 - 25, y + h - 15, 50, 3, fill=INK, rx=1.5))
        top = sy + 22
    else:
        parts.append(circle(x + w / 2, y + 16, 3.5, fill="#1f2937"))
        # navigation bar
        parts.append(line(sx + 10, sy + sh - 18, sx + sw - 10, sy + sh - 18, stroke=GREY_SOFT))
        parts.append(rect(x + w / 2 - 18, sy + sh - 10, 36, 3, fill=INK, rx=1.5))
        top = sy + 20
    return parts, (sx, top, sw, sy + sh - top)


def list_rows(
    x, y, w, widths, row_h=24, chevrons=True, highlight_row=None, icon_colors=None, bg=WHITE
):
    """A settings list: rows with a coloured square icon, a label and a chevron."""
    parts = [rect(x, y, w, row_h * len(widths), fill=bg, rx=8)]
    centres = []
    for i, lw in enumerate(widths):
        cy = y + row_h * i + row_h / 2
        if i == highlight_row:
            parts.append(
                rect(
                    x + 2,
                    cy - row_h / 2 + 2,
                    w - 4,
                    row_h - 4,
                    fill=BLUE_LIGHT,
                    stroke=BLUE,
                    sw=1.5,
                    rx=5,
                )
            )
        lx = x + 10
        if icon_colors:
            parts.append(rect(x + 8, cy - 6, 12, 12, fill=icon_colors[i % len(icon_colors)], rx=3))
            lx = x + 28
        parts.append(label(lx, cy, lw, fill=INK if i == highlight_row else GREY))
        if chevrons:
            parts.append(chevron(x + w - 12, cy))
        if i < len(widths) - 1:
            parts.append(
                line(lx, y + row_h * (i + 1), x + w - 4, y + row_h * (i + 1), stroke=GREY_SOFT)
            )
        centres.append(cy)
    return parts, centres
