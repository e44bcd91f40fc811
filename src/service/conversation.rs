//! One inbound message from a resident: pseudonymize, load state, run the pure
//! engine, perform its effects in one transaction, render the replies.

use std::collections::HashMap;

use time::OffsetDateTime;

use super::{Service, ServiceError, day, month};
use crate::anon::{ContactAddress, EventKey, Pseudonym, ResidentRef, RespondentKey, RoundSalt, Scrubber};
use crate::domain::{Lang, Named, RoundId, Subscriptions};
use crate::engine::{self, Context, Conversation, Effect, Input, Reach, Reply, RoundView};
use crate::store::{AnswerWrite, ConversationWrite, StoreError, StoredRound, Tx};

/// A progress marker committed with an update's effects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checkpoint {
    /// Its name in storage, e.g. `telegram_next_update`.
    pub name: &'static str,
    /// The value once this update is handled: the next update to fetch.
    pub next: i64,
}

/// A button as the adapter shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboundButton {
    /// The label, in the resident's language.
    pub label: String,
    /// What the adapter sends back when it is pressed.
    pub payload: String,
}

/// A message ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboundMessage {
    /// The text, paragraphs separated by blank lines.
    pub text: String,
    /// Buttons under the message.
    pub buttons: Vec<OutboundButton>,
    /// True when the message asks for typed text (an open question), so adapters
    /// should read a typed number as text, not as a button choice.
    pub free_text: bool,
}

impl Service {
    /// Handles one message from a resident and returns the replies to send.
    /// `lang_hint` is the platform's language for a resident the bot has not met.
    pub async fn handle(
        &self,
        who: &ResidentRef<'_>,
        lang_hint: Option<Lang>,
        input: &Input,
        now: OffsetDateTime,
    ) -> Result<Vec<OutboundMessage>, ServiceError> {
        Ok(self
            .handle_update(who, lang_hint, input, now, None)
            .await?
            .unwrap_or_default())
    }

    /// Handles one platform update exactly once: the `checkpoint` (e.g. the next
    /// Telegram update id) commits in the same transaction as the update's effects,
    /// and an update at or below the stored checkpoint is skipped (`None`), so a
    /// crash and restart neither loses an answer nor stores one twice.
    pub async fn handle_update(
        &self,
        who: &ResidentRef<'_>,
        lang_hint: Option<Lang>,
        input: &Input,
        now: OffsetDateTime,
        checkpoint: Option<Checkpoint>,
    ) -> Result<Option<Vec<OutboundMessage>>, ServiceError> {
        let item = Incoming {
            who: ResidentRef { ..*who },
            lang_hint,
            input: input.clone(),
            now,
            next: checkpoint.map(|c| c.next),
            event: None,
        };
        let name = checkpoint.map(|c| c.name);
        let mut handled = self.handle_batch(name, &[item], None).await?;
        Ok(handled.pop().flatten())
    }

    /// Handles a batch of messages in one transaction, in order, exactly once:
    /// each message whose `next` is at or below the stored checkpoint `name` was
    /// handled before and is skipped (`None` in its place); the checkpoint moves
    /// to the last message's `next` (or `pass_to`, if higher, for updates in the
    /// batch that needed no handling) in the same commit as every effect. One
    /// commit for a whole batch is what lets the bot keep up with a crowd.
    #[tracing::instrument(skip_all, fields(messages = items.len()))]
    pub async fn handle_batch(
        &self,
        name: Option<&'static str>,
        items: &[Incoming<'_>],
        pass_to: Option<i64>,
    ) -> Result<Vec<Option<Vec<OutboundMessage>>>, ServiceError> {
        self.erase_pending_traces().await;
        let mut tx = self.store.begin().await?;
        let done = match name {
            Some(name) => tx.checkpoint(name).await?,
            None => None,
        };
        let open = self.open_rounds(&mut tx).await?;
        // Events already handled (a sync repeated after a restart) by their keys.
        let keys: Vec<Option<EventKey>> = items
            .iter()
            .map(|item| {
                item.event
                    .as_deref()
                    .map(|id| EventKey::of(&self.secret, item.who.platform, id))
            })
            .collect();
        let wanted_keys: Vec<&str> = keys.iter().flatten().map(EventKey::as_str).collect();
        let mut seen = if wanted_keys.is_empty() {
            Default::default()
        } else {
            tx.handled(&wanted_keys).await?
        };
        let mut fresh = Vec::with_capacity(items.len());
        for (item, key) in items.iter().zip(&keys) {
            let new_update = match (item.next, done) {
                (Some(next), Some(done)) => next > done,
                _ => true,
            };
            // A key seen before, or earlier in this batch, is a repeat.
            let new_event = key.as_ref().is_none_or(|k| seen.insert(k.as_str().to_owned()));
            fresh.push(new_update && new_event);
        }
        // Everyone's state in one read.
        let pseudonyms: Vec<Option<Pseudonym>> = items
            .iter()
            .zip(&fresh)
            .map(|(item, fresh)| fresh.then(|| Pseudonym::of(&self.secret, &item.who)))
            .collect();
        let wanted: Vec<&Pseudonym> = pseudonyms.iter().flatten().collect();
        let mut batch = Batch {
            stored: tx.conversations(&wanted).await?,
            ..Batch::default()
        };
        let mut out = Vec::with_capacity(items.len());
        let mut last = None;
        for (item, pseudonym) in items.iter().zip(pseudonyms) {
            let Some(pseudonym) = pseudonym else {
                tracing::debug!("update already handled");
                out.push(None);
                continue;
            };
            last = item.next.or(last);
            out.push(Some(
                self.step(&mut tx, &open, &mut batch, item, pseudonym).await?,
            ));
        }
        batch.flush(&mut tx).await?;
        let mut saves = Vec::with_capacity(batch.states.len());
        for (who, state) in batch.states {
            match state {
                Some(state) => saves.push(ConversationWrite {
                    state: super::sealed_state::seal(&self.vault, &who, &state.json),
                    who,
                    round: state.round,
                    month: state.month,
                }),
                None => tx.delete_conversation(&who).await?,
            }
        }
        tx.save_conversations(&saves).await?;
        let handled_keys: Vec<&str> = keys
            .iter()
            .zip(&fresh)
            .filter(|(_, fresh)| **fresh)
            .filter_map(|(k, _)| k.as_ref().map(EventKey::as_str))
            .collect();
        if !handled_keys.is_empty() {
            let today = items.first().map_or_else(OffsetDateTime::now_utc, |i| i.now);
            tx.mark_handled(&handled_keys, &day(today)).await?;
            tx.prune_handled(&day(today - time::Duration::days(HANDLED_EVENTS_DAYS)))
                .await?;
        }
        if let Some(name) = name {
            let next = last.max(pass_to);
            if let Some(next) = next
                && done.is_none_or(|done| done < next)
            {
                tx.set_checkpoint(name, next).await?;
            }
        }
        tx.commit().await?;
        if batch.erased {
            // The erased rows are zeroed in the main file; older page versions
            // still sit in the WAL until it is emptied.
            self.erase_traces(false).await;
        }
        Ok(out)
    }

    /// The open rounds, parsed once and kept until any round changes.
    async fn open_rounds(&self, tx: &mut Tx) -> Result<std::sync::Arc<Vec<StoredRound>>, ServiceError> {
        let generation = tx.rounds_generation().await?;
        if let Some((cached, rounds)) = &*self
            .open_rounds
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            && *cached == generation
        {
            return Ok(rounds.clone());
        }
        let rounds = std::sync::Arc::new(tx.open_rounds().await?);
        *self
            .open_rounds
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some((generation, rounds.clone()));
        Ok(rounds)
    }

    /// One message within a batch: pseudonymize, load state (as the batch left
    /// it), run the engine, perform its effects, render the replies.
    async fn step(
        &self,
        tx: &mut Tx,
        open: &[StoredRound],
        batch: &mut Batch,
        item: &Incoming<'_>,
        pseudonym: Pseudonym,
    ) -> Result<Vec<OutboundMessage>, ServiceError> {
        let Incoming {
            who,
            lang_hint,
            input,
            now,
            ..
        } = item;
        let now = *now;
        let fresh = || Conversation::new(lang_hint.unwrap_or(Lang::Nl));
        let stored = match batch.states.get(&pseudonym) {
            Some(Some(state)) => Some(state.json.clone()),
            // Forgotten earlier in this batch.
            Some(None) => None,
            None => batch.stored.remove(pseudonym.as_str()).map(|stored| {
                super::sealed_state::open(&self.vault, &pseudonym, &stored).unwrap_or_default()
            }),
        };
        let conversation = match stored {
            Some(json) => serde_json::from_str(&json).unwrap_or_else(|e| {
                // A state this version cannot read starts over rather than locking
                // the resident out; answers already stored are untouched.
                tracing::warn!(resident = pseudonym.short(), error = %e, "unreadable conversation state; starting over");
                fresh()
            }),
            None => fresh(),
        };

        // Open rounds, plus the rounds this message is about whatever their state,
        // so a resident can hear that "their" round has closed.
        let mut others: Vec<StoredRound> = Vec::new();
        for id in conversation
            .round()
            .cloned()
            .into_iter()
            .chain(input.named_round())
        {
            if !open.iter().chain(&others).any(|s| s.round.id == id)
                && let Some(s) = tx.round(&id).await?
            {
                others.push(s);
            }
        }
        let views: Vec<RoundView<'_>> = open
            .iter()
            .chain(&others)
            .map(|s| RoundView {
                round: &s.round,
                state: s.state,
            })
            .collect();
        // Personal data leaves typed text here, before the engine, the store or a
        // log line can see it.
        // Placeholders in the round's first language, not the resident's: an
        // English `[name]` among Dutch `[naam]`s would single out who chose
        // English, even in a Dutch answer.
        let placeholders = conversation
            .round()
            .and_then(|id| views.iter().find(|v| v.round.id == *id))
            .and_then(|v| v.round.languages.first().copied())
            .unwrap_or(Lang::Nl);
        let (input, personal_data_removed) = match input {
            Input::Text(raw) => {
                let scrubbed = Scrubber::get().scrub(raw, placeholders);
                let removed = !scrubbed.findings.is_empty();
                (Input::Text(scrubbed.text), removed)
            }
            other => (other.clone(), false),
        };
        let results = if input.needs_results() {
            self.rounds_with_results(now).await?
        } else {
            Vec::new()
        };
        let (topics, mine) = if input.needs_subscriptions() {
            let topics = tx.topics_of(&pseudonym).await?;
            let neighbourhood = self
                .stored_contact(tx, &pseudonym)
                .await?
                .and_then(|c| c.neighbourhood);
            let known = tx.round_topics().await?;
            (
                self.followable_topics(&known),
                Some(Subscriptions {
                    topics,
                    neighbourhood,
                }),
            )
        } else {
            let known: Vec<String> = open.iter().map(|s| s.round.topic.clone()).collect();
            (self.followable_topics(&known), None)
        };
        let ctx = Context {
            now,
            retention_days: self.retention_days,
            rounds: &views,
            personal_data_removed,
            reach: Reach {
                topics: &topics,
                neighbourhoods: &self.outreach.neighbourhoods,
                mine: mine.as_ref(),
                results: &results.iter().map(|s| &s.round).collect::<Vec<_>>(),
            },
        };
        let step = engine::step(&ctx, &conversation, &input);

        let contact = who.address.map(|address| ContactAddress {
            platform: who.platform.to_owned(),
            address: address.to_owned(),
            lang: None,
            neighbourhood: None,
        });
        let Applied { forget, erased } = self
            .apply(
                tx,
                batch,
                &pseudonym,
                who.platform,
                contact.as_ref().map(|c| (c, step.next.lang)),
                &step.effects,
            )
            .await?;
        batch.erased |= forget || erased;
        if !forget && step.next.lang != conversation.lang {
            // A kept contact writes in the language chosen now.
            self.update_contact(tx, &pseudonym, None, |c| {
                c.lang = Some(step.next.lang.code().to_owned())
            })
            .await?;
        }
        let state = if forget {
            None
        } else {
            let json = serde_json::to_string(&step.next)
                .map_err(|e| StoreError::Corrupt(format!("conversation state: {e}")))?;
            Some(PendingState {
                round: step.next.round().cloned(),
                json,
                month: month(now),
            })
        };
        batch.states.insert(pseudonym, state);
        // No pseudonym here: counting lines per resident would show whose
        // path was longer, i.e. who was asked a follow-up.
        tracing::debug!(effects = step.effects.len(), "message handled");

        let lang = step.next.lang;
        let mut replies = step.replies;
        self.fill_in_results(&mut replies, lang).await?;
        Ok(replies.iter().map(|r| self.render(lang, r)).collect())
    }

    /// Moves a checkpoint past an update that needed no handling.
    pub async fn pass_checkpoint(&self, checkpoint: Checkpoint) -> Result<(), ServiceError> {
        let mut tx = self.store.begin().await?;
        if tx
            .checkpoint(checkpoint.name)
            .await?
            .is_none_or(|done| done < checkpoint.next)
        {
            tx.set_checkpoint(checkpoint.name, checkpoint.next).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Whether a platform event (by its id) was noted as handled.
    pub async fn event_handled(&self, platform: &str, id: &str) -> Result<bool, ServiceError> {
        let key = EventKey::of(&self.secret, platform, id);
        let mut tx = self.store.begin().await?;
        let seen = tx.handled(&[key.as_str()]).await?;
        tx.commit().await?;
        Ok(!seen.is_empty())
    }

    /// Notes a platform event (by its id) as handled, for a few days.
    pub async fn note_event_handled(&self, platform: &str, id: &str) -> Result<(), ServiceError> {
        let key = EventKey::of(&self.secret, platform, id);
        let today = OffsetDateTime::now_utc();
        let mut tx = self.store.begin().await?;
        tx.mark_handled(&[key.as_str()], &day(today)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The stored checkpoint, e.g. where Telegram polling resumes after a restart.
    pub async fn checkpoint(&self, name: &str) -> Result<Option<i64>, ServiceError> {
        let mut tx = self.store.begin().await?;
        let v = tx.checkpoint(name).await?;
        tx.commit().await?;
        Ok(v)
    }

    /// The platform says the resident cannot be reached any more (blocked the
    /// bot, deleted the account): treat it as an unsubscribe.
    pub async fn unreachable(&self, who: &ResidentRef<'_>) -> Result<(), ServiceError> {
        let pseudonym = Pseudonym::of(&self.secret, who);
        let mut tx = self.store.begin().await?;
        let erased = tx.forget_contact(&pseudonym).await?;
        tx.commit().await?;
        if erased {
            self.erase_traces(false).await;
        }
        tracing::info!(
            resident = pseudonym.short(),
            "resident unreachable: contact and subscriptions erased"
        );
        Ok(())
    }

    /// Performs the effects. Answers wait in the batch and are written together;
    /// anything else first writes what waits, so the order holds.
    async fn apply(
        &self,
        tx: &mut Tx,
        batch: &mut Batch,
        who: &Pseudonym,
        channel: &str,
        contact: Option<(&ContactAddress, Lang)>,
        effects: &[Effect],
    ) -> Result<Applied, ServiceError> {
        let mut contact_saved = false;
        let mut keys: HashMap<RoundId, RespondentKey> = HashMap::new();
        let mut forget = false;
        let mut erased = false;
        for effect in effects {
            match effect {
                Effect::RecordAnswer {
                    round,
                    question,
                    answer,
                } => {
                    let key = respondent(&mut keys, batch.salt(tx, round).await?, round, who)?;
                    let json = serde_json::to_string(answer)
                        .map_err(|e| StoreError::Corrupt(format!("answer: {e}")))?;
                    batch.answers.push(AnswerWrite {
                        round: round.clone(),
                        respondent: key,
                        question: question.clone(),
                        value_json: json,
                        channel: channel.to_owned(),
                    });
                    batch.took_part(round, who);
                }
                Effect::CompleteResponse { round } => {
                    let key = respondent(&mut keys, batch.salt(tx, round).await?, round, who)?;
                    batch.completed.push((round.clone(), key, channel.to_owned()));
                    batch.took_part(round, who);
                }
                Effect::ClearAnswer { round, question } => {
                    let key = respondent(&mut keys, batch.salt(tx, round).await?, round, who)?;
                    batch.flush(tx).await?;
                    erased |= tx.clear_answer(round, &key, question).await?;
                }
                Effect::DiscardResponse { round } => {
                    batch.flush(tx).await?;
                    // After close the salt is gone and nothing can be found: fine.
                    if let Some(salt) = batch.salt(tx, round).await? {
                        erased |= tx.discard_response(round, &salt.respondent(who), false).await?;
                        tx.forget_participation(round, who).await?;
                    }
                }
                Effect::ResetResponse { round } => {
                    if let Some(salt) = batch.salt(tx, round).await? {
                        let key = salt.respondent(who);
                        // Answers of this respondent still waiting go first.
                        let waiting = |r: &RoundId, k: &RespondentKey| r == round && *k == key;
                        if batch.answers.iter().any(|a| waiting(&a.round, &a.respondent))
                            || batch.completed.iter().any(|(r, k, _)| waiting(r, k))
                        {
                            batch.flush(tx).await?;
                        }
                        batch.resets.push((round.clone(), key));
                    }
                }
                Effect::Subscribe { topic } => {
                    tx.subscribe(who, topic).await?;
                    self.keep_contact(tx, who, contact, &mut contact_saved).await?;
                }
                Effect::DropTopics { topic } => {
                    let (dropped, kept) = tx.drop_topics(who, topic.as_deref()).await?;
                    erased |= dropped;
                    if kept && topic.is_none() {
                        self.update_contact(tx, who, None, |c| c.neighbourhood = None)
                            .await?;
                    }
                }
                Effect::SetNeighbourhood { neighbourhood } => {
                    self.update_contact(tx, who, contact, |c| c.neighbourhood.clone_from(neighbourhood))
                        .await?;
                    contact_saved = true;
                }
                Effect::HearBack { round } => {
                    // The participation row waits in the batch: write it first.
                    batch.flush(tx).await?;
                    tx.hear_back(who, round.as_str()).await?;
                    self.keep_contact(tx, who, contact, &mut contact_saved).await?;
                }
                Effect::Unsubscribe => {
                    batch.participants.retain(|(_, p)| p != who);
                    erased |= tx.forget_contact(who).await?;
                }
                Effect::ForgetResident => {
                    batch.participants.retain(|(_, p)| p != who);
                    tx.forget_contact(who).await?;
                    forget = true;
                }
            }
        }
        Ok(Applied { forget, erased })
    }

    /// Closed rounds of the last year whose results residents can see, newest first.
    async fn rounds_with_results(&self, now: OffsetDateTime) -> Result<Vec<StoredRound>, ServiceError> {
        use crate::domain::RoundState;
        let since = day(now - time::Duration::days(RESULTS_DAYS));
        let mut closed: Vec<StoredRound> = self
            .store
            .rounds()
            .await?
            .into_iter()
            .filter(|s| matches!(s.state, RoundState::Closed | RoundState::Archived))
            .filter(|s| s.closed_on.as_deref().is_some_and(|d| d >= since.as_str()))
            .collect();
        closed.sort_by(|a, b| b.closed_on.cmp(&a.closed_on));
        closed.truncate(MAX_RESULTS);
        Ok(closed)
    }

    /// Replaces each [`Text::Results`] with the round's published summary and
    /// what the municipality did with it, in `lang`.
    async fn fill_in_results(&self, replies: &mut [Reply], lang: Lang) -> Result<(), ServiceError> {
        use crate::engine::Text;
        use crate::i18n::Key;
        for reply in replies.iter_mut() {
            for line in reply.lines.iter_mut() {
                let Text::Results(id) = line else { continue };
                // Plain lines for a chat, not the council's Markdown.
                let summary = crate::summary::chat(
                    &self.council_summary(id.as_str(), lang).await?,
                    lang,
                    &self.localizer,
                );
                let outcomes = self.store.outcomes(id.as_str()).await?;
                let l = &self.localizer;
                let mut text = format!(
                    "{summary}\n\n{}",
                    l.render(lang, &Text::msg(Key::ResultsOutcomes))
                );
                if outcomes.is_empty() {
                    text.push_str(&format!(
                        "\n{}",
                        l.render(lang, &Text::msg(Key::ResultsNoOutcome))
                    ));
                }
                for o in &outcomes {
                    let status = l.render(lang, &Text::msg(super::outbox::status_key(o.status)));
                    let body = o
                        .texts
                        .get(&lang)
                        .or_else(|| o.texts.values().next())
                        .map(|md| super::plain_text::from_markdown(md))
                        .unwrap_or_default();
                    let day = crate::summary::day(&o.day, lang, l);
                    text.push_str(&format!("\n\n{status} ({day}): {body}"));
                }
                *line = Text::Plain(text);
            }
        }
        Ok(())
    }

    /// Seals and keeps where to reach the resident (once per message), with the
    /// language to write in.
    async fn keep_contact(
        &self,
        tx: &mut Tx,
        who: &Pseudonym,
        contact: Option<(&ContactAddress, Lang)>,
        saved: &mut bool,
    ) -> Result<(), ServiceError> {
        if contact.is_some() && !*saved {
            self.update_contact(tx, who, contact, |_| {}).await?;
            *saved = true;
        }
        Ok(())
    }

    /// The resident's kept contact, opened.
    async fn stored_contact(
        &self,
        tx: &mut Tx,
        who: &Pseudonym,
    ) -> Result<Option<ContactAddress>, ServiceError> {
        Ok(tx
            .sealed_contact(who)
            .await?
            .and_then(|sealed| self.vault.open(who, &sealed).ok()))
    }

    /// Changes the kept contact and seals it again: the address the platform
    /// gives now (with the language of this message), else the one kept;
    /// what the resident chose before (neighbourhood) stays unless `change`
    /// changes it. Without either there is nothing to keep.
    async fn update_contact(
        &self,
        tx: &mut Tx,
        who: &Pseudonym,
        now: Option<(&ContactAddress, Lang)>,
        change: impl FnOnce(&mut ContactAddress),
    ) -> Result<(), ServiceError> {
        let kept = self.stored_contact(tx, who).await?;
        let mut contact = match (now, kept) {
            (Some((address, lang)), kept) => ContactAddress {
                lang: Some(lang.code().to_owned()),
                neighbourhood: kept.and_then(|k| k.neighbourhood),
                ..address.clone()
            },
            (None, Some(kept)) => kept,
            (None, None) => return Ok(()),
        };
        change(&mut contact);
        tx.save_contact(who, &self.vault.seal(who, &contact)).await?;
        Ok(())
    }

    /// Topics residents can follow: those in the settings, with their names,
    /// and the `known` topics of rounds.
    fn followable_topics(&self, known: &[String]) -> Vec<Named> {
        let mut topics = self.outreach.topics.clone();
        for topic in known {
            if !topics.iter().any(|t| &t.id == topic) {
                topics.push(Named::bare(topic));
            }
        }
        topics
    }

    /// Erases conversation state not touched for `days` days, except for residents
    /// in the middle of an open round. Returns how many were erased.
    pub async fn purge_conversations(&self, now: OffsetDateTime, days: u32) -> Result<u64, ServiceError> {
        // Stored at month grain: erased once the whole month of the last message
        // lies more than `days` days back.
        let before = month(now - time::Duration::days(i64::from(days)));
        let n = self.store.purge_conversations(&before).await?;
        if n > 0 {
            tracing::info!(conversations = n, days, "purged old conversation state");
            self.erase_traces(false).await;
        }
        Ok(n)
    }

    /// Where to reach everyone who follows `topic`.
    pub async fn subscribers(&self, topic: &str) -> Result<Vec<ContactAddress>, ServiceError> {
        let rows = self.store.topic_subscribers(topic).await?;
        Ok(self.open_contacts(rows).into_iter().map(|(_, c)| c).collect())
    }

    /// Where to reach the participants of `round` who asked to hear back.
    pub async fn hear_back_contacts(&self, round: &str) -> Result<Vec<ContactAddress>, ServiceError> {
        let rows = self.store.reachable_participants(round, true).await?;
        Ok(self.open_contacts(rows).into_iter().map(|(_, c)| c).collect())
    }

    /// Opens sealed contacts (pseudonym, sealed). Rows that do not open (a key
    /// mix-up) are skipped and logged without identifying anyone.
    pub(super) fn open_contacts(&self, rows: Vec<(String, String)>) -> Vec<(Pseudonym, ContactAddress)> {
        let mut out = Vec::with_capacity(rows.len());
        for (pseudonym, sealed) in rows {
            let who = Pseudonym::from_stored(pseudonym);
            match self.vault.open(&who, &sealed) {
                Ok(c) => out.push((who, c)),
                Err(e) => tracing::warn!(resident = who.short(), error = %e, "contact skipped"),
            }
        }
        out
    }

    /// Renders an engine reply in `lang`.
    pub fn render(&self, lang: Lang, reply: &Reply) -> OutboundMessage {
        let text = reply
            .lines
            .iter()
            .map(|t| self.localizer.render(lang, t))
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        OutboundMessage {
            text,
            buttons: reply
                .buttons
                .iter()
                .map(|b| OutboundButton {
                    label: self.localizer.render(lang, &b.label),
                    payload: b.action.encode(),
                })
                .collect(),
            free_text: reply.free_text,
        }
    }
}

/// What performing a step's effects did.
struct Applied {
    /// The conversation itself is to be erased (`/vergeet`).
    forget: bool,
    /// Rows were erased, whose old versions must leave the files.
    erased: bool,
}

/// The resident's respondent key for `round`, computed once per message.
fn respondent(
    keys: &mut HashMap<RoundId, RespondentKey>,
    salt: Option<RoundSalt>,
    round: &RoundId,
    who: &Pseudonym,
) -> Result<RespondentKey, ServiceError> {
    if let Some(k) = keys.get(round) {
        return Ok(k.clone());
    }
    let salt = salt.ok_or_else(|| {
        StoreError::Corrupt(format!("round {round} takes answers but has no respondent salt"))
    })?;
    let key = salt.respondent(who);
    keys.insert(round.clone(), key.clone());
    Ok(key)
}

/// A resident's conversation state as a batch left it, sealed when written.
struct PendingState {
    /// The round it concerns, if any.
    round: Option<RoundId>,
    /// The state as JSON.
    json: String,
    /// The month of the last message (`YYYY-MM`).
    month: String,
}

/// What a batch keeps between its messages.
#[derive(Default)]
struct Batch {
    /// Conversation states as stored before the batch, by pseudonym; taken
    /// out as each resident's first message is handled.
    stored: HashMap<String, Vec<u8>>,
    /// Each resident's conversation as the batch left it, written once at the
    /// end; `None`: forgotten.
    states: HashMap<Pseudonym, Option<PendingState>>,
    /// Respondent salts read in this batch (`None`: the round has none).
    salts: HashMap<RoundId, Option<RoundSalt>>,
    /// Responses waiting to be removed (a round started over), before the
    /// answers waiting.
    resets: Vec<(RoundId, RespondentKey)>,
    /// Answers waiting to be written, in order.
    answers: Vec<AnswerWrite>,
    /// Residents who took part in a round, waiting to be recorded (once each).
    participants: Vec<(RoundId, Pseudonym)>,
    /// Responses waiting to be marked complete.
    completed: Vec<(RoundId, RespondentKey, String)>,
    /// Rows were erased, whose old versions must leave the files.
    erased: bool,
}

impl Batch {
    /// The round's respondent salt, read once per batch.
    async fn salt(&mut self, tx: &mut Tx, round: &RoundId) -> Result<Option<RoundSalt>, ServiceError> {
        if let Some(s) = self.salts.get(round) {
            return Ok(s.clone());
        }
        let s = tx.round_salt(round).await?;
        self.salts.insert(round.clone(), s.clone());
        Ok(s)
    }

    /// Writes what waits: removals first, then answers and completions.
    async fn flush(&mut self, tx: &mut Tx) -> Result<(), ServiceError> {
        if !self.resets.is_empty() {
            self.erased |= tx.discard_responses(&self.resets).await? > 0;
            self.resets.clear();
        }
        if !self.answers.is_empty() || !self.completed.is_empty() {
            tx.record_answers(&self.answers, &self.completed).await?;
            self.answers.clear();
            self.completed.clear();
        }
        if !self.participants.is_empty() {
            tx.record_participation(&self.participants).await?;
            self.participants.clear();
        }
        Ok(())
    }

    /// Notes that `who` took part in `round`, once per batch.
    fn took_part(&mut self, round: &RoundId, who: &Pseudonym) {
        if !self.participants.iter().any(|(r, p)| r == round && p == who) {
            self.participants.push((round.clone(), who.clone()));
        }
    }
}

/// One message from a resident, for [`Service::handle_batch`].
pub struct Incoming<'a> {
    /// Who sent it.
    pub who: ResidentRef<'a>,
    /// The platform's language for a resident the bot has not met.
    pub lang_hint: Option<Lang>,
    /// What they sent.
    pub input: Input,
    /// When it arrived.
    pub now: OffsetDateTime,
    /// The checkpoint's value once this message is handled (e.g. the next
    /// Telegram update id); `None` without a checkpoint.
    pub next: Option<i64>,
    /// The platform's id of this event (a Matrix event id, a Telegram update id
    /// in webhook mode), for platforms that may deliver an event again out of
    /// order; only a keyed hash of it is stored.
    pub event: Option<String>,
}

/// How far back closed rounds are offered under `/resultaten`.
const RESULTS_DAYS: i64 = 365;
/// At most this many rounds are offered there.
const MAX_RESULTS: usize = 8;

/// Days a handled event's key is kept: longer than any sync is repeated.
const HANDLED_EVENTS_DAYS: i64 = 7;
