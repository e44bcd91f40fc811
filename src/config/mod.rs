//! Settings. Each has a default, a key in the settings file ([`file`]), an
//! environment variable (names below, in one place) and for some a flag; a
//! later one wins: defaults < file < environment < flags. [`Config`] is the
//! outcome, and knows where each value came from (`meepraten config`).

pub mod file;
pub mod outreach;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

pub use file::{FileError, FileSettings};

/// Environment variable naming the SQLite database file.
pub const ENV_DATABASE: &str = "MEEPRATEN_DATABASE";
/// Environment variable naming the secret key file.
pub const ENV_SECRET_FILE: &str = "MEEPRATEN_SECRET_FILE";
/// Environment variable holding the secret key itself (64 hex characters),
/// for deployments that inject secrets rather than mount files.
pub const ENV_SECRET: &str = "MEEPRATEN_SECRET";
/// Environment variable with a tracing filter, e.g. `meepraten=debug`.
pub const ENV_LOG: &str = "MEEPRATEN_LOG";

/// Environment variable: days of silence after which conversation state is erased.
pub const ENV_RETENTION_DAYS: &str = "MEEPRATEN_RETENTION_DAYS";
/// Conversation state is kept this many days after a resident's last message,
/// unless they are in the middle of an open round.
pub const DEFAULT_RETENTION_DAYS: u32 = 90;

/// The database used when none is named.
pub const DEFAULT_DATABASE: &str = "meepraten.db";
/// Environment variable naming the settings file.
pub const ENV_CONFIG: &str = "MEEPRATEN_CONFIG";
/// The settings file read when present in the working directory.
pub const DEFAULT_CONFIG: &str = "meepraten.toml";
/// The log filter when none is set: warnings only.
pub const DEFAULT_LOG: &str = "warn";

/// Environment variables of the Telegram channel.
pub mod telegram_env {
    /// The bot token.
    pub const TOKEN: &str = "TELEGRAM_BOT_TOKEN";
    /// Another Bot API server (self-hosted, or a test double).
    pub const API_URL: &str = "TELEGRAM_API_URL";
    /// Telegram user ids of officials, comma-separated.
    pub const OFFICIALS: &str = "TELEGRAM_OFFICIALS";
    /// The public HTTPS URL for webhook mode (unset: long polling).
    pub const WEBHOOK_URL: &str = "TELEGRAM_WEBHOOK_URL";
    /// The local address the webhook listens on.
    pub const WEBHOOK_LISTEN: &str = "TELEGRAM_WEBHOOK_LISTEN";
    /// The webhook's secret token (1-256 of A-Z a-z 0-9 _ -).
    pub const WEBHOOK_SECRET: &str = "TELEGRAM_WEBHOOK_SECRET";
    /// How many updates Telegram may post at once in webhook mode (1-100; 1,
    /// the default, keeps each resident's button presses and typed messages in order).
    pub const WEBHOOK_CONNECTIONS: &str = "TELEGRAM_WEBHOOK_CONNECTIONS";
    /// The bot's username, for deep links and QR codes.
    pub const BOT_USERNAME: &str = "TELEGRAM_BOT_USERNAME";
    /// Messages a second over all chats.
    pub const SENDS_PER_SECOND: &str = "TELEGRAM_SENDS_PER_SECOND";
    /// Group chats that hear of each round that opens (an invitation, never questions).
    pub const ANNOUNCEMENT_CHATS: &str = "TELEGRAM_ANNOUNCEMENT_CHATS";
}

/// Environment variables of the Matrix channel.
pub mod matrix_env {
    /// The homeserver's URL.
    pub const HOMESERVER: &str = "MATRIX_HOMESERVER";
    /// The bot's full user id.
    pub const USER: &str = "MATRIX_USER";
    /// The password for the first login.
    pub const PASSWORD: &str = "MATRIX_PASSWORD";
    /// An access token for the first login, instead of a password.
    pub const ACCESS_TOKEN: &str = "MATRIX_ACCESS_TOKEN";
    /// The folder for the Matrix state, keys and session.
    pub const STORE: &str = "MATRIX_STORE";
    /// Matrix user ids of officials, comma-separated.
    pub const OFFICIALS: &str = "MATRIX_OFFICIALS";
    /// Room ids of council rooms, comma-separated.
    pub const COUNCIL_ROOMS: &str = "MATRIX_COUNCIL_ROOMS";
    /// Room ids of announcement rooms, comma-separated.
    pub const ANNOUNCEMENT_ROOMS: &str = "MATRIX_ANNOUNCEMENT_ROOMS";
}

/// Where a setting's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Nobody set it.
    Default,
    /// The settings file.
    File,
    /// An environment variable.
    Environment(&'static str),
    /// A command-line flag.
    Flag,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::File => f.write_str("settings file"),
            Source::Environment(name) => write!(f, "environment {name}"),
            Source::Flag => f.write_str("command line"),
        }
    }
}

/// A setting's value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub source: Source,
}

/// Settings given on the command line.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub config: Option<PathBuf>,
    pub database: Option<PathBuf>,
    pub secret_file: Option<PathBuf>,
    pub retention_days: Option<u32>,
}

/// A setting that cannot be used, named so it can be found.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The settings file could not be read or checked.
    #[error(transparent)]
    File(#[from] FileError),
    /// A value does not fit its setting.
    #[error("{key} {problem}")]
    Value { key: String, problem: String },
}

/// The Telegram settings in effect.
#[derive(Debug, Clone)]
pub struct TelegramSettings {
    pub token: Option<Setting<String>>,
    pub api_url: Option<Setting<url::Url>>,
    pub officials: Setting<Vec<String>>,
    pub webhook_url: Option<Setting<url::Url>>,
    pub webhook_listen: Setting<SocketAddr>,
    pub webhook_secret: Option<Setting<String>>,
    pub webhook_connections: Setting<u32>,
    pub bot_username: Option<Setting<String>>,
    pub sends_per_second: Setting<u32>,
    pub announcement_chats: Setting<Vec<String>>,
}

/// The Matrix settings in effect.
#[derive(Debug, Clone)]
pub struct MatrixSettings {
    pub homeserver: Option<Setting<url::Url>>,
    pub user: Option<Setting<String>>,
    pub password: Option<Setting<String>>,
    pub access_token: Option<Setting<String>>,
    pub store: Setting<PathBuf>,
    pub officials: Setting<Vec<String>>,
    pub council_rooms: Setting<Vec<String>>,
    pub announcement_rooms: Setting<Vec<String>>,
}

/// Every setting in effect.
#[derive(Debug, Clone)]
pub struct Config {
    /// The settings file read, if any.
    pub file: Option<PathBuf>,
    pub database: Setting<PathBuf>,
    pub secret_file: Setting<PathBuf>,
    pub secret: Option<Setting<String>>,
    pub retention_days: Setting<u32>,
    pub log: Setting<String>,
    pub telegram: TelegramSettings,
    pub matrix: MatrixSettings,
    /// How the bot reaches residents on its own (the `[outreach]` table).
    pub outreach: outreach::Outreach,
}

/// Picks the winning value: flag, then environment, then file, then default.
struct Pick<'a> {
    env: &'a dyn Fn(&str) -> Option<String>,
}

impl Pick<'_> {
    /// The environment's value of `name`, blank counting as unset.
    fn env(&self, name: &'static str) -> Option<String> {
        (self.env)(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    fn one<T>(
        &self,
        flag: Option<T>,
        env_name: Option<&'static str>,
        file: Option<T>,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Option<Setting<T>>, ConfigError> {
        if let Some(value) = flag {
            return Ok(Some(Setting {
                value,
                source: Source::Flag,
            }));
        }
        if let Some(name) = env_name
            && let Some(text) = self.env(name)
        {
            let value = parse(&text).map_err(|problem| ConfigError::Value {
                key: name.to_owned(),
                problem,
            })?;
            return Ok(Some(Setting {
                value,
                source: Source::Environment(name),
            }));
        }
        Ok(file.map(|value| Setting {
            value,
            source: Source::File,
        }))
    }
}

fn or_default<T>(s: Option<Setting<T>>, value: T) -> Setting<T> {
    s.unwrap_or(Setting {
        value,
        source: Source::Default,
    })
}

fn text(s: &str) -> Result<String, String> {
    Ok(s.to_owned())
}

fn parse_url(s: &str) -> Result<url::Url, String> {
    url::Url::parse(s).map_err(|e| format!("is not a URL ({e})"))
}

fn parse_number(s: &str) -> Result<u32, String> {
    s.parse::<u32>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| "must be a whole number above 0".to_owned())
}

/// Telegram's range for a webhook's `max_connections`.
fn parse_connections(s: &str) -> Result<u32, String> {
    s.parse::<u32>()
        .ok()
        .filter(|n| (1..=100).contains(n))
        .ok_or_else(|| "must be a whole number from 1 to 100".to_owned())
}

fn parse_list(s: &str) -> Result<Vec<String>, String> {
    Ok(s.split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect())
}

/// A file value checked like the environment's, its problem named by key.
fn checked<T>(
    key: &str,
    value: Option<String>,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<Option<T>, ConfigError> {
    value
        .map(|v| {
            parse(v.trim()).map_err(|problem| ConfigError::Value {
                key: format!("{key} (in the settings file)"),
                problem,
            })
        })
        .transpose()
}

impl Config {
    /// Reads the settings file (the one named, or `meepraten.toml` in the working
    /// directory if there is one) and resolves every setting.
    pub fn load(flags: &Flags) -> Result<Config, ConfigError> {
        let env = |name: &str| std::env::var(name).ok();
        let named = flags.config.clone().or_else(|| {
            env(ENV_CONFIG)
                .filter(|v| !v.trim().is_empty())
                .map(PathBuf::from)
        });
        let file = match named {
            Some(path) => Some((FileSettings::read(&path)?, path)),
            None => {
                let path = PathBuf::from(DEFAULT_CONFIG);
                if path.exists() {
                    Some((FileSettings::read(&path)?, path))
                } else {
                    None
                }
            }
        };
        Config::resolve(flags, &env, file)
    }

    /// Resolves settings from flags, an environment and a file (pure, for tests).
    pub fn resolve(
        flags: &Flags,
        env: &dyn Fn(&str) -> Option<String>,
        file: Option<(FileSettings, PathBuf)>,
    ) -> Result<Config, ConfigError> {
        let pick = Pick { env };
        let (f, path) = match file {
            Some((f, path)) => (f, Some(path)),
            None => (FileSettings::default(), None),
        };
        let database = or_default(
            pick.one(flags.database.clone(), Some(ENV_DATABASE), f.database, |s| {
                Ok(PathBuf::from(s))
            })?,
            PathBuf::from(DEFAULT_DATABASE),
        );
        let secret_file = or_default(
            pick.one(
                flags.secret_file.clone(),
                Some(ENV_SECRET_FILE),
                f.secret_file,
                |s| Ok(PathBuf::from(s)),
            )?,
            default_secret_file(&database.value),
        );
        let secret = pick.one(None, Some(ENV_SECRET), f.secret, text)?;
        let retention_days = or_default(
            pick.one(
                flags.retention_days,
                Some(ENV_RETENTION_DAYS),
                f.retention_days,
                |s| {
                    s.parse::<u32>()
                        .map_err(|_| "must be a whole number of days".to_owned())
                },
            )?,
            DEFAULT_RETENTION_DAYS,
        );
        let log = or_default(
            pick.one(None, Some(ENV_LOG), f.log, text)?,
            DEFAULT_LOG.to_owned(),
        );
        let t = f.telegram;
        use telegram_env as te;
        let telegram = TelegramSettings {
            token: pick.one(None, Some(te::TOKEN), t.token, text)?,
            api_url: pick.one(
                None,
                Some(te::API_URL),
                checked("telegram.api_url", t.api_url, parse_url)?,
                parse_url,
            )?,
            officials: or_default(
                pick.one(None, Some(te::OFFICIALS), t.officials, parse_list)?,
                Vec::new(),
            ),
            webhook_url: pick.one(
                None,
                Some(te::WEBHOOK_URL),
                checked("telegram.webhook_url", t.webhook_url, parse_url)?,
                parse_url,
            )?,
            webhook_listen: or_default(
                pick.one(
                    None,
                    Some(te::WEBHOOK_LISTEN),
                    checked("telegram.webhook_listen", t.webhook_listen, parse_address)?,
                    parse_address,
                )?,
                SocketAddr::from(([127, 0, 0, 1], 8443)),
            ),
            webhook_secret: pick.one(
                None,
                Some(te::WEBHOOK_SECRET),
                checked("telegram.webhook_secret", t.webhook_secret, parse_webhook_secret)?,
                parse_webhook_secret,
            )?,
            webhook_connections: or_default(
                pick.one(
                    None,
                    Some(te::WEBHOOK_CONNECTIONS),
                    checked(
                        "telegram.webhook_connections",
                        t.webhook_connections.map(|n| n.to_string()),
                        parse_connections,
                    )?,
                    parse_connections,
                )?,
                1,
            ),
            bot_username: pick.one(None, Some(te::BOT_USERNAME), t.bot_username, text)?,
            sends_per_second: or_default(
                pick.one(
                    None,
                    Some(te::SENDS_PER_SECOND),
                    checked(
                        "telegram.sends_per_second",
                        t.sends_per_second.map(|n| n.to_string()),
                        parse_number,
                    )?,
                    parse_number,
                )?,
                30,
            ),
            announcement_chats: or_default(
                pick.one(
                    None,
                    Some(te::ANNOUNCEMENT_CHATS),
                    checked(
                        "telegram.announcement_chats",
                        t.announcement_chats.map(|v| v.join(",")),
                        parse_chat_list,
                    )?,
                    parse_chat_list,
                )?,
                Vec::new(),
            ),
        };
        let outreach = f
            .outreach
            .resolve()
            .map_err(|(key, problem)| ConfigError::Value { key, problem })?;
        let m = f.matrix;
        use matrix_env as me;
        let matrix = MatrixSettings {
            homeserver: pick.one(
                None,
                Some(me::HOMESERVER),
                checked("matrix.homeserver", m.homeserver, parse_url)?,
                parse_url,
            )?,
            user: pick.one(
                None,
                Some(me::USER),
                checked("matrix.user", m.user, parse_matrix_user)?,
                parse_matrix_user,
            )?,
            password: pick.one(None, Some(me::PASSWORD), m.password, text)?,
            access_token: pick.one(None, Some(me::ACCESS_TOKEN), m.access_token, text)?,
            store: or_default(
                pick.one(None, Some(me::STORE), m.store, |s| Ok(PathBuf::from(s)))?,
                database.value.with_extension("matrix"),
            ),
            officials: or_default(
                pick.one(None, Some(me::OFFICIALS), m.officials, parse_list)?,
                Vec::new(),
            ),
            council_rooms: or_default(
                pick.one(None, Some(me::COUNCIL_ROOMS), m.council_rooms, parse_list)?,
                Vec::new(),
            ),
            announcement_rooms: or_default(
                pick.one(
                    None,
                    Some(me::ANNOUNCEMENT_ROOMS),
                    m.announcement_rooms,
                    parse_list,
                )?,
                Vec::new(),
            ),
        };
        check_matrix(&matrix)?;
        Ok(Config {
            file: path,
            database,
            secret_file,
            secret,
            retention_days,
            log,
            telegram,
            matrix,
            outreach,
        })
    }

    /// What the service needs: database, key and retention.
    pub fn settings(&self) -> Settings {
        let mut s = Settings::new(
            self.database.value.clone(),
            Some(self.secret_file.value.clone()),
            self.secret.as_ref().map(|s| s.value.clone()),
        );
        s.retention_days = self.retention_days.value;
        s.outreach = self.outreach.clone();
        if let Some(secret) = &self.secret {
            s.secret_origin = match secret.source {
                Source::File => "the settings file (secret)".to_owned(),
                other => other.to_string(),
            };
        }
        s
    }
}

/// Checks what the Matrix lists and URL hold, naming the setting and the
/// value: a short user name or a room alias would otherwise be ignored quietly.
fn check_matrix(m: &MatrixSettings) -> Result<(), ConfigError> {
    let problem = |key: &str, problem: String| ConfigError::Value {
        key: key.to_owned(),
        problem,
    };
    if let Some(h) = &m.homeserver
        && !matches!(h.value.scheme(), "https" | "http")
    {
        return Err(problem(
            "MATRIX_HOMESERVER (matrix.homeserver)",
            format!("`{}` must be a web address (https://…)", h.value),
        ));
    }
    for id in &m.officials.value {
        parse_matrix_user(id).map_err(|_| {
            problem(
                "MATRIX_OFFICIALS (matrix.officials)",
                format!("`{id}` is not a full Matrix user id such as @ambtenaar:gemeente.nl"),
            )
        })?;
    }
    for (key, rooms) in [
        (
            "MATRIX_COUNCIL_ROOMS (matrix.council_rooms)",
            &m.council_rooms.value,
        ),
        (
            "MATRIX_ANNOUNCEMENT_ROOMS (matrix.announcement_rooms)",
            &m.announcement_rooms.value,
        ),
    ] {
        for id in rooms {
            if !id.starts_with('!') || id.len() < 2 || id.contains(char::is_whitespace) {
                return Err(problem(
                    key,
                    format!(
                        "`{id}` is not a room id: use the id that starts with ! (in Element: room settings, Advanced), not the #alias or the name"
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn parse_matrix_user(s: &str) -> Result<String, String> {
    let ok = s.starts_with('@')
        && s.split_once(':')
            .is_some_and(|(l, server)| l.len() > 1 && !server.is_empty());
    if ok {
        Ok(s.to_owned())
    } else {
        Err("must be a full Matrix user id such as @meepraten:gemeente.nl".to_owned())
    }
}

/// Telegram group chat ids (negative numbers such as -1001234567890).
fn parse_chat_list(s: &str) -> Result<Vec<String>, String> {
    let ids = parse_list(s)?;
    for id in &ids {
        if !id.parse::<i64>().is_ok_and(|n| n < 0) {
            return Err(format!(
                "`{id}` is not a group chat id: groups have negative ids such as -1001234567890"
            ));
        }
    }
    Ok(ids)
}

fn parse_address(s: &str) -> Result<SocketAddr, String> {
    s.parse()
        .map_err(|_| "must be an address such as 127.0.0.1:8443".to_owned())
}

fn parse_webhook_secret(s: &str) -> Result<String, String> {
    let fits = (1..=256).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if fits {
        Ok(s.to_owned())
    } else {
        Err("may hold 1 to 256 of A-Z, a-z, 0-9, _ and -".to_owned())
    }
}

/// Where the store and the secret come from.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The SQLite database file.
    pub database: PathBuf,
    /// The secret key file; created with mode 0600 on first use of a new database.
    pub secret_file: PathBuf,
    /// The secret key given directly (hex), which wins over the file.
    pub secret_hex: Option<String>,
    /// Where that key was given, for messages.
    pub secret_origin: String,
    /// Days of silence after which conversation state is erased (residents are told).
    pub retention_days: u32,
    /// Topics, neighbourhoods, quiet hours, the weekly cap, the reminder.
    pub outreach: outreach::Outreach,
}

impl Settings {
    /// Settings for a database, with the key file beside it (`meepraten.db` ->
    /// `meepraten.key`) unless a key file is named.
    pub fn new(database: PathBuf, secret_file: Option<PathBuf>, secret_hex: Option<String>) -> Settings {
        let secret_file = secret_file.unwrap_or_else(|| default_secret_file(&database));
        Settings {
            database,
            secret_file,
            secret_hex: secret_hex.filter(|s| !s.trim().is_empty()),
            secret_origin: ENV_SECRET.to_owned(),
            retention_days: DEFAULT_RETENTION_DAYS,
            outreach: outreach::Outreach::default(),
        }
    }
}

fn default_secret_file(database: &Path) -> PathBuf {
    database.with_extension("key")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn defaults_then_file_then_environment_then_flags() {
        let file = FileSettings::parse(
            "database = \"file.db\"\nretention_days = 30\nlog = \"info\"\n[telegram]\nofficials = [\"1\"]\n",
        )
        .unwrap();
        let env = env_of(&[
            ("MEEPRATEN_RETENTION_DAYS", "60"),
            ("MEEPRATEN_DATABASE", "env.db"),
        ]);
        let flags = Flags {
            database: Some(PathBuf::from("flag.db")),
            ..Flags::default()
        };
        let c = Config::resolve(&flags, &env, Some((file, PathBuf::from("m.toml")))).unwrap();
        assert_eq!(
            (c.database.value.to_str(), c.database.source),
            (Some("flag.db"), Source::Flag)
        );
        assert_eq!(
            (c.retention_days.value, c.retention_days.source),
            (60, Source::Environment(ENV_RETENTION_DAYS))
        );
        assert_eq!((c.log.value.as_str(), c.log.source), ("info", Source::File));
        assert_eq!(c.telegram.officials.value, vec!["1".to_owned()]);
        assert_eq!(c.telegram.sends_per_second.source, Source::Default);
        // The key file follows the database unless named.
        assert_eq!(c.secret_file.value, PathBuf::from("flag.key"));
    }

    #[test]
    fn a_bad_value_names_its_setting() {
        let env = env_of(&[("TELEGRAM_SENDS_PER_SECOND", "fast")]);
        let err = Config::resolve(&Flags::default(), &env, None).unwrap_err();
        assert!(
            err.to_string().starts_with("TELEGRAM_SENDS_PER_SECOND must be"),
            "{err}"
        );
        let file = FileSettings::parse("[telegram]\napi_url = \"not a url\"\n").unwrap();
        let err = Config::resolve(
            &Flags::default(),
            &|_| None,
            Some((file, PathBuf::from("m.toml"))),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("telegram.api_url (in the settings file) is not a URL"),
            "{err}"
        );
    }
}
