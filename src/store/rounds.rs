//! Rounds in storage: import, lifecycle steps and lookups. Closing destroys the
//! round's respondent salt and the conversations about it in one transaction.

use sqlx::{Executor, Sqlite};

use super::{Store, StoreError, Tx};
use crate::anon::RoundSalt;
use crate::domain::{Round, RoundId, RoundState};

/// A round as stored, with its lifecycle facts.
#[derive(Debug, Clone)]
pub struct StoredRound {
    /// The checked definition.
    pub round: Round,
    /// Where it is in its life.
    pub state: RoundState,
    /// 1 at first import, +1 per accepted re-import.
    pub version: i64,
    /// Fingerprint of the questions as last imported.
    pub questions_fingerprint: String,
    /// The round file text as last imported.
    pub source: String,
    /// Day of the last import.
    pub imported_on: String,
    /// Day it opened.
    pub opened_on: Option<String>,
    /// Day it closed.
    pub closed_on: Option<String>,
    /// How many respondents had taken part in an earlier round, counted at close.
    pub returning: Option<i64>,
    /// The same among those who finished.
    pub returning_finished: Option<i64>,
}

/// How many of a round's respondents had taken part in a round that opened
/// before it: all of them, and those who finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Returning {
    /// Every respondent who took part before.
    pub all: i64,
    /// Those of them who finished the round.
    pub finished: i64,
}

#[derive(sqlx::FromRow)]
struct RoundRow {
    state: String,
    version: i64,
    definition: String,
    questions_fingerprint: String,
    source: String,
    imported_on: String,
    opened_on: Option<String>,
    closed_on: Option<String>,
    returning_respondents: Option<i64>,
    returning_finished: Option<i64>,
}

/// The round columns, followed by a literal tail (a WHERE and ORDER BY).
macro_rules! select_rounds {
    ($tail:literal) => {
        concat!(
            "SELECT state, version, definition, questions_fingerprint, source, imported_on, opened_on, closed_on, returning_respondents, returning_finished FROM rounds ",
            $tail
        )
    };
}

impl TryFrom<RoundRow> for StoredRound {
    type Error = StoreError;
    fn try_from(r: RoundRow) -> Result<Self, StoreError> {
        let round: Round = serde_json::from_str(&r.definition)
            .map_err(|e| StoreError::Corrupt(format!("round definition: {e}")))?;
        let state = RoundState::parse(&r.state)
            .ok_or_else(|| StoreError::Corrupt(format!("round state `{}`", r.state)))?;
        Ok(StoredRound {
            round,
            state,
            version: r.version,
            questions_fingerprint: r.questions_fingerprint,
            source: r.source,
            imported_on: r.imported_on,
            opened_on: r.opened_on,
            closed_on: r.closed_on,
            returning: r.returning_respondents,
            returning_finished: r.returning_finished,
        })
    }
}

async fn fetch_one<'e>(
    e: impl Executor<'e, Database = Sqlite>,
    id: &RoundId,
) -> Result<Option<StoredRound>, StoreError> {
    let row: Option<RoundRow> = sqlx::query_as(select_rounds!("WHERE id = ?"))
        .bind(id.as_str())
        .fetch_optional(e)
        .await
        .map_err(StoreError::sqlx)?;
    row.map(StoredRound::try_from).transpose()
}

async fn fetch_in_state<'e>(
    e: impl Executor<'e, Database = Sqlite>,
    state: Option<RoundState>,
) -> Result<Vec<StoredRound>, StoreError> {
    let rows: Vec<RoundRow> = match state {
        Some(s) => {
            sqlx::query_as(select_rounds!("WHERE state = ? ORDER BY closes_at, id"))
                .bind(s.as_str())
                .fetch_all(e)
                .await
        }
        None => {
            sqlx::query_as(select_rounds!("ORDER BY opens_at, id"))
                .fetch_all(e)
                .await
        }
    }
    .map_err(StoreError::sqlx)?;
    rows.into_iter().map(StoredRound::try_from).collect()
}

fn definition_json(round: &Round) -> Result<String, StoreError> {
    serde_json::to_string(round).map_err(|e| StoreError::Corrupt(format!("round definition: {e}")))
}

impl Store {
    /// The round with this id.
    pub async fn round(&self, id: &RoundId) -> Result<Option<StoredRound>, StoreError> {
        fetch_one(&self.pool, id).await
    }

    /// Every round, in order of opening.
    pub async fn rounds(&self) -> Result<Vec<StoredRound>, StoreError> {
        fetch_in_state(&self.pool, None).await
    }

    /// Stores a newly imported round as a draft.
    pub async fn insert_round(
        &self,
        round: &Round,
        source: &str,
        questions_fingerprint: &str,
        today: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO rounds (id, version, state, definition, source, questions_fingerprint, opens_at, closes_at, imported_on)
             VALUES (?, 1, 'draft', ?, ?, ?, ?, ?, ?)",
        )
        .bind(round.id.as_str())
        .bind(definition_json(round)?)
        .bind(source)
        .bind(questions_fingerprint)
        .bind(round.opens.unix_timestamp())
        .bind(round.closes.unix_timestamp())
        .bind(today)
        .execute(&self.pool)
        .await
        .map_err(StoreError::sqlx)?;
        Ok(())
    }

    /// Replaces a round's definition, bumping its version. `expected_version` guards
    /// against two imports racing; returns the new version.
    pub async fn update_round(
        &self,
        round: &Round,
        source: &str,
        questions_fingerprint: &str,
        today: &str,
        expected_version: i64,
    ) -> Result<i64, StoreError> {
        let done = sqlx::query(
            "UPDATE rounds SET version = version + 1, definition = ?, source = ?, questions_fingerprint = ?,
                 opens_at = ?, closes_at = ?, imported_on = ?
             WHERE id = ? AND version = ?",
        )
        .bind(definition_json(round)?)
        .bind(source)
        .bind(questions_fingerprint)
        .bind(round.opens.unix_timestamp())
        .bind(round.closes.unix_timestamp())
        .bind(today)
        .bind(round.id.as_str())
        .bind(expected_version)
        .execute(&self.pool)
        .await
        .map_err(StoreError::sqlx)?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Database(format!(
                "round {} changed while it was being imported; import again",
                round.id
            )));
        }
        Ok(expected_version + 1)
    }

    /// Moves a draft round to open with a fresh respondent salt. Returns false when
    /// the round was not a draft (anymore).
    pub async fn open_round(&self, id: &RoundId, salt: &RoundSalt, today: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE rounds SET state = 'open', respondent_salt = ?, opened_on = ? WHERE id = ? AND state = 'draft'",
        )
        .bind(hex::encode(salt.as_bytes()))
        .bind(today)
        .bind(id.as_str())
        .execute(&self.pool)
        .await
        .map_err(StoreError::sqlx)?;
        Ok(done.rows_affected() == 1)
    }

    /// Closes an open round: no more answers, the respondent salt destroyed and every
    /// conversation about the round reset by `reset` (given the pseudonym and the
    /// stored state, it returns the state to store: answers gathered in it
    /// erased, the resident's language kept), all in one transaction. From then
    /// on nothing links the round's answers to any resident. Returns false when the
    /// round was not open.
    pub async fn close_round(
        &self,
        id: &RoundId,
        today: &str,
        reset: &(dyn Fn(&str, &[u8]) -> Vec<u8> + Send + Sync),
        returning: Option<Returning>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin().await?;
        let done = sqlx::query(
            "UPDATE rounds SET state = 'closed', respondent_salt = NULL, closed_on = ? WHERE id = ? AND state = 'open'",
        )
        .bind(today)
        .bind(id.as_str())
        .execute(&mut *tx.inner)
        .await
        .map_err(StoreError::sqlx)?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        // Who took part before (all, and those who finished), counted by the
        // caller while the salt still linked participants to responses.
        sqlx::query("UPDATE rounds SET returning_respondents = ?, returning_finished = ? WHERE id = ?")
            .bind(returning.map(|r| r.all))
            .bind(returning.map(|r| r.finished))
            .bind(id.as_str())
            .execute(&mut *tx.inner)
            .await
            .map_err(StoreError::sqlx)?;
        // The last shown live snapshot stays, so the final summary is audited
        // against it; the one not yet shown goes.
        sqlx::query("UPDATE live_snapshots SET next_count = NULL, next_tally = NULL WHERE round_id = ?")
            .bind(id.as_str())
            .execute(&mut *tx.inner)
            .await
            .map_err(StoreError::sqlx)?;
        // Keep each resident's language, drop everything about the round.
        let states: Vec<(String, Vec<u8>)> = tx
            .stored_states(Some(id), i64::MAX)
            .await?
            .into_iter()
            .map(|(who, state)| {
                let state = reset(&who, &state);
                (who, state)
            })
            .collect();
        tx.replace_states(&states).await?;
        sqlx::query("UPDATE conversations SET round_id = NULL WHERE round_id = ?")
            .bind(id.as_str())
            .execute(&mut *tx.inner)
            .await
            .map_err(StoreError::sqlx)?;
        tx.commit().await?;
        Ok(true)
    }

    /// Moves a closed round to the archive.
    pub async fn archive_round(&self, id: &RoundId) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE rounds SET state = 'archived' WHERE id = ? AND state = 'closed'")
            .bind(id.as_str())
            .execute(&self.pool)
            .await
            .map_err(StoreError::sqlx)?;
        Ok(done.rows_affected() == 1)
    }

    /// The earliest closing moment (unix seconds) of any open round.
    pub async fn next_closing(&self) -> Result<Option<i64>, StoreError> {
        sqlx::query_scalar("SELECT MIN(closes_at) FROM rounds WHERE state = 'open'")
            .fetch_one(&self.pool)
            .await
            .map_err(StoreError::sqlx)
    }

    /// Open rounds whose closing moment has passed.
    pub async fn rounds_due_to_close(&self, now_unix: i64) -> Result<Vec<RoundId>, StoreError> {
        let ids: Vec<String> =
            sqlx::query_scalar("SELECT id FROM rounds WHERE state = 'open' AND closes_at <= ? ORDER BY id")
                .bind(now_unix)
                .fetch_all(&self.pool)
                .await
                .map_err(StoreError::sqlx)?;
        ids.iter()
            .map(|s| RoundId::parse(s).map_err(|e| StoreError::Corrupt(e.to_string())))
            .collect()
    }
}

impl Tx {
    /// A number that changes whenever any round changes (kept by triggers), so
    /// parsed rounds can be cached until it moves.
    pub async fn rounds_generation(&mut self) -> Result<i64, StoreError> {
        let v: Option<String> =
            sqlx::query_scalar("SELECT value FROM settings WHERE name = 'rounds_generation'")
                .fetch_optional(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?;
        v.map_or(Ok(0), |v| {
            v.parse()
                .map_err(|_| StoreError::Corrupt(format!("rounds generation: {v}")))
        })
    }

    /// Every open round.
    pub async fn open_rounds(&mut self) -> Result<Vec<StoredRound>, StoreError> {
        fetch_in_state(&mut *self.inner, Some(RoundState::Open)).await
    }

    /// The round with this id.
    pub async fn round(&mut self, id: &RoundId) -> Result<Option<StoredRound>, StoreError> {
        fetch_one(&mut *self.inner, id).await
    }

    /// The round's respondent salt; `None` once the round has closed.
    /// Pseudonyms of a round's participants who took part in a round that
    /// opened before it.
    pub async fn returning_participants(&mut self, id: &RoundId) -> Result<Vec<String>, StoreError> {
        sqlx::query_scalar(
            "SELECT p.pseudonym FROM participation p JOIN rounds this ON this.id = p.round_id
             WHERE p.round_id = ? AND EXISTS (
                SELECT 1 FROM participation q JOIN rounds r ON r.id = q.round_id
                WHERE q.pseudonym = p.pseudonym AND q.round_id <> p.round_id
                  AND (r.opened_on < this.opened_on
                       OR (r.opened_on = this.opened_on AND r.opens_at < this.opens_at)))",
        )
        .bind(id.as_str())
        .fetch_all(&mut *self.inner)
        .await
        .map_err(StoreError::sqlx)
    }

    /// How many of these respondent keys have a finished response in the round.
    pub async fn finished_among(&mut self, id: &RoundId, keys: &[String]) -> Result<i64, StoreError> {
        let mut n = 0;
        for chunk in keys.chunks(500) {
            let mut q = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
                "SELECT COUNT(*) FROM responses WHERE completed = 1 AND round_id = ",
            );
            q.push_bind(id.as_str()).push(" AND respondent_key IN (");
            let mut list = q.separated(", ");
            for k in chunk {
                list.push_bind(k.as_str());
            }
            q.push(")");
            let c: i64 = q
                .build_query_scalar()
                .fetch_one(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?;
            n += c;
        }
        Ok(n)
    }

    /// The topics of every round, for residents to follow.
    pub async fn round_topics(&mut self) -> Result<Vec<String>, StoreError> {
        sqlx::query_scalar(
            "SELECT DISTINCT json_extract(definition, '$.topic') FROM rounds
             WHERE json_extract(definition, '$.topic') IS NOT NULL ORDER BY 1",
        )
        .fetch_all(&mut *self.inner)
        .await
        .map_err(StoreError::sqlx)
    }

    /// Which of `keys` finished the round.
    pub async fn finished_keys(
        &mut self,
        id: &RoundId,
        keys: &[String],
    ) -> Result<std::collections::HashSet<String>, StoreError> {
        let mut out = std::collections::HashSet::new();
        for chunk in keys.chunks(500) {
            let mut q = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
                "SELECT respondent_key FROM responses WHERE completed = 1 AND round_id = ",
            );
            q.push_bind(id.as_str()).push(" AND respondent_key IN (");
            let mut list = q.separated(", ");
            for k in chunk {
                list.push_bind(k.as_str());
            }
            q.push(")");
            let found: Vec<String> = q
                .build_query_scalar()
                .fetch_all(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?;
            out.extend(found);
        }
        Ok(out)
    }

    pub async fn round_salt(&mut self, id: &RoundId) -> Result<Option<RoundSalt>, StoreError> {
        let hex_salt: Option<Option<String>> =
            sqlx::query_scalar("SELECT respondent_salt FROM rounds WHERE id = ?")
                .bind(id.as_str())
                .fetch_optional(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?;
        hex_salt
            .flatten()
            .map(|h| {
                hex::decode(h)
                    .map(RoundSalt::from_stored)
                    .map_err(|e| StoreError::Corrupt(format!("round salt: {e}")))
            })
            .transpose()
    }
}
