"""PySide6 without its scan of every imported module's source.

Importing PySide6 replaces `__import__`: after each import, PySide reads the whole source of the
module just imported (`inspect.getsource`) to see whether it names PySide6, for its opt-in
`from __feature__ import snake_case, true_property`. Every line of every module imported after
Qt then stays in `linecache`: the window idled ~33 MB higher (235 against 202 MB once started)
and started slower, reading hundreds of files it never needed. This code never uses
`__feature__` (`tests/unit/test_pyside_imports.py` checks), so the scan may answer "not a PySide
module" without reading: with no feature chosen, PySide treats both answers alike. It is
PySide6's private API, so the change is guarded: if the function is gone, nothing changes.
"""

from __future__ import annotations

from types import ModuleType


def _uses_no_feature(_module: ModuleType) -> bool:
    return False


def skip_feature_scan() -> bool:
    """Stop the scan for the modules imported from now on; whether it could be stopped. Called
    by the entry point before the window's modules are imported."""
    from PySide6 import QtCore  # noqa: F401 - installs the import hook this tames

    try:
        from shibokensupport import feature  # type: ignore[import-not-found]
    except ImportError:
        return False
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_no_feature
    return True
