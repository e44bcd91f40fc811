//! The languages the bot speaks. Adding one means a new variant here and a new
//! folder under `locales/`; the i18n completeness test then names every missing text.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A language residents can be addressed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Dutch, the default: plain B1 language.
    Nl,
    /// English.
    En,
}

/// A language code the bot does not speak.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language `{0}` (known: nl, en)")]
pub struct UnknownLang(pub String);

impl Lang {
    /// Every language, Dutch first.
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// Parses a code such as `nl`, `EN` or a platform tag such as `en-GB`.
    pub fn parse(code: &str) -> Result<Lang, UnknownLang> {
        let primary = code
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        match primary.as_str() {
            "nl" | "nederlands" | "dutch" => Ok(Lang::Nl),
            "en" | "english" | "engels" => Ok(Lang::En),
            _ => Err(UnknownLang(code.to_owned())),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_platform_tags() {
        assert_eq!(Lang::parse("nl"), Ok(Lang::Nl));
        assert_eq!(Lang::parse("en-GB"), Ok(Lang::En));
        assert_eq!(Lang::parse("EN"), Ok(Lang::En));
        assert!(Lang::parse("de").is_err());
        assert!(Lang::parse("").is_err());
    }
}
