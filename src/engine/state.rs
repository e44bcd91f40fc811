//! A resident's conversation state: what has been gathered so far. It is stored as
//! JSON between messages, so its serialized form is a contract (see the snapshot test):
//! a change to it needs a migration of stored conversations.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::{AnswerValue, Lang, OptionId, QuestionId, RoundId};

/// The whole state of one resident's conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
    /// The language the bot speaks to this resident.
    pub lang: Lang,
    /// Where the conversation is.
    pub stage: Stage,
    /// True right after `/taal` without a code: the next typed word may name a
    /// language ("engels"), and is then no answer to the question on screen.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub choosing_language: bool,
    /// The round this resident was answering closed since their last message
    /// (the close erased which one): said once, with their next message.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub closed_meanwhile: bool,
}

/// Where a conversation is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum Stage {
    /// Nothing under way.
    Idle,
    /// Several rounds are open and the resident was asked to pick one.
    ChoosingRound,
    /// Answering the questions of a round.
    Answering(Progress),
    /// All questions of a round answered or skipped; answers can still change
    /// until the round closes.
    Finished {
        round: RoundId,
        answers: BTreeMap<QuestionId, AnswerValue>,
        /// The offer to hear back later is still unanswered, so it is shown again
        /// after a side step such as `/taal`.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        offer_open: bool,
    },
    /// The resident said stop: no prompts until they start again.
    Stopped,
}

/// Progress through one round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The round being answered.
    pub round: RoundId,
    /// The question on screen now.
    pub current: QuestionId,
    /// Answers given so far, including skips.
    pub answers: BTreeMap<QuestionId, AnswerValue>,
    /// Questions shown before the current one, oldest first: the way back.
    pub trail: Vec<QuestionId>,
    /// Options ticked so far on a multiple-choice question.
    pub selection: Vec<OptionId>,
    /// True when going through answers again after finishing.
    pub reviewing: bool,
}

impl Conversation {
    /// A fresh conversation in the resident's language.
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            stage: Stage::Idle,
            choosing_language: false,
            closed_meanwhile: false,
        }
    }

    /// The round this conversation is about, if any.
    pub fn round(&self) -> Option<&RoundId> {
        self.stage.round()
    }
}

impl Stage {
    /// The round this stage is about, if any.
    pub fn round(&self) -> Option<&RoundId> {
        match self {
            Stage::Answering(p) => Some(&p.round),
            Stage::Finished { round, .. } => Some(round),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialized_form_is_stable() {
        let mut answers = BTreeMap::new();
        answers.insert(QuestionId::parse("tevreden").unwrap(), AnswerValue::Scale(2));
        answers.insert(
            QuestionId::parse("beter").unwrap(),
            AnswerValue::Open("Vaker dezelfde hulp".into()),
        );
        let c = Conversation {
            lang: Lang::Nl,
            stage: Stage::Answering(Progress {
                round: RoundId::parse("r1").unwrap(),
                current: QuestionId::parse("vervoer").unwrap(),
                answers,
                trail: vec![QuestionId::parse("tevreden").unwrap()],
                selection: vec![OptionId::parse("bus").unwrap()],
                reviewing: false,
            }),
            choosing_language: false,
            closed_meanwhile: false,
        };
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            r#"{"lang":"nl","stage":{"stage":"answering","round":"r1","current":"vervoer","answers":{"beter":{"kind":"open","value":"Vaker dezelfde hulp"},"tevreden":{"kind":"scale","value":2}},"trail":["tevreden"],"selection":["bus"],"reviewing":false}}"#
        );
        assert_eq!(serde_json::from_str::<Conversation>(&json).unwrap(), c);
        let idle = serde_json::to_string(&Conversation::new(Lang::En)).unwrap();
        assert_eq!(idle, r#"{"lang":"en","stage":{"stage":"idle"}}"#);
    }
}
