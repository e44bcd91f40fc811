-- The snapshot shown before the current one, so a new snapshot is audited
-- against what the previous one told; and the last shown snapshot is kept after
-- the close, so the final summary is audited against it. (The residents who came
-- between two publications are a group too.) Tallies hold no respondent keys.

ALTER TABLE live_snapshots ADD COLUMN earlier_tally TEXT;  -- the snapshot shown before shown_tally
