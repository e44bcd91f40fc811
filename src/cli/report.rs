//! `meepraten report`: the council's report of a round, to attach to its advice.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use time::OffsetDateTime;

use crate::config::Settings;
use crate::domain::Lang;
use crate::service::{Service, ServiceError};

/// Write the council's report of a round: one HTML file that opens offline,
/// prints on A4 and reads on a phone, with charts, tables, quotes and how it
/// was made. The same small-group rules as every summary.
#[derive(Debug, Args)]
pub struct Report {
    /// Round id.
    id: String,
    /// Language of the report (nl or en).
    #[arg(long, default_value = "nl", value_parser = |s: &str| Lang::parse(s).map_err(|e| e.to_string()))]
    lang: Lang,
    /// The file to write [default: the round id with `.html`]; `-` writes to
    /// standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

impl Report {
    /// Runs the command.
    pub async fn run(self, settings: &Settings) -> anyhow::Result<ExitCode> {
        super::require_database(settings)?;
        let service = Service::open(settings)
            .await
            .context("cannot open the database")?;
        let result = service
            .report_html(&self.id, self.lang, OffsetDateTime::now_utc())
            .await;
        service.close().await;
        let html = match result {
            Ok(t) => t,
            Err(e @ ServiceError::UnknownRound(_)) => {
                say_err!("meepraten: {e}");
                return Ok(ExitCode::FAILURE);
            }
            Err(e) => return Err(e.into()),
        };
        let path = self
            .output
            .unwrap_or_else(|| PathBuf::from(format!("{}.html", self.id)));
        if path.as_os_str() == "-" {
            say_raw!("{html}");
        } else {
            std::fs::write(&path, html).with_context(|| format!("cannot write {}", path.display()))?;
            say_err!("meepraten: wrote the report to {}", path.display());
        }
        Ok(ExitCode::SUCCESS)
    }
}
