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


def _top_level_imports(path: Path) -> set[str]:
    """The conndoctor modules `path` imports when it is loaded (not inside functions)."""
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("conndoctor"):
            found.add(node.module or "")
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("conndoctor"))
    return found


def _modules_imported_by_path(path: Path) -> set[str]:
    """The modules `path` names in full (`import a.b`, `from a.b import c`): those are loaded
    child first. `from a import b` loads the package `a` first, which is safe."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("conndoctor"):
            found.add(node.module or "")
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("conndoctor"))
    return found


def test_no_two_threads_can_deadlock_importing_a_package() -> None:
    """Importing `pkg.mod` takes mod's import lock and then imports `pkg`; if `pkg/__init__.py`
    itself loads `mod`, a thread importing `pkg.mod` and one importing `pkg` wait for each other
    (importlib's _DeadlockError: the head start's and the warm-up's threads load modules while
    the main thread loads the checks). So what a package's `__init__` loads is imported from
    outside the package only through the package itself."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    for init in PACKAGE.rglob("__init__.py"):
        package = _module_name(init)
        loaded: set[str] = set()
        todo = [init]
        while todo:
            for name in _top_level_imports(todo.pop()) & set(modules):
                if name.startswith(package + ".") and name not in loaded:
                    loaded.add(name)
                    todo.append(modules[name])
        for name, path in modules.items():
            if name == package or name.startswith(package + "."):
                continue
            direct = _modules_imported_by_path(path) & loaded
            assert not direct, f"{path} imports {sorted(direct)}, which {package} itself loads"


def test_ui_has_no_import_circle() -> None:
    graphlib.TopologicalSorter(_graph("ui")).prepare()


def test_the_pages_never_import_the_wizard_window() -> None:
    """Pages reach the window through `page.Host`; only the application starts the window."""
    for path in (PACKAGE / "ui").rglob("*.py"):
        if path.stem not in ("wizard", "app"):
            assert "conndoctor.ui.wizard" not in _imports(path), path
