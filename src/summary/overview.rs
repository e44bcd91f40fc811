//! The seeds' questions in figures, across rounds: how many rounds asked early
//! in the policy cycle (agenda or preparation, when input can still change
//! things), how many residents each reached and how many of them had taken part
//! before, and whether and how soon residents heard what was done with their
//! input. Every per-round figure comes from that round's audited summary.

use serde::Serialize;
use time::Date;
use time::macros::format_description;

use super::CouncilSummary;

/// The overview of every round that ran since a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overview {
    /// The first day counted (YYYY-MM-DD); `None`: every round.
    pub since: Option<String>,
    /// The rounds, oldest first.
    pub rounds: Vec<RoundLine>,
    /// How many rounds ran.
    pub rounds_total: usize,
    /// How many asked in the agenda or preparation phase.
    pub rounds_early: usize,
    /// That share, in percent.
    pub early_percent: Option<f64>,
    /// How many have closed.
    pub rounds_closed: usize,
    /// How many closed rounds have at least one outcome entry.
    pub closed_with_feedback: usize,
    /// That share of closed rounds, in percent.
    pub feedback_percent: Option<f64>,
    /// The median days from closing to the first outcome entry.
    pub median_days_to_feedback: Option<f64>,
    /// Rounds whose promised next outcome entry (review-by) is overdue.
    pub rounds_overdue: usize,
}

/// One round in the overview.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundLine {
    /// Round id.
    pub round: String,
    /// Its title.
    pub title: String,
    /// Its phase in the policy cycle.
    pub phase: &'static str,
    /// Its state.
    pub state: &'static str,
    /// The day it opened.
    pub opened_on: Option<String>,
    /// The day it closed.
    pub closed_on: Option<String>,
    /// Respondents; `None` when hidden or the round is open.
    pub respondents: Option<i64>,
    /// While open: respondents so far, rounded down to a multiple of k.
    pub respondents_at_least: Option<i64>,
    /// Respondents who had taken part before; `None` when hidden or not known.
    pub returning: Option<i64>,
    /// How many outcome entries it has.
    pub outcome_entries: usize,
    /// The status of its latest outcome entry.
    pub latest_status: Option<&'static str>,
    /// Days from closing to the first outcome entry.
    pub days_to_feedback: Option<i64>,
    /// Its promised next outcome entry is overdue.
    pub review_overdue: bool,
}

/// The overview of `summaries` (every round that opened on or after `since`),
/// as of `today`.
pub fn build(summaries: &[CouncilSummary], since: Option<Date>, today: Date) -> Overview {
    let day = |s: &str| Date::parse(s, format_description!("[year]-[month]-[day]")).ok();
    let mut rounds: Vec<RoundLine> = summaries
        .iter()
        .filter(|s| {
            s.opened_on
                .as_deref()
                .and_then(day)
                .is_some_and(|o| since.is_none_or(|d| o >= d))
        })
        .map(|s| RoundLine {
            round: s.round.clone(),
            title: s.title.clone(),
            phase: s.phase,
            state: s.state,
            opened_on: s.opened_on.clone(),
            closed_on: s.closed_on.clone(),
            respondents: s.respondents_started,
            respondents_at_least: s.respondents_at_least,
            returning: s.respondents_returning,
            outcome_entries: s.outcomes.len(),
            latest_status: s.outcomes.last().map(|o| o.status),
            days_to_feedback: s.days_to_feedback,
            review_overdue: s
                .outcomes
                .last()
                .and_then(|o| o.review_by.as_deref())
                .and_then(day)
                .is_some_and(|r| r < today),
        })
        .collect();
    rounds.sort_by(|a, b| (&a.opened_on, &a.round).cmp(&(&b.opened_on, &b.round)));
    let percent = |part: usize, whole: usize| (whole > 0).then(|| part as f64 * 100.0 / whole as f64);
    let total = rounds.len();
    let early = rounds
        .iter()
        .filter(|r| matches!(r.phase, "agenda" | "preparation"))
        .count();
    let closed: Vec<&RoundLine> = rounds.iter().filter(|r| r.closed_on.is_some()).collect();
    let with_feedback = closed.iter().filter(|r| r.outcome_entries > 0).count();
    let mut days: Vec<i64> = closed.iter().filter_map(|r| r.days_to_feedback).collect();
    days.sort_unstable();
    let median = match days.len() {
        0 => None,
        n if n % 2 == 1 => Some(days[n / 2] as f64),
        n => Some((days[n / 2 - 1] + days[n / 2]) as f64 / 2.0),
    };
    Overview {
        since: since.map(|d| d.to_string()),
        rounds_total: total,
        rounds_early: early,
        early_percent: percent(early, total),
        rounds_closed: closed.len(),
        closed_with_feedback: with_feedback,
        feedback_percent: percent(with_feedback, closed.len()),
        median_days_to_feedback: median,
        rounds_overdue: rounds.iter().filter(|r| r.review_overdue).count(),
        rounds,
    }
}
