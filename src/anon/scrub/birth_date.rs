//! Dates of birth: a full date with a year, numeric (12-03-1956, 12/3/56,
//! 23.07.2015, 1987-06-07) or with a month name in one of the residents'
//! languages (12 maart 1956, March 12, 1956, 14 april '57, 12 Mart 1985, 12 marca
//! 1985, 12 березня 1985, 12 مارس 1985), the day and year also written out in
//! Dutch or English words ("elf april negentientweeëndertig"). It counts after
//! or before a cue such as "geboren", "geboortedatum", "born", "doğum",
//! "urodzony", "народився" or "ميلاد", right after "ik ben van" / "is van", or
//! when its year lies so far back that it can only be a birthday in a chat about
//! services. Plain years, durations and recent appointment dates are left alone.

use regex::Regex;

use super::{Candidate, PiiKind, alnum_after, alnum_before};

pub(super) struct Detector {
    numeric: Regex,
    iso: Regex,
    month: Regex,
    /// The month names, lowercase, for a quick look before `month` runs.
    month_in_lowercase: Regex,
    year_words: Regex,
}

/// Month names and abbreviations: Dutch, English, Turkish, Polish (also in the
/// genitive used in dates), Ukrainian and Russian (genitive), Arabic (Egyptian,
/// Levantine and Maghrebi names).
const MONTHS: &[&str] = &[
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
    "jan",
    "feb",
    "mrt",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "okt",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "may",
    "june",
    "july",
    "august",
    "october",
    "mar",
    "oct",
    "ocak",
    "şubat",
    "mart",
    "nisan",
    "mayıs",
    "haziran",
    "temmuz",
    "ağustos",
    "eylül",
    "ekim",
    "kasım",
    "aralık",
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
    "styczeń",
    "luty",
    "marzec",
    "kwiecień",
    "maj",
    "czerwiec",
    "lipiec",
    "sierpień",
    "wrzesień",
    "październik",
    "listopad",
    "grudzień",
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ابريل",
    "إبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "يوليوز",
    "أغسطس",
    "اغسطس",
    "غشت",
    "سبتمبر",
    "شتنبر",
    "أكتوبر",
    "اكتوبر",
    "نوفمبر",
    "نونبر",
    "ديسمبر",
    "دجنبر",
    "جانفي",
    "فيفري",
    "أفريل",
    "ماي",
    "جوان",
    "جويلية",
    "أوت",
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
];

/// Words that, shortly before a date, make it a birth date. Short ones must
/// start a word ("ur." is not the end of "uur.").
const CUES: &[&str] = &[
    "geboren",
    "geb.",
    "geb ",
    "geboorte",
    "verjaardag",
    "jarig",
    "born",
    "birth",
    "dob",
    "d.o.b",
    "ik ben van",
    "doğum",
    "dogum",
    "doğdu",
    "urodz",
    "urodzi",
    "ur.",
    "data ur",
    "народ",
    "нар.",
    "родил",
    "рожд",
    "ميلاد",
    "ولدت",
    "مواليد",
    "مولود",
];

/// Words that, shortly after a date, make it a birth date ("... is mijn geboortedatum").
const CUES_AFTER: &[&str] = &[
    "geboortedatum",
    "geboren",
    "geboortedag",
    "date of birth",
    "birthday",
    "born",
    "doğum",
    "doğdu",
    "urodz",
    "народ",
    "ميلاد",
];

/// Placeholders that contain a cue word.
const PLACEHOLDERS: &[&str] = &["[geboortedatum]", "[date of birth]"];

/// Before this year, a full date in a resident's message is taken as a birth date.
const LAST_BIRTH_YEAR: i32 = 2010;

impl Detector {
    pub(super) fn new() -> Self {
        // No capture groups: matching stays on the fast engines, and the few
        // matches are taken apart by hand.
        let mut months = MONTHS.to_vec();
        // Longest first, so "maart" wins over "mar" at the same place.
        months.sort_by_key(|m| std::cmp::Reverse(m.chars().count()));
        Self {
            numeric: Regex::new(r"[0-9٠-٩]{1,2}[-/.][0-9٠-٩]{1,2}[-/.](?:[0-9٠-٩]{4}|[0-9٠-٩]{2})")
                .expect("valid pattern"),
            iso: Regex::new(r"(?:19|20)[0-9]{2}[-/.][0-9]{1,2}[-/.][0-9]{1,2}").expect("valid pattern"),
            month: Regex::new(&format!("(?i)(?:{})", months.join("|"))).expect("valid pattern"),
            month_in_lowercase: Regex::new(
                &months
                    .iter()
                    .map(|m| regex::escape(&m.to_lowercase()))
                    .collect::<Vec<_>>()
                    .join("|"),
            )
            .expect("valid pattern"),
            year_words: Regex::new("(?i)negentien|tweeduizend|twintig|nineteen|thousand")
                .expect("valid pattern"),
        }
    }

    pub(super) fn find(&self, text: &str, out: &mut Vec<Candidate>) {
        // A date needs a year: four digits, "'57", or a year written out. Most
        // chat answers have none of these, and are settled here.
        let digits = text.bytes().filter(u8::is_ascii_digit).count();
        // Arabic-Indic digits are U+0660..U+0669: bytes D9 A0..D9 A9 in UTF-8,
        // found without decoding every character.
        let arabic_digits = text
            .as_bytes()
            .windows(2)
            .any(|w| w[0] == 0xD9 && (0xA0..=0xA9).contains(&w[1]));
        let year_words = digits < 2 && self.year_words.is_match(text);
        if digits < 2 && !arabic_digits && !year_words {
            return;
        }
        if digits >= 4 || arabic_digits {
            for m in self.numeric.find_iter(text) {
                if alnum_before(text, m.start()) || alnum_after(text, year_end(text, m.end())) {
                    continue;
                }
                let parts: Vec<i32> = m.as_str().split(['-', '/', '.']).map(num).collect();
                let [a, b, year] = parts[..] else { continue };
                let four_digit_year = m
                    .as_str()
                    .rsplit(['-', '/', '.'])
                    .next()
                    .is_some_and(|y| y.chars().count() == 4);
                // Day first, or the American month first when the day cannot be a month.
                if !((1..=31).contains(&a) && (1..=12).contains(&b)
                    || (1..=12).contains(&a) && (13..=31).contains(&b))
                {
                    continue;
                }
                self.push(text, m.start(), m.end(), four_digit_year.then_some(year), out);
            }
            for m in self.iso.find_iter(text) {
                if alnum_before(text, m.start()) || alnum_after(text, year_end(text, m.end())) {
                    continue;
                }
                let parts: Vec<i32> = m.as_str().split(['-', '/', '.']).map(num).collect();
                let [year, month, day] = parts[..] else { continue };
                if (1..=12).contains(&month) && (1..=31).contains(&day) {
                    self.push(text, m.start(), m.end(), Some(year), out);
                }
            }
        }
        // Case-insensitive search over many month names in six scripts is slow;
        // a plain search in the lowercased text tells first whether to bother.
        if !self.month_in_lowercase.is_match(&text.to_lowercase()) {
            return;
        }
        for m in self.month.find_iter(text) {
            if alnum_before(text, m.start()) || alnum_after(text, m.end()) {
                continue;
            }
            if let Some((start, end, year)) = worded(text, m.start(), m.end()) {
                self.push(text, start, end, year, out);
            }
        }
    }

    fn push(&self, text: &str, start: usize, end: usize, year: Option<i32>, out: &mut Vec<Candidate>) {
        let long_ago = year.is_some_and(|y| (1900..LAST_BIRTH_YEAR).contains(&y));
        if long_ago || cued(text, start, end) {
            out.push(Candidate {
                start,
                end,
                kind: PiiKind::DateOfBirth,
            });
        }
    }
}

/// Whether a cue stands shortly before or after the date at `start..end`.
fn cued(text: &str, start: usize, end: usize) -> bool {
    let window_start = text[..start].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
    // A placeholder such as "[geboortedatum]" is no cue: it would make a
    // second scrub find more than the first.
    let strip = |w: String| PLACEHOLDERS.iter().fold(w, |w, p| w.replace(p, " "));
    // A cue belongs to the nearest date: the window stops at other numbers.
    let window = &text[window_start..start];
    let window = &window[window.rfind(|c: char| c.is_ascii_digit()).map_or(0, |i| i + 1)..];
    let before = strip(format!(" {}", window.to_lowercase()));
    // Latin-script cues must start a word; Arabic ones may carry the article
    // ("الميلاد"), Cyrillic ones a prefix.
    let at_word = |window: &str, cue: &str| {
        window.match_indices(cue).any(|(i, _)| {
            !cue.is_ascii() || !window[..i].chars().next_back().is_some_and(char::is_alphabetic)
        })
    };
    if CUES.iter().any(|c| at_word(&before, c)) {
        return true;
    }
    // "ik ben van 3 maart 1948", "mijn zoon is van 10.02.2012"
    // but not "de afspraak is van 10-03 tot 12-03".
    let window_end = text[end..]
        .char_indices()
        .nth(30)
        .map_or(text.len(), |(i, _)| end + i);
    let next = text[end..window_end]
        .trim_start_matches([' ', ','])
        .to_lowercase();
    let until = ["tot", "t/m", "-", "–", "until", "to "]
        .iter()
        .any(|w| next.starts_with(w));
    let tail = before.trim_end();
    if ["ben van", "is van", "zijn van"]
        .iter()
        .any(|c| tail.ends_with(c))
        && !until
    {
        return true;
    }
    let window = &text[end..window_end];
    let window = &window[..window.find(|c: char| c.is_ascii_digit()).unwrap_or(window.len())];
    let after = strip(window.to_lowercase());
    CUES_AFTER.iter().any(|c| after.contains(c))
}

/// A date around the month name at `ms..me`: the day before it ("12 maart",
/// "twaalf maart", "the 12th of March") or after it ("March 12,"), and a year
/// after that. Returns its span and the year, if it could be read.
fn worded(text: &str, ms: usize, me: usize) -> Option<(usize, usize, Option<i32>)> {
    let before = text[..ms].trim_end_matches(' ');
    let before = ["of", "van", "de", "the"]
        .iter()
        .find_map(|w| {
            before
                .strip_suffix(w)
                .filter(|b| b.ends_with(' '))
                .map(|b| b.trim_end_matches(' '))
        })
        .unwrap_or(before);
    let (prev_start, prev) = last_word(before);
    let mut rest = text[me..].strip_prefix('.').unwrap_or(&text[me..]);
    let start = if day(prev).is_some() && before.len() < ms && before.ends_with(prev) {
        prev_start
    } else {
        // Month first: "March 12, 1956", "Nov 25 1942".
        let r = rest.trim_start_matches(' ');
        let (_, next) = first_word(r);
        if r.len() == rest.len() || next.is_empty() || !next.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        day(next)?;
        rest = &r[next.len()..];
        ms
    };
    let rest_trimmed = rest.trim_start_matches([',', '.']);
    let r = rest_trimmed.trim_start_matches(' ');
    if r.len() == rest_trimmed.len() {
        return None;
    }
    let at = text.len() - r.len();
    let (len, year) = year(r)?;
    Some((start, at + len, year))
}

/// The last word of `s` (letters, digits, hyphens, a trailing dot) and where it starts.
fn last_word(s: &str) -> (usize, &str) {
    let start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '-' || *c == '.')
        .last()
        .map_or(s.len(), |(i, _)| i);
    (start, &s[start..])
}

/// The first word of `s` (letters, digits, hyphens) and its length.
fn first_word(s: &str) -> (usize, &str) {
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '-'))
        .map_or(s.len(), |(i, _)| i);
    (end, &s[..end])
}

/// A day of the month: "12", "12e", "12th", "12.", "twaalf", "twaalfde", "twelfth".
fn day(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    let n = if digits.is_empty() {
        dutch_day(&w).or_else(|| english_day(&w))?
    } else {
        let suffix = &w[digits.len()..];
        if !matches!(
            suffix,
            "" | "e" | "ste" | "de" | "st" | "nd" | "rd" | "th" | "-го" | "'de"
        ) {
            return None;
        }
        digits.parse().ok()?
    };
    (1..=31).contains(&n).then_some(n)
}

/// A year after the month: "1956", "'57", "’57", or Dutch or English words.
/// Returns the length taken and the year, if known.
fn year(s: &str) -> Option<(usize, Option<i32>)> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() == 4 {
        let free = !s[year_end(s, 4)..].starts_with(|c: char| c.is_alphanumeric());
        return free.then(|| (4, digits.parse().ok()));
    }
    if !digits.is_empty() {
        return None;
    }
    if let Some(r) = s.strip_prefix('\'').or_else(|| s.strip_prefix('’')) {
        let yy: String = r.chars().take_while(char::is_ascii_digit).collect();
        if yy.len() == 2 && !r[2..].starts_with(|c: char| c.is_alphanumeric()) {
            let yy: i32 = yy.parse().ok()?;
            let year = if yy >= 30 { 1900 + yy } else { 2000 + yy };
            return Some((s.len() - r.len() + 2, Some(year)));
        }
        return None;
    }
    let (len, word) = first_word(s);
    let word = word.to_lowercase();
    // "negentien vijfenvijftig", "tweeduizend acht": the year in two words.
    if matches!(
        word.as_str(),
        "negentien" | "negentienhonderd" | "tweeduizend" | "twintig"
    ) {
        let rest = &s[len..];
        if let Some(r) = rest.strip_prefix(' ') {
            let (len2, next) = first_word(r);
            if let Some(y) = dutch_year(&format!("{word}{}", next.to_lowercase())) {
                return Some((len + 1 + len2, Some(y)));
            }
        }
    }
    if let Some(y) = dutch_year(&word) {
        return Some((len, Some(y)));
    }
    english_year(s)
}

const UNITS: &[&str] = &[
    "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen",
];
const TEENS: &[&str] = &[
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
];
const TENS: &[&str] = &[
    "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig",
];

/// A Dutch number from 0 to 99 in words: "elf", "drieënzestig", "tweeentwintig".
fn dutch_number(w: &str) -> Option<u32> {
    let w = w.replace('ë', "e").replace("één", "een");
    let pos = |list: &[&str], s: &str| list.iter().position(|x| *x == s).map(|p| p as u32);
    if w.is_empty() {
        return Some(0);
    }
    if let Some(p) = pos(UNITS, &w) {
        return Some(p + 1);
    }
    if let Some(p) = pos(TEENS, &w) {
        return Some(p + 10);
    }
    if let Some(p) = pos(TENS, &w) {
        return Some(p * 10 + 20);
    }
    UNITS.iter().enumerate().find_map(|(u, unit)| {
        let tens = w.strip_prefix(unit)?.strip_prefix("en")?;
        pos(TENS, tens).map(|t| t * 10 + 20 + u as u32 + 1)
    })
}

/// A Dutch day of the month in words, cardinal or ordinal: "elf", "elfde", "eerste", "achtste".
fn dutch_day(w: &str) -> Option<u32> {
    if let Some(n) = dutch_number(w).filter(|n| *n > 0) {
        return Some(n);
    }
    match w {
        "eerste" => return Some(1),
        "derde" => return Some(3),
        "achtste" => return Some(8),
        _ => {}
    }
    let stem = w
        .strip_suffix("ste")
        .or_else(|| w.strip_suffix("de"))
        .or_else(|| w.strip_suffix('e'))?;
    dutch_number(stem).filter(|n| *n > 0)
}

/// A Dutch year in words: "negentientweeëndertig", "negentienhonderdvijftig",
/// "tweeduizendachttien", "twintigtwintig".
fn dutch_year(w: &str) -> Option<i32> {
    let (century, rest) = if let Some(r) = w.strip_prefix("negentien") {
        (1900, r.strip_prefix("honderd").unwrap_or(r))
    } else if let Some(r) = w.strip_prefix("tweeduizend") {
        (
            2000,
            r.strip_prefix("en")
                .filter(|r| !r.is_empty() && !r.starts_with('t'))
                .unwrap_or(r),
        )
    } else if let Some(r) = w.strip_prefix("twintig").filter(|r| !r.is_empty()) {
        (2000, r)
    } else {
        return None;
    };
    if century == 1900 && rest.is_empty() && w == "negentien" {
        return None; // "negentien" alone is nineteen, not a year
    }
    dutch_number(rest).map(|n| century + n as i32)
}

const EN_UNITS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];
const EN_TEENS: &[&str] = &[
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const EN_TENS: &[&str] = &[
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const EN_ORDINALS: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];

/// An English number from 1 to 99 in words: "seven", "eighty-seven", "eighty seven".
fn english_number(w: &str) -> Option<u32> {
    let pos = |list: &[&str], s: &str| list.iter().position(|x| *x == s).map(|p| p as u32);
    if let Some(p) = pos(EN_UNITS, w) {
        return Some(p + 1);
    }
    if let Some(p) = pos(EN_TEENS, w) {
        return Some(p + 10);
    }
    if let Some(p) = pos(EN_TENS, w) {
        return Some(p * 10 + 20);
    }
    let (tens, unit) = w.split_once(['-', ' '])?;
    Some(pos(EN_TENS, tens)? * 10 + 20 + pos(EN_UNITS, unit)? + 1)
}

/// An English day of the month in words: "twelfth", "twenty-first", "thirtieth".
fn english_day(w: &str) -> Option<u32> {
    let pos = |s: &str| EN_ORDINALS.iter().position(|x| *x == s).map(|p| p as u32 + 1);
    if let Some(n) = pos(w) {
        return Some(n);
    }
    if w == "thirtieth" {
        return Some(30);
    }
    let (tens, unit) = w.split_once('-')?;
    let base = match tens {
        "twenty" => 20,
        "thirty" => 30,
        _ => return None,
    };
    Some(base + pos(unit).filter(|n| *n < 10)?)
}

/// An English year in words: "nineteen eighty-seven", "two thousand and five".
fn english_year(s: &str) -> Option<(usize, Option<i32>)> {
    let words: Vec<(usize, &str)> = s
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .take(4)
        .collect();
    let word = |k: usize| {
        words
            .get(k)
            .map(|(_, w)| w.trim_end_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
    };
    let end = |k: usize| words[k].0 + words[k].1.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    match word(0)?.as_str() {
        "nineteen" => {
            let n = english_number(&word(1)?)?;
            Some((end(1), Some(1900 + n as i32)))
        }
        "two" if word(1)? == "thousand" => {
            let k = if word(2).as_deref() == Some("and") { 3 } else { 2 };
            match word(k).and_then(|w| english_number(&w)) {
                Some(n) => Some((end(k), Some(2000 + n as i32))),
                None => Some((end(1), Some(2000))),
            }
        }
        _ => None,
    }
}

/// A number in Western or Arabic-Indic digits.
fn num(s: &str) -> i32 {
    s.chars()
        .try_fold(0i32, |n, c| {
            let d = c
                .to_digit(10)
                .or_else(|| ('٠'..='٩').contains(&c).then(|| c as u32 - '٠' as u32))?;
            Some(n * 10 + d as i32)
        })
        .unwrap_or(0)
}

/// Past a year glued to its abbreviation: "1985r." (Polish), "1985р." (Ukrainian),
/// "1985г." (Russian).
fn year_end(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    ["r.", "р.", "г."]
        .iter()
        .find(|a| rest.starts_with(**a))
        .map_or(end, |a| end + a.len())
}
