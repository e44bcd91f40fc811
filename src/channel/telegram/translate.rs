//! Telegram <-> engine, decided purely: an update becomes an [`Inbound`] (or is
//! ignored), rendered replies become message chunks and inline keyboards. No I/O.

use teloxide::types::{
    InlineKeyboardButton, InlineKeyboardButtonKind, InlineKeyboardMarkup, MaybeInaccessibleMessage, Update,
    UpdateKind,
};

use crate::domain::Lang;
use crate::engine::Input;
use crate::service::{OutboundButton, OutboundMessage};

/// Telegram's limit on one message's text, in characters.
pub const MAX_MESSAGE_CHARS: usize = 4096;

/// One update a resident sent, in engine terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inbound {
    /// The Telegram user id (pseudonymized by the service, never stored).
    pub user: String,
    /// The chat to answer in.
    pub chat: i64,
    /// What it means.
    pub input: Input,
    /// The language the resident's Telegram app uses.
    pub lang_hint: Option<Lang>,
    /// The callback query to acknowledge, for button presses.
    pub callback: Option<String>,
    /// The message whose button was pressed, to show the choice in it.
    pub pressed: Option<Pressed>,
    /// An officials' command, if the text is one (whether the sender is an
    /// official is decided by the adapter's configuration).
    pub official: Option<Official>,
}

pub use crate::channel::officials::Official;

/// A question message whose button was pressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pressed {
    /// The message to edit.
    pub message_id: i32,
    /// Its text, as shown.
    pub text: String,
    /// The label of the pressed button.
    pub label: String,
}

impl Pressed {
    /// The question with the choice under it, for editing the message in place
    /// (without buttons, so an answered question cannot be pressed twice).
    pub fn answered_text(&self) -> String {
        let label = self.label.trim_start_matches(['☐', '☑']).trim();
        format!("{}\n\n✔ {label}", self.text)
    }
}

/// A command to the bot in a group chat. Answers are never collected in a group
/// (everyone there sees them): the bot invites people to a private chat instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupCall {
    /// The group to answer in.
    pub chat: i64,
    /// Who called (only compared with the officials list, never stored).
    pub user: String,
    /// `/post ID`: an official asks to post a round's questions as polls.
    pub post: Option<String>,
    /// The language of the app of whoever called the bot.
    pub lang_hint: Option<Lang>,
}

/// A command addressed to the bot in a group or supergroup (with privacy mode on,
/// these are the only group messages a bot receives).
pub fn group_call(update: &Update) -> Option<GroupCall> {
    match &update.kind {
        UpdateKind::Message(m) if m.chat.is_group() || m.chat.is_supergroup() => {
            let from = m.from.as_ref().filter(|u| !u.is_bot)?;
            let text = m.text().filter(|t| t.trim_start().starts_with('/'))?;
            let mut words = text.split_whitespace();
            let command = words
                .next()
                .unwrap_or_default()
                .split('@')
                .next()
                .unwrap_or_default()
                .to_lowercase();
            Some(GroupCall {
                chat: m.chat.id.0,
                user: from.id.0.to_string(),
                post: (command == "/post")
                    .then(|| words.next().map(str::to_owned))
                    .flatten(),
                lang_hint: from.language_code.as_deref().and_then(|c| Lang::parse(c).ok()),
            })
        }
        _ => None,
    }
}

/// The totals Telegram reports for an anonymous poll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollUpdate {
    /// Telegram's poll id.
    pub poll_id: String,
    /// Votes per option, in poll order.
    pub votes: Vec<i64>,
    /// Whether the poll is closed (its totals are final).
    pub closed: bool,
}

/// A poll's new totals, if the update is one.
pub fn poll_update(update: &Update) -> Option<PollUpdate> {
    match &update.kind {
        UpdateKind::Poll(p) => Some(PollUpdate {
            poll_id: p.id.0.clone(),
            votes: p.options.iter().map(|o| i64::from(o.voter_count)).collect(),
            closed: p.is_closed,
        }),
        _ => None,
    }
}

/// What an update means, if it is a resident's message or button press in a
/// private chat. Groups, channels, edits and other updates are not answered here.
pub fn inbound(update: &Update) -> Option<Inbound> {
    match &update.kind {
        UpdateKind::Message(m) if m.chat.is_private() => {
            let from = m.from.as_ref()?;
            if from.is_bot {
                return None;
            }
            let input = match m.text() {
                Some(text) => Input::from_text(text),
                None => Input::Unsupported,
            };
            Some(Inbound {
                user: from.id.0.to_string(),
                chat: m.chat.id.0,
                input,
                lang_hint: from.language_code.as_deref().and_then(|c| Lang::parse(c).ok()),
                callback: None,
                pressed: None,
                official: m.text().and_then(Official::parse),
            })
        }
        UpdateKind::CallbackQuery(q) => {
            let message = q.message.as_ref()?;
            if !message.chat().is_private() {
                return None;
            }
            let data = q.data.clone().unwrap_or_default();
            let pressed = match message {
                MaybeInaccessibleMessage::Regular(m) => m.text().and_then(|text| {
                    let label = m
                        .reply_markup()?
                        .inline_keyboard
                        .iter()
                        .flatten()
                        .find(|b| matches!(&b.kind, InlineKeyboardButtonKind::CallbackData(d) if *d == data))?
                        .text
                        .clone();
                    Some(Pressed {
                        message_id: m.id.0,
                        text: text.to_owned(),
                        label,
                    })
                }),
                MaybeInaccessibleMessage::Inaccessible(_) => None,
            };
            Some(Inbound {
                user: q.from.id.0.to_string(),
                chat: message.chat().id.0,
                input: Input::Button(data),
                lang_hint: q.from.language_code.as_deref().and_then(|c| Lang::parse(c).ok()),
                callback: Some(q.id.0.clone()),
                pressed,
                official: None,
            })
        }
        _ => None,
    }
}

/// One message a turn where it fits: a message without buttons is sent as the
/// opening of the next one (a blank line between). Telegram allows a chat about
/// one message a second, so a welcome, an intro and the first question as three
/// messages would hold the resident's next question back; one message also buzzes
/// the phone once, and costs one call.
pub fn one_per_turn(replies: &[OutboundMessage]) -> Vec<OutboundMessage> {
    let mut out: Vec<OutboundMessage> = Vec::with_capacity(replies.len());
    for reply in replies {
        match out.last_mut() {
            Some(opening)
                if opening.buttons.is_empty()
                    && !opening.free_text
                    && opening.text.chars().count() + 2 + reply.text.chars().count() <= MAX_MESSAGE_CHARS =>
            {
                opening.text = format!("{}\n\n{}", opening.text, reply.text);
                opening.buttons.clone_from(&reply.buttons);
                opening.free_text = reply.free_text;
            }
            _ => out.push(reply.clone()),
        }
    }
    out
}

/// Splits text into chunks Telegram accepts, at paragraph or line breaks where
/// possible, never inside a character.
pub fn chunks(text: &str, limit: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while rest.chars().count() > limit {
        let byte_limit = rest.char_indices().nth(limit).map_or(rest.len(), |(i, _)| i);
        let head = &rest[..byte_limit];
        let cut = head
            .rfind("\n\n")
            .or_else(|| head.rfind('\n'))
            .or_else(|| head.rfind(' '))
            .filter(|i| *i > 0)
            .unwrap_or(byte_limit);
        out.push(rest[..cut].trim_end().to_owned());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() || out.is_empty() {
        out.push(rest.to_owned());
    }
    out
}

/// Lays buttons out for a phone: short labels (scale points) side by side, up to
/// six a row; longer labels one a row.
pub fn keyboard(buttons: &[OutboundButton]) -> Option<InlineKeyboardMarkup> {
    if buttons.is_empty() {
        return None;
    }
    let mut rows: Vec<Vec<InlineKeyboardButton>> = Vec::new();
    let mut short_row: Vec<InlineKeyboardButton> = Vec::new();
    for b in buttons {
        let button = InlineKeyboardButton::callback(b.label.clone(), b.payload.clone());
        if b.label.chars().count() <= 3 {
            short_row.push(button);
            if short_row.len() == 6 {
                rows.push(std::mem::take(&mut short_row));
            }
        } else {
            if !short_row.is_empty() {
                rows.push(std::mem::take(&mut short_row));
            }
            rows.push(vec![button]);
        }
    }
    if !short_row.is_empty() {
        rows.push(short_row);
    }
    Some(InlineKeyboardMarkup::new(rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses an update from its JSON text, as it arrives over HTTP (teloxide's
    /// `Update` does not deserialize from an in-memory `serde_json::Value`).
    fn update(json: serde_json::Value) -> Update {
        serde_json::from_str(&json.to_string()).expect("a Bot API update")
    }

    fn private_message(text: serde_json::Value) -> serde_json::Value {
        let mut message = serde_json::json!({
            "message_id": 7, "date": 1_790_000_000,
            "chat": {"id": 5512345678_i64, "type": "private", "first_name": "Fatima"},
            "from": {"id": 5512345678_i64, "is_bot": false, "first_name": "Fatima", "language_code": "en"}
        });
        if let serde_json::Value::Object(extra) = text {
            message.as_object_mut().unwrap().extend(extra);
        }
        serde_json::json!({"update_id": 1, "message": message})
    }

    #[test]
    fn updates_become_inputs() {
        let text = inbound(&update(private_message(
            serde_json::json!({"text": "/start huishoudelijke-hulp-2027"}),
        )))
        .unwrap();
        assert_eq!(text.input, Input::from_text("/start huishoudelijke-hulp-2027"));
        assert_eq!(
            (text.user.as_str(), text.chat, text.lang_hint),
            ("5512345678", 5512345678, Some(Lang::En))
        );
        let sticker = inbound(&update(private_message(serde_json::json!({"sticker": {
            "file_id": "x", "file_unique_id": "y", "type": "regular", "width": 512, "height": 512,
            "is_animated": false, "is_video": false
        }}))))
        .unwrap();
        assert_eq!(sticker.input, Input::Unsupported);
        let press = inbound(&update(serde_json::json!({"update_id": 2, "callback_query": {
            "id": "cb1", "chat_instance": "ci", "data": "a:tevreden:4",
            "from": {"id": 42, "is_bot": false, "first_name": "Henk", "language_code": "nl"},
            "message": {"message_id": 9, "date": 1_790_000_000, "chat": {"id": 42, "type": "private", "first_name": "Henk"}, "text": "Vraag"}
        }})))
        .unwrap();
        assert_eq!(press.input, Input::Button("a:tevreden:4".into()));
        assert_eq!(press.callback.as_deref(), Some("cb1"));
        let group = update(serde_json::json!({"update_id": 3, "message": {
            "message_id": 1, "date": 1_790_000_000, "chat": {"id": -100, "type": "group", "title": "Buurt"},
            "from": {"id": 42, "is_bot": false, "first_name": "Henk"}, "text": "hoi"
        }}));
        assert_eq!(inbound(&group), None, "groups are not answered as private chats");
        assert_eq!(group_call(&group), None, "ordinary group chatter is left alone");
        let call = update(serde_json::json!({"update_id": 5, "message": {
            "message_id": 2, "date": 1_790_000_000, "chat": {"id": -100, "type": "supergroup", "title": "Buurt"},
            "from": {"id": 42, "is_bot": false, "first_name": "Henk", "language_code": "en"}, "text": "/start@meepraten_bot"
        }}));
        assert_eq!(
            group_call(&call),
            Some(GroupCall {
                chat: -100,
                user: "42".into(),
                post: None,
                lang_hint: Some(Lang::En)
            })
        );
        assert_eq!(inbound(&call), None);
        let post = update(serde_json::json!({"update_id": 6, "message": {
            "message_id": 3, "date": 1_790_000_000, "chat": {"id": -100, "type": "group", "title": "Buurt"},
            "from": {"id": 42, "is_bot": false, "first_name": "Henk"}, "text": "/post@meepraten_bot plein-oost-2027"
        }}));
        assert_eq!(
            group_call(&post).and_then(|c| c.post),
            Some("plein-oost-2027".into())
        );
    }

    #[test]
    fn a_press_knows_its_question_and_label() {
        let press = inbound(&update(serde_json::json!({"update_id": 4, "callback_query": {
            "id": "cb2", "chat_instance": "ci", "data": "a:rol:zelf",
            "from": {"id": 42, "is_bot": false, "first_name": "Henk"},
            "message": {"message_id": 12, "date": 1_790_000_000, "chat": {"id": 42, "type": "private", "first_name": "Henk"},
                "text": "Vraag 1 van 6\n\nVoor wie vult u dit in?",
                "reply_markup": {"inline_keyboard": [[{"text": "Voor mezelf", "callback_data": "a:rol:zelf"}], [{"text": "Overslaan", "callback_data": "s:rol"}]]}}
        }})))
        .unwrap();
        let pressed = press.pressed.expect("the pressed message is known");
        assert_eq!((pressed.message_id, pressed.label.as_str()), (12, "Voor mezelf"));
        assert_eq!(
            pressed.answered_text(),
            "Vraag 1 van 6\n\nVoor wie vult u dit in?\n\n✔ Voor mezelf"
        );
    }

    #[test]
    fn officials_commands_are_recognised() {
        let cases = [
            ("/rounds", Some(Official::Rounds)),
            (
                "/open huishoudelijke-hulp-2027",
                Some(Official::Open("huishoudelijke-hulp-2027".into())),
            ),
            ("/sluit r1", Some(Official::Close("r1".into()))),
            ("/status@meepraten_bot r1", Some(Official::Status("r1".into()))),
            ("/open", None),
            ("/start r1", None),
            ("open r1", None),
        ];
        for (text, want) in cases {
            assert_eq!(Official::parse(text), want, "{text}");
        }
    }

    #[test]
    fn long_texts_split_at_breaks_within_the_limit() {
        let para = "woord ".repeat(300);
        let text = format!("{para}\n\n{para}\n\n{}", "é".repeat(5000));
        let parts = chunks(&text, MAX_MESSAGE_CHARS);
        assert!(parts.len() >= 3);
        assert!(parts.iter().all(|p| p.chars().count() <= MAX_MESSAGE_CHARS));
        assert_eq!(
            parts.concat().replace(['\n', ' '], ""),
            text.replace(['\n', ' '], "")
        );
        assert_eq!(chunks("kort", MAX_MESSAGE_CHARS), vec!["kort"]);
    }

    #[test]
    fn a_turn_is_one_message_where_it_fits() {
        let text = |t: &str| OutboundMessage {
            text: t.into(),
            buttons: Vec::new(),
            free_text: false,
        };
        let question = OutboundMessage {
            buttons: vec![OutboundButton {
                label: "Ja".into(),
                payload: "a:q:yes".into(),
            }],
            ..text("Vraag 1")
        };
        let open = OutboundMessage {
            free_text: true,
            ..text("Vraag 2")
        };
        // Welcome and intro open the question, which keeps its buttons.
        let turn = one_per_turn(&[text("Welkom"), text("Uitleg"), question.clone()]);
        assert_eq!(turn.len(), 1);
        assert_eq!(turn[0].text, "Welkom\n\nUitleg\n\nVraag 1");
        assert_eq!(turn[0].buttons, question.buttons);
        // An open question stays one that asks for typed text.
        let turn = one_per_turn(&[text("Dank"), open.clone()]);
        assert_eq!(
            turn,
            vec![OutboundMessage {
                text: "Dank\n\nVraag 2".into(),
                ..open
            }]
        );
        // Closing texts without a question after them are one message too.
        let turn = one_per_turn(&[question.clone(), text("Dank"), text("Tot ziens")]);
        assert_eq!(turn, vec![question.clone(), text("Dank\n\nTot ziens")]);
        // Nothing is lost when the whole would be too long for one message.
        let long = "x".repeat(MAX_MESSAGE_CHARS - 3);
        let turn = one_per_turn(&[text(&long), question.clone()]);
        assert_eq!(turn, vec![text(&long), question]);
        assert!(one_per_turn(&[]).is_empty());
    }

    #[test]
    fn scale_points_share_a_row_and_labels_get_their_own() {
        let b = |l: &str| OutboundButton {
            label: l.into(),
            payload: format!("p:{l}"),
        };
        let k = keyboard(&[
            b("1"),
            b("2"),
            b("3"),
            b("4"),
            b("5"),
            b("Overslaan"),
            b("◀ Terug"),
        ])
        .unwrap();
        let widths: Vec<usize> = k.inline_keyboard.iter().map(Vec::len).collect();
        assert_eq!(widths, vec![5, 1, 1]);
        assert!(keyboard(&[]).is_none());
    }
}
