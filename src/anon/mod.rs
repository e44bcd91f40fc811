//! Anonymization: residents are known only by keyed pseudonyms, and answers only by
//! per-round respondent keys that cannot be linked back once a round's salt is gone.
//! (The PII scrubber and small-group suppression belong here too.)

mod pseudonym;
mod secret;

pub use pseudonym::{Pseudonym, ResidentRef, RespondentKey, RoundSalt};
pub use secret::{Secret, SecretError};
