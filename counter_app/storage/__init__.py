"""Local storage: the SQLite database, the encrypted per-dossier workspace, atomic files."""
