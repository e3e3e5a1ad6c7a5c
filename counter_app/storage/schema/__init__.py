"""Numbered schema migrations, one module each: `VERSION = (major, minor)` and `SQL`.

A new minor version only adds (tables, columns, indexes), so an older release can still
open the file; a new major version may change meaning, so older releases refuse it.
Never edit a released migration: add the next one.
"""
