//! Council exports: a round's summary in the format asked for.

use super::{Service, ServiceError};
use crate::domain::Lang;
use crate::summary::{self, CouncilSummary, Format};

impl Service {
    /// Builds the council summary of a round.
    pub async fn council_summary(&self, id: &str, lang: Lang) -> Result<CouncilSummary, ServiceError> {
        let status = self.round_status(id).await?;
        let rows = self.store.answers(&status.stored.round.id).await?;
        let groups = self.store.group_totals(&status.stored.round.id).await?;
        Ok(summary::build(
            &status.stored,
            &status.counts,
            &rows,
            &groups,
            lang,
        ))
    }

    /// Renders the council summary of a round.
    pub async fn export_summary(&self, id: &str, format: Format, lang: Lang) -> Result<String, ServiceError> {
        let s = self.council_summary(id, lang).await?;
        Ok(summary::render(&s, format, lang, &self.localizer))
    }
}
