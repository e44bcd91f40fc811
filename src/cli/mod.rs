//! The command line: one struct per command, its doc comments the `--help` text.
//! Each command opens the service and calls the same functions chat commands use.

/// Writes to standard output like `println!`; a reader that went away
/// (`meepraten round list | head -1`) ends the program quietly, not with a panic.
macro_rules! say {
    ($($t:tt)*) => { $crate::cli::write_out(format_args!($($t)*), true) };
}

/// Like `eprintln!`, but a closed standard error (`2>&1 | head -1`) is no
/// reason to panic: the message is dropped and the exit code stays right.
macro_rules! say_err {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}

/// Like `print!`, with the same care for a closed pipe.
macro_rules! say_raw {
    ($($t:tt)*) => { $crate::cli::write_out(format_args!($($t)*), false) };
}

mod advice;
mod report;
mod round;
mod scrub;
mod serve;
mod settings_file;
mod summary;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::{self, Config, Flags, Settings};

/// Writes one piece of command output. A closed pipe is the reader saying it has
/// enough: exit 0 at once, as `head` expects.
pub(crate) fn write_out(args: std::fmt::Arguments<'_>, newline: bool) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let written = out
        .write_fmt(args)
        .and_then(|()| if newline { out.write_all(b"\n") } else { Ok(()) })
        .and_then(|()| out.flush());
    if let Err(e) = written
        && e.kind() == std::io::ErrorKind::BrokenPipe
    {
        std::process::exit(0);
    }
}

/// Refuses to go on when the database does not exist: a misspelt `--database`
/// would otherwise create an empty database and a new key, and the official
/// would see "no rounds" instead of the mistake. Only `serve` and `round import`
/// create a database.
pub(crate) fn require_database(settings: &Settings) -> anyhow::Result<()> {
    if settings.database.exists() {
        return Ok(());
    }
    anyhow::bail!(
        "there is no database at {}; check --database (or {}). `meepraten round import FILE` and `meepraten serve` create one",
        settings.database.display(),
        config::ENV_DATABASE
    )
}

/// meepraten: short consultation rounds in chat, anonymized, summarised for the council.
///
/// Settings come from defaults, then a settings file (`--config`, or
/// meepraten.toml in the working directory), then the environment, then these
/// flags; `meepraten config` shows what is in effect and where it came from.
/// MEEPRATEN_LOG (or `log` in the file) sets the log filter, e.g. `info` or
/// `meepraten=debug`.
#[derive(Debug, Parser)]
#[command(name = "meepraten", version, about)]
pub struct Cli {
    /// Settings file [default: meepraten.toml, if present] [env: MEEPRATEN_CONFIG]
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    /// SQLite database file [default: meepraten.db] [env: MEEPRATEN_DATABASE]
    #[arg(long, global = true)]
    pub database: Option<PathBuf>,
    /// Days after a resident's last message that their conversation state is kept
    /// (never while they are in the middle of an open round) [default: 90]
    /// [env: MEEPRATEN_RETENTION_DAYS]
    #[arg(long, global = true)]
    pub retention_days: Option<u32>,
    /// Secret key file [default: the database name with `.key`]
    /// [env: MEEPRATEN_SECRET_FILE]. Back it up: without it residents'
    /// conversations cannot be found again.
    #[arg(long, global = true)]
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
    /// The council's report of a round: one HTML file to attach to an advice.
    Report(report::Report),
    /// Record which formal advice a round informed.
    #[command(subcommand)]
    Advice(advice::AdviceCommand),
    /// Remove personal data from text, to check the scrubber.
    Scrub(scrub::Scrub),
    /// Erase conversation state older than the retention period now (serve does
    /// this at every start).
    Purge,
    /// Print the settings in effect (secrets hidden) and where each came from,
    /// in the settings file's own format.
    Config,
}

impl Cli {
    /// The flags given, for [`Config::load`].
    pub fn flags(&self) -> Flags {
        Flags {
            config: self.config.clone(),
            database: self.database.clone(),
            secret_file: self.secret_file.clone(),
            retention_days: self.retention_days,
        }
    }

    /// Every setting in effect: defaults < file < environment < flags.
    pub fn load_config(&self) -> Result<Config, config::ConfigError> {
        Config::load(&self.flags())
    }

    /// Runs the command with the settings in effect.
    pub async fn run(self, config: Config) -> anyhow::Result<std::process::ExitCode> {
        let settings = config.settings();
        let retention_days = config.retention_days.value;
        match self.command {
            Command::Serve(cmd) => cmd.run(&config).await,
            Command::Round(cmd) => cmd.run(&settings, &config).await,
            Command::Summary(cmd) => cmd.run(&settings).await,
            Command::Report(cmd) => cmd.run(&settings).await,
            Command::Advice(cmd) => cmd.run(&settings).await,
            Command::Scrub(cmd) => cmd.run(),
            Command::Config => {
                say_raw!("{}", settings_file::render(&config));
                Ok(std::process::ExitCode::SUCCESS)
            }
            Command::Purge => {
                require_database(&settings)?;
                let service = crate::service::Service::open(&settings).await?;
                let n = service
                    .purge_conversations(time::OffsetDateTime::now_utc(), retention_days)
                    .await?;
                service.close().await;
                say!("erased {n} conversation(s) older than {retention_days} days");
                Ok(std::process::ExitCode::SUCCESS)
            }
        }
    }
}
