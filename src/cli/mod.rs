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
            Command::Serve(cmd) => cmd.run(&settings).await,
            Command::Round(cmd) => cmd.run(&settings).await,
            Command::Summary(cmd) => cmd.run(&settings).await,
            Command::Scrub(cmd) => cmd.run(),
        }
    }
}
