"""Schema 1.10: the dossier log book (Sổ theo dõi hồ sơ, Mẫu 07 of Thông tư 03/2025/TT-VPCP).

One book per office and year, numbered from 1 without gaps: a dossier gets its number in the
transaction that queues it for filing, so a number is never handed out twice nor lost to a
crash before the receipt is printed. A dossier has one line, whatever it goes through after.
Only the reference is kept here: the citizen's name and address stay sealed in `citizens`.
"""

VERSION = (1, 10)

SQL = """
CREATE TABLE log_book (
    office_code  TEXT NOT NULL,
    year         INTEGER NOT NULL,
    number       INTEGER NOT NULL CHECK (number > 0),
    dossier_ref  TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    entered_at   TEXT NOT NULL,
    PRIMARY KEY (office_code, year, number),
    UNIQUE (office_code, dossier_ref)
);
CREATE INDEX log_book_received ON log_book(office_code, received_at);
"""
