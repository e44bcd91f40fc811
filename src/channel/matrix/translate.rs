//! Matrix events to engine inputs, and engine replies to Matrix text. Pure: the
//! events come in as JSON, so this can be tested without a homeserver.
//!
//! Commands take `!` on Matrix (Element keeps `/` for itself): `!start` is
//! `/start`. Numbered options and labels are read the way the terminal reads
//! them; media, reactions and redactions get the same friendly reply as on
//! Telegram.

use serde_json::Value;

use crate::channel::terminal;
use crate::engine::Input;
use crate::service::{OutboundButton, OutboundMessage};

/// What a room event means for the bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A resident said something the engine should hear.
    Said {
        /// The sender's Matrix user id (pseudonymized by the service).
        sender: String,
        /// The event id (only a keyed hash is stored).
        event_id: String,
        /// The text, or what was pressed; read with the room's last options.
        what: Said,
    },
    /// Nothing for the engine: state changes, the bot's own messages, receipts.
    Ignored,
}

/// The content of a resident's event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// Typed text (or a command with `!`).
    Text(String),
    /// An earlier message edited (`m.replace`): its new text, and the event
    /// it replaces. It counts only while that message's question is current.
    Edit {
        /// The new text.
        text: String,
        /// The event id of the message edited.
        of: String,
    },
    /// A poll answered: the id of the answer, which is the engine's button payload.
    Voted(String),
    /// Something the bot cannot read as an answer (image, file, voice,
    /// reaction, redaction).
    Unsupported,
}

/// Reads one timeline event (decrypted where it was encrypted).
pub fn event(json: &Value, own_user: &str) -> Event {
    let sender = json["sender"].as_str().unwrap_or_default();
    let event_id = json["event_id"].as_str().unwrap_or_default();
    if sender.is_empty() || sender == own_user || event_id.is_empty() || json.get("state_key").is_some() {
        return Event::Ignored;
    }
    let said = |what| Event::Said {
        sender: sender.to_owned(),
        event_id: event_id.to_owned(),
        what,
    };
    let content = &json["content"];
    match json["type"].as_str().unwrap_or_default() {
        "m.room.message" => {
            // An edit carries the new text in `m.new_content`.
            let body = content["m.new_content"]["body"]
                .as_str()
                .or_else(|| content["body"].as_str())
                .unwrap_or_default();
            let edited = content["m.relates_to"]["rel_type"] == "m.replace";
            match (content["msgtype"].as_str().unwrap_or_default(), edited) {
                ("m.text" | "m.notice" | "m.emote", false) => said(Said::Text(body.to_owned())),
                ("m.text" | "m.notice" | "m.emote", true) => said(Said::Edit {
                    text: body.to_owned(),
                    of: content["m.relates_to"]["event_id"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                }),
                _ => said(Said::Unsupported),
            }
        }
        "m.sticker" | "m.reaction" | "m.room.redaction" => said(Said::Unsupported),
        // Poll responses in the stable form and the one clients still send.
        "m.poll.response" => match content["m.selections"][0].as_str() {
            Some(id) => said(Said::Voted(id.to_owned())),
            None => Event::Ignored,
        },
        "org.matrix.msc3381.poll.response" => {
            match content["org.matrix.msc3381.poll.response"]["answers"][0].as_str() {
                Some(id) => said(Said::Voted(id.to_owned())),
                None => Event::Ignored,
            }
        }
        _ => Event::Ignored,
    }
}

/// The unstable event type current clients send and read for a new poll.
pub const POLL_START: &str = "org.matrix.msc3381.poll.start";

/// A question with options as a Matrix poll: the unstable form current
/// clients read, with the stable form's fields beside it and the numbered text
/// as the fallback for clients without polls. Each answer's id is the engine's
/// button payload, so a vote is a button press.
pub fn poll(m: &OutboundMessage) -> Option<Value> {
    if m.buttons.len() < 2 || m.free_text {
        return None;
    }
    let question = bang_commands(&m.text);
    let fallback = text(m);
    let unstable: Vec<Value> = m
        .buttons
        .iter()
        .map(|b| serde_json::json!({"id": b.payload, "org.matrix.msc1767.text": b.label}))
        .collect();
    let stable: Vec<Value> = m
        .buttons
        .iter()
        .map(|b| serde_json::json!({"m.id": b.payload, "m.text": [{"body": b.label}]}))
        .collect();
    Some(serde_json::json!({
        "org.matrix.msc3381.poll.start": {
            "kind": "org.matrix.msc3381.poll.disclosed",
            "max_selections": 1,
            "question": {"org.matrix.msc1767.text": question},
            "answers": unstable,
        },
        "org.matrix.msc1767.text": fallback,
        "m.poll": {
            "kind": "m.disclosed",
            "max_selections": 1,
            "question": {"m.text": [{"body": question}]},
            "answers": stable,
        },
        "m.text": [{"body": fallback}],
    }))
}

/// The input a typed text means, given the options the room was last shown.
pub fn input(said: &Said, shown: &[OutboundButton]) -> Input {
    match said {
        Said::Unsupported => Input::Unsupported,
        Said::Voted(id) => Input::Button(id.clone()),
        Said::Text(text) | Said::Edit { text, .. } => {
            let t = text.trim();
            match t.strip_prefix('!') {
                Some(command) if command.chars().next().is_some_and(char::is_alphabetic) => {
                    Input::from_text(&format!("/{command}"))
                }
                _ => terminal::interpret(t, shown),
            }
        }
    }
}

/// A reply as Matrix text: the message, then its options numbered (typing the
/// number or the label both work), commands shown with `!`.
pub fn text(m: &OutboundMessage) -> String {
    let mut out = bang_commands(&m.text);
    if !m.buttons.is_empty() {
        out.push('\n');
        let numbered = terminal::numbers_press(&m.buttons);
        for (i, b) in m.buttons.iter().enumerate() {
            if numbered {
                out.push_str(&format!("\n{}. {}", i + 1, b.label));
            } else {
                out.push_str(&format!("\n• {}", b.label));
            }
        }
    }
    out
}

/// `/start` in a text becomes `!start`: on Matrix that is what to type.
fn bang_commands(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let starts_word = prev.is_none_or(|p| p.is_whitespace() || p == '(' || p == '"' || p == '\u{201c}');
        if c == '/' && starts_word && chars.peek().is_some_and(|n| n.is_ascii_lowercase()) {
            out.push('!');
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

/// Whether an invite is to a direct chat, and who sent it: the bot's own
/// membership event in the invite state says both.
pub fn invite(stripped_state: &[Value], own_user: &str) -> Option<(bool, String)> {
    stripped_state
        .iter()
        .find(|e| e["type"] == "m.room.member" && e["state_key"] == own_user)
        .map(|e| {
            (
                e["content"]["is_direct"].as_bool().unwrap_or(false),
                e["sender"].as_str().unwrap_or_default().to_owned(),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn message(body: &str) -> Value {
        json!({"type": "m.room.message", "sender": "@inwoner:localhost", "event_id": "$e1",
               "content": {"msgtype": "m.text", "body": body}})
    }

    #[test]
    fn a_text_a_command_and_a_numbered_option() {
        let buttons = vec![
            OutboundButton {
                label: "Voor mezelf".into(),
                payload: "a:rol:zelf".into(),
            },
            OutboundButton {
                label: "Anders".into(),
                payload: "a:rol:anders".into(),
            },
        ];
        let Event::Said { what, sender, .. } = event(&message("2"), "@bot:localhost") else {
            panic!("a message")
        };
        assert_eq!(sender, "@inwoner:localhost");
        assert_eq!(input(&what, &buttons), Input::Button("a:rol:anders".into()));
        assert_eq!(
            input(&Said::Text("voor mezelf".into()), &buttons),
            Input::Button("a:rol:zelf".into())
        );
        assert_eq!(
            input(&Said::Text("!taal en".into()), &[]),
            Input::from_text("/taal en")
        );
        assert_eq!(input(&Said::Text("!!".into()), &[]), Input::Text("!!".into()));
    }

    #[test]
    fn own_messages_state_and_media() {
        let mut own = message("hoi");
        own["sender"] = json!("@bot:localhost");
        assert_eq!(event(&own, "@bot:localhost"), Event::Ignored);
        let image = json!({"type": "m.room.message", "sender": "@i:l", "event_id": "$2",
                           "content": {"msgtype": "m.image", "body": "foto.jpg"}});
        assert!(matches!(
            event(&image, "@bot:localhost"),
            Event::Said {
                what: Said::Unsupported,
                ..
            }
        ));
        let member = json!({"type": "m.room.member", "sender": "@i:l", "event_id": "$3", "state_key": "@i:l", "content": {}});
        assert_eq!(event(&member, "@bot:localhost"), Event::Ignored);
    }

    #[test]
    fn an_edit_counts_with_its_new_text() {
        let edit = json!({"type": "m.room.message", "sender": "@i:l", "event_id": "$4",
            "content": {"msgtype": "m.text", "body": "* 4", "m.new_content": {"msgtype": "m.text", "body": "4"},
                        "m.relates_to": {"rel_type": "m.replace", "event_id": "$1"}}});
        assert!(
            matches!(event(&edit, "@b:l"), Event::Said { what: Said::Edit { text, of }, .. } if text == "4" && of == "$1")
        );
    }

    #[test]
    fn replies_show_options_numbered_and_commands_with_a_bang() {
        let m = OutboundMessage {
            text: "Stuur /hulp voor hulp. En/of niet.".into(),
            buttons: vec![OutboundButton {
                label: "Ja".into(),
                payload: "y".into(),
            }],
            free_text: false,
        };
        assert_eq!(text(&m), "Stuur !hulp voor hulp. En/of niet.\n\n1. Ja");
    }

    #[test]
    fn a_vote_in_either_form_is_a_button_press() {
        let stable = json!({"type": "m.poll.response", "sender": "@i:l", "event_id": "$5",
            "content": {"m.selections": ["a:rol:zelf"], "m.relates_to": {"rel_type": "m.reference", "event_id": "$p"}}});
        let unstable = json!({"type": "org.matrix.msc3381.poll.response", "sender": "@i:l", "event_id": "$6",
            "content": {"org.matrix.msc3381.poll.response": {"answers": ["a:rol:naaste"]},
                        "m.relates_to": {"rel_type": "m.reference", "event_id": "$p"}}});
        for (e, want) in [(stable, "a:rol:zelf"), (unstable, "a:rol:naaste")] {
            let Event::Said { what, .. } = event(&e, "@b:l") else {
                panic!("a vote")
            };
            assert_eq!(input(&what, &[]), Input::Button(want.into()));
        }
    }

    #[test]
    fn a_question_with_options_goes_out_as_a_poll_with_a_text_fallback() {
        let m = OutboundMessage {
            text: "Vraag 1 van 6".into(),
            buttons: vec![
                OutboundButton {
                    label: "Ja".into(),
                    payload: "a:q:y".into(),
                },
                OutboundButton {
                    label: "Nee".into(),
                    payload: "a:q:n".into(),
                },
            ],
            free_text: false,
        };
        let p = poll(&m).unwrap();
        assert_eq!(p["org.matrix.msc3381.poll.start"]["answers"][1]["id"], "a:q:n");
        assert_eq!(p["m.poll"]["answers"][0]["m.text"][0]["body"], "Ja");
        assert_eq!(p["org.matrix.msc1767.text"], "Vraag 1 van 6\n\n1. Ja\n2. Nee");
        let open = OutboundMessage { free_text: true, ..m };
        assert!(poll(&open).is_none(), "an open question waits for typed text");
    }

    #[test]
    fn an_invite_says_whether_it_is_direct_and_who_sent_it() {
        let state = vec![
            json!({"type": "m.room.member", "state_key": "@bot:l", "sender": "@i:l",
                                "content": {"membership": "invite", "is_direct": true}}),
        ];
        assert_eq!(invite(&state, "@bot:l"), Some((true, "@i:l".into())));
        assert_eq!(invite(&state, "@other:l"), None);
    }
}
