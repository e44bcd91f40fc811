//! `meepraten summary`: what a council takes into its advice.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;

use crate::config::Settings;
use crate::domain::Lang;
use crate::service::{Service, ServiceError};
use crate::summary::Format;

/// Summarise a round for the council: respondents, counts and percentages per
/// question, quotes. Groups smaller than the round's minimum are suppressed, and
/// results stay hidden until the round closes.
#[derive(Debug, Args)]
pub struct Summary {
    /// Round id.
    id: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    format: Format,
    /// Language of the summary (nl or en).
    #[arg(long, default_value = "nl", value_parser = |s: &str| Lang::parse(s).map_err(|e| e.to_string()))]
    lang: Lang,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

impl Summary {
    /// Runs the command.
    pub async fn run(self, settings: &Settings) -> anyhow::Result<ExitCode> {
        super::require_database(settings)?;
        let service = Service::open(settings)
            .await
            .context("cannot open the database")?;
        let result = service.export_summary(&self.id, self.format, self.lang).await;
        service.close().await;
        let text = match result {
            Ok(t) => t,
            Err(e @ ServiceError::UnknownRound(_)) => {
                say_err!("meepraten: {e}");
                return Ok(ExitCode::FAILURE);
            }
            Err(e) => return Err(e.into()),
        };
        match &self.output {
            Some(path) => {
                std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?
            }
            None => say_raw!("{text}"),
        }
        Ok(ExitCode::SUCCESS)
    }
}
