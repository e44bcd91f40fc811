//! E-mail addresses.

use regex::Regex;

use super::{Candidate, PiiKind};

pub(super) struct Detector(Regex);

impl Detector {
    pub(super) fn new() -> Self {
        Self(Regex::new(r"(?i)[a-z0-9][a-z0-9._%+-]*@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,24}(?-u:\b)").expect("valid pattern"))
    }

    pub(super) fn find(&self, text: &str, out: &mut Vec<Candidate>) {
        if !text.contains('@') {
            return;
        }
        out.extend(self.0.find_iter(text).map(|m| Candidate {
            start: m.start(),
            end: m.end(),
            kind: PiiKind::Email,
        }));
    }
}
