//! Person names. A word starts a name when it follows a title (mevrouw, meneer,
//! mw., dhr., juf, buurman, dokter), follows a cue (ik heet, mijn naam is), is a
//! known first name that is not also an ordinary word ("fatima", "kees" in
//! lowercase too), or is a known name written with a capital in the middle of a
//! sentence ("ik heb Bakker gebeld", while "de bakker op de hoek" stays). The name
//! then runs on over particles (van, de, el) and further capitalised or known names.

use std::borrow::Cow;

use rustc_hash::FxHashSet as HashSet;

use super::{Candidate, PiiKind};

const FIRST: &str = include_str!("names/first.txt");
const LAST: &str = include_str!("names/last.txt");
const AMBIGUOUS: &str = include_str!("names/ambiguous.txt");

/// Words after which the next word is a name.
const TITLES: &[&str] = &[
    "mevrouw",
    "mevr",
    "mw",
    "meneer",
    "mijnheer",
    "mnr",
    "dhr",
    "heer",
    "juf",
    "juffrouw",
    "meester",
    "buurman",
    "buurvrouw",
    "buurjongen",
    "buurmeisje",
    "dokter",
    "dr",
    "zuster",
    "broeder",
    "tante",
    "oom",
    "neef",
    "nicht",
    "opa",
    "oma",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mister",
    "sir",
    "madam",
    "fam",
    "familie",
    "collega",
    "vriendin",
    "vriend",
    "huisarts",
    "wijkverpleegkundige",
    "consulent",
    "consulente",
    "casemanager",
    "hulp",
    "thuishulp",
    "klantmanager",
    "neighbour",
    "neighbor",
    "doctor",
    "nurse",
    "aunt",
    "uncle",
];

/// Name particles: part of a name when they sit between name words.
const PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "het", "ter", "ten", "te", "t", "in", "op", "el", "al", "bin", "ben", "abu",
    "da", "di", "du", "la", "le", "von", "zu", "dos", "das", "del", "vd",
];

/// Capitalised words that are never names here: services, laws, places, days.
const NEVER: &[&str] = &[
    "wmo",
    "uwv",
    "svb",
    "ggd",
    "cak",
    "wlz",
    "zvw",
    "jeugdwet",
    "participatiewet",
    "wijkteam",
    "gemeente",
    "thuiszorg",
    "digid",
    "whatsapp",
    "telegram",
    "matrix",
    "google",
    "facebook",
    "instagram",
    "nederland",
    "holland",
    "amsterdam",
    "rotterdam",
    "utrecht",
    "haag",
    "eindhoven",
    "groningen",
    "tilburg",
    "almere",
    "breda",
    "nijmegen",
    "arnhem",
    "haarlem",
    "enschede",
    "zwolle",
    "leiden",
    "maastricht",
    "dordrecht",
    "zoetermeer",
    "delft",
    "deventer",
    "oost",
    "west",
    "noord",
    "zuid",
    "centrum",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "may",
    "june",
    "july",
    "august",
    "october",
    "kerst",
    "pasen",
    "ramadan",
    "suikerfeest",
    "god",
    "allah",
    "nederlands",
    "engels",
    "turks",
    "marokkaans",
    "pools",
    "oekraïens",
    "surinaams",
    "arabisch",
    "dutch",
    "english",
    "ok",
    "oke",
    "oké",
    "hoi",
    "hallo",
    "hey",
    "dank",
    "bedankt",
    "thanks",
    "sorry",
    "ja",
    "nee",
    "yes",
    "no",
];

/// Shops named after people, which are not people.
const BRANDS: &[&str] = &["albert heijn", "jan linders"];

pub(super) struct Detector {
    first: HashSet<&'static str>,
    last: HashSet<&'static str>,
    ambiguous: HashSet<&'static str>,
    titles: HashSet<&'static str>,
    particles: HashSet<&'static str>,
    never: HashSet<&'static str>,
}

#[derive(Debug, Clone, Copy)]
struct Token<'t> {
    start: usize,
    end: usize,
    text: &'t str,
}

/// Splits text into words of letters, with inner hyphens ("Jan-Willem").
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let inner_hyphen = c == '-' && start.is_some() && iter.peek().is_some_and(|(_, n)| n.is_alphabetic());
        if c.is_alphabetic() || inner_hyphen {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(Token {
                start: s,
                end: i,
                text: &text[s..i],
            });
        }
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: text.len(),
            text: &text[s..],
        });
    }
    out
}

impl Detector {
    pub(super) fn new() -> Self {
        let set = |s: &'static str| {
            s.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<HashSet<_>>()
        };
        Self {
            first: set(FIRST),
            last: set(LAST),
            ambiguous: set(AMBIGUOUS),
            titles: TITLES.iter().copied().collect(),
            particles: PARTICLES.iter().copied().collect(),
            never: NEVER.iter().copied().collect(),
        }
    }

    fn is_first(&self, lc: &str) -> bool {
        self.first.contains(lc)
            || (lc.contains('-')
                && lc
                    .split('-')
                    .all(|p| self.first.contains(p) || self.last.contains(p)))
    }

    fn is_last(&self, lc: &str) -> bool {
        self.last.contains(lc)
    }

    fn never(&self, lc: &str) -> bool {
        self.never.contains(lc)
    }

    fn particle(&self, lc: &str) -> bool {
        self.particles.contains(lc)
    }

    fn title(&self, lc: &str) -> bool {
        self.titles.contains(lc)
    }

    /// The first token at or after `i` that is not a particle.
    fn next_non_particle(&self, lower: &[Cow<'_, str>], i: usize) -> Option<usize> {
        (i..lower.len()).find(|&k| !self.particle(lower[k].as_ref()))
    }

    /// A name word that needs no context: a known name that is not an ordinary word.
    fn unambiguous(&self, lc: &str) -> bool {
        (self.is_first(lc) || self.is_last(lc))
            && !self.ambiguous.contains(lc)
            && !self.never(lc)
            && lc.chars().count() > 2
    }

    pub(super) fn find(&self, text: &str, out: &mut Vec<Candidate>) {
        let toks = tokens(text);
        let lower: Vec<Cow<'_, str>> = toks.iter().map(|t| lowercase(t.text)).collect();
        let mut i = 0;
        while i < toks.len() {
            let Some(first) = self.name_start(text, &toks, &lower, i) else {
                i += 1;
                continue;
            };
            let last = self.name_end(text, &toks, &lower, first);
            // A capitalised word just before a found name, in mid-sentence, is part
            // of it too: "de consulent, Sevda Hendriks" where only Hendriks is known.
            let mut begin = first;
            if begin > i
                && joined(text, &toks[begin - 1], &toks[begin])
                && capitalised(toks[begin - 1].text)
                && !sentence_start(text, toks[begin - 1].start)
                && !self.never(&lower[begin - 1])
                && !self.title(lower[begin - 1].as_ref())
            {
                begin -= 1;
            }
            if !BRANDS.iter().any(|b| span_is(&lower, begin, last, b)) {
                out.push(Candidate {
                    start: toks[begin].start,
                    end: toks[last].end,
                    kind: PiiKind::Person,
                });
            }
            i = last + 1;
        }
    }

    /// The last token of a name that starts at `first`: further capitalised or
    /// known names, over particles ("Fatima el Amrani", "Wilma van den Berg").
    fn name_end(&self, text: &str, toks: &[Token<'_>], lower: &[Cow<'_, str>], first: usize) -> usize {
        let mut last = first;
        let mut j = first + 1;
        while j < toks.len() && joined(text, &toks[j - 1], &toks[j]) {
            let lc = lower[j].as_ref();
            if self.never(lc) {
                break;
            }
            if capitalised(toks[j].text) || self.unambiguous(lc) {
                last = j;
                j += 1;
                continue;
            }
            let Some(k) = self.next_non_particle(lower, j).filter(|_| self.particle(lc)) else {
                break;
            };
            if chain_joined(text, toks, j, k)
                && (capitalised(toks[k].text) || self.is_last(&lower[k]))
                && !self.never(&lower[k])
            {
                last = k;
                j = k + 1;
            } else {
                break;
            }
        }
        last
    }

    /// Where a name starting at token `i` begins (a particle after a title may
    /// begin it: "mevrouw de Vries"), or `None`.
    fn name_start(&self, text: &str, toks: &[Token<'_>], lower: &[Cow<'_, str>], i: usize) -> Option<usize> {
        let lc = lower[i].as_ref();
        let capital = capitalised(toks[i].text);
        let after_context = i > 0 && (self.title(lower[i - 1].as_ref()) || after_cue(lower, i));
        // Most words are lowercase ordinary words: settle them with one lookup.
        if !capital && !after_context {
            return (self.unambiguous(lc) && self.is_first(lc)).then_some(i);
        }
        if self.never(lc) || lc.chars().count() < 2 && !capital {
            return None;
        }
        let mid_sentence = !sentence_start(text, toks[i].start);
        let after_title = i > 0 && self.title(lower[i - 1].as_ref()) && near(text, &toks[i - 1], &toks[i]);
        let after_cue = after_cue(lower, i) && (i == 0 || near(text, &toks[i - 1], &toks[i]));
        if after_title || after_cue {
            // "mevrouw de Vries" starts at the particle; "de hulp van Truus" does not.
            if self.particle(lc) {
                let surname = self.next_non_particle(lower, i).is_some_and(|k| {
                    capitalised(toks[k].text)
                        && chain_joined(text, toks, i, k)
                        && (self.is_last(&lower[k]) || !self.is_first(&lower[k]))
                });
                return surname.then_some(i);
            }
            // A capital, or a name that is no ordinary word: "buurman Henk",
            // "ik heet fatima", but not "geen hulp meer".
            return (capital || self.unambiguous(lc)).then_some(i);
        }
        if self.unambiguous(lc) && self.is_first(lc) {
            return Some(i);
        }
        if capital && mid_sentence && (self.is_first(lc) || self.is_last(lc)) && !all_caps(toks[i].text) {
            return Some(i);
        }
        None
    }
}

/// Whether tokens `a..=b` are joined by single spaces.
fn chain_joined(text: &str, toks: &[Token<'_>], a: usize, b: usize) -> bool {
    (a..b).all(|k| joined(text, &toks[k], &toks[k + 1]))
}

/// Whether tokens `a..=b` spell `words` (lowercase, space-separated).
fn span_is(lower: &[Cow<'_, str>], a: usize, b: usize, words: &str) -> bool {
    let mut it = words.split(' ');
    (a..=b).all(|k| it.next() == Some(lower[k].as_ref())) && it.next().is_none()
}

/// "ik heet", "mijn naam is", "genaamd", "my name is", "called", "ik ben", "i am".
fn after_cue(lower: &[Cow<'_, str>], i: usize) -> bool {
    let w = |k: usize| {
        i.checked_sub(k)
            .and_then(|x| lower.get(x))
            .map_or("", |c| c.as_ref())
    };
    matches!(w(1), "heet" | "genaamd" | "called" | "named" | "heette")
        || (w(1) == "is" && matches!(w(2), "naam" | "name"))
        || (w(1) == "ben" && w(2) == "ik")
        || (w(1) == "am" && w(2) == "i")
        || (w(1) == "m" && w(2) == "i")
}

/// A lowercase form, borrowed when the word is lowercase already (most are).
fn lowercase(word: &str) -> Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && !all_caps(word)
}

fn all_caps(word: &str) -> bool {
    word.chars().count() > 1 && word.chars().all(|c| !c.is_lowercase())
}

/// Whether only a space (and an abbreviation dot) separates two words.
fn near(text: &str, a: &Token<'_>, b: &Token<'_>) -> bool {
    let gap = &text[a.end..b.start];
    !gap.is_empty() && gap.len() <= 3 && gap.chars().all(|c| c == ' ' || c == '.')
}

/// Whether exactly one space (or an apostrophe for 't) separates two name words.
fn joined(text: &str, a: &Token<'_>, b: &Token<'_>) -> bool {
    matches!(&text[a.end..b.start], " " | " '" | "' ")
}

/// Whether the word at `at` opens a sentence (so its capital says nothing).
fn sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t', '"', '\'', '(', '“', '‘']);
    match before.chars().next_back() {
        None => true,
        Some(c) => {
            matches!(
                c,
                '.' | '!' | '?' | '\n' | ':' | ';' | '…' | '-' | '–' | '•' | '*'
            ) || !(c.is_alphanumeric() || c == ',')
        }
    }
}
