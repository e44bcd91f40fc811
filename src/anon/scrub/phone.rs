//! Phone numbers in every way Dutch residents write them: 06-12345678,
//! 06 12 34 56 78, 020-1234567, (020) 123 45 67, +31 6 1234 5678, 0031 6...,
//! +31 (0)20 ..., and foreign numbers with a country code.

use regex::Regex;

use super::{Candidate, PiiKind, alnum_after, alnum_before};

pub(super) struct Detector {
    date_like: Regex,
    national: Regex,
    area_in_brackets: Regex,
    international: Regex,
}

impl Detector {
    pub(super) fn new() -> Self {
        Self {
            // "01-02-2023 10:00" has ten digits too, but is a date and a time.
            date_like: Regex::new(r"^\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})(?:$|[ ])")
                .expect("valid pattern"),
            // Ten digits starting with 0 and then 1-9 (00 opens an international
            // number), single separators allowed between digits.
            national: Regex::new(r"0(?:[ .\-/]| - )?[1-9](?:(?:[ .\-/]| - )?\d){8}").expect("valid pattern"),
            area_in_brackets: Regex::new(r"\(0\d{1,3}\)[ .\-]?\d(?:[ .\-]?\d){5,7}").expect("valid pattern"),
            // +31 or 0031, optional (0), then 9 to 13 digits with separators.
            international: Regex::new(
                r"(?:\+|00)[ ]?[1-9]\d{0,2}[ .\-]?(?:\(0\)[ .\-]?)?\d(?:[ .\-]?\d){6,12}",
            )
            .expect("valid pattern"),
        }
    }

    pub(super) fn find(&self, text: &str, out: &mut Vec<Candidate>) {
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        for re in [&self.international, &self.area_in_brackets, &self.national] {
            for m in re.find_iter(text) {
                if alnum_before(text, m.start())
                    || alnum_after(text, m.end())
                    || self.date_like.is_match(m.as_str())
                {
                    continue;
                }
                // Money and decimals ("0,5", "€ 0.50") never reach ten digits, but
                // a run of digits glued to a comma is a list of amounts, not a number.
                if text[m.end()..].starts_with(',')
                    && text[m.end() + 1..].starts_with(|c: char| c.is_ascii_digit())
                {
                    continue;
                }
                out.push(Candidate {
                    start: m.start(),
                    end: m.end(),
                    kind: PiiKind::Phone,
                });
            }
        }
    }
}
