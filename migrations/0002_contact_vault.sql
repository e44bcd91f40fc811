-- Contact vault and subscriptions. Kept apart from answers: no table here joins
-- to responses or answers, and both are erased when a resident says stop or forget.

CREATE TABLE contacts (
    pseudonym  TEXT PRIMARY KEY NOT NULL,  -- keyed HMAC of the platform identity
    sealed     TEXT NOT NULL,              -- hex: 24-byte nonce + XChaCha20-Poly1305 ciphertext of {platform, address}
    updated_on TEXT NOT NULL               -- day, YYYY-MM-DD
);

CREATE TABLE subscriptions (
    pseudonym  TEXT NOT NULL,              -- who asked to hear back
    topic      TEXT NOT NULL,              -- the round's topic label, e.g. 'wmo'
    created_on TEXT NOT NULL,              -- day, YYYY-MM-DD
    PRIMARY KEY (pseudonym, topic)
) WITHOUT ROWID;
