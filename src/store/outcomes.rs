//! The outcome entries of each round ("you said, we did").

use std::collections::BTreeMap;

use super::{Store, StoreError};
use crate::domain::{Lang, Outcome, OutcomeStatus};

impl Store {
    /// Adds an outcome entry after the round's earlier ones; returns its number.
    pub async fn add_outcome(&self, round: &str, outcome: &Outcome) -> Result<i64, StoreError> {
        let texts = serde_json::to_string(&outcome.texts)
            .map_err(|e| StoreError::Corrupt(format!("outcome texts: {e}")))?;
        let mut tx = self.pool.begin().await.map_err(StoreError::sqlx)?;
        let (seq,): (i64,) =
            sqlx::query_as("SELECT COALESCE(MAX(seq), 0) + 1 FROM outcomes WHERE round_id = ?")
                .bind(round)
                .fetch_one(&mut *tx)
                .await
                .map_err(StoreError::sqlx)?;
        sqlx::query(
            "INSERT INTO outcomes (round_id, seq, day, status, texts, review_by) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(round)
        .bind(seq)
        .bind(&outcome.day)
        .bind(outcome.status.as_str())
        .bind(texts)
        .bind(&outcome.review_by)
        .execute(&mut *tx)
        .await
        .map_err(StoreError::sqlx)?;
        tx.commit().await.map_err(StoreError::sqlx)?;
        Ok(seq)
    }

    /// A round's outcome entries, oldest first.
    pub async fn outcomes(&self, round: &str) -> Result<Vec<Outcome>, StoreError> {
        let rows: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
            "SELECT day, status, texts, review_by FROM outcomes WHERE round_id = ? ORDER BY seq",
        )
        .bind(round)
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::sqlx)?;
        rows.into_iter()
            .map(|(day, status, texts, review_by)| {
                let status = OutcomeStatus::parse(&status)
                    .ok_or_else(|| StoreError::Corrupt(format!("outcome status `{status}`")))?;
                let texts: BTreeMap<Lang, String> = serde_json::from_str(&texts)
                    .map_err(|e| StoreError::Corrupt(format!("outcome texts: {e}")))?;
                Ok(Outcome {
                    day,
                    status,
                    texts,
                    review_by,
                })
            })
            .collect()
    }
}

impl Store {
    /// Whether `official` (a keyed hash) was reminded about entry `seq` of `round`.
    pub async fn reminded(&self, round: &str, seq: i64, official: &str) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM review_reminders WHERE round_id = ? AND seq = ? AND official = ?",
        )
        .bind(round)
        .bind(seq)
        .bind(official)
        .fetch_one(&self.pool)
        .await
        .map_err(StoreError::sqlx)?;
        Ok(n > 0)
    }

    /// Records that `official` was reminded about entry `seq` of `round` on `day`.
    pub async fn record_reminded(
        &self,
        round: &str,
        seq: i64,
        official: &str,
        day: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO review_reminders (round_id, seq, official, reminded_on) VALUES (?, ?, ?, ?)
             ON CONFLICT DO NOTHING",
        )
        .bind(round)
        .bind(seq)
        .bind(official)
        .bind(day)
        .execute(&self.pool)
        .await
        .map_err(StoreError::sqlx)?;
        Ok(())
    }
}
