//! From stored answers to what a council may see. Counts pass the small-group
//! rules of `anon::suppression` (a suppressed count takes its percentage with it);
//! quotes show only when at least k residents answered; and while a round is open
//! only the number of respondents shows (unless the round sets `live_results`).

use std::collections::BTreeMap;

use serde::Serialize;
use time::format_description::well_known::Rfc3339;

use crate::anon::suppression;
use crate::domain::{AnswerValue, Lang, Question, QuestionKind, RoundState};
use crate::store::{AnswerRow, GroupTotals, ResponseCounts, StoredRound};

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
    /// How many were asked (answered plus skipped); `None` when suppressed.
    pub asked: Option<i64>,
    /// How many gave a real answer; `None` when suppressed.
    pub answered: Option<i64>,
    /// How many skipped; `None` when suppressed.
    pub skipped: Option<i64>,
    /// Counts per option (empty for open questions), percentages of those asked.
    pub options: Vec<OptionRow>,
    /// For scale questions with enough answers.
    pub scale: Option<ScaleStats>,
    /// Open answers (already scrubbed), when enough residents answered to show them.
    pub quotes: Vec<String>,
    /// True when open answers exist but too few to show.
    pub quotes_withheld: bool,
}

/// Totals of the anonymous polls posted in groups for one question. Kept apart
/// from the private answers: the same people may have voted in both.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupResult {
    /// Question id.
    pub id: String,
    /// The question text.
    pub text: String,
    /// How many polls asked it.
    pub polls: i64,
    /// All votes cast; `None` when suppressed.
    pub votes: Option<i64>,
    /// Votes per answer, percentages of all votes (none for multiple choice).
    pub options: Vec<OptionRow>,
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
    /// Totals of anonymous polls in groups; empty while results are hidden.
    pub group_results: Vec<GroupResult>,
}

/// Builds the council summary of a stored round.
pub fn build(
    stored: &StoredRound,
    counts: &ResponseCounts,
    rows: &[AnswerRow],
    groups: &[GroupTotals],
    lang: Lang,
) -> CouncilSummary {
    let round = &stored.round;
    let k = i64::from(round.min_group_size);
    let hidden = matches!(stored.state, RoundState::Draft | RoundState::Open) && !round.live_results;

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
                question(q, values, counts.started, k, lang)
            })
            .collect()
    };

    let group_results = if hidden {
        Vec::new()
    } else {
        groups
            .iter()
            .filter_map(|g| group_result(round, g, k, lang))
            .collect()
    };

    CouncilSummary {
        group_results,
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

/// One question's table: the options and "skipped" form a breakdown of those asked,
/// protected together so no suppressed cell can be recovered from the total.
fn question(q: &Question, values: &[AnswerValue], started: i64, k: i64, lang: Lang) -> QuestionSummary {
    let asked_n = values.len() as i64;
    let skipped_n = values.iter().filter(|v| !v.is_answered()).count() as i64;
    let answered_n = asked_n - skipped_n;
    let asked = suppression::protect_total(asked_n, k);
    let percent = |n: Option<i64>| {
        n.filter(|_| asked_n > 0 && asked.is_some())
            .map(|n| round1(n as f64 * 100.0 / asked_n as f64))
    };
    // Rows as (id, label, count) before protection.
    let rows: Vec<(String, String, i64)> = match &q.kind {
        QuestionKind::Choice { options } | QuestionKind::Multi { options } => options
            .iter()
            .map(|o| {
                let n = values
                    .iter()
                    .filter(|v| match v {
                        AnswerValue::Choice(c) => c == &o.id,
                        AnswerValue::Multi(cs) => cs.contains(&o.id),
                        _ => false,
                    })
                    .count() as i64;
                (o.id.to_string(), o.text.get(lang).to_owned(), n)
            })
            .collect(),
        QuestionKind::Scale { min, max, labels } => (*min..=*max)
            .map(|p| {
                let n = values.iter().filter(|v| **v == AnswerValue::Scale(p)).count() as i64;
                let label = match labels {
                    Some(l) if p == *min => format!("{p} ({})", l.low.get(lang)),
                    Some(l) if p == *max => format!("{p} ({})", l.high.get(lang)),
                    _ => p.to_string(),
                };
                (p.to_string(), label, n)
            })
            .collect(),
        QuestionKind::YesNo => [("yes", true), ("no", false)]
            .into_iter()
            .map(|(id, b)| {
                let n = values.iter().filter(|v| **v == AnswerValue::YesNo(b)).count() as i64;
                let label = yes_no(lang, b);
                (id.to_owned(), label.to_owned(), n)
            })
            .collect(),
        QuestionKind::Open { .. } => Vec::new(),
    };

    let exclusive = matches!(
        q.kind,
        QuestionKind::Choice { .. } | QuestionKind::Scale { .. } | QuestionKind::YesNo
    );
    let (option_cells, skipped, answered) = if exclusive {
        // Options and skips add up to those asked.
        let mut cells: Vec<i64> = rows.iter().map(|r| r.2).collect();
        cells.push(skipped_n);
        let mut shown = suppression::protect_breakdown(&cells, k);
        let skipped = shown.pop().flatten();
        // Answered = asked − skipped, so it shows exactly when skipped does.
        let answered = skipped.and(asked).map(|_| answered_n);
        (shown, skipped, answered)
    } else {
        let pair = suppression::protect_breakdown(&[answered_n, skipped_n], k);
        let cells = if asked.is_some() {
            suppression::protect_cells(&rows.iter().map(|r| r.2).collect::<Vec<_>>(), k)
        } else {
            vec![None; rows.len()]
        };
        (cells, pair[1], pair[0])
    };
    let options = rows
        .into_iter()
        .zip(option_cells)
        .map(|((id, label, _), count)| OptionRow {
            id,
            label,
            count,
            percent: percent(count),
        })
        .collect();

    let enough_answers = answered.is_some_and(|n| n >= k);
    let scale = match q.kind {
        QuestionKind::Scale { .. } if enough_answers => {
            let mut points: Vec<i64> = values
                .iter()
                .filter_map(|v| match v {
                    AnswerValue::Scale(n) => Some(*n),
                    _ => None,
                })
                .collect();
            points.sort_unstable();
            let mean = points.iter().sum::<i64>() as f64 / points.len() as f64;
            let mid = points.len() / 2;
            let median = if points.len().is_multiple_of(2) {
                (points[mid - 1] + points[mid]) as f64 / 2.0
            } else {
                points[mid] as f64
            };
            Some(ScaleStats {
                mean: round1(mean),
                median,
            })
        }
        _ => None,
    };
    let texts: Vec<String> = values
        .iter()
        .filter_map(|v| match v {
            AnswerValue::Open(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    let show_quotes = enough_answers && started >= k;
    let mut quotes = if show_quotes { texts.clone() } else { Vec::new() };
    quotes.sort();
    QuestionSummary {
        id: q.id.to_string(),
        text: q.text.get(lang).to_owned(),
        kind: q.kind.name(),
        asked,
        answered,
        skipped,
        options,
        scale,
        quotes,
        quotes_withheld: !show_quotes && !texts.is_empty(),
    }
}

/// One question's group poll totals, protected like the private answers.
fn group_result(
    round: &crate::domain::Round,
    totals: &GroupTotals,
    k: i64,
    lang: Lang,
) -> Option<GroupResult> {
    let q = round
        .questions
        .iter()
        .find(|q| q.id.as_str() == totals.question_id)?;
    let label = |id: &str| -> String {
        match &q.kind {
            QuestionKind::Choice { options } | QuestionKind::Multi { options } => options
                .iter()
                .find(|o| o.id.as_str() == id)
                .map_or_else(|| id.to_owned(), |o| o.text.get(lang).to_owned()),
            QuestionKind::YesNo => yes_no(lang, id == "yes").into(),
            _ => id.to_owned(),
        }
    };
    let counts: Vec<i64> = totals.votes.iter().map(|(_, n)| *n).collect();
    let all: i64 = counts.iter().sum();
    let multi = matches!(q.kind, QuestionKind::Multi { .. });
    let shown = if multi {
        if suppression::protect_total(all, k).is_some() {
            suppression::protect_cells(&counts, k)
        } else {
            vec![None; counts.len()]
        }
    } else {
        suppression::protect_breakdown(&counts, k)
    };
    let votes = suppression::protect_total(all, k);
    let options = totals
        .votes
        .iter()
        .zip(shown)
        .map(|((id, _), count)| OptionRow {
            id: id.clone(),
            label: label(id),
            count,
            percent: count
                .filter(|_| !multi && all > 0 && votes.is_some())
                .map(|n| round1(n as f64 * 100.0 / all as f64)),
        })
        .collect();
    Some(GroupResult {
        id: q.id.to_string(),
        text: q.text.get(lang).to_owned(),
        polls: totals.polls,
        votes,
        options,
    })
}

/// The yes/no row labels of a summary table.
fn yes_no(lang: Lang, yes: bool) -> &'static str {
    match (lang, yes) {
        (Lang::Nl, true) => "Ja",
        (Lang::Nl, false) => "Nee",
        (Lang::En, true) => "Yes",
        (Lang::En, false) => "No",
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
