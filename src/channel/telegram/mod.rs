//! The Telegram adapter: long-polls the Bot API, turns updates into engine inputs
//! ([`translate`]), hands them to the service, and delivers the replies
//! ([`delivery`]). It owns Telegram's mechanics (offsets, rate limits,
//! `retry_after`, blocked users) and nothing of what to say.
//!
//! Exactly once: the residents' messages of a fetched batch are handled in one
//! transaction together with the next offset, so a crash before the commit
//! replays them, and a crash after it skips them. Replies go out per chat in
//! [`lanes`], so one chat's pace never holds up another.

pub mod delivery;
pub mod failure;
pub mod lanes;
pub mod poster;
pub mod translate;
pub mod webhook;

use std::future::Future;
use std::time::Duration;

use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::types::AllowedUpdate;
use time::OffsetDateTime;

use teloxide::types::BotCommand;

use crate::anon::ResidentRef;
use crate::channel::officials;
use crate::domain::Lang;
use crate::domain::QuestionKind;
use crate::engine::Text;
use crate::i18n::Key;
use crate::service::polls::PollPlace;
use crate::service::{Checkpoint, Incoming, OutboundMessage, Service, ServiceError};
use crate::store::StoreError;

/// The platform name used for pseudonyms of Telegram residents.
pub const PLATFORM: &str = "telegram";
/// Where the next update id to fetch is kept.
const OFFSET: &str = "telegram_next_update";
/// Batches polled after a start that are also checked against keyed update ids
/// (see [`Tally::Both`]): a webhook has at most 100 updates under way.
const KEYED_BATCHES: u32 = 3;

/// How the adapter reaches Telegram.
#[derive(Clone)]
pub struct TelegramConfig {
    /// The bot token from BotFather. Never logged.
    pub token: String,
    /// Another Bot API server than api.telegram.org.
    pub api_url: Option<url::Url>,
    /// Long-poll timeout in seconds (Telegram allows up to 50; teloxide's client
    /// gives up after 17).
    pub poll_timeout: u32,
    /// Delivery limits.
    pub limits: delivery::Limits,
    /// Telegram user ids of officials, who may use /rounds, /open, /close and
    /// /status in a private chat with the bot.
    pub officials: Vec<String>,
    /// Receive updates by webhook instead of long polling.
    pub webhook: Option<webhook::Webhook>,
    /// Where the outbox reads the time (quiet hours, retries): the system
    /// clock, or a test's.
    pub clock: crate::service::schedule::Clock,
    /// How long the outbox sleeps when nothing is due.
    pub outbox_every: Duration,
    /// Group chats that get an invitation when a round opens (never questions).
    pub announcement_chats: Vec<i64>,
}

impl std::fmt::Debug for TelegramConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TelegramConfig")
            .field("token", &"<redacted>")
            .field("api_url", &self.api_url)
            .finish_non_exhaustive()
    }
}

impl TelegramConfig {
    /// A configuration with Telegram's published limits.
    pub fn new(token: String, api_url: Option<url::Url>) -> TelegramConfig {
        TelegramConfig {
            token,
            api_url,
            poll_timeout: 10,
            limits: delivery::Limits::telegram(),
            officials: Vec::new(),
            webhook: None,
            clock: crate::service::schedule::system_clock(),
            outbox_every: Duration::from_secs(2),
            announcement_chats: Vec::new(),
        }
    }

    fn bot(&self) -> Bot {
        let bot = Bot::new(self.token.clone());
        match &self.api_url {
            Some(url) => bot.set_api_url(url.clone()),
            None => bot,
        }
    }
}

/// The command menu per language: Dutch names for Dutch apps (and as the
/// default), English names for English apps.
pub fn command_menu(service: &Service, lang: Lang) -> Vec<BotCommand> {
    let names: [(&str, Key); 9] = match lang {
        Lang::Nl => [
            ("start", Key::CommandStart),
            ("hulp", Key::CommandHelp),
            ("abonneer", Key::CommandSubscribe),
            ("opzeggen", Key::CommandUnsubscribe),
            ("resultaten", Key::CommandResults),
            ("taal", Key::CommandLanguage),
            ("privacy", Key::CommandPrivacy),
            ("vergeet", Key::CommandForget),
            ("stop", Key::CommandStop),
        ],
        Lang::En => [
            ("start", Key::CommandStart),
            ("help", Key::CommandHelp),
            ("subscribe", Key::CommandSubscribe),
            ("unsubscribe", Key::CommandUnsubscribe),
            ("results", Key::CommandResults),
            ("language", Key::CommandLanguage),
            ("privacy", Key::CommandPrivacy),
            ("forget", Key::CommandForget),
            ("stop", Key::CommandStop),
        ],
    };
    names
        .into_iter()
        .map(|(name, key)| BotCommand::new(name, service.localizer().render(lang, &Text::msg(key))))
        .collect()
}

async fn register_commands(sender: &delivery::Sender, service: &Service) {
    for (lang, code) in [(Lang::Nl, None), (Lang::Nl, Some("nl")), (Lang::En, Some("en"))] {
        sender.set_commands(command_menu(service, lang), code).await;
    }
}

/// Answers a command in a group with an invitation to a private chat: answers
/// in a group would be visible to everyone. With one open round the button
/// starts it directly.
async fn invite_from_group(
    service: &Service,
    sender: &delivery::Sender,
    username: Option<&str>,
    call: &translate::GroupCall,
) -> Result<(), ServiceError> {
    let Some(username) = username else {
        tracing::warn!("cannot invite from a group: the bot's username is unknown");
        return Ok(());
    };
    let lang = call.lang_hint.unwrap_or(Lang::Nl);
    let open: Vec<_> = service
        .list_rounds()
        .await?
        .into_iter()
        .filter(|r| r.round.accepts_answers(r.state, OffsetDateTime::now_utc()))
        .collect();
    let link = match open.as_slice() {
        [only] => poster::deep_link(username, &only.round.id).ok(),
        _ => Some(format!("https://t.me/{username}")),
    };
    let Some(link) = link.and_then(|l| url::Url::parse(&l).ok()) else {
        return Ok(());
    };
    let say = |key: Key| service.localizer().render(lang, &Text::msg(key));
    sender
        .invite(
            ChatId(call.chat),
            say(Key::GroupInvite),
            say(Key::ButtonTakePart),
            link,
        )
        .await;
    Ok(())
}

/// How often group polls of closed rounds are looked for (not with every batch:
/// that would cost every batch a query).
const POLLS_EVERY: Duration = Duration::from_secs(5);

/// How long the poll loop holds a full batch's replies back at most while it
/// fetches the next batch (see `Lanes::hold`).
const REPLIES_HELD_AT_MOST: Duration = Duration::from_millis(5);

/// The most updates `getUpdates` hands out at once (its default `limit`).
const FULL_BATCH: usize = 100;

/// How often the rate state of quiet chats is forgotten.
pub(crate) const TIDY_EVERY: Duration = Duration::from_secs(60);

/// Telegram's limits on native polls.
const POLL_QUESTION_CHARS: usize = 300;
const POLL_OPTION_CHARS: usize = 100;
const POLL_OPTIONS: std::ops::RangeInclusive<usize> = 2..=10;

/// Posts an open round's questions in a group as native anonymous polls. Questions
/// that do not fit a poll (open questions, more than ten options, long labels) are
/// offered through the deep link to a private chat instead.
async fn post_polls(
    service: &Service,
    sender: &delivery::Sender,
    username: Option<&str>,
    call: &translate::GroupCall,
    round_id: &str,
) -> Result<(), ServiceError> {
    let lang = call.lang_hint.unwrap_or(Lang::Nl);
    let now = OffsetDateTime::now_utc();
    let stored = match service.round_status(round_id).await {
        Ok(s) if s.stored.round.accepts_answers(s.stored.state, now) => s.stored,
        Ok(_) | Err(ServiceError::UnknownRound(_)) => {
            tracing::info!("an official asked to post a round that is not open");
            return invite_from_group(service, sender, username, call).await;
        }
        Err(e) => return Err(e),
    };
    let round = &stored.round;
    let lang = round.lang_for(lang);
    for q in &round.questions {
        let options: Vec<(String, String)> = match &q.kind {
            QuestionKind::Choice { options } | QuestionKind::Multi { options } => options
                .iter()
                .map(|o| (o.id.to_string(), o.text.get(lang).to_owned()))
                .collect(),
            QuestionKind::YesNo => {
                let say = |key: Key| service.localizer().render(lang, &Text::msg(key));
                vec![
                    ("yes".into(), say(Key::AnswerYes)),
                    ("no".into(), say(Key::AnswerNo)),
                ]
            }
            QuestionKind::Scale { min, max, .. } => {
                (*min..=*max).map(|n| (n.to_string(), n.to_string())).collect()
            }
            QuestionKind::Open { .. } => continue,
        };
        let text = q.text.get(lang).to_owned();
        let fits = POLL_OPTIONS.contains(&options.len())
            && options.iter().all(|(_, label)| label.chars().count() <= POLL_OPTION_CHARS)
            && text.chars().count() <= POLL_QUESTION_CHARS
            // A follow-up only makes sense after its condition, which a group poll cannot know.
            && q.when.is_none();
        if !fits {
            continue;
        }
        let multiple = matches!(q.kind, QuestionKind::Multi { .. });
        let labels = options.iter().map(|(_, l)| l.clone()).collect();
        match sender.poll(ChatId(call.chat), text, labels, multiple).await {
            Ok((poll_id, message_id)) => {
                let ids: Vec<String> = options.into_iter().map(|(id, _)| id).collect();
                let place = PollPlace {
                    chat: call.chat,
                    message_id,
                };
                service
                    .register_group_poll(&poll_id, &round.id, &q.id, &ids, &place)
                    .await?;
            }
            Err(_) => tracing::warn!("a poll could not be posted"),
        }
    }
    // Everything else, and answering in private, through the deep link.
    invite_from_group(service, sender, username, call).await
}

/// Posts in each announcement group an invitation for each round that opened
/// (once per group), with a button that starts it in a private chat.
async fn announce_in_groups(
    service: &Service,
    sender: &delivery::Sender,
    username: Option<&str>,
    config: &TelegramConfig,
) -> Result<(), ServiceError> {
    let Some(username) = username.filter(|_| !config.announcement_chats.is_empty()) else {
        return Ok(());
    };
    let now = (config.clock)();
    let bot_link = format!("https://t.me/{username}");
    for chat in &config.announcement_chats {
        let place = chat.to_string();
        let kinds = [crate::service::announcements::AnnouncementKind::Opened];
        for post in service
            .announcements_due(PLATFORM, &place, &bot_link, &kinds, now)
            .await?
        {
            let Some(round) = crate::domain::RoundId::parse(&post.round).ok() else {
                continue;
            };
            let Some(link) = poster::deep_link(username, &round)
                .ok()
                .and_then(|l| url::Url::parse(&l).ok())
            else {
                continue;
            };
            let button = service
                .localizer()
                .render(Lang::Nl, &Text::msg(Key::ButtonTakePart));
            if sender
                .invite(ChatId(*chat), post.text.clone(), button, link)
                .await
                == delivery::Outcome::Delivered
            {
                service.mark_announced(PLATFORM, &place, &post, now).await?;
                tracing::info!(round = %post.round, "posted an invitation in an announcement group");
            }
        }
    }
    Ok(())
}

/// How often overdue feedback is looked for.
const REVIEWS_EVERY: Duration = Duration::from_secs(600);

/// Tells each official, in a private chat, of rounds whose review-by date
/// passed without a new outcome entry (once per entry).
async fn remind_officials(
    service: &Service,
    sender: &delivery::Sender,
    config: &TelegramConfig,
) -> Result<(), ServiceError> {
    let today = (config.clock)().date();
    for official in &config.officials {
        let Ok(chat) = official.parse::<i64>() else {
            continue;
        };
        for due in service.reviews_due(PLATFORM, official, today).await? {
            let message = OutboundMessage {
                text: due.text.clone(),
                buttons: Vec::new(),
                free_text: false,
            };
            if sender.deliver(ChatId(chat), None, &[message]).await == delivery::Outcome::Delivered {
                service.mark_reminded(PLATFORM, official, &due, today).await?;
                tracing::info!(round = %due.round, "an official was reminded of overdue feedback");
            }
        }
    }
    Ok(())
}

/// The chores beside the conversations, each on its own timer: forgetting the
/// rate state of quiet chats, inviting announcement groups to rounds that
/// opened, reminding officials of overdue feedback and stopping the polls of
/// closed rounds. The poll loop runs them between fetches, the webhook on a
/// timer of its own; each chore finishes once begun (an invitation posted is
/// also marked as posted).
pub(crate) struct Housekeeping {
    tidied: tokio::time::Instant,
    polls_checked: Option<tokio::time::Instant>,
    reviews_checked: Option<tokio::time::Instant>,
}

impl Housekeeping {
    /// Chores that look for work are due at once; tidying after a while.
    pub(crate) fn new() -> Self {
        Self {
            tidied: tokio::time::Instant::now(),
            polls_checked: None,
            reviews_checked: None,
        }
    }

    /// Runs the chores that are due.
    pub(crate) async fn run_due(&mut self, adapter: &Adapter) {
        let due = |at: Option<tokio::time::Instant>, every: Duration| at.is_none_or(|t| t.elapsed() >= every);
        let (service, sender, config) = (&adapter.service, &adapter.sender, &adapter.config);
        let polls_due = due(self.polls_checked, POLLS_EVERY);
        if self.tidied.elapsed() >= TIDY_EVERY {
            sender.forget_quiet();
            self.tidied = tokio::time::Instant::now();
        }
        if polls_due
            && let Err(e) = announce_in_groups(service, sender, adapter.username.as_deref(), config).await
        {
            tracing::warn!(error = %e, "announcement groups not brought up to date; trying again later");
        }
        if due(self.reviews_checked, REVIEWS_EVERY) {
            self.reviews_checked = Some(tokio::time::Instant::now());
            if let Err(e) = remind_officials(service, sender, config).await {
                tracing::warn!(error = %e, "reminding officials of overdue feedback failed; trying again later");
            }
        }
        if polls_due {
            self.polls_checked = Some(tokio::time::Instant::now());
            if let Err(e) = stop_closed_polls(service, sender).await {
                tracing::warn!(error = %e, "stopping the polls of closed rounds failed; trying again later");
            }
        }
    }
}

/// Stops the polls of rounds that closed, and stores their final totals.
async fn stop_closed_polls(service: &Service, sender: &delivery::Sender) -> Result<(), ServiceError> {
    for (poll_id, place) in service.polls_to_stop(OffsetDateTime::now_utc()).await? {
        let totals = sender
            .stop_poll(ChatId(place.chat), place.message_id)
            .await
            .unwrap_or_default();
        service.record_poll_totals(&poll_id, &totals, true).await?;
    }
    Ok(())
}

/// What the adapter needs while it handles updates.
#[derive(Clone)]
pub(crate) struct Adapter {
    pub(crate) service: Service,
    pub(crate) config: TelegramConfig,
    pub(crate) sender: delivery::Sender,
    pub(crate) username: Option<String>,
    /// Replies wait here, per chat, so no chat holds up another.
    pub(crate) lanes: lanes::Lanes,
    /// How an update handled before is recognised.
    pub(crate) tally: Tally,
}

/// How the adapter recognises an update it handled before, when Telegram hands
/// it out again (after a crash, or when its confirmation was lost).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tally {
    /// Long polling hands updates out in id order: the next id to fetch, one
    /// number that only moves forward.
    Offset,
    /// A webhook with several connections posts the updates of different chats
    /// out of order: each handled update's id is noted instead, as a keyed hash
    /// for a few days (the way Matrix events are).
    Keys,
    /// Both: the first batches polled after a start, since the webhook may have
    /// stored updates whose confirmation never reached Telegram, which polling
    /// then hands out again past the offset.
    Both,
}

/// A resident's message waiting for its batch's commit.
struct Waiting {
    inbound: translate::Inbound,
    /// The offset once it is handled (the update's id + 1).
    next: i64,
}

impl Tally {
    /// The offset checkpoint, where this tally keeps one.
    fn offset(self) -> Option<&'static str> {
        (self != Tally::Keys).then_some(OFFSET)
    }

    /// What the service is told about the update before `next`.
    fn mark(self, next: i64) -> (Option<i64>, Option<String>) {
        match self {
            Tally::Offset => (Some(next), None),
            Tally::Keys => (None, Some((next - 1).to_string())),
            Tally::Both => (Some(next), Some((next - 1).to_string())),
        }
    }
}

impl Adapter {
    /// Handles fetched updates in order. Residents' messages are handled together
    /// in one transaction, with the offset after them; anything else (poll totals,
    /// a command in a group, an official's command) alone, in its place. Replies
    /// go to the chats' lanes once their transaction has committed.
    pub(crate) async fn handle_updates(
        &self,
        updates: &[teloxide::types::Update],
    ) -> Result<(), ServiceError> {
        let mut waiting: Vec<Waiting> = Vec::new();
        let mut pass_to = None;
        let mut notices = Vec::new();
        for update in updates {
            let next = i64::from(update.id.0) + 1;
            if translate::poll_update(update).is_some() || translate::group_call(update).is_some() {
                self.commit(
                    std::mem::take(&mut waiting),
                    pass_to.take(),
                    std::mem::take(&mut notices),
                )
                .await?;
                self.handle_alone(update, next).await?;
                continue;
            }
            let Some(inbound) = translate::inbound(update) else {
                pass_to = Some(next);
                continue;
            };
            if inbound.official.is_some() && self.config.officials.contains(&inbound.user) {
                self.commit(
                    std::mem::take(&mut waiting),
                    pass_to.take(),
                    std::mem::take(&mut notices),
                )
                .await?;
                self.official_command(&inbound, next).await?;
                continue;
            }
            match self.sender.admit(inbound.chat) {
                delivery::Admit::Yes => waiting.push(Waiting { inbound, next }),
                // Far more messages than a person types: set aside, so one account
                // cannot slow everyone else down; said once per flood.
                delivery::Admit::Notice => {
                    pass_to = Some(next);
                    notices.push(inbound);
                }
                delivery::Admit::Quiet => pass_to = Some(next),
            }
        }
        self.commit(waiting, pass_to, notices).await
    }

    /// Handles residents' messages in one transaction that also moves the offset
    /// (to `pass_to` at least), then queues the replies.
    async fn commit(
        &self,
        waiting: Vec<Waiting>,
        pass_to: Option<i64>,
        notices: Vec<translate::Inbound>,
    ) -> Result<(), ServiceError> {
        if waiting.is_empty() {
            if let (Some(next), Some(name)) = (pass_to, self.tally.offset()) {
                self.service.pass_checkpoint(Checkpoint { name, next }).await?;
            }
        } else {
            let now = OffsetDateTime::now_utc();
            let addresses: Vec<String> = waiting.iter().map(|w| w.inbound.chat.to_string()).collect();
            let items: Vec<Incoming<'_>> = waiting
                .iter()
                .zip(&addresses)
                .map(|(w, address)| {
                    if w.inbound.official.is_some() {
                        // Not an official: the resident gets the normal answer.
                        tracing::warn!(
                            "an officials' command from someone not listed as official was refused"
                        );
                    }
                    let (next, event) = self.tally.mark(w.next);
                    Incoming {
                        who: ResidentRef {
                            platform: PLATFORM,
                            user: &w.inbound.user,
                            address: Some(address),
                        },
                        lang_hint: w.inbound.lang_hint,
                        input: w.inbound.input.clone(),
                        now,
                        next,
                        event,
                    }
                })
                .collect();
            let handled = self
                .service
                .handle_batch(self.tally.offset(), &items, pass_to)
                .await?;
            drop(items);
            for (w, replies) in waiting.into_iter().zip(handled) {
                if let Some(replies) = replies {
                    self.queue_replies(w.inbound, replies);
                }
            }
        }
        for inbound in notices {
            let lang = inbound.lang_hint.unwrap_or(Lang::Nl);
            let text = self
                .service
                .localizer()
                .render(lang, &Text::msg(Key::FloodNotice));
            let notice = OutboundMessage {
                text,
                buttons: Vec::new(),
                free_text: false,
            };
            self.queue_replies(
                translate::Inbound {
                    pressed: None,
                    ..inbound
                },
                vec![notice],
            );
        }
        Ok(())
    }

    /// Queues replies in the chat's lane: acknowledge the button, send, show the
    /// choice in the answered question; a resident who blocked the bot is
    /// treated as unsubscribed.
    fn queue_replies(&self, inbound: translate::Inbound, replies: Vec<OutboundMessage>) {
        let this = self.clone();
        let chat = inbound.chat;
        self.lanes.push(
            chat,
            Box::pin(async move {
                let outcome = this
                    .sender
                    .deliver(ChatId(chat), inbound.callback.as_deref(), &replies)
                    .await;
                match (outcome, &inbound.pressed) {
                    (delivery::Outcome::Unreachable, _) => {
                        let address = chat.to_string();
                        let who = ResidentRef {
                            platform: PLATFORM,
                            user: &inbound.user,
                            address: Some(&address),
                        };
                        if let Err(e) = this.service.unreachable(&who).await {
                            tracing::warn!(error = %e, "an unreachable resident's contact could not be erased yet");
                        }
                    }
                    // The answered question shows the choice and loses its buttons.
                    (delivery::Outcome::Delivered, Some(pressed)) => {
                        this.sender.mark_answered(ChatId(chat), pressed).await;
                    }
                    _ => {}
                }
            }),
        );
    }

    /// An official's command in a private chat, through the same service calls
    /// as the CLI.
    async fn official_command(&self, inbound: &translate::Inbound, next: i64) -> Result<(), ServiceError> {
        if self.handled_before(next).await? {
            return Ok(());
        }
        let lang = inbound.lang_hint.unwrap_or(Lang::Nl);
        let command = inbound.official.as_ref().expect("an official's command");
        let text = officials::carry_out(&self.service, command, lang).await?;
        self.note_handled(next).await?;
        let reply = OutboundMessage {
            text,
            buttons: Vec::new(),
            free_text: false,
        };
        self.queue_replies(inbound.clone(), vec![reply]);
        Ok(())
    }

    /// A poll's totals, or a command in a group.
    async fn handle_alone(&self, update: &teloxide::types::Update, next: i64) -> Result<(), ServiceError> {
        let (service, sender, username) = (&self.service, &self.sender, self.username.as_deref());
        if self.handled_before(next).await? {
            // Handled before a retry of its batch.
            return Ok(());
        }
        if let Some(poll) = translate::poll_update(update) {
            service
                .record_poll_totals(&poll.poll_id, &poll.votes, poll.closed)
                .await?;
            self.note_handled(next).await?;
            return Ok(());
        }
        if let Some(call) = translate::group_call(update) {
            // Pass first: posting polls twice after a crash would be worse than
            // an official having to repeat /post.
            self.note_handled(next).await?;
            match &call.post {
                Some(round) if self.config.officials.contains(&call.user) => {
                    post_polls(service, sender, username, &call, round).await?;
                }
                _ => invite_from_group(service, sender, username, &call).await?,
            }
        }
        Ok(())
    }

    /// Whether the update before `next` was handled before.
    async fn handled_before(&self, next: i64) -> Result<bool, ServiceError> {
        let (next, event) = self.tally.mark(next);
        if let Some(next) = next
            && self
                .service
                .checkpoint(OFFSET)
                .await?
                .is_some_and(|done| done >= next)
        {
            return Ok(true);
        }
        match event {
            Some(event) => self.service.event_handled(PLATFORM, &event).await,
            None => Ok(false),
        }
    }

    /// Notes the update before `next` as handled.
    async fn note_handled(&self, next: i64) -> Result<(), ServiceError> {
        let (next, event) = self.tally.mark(next);
        if let Some(next) = next {
            self.service
                .pass_checkpoint(Checkpoint { name: OFFSET, next })
                .await?;
        }
        match event {
            Some(event) => self.service.note_event_handled(PLATFORM, &event).await,
            None => Ok(()),
        }
    }

    /// Lets replies under way reach their chats, for at most a few seconds.
    pub(crate) async fn finish_deliveries(&self) {
        if !self.lanes.drain(Duration::from_secs(8)).await {
            tracing::warn!(chats = self.lanes.busy(), "stopped before every reply was sent");
        }
    }
}

/// Serves residents over Telegram until `shutdown` resolves.
pub async fn serve(
    service: &Service,
    config: &TelegramConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServiceError> {
    let bot = config.bot();
    let sender = delivery::Sender::new(bot.clone(), config.limits);
    // Asked to stop, every part stops: also while starting up against a
    // Telegram that does not answer.
    let (stop, stopping) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop.send(true);
    });
    let stopped = |mut rx: tokio::sync::watch::Receiver<bool>| async move {
        let _ = rx.wait_for(|s| *s).await;
    };
    let username = tokio::select! {
        () = stopped(stopping.clone()) => return Ok(()),
        username = sender.username() => username.map_err(|_| {
            ServiceError::Lifecycle(
                "Telegram does not accept the bot token (401 Unauthorized). Check TELEGRAM_BOT_TOKEN \
                 (or `token` under [telegram]): it is the whole token @BotFather gave, digits, a colon \
                 and 35 characters; with /revoke there it changes"
                    .to_owned(),
            )
        })?,
    };
    // The command menus are registered beside serving: with Telegram slow to
    // answer, their retries would otherwise hold residents up for a minute.
    {
        let (sender, service, stopping) = (sender.clone(), service.clone(), stopping.clone());
        tokio::spawn(async move {
            tokio::select! {
                () = stopped(stopping) => {}
                () = register_commands(&sender, &service) => {}
            }
        });
    }
    // Replies go out from a runtime of their own (see `lanes`).
    let delivery = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("delivery")
        .enable_all()
        .build()
        .map_err(|e| ServiceError::Lifecycle(format!("cannot start the delivery thread: {e}")))?;
    let adapter = Adapter {
        service: service.clone(),
        config: config.clone(),
        sender: sender.clone(),
        username,
        lanes: lanes::Lanes::on(delivery.handle().clone()),
        tally: if config.webhook.is_some() {
            Tally::Keys
        } else {
            Tally::Offset
        },
    };
    // The outbox goes out beside the conversations, through the same limits.
    let courier = delivery::Courier(sender.clone());
    let outbox = service.deliver_outbox(
        &courier,
        config.clock.clone(),
        config.outbox_every,
        stopped(stopping.clone()),
    );
    let served = serve_with(service, config, &bot, adapter, stopped(stopping.clone()));
    let (served, ()) = tokio::join!(served, outbox);
    delivery.shutdown_background();
    served
}

/// The long-polling loop (or the webhook) with the adapter set up.
async fn serve_with(
    service: &Service,
    config: &TelegramConfig,
    bot: &Bot,
    mut adapter: Adapter,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServiceError> {
    if let Some(hook) = &config.webhook {
        return webhook::serve(adapter, hook, shutdown).await;
    }
    tokio::pin!(shutdown);
    // Telegram refuses getUpdates while a webhook is set (from an earlier run).
    let removed = tokio::select! {
        () = &mut shutdown => return Ok(()),
        removed = bot.delete_webhook().send() => removed,
    };
    if let Err(e) = removed {
        tracing::warn!(
            error = failure::describe(&e),
            "could not remove an earlier webhook"
        );
    }
    let mut offset = service.checkpoint(OFFSET).await?.unwrap_or(0);
    // The first batches are also checked against (and noted as) keyed update
    // ids, in case a webhook stored some without Telegram hearing so.
    let mut keyed_batches = KEYED_BATCHES;
    let mut backoff = Duration::from_millis(500);
    tracing::info!("serving Telegram");
    let mut housekeeping = Housekeeping::new();
    loop {
        housekeeping.run_due(&adapter).await;
        let request = bot
            .get_updates()
            .offset(i32::try_from(offset).unwrap_or(i32::MAX))
            .timeout(config.poll_timeout)
            .allowed_updates(vec![
                AllowedUpdate::Message,
                AllowedUpdate::CallbackQuery,
                AllowedUpdate::Poll,
            ]);
        // A full batch's replies are held back while the next one is fetched
        // (see `Lanes::hold`): they go once it arrives, or after a few
        // milliseconds.
        let fetch = request.send();
        tokio::pin!(fetch);
        let held_at_most = tokio::time::sleep(REPLIES_HELD_AT_MOST);
        tokio::pin!(held_at_most);
        let updates = loop {
            tokio::select! {
                () = &mut shutdown => break None,
                result = &mut fetch => break Some(result),
                () = &mut held_at_most, if adapter.lanes.holding() => adapter.lanes.release(),
            }
        };
        adapter.lanes.release();
        let Some(updates) = updates else { break };
        let updates = match updates {
            Ok(u) => {
                backoff = Duration::from_millis(500);
                u
            }
            Err(RequestError::RetryAfter(s)) => {
                tokio::select! {
                    () = &mut shutdown => break,
                    () = tokio::time::sleep(s.duration()) => {}
                }
                continue;
            }
            Err(e) => {
                tracing::warn!(
                    error = failure::describe(&e),
                    wait_ms = backoff.as_millis() as u64,
                    "fetching updates failed; retrying"
                );
                tokio::select! {
                    () = &mut shutdown => break,
                    () = tokio::time::sleep(backoff) => {}
                }
                backoff = (backoff * 2).min(Duration::from_secs(30));
                continue;
            }
        };
        adapter.tally = if keyed_batches > 0 && !updates.is_empty() {
            keyed_batches -= 1;
            Tally::Both
        } else {
            Tally::Offset
        };
        // A full batch says more are waiting: the next fetch returns at once,
        // and this batch's replies wait for it. A smaller one goes out at once.
        if updates.len() >= FULL_BATCH {
            adapter.lanes.hold();
        }
        match adapter.handle_updates(&updates).await {
            Ok(()) => {
                if let Some(last) = updates.last() {
                    offset = i64::from(last.id.0) + 1;
                }
            }
            // Another writer held the database too long: fetch the same updates
            // again; what was handled meanwhile is skipped, the rest retried.
            Err(ServiceError::Store(StoreError::Locked)) => {
                tracing::warn!("database busy; retrying the updates");
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => {
                adapter.finish_deliveries().await;
                return Err(e);
            }
        }
    }
    adapter.finish_deliveries().await;
    tracing::info!("Telegram stopped");
    Ok(())
}
