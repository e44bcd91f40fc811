-- Officials reminded that a round's review-by date passed without a new
-- outcome entry: once per entry and official. The official is kept as a keyed
-- hash under the secret, never their id.
CREATE TABLE review_reminders (
    round_id    TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,            -- the outcome entry whose review-by passed
    official    TEXT NOT NULL,               -- keyed hash of platform and user id
    reminded_on TEXT NOT NULL,               -- day, YYYY-MM-DD
    PRIMARY KEY (round_id, seq, official)
) WITHOUT ROWID;
