//! Links: with a scheme, starting with `www.`, or a bare domain on a common
//! top-level domain (`mijnzorg.nl/afspraak`).

use regex::Regex;

use super::{Candidate, PiiKind};

pub(super) struct Detector(Regex);

const TLDS: &str = "nl|com|org|net|eu|be|de|info|io|nu|app|me|tv|co|uk|fr|biz|online|site|link|ly";

impl Detector {
    pub(super) fn new() -> Self {
        Self(
            Regex::new(&format!(
                r"(?i)(?-u:\b)(?:(?:https?|ftp)://[^\s<>]+|www\.[^\s<>]+|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.(?:{TLDS})(?-u:\b)(?:/[^\s<>]*)?)"
            ))
            .expect("valid pattern"),
        )
    }

    pub(super) fn find(&self, text: &str, out: &mut Vec<Candidate>) {
        if !text.contains('.') {
            return;
        }
        for m in self.0.find_iter(text) {
            // The domain of an e-mail address or a Matrix id (`@piet:matrix.org`)
            // belongs to that, not to a link.
            // Whitespace can be wider than a byte (U+0085, U+00A0, U+2003).
            let word_start = text[..m.start()]
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let glued_to_id = text[word_start..m.start()].rfind('@').is_some_and(|at| {
                text[word_start + at + 1..m.start()]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_.%+=:-".contains(c))
            });
            if glued_to_id {
                continue;
            }
            let trimmed = m
                .as_str()
                .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '"', '\'']);
            // A bare domain whose dotted name goes on ("j.de.vries") ended on a
            // label that only looks like a country: not a link; the name
            // detector takes the whole.
            let bare = !trimmed.contains("://") && !trimmed.to_ascii_lowercase().starts_with("www.");
            let mut after = text[m.start() + trimmed.len()..].chars();
            // ("gemeente.nl.Daarna", a sentence begun without a space, stays a link.)
            if bare && after.next() == Some('.') && after.next().is_some_and(|c| c.is_ascii_lowercase()) {
                continue;
            }
            out.push(Candidate {
                start: m.start(),
                end: m.start() + trimmed.len(),
                kind: PiiKind::Url,
            });
        }
    }
}
