-- That a resident took part in a round, never what they answered: keyed by the
-- pseudonym (a keyed HMAC of the platform identity), so a later round can count
-- how many of its respondents took part before, and (with subscriptions) who
-- to tell what was done with the input. Deleted with the contact, when the
-- resident erases their data, and after the retention period.
CREATE TABLE participation (
    pseudonym TEXT NOT NULL,
    round_id  TEXT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    PRIMARY KEY (pseudonym, round_id)
) WITHOUT ROWID;
CREATE INDEX participation_by_round ON participation (round_id);

-- How many of a round's respondents had taken part in an earlier round,
-- counted when it closed (NULL for rounds closed before this was kept).
ALTER TABLE rounds ADD COLUMN returning_respondents INTEGER;
