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
    /// The same figures as JSON, for other tools.
    Json,
}

/// Write the council's report of a round: one HTML file that opens offline,
/// prints on A4 and reads on a phone, with charts, tables, quotes and how it
/// was made; or a spreadsheet. With `--all`: the overview across rounds (asked
/// early enough? who was reached? did residents hear back, and how soon?).
/// The same small-group rules as every summary.
#[derive(Debug, Args)]
pub struct Report {
    /// Round id (or `--all`).
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    id: Option<String>,
    /// The overview of every round instead of one round's report.
    #[arg(long)]
    all: bool,
    /// With `--all`: only rounds that opened on or after this day, e.g. 2027-01-01.
    #[arg(long, requires = "all", value_name = "DATE", value_parser = parse_day)]
    since: Option<time::Date>,
    /// `html` (the report), `xlsx` (a spreadsheet: an overview, a sheet per
    /// question with numbers as numbers, who was reached, and the open
    /// answers) or `json` (the same figures, for other tools).
    #[arg(long, value_enum, default_value = "html")]
    format: ReportFormat,
    /// Language of the report (nl or en).
    #[arg(long, default_value = "nl", value_parser = |s: &str| Lang::parse(s).map_err(|e| e.to_string()))]
    lang: Lang,
    /// The file to write [default: the round id with `.html` or `.xlsx`, or
    /// `overzicht.html` with `--all`; JSON goes to standard output]; `-`
    /// writes to standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Compare who was reached with this population table (CSV: field,
    /// category, share or population) instead of the one the round file names.
    #[arg(long, value_name = "FILE")]
    population: Option<PathBuf>,
}

fn parse_day(s: &str) -> Result<time::Date, String> {
    time::Date::parse(
        s.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| format!("`{s}` is not a date such as 2027-01-01 (year-month-day)"))
}

impl Report {
    /// Runs the command.
    pub async fn run(self, settings: &Settings) -> anyhow::Result<ExitCode> {
        if self.all && self.format == ReportFormat::Xlsx {
            say_err!("meepraten: the overview across rounds is HTML or JSON (--format html or json)");
            return Ok(ExitCode::from(2));
        }
        if self.since.is_some() && !self.all {
            say_err!(
                "meepraten: --since belongs to the overview across rounds: meepraten report --all --since DATE"
            );
            return Ok(ExitCode::from(2));
        }
        if self.all && self.population.is_some() {
            say_err!("meepraten: --population belongs to one round's report, not to --all");
            return Ok(ExitCode::from(2));
        }
        super::require_database(settings)?;
        let service = Service::open(settings)
            .await
            .context("cannot open the database")?;
        let now = OffsetDateTime::now_utc();
        let id = self.id.clone().unwrap_or_default();
        let result = if self.all {
            match service.overview(self.since, self.lang, now.date()).await {
                Ok(o) => Ok(match self.format {
                    ReportFormat::Json => serde_json::to_string_pretty(&o).unwrap_or_default() + "\n",
                    _ => summary::report::overview_html(&o, self.lang, service.localizer(), now),
                }
                .into_bytes()),
                Err(e) => Err(e),
            }
        } else {
            match self.format {
                ReportFormat::Html => service
                    .report_html(&id, self.lang, self.population.as_deref(), now)
                    .await
                    .map(String::into_bytes),
                ReportFormat::Json => service
                    .council_summary_beside(&id, self.lang, self.population.as_deref())
                    .await
                    .map(|s| (serde_json::to_string_pretty(&s).unwrap_or_default() + "\n").into_bytes()),
                ReportFormat::Xlsx => match service
                    .council_summary_beside(&id, self.lang, self.population.as_deref())
                    .await
                {
                    Ok(s) => Ok(summary::xlsx::workbook(&s, self.lang, service.localizer())
                        .context("cannot make the spreadsheet")?),
                    Err(e) => Err(e),
                },
            }
        };
        service.close().await;
        let bytes = match result {
            Ok(b) => b,
            Err(
                e @ (ServiceError::UnknownRound(_) | ServiceError::RoundFile(_) | ServiceError::Invalid(_)),
            ) => {
                say_err!("meepraten: {e}");
                return Ok(ExitCode::FAILURE);
            }
            Err(e) => return Err(e.into()),
        };
        let extension = match self.format {
            ReportFormat::Html => "html",
            ReportFormat::Xlsx => "xlsx",
            ReportFormat::Json => "json",
        };
        let stem = if self.all {
            match self.since {
                Some(d) => format!("overzicht-sinds-{d}"),
                None => "overzicht".to_owned(),
            }
        } else {
            id
        };
        // JSON is for other tools: it goes to standard output unless told
        // otherwise, like `summary`; a report and a spreadsheet go to a file.
        let path = self.output.unwrap_or_else(|| {
            if self.format == ReportFormat::Json {
                PathBuf::from("-")
            } else {
                PathBuf::from(format!("{stem}.{extension}"))
            }
        });
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
