-- Schema version 4: the privacy notice of each event.
-- Per event: who is the data controller and how participants reach them, for the
-- privacy notice one tap from the join screen (GDPR art. 13). Kept apart from the
-- events table, which other tables' foreign keys point at.
CREATE TABLE event_privacy (
    event_id        INTEGER PRIMARY KEY,
    controller      VARCHAR NOT NULL CHECK (length(controller) BETWEEN 1 AND 200),
    contact         VARCHAR NOT NULL CHECK (length(contact) BETWEEN 1 AND 300),
    dpo_contact     VARCHAR CHECK (dpo_contact IS NULL OR length(dpo_contact) <= 300),
    token_days      INTEGER NOT NULL DEFAULT 30 CHECK (token_days BETWEEN 1 AND 365),
    retention_days  INTEGER NOT NULL DEFAULT 365 CHECK (retention_days BETWEEN 1 AND 3650)
);
