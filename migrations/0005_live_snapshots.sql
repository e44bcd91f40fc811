-- Live results of an open round (only for rounds with live_results = true) are
-- served from a snapshot that is renewed only once at least k more residents
-- have finished, so comparing two snapshots never isolates one resident. The
-- snapshot holds finished responses only (a resident who says /vergeet keeps
-- nothing in it that is not already final) and is erased when the round closes.

CREATE TABLE live_snapshots (
    round_id    TEXT PRIMARY KEY NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    respondents INTEGER NOT NULL,  -- finished responses the snapshot counts
    tally       TEXT NOT NULL      -- the summary's input as JSON: counts and scrubbed answers, no keys
) WITHOUT ROWID;
