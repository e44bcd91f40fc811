-- The formal advice a round informed: the council's own advice, named so the
-- report and the chat summary can say where the residents' input went.

CREATE TABLE advice (
    round_id TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    title    TEXT NOT NULL,
    day      TEXT NOT NULL,             -- YYYY-MM-DD, the advice's date
    url      TEXT,
    PRIMARY KEY (round_id, title)
) WITHOUT ROWID;
