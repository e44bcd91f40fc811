//! Renderers for a council summary. Markdown reads well pasted into an advice;
//! CSV opens in a spreadsheet; JSON feeds other tools. Suppressed cells show as
//! "<k" in Markdown, an empty count with `suppressed = true` in CSV, and `null` in JSON.

use std::fmt::Write as _;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::CouncilSummary;
use crate::domain::Lang;
use crate::engine::{Arg, Text};
use crate::i18n::{Key, Localizer};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown, for reading and pasting into an advice.
    Md,
    /// JSON, for other tools.
    Json,
    /// CSV, one row per answer option, for spreadsheets.
    Csv,
}

/// Renders a summary.
pub fn render(summary: &CouncilSummary, format: Format, lang: Lang, texts: &Localizer) -> String {
    match format {
        Format::Md => markdown(summary, lang, texts),
        Format::Json => serde_json::to_string_pretty(summary).unwrap_or_default() + "\n",
        Format::Csv => csv_rows(summary),
    }
}

fn markdown(s: &CouncilSummary, lang: Lang, texts: &Localizer) -> String {
    let t = |key: Key, args: Vec<(&'static str, Arg)>| texts.render(lang, &Text::with(key, args));
    let k = i64::from(s.min_group_size);
    let suppressed = t(Key::SummarySuppressed, vec![("k", Arg::Num(k))]);
    let cell = |n: Option<i64>| n.map_or_else(|| suppressed.clone(), |n| n.to_string());
    let header = format!(
        "| {} | {} | {} |\n|---|---:|---:|",
        t(Key::SummaryColAnswer, vec![]),
        t(Key::SummaryColCount, vec![]),
        t(Key::SummaryColPercent, vec![])
    );
    let date = |rfc: &str| {
        OffsetDateTime::parse(rfc, &Rfc3339).map_or_else(|_| rfc.to_owned(), |d| texts.date(lang, d))
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n",
        t(Key::SummaryHeading, vec![("title", Arg::Str(s.title.clone()))])
    );
    let _ = writeln!(
        out,
        "{}\n",
        t(
            Key::SummaryFacts,
            vec![
                ("round", Arg::Str(s.round.clone())),
                ("topic", Arg::Str(s.topic.clone())),
                ("phase", Arg::Str(s.phase.to_owned())),
                ("state", Arg::Str(s.state.to_owned())),
                ("opens", Arg::Str(date(&s.opens))),
                ("closes", Arg::Str(date(&s.closes))),
            ]
        )
    );
    if let Some(c) = &s.council {
        let _ = writeln!(
            out,
            "{}\n",
            t(Key::SummaryCouncil, vec![("council", Arg::Str(c.clone()))])
        );
    }
    if let Some(a) = &s.audience {
        let _ = writeln!(
            out,
            "{}\n",
            t(Key::SummaryAudience, vec![("audience", Arg::Str(a.clone()))])
        );
    }
    let _ = writeln!(out, "## {}\n", t(Key::SummaryParticipation, vec![]));
    let _ = writeln!(
        out,
        "{}\n",
        t(
            Key::SummaryRespondents,
            vec![
                ("started", Arg::Num(s.respondents_started)),
                ("completed", Arg::Num(s.respondents_completed)),
            ]
        )
    );
    let _ = writeln!(
        out,
        "{}\n",
        t(
            Key::SummarySuppression,
            vec![("k", Arg::Num(k)), ("suppressed", Arg::Str(suppressed.clone()))]
        )
    );
    if s.results_hidden {
        let _ = writeln!(
            out,
            "{}",
            t(Key::SummaryHidden, vec![("date", Arg::Str(date(&s.closes)))])
        );
        return out;
    }
    for (i, q) in s.questions.iter().enumerate() {
        let _ = writeln!(out, "## {}. {}\n", i + 1, q.text);
        let _ = writeln!(
            out,
            "{}\n",
            t(
                Key::SummaryAnswered,
                vec![
                    ("asked", Arg::Str(cell(q.asked))),
                    ("answered", Arg::Str(cell(q.answered))),
                    ("skipped", Arg::Str(cell(q.skipped))),
                ]
            )
        );
        if !q.options.is_empty() {
            out.push_str(&options_table(&q.options, &header, &cell));
        }
        if let Some(st) = &q.scale {
            let _ = writeln!(
                out,
                "{}\n",
                t(
                    Key::SummaryScale,
                    vec![
                        ("mean", Arg::Str(format!("{:.1}", st.mean))),
                        ("median", Arg::Str(format!("{:.1}", st.median))),
                    ]
                )
            );
        }
        if !q.quotes.is_empty() {
            let _ = writeln!(out, "**{}**\n", t(Key::SummaryQuotes, vec![]));
            for quote in &q.quotes {
                let _ = writeln!(out, "> {}\n", md_escape(&quote.replace('\n', " ")));
            }
        }
        if q.quotes_withheld {
            let _ = writeln!(
                out,
                "{}\n",
                t(Key::SummaryQuotesWithheld, vec![("k", Arg::Num(k))])
            );
        }
    }
    if !s.group_results.is_empty() {
        let _ = writeln!(out, "## {}\n", t(Key::SummaryGroups, vec![]));
        let _ = writeln!(out, "{}\n", t(Key::SummaryGroupsNote, vec![]));
        for g in &s.group_results {
            let _ = writeln!(out, "### {}\n", g.text);
            let _ = writeln!(
                out,
                "{}\n",
                t(
                    Key::SummaryGroupVotes,
                    vec![("votes", Arg::Str(cell(g.votes))), ("polls", Arg::Num(g.polls))]
                )
            );
            out.push_str(&options_table(&g.options, &header, &cell));
        }
    }
    out
}

/// A Markdown table of answer rows: label, count (or the suppression mark), percent.
fn options_table(options: &[super::OptionRow], header: &str, cell: &dyn Fn(Option<i64>) -> String) -> String {
    let mut out = format!("{header}\n");
    for o in options {
        let pct = o.percent.map_or_else(|| "–".to_owned(), |p| format!("{p:.1}"));
        let _ = writeln!(out, "| {} | {} | {} |", md_escape(&o.label), cell(o.count), pct);
    }
    out.push('\n');
    out
}

/// Keeps residents' text from turning into Markdown structure or HTML.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '|' | '<' | '>' | '*' | '_' | '`' | '[' | ']' | '#' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn csv_rows(s: &CouncilSummary) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "round",
        "question_id",
        "question",
        "kind",
        "row",
        "label",
        "count",
        "percent",
        "suppressed",
    ]);
    let num = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let mut rec =
        |qid: &str, q: &str, kind: &str, row: &str, label: &str, count: Option<i64>, pct: Option<f64>| {
            let _ = w.write_record([
                s.round.as_str(),
                qid,
                q,
                kind,
                row,
                label,
                &num(count),
                &pct.map(|p| format!("{p:.1}")).unwrap_or_default(),
                if count.is_none() { "true" } else { "false" },
            ]);
        };
    rec(
        "",
        "",
        "",
        "respondents_started",
        "",
        Some(s.respondents_started),
        None,
    );
    rec(
        "",
        "",
        "",
        "respondents_completed",
        "",
        Some(s.respondents_completed),
        None,
    );
    for q in &s.questions {
        rec(&q.id, &q.text, q.kind, "asked", "", q.asked, None);
        rec(&q.id, &q.text, q.kind, "answered", "", q.answered, None);
        rec(&q.id, &q.text, q.kind, "skipped", "", q.skipped, None);
        for o in &q.options {
            rec(&q.id, &q.text, q.kind, &o.id, &o.label, o.count, o.percent);
        }
    }
    for g in &s.group_results {
        rec(&g.id, &g.text, "group-poll", "votes", "", g.votes, None);
        for o in &g.options {
            rec(&g.id, &g.text, "group-poll", &o.id, &o.label, o.count, o.percent);
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
