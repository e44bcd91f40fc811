-- What the municipality did with a round's input ("you said, we did"): dated
-- entries over time (taken into the advice, adopted, partly, not), each with a
-- text per round language. The report and summaries show them; councils count
-- how soon after a round closed residents heard back.

CREATE TABLE outcomes (
    round_id  TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,          -- 1, 2, ... in order of publishing
    day       TEXT NOT NULL,             -- YYYY-MM-DD, the day it was published
    status    TEXT NOT NULL CHECK (status IN ('in-advice', 'adopted', 'partly-adopted', 'not-adopted')),
    texts     TEXT NOT NULL,             -- {"nl": "...", "en": "..."}
    review_by TEXT,                      -- YYYY-MM-DD: when the next entry is due
    PRIMARY KEY (round_id, seq)
) WITHOUT ROWID;
