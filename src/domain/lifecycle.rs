//! A round's lifecycle: draft -> open -> closed -> archived. Only these steps are
//! allowed, so a closed round can never quietly take answers again.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where a round is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RoundState {
    /// Imported and checked, not yet visible to residents.
    Draft,
    /// Residents can answer.
    Open,
    /// No more answers; results may be summarised.
    Closed,
    /// Kept for the record, no longer listed by default.
    Archived,
}

/// A lifecycle step that is not allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", if from == to { format!("the round is already {to}") } else { format!("a round that is {from} cannot become {to}") })]
pub struct TransitionError {
    /// The current state.
    pub from: RoundState,
    /// The requested state.
    pub to: RoundState,
}

impl RoundState {
    /// The state's name as stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            RoundState::Draft => "draft",
            RoundState::Open => "open",
            RoundState::Closed => "closed",
            RoundState::Archived => "archived",
        }
    }

    /// Parses a stored state name.
    pub fn parse(s: &str) -> Option<RoundState> {
        match s {
            "draft" => Some(RoundState::Draft),
            "open" => Some(RoundState::Open),
            "closed" => Some(RoundState::Closed),
            "archived" => Some(RoundState::Archived),
            _ => None,
        }
    }

    /// Checks that moving to `to` is one of the allowed steps.
    pub fn transition(self, to: RoundState) -> Result<RoundState, TransitionError> {
        use RoundState::*;
        match (self, to) {
            (Draft, Open) | (Open, Closed) | (Closed, Archived) => Ok(to),
            _ => Err(TransitionError { from: self, to }),
        }
    }
}

impl fmt::Display for RoundState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::RoundState::*;

    #[test]
    fn only_forward_steps_are_allowed() {
        assert_eq!(Draft.transition(Open), Ok(Open));
        assert_eq!(Open.transition(Closed), Ok(Closed));
        assert_eq!(Closed.transition(Archived), Ok(Archived));
        assert!(Closed.transition(Open).is_err());
        assert!(Draft.transition(Closed).is_err());
        assert!(Open.transition(Open).is_err());
        for s in [Draft, Open, Closed, Archived] {
            assert_eq!(super::RoundState::parse(s.as_str()), Some(s));
        }
    }
}
