//! What the municipality did with a round's input: the "you said, we did" that
//! residents rarely hear. A round gets several dated entries over time.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Lang;

/// Where the input stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutcomeStatus {
    /// Taken into the council's advice; no decision yet.
    InAdvice,
    /// The municipality did what residents asked.
    Adopted,
    /// It did part of it.
    PartlyAdopted,
    /// It did not, and says why.
    NotAdopted,
}

impl OutcomeStatus {
    /// Every status, in the order a round usually goes through them.
    pub const ALL: [OutcomeStatus; 4] = [
        OutcomeStatus::InAdvice,
        OutcomeStatus::Adopted,
        OutcomeStatus::PartlyAdopted,
        OutcomeStatus::NotAdopted,
    ];

    /// The name used in commands and storage.
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeStatus::InAdvice => "in-advice",
            OutcomeStatus::Adopted => "adopted",
            OutcomeStatus::PartlyAdopted => "partly-adopted",
            OutcomeStatus::NotAdopted => "not-adopted",
        }
    }

    /// The status named `s`, if any.
    pub fn parse(s: &str) -> Option<OutcomeStatus> {
        OutcomeStatus::ALL.into_iter().find(|o| o.as_str() == s.trim())
    }
}

/// One published entry of a round's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// The day it was published (YYYY-MM-DD).
    pub day: String,
    /// Where the input stands.
    pub status: OutcomeStatus,
    /// What was done, per round language.
    pub texts: BTreeMap<Lang, String>,
    /// When the next entry is due (YYYY-MM-DD), if promised.
    pub review_by: Option<String>,
}
