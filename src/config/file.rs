//! The settings file (`meepraten.toml`): every setting the environment knows has
//! a key here, and a key the program does not know is refused by name, with its
//! line and column, so a typo never silently falls back to a default.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The file as written. Every field is optional: what is missing comes from the
/// defaults, and the environment and flags override what is here.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSettings {
    pub database: Option<PathBuf>,
    pub secret_file: Option<PathBuf>,
    pub secret: Option<String>,
    pub retention_days: Option<u32>,
    pub log: Option<String>,
    #[serde(default)]
    pub telegram: TelegramFile,
    #[serde(default)]
    pub matrix: MatrixFile,
    #[serde(default)]
    pub outreach: super::outreach::OutreachFile,
}

/// The `[matrix]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixFile {
    pub homeserver: Option<String>,
    pub user: Option<String>,
    pub password: Option<String>,
    pub access_token: Option<String>,
    pub store: Option<PathBuf>,
    pub officials: Option<Vec<String>>,
    pub council_rooms: Option<Vec<String>>,
    pub announcement_rooms: Option<Vec<String>>,
}

/// The `[telegram]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TelegramFile {
    pub token: Option<String>,
    pub api_url: Option<String>,
    pub officials: Option<Vec<String>>,
    pub webhook_url: Option<String>,
    pub webhook_listen: Option<String>,
    pub webhook_secret: Option<String>,
    pub webhook_connections: Option<u32>,
    pub bot_username: Option<String>,
    pub sends_per_second: Option<u32>,
    pub announcement_chats: Option<Vec<String>>,
}

/// Why a settings file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file named could not be read.
    #[error("cannot read the settings file {path}: {source}")]
    Read { path: String, source: std::io::Error },
    /// The file is not valid, or holds a key that does not exist.
    #[error("the settings file {path} has a problem: {message}")]
    Invalid { path: String, message: String },
}

impl FileSettings {
    /// Reads and checks a settings file.
    pub fn read(path: &Path) -> Result<FileSettings, FileError> {
        let text = std::fs::read_to_string(path).map_err(|source| FileError::Read {
            path: path.display().to_string(),
            source,
        })?;
        FileSettings::parse(&text).map_err(|message| FileError::Invalid {
            path: path.display().to_string(),
            message,
        })
    }

    /// Parses settings text; the error names the line and column.
    pub fn parse(text: &str) -> Result<FileSettings, String> {
        toml::from_str(text).map_err(|e| {
            let place = e.span().map(|span| {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                // The key on that line, so a wrong value names its setting.
                let key = text
                    .lines()
                    .nth(line - 1)
                    .and_then(|l| l.split_once('='))
                    .map(|(k, _)| k.trim())
                    .filter(|k| !k.is_empty() && !k.starts_with('['))
                    .map(|k| format!(" (`{k}`)"))
                    .unwrap_or_default();
                format!("line {line}, column {column}{key}: ")
            });
            format!("{}{}", place.unwrap_or_default(), plain(e.message()))
        })
    }
}

/// The parser's words for types, in an official's words.
fn plain(message: &str) -> String {
    message
        .replace("expected u32", "expected a whole number")
        .replace("expected a sequence", "expected a list such as [\"a\", \"b\"]")
        .replace("expected a string", "expected text in quotes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_key_is_named_with_its_place() {
        let err = FileSettings::parse("database = \"a.db\"\n\n[telegram]\ntokn = \"x\"\n").unwrap_err();
        assert!(err.starts_with("line 4, column 1 (`tokn`): "), "{err}");
        assert!(err.contains("unknown field `tokn`"), "{err}");
        assert!(err.contains("`token`"), "the right names are offered: {err}");
    }

    #[test]
    fn a_wrong_type_is_named_with_its_place() {
        let err = FileSettings::parse("retention_days = \"ninety\"\n").unwrap_err();
        assert!(err.starts_with("line 1, column 18 (`retention_days`): "), "{err}");
        assert!(err.contains("expected a whole number"), "{err}");
    }

    #[test]
    fn every_key_reads() {
        let s = FileSettings::parse(
            r#"
database = "m.db"
secret_file = "m.key"
retention_days = 30
log = "info"
[telegram]
token = "1:x"
api_url = "http://127.0.0.1:1/"
officials = ["1", "2"]
webhook_url = "https://example.org/hook"
webhook_listen = "127.0.0.1:8443"
webhook_secret = "s"
webhook_connections = 40
bot_username = "meepraten_bot"
sends_per_second = 30
[matrix]
homeserver = "https://matrix.gemeente.nl"
user = "@meepraten:gemeente.nl"
password = "p"
access_token = "t"
store = "m.matrix"
officials = ["@ambtenaar:gemeente.nl"]
council_rooms = ["!raad:gemeente.nl"]
announcement_rooms = ["!nieuws:gemeente.nl"]
"#,
        )
        .unwrap();
        assert_eq!(s.retention_days, Some(30));
        assert_eq!(
            s.telegram.officials.as_deref(),
            Some(&["1".to_owned(), "2".to_owned()][..])
        );
    }
}
