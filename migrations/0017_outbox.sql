-- Reaching residents: which language and neighbourhood a subscriber chose, who
-- asked to hear back about a round, and a durable outbox for what the bot sends
-- on its own (an invitation when a round opens, one reminder, a thank-you,
-- "you said, we did").

-- The language to write in and the optional neighbourhood (from the
-- municipality's list in the configuration). Erased with the contact.
ALTER TABLE contacts ADD COLUMN lang TEXT;
ALTER TABLE contacts ADD COLUMN neighbourhood TEXT;

-- 1 when the participant asked to hear what was done with the input of this
-- round (a thank-you at close, feedback later). Still never what they answered.
ALTER TABLE participation ADD COLUMN hear_back INTEGER NOT NULL DEFAULT 0;

-- One row per message kind a round sends (once: the invitation, the reminder,
-- the thank-you; feedback once per outcome entry), planned in the same
-- transaction as its outbox rows, so a restart neither plans it again nor
-- loses it. Only counts stay once the rows are delivered.
CREATE TABLE broadcasts (
    round_id   TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('invite', 'reminder', 'thanks', 'feedback')),
    ref        INTEGER NOT NULL DEFAULT 0,  -- the outcome entry (seq) for feedback
    planned_on TEXT NOT NULL,               -- day, YYYY-MM-DD
    planned    INTEGER NOT NULL,            -- messages put in the outbox
    sent       INTEGER NOT NULL DEFAULT 0,  -- accepted by the platform
    failed     INTEGER NOT NULL DEFAULT 0,  -- refused or unreachable after every attempt
    skipped    INTEGER NOT NULL DEFAULT 0,  -- held back: the weekly cap, or the contact was erased
    PRIMARY KEY (round_id, kind, ref)
) WITHOUT ROWID;

-- Messages waiting to be sent. The address is not here: the row names the
-- pseudonym whose sealed contact is in the vault. A row is deleted once the
-- platform accepted it (secure_delete wipes it; the WAL is emptied after).
CREATE TABLE outbox (
    id        INTEGER PRIMARY KEY,
    round_id  TEXT NOT NULL,
    kind      TEXT NOT NULL,
    ref       INTEGER NOT NULL DEFAULT 0,
    pseudonym TEXT NOT NULL,
    platform  TEXT NOT NULL,                -- which adapter sends it
    attempts  INTEGER NOT NULL DEFAULT 0,
    not_before INTEGER NOT NULL DEFAULT 0,  -- unix seconds: the next try after a failure
    FOREIGN KEY (round_id, kind, ref) REFERENCES broadcasts (round_id, kind, ref) ON DELETE CASCADE,
    UNIQUE (round_id, kind, ref, pseudonym)
);
CREATE INDEX outbox_due ON outbox (platform, not_before);

-- Prompts (invitations and reminders) a resident got, per day, for the weekly
-- cap. Kept a week; erased with the contact.
CREATE TABLE prompts_received (
    pseudonym TEXT NOT NULL,
    day       TEXT NOT NULL,                -- YYYY-MM-DD
    n         INTEGER NOT NULL,
    PRIMARY KEY (pseudonym, day)
) WITHOUT ROWID;
