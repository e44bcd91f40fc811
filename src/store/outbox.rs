//! The durable outbox: messages the bot sends on its own, planned per round and
//! kind ([`Broadcast`]) in one transaction with their rows, taken by the
//! adapter of each platform, and deleted once the platform accepted them. Only
//! counts remain.

use sqlx::{QueryBuilder, Sqlite};

use super::{Store, StoreError, Tx};

/// Rows per multi-row insert (SQLite allows 32,766 bound values).
const ROWS: usize = 5_000;

/// What a round sends on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BroadcastKind {
    /// The round opened: an invitation to subscribers of its topic.
    Invite,
    /// The round closes soon: to subscribers who started but did not finish.
    Reminder,
    /// The round closed: thanks to those who finished and asked to hear back.
    Thanks,
    /// An outcome entry ("you said, we did") to those who asked to hear back.
    Feedback,
}

impl BroadcastKind {
    /// The name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            BroadcastKind::Invite => "invite",
            BroadcastKind::Reminder => "reminder",
            BroadcastKind::Thanks => "thanks",
            BroadcastKind::Feedback => "feedback",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<BroadcastKind> {
        match s {
            "invite" => Some(BroadcastKind::Invite),
            "reminder" => Some(BroadcastKind::Reminder),
            "thanks" => Some(BroadcastKind::Thanks),
            "feedback" => Some(BroadcastKind::Feedback),
            _ => None,
        }
    }

    /// Whether this asks residents to do something, and so counts against
    /// the weekly cap (a thank-you or feedback they asked for does not).
    pub fn is_prompt(self) -> bool {
        matches!(self, BroadcastKind::Invite | BroadcastKind::Reminder)
    }
}

/// One planned broadcast and how far it got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broadcast {
    /// What it is.
    pub kind: BroadcastKind,
    /// The outcome entry, for feedback (0 otherwise).
    pub reference: i64,
    /// Day planned.
    pub planned_on: String,
    /// Messages put in the outbox.
    pub planned: i64,
    /// Accepted by the platform.
    pub sent: i64,
    /// Refused, or the resident unreachable.
    pub failed: i64,
    /// Held back (weekly cap, contact erased meanwhile).
    pub skipped: i64,
    /// Still waiting in the outbox.
    pub queued: i64,
}

/// A message waiting in the outbox, with the sealed address to open.
#[derive(Debug, Clone)]
pub struct OutboxRow {
    /// Its row id.
    pub id: i64,
    /// The round it is about.
    pub round: String,
    /// What it is.
    pub kind: BroadcastKind,
    /// The outcome entry, for feedback.
    pub reference: i64,
    /// The recipient's pseudonym.
    pub pseudonym: String,
    /// The sealed contact address; `None` when the contact was erased meanwhile.
    pub sealed: Option<String>,
    /// Attempts so far.
    pub attempts: i64,
}

/// How one outbox row ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowEnd {
    /// The platform accepted it.
    Sent,
    /// Refused for good, or the resident cannot be reached.
    Failed,
    /// Not sent on purpose.
    Skipped,
}

/// An outbox row joined with its contact, as read.
#[derive(sqlx::FromRow)]
struct DueRow {
    id: i64,
    round_id: String,
    kind: String,
    r#ref: i64,
    pseudonym: String,
    sealed: Option<String>,
    attempts: i64,
}

/// A broadcast row with its queue length, as read.
#[derive(sqlx::FromRow)]
struct BroadcastRow {
    kind: String,
    r#ref: i64,
    planned_on: String,
    planned: i64,
    sent: i64,
    failed: i64,
    skipped: i64,
    queued: i64,
}

impl Tx {
    /// Plans a broadcast: its counts row and one outbox row per recipient
    /// (pseudonym, platform), unless it was planned before. Returns whether it
    /// was planned now.
    pub async fn plan_broadcast(
        &mut self,
        round: &str,
        kind: BroadcastKind,
        reference: i64,
        day: &str,
        recipients: &[(String, String)],
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO broadcasts (round_id, kind, ref, planned_on, planned) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT DO NOTHING",
        )
        .bind(round)
        .bind(kind.as_str())
        .bind(reference)
        .bind(day)
        .bind(i64::try_from(recipients.len()).unwrap_or(i64::MAX))
        .execute(&mut *self.inner)
        .await
        .map_err(StoreError::sqlx)?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        for chunk in recipients.chunks(ROWS) {
            let mut q =
                QueryBuilder::<Sqlite>::new("INSERT INTO outbox (round_id, kind, ref, pseudonym, platform) ");
            q.push_values(chunk, |mut row, (pseudonym, platform)| {
                row.push_bind(round)
                    .push_bind(kind.as_str())
                    .push_bind(reference)
                    .push_bind(pseudonym)
                    .push_bind(platform);
            });
            q.push(" ON CONFLICT DO NOTHING");
            q.build()
                .execute(&mut *self.inner)
                .await
                .map_err(StoreError::sqlx)?;
        }
        Ok(true)
    }

    /// Removes a delivered (or given up) row and counts how it ended.
    pub async fn end_outbox_row(&mut self, id: i64, end: RowEnd) -> Result<(), StoreError> {
        let (sent, failed, skipped) = match end {
            RowEnd::Sent => (1, 0, 0),
            RowEnd::Failed => (0, 1, 0),
            RowEnd::Skipped => (0, 0, 1),
        };
        sqlx::query(
            "UPDATE broadcasts SET sent = sent + ?, failed = failed + ?, skipped = skipped + ?
             WHERE (round_id, kind, ref) = (SELECT round_id, kind, ref FROM outbox WHERE id = ?)",
        )
        .bind(sent)
        .bind(failed)
        .bind(skipped)
        .bind(id)
        .execute(&mut *self.inner)
        .await
        .map_err(StoreError::sqlx)?;
        sqlx::query("DELETE FROM outbox WHERE id = ?")
            .bind(id)
            .execute(&mut *self.inner)
            .await
            .map_err(StoreError::sqlx)?;
        Ok(())
    }

    /// Puts a row back for a later try.
    pub async fn retry_outbox_row(&mut self, id: i64, not_before_unix: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE outbox SET attempts = attempts + 1, not_before = ? WHERE id = ?")
            .bind(not_before_unix)
            .bind(id)
            .execute(&mut *self.inner)
            .await
            .map_err(StoreError::sqlx)?;
        Ok(())
    }

    /// Prompts `who` received on days from `since_day` on.
    pub async fn prompts_since(&mut self, who: &str, since_day: &str) -> Result<i64, StoreError> {
        sqlx::query_scalar(
            "SELECT COALESCE(SUM(n), 0) FROM prompts_received WHERE pseudonym = ? AND day >= ?",
        )
        .bind(who)
        .bind(since_day)
        .fetch_one(&mut *self.inner)
        .await
        .map_err(StoreError::sqlx)
    }

    /// Counts a prompt `who` received on `day`.
    pub async fn count_prompt(&mut self, who: &str, day: &str) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO prompts_received (pseudonym, day, n) VALUES (?, ?, 1)
             ON CONFLICT (pseudonym, day) DO UPDATE SET n = n + 1",
        )
        .bind(who)
        .bind(day)
        .execute(&mut *self.inner)
        .await
        .map_err(StoreError::sqlx)?;
        Ok(())
    }
}

impl Store {
    /// Up to `limit` rows for `platform` due at `now_unix`, oldest first.
    pub async fn due_outbox(
        &self,
        platform: &str,
        now_unix: i64,
        limit: i64,
    ) -> Result<Vec<OutboxRow>, StoreError> {
        let rows: Vec<DueRow> = sqlx::query_as(
            "SELECT o.id, o.round_id, o.kind, o.ref, o.pseudonym, c.sealed, o.attempts
             FROM outbox o LEFT JOIN contacts c ON c.pseudonym = o.pseudonym
             WHERE o.platform = ? AND o.not_before <= ? ORDER BY o.id LIMIT ?",
        )
        .bind(platform)
        .bind(now_unix)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::sqlx)?;
        rows.into_iter()
            .map(|r| {
                Ok(OutboxRow {
                    id: r.id,
                    kind: BroadcastKind::parse(&r.kind)
                        .ok_or_else(|| StoreError::Corrupt(format!("outbox kind `{}`", r.kind)))?,
                    round: r.round_id,
                    reference: r.r#ref,
                    pseudonym: r.pseudonym,
                    sealed: r.sealed,
                    attempts: r.attempts,
                })
            })
            .collect()
    }

    /// When the next row for `platform` is due (unix seconds), if any waits.
    pub async fn next_outbox(&self, platform: &str) -> Result<Option<i64>, StoreError> {
        sqlx::query_scalar("SELECT MIN(not_before) FROM outbox WHERE platform = ?")
            .bind(platform)
            .fetch_one(&self.pool)
            .await
            .map_err(StoreError::sqlx)
    }

    /// A round's broadcasts and how far each got.
    pub async fn broadcasts(&self, round: &str) -> Result<Vec<Broadcast>, StoreError> {
        let rows: Vec<BroadcastRow> = sqlx::query_as(
            "SELECT b.kind, b.ref, b.planned_on, b.planned, b.sent, b.failed, b.skipped,
                    (SELECT COUNT(*) FROM outbox o WHERE (o.round_id, o.kind, o.ref) = (b.round_id, b.kind, b.ref)) AS queued
             FROM broadcasts b WHERE b.round_id = ?
             ORDER BY b.planned_on, CASE b.kind WHEN 'invite' THEN 0 WHEN 'reminder' THEN 1 WHEN 'thanks' THEN 2 ELSE 3 END, b.ref",
        )
        .bind(round)
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::sqlx)?;
        rows.into_iter()
            .map(|r| {
                Ok(Broadcast {
                    kind: BroadcastKind::parse(&r.kind)
                        .ok_or_else(|| StoreError::Corrupt(format!("broadcast kind `{}`", r.kind)))?,
                    reference: r.r#ref,
                    planned_on: r.planned_on,
                    planned: r.planned,
                    sent: r.sent,
                    failed: r.failed,
                    skipped: r.skipped,
                    queued: r.queued,
                })
            })
            .collect()
    }

    /// Whether this broadcast was planned already.
    pub async fn broadcast_planned(
        &self,
        round: &str,
        kind: BroadcastKind,
        reference: i64,
    ) -> Result<bool, StoreError> {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM broadcasts WHERE round_id = ? AND kind = ? AND ref = ?")
                .bind(round)
                .bind(kind.as_str())
                .bind(reference)
                .fetch_one(&self.pool)
                .await
                .map_err(StoreError::sqlx)?;
        Ok(n > 0)
    }

    /// Subscribers of `topic` with their sealed contacts (which hold the
    /// neighbourhood each chose).
    pub async fn topic_subscribers(&self, topic: &str) -> Result<Vec<(String, String)>, StoreError> {
        sqlx::query_as(
            "SELECT c.pseudonym, c.sealed FROM subscriptions s JOIN contacts c ON c.pseudonym = s.pseudonym
             WHERE s.topic = ? ORDER BY c.pseudonym",
        )
        .bind(topic)
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::sqlx)
    }

    /// Participants of a round who can be reached, with their sealed contacts;
    /// only those who asked to hear back when `hear_back`.
    pub async fn reachable_participants(
        &self,
        round: &str,
        hear_back: bool,
    ) -> Result<Vec<(String, String)>, StoreError> {
        sqlx::query_as(
            "SELECT c.pseudonym, c.sealed FROM participation p JOIN contacts c ON c.pseudonym = p.pseudonym
             WHERE p.round_id = ? AND (p.hear_back = 1 OR NOT ?) ORDER BY c.pseudonym",
        )
        .bind(round)
        .bind(hear_back)
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::sqlx)
    }

    /// Forgets prompt counts from before `before_day`: the cap looks back a week.
    pub async fn prune_prompts(&self, before_day: &str) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM prompts_received WHERE day < ?")
            .bind(before_day)
            .execute(&self.pool)
            .await
            .map_err(StoreError::sqlx)?;
        Ok(done.rows_affected())
    }
}
