"""Schema 1.3: KPI aggregates kept up to date from the event log (helper "kpi").

`kpi_dossiers` holds each dossier's state folded from its events, `kpi_daily` the counts
per local day, office, officer and procedure. Both are derived data: they can be dropped
and rebuilt from `events` at any time (`counter_app.kpi.rebuild`). The position reached
in the log is kept in `meta` under `kpi_aggregated_seq`.
"""

VERSION = (1, 3)

SQL = """
CREATE TABLE kpi_dossiers (
    dossier_ref     TEXT PRIMARY KEY,
    office_code     TEXT NOT NULL,
    officer         TEXT NOT NULL,
    procedure_code  TEXT NOT NULL DEFAULT '',
    received_day    TEXT,
    finished_day    TEXT,
    intake_s        REAL,
    state           TEXT NOT NULL
);
CREATE INDEX kpi_dossiers_received ON kpi_dossiers(received_day);

CREATE TABLE kpi_daily (
    day             TEXT NOT NULL,
    office_code     TEXT NOT NULL,
    officer         TEXT NOT NULL,
    procedure_code  TEXT NOT NULL,
    received        INTEGER NOT NULL DEFAULT 0,
    in_person       INTEGER NOT NULL DEFAULT 0,
    online          INTEGER NOT NULL DEFAULT 0,
    postal          INTEGER NOT NULL DEFAULT 0,
    walk_in         INTEGER NOT NULL DEFAULT 0,
    digitized       INTEGER NOT NULL DEFAULT 0,
    reused          INTEGER NOT NULL DEFAULT 0,
    fee_bearing     INTEGER NOT NULL DEFAULT 0,
    paid_online     INTEGER NOT NULL DEFAULT 0,
    guided          INTEGER NOT NULL DEFAULT 0,
    civil_servant   INTEGER NOT NULL DEFAULT 0,
    finished        INTEGER NOT NULL DEFAULT 0,
    on_time         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, office_code, officer, procedure_code)
);
"""
