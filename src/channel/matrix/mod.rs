//! The Matrix adapter: syncs with the homeserver through `matrix-sdk` (end-to-end
//! encryption on, its state and keys in an SQLite store beside the database,
//! encrypted with a passphrase derived from the secret key), turns events in
//! direct chats into engine inputs ([`translate`]), hands them to the service
//! and sends the replies. Like the Telegram adapter it knows nothing of what to
//! say.
//!
//! Answers only in direct chats: in a shared room every message is seen by all
//! members with its sender. The bot accepts invites to direct chats and greets at
//! once, declines other invites, and pauses a round in a room a third member
//! joined.
//!
//! Exactly once: every event is handled in one transaction with a keyed hash of
//! its id, so a sync repeated after a restart skips what was handled; the sync
//! position is stored after that.

mod courier;
pub mod translate;

use std::collections::HashMap;
use std::future::Future;
use std::path::PathBuf;
use std::time::Duration;

use matrix_sdk::config::SyncSettings;
use matrix_sdk::ruma::api::error::{ErrorKind, RetryAfter};
use matrix_sdk::ruma::events::room::message::RoomMessageEventContent;
use matrix_sdk::ruma::{OwnedRoomId, OwnedTransactionId, TransactionId};
use matrix_sdk::{Client, Room};
use time::OffsetDateTime;

use crate::anon::ResidentRef;
use crate::channel::officials;
use crate::domain::Lang;
use crate::engine::{Input, Text};
use crate::i18n::Key;
use crate::service::announcements::AnnouncementKind;
use crate::service::{Incoming, OutboundButton, OutboundMessage, Service, ServiceError};
use crate::store::StoreError;
use crate::summary::Format;

/// The platform name used for pseudonyms of Matrix residents.
pub const PLATFORM: &str = "matrix";
/// Where the sync position is kept.
const SYNC_TOKEN: &str = "matrix_sync_token";
/// The file in the store folder that keeps the login (mode 0600).
const SESSION_FILE: &str = "session.json";

/// How the adapter reaches Matrix.
#[derive(Clone)]
pub struct MatrixConfig {
    /// The homeserver's client URL.
    pub homeserver: url::Url,
    /// The bot's full user id, e.g. `@meepraten:gemeente.nl`.
    pub user: String,
    /// The password for the first login; afterwards the stored session is used.
    pub password: Option<String>,
    /// An access token for the first login instead of a password (its device
    /// is then the bot's).
    pub access_token: Option<String>,
    /// The folder for matrix-sdk's state and keys, and the session.
    pub store: PathBuf,
    /// How long one sync waits for news.
    pub sync_timeout: Duration,
    /// User ids of officials, who may give officials' commands.
    pub officials: Vec<String>,
    /// Rooms of councils: the bot joins them when invited and answers
    /// `!samenvatting ID` there, and never asks questions in them.
    pub council_rooms: Vec<String>,
    /// Announcement rooms: the bot joins them when invited and posts there an
    /// invitation when a round opens and the published summary after it
    /// closes, never questions.
    pub announcement_rooms: Vec<String>,
    /// Where the outbox reads the time (quiet hours, retries): the system
    /// clock, or a test's.
    pub clock: crate::service::schedule::Clock,
    /// How long the outbox sleeps when nothing is due.
    pub outbox_every: Duration,
}

impl std::fmt::Debug for MatrixConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MatrixConfig")
            .field("homeserver", &self.homeserver.as_str())
            .field("password", &self.password.as_ref().map(|_| "<hidden>"))
            .field("access_token", &self.access_token.as_ref().map(|_| "<hidden>"))
            .finish_non_exhaustive()
    }
}

/// What can stop the Matrix adapter.
#[derive(Debug, thiserror::Error)]
pub enum MatrixError {
    /// The store folder or session file could not be used.
    #[error("the Matrix store at {path}: {source}")]
    Store { path: String, source: std::io::Error },
    /// The client could not be built (store, homeserver URL).
    #[error("cannot set up the Matrix client: {0}")]
    Build(#[from] matrix_sdk::ClientBuildError),
    /// Logging in or restoring the session failed.
    #[error("cannot log in to Matrix: {0}")]
    Login(String),
    /// A first login needs a password.
    #[error(
        "no Matrix session is stored yet: set MATRIX_PASSWORD (matrix.password) or MATRIX_ACCESS_TOKEN (matrix.access_token) for the first login"
    )]
    NoPassword,
    /// The service failed.
    #[error(transparent)]
    Service(#[from] ServiceError),
}

/// Logs in (the first time) or restores the stored session and device.
pub async fn connect(service: &Service, config: &MatrixConfig) -> Result<Client, MatrixError> {
    let store_error = |source| MatrixError::Store {
        path: config.store.display().to_string(),
        source,
    };
    std::fs::create_dir_all(&config.store).map_err(store_error)?;
    {
        // The stores hold the bot's keys and room state: its owner's only.
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&config.store, std::fs::Permissions::from_mode(0o700))
            .map_err(store_error)?;
    }
    let passphrase = hex::encode(service.derived_key("matrix-store/v1"));
    let client = Client::builder()
        .homeserver_url(config.homeserver.as_str())
        .sqlite_store(&config.store, Some(&passphrase))
        .build()
        .await?;
    let session_file = config.store.join(SESSION_FILE);
    match std::fs::read_to_string(&session_file) {
        Ok(json) => {
            // Sealed with the secret: the file alone gives no one the bot's
            // login, with which the residents' rooms could be read.
            let stored: serde_json::Value = serde_json::from_str(&json)
                .map_err(|e| MatrixError::Login(format!("stored session: {e}")))?;
            let session: matrix_sdk::authentication::matrix::MatrixSession = match stored["sealed"].as_str() {
                Some(sealed) => service.unseal(SESSION_LABEL, sealed).ok_or_else(|| {
                    MatrixError::Login(
                        "the stored session does not open with this secret key; use the key it was made with, or remove the store folder to log in again".into(),
                    )
                })?,
                // Kept in the open by an earlier version: sealed from now on.
                None => {
                    let session = serde_json::from_value(stored)
                        .map_err(|e| MatrixError::Login(format!("stored session: {e}")))?;
                    write_session(service, &session_file, &session).map_err(store_error)?;
                    session
                }
            };
            client
                .restore_session(session)
                .await
                .map_err(|e| MatrixError::Login(e.to_string()))?;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(token) = &config.access_token {
                let session = session_of_token(config, token).await?;
                client
                    .restore_session(session)
                    .await
                    .map_err(|e| MatrixError::Login(e.to_string()))?;
            } else {
                let password = config.password.as_deref().ok_or(MatrixError::NoPassword)?;
                client
                    .matrix_auth()
                    .login_username(&config.user, password)
                    .initial_device_display_name("meepraten")
                    .send()
                    .await
                    .map_err(|e| MatrixError::Login(e.to_string()))?;
            }
            let session = client
                .matrix_auth()
                .session()
                .ok_or_else(|| MatrixError::Login("no session after login".into()))?;
            write_session(service, &session_file, &session).map_err(store_error)?;
            tracing::info!("logged in to Matrix; the session is kept for restarts");
        }
        Err(e) => return Err(store_error(e)),
    }
    Ok(client)
}

/// The session an access token stands for: the homeserver says whose it is
/// and which device it belongs to (the device keeps the bot's keys).
async fn session_of_token(
    config: &MatrixConfig,
    token: &str,
) -> Result<matrix_sdk::authentication::matrix::MatrixSession, MatrixError> {
    let login = |why: String| MatrixError::Login(format!("MATRIX_ACCESS_TOKEN: {why}"));
    let url = config
        .homeserver
        .join("_matrix/client/v3/account/whoami")
        .map_err(|e| login(e.to_string()))?;
    let answer = reqwest::Client::new()
        .get(url)
        .bearer_auth(token)
        .timeout(Duration::from_secs(30))
        .send()
        .await
        .map_err(|e| login(e.without_url().to_string()))?;
    let status = answer.status();
    let body: serde_json::Value =
        serde_json::from_str(&answer.text().await.map_err(|e| login(e.to_string()))?).unwrap_or_default();
    if !status.is_success() {
        let why = body["error"].as_str().unwrap_or("refused");
        return Err(login(format!("the homeserver answered {status}: {why}")));
    }
    if body["user_id"].as_str() != Some(config.user.as_str()) {
        return Err(login(
            "the token belongs to another account than MATRIX_USER".into(),
        ));
    }
    let Some(device) = body["device_id"].as_str() else {
        return Err(login(
            "the token has no device (an appservice token?); log in with MATRIX_PASSWORD".into(),
        ));
    };
    serde_json::from_value(serde_json::json!({
        "user_id": config.user,
        "device_id": device,
        "access_token": token,
    }))
    .map_err(|e| login(e.to_string()))
}

/// The label the login is sealed under.
const SESSION_LABEL: &str = "matrix-session/v1";

/// Keeps the login sealed with the secret, readable by its owner only.
fn write_session(
    service: &Service,
    path: &std::path::Path,
    session: &matrix_sdk::authentication::matrix::MatrixSession,
) -> std::io::Result<()> {
    let sealed = serde_json::json!({ "sealed": service.seal(SESSION_LABEL, session) });
    write_private(path, &sealed.to_string())
}

/// Writes a file only its owner can read.
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(text.as_bytes())
}

/// Serves residents over Matrix until `shutdown` resolves.
pub async fn serve(
    service: &Service,
    config: &MatrixConfig,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), MatrixError> {
    use futures_util::FutureExt as _;
    let client = connect(service, config).await?;
    // The outbox goes out beside the conversations, until the same shutdown.
    let shutdown = shutdown.boxed().shared();
    let courier = courier::Courier {
        client: client.clone(),
    };
    let outbox = service.deliver_outbox(
        &courier,
        config.clock.clone(),
        config.outbox_every,
        shutdown.clone(),
    );
    let (served, ()) = tokio::join!(converse(service, config, client, shutdown), outbox);
    served
}

/// The sync loop: residents' messages in, replies out, until `shutdown`.
async fn converse(
    service: &Service,
    config: &MatrixConfig,
    client: Client,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), MatrixError> {
    let own = client
        .user_id()
        .map(ToString::to_string)
        .ok_or_else(|| MatrixError::Login("no user id after login".into()))?;
    let mut adapter = Adapter {
        service: service.clone(),
        client: client.clone(),
        own,
        shown: HashMap::new(),
        editable: HashMap::new(),
        officials: config.officials.clone(),
        council_rooms: config.council_rooms.clone(),
        announcement_rooms: config.announcement_rooms.clone(),
        txn_key: service.derived_key("matrix-txn/v1"),
        announced_at: None,
        announced_generation: None,
        reviewed_at: None,
        clock: config.clock.clone(),
    };
    adapter.join_configured_rooms().await;
    let mut token = service
        .store()
        .setting(SYNC_TOKEN)
        .await
        .map_err(ServiceError::from)?;
    let mut backoff = Duration::from_millis(500);
    let mut caught_up = false;
    tokio::pin!(shutdown);
    tracing::info!("serving Matrix");
    loop {
        let mut settings = SyncSettings::default()
            .timeout(config.sync_timeout)
            .filter(sync_filter());
        if let Some(t) = &token {
            settings = settings.token(t.clone());
        }
        if let Err(e) = adapter.announce().await {
            tracing::warn!(error = %redacted(&e), "announcement rooms not brought up to date; trying again later");
        }
        if let Err(e) = adapter.remind_officials().await {
            tracing::warn!(error = %redacted(&e), "officials not reminded of overdue feedback; trying again later");
        }
        tracing::debug!(since = token.as_deref().unwrap_or("-"), "syncing");
        let synced = tokio::select! {
            () = &mut shutdown => break,
            r = client.sync_once(settings) => r,
        };
        tracing::debug!(ok = synced.is_ok(), "synced");
        let response = match synced {
            Ok(r) => {
                backoff = Duration::from_millis(500);
                r
            }
            Err(e) => {
                // Rate limits and lost connections alike: wait, then sync again
                // from the same point.
                let wait = e
                    .client_api_error_kind()
                    .and_then(|k| match k {
                        ErrorKind::LimitExceeded(limit) => limit.retry_after.as_ref().map(|r| match r {
                            RetryAfter::Delay(d) => *d,
                            RetryAfter::DateTime(_) => backoff,
                        }),
                        _ => None,
                    })
                    .unwrap_or(backoff);
                tracing::warn!(wait_ms = wait.as_millis() as u64, "Matrix sync failed; retrying");
                tokio::select! {
                    () = &mut shutdown => break,
                    () = tokio::time::sleep(wait) => {}
                }
                backoff = (backoff * 2).min(Duration::from_secs(30));
                continue;
            }
        };
        // The very first sync shows recent history: what was said before this
        // bot (or this database) existed is not answered now; invitations are.
        match adapter.handle_sync(&response, token.as_deref(), !caught_up).await {
            Ok(()) => {}
            // Another writer held the database too long: sync again from the
            // same point; what was handled is skipped by its key.
            Err(MatrixError::Service(ServiceError::Store(StoreError::Locked))) => {
                tracing::warn!("database busy; handling the Matrix events again");
                tokio::time::sleep(Duration::from_millis(200)).await;
                continue;
            }
            Err(e) => return Err(e),
        }
        service
            .store()
            .set_setting(SYNC_TOKEN, &response.next_batch)
            .await
            .map_err(ServiceError::from)?;
        tracing::debug!(position = %response.next_batch, "sync handled");
        token = Some(response.next_batch);
        caught_up = true;
    }
    tracing::info!("Matrix stopped");
    Ok(())
}

/// An error as it may be logged: Matrix ids (`!room`, `@user`, `$event`,
/// `#alias`) and web addresses (which carry them in their path) replaced, so a
/// network error never writes a room or user into the log.
fn redacted(e: &impl std::fmt::Display) -> String {
    static IDS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"https?://\S+|[!@$#][^\s/,;()\[\]]+").expect("a valid pattern")
    });
    IDS.replace_all(&e.to_string(), "…").into_owned()
}

/// How a message is sent: a rate-limit refusal is waited out for the time the
/// server names, and a lost connection is tried again a few times with a
/// growing pause (about half a minute in all). Safe to repeat: the transaction
/// id makes the server keep one copy.
fn send_config() -> matrix_sdk::config::RequestConfig {
    matrix_sdk::config::RequestConfig::new()
        .retry_limit(7)
        .max_retry_time(Duration::from_secs(30))
}

/// How many events of a room one sync shows (Synapse shows 10 unless asked);
/// more since the last sync are fetched page by page.
const TIMELINE_LIMIT: u32 = 50;

/// The filter for every sync.
fn sync_filter() -> matrix_sdk::ruma::api::client::sync::sync_events::v3::Filter {
    let mut filter = matrix_sdk::ruma::api::client::filter::FilterDefinition::default();
    filter.room.timeline.limit = Some(TIMELINE_LIMIT.into());
    matrix_sdk::ruma::api::client::sync::sync_events::v3::Filter::FilterDefinition(filter)
}

/// What the adapter keeps while it serves.
struct Adapter {
    service: Service,
    client: Client,
    /// The bot's own user id.
    own: String,
    /// The options each room was last shown, so a typed number picks one
    /// (memory only; after a restart a resident types the label or presses on).
    shown: HashMap<OwnedRoomId, Vec<OutboundButton>>,
    /// Per room, the last question text sent and the resident's last message
    /// if it left that question current (it was asked again): an edit of that
    /// message counts as a new answer, an edit of any other does not (its
    /// question is past). Memory only.
    editable: HashMap<OwnedRoomId, (String, Option<String>)>,
    /// Officials' user ids.
    officials: Vec<String>,
    /// Council rooms' ids.
    council_rooms: Vec<String>,
    /// Announcement rooms' ids.
    announcement_rooms: Vec<String>,
    /// The key transaction ids are derived with: a reply to the same event
    /// gets the same id after a restart, so the homeserver sends it once.
    txn_key: [u8; 32],
    /// When the announcement rooms were last brought up to date.
    announced_at: Option<std::time::Instant>,
    /// The rounds generation they were brought up to date with: a round opened,
    /// closed or imported since changes it.
    announced_generation: Option<String>,
    /// When officials were last reminded of overdue feedback.
    reviewed_at: Option<std::time::Instant>,
    /// Where the time comes from (the test's clock in tests).
    clock: crate::service::schedule::Clock,
}

/// How often the announcement rooms are brought up to date when no round
/// changed (a post that failed is tried again then).
const ANNOUNCE_EVERY: Duration = Duration::from_secs(60);

/// A resident's event in a direct chat, waiting for the batch.
struct Waiting {
    room: Room,
    sender: String,
    event_id: String,
    /// What was said; a typed number is read against the options the room
    /// shows when its turn comes, after the resident's earlier messages.
    what: translate::Said,
}

impl Adapter {
    /// Handles one sync. `since` is the position it synced from; without one
    /// (the very first sync) room history is not answered. `catch_up`: the
    /// first sync since this start, whose room events are fetched whole.
    async fn handle_sync(
        &mut self,
        response: &matrix_sdk::sync::SyncResponse,
        since: Option<&str>,
        catch_up: bool,
    ) -> Result<(), MatrixError> {
        let mut waiting = Vec::new();
        for (room_id, invited) in &response.rooms.invited {
            let state: Vec<serde_json::Value> = invited
                .invite_state
                .events
                .iter()
                .filter_map(|raw| serde_json::from_str(raw.json().get()).ok())
                .collect();
            let Some(room) = self.client.get_room(room_id) else {
                continue;
            };
            if self.configured(room_id.as_str()) {
                match room.join().await {
                    Ok(_) => tracing::info!("joined a configured council or announcement room"),
                    Err(e) => tracing::warn!(error = %redacted(&e), "could not join a configured room"),
                }
                self.announced_at = None;
                continue;
            }
            match translate::invite(&state, &self.own) {
                Some((true, inviter)) => {
                    if let Err(e) = room.join().await {
                        tracing::warn!(error = %redacted(&e), "could not join a direct chat");
                        continue;
                    }
                    // Marked direct, but someone else is in it or invited too:
                    // they would read every answer. Say so instead of asking.
                    let members = room.members(matrix_sdk::RoomMemberships::ACTIVE).await;
                    if members.is_ok_and(|m| m.len() > 2) {
                        self.say(&room, Key::MatrixSharedRoom, &format!("invite:{room_id}"))
                            .await;
                        tracing::info!("left a 'direct' chat that has someone else in it");
                        let _ = room.leave().await;
                        continue;
                    }
                    // An official's new direct chat may be where a reminder goes.
                    if self.officials.iter().any(|o| o.as_str() == inviter.as_str()) {
                        self.reviewed_at = None;
                    }
                    // Greet at once: the resident need not guess a command.
                    waiting.push(Waiting {
                        room,
                        sender: inviter,
                        event_id: format!("invite:{room_id}"),
                        what: translate::Said::Text("/start".to_owned()),
                    });
                }
                _ => {
                    tracing::info!("declined an invite to a shared room");
                    let _ = room.leave().await;
                }
            }
        }
        let mut undecryptable = 0;
        let mut rooms = Vec::new();
        if let (Some(since), true) = (since, catch_up) {
            // The first sync after a start: matrix-sdk passes on no event it
            // already passed on before the stop (it drops a response it has
            // seen), so every room's events since the stored position are
            // fetched instead.
            for room in self.client.joined_rooms() {
                let events = self.missed(&room, since, Some(&response.next_batch)).await;
                if !events.is_empty() {
                    rooms.push((room, events));
                }
            }
        } else if let Some(since) = since {
            for (room_id, joined) in &response.rooms.joined {
                let Some(room) = self.client.get_room(room_id) else {
                    continue;
                };
                // A sync shows at most the last events of a room ("limited"):
                // the ones before them since the last sync are fetched.
                let mut events = Vec::new();
                if joined.timeline.limited {
                    events = self
                        .missed(&room, since, joined.timeline.prev_batch.as_deref())
                        .await;
                }
                events.extend(joined.timeline.events.iter().cloned());
                rooms.push((room, events));
            }
        }
        for (room, events) in rooms {
            let room_id = room.room_id().to_owned();
            // One notice a room per sync, however many joined at once.
            let mut told_shared = false;
            for event in &events {
                if let matrix_sdk::deserialized_responses::TimelineEventKind::UnableToDecrypt {
                    event, ..
                } = &event.kind
                {
                    undecryptable += 1;
                    let id = event
                        .get_field::<String>("event_id")
                        .ok()
                        .flatten()
                        .unwrap_or_default();
                    self.say(&room, Key::MatrixUndecryptable, &id).await;
                    continue;
                }
                let Ok(json) = serde_json::from_str::<serde_json::Value>(event.raw().json().get()) else {
                    continue;
                };
                // Someone else joined or was invited to a direct chat: say at
                // once that questions stop here, before anyone answers.
                let newcomer = json["type"] == "m.room.member"
                    && json["state_key"].as_str().is_some_and(|s| s != self.own)
                    && matches!(json["content"]["membership"].as_str(), Some("join" | "invite"));
                if newcomer
                    && !told_shared
                    && !self.configured(room_id.as_str())
                    && !self.private(&room).await
                {
                    let id = json["event_id"].as_str().unwrap_or_default();
                    self.say(&room, Key::MatrixSharedRoom, id).await;
                    told_shared = true;
                    continue;
                }
                let translate::Event::Said {
                    sender,
                    event_id,
                    what,
                } = translate::event(&json, &self.own)
                else {
                    continue;
                };
                let council = self.council_rooms.iter().any(|c| c == room_id.as_str());
                if self.command(&room, &sender, &event_id, &what, council).await? {
                    continue;
                }
                if self.configured(room_id.as_str()) {
                    // Council and announcement rooms hear commands only, and are
                    // never asked questions; a command the bot does not carry
                    // out for this sender gets the resident's reply for a
                    // shared room. Talk among members gets none.
                    let bang = matches!(&what, translate::Said::Text(t) if t.trim_start().starts_with('!'));
                    if bang {
                        self.say(&room, Key::MatrixSharedRoom, &event_id).await;
                    }
                    continue;
                }
                if !self.private(&room).await {
                    // Everyone here would see the answers, with who gave them.
                    self.say(&room, Key::MatrixSharedRoom, &event_id).await;
                    continue;
                }
                waiting.push(Waiting {
                    room: room.clone(),
                    sender,
                    event_id,
                    what,
                });
            }
        }
        if undecryptable > 0 {
            tracing::warn!(
                events = undecryptable,
                "Matrix events could not be decrypted; residents asked to send again"
            );
        }
        // A resident who typed ahead ("1", then "4") meant each message for the
        // question it followed: rooms take turns, one message each per step, and
        // a step's replies are the options the next one is read against.
        let mut queues: Vec<std::collections::VecDeque<Waiting>> = Vec::new();
        for w in waiting {
            match queues
                .iter_mut()
                .find(|q| q[0].room.room_id() == w.room.room_id())
            {
                Some(q) => q.push_back(w),
                None => queues.push(std::collections::VecDeque::from([w])),
            }
        }
        loop {
            let step: Vec<Waiting> = queues
                .iter_mut()
                .filter_map(std::collections::VecDeque::pop_front)
                .collect();
            if step.is_empty() {
                return Ok(());
            }
            self.handle_step(&step).await?;
        }
    }

    /// The events of `room` after `since` and before `until` (a sync's
    /// `prev_batch`), oldest first, in pages; at most a few thousand.
    async fn missed(
        &self,
        room: &Room,
        since: &str,
        until: Option<&str>,
    ) -> Vec<matrix_sdk::deserialized_responses::TimelineEvent> {
        let mut events = Vec::new();
        let mut from = since.to_owned();
        for _ in 0..40 {
            let mut options = matrix_sdk::room::MessagesOptions::forward().from(from.as_str());
            options.to = until.map(str::to_owned);
            options.limit = 100u32.into();
            tracing::debug!("fetching a page of earlier events");
            match room.messages(options).await {
                Ok(page) => {
                    let done = page.chunk.is_empty() || page.end.is_none();
                    events.extend(page.chunk);
                    match page.end {
                        Some(end) if !done => from = end,
                        _ => break,
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %redacted(&e), "earlier messages of a room could not be fetched");
                    break;
                }
            }
        }
        tracing::debug!(events = events.len(), "fetched events a limited sync left out");
        events
    }

    /// Hands one message per room to the service in one transaction and sends
    /// the replies.
    async fn handle_step(&mut self, step: &[Waiting]) -> Result<(), MatrixError> {
        let mut waiting: Vec<&Waiting> = Vec::with_capacity(step.len());
        for w in step {
            if let translate::Said::Edit { of, .. } = &w.what {
                let current = self
                    .editable
                    .get(w.room.room_id())
                    .is_some_and(|(_, e)| e.as_deref() == Some(of.as_str()));
                if !current {
                    self.say(&w.room, Key::MatrixEditTooLate, &w.event_id).await;
                    continue;
                }
            }
            waiting.push(w);
        }
        let now = OffsetDateTime::now_utc();
        let rooms: Vec<String> = waiting.iter().map(|w| w.room.room_id().to_string()).collect();
        let inputs: Vec<Input> = waiting
            .iter()
            .map(|w| {
                let shown = self.shown.get(w.room.room_id()).map_or(&[][..], Vec::as_slice);
                translate::input(&w.what, shown)
            })
            .collect();
        let items: Vec<Incoming<'_>> = waiting
            .iter()
            .zip(&rooms)
            .zip(inputs)
            .map(|((w, room), input)| Incoming {
                who: ResidentRef {
                    platform: PLATFORM,
                    user: &w.sender,
                    address: Some(room),
                },
                lang_hint: None,
                input,
                now,
                next: None,
                event: Some(w.event_id.clone()),
            })
            .collect();
        let handled = self.service.handle_batch(None, &items, None).await?;
        drop(items);
        for (w, replies) in waiting.iter().zip(handled) {
            let Some(replies) = replies else { continue };
            for (n, reply) in replies.iter().enumerate() {
                self.send(&w.room, reply, &self.txn(&w.event_id, n)).await;
            }
            if let Some(last) = replies.last() {
                self.shown
                    .insert(w.room.room_id().to_owned(), last.buttons.clone());
                // Asked the same again: this message may still be edited.
                let room = w.room.room_id().to_owned();
                let again = self
                    .editable
                    .get(&room)
                    .is_some_and(|(text, _)| *text == last.text);
                let event = again.then(|| w.event_id.clone());
                self.editable.insert(room, (last.text.clone(), event));
            }
        }
        Ok(())
    }

    /// Carries out a council's `!samenvatting ID` (in a council room) or an
    /// official's command (from an official, in a council room or a direct
    /// chat); returns whether the event was one.
    async fn command(
        &self,
        room: &Room,
        sender: &str,
        event_id: &str,
        what: &translate::Said,
        council: bool,
    ) -> Result<bool, MatrixError> {
        let translate::Said::Text(text) = what else {
            return Ok(false);
        };
        let Some(command) = text.trim().strip_prefix('!') else {
            return Ok(false);
        };
        let mut words = command.split_whitespace();
        let name = words.next().unwrap_or_default().to_lowercase();
        let summary_lang = match name.as_str() {
            "samenvatting" => Some(Lang::Nl),
            "summary" => Some(Lang::En),
            _ => None,
        };
        if let (Some(lang), true) = (summary_lang, council) {
            let text = match words.next() {
                Some(id) => match self.service.export_summary(id, Format::Md, lang).await {
                    Ok(text) => text,
                    Err(ServiceError::UnknownRound(id)) => self.service.localizer().render(
                        lang,
                        &Text::with(
                            Key::OfficialUnknownRound,
                            vec![("id", crate::engine::Arg::Str(id))],
                        ),
                    ),
                    Err(e @ ServiceError::Lifecycle(_)) => e.to_string(),
                    Err(e) => return Err(e.into()),
                },
                None => format!("!{name} ROUND-ID"),
            };
            // The summary is Markdown: sent with its HTML rendering, so
            // clients show headings and tables.
            self.send_content(
                room,
                RoomMessageEventContent::text_markdown(text),
                &self.txn(event_id, 0),
            )
            .await;
            return Ok(true);
        }
        let Some(official) = officials::Official::parse(&format!("/{command}")) else {
            return Ok(false);
        };
        if !self.officials.iter().any(|o| o == sender) {
            // Anyone else gets the resident's reply (or, in a council room, none).
            tracing::warn!("an officials' command from someone not listed as official was refused");
            return Ok(false);
        }
        // The command's own words say the language: `!rondes` or `!rounds`.
        let lang = if matches!(name.as_str(), "rounds" | "close") {
            Lang::En
        } else {
            Lang::Nl
        };
        let text = officials::carry_out(&self.service, &official, lang).await?;
        self.send_text(room, text, &self.txn(event_id, 0)).await;
        Ok(true)
    }

    /// Whether only the bot and one resident are in the room (joined or invited:
    /// an invited member reads the history on joining). Counted from the
    /// membership the syncs stored, not the server's summary, which can lag.
    async fn private(&self, room: &Room) -> bool {
        match room.members_no_sync(matrix_sdk::RoomMemberships::ACTIVE).await {
            Ok(members) => members.len() <= 2,
            Err(e) => {
                tracing::warn!(error = %redacted(&e), "room members unknown; treating the room as shared");
                false
            }
        }
    }

    /// Sends one reply (a question with options as a poll); a failure is
    /// logged without ids. The SDK waits out the server's rate limit
    /// (`M_LIMIT_EXCEEDED` with its retry time) and resends.
    async fn send(&self, room: &Room, reply: &OutboundMessage, txn: &TransactionId) {
        let sent = match translate::poll(reply) {
            Some(poll) => room
                .send_raw(translate::POLL_START, poll)
                .with_transaction_id(txn)
                .with_request_config(send_config())
                .await
                .map(|_| ()),
            None => {
                self.send_text(room, translate::text(reply), txn).await;
                return;
            }
        };
        if let Err(e) = sent {
            tracing::warn!(error = %redacted(&e), "a Matrix message could not be sent");
        }
    }

    /// Sends a plain text; a failure is logged without ids.
    async fn send_text(&self, room: &Room, text: String, txn: &TransactionId) {
        self.send_content(room, RoomMessageEventContent::text_plain(text), txn)
            .await;
    }

    /// Sends one message under `txn`; whether the server took it (a failure is
    /// logged without ids).
    async fn send_content(&self, room: &Room, content: RoomMessageEventContent, txn: &TransactionId) -> bool {
        let sent = room
            .send(content)
            .with_transaction_id(txn.to_owned())
            .with_request_config(send_config())
            .await;
        if let Err(e) = &sent {
            tracing::warn!(error = %redacted(e), "a Matrix message could not be sent");
        }
        sent.is_ok()
    }

    /// Says one fixed text in Dutch and English (the room's resident may not have
    /// chosen a language yet), in answer to event `event_id`.
    async fn say(&self, room: &Room, key: Key, event_id: &str) {
        let l = self.service.localizer();
        let text = format!(
            "{}\n\n{}",
            l.render(Lang::Nl, &Text::msg(key)),
            l.render(Lang::En, &Text::msg(key))
        );
        self.send_text(room, text, &self.txn(event_id, 0)).await;
    }

    /// The transaction id of the `n`th message sent for `cause` (an event id, or
    /// what an announcement is about): the same after a restart, so a message
    /// sent just before a crash is not sent again. Keyed, so it names nothing.
    fn txn(&self, cause: &str, n: usize) -> OwnedTransactionId {
        use hmac::{Hmac, Mac};
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&self.txn_key).expect("HMAC takes any key length");
        mac.update(cause.as_bytes());
        mac.update(&[0]);
        mac.update(&n.to_le_bytes());
        let id = hex::encode(&mac.finalize().into_bytes()[..16]);
        OwnedTransactionId::from(format!("mp{id}"))
    }

    /// Whether a room is a configured council or announcement room.
    fn configured(&self, room: &str) -> bool {
        self.council_rooms
            .iter()
            .chain(&self.announcement_rooms)
            .any(|c| c == room)
    }

    /// Joins the configured rooms the bot is not in yet (a public room needs no
    /// invite; for a private one, invite the bot).
    async fn join_configured_rooms(&self) {
        // Named by list and place in it, never by id (ids stay out of logs).
        let configured = self
            .council_rooms
            .iter()
            .enumerate()
            .map(|(i, id)| ("council_rooms", i + 1, id))
            .chain(
                self.announcement_rooms
                    .iter()
                    .enumerate()
                    .map(|(i, id)| ("announcement_rooms", i + 1, id)),
            );
        for (list, place, id) in configured {
            let Ok(room_id) = matrix_sdk::ruma::RoomId::parse(id) else {
                tracing::warn!(
                    list,
                    place,
                    "a configured room is not a room id (starts with !); skipped"
                );
                continue;
            };
            let joined = self
                .client
                .get_room(&room_id)
                .is_some_and(|r| r.state() == matrix_sdk::RoomState::Joined);
            if !joined && let Err(e) = self.client.join_room_by_id(&room_id).await {
                tracing::warn!(list, place, error = %redacted(&e), "a configured room is not joined yet; invite the bot there");
            }
        }
    }

    /// Posts in each joined announcement room what it has not had: an
    /// invitation for each open round, the summary of each round closed lately.
    /// A post is recorded after the server took it; its transaction id makes a
    /// repeat after a crash in between a no-op.
    /// A joined room of just the bot and `user`, if there is one.
    async fn direct_chat_with(&self, user: &str) -> Option<Room> {
        for room in self.client.joined_rooms() {
            let Ok(members) = room.members_no_sync(matrix_sdk::RoomMemberships::ACTIVE).await else {
                continue;
            };
            if members.len() == 2 && members.iter().any(|m| m.user_id().as_str() == user) {
                return Some(room);
            }
        }
        None
    }

    /// Tells each official with a direct chat with the bot of rounds whose
    /// review-by date passed without a new outcome entry (once per entry).
    async fn remind_officials(&mut self) -> Result<(), MatrixError> {
        if self.officials.is_empty() || self.reviewed_at.is_some_and(|t| t.elapsed() < ANNOUNCE_EVERY) {
            return Ok(());
        }
        self.reviewed_at = Some(std::time::Instant::now());
        let today = (self.clock)().date();
        for official in &self.officials {
            let Some(room) = self.direct_chat_with(official).await else {
                continue;
            };
            for due in self.service.reviews_due(PLATFORM, official, today).await? {
                let cause = format!("review:{}:{}:{official}", due.round, due.seq);
                let content = RoomMessageEventContent::text_plain(due.text.clone());
                if self.send_content(&room, content, &self.txn(&cause, 0)).await {
                    self.service
                        .mark_reminded(PLATFORM, official, &due, today)
                        .await?;
                    tracing::info!(round = %due.round, "an official was reminded of overdue feedback");
                }
            }
        }
        Ok(())
    }

    async fn announce(&mut self) -> Result<(), MatrixError> {
        if self.announcement_rooms.is_empty() {
            return Ok(());
        }
        let generation = self
            .service
            .store()
            .setting("rounds_generation")
            .await
            .map_err(ServiceError::from)?;
        let recent = self.announced_at.is_some_and(|t| t.elapsed() < ANNOUNCE_EVERY);
        if recent && generation == self.announced_generation {
            return Ok(());
        }
        self.announced_at = Some(std::time::Instant::now());
        self.announced_generation = generation;
        let link = format!("https://matrix.to/#/{}", self.own);
        let now = OffsetDateTime::now_utc();
        for id in &self.announcement_rooms {
            let Some(room) = matrix_sdk::ruma::RoomId::parse(id)
                .ok()
                .and_then(|r| self.client.get_room(&r))
                .filter(|r| r.state() == matrix_sdk::RoomState::Joined)
            else {
                continue;
            };
            let kinds = [AnnouncementKind::Opened, AnnouncementKind::Closed];
            for post in self
                .service
                .announcements_due(PLATFORM, id, &link, &kinds, now)
                .await?
            {
                let cause = format!("announce:{}:{id}:{:?}", post.round, post.kind);
                // The summary is Markdown; the invitation is plain lines.
                let content = match post.kind {
                    AnnouncementKind::Closed => RoomMessageEventContent::text_markdown(post.text.clone()),
                    AnnouncementKind::Opened => RoomMessageEventContent::text_plain(post.text.clone()),
                };
                if self.send_content(&room, content, &self.txn(&cause, 0)).await {
                    self.service.mark_announced(PLATFORM, id, &post, now).await?;
                    tracing::info!(round = %post.round, kind = ?post.kind, "posted in an announcement room");
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::redacted;

    #[test]
    fn logged_errors_name_no_room_user_or_address() {
        let e = "error sending request for url (http://127.0.0.1:8008/_matrix/client/v3/rooms/!abc:localhost/send/m.room.message/mp1): connection refused; [403 / M_FORBIDDEN] @karel:localhost is not in !abc:localhost";
        let r = redacted(&e);
        for secret in ["!abc", "karel", "127.0.0.1"] {
            assert!(!r.contains(secret), "{r}");
        }
        assert!(
            r.contains("connection refused") && r.contains("M_FORBIDDEN"),
            "{r}"
        );
    }
}
