//! Street addresses with a house number: "Kerkstraat 12", "Van Speijkstraat 3a",
//! "Laan van Meerdervoort 100", "burg. de Vlugtlaan 12-2", "Lange Nieuwstraat
//! 17-II". A street without a number ("in de Kerkstraat") is not an address, and
//! "snelweg 2 keer" is not either.

use regex::Regex;

use super::{Candidate, PiiKind, alnum_after};

pub(super) struct Detector {
    suffixed: Regex,
    prefixed: Regex,
    english: Regex,
}

/// English street words, after the name: "12 Baker Street", "45 church road".
const ENGLISH_SUFFIXES: &str = "street|st|road|rd|lane|ln|avenue|ave|drive|dr|close|way|court|place|square|crescent|terrace|grove|gardens|row|walk|mews|hill";

/// Words that cannot be a street's name in English order ("3 times a week
/// down the road"): a lowercase name word must not be one of these.
const NOT_A_STREET_NAME: &[&str] = &[
    "the", "a", "an", "my", "our", "your", "his", "her", "their", "on", "in", "at", "of", "to", "and", "or",
    "per", "times", "days", "weeks", "hours", "years", "people", "kids", "children", "cars", "houses",
    "more", "other", "same", "main", "one", "this", "that", "every", "each", "de", "het", "een", "minutes",
    "mins", "seconds", "miles", "km", "metres", "meters", "euros", "pounds", "percent", "steps", "blocks",
    "houses",
];

const SUFFIXES: &str = "straat|laan|weg|plein|gracht|kade|singel|dijk|hof|pad|steeg|dreef|park|baan|markt|boulevard|allee|erf|kamp|veld|wal|sloot|haven|plantsoen|hoek|rade|poort|brink|dam|ring|oord|gaarde|hove|berg|heuvel|akker|weide|wetering|vaart|tuin|tuinen|hoven|straatje|laantje|pleintje|stede|staete|burcht|polder|wijk|zoom|kwartier|ven|horst|donk|hout|bosch|kant";

/// Words after a number that make it a count, not a house number.
const UNITS: &[&str] = &[
    "keer", "x", "dagen", "dag", "weken", "week", "uur", "minuten", "min", "jaar", "maanden", "maand", "km",
    "meter", "m", "euro", "mensen", "personen", "kinderen", "procent", "%", "times", "days", "weeks",
    "hours", "years", "people",
];

impl Detector {
    pub(super) fn new() -> Self {
        let number = r"\d{1,4}(?:(?: ?[a-zA-Z])(?-u:\b)|(?: ?- ?\d{1,3})|-(?:I{1,3}|IV|hs|HS|bis|[A-Za-z])(?-u:\b)|(?: (?:bis|hs|huis|I{1,3}|bg|boven))(?-u:\b))?";
        Self {
            // The street word and number only; words before it are added by hand
            // (see `extend_left`), which is far cheaper than a repeated group.
            suffixed: Regex::new(&format!(r"(?i)(?-u:\b)[a-zà-ÿ'-]{{2,}}(?:{SUFFIXES}) {number}"))
            .expect("valid pattern"),
            prefixed: Regex::new(&format!(
                r"(?-u:\b)(?:Laan|Plein|Kade|Weg|Dreef|Singel|Dijk|Pad|Hof|Burgwal|Markt|Oude|Nieuwe) (?:(?:van|der|de|den|het|ter|ten|op|in|aan|bij) ){{0,3}}(?:[A-ZÀ-Ý][a-zà-ÿ'-]+ ){{1,3}}{number}"
            ))
            .expect("valid pattern"),
            english: Regex::new(&format!(
                r"(?-u:\b)\d{{1,4}}[a-zA-Z]?,? (?:(?:[A-Z][a-z'-]+ ){{1,3}}(?i:{ENGLISH_SUFFIXES})|([a-z][a-z'-]{{2,}}) (?i:street|road|lane|avenue|drive|crescent|terrace))(?-u:\b)"
            ))
            .expect("valid pattern"),
        }
    }

    pub(super) fn find(&self, text: &str, out: &mut Vec<Candidate>) {
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        for c in self.english.captures_iter(text) {
            let m = c.get(0).expect("whole match");
            let lowercase_name = c.get(1).map(|w| w.as_str());
            if lowercase_name.is_some_and(|w| NOT_A_STREET_NAME.contains(&w)) || alnum_after(text, m.end()) {
                continue;
            }
            out.push(Candidate {
                start: m.start(),
                end: m.end(),
                kind: PiiKind::Address,
            });
        }
        for re in [&self.prefixed, &self.suffixed] {
            for m in re.find_iter(text) {
                if alnum_after(text, m.end()) {
                    continue;
                }
                let next_word = text[m.end()..].split_whitespace().next().unwrap_or_default();
                let next_word = next_word.trim_end_matches(['.', ',', '!', '?']).to_lowercase();
                if UNITS.contains(&next_word.as_str()) {
                    continue;
                }
                // An ASCII word boundary may fall inside a word with accents
                // ("Cafébaan 3"): start at the whole word.
                let word_start = text[..m.start()]
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| c.is_alphabetic())
                    .last()
                    .map_or(m.start(), |(i, _)| i);
                let street = text[word_start..m.end()].split(' ').next().unwrap_or_default();
                if ordinary_word(street) {
                    continue;
                }
                let (start, end) = trim_leading_words(text, extend_left(text, word_start), m.end());
                out.push(Candidate {
                    start,
                    end,
                    kind: PiiKind::Address,
                });
            }
        }
    }
}

/// A lowercase word that ends like a street but is an ordinary word, often
/// followed by a number in answers ("antwoord 1", "na vergadering 2", "de
/// voorkant 2"). Fifteenth trial: "antwoord 1" became "[adres]". A street
/// written in lowercase with a plain street word ("kerkstraat 5") still counts.
fn ordinary_word(word: &str) -> bool {
    let lowercase = word.chars().all(|c| !c.is_uppercase());
    lowercase
        && (word.ends_with("woord")
            || ["akkoord", "moord", "boord"].iter().any(|w| word.ends_with(w))
            || ["ering", "aring", "uring"].iter().any(|e| word.ends_with(e))
            || word.ends_with("kant"))
}

/// Up to three words before `start`, each separated by one space: candidates for
/// the street's name, which `trim_leading_words` then judges.
fn extend_left(text: &str, mut start: usize) -> usize {
    for _ in 0..3 {
        let Some(before) = text[..start].strip_suffix(' ') else {
            break;
        };
        let word_start = before
            .rfind(|c: char| !(c.is_alphabetic() || c == '.' || c == '\''))
            .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
        if word_start == before.len() {
            break;
        }
        start = word_start;
    }
    start
}

/// The suffix pattern may take up to three words before the street word. Keep a
/// word only while it belongs to the street's name: capitalised ("Van
/// Speijkstraat", "Prins Hendrikkade"), an abbreviation ("burg."), or a particle
/// between such words ("Burgemeester de Vlugtlaan"); drop the rest ("ik woon op de").
fn trim_leading_words(text: &str, start: usize, end: usize) -> (usize, usize) {
    let span = &text[start..end];
    let mut offsets = Vec::new();
    let mut at = 0;
    for w in span.split(' ') {
        offsets.push((at, w));
        at += w.len() + 1;
    }
    let street = offsets
        .iter()
        .position(|(_, w)| w.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(offsets.len())
        .saturating_sub(1);
    let is_name_word = |w: &str| {
        let lower = w.to_lowercase();
        let function_word = matches!(
            lower.as_str(),
            "op" | "in"
                | "aan"
                | "bij"
                | "naar"
                | "ik"
                | "mijn"
                | "wij"
                | "we"
                | "het"
                | "de"
                | "is"
                | "woon"
                | "at"
                | "on"
        );
        (w.starts_with(|c: char| c.is_uppercase()) || (w.ends_with('.') && w.len() > 2)) && !function_word
    };
    let is_particle = |w: &str| matches!(w, "van" | "de" | "der" | "den" | "ter" | "ten" | "'t");
    let mut first = street;
    while first > 0 {
        let prev = offsets[first - 1].1;
        if is_name_word(prev) {
            first -= 1;
        } else if is_particle(prev) && first >= 2 && is_name_word(offsets[first - 2].1) {
            first -= 2;
        } else {
            break;
        }
    }
    (start + offsets[first].0, end)
}
