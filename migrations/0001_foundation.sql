-- meepraten schema, first version. Migrations are append-only: change the schema
-- in a new file. Types are kept to TEXT and INTEGER so the same tables can be
-- written for PostgreSQL. No table holds a raw platform id, a display name or a
-- message id; times are kept at day grain at most.

CREATE TABLE settings (
    name  TEXT PRIMARY KEY NOT NULL,  -- e.g. 'secret_fingerprint'
    value TEXT NOT NULL               -- never a secret itself, only facts about one
);

CREATE TABLE rounds (
    id                    TEXT PRIMARY KEY NOT NULL,  -- slug from the round file
    version               INTEGER NOT NULL,           -- 1 at first import, +1 per accepted re-import
    state                 TEXT NOT NULL CHECK (state IN ('draft', 'open', 'closed', 'archived')),
    definition            TEXT NOT NULL,              -- the checked round as JSON
    source                TEXT NOT NULL,              -- the round file as imported, for the record
    questions_fingerprint TEXT NOT NULL,              -- questions as JSON, hashed: must not change once open
    opens_at              INTEGER NOT NULL,           -- planned opening, unix seconds
    closes_at             INTEGER NOT NULL,           -- answers refused from here, unix seconds
    respondent_salt       TEXT,                       -- hex; set at open, destroyed at close (unlinks answers)
    imported_on           TEXT NOT NULL,              -- day of last import, YYYY-MM-DD
    opened_on             TEXT,                       -- day opened
    closed_on             TEXT                        -- day closed
);

CREATE TABLE conversations (
    pseudonym  TEXT PRIMARY KEY NOT NULL,                        -- keyed HMAC of the platform identity
    round_id   TEXT REFERENCES rounds (id) ON DELETE SET NULL,  -- the round the state concerns, if any
    state      TEXT NOT NULL,                                    -- the engine's conversation state as JSON
    updated_on TEXT NOT NULL                                     -- day of the last message, YYYY-MM-DD
);
CREATE INDEX conversations_by_round ON conversations (round_id);

-- One row per respondent per round. WITHOUT ROWID: rows are kept in key order,
-- and keys are random, so storage order says nothing about who answered when.
CREATE TABLE responses (
    round_id       TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    respondent_key TEXT NOT NULL,             -- HMAC under the round's salt; unlinkable once the salt is gone
    completed      INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
    PRIMARY KEY (round_id, respondent_key)
) WITHOUT ROWID;

CREATE TABLE answers (
    round_id       TEXT NOT NULL,
    respondent_key TEXT NOT NULL,
    question_id    TEXT NOT NULL,
    value          TEXT NOT NULL,             -- the answer as JSON ({"kind": ..., "value": ...})
    PRIMARY KEY (round_id, respondent_key, question_id),
    FOREIGN KEY (round_id, respondent_key) REFERENCES responses (round_id, respondent_key) ON DELETE CASCADE
) WITHOUT ROWID;
