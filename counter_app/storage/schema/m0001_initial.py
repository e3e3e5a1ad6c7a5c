"""Schema 1.0: offices and officers, citizens, dossiers, components, pages, events, outbox, sync."""

VERSION = (1, 0)

SQL = """
CREATE TABLE offices (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE officers (
    id           INTEGER PRIMARY KEY,
    office_code  TEXT NOT NULL REFERENCES offices(code),
    username     TEXT NOT NULL UNIQUE,
    full_name    TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('officer', 'supervisor', 'it')),
    pin_hash     TEXT,
    active       INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL
);

-- The ID payload is sealed (AES-GCM); id_tag is a keyed hash of the ID number for look-ups.
CREATE TABLE citizens (
    id           INTEGER PRIMARY KEY,
    id_tag       TEXT NOT NULL UNIQUE,
    payload_enc  BLOB NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE dossiers (
    id                INTEGER PRIMARY KEY,
    local_ref         TEXT NOT NULL UNIQUE,
    office_code       TEXT NOT NULL,
    officer_id        INTEGER REFERENCES officers(id),
    citizen_id        INTEGER REFERENCES citizens(id),
    procedure_code    TEXT,
    channel           INTEGER NOT NULL DEFAULT 1 CHECK (channel IN (1, 2, 3)),
    state             TEXT NOT NULL,
    portal_code       TEXT,
    received_at       TEXT,
    appointment_date  TEXT,
    fee               INTEGER NOT NULL DEFAULT 0,
    payment_method    TEXT,
    return_method     TEXT,
    details_json      TEXT NOT NULL DEFAULT '{}',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX dossiers_created ON dossiers(created_at);
CREATE INDEX dossiers_citizen ON dossiers(citizen_id);

CREATE TABLE components (
    id             INTEGER PRIMARY KEY,
    dossier_id     INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    key            TEXT NOT NULL,
    name           TEXT NOT NULL,
    required       INTEGER NOT NULL DEFAULT 1,
    status         TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'captured', 'digitized', 'signed', 'reused', 'not_provided')),
    reused_from    INTEGER REFERENCES components(id),
    original_seen  INTEGER NOT NULL DEFAULT 0,
    pdf_name       TEXT,
    signed_name    TEXT,
    pdf_sha256     TEXT,
    UNIQUE (dossier_id, key)
);

CREATE TABLE pages (
    id            INTEGER PRIMARY KEY,
    component_id  INTEGER NOT NULL REFERENCES components(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    file_name     TEXT NOT NULL,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    dpi           INTEGER NOT NULL,
    mode          TEXT NOT NULL,
    blank         INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    UNIQUE (component_id, seq)
);

-- Append-only; each row carries the hash of the previous one (see counter_app.events).
CREATE TABLE events (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id     TEXT NOT NULL UNIQUE,
    ts           TEXT NOT NULL,
    kind         TEXT NOT NULL,
    office_code  TEXT NOT NULL,
    officer      TEXT NOT NULL,
    dossier_ref  TEXT,
    duration_ms  INTEGER,
    payload      TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX events_kind_ts ON events(kind, ts);
CREATE INDEX events_dossier ON events(dossier_ref);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE outbox_jobs (
    id               INTEGER PRIMARY KEY,
    dossier_id       INTEGER REFERENCES dossiers(id),
    kind             TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL UNIQUE,
    payload          TEXT NOT NULL,
    state            TEXT NOT NULL DEFAULT 'queued'
                     CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'needs_attention', 'cancelled')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT,
    last_error       TEXT,
    result           TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox_jobs(state, next_attempt_at);

CREATE TABLE sync_cursor (
    target      TEXT PRIMARY KEY,
    last_seq    INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL
);

CREATE TABLE meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
"""
