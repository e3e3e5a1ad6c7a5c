"""Schema 1.45: every kind of applicant, and the representative who brings the dossier (issue #25).

A dossier from before this schema is an individual's, with no representative: the defaults say so.
- `applicant_kind`: individual | organisation | agency | foreigner.
- `applicant_json`: an organisation's or agency's tax code / code, name and address, in the clear
  (not personal data).
- `applicant_enc`: a foreigner's passport data, sealed like a citizen's card (personal data).
- `representative_id`: the person acting for the applicant, a row of the sealed `citizens` table;
  `representative_role`: authorised | guardian | staff.
An individual applicant stays where it always was: `citizen_id`.

`kpi_daily` gains the received dossiers per applicant kind and those filed by a representative;
the aggregates are derived data, emptied here and refolded from `events` on the next refresh.
"""

VERSION = (1, 45)

SQL = """
ALTER TABLE dossiers ADD COLUMN applicant_kind TEXT NOT NULL DEFAULT 'individual'
    CHECK (applicant_kind IN ('individual', 'organisation', 'agency', 'foreigner'));
ALTER TABLE dossiers ADD COLUMN applicant_json TEXT;
ALTER TABLE dossiers ADD COLUMN applicant_enc BLOB;
ALTER TABLE dossiers ADD COLUMN representative_id INTEGER REFERENCES citizens(id);
ALTER TABLE dossiers ADD COLUMN representative_role TEXT
    CHECK (representative_role IS NULL OR representative_role IN ('authorised', 'guardian', 'staff'));
CREATE INDEX dossiers_representative ON dossiers(representative_id);
CREATE INDEX dossiers_applicant_kind ON dossiers(applicant_kind, created_at);
ALTER TABLE kpi_daily ADD COLUMN applicant_individual INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN applicant_organisation INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN applicant_agency INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN applicant_foreigner INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN represented INTEGER NOT NULL DEFAULT 0;
DELETE FROM kpi_daily;
DELETE FROM kpi_dossiers;
DELETE FROM meta WHERE key = 'kpi_aggregated_seq';
"""
