//! Anonymization: residents are known only by keyed pseudonyms, and answers only by
//! per-round respondent keys that cannot be linked back once a round's salt is gone.
//! Free text passes the PII [`scrub`]ber before anything is stored, and every
//! count a council sees passes small-group [`suppression`].

pub mod disclosure;
mod event_key;
mod pseudonym;
pub mod scrub;
mod secret;
mod vault;

pub use event_key::EventKey;
pub use pseudonym::{Pseudonym, ResidentRef, RespondentKey, RoundSalt};
pub use scrub::{Finding, PiiKind, Scrubbed, Scrubber};
pub use secret::{Secret, SecretError};
pub use vault::{ContactAddress, Vault, VaultError};
