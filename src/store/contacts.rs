//! Sealed contact addresses and subscriptions. Apart from answers by design:
//! nothing here joins to responses or answers.

use super::{StoreError, Tx};
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

    /// Stores (or replaces) a resident's sealed contact.
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

    /// A resident's sealed contact, if one is kept.
    pub async fn sealed_contact(&mut self, who: &Pseudonym) -> Result<Option<String>, StoreError> {
        sqlx::query_scalar("SELECT sealed FROM contacts WHERE pseudonym = ?")
            .bind(who.as_str())
            .fetch_optional(&mut *self.inner)
            .await
            .map_err(StoreError::sqlx)
    }

    /// Records that a participant asked to hear what is done with the input of
    /// `round` (a thank-you at close, feedback later).
    pub async fn hear_back(&mut self, who: &Pseudonym, round: &str) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO participation (pseudonym, round_id, hear_back) VALUES (?, ?, 1)
             ON CONFLICT (pseudonym, round_id) DO UPDATE SET hear_back = 1",
        )
        .bind(who.as_str())
        .bind(round)
        .execute(&mut *self.inner)
        .await
        .map_err(StoreError::sqlx)?;
        Ok(())
    }

    /// Drops one topic, or every topic (`None`). The contact goes too when
    /// nothing is left to send: no topic, and no round the resident asked to
    /// hear back about. Returns whether anything was erased, and whether the
    /// contact is still kept.
    pub async fn drop_topics(
        &mut self,
        who: &Pseudonym,
        topic: Option<&str>,
    ) -> Result<(bool, bool), StoreError> {
        let dropped =
            sqlx::query("DELETE FROM subscriptions WHERE pseudonym = ? AND (? IS NULL OR topic = ?)")
                .bind(who.as_str())
                .bind(topic)
                .bind(topic)
                .execute(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?;
        let gone = sqlx::query(
            "DELETE FROM contacts WHERE pseudonym = ?1
             AND NOT EXISTS (SELECT 1 FROM subscriptions WHERE pseudonym = ?1)
             AND NOT EXISTS (SELECT 1 FROM participation WHERE pseudonym = ?1 AND hear_back = 1)",
        )
        .bind(who.as_str())
        .execute(&mut *self.inner)
        .await
        .map_err(StoreError::sqlx)?;
        if gone.rows_affected() > 0 {
            self.drop_outbox(who).await?;
        }
        Ok((
            dropped.rows_affected() + gone.rows_affected() > 0,
            gone.rows_affected() == 0,
        ))
    }

    /// The topics a resident follows.
    pub async fn topics_of(&mut self, who: &Pseudonym) -> Result<Vec<String>, StoreError> {
        sqlx::query_scalar("SELECT topic FROM subscriptions WHERE pseudonym = ? ORDER BY topic")
            .bind(who.as_str())
            .fetch_all(&mut *self.inner)
            .await
            .map_err(StoreError::sqlx)
    }

    /// Removes what waits in the outbox for `who`, counted as skipped, so no
    /// row names them after they left.
    async fn drop_outbox(&mut self, who: &Pseudonym) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE broadcasts SET skipped = skipped + (SELECT COUNT(*) FROM outbox o
               WHERE o.pseudonym = ?1 AND (o.round_id, o.kind, o.ref) = (broadcasts.round_id, broadcasts.kind, broadcasts.ref))
             WHERE (round_id, kind, ref) IN (SELECT round_id, kind, ref FROM outbox WHERE pseudonym = ?1)",
        )
        .bind(who.as_str())
        .execute(&mut *self.inner)
        .await
        .map_err(StoreError::sqlx)?;
        for sql in [
            "DELETE FROM outbox WHERE pseudonym = ?",
            "DELETE FROM prompts_received WHERE pseudonym = ?",
        ] {
            sqlx::query(sql)
                .bind(who.as_str())
                .execute(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?;
        }
        Ok(())
    }

    /// Erases a resident's contact address and every subscription. Returns
    /// whether anything was there to erase.
    pub async fn forget_contact(&mut self, who: &Pseudonym) -> Result<bool, StoreError> {
        self.drop_outbox(who).await?;
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
