//! Officials' work on rounds: check, import, open, close, archive, status. The CLI
//! and (later) officials' chat commands both call these.

use std::path::Path;

use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use super::{Service, ServiceError, day};
use crate::anon::RoundSalt;
use crate::domain::{Round, RoundId, RoundState};
use crate::round_file;
use crate::store::{ResponseCounts, StoredRound};

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// A new round, stored as a draft.
    Created,
    /// A draft replaced by the new file.
    Replaced { version: i64 },
    /// An open round's texts or schedule updated; its questions are unchanged.
    Updated { version: i64 },
    /// The file holds exactly what is stored already.
    Unchanged,
}

/// A round with its participation counts.
#[derive(Debug, Clone)]
pub struct RoundStatus {
    /// The stored round.
    pub stored: StoredRound,
    /// How many took part.
    pub counts: ResponseCounts,
}

/// How many took part, as an official may see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Participation {
    /// While a round is not closed: respondents so far, rounded down to a
    /// multiple of k, so that watching the count never tells one resident's
    /// answers apart (per-question counts are never shown before the close).
    AtLeast { count: i64, step: i64 },
    /// After the close: the audited counts of the council summary (`None` hidden).
    Counted {
        started: Option<i64>,
        completed: Option<i64>,
        /// A few (1 to k-1) who did not finish are left out of every count.
        left_out: bool,
    },
}

/// The bundled example round, for a newcomer's first run.
pub const EXAMPLE_ROUND: &str = include_str!("../../examples/rounds/huishoudelijke-hulp-2027.toml");

/// Fingerprint of what residents answer: languages and questions. Once a round is
/// open this may not change.
fn questions_fingerprint(round: &Round) -> String {
    let json = serde_json::to_string(&(&round.languages, &round.questions)).unwrap_or_default();
    hex::encode(Sha256::digest(json.as_bytes()))
}

/// Reads a round file (refusing oversized ones before reading) and checks it.
/// Returns the round and the file's text.
fn read_round_file(path: &Path) -> Result<(Round, String), ServiceError> {
    let name = path.display().to_string();
    let unreadable = |e: std::io::Error| {
        ServiceError::RoundFile(round_file::unreadable(
            &name,
            format!("cannot read the file: {e}"),
        ))
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > round_file::MAX_FILE_BYTES as u64 {
        return Err(ServiceError::RoundFile(round_file::unreadable(
            &name,
            format!(
                "the file is {size} bytes; a round file may be at most {} bytes (1 MB)",
                round_file::MAX_FILE_BYTES
            ),
        )));
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    let mut round = round_file::parse(&name, &bytes).map_err(ServiceError::RoundFile)?;
    if let Some(file) = round.population_file.clone() {
        // Named beside the round file, wherever the official runs the command.
        let table = path.parent().unwrap_or(Path::new(".")).join(&file);
        round.population = Some(read_population(&table, &round)?);
    }
    Ok((round, String::from_utf8_lossy(&bytes).into_owned()))
}

/// Reads and checks a population table against a round's profile questions.
pub(super) fn read_population(path: &Path, round: &Round) -> Result<crate::domain::Population, ServiceError> {
    let name = path.display().to_string();
    let unreadable = |message: String| ServiceError::RoundFile(round_file::unreadable(&name, message));
    let size = std::fs::metadata(path)
        .map_err(|e| unreadable(format!("cannot read the population table: {e}")))?
        .len();
    if size > round_file::population::MAX_FILE_BYTES as u64 {
        return Err(unreadable(format!(
            "the file is {size} bytes; a population table may be at most {} bytes",
            round_file::population::MAX_FILE_BYTES
        )));
    }
    let bytes =
        std::fs::read(path).map_err(|e| unreadable(format!("cannot read the population table: {e}")))?;
    round_file::population::parse(&name, &bytes, round).map_err(ServiceError::RoundFile)
}

impl Service {
    /// Reads and checks a round file without storing anything.
    pub fn check_round_file(path: &Path) -> Result<Round, ServiceError> {
        read_round_file(path).map(|(round, _)| round)
    }

    /// Imports a round file: new rounds become drafts; drafts are replaced; open
    /// rounds may change texts and schedule, never questions.
    pub async fn import_round(
        &self,
        path: &Path,
        now: OffsetDateTime,
    ) -> Result<(RoundId, ImportOutcome), ServiceError> {
        let (round, source) = read_round_file(path)?;
        self.import_checked(&round, &source, now).await
    }

    async fn import_checked(
        &self,
        round: &Round,
        source: &str,
        now: OffsetDateTime,
    ) -> Result<(RoundId, ImportOutcome), ServiceError> {
        let fingerprint = questions_fingerprint(round);
        let today = day(now);
        let Some(existing) = self.store.round(&round.id).await? else {
            self.store
                .insert_round(round, source, &fingerprint, &today)
                .await?;
            tracing::info!(round = %round.id, "round imported as draft");
            return Ok((round.id.clone(), ImportOutcome::Created));
        };
        if existing.round == *round {
            return Ok((round.id.clone(), ImportOutcome::Unchanged));
        }
        let outcome = match existing.state {
            RoundState::Draft => {
                let version = self
                    .store
                    .update_round(round, source, &fingerprint, &today, existing.version)
                    .await?;
                ImportOutcome::Replaced { version }
            }
            RoundState::Open
                if existing.round.min_group_size != round.min_group_size
                    || existing.round.live_results != round.live_results =>
            {
                // Counts already shown in steps of k would tell a group apart
                // when read beside counts in steps of another k.
                return Err(ServiceError::Lifecycle(format!(
                    "round `{}` is open: its `min_group_size` ({}) and `live_results` ({}) stay as they were when it opened, so what was shown before cannot be read against what is shown after",
                    round.id, existing.round.min_group_size, existing.round.live_results
                )));
            }
            RoundState::Open if round.closes <= now => {
                // Taken in, the round would close at once, for good, and tell
                // residents it closed on a day before it even opened.
                return Err(ServiceError::Lifecycle(format!(
                    "round `{}` is open and the file's `closes` ({}) has passed: nothing was changed. To close the round now, run `meepraten round close {}`; to keep it open, give a `closes` still to come",
                    round.id,
                    super::moment(round.closes),
                    round.id
                )));
            }
            RoundState::Open if existing.questions_fingerprint == fingerprint => {
                let version = self
                    .store
                    .update_round(round, source, &fingerprint, &today, existing.version)
                    .await?;
                ImportOutcome::Updated { version }
            }
            RoundState::Open => {
                return Err(ServiceError::QuestionsChanged {
                    id: round.id.to_string(),
                    state: RoundState::Open.to_string(),
                });
            }
            state => {
                return Err(ServiceError::Lifecycle(format!(
                    "round `{}` is {state}: it cannot change any more, so its results stay what residents answered. Import the new version as a new round (with a new id)",
                    round.id
                )));
            }
        };
        tracing::info!(round = %round.id, ?outcome, "round re-imported");
        Ok((round.id.clone(), outcome))
    }

    async fn existing(&self, id: &str) -> Result<StoredRound, ServiceError> {
        let round_id = RoundId::parse(id).map_err(|_| ServiceError::UnknownRound(id.to_owned()))?;
        self.store
            .round(&round_id)
            .await?
            .ok_or_else(|| ServiceError::UnknownRound(id.to_owned()))
    }

    /// Opens a draft round for answers.
    pub async fn open_round(&self, id: &str, now: OffsetDateTime) -> Result<StoredRound, ServiceError> {
        let stored = self.existing(id).await?;
        stored
            .state
            .transition(RoundState::Open)
            .map_err(|e| ServiceError::Lifecycle(format!("round `{id}`: {e}")))?;
        if now >= stored.round.closes {
            return Err(ServiceError::Lifecycle(format!(
                "round `{id}` closes at {}, which has passed; set a later `closes` in the file, import it and open again",
                super::moment(stored.round.closes)
            )));
        }
        if !self
            .store
            .open_round(&stored.round.id, &RoundSalt::generate(), &day(now))
            .await?
        {
            return Err(ServiceError::Lifecycle(format!(
                "round `{id}` changed state meanwhile; check `round status`"
            )));
        }
        tracing::info!(round = %stored.round.id, "round opened");
        self.existing(id).await
    }

    /// Closes an open round: answers are refused from now on and the link between
    /// residents and answers is destroyed.
    pub async fn close_round(&self, id: &str, now: OffsetDateTime) -> Result<StoredRound, ServiceError> {
        let stored = self.existing(id).await?;
        stored
            .state
            .transition(RoundState::Closed)
            .map_err(|e| ServiceError::Lifecycle(format!("round `{id}`: {e}")))?;
        let returning = self.returning(&stored.round.id).await?;
        if !self
            .store
            .close_round(
                &stored.round.id,
                &day(now),
                &|who, state| self.idle_state(who, state),
                returning,
            )
            .await?
        {
            return Err(ServiceError::Lifecycle(format!(
                "round `{id}` changed state meanwhile; check `round status`"
            )));
        }
        // Rewrite the file so the salt, the erased states and the order in which
        // answers arrived are gone from its bytes, not only from its tables.
        self.erase_traces(true).await;
        tracing::info!(round = %stored.round.id, "round closed");
        self.existing(id).await
    }

    /// A conversation about a round that closes, reset: nothing of the round
    /// stays, only the resident's language (Dutch when the state does not open)
    /// and, for one who was answering, that a round closed on them.
    fn idle_state(&self, who: &str, stored: &[u8]) -> Vec<u8> {
        let who = crate::anon::Pseudonym::from_stored(who.to_owned());
        let was = super::sealed_state::open(&self.vault, &who, stored)
            .and_then(|json| serde_json::from_str::<crate::engine::Conversation>(&json).ok());
        let mut idle =
            crate::engine::Conversation::new(was.as_ref().map_or(crate::domain::Lang::Nl, |c| c.lang));
        // Told with their next message, without naming the round.
        idle.closed_meanwhile = was.is_some_and(|c| matches!(c.stage, crate::engine::Stage::Answering(_)));
        let json = serde_json::to_string(&idle).unwrap_or_default();
        super::sealed_state::seal(&self.vault, &who, &json)
    }

    /// How many respondents had taken part in an earlier round, all and those
    /// who finished: worked out just before the close, while the salt still
    /// links a participant to their response.
    async fn returning(&self, id: &RoundId) -> Result<Option<crate::store::Returning>, ServiceError> {
        let mut tx = self.store.begin().await?;
        let Some(salt) = tx.round_salt(id).await? else {
            return Ok(None);
        };
        let keys: Vec<String> = tx
            .returning_participants(id)
            .await?
            .into_iter()
            .map(|p| {
                salt.respondent(&crate::anon::Pseudonym::from_stored(p))
                    .as_str()
                    .to_owned()
            })
            .collect();
        let finished = tx.finished_among(id, &keys).await?;
        tx.commit().await?;
        Ok(Some(crate::store::Returning {
            all: i64::try_from(keys.len()).unwrap_or(i64::MAX),
            finished,
        }))
    }

    /// Archives a closed round.
    pub async fn archive_round(&self, id: &str) -> Result<StoredRound, ServiceError> {
        let stored = self.existing(id).await?;
        stored
            .state
            .transition(RoundState::Archived)
            .map_err(|e| ServiceError::Lifecycle(format!("round `{id}`: {e}")))?;
        self.store.archive_round(&stored.round.id).await?;
        self.existing(id).await
    }

    /// Closes every open round whose closing moment has passed; returns their ids.
    pub async fn close_due_rounds(&self, now: OffsetDateTime) -> Result<Vec<RoundId>, ServiceError> {
        let due = self.store.rounds_due_to_close(now.unix_timestamp()).await?;
        for id in &due {
            let returning = self.returning(id).await?;
            self.store
                .close_round(
                    id,
                    &day(now),
                    &|who, state| self.idle_state(who, state),
                    returning,
                )
                .await?;
            tracing::info!(round = %id, "round closed on schedule");
        }
        if !due.is_empty() {
            self.erase_traces(true).await;
        }
        Ok(due)
    }

    /// Every round.
    pub async fn list_rounds(&self) -> Result<Vec<StoredRound>, ServiceError> {
        Ok(self.store.rounds().await?)
    }

    /// A round and how many took part.
    pub async fn round_status(&self, id: &str) -> Result<RoundStatus, ServiceError> {
        let stored = self.existing(id).await?;
        let counts = self.store.response_counts(&stored.round.id).await?;
        Ok(RoundStatus { stored, counts })
    }

    /// A round and its participation as officials may see it: the same audited
    /// figures as the council summary, never raw per-question counts.
    pub async fn round_progress(&self, id: &str) -> Result<(StoredRound, Participation), ServiceError> {
        let status = self.round_status(id).await?;
        let k = i64::from(status.stored.round.min_group_size);
        let participation = match status.stored.state {
            RoundState::Draft | RoundState::Open => Participation::AtLeast {
                count: crate::summary::at_least(status.counts.started, k),
                step: k,
            },
            RoundState::Closed | RoundState::Archived => {
                let s = self.council_summary(id, crate::domain::Lang::Nl).await?;
                Participation::Counted {
                    started: s.respondents_started,
                    completed: s.respondents_completed,
                    left_out: s.unfinished_left_out,
                }
            }
        };
        Ok((status.stored, participation))
    }

    /// On a database without rounds, imports and opens the bundled example so a
    /// newcomer sees the bot work at once. If the example's planned window is not
    /// current, it runs from now for four weeks instead. Returns the round if
    /// imported, and whether its dates were moved so.
    pub async fn ensure_example_round(
        &self,
        now: OffsetDateTime,
    ) -> Result<Option<(Round, bool)>, ServiceError> {
        if !self.store.rounds().await?.is_empty() {
            return Ok(None);
        }
        let mut round = round_file::parse(
            "examples/rounds/huishoudelijke-hulp-2027.toml",
            EXAMPLE_ROUND.as_bytes(),
        )
        .map_err(ServiceError::RoundFile)?;
        let moved = now < round.opens || now >= round.closes;
        if moved {
            round.opens = now;
            round.closes = now + Duration::weeks(4);
        }
        self.import_checked(&round, EXAMPLE_ROUND, now).await?;
        self.open_round(round.id.as_str(), now).await?;
        tracing::info!(round = %round.id, "opened the example round on an empty database");
        Ok(Some((round, moved)))
    }
}
