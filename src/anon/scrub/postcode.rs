//! Dutch postcodes: 1234 AB, 1234AB, 1234 ab, 1234-AB. Lowercase letters after a space must
//! not be a short word, so "in 2024 en 2025" is not a postcode. A house number
//! glued to it ("1234AB56", "1234AB5a") goes with it.

use regex::Regex;

use super::{Candidate, PiiKind, alnum_after, alnum_before};

pub(super) struct Detector(Regex);

/// Two-letter words that follow numbers in ordinary sentences.
const SHORT_WORDS: &[&str] = &[
    "en", "in", "op", "is", "om", "te", "ik", "je", "we", "ze", "of", "de", "al", "na", "nu", "zo", "ja",
    "er", "ga", "af", "uw", "me", "an", "at", "be", "by", "do", "go", "he", "if", "it", "my", "no", "on",
    "or", "so", "to", "up", "us", "am", "as", "pm", "km", "kg", "cm", "mm", "ml", "uu", "st", "nd", "rd",
    "th", "ct", "mn", "zn", "hè",
];

impl Detector {
    pub(super) fn new() -> Self {
        Self(
            // ASCII digits only: a postcode has four of them, and the letters
            // are read from the fifth byte on.
            Regex::new(r"[1-9][0-9]{3}(?:[A-Za-z]{2}[0-9]{1,5}[A-Za-z]?| ?[A-Za-z]{2}|-[A-Z]{2})")
                .expect("valid pattern"),
        )
    }

    pub(super) fn find(&self, text: &str, out: &mut Vec<Candidate>) {
        for m in self.0.find_iter(text) {
            if alnum_before(text, m.start()) || alnum_after(text, m.end()) {
                continue;
            }
            let letters = &m.as_str()[4..].trim_start_matches([' ', '-'])[..2];
            let upper = letters.chars().all(|c| c.is_ascii_uppercase());
            // SA, SD and SS are never issued.
            if upper && matches!(letters, "SA" | "SD" | "SS") {
                continue;
            }
            let spaced = m.as_str().contains(' ');
            if !upper && spaced && SHORT_WORDS.contains(&letters.to_lowercase().as_str()) {
                continue;
            }
            out.push(Candidate {
                start: m.start(),
                end: m.end(),
                kind: PiiKind::Postcode,
            });
        }
    }
}
