//! Sending replies the way Telegram wants: at most about 30 messages a second
//! overall and one a second per chat (short bursts allowed), waiting out 429
//! `retry_after`, backing off on network errors, and reporting a resident who
//! blocked the bot (403) so the service can erase their contact.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota};
use teloxide::prelude::*;
use teloxide::{ApiError, RequestError};

use super::translate::{self, MAX_MESSAGE_CHARS};
use crate::service::OutboundMessage;

/// Delivery limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Messages per second over all chats.
    pub per_second: u32,
    /// Messages per second in one chat.
    pub per_chat_per_second: u32,
    /// Messages one chat may get at once before the per-chat rate applies.
    pub per_chat_burst: u32,
    /// Messages per minute in one group.
    pub per_group_per_minute: u32,
    /// Attempts per message before giving up on it.
    pub attempts: u32,
    /// Messages per minute one resident may send before the rest is set aside
    /// (with one notice), so a flood from one account slows nobody else.
    pub inbound_per_minute: u32,
    /// Messages one resident may send at once before that rate applies.
    pub inbound_burst: u32,
}

impl Limits {
    /// Telegram's published limits.
    pub fn telegram() -> Limits {
        Limits {
            per_second: 30,
            per_chat_per_second: 1,
            per_chat_burst: 3,
            per_group_per_minute: 20,
            attempts: 6,
            inbound_per_minute: 30,
            inbound_burst: 10,
        }
    }
}

/// After this long a flood still going on is told again that it is set aside.
pub const NOTICE_AGAIN: Duration = Duration::from_secs(600);

/// Telegram does not know the bot's token (401 Unauthorized).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenRefused;

/// What happened to a delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was sent.
    Delivered,
    /// The resident blocked the bot or left Telegram.
    Unreachable,
    /// Sending failed after every attempt; logged.
    Failed,
}

/// Sends messages within the limits.
#[derive(Clone)]
pub struct Sender {
    bot: Bot,
    limits: Limits,
    overall: Arc<DefaultDirectRateLimiter>,
    per_chat: Arc<DefaultKeyedRateLimiter<i64>>,
    per_group: Arc<DefaultKeyedRateLimiter<i64>>,
    inbound: Arc<DefaultKeyedRateLimiter<i64>>,
    /// Chats told in this flood that their messages are set aside, and when
    /// (memory only).
    warned: Arc<std::sync::Mutex<std::collections::HashMap<i64, std::time::Instant>>>,
}

/// The outbox's way to Telegram: one message to a private chat, within the
/// same limits as replies.
pub struct Courier(pub Sender);

impl crate::service::outbox::Courier for Courier {
    fn platform(&self) -> &'static str {
        super::PLATFORM
    }

    async fn send(
        &self,
        address: &str,
        message: &OutboundMessage,
        _key: &str,
    ) -> crate::service::outbox::Delivery {
        use crate::service::outbox::Delivery;
        let Ok(chat) = address.parse::<i64>() else {
            return Delivery::Failed;
        };
        match self
            .0
            .deliver(ChatId(chat), None, std::slice::from_ref(message))
            .await
        {
            Outcome::Delivered => Delivery::Sent,
            Outcome::Unreachable => Delivery::Unreachable,
            Outcome::Failed => Delivery::Later(Duration::from_secs(60)),
        }
    }
}

/// `sendMessage`, reading nothing of the message Telegram sends back: a reply
/// needs no more than to know it arrived, and parsing the whole message (each of
/// its dozens of optional kinds tried in turn) cost more than sending it.
pub fn send_text(
    bot: &Bot,
    chat: ChatId,
    text: String,
    keyboard: Option<teloxide::types::InlineKeyboardMarkup>,
) -> impl std::future::Future<Output = Result<serde::de::IgnoredAny, RequestError>> + use<> {
    use teloxide::payloads::SendMessage;
    use teloxide::requests::{JsonRequest, Payload, Request};

    /// [`SendMessage`] as it is sent, with the answer left unread.
    #[derive(serde::Serialize)]
    #[serde(transparent)]
    struct Unread(SendMessage);

    impl Payload for Unread {
        type Output = serde::de::IgnoredAny;
        const NAME: &'static str = <SendMessage as Payload>::NAME;
    }

    let mut payload = SendMessage::new(chat, text);
    payload.reply_markup = keyboard.map(Into::into);
    JsonRequest::new(bot.clone(), Unread(payload)).send()
}

/// Whether a resident's message is taken, given how fast they send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admit {
    /// Within the limit: handle it.
    Yes,
    /// Over the limit for the first time in this flood: set aside, say so once.
    Notice,
    /// Over the limit again: set aside quietly.
    Quiet,
}

fn nonzero(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n.max(1)).expect("at least one")
}

impl Sender {
    /// A sender for `bot`.
    pub fn new(bot: Bot, limits: Limits) -> Sender {
        Sender {
            bot,
            limits,
            // A tenth of a second's worth at once, not a whole second's: a
            // full burst on top of the steady rate would exceed the limit
            // within one second.
            overall: Arc::new(governor::RateLimiter::direct(
                Quota::per_second(nonzero(limits.per_second)).allow_burst(nonzero(limits.per_second / 10)),
            )),
            per_chat: Arc::new(governor::RateLimiter::keyed(
                Quota::per_second(nonzero(limits.per_chat_per_second))
                    .allow_burst(nonzero(limits.per_chat_burst)),
            )),
            per_group: Arc::new(governor::RateLimiter::keyed(Quota::per_minute(nonzero(
                limits.per_group_per_minute,
            )))),
            inbound: Arc::new(governor::RateLimiter::keyed(
                Quota::per_minute(nonzero(limits.inbound_per_minute))
                    .allow_burst(nonzero(limits.inbound_burst)),
            )),
            warned: Default::default(),
        }
    }

    /// Whether to take a resident's message now.
    pub fn admit(&self, chat: i64) -> Admit {
        let mut warned = self
            .warned
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if self.inbound.check_key(&chat).is_ok() {
            warned.remove(&chat);
            Admit::Yes
        } else if warned.insert(chat, std::time::Instant::now()).is_none() {
            Admit::Notice
        } else {
            Admit::Quiet
        }
    }

    /// Forgets the rate state of chats that have gone quiet, so memory follows
    /// the residents active now rather than everyone the bot ever met. A flood
    /// that goes on for longer than [`NOTICE_AGAIN`] gets its notice again.
    pub fn forget_quiet(&self) {
        self.per_chat.retain_recent();
        self.per_chat.shrink_to_fit();
        self.per_group.retain_recent();
        self.per_group.shrink_to_fit();
        self.inbound.retain_recent();
        self.inbound.shrink_to_fit();
        let mut warned = self
            .warned
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        warned.retain(|_, at| at.elapsed() < NOTICE_AGAIN);
        warned.shrink_to_fit();
    }

    /// Chats whose rate state is kept (for tests and monitoring).
    pub fn chats_tracked(&self) -> usize {
        self.per_chat.len() + self.inbound.len()
    }

    /// Acknowledges a button press (so the button stops spinning) and sends the replies.
    pub async fn deliver(
        &self,
        chat: ChatId,
        callback: Option<&str>,
        replies: &[OutboundMessage],
    ) -> Outcome {
        if let Some(id) = callback {
            let ack = self
                .retrying(|| {
                    self.bot
                        .answer_callback_query(teloxide::types::CallbackQueryId(id.to_owned()))
                        .send()
                })
                .await;
            if let Err(outcome) = ack {
                return outcome;
            }
        }
        for reply in translate::one_per_turn(replies) {
            let parts = translate::chunks(&reply.text, MAX_MESSAGE_CHARS);
            let last = parts.len() - 1;
            for (i, part) in parts.into_iter().enumerate() {
                let keyboard = if i == last {
                    translate::keyboard(&reply.buttons)
                } else {
                    None
                };
                self.per_chat.until_key_ready(&chat.0).await;
                self.overall.until_ready().await;
                let sent = self
                    .retrying(|| send_text(&self.bot, chat, part.clone(), keyboard.clone()))
                    .await;
                if let Err(outcome) = sent {
                    return outcome;
                }
            }
        }
        Outcome::Delivered
    }

    /// The bot's own username, for deep links: `Ok(None)` when Telegram cannot
    /// say now, an error when it does not know the bot's token (a mistyped
    /// token should stop the bot at once, not after six seconds of retries).
    pub async fn username(&self) -> Result<Option<String>, TokenRefused> {
        let me = match self.bot.get_me().send().await {
            Ok(me) => Some(me),
            Err(RequestError::Api(ApiError::InvalidToken)) => return Err(TokenRefused),
            Err(_) => self.retrying(|| self.bot.get_me().send()).await.ok(),
        };
        Ok(me.map(|me| me.username().to_owned()))
    }

    /// Posts an invitation to a private chat in a group, within the group limit.
    pub async fn invite(&self, group: ChatId, text: String, button: String, link: url::Url) -> Outcome {
        self.per_group.until_key_ready(&group.0).await;
        self.overall.until_ready().await;
        let keyboard =
            teloxide::types::InlineKeyboardMarkup::new([[teloxide::types::InlineKeyboardButton::url(
                button, link,
            )]]);
        match self
            .retrying(|| {
                self.bot
                    .send_message(group, text.clone())
                    .reply_markup(keyboard.clone())
                    .send()
            })
            .await
        {
            Ok(_) => Outcome::Delivered,
            Err(outcome) => outcome,
        }
    }

    /// Posts a native anonymous poll in a group; returns the poll id and message id.
    pub async fn poll(
        &self,
        group: ChatId,
        question: String,
        options: Vec<String>,
        multiple: bool,
    ) -> Result<(String, i32), Outcome> {
        self.per_group.until_key_ready(&group.0).await;
        self.overall.until_ready().await;
        let options: Vec<teloxide::types::InputPollOption> = options
            .into_iter()
            .map(teloxide::types::InputPollOption::new)
            .collect();
        let message = self
            .retrying(|| {
                self.bot
                    .send_poll(group, question.clone(), options.clone())
                    .is_anonymous(true)
                    .allows_multiple_answers(multiple)
                    .send()
            })
            .await?;
        let poll = message.poll().ok_or(Outcome::Failed)?;
        Ok((poll.id.0.clone(), message.id.0))
    }

    /// Stops a poll and returns its final totals, if Telegram still has it.
    pub async fn stop_poll(&self, group: ChatId, message_id: i32) -> Option<Vec<i64>> {
        self.per_group.until_key_ready(&group.0).await;
        let poll = self
            .retrying(|| {
                self.bot
                    .stop_poll(group, teloxide::types::MessageId(message_id))
                    .send()
            })
            .await
            .ok()?;
        Some(poll.options.iter().map(|o| i64::from(o.voter_count)).collect())
    }

    /// Registers the command menu, for one app language or (`None`) as default.
    /// A failure is logged: the bot works without a menu.
    pub async fn set_commands(&self, commands: Vec<teloxide::types::BotCommand>, language: Option<&str>) {
        let done = self
            .retrying(|| {
                let request = self.bot.set_my_commands(commands.clone());
                match language {
                    Some(code) => request.language_code(code).send(),
                    None => request.send(),
                }
            })
            .await;
        if done.is_err() {
            tracing::warn!(language, "could not register the command menu");
        }
    }

    /// Shows the choice in a question message whose button was pressed, and takes
    /// its buttons away. A message that cannot be edited any more is left as is.
    pub async fn mark_answered(&self, chat: ChatId, pressed: &super::translate::Pressed) {
        let text = pressed.answered_text();
        let edited = self
            .retrying(|| {
                self.bot
                    .edit_message_text(chat, teloxide::types::MessageId(pressed.message_id), text.clone())
                    .send()
            })
            .await;
        if edited.is_err() {
            tracing::debug!("question message could not be edited");
        }
    }

    /// Runs a request until it succeeds, waiting out `retry_after` and backing off
    /// on network and server errors; a blocked bot ends it at once.
    async fn retrying<T, F, Fut>(&self, request: F) -> Result<T, Outcome>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<T, RequestError>>,
    {
        let mut backoff = Duration::from_millis(200);
        for attempt in 1..=self.limits.attempts {
            match request().await {
                Ok(v) => return Ok(v),
                Err(RequestError::RetryAfter(s)) => {
                    tracing::info!(seconds = s.seconds(), "Telegram asks to slow down");
                    tokio::time::sleep(s.duration()).await;
                }
                Err(RequestError::Api(
                    ApiError::BotBlocked | ApiError::UserDeactivated | ApiError::ChatNotFound,
                )) => {
                    return Err(Outcome::Unreachable);
                }
                // Asking again will not make Telegram know the token.
                Err(RequestError::Api(ApiError::InvalidToken)) => {
                    tracing::error!("Telegram does not accept the bot token");
                    return Err(Outcome::Failed);
                }
                Err(
                    e @ (RequestError::Network(_)
                    | RequestError::Io(_)
                    | RequestError::Api(_)
                    | RequestError::InvalidJson { .. }),
                ) => {
                    tracing::warn!(
                        error = super::failure::describe(&e),
                        attempt,
                        "sending failed; retrying"
                    );
                    tokio::time::sleep(backoff).await;
                    backoff = (backoff * 2).min(Duration::from_secs(10));
                }
                Err(e) => {
                    tracing::warn!(error = super::failure::describe(&e), "sending failed");
                    return Err(Outcome::Failed);
                }
            }
        }
        Err(Outcome::Failed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_rate_state_of_quiet_chats_is_forgotten() {
        let limits = Limits {
            inbound_per_minute: 60_000,
            ..Limits::telegram()
        };
        let sender = Sender::new(Bot::new("1:TEST"), limits);
        for chat in 0..1000 {
            assert_eq!(sender.admit(chat), Admit::Yes);
        }
        assert_eq!(sender.chats_tracked(), 1000);
        // A thousand a minute each: quiet again after a few milliseconds.
        tokio::time::sleep(Duration::from_millis(50)).await;
        sender.forget_quiet();
        assert_eq!(sender.chats_tracked(), 0, "memory follows the active chats");
    }
}
