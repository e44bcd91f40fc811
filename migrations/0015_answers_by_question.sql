-- A council's summary counts each question's answers by value. Without this
-- index SQLite sorts every answer of the round for that (a million answers: a
-- second); with it, the counts come from one ordered pass over the index.
CREATE INDEX answers_by_question ON answers (round_id, question_id, value);
