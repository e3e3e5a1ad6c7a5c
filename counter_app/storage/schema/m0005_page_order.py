"""Schema 1.4: pages keep their order apart from their sequence number.

A page's `seq` names its sealed file and never changes; `position` is where the officer put it
(reorder, insert, replace), so reordering moves no file and writes one transaction.
"""

VERSION = (1, 4)

SQL = """
ALTER TABLE pages ADD COLUMN position INTEGER;
UPDATE pages SET position = seq;
CREATE INDEX pages_order ON pages(component_id, position);
"""
