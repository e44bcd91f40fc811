//! Leaving no traces in the database files. SQLite keeps deleted and overwritten
//! rows in free space, every committed page version in the WAL until a checkpoint
//! restarts it, and rows within a page in the order they arrived. With
//! `secure_delete` on (set on every connection in [`Store::open`]) deleted content
//! is zeroed; [`Store::erase_traces`] then empties the WAL, and [`Store::compact`]
//! rewrites the whole file in key order first. What the file system itself keeps
//! (journaling, snapshots, blocks of an SSD) is beyond reach and said so in the README.

use std::time::Duration;

use super::{Store, StoreError};

/// How often an emptying of the WAL is tried while another connection still reads.
const ATTEMPTS: u32 = 50;
/// The pause between attempts.
const PAUSE: Duration = Duration::from_millis(100);

impl Store {
    /// Copies the WAL into the main file and truncates it to zero bytes, so no
    /// earlier version of any page survives in it. Waits (up to about five
    /// seconds) for readers in other connections to finish.
    pub async fn erase_traces(&self) -> Result<(), StoreError> {
        for _ in 0..ATTEMPTS {
            let (busy, _log, _done): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(&self.pool)
                .await
                .map_err(StoreError::sqlx)?;
            if busy == 0 {
                return Ok(());
            }
            tokio::time::sleep(PAUSE).await;
        }
        Err(StoreError::Locked)
    }

    /// Rewrites the whole database in key order (VACUUM), so freed pages vanish
    /// and the byte order of rows says nothing about when they arrived, then
    /// empties the WAL. Used when a round closes; it costs one pass over the file.
    pub async fn compact(&self) -> Result<(), StoreError> {
        sqlx::query("VACUUM")
            .execute(&self.pool)
            .await
            .map_err(StoreError::sqlx)?;
        self.erase_traces().await
    }
}
