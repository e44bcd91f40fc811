//! Dates of birth: a full date (12-03-1956, 12/3/56, 12 maart 1956, March 12, 1956)
//! after a cue such as "geboren" or "geboortedatum", or a full date whose year lies
//! so far back that it can only be a birthday in a chat about services. Plain years,
//! durations and recent appointment dates are left alone.

use regex::Regex;

use super::{Candidate, PiiKind, alnum_after, alnum_before};

pub(super) struct Detector {
    numeric: Regex,
    worded: Regex,
    english: Regex,
}

const MONTHS: &str = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec|january|february|march|may|june|july|august|october";

/// Words that, shortly before a date, make it a birth date.
const CUES: &[&str] = &[
    "geboren",
    "geb.",
    "geboortedatum",
    "geboortedag",
    "verjaardag",
    "jarig",
    "born",
    "birthday",
    "date of birth",
    "dob",
    "ik ben van",
    "i was born",
];

/// Placeholders that contain a cue word.
const PLACEHOLDERS: &[&str] = &["[geboortedatum]", "[date of birth]"];

/// Before this year, a full date in a resident's message is taken as a birth date.
const LAST_BIRTH_YEAR: i32 = 2010;

impl Detector {
    pub(super) fn new() -> Self {
        // No capture groups: matching stays on the fast engines, and the few
        // matches are taken apart by hand.
        Self {
            numeric: Regex::new(r"[0-9]{1,2}[-/.][0-9]{1,2}[-/.](?:[0-9]{4}|[0-9]{2})")
                .expect("valid pattern"),
            worded: Regex::new(&format!(
                r"(?i)[0-9]{{1,2}}(?:e|ste|de)? (?:{MONTHS})\.? [0-9]{{4}}"
            ))
            .expect("valid pattern"),
            english: Regex::new(&format!(
                r"(?i)(?-u:\b)(?:{MONTHS}) [0-9]{{1,2}}(?:st|nd|rd|th)?,? [0-9]{{4}}"
            ))
            .expect("valid pattern"),
        }
    }

    pub(super) fn find(&self, text: &str, out: &mut Vec<Candidate>) {
        for m in self.numeric.find_iter(text) {
            if alnum_before(text, m.start()) || alnum_after(text, m.end()) {
                continue;
            }
            let parts: Vec<i32> = m.as_str().split(['-', '/', '.']).map(num).collect();
            let [day, month, year] = parts[..] else { continue };
            if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
                continue;
            }
            let four_digit_year = m.as_str().len() - m.as_str().rfind(['-', '/', '.']).unwrap_or(0) == 5;
            self.push(text, m.start(), m.end(), four_digit_year.then_some(year), out);
        }
        for re in [&self.worded, &self.english] {
            for m in re.find_iter(text) {
                if alnum_before(text, m.start()) || alnum_after(text, m.end()) {
                    continue;
                }
                let numbers: Vec<i32> = m
                    .as_str()
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|p| !p.is_empty())
                    .map(num)
                    .collect();
                let [day, year] = numbers[..] else { continue };
                if (1..=31).contains(&day) {
                    self.push(text, m.start(), m.end(), Some(year), out);
                }
            }
        }
    }

    fn push(&self, text: &str, start: usize, end: usize, year: Option<i32>, out: &mut Vec<Candidate>) {
        let window_start = text[..start].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
        // A placeholder such as "[geboortedatum]" is no cue: it would make a
        // second scrub find more than the first.
        let window = text[window_start..start].to_lowercase();
        let window = PLACEHOLDERS.iter().fold(window, |w, p| w.replace(p, ""));
        let cued = CUES.iter().any(|c| window.contains(c));
        let long_ago = year.is_some_and(|y| (1900..LAST_BIRTH_YEAR).contains(&y));
        if cued || long_ago {
            out.push(Candidate {
                start,
                end,
                kind: PiiKind::DateOfBirth,
            });
        }
    }
}

fn num(s: &str) -> i32 {
    s.parse().unwrap_or(0)
}
