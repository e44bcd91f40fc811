//! E-mail addresses, also written out so a spam filter or a form would not
//! catch them ("jan punt jansen apenstaartje gmail punt com", "j.jansen [at]
//! gmail [dot] com").

use regex::Regex;

use super::{Candidate, PiiKind};

pub(super) struct Detector {
    plain: Regex,
    spelled: Regex,
}

/// A dot, written or spelled: `.` (a space after it only with one before it:
/// "school. Com" ends a sentence), ` punt `, ` dot `, `[dot]`, `(punt)`.
const DOT: &str =
    r"(?:\.|\s+\.\s+|\s*\[\s*(?:dot|punt)\s*\]\s*|\s*\(\s*(?:dot|punt)\s*\)\s*|\s+(?:punt|dot)\s+)";
/// An at sign, written or spelled: `@` with spaces, ` at `, ` apenstaartje `, `[at]`.
const AT: &str = r"(?:\s*(?:@|\[\s*(?:at|apenstaartje)\s*\]|\(\s*(?:at|apenstaartje)\s*\)|\{\s*at\s*\})\s*|\s+(?:at|apenstaartje|apestaartje)\s+)";
/// Endings that make a spelled-out address unmistakable (" at home" is not one).
const ENDINGS: &str = "nl|com|org|net|eu|be|de|info|nu|io|co|uk|fr|email|online|me|mail";

impl Detector {
    pub(super) fn new() -> Self {
        let word = r"[a-z0-9][a-z0-9_%+-]*";
        let spelled = format!(
            r"(?i)(?-u:\b){word}(?:{DOT}{word})*{AT}{word}(?:{DOT}{word})*?{DOT}(?:{ENDINGS})(?-u:\b)"
        );
        Self {
            plain: Regex::new(r"(?i)[a-z0-9][a-z0-9._%+-]*@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,24}(?-u:\b)").expect("valid pattern"),
            spelled: Regex::new(&spelled).expect("valid pattern"),
        }
    }

    pub(super) fn find(&self, text: &str, out: &mut Vec<Candidate>) {
        if text.contains('@') {
            out.extend(self.plain.find_iter(text).map(|m| Candidate {
                start: m.start(),
                end: m.end(),
                kind: PiiKind::Email,
            }));
        }
        // Most texts hold none of the marks a spelled-out address needs.
        let marked = text.contains(['@', '[', '(', '{']) || {
            let lower = text.to_ascii_lowercase();
            [" at", "apenstaartje", "apestaartje"]
                .iter()
                .any(|m| lower.contains(m))
        };
        if marked {
            out.extend(self.spelled.find_iter(text).map(|m| Candidate {
                start: m.start(),
                end: m.end(),
                kind: PiiKind::Email,
            }));
        }
    }
}
