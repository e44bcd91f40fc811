//! The summary as a spreadsheet a council can open: an overview sheet, a sheet
//! per question (numbers as numbers, so they can be charted and summed) and one
//! with the open answers. It shows exactly the audited summary's cells: a hidden
//! one is the text [`HIDDEN`], never a number.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::render::{decimal, phase_key, state_key};
use super::{CouncilSummary, HIDDEN, OptionRow};
use crate::domain::Lang;
use crate::engine::{Arg, Text};
use crate::i18n::{Key, Localizer};

/// The workbook's bytes.
pub fn workbook(s: &CouncilSummary, lang: Lang, texts: &Localizer) -> Result<Vec<u8>, XlsxError> {
    let t = |key: Key, args: Vec<(&'static str, Arg)>| texts.render(lang, &Text::with(key, args));
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.0");
    let wrap = Format::new().set_text_wrap();
    let k = i64::from(s.min_group_size);
    let mut book = Workbook::new();

    let overview = book.add_worksheet();
    overview.set_name(sheet_name(&t(Key::XlsxOverview, vec![]), &[]))?;
    overview.set_column_width(0, 28)?;
    overview.set_column_width(1, 60)?;
    overview.write_string_with_format(0, 0, &s.title, &bold)?;
    let mut facts = vec![
        (t(Key::ReportFactRound, vec![]), s.round.clone()),
        (t(Key::ReportFactPhase, vec![]), t(phase_key(s.phase), vec![])),
        (t(Key::ReportFactState, vec![]), t(state_key(s.state), vec![])),
        (
            t(Key::XlsxOpened, vec![]),
            s.opened_on.clone().unwrap_or_default(),
        ),
        (
            t(Key::XlsxClosed, vec![]),
            s.closed_on.clone().unwrap_or_default(),
        ),
    ];
    if let Some(c) = &s.council {
        facts.push((t(Key::ReportFactCouncil, vec![]), c.clone()));
    }
    let mut row = 2;
    for (name, value) in facts {
        overview.write_string(row, 0, name)?;
        overview.write_string(row, 1, value)?;
        row += 1;
    }
    let counts = if s.results_hidden {
        vec![(t(Key::XlsxAtLeast, vec![]), s.respondents_at_least)]
    } else {
        let mut counts = vec![
            (t(Key::XlsxStarted, vec![]), s.respondents_started),
            (t(Key::XlsxCompleted, vec![]), s.respondents_completed),
        ];
        if s.respondents_returning.is_some() {
            counts.push((t(Key::XlsxReturning, vec![]), s.respondents_returning));
        }
        counts.extend(s.channels.iter().map(|c| {
            (
                t(
                    Key::XlsxStartedOn,
                    vec![("channel", Arg::Str(super::render::channel_name(&c.channel)))],
                ),
                c.respondents,
            )
        }));
        counts
    };
    for (name, n) in counts {
        overview.write_string(row, 0, name)?;
        cell(overview, row, 1, n)?;
        row += 1;
    }
    row += 1;
    let legend = if s.results_hidden {
        t(Key::SummaryHidden, vec![("date", Arg::Str(s.closes.clone()))])
    } else {
        t(
            Key::SummaryLegend,
            vec![("mark", Arg::Str(HIDDEN.to_owned())), ("below", Arg::Num(k - 1))],
        )
    };
    overview.write_string_with_format(row, 0, legend, &wrap)?;
    if let Some(line) = super::render::left_out_line(s, lang, texts) {
        row += 1;
        overview.write_string_with_format(row, 0, line, &wrap)?;
    }

    // Where the input went: the advice it informed and what was done.
    if !s.advice.is_empty() {
        row += 2;
        overview.write_string_with_format(row, 0, t(Key::SummaryAdviceHeading, vec![]), &bold)?;
        for a in &s.advice {
            row += 1;
            overview.write_string(row, 0, &a.date)?;
            overview.write_string(row, 1, &a.title)?;
            if let Some(url) = &a.url {
                overview.write_string(row, 2, url)?;
            }
        }
    }
    if let Some((entries, note)) = super::render::outcome_blocks(s, lang, texts) {
        row += 2;
        overview.write_string_with_format(row, 0, t(Key::SummaryOutcomesHeading, vec![]), &bold)?;
        for (head, text, review) in entries {
            row += 1;
            overview.write_string(row, 0, head)?;
            overview.write_string_with_format(row, 1, text, &wrap)?;
            if let Some(r) = review {
                overview.write_string(row, 2, r)?;
            }
        }
        row += 1;
        overview.write_string(row, 0, note)?;
    }

    let mut names: Vec<String> = vec![t(Key::XlsxOverview, vec![])];
    for (i, q) in s.questions.iter().enumerate() {
        let sheet = book.add_worksheet();
        let name = sheet_name(&format!("{} {}", i + 1, q.id), &names);
        sheet.set_name(&name)?;
        names.push(name);
        sheet.set_column_width(0, 40)?;
        sheet.set_column_width(1, 12)?;
        sheet.set_column_width(2, 18)?;
        sheet.write_string_with_format(0, 0, format!("{}. {}", i + 1, q.text), &bold)?;
        sheet.write_string(1, 0, t(Key::XlsxAnswered, vec![]))?;
        cell(sheet, 1, 1, q.answered)?;
        sheet.write_string(2, 0, t(Key::XlsxSkipped, vec![]))?;
        cell(sheet, 2, 1, q.skipped)?;
        if !q.options.is_empty() {
            sheet.write_string_with_format(4, 0, t(Key::SummaryColAnswer, vec![]), &bold)?;
            sheet.write_string_with_format(4, 1, t(Key::SummaryColCount, vec![]), &bold)?;
            sheet.write_string_with_format(4, 2, t(Key::SummaryColPercent, vec![]), &bold)?;
            options(sheet, 5, &q.options, &percent)?;
        }
        if let Some(st) = &q.scale {
            let r = 6 + u32::try_from(q.options.len()).unwrap_or(0);
            sheet.write_string(
                r,
                0,
                t(
                    Key::SummaryScale,
                    vec![
                        ("mean", Arg::Str(decimal(lang, st.mean))),
                        ("median", Arg::Str(decimal(lang, st.median))),
                    ],
                ),
            )?;
        }
    }

    if s.questions.iter().any(|q| !q.themes.is_empty()) {
        let themes = book.add_worksheet();
        let name = sheet_name(&t(Key::SummaryThemes, vec![]), &names);
        themes.set_name(&name)?;
        names.push(name);
        themes.set_column_width(0, 40)?;
        themes.set_column_width(1, 24)?;
        themes.write_string_with_format(0, 0, t(Key::XlsxQuestion, vec![]), &bold)?;
        themes.write_string_with_format(0, 1, t(Key::XlsxTheme, vec![]), &bold)?;
        themes.write_string_with_format(0, 2, t(Key::SummaryColCount, vec![]), &bold)?;
        let mut r = 1;
        for (i, q) in s.questions.iter().enumerate() {
            for theme in &q.themes {
                themes.write_string(r, 0, format!("{}. {}", i + 1, q.text))?;
                themes.write_string(r, 1, format!("{} ({})", theme.label, theme.lang))?;
                cell(themes, r, 2, theme.size)?;
                r += 1;
            }
        }
    }

    if !s.representativeness.is_empty() {
        let reach = book.add_worksheet();
        let name = sheet_name(&t(Key::SummaryReachHeading, vec![]), &names);
        reach.set_name(&name)?;
        names.push(name);
        reach.set_column_width(0, 40)?;
        reach.set_column_width(1, 24)?;
        let heads = [
            t(Key::XlsxQuestion, vec![]),
            t(Key::SummaryReachColGroup, vec![]),
            t(Key::SummaryReachColReached, vec![]),
            t(Key::SummaryReachColReachedShare, vec![]),
            t(Key::SummaryReachColPopulationShare, vec![]),
            t(Key::SummaryReachColPerThousand, vec![]),
            t(Key::SummaryReachUnder, vec![]),
        ];
        for (c, h) in heads.iter().enumerate() {
            reach.write_string_with_format(0, u16::try_from(c).unwrap_or(0), h, &bold)?;
        }
        let number = |sheet: &mut Worksheet, r: u32, c: u16, x: Option<f64>, hidden: bool| match x {
            Some(x) => sheet.write_number_with_format(r, c, x, &percent).map(|_| ()),
            None if hidden => sheet.write_string(r, c, HIDDEN).map(|_| ()),
            None => Ok(()),
        };
        let mut r = 1;
        for p in &s.representativeness {
            let with_population = p.source.is_some();
            for row in &p.rows {
                reach.write_string(r, 0, &p.text)?;
                reach.write_string(r, 1, &row.label)?;
                cell(reach, r, 2, row.reached)?;
                number(reach, r, 3, row.reached_percent, with_population)?;
                number(reach, r, 4, row.population_percent, false)?;
                number(reach, r, 5, row.per_thousand, false)?;
                if row.under_reached {
                    reach.write_string(r, 6, "▼")?;
                }
                r += 1;
            }
            let scores = [
                (Key::XlsxRateRatio, p.rate_ratio),
                (Key::XlsxSimilarity, p.proportional_similarity),
            ];
            for (key, score) in scores {
                if let Some(x) = score {
                    reach.write_string(r, 0, &p.text)?;
                    reach.write_string(r, 1, t(key, vec![]))?;
                    reach.write_number_with_format(r, 2, x, &Format::new().set_num_format("0.00"))?;
                    r += 1;
                }
            }
            let table = super::representativeness::table(p, k, lang, texts);
            for note in &table.notes {
                reach.write_string(r, 0, &p.text)?;
                reach.write_string(r, 1, note)?;
                r += 1;
            }
            r += 1;
        }
    }

    let open = book.add_worksheet();
    open.set_name(sheet_name(&t(Key::XlsxOpenAnswers, vec![]), &names))?;
    open.set_column_width(0, 40)?;
    open.set_column_width(1, 80)?;
    open.write_string_with_format(0, 0, t(Key::XlsxQuestion, vec![]), &bold)?;
    open.write_string_with_format(0, 1, t(Key::XlsxAnswer, vec![]), &bold)?;
    let mut r = 1;
    for (i, q) in s.questions.iter().enumerate() {
        for quote in &q.quotes {
            open.write_string(r, 0, format!("{}. {}", i + 1, q.text))?;
            open.write_string_with_format(r, 1, quote, &wrap)?;
            r += 1;
        }
    }
    book.save_to_buffer()
}

/// Answer rows from `first`: label, count and percentage as numbers, or the
/// hidden mark.
fn options(sheet: &mut Worksheet, first: u32, rows: &[OptionRow], percent: &Format) -> Result<(), XlsxError> {
    for (i, o) in rows.iter().enumerate() {
        let r = first + u32::try_from(i).unwrap_or(0);
        sheet.write_string(r, 0, &o.label)?;
        cell(sheet, r, 1, o.count)?;
        match o.percent {
            Some(p) => sheet.write_number_with_format(r, 2, p, percent)?,
            None => sheet.write_string(r, 2, HIDDEN)?,
        };
    }
    Ok(())
}

/// A count as a number, or the hidden mark.
fn cell(sheet: &mut Worksheet, row: u32, col: u16, n: Option<i64>) -> Result<(), XlsxError> {
    match n {
        #[allow(clippy::cast_precision_loss)] // counts of residents
        Some(n) => sheet.write_number(row, col, n as f64)?,
        None => sheet.write_string(row, col, HIDDEN)?,
    };
    Ok(())
}

/// A sheet name Excel accepts (at most 31 characters, none of `[]:*?/\`),
/// different from those already taken.
fn sheet_name(wanted: &str, taken: &[String]) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let base: String = clean.trim_matches('\'').chars().take(31).collect();
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        let suffix = format!(" ({n})");
        let head: String = base.chars().take(31 - suffix.len()).collect();
        name = format!("{head}{suffix}");
        n += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_short_clean_and_distinct() {
        let taken = vec!["Overzicht".to_owned()];
        assert_eq!(sheet_name("1 rol", &taken), "1 rol");
        assert_eq!(sheet_name("overzicht", &taken), "overzicht (2)");
        assert_eq!(sheet_name("a/b:c", &taken), "a-b-c");
        assert!(sheet_name(&"x".repeat(50), &taken).chars().count() <= 31);
    }
}
