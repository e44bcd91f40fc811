//! Settings: where the database and the secret key live. Defaults, then the
//! environment (names below, in one place), then command-line flags (clap).

use std::path::{Path, PathBuf};

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

/// Where the store and the secret come from.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The SQLite database file.
    pub database: PathBuf,
    /// The secret key file; created with mode 0600 on first use of a new database.
    pub secret_file: PathBuf,
    /// The secret key given directly (hex), which wins over the file.
    pub secret_hex: Option<String>,
    /// Days of silence after which conversation state is erased (residents are told).
    pub retention_days: u32,
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
            retention_days: DEFAULT_RETENTION_DAYS,
        }
    }
}

fn default_secret_file(database: &Path) -> PathBuf {
    database.with_extension("key")
}
