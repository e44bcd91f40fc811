//! The results of a closed round as a chat message for residents ("you said,
//! we did"): plain lines, since Telegram and Matrix show Markdown tables and
//! marks as they are. The same audited figures as the council's summary, hidden
//! cells shown as the hidden mark; what was done with them is added by the
//! service, once.

use std::fmt::Write as _;

use super::CouncilSummary;
use super::render::{HIDDEN, decimal, left_out_line, percent_text};
use crate::domain::Lang;
use crate::engine::{Arg, Text};
use crate::i18n::{Key, Localizer};

/// At most this many quotes per open question: a chat message, not a report.
const QUOTES: usize = 3;

/// The summary as one chat text.
pub fn chat(s: &CouncilSummary, lang: Lang, texts: &Localizer) -> String {
    let t = |key: Key, args: Vec<(&'static str, Arg)>| texts.render(lang, &Text::with(key, args));
    let cell = |n: Option<i64>| n.map_or_else(|| HIDDEN.to_owned(), |n| n.to_string());
    let k = i64::from(s.min_group_size);
    let mut out = format!("📊 {}\n\n", s.title);
    let _ = writeln!(
        out,
        "{}",
        t(
            Key::SummaryRespondents,
            vec![
                ("started", Arg::Str(cell(s.respondents_started))),
                ("completed", Arg::Str(cell(s.respondents_completed))),
            ]
        )
    );
    if let Some(line) = left_out_line(s, lang, texts) {
        let _ = writeln!(out, "{line}");
    }
    let hidden_somewhere = s
        .questions
        .iter()
        .any(|q| q.answered.is_none() || q.options.iter().any(|o| o.count.is_none()));
    if hidden_somewhere {
        let _ = writeln!(
            out,
            "{}",
            t(
                Key::SummaryLegend,
                vec![("mark", Arg::Str(HIDDEN.to_owned())), ("below", Arg::Num(k - 1))]
            )
        );
    }
    for (i, q) in s.questions.iter().enumerate() {
        let _ = write!(out, "\n{}. {}\n", i + 1, q.text);
        for o in &q.options {
            let pct = percent_text(o, q.answered, lang);
            let share = if o.percent.is_some() {
                format!(" ({pct}%)")
            } else {
                String::new()
            };
            let _ = writeln!(out, "  – {}: {}{share}", o.label, cell(o.count));
        }
        if let Some(st) = &q.scale {
            let _ = writeln!(
                out,
                "  {}",
                t(
                    Key::SummaryScale,
                    vec![
                        ("mean", Arg::Str(decimal(lang, st.mean))),
                        ("median", Arg::Str(decimal(lang, st.median))),
                    ]
                )
            );
        }
        if q.options.is_empty() {
            let _ = writeln!(
                out,
                "  {}",
                t(
                    Key::SummaryAnswered,
                    vec![
                        ("answered", Arg::Str(cell(q.answered))),
                        ("skipped", Arg::Str(cell(q.skipped))),
                    ]
                )
            );
        }
        for quote in q.quotes.iter().take(QUOTES) {
            let _ = writeln!(out, "  “{}”", quote.replace('\n', " "));
        }
    }
    out.trim_end().to_owned()
}
