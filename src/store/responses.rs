//! Responses and answers: written per inbound message inside a [`Tx`], read in
//! bulk for summaries. Rows carry only the round's respondent key.

use std::collections::BTreeMap;

use super::{Store, StoreError, Tx};
use crate::anon::RespondentKey;
use crate::domain::{AnswerValue, QuestionId, RoundId, Tally};

/// One stored answer, for summaries.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AnswerRow {
    /// Groups the answers of one respondent within the round.
    pub respondent_key: String,
    /// The question answered.
    pub question_id: String,
    /// The answer as JSON.
    pub value: String,
}

/// shown_count, shown_tally, next_count, next_tally, earlier_tally.
type SnapshotRow = (
    Option<i64>,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<String>,
);

/// The live snapshots of a round with live results.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LiveSnapshots {
    /// The snapshot residents' answers are shown from: (finished count, tally JSON).
    pub shown: Option<(i64, String)>,
    /// The next one, shown once k more residents finished after it was taken.
    pub next: Option<(i64, String)>,
    /// The tally shown before `shown`, for auditing the one against the other.
    pub earlier: Option<String>,
}

/// How many residents took part in a round.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseCounts {
    /// Residents who answered at least one question.
    pub started: i64,
    /// Residents who reached the end.
    pub completed: i64,
    /// Answers per question, skips included.
    pub per_question: BTreeMap<String, i64>,
}

impl Tx {
    /// Removes one answer that no longer applies. Returns whether one was there.
    pub async fn clear_answer(
        &mut self,
        round: &RoundId,
        respondent: &RespondentKey,
        question: &QuestionId,
    ) -> Result<bool, StoreError> {
        let done =
            sqlx::query("DELETE FROM answers WHERE round_id = ? AND respondent_key = ? AND question_id = ?")
                .bind(round.as_str())
                .bind(respondent.as_str())
                .bind(question.as_str())
                .execute(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?;
        Ok(done.rows_affected() > 0)
    }

    /// Removes an unfinished response and its answers; a finished one stays
    /// unless `finished_too`. Returns whether a response was removed.
    pub async fn discard_response(
        &mut self,
        round: &RoundId,
        respondent: &RespondentKey,
        finished_too: bool,
    ) -> Result<bool, StoreError> {
        let done =
            sqlx::query("DELETE FROM responses WHERE round_id = ? AND respondent_key = ? AND completed <= ?")
                .bind(round.as_str())
                .bind(respondent.as_str())
                .bind(i64::from(finished_too))
                .execute(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?;
        Ok(done.rows_affected() > 0)
    }
}

impl Store {
    /// Participation counts for a round.
    pub async fn response_counts(&self, round: &RoundId) -> Result<ResponseCounts, StoreError> {
        let (started, completed): (i64, i64) =
            sqlx::query_as("SELECT COUNT(*), COALESCE(SUM(completed), 0) FROM responses WHERE round_id = ?")
                .bind(round.as_str())
                .fetch_one(&self.pool)
                .await
                .map_err(StoreError::sqlx)?;
        let per_question: Vec<(String, i64)> = sqlx::query_as(
            "SELECT question_id, COUNT(*) FROM answers WHERE round_id = ? GROUP BY question_id",
        )
        .bind(round.as_str())
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::sqlx)?;
        Ok(ResponseCounts {
            started,
            completed,
            per_question: per_question.into_iter().collect(),
        })
    }

    /// What a summary counts: participation and every answer per question.
    /// With `finished_only`, only responses that reached the end (for live
    /// snapshots, which must hold nothing a resident can still take back).
    pub async fn tally(&self, round: &RoundId, finished_only: bool) -> Result<Tally, StoreError> {
        let (started, completed): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(SUM(completed), 0) FROM responses WHERE round_id = ? AND completed >= ?",
        )
        .bind(round.as_str())
        .bind(i64::from(finished_only))
        .fetch_one(&self.pool)
        .await
        .map_err(StoreError::sqlx)?;
        // Counted per distinct answer in SQL: a large round has a million
        // answers but few distinct ones, and each is parsed once.
        let query = if finished_only {
            "SELECT a.question_id, a.value, COUNT(*) FROM answers a JOIN responses r
               ON r.round_id = a.round_id AND r.respondent_key = a.respondent_key
             WHERE a.round_id = ? AND r.completed = 1
             GROUP BY a.question_id, a.value ORDER BY a.question_id, a.value"
        } else {
            "SELECT question_id, value, COUNT(*) FROM answers WHERE round_id = ?
             GROUP BY question_id, value ORDER BY question_id, value"
        };
        let rows: Vec<(String, String, i64)> = sqlx::query_as(query)
            .bind(round.as_str())
            .fetch_all(&self.pool)
            .await
            .map_err(StoreError::sqlx)?;
        let mut answers: BTreeMap<String, Vec<AnswerValue>> = BTreeMap::new();
        for (question, value, n) in rows {
            let v: AnswerValue = serde_json::from_str(&value)
                .map_err(|e| StoreError::Corrupt(format!("answer to {question}: {e}")))?;
            let n = usize::try_from(n).unwrap_or(0);
            answers
                .entry(question)
                .or_default()
                .extend(std::iter::repeat_n(v, n));
        }
        let channels: Vec<(String, i64)> = sqlx::query_as(
            "SELECT channel, COUNT(*) FROM responses WHERE round_id = ? AND completed >= ? AND channel IS NOT NULL
             GROUP BY channel ORDER BY channel",
        )
        .bind(round.as_str())
        .bind(i64::from(finished_only))
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::sqlx)?;
        Ok(Tally {
            started,
            completed,
            answers,
            channels: channels.into_iter().collect(),
        })
    }

    /// The live snapshots of a round: the one shown and the next one, each as
    /// (finished responses it counts, tally as JSON).
    pub async fn live_snapshots(&self, round: &RoundId) -> Result<LiveSnapshots, StoreError> {
        let row: Option<SnapshotRow> = sqlx::query_as(
            "SELECT shown_count, shown_tally, next_count, next_tally, earlier_tally FROM live_snapshots WHERE round_id = ?",
        )
        .bind(round.as_str())
        .fetch_optional(&self.pool)
        .await
        .map_err(StoreError::sqlx)?;
        let (sc, st, nc, nt, et) = row.unwrap_or_default();
        Ok(LiveSnapshots {
            shown: sc.zip(st),
            next: nc.zip(nt),
            earlier: et,
        })
    }

    /// Stores the live snapshots of a round.
    pub async fn save_live_snapshots(&self, round: &RoundId, s: &LiveSnapshots) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO live_snapshots (round_id, shown_count, shown_tally, next_count, next_tally, earlier_tally)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (round_id) DO UPDATE SET shown_count = excluded.shown_count, shown_tally = excluded.shown_tally,
                 next_count = excluded.next_count, next_tally = excluded.next_tally, earlier_tally = excluded.earlier_tally",
        )
        .bind(round.as_str())
        .bind(s.shown.as_ref().map(|x| x.0))
        .bind(s.shown.as_ref().map(|x| x.1.as_str()))
        .bind(s.next.as_ref().map(|x| x.0))
        .bind(s.next.as_ref().map(|x| x.1.as_str()))
        .bind(s.earlier.as_deref())
        .execute(&self.pool)
        .await
        .map_err(StoreError::sqlx)?;
        Ok(())
    }

    /// Every answer of a round, for a summary.
    pub async fn answers(&self, round: &RoundId) -> Result<Vec<AnswerRow>, StoreError> {
        sqlx::query_as("SELECT respondent_key, question_id, value FROM answers WHERE round_id = ? ORDER BY respondent_key, question_id")
            .bind(round.as_str())
            .fetch_all(&self.pool)
            .await
            .map_err(StoreError::sqlx)
    }
}
