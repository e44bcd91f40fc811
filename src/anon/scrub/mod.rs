//! The PII scrubber: finds personal data in residents' free text and replaces each
//! finding with a typed placeholder in the resident's language (`[telefoonnummer]`,
//! `[naam]`) before anything is stored or logged. Dutch first, English too.
//!
//! One detector per kind proposes candidate spans; overlaps are resolved by kind
//! priority (an e-mail address beats the handle inside it) and then by length.
//! Pure and deterministic: no I/O, compiled once, safe to share between threads.

mod address;
mod birth_date;
mod bsn;
mod email;
mod handle;
mod iban;
mod person;
mod phone;
mod plate;
mod postcode;
mod spoken_number;
mod url;

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::domain::Lang;

/// A kind of personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PiiKind {
    /// A person's name.
    Person,
    /// An e-mail address.
    Email,
    /// A phone number.
    Phone,
    /// A bank account number (checksum-valid IBAN).
    Iban,
    /// A citizen service number (nine digits passing the 11-test).
    Bsn,
    /// A Dutch postcode.
    Postcode,
    /// A street address with a house number.
    Address,
    /// A date of birth.
    DateOfBirth,
    /// A link.
    Url,
    /// A Dutch licence plate.
    Plate,
    /// A chat or social-media handle.
    Handle,
}

impl PiiKind {
    /// Every kind.
    pub const ALL: [PiiKind; 11] = [
        PiiKind::Person,
        PiiKind::Email,
        PiiKind::Phone,
        PiiKind::Iban,
        PiiKind::Bsn,
        PiiKind::Postcode,
        PiiKind::Address,
        PiiKind::DateOfBirth,
        PiiKind::Url,
        PiiKind::Plate,
        PiiKind::Handle,
    ];

    /// The name used in `meepraten scrub --jsonl` output.
    pub fn name(self) -> &'static str {
        match self {
            PiiKind::Person => "PERSON",
            PiiKind::Email => "EMAIL",
            PiiKind::Phone => "PHONE",
            PiiKind::Iban => "IBAN",
            PiiKind::Bsn => "BSN",
            PiiKind::Postcode => "POSTCODE",
            PiiKind::Address => "ADDRESS",
            PiiKind::DateOfBirth => "DATE_OF_BIRTH",
            PiiKind::Url => "URL",
            PiiKind::Plate => "PLATE",
            PiiKind::Handle => "HANDLE",
        }
    }

    /// The placeholder that replaces a finding, in the resident's language.
    pub fn placeholder(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Nl, PiiKind::Person) => "[naam]",
            (Lang::Nl, PiiKind::Email) => "[e-mailadres]",
            (Lang::Nl, PiiKind::Phone) => "[telefoonnummer]",
            (Lang::Nl, PiiKind::Iban) => "[rekeningnummer]",
            (Lang::Nl, PiiKind::Bsn) => "[bsn]",
            (Lang::Nl, PiiKind::Postcode) => "[postcode]",
            (Lang::Nl, PiiKind::Address) => "[adres]",
            (Lang::Nl, PiiKind::DateOfBirth) => "[geboortedatum]",
            (Lang::Nl, PiiKind::Url) => "[link]",
            (Lang::Nl, PiiKind::Plate) => "[kenteken]",
            (Lang::Nl, PiiKind::Handle) => "[gebruikersnaam]",
            (Lang::En, PiiKind::Person) => "[name]",
            (Lang::En, PiiKind::Email) => "[email]",
            (Lang::En, PiiKind::Phone) => "[phone number]",
            (Lang::En, PiiKind::Iban) => "[bank account]",
            (Lang::En, PiiKind::Bsn) => "[bsn]",
            (Lang::En, PiiKind::Postcode) => "[postcode]",
            (Lang::En, PiiKind::Address) => "[address]",
            (Lang::En, PiiKind::DateOfBirth) => "[date of birth]",
            (Lang::En, PiiKind::Url) => "[link]",
            (Lang::En, PiiKind::Plate) => "[licence plate]",
            (Lang::En, PiiKind::Handle) => "[username]",
        }
    }

    /// Which kind wins when two findings overlap: the more specific one.
    fn priority(self) -> u8 {
        match self {
            PiiKind::Email => 10,
            PiiKind::Url => 9,
            PiiKind::Iban => 8,
            PiiKind::Handle => 7,
            PiiKind::Phone => 6,
            PiiKind::Bsn | PiiKind::DateOfBirth | PiiKind::Plate => 5,
            PiiKind::Address => 4,
            PiiKind::Postcode => 3,
            PiiKind::Person => 2,
        }
    }
}

/// One finding, in character offsets (Unicode scalar values) into the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// First character of the finding.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// What was found.
    #[serde(rename = "type")]
    pub kind: PiiKind,
}

/// Text with personal data replaced, and what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scrubbed {
    /// The text to store.
    pub text: String,
    /// What was replaced, in input order.
    pub findings: Vec<Finding>,
}

/// A candidate span in byte offsets, proposed by one detector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub start: usize,
    pub end: usize,
    pub kind: PiiKind,
}

/// The compiled detectors.
pub struct Scrubber {
    email: email::Detector,
    url: url::Detector,
    handle: handle::Detector,
    phone: phone::Detector,
    spoken_number: spoken_number::Detector,
    iban: iban::Detector,
    bsn: bsn::Detector,
    postcode: postcode::Detector,
    address: address::Detector,
    birth_date: birth_date::Detector,
    plate: plate::Detector,
    person: person::Detector,
}

impl std::fmt::Debug for Scrubber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scrubber")
    }
}

static SCRUBBER: LazyLock<Scrubber> = LazyLock::new(Scrubber::build);

impl Scrubber {
    /// The shared, compiled scrubber.
    pub fn get() -> &'static Scrubber {
        &SCRUBBER
    }

    fn build() -> Scrubber {
        Scrubber {
            email: email::Detector::new(),
            url: url::Detector::new(),
            handle: handle::Detector::new(),
            phone: phone::Detector::new(),
            spoken_number: spoken_number::Detector::new(),
            iban: iban::Detector::new(),
            bsn: bsn::Detector::new(),
            postcode: postcode::Detector::new(),
            address: address::Detector::new(),
            birth_date: birth_date::Detector::new(),
            plate: plate::Detector::new(),
            person: person::Detector::new(),
        }
    }

    /// Finds personal data, in byte offsets, overlaps resolved, in text order.
    /// Detectors that need digits, an `@` or a dot are skipped when the text has
    /// none: most chat answers are plain words, and this keeps them cheap.
    fn candidates(&self, text: &str) -> Vec<Candidate> {
        let digits = text.bytes().filter(u8::is_ascii_digit).count();
        let mut all = Vec::new();
        // The e-mail detector looks for spelled-out addresses too (no `@`).
        self.email.find(text, &mut all);
        if text.contains('@') {
            self.handle.find(text, &mut all);
        }
        if text.contains('.') {
            self.url.find(text, &mut all);
        }
        if digits >= 9 {
            self.phone.find(text, &mut all);
            self.bsn.find(text, &mut all);
        }
        if digits >= 8 {
            self.iban.find(text, &mut all);
        }
        if digits >= 4 {
            self.postcode.find(text, &mut all);
        }
        // Phone numbers and dates of birth may be written out in words.
        self.spoken_number.find(text, &mut all);
        self.birth_date.find(text, &mut all);
        if digits >= 1 {
            self.address.find(text, &mut all);
            self.plate.find(text, &mut all);
        }
        if text.contains('_') {
            self.handle.find_underscored(text, &mut all);
        }
        if text.contains('.') {
            self.person.find_initial_accounts(text, &mut all);
        }
        let before = all.len();
        self.person.find(text, &mut all);
        for c in &mut all[before..] {
            glue_account(text, c);
        }
        resolve(text, all)
    }

    /// Finds personal data in `text` without changing it.
    pub fn find(&self, text: &str) -> Vec<Finding> {
        self.scrub(text, Lang::Nl).findings
    }

    /// Replaces personal data in `text` with placeholders in `lang`.
    ///
    /// Detectors refuse a match glued to a letter or digit ("abc06-12345678"),
    /// but once the glued neighbour is itself replaced ("[naam]06-12345678") the
    /// match stands free. So scrubbing repeats until nothing more is found, which
    /// makes it idempotent; later findings always lie in unchanged input text and
    /// are mapped back to input offsets.
    pub fn scrub(&self, text: &str, lang: Lang) -> Scrubbed {
        let mut candidates = self.candidates(text);
        if candidates.is_empty() {
            return Scrubbed {
                text: text.to_owned(),
                findings: Vec::new(),
            };
        }
        for _ in 0..16 {
            let (out, unchanged) = render(text, &candidates, lang);
            let more = self.candidates(&out);
            if more.is_empty() {
                return Scrubbed {
                    text: out,
                    findings: to_findings(text, &candidates),
                };
            }
            let before = candidates.len();
            for c in more {
                if let Some((start, end)) = map_back(&unchanged, c.start, c.end) {
                    candidates.push(Candidate {
                        start,
                        end,
                        kind: c.kind,
                    });
                }
            }
            if candidates.len() == before {
                break;
            }
            candidates.sort_by_key(|c| c.start);
        }
        // Findings that straddle a placeholder cannot be mapped back: scrub the
        // text itself to a fixed point so nothing of them survives. A chain of
        // glued names ("1An1An1An...") frees one more each pass, so the bound
        // follows the text's length (each pass replaces at least one finding).
        let (mut out, _) = render(text, &candidates, lang);
        for _ in 0..(16 + text.len() / 2) {
            let more = self.candidates(&out);
            if more.is_empty() {
                break;
            }
            out = render(&out, &more, lang).0;
        }
        Scrubbed {
            text: out,
            findings: to_findings(text, &candidates),
        }
    }
}

/// The text with candidates replaced, and the unchanged stretches as
/// (output start, input start, length) in bytes.
fn render(text: &str, candidates: &[Candidate], lang: Lang) -> (String, Vec<(usize, usize, usize)>) {
    let mut out = String::with_capacity(text.len());
    let mut unchanged = Vec::with_capacity(candidates.len() + 1);
    let mut at = 0;
    for c in candidates {
        unchanged.push((out.len(), at, c.start - at));
        out.push_str(&text[at..c.start]);
        out.push_str(c.kind.placeholder(lang));
        at = c.end;
    }
    unchanged.push((out.len(), at, text.len() - at));
    out.push_str(&text[at..]);
    (out, unchanged)
}

/// Maps an output span inside one unchanged stretch back to input offsets.
fn map_back(unchanged: &[(usize, usize, usize)], start: usize, end: usize) -> Option<(usize, usize)> {
    unchanged
        .iter()
        .find(|(o, _, len)| start >= *o && end <= o + len)
        .map(|(o, i, _)| (i + (start - o), i + (end - o)))
}

/// Byte spans to character spans, in one pass over the text.
fn to_findings(text: &str, candidates: &[Candidate]) -> Vec<Finding> {
    let mut findings = Vec::with_capacity(candidates.len());
    let mut chars = 0;
    let mut byte = 0;
    for c in candidates {
        chars += text[byte..c.start].chars().count();
        let start = chars;
        chars += text[c.start..c.end].chars().count();
        byte = c.end;
        findings.push(Finding {
            start,
            end: chars,
            kind: c.kind,
        });
    }
    findings
}

/// A name inside an account name ("piet_de_boer", "sanne.bakker",
/// "x_jan_vries88") takes the whole of it: the rest would still say who.
fn glue_account(text: &str, c: &mut Candidate) {
    let word = |ch: char| ch.is_alphanumeric() || ch == '_';
    let glue = |ch: char| ch == '_' || ch == '.';
    loop {
        let mut rest = text[c.end..].chars();
        match (rest.next(), rest.next()) {
            (Some(g), Some(next)) if glue(g) && next.is_alphanumeric() => {
                c.end += g.len_utf8();
                c.end += text[c.end..]
                    .find(|ch: char| !word(ch))
                    .unwrap_or(text.len() - c.end);
            }
            _ => break,
        }
    }
    loop {
        let mut before = text[..c.start].chars().rev();
        match (before.next(), before.next()) {
            (Some(g), Some(prev)) if glue(g) && prev.is_alphanumeric() => {
                c.start -= g.len_utf8();
                c.start = text[..c.start]
                    .rfind(|ch: char| !word(ch))
                    .map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
            }
            _ => break,
        }
    }
}

/// Keeps the best of overlapping candidates: higher priority, then longer, then earlier.
fn resolve(text: &str, mut all: Vec<Candidate>) -> Vec<Candidate> {
    all.retain(|c| c.end > c.start);
    all.sort_by(|a, b| {
        b.kind
            .priority()
            .cmp(&a.kind.priority())
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Candidate> = Vec::with_capacity(all.len());
    for mut c in all {
        // A name or address that overlaps something more specific ("fatima
        // Kerkstraat 12", "Kerkstraat 12 x@y.nl", "@daik Hofweg 3") keeps its part
        // outside it, so no part of it survives unreplaced.
        if matches!(c.kind, PiiKind::Person | PiiKind::Address) {
            for k in &kept {
                if k.start > c.start && k.start < c.end {
                    // Runs into it: keep the part before.
                    c.end = c.start
                        + text[c.start..k.start]
                            .trim_end_matches(|ch: char| !ch.is_alphanumeric())
                            .len();
                } else if k.start <= c.start && k.end > c.start && k.end < c.end {
                    // Starts inside it: keep the part after.
                    let rest = &text[k.end..c.end];
                    c.start = c.end - rest.trim_start_matches(|ch: char| !ch.is_alphanumeric()).len();
                }
            }
        }
        if c.end > c.start && kept.iter().all(|k| c.end <= k.start || c.start >= k.end) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.start);
    kept
}

/// Whether the byte before `at` is a letter or digit (for hand-made word boundaries).
pub(crate) fn alnum_before(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_some_and(char::is_alphanumeric)
}

/// Whether the byte at `at` starts a letter or digit.
pub(crate) fn alnum_after(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests;
