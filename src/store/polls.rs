//! Group polls: which poll asks which question, where it stands (sealed), and the
//! totals Telegram reports. No row names a voter: anonymous polls have none.

use super::{Store, StoreError};
use crate::domain::{QuestionId, RoundId};

/// A poll posted in a group.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GroupPoll {
    /// Telegram's poll id.
    pub poll_id: String,
    /// The round it belongs to.
    pub round_id: String,
    /// The question it asks.
    pub question_id: String,
    /// JSON list of answer ids in poll order.
    pub options: String,
    /// The sealed group chat and message.
    pub sealed_at: String,
}

/// Totals of one question over every group poll that asked it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupTotals {
    /// The question.
    pub question_id: String,
    /// Votes per answer id.
    pub votes: Vec<(String, i64)>,
    /// How many polls were counted.
    pub polls: i64,
}

impl Store {
    /// Registers a poll just posted.
    pub async fn add_group_poll(
        &self,
        poll_id: &str,
        round: &RoundId,
        question: &QuestionId,
        options_json: &str,
        sealed_at: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO group_polls (poll_id, round_id, question_id, options, sealed_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (poll_id) DO NOTHING",
        )
        .bind(poll_id)
        .bind(round.as_str())
        .bind(question.as_str())
        .bind(options_json)
        .bind(sealed_at)
        .execute(&self.pool)
        .await
        .map_err(StoreError::sqlx)?;
        Ok(())
    }

    /// Replaces a known poll's totals; returns false for a poll we did not post.
    pub async fn record_poll_totals(
        &self,
        poll_id: &str,
        votes: &[i64],
        stopped: bool,
    ) -> Result<bool, StoreError> {
        // Read, then write: take the write lock up front (see `Store::begin`).
        let mut tx = self.begin().await?;
        let known: Option<i64> = sqlx::query_scalar("SELECT stopped FROM group_polls WHERE poll_id = ?")
            .bind(poll_id)
            .fetch_optional(&mut *tx.inner)
            .await
            .map_err(StoreError::sqlx)?;
        match known {
            None => return Ok(false),
            // Totals of a stopped poll are final.
            Some(1) if !stopped => return Ok(true),
            Some(_) => {}
        }
        for (i, n) in votes.iter().enumerate() {
            sqlx::query(
                "INSERT INTO group_poll_totals (poll_id, option_index, votes) VALUES (?, ?, ?)
                 ON CONFLICT (poll_id, option_index) DO UPDATE SET votes = excluded.votes",
            )
            .bind(poll_id)
            .bind(i64::try_from(i).unwrap_or(i64::MAX))
            .bind(n)
            .execute(&mut *tx.inner)
            .await
            .map_err(StoreError::sqlx)?;
        }
        if stopped {
            sqlx::query("UPDATE group_polls SET stopped = 1 WHERE poll_id = ?")
                .bind(poll_id)
                .execute(&mut *tx.inner)
                .await
                .map_err(StoreError::sqlx)?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Polls still running although their round no longer takes answers.
    pub async fn polls_to_stop(&self, now_unix: i64) -> Result<Vec<GroupPoll>, StoreError> {
        sqlx::query_as(
            "SELECT p.poll_id, p.round_id, p.question_id, p.options, p.sealed_at FROM group_polls p
             JOIN rounds r ON r.id = p.round_id
             WHERE p.stopped = 0 AND (r.state != 'open' OR r.closes_at <= ?)",
        )
        .bind(now_unix)
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::sqlx)
    }

    /// Group totals per question of a round.
    pub async fn group_totals(&self, round: &RoundId) -> Result<Vec<GroupTotals>, StoreError> {
        let polls: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT poll_id, question_id, options FROM group_polls WHERE round_id = ? ORDER BY poll_id",
        )
        .bind(round.as_str())
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::sqlx)?;
        let mut out: Vec<GroupTotals> = Vec::new();
        for (poll_id, question_id, options) in polls {
            let ids: Vec<String> = serde_json::from_str(&options)
                .map_err(|e| StoreError::Corrupt(format!("poll options: {e}")))?;
            let votes: Vec<(i64, i64)> = sqlx::query_as(
                "SELECT option_index, votes FROM group_poll_totals WHERE poll_id = ? ORDER BY option_index",
            )
            .bind(&poll_id)
            .fetch_all(&self.pool)
            .await
            .map_err(StoreError::sqlx)?;
            let entry = match out.iter_mut().position(|t| t.question_id == question_id) {
                Some(i) => &mut out[i],
                None => {
                    out.push(GroupTotals {
                        question_id: question_id.clone(),
                        votes: ids.iter().map(|id| (id.clone(), 0)).collect(),
                        polls: 0,
                    });
                    out.last_mut().expect("just pushed")
                }
            };
            entry.polls += 1;
            for (index, n) in votes {
                if let Some(id) = usize::try_from(index).ok().and_then(|i| ids.get(i))
                    && let Some(slot) = entry.votes.iter_mut().find(|(o, _)| o == id)
                {
                    slot.1 += n;
                }
            }
        }
        Ok(out)
    }
}
