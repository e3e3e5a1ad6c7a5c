"""The architecture contract: the core never imports Qt or ui; scanner/signing are leaves."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ("counter_app", "scanner", "signing", "sandbox")
LEAVES = ("scanner", "signing")


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
