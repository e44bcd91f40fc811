//! A consultation round as the rest of the program sees it: checked, typed and
//! complete in every language it declares. Only `round_file` builds one from text.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{AnswerValue, Lang, OptionId, QuestionId, RoundId};

/// Smallest group shown in a summary unless a round sets its own.
pub const DEFAULT_MIN_GROUP_SIZE: u32 = 5;
/// No round may set a smaller minimum group than this.
pub const MIN_MIN_GROUP_SIZE: u32 = 3;

/// A text in each of the round's languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalizedText(pub BTreeMap<Lang, String>);

impl LocalizedText {
    /// The text in `lang`, else Dutch, else any language present.
    pub fn get(&self, lang: Lang) -> &str {
        self.0
            .get(&lang)
            .or_else(|| self.0.get(&Lang::Nl))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or_default()
    }
}

/// Where in the policy cycle the municipality asks: early input weighs most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// Setting the agenda: what should the municipality work on?
    Agenda,
    /// Preparing policy: options are still open.
    Preparation,
    /// A decision is near: input is weighed beside the formal advice.
    Decision,
    /// Looking back: how did the policy work out in daily life?
    Evaluation,
}

impl Phase {
    /// The phase's name as written in round files.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Agenda => "agenda",
            Phase::Preparation => "preparation",
            Phase::Decision => "decision",
            Phase::Evaluation => "evaluation",
        }
    }
}

/// One option of a choice or multiple-choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    /// Stable id, used in answers and summaries.
    pub id: OptionId,
    /// What residents see on the button.
    pub text: LocalizedText,
}

/// Words for both ends of a scale, e.g. "very unhappy" and "very happy".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleLabels {
    /// Label of the lowest value.
    pub low: LocalizedText,
    /// Label of the highest value.
    pub high: LocalizedText,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum QuestionKind {
    /// Exactly one option.
    Choice { options: Vec<ChoiceOption> },
    /// One or more options.
    Multi { options: Vec<ChoiceOption> },
    /// A whole number from `min` to `max`.
    Scale {
        min: i64,
        max: i64,
        labels: Option<ScaleLabels>,
    },
    /// Yes or no.
    YesNo,
    /// A few words of free text.
    Open { max_chars: u32 },
}

impl QuestionKind {
    /// The kind's name as written in round files.
    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::Choice { .. } => "choice",
            QuestionKind::Multi { .. } => "multi",
            QuestionKind::Scale { .. } => "scale",
            QuestionKind::YesNo => "yesno",
            QuestionKind::Open { .. } => "open",
        }
    }

    /// The options of a choice or multi question; empty for other kinds.
    pub fn options(&self) -> &[ChoiceOption] {
        match self {
            QuestionKind::Choice { options } | QuestionKind::Multi { options } => options,
            _ => &[],
        }
    }
}

/// When a follow-up question is asked: the earlier answer must be one of these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "on", rename_all = "lowercase")]
pub enum Condition {
    /// The earlier scale answer is one of `values`.
    Scale { question: QuestionId, values: Vec<i64> },
    /// The earlier choice (or any of the multi choices) is one of `options`.
    Options {
        question: QuestionId,
        options: Vec<OptionId>,
    },
    /// The earlier yes/no answer equals `value`.
    YesNo { question: QuestionId, value: bool },
}

impl Condition {
    /// The question this condition looks at.
    pub fn question(&self) -> &QuestionId {
        match self {
            Condition::Scale { question, .. }
            | Condition::Options { question, .. }
            | Condition::YesNo { question, .. } => question,
        }
    }

    /// Whether the earlier answer (if any) makes the follow-up apply.
    /// A skipped or missing earlier answer never does.
    pub fn holds(&self, earlier: Option<&AnswerValue>) -> bool {
        match (self, earlier) {
            (Condition::Scale { values, .. }, Some(AnswerValue::Scale(v))) => values.contains(v),
            (Condition::Options { options, .. }, Some(AnswerValue::Choice(o))) => options.contains(o),
            (Condition::Options { options, .. }, Some(AnswerValue::Multi(chosen))) => {
                chosen.iter().any(|o| options.contains(o))
            }
            (Condition::YesNo { value, .. }, Some(AnswerValue::YesNo(v))) => v == value,
            _ => false,
        }
    }
}

/// One question of a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable id, unique in the round.
    pub id: QuestionId,
    /// The kind of answer and its settings.
    #[serde(flatten)]
    pub kind: QuestionKind,
    /// The question as residents read it.
    pub text: LocalizedText,
    /// Optional extra explanation shown under the question.
    pub help: Option<LocalizedText>,
    /// Asked only when this holds; otherwise passed over.
    pub when: Option<Condition>,
    /// A profile question (age band, neighbourhood, ...): who was reached is
    /// compared with the population. Always a choice with [`RATHER_NOT_SAY`].
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub profile: bool,
}

/// The option every profile question has: nobody has to tell who they are.
pub const RATHER_NOT_SAY: &str = "liever-niet";

/// A checked consultation round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Round {
    /// Unique slug.
    pub id: RoundId,
    /// Languages every text exists in; the first is the default.
    pub languages: Vec<Lang>,
    /// Short title shown to residents and in summaries.
    pub title: LocalizedText,
    /// What the round is about and why the municipality asks.
    pub intro: LocalizedText,
    /// Free label, used to group rounds and for subscriptions.
    pub topic: String,
    /// Where in the policy cycle the input arrives.
    pub phase: Phase,
    /// Who the round is meant for, in words (for the council and the intro).
    pub audience: Option<LocalizedText>,
    /// Who weighs the results, e.g. "Adviesraad Sociaal Domein".
    pub council: Option<String>,
    /// Planned start.
    #[serde(with = "time::serde::rfc3339")]
    pub opens: OffsetDateTime,
    /// Answers are refused from this moment on.
    #[serde(with = "time::serde::rfc3339")]
    pub closes: OffsetDateTime,
    /// Groups smaller than this are suppressed in summaries.
    pub min_group_size: u32,
    /// Whether results may be shown while the round is still open.
    pub live_results: bool,
    /// The questions in the order they are asked.
    pub questions: Vec<Question>,
    /// The population table named in the round file (`population`), as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population_file: Option<String>,
    /// The population the profile questions are compared with, read from
    /// `population_file` when the round was imported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<super::Population>,
    /// An earlier round this one repeats: the report compares the questions
    /// both asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follows: Option<RoundId>,
    /// The neighbourhood the round is about (from the municipality's list):
    /// only subscribers who chose it are invited. `None`: the whole municipality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub neighbourhood: Option<String>,
}

impl Round {
    /// The question with this id.
    pub fn question(&self, id: &QuestionId) -> Option<&Question> {
        self.questions.iter().find(|q| &q.id == id)
    }

    /// The profile questions, in order.
    pub fn profile_questions(&self) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(|q| q.profile)
    }

    /// The position of the question with this id.
    pub fn position(&self, id: &QuestionId) -> Option<usize> {
        self.questions.iter().position(|q| &q.id == id)
    }

    /// The language to use for a resident who prefers `lang`.
    pub fn lang_for(&self, lang: Lang) -> Lang {
        if self.languages.contains(&lang) {
            lang
        } else {
            self.languages.first().copied().unwrap_or(Lang::Nl)
        }
    }

    /// Whether answers are accepted at `now` given the stored state.
    pub fn accepts_answers(&self, state: super::RoundState, now: OffsetDateTime) -> bool {
        state == super::RoundState::Open && now < self.closes
    }
}
