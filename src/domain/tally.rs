//! What was answered in a round, counted but not yet protected: the input of a
//! council summary. Holds no respondent key, so it can be kept as a live snapshot.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::AnswerValue;

/// A round's participation and answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    /// Residents who answered at least one question.
    pub started: i64,
    /// Residents who reached the end.
    pub completed: i64,
    /// Every stored answer (skips included) per question id.
    pub answers: BTreeMap<String, Vec<AnswerValue>>,
    /// Residents who started, per channel they answered on (`telegram`,
    /// `matrix`, `terminal`); empty for rounds stored before channels were.
    #[serde(default)]
    pub channels: BTreeMap<String, i64>,
}
