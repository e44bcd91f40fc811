//! Handles: `@naam` on Telegram, Instagram or X, and Matrix ids `@naam:server.nl`.

use regex::Regex;

use super::{Candidate, PiiKind, alnum_before};

pub(super) struct Detector(Regex);

impl Detector {
    pub(super) fn new() -> Self {
        Self(
            Regex::new(r"@[A-Za-z0-9_][A-Za-z0-9_.=-]{1,63}(?::[A-Za-z0-9.-]+\.[A-Za-z]{2,})?")
                .expect("valid pattern"),
        )
    }

    pub(super) fn find(&self, text: &str, out: &mut Vec<Candidate>) {
        if !text.contains('@') {
            return;
        }
        let mut previous_end = None;
        for m in self.0.find_iter(text) {
            // Glued to a word it is part of an e-mail address, unless that word is
            // the previous handle ("@piet@henk" are two handles).
            if alnum_before(text, m.start()) && previous_end != Some(m.start()) {
                continue;
            }
            let trimmed = m.as_str().trim_end_matches(['.', '-', '=']);
            previous_end = Some(m.start() + trimmed.len());
            out.push(Candidate {
                start: m.start(),
                end: m.start() + trimmed.len(),
                kind: PiiKind::Handle,
            });
        }
    }
}
