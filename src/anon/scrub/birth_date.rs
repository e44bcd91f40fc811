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
    cue: Regex,
}

const MONTHS: &str = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec|january|february|march|may|june|july|august|october";

/// Before this year, a full date in a resident's message is taken as a birth date.
const LAST_BIRTH_YEAR: i32 = 2010;

impl Detector {
    pub(super) fn new() -> Self {
        Self {
            numeric: Regex::new(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})").expect("valid pattern"),
            worded: Regex::new(&format!(r"(?i)(\d{{1,2}})(?:e|ste|de)? ({MONTHS})\.? (\d{{4}})")).expect("valid pattern"),
            english: Regex::new(&format!(r"(?i)\b({MONTHS}) (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})")).expect("valid pattern"),
            cue: Regex::new(r"(?i)(geboren|geb\.|geboortedatum|geboortedag|verjaardag|jarig|born|birthday|date of birth|dob|ik ben van|i was born)\W{0,3}(?:\w+\W+){0,3}$")
                .expect("valid pattern"),
        }
    }

    pub(super) fn find(&self, text: &str, out: &mut Vec<Candidate>) {
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        for caps in self.numeric.captures_iter(text) {
            let m = caps.get(0).expect("whole match");
            if alnum_before(text, m.start()) || alnum_after(text, m.end()) {
                continue;
            }
            let (day, month) = (num(&caps[1]), num(&caps[2]));
            if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
                continue;
            }
            let year = &caps[3];
            self.push(
                text,
                m.start(),
                m.end(),
                if year.len() == 4 { Some(num(year)) } else { None },
                out,
            );
        }
        for caps in self.worded.captures_iter(text) {
            let m = caps.get(0).expect("whole match");
            if alnum_before(text, m.start())
                || alnum_after(text, m.end())
                || !(1..=31).contains(&num(&caps[1]))
            {
                continue;
            }
            self.push(text, m.start(), m.end(), Some(num(&caps[3])), out);
        }
        for caps in self.english.captures_iter(text) {
            let m = caps.get(0).expect("whole match");
            if alnum_after(text, m.end()) || !(1..=31).contains(&num(&caps[2])) {
                continue;
            }
            self.push(text, m.start(), m.end(), Some(num(&caps[3])), out);
        }
    }

    fn push(&self, text: &str, start: usize, end: usize, year: Option<i32>, out: &mut Vec<Candidate>) {
        let window_start = text[..start].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
        let cued = self.cue.is_match(&text[window_start..start]);
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
