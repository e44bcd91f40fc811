//! Webhook mode: Telegram POSTs each update to a public HTTPS address (usually a
//! reverse proxy in front of the listen address here), up to `connections` at
//! once: a chat's messages one after another, and a person's button presses one
//! after another, but the two apart (so the default is one connection). Each request is checked
//! against the secret token and answered 200 only once its effects are stored;
//! a busy database answers 503 so Telegram sends it again.
//!
//! Group commit: the updates that arrive while a transaction commits wait
//! together and are stored in the next one, so a crowd costs one commit per
//! group, not per update, and new updates arrive while the last group is being
//! stored. Updates of different chats arrive out of order, so re-sends are
//! recognised by their ids' keyed hashes ([`super::Tally::Keys`]), not an offset.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::types::AllowedUpdate;

use super::Adapter;
use crate::service::ServiceError;
use crate::store::StoreError;

/// Where Telegram should send updates, and where to listen for them.
#[derive(Clone)]
pub struct Webhook {
    /// The public URL Telegram posts to.
    pub public_url: url::Url,
    /// The local address to listen on.
    pub listen: SocketAddr,
    /// The secret Telegram sends in `X-Telegram-Bot-Api-Secret-Token`. Never logged.
    pub secret: String,
    /// How many updates Telegram may post at once (its `max_connections`, 1-100).
    pub connections: u32,
}

impl std::fmt::Debug for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Webhook")
            .field("public_url", &self.public_url.as_str())
            .field("listen", &self.listen)
            .field("secret", &"<redacted>")
            .field("connections", &self.connections)
            .finish()
    }
}

struct Shared {
    secret: String,
    /// Where requests hand their update to the group committer.
    arrived: tokio::sync::mpsc::Sender<Arrived>,
}

/// An update waiting for its group's commit, and where its request waits.
struct Arrived {
    update: teloxide::types::Update,
    stored: tokio::sync::oneshot::Sender<StatusCode>,
}

/// At most this many updates in one transaction (Telegram's 100 connections).
const GROUP: usize = 100;

/// Stores the updates that arrived meanwhile in one transaction each time, and
/// answers each one's request with the outcome. Ends when every request
/// handler is gone (the server stopped).
async fn commit_groups(adapter: Adapter, mut arrived: tokio::sync::mpsc::Receiver<Arrived>) {
    let mut group = Vec::with_capacity(GROUP);
    while arrived.recv_many(&mut group, GROUP).await > 0 {
        // In the order they happened, as far as this group goes (a resident's
        // button press and typed message travel in different queues).
        group.sort_by_key(|a| a.update.id.0);
        let (updates, waiting): (Vec<_>, Vec<_>) = group.drain(..).map(|a| (a.update, a.stored)).unzip();
        match adapter.handle_updates(&updates).await {
            Ok(()) => answer(waiting, StatusCode::OK),
            Err(ServiceError::Store(StoreError::Locked)) => answer(waiting, StatusCode::SERVICE_UNAVAILABLE),
            // Something in the group failed: each alone, so only that one is sent again.
            Err(_) if updates.len() > 1 => {
                for (update, request) in updates.iter().zip(waiting) {
                    let status = status_of(adapter.handle_updates(std::slice::from_ref(update)).await);
                    let _ = request.send(status);
                }
            }
            Err(e) => answer(waiting, status_of(Err(e))),
        }
    }
}

fn answer(waiting: Vec<tokio::sync::oneshot::Sender<StatusCode>>, status: StatusCode) {
    for request in waiting {
        let _ = request.send(status);
    }
}

/// What Telegram hears: 200 once stored; anything else makes it send again.
fn status_of(outcome: Result<(), ServiceError>) -> StatusCode {
    match outcome {
        Ok(()) => StatusCode::OK,
        Err(ServiceError::Store(StoreError::Locked)) => StatusCode::SERVICE_UNAVAILABLE,
        Err(e) => {
            tracing::error!(error = %e, "a webhook update could not be handled");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

/// Long polling confirms a batch to Telegram only by asking for the next, so
/// the last batch stored before a switch to the webhook may still be waiting
/// at Telegram: confirm it now (getUpdates works only without a webhook), or
/// the webhook would be sent those updates again past their offset.
async fn confirm_polled(bot: &Bot, polled: Option<i64>) -> Result<(), RequestError> {
    let Some(next) = polled else {
        return Ok(());
    };
    bot.delete_webhook().send().await?;
    bot.get_updates()
        .offset(i32::try_from(next).unwrap_or(i32::MAX))
        .limit(1)
        .timeout(0)
        .send()
        .await?;
    Ok(())
}

/// Telegram could not be reached or failed on its side: worth trying again,
/// unlike a refusal of the webhook itself (a bad URL, a wrong token).
fn out_of_reach(error: &RequestError) -> bool {
    match error {
        RequestError::Network(_) | RequestError::Io(_) => true,
        RequestError::Api(teloxide::ApiError::Unknown(text)) => [
            "Internal Server Error",
            "Bad Gateway",
            "Service Unavailable",
            "Gateway Timeout",
        ]
        .iter()
        .any(|s| text.contains(s)),
        _ => false,
    }
}

/// Confirms what polling stored, then sets the webhook.
async fn register(bot: &Bot, webhook: &Webhook, polled: Option<i64>) -> Result<(), RequestError> {
    confirm_polled(bot, polled).await?;
    bot.set_webhook(webhook.public_url.clone())
        .secret_token(webhook.secret.clone())
        .max_connections(webhook.connections.clamp(1, 100) as u8)
        .allowed_updates(vec![
            AllowedUpdate::Message,
            AllowedUpdate::CallbackQuery,
            AllowedUpdate::Poll,
        ])
        .send()
        .await?;
    Ok(())
}

/// Registers the webhook and serves it until `shutdown` resolves.
pub(super) async fn serve(
    adapter: Adapter,
    webhook: &Webhook,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServiceError> {
    let listener = tokio::net::TcpListener::bind(webhook.listen).await.map_err(|e| {
        ServiceError::Lifecycle(format!(
            "cannot listen for the Telegram webhook on {}: {e}",
            webhook.listen
        ))
    })?;
    // Telegram out of reach for a while (network, 5xx, 429) is waited out, as
    // long polling does; a webhook Telegram refuses is a setting to fix.
    let mut shutdown = Box::pin(shutdown);
    let polled = adapter.service.checkpoint(super::OFFSET).await?;
    let bot = adapter.config.bot();
    let mut backoff = Duration::from_millis(500);
    loop {
        let registered = tokio::select! {
            () = &mut shutdown => return Ok(()),
            registered = register(&bot, webhook, polled) => registered,
        };
        let wait = match registered {
            Ok(()) => break,
            Err(RequestError::RetryAfter(s)) => s.duration(),
            Err(e) if out_of_reach(&e) => {
                tracing::warn!(
                    error = super::failure::describe(&e),
                    wait_ms = backoff.as_millis() as u64,
                    "setting the webhook failed; retrying"
                );
                let wait = backoff;
                backoff = (backoff * 2).min(Duration::from_secs(30));
                wait
            }
            Err(e) => {
                return Err(ServiceError::Lifecycle(format!(
                    "Telegram did not accept the webhook: {}",
                    super::failure::describe(&e)
                )));
            }
        };
        tokio::select! {
            () = &mut shutdown => return Ok(()),
            () = tokio::time::sleep(wait) => {}
        }
    }
    let (arrived, waiting) = tokio::sync::mpsc::channel(GROUP * 2);
    let mut committer = tokio::spawn(commit_groups(adapter.clone(), waiting));
    // The committer ends early only if it failed: then stop serving, rather
    // than answer 503 to every post while looking healthy.
    let (failed, committer_failed) = tokio::sync::oneshot::channel::<()>();
    let shared = Arc::new(Shared {
        secret: webhook.secret.clone(),
        arrived,
    });
    // The poll loop's chores run on a timer here, since no poll loop runs;
    // asked to stop, a chore under way finishes first.
    let (stop_chores, mut chores_stopped) = tokio::sync::watch::channel(false);
    let chores = {
        let adapter = adapter.clone();
        tokio::spawn(async move {
            let mut housekeeping = super::Housekeeping::new();
            loop {
                housekeeping.run_due(&adapter).await;
                tokio::select! {
                    _ = chores_stopped.changed() => break,
                    () = tokio::time::sleep(Duration::from_secs(1)) => {}
                }
            }
        })
    };
    let path = webhook.public_url.path().to_owned();
    let app = axum::Router::new()
        .route(&path, axum::routing::post(receive))
        .with_state(shared);
    tracing::info!(listen = %webhook.listen, "serving the Telegram webhook");
    let watched = async move {
        let stopped = (&mut committer).await;
        let _ = failed.send(());
        stopped
    };
    let watch = tokio::spawn(watched);
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            tokio::select! {
                () = shutdown => {}
                _ = committer_failed => tracing::error!("the webhook's committer stopped"),
            }
        })
        .await;
    let _ = stop_chores.send(true);
    let _ = tokio::time::timeout(Duration::from_secs(10), chores).await;
    // The server is gone with every request handler, so the committer ends
    // once the last group is stored and answered.
    let committed = tokio::time::timeout(Duration::from_secs(10), watch).await;
    adapter.finish_deliveries().await;
    served.map_err(|e| ServiceError::Lifecycle(format!("the webhook server stopped: {e}")))?;
    match committed {
        Ok(Ok(Ok(()))) => Ok(()),
        _ => Err(ServiceError::Lifecycle(
            "the webhook's committer stopped before the server did".into(),
        )),
    }
}

async fn receive(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let token = headers
        .get("x-telegram-bot-api-secret-token")
        .and_then(|v| v.to_str().ok());
    if token != Some(shared.secret.as_str()) {
        tracing::warn!("a webhook request without the right secret was refused");
        return StatusCode::UNAUTHORIZED;
    }
    let Ok(update) = serde_json::from_slice::<teloxide::types::Update>(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    let (stored, outcome) = tokio::sync::oneshot::channel();
    if shared.arrived.send(Arrived { update, stored }).await.is_err() {
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    // Stopping mid-group: Telegram sends the update again.
    outcome.await.unwrap_or(StatusCode::SERVICE_UNAVAILABLE)
}
