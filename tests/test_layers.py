"""The layers hold: core imports nothing of ours above it, report/ never imports ui/ or the
command line, and none of core/, report/ and ui/ has an import circle, counting imports inside
functions and under TYPE_CHECKING too."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "app" / "conndoctor"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every conndoctor module `path` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("conndoctor"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("conndoctor"):
            module = node.module or ""
            found.add(module)
            found.update(f"{module}.{a.name}" for a in node.names)
    return found


def _graph(folder: str) -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in (PACKAGE / folder).rglob("*.py")}
    return {name: _imports(path) & set(modules) - {name} for name, path in modules.items()}


def test_core_imports_no_layer_above_it() -> None:
    for path in (PACKAGE / "core").rglob("*.py"):
        for name in _imports(path):
            above = ("conndoctor.ui", "conndoctor.report", "conndoctor.cli")
            assert not name.startswith(above), f"{path}: {name}"


def test_report_imports_neither_the_wizard_nor_the_command_line() -> None:
    for path in (PACKAGE / "report").rglob("*.py"):
        for name in _imports(path):
            assert not name.startswith(("conndoctor.ui", "conndoctor.cli")), f"{path}: {name}"


def test_report_has_no_import_circle() -> None:
    graphlib.TopologicalSorter(_graph("report")).prepare()  # raises CycleError on a circle


def test_core_has_no_import_circle() -> None:
    graphlib.TopologicalSorter(_graph("core")).prepare()


def test_ui_has_no_import_circle() -> None:
    graphlib.TopologicalSorter(_graph("ui")).prepare()


def test_the_pages_never_import_the_wizard_window() -> None:
    """Pages reach the window through `page.Host`; only the application starts the window."""
    for path in (PACKAGE / "ui").rglob("*.py"):
        if path.stem not in ("wizard", "app"):
            assert "conndoctor.ui.wizard" not in _imports(path), path
