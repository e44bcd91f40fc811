//! Themes in open answers, without any outside service: each answer's
//! language is told by its stop words; words are lowercased, stop words and
//! the scrubber's placeholders dropped, the rest stemmed (Snowball, Dutch or
//! English); then, per language, the stem found in the most answers (at least
//! `min_size`) names a theme and takes every answer that uses it, and so on
//! with what is left. Deterministic: ties go by the stem's spelling, so the
//! same answers always give the same themes.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::domain::Lang;

/// The most themes per language: a volunteer reads a handful, not a list.
const MAX_THEMES: usize = 6;

/// One theme: a label and the answers (by index) in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// The word most used for the theme's stem, e.g. "tijd".
    pub label: String,
    /// The language of its answers.
    pub lang: Lang,
    /// Indexes of the answers in it.
    pub members: Vec<usize>,
}

/// Groups `texts` into themes of at least `min_size` answers each; answers in
/// no theme are left out (the caller counts them as "other").
pub fn group(texts: &[String], min_size: usize) -> Vec<Theme> {
    let mut by_lang: BTreeMap<Lang, Vec<usize>> = BTreeMap::new();
    for (i, t) in texts.iter().enumerate() {
        by_lang.entry(language(t)).or_default().push(i);
    }
    let mut themes = Vec::new();
    for (lang, members) in by_lang {
        let stemmer = Stemmer::create(match lang {
            Lang::Nl => Algorithm::Dutch,
            Lang::En => Algorithm::English,
        });
        // A stop word's other forms ("hulpen", "komt") are stop words too.
        let stop_stems: HashSet<String> = stop_words(lang)
            .iter()
            .map(|w| stemmer.stem(w).into_owned())
            .collect();
        // Stems are numbered as first met; a large round has 100,000 answers,
        // so each answer keeps a short list of numbers, not of strings.
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut spelling: Vec<String> = Vec::new();
        // Per stem the surface words seen, with how often.
        let mut forms: Vec<HashMap<String, usize>> = Vec::new();
        // Stems of a word already seen (most answers share their words).
        let mut stem_of: HashMap<String, Option<usize>> = HashMap::new();
        let mut left: Vec<(usize, Vec<usize>)> = Vec::with_capacity(members.len());
        for &i in &members {
            let mut set = Vec::new();
            for word in content_words(&texts[i], lang) {
                let id = match stem_of.get(&word) {
                    Some(id) => *id,
                    None => {
                        let stem = stemmer.stem(&word).into_owned();
                        let id = (!stop_stems.contains(&stem)).then(|| {
                            *ids.entry(stem.clone()).or_insert_with(|| {
                                spelling.push(stem);
                                forms.push(HashMap::new());
                                spelling.len() - 1
                            })
                        });
                        stem_of.insert(word.clone(), id);
                        id
                    }
                };
                let Some(id) = id else { continue };
                *forms[id].entry(word).or_default() += 1;
                set.push(id);
            }
            set.sort_unstable();
            set.dedup();
            left.push((i, set));
        }
        for _ in 0..MAX_THEMES {
            let mut df = vec![0usize; spelling.len()];
            for (_, set) in &left {
                for &s in set {
                    df[s] += 1;
                }
            }
            // The most used stem; among equals the first in spelling order.
            let Some((best, n)) = df
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| spelling[b.0].cmp(&spelling[a.0])))
                .map(|(s, n)| (s, *n))
            else {
                break;
            };
            if n < min_size.max(2) {
                break;
            }
            let (inside, outside): (Vec<_>, Vec<_>) = left
                .into_iter()
                .partition(|(_, set)| set.binary_search(&best).is_ok());
            left = outside;
            let label = forms[best]
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map_or_else(|| spelling[best].clone(), |(w, _)| w.clone());
            themes.push(Theme {
                label,
                lang,
                members: inside.into_iter().map(|(i, _)| i).collect(),
            });
        }
    }
    themes
}

/// The stop words of a language, for quick lookups.
fn stop_words(lang: Lang) -> &'static HashSet<&'static str> {
    static NL: LazyLock<HashSet<&'static str>> = LazyLock::new(|| STOP_NL.iter().copied().collect());
    static EN: LazyLock<HashSet<&'static str>> = LazyLock::new(|| STOP_EN.iter().copied().collect());
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// The language an answer is written in, by its stop words (Dutch when unsure).
pub fn language(text: &str) -> Lang {
    let words = lower_words(text);
    let nl = words
        .iter()
        .filter(|w| stop_words(Lang::Nl).contains(w.as_str()))
        .count();
    let en = words
        .iter()
        .filter(|w| stop_words(Lang::En).contains(w.as_str()))
        .count();
    if en > nl { Lang::En } else { Lang::Nl }
}

/// The words that carry meaning: no stop words, no placeholders the scrubber
/// left (`[naam]`), no numbers, at least three letters.
fn content_words(text: &str, lang: Lang) -> Vec<String> {
    let stop = stop_words(lang);
    lower_words(&without_placeholders(text))
        .into_iter()
        .filter(|w| {
            w.chars().count() >= 3 && w.chars().any(char::is_alphabetic) && !stop.contains(w.as_str())
        })
        .collect()
}

fn lower_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn without_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '[' => depth += 1,
            ']' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Dutch function words and words too general to name a theme.
const STOP_NL: &[&str] = &[
    "aan",
    "al",
    "alle",
    "als",
    "altijd",
    "ben",
    "bij",
    "dan",
    "dat",
    "de",
    "deze",
    "die",
    "dit",
    "doe",
    "doen",
    "door",
    "dus",
    "een",
    "eens",
    "en",
    "er",
    "ga",
    "gaan",
    "gaat",
    "geen",
    "graag",
    "had",
    "heb",
    "hebben",
    "heeft",
    "het",
    "hier",
    "hij",
    "hoe",
    "hun",
    "ik",
    "in",
    "is",
    "ja",
    "je",
    "kan",
    "keer",
    "kunnen",
    "maar",
    "me",
    "meer",
    "men",
    "met",
    "mij",
    "mijn",
    "moet",
    "moeten",
    "na",
    "naar",
    "nee",
    "niet",
    "niets",
    "nog",
    "nu",
    "of",
    "om",
    "omdat",
    "ons",
    "onze",
    "ook",
    "op",
    "over",
    "te",
    "tegen",
    "toch",
    "tot",
    "u",
    "uit",
    "uw",
    "van",
    "veel",
    "voor",
    "want",
    "was",
    "wat",
    "we",
    "wel",
    "werd",
    "wij",
    "wil",
    "wordt",
    "worden",
    "zal",
    "ze",
    "zeer",
    "zich",
    "zij",
    "zijn",
    "zo",
    "zou",
    "goed",
    "beter",
    "vaak",
    "soms",
    "erg",
    "heel",
    "echt",
    "even",
    "iets",
    "iemand",
    "mensen",
    "gemeente",
    "hulp",
    "komt",
    "komen",
    "kom",
    "alles",
    "blijven",
    "blijft",
    "bel",
    "bellen",
    "laat",
    "laten",
    "weet",
    "weten",
    "zit",
    "staat",
    "elke",
    "steeds",
    "wanneer",
    "nooit",
    "weinig",
    "snel",
    "andere",
    "ander",
    "zelf",
    "vind",
    "vinden",
    "krijg",
    "krijgen",
    "luister",
    "luisteren",
];

/// English function words and words too general to name a theme.
const STOP_EN: &[&str] = &[
    "a",
    "about",
    "all",
    "also",
    "always",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "been",
    "but",
    "by",
    "can",
    "could",
    "do",
    "does",
    "for",
    "from",
    "get",
    "had",
    "has",
    "have",
    "he",
    "her",
    "his",
    "how",
    "i",
    "if",
    "in",
    "is",
    "it",
    "its",
    "me",
    "more",
    "my",
    "no",
    "not",
    "of",
    "often",
    "on",
    "or",
    "our",
    "please",
    "she",
    "so",
    "some",
    "that",
    "the",
    "their",
    "them",
    "there",
    "they",
    "this",
    "to",
    "too",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "which",
    "who",
    "will",
    "with",
    "would",
    "you",
    "your",
    "better",
    "help",
    "municipality",
    "people",
    "everything",
    "each",
    "helper",
    "come",
    "comes",
    "make",
    "need",
    "want",
    "just",
    "really",
    "much",
    "many",
    "every",
    "never",
    "other",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn answers_sharing_a_stem_form_a_theme_and_languages_stay_apart() {
        let t = texts(&[
            "Meer tijd voor een praatje",
            "De hulp heeft te weinig tijd",
            "Tijden zijn onhandig",
            "Steeds een andere hulp, vaste hulpen graag",
            "Vaste dag in de week",
            "The helper has no time",
            "More time please",
        ]);
        let themes = group(&t, 2);
        let tijd = themes
            .iter()
            .find(|th| th.lang == Lang::Nl && th.members.contains(&0))
            .unwrap();
        assert_eq!(tijd.label, "tijd");
        assert_eq!(tijd.members, vec![0, 1, 2]);
        let vast = themes.iter().find(|th| th.members.contains(&3)).unwrap();
        assert_eq!(vast.members, vec![3, 4]);
        let time = themes.iter().find(|th| th.lang == Lang::En).unwrap();
        assert_eq!(
            time.members,
            vec![5, 6],
            "English answers are grouped on their own"
        );
        assert_eq!(group(&t, 2), themes, "the same answers give the same themes");
    }

    #[test]
    fn small_themes_and_placeholders_name_nothing() {
        let t = texts(&[
            "Bel [naam] op [telefoonnummer]",
            "[naam] is fijn",
            "[naam] komt te laat",
        ]);
        assert!(group(&t, 2).iter().all(|th| th.label != "naam"));
        assert!(
            group(&texts(&["tijd", "tijd"]), 5).is_empty(),
            "below the minimum: no theme"
        );
    }
}
