//! Group polls for the adapters: registering a posted poll (its place sealed),
//! storing the totals the platform reports, and finding polls to stop when their
//! round closes. Deciding which questions fit a platform's polls is the adapter's.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Service, ServiceError};
use crate::domain::{QuestionId, RoundId};

/// Where a poll stands: a group chat and the poll's message in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollPlace {
    /// The group chat.
    pub chat: i64,
    /// The poll's message.
    pub message_id: i32,
}

impl Service {
    /// Registers a poll just posted for `question`, with answer ids in poll order.
    pub async fn register_group_poll(
        &self,
        poll_id: &str,
        round: &RoundId,
        question: &QuestionId,
        answer_ids: &[String],
        place: &PollPlace,
    ) -> Result<(), ServiceError> {
        let options = serde_json::to_string(answer_ids).unwrap_or_else(|_| "[]".into());
        let sealed = self.vault.seal_bound(poll_id.as_bytes(), place);
        self.store
            .add_group_poll(poll_id, round, question, &options, &sealed)
            .await?;
        Ok(())
    }

    /// Stores the totals the platform reports for a poll; `stopped` totals are
    /// final. Polls we did not post are ignored.
    pub async fn record_poll_totals(
        &self,
        poll_id: &str,
        votes: &[i64],
        stopped: bool,
    ) -> Result<(), ServiceError> {
        self.store.record_poll_totals(poll_id, votes, stopped).await?;
        Ok(())
    }

    /// Polls whose round no longer takes answers, with where they stand.
    pub async fn polls_to_stop(&self, now: OffsetDateTime) -> Result<Vec<(String, PollPlace)>, ServiceError> {
        let polls = self.store.polls_to_stop(now.unix_timestamp()).await?;
        let mut out = Vec::new();
        for p in polls {
            match self
                .vault
                .open_bound::<PollPlace>(p.poll_id.as_bytes(), &p.sealed_at)
            {
                Ok(place) => out.push((p.poll_id, place)),
                Err(e) => {
                    tracing::warn!(error = %e, "a poll's place could not be opened; marking it stopped");
                    self.store.record_poll_totals(&p.poll_id, &[], true).await?;
                }
            }
        }
        Ok(out)
    }
}
