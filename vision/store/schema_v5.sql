-- Schema version 5: before and after the day.
-- A consultation asks bodies (municipalities, the region, committees) for written input
-- before the vision day; each body answers through its own secret link. Approvals record
-- each approving body's decision on the agreement a process leads to.
-- No foreign keys: DuckDB refuses to delete a parent and its children in one transaction,
-- so the links are kept by the code, and deleting an event deletes its consultation first
-- (vision.consultation.delete_for_event), and readers join on events.
CREATE TABLE consultations (
    id              INTEGER PRIMARY KEY DEFAULT nextval('seq_id'),
    event_id        INTEGER NOT NULL UNIQUE,
    title           VARCHAR NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    intro           VARCHAR CHECK (length(intro) <= 2000),
    deadline        DATE NOT NULL,
    reply_to        VARCHAR CHECK (length(reply_to) <= 200),
    source          VARCHAR,
    created_by      VARCHAR NOT NULL,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- scope 'vision': asked once; scope 'focus': asked for every focus area of the event.
CREATE TABLE consultation_questions (
    id              INTEGER PRIMARY KEY DEFAULT nextval('seq_id'),
    consultation_id INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    scope           VARCHAR NOT NULL CHECK (scope IN ('vision', 'focus')),
    text            VARCHAR NOT NULL CHECK (length(text) BETWEEN 1 AND 500)
);

-- A body asked: its name is public (an official body answers, not a person).
CREATE TABLE consultation_bodies (
    id              INTEGER PRIMARY KEY DEFAULT nextval('seq_id'),
    consultation_id INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    name            VARCHAR NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    token           VARCHAR NOT NULL UNIQUE CHECK (length(token) >= 22),
    submitted_at    TIMESTAMP,          -- last time the answer was sent (NULL: not sent)
    revisions       INTEGER NOT NULL DEFAULT 0,
    reminded_at     TIMESTAMP,
    UNIQUE (consultation_id, name)
);

-- One text per body, question and focus area (0 for a question on the vision).
-- A text is kept as soon as it is saved; it counts as answered when the body sends it.
CREATE TABLE consultation_answers (
    body_id         INTEGER NOT NULL,
    question_id     INTEGER NOT NULL,
    focus_area_id   INTEGER NOT NULL DEFAULT 0,
    text            VARCHAR NOT NULL CHECK (length(text) <= 4000),
    saved_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (body_id, question_id, focus_area_id)
);

-- Answers the organiser picked to show on the big screen on the day.
CREATE TABLE consultation_highlights (
    body_id         INTEGER NOT NULL,
    question_id     INTEGER NOT NULL,
    focus_area_id   INTEGER NOT NULL DEFAULT 0,
    position        INTEGER NOT NULL,
    selected_by     VARCHAR NOT NULL,
    selected_at     TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (body_id, question_id, focus_area_id)
);

-- One approving body's decision in one process (process and body ids from data/).
-- No row means pending. Every change is also written to audit_log.
CREATE TABLE approvals (
    process_id      VARCHAR NOT NULL,
    body_key        VARCHAR NOT NULL,
    status          VARCHAR NOT NULL CHECK (status IN ('pending', 'approved', 'approved_with_remarks', 'rejected')),
    decided_on      DATE,
    reference       VARCHAR CHECK (length(reference) <= 500),
    remarks         VARCHAR CHECK (length(remarks) <= 2000),
    recorded_by     VARCHAR NOT NULL,
    recorded_at     TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (process_id, body_key),
    CHECK (status = 'pending' OR decided_on IS NOT NULL)
);
