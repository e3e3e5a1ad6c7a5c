"""Known errors: failures the officer can understand and act on (architecture.md, "Errors").

Every package's error types derive from `KnownError`: a stable `code` (the CLI, the tests and the
portal's logs depend on it), a Vietnamese `message` and a `hint` saying what to do next. Anything
that is not a `KnownError` is a bug: logged with a traceback and shown in the crash dialog.
"""

from __future__ import annotations


class KnownError(Exception):
    """An error with a stable code, a Vietnamese message and what to do next.

    A subclass may set `default_message` and `default_hint`, so callers raise it bare and the
    officer sees the same words from the CLI and the window; an explicit `hint=""` means none.
    """

    code = "error"
    default_message = ""
    default_hint = ""

    def __init__(
        self, message: str | None = None, hint: str | None = None, *, code: str | None = None
    ) -> None:
        self.message = message or self.default_message
        self.hint = self.default_hint if hint is None else hint
        super().__init__(self.message)
        if code is not None:
            self.code = code

    def as_dict(self) -> dict[str, str]:
        data = {"code": self.code, "message": self.message}
        if self.hint:
            data["hint"] = self.hint
        return data


def is_known_error(exc: BaseException) -> bool:
    """True for our own error types, whichever package raised them."""
    return isinstance(exc, KnownError)


def error_dict(exc: BaseException) -> dict[str, str]:
    """The `{"code", "message", "hint"?}` shape used by the CLI and the UI, for any exception."""
    data = {"code": str(getattr(exc, "code", "error")), "message": str(getattr(exc, "message", exc))}
    hint = getattr(exc, "hint", "")
    if hint:
        data["hint"] = str(hint)
    return data
