"""Known errors: failures the officer can understand and act on.

Anything that is not a known error is a bug: it is logged with a traceback and shown
in the crash dialog. `scanner` and `signing` cannot import this module (they are leaf
libraries), so they define their own base classes with the same three attributes; the
`known` class attribute is the shared marker.
"""

from __future__ import annotations


class KnownError(Exception):
    """An error with a stable code, a Vietnamese message and what to do next."""

    known = True
    code = "error"

    def __init__(self, message: str, hint: str = "", *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if code is not None:
            self.code = code

    def as_dict(self) -> dict[str, str]:
        data = {"code": self.code, "message": self.message}
        if self.hint:
            data["hint"] = self.hint
        return data


class ConfigError(KnownError):
    code = "config_invalid"


class StorageError(KnownError):
    code = "storage_error"


class DatabaseTooNewError(StorageError):
    code = "database_too_new"


def is_known_error(exc: BaseException) -> bool:
    """True for our own error types, including those of the leaf libraries."""
    return bool(getattr(type(exc), "known", False)) and isinstance(getattr(exc, "code", None), str)


def error_dict(exc: BaseException) -> dict[str, str]:
    """The `{"code", "message", "hint"?}` shape used by the CLI and the UI."""
    data = {"code": str(getattr(exc, "code", "error")), "message": str(getattr(exc, "message", exc))}
    hint = getattr(exc, "hint", "")
    if hint:
        data["hint"] = str(hint)
    return data
