//! Handles: `@naam` on Telegram, Instagram or X, and Matrix ids `@naam:server.nl`.
//! Mentions of a group or a role (`@iedereen`, `@all`, `@gemeente`) name nobody.

use regex::Regex;

use super::{Candidate, PiiKind, alnum_before};

pub(super) struct Detector(Regex, Regex);

/// Mentions that address a group or a role, in the languages residents write in.
const GROUP_MENTIONS: &[&str] = &[
    "iedereen",
    "allemaal",
    "allen",
    "alle",
    "all",
    "everyone",
    "everybody",
    "here",
    "channel",
    "team",
    "admin",
    "admins",
    "beheer",
    "beheerder",
    "beheerders",
    "moderator",
    "moderators",
    "mods",
    "bestuur",
    "organisatie",
    "gemeente",
    "wijkteam",
    "buurt",
    "buren",
    "bewoners",
    "jullie",
    "groep",
    "group",
    "herkes",
    "hepiniz",
    "wszyscy",
    "всі",
    "усі",
    "все",
    "الجميع",
];

impl Detector {
    pub(super) fn new() -> Self {
        Self(
            Regex::new(r"@[A-Za-z0-9_][A-Za-z0-9_.=-]{1,63}(?::[A-Za-z0-9.-]+\.[A-Za-z]{2,})?")
                .expect("valid pattern"),
            // An account name without its `@`: words joined by underscores
            // ("piet_de_boer", "jan_vries88"), which chat text has no other use for.
            Regex::new(r"(?-u:\b)[A-Za-z][A-Za-z0-9]*(?:_+[A-Za-z0-9]+)+").expect("valid pattern"),
        )
    }

    /// Account names written without `@`, joined by underscores.
    pub(super) fn find_underscored(&self, text: &str, out: &mut Vec<Candidate>) {
        for m in self.1.find_iter(text) {
            if alnum_before(text, m.start()) || text[..m.start()].ends_with(['@', '_']) {
                continue;
            }
            out.push(Candidate {
                start: m.start(),
                end: m.end(),
                kind: PiiKind::Handle,
            });
        }
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
            if GROUP_MENTIONS
                .iter()
                .any(|g| trimmed[1..].eq_ignore_ascii_case(g))
            {
                continue;
            }
            out.push(Candidate {
                start: m.start(),
                end: m.start() + trimmed.len(),
                kind: PiiKind::Handle,
            });
        }
    }
}
