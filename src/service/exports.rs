//! Council exports: a round's summary in the format asked for. While a round
//! with live results is open, the summary is served from a snapshot of finished
//! responses that lags one step of k residents behind (see `live_snapshots`).

use super::{Service, ServiceError};
use crate::domain::{Lang, RoundState, Tally};
use crate::store::{AdviceLink, LiveSnapshots, StoreError};
use crate::summary::{self, CouncilSummary, Format};

impl Service {
    /// Builds the council summary of a round, audited against the live snapshot
    /// shown before it, if any, with the formal advice it informed.
    pub async fn council_summary(&self, id: &str, lang: Lang) -> Result<CouncilSummary, ServiceError> {
        self.council_summary_beside(id, lang, None).await
    }

    /// Like [`Service::council_summary`], with who was reached compared with the
    /// population table at `population` instead of the round's own.
    pub async fn council_summary_beside(
        &self,
        id: &str,
        lang: Lang,
        population: Option<&std::path::Path>,
    ) -> Result<CouncilSummary, ServiceError> {
        let mut status = self.round_status(id).await?;
        if let Some(path) = population {
            let table = super::rounds::read_population(path, &status.stored.round)?;
            status.stored.round.population = Some(table);
        }
        // Another population table gives other figures: not kept.
        let mut s = self
            .audited_summary(&status.stored, lang, population.is_none())
            .await?;
        s.advice = self.store.advice(&s.round).await?;
        let outcomes = self.store.outcomes(&s.round).await?;
        (s.outcomes, s.days_to_feedback) = summary::outcome_lines(&outcomes, s.closed_on.as_deref(), lang);
        if let Some(earlier) = &status.stored.round.follows
            && !s.results_hidden
        {
            s.comparison = Some(self.comparison(earlier, &s, lang).await?);
        }
        Ok(s)
    }

    /// This round's summary `now` beside the published summary of the round it follows.
    async fn comparison(
        &self,
        earlier: &crate::domain::RoundId,
        now: &CouncilSummary,
        lang: Lang,
    ) -> Result<summary::comparison::Comparison, ServiceError> {
        use summary::comparison;
        let Some(stored) = self.store.round(earlier).await? else {
            return Ok(comparison::unavailable(earlier.as_str(), None, "missing"));
        };
        let then = self.audited_summary(&stored, lang, true).await?;
        if !matches!(stored.state, RoundState::Closed | RoundState::Archived) {
            return Ok(comparison::unavailable(
                earlier.as_str(),
                Some(&then),
                "not-closed",
            ));
        }
        Ok(comparison::compare(now, &then))
    }

    /// Records that round `id` informed a formal advice (or updates its date and
    /// link, by title).
    pub async fn add_advice(&self, id: &str, advice: AdviceLink) -> Result<(), ServiceError> {
        let status = self.round_status(id).await?;
        let title = advice.title.trim();
        if title.is_empty() || title.chars().count() > 200 {
            return Err(ServiceError::Invalid(
                "--title must name the advice, in at most 200 characters".into(),
            ));
        }
        let date = time::Date::parse(
            &advice.date,
            time::macros::format_description!("[year]-[month]-[day]"),
        )
        .map_err(|_| {
            ServiceError::Invalid(format!(
                "--date `{}` is not a date such as 2027-03-15 (year-month-day)",
                advice.date
            ))
        })?;
        if let Some(url) = &advice.url {
            let ok = url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "https" | "http"));
            if !ok {
                return Err(ServiceError::Invalid(format!(
                    "--url `{url}` is not a web address such as https://gemeente.nl/advies.pdf"
                )));
            }
        }
        let advice = AdviceLink {
            title: title.to_owned(),
            date: date.to_string(),
            url: advice.url,
        };
        self.store
            .add_advice(status.stored.round.id.as_str(), &advice)
            .await?;
        Ok(())
    }

    /// The audited summary alone; a closed round's is kept when `keep` (see
    /// `ClosedSummaries`).
    async fn audited_summary(
        &self,
        stored: &crate::store::StoredRound,
        lang: Lang,
        keep: bool,
    ) -> Result<CouncilSummary, ServiceError> {
        let round = &stored.round.id;
        let groups = self.store.group_totals(round).await?;
        let closed = keep && matches!(stored.state, RoundState::Closed | RoundState::Archived);
        let key = (
            round.as_str().to_owned(),
            stored.version,
            stored.state.as_str(),
            lang,
        );
        if closed
            && let Some((with, s)) = self
                .closed_summaries
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(&key)
            && *with == groups
        {
            return Ok(s.clone());
        }
        let s = self.audit(stored, lang, &groups).await?;
        if closed {
            self.closed_summaries
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(key, (groups, s.clone()));
        }
        Ok(s)
    }

    /// Works out the audited summary.
    async fn audit(
        &self,
        stored: &crate::store::StoredRound,
        lang: Lang,
        groups: &[crate::store::GroupTotals],
    ) -> Result<CouncilSummary, ServiceError> {
        let round = &stored.round.id;
        if !stored.round.live_results {
            let (tally, left_out, stored) = self.final_tally(stored).await?;
            let mut s = summary::build(&stored, &tally, groups, lang, false);
            s.unfinished_left_out = left_out;
            return Ok(s);
        }
        if stored.state == RoundState::Open {
            let snaps = self.live_snapshots(stored).await?;
            let Some(shown) = &snaps.shown else {
                // Not yet 2k finished: nothing to show yet.
                let t = self.store.tally(round, false).await?;
                return Ok(summary::build(stored, &t, groups, lang, false));
            };
            let earlier = published_before(stored, snaps.earlier.as_deref(), groups)?;
            let tally = parse_tally(&shown.1)?;
            return Ok(summary::build_after(stored, &tally, groups, lang, true, &earlier));
        }
        // Closed: everyone counts, audited against every snapshot shown.
        let snaps = self.store.live_snapshots(round).await?;
        let earlier = published_through(stored, &snaps, groups)?;
        let (tally, left_out, stored) = self.final_tally(stored).await?;
        let mut s = summary::build_after(&stored, &tally, groups, lang, false, &earlier);
        s.unfinished_left_out = left_out;
        Ok(s)
    }

    /// What a round's summary counts. Once it closed, a few residents (1 to
    /// k-1) who started but did not finish are a group whose count would hide
    /// most of the round's figures with it; they are left out instead, and the
    /// summary says so; who took part before is then counted among those who
    /// finished).
    async fn final_tally(
        &self,
        stored: &crate::store::StoredRound,
    ) -> Result<(Tally, bool, crate::store::StoredRound), ServiceError> {
        let round = &stored.round.id;
        let all = self.store.tally(round, false).await?;
        let k = i64::from(stored.round.min_group_size);
        let closed = matches!(stored.state, RoundState::Closed | RoundState::Archived);
        if closed && (1..k).contains(&(all.started - all.completed)) {
            let mut without = stored.clone();
            without.returning = stored.returning_finished;
            return Ok((self.store.tally(round, true).await?, true, without));
        }
        Ok((all, false, stored.clone()))
    }

    /// The live snapshots, brought up to date. Snapshots lag one step: one is
    /// taken when k more residents have finished than the one shown, and shown
    /// only once k more have finished after it was taken. Two shown snapshots,
    /// and the last shown and the final summary, thus differ by at least k; each
    /// is audited against every one shown before (what each of them published
    /// is kept, oldest first).
    async fn live_snapshots(
        &self,
        stored: &crate::store::StoredRound,
    ) -> Result<LiveSnapshots, ServiceError> {
        let round = &stored.round.id;
        let k = i64::from(stored.round.min_group_size);
        let mut snaps = self.store.live_snapshots(round).await?;
        let finished = self.store.tally(round, true).await?;
        let before = snaps.clone();
        if let Some((n, _)) = &snaps.next
            && finished.completed >= n + k
        {
            if snaps.shown.is_some() {
                let groups = self.store.group_totals(round).await?;
                let published = published_through(stored, &snaps, &groups)?;
                snaps.earlier = Some(
                    serde_json::to_string(&published)
                        .map_err(|e| StoreError::Corrupt(format!("live snapshot: {e}")))?,
                );
            }
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
        Ok(snaps)
    }

    /// Every round that opened on or after `since` (all when `None`), with the
    /// figures across them, each from the round's own audited summary.
    pub async fn overview(
        &self,
        since: Option<time::Date>,
        lang: Lang,
        today: time::Date,
    ) -> Result<summary::overview::Overview, ServiceError> {
        let mut summaries = Vec::new();
        for stored in self.list_rounds().await? {
            if stored.opened_on.is_some() {
                summaries.push(self.council_summary(stored.round.id.as_str(), lang).await?);
            }
        }
        Ok(summary::overview::build(&summaries, since, today))
    }

    /// The council's report of a round: one self-contained HTML file, with the
    /// same audited figures as every export.
    pub async fn report_html(
        &self,
        id: &str,
        lang: Lang,
        population: Option<&std::path::Path>,
        made: time::OffsetDateTime,
    ) -> Result<String, ServiceError> {
        let s = self.council_summary_beside(id, lang, population).await?;
        Ok(summary::report::html(&s, lang, &self.localizer, made))
    }

    /// Renders the council summary of a round.
    pub async fn export_summary(&self, id: &str, format: Format, lang: Lang) -> Result<String, ServiceError> {
        let s = self.council_summary(id, lang).await?;
        Ok(summary::render(&s, format, lang, &self.localizer))
    }
}

/// A stored tally, read back.
fn parse_tally(json: &str) -> Result<Tally, ServiceError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("live snapshot: {e}")).into())
}

/// What the live snapshots shown before the current one published, oldest
/// first. Kept as a list of published counts; a round from before kept only
/// the last one's tally, whose publication is worked out again.
fn published_before(
    stored: &crate::store::StoredRound,
    kept: Option<&str>,
    groups: &[crate::store::GroupTotals],
) -> Result<Vec<summary::Published>, ServiceError> {
    let Some(json) = kept else {
        return Ok(Vec::new());
    };
    if json.trim_start().starts_with('[') {
        return serde_json::from_str(json)
            .map_err(|e| StoreError::Corrupt(format!("live snapshots shown: {e}")).into());
    }
    Ok(vec![published_after(stored, &parse_tally(json)?, groups, &[])])
}

/// What every live snapshot shown so far published, the current one last.
fn published_through(
    stored: &crate::store::StoredRound,
    snaps: &LiveSnapshots,
    groups: &[crate::store::GroupTotals],
) -> Result<Vec<summary::Published>, ServiceError> {
    let mut published = published_before(stored, snaps.earlier.as_deref(), groups)?;
    if let Some((_, shown)) = &snaps.shown {
        published.push(published_after(stored, &parse_tally(shown)?, groups, &published));
    }
    Ok(published)
}

/// What a live snapshot published, audited against those shown before it.
fn published_after(
    stored: &crate::store::StoredRound,
    tally: &Tally,
    groups: &[crate::store::GroupTotals],
    before: &[summary::Published],
) -> summary::Published {
    summary::published(&summary::build_after(
        stored,
        tally,
        groups,
        Lang::Nl,
        true,
        before,
    ))
}
