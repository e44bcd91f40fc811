//! The population table a round's profile questions are compared with: a CSV
//! as a municipality's statistics office gives it. One row per category:
//!
//! ```text
//! field,category,share
//! leeftijd,18-39,0.31
//! leeftijd,40-64,0.42
//! leeftijd,65-plus,0.27
//! ```
//!
//! `field` is the profile question's id; `category` an option's id or its text
//! in any of the round's languages. The figure is a share (`share`, `aandeel`:
//! fractions or percentages) or a number of people (`population`, `aantal`,
//! `inwoners`). Dutch files work as they come: `;` between columns, a decimal
//! comma, a `%` sign, a thousands dot in numbers of people. Every problem is
//! reported with its line and column.

use super::diagnostic::{Diagnostic, Diagnostics, line_col};
use crate::domain::{OptionId, Population, PopulationField, Question, RATHER_NOT_SAY, Round};

/// Population tables larger than this are refused: a few hundred rows at most.
pub const MAX_FILE_BYTES: usize = 256 * 1024;

/// Names the columns may have, in English or Dutch.
const FIELD_COLUMNS: [&str; 4] = ["field", "veld", "question", "vraag"];
const CATEGORY_COLUMNS: [&str; 4] = ["category", "categorie", "option", "antwoord"];
const SHARE_COLUMNS: [&str; 4] = ["share", "aandeel", "percentage", "percent"];
const COUNT_COLUMNS: [&str; 6] = ["population", "count", "aantal", "inwoners", "bevolking", "people"];

/// Reads and checks a population table against `round`'s profile questions.
/// `name` is used in diagnostics.
pub fn parse(name: &str, bytes: &[u8], round: &Round) -> Result<Population, Diagnostics> {
    let fail = |items: Vec<Diagnostic>| Diagnostics::new(name, items);
    if bytes.len() > MAX_FILE_BYTES {
        return Err(fail(vec![Diagnostic::whole_file(format!(
            "the file is {} bytes; a population table may be at most {} bytes",
            bytes.len(),
            MAX_FILE_BYTES
        ))]));
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(fail(vec![Diagnostic::whole_file(
            "the file is not UTF-8 text; save it as CSV UTF-8",
        )]));
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header_line = text
        .lines()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .unwrap_or_default();
    let delimiter = [b';', b'\t', b',']
        .into_iter()
        .find(|d| header_line.as_bytes().contains(d))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .comment(Some(b'#'))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut problems = Vec::new();

    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Err(fail(vec![Diagnostic::whole_file(format!(
                "cannot read the header: {e}"
            ))]));
        }
    };
    let find = |names: &[&str]| {
        header
            .iter()
            .position(|h| names.contains(&h.trim().to_lowercase().as_str()))
    };
    let (field_col, category_col) = (find(&FIELD_COLUMNS), find(&CATEGORY_COLUMNS));
    let (share_col, count_col) = (find(&SHARE_COLUMNS), find(&COUNT_COLUMNS));
    let value = match (share_col, count_col) {
        (Some(_), Some(_)) => {
            problems.push(Diagnostic::at(
                1,
                1,
                "give either shares or numbers of people, not both columns",
            ));
            None
        }
        (Some(c), None) => Some((c, false)),
        (None, Some(c)) => Some((c, true)),
        (None, None) => None,
    };
    let (Some(field_col), Some(category_col), Some((value_col, counts))) = (field_col, category_col, value)
    else {
        if problems.is_empty() {
            problems.push(Diagnostic::at(
                1,
                1,
                format!(
                    "the first line names the columns: `field` (or `veld`), `category` (or `categorie`) and `share` (or `aandeel`; or `population`, `aantal`, `inwoners` for numbers of people); this file has: {}",
                    header.iter().collect::<Vec<_>>().join(", ")
                ),
            ));
        }
        return Err(fail(problems));
    };

    let profile: Vec<&Question> = round.profile_questions().collect();
    if profile.is_empty() {
        return Err(fail(vec![Diagnostic::whole_file(format!(
            "round `{}` has no profile questions (`profile = true`), so there is nothing to compare with a population table",
            round.id
        ))]));
    }
    // Options whose row had a problem: not reported as missing as well.
    let mut faulty: Vec<(String, OptionId)> = Vec::new();
    let mut fields: Vec<PopulationField> = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
                problems.push(Diagnostic::at(
                    line.max(1),
                    1,
                    format!("cannot read this row: {e}"),
                ));
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        if record.len() != header.len() {
            let line = record
                .position()
                .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
            problems.push(Diagnostic::at(
                line.max(1),
                1,
                format!(
                    "this row has {} columns and the first line {}; a decimal comma needs quotes (\"0,31\") or `;` between columns",
                    record.len(),
                    header.len()
                ),
            ));
            continue;
        }
        let at = |col: usize| -> (usize, usize) {
            let start = record
                .position()
                .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(0));
            // A record keeps its fields without the delimiters between them.
            let offset = start + record.range(col).map_or(0, |r| r.start) + col;
            line_col(text, offset.min(text.len()))
        };
        let cell = |col: usize| record.get(col).unwrap_or_default();
        let problem = |col: usize, message: String| {
            let (line, column) = at(col);
            Diagnostic::at(line, column, message)
        };

        let field_name = cell(field_col);
        let Some(question) = profile
            .iter()
            .find(|q| q.id.as_str().eq_ignore_ascii_case(field_name))
        else {
            let known = profile
                .iter()
                .map(|q| q.id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            problems.push(problem(
                field_col,
                format!(
                    "`{field_name}` is not a profile question of round `{}` (its profile questions: {known})",
                    round.id
                ),
            ));
            continue;
        };
        let category = cell(category_col);
        let Some(option) = option_of(question, category) else {
            let known = question
                .kind
                .options()
                .iter()
                .filter(|o| o.id.as_str() != RATHER_NOT_SAY)
                .map(|o| o.id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            problems.push(problem(
                category_col,
                format!("`{category}` is not an option of `{field_name}` (its options: {known})"),
            ));
            continue;
        };
        if option.as_str() == RATHER_NOT_SAY {
            problems.push(problem(
                category_col,
                "\"rather not say\" has no population figure; leave this row out".to_owned(),
            ));
            continue;
        }
        let figure = match number(cell(value_col), counts) {
            Some(v) if v > 0.0 && v.is_finite() => v,
            Some(_) => {
                problems.push(problem(
                    value_col,
                    format!("the figure for `{category}` must be more than 0"),
                ));
                faulty.push((question.id.to_string(), option));
                continue;
            }
            None => {
                faulty.push((question.id.to_string(), option));
                problems.push(problem(
                    value_col,
                    format!(
                        "`{}` is not a number (write e.g. {})",
                        cell(value_col),
                        if counts {
                            "12345 or 12.345"
                        } else {
                            "0.31, 0,31 or 31%"
                        }
                    ),
                ));
                continue;
            }
        };
        let entry = match fields.iter_mut().position(|f| f.question == question.id) {
            Some(i) => &mut fields[i],
            None => {
                fields.push(PopulationField {
                    question: question.id.clone(),
                    categories: Vec::new(),
                    counts,
                });
                fields.last_mut().expect("just pushed")
            }
        };
        if entry.categories.iter().any(|(id, _)| *id == option) {
            problems.push(problem(
                category_col,
                format!("`{field_name}` has a second row for `{category}`"),
            ));
            continue;
        }
        entry.categories.push((option, figure));
    }

    for field in &mut fields {
        let Some(question) = round.question(&field.question) else {
            continue;
        };
        // In the order residents see the options, so tables read the same.
        let order = |id: &OptionId| question.kind.options().iter().position(|o| o.id == *id);
        field.categories.sort_by_key(|(id, _)| order(id));
        let missing: Vec<&str> = question
            .kind
            .options()
            .iter()
            .filter(|o| {
                o.id.as_str() != RATHER_NOT_SAY
                    && !field.categories.iter().any(|(id, _)| *id == o.id)
                    && !faulty
                        .iter()
                        .any(|(q, id)| q == field.question.as_str() && *id == o.id)
            })
            .map(|o| o.id.as_str())
            .collect();
        if !missing.is_empty() {
            problems.push(Diagnostic::whole_file(format!(
                "`{}` has no figure for {}; every option but \"rather not say\" needs one",
                field.question,
                missing.join(", ")
            )));
        }
        if !field.counts {
            let sum: f64 = field.categories.iter().map(|(_, v)| v).sum();
            let near = |target: f64| (sum - target).abs() <= target * 0.03;
            if missing.is_empty() && !near(1.0) && !near(100.0) {
                problems.push(Diagnostic::whole_file(format!(
                    "the shares of `{}` add up to {}; they should add up to 100% (or 1)",
                    field.question,
                    (sum * 1000.0).round() / 1000.0
                )));
            }
        }
    }
    if fields.is_empty() && problems.is_empty() {
        problems.push(Diagnostic::whole_file(
            "the table has no rows: give one row per profile question and category",
        ));
    }
    if problems.is_empty() {
        Ok(Population {
            source: name.rsplit(['/', '\\']).next().unwrap_or(name).to_owned(),
            fields,
        })
    } else {
        Err(fail(problems))
    }
}

/// The option a category names: its id, or its text in any language.
fn option_of(question: &Question, category: &str) -> Option<OptionId> {
    let wanted = category.trim().to_lowercase();
    let options = question.kind.options();
    options
        .iter()
        .find(|o| o.id.as_str() == category.trim())
        .or_else(|| {
            options
                .iter()
                .find(|o| o.text.0.values().any(|t| t.trim().to_lowercase() == wanted))
        })
        .map(|o| o.id.clone())
}

/// A figure as written in an English or Dutch spreadsheet: `0.31`, `0,31`,
/// `31%` (read as 31), `31 %`; for numbers of people also `12.345` and `12 345`.
fn number(raw: &str, counts: bool) -> Option<f64> {
    let mut s: String = raw.trim().chars().filter(|c| !c.is_whitespace()).collect();
    // Shares are taken as given (fractions or percentages alike), so a `%`
    // only needs to go; the check that a field adds up to 1 or 100 catches a mix.
    if s.ends_with('%') {
        s.pop();
    }
    if counts {
        let grouped = |sep: char| {
            let mut parts = s.split(sep);
            let first = parts.next().unwrap_or_default();
            s.contains(sep)
                && (1..=3).contains(&first.len())
                && parts.all(|p| p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
        };
        if grouped('.') {
            s = s.replace('.', "");
        } else if grouped(',') {
            s = s.replace(',', "");
        }
    }
    if s.contains(',') && !s.contains('.') {
        s = s.replace(',', ".");
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_as_spreadsheets_write_them() {
        assert_eq!(number("0.31", false), Some(0.31));
        assert_eq!(number("0,31", false), Some(0.31));
        assert_eq!(number("31%", false), Some(31.0));
        assert_eq!(number("31,5 %", false), Some(31.5));
        assert_eq!(number("12.345", true), Some(12345.0));
        assert_eq!(number("12 345", true), Some(12345.0));
        assert_eq!(number("1,234,567", true), Some(1_234_567.0));
        assert_eq!(number("12.5", true), Some(12.5));
        assert_eq!(number("veel", false), None);
    }
}
