//! Writes of a whole batch of messages in a few statements: one statement per
//! kind of row instead of one per row. Each statement costs a round trip to
//! SQLite's worker thread; with a crowd answering at once, those round trips,
//! not SQLite itself, set the pace.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite};

use super::{StoreError, Tx};
use crate::anon::{Pseudonym, RespondentKey};
use crate::domain::{QuestionId, RoundId};

/// Rows per statement: well under SQLite's limit on bound values.
const ROWS: usize = 500;

/// An answer to store (or replace).
#[derive(Debug, Clone)]
pub struct AnswerWrite {
    /// The round.
    pub round: RoundId,
    /// The respondent within it.
    pub respondent: RespondentKey,
    /// The question.
    pub question: QuestionId,
    /// The answer as JSON.
    pub value_json: String,
    /// The channel it came in on (the platform's name).
    pub channel: String,
}

/// A resident's conversation state to store.
#[derive(Debug, Clone)]
pub struct ConversationWrite {
    /// Whose.
    pub who: Pseudonym,
    /// The round it concerns, if any.
    pub round: Option<RoundId>,
    /// The state as stored (sealed).
    pub state: Vec<u8>,
    /// The month of the last message (`YYYY-MM`).
    pub month: String,
}

impl Tx {
    /// The stored conversation states (as stored: sealed) of several residents,
    /// by pseudonym. The rows come back as one JSON array in one row (the
    /// states in hex): sqlx hands rows over one by one from its worker thread,
    /// and a hundred hand-overs cost more than the lookups.
    pub async fn conversations(
        &mut self,
        who: &[&Pseudonym],
    ) -> Result<HashMap<String, Vec<u8>>, StoreError> {
        let mut out = HashMap::with_capacity(who.len());
        for chunk in who.chunks(ROWS) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "SELECT json_group_array(json_array(pseudonym, hex(state))) FROM conversations WHERE pseudonym IN (",
            );
            let mut list = q.separated(", ");
            for p in chunk {
                list.push_bind(p.as_str());
            }
            q.push(")");
            let rows: String = q
                .build_query_scalar()
                .fetch_one(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?;
            let rows: Vec<(String, String)> = serde_json::from_str(&rows)
                .map_err(|e| StoreError::Corrupt(format!("conversation states: {e}")))?;
            for (who, state) in rows {
                let state = hex::decode(state)
                    .map_err(|e| StoreError::Corrupt(format!("conversation state: {e}")))?;
                out.insert(who, state);
            }
        }
        Ok(out)
    }

    /// Stores (or replaces) several conversation states. The round is set
    /// apart, and only where it changed: naming it in an upsert rewrites its
    /// index entry even when it stays the same, a page more per message (half
    /// of what the upsert itself writes).
    pub async fn save_conversations(&mut self, rows: &[ConversationWrite]) -> Result<(), StoreError> {
        for chunk in rows.chunks(ROWS) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "INSERT INTO conversations (pseudonym, round_id, state, active_month) ",
            );
            q.push_values(chunk, |mut row, c| {
                row.push_bind(c.who.as_str())
                    .push_bind(c.round.as_ref().map(RoundId::as_str))
                    .push_bind(c.state.as_slice())
                    .push_bind(c.month.as_str());
            });
            q.push(
                " ON CONFLICT (pseudonym) DO UPDATE SET state = excluded.state, active_month = excluded.active_month",
            );
            q.build()
                .execute(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?;
            let mut q = QueryBuilder::<Sqlite>::new("UPDATE conversations SET round_id = v.column2 FROM (");
            q.push_values(chunk, |mut row, c| {
                row.push_bind(c.who.as_str())
                    .push_bind(c.round.as_ref().map(RoundId::as_str));
            });
            q.push(
                ") AS v WHERE conversations.pseudonym = v.column1 AND conversations.round_id IS NOT v.column2",
            );
            q.build()
                .execute(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?;
        }
        Ok(())
    }

    /// Stores answers in order (a later answer to the same question replaces an
    /// earlier one), creating response rows on first answer, then marks
    /// `completed` responses complete (creating them if every question was
    /// passed over). Equal to storing them one by one: nothing here ever marks a
    /// response unfinished.
    pub async fn record_answers(
        &mut self,
        answers: &[AnswerWrite],
        completed: &[(RoundId, RespondentKey, String)],
    ) -> Result<(), StoreError> {
        for chunk in answers.chunks(ROWS) {
            // The channel of a response is the one its first answer came in on.
            let mut q =
                QueryBuilder::<Sqlite>::new("INSERT INTO responses (round_id, respondent_key, channel) ");
            q.push_values(chunk, |mut row, a| {
                row.push_bind(a.round.as_str())
                    .push_bind(a.respondent.as_str())
                    .push_bind(a.channel.as_str());
            });
            q.push(" ON CONFLICT DO NOTHING");
            q.build()
                .execute(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?;
            let mut q = QueryBuilder::<Sqlite>::new(
                "INSERT INTO answers (round_id, respondent_key, question_id, value) ",
            );
            q.push_values(chunk, |mut row, a| {
                row.push_bind(a.round.as_str())
                    .push_bind(a.respondent.as_str())
                    .push_bind(a.question.as_str())
                    .push_bind(a.value_json.as_str());
            });
            q.push(
                " ON CONFLICT (round_id, respondent_key, question_id) DO UPDATE SET value = excluded.value",
            );
            q.build()
                .execute(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?;
        }
        for chunk in completed.chunks(ROWS) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "INSERT INTO responses (round_id, respondent_key, channel, completed) ",
            );
            q.push_values(chunk, |mut row, (round, key, channel)| {
                row.push_bind(round.as_str())
                    .push_bind(key.as_str())
                    .push_bind(channel.as_str())
                    .push("1");
            });
            q.push(" ON CONFLICT (round_id, respondent_key) DO UPDATE SET completed = 1");
            q.build()
                .execute(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?;
        }
        Ok(())
    }

    /// Records that these residents took part in these rounds (once each).
    pub async fn record_participation(&mut self, rows: &[(RoundId, Pseudonym)]) -> Result<(), StoreError> {
        for chunk in rows.chunks(ROWS) {
            let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO participation (pseudonym, round_id) ");
            q.push_values(chunk, |mut row, (round, who)| {
                row.push_bind(who.as_str()).push_bind(round.as_str());
            });
            q.push(" ON CONFLICT DO NOTHING");
            q.build()
                .execute(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?;
        }
        Ok(())
    }

    /// Replaces the stored states of residents, nothing else about them.
    pub async fn replace_states(&mut self, rows: &[(String, Vec<u8>)]) -> Result<(), StoreError> {
        for chunk in rows.chunks(ROWS) {
            let mut q = QueryBuilder::<Sqlite>::new("UPDATE conversations SET state = v.column2 FROM (");
            q.push_values(chunk, |mut row, (who, state)| {
                row.push_bind(who.as_str()).push_bind(state.as_slice());
            });
            q.push(") AS v WHERE conversations.pseudonym = v.column1");
            q.build()
                .execute(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?;
        }
        Ok(())
    }

    /// Stored states (pseudonym, state as stored), at most `limit`: those
    /// about `round`, or (`None`) those still stored in the clear, from before
    /// states were sealed.
    pub async fn stored_states(
        &mut self,
        round: Option<&RoundId>,
        limit: i64,
    ) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
        let rows = match round {
            Some(round) => sqlx::query_as(
                "SELECT pseudonym, CAST(state AS BLOB) FROM conversations WHERE round_id = ? ORDER BY pseudonym LIMIT ?",
            )
            .bind(round.as_str()),
            None => sqlx::query_as(
                "SELECT pseudonym, CAST(state AS BLOB) FROM conversations WHERE typeof(state) = 'text' ORDER BY pseudonym LIMIT ?",
            ),
        };
        rows.bind(limit)
            .fetch_all(&mut *self.inner)
            .await
            .map_err(StoreError::sqlx)
    }

    /// Every stored state (pseudonym, state as stored), in pseudonym order.
    pub async fn all_states(&mut self) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
        sqlx::query_as("SELECT pseudonym, CAST(state AS BLOB) FROM conversations ORDER BY pseudonym")
            .fetch_all(&mut *self.inner)
            .await
            .map_err(StoreError::sqlx)
    }

    /// Forgets that a resident took part in a round (their response was discarded).
    pub async fn forget_participation(&mut self, round: &RoundId, who: &Pseudonym) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM participation WHERE pseudonym = ? AND round_id = ?")
            .bind(who.as_str())
            .bind(round.as_str())
            .execute(&mut *self.inner)
            .await
            .map_err(StoreError::sqlx)?;
        Ok(())
    }

    /// Removes responses (finished or not) and their answers; returns how many
    /// were removed.
    pub async fn discard_responses(&mut self, which: &[(RoundId, RespondentKey)]) -> Result<u64, StoreError> {
        let mut removed = 0;
        for chunk in which.chunks(ROWS) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "DELETE FROM responses WHERE (round_id, respondent_key) IN (VALUES ",
            );
            let mut rows = q.separated(", ");
            for (round, key) in chunk {
                rows.push("(")
                    .push_bind_unseparated(round.as_str())
                    .push_unseparated(", ")
                    .push_bind_unseparated(key.as_str())
                    .push_unseparated(")");
            }
            q.push(")");
            removed += q
                .build()
                .execute(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?
                .rows_affected();
        }
        Ok(removed)
    }

    /// Which of these event keys were handled before.
    pub async fn handled(&mut self, keys: &[&str]) -> Result<std::collections::HashSet<String>, StoreError> {
        let mut out = std::collections::HashSet::new();
        for chunk in keys.chunks(ROWS) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "SELECT json_group_array(event_key) FROM handled_events WHERE event_key IN (",
            );
            let mut list = q.separated(", ");
            for k in chunk {
                list.push_bind(*k);
            }
            q.push(")");
            let found: String = q
                .build_query_scalar()
                .fetch_one(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?;
            let found: Vec<String> = serde_json::from_str(&found)
                .map_err(|e| StoreError::Corrupt(format!("handled events: {e}")))?;
            out.extend(found);
        }
        Ok(out)
    }

    /// Notes event keys as handled on `day` (`YYYY-MM-DD`).
    pub async fn mark_handled(&mut self, keys: &[&str], day: &str) -> Result<(), StoreError> {
        for chunk in keys.chunks(ROWS) {
            let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO handled_events (event_key, day) ");
            q.push_values(chunk, |mut row, k| {
                row.push_bind(*k).push_bind(day);
            });
            q.push(" ON CONFLICT DO NOTHING");
            q.build()
                .execute(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?;
        }
        Ok(())
    }

    /// Forgets event keys noted before `day`; returns how many.
    pub async fn prune_handled(&mut self, day: &str) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM handled_events WHERE day < ?")
            .bind(day)
            .execute(&mut *self.inner)
            .await
            .map_err(StoreError::sqlx)?;
        Ok(done.rows_affected())
    }
}
