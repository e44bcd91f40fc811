//! The async glue between the pure parts and storage. A resident's message goes
//! pseudonymize -> engine -> effects in one transaction -> rendered replies
//! ([`conversation`]); officials' commands go through [`rounds`]; councils'
//! summaries through [`exports`]. Chat commands for officials and the CLI call
//! the same functions here.

pub mod announcements;
pub mod conversation;
pub mod exports;
pub mod outbox;
pub mod outcomes;
mod plain_text;
pub mod polls;
pub mod rounds;
pub mod schedule;
mod sealed_state;

use time::OffsetDateTime;

pub use conversation::{Checkpoint, Incoming, OutboundButton, OutboundMessage};

use crate::anon::{Pseudonym, Secret, SecretError, Vault};
use crate::config::Settings;
use crate::i18n::{LocaleError, Localizer};
use crate::round_file::Diagnostics;
use crate::store::{Store, StoreError};

/// Setting that records a cleaning of the file still owed, across processes.
const TRACES_OWED: &str = "traces_owed";

/// No cleaning of the database file is owed.
const NOTHING_OWED: u8 = 0;
/// The WAL still holds erased rows.
const WAL_OWED: u8 = 1;
/// The whole file still needs rewriting (after a close).
const REWRITE_OWED: u8 = 2;

/// Name of the setting that records which secret key this database belongs to.
const SECRET_FINGERPRINT: &str = "secret_fingerprint";

/// What can go wrong in a service call, in words an official can act on.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The secret key could not be read or created.
    #[error(transparent)]
    Secret(#[from] SecretError),
    /// The database holds data but its secret key is gone.
    #[error(
        "the secret key is missing: {path} does not exist, but this database holds data made with a key. Restore the key file (or set MEEPRATEN_SECRET); a new key would cut every resident off from their conversation"
    )]
    SecretMissing { path: String },
    /// The key does not belong to this database.
    #[error(
        "the secret key in {origin} does not belong to this database; use the key file that was made with it"
    )]
    SecretMismatch { origin: String },
    /// A locale file is broken (a build problem).
    #[error(transparent)]
    Locale(#[from] LocaleError),
    /// A round file has problems.
    #[error("{0}")]
    RoundFile(Diagnostics),
    /// No round with this id.
    #[error("there is no round `{0}`; `meepraten round list` shows the rounds")]
    UnknownRound(String),
    /// The requested lifecycle step is not allowed.
    #[error("{0}")]
    Lifecycle(String),
    /// A value given on the command line is not usable.
    #[error("{0}")]
    Invalid(String),
    /// A re-import would change questions residents may already have answered.
    #[error(
        "round `{id}` is {state}: its questions cannot change any more, because residents may have answered them. Only the title, intro, audience, council and closing time may change. Import the changed questions as a new round (with a new id)"
    )]
    QuestionsChanged { id: String, state: String },
}

/// The running application: store, secret and texts.
#[derive(Debug, Clone)]
pub struct Service {
    store: Store,
    secret: Secret,
    vault: std::sync::Arc<Vault>,
    localizer: std::sync::Arc<Localizer>,
    retention_days: u32,
    /// Cleaning of the file still owed because another reader held it:
    /// [`NOTHING_OWED`], [`WAL_OWED`] or [`REWRITE_OWED`]. Retried with every message.
    traces_owed: std::sync::Arc<std::sync::atomic::AtomicU8>,
    /// When an owed cleaning last failed (unix seconds): retries wait a while, so
    /// a reader that stays (a backup tool) does not slow every message down.
    traces_failed_at: std::sync::Arc<std::sync::atomic::AtomicI64>,
    /// The open rounds as last parsed, with the rounds generation they are of.
    open_rounds: OpenRoundsCache,
    /// Closed rounds' audited summaries (see [`ClosedSummaries`]).
    closed_summaries: ClosedSummaries,
    /// Topics, neighbourhoods, quiet hours and the weekly cap.
    outreach: std::sync::Arc<crate::config::outreach::Outreach>,
    /// Rung when broadcasts are planned, so the senders look at once.
    outbox_bell: std::sync::Arc<tokio::sync::Notify>,
}

/// Parsed open rounds and the rounds generation they belong to.
type OpenRoundsCache =
    std::sync::Arc<std::sync::Mutex<Option<(i64, std::sync::Arc<Vec<crate::store::StoredRound>>)>>>;

/// Audited summaries of closed rounds, by round id, version, state and language, with
/// the group poll totals they were worked out with (those may still arrive
/// after the close). A closed round's answers no longer change, and the audit
/// is integer programs per hidden cell: worked out at every `/resultaten`, in
/// the transaction of a batch, it held every other resident up.
type ClosedSummaries = std::sync::Arc<
    std::sync::Mutex<
        std::collections::HashMap<
            (String, i64, &'static str, crate::domain::Lang),
            (Vec<crate::store::GroupTotals>, crate::summary::CouncilSummary),
        >,
    >,
>;

impl Service {
    /// Opens the database and checks that the secret key belongs to it, creating
    /// both on first use.
    pub async fn open(settings: &Settings) -> Result<Service, ServiceError> {
        let localizer = std::sync::Arc::new(Localizer::new()?);
        let store = Store::open(&settings.database).await?;
        let stored = store.setting(SECRET_FINGERPRINT).await?;
        let (secret, origin) = match &settings.secret_hex {
            Some(hex_text) => (
                Some(Secret::from_hex(hex_text, &settings.secret_origin)?),
                settings.secret_origin.clone(),
            ),
            None => (
                Secret::read_file(&settings.secret_file)?,
                settings.secret_file.display().to_string(),
            ),
        };
        let secret = match (secret, stored) {
            (Some(s), Some(fp)) if s.fingerprint() == fp => s,
            (Some(_), Some(_)) => return Err(ServiceError::SecretMismatch { origin }),
            (None, Some(_)) => return Err(ServiceError::SecretMissing { path: origin }),
            (Some(s), None) => {
                store.set_setting(SECRET_FINGERPRINT, &s.fingerprint()).await?;
                s
            }
            (None, None) => {
                if store.holds_data().await? {
                    return Err(ServiceError::SecretMissing { path: origin });
                }
                let s = Secret::create_file(&settings.secret_file)?;
                store.set_setting(SECRET_FINGERPRINT, &s.fingerprint()).await?;
                tracing::info!(file = %settings.secret_file.display(), "created a new secret key; back it up beside the database");
                s
            }
        };
        let owed: u8 = store
            .setting(TRACES_OWED)
            .await?
            .and_then(|v| v.parse().ok())
            .unwrap_or(NOTHING_OWED);
        let service = Service {
            store,
            vault: std::sync::Arc::new(Vault::new(&secret)),
            secret,
            localizer,
            retention_days: settings.retention_days,
            traces_owed: Default::default(),
            traces_failed_at: Default::default(),
            open_rounds: Default::default(),
            closed_summaries: Default::default(),
            outreach: std::sync::Arc::new(settings.outreach.clone()),
            outbox_bell: Default::default(),
        };
        if owed != NOTHING_OWED {
            // An earlier process could not clean the file (another reader held
            // it): finish that now.
            service
                .traces_owed
                .store(owed, std::sync::atomic::Ordering::Relaxed);
            service.erase_traces(owed == REWRITE_OWED).await;
        }
        service.seal_plain_states().await?;
        Ok(service)
    }

    /// Seals conversation states written in the clear by a version from before
    /// states were sealed, and empties the WAL of their old versions.
    async fn seal_plain_states(&self) -> Result<(), ServiceError> {
        let mut sealed = 0;
        loop {
            let mut tx = self.store.begin().await?;
            let plain = tx.stored_states(None, 1000).await?;
            if plain.is_empty() {
                tx.commit().await?;
                break;
            }
            let rows: Vec<(String, Vec<u8>)> = plain
                .into_iter()
                .map(|(who, state)| {
                    let json = String::from_utf8_lossy(&state).into_owned();
                    let state = sealed_state::seal(&self.vault, &Pseudonym::from_stored(who.clone()), &json);
                    (who, state)
                })
                .collect();
            sealed += rows.len();
            tx.replace_states(&rows).await?;
            tx.commit().await?;
        }
        if sealed > 0 {
            tracing::info!(states = sealed, "conversation states sealed");
            self.erase_traces(false).await;
        }
        Ok(())
    }

    /// Every stored conversation state, opened: (pseudonym, state as JSON; empty
    /// when it does not open). For checks and tests: the file holds them sealed.
    pub async fn opened_states(&self) -> Result<Vec<(String, String)>, ServiceError> {
        let mut tx = self.store.begin().await?;
        let rows = tx.all_states().await?;
        tx.commit().await?;
        Ok(rows
            .into_iter()
            .map(|(who, state)| {
                let json = sealed_state::open(&self.vault, &Pseudonym::from_stored(who.clone()), &state)
                    .unwrap_or_default();
                (who, json)
            })
            .collect())
    }

    /// The store, for summaries and tests.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Seals a small value with the secret (for a platform's login kept on
    /// disk), bound to `label`.
    pub fn seal(&self, label: &str, value: &impl serde::Serialize) -> String {
        self.vault.seal_bound(label.as_bytes(), value)
    }

    /// Opens a value sealed with [`Service::seal`] under the same label.
    pub fn unseal<T: serde::de::DeserializeOwned>(&self, label: &str, sealed: &str) -> Option<T> {
        self.vault.open_bound(label.as_bytes(), sealed).ok()
    }

    /// A key derived from the secret for one purpose (e.g. the passphrase of a
    /// platform's own store), so that store needs nothing else kept.
    pub(crate) fn derived_key(&self, purpose: &str) -> [u8; 32] {
        self.secret.derive(purpose)
    }

    /// The texts.
    pub fn localizer(&self) -> &Localizer {
        &self.localizer
    }

    /// Empties the WAL after something was erased (`rewrite`: rewrites the
    /// whole file first, after a close). A reader in another process can hold the
    /// file for a while; what erased is done all the same, and the cleaning is
    /// retried with the next message, at the next close and at shutdown.
    pub(crate) async fn erase_traces(&self, rewrite: bool) {
        use std::sync::atomic::Ordering;
        let owed = self.traces_owed.load(Ordering::Relaxed);
        let rewrite = rewrite || owed == REWRITE_OWED;
        let done = if rewrite {
            self.store.compact().await
        } else {
            self.store.erase_traces().await
        };
        match done {
            Ok(()) => {
                self.traces_owed.store(NOTHING_OWED, Ordering::Relaxed);
                if owed != NOTHING_OWED {
                    let _ = self.store.set_setting(TRACES_OWED, "0").await;
                }
            }
            Err(e) => {
                let owed = if rewrite { REWRITE_OWED } else { owed.max(WAL_OWED) };
                self.traces_owed.store(owed, Ordering::Relaxed);
                self.traces_failed_at
                    .store(OffsetDateTime::now_utc().unix_timestamp(), Ordering::Relaxed);
                // Kept in the database too, so the next process (a `round close`
                // from the command line ends here) finishes the cleaning.
                let _ = self.store.set_setting(TRACES_OWED, &owed.to_string()).await;
                tracing::warn!(error = %e, "the database file could not be cleaned yet; trying again later");
            }
        }
    }

    /// Retries a cleaning that could not finish earlier, at most every half minute.
    pub(crate) async fn erase_pending_traces(&self) {
        use std::sync::atomic::Ordering;
        let failed_at = self.traces_failed_at.load(Ordering::Relaxed);
        let rested = OffsetDateTime::now_utc().unix_timestamp() - failed_at >= 30;
        if self.traces_owed.load(Ordering::Relaxed) != NOTHING_OWED && rested {
            self.erase_traces(false).await;
        }
    }

    /// Closes the database cleanly, trying once more any cleaning still owed.
    pub async fn close(&self) {
        if self.traces_owed.load(std::sync::atomic::Ordering::Relaxed) != NOTHING_OWED {
            self.erase_traces(false).await;
        }
        self.store.close().await;
    }
}

/// A moment as officials read it: `2027-01-25 17:00 +01:00`.
pub fn moment(t: OffsetDateTime) -> String {
    crate::config::outreach::dutch_time(t)
        .format(time::macros::format_description!(
            "[year]-[month]-[day] [hour]:[minute] [offset_hour sign:mandatory]:[offset_minute]"
        ))
        .unwrap_or_else(|_| t.to_string())
}

/// A day as stored: times are kept at day grain at most.
pub(crate) fn day(now: OffsetDateTime) -> String {
    let d = now.date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A month as stored where a day would tie a resident to an act (`YYYY-MM`).
pub(crate) fn month(now: OffsetDateTime) -> String {
    let d = now.date();
    format!("{:04}-{:02}", d.year(), u8::from(d.month()))
}
