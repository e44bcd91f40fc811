//! `meepraten report`: the council's report of a round, to attach to its advice.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use time::OffsetDateTime;

use crate::config::Settings;
use crate::domain::Lang;
use crate::service::{Service, ServiceError};
use crate::summary;

/// What `report` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ReportFormat {
    /// The HTML report.
    Html,
    /// A spreadsheet.
    Xlsx,
}

/// Write the council's report of a round: one HTML file that opens offline,
/// prints on A4 and reads on a phone, with charts, tables, quotes and how it
/// was made; or a spreadsheet. The same small-group rules as every summary.
#[derive(Debug, Args)]
pub struct Report {
    /// Round id.
    id: String,
    /// `html` (the report) or `xlsx` (a spreadsheet: an overview, a sheet per
    /// question with numbers as numbers, and the open answers).
    #[arg(long, value_enum, default_value = "html")]
    format: ReportFormat,
    /// Language of the report (nl or en).
    #[arg(long, default_value = "nl", value_parser = |s: &str| Lang::parse(s).map_err(|e| e.to_string()))]
    lang: Lang,
    /// The file to write [default: the round id with `.html` or `.xlsx`]; `-`
    /// writes to standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Compare who was reached with this population table (CSV: field,
    /// category, share or population) instead of the one the round file names.
    #[arg(long, value_name = "FILE")]
    population: Option<PathBuf>,
}

impl Report {
    /// Runs the command.
    pub async fn run(self, settings: &Settings) -> anyhow::Result<ExitCode> {
        super::require_database(settings)?;
        let service = Service::open(settings)
            .await
            .context("cannot open the database")?;
        let result = match self.format {
            ReportFormat::Html => service
                .report_html(
                    &self.id,
                    self.lang,
                    self.population.as_deref(),
                    OffsetDateTime::now_utc(),
                )
                .await
                .map(String::into_bytes),
            ReportFormat::Xlsx => match service
                .council_summary_beside(&self.id, self.lang, self.population.as_deref())
                .await
            {
                Ok(s) => Ok(summary::xlsx::workbook(&s, self.lang, service.localizer())
                    .context("cannot make the spreadsheet")?),
                Err(e) => Err(e),
            },
        };
        service.close().await;
        let bytes = match result {
            Ok(b) => b,
            Err(e @ (ServiceError::UnknownRound(_) | ServiceError::RoundFile(_))) => {
                say_err!("meepraten: {e}");
                return Ok(ExitCode::FAILURE);
            }
            Err(e) => return Err(e.into()),
        };
        let extension = match self.format {
            ReportFormat::Html => "html",
            ReportFormat::Xlsx => "xlsx",
        };
        let path = self
            .output
            .unwrap_or_else(|| PathBuf::from(format!("{}.{extension}", self.id)));
        if path.as_os_str() == "-" {
            use std::io::Write as _;
            let mut out = std::io::stdout().lock();
            if let Err(e) = out.write_all(&bytes).and_then(|()| out.flush()) {
                // A closed pipe (`| head`) is not an error of ours.
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(e.into());
                }
            }
        } else {
            std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
            say_err!("meepraten: wrote the report to {}", path.display());
        }
        Ok(ExitCode::SUCCESS)
    }
}
