//! Copying the WAL into the main file off the hot path. SQLite's automatic
//! checkpoint runs inside whichever commit crosses a thousand pages, so one
//! batch in three waited for it (including an fsync of the main file); here a
//! task does it a few times a second on a connection of its own, and commits
//! only append to the WAL.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sqlx::SqlitePool;

/// How often the checkpointer looks for new commits.
const EVERY: Duration = Duration::from_millis(250);

/// The running checkpointer; it stops when the last store handle is dropped.
#[derive(Debug)]
pub(super) struct Checkpointer {
    /// Commits so far, counted by the store.
    pub(super) commits: Arc<AtomicU64>,
    task: tokio::task::AbortHandle,
}

impl Checkpointer {
    /// Starts checkpointing `pool` whenever something was committed.
    pub(super) fn start(pool: SqlitePool) -> Checkpointer {
        let commits = Arc::new(AtomicU64::new(0));
        let seen = commits.clone();
        let task = tokio::spawn(async move {
            let mut done = 0;
            let mut every = tokio::time::interval(EVERY);
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                every.tick().await;
                if pool.is_closed() {
                    return;
                }
                let now = seen.load(Ordering::Relaxed);
                if now == done {
                    continue;
                }
                // PASSIVE: copies what it can without waiting for readers or
                // the writer; the next writer then starts the WAL over.
                match sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(&pool).await {
                    Ok(_) => done = now,
                    Err(e) => tracing::debug!(error = %e, "checkpoint postponed"),
                }
            }
        });
        Checkpointer {
            commits,
            task: task.abort_handle(),
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
