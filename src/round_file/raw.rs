//! The round file exactly as written, with the span of every key a check may need
//! to point at. Unknown keys are rejected here by serde, naming the key.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::domain::Phase;

/// A text per language code, e.g. `{ nl = "...", en = "..." }`.
pub type RawText = BTreeMap<String, String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRound {
    pub id: Spanned<String>,
    pub languages: Spanned<Vec<Spanned<String>>>,
    pub title: Spanned<RawText>,
    pub intro: Spanned<RawText>,
    pub topic: Spanned<String>,
    pub phase: Spanned<Phase>,
    pub audience: Option<Spanned<RawText>>,
    pub council: Option<Spanned<String>>,
    pub opens: Spanned<toml::value::Datetime>,
    pub closes: Spanned<toml::value::Datetime>,
    pub min_group_size: Option<Spanned<i64>>,
    pub live_results: Option<bool>,
    pub questions: Spanned<Vec<Spanned<RawQuestion>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawKind {
    Choice,
    Multi,
    Scale,
    Yesno,
    Open,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Spanned<String>,
    pub kind: Spanned<RawKind>,
    pub text: Spanned<RawText>,
    pub help: Option<Spanned<RawText>>,
    pub options: Option<Spanned<Vec<Spanned<RawOption>>>>,
    pub min: Option<Spanned<i64>>,
    pub max: Option<Spanned<i64>>,
    pub labels: Option<Spanned<BTreeMap<String, Vec<String>>>>,
    pub max_chars: Option<Spanned<i64>>,
    pub when: Option<Spanned<RawWhen>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub id: Spanned<String>,
    pub text: Spanned<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWhen {
    pub question: Spanned<String>,
    #[serde(rename = "in")]
    pub values: Spanned<Vec<Spanned<toml::Value>>>,
}
