-- The channel a response started on (telegram, matrix, terminal), so a council
-- sees whom each platform reached. Counted per round with the same audit as
-- every number; nothing more specific than the platform's name is kept.

ALTER TABLE responses ADD COLUMN channel TEXT;
