//! Identifiers officials write in round files. They travel inside chat button
//! payloads (Telegram allows 64 bytes), so their length is bounded here, once.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a string is not a valid identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The identifier is empty.
    #[error("an id may not be empty")]
    Empty,
    /// The identifier is longer than allowed.
    #[error("`{id}` is longer than {max} characters")]
    TooLong { id: String, max: usize },
    /// The identifier holds a character outside a-z, 0-9, `-` and `_`.
    #[error(
        "`{id}` may only hold lowercase letters a-z, digits and `-` or `_`, and must start with a letter or digit"
    )]
    BadCharacter { id: String },
}

fn check_slug(s: &str, max: usize) -> Result<(), IdError> {
    if s.is_empty() {
        return Err(IdError::Empty);
    }
    if s.chars().count() > max {
        return Err(IdError::TooLong {
            id: s.to_owned(),
            max,
        });
    }
    let mut chars = s.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if first_ok && rest_ok {
        Ok(())
    } else {
        Err(IdError::BadCharacter { id: s.to_owned() })
    }
}

macro_rules! slug_id {
    ($(#[$doc:meta])* $name:ident, $max:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The longest identifier accepted.
            pub const MAX_LEN: usize = $max;

            /// Checks and wraps an identifier.
            pub fn parse(s: &str) -> Result<Self, IdError> {
                check_slug(s, $max)?;
                Ok(Self(s.to_owned()))
            }

            /// The identifier as written in the round file.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, IdError> {
                check_slug(&s, $max)?;
                Ok(Self(s))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

slug_id!(
    /// A round's slug, unique in one database, e.g. `huishoudelijke-hulp-2027`.
    RoundId,
    40
);
slug_id!(
    /// A question's id, unique within its round.
    QuestionId,
    24
);
slug_id!(
    /// A choice option's id, unique within its question.
    OptionId,
    24
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_slugs_and_rejects_the_rest() {
        assert!(RoundId::parse("huishoudelijke-hulp-2027").is_ok());
        assert!(QuestionId::parse("q_1").is_ok());
        assert_eq!(RoundId::parse(""), Err(IdError::Empty));
        assert!(matches!(RoundId::parse("Hoi"), Err(IdError::BadCharacter { .. })));
        assert!(matches!(RoundId::parse("-a"), Err(IdError::BadCharacter { .. })));
        assert!(matches!(RoundId::parse("a b"), Err(IdError::BadCharacter { .. })));
        assert!(matches!(
            QuestionId::parse(&"a".repeat(25)),
            Err(IdError::TooLong { .. })
        ));
    }
}
