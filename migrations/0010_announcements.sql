-- What the bot posted in announcement rooms (an invitation when a round opens,
-- the published summary after it closes), so each is posted once, also across
-- restarts. The room is kept as a keyed hash under the secret, never its id.

CREATE TABLE announcements (
    round_id  TEXT NOT NULL,
    place     TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('opened', 'closed')),
    posted_on TEXT NOT NULL,
    PRIMARY KEY (round_id, place, kind)
) WITHOUT ROWID;
