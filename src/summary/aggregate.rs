//! From stored answers to what a council may see. A count below the round's
//! minimum group size (k) is suppressed, and so is every percentage built on it;
//! quotes show only when at least k residents answered; and while a round is open
//! only the number of respondents shows (unless the round sets `live_results`).

use std::collections::BTreeMap;

use serde::Serialize;
use time::format_description::well_known::Rfc3339;

use crate::domain::{AnswerValue, Lang, QuestionKind, RoundState};
use crate::store::{AnswerRow, ResponseCounts, StoredRound};

/// One row of a question's table: an option, a scale point, yes or no.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionRow {
    /// Stable id: option id, scale value, `yes` or `no`.
    pub id: String,
    /// The label in the summary's language.
    pub label: String,
    /// How many chose it; `None` when suppressed.
    pub count: Option<i64>,
    /// Share of those who answered, in percent; `None` when suppressed.
    pub percent: Option<f64>,
}

/// Mean and median of a scale question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleStats {
    /// Arithmetic mean.
    pub mean: f64,
    /// Median.
    pub median: f64,
}

/// What a council sees of one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionSummary {
    /// Question id.
    pub id: String,
    /// The question text.
    pub text: String,
    /// Kind name as in round files.
    pub kind: &'static str,
    /// How many gave a real answer; `None` when suppressed.
    pub answered: Option<i64>,
    /// How many skipped; `None` when suppressed.
    pub skipped: Option<i64>,
    /// Counts per option (empty for open questions).
    pub options: Vec<OptionRow>,
    /// For scale questions with enough answers.
    pub scale: Option<ScaleStats>,
    /// Open answers, when enough residents answered to show them.
    pub quotes: Vec<String>,
    /// True when open answers exist but too few to show.
    pub quotes_withheld: bool,
}

/// A round's summary for the council.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CouncilSummary {
    /// Round id.
    pub round: String,
    /// Title in the summary's language.
    pub title: String,
    /// Topic label.
    pub topic: String,
    /// Policy phase.
    pub phase: &'static str,
    /// Lifecycle state.
    pub state: &'static str,
    /// Planned opening (RFC 3339).
    pub opens: String,
    /// Closing moment (RFC 3339).
    pub closes: String,
    /// Who weighs the results.
    pub council: Option<String>,
    /// Intended audience.
    pub audience: Option<String>,
    /// The summary's language.
    pub language: &'static str,
    /// Residents who answered at least one question.
    pub respondents_started: i64,
    /// Residents who reached the end.
    pub respondents_completed: i64,
    /// The smallest group shown.
    pub min_group_size: u32,
    /// True while results are withheld because the round is still open.
    pub results_hidden: bool,
    /// Per question; empty while results are hidden.
    pub questions: Vec<QuestionSummary>,
}

/// Builds the council summary of a stored round.
pub fn build(
    stored: &StoredRound,
    counts: &ResponseCounts,
    rows: &[AnswerRow],
    lang: Lang,
) -> CouncilSummary {
    let round = &stored.round;
    let k = i64::from(round.min_group_size);
    let hidden = matches!(stored.state, RoundState::Draft | RoundState::Open) && !round.live_results;
    let show = |n: i64| (n == 0 || n >= k).then_some(n);

    let mut by_question: BTreeMap<&str, Vec<AnswerValue>> = BTreeMap::new();
    for row in rows {
        if let Ok(v) = serde_json::from_str::<AnswerValue>(&row.value) {
            by_question.entry(row.question_id.as_str()).or_default().push(v);
        }
    }

    let questions = if hidden {
        Vec::new()
    } else {
        round
            .questions
            .iter()
            .map(|q| {
                let values = by_question
                    .get(q.id.as_str())
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                let answered = values.iter().filter(|v| v.is_answered()).count() as i64;
                let skipped = values.len() as i64 - answered;
                let enough = answered >= k;
                let row = |id: String, label: String, n: i64| {
                    let count = if enough { show(n) } else { None };
                    OptionRow {
                        id,
                        label,
                        count,
                        percent: count
                            .filter(|_| answered > 0)
                            .map(|n| round1(n as f64 * 100.0 / answered as f64)),
                    }
                };
                let mut options = Vec::new();
                let mut scale = None;
                let mut quotes = Vec::new();
                let mut quotes_withheld = false;
                match &q.kind {
                    QuestionKind::Choice { options: opts } | QuestionKind::Multi { options: opts } => {
                        for o in opts {
                            let n = values
                                .iter()
                                .filter(|v| match v {
                                    AnswerValue::Choice(c) => c == &o.id,
                                    AnswerValue::Multi(cs) => cs.contains(&o.id),
                                    _ => false,
                                })
                                .count() as i64;
                            options.push(row(o.id.to_string(), o.text.get(lang).to_owned(), n));
                        }
                    }
                    QuestionKind::Scale { min, max, labels } => {
                        let mut points: Vec<i64> = values
                            .iter()
                            .filter_map(|v| match v {
                                AnswerValue::Scale(n) => Some(*n),
                                _ => None,
                            })
                            .collect();
                        for p in *min..=*max {
                            let n = points.iter().filter(|x| **x == p).count() as i64;
                            let label = match labels {
                                Some(l) if p == *min => format!("{p} ({})", l.low.get(lang)),
                                Some(l) if p == *max => format!("{p} ({})", l.high.get(lang)),
                                _ => p.to_string(),
                            };
                            options.push(row(p.to_string(), label, n));
                        }
                        if enough && !points.is_empty() {
                            points.sort_unstable();
                            let mean = points.iter().sum::<i64>() as f64 / points.len() as f64;
                            let mid = points.len() / 2;
                            let median = if points.len().is_multiple_of(2) {
                                (points[mid - 1] + points[mid]) as f64 / 2.0
                            } else {
                                points[mid] as f64
                            };
                            scale = Some(ScaleStats {
                                mean: round1(mean),
                                median,
                            });
                        }
                    }
                    QuestionKind::YesNo => {
                        for (id, b) in [("yes", true), ("no", false)] {
                            let n = values.iter().filter(|v| **v == AnswerValue::YesNo(b)).count() as i64;
                            let label = match (lang, b) {
                                (Lang::Nl, true) => "Ja",
                                (Lang::Nl, false) => "Nee",
                                (Lang::En, true) => "Yes",
                                (Lang::En, false) => "No",
                            };
                            options.push(row(id.to_owned(), label.to_owned(), n));
                        }
                    }
                    QuestionKind::Open { .. } => {
                        let texts: Vec<String> = values
                            .iter()
                            .filter_map(|v| match v {
                                AnswerValue::Open(s) => Some(s.clone()),
                                _ => None,
                            })
                            .collect();
                        if enough && counts.started >= k {
                            quotes = texts;
                            quotes.sort();
                        } else {
                            quotes_withheld = !texts.is_empty();
                        }
                    }
                }
                QuestionSummary {
                    id: q.id.to_string(),
                    text: q.text.get(lang).to_owned(),
                    kind: q.kind.name(),
                    answered: show(answered),
                    skipped: show(skipped),
                    options,
                    scale,
                    quotes,
                    quotes_withheld,
                }
            })
            .collect()
    };

    CouncilSummary {
        round: round.id.to_string(),
        title: round.title.get(lang).to_owned(),
        topic: round.topic.clone(),
        phase: round.phase.as_str(),
        state: stored.state.as_str(),
        opens: round.opens.format(&Rfc3339).unwrap_or_default(),
        closes: round.closes.format(&Rfc3339).unwrap_or_default(),
        council: round.council.clone(),
        audience: round.audience.as_ref().map(|a| a.get(lang).to_owned()),
        language: lang.code(),
        respondents_started: counts.started,
        respondents_completed: counts.completed,
        min_group_size: round.min_group_size,
        results_hidden: hidden,
        questions,
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
