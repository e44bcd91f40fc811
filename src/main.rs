//! The `meepraten` binary: parse the command line, start logging, run, and print
//! the cause chain of any error.

use std::process::ExitCode;

use clap::Parser;
use meepraten::cli::Cli;
use meepraten::config::DEFAULT_LOG;
use tracing_subscriber::EnvFilter;

/// Crates whose log lines could carry a platform identity or a message.
const SILENT_LIBRARIES: &[&str] = &[
    "matrix_sdk",
    "matrix_sdk_base",
    "matrix_sdk_common",
    "matrix_sdk_crypto",
    "matrix_sdk_sqlite",
    "matrix_sdk_store_encryption",
    "ruma",
    "ruma_common",
    "ruma_client_api",
    "ruma_events",
    "vodozemac",
    "teloxide",
    "teloxide_core",
    "reqwest",
    "hyper",
    "hyper_util",
    "h2",
    "sqlx",
    "axum",
    "tower_http",
    "microlp",
    "good_lp",
    "eyeball",
    "eyeball_im",
    "imbl",
    "rustls",
    "tokio",
    "mio",
];

#[tokio::main]
async fn main() -> ExitCode {
    // Two TLS back-ends are in the tree (teloxide's and matrix-sdk's): name one,
    // so nothing that builds a TLS configuration has to guess.
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    let cli = Cli::parse();
    let config = match cli.load_config() {
        Ok(config) => config,
        Err(e) => {
            use std::io::Write as _;
            let _ = writeln!(std::io::stderr(), "meepraten: {e}");
            return ExitCode::FAILURE;
        }
    };
    // A bare level (`debug`) means meepraten's own lines at that level and
    // nothing from the libraries below it: they log ids, message contents and,
    // for the disclosure solver, bounds that hint at hidden counts.
    let wanted = config.log.value.trim();
    let bare_level =
        ["trace", "debug", "info", "warn", "error", "off"].contains(&wanted.to_lowercase().as_str());
    let directives = if bare_level {
        format!("meepraten={wanted}")
    } else {
        wanted.to_owned()
    };
    let filter = match EnvFilter::try_new(&directives) {
        Ok(filter) => filter,
        Err(e) => {
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "meepraten: the log filter `{}` ({}) is not valid: {e}; use a level such as `{DEFAULT_LOG}` or `meepraten=debug`",
                config.log.value,
                config.log.source
            );
            return ExitCode::FAILURE;
        }
    };
    // Only meepraten's own lines: libraries below it log room, user and chat
    // ids, and message contents, at their debug (and sometimes warning) levels.
    let filter = SILENT_LIBRARIES.iter().fold(filter, |f, target| {
        f.add_directive(format!("{target}=off").parse().expect("a valid directive"))
    });
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .init();
    match cli.run(config).await {
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
