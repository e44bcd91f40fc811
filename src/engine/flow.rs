//! The order of questions: which one comes next given the answers so far, how many
//! may still follow, and which follow-up answers fall away when an answer changes.

use std::collections::BTreeMap;

use crate::domain::{AnswerValue, Question, QuestionId, Round};

type Answers = BTreeMap<QuestionId, AnswerValue>;

/// Whether `q` is asked given `answers`.
pub fn applies(q: &Question, answers: &Answers) -> bool {
    q.when.as_ref().is_none_or(|c| c.holds(answers.get(c.question())))
}

/// The first question after `after` (or the very first when `None`) that applies.
pub fn next_question<'r>(
    round: &'r Round,
    answers: &Answers,
    after: Option<&QuestionId>,
) -> Option<&'r Question> {
    let start = match after {
        Some(id) => round.position(id)? + 1,
        None => 0,
    };
    round.questions[start..].iter().find(|q| applies(q, answers))
}

/// How many questions after `current` may still be asked: those that apply now,
/// plus follow-ups whose condition is not yet answered.
pub fn remaining_after(round: &Round, answers: &Answers, current: &QuestionId) -> usize {
    let Some(pos) = round.position(current) else {
        return 0;
    };
    round.questions[pos + 1..]
        .iter()
        .filter(|q| match &q.when {
            None => true,
            Some(c) if !answers.contains_key(c.question()) => true,
            Some(_) => applies(q, answers),
        })
        .count()
}

/// Removes answers to follow-ups that no longer apply, returning their ids.
/// Repeats until stable, since a removed answer can switch off further follow-ups.
pub fn drop_inapplicable(round: &Round, answers: &mut Answers) -> Vec<QuestionId> {
    let mut dropped = Vec::new();
    loop {
        let stale: Vec<QuestionId> = round
            .questions
            .iter()
            .filter(|q| answers.contains_key(&q.id) && !applies(q, answers))
            .map(|q| q.id.clone())
            .collect();
        if stale.is_empty() {
            return dropped;
        }
        for id in stale {
            answers.remove(&id);
            dropped.push(id);
        }
    }
}

/// Questions that apply but have no answer yet, in order. After a resident who
/// finished changes an answer, these are the follow-ups the change brings up.
pub fn applicable_unanswered(round: &Round, answers: &Answers) -> Vec<QuestionId> {
    round
        .questions
        .iter()
        .filter(|q| !answers.contains_key(&q.id) && applies(q, answers))
        .map(|q| q.id.clone())
        .collect()
}
