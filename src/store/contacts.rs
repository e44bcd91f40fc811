//! Sealed contact addresses and subscriptions. Apart from answers by design:
//! nothing here joins to responses or answers.

use super::{Store, StoreError, Tx};
use crate::anon::Pseudonym;

impl Tx {
    /// Records that a resident wants to hear back about rounds on `topic`.
    /// No date is kept: it would say on which day the resident took part.
    pub async fn subscribe(&mut self, who: &Pseudonym, topic: &str) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO subscriptions (pseudonym, topic) VALUES (?, ?) ON CONFLICT DO NOTHING")
            .bind(who.as_str())
            .bind(topic)
            .execute(&mut *self.inner)
            .await
            .map_err(StoreError::sqlx)?;
        Ok(())
    }

    /// Stores (or replaces) a resident's sealed contact address.
    pub async fn save_contact(&mut self, who: &Pseudonym, sealed: &str) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO contacts (pseudonym, sealed) VALUES (?, ?)
             ON CONFLICT (pseudonym) DO UPDATE SET sealed = excluded.sealed",
        )
        .bind(who.as_str())
        .bind(sealed)
        .execute(&mut *self.inner)
        .await
        .map_err(StoreError::sqlx)?;
        Ok(())
    }

    /// Erases a resident's contact address and every subscription. Returns
    /// whether anything was there to erase.
    pub async fn forget_contact(&mut self, who: &Pseudonym) -> Result<bool, StoreError> {
        let mut erased = false;
        for sql in [
            "DELETE FROM contacts WHERE pseudonym = ?",
            "DELETE FROM subscriptions WHERE pseudonym = ?",
            "DELETE FROM participation WHERE pseudonym = ?",
        ] {
            let done = sqlx::query(sql)
                .bind(who.as_str())
                .execute(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?;
            erased |= done.rows_affected() > 0;
        }
        Ok(erased)
    }
}

impl Store {
    /// Sealed addresses of everyone subscribed to `topic`, with their pseudonyms.
    pub async fn subscribers(&self, topic: &str) -> Result<Vec<(String, String)>, StoreError> {
        sqlx::query_as(
            "SELECT c.pseudonym, c.sealed FROM subscriptions s JOIN contacts c ON c.pseudonym = s.pseudonym
             WHERE s.topic = ? ORDER BY c.pseudonym",
        )
        .bind(topic)
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::sqlx)
    }
}
