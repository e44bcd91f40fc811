-- Platform events already handled (Matrix), by an HMAC of the event id under the
-- secret, never the id itself: a restart that syncs again from an earlier point
-- skips them. Stored in the same transaction as the event's effects; kept a few
-- days (by day, never a time), then pruned. Nothing here names a resident.

CREATE TABLE handled_events (
    event_key TEXT PRIMARY KEY NOT NULL,
    day       TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX handled_events_by_day ON handled_events (day);
