//! Council exports: a round's summary in the format asked for. While a round
//! with live results is open, the summary is served from a snapshot of finished
//! responses that lags one step of k residents behind (see `live_tally`).

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
                    // Not yet 2k finished: nothing to show yet.
                    let t = self.store.tally(round, false).await?;
                    return Ok(summary::build(stored, &t, &groups, lang, false));
                }
            }
        } else {
            self.store.tally(round, false).await?
        };
        Ok(summary::build(stored, &tally, &groups, lang, live))
    }

    /// The live tally to show, if any. Snapshots lag one step: one is taken
    /// when k more residents have finished than the one shown, and shown only
    /// once k more have finished after it was taken. Two shown snapshots, and
    /// the last shown and the final summary, thus differ by at least k.
    async fn live_tally(&self, stored: &crate::store::StoredRound) -> Result<Option<Tally>, ServiceError> {
        let round = &stored.round.id;
        let k = i64::from(stored.round.min_group_size);
        let mut snaps = self.store.live_snapshots(round).await?;
        let finished = self.store.tally(round, true).await?;
        let before = snaps.clone();
        if let Some((n, _)) = &snaps.next
            && finished.completed >= n + k
        {
            snaps.shown = snaps.next.take();
        }
        let base = snaps.shown.as_ref().map_or(0, |(n, _)| *n);
        if snaps.next.is_none() && finished.completed >= base + k {
            let json = serde_json::to_string(&finished)
                .map_err(|e| StoreError::Corrupt(format!("live snapshot: {e}")))?;
            snaps.next = Some((finished.completed, json));
        }
        if snaps != before {
            self.store.save_live_snapshots(round, &snaps).await?;
        }
        snaps
            .shown
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
