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

/// Jobs held back, with their chats, in the order they came.
type Held = Option<Vec<(i64, Job)>>;

/// The queues, one per chat with work waiting or under way.
#[derive(Clone, Default)]
pub struct Lanes {
    queues: Arc<Mutex<HashMap<i64, VecDeque<Job>>>>,
    /// Jobs held back while the next batch is fetched (see [`Lanes::hold`]).
    held: Arc<Mutex<Held>>,
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

    /// Holds back the jobs pushed from now on until [`Lanes::release`]. With a
    /// backlog, the poll loop holds a full batch's replies while it fetches
    /// the next batch: fetching confirms this batch, and only then can the
    /// next be stored, so every batch waits for it; a Bot API server on the
    /// same machine would otherwise answer a hundred replies first. The
    /// replies go out while the next batch is being stored, or after a few
    /// milliseconds at most.
    pub fn hold(&self) {
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        held.get_or_insert_with(Vec::new);
    }

    /// Whether jobs are held back.
    pub fn holding(&self) -> bool {
        self.held.lock().unwrap_or_else(PoisonError::into_inner).is_some()
    }

    /// Queues the jobs held back, in the order they came, and stops holding.
    pub fn release(&self) {
        let held = self.held.lock().unwrap_or_else(PoisonError::into_inner).take();
        for (chat, job) in held.into_iter().flatten() {
            self.push(chat, job);
        }
    }

    /// Queues `job` behind the chat's earlier jobs.
    pub fn push(&self, chat: i64, job: Job) {
        if let Some(held) = self.held.lock().unwrap_or_else(PoisonError::into_inner).as_mut() {
            held.push((chat, job));
            return;
        }
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

    /// Waits until every lane is empty (after releasing what is held), at most
    /// `limit`; returns whether they are.
    pub async fn drain(&self, limit: Duration) -> bool {
        self.release();
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
    async fn held_jobs_wait_for_the_release_and_keep_their_order() {
        let lanes = Lanes::default();
        let log: Arc<Mutex<Vec<(i64, u32)>>> = Default::default();
        let job = |chat: i64, n: u32| -> Job {
            let log = log.clone();
            Box::pin(async move { log.lock().unwrap().push((chat, n)) })
        };
        lanes.push(1, job(1, 0));
        lanes.hold();
        assert!(lanes.holding());
        lanes.push(1, job(1, 1));
        lanes.push(2, job(2, 0));
        lanes.push(1, job(1, 2));
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(
            *log.lock().unwrap(),
            vec![(1, 0)],
            "only the job from before the hold ran"
        );
        lanes.release();
        assert!(!lanes.holding());
        assert!(lanes.drain(Duration::from_secs(5)).await);
        let log = log.lock().unwrap().clone();
        let chat_1: Vec<u32> = log.iter().filter(|(c, _)| *c == 1).map(|(_, n)| *n).collect();
        assert_eq!(chat_1, vec![0, 1, 2], "{log:?}");
        assert!(log.contains(&(2, 0)));
    }

    #[tokio::test]
    async fn drain_releases_what_is_held() {
        let lanes = Lanes::default();
        let ran = Arc::new(Mutex::new(false));
        lanes.hold();
        let r = ran.clone();
        lanes.push(1, Box::pin(async move { *r.lock().unwrap() = true }));
        assert!(lanes.drain(Duration::from_secs(5)).await);
        assert!(*ran.lock().unwrap());
    }

    #[tokio::test]
    async fn drain_gives_up_after_its_limit() {
        let lanes = Lanes::default();
        lanes.push(1, Box::pin(tokio::time::sleep(Duration::from_secs(60))));
        assert!(!lanes.drain(Duration::from_millis(50)).await);
    }
}
