-- Live snapshots lag one step behind: a snapshot is taken when k more residents
-- have finished than the one shown, and shown only once k more have finished
-- after it was taken. So two shown snapshots differ by at least k residents,
-- and so does the last one shown from the final summary at the close (which
-- counts everyone). Snapshots are transient; the old table's rows are dropped.

DROP TABLE live_snapshots;
CREATE TABLE live_snapshots (
    round_id         TEXT PRIMARY KEY NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    shown_count      INTEGER,  -- finished responses the shown snapshot counts
    shown_tally      TEXT,     -- its tally as JSON: counts and scrubbed answers, no keys
    next_count       INTEGER,  -- finished responses the next snapshot counts
    next_tally       TEXT      -- shown once k more than next_count have finished
) WITHOUT ROWID;
