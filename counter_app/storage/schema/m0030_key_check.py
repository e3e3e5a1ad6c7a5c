"""Schema 1.30: the database records which data key sealed its contents.

Without this record a deleted key file was silently replaced by a new key and every earlier
dossier became unreadable. `key_id` names the key (shown to IT, written in the recovery file);
`check_value` is a one-way value of the key, so a missing or different key is refused at open.
One row at most.
"""

VERSION = (1, 30)

SQL = """
CREATE TABLE data_key_check (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    key_id       TEXT NOT NULL,
    check_value  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
"""
