//! Reading a typed answer for the question on screen: numbers, labels, "ja"/"yes",
//! lists like "1, 3". A wrong answer becomes a friendly retry, never a stored value.

use crate::domain::{AnswerValue, ChoiceOption, Lang, OptionId, Question, QuestionKind};
use crate::i18n::Key;

use super::reply::{Arg, Text};

/// Why a typed answer was not accepted, as the message to show.
pub type Invalid = Text;

/// Parses typed text as an answer to `q`.
pub fn parse_answer(q: &Question, lang: Lang, text: &str) -> Result<AnswerValue, Invalid> {
    let t = text.trim();
    match &q.kind {
        QuestionKind::Choice { options } => option_by_text(options, lang, t)
            .map(|o| AnswerValue::Choice(o.id.clone()))
            .ok_or_else(|| count_msg(Key::InvalidChoice, options.len())),
        QuestionKind::Multi { options } => parse_multi(options, lang, t)
            .map(AnswerValue::Multi)
            .ok_or_else(|| count_msg(Key::InvalidMulti, options.len())),
        QuestionKind::Scale { min, max, labels } => {
            let invalid = || {
                Text::with(
                    Key::InvalidScale,
                    vec![("min", Arg::Num(*min)), ("max", Arg::Num(*max))],
                )
            };
            // The end labels name the ends: "heel tevreden" is the top of the scale.
            if let Some(l) = labels {
                let typed = normalize(t);
                if Lang::ALL.iter().any(|x| normalize(l.low.get(*x)) == typed) {
                    return Ok(AnswerValue::Scale(*min));
                }
                if Lang::ALL.iter().any(|x| normalize(l.high.get(*x)) == typed) {
                    return Ok(AnswerValue::Scale(*max));
                }
            }
            let n: i64 = t.parse().map_err(|_| invalid())?;
            if (*min..=*max).contains(&n) {
                Ok(AnswerValue::Scale(n))
            } else {
                Err(invalid())
            }
        }
        QuestionKind::YesNo => parse_yes_no(t)
            .map(AnswerValue::YesNo)
            .ok_or_else(|| Text::msg(Key::InvalidYesNo)),
        QuestionKind::Open { max_chars } => {
            let length = t.chars().count();
            if length > *max_chars as usize {
                return Err(Text::with(
                    Key::OpenTooLong,
                    vec![
                        ("length", Arg::Num(i64::try_from(length).unwrap_or(i64::MAX))),
                        ("max", Arg::Num(i64::from(*max_chars))),
                    ],
                ));
            }
            // A bare number is no answer in words; on a channel with numbered
            // buttons it was meant as a button.
            if !t.chars().any(char::is_alphabetic) {
                return Err(Text::msg(Key::OpenNoWords));
            }
            Ok(AnswerValue::Open(t.to_owned()))
        }
    }
}

fn count_msg(key: Key, count: usize) -> Text {
    Text::with(key, vec![("count", Arg::Num(i64::try_from(count).unwrap_or(0)))])
}

/// An option named by its number (1-based), its label or its id, or by words
/// that stand in its label and in no other ("mezelf" for "Voor mezelf").
fn option_by_text<'o>(options: &'o [ChoiceOption], lang: Lang, t: &str) -> Option<&'o ChoiceOption> {
    if let Ok(n) = t.parse::<usize>() {
        return n.checked_sub(1).and_then(|i| options.get(i));
    }
    let wanted = normalize(t);
    if wanted.is_empty() {
        return None;
    }
    let exact = options.iter().find(|o| {
        normalize(o.text.get(lang)) == wanted
            || Lang::ALL.iter().any(|l| normalize(o.text.get(*l)) == wanted)
            || o.id.as_str() == wanted
    });
    if exact.is_some() {
        return exact;
    }
    // Very short words ("ik", "de") say too little to pick an option by.
    if wanted.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    let words: Vec<&str> = wanted.split(' ').collect();
    let mut partial = options.iter().filter(|o| {
        Lang::ALL
            .iter()
            .any(|l| contains_words(&normalize(o.text.get(*l)), &words))
    });
    match (partial.next(), partial.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// Whether `words` stand, in order and whole, in `label`.
fn contains_words(label: &str, words: &[&str]) -> bool {
    let label: Vec<&str> = label.split(' ').collect();
    label.windows(words.len()).any(|w| w == words)
}

fn parse_multi(options: &[ChoiceOption], lang: Lang, t: &str) -> Option<Vec<OptionId>> {
    // A whole label first: labels may contain commas or spaces.
    if let Some(o) = option_by_text(options, lang, t) {
        return Some(vec![o.id.clone()]);
    }
    let mut chosen = Vec::new();
    for part in t
        .split([',', ';', '\n'])
        .flat_map(|p| p.split(" en ").flat_map(|p| p.split(" and ")))
        .flat_map(|p| {
            // "1 3" is a list of numbers; "bij de bushalte" is one label.
            if p.split_whitespace().all(|w| w.parse::<usize>().is_ok()) {
                p.split_whitespace().collect::<Vec<_>>()
            } else {
                vec![p]
            }
        })
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let o = option_by_text(options, lang, part)?;
        if !chosen.contains(&o.id) {
            chosen.push(o.id.clone());
        }
    }
    if chosen.is_empty() {
        return None;
    }
    // Keep round-file order so summaries read the same for everyone.
    Some(
        options
            .iter()
            .filter(|o| chosen.contains(&o.id))
            .map(|o| o.id.clone())
            .collect(),
    )
}

fn parse_yes_no(t: &str) -> Option<bool> {
    match normalize(t).as_str() {
        "ja" | "j" | "yes" | "y" | "jawel" | "klopt" | "1" => Some(true),
        "nee" | "n" | "no" | "neen" | "2" => Some(false),
        _ => None,
    }
}

fn normalize(s: &str) -> String {
    s.trim()
        .trim_end_matches(['.', '!', '?'])
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
