-- The language and neighbourhood a resident chose travel inside the sealed
-- contact, not beside it in plain text: next to the pseudonym they would say
-- something about a resident to anyone holding the file.
ALTER TABLE contacts DROP COLUMN lang;
ALTER TABLE contacts DROP COLUMN neighbourhood;
