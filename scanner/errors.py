"""Known errors of the scanner library (it cannot import counter_app: leaf library).

Same shape as `counter_app.errors.KnownError`: the `known` class attribute is the shared marker,
`code` is stable, `message` and `hint` are Vietnamese for the officer.
"""

from __future__ import annotations


class ScannerError(Exception):
    """A scanning or page clean-up failure the officer can understand and act on."""

    known = True
    code = "scanner_error"

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
