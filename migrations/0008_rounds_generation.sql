-- A counter that moves with every change to the rounds table (import, re-import,
-- open, close, archive, by this process or another), so a running bot can keep
-- parsed rounds in memory and read one number per batch of messages to know
-- whether they are still current.

INSERT INTO settings (name, value) VALUES ('rounds_generation', '0')
    ON CONFLICT (name) DO NOTHING;

CREATE TRIGGER rounds_generation_after_insert AFTER INSERT ON rounds BEGIN
    UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE name = 'rounds_generation';
END;

CREATE TRIGGER rounds_generation_after_update AFTER UPDATE ON rounds BEGIN
    UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE name = 'rounds_generation';
END;

CREATE TRIGGER rounds_generation_after_delete AFTER DELETE ON rounds BEGIN
    UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE name = 'rounds_generation';
END;
