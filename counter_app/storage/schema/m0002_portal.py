"""Schema 1.1 (helper "portal"): outbox jobs name their dossier by local reference.

The outbox may be handed a dossier before (or without) its row in `dossiers` exists, e.g.
a headless intake or a test; the local reference is what events and the officer use anyway.
"""

VERSION = (1, 1)

SQL = """
ALTER TABLE outbox_jobs ADD COLUMN dossier_ref TEXT;
ALTER TABLE outbox_jobs ADD COLUMN last_attempt_at TEXT;
CREATE INDEX outbox_dossier ON outbox_jobs(dossier_ref);
"""
