"""The core's known errors; the base class and the helpers live in `common.errors`.

Anything that is not a known error is a bug: it is logged with a traceback and shown in the
crash dialog. `KnownError`, `is_known_error` and `error_dict` are re-exported here because the
core and the window import them from this module in many places.
"""

from __future__ import annotations

from common.errors import KnownError, error_dict, is_known_error

__all__ = ["ConfigError", "DatabaseTooNewError", "KnownError", "StorageError", "error_dict", "is_known_error"]


class ConfigError(KnownError):
    code = "config_invalid"


class StorageError(KnownError):
    code = "storage_error"


class DatabaseTooNewError(StorageError):
    code = "database_too_new"
