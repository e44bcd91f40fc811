//! Officials' commands in a chat (`/rondes`, `/open ID`, `/sluit ID`, `/status
//! ID`; `!` on Matrix), carried out through the same service calls as the
//! command line, for every platform alike. Whether the sender may give them is
//! the adapter's configuration.

use time::OffsetDateTime;

use crate::domain::{Lang, RoundState};
use crate::engine::{Arg, Text};
use crate::i18n::Key;
use crate::service::rounds::Participation;
use crate::service::{Service, ServiceError};
use crate::summary::HIDDEN;

/// A command only officials may give, in a private chat with the bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Official {
    /// `/rounds`: every round with its state.
    Rounds,
    /// `/open ID`.
    Open(String),
    /// `/close ID`.
    Close(String),
    /// `/status ID`: state and response counts.
    Status(String),
}

impl Official {
    /// Reads an officials' command from typed text.
    pub fn parse(text: &str) -> Option<Official> {
        let mut words = text.split_whitespace();
        let name = words.next()?.strip_prefix('/')?.split('@').next()?.to_lowercase();
        let arg = words.next().map(str::to_owned);
        match (name.as_str(), arg) {
            ("rounds" | "rondes", None) => Some(Official::Rounds),
            ("open", Some(id)) => Some(Official::Open(id)),
            ("close" | "sluit", Some(id)) => Some(Official::Close(id)),
            ("status", Some(id)) => Some(Official::Status(id)),
            _ => None,
        }
    }
}

/// Carries out an officials' command through the same service calls as the CLI.
pub async fn carry_out(service: &Service, command: &Official, lang: Lang) -> Result<String, ServiceError> {
    let now = OffsetDateTime::now_utc();
    let say =
        |key: Key, args: Vec<(&'static str, Arg)>| service.localizer().render(lang, &Text::with(key, args));
    let result = match command {
        Official::Rounds => service.list_rounds().await.map(|rounds| {
            if rounds.is_empty() {
                return say(Key::OfficialNoRounds, vec![]);
            }
            let mut text = say(Key::OfficialRounds, vec![]);
            for r in rounds {
                text.push_str(&format!(
                    "\n• {} ({}): {}",
                    r.round.id,
                    say(state_key(r.state), vec![]),
                    r.round.title.get(lang)
                ));
            }
            text
        }),
        Official::Open(id) => service.open_round(id, now).await.map(|r| {
            say(
                Key::OfficialOpened,
                vec![
                    ("id", Arg::Str(r.round.id.to_string())),
                    ("date", Arg::Date(r.round.closes)),
                ],
            )
        }),
        Official::Close(id) => service.close_round(id, now).await.map(|r| {
            say(
                Key::OfficialClosed,
                vec![("id", Arg::Str(r.round.id.to_string()))],
            )
        }),
        Official::Status(id) => service.round_progress(id).await.map(|(stored, p)| {
            let (key, numbers) = match p {
                Participation::AtLeast { count, step } => (
                    Key::OfficialStatusOpen,
                    vec![("count", Arg::Num(count)), ("step", Arg::Num(step))],
                ),
                Participation::Counted {
                    started, completed, ..
                } => {
                    let n = |v: Option<i64>| Arg::Str(v.map_or_else(|| HIDDEN.to_owned(), |v| v.to_string()));
                    (
                        Key::OfficialStatus,
                        vec![("started", n(started)), ("completed", n(completed))],
                    )
                }
            };
            let mut args = vec![
                ("id", Arg::Str(stored.round.id.to_string())),
                ("state", Arg::Msg(state_key(stored.state))),
            ];
            args.extend(numbers);
            say(key, args)
        }),
    };
    match result {
        Ok(text) => Ok(text),
        Err(ServiceError::UnknownRound(id)) => Ok(say(Key::OfficialUnknownRound, vec![("id", Arg::Str(id))])),
        Err(e @ ServiceError::Lifecycle(_)) => {
            let id = match command {
                Official::Open(id) | Official::Close(id) | Official::Status(id) => id,
                Official::Rounds => {
                    return Ok(say(
                        Key::OfficialRefused,
                        vec![("reason", Arg::Str(e.to_string()))],
                    ));
                }
            };
            // Said in the official's language: the round's state now.
            match service.round_status(id).await {
                Ok(status) => Ok(say(
                    Key::OfficialNotNow,
                    vec![
                        ("id", Arg::Str(id.clone())),
                        ("state", Arg::Msg(state_key(status.stored.state))),
                    ],
                )),
                Err(_) => Ok(say(
                    Key::OfficialRefused,
                    vec![("reason", Arg::Str(e.to_string()))],
                )),
            }
        }
        Err(e) => Err(e),
    }
}

/// A round's state as the official's language says it.
fn state_key(state: RoundState) -> Key {
    match state {
        RoundState::Draft => Key::SummaryStateDraft,
        RoundState::Open => Key::SummaryStateOpen,
        RoundState::Closed => Key::SummaryStateClosed,
        RoundState::Archived => Key::SummaryStateArchived,
    }
}
