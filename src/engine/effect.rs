//! What the service must store after a step. The engine only describes it; the
//! service performs all effects of one inbound message in one transaction.

use crate::domain::{AnswerValue, QuestionId, RoundId};

/// One change to durable storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Store (or replace) the resident's answer to a question.
    RecordAnswer {
        round: RoundId,
        question: QuestionId,
        answer: AnswerValue,
    },
    /// Remove an answer that no longer applies (its follow-up condition fell away).
    ClearAnswer { round: RoundId, question: QuestionId },
    /// The resident reached the end of the round.
    CompleteResponse { round: RoundId },
    /// Remove every answer of an unfinished response to this round.
    DiscardResponse { round: RoundId },
    /// The resident starts the round afresh (after `/vergeet`, a response may
    /// still stand under their key): remove it, finished or not, so one resident
    /// keeps one response and old answers never mix with new ones.
    ResetResponse { round: RoundId },
    /// The resident wants to hear back about rounds on this topic ("you said, we
    /// did"): keep a subscription and the sealed contact address.
    Subscribe { topic: String },
    /// The resident wants no more messages: drop contact address and subscriptions.
    Unsubscribe,
    /// Erase everything linked to the resident: contact, subscriptions and the
    /// conversation itself (the service deletes it instead of saving the next state).
    ForgetResident,
}
