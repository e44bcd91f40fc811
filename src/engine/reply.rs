//! What the engine wants said: message keys with arguments, round texts, and
//! buttons whose payloads the engine can read back. Rendering to strings happens
//! in the service through the i18n module, so the engine stays free of Fluent.

use time::OffsetDateTime;

use crate::domain::{Lang, OptionId, QuestionId, RoundId};
use crate::i18n::Key;

/// A value filled into a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Literal text.
    Str(String),
    /// A whole number.
    Num(i64),
    /// A moment, shown as a date and time in the resident's language.
    Date(OffsetDateTime),
    /// Another message, rendered first (e.g. "yes" inside "your answer: yes").
    Msg(Key),
}

/// One piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// A translated message.
    Msg {
        key: Key,
        args: Vec<(&'static str, Arg)>,
    },
    /// Text from a round file, already in the resident's language.
    Plain(String),
    /// The published results of a closed round (its summary and what was done
    /// with them), filled in by the service, which holds them.
    Results(RoundId),
}

impl Text {
    /// A message without arguments.
    pub fn msg(key: Key) -> Text {
        Text::Msg {
            key,
            args: Vec::new(),
        }
    }

    /// A message with arguments.
    pub fn with(key: Key, args: Vec<(&'static str, Arg)>) -> Text {
        Text::Msg { key, args }
    }
}

/// What pressing a button means. Encoded into a short payload (Telegram allows
/// 64 bytes); ids are bounded in `domain::ids` so every payload fits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ButtonAction {
    /// Answer `question` with `value` (an option id, a number, `y` or `n`).
    Answer { question: QuestionId, value: String },
    /// Tick or untick an option of a multiple-choice question.
    Toggle { question: QuestionId, option: OptionId },
    /// Finish a multiple-choice question with the ticked options.
    Done { question: QuestionId },
    /// Skip `question`.
    Skip { question: QuestionId },
    /// Keep the earlier answer to `question` and go on.
    Keep { question: QuestionId },
    /// Go to the previous question.
    Back,
    /// Go through the answers again.
    Change,
    /// Start answering a round.
    StartRound(RoundId),
    /// Speak this language from now on.
    Language(Lang),
    /// Yes (`true`) or no to hearing back what was done with the input.
    FollowUp(bool),
    /// Follow or stop following a topic (in the `/abonneer` menu).
    Topic(String),
    /// Show the neighbourhoods to choose from.
    AreaMenu,
    /// Choose a neighbourhood (`None`: the whole municipality).
    Area(Option<String>),
    /// Close the `/abonneer` menu.
    SubscriptionsDone,
    /// Show the results of this closed round.
    Results(RoundId),
}

impl ButtonAction {
    /// The payload put on the button.
    pub fn encode(&self) -> String {
        match self {
            ButtonAction::Answer { question, value } => format!("a:{question}:{value}"),
            ButtonAction::Toggle { question, option } => format!("t:{question}:{option}"),
            ButtonAction::Done { question } => format!("d:{question}"),
            ButtonAction::Skip { question } => format!("s:{question}"),
            ButtonAction::Keep { question } => format!("k:{question}"),
            ButtonAction::Back => "b".to_owned(),
            ButtonAction::Change => "c".to_owned(),
            ButtonAction::StartRound(r) => format!("r:{r}"),
            ButtonAction::Language(l) => format!("l:{l}"),
            ButtonAction::FollowUp(yes) => (if *yes { "f:y" } else { "f:n" }).to_owned(),
            ButtonAction::Topic(topic) => format!("st:{topic}"),
            ButtonAction::AreaMenu => "sm".to_owned(),
            ButtonAction::Area(Some(area)) => format!("sa:{area}"),
            ButtonAction::Area(None) => "sa".to_owned(),
            ButtonAction::SubscriptionsDone => "sd".to_owned(),
            ButtonAction::Results(r) => format!("rs:{r}"),
        }
    }

    /// Reads a payload back; `None` for anything the engine did not make.
    pub fn decode(payload: &str) -> Option<ButtonAction> {
        // Topics and neighbourhoods are free labels and may hold a colon.
        if let Some(topic) = payload.strip_prefix("st:") {
            return Some(ButtonAction::Topic(topic.to_owned()));
        }
        if let Some(area) = payload.strip_prefix("sa:") {
            return Some(ButtonAction::Area(Some(area.to_owned())));
        }
        match payload {
            "sm" => return Some(ButtonAction::AreaMenu),
            "sa" => return Some(ButtonAction::Area(None)),
            "sd" => return Some(ButtonAction::SubscriptionsDone),
            _ => {}
        }
        let mut parts = payload.splitn(3, ':');
        let tag = parts.next()?;
        let first = parts.next();
        let second = parts.next();
        let q = |s: Option<&str>| s.and_then(|s| QuestionId::parse(s).ok());
        Some(match (tag, first, second) {
            ("a", Some(question), Some(value)) if value.len() <= 24 => ButtonAction::Answer {
                question: q(Some(question))?,
                value: value.to_owned(),
            },
            ("t", Some(question), Some(option)) => ButtonAction::Toggle {
                question: q(Some(question))?,
                option: OptionId::parse(option).ok()?,
            },
            ("d", question, None) => ButtonAction::Done {
                question: q(question)?,
            },
            ("s", question, None) => ButtonAction::Skip {
                question: q(question)?,
            },
            ("k", question, None) => ButtonAction::Keep {
                question: q(question)?,
            },
            ("b", None, None) => ButtonAction::Back,
            ("c", None, None) => ButtonAction::Change,
            ("r", Some(round), None) => ButtonAction::StartRound(RoundId::parse(round).ok()?),
            ("rs", Some(round), None) => ButtonAction::Results(RoundId::parse(round).ok()?),
            ("l", Some(lang), None) => ButtonAction::Language(Lang::parse(lang).ok()?),
            ("f", Some("y"), None) => ButtonAction::FollowUp(true),
            ("f", Some("n"), None) => ButtonAction::FollowUp(false),
            _ => return None,
        })
    }
}

/// A button: what it says and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    /// The label.
    pub label: Text,
    /// The action behind it.
    pub action: ButtonAction,
}

/// One message to the resident: lines of text and, optionally, buttons.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reply {
    /// Paragraphs, shown in order.
    pub lines: Vec<Text>,
    /// Buttons under the message.
    pub buttons: Vec<Button>,
    /// True when a typed answer is expected (an open question): adapters then
    /// read a typed number as text rather than as a button number.
    pub free_text: bool,
}

impl Reply {
    /// A reply of one message without buttons.
    pub fn text(text: Text) -> Reply {
        Reply {
            lines: vec![text],
            ..Reply::default()
        }
    }

    /// A reply of one keyed message without buttons.
    pub fn msg(key: Key) -> Reply {
        Reply::text(Text::msg(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_round_trip_and_fit_telegram() {
        let q = QuestionId::parse(&"q".repeat(24)).unwrap();
        let o = OptionId::parse(&"o".repeat(24)).unwrap();
        let actions = [
            ButtonAction::Answer {
                question: q.clone(),
                value: o.to_string(),
            },
            ButtonAction::Toggle {
                question: q.clone(),
                option: o,
            },
            ButtonAction::Done { question: q.clone() },
            ButtonAction::Skip { question: q.clone() },
            ButtonAction::Keep { question: q },
            ButtonAction::Back,
            ButtonAction::Change,
            ButtonAction::StartRound(RoundId::parse(&"r".repeat(40)).unwrap()),
            ButtonAction::Language(Lang::En),
            ButtonAction::FollowUp(true),
            ButtonAction::FollowUp(false),
        ];
        for a in actions {
            let p = a.encode();
            assert!(p.len() <= 64, "{p}");
            assert_eq!(ButtonAction::decode(&p), Some(a));
        }
        for junk in ["", "x", "a:", "a:Q:1", "r:Bad Id", "l:de", "b:extra", "s"] {
            assert_eq!(ButtonAction::decode(junk), None, "{junk}");
        }
    }
}
