//! Sends what the calendar planned, through the adapter of each platform (a
//! [`Courier`]): outside quiet hours, within the weekly cap on prompts, paced
//! by the platform's limiter. Each row is deleted (and counted) in its own
//! commit once the platform accepted it, so a restart resumes a half-done
//! broadcast. A row whose send was under way at a crash is sent again: on
//! Matrix the same transaction id makes the server drop the repeat; Telegram
//! has no such key, so one message per send in flight may arrive twice.

use std::collections::HashMap;
use std::future::Future;
use std::time::Duration;

use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::schedule::Clock;
use super::{Service, ServiceError, day};
use crate::anon::Pseudonym;
use crate::domain::{Lang, Named, Outcome, OutcomeStatus, Round};
use crate::engine::{Arg, Button, ButtonAction, Reply, Text};
use crate::i18n::Key;
use crate::service::OutboundMessage;
use crate::store::{BroadcastKind, OutboxRow, RowEnd, StoredRound, Tx};

/// How one send ended, as the platform told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Accepted.
    Sent,
    /// The resident blocked the bot or left: their contact is erased.
    Unreachable,
    /// Failed for now: try again after this long.
    Later(Duration),
    /// Failed for good.
    Failed,
}

/// An adapter's way to send one message to a resident's address. `key` is
/// the same for every attempt at the same message (a transaction id).
pub trait Courier: Send + Sync {
    /// The platform's name as stored with contacts (`telegram`, `matrix`).
    fn platform(&self) -> &'static str;
    /// Sends one message, paced by the platform's limits.
    fn send(
        &self,
        address: &str,
        message: &OutboundMessage,
        key: &str,
    ) -> impl Future<Output = Delivery> + Send;
}

/// Attempts per message before it counts as failed.
const ATTEMPTS: i64 = 5;
/// Rows taken per read.
const TAKE: i64 = 256;
/// Sends under way at once (each still waits for the limiter).
const IN_FLIGHT: usize = 16;
/// How often progress is logged during a broadcast.
const PROGRESS_EVERY: Duration = Duration::from_secs(5);

/// What the sending loop needs to know about a round, read once per pass.
struct RoundTexts {
    round: Round,
    outcomes: Vec<Outcome>,
}

impl Service {
    /// Sends the outbox rows of `courier`'s platform until `stop` resolves.
    /// `every` bounds how long it sleeps when nothing is due.
    pub async fn deliver_outbox<C: Courier>(
        &self,
        courier: &C,
        clock: Clock,
        every: Duration,
        stop: impl Future<Output = ()>,
    ) {
        tokio::pin!(stop);
        let mut last_progress = std::time::Instant::now();
        loop {
            let wait = match self.deliver_due(courier, &clock).await {
                Ok(0) => every,
                Ok(_) => Duration::ZERO,
                Err(e) => {
                    tracing::warn!(error = %e, "sending the outbox failed; trying again");
                    every
                }
            };
            if last_progress.elapsed() >= PROGRESS_EVERY {
                last_progress = std::time::Instant::now();
                self.log_progress(courier.platform()).await;
            }
            if wait.is_zero() {
                continue;
            }
            let bell = self.outbox_bell.notified();
            tokio::select! {
                () = &mut stop => return,
                () = bell => {}
                () = tokio::time::sleep(wait) => {}
            }
        }
    }

    /// Sends what is due now; returns how many rows it handled (0: nothing due,
    /// or quiet hours).
    pub async fn deliver_due<C: Courier>(&self, courier: &C, clock: &Clock) -> Result<usize, ServiceError> {
        let now = clock();
        let (minute, _) = self.outreach.local(now.unix_timestamp());
        if self.outreach.is_quiet(minute) {
            return Ok(0);
        }
        let rows = self
            .store
            .due_outbox(courier.platform(), now.unix_timestamp(), TAKE)
            .await?;
        if rows.is_empty() {
            return Ok(0);
        }
        let handled = rows.len();
        let mut rounds: HashMap<String, Option<RoundTexts>> = HashMap::new();
        for row in &rows {
            if !rounds.contains_key(&row.round) {
                let texts = self.round_texts(&row.round).await?;
                rounds.insert(row.round.clone(), texts);
            }
        }
        // What to send, decided for the whole batch in one commit.
        let mut sends = Vec::new();
        let mut tx = self.store.begin().await?;
        for row in rows {
            let texts = rounds.get(&row.round).and_then(Option::as_ref);
            if let Some((address, message)) = self.prepare(&mut tx, &row, texts, now).await? {
                sends.push((row, address, message));
            }
        }
        tx.commit().await?;
        // Several sends under way at once; each result commits on its own.
        let mut pending = futures_util::stream::iter(sends)
            .map(|(row, address, message)| async move {
                let key = message_key(&row);
                let delivery = courier.send(&address, &message, &key).await;
                (row, delivery)
            })
            .buffer_unordered(IN_FLIGHT);
        while let Some((row, delivery)) = pending.next().await {
            self.settle(&row, delivery, clock().unix_timestamp()).await?;
        }
        if self.store.next_outbox(courier.platform()).await?.is_none() {
            // A broadcast is done: its rows are gone from the tables; empty
            // the WAL of their old versions.
            self.erase_traces(false).await;
        }
        Ok(handled)
    }

    async fn round_texts(&self, id: &str) -> Result<Option<RoundTexts>, ServiceError> {
        let Ok(round_id) = crate::domain::RoundId::parse(id) else {
            return Ok(None);
        };
        let Some(StoredRound { round, .. }) = self.store.round(&round_id).await? else {
            return Ok(None);
        };
        let outcomes = self.store.outcomes(id).await?;
        Ok(Some(RoundTexts { round, outcomes }))
    }

    /// The address and text of a row, or `None` when it is not to be sent
    /// (contact gone, round gone, weekly cap reached): then it is settled here.
    async fn prepare(
        &self,
        tx: &mut Tx,
        row: &OutboxRow,
        texts: Option<&RoundTexts>,
        now: OffsetDateTime,
    ) -> Result<Option<(String, OutboundMessage)>, ServiceError> {
        let who = Pseudonym::from_stored(row.pseudonym.clone());
        let contact = row.sealed.as_deref().and_then(|s| self.vault.open(&who, s).ok());
        let (Some(contact), Some(texts)) = (contact, texts) else {
            tx.end_outbox_row(row.id, RowEnd::Skipped).await?;
            return Ok(None);
        };
        if row.kind.is_prompt() {
            // Checked and counted before the send: two prompts to one
            // resident in the same pass cannot both slip under the cap.
            let week = day(now - time::Duration::days(6));
            let had = tx.prompts_since(&row.pseudonym, &week).await?;
            if had >= i64::from(self.outreach.prompts_per_week) {
                tracing::debug!(kind = row.kind.as_str(), "weekly cap reached; not sent");
                tx.end_outbox_row(row.id, RowEnd::Skipped).await?;
                return Ok(None);
            }
            tx.count_prompt(&row.pseudonym, &day(now)).await?;
        }
        let lang = contact
            .lang
            .as_deref()
            .and_then(|l| Lang::parse(l).ok())
            .map_or_else(|| texts.round.lang_for(Lang::Nl), |l| texts.round.lang_for(l));
        let Some(reply) = message(row, texts, lang, &self.outreach.topics) else {
            tx.end_outbox_row(row.id, RowEnd::Skipped).await?;
            return Ok(None);
        };
        Ok(Some((contact.address, self.render(lang, &reply))))
    }

    /// Records how a send ended, in one commit.
    async fn settle(&self, row: &OutboxRow, delivery: Delivery, now_unix: i64) -> Result<(), ServiceError> {
        let mut tx = self.store.begin().await?;
        let mut erased = false;
        match delivery {
            Delivery::Sent => tx.end_outbox_row(row.id, RowEnd::Sent).await?,
            Delivery::Unreachable => {
                tx.end_outbox_row(row.id, RowEnd::Failed).await?;
                let who = Pseudonym::from_stored(row.pseudonym.clone());
                erased = tx.forget_contact(&who).await?;
            }
            Delivery::Later(after) if row.attempts + 1 < ATTEMPTS => {
                let at = now_unix + i64::try_from(after.as_secs().max(1)).unwrap_or(60);
                tx.retry_outbox_row(row.id, at).await?;
            }
            Delivery::Later(_) | Delivery::Failed => tx.end_outbox_row(row.id, RowEnd::Failed).await?,
        }
        tx.commit().await?;
        if erased {
            self.erase_traces(false).await;
        }
        Ok(())
    }

    /// One log line per broadcast still under way on `platform`.
    async fn log_progress(&self, platform: &str) {
        let Ok(Some(_)) = self.store.next_outbox(platform).await else {
            return;
        };
        let Ok(rounds) = self.list_rounds().await else {
            return;
        };
        for s in rounds {
            let Ok(list) = self.store.broadcasts(s.round.id.as_str()).await else {
                continue;
            };
            for b in list.iter().filter(|b| b.queued > 0) {
                tracing::info!(
                    round = %s.round.id,
                    kind = b.kind.as_str(),
                    sent = b.sent,
                    queued = b.queued,
                    failed = b.failed,
                    skipped = b.skipped,
                    "broadcast under way"
                );
            }
        }
    }
}

/// The message a row carries, in `lang`.
fn message(row: &OutboxRow, texts: &RoundTexts, lang: Lang, topics: &[Named]) -> Option<Reply> {
    let r = &texts.round;
    let topic = topics
        .iter()
        .find(|t| t.id == r.topic)
        .map_or(r.topic.as_str(), |t| t.name(lang));
    let title = ("title", Arg::Str(r.title.get(lang).to_owned()));
    let closes = ("closes", Arg::Date(r.closes));
    let id = || ("id", Arg::Str(r.id.to_string()));
    let start = |label: Key| Button {
        label: Text::msg(label),
        action: ButtonAction::StartRound(r.id.clone()),
    };
    let (text, buttons) = match row.kind {
        BroadcastKind::Invite => (
            Text::with(
                Key::OutboxInvite,
                vec![
                    title,
                    ("intro", Arg::Str(r.intro.get(lang).to_owned())),
                    closes,
                    ("topic", Arg::Str(topic.to_owned())),
                    id(),
                ],
            ),
            vec![start(Key::ButtonTakePart)],
        ),
        BroadcastKind::Reminder => (
            Text::with(Key::OutboxReminder, vec![title, closes, id()]),
            vec![start(Key::ButtonContinue)],
        ),
        BroadcastKind::Thanks => (Text::with(Key::OutboxThanks, vec![title]), Vec::new()),
        BroadcastKind::Feedback => {
            let outcome = texts
                .outcomes
                .get(usize::try_from(row.reference).ok()?.checked_sub(1)?)?;
            let body = super::plain_text::from_markdown(
                outcome
                    .texts
                    .get(&lang)
                    .or_else(|| outcome.texts.values().next())?,
            );
            let status = status_key(outcome.status);
            (
                Text::with(
                    Key::OutboxFeedback,
                    vec![title, ("status", Arg::Msg(status)), ("text", Arg::Str(body))],
                ),
                Vec::new(),
            )
        }
    };
    Some(Reply {
        lines: vec![text],
        buttons,
        free_text: false,
    })
}

/// The words for an outcome's status.
pub(super) fn status_key(status: OutcomeStatus) -> Key {
    match status {
        OutcomeStatus::InAdvice => Key::SummaryOutcomeInAdvice,
        OutcomeStatus::Adopted => Key::SummaryOutcomeAdopted,
        OutcomeStatus::PartlyAdopted => Key::SummaryOutcomePartlyAdopted,
        OutcomeStatus::NotAdopted => Key::SummaryOutcomeNotAdopted,
    }
}

/// A stable transaction key for one message: the same after a restart, and
/// naming no one (a hash of the row's round, kind, entry and pseudonym).
pub fn message_key(row: &OutboxRow) -> String {
    let mut h = Sha256::new();
    for part in [
        row.round.as_str(),
        row.kind.as_str(),
        &row.reference.to_string(),
        row.pseudonym.as_str(),
    ] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    format!("outbox-{}", &hex::encode(h.finalize())[..32])
}
