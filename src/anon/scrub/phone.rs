//! Phone numbers in every way Dutch residents write them: 06-12345678,
//! 06 12 34 56 78, 020-1234567, (020) 123 45 67, +31 6 1234 5678, 0031 6...,
//! +31 (0)20 ..., foreign numbers with a country code, and Turkish mobile
//! numbers as written at home (0532 123 45 67, 0 (532) 123 45 67).

use regex::Regex;

use super::{Candidate, PiiKind, alnum_after, alnum_before};

pub(super) struct Detector {
    date_like: Regex,
    national: Regex,
    area_in_brackets: Regex,
    turkish: Regex,
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
            // "(020) 123 45 67", and the Turkish "0 (532) 123 45 67".
            area_in_brackets: Regex::new(r"(?:0 ?)?\(0?\d{2,3}\)[ .\-]?\d(?:[ .\-]?\d){5,7}")
                .expect("valid pattern"),
            // Turkish mobile numbers: eleven digits, 05xx.
            turkish: Regex::new(r"0[ .\-]?5\d{2}(?:[ .\-]?\d){7}").expect("valid pattern"),
            // +31 or 0031 (or "(+31)"), optional (0), an optional area code in brackets
            // ("+90 (532)"), then 9 to 13 digits with separators.
            international: Regex::new(
                r"\(?(?:\+|00)[ ]?[1-9]\d{0,2}\)?[ .\-]?(?:\(0\)[ .\-]?)?(?:\(\d{1,4}\)[ .\-]?)?\d(?:[ .\-]?\d){6,12}",
            )
            .expect("valid pattern"),
        }
    }

    pub(super) fn find(&self, text: &str, out: &mut Vec<Candidate>) {
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        for (re, digits) in [
            (&self.international, 9..=15),
            (&self.area_in_brackets, 9..=11),
            (&self.turkish, 11..=11),
            (&self.national, 10..=10),
        ] {
            let mut pos = 0;
            while let Some(m) = re.find_at(text, pos) {
                let start = m.start() + usize::from(unclosed_bracket(m.as_str()));
                match self.longest_valid(text, start, m.end(), &digits) {
                    Some(end) => {
                        out.push(Candidate {
                            start,
                            end,
                            kind: PiiKind::Phone,
                        });
                        pos = end;
                    }
                    // Try again from the next character: a greedy match may have
                    // swallowed the start of a real number.
                    None => pos = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8),
                }
                if pos >= text.len() {
                    break;
                }
            }
        }
    }

    /// The end of the longest valid phone number in `start..end`, shrinking at
    /// separators: a greedy match can run on into the next number ("06-12345678
    /// 06-87654321" must be two numbers, not one invalid one).
    fn longest_valid(
        &self,
        text: &str,
        start: usize,
        mut end: usize,
        digits: &std::ops::RangeInclusive<usize>,
    ) -> Option<usize> {
        if alnum_before(text, start) {
            return None;
        }
        loop {
            let s = &text[start..end];
            let n = s.bytes().filter(u8::is_ascii_digit).count();
            let money =
                text[end..].starts_with(',') && text[end + 1..].starts_with(|c: char| c.is_ascii_digit());
            if digits.contains(&n) && !alnum_after(text, end) && !money && !self.date_like.is_match(s) {
                return Some(end);
            }
            let cut = s.rfind([' ', '.', '-', '/'])?;
            end = start + s[..cut].trim_end_matches([' ', '.', '-', '/']).len();
            if end <= start {
                return None;
            }
        }
    }
}

/// Whether a number opens with a bracket that does not close around its country
/// code: "(+31 6 1234 5678)" is a number in brackets, "(+31) 6 1234 5678" is one
/// number.
fn unclosed_bracket(number: &str) -> bool {
    let Some(rest) = number.strip_prefix('(') else {
        return false;
    };
    let code = rest
        .strip_prefix('+')
        .or_else(|| rest.strip_prefix("00"))
        .unwrap_or(rest);
    let after = code
        .trim_start_matches(' ')
        .trim_start_matches(|c: char| c.is_ascii_digit());
    !after.starts_with(')')
}
