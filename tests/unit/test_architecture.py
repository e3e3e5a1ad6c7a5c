"""The architecture contract: the core never imports Qt or ui; scanner/signing are leaves; no circles."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ("counter_app", "scanner", "signing", "idchip", "sandbox", "office_calendar")
LEAVES = ("scanner", "signing")
OURS = (
    "common",
    "office_calendar",
    "portal_contract",
    "counter_app",
    "scanner",
    "signing",
    "idchip",
    "sandbox",
    "ui",
)


def _imports(package: str) -> list[tuple[Path, str]]:
    found = []
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.extend((path, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((path, node.module))
    return found


@pytest.mark.parametrize("package", CORE)
def test_core_never_imports_qt_or_ui(package: str) -> None:
    bad = [
        (str(p.relative_to(ROOT)), m)
        for p, m in _imports(package)
        if m.split(".")[0] in ("PySide6", "shiboken6", "ui", "PyQt5", "PyQt6")
    ]
    assert bad == []


@pytest.mark.parametrize("package", LEAVES)
def test_leaf_libraries_do_not_import_the_application(package: str) -> None:
    bad = [
        (str(p.relative_to(ROOT)), m)
        for p, m in _imports(package)
        if m.split(".")[0] in ("counter_app", "sandbox")
    ]
    assert bad == []


def test_nothing_but_the_entry_point_imports_ui() -> None:
    allowed: set[Path] = set()  # the entry point is ui.entry, outside the core
    bad = [
        (str(p.relative_to(ROOT)), m)
        for pkg in CORE
        for p, m in _imports(pkg)
        if m.split(".")[0] == "ui" and p not in allowed
    ]
    assert bad == []


def test_import_linter_contracts_hold() -> None:
    """The same rules checked by import-linter, which also sees imports hidden in functions."""
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("import-linter is not installed in this environment")
    result = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_importing_the_core_does_not_load_qt() -> None:
    code = (
        "import sys, counter_app.cli, counter_app.context, counter_app.events, scanner, signing, sandbox;"
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr


def test_opening_the_window_module_loads_no_heavy_library() -> None:
    """Start-up stays fast (issue 2: window in ≤ 1.5 s): PDF, signing, HTTP, OpenCV, QR and
    server libraries load when a step needs them, not with the window."""
    heavy = [
        "fpdf",
        "pyhanko",
        "httpx",
        "cv2",
        "zxingcpp",
        "pikepdf",
        "pkcs11",
        "starlette",
        "uvicorn",
        "openpyxl",
    ]
    code = f"import sys, ui.main_window; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def _circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One import circle per strongly connected group of modules (Tarjan), as `a -> b -> ... -> a`."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(edges[module]):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == module:
                    break
            if len(group) > 1 or module in edges[module]:
                groups.append(group)

    for module in sorted(edges):
        if module not in index:
            visit(module)
    circles = []
    for group in groups:  # the shortest way from the group's first module back to itself
        start = min(group)
        paths = {start: [start]}
        queue = [start]
        while queue:
            current = queue.pop(0)
            for imported in sorted(edges[current] & group):
                if imported == start:
                    circles.append([*paths[current], start])
                    queue = []
                    break
                if imported not in paths:
                    paths[imported] = [*paths[current], imported]
                    queue.append(imported)
    return circles


@pytest.mark.parametrize("package", OURS)
def test_no_import_circles_inside_a_package(package: str) -> None:
    """Function-local imports count (grimp sees them); imports under `if TYPE_CHECKING:` do not,
    as they never run (a section's pages may name their owner's type)."""
    grimp = pytest.importorskip("grimp", reason="grimp comes with import-linter")
    sys.path.insert(0, str(ROOT))
    try:
        graph = grimp.build_graph(package, exclude_type_checking_imports=True, cache_dir=None)
    finally:
        sys.path.remove(str(ROOT))
    edges = {module: set(graph.find_modules_directly_imported_by(module)) for module in graph.modules}
    circles = [" -> ".join(circle) for circle in _circles(edges)]
    assert circles == [], "import circles:\n" + "\n".join(circles)
