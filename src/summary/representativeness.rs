//! Who was reached, beside the population: per profile question (age band,
//! neighbourhood, ...) each category's share among respondents and in the
//! population, the groups reached least, and two figures per field: the ratio
//! of the lowest to the highest participation rate (rate = respondents /
//! population, as Go Vocal's representativeness score has it; 1 is even) and
//! the proportional similarity (the sum over categories of the smaller of the
//! two shares; 1 is a perfect mirror).
//!
//! Everything here is worked out from counts the audit already published: a
//! share, rate or score is given only when every category count of its field
//! is shown, so it tells nothing the published counts do not.

use serde::Serialize;

use super::{HIDDEN, QuestionSummary, decimal};
use crate::domain::{Lang, Population, RATHER_NOT_SAY, Round};
use crate::engine::{Arg, Text};
use crate::i18n::{Key, Localizer};

/// A category counts as under-reached when its share among respondents is
/// below this part of its share in the population.
pub const UNDER_REACHED: f64 = 0.8;

/// Who was reached on one profile question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileSummary {
    /// The profile question's id.
    pub question: String,
    /// Its text.
    pub text: String,
    /// Where the population figures come from; `None` without a population table.
    pub source: Option<String>,
    /// One row per category (option), "rather not say" apart.
    pub rows: Vec<ReachRow>,
    /// Respondents who chose "rather not say"; `None` when hidden.
    pub rather_not_say: Option<i64>,
    /// Respondents who skipped the question; `None` when hidden.
    pub skipped: Option<i64>,
    /// Lowest participation rate divided by the highest (0 to 1); `None`
    /// without population figures or when a category count is hidden.
    pub rate_ratio: Option<f64>,
    /// Sum over categories of the smaller of reached and population share (0 to 1).
    pub proportional_similarity: Option<f64>,
    /// True when population figures exist but the shares are withheld because
    /// a category count is hidden.
    pub withheld: bool,
}

/// One category of a profile question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReachRow {
    /// Option id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// Respondents in it; `None` when hidden.
    pub reached: Option<i64>,
    /// Its share among respondents who named a category, in percent.
    pub reached_percent: Option<f64>,
    /// Its share of the population, in percent.
    pub population_percent: Option<f64>,
    /// Respondents per 1,000 people, when the table gives numbers of people.
    pub per_thousand: Option<f64>,
    /// Reached share divided by population share (1 is in proportion).
    pub index: Option<f64>,
    /// Reached clearly less than its share ([`UNDER_REACHED`]).
    pub under_reached: bool,
}

/// Who was reached on each profile question of `round`, from the published
/// question summaries.
pub fn build(
    round: &Round,
    questions: &[QuestionSummary],
    population: Option<&Population>,
) -> Vec<ProfileSummary> {
    round
        .profile_questions()
        .filter_map(|q| {
            let published = questions.iter().find(|s| s.id == q.id.as_str())?;
            let field = population.and_then(|p| p.field(q.id.as_str()));
            Some(profile(published, field, population.map(|p| p.source.clone())))
        })
        .collect()
}

fn profile(
    q: &QuestionSummary,
    field: Option<&crate::domain::PopulationField>,
    source: Option<String>,
) -> ProfileSummary {
    let categories: Vec<_> = q.options.iter().filter(|o| o.id != RATHER_NOT_SAY).collect();
    let rather_not_say = q
        .options
        .iter()
        .find(|o| o.id == RATHER_NOT_SAY)
        .and_then(|o| o.count);
    let shares = field.map(|f| f.shares()).unwrap_or_default();
    let population_share = |id: &str| shares.iter().find(|(o, _)| o.as_str() == id).map(|(_, s)| *s);
    let people = |id: &str| {
        field
            .filter(|f| f.counts)
            .and_then(|f| f.categories.iter().find(|(o, _)| o.as_str() == id))
            .map(|(_, n)| *n)
    };
    // Shares among respondents rest on how many named a group: the sum of
    // the groups when all are shown, else those who answered minus "rather
    // not say" when both are shown (then a hidden group's share stays hidden).
    let all_shown = categories.iter().all(|o| o.count.is_some());
    let named: Option<i64> = if all_shown {
        Some(categories.iter().filter_map(|o| o.count).sum())
    } else {
        q.answered.zip(rather_not_say).map(|(a, r)| a - r)
    }
    .filter(|n| *n > 0);
    let reached_share = |n: Option<i64>| n.zip(named).map(|(n, named)| n as f64 / named as f64);
    let rows: Vec<ReachRow> = categories
        .iter()
        .map(|o| {
            let reached = reached_share(o.count);
            let pop = population_share(&o.id);
            let index = reached.zip(pop).map(|(r, p)| r / p);
            ReachRow {
                id: o.id.clone(),
                label: o.label.clone(),
                reached: o.count,
                reached_percent: reached.map(|r| r * 100.0),
                population_percent: pop.map(|p| p * 100.0),
                per_thousand: o.count.zip(people(&o.id)).map(|(n, p)| n as f64 / p * 1000.0),
                index,
                under_reached: index.is_some_and(|i| i < UNDER_REACHED),
            }
        })
        .collect();
    let comparable = field.is_some() && all_shown && named.is_some();
    // Rate = respondents / population; with shares, rates keep their ratios.
    let rates: Vec<f64> = rows
        .iter()
        .filter_map(|r| r.reached.zip(population_share(&r.id)).map(|(n, p)| n as f64 / p))
        .collect();
    let rate_ratio = comparable.then(|| {
        let max = rates.iter().copied().fold(0.0, f64::max);
        let min = rates.iter().copied().fold(f64::INFINITY, f64::min);
        if max > 0.0 { min / max } else { 0.0 }
    });
    let proportional_similarity = comparable.then(|| {
        rows.iter()
            .filter_map(|r| r.reached_percent.zip(r.population_percent))
            .map(|(a, b)| a.min(b) / 100.0)
            .sum()
    });
    ProfileSummary {
        question: q.id.clone(),
        text: q.text.clone(),
        source: field.and(source),
        rows,
        rather_not_say,
        skipped: q.skipped,
        rate_ratio,
        proportional_similarity,
        withheld: field.is_some() && !comparable,
    }
}

/// A profile question's table as words and figures, the same in every format
/// for people: a caption, column heads, rows (the last cell says whether the
/// group was under-reached) and notes below it.
pub struct ReachTable {
    /// What the table shows.
    pub caption: String,
    /// Column heads.
    pub head: Vec<String>,
    /// One row per group; each cell already formatted (hidden: [`HIDDEN`]).
    pub rows: Vec<Vec<String>>,
    /// Per row: whether the group was under-reached.
    pub under: Vec<bool>,
    /// Lines below the table: rather-not-say, scores or why they are missing.
    pub notes: Vec<String>,
}

/// The table of one profile question in `lang`.
pub fn table(p: &ProfileSummary, k: i64, lang: Lang, texts: &Localizer) -> ReachTable {
    let t = |key: Key, args: Vec<(&'static str, Arg)>| texts.render(lang, &Text::with(key, args));
    let cell = |n: Option<i64>| n.map_or_else(|| HIDDEN.to_owned(), |n| n.to_string());
    let pct = |x: Option<f64>| x.map_or_else(|| HIDDEN.to_owned(), |x| decimal(lang, x));
    let with_population = p.source.is_some();
    let per_thousand = p.rows.iter().any(|r| r.per_thousand.is_some());
    let mut head = vec![
        t(Key::SummaryReachColGroup, vec![]),
        t(Key::SummaryReachColReached, vec![]),
    ];
    if with_population {
        head.push(t(Key::SummaryReachColReachedShare, vec![]));
        head.push(t(Key::SummaryReachColPopulationShare, vec![]));
        if per_thousand {
            head.push(t(Key::SummaryReachColPerThousand, vec![]));
        }
        head.push(String::new());
    }
    let mut rows = Vec::new();
    for r in &p.rows {
        let mut row = vec![r.label.clone(), cell(r.reached)];
        if with_population {
            row.push(pct(r.reached_percent));
            row.push(pct(r.population_percent));
            if per_thousand {
                row.push(pct(r.per_thousand));
            }
            row.push(if r.under_reached {
                t(Key::SummaryReachUnder, vec![])
            } else {
                String::new()
            });
        }
        rows.push(row);
    }
    let mut notes = vec![t(
        Key::SummaryReachRatherNotSay,
        vec![
            ("count", Arg::Str(cell(p.rather_not_say))),
            ("skipped", Arg::Str(cell(p.skipped))),
        ],
    )];
    match (p.rate_ratio, p.proportional_similarity) {
        (Some(ratio), Some(similarity)) => notes.push(t(
            Key::SummaryReachScores,
            vec![
                ("ratio", Arg::Str(two_decimals(lang, ratio))),
                ("similarity", Arg::Str(two_decimals(lang, similarity))),
            ],
        )),
        _ if p.withheld => notes.push(t(Key::SummaryReachWithheld, vec![("k", Arg::Num(k))])),
        _ if !with_population => notes.push(t(Key::SummaryReachNoPopulation, vec![])),
        _ => {}
    }
    ReachTable {
        caption: t(
            Key::SummaryReachCaption,
            vec![("question", Arg::Str(p.text.clone()))],
        ),
        head,
        under: p.rows.iter().map(|r| r.under_reached).collect(),
        rows,
        notes,
    }
}

/// The introduction above the tables, naming where the figures come from.
pub fn intro(s: &[ProfileSummary], lang: Lang, texts: &Localizer) -> Option<String> {
    let source = s.iter().find_map(|p| p.source.clone())?;
    Some(texts.render(
        lang,
        &Text::with(Key::SummaryReachIntro, vec![("source", Arg::Str(source))]),
    ))
}

/// A score such as 0.21 as the language writes it ("0,21" in Dutch).
fn two_decimals(lang: Lang, x: f64) -> String {
    let s = format!("{x:.2}");
    match lang {
        Lang::Nl => s.replace('.', ","),
        Lang::En => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{OptionId, PopulationField, QuestionId};
    use crate::summary::OptionRow;

    fn row(id: &str, count: Option<i64>) -> OptionRow {
        OptionRow {
            id: id.into(),
            label: id.into(),
            count,
            percent: None,
        }
    }

    fn question(rows: Vec<OptionRow>) -> QuestionSummary {
        QuestionSummary {
            id: "leeftijd".into(),
            text: "Hoe oud bent u?".into(),
            kind: "choice",
            follow_up_of: None,
            asked_after: Vec::new(),
            answered: Some(rows.iter().filter_map(|r| r.count).sum()),
            skipped: Some(0),
            options: rows,
            scale: None,
            quotes: Vec::new(),
            quotes_withheld: false,
            themes: Vec::new(),
        }
    }

    fn field(shares: &[(&str, f64)], counts: bool) -> PopulationField {
        PopulationField {
            question: QuestionId::parse("leeftijd").unwrap(),
            categories: shares
                .iter()
                .map(|(id, v)| (OptionId::parse(id).unwrap(), *v))
                .collect(),
            counts,
        }
    }

    /// Worked out by hand: 10, 20 and 30 respondents against 40%, 35% and 25%
    /// of the population. Shares reached 1/6, 1/3, 1/2; rates 10/0.40 = 25,
    /// 20/0.35 = 57.14, 30/0.25 = 120, so the ratio is 25/120 = 0.2083; the
    /// similarity is 1/6 + 1/3 + 1/4 = 0.75. The youngest are under-reached
    /// (index 0.417), the oldest over-reached (index 2).
    #[test]
    fn a_hand_computed_example() {
        let q = question(vec![
            row("18-39", Some(10)),
            row("40-64", Some(20)),
            row("65-plus", Some(30)),
            row(RATHER_NOT_SAY, Some(6)),
        ]);
        let f = field(&[("18-39", 40.0), ("40-64", 35.0), ("65-plus", 25.0)], false);
        let p = profile(&q, Some(&f), Some("cbs.csv".into()));
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert!(close(p.rate_ratio.unwrap(), 25.0 / 120.0));
        assert!(close(p.proportional_similarity.unwrap(), 0.75));
        assert_eq!(p.rather_not_say, Some(6));
        assert!(close(p.rows[0].reached_percent.unwrap(), 100.0 / 6.0));
        assert!(close(p.rows[0].population_percent.unwrap(), 40.0));
        assert!(close(p.rows[0].index.unwrap(), (1.0 / 6.0) / 0.4));
        assert_eq!(
            p.rows.iter().map(|r| r.under_reached).collect::<Vec<_>>(),
            [true, false, false]
        );
        assert!(!p.withheld);
    }

    #[test]
    fn numbers_of_people_give_a_rate_per_thousand() {
        let q = question(vec![row("a", Some(12)), row("b", Some(30))]);
        let f = field(&[("a", 4000.0), ("b", 6000.0)], true);
        let p = profile(&q, Some(&f), None);
        assert_eq!(p.rows[0].per_thousand, Some(3.0));
        assert_eq!(p.rows[1].per_thousand, Some(5.0));
        assert!((p.rate_ratio.unwrap() - 0.6).abs() < 1e-9);
    }

    #[test]
    fn a_hidden_category_withholds_its_share_and_the_scores() {
        let q = question(vec![row("a", Some(12)), row("b", None), row("c", Some(30))]);
        let f = field(&[("a", 0.3), ("b", 0.3), ("c", 0.4)], false);
        let p = profile(&q, Some(&f), None);
        assert!(p.withheld);
        assert_eq!(p.rate_ratio, None);
        assert_eq!(p.proportional_similarity, None);
        assert!(
            p.rows
                .iter()
                .all(|r| r.reached_percent.is_none() && r.index.is_none()),
            "without a rather-not-say count, who named a group is unknown"
        );
        assert!(p.rows.iter().all(|r| r.population_percent.is_some()));
        // With it, the shown groups keep their shares: 58 answered, 8 would
        // rather not say, so 50 named a group.
        let mut q = question(vec![
            row("a", Some(12)),
            row("b", None),
            row("c", Some(30)),
            row(RATHER_NOT_SAY, Some(8)),
        ]);
        q.answered = Some(58);
        let p = profile(&q, Some(&f), None);
        assert!(p.withheld && p.rate_ratio.is_none());
        assert!((p.rows[0].reached_percent.unwrap() - 24.0).abs() < 1e-9);
        assert!(p.rows[1].reached_percent.is_none());
    }
}
