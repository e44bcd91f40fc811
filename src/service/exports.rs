//! Council exports: a round's summary in the format asked for. While a round
//! with live results is open, the summary is served from a snapshot of finished
//! responses that is renewed only after at least k more residents finished.

use super::{Service, ServiceError};
use crate::domain::{Lang, RoundState, Tally};
use crate::store::StoreError;
use crate::summary::{self, CouncilSummary, Format};

impl Service {
    /// Builds the council summary of a round.
    pub async fn council_summary(&self, id: &str, lang: Lang) -> Result<CouncilSummary, ServiceError> {
        let status = self.round_status(id).await?;
        let stored = &status.stored;
        let round = &stored.round.id;
        let groups = self.store.group_totals(round).await?;
        let live = stored.state == RoundState::Open && stored.round.live_results;
        let tally = if live {
            match self.live_tally(stored).await? {
                Some(t) => t,
                None => {
                    // Fewer than k finished: nothing to show yet.
                    let t = self.store.tally(round, false).await?;
                    return Ok(summary::build(stored, &t, &groups, lang, false));
                }
            }
        } else {
            self.store.tally(round, false).await?
        };
        Ok(summary::build(stored, &tally, &groups, lang, live))
    }

    /// The live snapshot, renewed when at least k more residents finished since
    /// the last one; `None` while fewer than k have finished.
    async fn live_tally(&self, stored: &crate::store::StoredRound) -> Result<Option<Tally>, ServiceError> {
        let round = &stored.round.id;
        let k = i64::from(stored.round.min_group_size);
        let previous = self.store.live_snapshot(round).await?;
        let finished = self.store.tally(round, true).await?;
        let due = match &previous {
            Some((n, _)) => finished.completed >= n + k,
            None => finished.completed >= k,
        };
        if due {
            let json = serde_json::to_string(&finished)
                .map_err(|e| StoreError::Corrupt(format!("live snapshot: {e}")))?;
            self.store
                .save_live_snapshot(round, finished.completed, &json)
                .await?;
            return Ok(Some(finished));
        }
        previous
            .map(|(_, json)| {
                serde_json::from_str(&json)
                    .map_err(|e| StoreError::Corrupt(format!("live snapshot: {e}")).into())
            })
            .transpose()
    }

    /// Renders the council summary of a round.
    pub async fn export_summary(&self, id: &str, format: Format, lang: Lang) -> Result<String, ServiceError> {
        let s = self.council_summary(id, lang).await?;
        Ok(summary::render(&s, format, lang, &self.localizer))
    }
}
