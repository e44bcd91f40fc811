//! The `meepraten` binary: parse the command line, start logging, run, and print
//! the cause chain of any error.

use std::process::ExitCode;

use clap::Parser;
use meepraten::cli::Cli;
use meepraten::config::ENV_LOG;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter =
        EnvFilter::try_from_env(ENV_LOG).unwrap_or_else(|_| EnvFilter::new(cli.default_log_filter()));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .init();
    match cli.run().await {
        Ok(code) => code,
        Err(e) => {
            use std::io::Write as _;
            let mut err = std::io::stderr();
            let _ = writeln!(err, "meepraten: {e}");
            for cause in e.chain().skip(1) {
                let _ = writeln!(err, "  because: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}
