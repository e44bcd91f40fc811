//! What a resident answered to one question. Skipping is an answer too, so a
//! summary can tell "nobody was asked" from "people chose not to say".

use serde::{Deserialize, Serialize};

use super::OptionId;

/// One answer, typed by the question kind it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum AnswerValue {
    /// The one option chosen.
    Choice(OptionId),
    /// The options chosen, in round-file order, at least one.
    Multi(Vec<OptionId>),
    /// A point on the scale.
    Scale(i64),
    /// Yes (`true`) or no.
    YesNo(bool),
    /// Free text, as stored (scrubbed once the anonymization layer is in place).
    Open(String),
    /// The resident chose not to answer.
    Skipped,
}

impl AnswerValue {
    /// Whether this is a real answer rather than a skip.
    pub fn is_answered(&self) -> bool {
        !matches!(self, AnswerValue::Skipped)
    }
}
