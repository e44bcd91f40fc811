//! The terminal channel: one resident message per line on standard input, the
//! bot's messages on standard output. It makes the bot scriptable
//! (`printf '/start\n2\n' | meepraten serve --terminal --resident alice`) and is
//! the first adapter: reading a line is decided purely ([`interpret`]), then the
//! service is called.

use time::OffsetDateTime;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncWrite, AsyncWriteExt};

use crate::anon::ResidentRef;
use crate::domain::Lang;
use crate::engine::Input;
use crate::service::{OutboundButton, OutboundMessage, Service, ServiceError};

/// The platform name used for pseudonyms of terminal residents.
pub const PLATFORM: &str = "terminal";

/// Lines starting with this stand for media the bot cannot read, e.g. `[sticker]`.
const MEDIA_MARKERS: [&str; 5] = ["[sticker]", "[foto]", "[photo]", "[voice]", "[spraak]"];

/// Whether typing a button's number presses it. Not under an open question:
/// its buttons only skip, keep the earlier answer or go back, and "1" typed
/// there is text, as it is on Telegram (the engine asks for words), not a
/// skip. Nor under a scale, whose buttons are numbers themselves: "6" on a
/// scale of 1 to 5 is a value out of range (the engine says so), not the
/// sixth button ("Overslaan"). The buttons are then shown without numbers and
/// pressed by label.
pub fn numbers_press(buttons: &[OutboundButton]) -> bool {
    if buttons.iter().any(|b| b.label.trim().parse::<i64>().is_ok()) {
        return false;
    }
    use crate::engine::ButtonAction as A;
    let actions: Vec<Option<A>> = buttons.iter().map(|b| A::decode(&b.payload)).collect();
    let open_question = actions
        .iter()
        .any(|a| matches!(a, Some(A::Skip { .. } | A::Keep { .. })))
        && !actions
            .iter()
            .any(|a| matches!(a, Some(A::Answer { .. } | A::Toggle { .. } | A::Done { .. })));
    !open_question
}

/// What a typed line means, given the buttons of the last message.
/// Commands stay commands; a button's label presses it; so does the number
/// shown before it (not under an open question or a scale, see
/// [`numbers_press`]); anything else is text.
pub fn interpret(line: &str, buttons: &[OutboundButton]) -> Input {
    let t = line.trim();
    if t.starts_with('/') {
        return Input::from_text(t);
    }
    let lower = t.to_lowercase();
    if MEDIA_MARKERS.contains(&lower.as_str()) {
        return Input::Unsupported;
    }
    let label_key = |label: &str| {
        label
            .trim_start_matches(['☐', '☑', '◀', '⬜', '✅'])
            .trim()
            .trim_end_matches('✔')
            .trim()
            .to_lowercase()
    };
    if let Some(b) = buttons.iter().find(|b| label_key(&b.label) == lower) {
        return Input::Button(b.payload.clone());
    }
    if numbers_press(buttons)
        && let Ok(n) = t.parse::<usize>()
        && let Some(b) = n.checked_sub(1).and_then(|i| buttons.get(i))
    {
        return Input::Button(b.payload.clone());
    }
    Input::Text(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// Formats one message for the terminal: text, then numbered buttons.
pub fn format_message(m: &OutboundMessage) -> String {
    let mut out = String::new();
    for line in m.text.lines() {
        out.push_str("bot> ");
        out.push_str(line);
        out.push('\n');
    }
    let numbered = numbers_press(&m.buttons);
    for (i, b) in m.buttons.iter().enumerate() {
        if numbered {
            out.push_str(&format!("  [{}] {}\n", i + 1, b.label));
        } else {
            out.push_str(&format!("  [{}]\n", b.label));
        }
    }
    out
}

/// Serves one simulated resident until end of input.
pub async fn run(
    service: &Service,
    resident: &str,
    lang: Option<Lang>,
    input: impl AsyncBufRead + Unpin,
    mut output: impl AsyncWrite + Unpin,
) -> Result<(), ServiceError> {
    let who = ResidentRef {
        platform: PLATFORM,
        user: resident,
        address: None,
    };
    let mut input = input;
    let mut raw = Vec::new();
    let mut buttons: Vec<OutboundButton> = Vec::new();
    loop {
        raw.clear();
        match input.read_until(b'\n', &mut raw).await {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(error = %e, "standard input failed");
                break;
            }
        }
        // Bytes that are no text get the reply to anything the bot cannot
        // read, in the resident's language.
        let msg = match std::str::from_utf8(&raw) {
            Ok(line) => interpret(line.trim_end_matches(['\n', '\r']), &buttons),
            Err(_) => Input::Unsupported,
        };
        let replies = service
            .handle(&who, lang, &msg, OffsetDateTime::now_utc())
            .await?;
        for r in &replies {
            let _ = output.write_all(format_message(r).as_bytes()).await;
            let _ = output.write_all(b"\n").await;
            if !r.buttons.is_empty() || r.free_text {
                buttons.clone_from(&r.buttons);
            }
        }
        let _ = output.flush().await;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(label: &str, payload: &str) -> OutboundButton {
        OutboundButton {
            label: label.into(),
            payload: payload.into(),
        }
    }

    #[test]
    fn lines_become_inputs() {
        let buttons = [
            b("Heel ontevreden", "a:q:1"),
            b("☐ Bus", "t:q:bus"),
            b("Overslaan", "s:q"),
        ];
        let cases: [(&str, Input); 8] = [
            ("/hulp", Input::from_text("/hulp")),
            ("2", Input::Button("t:q:bus".into())),
            ("bus", Input::Button("t:q:bus".into())),
            ("overslaan", Input::Button("s:q".into())),
            ("3", Input::Button("s:q".into())),
            ("9", Input::Text("9".into())),
            ("[sticker]", Input::Unsupported),
            ("meer hulp thuis", Input::Text("meer hulp thuis".into())),
        ];
        for (line, want) in cases {
            assert_eq!(interpret(line, &buttons), want, "{line}");
        }
        // On a scale the buttons are the values: "11" is no eleventh button.
        let scale: Vec<OutboundButton> = (0..=10).map(|n| b(&n.to_string(), &format!("a:q:{n}"))).collect();
        assert_eq!(interpret("1", &scale), Input::Button("a:q:1".into()));
        assert_eq!(interpret("11", &scale), Input::Text("11".into()));
        // Its other buttons go by label only: a number past the scale's end is
        // a value out of range (the engine says so), not "Overslaan" or
        // "Terug" (fifteenth trial: "6" on a scale of 1 to 5 skipped it).
        let mut with_more = scale;
        with_more.push(b("Overslaan", "s:q"));
        with_more.push(b("◀ Terug", "b:q"));
        assert_eq!(interpret("12", &with_more), Input::Text("12".into()));
        assert_eq!(interpret("13", &with_more), Input::Text("13".into()));
        assert_eq!(interpret("overslaan", &with_more), Input::Button("s:q".into()));
        assert_eq!(interpret("terug", &with_more), Input::Button("b:q".into()));
        assert_eq!(interpret("7", &with_more), Input::Button("a:q:7".into()));
        assert_eq!(interpret("11", &with_more), Input::Text("11".into()));
        let shown = format_message(&OutboundMessage {
            text: "Welk cijfer?".into(),
            buttons: with_more.clone(),
            free_text: false,
        });
        assert!(
            shown.contains("  [7]\n") && shown.contains("  [Overslaan]\n"),
            "{shown}"
        );
    }

    #[test]
    fn under_an_open_question_a_number_is_text_not_a_press() {
        let open = [b("Overslaan", "s:q"), b("◀ Terug", "b")];
        assert_eq!(interpret("1", &open), Input::Text("1".into()));
        assert_eq!(interpret("2", &open), Input::Text("2".into()));
        assert_eq!(interpret("overslaan", &open), Input::Button("s:q".into()));
        let changing = [b("Houden", "k:q"), b("Overslaan", "s:q")];
        assert_eq!(interpret("1", &changing), Input::Text("1".into()));
        let shown = format_message(&OutboundMessage {
            text: "Hoeveel kinderen wonen bij u?".into(),
            buttons: open.to_vec(),
            free_text: true,
        });
        assert!(
            shown.contains("  [Overslaan]\n") && !shown.contains("[1]"),
            "{shown}"
        );
        // A menu of rounds keeps its numbers.
        let menu = [b("Speelplein", "r:speelplein"), b("Hulp thuis", "r:hulp")];
        assert_eq!(interpret("2", &menu), Input::Button("r:hulp".into()));
    }
}
