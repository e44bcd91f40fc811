//! A round that repeats an earlier one (`follows`) beside it: per question both
//! asked, each answer's share then and now. Both sides are the rounds' own
//! audited summaries, so a share hidden in either stays hidden here; the two
//! rounds have different respondents, so their differences single no one out.

use serde::Serialize;

use super::render::day;
use super::{CouncilSummary, HIDDEN, OptionRow, decimal};
use crate::domain::Lang;
use crate::engine::{Arg, Text};
use crate::i18n::{Key, Localizer};

/// The comparison with the earlier round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The earlier round's id.
    pub earlier_round: String,
    /// Its title, once known.
    pub earlier_title: Option<String>,
    /// The day it opened, once known.
    pub earlier_opened_on: Option<String>,
    /// The day it closed, once it did.
    pub earlier_closed_on: Option<String>,
    /// Why there is nothing to compare yet: `missing` (not in this database),
    /// `not-closed` (its results are not out); `None` when compared.
    pub unavailable: Option<&'static str>,
    /// Questions both rounds asked (same id and kind), in this round's order.
    pub questions: Vec<ComparedQuestion>,
}

/// One question both rounds asked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparedQuestion {
    /// Question id.
    pub id: String,
    /// Its text now.
    pub text: String,
    /// How many answered it then and now; `None` when hidden.
    pub earlier_answered: Option<i64>,
    /// How many answered it now.
    pub answered: Option<i64>,
    /// For choice, scale and yes/no questions: each answer then and now.
    pub rows: Vec<ComparedRow>,
    /// Scale questions: the mean then and now, when shown in both.
    pub earlier_mean: Option<f64>,
    /// The mean now.
    pub mean: Option<f64>,
}

/// One answer then and now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparedRow {
    /// Option id (or scale point, `yes`, `no`).
    pub id: String,
    /// Its label now.
    pub label: String,
    /// Share then, percent of those who answered; `None` when hidden or not offered.
    pub earlier_percent: Option<f64>,
    /// Share now.
    pub percent: Option<f64>,
    /// Now minus then, in percentage points, when both are shown.
    pub change: Option<f64>,
}

/// A comparison that could not be made.
pub fn unavailable(earlier_round: &str, earlier: Option<&CouncilSummary>, why: &'static str) -> Comparison {
    Comparison {
        earlier_round: earlier_round.to_owned(),
        earlier_title: earlier.map(|e| e.title.clone()),
        earlier_opened_on: earlier.and_then(|e| e.opened_on.clone()),
        earlier_closed_on: earlier.and_then(|e| e.closed_on.clone()),
        unavailable: Some(why),
        questions: Vec::new(),
    }
}

/// Compares `now` with the `earlier` round's published summary.
pub fn compare(now: &CouncilSummary, earlier: &CouncilSummary) -> Comparison {
    let questions = now
        .questions
        .iter()
        .filter(|q| q.kind != "open")
        .filter_map(|q| {
            let e = earlier
                .questions
                .iter()
                .find(|e| e.id == q.id && e.kind == q.kind)?;
            let then = |id: &str| {
                e.options
                    .iter()
                    .find(|o| o.id == id)
                    .and_then(|o: &OptionRow| o.percent)
            };
            let rows = q
                .options
                .iter()
                .map(|o| {
                    let earlier_percent = then(&o.id);
                    ComparedRow {
                        id: o.id.clone(),
                        label: o.label.clone(),
                        earlier_percent,
                        percent: o.percent,
                        change: earlier_percent.zip(o.percent).map(|(a, b)| b - a),
                    }
                })
                .collect();
            Some(ComparedQuestion {
                id: q.id.clone(),
                text: q.text.clone(),
                earlier_answered: e.answered,
                answered: q.answered,
                rows,
                earlier_mean: e.scale.as_ref().map(|s| s.mean),
                mean: q.scale.as_ref().map(|s| s.mean),
            })
        })
        .collect();
    Comparison {
        earlier_round: earlier.round.clone(),
        earlier_title: Some(earlier.title.clone()),
        earlier_opened_on: earlier.opened_on.clone(),
        earlier_closed_on: earlier.closed_on.clone(),
        unavailable: None,
        questions,
    }
}

/// A compared question as words and figures, the same in every format for people.
pub struct CompareTable {
    /// What the table shows.
    pub caption: String,
    /// Column heads.
    pub head: Vec<String>,
    /// One row per answer, formatted (hidden: [`HIDDEN`]).
    pub rows: Vec<Vec<String>>,
    /// Lines below it: how many answered, the means.
    pub notes: Vec<String>,
}

/// The comparison in `lang`: the introduction (or why nothing is compared) and
/// a table per question.
pub fn tables(c: &Comparison, lang: Lang, texts: &Localizer) -> (String, Vec<CompareTable>) {
    let t = |key: Key, args: Vec<(&'static str, Arg)>| texts.render(lang, &Text::with(key, args));
    let title = c.earlier_title.clone().unwrap_or_else(|| c.earlier_round.clone());
    let intro = match c.unavailable {
        Some("missing") => t(
            Key::SummaryCompareMissing,
            vec![("round", Arg::Str(c.earlier_round.clone()))],
        ),
        Some(_) => t(Key::SummaryCompareNotClosed, vec![("title", Arg::Str(title))]),
        None => {
            let day = |d: &Option<String>| d.as_deref().map(|d| day(d, lang, texts)).unwrap_or_default();
            let period = format!("{} – {}", day(&c.earlier_opened_on), day(&c.earlier_closed_on));
            t(
                Key::SummaryCompareIntro,
                vec![("title", Arg::Str(title)), ("period", Arg::Str(period))],
            )
        }
    };
    let pct = |x: Option<f64>| x.map_or_else(|| HIDDEN.to_owned(), |x| decimal(lang, x));
    let cell = |n: Option<i64>| n.map_or_else(|| HIDDEN.to_owned(), |n| n.to_string());
    let head = vec![
        t(Key::SummaryColAnswer, vec![]),
        t(Key::SummaryCompareColEarlier, vec![]),
        t(Key::SummaryCompareColNow, vec![]),
        t(Key::SummaryCompareColChange, vec![]),
    ];
    let tables = c
        .questions
        .iter()
        .map(|q| {
            let rows = q
                .rows
                .iter()
                .map(|r| {
                    let change = r.change.map_or_else(
                        || HIDDEN.to_owned(),
                        |d| {
                            let sign = if d > 0.05 {
                                "+"
                            } else if d < -0.05 {
                                "−"
                            } else {
                                ""
                            };
                            format!("{sign}{}", decimal(lang, d.abs()))
                        },
                    );
                    vec![r.label.clone(), pct(r.earlier_percent), pct(r.percent), change]
                })
                .collect();
            let mut notes = vec![t(
                Key::SummaryCompareAnswered,
                vec![
                    ("earlier", Arg::Str(cell(q.earlier_answered))),
                    ("now", Arg::Str(cell(q.answered))),
                ],
            )];
            if let (Some(a), Some(b)) = (q.earlier_mean, q.mean) {
                notes.push(t(
                    Key::SummaryCompareMean,
                    vec![
                        ("earlier", Arg::Str(decimal(lang, a))),
                        ("now", Arg::Str(decimal(lang, b))),
                    ],
                ));
            }
            CompareTable {
                caption: t(
                    Key::SummaryCompareCaption,
                    vec![("question", Arg::Str(q.text.clone()))],
                ),
                head: head.clone(),
                rows,
                notes,
            }
        })
        .collect();
    (intro, tables)
}
