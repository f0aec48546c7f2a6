-- Schema version 1: events, their content, participants and answers.
CREATE SEQUENCE IF NOT EXISTS seq_id START 1;

CREATE TABLE events (
    id              INTEGER PRIMARY KEY DEFAULT nextval('seq_id'),
    code            VARCHAR NOT NULL UNIQUE CHECK (length(code) BETWEEN 3 AND 16),
    title           VARCHAR NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    event_date      DATE,
    place           VARCHAR,
    region          VARCHAR,
    description     VARCHAR,
    join_mode       VARCHAR NOT NULL DEFAULT 'open' CHECK (join_mode IN ('open', 'tokens')),
    focus_mode      VARCHAR NOT NULL DEFAULT 'points' CHECK (focus_mode IN ('points', 'rank')),
    focus_points    INTEGER NOT NULL DEFAULT 10 CHECK (focus_points BETWEEN 1 AND 100),
    min_group_size  INTEGER NOT NULL DEFAULT 3 CHECK (min_group_size BETWEEN 1 AND 50),
    is_demo         BOOLEAN NOT NULL DEFAULT false,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE programme_items (
    event_id    INTEGER NOT NULL REFERENCES events (id),
    position    INTEGER NOT NULL,
    at_time     VARCHAR,
    title       VARCHAR NOT NULL,
    detail      VARCHAR,
    PRIMARY KEY (event_id, position)
);

-- Municipalities or organisations a participant can belong to, per event.
CREATE TABLE event_units (
    event_id    INTEGER NOT NULL REFERENCES events (id),
    position    INTEGER NOT NULL,
    name        VARCHAR NOT NULL,
    PRIMARY KEY (event_id, name)
);

CREATE TABLE criteria (
    event_id    INTEGER NOT NULL REFERENCES events (id),
    key         VARCHAR NOT NULL,
    position    INTEGER NOT NULL,
    label       VARCHAR NOT NULL,
    question    VARCHAR NOT NULL,
    PRIMARY KEY (event_id, key)
);

CREATE TABLE paradoxes (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_id'),
    event_id    INTEGER NOT NULL REFERENCES events (id),
    position    INTEGER NOT NULL,
    title       VARCHAR NOT NULL,
    question    VARCHAR,
    left_label  VARCHAR NOT NULL,
    left_args   VARCHAR[],
    right_label VARCHAR NOT NULL,
    right_args  VARCHAR[]
);

CREATE TABLE focus_areas (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_id'),
    event_id    INTEGER NOT NULL REFERENCES events (id),
    position    INTEGER NOT NULL,
    title       VARCHAR NOT NULL,
    description VARCHAR
);

CREATE TABLE rounds (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_id'),
    event_id    INTEGER NOT NULL REFERENCES events (id),
    position    INTEGER NOT NULL,
    kind        VARCHAR NOT NULL CHECK (kind IN ('scoring', 'paradox', 'focus', 'drafting')),
    title       VARCHAR NOT NULL,
    status      VARCHAR NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'open', 'closed')),
    revealed    BOOLEAN NOT NULL DEFAULT false,
    opened_at   TIMESTAMP,
    closed_at   TIMESTAMP
);

-- Participants carry no name: a group and a municipality/organisation only.
CREATE TABLE participants (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_id'),
    event_id    INTEGER NOT NULL REFERENCES events (id),
    grp         VARCHAR NOT NULL CHECK (grp IN ('politiker', 'embedsmand', 'brugerorganisation', 'andet')),
    unit        VARCHAR,
    table_no    INTEGER,
    issued      VARCHAR NOT NULL CHECK (issued IN ('open', 'preset')),
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- The secret that links a phone to a participant. Deleting these after the day
-- keeps the results but severs every link to a person's phone or card.
CREATE TABLE participant_tokens (
    token           VARCHAR PRIMARY KEY CHECK (length(token) >= 22),
    participant_id  INTEGER NOT NULL UNIQUE REFERENCES participants (id),
    revoked         BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE drafts (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_id'),
    event_id    INTEGER NOT NULL REFERENCES events (id),
    position    INTEGER NOT NULL,
    text        VARCHAR NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
    label       VARCHAR,
    source      VARCHAR NOT NULL CHECK (source IN ('seed', 'organiser', 'table', 'import')),
    status      VARCHAR NOT NULL DEFAULT 'approved' CHECK (status IN ('pending', 'approved', 'hidden')),
    is_example  BOOLEAN NOT NULL DEFAULT false,
    submitted_by INTEGER REFERENCES participants (id),
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE scores (
    round_id        INTEGER NOT NULL REFERENCES rounds (id),
    participant_id  INTEGER NOT NULL REFERENCES participants (id),
    draft_id        INTEGER NOT NULL REFERENCES drafts (id),
    criterion_key   VARCHAR NOT NULL,
    score           SMALLINT CHECK (score BETWEEN 1 AND 5),
    dont_know       BOOLEAN NOT NULL DEFAULT false,
    saved_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (round_id, participant_id, draft_id, criterion_key),
    CHECK ((score IS NULL) = dont_know)
);

CREATE TABLE paradox_positions (
    round_id        INTEGER NOT NULL REFERENCES rounds (id),
    participant_id  INTEGER NOT NULL REFERENCES participants (id),
    paradox_id      INTEGER NOT NULL REFERENCES paradoxes (id),
    position        SMALLINT NOT NULL CHECK (position BETWEEN -100 AND 100),
    saved_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (round_id, participant_id, paradox_id)
);

CREATE TABLE focus_priorities (
    round_id        INTEGER NOT NULL REFERENCES rounds (id),
    participant_id  INTEGER NOT NULL REFERENCES participants (id),
    focus_area_id   INTEGER NOT NULL REFERENCES focus_areas (id),
    value           SMALLINT NOT NULL CHECK (value BETWEEN 0 AND 100),
    saved_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (round_id, participant_id, focus_area_id)
);

CREATE TABLE comments (
    round_id        INTEGER NOT NULL REFERENCES rounds (id),
    participant_id  INTEGER NOT NULL REFERENCES participants (id),
    draft_id        INTEGER NOT NULL REFERENCES drafts (id),
    text            VARCHAR NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
    saved_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (round_id, participant_id, draft_id)
);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY DEFAULT nextval('seq_id'),
    logged_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    actor       VARCHAR NOT NULL,
    action      VARCHAR NOT NULL,
    event_id    INTEGER,
    detail      VARCHAR
);
