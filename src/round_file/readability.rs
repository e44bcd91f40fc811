//! Which texts of a round residents read, checked for plain language (B1
//! Dutch, plain English) by [`super::plain_language`]. Warnings, not errors:
//! `round check --strict` makes them errors.

use super::plain_language::{self, Language};
use crate::domain::{Lang, LocalizedText, Round};

/// One piece of advice on one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// Which text, e.g. "question `beter` (nl)".
    pub text: String,
    /// What to change.
    pub advice: String,
    /// The text itself, to find it in the file.
    pub value: String,
}

impl Warning {
    /// The 1-based line and column of the text in `file` (the round file as
    /// written), so an editor can jump to it; `None` if it is not written as
    /// one plain string there.
    pub fn place(&self, file: &str) -> Option<(usize, usize)> {
        let escaped = self.value.replace('\\', "\\\\").replace('"', "\\\"");
        [
            format!("\"{}", self.value),
            format!("\"{escaped}"),
            format!("'{}", self.value),
        ]
        .iter()
        .find_map(|quoted| file.find(quoted.as_str()))
        .map(|offset| super::diagnostic::line_col(file, offset + 1))
    }
}

/// Every plain-language warning for the texts residents read in `round`.
pub fn warnings(round: &Round) -> Vec<Warning> {
    let mut texts: Vec<(String, &LocalizedText)> =
        vec![("title".into(), &round.title), ("intro".into(), &round.intro)];
    if let Some(a) = &round.audience {
        texts.push(("audience".into(), a));
    }
    for q in &round.questions {
        texts.push((format!("question `{}`", q.id), &q.text));
        if let Some(h) = &q.help {
            texts.push((format!("help of question `{}`", q.id), h));
        }
        for o in q.kind.options() {
            texts.push((format!("option `{}` of question `{}`", o.id, q.id), &o.text));
        }
    }
    let mut out = Vec::new();
    for (name, text) in texts {
        for (lang, value) in &text.0 {
            let language = match lang {
                Lang::Nl => Language::Dutch,
                Lang::En => Language::English,
            };
            for finding in plain_language::check(language, value) {
                out.push(Warning {
                    text: format!("{name} ({lang})"),
                    advice: finding.advice(),
                    value: value.clone(),
                });
            }
        }
    }
    out
}
