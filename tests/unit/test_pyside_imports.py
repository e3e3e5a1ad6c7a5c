"""`ui.pyside_imports.skip_feature_scan`: modules imported after Qt are no longer read whole by
PySide6's import hook (their lines kept in `linecache`, ~33 MB for the window's modules), and
nothing in the code relies on PySide's `__feature__` switches that the scan served."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = textwrap.dedent(
    """
    import linecache, sys
    from ui.pyside_imports import skip_feature_scan
    if sys.argv[1] == "skip":
        assert skip_feature_scan()
    else:
        from PySide6 import QtCore  # the hook, left as it is
    import holidays  # hundreds of modules, none of them Qt's
    print(sum(1 for name in linecache.cache if "holidays" in name))
    """
)


def sources_kept(mode: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    return int(done.stdout.strip().splitlines()[-1])


def test_modules_imported_after_qt_are_not_read_into_memory() -> None:
    assert sources_kept("skip") == 0
    assert sources_kept("as-is") > 10  # what PySide6 does otherwise (the reason for the change)


def test_no_module_uses_pyside_features() -> None:
    uses = [
        str(path.relative_to(ROOT))
        for folder in ("ui", "counter_app", "scanner", "signing", "sandbox", "common", "tests", "benchmarks")
        for path in (ROOT / folder).rglob("*.py")
        if re.search(r"^\\s*from\\s+__feature__\\s+import", path.read_text(encoding="utf-8"), re.M)
    ]
    assert uses == []
