//! The population a round's profile questions are compared with: per profile
//! question, each category's size or share, e.g. from the municipality's
//! statistics. Only with it can a council see who was reached and who was not.

use serde::{Deserialize, Serialize};

use super::{OptionId, QuestionId};

/// A population table, checked against a round's profile questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Population {
    /// Where the figures come from (the file name), for the report.
    pub source: String,
    /// One entry per profile question the table covers.
    pub fields: Vec<PopulationField>,
}

/// The population of one profile question, per category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PopulationField {
    /// The profile question.
    pub question: QuestionId,
    /// Each category (option) with its size or share, as given; every option
    /// but "rather not say" has one.
    pub categories: Vec<(OptionId, f64)>,
    /// True when the figures are numbers of people (then a participation rate
    /// per 1,000 can be given), false when they are shares.
    pub counts: bool,
}

impl PopulationField {
    /// Each category's share of the population, adding up to 1.
    pub fn shares(&self) -> Vec<(OptionId, f64)> {
        let total: f64 = self.categories.iter().map(|(_, v)| v).sum();
        self.categories
            .iter()
            .map(|(id, v)| (id.clone(), if total > 0.0 { v / total } else { 0.0 }))
            .collect()
    }
}

impl Population {
    /// The figures for one question, if the table has them.
    pub fn field(&self, question: &str) -> Option<&PopulationField> {
        self.fields.iter().find(|f| f.question.as_str() == question)
    }
}
