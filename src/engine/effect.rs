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
    /// Remove an answer that no longer applies (its follow-up condition fell
    /// away) or that the resident replaced with another (it is erased, before
    /// the new one is recorded).
    ClearAnswer { round: RoundId, question: QuestionId },
    /// The resident reached the end of the round.
    CompleteResponse { round: RoundId },
    /// Remove every answer of an unfinished response to this round.
    DiscardResponse { round: RoundId },
    /// The resident starts the round afresh (after `/vergeet`, a response may
    /// still stand under their key): remove it, finished or not, so one resident
    /// keeps one response and old answers never mix with new ones.
    ResetResponse { round: RoundId },
    /// The resident follows this topic: new rounds on it are sent to them.
    /// Keeps a subscription and the sealed contact address.
    Subscribe { topic: String },
    /// The resident stops following one topic (`None`: every topic and the
    /// neighbourhood); the contact goes when nothing is left to send.
    DropTopics { topic: Option<String> },
    /// The resident wants rounds about this neighbourhood (`None`: only those
    /// for the whole municipality).
    SetNeighbourhood { neighbourhood: Option<String> },
    /// The participant wants to hear what is done with this round's input (a
    /// thank-you at close, "you said, we did" later): keep the sealed contact.
    HearBack { round: RoundId },
    /// The resident wants no more messages: drop contact address and subscriptions.
    Unsubscribe,
    /// Erase everything linked to the resident: contact, subscriptions and the
    /// conversation itself (the service deletes it instead of saving the next state).
    ForgetResident,
}
