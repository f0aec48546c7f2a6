-- Schema version 3: rounds the organiser hides.
-- Rounds the organiser hides: a round that already has answers cannot be removed, so it
-- is hidden from the day (control, projector, phones) while its answers stay for review.
-- Kept apart from the rounds table, which other tables' foreign keys point at.
CREATE TABLE hidden_rounds (
    round_id    INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL,
    hidden_by   VARCHAR NOT NULL,
    hidden_at   TIMESTAMP NOT NULL DEFAULT current_timestamp
);
