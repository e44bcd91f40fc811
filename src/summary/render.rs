//! Renderers for a council summary. Markdown reads well pasted into an advice;
//! CSV opens in a spreadsheet; JSON feeds other tools. Every hidden count shows
//! as one neutral mark ([`HIDDEN`]) explained in a legend: it never states a
//! range, because a count hidden to protect a neighbour can be large. In CSV a
//! hidden count is an empty cell with `hidden = true`; in JSON it is `null`.

use std::fmt::Write as _;

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime};

use super::CouncilSummary;
use crate::domain::Lang;
use crate::engine::{Arg, Text};
use crate::i18n::{Key, Localizer};

/// The mark of a hidden count or percentage, in every format for people.
pub const HIDDEN: &str = "•";

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

/// A number with one decimal as the language writes it ("66,7" in Dutch).
pub fn decimal(lang: Lang, x: f64) -> String {
    let s = format!("{x:.1}");
    match lang {
        Lang::Nl => s.replace('.', ","),
        Lang::En => s,
    }
}

pub(super) fn phase_key(phase: &str) -> Key {
    match phase {
        "agenda" => Key::SummaryPhaseAgenda,
        "decision" => Key::SummaryPhaseDecision,
        "evaluation" => Key::SummaryPhaseEvaluation,
        _ => Key::SummaryPhasePreparation,
    }
}

pub(super) fn state_key(state: &str) -> Key {
    match state {
        "draft" => Key::SummaryStateDraft,
        "open" => Key::SummaryStateOpen,
        "archived" => Key::SummaryStateArchived,
        _ => Key::SummaryStateClosed,
    }
}

/// Markdown table rows, then the notes below the table.
fn md_rows(out: &mut String, rows: &[Vec<String>], notes: &[String]) {
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| md_escape(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
    for note in notes {
        let _ = writeln!(out, "{note}\n");
    }
}

/// The words for an outcome status.
pub(super) fn outcome_key(status: &str) -> Key {
    match status {
        "in-advice" => Key::SummaryOutcomeInAdvice,
        "adopted" => Key::SummaryOutcomeAdopted,
        "partly-adopted" => Key::SummaryOutcomePartlyAdopted,
        _ => Key::SummaryOutcomeNotAdopted,
    }
}

/// One outcome entry for people: its heading line (date and status), its text,
/// and when the next entry is due.
pub(super) type OutcomeBlock = (String, String, Option<String>);

/// The outcome entries as (heading line, text, review-by line) and the note on
/// how soon respondents heard back; nothing for a round not yet closed.
pub(super) fn outcome_blocks(
    s: &CouncilSummary,
    lang: Lang,
    texts: &Localizer,
) -> Option<(Vec<OutcomeBlock>, String)> {
    if !matches!(s.state, "closed" | "archived") {
        return None;
    }
    let t = |key: Key, args: Vec<(&'static str, Arg)>| texts.render(lang, &Text::with(key, args));
    let day = |ymd: &str| day(ymd, lang, texts);
    let entries = s
        .outcomes
        .iter()
        .map(|o| {
            (
                t(
                    Key::SummaryOutcomeItem,
                    vec![
                        ("date", Arg::Str(day(&o.date))),
                        ("status", Arg::Msg(outcome_key(o.status))),
                    ],
                ),
                o.text.clone(),
                o.review_by
                    .as_ref()
                    .map(|r| t(Key::SummaryOutcomeReviewBy, vec![("date", Arg::Str(day(r)))])),
            )
        })
        .collect();
    let note = match s.days_to_feedback {
        Some(days) => t(Key::SummaryOutcomeDays, vec![("days", Arg::Num(days))]),
        None => t(Key::SummaryOutcomesNone, vec![]),
    };
    Some((entries, note))
}

/// When the round ran: the real days once it opened, else the plan.
pub(super) fn period(s: &CouncilSummary, lang: Lang, texts: &Localizer) -> String {
    let t = |key: Key, args: Vec<(&'static str, Arg)>| texts.render(lang, &Text::with(key, args));
    let moment = |rfc: &str| moment(rfc, lang, texts);
    let day = |ymd: &str| day(ymd, lang, texts);
    match (&s.opened_on, &s.closed_on) {
        (Some(o), Some(c)) => t(
            Key::SummaryPeriodReal,
            vec![("opened", Arg::Str(day(o))), ("closed", Arg::Str(day(c)))],
        ),
        (Some(o), None) => t(
            Key::SummaryPeriodOpen,
            vec![
                ("opened", Arg::Str(day(o))),
                ("closes", Arg::Str(moment(&s.closes))),
            ],
        ),
        _ => t(
            Key::SummaryPeriod,
            vec![
                ("opens", Arg::Str(moment(&s.opens))),
                ("closes", Arg::Str(moment(&s.closes))),
            ],
        ),
    }
}

/// Who started, per channel ("Telegram 12 · Matrix •"), if known.
pub(super) fn channels_line(s: &CouncilSummary, lang: Lang, texts: &Localizer) -> Option<String> {
    if s.channels.is_empty() {
        return None;
    }
    let list: Vec<String> = s
        .channels
        .iter()
        .map(|c| {
            let n = c.respondents.map_or_else(|| HIDDEN.to_owned(), |n| n.to_string());
            format!("{} {n}", channel_name(&c.channel))
        })
        .collect();
    Some(texts.render(
        lang,
        &Text::with(Key::SummaryChannels, vec![("list", Arg::Str(list.join(" · ")))]),
    ))
}

/// How many had taken part before, once known and shown.
pub(super) fn returning_line(s: &CouncilSummary, lang: Lang, texts: &Localizer) -> Option<String> {
    if !s.returning_counted {
        return None;
    }
    let n = s
        .respondents_returning
        .map_or_else(|| HIDDEN.to_owned(), |n| n.to_string());
    Some(texts.render(
        lang,
        &Text::with(Key::SummaryReturning, vec![("returning", Arg::Str(n))]),
    ))
}

/// The note that a few who did not finish are left out, when they are.
pub(super) fn left_out_line(s: &CouncilSummary, lang: Lang, texts: &Localizer) -> Option<String> {
    s.unfinished_left_out.then(|| {
        texts.render(
            lang,
            &Text::with(
                Key::SummaryUnfinishedLeftOut,
                vec![("k", Arg::Num(i64::from(s.min_group_size)))],
            ),
        )
    })
}

/// A channel as people call it.
pub(super) fn channel_name(channel: &str) -> String {
    match channel {
        "telegram" => "Telegram".to_owned(),
        "matrix" => "Matrix".to_owned(),
        other => other.to_owned(),
    }
}

/// A stored moment (RFC 3339) as the language writes it.
pub(super) fn moment(rfc: &str, lang: Lang, texts: &Localizer) -> String {
    OffsetDateTime::parse(rfc, &Rfc3339).map_or_else(|_| rfc.to_owned(), |d| texts.moment(lang, d))
}

/// A stored day (`YYYY-MM-DD`) as the language writes it.
pub fn day(ymd: &str, lang: Lang, texts: &Localizer) -> String {
    Date::parse(ymd, format_description!("[year]-[month]-[day]")).map_or_else(
        |_| ymd.to_owned(),
        |d| texts.date(lang, d.midnight().assume_utc()),
    )
}

fn markdown(s: &CouncilSummary, lang: Lang, texts: &Localizer) -> String {
    let t = |key: Key, args: Vec<(&'static str, Arg)>| texts.render(lang, &Text::with(key, args));
    let k = i64::from(s.min_group_size);
    let cell = |n: Option<i64>| n.map_or_else(|| HIDDEN.to_owned(), |n| n.to_string());
    let header = format!(
        "| {} | {} | {} |\n|---|---:|---:|",
        t(Key::SummaryColAnswer, vec![]),
        t(Key::SummaryColCount, vec![]),
        t(Key::SummaryColPercent, vec![])
    );
    let moment = |rfc: &str| moment(rfc, lang, texts);
    let day = |ymd: &str| day(ymd, lang, texts);
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
                ("phase", Arg::Msg(phase_key(s.phase))),
                ("state", Arg::Msg(state_key(s.state))),
            ]
        )
    );
    let period = period(s, lang, texts);
    let _ = writeln!(out, "{period}\n");
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
    if !s.advice.is_empty() {
        let _ = writeln!(out, "## {}\n", t(Key::SummaryAdviceHeading, vec![]));
        for a in &s.advice {
            let line = t(
                Key::SummaryAdviceItem,
                vec![
                    ("title", Arg::Str(md_escape(&a.title))),
                    ("date", Arg::Str(day(&a.date))),
                ],
            );
            match &a.url {
                Some(url) => {
                    let _ = writeln!(out, "- {line}: <{url}>");
                }
                None => {
                    let _ = writeln!(out, "- {line}");
                }
            }
        }
        out.push('\n');
    }
    if let Some((entries, note)) = outcome_blocks(s, lang, texts) {
        let _ = writeln!(out, "## {}\n", t(Key::SummaryOutcomesHeading, vec![]));
        for (head, text, review) in entries {
            let _ = writeln!(out, "**{}**\n", md_escape(&head));
            // The official's own Markdown, as written.
            for line in text.lines() {
                let _ = writeln!(out, "> {}", super::markdown::quoted(line));
            }
            out.push('\n');
            if let Some(r) = review {
                let _ = writeln!(out, "{r}\n");
            }
        }
        let _ = writeln!(out, "{note}\n");
    }
    let _ = writeln!(out, "## {}\n", t(Key::SummaryParticipation, vec![]));
    if s.results_hidden {
        if s.state != "draft" {
            let _ = writeln!(
                out,
                "{}\n",
                t(
                    Key::SummaryRespondentsOpen,
                    vec![
                        ("count", Arg::Num(s.respondents_at_least.unwrap_or(0))),
                        ("k", Arg::Num(k)),
                    ]
                )
            );
        }
        let _ = writeln!(
            out,
            "{}",
            t(
                if s.state == "draft" {
                    Key::SummaryDraft
                } else {
                    Key::SummaryHidden
                },
                vec![("date", Arg::Str(moment(&s.closes)))]
            )
        );
        return out;
    }
    let _ = writeln!(
        out,
        "{}\n",
        t(
            Key::SummaryRespondents,
            vec![
                ("started", Arg::Str(cell(s.respondents_started))),
                ("completed", Arg::Str(cell(s.respondents_completed))),
            ]
        )
    );
    if let Some(line) = channels_line(s, lang, texts) {
        let _ = writeln!(out, "{line}\n");
    }
    if let Some(line) = returning_line(s, lang, texts) {
        let _ = writeln!(out, "{line}\n");
    }
    if let Some(line) = left_out_line(s, lang, texts) {
        let _ = writeln!(out, "{line}\n");
    }
    if s.live {
        let _ = writeln!(out, "{}\n", t(Key::SummaryLive, vec![("k", Arg::Num(k))]));
    }
    let _ = writeln!(
        out,
        "{}\n",
        t(
            Key::SummaryLegend,
            vec![("mark", Arg::Str(HIDDEN.to_owned())), ("below", Arg::Num(k - 1)),]
        )
    );
    if !s.representativeness.is_empty() {
        let _ = writeln!(out, "## {}\n", t(Key::SummaryReachHeading, vec![]));
        if let Some(intro) = super::representativeness::intro(&s.representativeness, lang, texts) {
            let _ = writeln!(out, "{intro}\n");
        }
        for p in &s.representativeness {
            let table = super::representativeness::table(p, k, lang, texts);
            let _ = writeln!(out, "**{}**\n", md_escape(&table.caption));
            let _ = writeln!(out, "| {} |", table.head.join(" | "));
            let align: Vec<&str> = (0..table.head.len())
                .map(|i| {
                    if i == 0 || i + 1 == table.head.len() && table.head.len() > 2 {
                        "---"
                    } else {
                        "---:"
                    }
                })
                .collect();
            let _ = writeln!(out, "|{}|", align.join("|"));
            md_rows(&mut out, &table.rows, &table.notes);
        }
    }
    if let Some(c) = &s.comparison {
        let (intro, tables) = super::comparison::tables(c, lang, texts);
        let _ = writeln!(out, "## {}\n", t(Key::SummaryCompareHeading, vec![]));
        let _ = writeln!(out, "{intro}\n");
        for table in tables {
            let _ = writeln!(out, "**{}**\n", md_escape(&table.caption));
            let _ = writeln!(out, "| {} |\n|---|---:|---:|---:|", table.head.join(" | "));
            md_rows(&mut out, &table.rows, &table.notes);
        }
    }
    let number_of = |id: &str| s.questions.iter().position(|q| q.id == id).map_or(0, |i| i + 1);
    for (i, q) in s.questions.iter().enumerate() {
        let _ = writeln!(out, "## {}. {}\n", i + 1, q.text);
        if let Some(parent) = &q.follow_up_of {
            let _ = writeln!(
                out,
                "{}\n",
                t(
                    Key::SummaryFollowUp,
                    vec![
                        ("number", Arg::Num(i64::try_from(number_of(parent)).unwrap_or(0))),
                        ("answers", Arg::Str(q.asked_after.join(" / "))),
                    ]
                )
            );
        }
        let _ = writeln!(
            out,
            "{}\n",
            t(
                Key::SummaryAnswered,
                vec![
                    ("answered", Arg::Str(cell(q.answered))),
                    ("skipped", Arg::Str(cell(q.skipped))),
                ]
            )
        );
        if !q.options.is_empty() {
            out.push_str(&options_table(&q.options, q.answered, &header, &cell, lang));
        }
        match &q.scale {
            Some(st) => {
                let _ = writeln!(
                    out,
                    "{}\n",
                    t(
                        Key::SummaryScale,
                        vec![
                            ("mean", Arg::Str(decimal(lang, st.mean))),
                            ("median", Arg::Str(decimal(lang, st.median))),
                        ]
                    )
                );
            }
            None if q.kind == "scale" && q.options.iter().any(|o| o.count.is_none()) => {
                let _ = writeln!(out, "{}\n", t(Key::SummaryScaleHidden, vec![]));
            }
            None => {}
        }
        if !q.themes.is_empty() {
            let _ = writeln!(out, "**{}**\n", t(Key::SummaryThemes, vec![]));
            for theme in &q.themes {
                let size = cell(theme.size);
                let _ = writeln!(
                    out,
                    "- “{}” ({}): {}",
                    md_escape(&theme.label),
                    theme.lang,
                    t(Key::SummaryThemeSize, vec![("size", Arg::Str(size))])
                );
            }
            out.push('\n');
        }
        if !q.quotes.is_empty() {
            let _ = writeln!(out, "**{}**\n", t(Key::SummaryQuotes, vec![]));
            for quote in &q.quotes {
                let _ = writeln!(out, "> {}\n", md_escape(&quote.replace('\n', " ")));
            }
        }
        if q.quotes_withheld {
            let _ = writeln!(out, "{}\n", t(Key::SummaryQuotesWithheld, vec![]));
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
            out.push_str(&options_table(&g.options, g.votes, &header, &cell, lang));
        }
    }
    out
}

/// A Markdown table of answer rows: label, count (or the hidden mark), percent.
fn options_table(
    options: &[super::OptionRow],
    total: Option<i64>,
    header: &str,
    cell: &dyn Fn(Option<i64>) -> String,
    lang: Lang,
) -> String {
    let mut out = format!("{header}\n");
    for o in options {
        let pct = percent_text(o, total, lang);
        let _ = writeln!(out, "| {} | {} | {} |", md_escape(&o.label), cell(o.count), pct);
    }
    out.push('\n');
    out
}

/// A row's percentage as people read it: the figure, `–` when nobody answered
/// (0 of 0 is no share, and not a hidden one either), else the hidden mark.
pub(super) fn percent_text(o: &super::OptionRow, total: Option<i64>, lang: Lang) -> String {
    match (o.percent, o.count, total) {
        (Some(p), _, _) => decimal(lang, p),
        (None, Some(_), Some(0)) => "–".to_owned(),
        _ => HIDDEN.to_owned(),
    }
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
        "hidden",
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
    if s.results_hidden {
        rec(
            "",
            "",
            "",
            "respondents_at_least",
            "",
            s.respondents_at_least,
            None,
        );
    } else {
        rec("", "", "", "respondents_started", "", s.respondents_started, None);
        for c in &s.channels {
            rec("", "", "", "respondents_channel", &c.channel, c.respondents, None);
        }
        rec(
            "",
            "",
            "",
            "respondents_completed",
            "",
            s.respondents_completed,
            None,
        );
        // Who had taken part in an earlier round, as the other formats show it.
        if s.returning_counted {
            rec(
                "",
                "",
                "",
                "respondents_returning",
                "",
                s.respondents_returning,
                None,
            );
        }
        // The note the other formats print: without it, a spreadsheet's
        // counts would look like everyone who started.
        if s.unfinished_left_out {
            let note = format!(
                "fewer than {} residents started without finishing; they and their answers are left out of every count",
                s.min_group_size
            );
            rec("", "", "", "unfinished_left_out", &note, None, None);
        }
    }
    for q in &s.questions {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::OptionRow;

    #[test]
    fn nobody_answering_is_no_share_and_not_a_hidden_one() {
        let row = |count: Option<i64>, percent: Option<f64>| OptionRow {
            id: "a".into(),
            label: "a".into(),
            count,
            percent,
        };
        assert_eq!(percent_text(&row(Some(0), None), Some(0), Lang::Nl), "–");
        assert_eq!(
            percent_text(&row(Some(3), None), None, Lang::Nl),
            HIDDEN,
            "total hidden"
        );
        assert_eq!(percent_text(&row(None, None), Some(9), Lang::Nl), HIDDEN);
        assert_eq!(percent_text(&row(Some(3), Some(33.3)), Some(9), Lang::Nl), "33,3");
    }
}
