"""Reading a written PDF the way a help desk's tools do: its text layer, fonts and first page."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pypdf


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)


def pdf_fonts(path: Path) -> list[dict[str, str]]:
    """`pdffonts` rows as dicts (name, type, emb, sub, uni)."""
    output = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    lines = output.splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # name type... encoding emb sub uni object ID
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def render_first_page(path: Path, out_stem: Path) -> Path:
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(path),
            str(out_stem),
        ],
        check=True,
    )
    return out_stem.with_suffix(".png")


def embedded_font_sizes(path: Path) -> dict[str, int]:
    """Bytes of each embedded font program: a subset is a small fraction of the 4.6 MB file."""
    sizes: dict[str, int] = {}
    for page in pypdf.PdfReader(str(path)).pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for font_ref in fonts.get_object().values():
            font = font_ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants.get_object()[0].get_object() if descendants else font
            descriptor = target["/FontDescriptor"].get_object()
            for key in ("/FontFile2", "/FontFile3", "/FontFile"):
                if key in descriptor:
                    sizes[str(target["/BaseFont"]).lstrip("/")] = len(
                        descriptor[key].get_object().get_data()
                    )
    return sizes
