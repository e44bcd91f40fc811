//! Storage errors, sorted into what an official can act on. Database internals are
//! kept in the message for the log, never shown to residents.

use std::path::{Path, PathBuf};

/// What went wrong in storage.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another program holds the database's write lock.
    #[error("the database is locked by another program; try again, or stop the other meepraten process")]
    Locked,
    /// The database file or its folder cannot be written.
    #[error("the database {path} cannot be written (read-only file or folder?)")]
    ReadOnly { path: PathBuf },
    /// The database file cannot be opened.
    #[error("cannot open the database {path}: {detail}")]
    Open { path: PathBuf, detail: String },
    /// The schema could not be brought up to date.
    #[error("cannot update the database schema: {0}")]
    Migrate(String),
    /// A stored value is not what this version expects.
    #[error("stored data is damaged or from a newer version: {0}")]
    Corrupt(String),
    /// Any other database failure.
    #[error("database error: {0}")]
    Database(String),
}

impl StoreError {
    /// Classifies an error from an operation on an open database.
    pub(crate) fn sqlx(e: sqlx::Error) -> StoreError {
        Self::classify(e, None)
    }

    /// Classifies an error from opening `path`.
    pub(crate) fn from_sqlx(e: sqlx::Error, path: &Path) -> StoreError {
        Self::classify(e, Some(path))
    }

    fn classify(e: sqlx::Error, path: Option<&Path>) -> StoreError {
        let text = e.to_string();
        let lower = text.to_lowercase();
        let code = match &e {
            sqlx::Error::Database(db) => db.code().map(|c| c.into_owned()),
            _ => None,
        };
        // SQLite primary result codes: 5 BUSY, 6 LOCKED, 8 READONLY, 14 CANTOPEN
        // (extended codes keep the primary code in their low byte).
        let primary = code
            .as_deref()
            .and_then(|c| c.parse::<i64>().ok())
            .map(|c| c & 0xff);
        match primary {
            Some(5 | 6) => StoreError::Locked,
            Some(8) => StoreError::ReadOnly {
                path: path.map(Path::to_owned).unwrap_or_default(),
            },
            _ if lower.contains("database is locked") => StoreError::Locked,
            _ if lower.contains("readonly") || lower.contains("read-only") => StoreError::ReadOnly {
                path: path.map(Path::to_owned).unwrap_or_default(),
            },
            _ => match path {
                Some(p) => StoreError::Open {
                    path: p.to_owned(),
                    detail: text,
                },
                None => StoreError::Database(text),
            },
        }
    }
}
