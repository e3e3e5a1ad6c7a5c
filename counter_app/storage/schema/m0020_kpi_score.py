"""Schema 1.20: the counts behind every counter-fed Decision 766 indicator (helper "kpi").

`kpi_daily` gains the counts of fully and partly online dossiers, dossiers of procedures offered
toàn trình, dossiers synced to the portal, e-results, finished dossiers digitised with their result (4.2), identifications from the ID card's data
and the citizen's ratings. The aggregates are derived data: they are emptied here and refolded
from `events` on the next `refresh`, so old dossiers get the new counts too.
"""

VERSION = (1, 20)

SQL = """
ALTER TABLE kpi_daily ADD COLUMN full_online INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN partly_online INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN offered_full INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN synced INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN e_result INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN digitized_full INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN citizen_data INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN rated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN satisfied INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN rating_skipped INTEGER NOT NULL DEFAULT 0;
DELETE FROM kpi_daily;
DELETE FROM kpi_dossiers;
DELETE FROM meta WHERE key = 'kpi_aggregated_seq';
"""
