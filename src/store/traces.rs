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
const ATTEMPTS: u32 = 20;
/// The pause between attempts.
const PAUSE: Duration = Duration::from_millis(100);

impl Store {
    /// Copies the WAL into the main file and truncates it to zero bytes, so no
    /// earlier version of any page survives in it. A reader in another process
    /// (a backup tool, an official's query) can hold the WAL: the checkpoint
    /// then does not wait on SQLite's busy handler but is tried a few times over
    /// about two seconds and reported as `Locked`, for the caller to retry later.
    pub async fn erase_traces(&self) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await.map_err(StoreError::sqlx)?;
        sqlx::query("PRAGMA busy_timeout = 0")
            .execute(&mut *conn)
            .await
            .map_err(StoreError::sqlx)?;
        let mut outcome = Err(StoreError::Locked);
        for _ in 0..ATTEMPTS {
            let checkpoint: Result<(i64, i64, i64), _> = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(&mut *conn)
                .await;
            match checkpoint {
                Ok((0, _, _)) => {
                    outcome = Ok(());
                    break;
                }
                Ok(_) => {}
                Err(e) => match StoreError::sqlx(e) {
                    StoreError::Locked => {}
                    other => {
                        outcome = Err(other);
                        break;
                    }
                },
            }
            tokio::time::sleep(PAUSE).await;
        }
        let restore = format!("PRAGMA busy_timeout = {}", super::BUSY_TIMEOUT.as_millis());
        sqlx::query(sqlx::AssertSqlSafe(restore))
            .execute(&mut *conn)
            .await
            .map_err(StoreError::sqlx)?;
        outcome
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
