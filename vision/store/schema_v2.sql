-- Schema version 2: comment moderation. An organiser can hide an abusive comment;
-- hiding is kept apart from the comment so the answer itself is never rewritten.
CREATE TABLE hidden_comments (
    round_id        INTEGER NOT NULL,
    participant_id  INTEGER NOT NULL,
    draft_id        INTEGER NOT NULL,
    hidden_by       VARCHAR NOT NULL,
    hidden_at       TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (round_id, participant_id, draft_id)
);
CREATE INDEX idx_scores_draft ON scores (draft_id);
