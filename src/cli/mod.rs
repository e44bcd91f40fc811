//! The command line: one struct per command, its doc comments the `--help` text.
//! Each command opens the service and calls the same functions chat commands use.

mod round;
mod scrub;
mod serve;
mod summary;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::{self, Settings};

/// meepraten: short consultation rounds in chat, anonymized, summarised for the council.
#[derive(Debug, Parser)]
#[command(name = "meepraten", version, about)]
pub struct Cli {
    /// SQLite database file.
    #[arg(long, global = true, env = config::ENV_DATABASE, default_value = config::DEFAULT_DATABASE)]
    pub database: PathBuf,
    /// Days after a resident's last message that their conversation state is kept
    /// (never while they are in the middle of an open round).
    #[arg(long, global = true, env = config::ENV_RETENTION_DAYS, default_value_t = config::DEFAULT_RETENTION_DAYS)]
    pub retention_days: u32,
    /// Secret key file (default: the database name with `.key`). Back it up: without it
    /// residents' conversations cannot be found again.
    #[arg(long, global = true, env = config::ENV_SECRET_FILE)]
    pub secret_file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve residents. Without platform tokens: the terminal channel.
    Serve(serve::Serve),
    /// Check, import, open, close and inspect rounds.
    #[command(subcommand)]
    Round(round::RoundCommand),
    /// A council summary of a round.
    Summary(summary::Summary),
    /// Remove personal data from text, to check the scrubber.
    Scrub(scrub::Scrub),
    /// Erase conversation state older than the retention period now (serve does
    /// this at every start).
    Purge,
}

impl Cli {
    /// The settings these flags and the environment give.
    pub fn settings(&self) -> Settings {
        Settings::new(
            self.database.clone(),
            self.secret_file.clone(),
            std::env::var(config::ENV_SECRET).ok(),
        )
    }

    /// The default log filter for this command: quiet for the terminal channel,
    /// whose standard error a resident may be reading.
    pub fn default_log_filter(&self) -> &'static str {
        match &self.command {
            Command::Serve(_) => "warn",
            _ => "warn,meepraten=info",
        }
    }

    /// Runs the command.
    pub async fn run(self) -> anyhow::Result<std::process::ExitCode> {
        let settings = self.settings();
        match self.command {
            Command::Serve(cmd) => cmd.run(&settings, self.retention_days).await,
            Command::Round(cmd) => cmd.run(&settings).await,
            Command::Summary(cmd) => cmd.run(&settings).await,
            Command::Scrub(cmd) => cmd.run(),
            Command::Purge => {
                let service = crate::service::Service::open(&settings).await?;
                let n = service
                    .purge_conversations(time::OffsetDateTime::now_utc(), self.retention_days)
                    .await?;
                service.close().await;
                println!(
                    "erased {n} conversation(s) older than {} days",
                    self.retention_days
                );
                Ok(std::process::ExitCode::SUCCESS)
            }
        }
    }
}
