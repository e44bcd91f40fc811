-- Nothing in the file may replay who did what, or when. Three changes:
-- 1. Conversations and contacts become WITHOUT ROWID tables: a rowid table keeps
--    rows (and VACUUM keeps them) in insertion order, which replays the order in
--    which residents first wrote. Keyed by a pseudonym, rows sit in key order.
-- 2. Dates that tie a pseudonym to an act are coarsened or dropped: a
--    conversation keeps only the month of its last message (all that retention
--    needs); contacts and subscriptions keep no date at all.
-- 3. Old rows are copied, so the old tables' pages are freed; with secure_delete
--    on (set on every connection) they are zeroed.

CREATE TABLE conversations_v2 (
    pseudonym    TEXT PRIMARY KEY NOT NULL,                        -- keyed HMAC of the platform identity
    round_id     TEXT REFERENCES rounds (id) ON DELETE SET NULL,  -- the round the state concerns, if any
    state        TEXT NOT NULL,                                    -- the engine's conversation state as JSON
    active_month TEXT NOT NULL                                     -- month of the last message, YYYY-MM (for retention)
) WITHOUT ROWID;
INSERT INTO conversations_v2 (pseudonym, round_id, state, active_month)
    SELECT pseudonym, round_id, state, substr(updated_on, 1, 7) FROM conversations;
DROP INDEX conversations_by_round;
DROP TABLE conversations;
ALTER TABLE conversations_v2 RENAME TO conversations;
CREATE INDEX conversations_by_round ON conversations (round_id);

CREATE TABLE contacts_v2 (
    pseudonym TEXT PRIMARY KEY NOT NULL,  -- keyed HMAC of the platform identity
    sealed    TEXT NOT NULL               -- hex: 24-byte nonce + XChaCha20-Poly1305 ciphertext of {platform, address}
) WITHOUT ROWID;
INSERT INTO contacts_v2 (pseudonym, sealed) SELECT pseudonym, sealed FROM contacts;
DROP TABLE contacts;
ALTER TABLE contacts_v2 RENAME TO contacts;

CREATE TABLE subscriptions_v2 (
    pseudonym TEXT NOT NULL,  -- who asked to hear back
    topic     TEXT NOT NULL,  -- the round's topic label, e.g. 'wmo'
    PRIMARY KEY (pseudonym, topic)
) WITHOUT ROWID;
INSERT INTO subscriptions_v2 (pseudonym, topic) SELECT pseudonym, topic FROM subscriptions;
DROP TABLE subscriptions;
ALTER TABLE subscriptions_v2 RENAME TO subscriptions;
