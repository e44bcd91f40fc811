//! From stored answers to what a council may see. Every number published about
//! a round (participation, answered and skipped per question, each option,
//! group-poll votes) goes through one disclosure audit ([`crate::anon::disclosure`])
//! together with what links them, so no hidden count can be worked out from the
//! others. Figures derived from counts (percentages, mean and median, quotes)
//! are shown only when every count they rest on is shown. While a round is open
//! nothing but a rounded number of respondents shows, unless the round sets
//! `live_results` (then the service passes a snapshot that moves in steps of k).

use std::collections::BTreeMap;

use serde::Serialize;
use time::format_description::well_known::Rfc3339;

use super::themes;
use crate::anon::disclosure::{self, Cell, Relation, Weight};
use crate::domain::{AnswerValue, Condition, Lang, Question, QuestionKind, RoundState, Tally};
use crate::store::{GroupTotals, StoredRound};

/// Residents who started on one channel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelRow {
    /// `telegram`, `matrix` or `terminal`.
    pub channel: String,
    /// How many started there; `None` when hidden.
    pub respondents: Option<i64>,
}

/// One row of a question's table: an option, a scale point, yes or no.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionRow {
    /// Stable id: option id, scale value, `yes` or `no`.
    pub id: String,
    /// The label in the summary's language.
    pub label: String,
    /// How many chose it; `None` when hidden.
    pub count: Option<i64>,
    /// Share of those who answered the question, in percent; `None` when hidden.
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
    /// For a follow-up: the question whose answer decided who was asked.
    pub follow_up_of: Option<String>,
    /// For a follow-up: the answers to that question that led to it.
    pub asked_after: Vec<String>,
    /// How many gave a real answer; `None` when hidden.
    pub answered: Option<i64>,
    /// How many skipped; `None` when hidden.
    pub skipped: Option<i64>,
    /// Counts per option (empty for open questions), percentages of those who answered.
    pub options: Vec<OptionRow>,
    /// Scale questions whose every point is shown.
    pub scale: Option<ScaleStats>,
    /// Open answers (already scrubbed), when at least k answered and that count is shown.
    pub quotes: Vec<String>,
    /// True when open answers exist but are not shown.
    pub quotes_withheld: bool,
    /// Themes in the open answers, with their size (`None` when hidden) and a
    /// few of their answers.
    pub themes: Vec<ThemeRow>,
}

/// One theme of an open question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeRow {
    /// Its label: the word most used for it.
    pub label: String,
    /// The language of its answers.
    pub lang: Lang,
    /// How many answers are in it; `None` when hidden.
    pub size: Option<i64>,
    /// Two or three of its answers (none when its size is hidden).
    pub quotes: Vec<String>,
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
    /// All votes cast (for multiple choice: all ticks); `None` when hidden.
    pub votes: Option<i64>,
    /// Votes per answer, percentages of all votes.
    pub options: Vec<OptionRow>,
}

/// A round's summary for the council.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CouncilSummary {
    /// Round id.
    pub round: String,
    /// Title in the summary's language.
    pub title: String,
    /// The round's introduction, as residents read it.
    pub intro: String,
    /// Topic label.
    pub topic: String,
    /// Policy phase.
    pub phase: &'static str,
    /// Lifecycle state.
    pub state: &'static str,
    /// Planned opening (RFC 3339).
    pub opens: String,
    /// Planned closing moment (RFC 3339).
    pub closes: String,
    /// The day it really opened (YYYY-MM-DD), if it did.
    pub opened_on: Option<String>,
    /// The day it really closed (YYYY-MM-DD), if it did.
    pub closed_on: Option<String>,
    /// Who weighs the results.
    pub council: Option<String>,
    /// Intended audience.
    pub audience: Option<String>,
    /// The summary's language.
    pub language: &'static str,
    /// Residents who answered at least one question; `None` when hidden.
    pub respondents_started: Option<i64>,
    /// Residents who reached the end; `None` when hidden.
    pub respondents_completed: Option<i64>,
    /// Respondents who had taken part in an earlier round (counted when the
    /// round closed); `None` when hidden or not known.
    pub respondents_returning: Option<i64>,
    /// While results are hidden: respondents so far, rounded down to a multiple of k.
    pub respondents_at_least: Option<i64>,
    /// True when a few residents (fewer than k) who did not finish are left
    /// out of every figure, so that their small group does not hide the rest.
    pub unfinished_left_out: bool,
    /// True when the round counted who took part before (its count may still be hidden).
    pub returning_counted: bool,
    /// The smallest group shown.
    pub min_group_size: u32,
    /// True while results are withheld because the round is still open.
    pub results_hidden: bool,
    /// True when these are live results of an open round (a snapshot of finished responses).
    pub live: bool,
    /// Per question; empty while results are hidden.
    pub questions: Vec<QuestionSummary>,
    /// Totals of anonymous polls in groups; empty while results are hidden.
    pub group_results: Vec<GroupResult>,
    /// The formal advice this round informed (added by officials).
    pub advice: Vec<crate::store::AdviceLink>,
    /// Residents who started, per channel; empty while results are hidden.
    pub channels: Vec<ChannelRow>,
    /// Who was reached, per profile question, beside the population; empty
    /// while results are hidden.
    pub representativeness: Vec<super::representativeness::ProfileSummary>,
    /// What the municipality did with the input, oldest entry first (added by officials).
    pub outcomes: Vec<OutcomeLine>,
    /// Days from the round's closing to its first outcome entry.
    pub days_to_feedback: Option<i64>,
    /// The earlier round this one repeats, beside it (`follows` in the round file).
    pub comparison: Option<super::comparison::Comparison>,
}

/// One outcome entry as the summary's language tells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeLine {
    /// The day it was published (YYYY-MM-DD).
    pub date: String,
    /// `in-advice`, `adopted`, `partly-adopted` or `not-adopted`.
    pub status: &'static str,
    /// What was done, in the summary's language.
    pub text: String,
    /// When the next entry is due, if promised.
    pub review_by: Option<String>,
}

/// The outcome entries of a round in `lang`, and the days from closing to the first.
pub fn outcome_lines(
    outcomes: &[crate::domain::Outcome],
    closed_on: Option<&str>,
    lang: Lang,
) -> (Vec<OutcomeLine>, Option<i64>) {
    let lines = outcomes
        .iter()
        .map(|o| OutcomeLine {
            date: o.day.clone(),
            status: o.status.as_str(),
            text: o
                .texts
                .get(&lang)
                .or_else(|| o.texts.values().next())
                .cloned()
                .unwrap_or_default(),
            review_by: o.review_by.clone(),
        })
        .collect();
    let parse =
        |d: &str| time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]")).ok();
    let days = closed_on
        .and_then(parse)
        .zip(outcomes.first().and_then(|o| parse(&o.day)))
        .map(|(closed, first)| (first - closed).whole_days());
    (lines, days)
}

/// The counts a summary published, by name (`started`, `completed`,
/// `<question>:answered`, `<question>:skipped`, `<question>:<row>`): what an
/// earlier publication told, for the audit of a later one.
pub type Published = BTreeMap<String, i64>;

/// The counts a summary shows, by name.
pub fn published(s: &CouncilSummary) -> Published {
    let mut m = Published::new();
    let mut put = |name: String, v: Option<i64>| {
        if let Some(v) = v {
            m.insert(name, v);
        }
    };
    put("started".into(), s.respondents_started);
    put("completed".into(), s.respondents_completed);
    put("returning".into(), s.respondents_returning);
    for c in &s.channels {
        put(format!("channel:{}", c.channel), c.respondents);
    }
    for q in &s.questions {
        put(format!("{}:answered", q.id), q.answered);
        put(format!("{}:skipped", q.id), q.skipped);
        for o in &q.options {
            put(format!("{}:{}", q.id, o.id), o.count);
        }
    }
    m
}

/// Builds the council summary of a stored round from its tally. `live` says the
/// tally is a live snapshot of an open round (shown although the round is open).
pub fn build(
    stored: &StoredRound,
    tally: &Tally,
    groups: &[GroupTotals],
    lang: Lang,
    live: bool,
) -> CouncilSummary {
    build_after(stored, tally, groups, lang, live, &[])
}

/// Like [`build`], for a round of which `earlier` were already published (live
/// snapshots, oldest first): the differences between this and each of them are
/// residents too (those who came since), and no difference may single out a
/// small group. Every earlier one counts, not only the last: a count hidden
/// in the last one would otherwise let the one before it be compared.
pub fn build_after(
    stored: &StoredRound,
    tally: &Tally,
    groups: &[GroupTotals],
    lang: Lang,
    live: bool,
    earlier: &[Published],
) -> CouncilSummary {
    let round = &stored.round;
    let k = i64::from(round.min_group_size);
    let hidden = matches!(stored.state, RoundState::Draft | RoundState::Open) && !live;
    let mut summary = CouncilSummary {
        round: round.id.to_string(),
        title: round.title.get(lang).to_owned(),
        intro: round.intro.get(lang).to_owned(),
        topic: round.topic.clone(),
        phase: round.phase.as_str(),
        state: stored.state.as_str(),
        opens: round.opens.format(&Rfc3339).unwrap_or_default(),
        closes: round.closes.format(&Rfc3339).unwrap_or_default(),
        opened_on: stored.opened_on.clone(),
        closed_on: stored.closed_on.clone(),
        council: round.council.clone(),
        audience: round.audience.as_ref().map(|a| a.get(lang).to_owned()),
        language: lang.code(),
        respondents_started: None,
        respondents_completed: None,
        respondents_returning: None,
        respondents_at_least: None,
        unfinished_left_out: false,
        returning_counted: false,
        min_group_size: round.min_group_size,
        results_hidden: hidden,
        live,
        questions: Vec::new(),
        group_results: Vec::new(),
        advice: Vec::new(),
        channels: Vec::new(),
        representativeness: Vec::new(),
        outcomes: Vec::new(),
        days_to_feedback: None,
        comparison: None,
    };
    if hidden {
        summary.respondents_at_least = Some(at_least(tally.started, k));
        return summary;
    }
    let mut ledger = Ledger::of(stored, tally, groups, lang, live);
    ledger.since(earlier);
    let shown = ledger.shown(k);
    summary.respondents_started = shown[ledger.started];
    summary.respondents_completed = shown[ledger.completed];
    summary.respondents_returning = ledger.returning.and_then(|c| shown[c]);
    summary.returning_counted = ledger.returning.is_some();
    summary.channels = ledger
        .channels
        .iter()
        .map(|(name, c)| ChannelRow {
            channel: name.clone(),
            respondents: shown[*c],
        })
        .collect();
    summary.questions = ledger
        .questions
        .iter()
        .map(|q| q.publish(&shown, tally, k))
        .collect();
    summary.group_results = ledger.groups.iter().map(|g| g.publish(&shown)).collect();
    summary.representativeness =
        super::representativeness::build(round, &summary.questions, round.population.as_ref());
    summary
}

/// `n` rounded down to a multiple of k: how a count moves while a round is open,
/// so that watching it says nothing about one resident's answers.
pub fn at_least(n: i64, k: i64) -> i64 {
    n / k * k
}

/// Every published count of a round as audit cells, with the relations between them.
struct Ledger {
    cells: Vec<Cell>,
    relations: Vec<Relation>,
    started: usize,
    completed: usize,
    /// (channel, cell) of residents who started, per channel.
    channels: Vec<(String, usize)>,
    /// Respondents who took part in an earlier round, when known.
    returning: Option<usize>,
    /// The question whose cells are being made, if any (see [`Cell::group`]).
    table: Option<usize>,
    /// The smallest group shown (themes need it when they are found).
    k: i64,
    questions: Vec<QuestionCells>,
    groups: Vec<GroupCells>,
}

struct QuestionCells {
    id: String,
    text: String,
    kind: &'static str,
    scale: bool,
    open: bool,
    follow_up_of: Option<String>,
    asked_after: Vec<String>,
    answered: usize,
    skipped: usize,
    /// (id, label, cell) per row.
    rows: Vec<(String, String, usize)>,
    /// Themes in an open question's answers: the theme, and the cell of its size.
    themes: Vec<(themes::Theme, usize)>,
}

struct GroupCells {
    id: String,
    text: String,
    polls: i64,
    votes: usize,
    rows: Vec<(String, String, usize)>,
}

impl Ledger {
    fn of(stored: &StoredRound, tally: &Tally, groups: &[GroupTotals], lang: Lang, live: bool) -> Ledger {
        let round = &stored.round;
        let mut l = Ledger {
            cells: Vec::new(),
            relations: Vec::new(),
            started: 0,
            completed: 0,
            channels: Vec::new(),
            returning: None,
            table: None,
            k: i64::from(round.min_group_size),
            questions: Vec::new(),
            groups: Vec::new(),
        };
        l.started = l.cell(tally.started, Weight::Started);
        l.completed = l.cell(tally.completed, Weight::Completed);
        // Those who did not finish are a group too: started minus completed,
        // never published, but protected like any count.
        let unfinished = l.virtual_cell(tally.started - tally.completed);
        l.relations
            .push(Relation::sum(l.started, &[l.completed, unfinished]));
        if live {
            // A live snapshot counts finished residents only, as it says.
            l.relations.push(Relation::sum(l.started, &[l.completed]));
        } else if matches!(stored.state, RoundState::Closed | RoundState::Archived) {
            // Once closed, a few who did not finish (1 to k-1) are left out of
            // every count, so whoever knows that rule knows the unfinished are
            // none or at least k. The branch that holds is given to the audit
            // as known (the third trial pinned a hidden skip count without it).
            let k = i64::from(round.min_group_size);
            match tally.started - tally.completed {
                0 => l.relations.push(Relation::sum(l.started, &[l.completed])),
                gap if gap >= k => l.relations.push(Relation {
                    terms: vec![(l.completed, 1), (l.started, -1)],
                    op: disclosure::Op::Le,
                    rhs: -k,
                }),
                _ => {}
            }
        }
        // Who took part before, and so (a group too) who took part for the
        // first time: together those who started.
        if let Some(n) = stored.returning.filter(|n| (0..=tally.started).contains(n)) {
            let returning = l.cell(n, Weight::Row);
            let first_time = l.virtual_cell(tally.started - n);
            l.relations
                .push(Relation::sum(l.started, &[returning, first_time]));
            l.returning = Some(returning);
        }
        // Who started, per channel: the channels add up to those who started
        // (when every response knows its channel).
        if !tally.channels.is_empty() {
            l.channels = tally
                .channels
                .iter()
                .map(|(name, n)| (name.clone(), l.cell(*n, Weight::Row)))
                .collect();
            let parts: Vec<usize> = l.channels.iter().map(|(_, c)| *c).collect();
            if tally.channels.values().sum::<i64>() == tally.started {
                l.relations.push(Relation::sum(l.started, &parts));
            } else {
                l.relations.push(Relation::at_most(&parts, &[l.started]));
            }
        }
        for q in &round.questions {
            let values = tally
                .answers
                .get(q.id.as_str())
                .map(Vec::as_slice)
                .unwrap_or_default();
            l.table = Some(l.questions.len());
            let mut qc = l.question(q, values, lang);
            l.table = None;
            if let Some(cond) = &q.when
                && let Some(parent) = round.question(cond.question())
            {
                qc.asked_after = match cond {
                    Condition::Scale { values, .. } => values
                        .iter()
                        .map(|v| row_label(parent, &v.to_string(), lang))
                        .collect(),
                    Condition::Options { options, .. } => options
                        .iter()
                        .map(|o| row_label(parent, o.as_str(), lang))
                        .collect(),
                    Condition::YesNo { value, .. } => vec![yes_no(lang, *value).to_owned()],
                };
            }
            l.questions.push(qc);
        }
        // Residents go through the questions in order: whoever has an entry for a
        // question passed every earlier question that is always asked; everyone
        // who started passed the first; whoever has an entry for the last
        // question finished.
        let asked = |q: &QuestionCells| [q.answered, q.skipped];
        let mut earlier_always: Option<usize> = None;
        for (i, q) in round.questions.iter().enumerate() {
            if let Some(e) = earlier_always {
                let (later, before) = (asked(&l.questions[i]), asked(&l.questions[e]));
                if q.when.is_none() {
                    // Those who stopped between two questions everyone is asked
                    // are a group too (13 passed one, 12 the next: one stopped).
                    let count = |cells: &[usize]| cells.iter().map(|c| l.cells[*c].value).sum::<i64>();
                    let stopped = l.virtual_cell(count(&before) - count(&later));
                    let mut terms: Vec<(usize, i64)> = before.iter().map(|c| (*c, 1)).collect();
                    terms.extend(later.iter().map(|c| (*c, -1)));
                    terms.push((stopped, -1));
                    l.relations.push(Relation {
                        terms,
                        op: disclosure::Op::Eq,
                        rhs: 0,
                    });
                } else {
                    l.relations.push(Relation::at_most(&later, &before));
                }
            }
            if q.when.is_none() {
                earlier_always = Some(i);
            }
        }
        if let (Some(first), Some(last)) = (l.questions.first(), l.questions.last()) {
            if round.questions[0].when.is_none() {
                l.relations.push(Relation::at_most(&[l.started], &asked(first)));
            }
            l.relations.push(Relation::at_most(&asked(last), &[l.completed]));
        }
        // Follow-ups: only those whose earlier answer triggered them were asked;
        // of those, only residents who did not finish may lack an entry.
        for q in &round.questions {
            let Some(cond) = &q.when else { continue };
            let (Some(child), Some(parent)) = (l.find(q.id.as_str()), l.find(cond.question().as_str()))
            else {
                continue;
            };
            let asked = [l.questions[child].answered, l.questions[child].skipped];
            let triggers: Vec<usize> = l.questions[parent]
                .rows
                .iter()
                .filter(|(id, _, _)| triggered_by(cond, id))
                .map(|(_, _, c)| *c)
                .collect();
            l.relations.push(Relation::at_most(&asked, &triggers));
            let multi_parent = round
                .question(cond.question())
                .is_some_and(|p| matches!(p.kind, QuestionKind::Multi { .. }));
            if !multi_parent {
                // Those not asked are a group too (the answers that did not lead
                // to it, together): never published, but the follow-up's count
                // beside the parent's would give it.
                let others: Vec<usize> = l.questions[parent]
                    .rows
                    .iter()
                    .filter(|(id, _, _)| !triggered_by(cond, id))
                    .map(|(_, _, c)| *c)
                    .collect();
                if !others.is_empty() {
                    let value = others.iter().map(|c| l.cells[*c].value).sum();
                    let not_asked = l.virtual_cell(value);
                    l.relations.push(Relation::sum(not_asked, &others));
                }
                let mut terms: Vec<(usize, i64)> = triggers.iter().map(|c| (*c, 1)).collect();
                terms.extend(asked.iter().map(|c| (*c, -1)));
                terms.push((l.started, -1));
                terms.push((l.completed, 1));
                l.relations.push(Relation {
                    terms,
                    op: disclosure::Op::Le,
                    rhs: 0,
                });
            }
        }
        for g in groups {
            if let Some(q) = round.questions.iter().find(|q| q.id.as_str() == g.question_id) {
                let gc = l.group(q, g, lang);
                l.groups.push(gc);
            }
        }
        l
    }

    /// Every published cell by the name [`published`] gives it.
    fn named(&self) -> Vec<(String, usize)> {
        let mut out = vec![
            ("started".to_owned(), self.started),
            ("completed".to_owned(), self.completed),
        ];
        out.extend(self.returning.map(|c| ("returning".to_owned(), c)));
        out.extend(
            self.channels
                .iter()
                .map(|(name, c)| (format!("channel:{name}"), *c)),
        );
        for q in &self.questions {
            out.push((format!("{}:answered", q.id), q.answered));
            out.push((format!("{}:skipped", q.id), q.skipped));
            out.extend(q.rows.iter().map(|(id, _, c)| (format!("{}:{id}", q.id), *c)));
        }
        out
    }

    /// Adds what earlier publications told: for each count, the residents
    /// since the closest earlier value at or below it are a derived group that
    /// must not be singled out. The closest one leaves the smallest group:
    /// differences to older, smaller values are larger. (One relation a count,
    /// not one a publication: with every publication the audit took seconds.)
    fn since(&mut self, earlier: &[Published]) {
        for (name, cell) in self.named() {
            // A count that went down (answers changed meanwhile) tells no group.
            let now = self.cells[cell].value;
            let closest = earlier
                .iter()
                .filter_map(|p| p.get(&name))
                .filter(|b| now >= **b)
                .max();
            if let Some(before) = closest {
                let since = self.virtual_cell(self.cells[cell].value - before);
                self.relations.push(Relation {
                    terms: vec![(cell, 1), (since, -1)],
                    op: disclosure::Op::Eq,
                    rhs: *before,
                });
            }
        }
    }

    fn cell(&mut self, value: i64, weight: Weight) -> usize {
        self.cells.push(Cell {
            group: self.table,
            value,
            weight,
            published: true,
        });
        self.cells.len() - 1
    }

    /// A number never published but derivable, protected like a published one.
    fn virtual_cell(&mut self, value: i64) -> usize {
        self.cells.push(Cell {
            group: self.table,
            value,
            weight: Weight::Completed,
            published: false,
        });
        self.cells.len() - 1
    }

    fn find(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    fn question(&mut self, q: &Question, values: &[AnswerValue], lang: Lang) -> QuestionCells {
        let skipped_n = values.iter().filter(|v| !v.is_answered()).count() as i64;
        let answered_n = values.len() as i64 - skipped_n;
        let answered = self.cell(answered_n, Weight::Answered);
        let skipped = self.cell(skipped_n, Weight::Skipped);
        // Nobody is asked a question more often than there are respondents; every
        // finished respondent passed each question that is always asked.
        self.relations
            .push(Relation::at_most(&[answered, skipped], &[self.started]));
        if q.when.is_none() {
            self.relations
                .push(Relation::at_most(&[self.completed], &[answered, skipped]));
        }
        let rows: Vec<(String, String, usize)> = row_counts(q, values, lang)
            .into_iter()
            .map(|(id, label, n)| {
                let c = self.cell(n, Weight::Row);
                (id, label, c)
            })
            .collect();
        let row_cells: Vec<usize> = rows.iter().map(|r| r.2).collect();
        // Themes in open answers: each size a count like any other, the sizes
        // and those in no theme adding up to those who answered.
        let mut theme_cells = Vec::new();
        if matches!(q.kind, QuestionKind::Open { .. }) {
            let texts: Vec<String> = values
                .iter()
                .filter_map(|v| match v {
                    AnswerValue::Open(s) => Some(s.clone()),
                    _ => None,
                })
                .collect();
            let k = usize::try_from(self.k).unwrap_or(5);
            let found = themes::group(&texts, k);
            if !found.is_empty() {
                let inside: usize = found.iter().map(|t| t.members.len()).sum();
                for t in found {
                    let c = self.cell(t.members.len() as i64, Weight::Row);
                    theme_cells.push((t, c));
                }
                let other = self.virtual_cell(answered_n - inside as i64);
                let mut parts: Vec<usize> = theme_cells.iter().map(|(_, c)| *c).collect();
                parts.push(other);
                self.relations.push(Relation::sum(answered, &parts));
            }
        }
        match q.kind {
            QuestionKind::Multi { .. } => {
                // Those who did not tick an option are a group too (7 of 8 ticked
                // it: one did not): each option and its complement add up to
                // those who answered. Everyone ticked one at least.
                for c in &row_cells {
                    let not_ticked = self.virtual_cell(answered_n - self.cells[*c].value);
                    self.relations.push(Relation::sum(answered, &[*c, not_ticked]));
                }
                self.relations.push(Relation::at_most(&[answered], &row_cells));
            }
            QuestionKind::Open { .. } => {}
            _ => self.relations.push(Relation::sum(answered, &row_cells)),
        }
        QuestionCells {
            id: q.id.to_string(),
            text: q.text.get(lang).to_owned(),
            kind: q.kind.name(),
            scale: matches!(q.kind, QuestionKind::Scale { .. }),
            open: matches!(q.kind, QuestionKind::Open { .. }),
            follow_up_of: q.when.as_ref().map(|c| c.question().to_string()),
            asked_after: Vec::new(),
            answered,
            skipped,
            rows,
            themes: theme_cells,
        }
    }

    fn group(&mut self, q: &Question, g: &GroupTotals, lang: Lang) -> GroupCells {
        let all: i64 = g.votes.iter().map(|(_, n)| *n).sum();
        let votes = self.cell(all, Weight::Answered);
        let rows: Vec<(String, String, usize)> = g
            .votes
            .iter()
            .map(|(id, n)| {
                let c = self.cell(*n, Weight::Row);
                (id.clone(), row_label(q, id, lang), c)
            })
            .collect();
        let parts: Vec<usize> = rows.iter().map(|r| r.2).collect();
        self.relations.push(Relation::sum(votes, &parts));
        GroupCells {
            id: q.id.to_string(),
            text: q.text.get(lang).to_owned(),
            polls: g.polls,
            votes,
            rows,
        }
    }

    /// Every cell's value, or `None` where the audit hides it. A breakdown whose
    /// total is hidden is hidden whole, zeros included: "nobody chose B" beside a
    /// hidden total would tell what every respondent chose. (Hiding more only
    /// widens what an attacker can derive, so the audit's guarantee holds.)
    fn shown(&self, k: i64) -> Vec<Option<i64>> {
        let mut hidden = disclosure::protect(&self.cells, &self.relations, k);
        if hidden[self.started] {
            hidden.iter_mut().for_each(|h| *h = true);
        }
        let breakdowns = self
            .questions
            .iter()
            .map(|q| (q.answered, &q.rows))
            .chain(self.groups.iter().map(|g| (g.votes, &g.rows)));
        for (total, rows) in breakdowns {
            if hidden[total] {
                for (_, _, c) in rows {
                    hidden[*c] = true;
                }
            }
        }
        for q in &self.questions {
            if hidden[q.answered] {
                for (_, c) in &q.themes {
                    hidden[*c] = true;
                }
            }
        }
        self.cells
            .iter()
            .zip(hidden)
            .map(|(c, h)| (!h).then_some(c.value))
            .collect()
    }
}

impl QuestionCells {
    fn publish(&self, shown: &[Option<i64>], tally: &Tally, k: i64) -> QuestionSummary {
        let answered = shown[self.answered];
        let options = option_rows(&self.rows, shown, answered);
        // Mean and median rest on every point: shown only when each point is.
        let scale = (self.scale && options.iter().all(|o| o.count.is_some()))
            .then(|| {
                let points: Vec<(i64, i64)> = options
                    .iter()
                    .filter_map(|o| Some((o.id.parse().ok()?, o.count?)))
                    .collect();
                scale_stats(&points)
            })
            .flatten();
        let texts: Vec<String> = tally
            .answers
            .get(&self.id)
            .into_iter()
            .flatten()
            .filter_map(|v| match v {
                AnswerValue::Open(s) => Some(s.clone()),
                _ => None,
            })
            .collect();
        // The number of quotes is the number who answered: shown only with it.
        let show_quotes = answered.is_some_and(|n| n >= k);
        let themes = self
            .themes
            .iter()
            .map(|(theme, cell)| {
                let size = shown[*cell];
                // Two or three of its answers, the shortest first.
                let mut members: Vec<&String> = theme.members.iter().filter_map(|i| texts.get(*i)).collect();
                members.sort_by(|a, b| a.chars().count().cmp(&b.chars().count()).then_with(|| a.cmp(b)));
                members.dedup();
                let quotes = if show_quotes && size.is_some() {
                    members.into_iter().take(3).cloned().collect()
                } else {
                    Vec::new()
                };
                ThemeRow {
                    label: theme.label.clone(),
                    lang: theme.lang,
                    size,
                    quotes,
                }
            })
            .collect();
        // Each wording once: how many wrote exactly the same is a group of its
        // own, which the list must not let anyone count.
        let mut quotes = if show_quotes { texts } else { Vec::new() };
        quotes.sort_by_cached_key(|q| (q.trim().to_lowercase(), q.clone()));
        quotes.dedup_by(|a, b| a.trim().to_lowercase() == b.trim().to_lowercase());
        // Say that quotes are held back whenever the count is hidden, whether or
        // not there are any: "there are open answers" would tell at least one.
        let quotes_withheld = self.open && answered.is_none();
        QuestionSummary {
            id: self.id.clone(),
            text: self.text.clone(),
            kind: self.kind,
            follow_up_of: self.follow_up_of.clone(),
            asked_after: self.asked_after.clone(),
            answered,
            skipped: shown[self.skipped],
            options,
            scale,
            quotes,
            quotes_withheld,
            themes,
        }
    }
}

impl GroupCells {
    fn publish(&self, shown: &[Option<i64>]) -> GroupResult {
        let votes = shown[self.votes];
        GroupResult {
            id: self.id.clone(),
            text: self.text.clone(),
            polls: self.polls,
            votes,
            options: option_rows(&self.rows, shown, votes),
        }
    }
}

/// The published rows of a breakdown, percentages of its shown `total`.
fn option_rows(
    rows: &[(String, String, usize)],
    shown: &[Option<i64>],
    total: Option<i64>,
) -> Vec<OptionRow> {
    rows.iter()
        .map(|(id, label, c)| OptionRow {
            id: id.clone(),
            label: label.clone(),
            count: shown[*c],
            percent: percent(shown[*c], total),
        })
        .collect()
}

/// A share in percent, one decimal, when both counts are shown.
fn percent(count: Option<i64>, of: Option<i64>) -> Option<f64> {
    match (count, of) {
        (Some(n), Some(d)) if d > 0 => Some((n as f64 * 1000.0 / d as f64).round() / 10.0),
        _ => None,
    }
}

/// Mean (one decimal) and median of scale points given as (point, count).
fn scale_stats(points: &[(i64, i64)]) -> Option<ScaleStats> {
    let n: i64 = points.iter().map(|(_, c)| c).sum();
    if n == 0 {
        return None;
    }
    let sum: i64 = points.iter().map(|(p, c)| p * c).sum();
    let nth = |i: i64| {
        let mut seen = 0;
        points
            .iter()
            .find(|(_, c)| {
                seen += c;
                seen > i
            })
            .map_or(0, |(p, _)| *p)
    };
    let median = if n % 2 == 0 {
        (nth(n / 2 - 1) + nth(n / 2)) as f64 / 2.0
    } else {
        nth(n / 2) as f64
    };
    Some(ScaleStats {
        mean: (sum as f64 * 10.0 / n as f64).round() / 10.0,
        median,
    })
}

/// Whether a parent's row id is one that makes the follow-up apply.
fn triggered_by(cond: &Condition, row: &str) -> bool {
    match cond {
        Condition::Scale { values, .. } => values.iter().any(|v| v.to_string() == row),
        Condition::Options { options, .. } => options.iter().any(|o| o.as_str() == row),
        Condition::YesNo { value, .. } => row == if *value { "yes" } else { "no" },
    }
}

/// (row id, label, count) of each option, scale point or yes/no of a question.
fn row_counts(q: &Question, values: &[AnswerValue], lang: Lang) -> Vec<(String, String, i64)> {
    let count = |f: &dyn Fn(&AnswerValue) -> bool| values.iter().filter(|v| f(v)).count() as i64;
    match &q.kind {
        QuestionKind::Choice { options } | QuestionKind::Multi { options } => options
            .iter()
            .map(|o| {
                let n = count(&|v| match v {
                    AnswerValue::Choice(c) => c == &o.id,
                    AnswerValue::Multi(cs) => cs.contains(&o.id),
                    _ => false,
                });
                (o.id.to_string(), o.text.get(lang).to_owned(), n)
            })
            .collect(),
        QuestionKind::Scale { min, max, .. } => (*min..=*max)
            .map(|p| {
                let id = p.to_string();
                let label = row_label(q, &id, lang);
                (id, label, count(&|v| *v == AnswerValue::Scale(p)))
            })
            .collect(),
        QuestionKind::YesNo => [("yes", true), ("no", false)]
            .into_iter()
            .map(|(id, b)| {
                let n = count(&|v| *v == AnswerValue::YesNo(b));
                (id.to_owned(), yes_no(lang, b).to_owned(), n)
            })
            .collect(),
        QuestionKind::Open { .. } => Vec::new(),
    }
}

/// The label of a row id of question `q`.
fn row_label(q: &Question, id: &str, lang: Lang) -> String {
    match &q.kind {
        QuestionKind::Choice { options } | QuestionKind::Multi { options } => options
            .iter()
            .find(|o| o.id.as_str() == id)
            .map_or_else(|| id.to_owned(), |o| o.text.get(lang).to_owned()),
        QuestionKind::YesNo => yes_no(lang, id == "yes").into(),
        QuestionKind::Scale { min, max, labels } => match (labels, id.parse::<i64>()) {
            (Some(l), Ok(p)) if p == *min => format!("{p} ({})", l.low.get(lang)),
            (Some(l), Ok(p)) if p == *max => format!("{p} ({})", l.high.get(lang)),
            _ => id.to_owned(),
        },
        QuestionKind::Open { .. } => id.to_owned(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_mean_from_point_counts() {
        let s = scale_stats(&[(1, 2), (2, 0), (3, 3)]).unwrap();
        assert_eq!(s.median, 3.0);
        assert_eq!(s.mean, 2.2);
        let s = scale_stats(&[(1, 1), (5, 1)]).unwrap();
        assert_eq!(s.median, 3.0);
        assert_eq!(scale_stats(&[(1, 0)]), None);
    }
}
