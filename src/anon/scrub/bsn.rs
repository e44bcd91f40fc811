//! Citizen service numbers (BSN): nine digits, possibly grouped (123.456.782,
//! 123-456-782, 1234 56 782), accepted only when they pass the 11-test. Glued to
//! the word "bsn" ("BSN:123456782", "bsn123456782") they count too.

use regex::Regex;

use super::{Candidate, PiiKind, alnum_after, alnum_before};

pub(super) struct Detector(Regex);

impl Detector {
    pub(super) fn new() -> Self {
        Self(
            Regex::new(
                r"\d{9}|\d{3}[. -]\d{3}[. -]\d{3}|\d{4}[. -]\d{2}[. -]\d{3}|\d{2}[. -]\d{3}[. -]\d{2}[. -]\d{2}",
            )
            .expect("valid pattern"),
        )
    }

    pub(super) fn find(&self, text: &str, out: &mut Vec<Candidate>) {
        for m in self.0.find_iter(text) {
            let after_bsn =
                m.start() >= 3 && text.as_bytes()[m.start() - 3..m.start()].eq_ignore_ascii_case(b"bsn");
            if (alnum_before(text, m.start()) && !after_bsn) || alnum_after(text, m.end()) {
                continue;
            }
            // A number glued to more groups (1.234.567.890, 123-456-789-0) or with
            // decimals (123456789,50) is an amount or a code.
            let before = text[..m.start()].chars().next_back();
            let mut after = text[m.end()..].chars();
            let after_digit = after.clone().nth(1).is_some_and(|c| c.is_ascii_digit());
            if matches!(before, Some('.' | ',' | '-' | '/'))
                || matches!(after.next(), Some(',' | '.' | '-' | '/')) && after_digit
            {
                continue;
            }
            let digits: Vec<u32> = m.as_str().chars().filter_map(|c| c.to_digit(10)).collect();
            if eleven_test(&digits) {
                out.push(Candidate {
                    start: m.start(),
                    end: m.end(),
                    kind: PiiKind::Bsn,
                });
            }
        }
    }
}

/// The BSN 11-test: 9·d1 + 8·d2 + ... + 2·d8 − 1·d9 is a multiple of 11 (and not 0).
pub(crate) fn eleven_test(d: &[u32]) -> bool {
    if d.len() != 9 || d.iter().all(|x| *x == 0) {
        return false;
    }
    let sum: i64 = d[..8]
        .iter()
        .zip((2..=9).rev())
        .map(|(x, w)| i64::from(*x) * w)
        .sum::<i64>()
        - i64::from(d[8]);
    sum % 11 == 0
}
