//! The vocabulary every layer shares: identifiers, languages, rounds and their
//! questions, lifecycle states and answers. Pure data with guarantees in the types;
//! nothing here does I/O.

mod answer;
mod ids;
mod lang;
mod lifecycle;
mod outcome;
mod population;
mod round;
mod subscription;
mod tally;

pub use answer::AnswerValue;
pub use ids::{IdError, OptionId, QuestionId, RoundId};
pub use lang::{Lang, UnknownLang};
pub use lifecycle::{RoundState, TransitionError};
pub use outcome::{Outcome, OutcomeStatus};
pub use population::{Population, PopulationField};
pub use round::{
    ChoiceOption, Condition, DEFAULT_MIN_GROUP_SIZE, LocalizedText, MIN_MIN_GROUP_SIZE, Phase, Question,
    QuestionKind, RATHER_NOT_SAY, Round, ScaleLabels,
};
pub use subscription::{Named, Subscriptions};
pub use tally::Tally;
