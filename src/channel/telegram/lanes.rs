//! Delivery lanes: one queue per chat, so replies reach each chat in order while
//! chats do not wait for each other. Telegram paces one chat to about a message a
//! second; handled in line, one busy chat would hold up every resident behind it.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::Notify;

/// Work for one chat, such as sending replies.
pub type Job = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The queues, one per chat with work waiting or under way.
#[derive(Clone, Default)]
pub struct Lanes {
    queues: Arc<Mutex<HashMap<i64, VecDeque<Job>>>>,
    /// Told whenever a lane empties.
    emptied: Arc<Notify>,
    /// Where lanes run; `None`: the current runtime.
    runtime: Option<tokio::runtime::Handle>,
}

impl Lanes {
    /// Lanes that run on `runtime`: a runtime of their own keeps hundreds of
    /// sends from queueing in front of the work that stores answers.
    pub fn on(runtime: tokio::runtime::Handle) -> Lanes {
        Lanes {
            runtime: Some(runtime),
            ..Lanes::default()
        }
    }

    /// Queues `job` behind the chat's earlier jobs.
    pub fn push(&self, chat: i64, job: Job) {
        let mut queues = self.queues.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(queue) = queues.get_mut(&chat) {
            queue.push_back(job);
            return;
        }
        // No lane for this chat: start one; it ends when its queue is empty.
        queues.insert(chat, VecDeque::new());
        drop(queues);
        let lanes = self.clone();
        let lane = async move {
            let mut job = job;
            loop {
                job.await;
                let mut queues = lanes.queues.lock().unwrap_or_else(PoisonError::into_inner);
                let next = queues.get_mut(&chat).and_then(VecDeque::pop_front);
                match next {
                    Some(next) => job = next,
                    None => {
                        queues.remove(&chat);
                        drop(queues);
                        lanes.emptied.notify_waiters();
                        return;
                    }
                }
            }
        };
        match &self.runtime {
            Some(runtime) => drop(runtime.spawn(lane)),
            None => drop(tokio::spawn(lane)),
        }
    }

    /// Chats with work waiting or under way.
    pub fn busy(&self) -> usize {
        self.queues.lock().unwrap_or_else(PoisonError::into_inner).len()
    }

    /// Waits until every lane is empty, at most `limit`; returns whether they are.
    pub async fn drain(&self, limit: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let emptied = self.emptied.notified();
            tokio::pin!(emptied);
            emptied.as_mut().enable();
            if self.busy() == 0 {
                return true;
            }
            if tokio::time::timeout_at(deadline, emptied).await.is_err() {
                return self.busy() == 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn one_chat_keeps_its_order_and_does_not_hold_up_another() {
        let lanes = Lanes::default();
        let log: Arc<Mutex<Vec<(i64, u32)>>> = Default::default();
        for n in 0..3 {
            let log = log.clone();
            lanes.push(
                1,
                Box::pin(async move {
                    // A slow chat, paced as Telegram paces one chat.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    log.lock().unwrap().push((1, n));
                }),
            );
        }
        let fast = log.clone();
        lanes.push(2, Box::pin(async move { fast.lock().unwrap().push((2, 0)) }));
        assert!(lanes.drain(Duration::from_secs(5)).await);
        let log = log.lock().unwrap().clone();
        assert_eq!(log[0], (2, 0), "the other chat went first: {log:?}");
        assert_eq!(&log[1..], &[(1, 0), (1, 1), (1, 2)]);
        assert_eq!(lanes.busy(), 0);
    }

    #[tokio::test]
    async fn drain_gives_up_after_its_limit() {
        let lanes = Lanes::default();
        lanes.push(1, Box::pin(tokio::time::sleep(Duration::from_secs(60))));
        assert!(!lanes.drain(Duration::from_millis(50)).await);
    }
}
