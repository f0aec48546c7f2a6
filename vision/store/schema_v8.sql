-- Schema version 8: where a programme item or a criterion's question differs from its
-- source, the pages say so (the provenance of data/, vision/provenance.py).
-- programme_items.provenance: 'inferred' (read from the sources, not in the source's
-- programme) or 'assumed' (no source says it); NULL: as the source says it, or the
-- organiser's own item.
-- criteria.source_words: the source's words when they are cut off and the question
-- completes them; NULL: the question is the source's words (or the organiser's own).
-- Neither table is referenced by another, so both can be altered.
-- (DuckDB adds no column with a CHECK constraint: vision/store/content_queries.py writes
-- only these two values.)
ALTER TABLE programme_items ADD COLUMN provenance VARCHAR;
ALTER TABLE criteria ADD COLUMN source_words VARCHAR;
