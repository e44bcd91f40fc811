//! The council's report: one self-contained HTML file to attach to a formal
//! advice. Inline CSS and SVG only (no scripts, fonts or images from elsewhere),
//! so it opens offline, prints on A4 and reads on a phone. It shows exactly what
//! the audited summary shows: a hidden cell is the same mark as in every export,
//! in the charts as in the tables, and has no bar.

use std::fmt::Write as _;

use time::OffsetDateTime;

use super::comparison;
use super::overview::Overview;
use super::render::{
    channels_line, day, decimal, left_out_line, moment, outcome_blocks, outcome_key, percent_text, period,
    phase_key, returning_line, state_key,
};
use super::representativeness::{self, ProfileSummary};
use super::{CouncilSummary, HIDDEN, OptionRow};
use crate::domain::Lang;
use crate::engine::{Arg, Text};
use crate::i18n::{Key, Localizer};

/// Renders the report of `s` in `lang`, made on `made` (shown in the method note).
pub fn html(s: &CouncilSummary, lang: Lang, texts: &Localizer, made: OffsetDateTime) -> String {
    let t = |key: Key, args: Vec<(&'static str, Arg)>| texts.render(lang, &Text::with(key, args));
    let k = i64::from(s.min_group_size);
    let cell = |n: Option<i64>| n.map_or_else(|| HIDDEN.to_owned(), |n| n.to_string());
    let moment = |rfc: &str| moment(rfc, lang, texts);
    let day = |ymd: &str| day(ymd, lang, texts);

    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        esc(&t(Key::ReportTitle, vec![("title", Arg::Str(s.title.clone()))]))
    );

    // What the round was, when, for whom.
    let _ = write!(
        out,
        "<header>\n<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n<p class=\"intro\">{}</p>\n<dl class=\"facts\">\n",
        esc(&t(Key::ReportKicker, vec![])),
        esc(&s.title),
        esc(&s.intro)
    );
    let period = period(s, lang, texts);
    let mut fact = |name: Key, value: &str| {
        let _ = writeln!(
            out,
            "<div><dt>{}</dt><dd>{}</dd></div>",
            esc(&t(name, vec![])),
            esc(value)
        );
    };
    fact(Key::ReportFactPhase, &t(phase_key(s.phase), vec![]));
    fact(Key::ReportFactPeriod, &period);
    fact(Key::ReportFactState, &t(state_key(s.state), vec![]));
    if let Some(c) = &s.council {
        fact(Key::ReportFactCouncil, c);
    }
    if let Some(a) = &s.audience {
        fact(Key::ReportFactAudience, a);
    }
    fact(Key::ReportFactRound, &s.round);
    out.push_str("</dl>\n</header>\n");

    // Where the input went.
    if !s.advice.is_empty() {
        let _ = writeln!(
            out,
            "<section>\n<h2>{}</h2>\n<ul>",
            esc(&t(Key::SummaryAdviceHeading, vec![]))
        );
        for a in &s.advice {
            let line = t(
                Key::SummaryAdviceItem,
                vec![
                    ("title", Arg::Str(a.title.clone())),
                    ("date", Arg::Str(day(&a.date))),
                ],
            );
            match &a.url {
                // Shown as text, not a link: the report refers to nothing outside itself.
                Some(url) => {
                    let _ = writeln!(
                        out,
                        "<li>{}: <span class=\"url\">{}</span></li>",
                        esc(&line),
                        esc(url)
                    );
                }
                None => {
                    let _ = writeln!(out, "<li>{}</li>", esc(&line));
                }
            }
        }
        out.push_str("</ul>\n</section>\n");
    }

    // What was done with it.
    if let Some((entries, note)) = outcome_blocks(s, lang, texts) {
        let _ = writeln!(
            out,
            "<section>\n<h2>{}</h2>",
            esc(&t(Key::SummaryOutcomesHeading, vec![]))
        );
        for (head, text, review) in entries {
            let _ = writeln!(out, "<h3>{}</h3>", esc(&head));
            out.push_str(&super::markdown::to_html(&text));
            if let Some(r) = review {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", esc(&r));
            }
        }
        let _ = writeln!(out, "<p class=\"note\">{}</p>\n</section>", esc(&note));
    }

    // Who took part.
    let _ = writeln!(
        out,
        "<section>\n<h2>{}</h2>",
        esc(&t(Key::SummaryParticipation, vec![]))
    );
    if s.results_hidden {
        if s.state != "draft" {
            para(
                &mut out,
                &t(
                    Key::SummaryRespondentsOpen,
                    vec![
                        ("count", Arg::Num(s.respondents_at_least.unwrap_or(0))),
                        ("k", Arg::Num(k)),
                    ],
                ),
            );
        }
        let key = if s.state == "draft" {
            Key::SummaryDraft
        } else {
            Key::SummaryHidden
        };
        para(&mut out, &t(key, vec![("date", Arg::Str(moment(&s.closes)))]));
        out.push_str("</section>\n");
    } else {
        para(
            &mut out,
            &t(
                Key::SummaryRespondents,
                vec![
                    ("started", Arg::Str(cell(s.respondents_started))),
                    ("completed", Arg::Str(cell(s.respondents_completed))),
                ],
            ),
        );
        if let Some(line) = channels_line(s, lang, texts) {
            para(&mut out, &line);
        }
        if let Some(line) = returning_line(s, lang, texts) {
            para(&mut out, &line);
        }
        if let Some(line) = left_out_line(s, lang, texts) {
            para(&mut out, &line);
        }
        if s.live {
            para(&mut out, &t(Key::SummaryLive, vec![("k", Arg::Num(k))]));
        }
        let _ = writeln!(
            out,
            "<p class=\"legend\">{}</p>\n</section>",
            esc(&t(
                Key::SummaryLegend,
                vec![("mark", Arg::Str(HIDDEN.to_owned())), ("below", Arg::Num(k - 1))]
            ))
        );
        reach(&mut out, s, lang, texts);
        compared(&mut out, s, lang, texts);
        let number_of = |id: &str| s.questions.iter().position(|q| q.id == id).map_or(0, |i| i + 1);
        for (i, q) in s.questions.iter().enumerate() {
            let n = i + 1;
            let _ = writeln!(
                out,
                "<section class=\"question\" id=\"q{n}\">\n<h2>{n}. {}</h2>",
                esc(&q.text)
            );
            if let Some(parent) = &q.follow_up_of {
                let number = i64::try_from(number_of(parent)).unwrap_or(0);
                let _ = writeln!(
                    out,
                    "<p class=\"note\">{}</p>",
                    esc(&t(
                        Key::SummaryFollowUp,
                        vec![
                            ("number", Arg::Num(number)),
                            ("answers", Arg::Str(q.asked_after.join(" / ")))
                        ]
                    ))
                );
            }
            para(
                &mut out,
                &t(
                    Key::SummaryAnswered,
                    vec![
                        ("answered", Arg::Str(cell(q.answered))),
                        ("skipped", Arg::Str(cell(q.skipped))),
                    ],
                ),
            );
            if !q.options.is_empty() {
                let number = i64::try_from(n).unwrap_or(0);
                let alt = t(Key::ReportChartAlt, vec![("number", Arg::Num(number))]);
                let hidden = t(Key::ReportHiddenCell, vec![]);
                out.push_str(&chart(&format!("q{n}"), &q.options, &alt, &hidden, lang));
                let caption = t(Key::ReportTableCaption, vec![("number", Arg::Num(number))]);
                out.push_str(&table(&caption, &q.options, q.answered, &t, lang));
            }
            match &q.scale {
                Some(st) => para(
                    &mut out,
                    &t(
                        Key::SummaryScale,
                        vec![
                            ("mean", Arg::Str(decimal(lang, st.mean))),
                            ("median", Arg::Str(decimal(lang, st.median))),
                        ],
                    ),
                ),
                None if q.kind == "scale" && q.options.iter().any(|o| o.count.is_none()) => {
                    para(&mut out, &t(Key::SummaryScaleHidden, vec![]));
                }
                None => {}
            }
            if !q.themes.is_empty() {
                let _ = writeln!(out, "<h3>{}</h3>", esc(&t(Key::SummaryThemes, vec![])));
                para(&mut out, &t(Key::SummaryThemesNote, vec![]));
                for theme in &q.themes {
                    let size = theme.size.map_or_else(|| HIDDEN.to_owned(), |n| n.to_string());
                    let lang_note = if theme.lang == lang {
                        String::new()
                    } else {
                        format!(" ({})", theme.lang)
                    };
                    let _ = writeln!(
                        out,
                        "<h4>“{}”{} · {}</h4>",
                        esc(&theme.label),
                        esc(&lang_note),
                        esc(&t(Key::SummaryThemeSize, vec![("size", Arg::Str(size))]))
                    );
                    for quote in &theme.quotes {
                        let _ = writeln!(out, "<blockquote>{}</blockquote>", esc(quote));
                    }
                }
            }
            if !q.quotes.is_empty() {
                let _ = writeln!(out, "<h3>{}</h3>", esc(&t(Key::SummaryQuotes, vec![])));
                // Each wording once (no counts: how many said the same is a
                // group of its own), a readable number of them.
                // Only as many as are shown (and one more, to know there are
                // more) are looked for: a large round has 100,000 answers.
                let mut seen = std::collections::HashSet::new();
                let mut distinct: Vec<&String> = Vec::new();
                for quote in &q.quotes {
                    if seen.insert(quote.trim().to_ascii_lowercase()) {
                        distinct.push(quote);
                        if distinct.len() > MAX_QUOTES {
                            break;
                        }
                    }
                }
                for quote in distinct.iter().take(MAX_QUOTES) {
                    let _ = writeln!(out, "<blockquote>{}</blockquote>", esc(quote));
                }
                if distinct.len() > MAX_QUOTES {
                    para(
                        &mut out,
                        &t(Key::ReportMoreQuotes, vec![("round", Arg::Str(s.round.clone()))]),
                    );
                }
            }
            if q.quotes_withheld {
                para(&mut out, &t(Key::SummaryQuotesWithheld, vec![]));
            }
            out.push_str("</section>\n");
        }
        if !s.group_results.is_empty() {
            let _ = writeln!(out, "<section>\n<h2>{}</h2>", esc(&t(Key::SummaryGroups, vec![])));
            para(&mut out, &t(Key::SummaryGroupsNote, vec![]));
            for (i, g) in s.group_results.iter().enumerate() {
                let _ = writeln!(out, "<h3>{}</h3>", esc(&g.text));
                para(
                    &mut out,
                    &t(
                        Key::SummaryGroupVotes,
                        vec![("votes", Arg::Str(cell(g.votes))), ("polls", Arg::Num(g.polls))],
                    ),
                );
                let alt = t(
                    Key::ReportGroupChartAlt,
                    vec![("title", Arg::Str(g.text.clone()))],
                );
                let hidden = t(Key::ReportHiddenCell, vec![]);
                out.push_str(&chart(&format!("g{}", i + 1), &g.options, &alt, &hidden, lang));
                out.push_str(&table(&g.text, &g.options, g.votes, &t, lang));
            }
            out.push_str("</section>\n");
        }
    }

    // How it was made.
    let _ = writeln!(
        out,
        "<section class=\"method\">\n<h2>{}</h2>",
        esc(&t(Key::ReportMethodHeading, vec![]))
    );
    para(&mut out, &t(Key::ReportMethodHow, vec![]));
    para(&mut out, &t(Key::ReportMethodAnonymous, vec![]));
    para(
        &mut out,
        &t(
            Key::ReportMethodSuppression,
            vec![("k", Arg::Num(k)), ("mark", Arg::Str(HIDDEN.to_owned()))],
        ),
    );
    close_page(&mut out, lang, texts, made);
    out
}

/// The last line of the method note (the day the page was made) and the
/// page's end.
fn close_page(out: &mut String, lang: Lang, texts: &Localizer, made: OffsetDateTime) {
    let made = texts.render(
        lang,
        &Text::with(
            Key::ReportMadeOn,
            vec![("date", Arg::Str(texts.date(lang, made)))],
        ),
    );
    para(out, &made);
    out.push_str("</section>\n</main>\n</body>\n</html>\n");
}

/// The section on who was reached: per profile question a chart of respondents'
/// and residents' shares side by side, and the table with every figure.
fn reach(out: &mut String, s: &CouncilSummary, lang: Lang, texts: &Localizer) {
    if s.representativeness.is_empty() {
        return;
    }
    let k = i64::from(s.min_group_size);
    let _ = writeln!(
        out,
        "<section class=\"reach\">\n<h2>{}</h2>",
        esc(&texts.render(lang, &Text::with(Key::SummaryReachHeading, vec![])))
    );
    if let Some(intro) = representativeness::intro(&s.representativeness, lang, texts) {
        para(out, &intro);
    }
    for (i, p) in s.representativeness.iter().enumerate() {
        let table = representativeness::table(p, k, lang, texts);
        let _ = writeln!(out, "<h3>{}</h3>", esc(&p.text));
        if p.source.is_some() {
            out.push_str(&reach_chart(&format!("r{}", i + 1), p, &table.caption, lang));
            let _ = writeln!(
                out,
                "<p class=\"legend\"><span class=\"key\"></span> {} <span class=\"key population\"></span> {}</p>",
                esc(&table.head[2]),
                esc(&table.head[3])
            );
        }
        // The group and the under-reached note are words; the rest figures.
        let numeric = |c: usize, len: usize| !(c == 0 || c + 1 == len && len > 2);
        text_table(
            out,
            &table.caption,
            &table.head,
            &table.rows,
            &table.under,
            &numeric,
        );
        for note in &table.notes {
            para(out, note);
        }
    }
    out.push_str("</section>\n");
}

/// A table of words and figures already formatted: the first column heads
/// its row, `numeric(column, columns)` says which are right-aligned figures,
/// and a row marked in `under` is highlighted (a group reached too little).
fn text_table(
    out: &mut String,
    caption: &str,
    head: &[String],
    rows: &[Vec<String>],
    under: &[bool],
    numeric: &dyn Fn(usize, usize) -> bool,
) {
    let class = |c: usize, len: usize| if numeric(c, len) { " class=\"num\"" } else { "" };
    let _ = write!(out, "<table>\n<caption>{}</caption>\n<thead><tr>", esc(caption));
    for (c, h) in head.iter().enumerate() {
        let _ = write!(out, "<th scope=\"col\"{}>{}</th>", class(c, head.len()), esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (i, row) in rows.iter().enumerate() {
        let marked = if under.get(i).copied().unwrap_or(false) {
            " class=\"under\""
        } else {
            ""
        };
        let _ = write!(out, "<tr{marked}><th scope=\"row\">{}</th>", esc(&row[0]));
        for (c, v) in row.iter().enumerate().skip(1) {
            let _ = write!(out, "<td{}>{}</td>", class(c, row.len()), esc(v));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// The section comparing the round with the earlier round it repeats.
fn compared(out: &mut String, s: &CouncilSummary, lang: Lang, texts: &Localizer) {
    let Some(c) = &s.comparison else { return };
    let (intro, tables) = comparison::tables(c, lang, texts);
    let _ = writeln!(
        out,
        "<section class=\"compare\">\n<h2>{}</h2>",
        esc(&texts.render(lang, &Text::with(Key::SummaryCompareHeading, vec![])))
    );
    para(out, &intro);
    for table in tables {
        let numeric = |c: usize, _: usize| c != 0;
        text_table(out, &table.caption, &table.head, &table.rows, &[], &numeric);
        for note in &table.notes {
            let _ = writeln!(out, "<p class=\"note\">{}</p>", esc(note));
        }
    }
    out.push_str("</section>\n");
}

/// Respondents' share (dark) beside residents' share (light) per group, as
/// inline SVG. Without respondents' shares (a group hidden) only the residents'
/// bars show, and each group says its share is not shown.
fn reach_chart(id: &str, p: &ProfileSummary, alt: &str, lang: Lang) -> String {
    const WIDTH: f64 = 640.0;
    const BAR_MAX: f64 = 480.0;
    const ROW: f64 = 58.0;
    let height = ROW * p.rows.len() as f64 + 8.0;
    let pct = |x: Option<f64>| x.map_or_else(|| HIDDEN.to_owned(), |x| format!("{}%", decimal(lang, x)));
    let desc: Vec<String> = p
        .rows
        .iter()
        .map(|r| {
            format!(
                "{}: {} / {}",
                r.label,
                pct(r.reached_percent),
                pct(r.population_percent)
            )
        })
        .collect();
    let mut out = figure_start(id, WIDTH, height, alt, &desc.join("; "));
    for (i, r) in p.rows.iter().enumerate() {
        let y = ROW * i as f64 + 4.0;
        let _ = writeln!(
            out,
            "<text x=\"0\" y=\"{:.1}\" class=\"label\">{}</text>",
            y + 14.0,
            esc(&r.label)
        );
        for (j, (share, class)) in [
            (r.reached_percent, "bar"),
            (r.population_percent, "bar population"),
        ]
        .into_iter()
        .enumerate()
        {
            let top = y + 20.0 + 16.0 * j as f64;
            match share {
                Some(x) => {
                    let w = (x / 100.0 * BAR_MAX).clamp(0.0, BAR_MAX);
                    let _ = writeln!(
                        out,
                        "<rect x=\"0\" y=\"{top:.1}\" width=\"{w:.1}\" height=\"13\" class=\"{class}\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"value\">{}</text>",
                        w + 6.0,
                        top + 11.0,
                        pct(Some(x))
                    );
                }
                None => {
                    let _ = writeln!(
                        out,
                        "<text x=\"0\" y=\"{:.1}\" class=\"hidden\">{HIDDEN}</text>",
                        top + 11.0
                    );
                }
            }
        }
    }
    out.push_str("</svg>\n</figure>\n");
    out
}

/// The overview across rounds as one self-contained HTML file, in the
/// report's look, made on `made`.
pub fn overview_html(o: &Overview, lang: Lang, texts: &Localizer, made: OffsetDateTime) -> String {
    let t = |key: Key, args: Vec<(&'static str, Arg)>| texts.render(lang, &Text::with(key, args));
    let day = |ymd: &str| day(ymd, lang, texts);
    let heading = match &o.since {
        Some(d) => t(Key::OverviewHeading, vec![("date", Arg::Str(day(d)))]),
        None => t(Key::OverviewHeadingAll, vec![]),
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<header>\n<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n<p class=\"intro\">{}</p>\n<dl class=\"facts\">\n",
        esc(&heading),
        esc(&t(Key::OverviewKicker, vec![])),
        esc(&heading),
        esc(&t(Key::OverviewIntro, vec![]))
    );
    let part_of = |part: usize, total: usize, percent: Option<f64>| match percent {
        Some(p) => t(
            Key::OverviewPartOf,
            vec![
                ("part", Arg::Num(i64::try_from(part).unwrap_or(0))),
                ("total", Arg::Num(i64::try_from(total).unwrap_or(0))),
                ("percent", Arg::Str(decimal(lang, p))),
            ],
        ),
        None => "–".to_owned(),
    };
    let facts = [
        (Key::OverviewFactRounds, o.rounds_total.to_string()),
        (
            Key::OverviewFactEarly,
            part_of(o.rounds_early, o.rounds_total, o.early_percent),
        ),
        (
            Key::OverviewFactFeedback,
            part_of(o.closed_with_feedback, o.rounds_closed, o.feedback_percent),
        ),
        (
            Key::OverviewFactDays,
            o.median_days_to_feedback
                .map_or_else(|| "–".to_owned(), |d| decimal(lang, d)),
        ),
        (Key::OverviewFactOverdue, o.rounds_overdue.to_string()),
    ];
    for (name, value) in facts {
        let _ = writeln!(
            out,
            "<div><dt>{}</dt><dd>{}</dd></div>",
            esc(&t(name, vec![])),
            esc(&value)
        );
    }
    out.push_str("</dl>\n</header>\n<section>\n");
    if o.rounds.is_empty() {
        para(&mut out, &t(Key::OverviewNone, vec![]));
    } else {
        let heads = [
            Key::OverviewColRound,
            Key::OverviewColPhase,
            Key::OverviewColPeriod,
            Key::OverviewColRespondents,
            Key::OverviewColReturning,
            Key::OverviewColFeedback,
        ];
        let _ = write!(
            out,
            "<table>\n<caption>{}</caption>\n<thead><tr>",
            esc(&t(Key::OverviewCaption, vec![]))
        );
        for (i, h) in heads.into_iter().enumerate() {
            let class = if matches!(i, 3 | 4) { " class=\"num\"" } else { "" };
            let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", esc(&t(h, vec![])));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for r in &o.rounds {
            let period = format!(
                "{} – {}",
                r.opened_on.as_deref().map(day).unwrap_or_default(),
                r.closed_on.as_deref().map(day).unwrap_or_default()
            );
            let respondents = match (r.respondents, r.respondents_at_least) {
                (Some(n), _) => n.to_string(),
                (None, Some(0)) => t(Key::OverviewStillOpenFew, vec![]),
                (None, Some(n)) => t(Key::OverviewStillOpen, vec![("count", Arg::Num(n))]),
                (None, None) => HIDDEN.to_owned(),
            };
            let returning = match (r.returning, r.closed_on.is_some()) {
                (Some(n), _) => n.to_string(),
                (None, true) => HIDDEN.to_owned(),
                (None, false) => "–".to_owned(),
            };
            let mut feedback = match (r.latest_status, r.days_to_feedback) {
                (Some(status), Some(days)) => t(
                    Key::OverviewFeedbackAfter,
                    vec![
                        ("status", Arg::Msg(outcome_key(status))),
                        ("days", Arg::Num(days)),
                    ],
                ),
                (Some(status), None) => t(outcome_key(status), vec![]),
                (None, _) if r.closed_on.is_some() => t(Key::OverviewFeedbackNotYet, vec![]),
                (None, _) => "–".to_owned(),
            };
            if r.review_overdue {
                feedback = format!("{feedback}; {}", t(Key::OverviewFeedbackOverdue, vec![]));
            }
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{}<br><span class=\"note\">{}</span></th><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                esc(&r.title),
                esc(&r.round),
                esc(&t(phase_key(r.phase), vec![])),
                esc(&period),
                esc(&respondents),
                esc(&returning),
                esc(&feedback)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n<section class=\"method\">\n");
    para(
        &mut out,
        &t(Key::OverviewMethod, vec![("mark", Arg::Str(HIDDEN.to_owned()))]),
    );
    close_page(&mut out, lang, texts, made);
    out
}

/// The start of a chart: an SVG with its title and its text alternative.
fn figure_start(id: &str, width: f64, height: f64, alt: &str, desc: &str) -> String {
    format!(
        "<figure>\n<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        esc(alt),
        esc(desc)
    )
}

/// The most quotes shown per question: a volunteer reads the report in ten
/// minutes; the export has them all.
const MAX_QUOTES: usize = 12;

/// One paragraph of text.
fn para(out: &mut String, text: &str) {
    let _ = writeln!(out, "<p>{}</p>", esc(text));
}

/// A table of answer rows with a caption: label, count (or the hidden mark),
/// percentage.
fn table(
    caption: &str,
    rows: &[OptionRow],
    total: Option<i64>,
    t: &dyn Fn(Key, Vec<(&'static str, Arg)>) -> String,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead>\n<tbody>\n",
        esc(caption),
        esc(&t(Key::SummaryColAnswer, vec![])),
        esc(&t(Key::SummaryColCount, vec![])),
        esc(&t(Key::SummaryColPercent, vec![]))
    );
    for o in rows {
        let count = o.count.map_or_else(|| HIDDEN.to_owned(), |n| n.to_string());
        let pct = percent_text(o, total, lang);
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&o.label),
            esc(&count),
            esc(&pct)
        );
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// A horizontal bar chart as inline SVG: per row its label, then a bar as long
/// as its percentage with the figure beside it. A hidden row gets the hidden
/// mark and no bar, so its length cannot be measured off the page. The text
/// alternative names every row and figure.
fn chart(id: &str, rows: &[OptionRow], alt: &str, hidden: &str, lang: Lang) -> String {
    const WIDTH: f64 = 640.0;
    const BAR_MAX: f64 = 520.0;
    const ROW: f64 = 44.0;
    let height = ROW * rows.len() as f64 + 8.0;
    let desc: Vec<String> = rows
        .iter()
        .map(|o| match (o.count, o.percent) {
            (Some(c), Some(p)) => format!("{}: {c} ({}%)", o.label, decimal(lang, p)),
            (Some(c), None) => format!("{}: {c}", o.label),
            _ => format!("{}: {hidden}", o.label),
        })
        .collect();
    let mut out = figure_start(id, WIDTH, height, alt, &desc.join("; "));
    for (i, o) in rows.iter().enumerate() {
        let y = ROW * i as f64 + 4.0;
        let _ = writeln!(
            out,
            "<text x=\"0\" y=\"{:.1}\" class=\"label\">{}</text>",
            y + 14.0,
            esc(&o.label)
        );
        match (o.count, o.percent) {
            (Some(c), Some(p)) => {
                let w = (p / 100.0 * BAR_MAX).clamp(0.0, BAR_MAX);
                let _ = writeln!(
                    out,
                    "<rect x=\"0\" y=\"{:.1}\" width=\"{w:.1}\" height=\"18\" class=\"bar\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"value\">{}% ({c})</text>",
                    y + 20.0,
                    w + 6.0,
                    y + 34.0,
                    decimal(lang, p)
                );
            }
            _ => {
                let _ = writeln!(
                    out,
                    "<text x=\"0\" y=\"{:.1}\" class=\"hidden\">{HIDDEN} {}</text>",
                    y + 34.0,
                    esc(hidden)
                );
            }
        }
    }
    out.push_str("</svg>\n</figure>\n");
    out
}

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The report's look: system fonts, dark text on white (contrast above 7:1),
/// one column that fits a phone, and A4 pages that do not split a question.
const STYLE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #fff; color: #1a1a1a; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.2rem 0 0.8rem; }
h2 { font-size: 1.3rem; line-height: 1.3; margin: 2rem 0 0.6rem; border-top: 2px solid #1f4e79; padding-top: 0.8rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
h4 { font-size: 1rem; margin: 0.9rem 0 0.3rem; }
.kicker { text-transform: uppercase; letter-spacing: 0.04em; font-size: 0.8rem; color: #3b3b3b; margin: 0; }
.intro { font-size: 1.1rem; }
.facts { display: grid; grid-template-columns: 1fr; gap: 0.3rem 1.5rem; margin: 1rem 0; padding: 0.8rem 1rem; background: #f2f5f8; border-left: 4px solid #1f4e79; }
.facts div { display: grid; grid-template-columns: 1fr; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.note, .legend { color: #333; font-size: 0.95rem; }
figure { margin: 0.8rem 0; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg .label { font: 14px system-ui, sans-serif; fill: #1a1a1a; }
svg .value { font: 13px system-ui, sans-serif; fill: #1a1a1a; }
svg .hidden { font: 13px system-ui, sans-serif; fill: #444; font-style: italic; }
svg .bar { fill: #1f4e79; }
svg .bar.population { fill: #9db7d1; }
tr.under th, tr.under td { background: #fdf1e6; }
.reach th[scope="row"] { min-width: 8rem; }
.reach td:last-child { white-space: nowrap; }
.key { display: inline-block; width: 0.9em; height: 0.9em; background: #1f4e79; vertical-align: -0.1em; margin-left: 0.6em; }
.key.population { background: #9db7d1; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1rem; font-size: 0.95rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
th, td { padding: 0.3rem 0.5rem; border-bottom: 1px solid #c8ced6; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #1a1a1a; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
blockquote { margin: 0.5rem 0; padding: 0.4rem 0.9rem; border-left: 4px solid #8a6d00; background: #fbf8ee; }
.method { font-size: 0.95rem; }
.url { word-break: break-all; }
@media (min-width: 36rem) { .facts div { grid-template-columns: 12rem 1fr; gap: 0 0.8rem; } }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  figure, table, blockquote { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn residents_text_cannot_become_markup() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn a_hidden_row_has_the_mark_and_no_bar() {
        let rows = vec![
            OptionRow {
                id: "a".into(),
                label: "Shown".into(),
                count: Some(12),
                percent: Some(60.0),
            },
            OptionRow {
                id: "b".into(),
                label: "Hidden".into(),
                count: None,
                percent: None,
            },
        ];
        let svg = chart("q1", &rows, "alt", "not shown", Lang::En);
        assert_eq!(svg.matches("<rect").count(), 1, "{svg}");
        assert!(svg.contains("Hidden: not shown"), "{svg}");
        assert!(svg.contains("60.0% (12)"), "{svg}");
    }
}
