//! What a resident sends, in platform-neutral form. Adapters build these; the
//! command words (Dutch and English twins) are recognised here once for all.

use super::ButtonAction;
use crate::domain::RoundId;

/// One inbound event from a resident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A typed message that is not a command.
    Text(String),
    /// A button press, carrying the payload the engine put on the button.
    Button(String),
    /// A command such as `/help` or `/taal en`.
    Command(Command),
    /// A sticker, photo, voice note or other media the bot cannot read.
    Unsupported,
}

/// The commands residents can give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `/start`, optionally with a round id (a deep link's payload).
    Start(Option<String>),
    /// `/help` or `/hulp`.
    Help,
    /// `/stop`: no more messages; answers given so far stay.
    Stop,
    /// `/taal` or `/language`, optionally with a code.
    Language(Option<String>),
    /// `/privacy`: what is kept and for how long.
    Privacy,
    /// `/vergeet` or `/forget`: erase everything that is linked to the resident.
    Forget,
    /// `/overslaan` or `/skip`: skip the current question.
    Skip,
    /// `/terug` or `/back`: go to the previous question.
    Back,
    /// `/wijzig` or `/change`: go through the answers again to change them.
    Change,
    /// `/abonneer` or `/subscribe`, optionally with a topic: follow topics.
    Subscribe(Option<String>),
    /// `/opzeggen` or `/unsubscribe`, optionally with a topic: stop following.
    Unsubscribe(Option<String>),
    /// `/resultaten` or `/results`, optionally with a round id: what came out
    /// of closed rounds.
    Results(Option<String>),
    /// A command the bot does not know, as typed (without the slash).
    Unknown(String),
}

impl Input {
    /// Reads a typed message: a leading `/` makes it a command, anything else is text.
    pub fn from_text(text: &str) -> Input {
        match Command::parse(text) {
            Some(cmd) => Input::Command(cmd),
            None => Input::Text(text.to_owned()),
        }
    }
}

impl Input {
    /// Whether handling this needs what the resident follows (the service
    /// loads it only then).
    pub fn needs_subscriptions(&self) -> bool {
        match self {
            Input::Command(Command::Subscribe(_) | Command::Unsubscribe(_)) => true,
            Input::Button(payload) => matches!(
                ButtonAction::decode(payload),
                Some(
                    ButtonAction::Topic(_)
                        | ButtonAction::AreaMenu
                        | ButtonAction::Area(_)
                        | ButtonAction::SubscriptionsDone
                )
            ),
            _ => false,
        }
    }

    /// Whether handling this needs the closed rounds with published results.
    pub fn needs_results(&self) -> bool {
        match self {
            Input::Command(Command::Results(_)) => true,
            Input::Button(payload) => matches!(ButtonAction::decode(payload), Some(ButtonAction::Results(_))),
            _ => false,
        }
    }

    /// The round this input names (a deep link's payload or a round button), so
    /// the service can load it even when it is no longer open.
    pub fn named_round(&self) -> Option<RoundId> {
        match self {
            Input::Command(Command::Start(Some(arg))) => RoundId::parse(arg.trim()).ok(),
            Input::Button(payload) => match ButtonAction::decode(payload) {
                Some(ButtonAction::StartRound(id)) => Some(id),
                _ => None,
            },
            _ => None,
        }
    }
}

impl Command {
    /// Parses `/name [argument]`; `None` when the text is not a command.
    /// A `@botname` suffix (as Telegram adds in groups) is ignored.
    pub fn parse(text: &str) -> Option<Command> {
        let rest = text.trim().strip_prefix('/')?;
        let mut parts = rest.splitn(2, char::is_whitespace);
        let name = parts.next().unwrap_or_default();
        let name = name.split('@').next().unwrap_or_default().to_lowercase();
        let arg = parts
            .next()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned);
        if name.is_empty() {
            return None;
        }
        Some(match name.as_str() {
            "start" | "begin" => Command::Start(arg),
            "help" | "hulp" => Command::Help,
            "stop" | "stoppen" => Command::Stop,
            "taal" | "language" | "lang" => Command::Language(arg),
            "privacy" => Command::Privacy,
            "vergeet" | "forget" => Command::Forget,
            "overslaan" | "skip" => Command::Skip,
            "terug" | "back" => Command::Back,
            "wijzig" | "change" | "wijzigen" => Command::Change,
            "abonneer" | "abonneren" | "subscribe" | "volg" | "follow" => Command::Subscribe(arg),
            "opzeggen" | "unsubscribe" | "afmelden" | "ontvolg" | "unfollow" => Command::Unsubscribe(arg),
            "resultaten" | "results" | "uitkomsten" | "uitkomst" => Command::Results(arg),
            _ => Command::Unknown(name.chars().take(32).collect()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_in_both_languages() {
        let cases = [
            ("/start", Command::Start(None)),
            (
                "/start huishoudelijke-hulp-2027",
                Command::Start(Some("huishoudelijke-hulp-2027".into())),
            ),
            ("/hulp", Command::Help),
            ("/HELP", Command::Help),
            ("/taal en", Command::Language(Some("en".into()))),
            ("/language", Command::Language(None)),
            ("/vergeet", Command::Forget),
            ("/forget", Command::Forget),
            ("/overslaan", Command::Skip),
            ("/terug", Command::Back),
            ("/wijzig", Command::Change),
            ("/abonneer", Command::Subscribe(None)),
            ("/resultaten", Command::Results(None)),
            (
                "/results huishoudelijke-hulp-2027",
                Command::Results(Some("huishoudelijke-hulp-2027".into())),
            ),
            ("/subscribe wmo", Command::Subscribe(Some("wmo".into()))),
            ("/opzeggen", Command::Unsubscribe(None)),
            ("/unsubscribe wmo", Command::Unsubscribe(Some("wmo".into()))),
            ("/stop@meepraten_bot", Command::Stop),
            ("/frobnicate", Command::Unknown("frobnicate".into())),
        ];
        for (text, want) in cases {
            assert_eq!(Command::parse(text), Some(want), "{text}");
        }
    }

    #[test]
    fn plain_text_is_not_a_command() {
        assert_eq!(Input::from_text("hallo"), Input::Text("hallo".into()));
        assert_eq!(Input::from_text("/"), Input::Text("/".into()));
        assert_eq!(Input::from_text("1/2"), Input::Text("1/2".into()));
    }
}
