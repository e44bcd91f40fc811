//! The formal advice each round informed.

use serde::Serialize;

use super::{Store, StoreError};

/// One formal advice a round informed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdviceLink {
    /// Its title, e.g. "Advies Wmo-verordening 2027".
    pub title: String,
    /// Its date (YYYY-MM-DD).
    pub date: String,
    /// Where it can be read, if published.
    pub url: Option<String>,
}

impl Store {
    /// Records (or updates, by title) an advice that `round` informed.
    pub async fn add_advice(&self, round: &str, advice: &AdviceLink) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO advice (round_id, title, day, url) VALUES (?, ?, ?, ?)
             ON CONFLICT (round_id, title) DO UPDATE SET day = excluded.day, url = excluded.url",
        )
        .bind(round)
        .bind(&advice.title)
        .bind(&advice.date)
        .bind(&advice.url)
        .execute(&self.pool)
        .await
        .map_err(StoreError::sqlx)?;
        Ok(())
    }

    /// The advice `round` informed, oldest first.
    pub async fn advice(&self, round: &str) -> Result<Vec<AdviceLink>, StoreError> {
        let rows: Vec<(String, String, Option<String>)> =
            sqlx::query_as("SELECT title, day, url FROM advice WHERE round_id = ? ORDER BY day, title")
                .bind(round)
                .fetch_all(&self.pool)
                .await
                .map_err(StoreError::sqlx)?;
        Ok(rows
            .into_iter()
            .map(|(title, date, url)| AdviceLink { title, date, url })
            .collect())
    }
}
