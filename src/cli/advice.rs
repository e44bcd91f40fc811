//! `meepraten advice ...`: which formal advice a round informed, so the report
//! and the chat summary can tell residents and councils where the input went.

use std::process::ExitCode;

use anyhow::Context as _;
use clap::Subcommand;

use crate::config::Settings;
use crate::domain::Lang;
use crate::service::{Service, ServiceError};
use crate::store::AdviceLink;

/// Advice commands.
#[derive(Debug, Subcommand)]
pub enum AdviceCommand {
    /// Record that a round informed a formal advice (again with the same title:
    /// updates its date and link).
    Add {
        /// Round id.
        id: String,
        /// The advice's title, e.g. "Advies Wmo-verordening 2027".
        #[arg(long)]
        title: String,
        /// The advice's date, e.g. 2027-03-15.
        #[arg(long)]
        date: String,
        /// Where the advice can be read.
        #[arg(long)]
        url: Option<String>,
    },
    /// List the advice a round informed.
    List {
        /// Round id.
        id: String,
    },
}

impl AdviceCommand {
    /// Runs the command.
    pub async fn run(self, settings: &Settings) -> anyhow::Result<ExitCode> {
        super::require_database(settings)?;
        let service = Service::open(settings)
            .await
            .context("cannot open the database")?;
        let result = match self {
            AdviceCommand::Add { id, title, date, url } => service
                .add_advice(&id, AdviceLink { title, date, url })
                .await
                .map(|()| format!("recorded: round `{id}` informed this advice")),
            AdviceCommand::List { id } => service.council_summary(&id, Lang::En).await.map(|s| {
                if s.advice.is_empty() {
                    format!("round `{id}` is not linked to any advice yet (meepraten advice add)")
                } else {
                    s.advice
                        .iter()
                        .map(|a| format!("{}\t{}\t{}", a.date, a.title, a.url.as_deref().unwrap_or("-")))
                        .collect::<Vec<_>>()
                        .join("\n")
                }
            }),
        };
        service.close().await;
        match result {
            Ok(text) => {
                say!("{text}");
                Ok(ExitCode::SUCCESS)
            }
            Err(e @ (ServiceError::UnknownRound(_) | ServiceError::Invalid(_))) => {
                say_err!("meepraten: {e}");
                Ok(ExitCode::FAILURE)
            }
            Err(e) => Err(e.into()),
        }
    }
}
