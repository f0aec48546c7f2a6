-- Schema version 7: which drafts a scoring round scores.
-- No row for a round: it scores every approved draft of its event (as before version 7).
-- With rows: only those drafts, in position order. The plenum's "open for scoring" writes
-- the drafts it showed; the organiser may also choose them in set-up.
-- Kept apart from rounds and drafts (DuckDB cannot alter a table that is referenced) and
-- carries its event_id so that deleting an event can clear it.
CREATE TABLE round_drafts (
    event_id    INTEGER NOT NULL,
    round_id    INTEGER NOT NULL,
    draft_id    INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    PRIMARY KEY (round_id, draft_id)
);
