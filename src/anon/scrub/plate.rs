//! Dutch licence plates in their sidecodes (XX-99-99 up to 9-XX-999), written
//! with dashes as on the plate.

use regex::Regex;

use super::{Candidate, PiiKind, alnum_after, alnum_before};

pub(super) struct Detector(Regex);

impl Detector {
    pub(super) fn new() -> Self {
        let l = "[A-Za-z]";
        let d = r"\d";
        let sidecodes = [
            format!("{l}{{2}}-{d}{{2}}-{d}{{2}}"),
            format!("{d}{{2}}-{d}{{2}}-{l}{{2}}"),
            format!("{d}{{2}}-{l}{{2}}-{d}{{2}}"),
            format!("{l}{{2}}-{d}{{2}}-{l}{{2}}"),
            format!("{l}{{2}}-{l}{{2}}-{d}{{2}}"),
            format!("{d}{{2}}-{l}{{2}}-{l}{{2}}"),
            format!("{d}{{2}}-{l}{{3}}-{d}"),
            format!("{d}-{l}{{3}}-{d}{{2}}"),
            format!("{l}{{2}}-{d}{{3}}-{l}"),
            format!("{l}-{d}{{3}}-{l}{{2}}"),
            format!("{l}{{3}}-{d}{{2}}-{l}"),
            format!("{l}-{d}{{2}}-{l}{{3}}"),
            format!("{d}-{l}{{2}}-{d}{{3}}"),
            format!("{d}{{3}}-{l}{{2}}-{d}"),
        ];
        Self(Regex::new(&format!("(?:{})", sidecodes.join("|"))).expect("valid pattern"))
    }

    pub(super) fn find(&self, text: &str, out: &mut Vec<Candidate>) {
        if !text.contains('-') {
            return;
        }
        for m in self.0.find_iter(text) {
            if alnum_before(text, m.start()) || alnum_after(text, m.end()) {
                continue;
            }
            if text[..m.start()].ends_with('-') || text[m.end()..].starts_with('-') {
                continue; // part of a longer code
            }
            // Plates are written in capitals or all in lowercase, not in mixed words.
            let s = m.as_str();
            let letters: String = s.chars().filter(char::is_ascii_alphabetic).collect();
            if letters != letters.to_uppercase() && letters != letters.to_lowercase() {
                continue;
            }
            out.push(Candidate {
                start: m.start(),
                end: m.end(),
                kind: PiiKind::Plate,
            });
        }
    }
}
