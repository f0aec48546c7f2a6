-- Schema version 6: the day as the workshop design runs it (tracks, tables, question
-- cards, challenges, kinds of draft, the programme's "now" and the plenum).
-- Every table is kept apart from rounds, drafts and participants, which other tables'
-- foreign keys point at (DuckDB cannot alter a table that is referenced), and carries
-- its event_id so that deleting an event can clear it.

-- Who a round is for, and which rounds run side by side. No row: everyone, on its own.
-- Rounds that share a slot are tracks of one time slot: they open and close together,
-- and each phone sees only the rounds of its own group (or of 'alle').
-- task says what a drafting round writes: the overall vision, a focus area's vision,
-- a mission, or a table's challenges (of which it then chooses three).
CREATE TABLE round_audience (
    round_id    INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL,
    audience    VARCHAR NOT NULL DEFAULT 'alle'
                CHECK (audience IN ('alle', 'politiker', 'embedsmand', 'brugerorganisation', 'andet')),
    slot        INTEGER CHECK (slot IS NULL OR slot BETWEEN 1 AND 100),
    task        VARCHAR CHECK (task IS NULL OR task IN ('vision', 'focus_vision', 'mission', 'challenges'))
);

-- The tables of the group work. Each is tied to a track (a group, or 'alle') and to a
-- focus area (NULL: no focus area, e.g. the politicians' overall vision).
-- participants.table_no refers to table_no here.
CREATE TABLE event_tables (
    event_id        INTEGER NOT NULL,
    table_no        INTEGER NOT NULL CHECK (table_no BETWEEN 1 AND 500),
    name            VARCHAR NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    audience        VARCHAR NOT NULL DEFAULT 'alle'
                    CHECK (audience IN ('alle', 'politiker', 'embedsmand', 'brugerorganisation', 'andet')),
    focus_area_id   INTEGER,
    PRIMARY KEY (event_id, table_no)
);

-- One phone per table takes the table chair's role ("bordformand"): what it writes is
-- the table's answer.
CREATE TABLE table_chairs (
    event_id        INTEGER NOT NULL,
    table_no        INTEGER NOT NULL,
    participant_id  INTEGER NOT NULL UNIQUE,
    taken_at        TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (event_id, table_no)
);

-- A question card, as the source words it: for a round, and for one focus area's tables
-- (focus_area_id) or for every table of the round (NULL).
CREATE TABLE question_cards (
    id              INTEGER PRIMARY KEY DEFAULT nextval('seq_id'),
    event_id        INTEGER NOT NULL,
    round_id        INTEGER NOT NULL,
    focus_area_id   INTEGER,
    position        INTEGER NOT NULL,
    heading         VARCHAR NOT NULL CHECK (length(heading) BETWEEN 1 AND 200),
    body            VARCHAR NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
    source          VARCHAR
);

-- A table's challenges in a round whose task is 'challenges'; the table then chooses
-- exactly three where it needs a clear vision (chosen).
CREATE TABLE challenges (
    id              INTEGER PRIMARY KEY DEFAULT nextval('seq_id'),
    event_id        INTEGER NOT NULL,
    round_id        INTEGER NOT NULL,
    table_no        INTEGER NOT NULL,
    focus_area_id   INTEGER,
    position        INTEGER NOT NULL,
    text            VARCHAR NOT NULL CHECK (length(text) BETWEEN 1 AND 300),
    chosen          BOOLEAN NOT NULL DEFAULT false,
    written_by      INTEGER,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- What a draft is (overall vision, a focus area's vision, mission), its focus area, the
-- round and table that wrote it, and the writing checklist ticked when it was saved
-- (HVEM, HVAD, HVORDAN, LØFTE, GEOGRAFISK FOKUS, MÅL, HVORNÅR). No row: an overall vision.
CREATE TABLE draft_design (
    draft_id        INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL,
    kind            VARCHAR NOT NULL DEFAULT 'vision' CHECK (kind IN ('vision', 'focus_vision', 'mission')),
    focus_area_id   INTEGER,
    round_id        INTEGER,
    table_no        INTEGER,
    checklist       VARCHAR[]
);

-- The programme item happening now, moved forward by the organiser.
CREATE TABLE programme_now (
    event_id        INTEGER PRIMARY KEY,
    position        INTEGER NOT NULL,
    set_by          VARCHAR NOT NULL,
    set_at          TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- What the big screen shows in the plenum: a round's drafts grouped by focus area, one
-- draft at a time (draft_id) or side by side (draft_id NULL).
CREATE TABLE plenum (
    event_id        INTEGER PRIMARY KEY,
    round_id        INTEGER NOT NULL,
    focus_area_id   INTEGER,
    draft_id        INTEGER,
    set_by          VARCHAR NOT NULL,
    set_at          TIMESTAMP NOT NULL DEFAULT current_timestamp
);
