//! Durable storage: the port the service uses, with use-case methods rather than
//! tables, and its SQLite implementation. This module and `migrations/` are the
//! only places that hold SQL. SQLite runs in WAL mode with foreign keys on; every
//! inbound message is handled in one `BEGIN IMMEDIATE` transaction ([`Tx`]), so
//! two messages can never interleave their reads and writes.
//!
//! Values cross this boundary as ids, JSON text and counts: the store does not know
//! the engine's types, and the engine does not know SQL. A PostgreSQL store would
//! implement the same methods over the same tables.

mod advice;
mod announcements;
mod bulk;
mod checkpointer;
mod contacts;
mod error;
mod outbox;
mod outcomes;
mod polls;
mod responses;
mod rounds;
mod traces;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};

pub use advice::AdviceLink;
pub use bulk::{AnswerWrite, ConversationWrite};
pub use error::StoreError;
pub use outbox::{Broadcast, BroadcastKind, OutboxRow, RowEnd};
pub use polls::{GroupPoll, GroupTotals};
pub use responses::{AnswerRow, LiveSnapshots, ResponseCounts};
pub use rounds::{Returning, StoredRound};

use crate::anon::Pseudonym;

/// The writer's page cache: 32 MiB at most (negative: in KiB), filled only as
/// pages are used.
const WRITER_CACHE: &str = "-32768";

/// How long a writer waits for another before reporting the database as busy.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The SQLite store.
#[derive(Debug, Clone)]
pub struct Store {
    /// Reads, and the odd write outside a transaction.
    pool: SqlitePool,
    /// The one connection transactions run on: SQLite has one writer anyway,
    /// and on one connection its page cache stays warm from batch to batch
    /// (each connection keeps its own, and drops it when another wrote).
    writer: SqlitePool,
    checkpointer: std::sync::Arc<checkpointer::Checkpointer>,
}

/// One transaction: everything one inbound message changes, or nothing.
pub struct Tx {
    inner: Transaction<'static, Sqlite>,
    /// The store's commit count, which tells the checkpointer there is work.
    commits: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Store {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<Store, StoreError> {
        let new = !path.exists();
        let options = SqliteConnectOptions::from_str("sqlite://")
            .map_err(|e| StoreError::from_sqlx(e, path))?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            // Zero deleted and overwritten content instead of leaving it in free space.
            .pragma("secure_delete", "ON")
            // Statement journals and sorts stay in memory: a multi-row statement
            // no longer writes old page images to a temporary file (half of all
            // writes under load), and no answer data reaches a file in /tmp.
            .pragma("temp_store", "MEMORY")
            // Checkpoints run beside the commits, not inside them (see checkpointer.rs).
            .pragma("wal_autocheckpoint", "0")
            .busy_timeout(BUSY_TIMEOUT);
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.clone())
            .await
            .map_err(|e| StoreError::from_sqlx(e, path))?;
        if new {
            // Only its owner may read a new database (SQLite gives its WAL and
            // shared-memory files the same permissions).
            use std::os::unix::fs::PermissionsExt as _;
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        }
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(|e| StoreError::Migrate(e.to_string()))?;
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            // A connection to a file in this process does not break unseen: no
            // ping (a round trip to SQLite's thread) before every transaction.
            .test_before_acquire(false)
            // Pages a batch touches stay in memory for the next one.
            .connect_with(options.pragma("cache_size", WRITER_CACHE))
            .await
            .map_err(|e| StoreError::from_sqlx(e, path))?;
        let checkpointer = std::sync::Arc::new(checkpointer::Checkpointer::start(pool.clone()));
        Ok(Store {
            pool,
            writer,
            checkpointer,
        })
    }

    /// Starts a write transaction that holds the write lock from its first statement.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        let inner = self
            .writer
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(StoreError::sqlx)?;
        Ok(Tx {
            inner,
            commits: self.checkpointer.commits.clone(),
        })
    }

    /// Closes the pool, checkpointing the WAL.
    pub async fn close(&self) {
        self.writer.close().await;
        self.pool.close().await;
    }

    /// A fact stored in the settings table.
    pub async fn setting(&self, name: &str) -> Result<Option<String>, StoreError> {
        sqlx::query_scalar("SELECT value FROM settings WHERE name = ?")
            .bind(name)
            .fetch_optional(&self.pool)
            .await
            .map_err(StoreError::sqlx)
    }

    /// Stores a fact in the settings table.
    pub async fn set_setting(&self, name: &str, value: &str) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value")
            .bind(name)
            .bind(value)
            .execute(&self.pool)
            .await
            .map_err(StoreError::sqlx)?;
        Ok(())
    }

    /// Erases conversation state last touched in a month before `before_month`
    /// (`YYYY-MM`) that is not about an open round. Returns how many were erased.
    pub async fn purge_conversations(&self, before_month: &str) -> Result<u64, StoreError> {
        // Who took part in rounds closed before the retention period is no
        // longer kept either (months compare as the first days of months).
        sqlx::query(
            "DELETE FROM participation WHERE round_id IN
             (SELECT id FROM rounds WHERE closed_on IS NOT NULL AND closed_on < ?)",
        )
        .bind(before_month)
        .execute(&self.pool)
        .await
        .map_err(StoreError::sqlx)?;
        let done = sqlx::query(
            "DELETE FROM conversations WHERE active_month < ?
             AND (round_id IS NULL OR round_id NOT IN (SELECT id FROM rounds WHERE state = 'open'))",
        )
        .bind(before_month)
        .execute(&self.pool)
        .await
        .map_err(StoreError::sqlx)?;
        Ok(done.rows_affected())
    }

    /// Whether the database holds anything keyed by the secret (rounds or conversations).
    pub async fn holds_data(&self) -> Result<bool, StoreError> {
        let n: i64 =
            sqlx::query_scalar("SELECT (SELECT COUNT(*) FROM rounds) + (SELECT COUNT(*) FROM conversations)")
                .fetch_one(&self.pool)
                .await
                .map_err(StoreError::sqlx)?;
        Ok(n > 0)
    }
}

impl Tx {
    /// Commits everything done in this transaction.
    pub async fn commit(self) -> Result<(), StoreError> {
        self.inner.commit().await.map_err(StoreError::sqlx)?;
        self.commits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }

    /// A stored progress marker, e.g. the next Telegram update to fetch.
    pub async fn checkpoint(&mut self, name: &str) -> Result<Option<i64>, StoreError> {
        let v: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE name = ?")
            .bind(name)
            .fetch_optional(&mut *self.inner)
            .await
            .map_err(StoreError::sqlx)?;
        v.map(|v| {
            v.parse()
                .map_err(|_| StoreError::Corrupt(format!("checkpoint {name}: {v}")))
        })
        .transpose()
    }

    /// Stores a progress marker in this transaction, so it commits with the effects.
    pub async fn set_checkpoint(&mut self, name: &str, value: i64) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        )
        .bind(name)
        .bind(value.to_string())
        .execute(&mut *self.inner)
        .await
        .map_err(StoreError::sqlx)?;
        Ok(())
    }

    /// Erases a resident's conversation state.
    pub async fn delete_conversation(&mut self, who: &Pseudonym) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM conversations WHERE pseudonym = ?")
            .bind(who.as_str())
            .execute(&mut *self.inner)
            .await
            .map_err(StoreError::sqlx)?;
        Ok(())
    }
}
