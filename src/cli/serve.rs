//! `meepraten serve`.

use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use time::OffsetDateTime;
use tokio::io::BufReader;

use crate::channel::{matrix, telegram, terminal};
use crate::config::{Config, TelegramSettings, matrix_env, telegram_env};
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

/// Webhook mode when a webhook URL is set; it then needs its secret.
fn webhook_settings(t: &TelegramSettings) -> anyhow::Result<Option<telegram::webhook::Webhook>> {
    let Some(url) = &t.webhook_url else {
        return Ok(None);
    };
    let secret = t.webhook_secret.as_ref().with_context(|| {
        format!(
            "{} (telegram.webhook_secret) must be set in webhook mode",
            telegram_env::WEBHOOK_SECRET
        )
    })?;
    Ok(Some(telegram::webhook::Webhook {
        public_url: url.value.clone(),
        listen: t.webhook_listen.value,
        secret: secret.value.clone(),
        connections: t.webhook_connections.value,
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
    /// Serves Telegram when configured, else the terminal channel until end of input.
    pub async fn run(self, config: &Config) -> anyhow::Result<ExitCode> {
        let settings = config.settings();
        let retention_days = config.retention_days.value;
        // Settings first: a mistake is reported before anything is created.
        if !self.terminal {
            if config.telegram.token.is_some() {
                webhook_settings(&config.telegram)?;
            }
            if config.matrix.homeserver.is_some() && config.matrix.user.is_none() {
                anyhow::bail!("{} (matrix.user) must be set with a homeserver", matrix_env::USER);
            }
            if config.matrix.homeserver.is_none() && config.matrix.user.is_some() {
                anyhow::bail!(
                    "{} (matrix.homeserver) must be set with {}: the URL of the bot's homeserver",
                    matrix_env::HOMESERVER,
                    matrix_env::USER
                );
            }
        }
        let service = Service::open(&settings).await.context("cannot start")?;
        let now = OffsetDateTime::now_utc();
        service.keep_calendar(now).await?;
        service.purge_conversations(now, retention_days).await?;
        let t = &config.telegram;
        let m = &config.matrix;
        let telegram_on = t.token.is_some() && !self.terminal;
        let matrix_on = m.homeserver.is_some() && !self.terminal;
        // The example round is for trying the bot in a terminal; real
        // residents on a platform get only the rounds officials open. It is
        // opened before the calendar runs, which would otherwise open it first.
        let example = if telegram_on || matrix_on {
            None
        } else {
            service.ensure_example_round(now).await?
        };
        let closer = {
            let service = service.clone();
            tokio::spawn(async move {
                service
                    .keep_calendar_running(
                        crate::service::schedule::system_clock(),
                        std::time::Duration::from_secs(30),
                    )
                    .await
            })
        };
        if let Some((round, moved)) = example {
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
        if telegram_on || matrix_on {
            // One Ctrl-C or SIGTERM stops every channel.
            let (stop, stopped) = tokio::sync::watch::channel(false);
            tokio::spawn(async move {
                shutdown_signal().await;
                let _ = stop.send(true);
            });
            let when_stopped = |mut rx: tokio::sync::watch::Receiver<bool>| async move {
                let _ = rx.wait_for(|s| *s).await;
            };
            let telegram_served = async {
                let Some(token) = t.token.as_ref().filter(|_| telegram_on) else {
                    return anyhow::Ok(());
                };
                let mut telegram_config = telegram::TelegramConfig::new(
                    token.value.clone(),
                    t.api_url.as_ref().map(|u| u.value.clone()),
                );
                telegram_config.webhook = webhook_settings(t)?;
                telegram_config.limits.per_second = t.sends_per_second.value;
                telegram_config.officials = t.officials.value.clone();
                telegram_config.announcement_chats = t
                    .announcement_chats
                    .value
                    .iter()
                    .filter_map(|c| c.parse().ok())
                    .collect();
                telegram::serve(&service, &telegram_config, when_stopped(stopped.clone())).await?;
                Ok(())
            };
            let matrix_served = async {
                let Some(homeserver) = m.homeserver.as_ref().filter(|_| matrix_on) else {
                    return anyhow::Ok(());
                };
                let user = m.user.as_ref().with_context(|| {
                    format!("{} (matrix.user) must be set with a homeserver", matrix_env::USER)
                })?;
                let matrix_config = matrix::MatrixConfig {
                    homeserver: homeserver.value.clone(),
                    user: user.value.clone(),
                    password: m.password.as_ref().map(|p| p.value.clone()),
                    access_token: m.access_token.as_ref().map(|p| p.value.clone()),
                    store: m.store.value.clone(),
                    sync_timeout: std::time::Duration::from_secs(10),
                    officials: m.officials.value.clone(),
                    council_rooms: m.council_rooms.value.clone(),
                    announcement_rooms: m.announcement_rooms.value.clone(),
                    clock: crate::service::schedule::system_clock(),
                    outbox_every: std::time::Duration::from_secs(2),
                };
                matrix::serve(&service, &matrix_config, when_stopped(stopped.clone())).await?;
                Ok(())
            };
            let served = tokio::try_join!(telegram_served, matrix_served);
            closer.abort();
            // Let it end before the database closes under it.
            let _ = closer.await;
            service.close().await;
            served?;
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
        // Let it end before the database closes under it.
        let _ = closer.await;
        service.close().await;
        if stopped {
            // The thread reading standard input blocks until a line arrives, and
            // the runtime would wait for it: leave now, everything is stored.
            std::process::exit(0);
        }
        Ok(ExitCode::SUCCESS)
    }
}
