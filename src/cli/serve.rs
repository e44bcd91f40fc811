//! `meepraten serve`.

use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use time::OffsetDateTime;
use tokio::io::BufReader;

use crate::channel::{telegram, terminal};
use crate::config::Settings;
use crate::domain::Lang;
use crate::service::Service;

/// Serve residents: over Telegram when TELEGRAM_BOT_TOKEN is set (TELEGRAM_API_URL
/// points at another Bot API server), otherwise the terminal channel:
/// one message per line on standard input, the bot's messages on standard output.
/// On an empty database it imports and opens the bundled example round.
#[derive(Debug, Args)]
pub struct Serve {
    /// Serve the terminal channel (the default while no platform is configured).
    #[arg(long)]
    terminal: bool,
    /// Name of the simulated resident (several can be scripted one after another).
    #[arg(long, default_value = "resident")]
    resident: String,
    /// Language of a new resident (nl or en), as a platform would report it.
    #[arg(long, value_parser = parse_lang)]
    lang: Option<Lang>,
}

/// Webhook mode when TELEGRAM_WEBHOOK_URL is set; every bad value names its key.
fn webhook_settings() -> anyhow::Result<Option<telegram::webhook::Webhook>> {
    let var = |key: &str| {
        std::env::var(key)
            .ok()
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let Some(url) = var(telegram::ENV_WEBHOOK_URL) else {
        return Ok(None);
    };
    let public_url =
        url::Url::parse(&url).with_context(|| format!("{} is not a URL", telegram::ENV_WEBHOOK_URL))?;
    let listen = var(telegram::ENV_WEBHOOK_LISTEN).unwrap_or_else(|| "127.0.0.1:8443".into());
    let listen = listen.parse().with_context(|| {
        format!(
            "{} must be an address such as 127.0.0.1:8443",
            telegram::ENV_WEBHOOK_LISTEN
        )
    })?;
    let secret = var(telegram::ENV_WEBHOOK_SECRET)
        .with_context(|| format!("{} must be set in webhook mode", telegram::ENV_WEBHOOK_SECRET))?;
    anyhow::ensure!(
        (1..=256).contains(&secret.len())
            && secret
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'),
        "{} may hold 1 to 256 of A-Z, a-z, 0-9, _ and -",
        telegram::ENV_WEBHOOK_SECRET
    );
    Ok(Some(telegram::webhook::Webhook {
        public_url,
        listen,
        secret,
    }))
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM, the two ways a service is asked to stop.
async fn shutdown_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminate => {}
    }
    tracing::info!("asked to stop; finishing what is under way");
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).map_err(|e| e.to_string())
}

impl Serve {
    /// Runs the terminal channel until end of input.
    pub async fn run(self, settings: &Settings, retention_days: u32) -> anyhow::Result<ExitCode> {
        let service = Service::open(settings).await.context("cannot start")?;
        let now = OffsetDateTime::now_utc();
        service.close_due_rounds(now).await?;
        service.purge_conversations(now, retention_days).await?;
        let closer = {
            let service = service.clone();
            tokio::spawn(async move { service.close_rounds_on_time().await })
        };
        if let Some((round, moved)) = service.ensure_example_round(now).await? {
            say_err!(
                "meepraten: the database had no rounds, so the example round `{}` was imported and opened.",
                round.id
            );
            if moved {
                say_err!(
                    "meepraten: its planned dates are not current, so it runs from now until {} instead.",
                    crate::service::moment(round.closes)
                );
            }
        }
        let token = std::env::var(telegram::ENV_TOKEN)
            .ok()
            .filter(|t| !t.trim().is_empty());
        if let (Some(token), false) = (token, self.terminal) {
            let api_url = match std::env::var(telegram::ENV_API_URL) {
                Ok(u) if !u.trim().is_empty() => Some(
                    url::Url::parse(u.trim())
                        .with_context(|| format!("{} is not a URL", telegram::ENV_API_URL))?,
                ),
                _ => None,
            };
            let mut config = telegram::TelegramConfig::new(token, api_url);
            config.webhook = webhook_settings()?;
            if let Ok(rate) = std::env::var(telegram::ENV_SENDS_PER_SECOND) {
                config.limits.per_second =
                    rate.trim().parse().ok().filter(|r| *r > 0).with_context(|| {
                        format!(
                            "{} must be a whole number of messages a second, such as 30",
                            telegram::ENV_SENDS_PER_SECOND
                        )
                    })?;
            }
            config.officials = std::env::var(telegram::ENV_OFFICIALS)
                .unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(str::to_owned)
                .collect();
            telegram::serve(&service, &config, shutdown_signal()).await?;
            closer.abort();
            service.close().await;
            return Ok(ExitCode::SUCCESS);
        }
        if !self.terminal {
            tracing::info!("no platform token configured: serving the terminal channel");
        }
        if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
            say_err!(
                "meepraten: terminal channel as resident `{}`. Type /start to begin, /hulp for help, Ctrl-D to quit.",
                self.resident
            );
        }
        let stdin = BufReader::new(tokio::io::stdin());
        let stopped = tokio::select! {
            result = terminal::run(&service, &self.resident, self.lang, stdin, tokio::io::stdout()) => {
                result?;
                false
            }
            // A message being handled commits or not as a whole: stopping between
            // lines loses nothing.
            () = shutdown_signal() => true,
        };
        closer.abort();
        service.close().await;
        if stopped {
            // The thread reading standard input blocks until a line arrives, and
            // the runtime would wait for it: leave now, everything is stored.
            std::process::exit(0);
        }
        Ok(ExitCode::SUCCESS)
    }
}
