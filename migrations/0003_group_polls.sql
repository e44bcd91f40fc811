-- Native anonymous polls posted in Telegram groups. Telegram reports only totals
-- for anonymous polls, never who voted, and that is all that is kept.

CREATE TABLE group_polls (
    poll_id     TEXT PRIMARY KEY NOT NULL,                            -- Telegram's id of the poll (not of a person)
    round_id    TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    options     TEXT NOT NULL,                                        -- JSON: the answer ids in poll order
    sealed_at   TEXT NOT NULL,                                        -- hex, sealed: the group chat and message, to stop the poll
    stopped     INTEGER NOT NULL DEFAULT 0 CHECK (stopped IN (0, 1))  -- 1 once stopped at the round's close
);

CREATE TABLE group_poll_totals (
    poll_id      TEXT NOT NULL REFERENCES group_polls (poll_id) ON DELETE CASCADE,
    option_index INTEGER NOT NULL,
    votes        INTEGER NOT NULL,
    PRIMARY KEY (poll_id, option_index)
) WITHOUT ROWID;
