//! The round calendar, kept by the running bot: rounds open at `opens` and
//! close at `closes` by themselves, and each step plans what residents are
//! sent (an invitation to subscribers when a round opens, one reminder before
//! it closes to those who started but did not finish, a thank-you at close,
//! "you said, we did" when an outcome entry is published). Planning writes the
//! durable outbox; [`super::outbox`] sends it. Every step takes `now`, so tests
//! drive the calendar with a clock of their own.

use std::sync::Arc;

use time::{Duration, OffsetDateTime};

use super::{Service, ServiceError, day};
use crate::anon::Pseudonym;
use crate::domain::{RoundId, RoundState};
use crate::store::{BroadcastKind, StoredRound};

/// Where the current moment comes from: the system clock when serving, a
/// clock of their own in tests.
pub type Clock = Arc<dyn Fn() -> OffsetDateTime + Send + Sync>;

/// The system clock.
pub fn system_clock() -> Clock {
    Arc::new(OffsetDateTime::now_utc)
}

/// A round that opens within this much of closing sends no invitation: it
/// would arrive too late to answer.
const LAST_CALL: Duration = Duration::hours(1);

/// How long after the close a thank-you is still sent (a bot that was down
/// for a day still thanks; one restarted a month later does not).
const THANKS_DAYS: i64 = 3;

/// How long after it was published an outcome entry is still sent.
const FEEDBACK_DAYS: i64 = 14;

/// What one pass of the calendar did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Pass {
    /// Rounds opened.
    pub opened: Vec<RoundId>,
    /// Rounds closed.
    pub closed: Vec<RoundId>,
    /// Broadcasts planned: round, kind, messages.
    pub planned: Vec<(String, BroadcastKind, usize)>,
}

impl Service {
    /// Brings the calendar up to `now`: opens and closes what is due and plans
    /// what residents are to be sent. Safe to repeat: each step happens once.
    pub async fn keep_calendar(&self, now: OffsetDateTime) -> Result<Pass, ServiceError> {
        let mut pass = Pass::default();
        for stored in self.list_rounds().await? {
            let r = &stored.round;
            if stored.state == RoundState::Draft && r.opens <= now && now < r.closes {
                // An official may open it by hand at the same moment: then
                // there is nothing left to do here.
                match self.open_round(r.id.as_str(), now).await {
                    Ok(_) => {
                        tracing::info!(round = %r.id, "round opened on schedule");
                        pass.opened.push(r.id.clone());
                    }
                    Err(ServiceError::Lifecycle(e)) => {
                        tracing::info!(round = %r.id, "not opened on schedule: {e}")
                    }
                    Err(e) => return Err(e),
                }
            }
        }
        for stored in self.list_rounds().await? {
            if stored.state == RoundState::Open {
                self.plan_open_round(&stored, now, &mut pass).await?;
            }
        }
        pass.closed = self.close_due_rounds(now).await?;
        for stored in self.list_rounds().await? {
            if matches!(stored.state, RoundState::Closed | RoundState::Archived) {
                self.plan_closed_round(&stored, now, &mut pass).await?;
            }
        }
        self.store.prune_prompts(&day(now - Duration::days(8))).await?;
        if !pass.planned.is_empty() {
            self.outbox_bell.notify_waiters();
        }
        Ok(pass)
    }

    /// The invitation, and the reminder when it is time.
    async fn plan_open_round(
        &self,
        stored: &StoredRound,
        now: OffsetDateTime,
        pass: &mut Pass,
    ) -> Result<(), ServiceError> {
        let r = &stored.round;
        let id = r.id.as_str();
        if now + LAST_CALL < r.closes && !self.store.broadcast_planned(id, BroadcastKind::Invite, 0).await? {
            let rows = self.store.topic_subscribers(&r.topic).await?;
            // A round about one neighbourhood goes to those who chose it.
            let wanted = |c: &crate::anon::ContactAddress| {
                r.neighbourhood.is_none() || c.neighbourhood == r.neighbourhood
            };
            self.plan(id, BroadcastKind::Invite, 0, rows, wanted, now, pass)
                .await?;
        }
        if let Some(at) = self.reminder_at(r)
            && now >= at
            && now < r.closes
            && !self
                .store
                .broadcast_planned(id, BroadcastKind::Reminder, 0)
                .await?
        {
            let rows = self.unfinished_participants(&r.id).await?;
            self.plan(id, BroadcastKind::Reminder, 0, rows, |_| true, now, pass)
                .await?;
        }
        Ok(())
    }

    /// When the one reminder goes: `reminder_hours` before closing, but not
    /// before half the round has passed (so residents had time to start);
    /// `None` when reminders are off.
    fn reminder_at(&self, r: &crate::domain::Round) -> Option<OffsetDateTime> {
        let hours = i64::from(self.outreach.reminder_hours);
        (hours > 0).then(|| (r.closes - Duration::hours(hours)).max(r.opens + (r.closes - r.opens) / 2))
    }

    /// The thank-you after the close, and feedback for new outcome entries.
    async fn plan_closed_round(
        &self,
        stored: &StoredRound,
        now: OffsetDateTime,
        pass: &mut Pass,
    ) -> Result<(), ServiceError> {
        let id = stored.round.id.as_str();
        let recent = |d: &str, days: i64| d >= day(now - Duration::days(days)).as_str();
        if stored
            .closed_on
            .as_deref()
            .is_some_and(|d| recent(d, THANKS_DAYS))
            && !self.store.broadcast_planned(id, BroadcastKind::Thanks, 0).await?
        {
            let rows = self.store.reachable_participants(id, true).await?;
            self.plan(id, BroadcastKind::Thanks, 0, rows, |_| true, now, pass)
                .await?;
        }
        for (i, outcome) in self.store.outcomes(id).await?.iter().enumerate() {
            let seq = i64::try_from(i + 1).unwrap_or(i64::MAX);
            if recent(&outcome.day, FEEDBACK_DAYS)
                && !self
                    .store
                    .broadcast_planned(id, BroadcastKind::Feedback, seq)
                    .await?
            {
                let rows = self.store.reachable_participants(id, true).await?;
                self.plan(id, BroadcastKind::Feedback, seq, rows, |_| true, now, pass)
                    .await?;
            }
        }
        Ok(())
    }

    /// Reachable participants whose response is not finished, found through the
    /// round's salt while it is open.
    async fn unfinished_participants(&self, id: &RoundId) -> Result<Vec<(String, String)>, ServiceError> {
        let rows = self.store.reachable_participants(id.as_str(), false).await?;
        let mut tx = self.store.begin().await?;
        let Some(salt) = tx.round_salt(id).await? else {
            return Ok(Vec::new());
        };
        let keys: Vec<String> = rows
            .iter()
            .map(|(p, _)| {
                salt.respondent(&Pseudonym::from_stored(p.clone()))
                    .as_str()
                    .to_owned()
            })
            .collect();
        let finished = tx.finished_keys(id, &keys).await?;
        tx.commit().await?;
        Ok(rows
            .into_iter()
            .zip(keys)
            .filter(|(_, k)| !finished.contains(k))
            .map(|(row, _)| row)
            .collect())
    }

    /// Writes a broadcast and its outbox rows, for the sealed contacts in
    /// `rows` that are `wanted`, in one transaction (once).
    #[allow(clippy::too_many_arguments)]
    async fn plan(
        &self,
        round: &str,
        kind: BroadcastKind,
        reference: i64,
        rows: Vec<(String, String)>,
        wanted: impl Fn(&crate::anon::ContactAddress) -> bool,
        now: OffsetDateTime,
        pass: &mut Pass,
    ) -> Result<(), ServiceError> {
        let recipients: Vec<(String, String)> = self
            .open_contacts(rows)
            .into_iter()
            .filter(|(_, c)| wanted(c))
            .map(|(who, c)| (who.as_str().to_owned(), c.platform))
            .collect();
        let mut tx = self.store.begin().await?;
        let planned = tx
            .plan_broadcast(round, kind, reference, &day(now), &recipients)
            .await?;
        tx.commit().await?;
        if planned {
            tracing::info!(
                round,
                kind = kind.as_str(),
                messages = recipients.len(),
                "broadcast planned"
            );
            pass.planned.push((round.to_owned(), kind, recipients.len()));
        }
        Ok(())
    }

    /// Keeps the calendar for as long as the returned future runs (`serve` runs
    /// it beside the channels), looking at least every `every`: a bot that runs
    /// for weeks must not keep answers linkable past the deadline.
    pub async fn keep_calendar_running(&self, clock: Clock, every: std::time::Duration) {
        loop {
            if let Err(e) = self.keep_calendar(clock()).await {
                tracing::warn!(error = %e, "keeping the round calendar failed; trying again");
            }
            let now = clock();
            let next = self.next_moment(now).await.unwrap_or(None);
            let wait = next
                .map(|at| (at - now).unsigned_abs())
                .unwrap_or(every)
                .clamp(std::time::Duration::from_millis(100), every);
            tokio::time::sleep(wait).await;
        }
    }

    /// The next moment the calendar has something to do.
    async fn next_moment(&self, now: OffsetDateTime) -> Result<Option<OffsetDateTime>, ServiceError> {
        let mut next: Option<OffsetDateTime> = None;
        for s in self.list_rounds().await? {
            let r = &s.round;
            let candidates = match s.state {
                RoundState::Draft => vec![r.opens],
                RoundState::Open => self.reminder_at(r).into_iter().chain([r.closes]).collect(),
                _ => Vec::new(),
            };
            for at in candidates.into_iter().filter(|at| *at > now) {
                next = Some(next.map_or(at, |n| n.min(at)));
            }
        }
        Ok(next)
    }
}
