//! What was posted in announcement rooms, so each post goes out once.

use super::{Store, StoreError};

impl Store {
    /// Whether `place` (a keyed hash of the room) was told `kind` about `round`.
    pub async fn announced(&self, round: &str, place: &str, kind: &str) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM announcements WHERE round_id = ? AND place = ? AND kind = ?",
        )
        .bind(round)
        .bind(place)
        .bind(kind)
        .fetch_one(&self.pool)
        .await
        .map_err(StoreError::sqlx)?;
        Ok(n > 0)
    }

    /// Records that `place` was told `kind` about `round` on `day`.
    pub async fn record_announced(
        &self,
        round: &str,
        place: &str,
        kind: &str,
        day: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO announcements (round_id, place, kind, posted_on) VALUES (?, ?, ?, ?)
             ON CONFLICT DO NOTHING",
        )
        .bind(round)
        .bind(place)
        .bind(kind)
        .bind(day)
        .execute(&self.pool)
        .await
        .map_err(StoreError::sqlx)?;
        Ok(())
    }
}
