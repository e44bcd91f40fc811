//! Webhook mode: Telegram POSTs each update to a public HTTPS address (usually a
//! reverse proxy in front of the listen address here). Each request is checked
//! against the secret token, handled exactly like a polled update (same offset
//! checkpoint, which also drops Telegram's re-sends), and answered 200 only once
//! its effects are stored; a busy database answers 503 so Telegram sends it again.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
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
}

impl std::fmt::Debug for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Webhook")
            .field("public_url", &self.public_url.as_str())
            .field("listen", &self.listen)
            .field("secret", &"<redacted>")
            .finish()
    }
}

struct Shared {
    adapter: Adapter,
    secret: String,
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
    let registered = adapter
        .config
        .bot()
        .set_webhook(webhook.public_url.clone())
        .secret_token(webhook.secret.clone())
        .max_connections(1) // one at a time keeps updates in order
        .allowed_updates(vec![
            AllowedUpdate::Message,
            AllowedUpdate::CallbackQuery,
            AllowedUpdate::Poll,
        ])
        .send()
        .await;
    if let Err(e) = registered {
        return Err(ServiceError::Lifecycle(format!(
            "Telegram did not accept the webhook: {e}"
        )));
    }
    let shared = Arc::new(Shared {
        adapter,
        secret: webhook.secret.clone(),
    });
    // Polls of closed rounds are stopped on a timer, since no poll loop runs here.
    let stopper = {
        let shared = shared.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(30));
            loop {
                every.tick().await;
                let adapter = &shared.adapter;
                adapter.sender.forget_quiet();
                if let Err(e) = super::stop_closed_polls(&adapter.service, &adapter.sender).await {
                    tracing::warn!(error = %e, "stopping polls failed");
                }
            }
        })
    };
    let app_adapter = shared.adapter.clone();
    let path = webhook.public_url.path().to_owned();
    let app = axum::Router::new()
        .route(&path, axum::routing::post(receive))
        .with_state(shared);
    tracing::info!(listen = %webhook.listen, "serving the Telegram webhook");
    let served = axum::serve(listener, app.clone())
        .with_graceful_shutdown(shutdown)
        .await;
    stopper.abort();
    app_adapter.finish_deliveries().await;
    served.map_err(|e| ServiceError::Lifecycle(format!("the webhook server stopped: {e}")))
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
    match shared.adapter.handle_updates(std::slice::from_ref(&update)).await {
        Ok(()) => StatusCode::OK,
        Err(ServiceError::Store(StoreError::Locked)) => StatusCode::SERVICE_UNAVAILABLE,
        Err(e) => {
            tracing::error!(error = %e, "a webhook update could not be handled");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}
