//! `meepraten round ...`: officials' work on rounds.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Subcommand;
use time::OffsetDateTime;

use crate::channel::telegram::poster;
use crate::config::{Config, Settings};
use crate::domain::{Lang, OutcomeStatus};
use crate::service::moment;
use crate::service::rounds::{ImportOutcome, Participation};
use crate::service::{Service, ServiceError};
use crate::store::StoredRound;
use crate::summary::HIDDEN;

/// Round commands.
#[derive(Debug, Subcommand)]
pub enum RoundCommand {
    /// Check round files and report every problem with line and column. Stores nothing.
    Check {
        /// Round files (TOML).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Treat plain-language warnings (texts above B1) as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Import a round file as a draft (or update a draft). An open round may change
    /// texts and closing time, never its questions.
    Import {
        /// Round file (TOML).
        file: PathBuf,
    },
    /// List every round with its state and schedule.
    List,
    /// Open a draft round for answers. A draft opens by itself at its `opens`
    /// while `meepraten serve` runs; before that moment, `--now` opens it early.
    Open {
        /// Round id.
        id: String,
        /// Open before the planned moment.
        #[arg(long)]
        now: bool,
    },
    /// Close an open round: no more answers, and the link between residents and
    /// their answers is destroyed.
    Close {
        /// Round id.
        id: String,
    },
    /// Archive a closed round.
    Archive {
        /// Round id.
        id: String,
    },
    /// Show a round's state, schedule and response counts.
    Status {
        /// Round id.
        id: String,
    },
    /// Publish what was done with a closed round's input ("you said, we did"):
    /// a dated entry with a status and a text per round language. A round gets
    /// several over time; the report and summaries show them all.
    Feedback {
        /// Round id.
        id: String,
        /// Where the input stands: in-advice, adopted, partly-adopted or not-adopted.
        #[arg(long, value_parser = parse_status)]
        status: OutcomeStatus,
        /// The text (plain text or Markdown), one file per round language:
        /// `--file nl=uitkomst.md --file en=outcome.md`, or a name such as
        /// `uitkomst.nl.md`; a round in one language takes a bare path.
        #[arg(long = "file", value_name = "[LANG=]FILE", required = true)]
        files: Vec<String>,
        /// When the next entry is due, e.g. 2027-09-01.
        #[arg(long, value_name = "DATE")]
        review_by: Option<String>,
    },
    /// Print the Telegram deep link that starts the round, and write a QR code
    /// of it (PNG and SVG) for a poster.
    Link {
        /// Round id.
        id: String,
        /// The bot's Telegram username, e.g. meepraten_bot [default: the
        /// setting telegram.bot_username, env TELEGRAM_BOT_USERNAME].
        #[arg(long)]
        bot: Option<String>,
        /// Folder for `<id>.png` and `<id>.svg`.
        #[arg(long, default_value = ".")]
        output_dir: PathBuf,
    },
}

impl RoundCommand {
    /// Runs the command.
    pub async fn run(self, settings: &Settings, config: &Config) -> anyhow::Result<ExitCode> {
        let now = OffsetDateTime::now_utc();
        if let RoundCommand::Check { files, strict } = &self {
            return Ok(check(files, *strict));
        }
        let creating = !settings.database.exists();
        if !matches!(self, RoundCommand::Import { .. }) {
            super::require_database(settings)?;
        } else if creating {
            // A misspelt --database would otherwise go unnoticed.
            say_err!(
                "meepraten: there was no database at {}: created it, with its secret key in {} (back that key up)",
                settings.database.display(),
                settings.secret_file.display()
            );
        }
        let service = Service::open(settings)
            .await
            .context("cannot open the database")?;
        let result = match self {
            // Checked above, without opening the database.
            RoundCommand::Check { .. } => Ok(()),
            RoundCommand::Import { file } => match service.import_round(&file, now).await {
                Ok((id, outcome)) => {
                    match outcome {
                        ImportOutcome::Created => say!(
                            "imported round `{id}` as a draft; it opens by itself at its `opens` while `meepraten serve` runs (`meepraten round open {id} --now` opens it at once)"
                        ),
                        ImportOutcome::Replaced { version } => {
                            say!("replaced draft round `{id}` (version {version})")
                        }
                        ImportOutcome::Updated { version } => say!(
                            "updated texts or schedule of open round `{id}` (version {version}); its questions are unchanged"
                        ),
                        ImportOutcome::Unchanged => {
                            say!("round `{id}` is already stored exactly like this; nothing changed")
                        }
                    }
                    if let Ok(status) = service.round_status(id.as_str()).await {
                        let round = &status.stored.round;
                        let areas = &config.outreach.neighbourhoods;
                        if let Some(area) = &round.neighbourhood
                            && !areas.iter().any(|n| &n.id == area)
                        {
                            say_err!(
                                "note: neighbourhood `{area}` is not in the settings' [outreach.neighbourhoods], so no resident can choose it and nobody will be invited to this round"
                            );
                        }
                        if let Some(earlier) = &round.follows
                            && service.round_status(earlier.as_str()).await.is_err()
                        {
                            say_err!(
                                "note: round `{id}` follows `{earlier}`, which is not in this database (yet); the report compares them once it is, and closed"
                            );
                        }
                        let open = status.stored.state == crate::domain::RoundState::Open;
                        if open && round.opens > now {
                            // The file's `opens` no longer applies: the round is open.
                            say_err!(
                                "note: round `{id}` has been open since {}; the file's `opens` ({}) does not apply to an open round, which stays open until {}",
                                status.stored.opened_on.as_deref().unwrap_or("before"),
                                moment(round.opens),
                                moment(round.closes)
                            );
                        }
                        if round.closes <= now {
                            if open {
                                say_err!(
                                    "note: round `{id}` closes {}, which has passed; `meepraten serve` closes it at once",
                                    moment(round.closes)
                                );
                            } else {
                                say_err!(
                                    "note: round `{id}` closes {}, which has passed; change `closes` before opening it",
                                    moment(round.closes)
                                );
                            }
                        }
                    }
                    Ok(())
                }
                Err(e) => Err(e),
            },
            RoundCommand::List => service.list_rounds().await.map(|rounds| {
                if rounds.is_empty() {
                    say!("no rounds yet; import one with `meepraten round import FILE`");
                }
                // From and until as they are or will be: the planned days of a
                // draft, the real opening of an open round, both real days once closed.
                for s in rounds {
                    let planned = |d: OffsetDateTime| d.date().to_string();
                    let from = s.opened_on.clone().unwrap_or_else(|| planned(s.round.opens));
                    let until = s.closed_on.clone().unwrap_or_else(|| planned(s.round.closes));
                    say!(
                        "{:<40} {:<8} {} -> {}  {}",
                        s.round.id.as_str(),
                        s.state.as_str(),
                        from,
                        until,
                        s.round.title.get(Lang::Nl)
                    );
                }
            }),
            RoundCommand::Open { id, now: early } => match service.round_status(&id).await {
                Ok(s)
                    if s.stored.state == crate::domain::RoundState::Draft
                        && now < s.stored.round.opens
                        && !early =>
                {
                    Err(crate::service::ServiceError::Lifecycle(format!(
                        "round `{id}` is planned to open at {}; it opens by itself then while `meepraten serve` runs. To open it now, give `--now`",
                        moment(s.stored.round.opens)
                    )))
                }
                _ => service
                    .open_round(&id, now)
                    .await
                    .map(|s| say!("round `{}` is open until {}", s.round.id, moment(s.round.closes))),
            },
            RoundCommand::Close { id } => match service.close_round(&id, now).await {
                Ok(s) => {
                    say!(
                        "round `{}` is closed; answers can no longer be linked to residents",
                        s.round.id
                    );
                    warn_if_small(&service, &s).await;
                    Ok(())
                }
                Err(e) => Err(e),
            },
            RoundCommand::Archive { id } => service
                .archive_round(&id)
                .await
                .map(|s| say!("round `{}` is archived", s.round.id)),
            RoundCommand::Status { id } => match service.round_progress(&id).await {
                Ok((stored, p)) => {
                    print_status(&stored, p);
                    service
                        .store()
                        .broadcasts(&id)
                        .await
                        .map_err(Into::into)
                        .map(|b| print_broadcasts(&b))
                }
                Err(e) => Err(e),
            },
            RoundCommand::Feedback {
                id,
                status,
                files,
                review_by,
            } => match feedback_texts(&service, &id, &files).await {
                Ok(texts) => match service
                    .publish_outcome(&id, status, texts, review_by.as_deref(), now.date())
                    .await
                {
                    Ok(seq) => {
                        say!(
                            "recorded outcome {seq} of round `{id}` ({}, {}); the report and summaries show it",
                            status.as_str(),
                            now.date()
                        );
                        service.hear_back_contacts(&id).await.map(|c| {
                            say!(
                                "it goes to the {} participants who asked to hear back, in their language, while `meepraten serve` runs (`meepraten round status {id}` shows how far it got)",
                                c.len()
                            );
                        })
                    }
                    Err(e) => Err(e),
                },
                Err(e) => Err(e),
            },
            RoundCommand::Link { id, bot, output_dir } => match service.round_status(&id).await {
                Ok(status) => {
                    let Some(bot) =
                        bot.or_else(|| config.telegram.bot_username.as_ref().map(|b| b.value.clone()))
                    else {
                        service.close().await;
                        anyhow::bail!(
                            "which bot? Give --bot NAME, or set telegram.bot_username (or {})",
                            crate::config::telegram_env::BOT_USERNAME
                        );
                    };
                    let link = poster::deep_link(&bot, &status.stored.round.id)?;
                    let (png, svg) = poster::write_qr(&link, &output_dir, status.stored.round.id.as_str())?;
                    say!("{link}");
                    say_err!("QR code written to {} and {}", png.display(), svg.display());
                    match status.stored.state {
                        crate::domain::RoundState::Open => {}
                        crate::domain::RoundState::Draft => {
                            say_err!("note: the round is a draft; residents can answer once it is open")
                        }
                        closed => say_err!(
                            "note: the round is {closed}: residents who follow this link are told it has closed"
                        ),
                    }
                    Ok(())
                }
                Err(e) => Err(e),
            },
        };
        service.close().await;
        match result {
            Ok(()) => Ok(ExitCode::SUCCESS),
            Err(
                e @ (ServiceError::UnknownRound(_)
                | ServiceError::Lifecycle(_)
                | ServiceError::QuestionsChanged { .. }
                | ServiceError::Invalid(_)
                | ServiceError::RoundFile(_)),
            ) => {
                say_err!("meepraten: {e}");
                Ok(ExitCode::FAILURE)
            }
            Err(e) => Err(e.into()),
        }
    }
}

fn parse_status(s: &str) -> Result<OutcomeStatus, String> {
    OutcomeStatus::parse(s).ok_or_else(|| {
        let all: Vec<&str> = OutcomeStatus::ALL.iter().map(|o| o.as_str()).collect();
        format!("`{s}` is not a status; use one of {}", all.join(", "))
    })
}

/// Reads `--file` arguments into a text per language: `nl=path`, a name such
/// as `uitkomst.nl.md`, or a bare path for a round in one language.
async fn feedback_texts(
    service: &Service,
    id: &str,
    files: &[String],
) -> Result<std::collections::BTreeMap<Lang, String>, ServiceError> {
    let languages = service.round_status(id).await?.stored.round.languages;
    let mut texts = std::collections::BTreeMap::new();
    for arg in files {
        let (lang, path) = match arg.split_once('=') {
            Some((code, path)) if Lang::parse(code).is_ok() && code.len() <= 5 => {
                (Lang::parse(code).ok(), PathBuf::from(path))
            }
            Some((code, _))
                if code.len() <= 5 && code.chars().all(|c| c.is_ascii_alphabetic() || c == '-') =>
            {
                return Err(ServiceError::Invalid(format!(
                    "`{code}` is not a language of round `{id}` ({}); write nl=FILE or en=FILE",
                    languages.iter().map(|l| l.code()).collect::<Vec<_>>().join(", ")
                )));
            }
            _ => {
                let path = PathBuf::from(arg);
                let from_name = path
                    .file_stem()
                    .and_then(|s| std::path::Path::new(s).extension())
                    .and_then(|e| Lang::parse(&e.to_string_lossy()).ok());
                let only = (languages.len() == 1).then(|| languages[0]);
                (from_name.or(only), path)
            }
        };
        let Some(lang) = lang else {
            return Err(ServiceError::Invalid(format!(
                "which language is {arg}? Write it as nl={arg} or en={arg}"
            )));
        };
        let meta = std::fs::metadata(&path)
            .map_err(|e| ServiceError::Invalid(format!("cannot read {}: {e}", path.display())))?;
        if meta.len() > 64 * 1024 {
            return Err(ServiceError::Invalid(format!(
                "{} is {} bytes; an outcome text is a few paragraphs",
                path.display(),
                meta.len()
            )));
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|e| ServiceError::Invalid(format!("cannot read {}: {e}", path.display())))?;
        if texts.insert(lang, text).is_some() {
            return Err(ServiceError::Invalid(format!(
                "two texts in {lang}; give one file per language"
            )));
        }
    }
    Ok(texts)
}

fn check(files: &[PathBuf], strict: bool) -> ExitCode {
    let mut failed = false;
    for file in files {
        match Service::check_round_file(file) {
            Ok(round) => {
                let advice = crate::round_file::readability::warnings(&round);
                let level = if strict { "error" } else { "warning" };
                let written = std::fs::read_to_string(file).unwrap_or_default();
                for w in &advice {
                    let at = w
                        .place(&written)
                        .map(|(line, column)| format!(":{line}:{column}"))
                        .unwrap_or_default();
                    say_err!("{}{at}: {level}: {}: {}", file.display(), w.text, w.advice);
                }
                if strict && !advice.is_empty() {
                    failed = true;
                    let texts: std::collections::BTreeSet<&str> =
                        advice.iter().map(|w| w.text.as_str()).collect();
                    say_err!(
                        "{}: {} findings in {} texts above plain language (B1); shorten them, or check without --strict",
                        file.display(),
                        advice.len(),
                        texts.len()
                    );
                    continue;
                }
                let n = round.questions.len();
                say!(
                    "{}: ok: round `{}` with {n} question{} in {}",
                    file.display(),
                    round.id,
                    if n == 1 { "" } else { "s" },
                    round
                        .languages
                        .iter()
                        .map(|l| l.code())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                let profile: Vec<&str> = round.profile_questions().map(|q| q.id.as_str()).collect();
                if !profile.is_empty() {
                    say!(
                        "  profile questions (each with \"rather not say\"): {}",
                        profile.join(", ")
                    );
                }
                if let Some(p) = &round.population {
                    let fields: Vec<String> = p
                        .fields
                        .iter()
                        .map(|f| format!("{} ({} groups)", f.question, f.categories.len()))
                        .collect();
                    say!("  population table {}: {}", p.source, fields.join(", "));
                }
                if let Some(earlier) = &round.follows {
                    say!("  follows `{earlier}`: the report compares the questions both ask");
                }
            }
            // Each problem on a line of its own that starts with the file
            // name, as compilers write them (editors jump to them).
            Err(crate::service::ServiceError::RoundFile(problems)) => {
                failed = true;
                say_err!("{problems}");
            }
            Err(e) => {
                failed = true;
                say_err!("meepraten: {e}");
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// What the round sent on its own, and how far each message got.
fn print_broadcasts(list: &[crate::store::Broadcast]) {
    use crate::store::BroadcastKind;
    for b in list {
        let what = match b.kind {
            BroadcastKind::Invite => "invitation".to_owned(),
            BroadcastKind::Reminder => "reminder".to_owned(),
            BroadcastKind::Thanks => "thank-you".to_owned(),
            BroadcastKind::Feedback => format!("outcome {}", b.reference),
        };
        say!(
            "sent:        {what} ({}): {} sent, {} queued, {} failed, {} held back (weekly cap or left) of {}",
            b.planned_on,
            b.sent,
            b.queued,
            b.failed,
            b.skipped,
            b.planned
        );
    }
}

/// After a close: with few respondents most figures of the summary are hidden
/// (groups under k), which an official should know before the council reads it.
async fn warn_if_small(service: &Service, closed: &StoredRound) {
    let k = i64::from(closed.round.min_group_size);
    if let Ok((_, Participation::Counted { completed, .. })) =
        service.round_progress(closed.round.id.as_str()).await
    {
        let few = match completed {
            Some(n) if n < 4 * k => n.to_string(),
            None => format!("fewer than {k}"),
            Some(_) => return,
        };
        say_err!(
            "note: {few} residents finished. Groups smaller than {k} are hidden, so many figures of the summary will be hidden (shown as •); look at `meepraten summary {}` before the council does",
            closed.round.id
        );
    }
}

fn print_status(stored: &StoredRound, participation: Participation) {
    let r = &stored.round;
    let day = |d: &Option<String>| d.clone().unwrap_or_else(|| "-".to_owned());
    say!("round:       {}", r.id);
    say!("title:       {}", r.title.get(Lang::Nl));
    say!("state:       {} (version {})", stored.state, stored.version);
    say!("phase:       {}", r.phase.as_str());
    say!("planned:     {} -> {}", moment(r.opens), moment(r.closes));
    say!("opened on:   {}", day(&stored.opened_on));
    say!("closed on:   {}", day(&stored.closed_on));
    match participation {
        Participation::AtLeast { count: 0, step } => say!(
            "respondents: fewer than {step} (counted in steps of {step} until the round closes; answers stay hidden until then)"
        ),
        Participation::AtLeast { count, step } => say!(
            "respondents: at least {count} (counted in steps of {step} until the round closes; answers stay hidden until then)"
        ),
        Participation::Counted {
            started,
            completed,
            left_out,
        } => {
            let n = |v: Option<i64>| v.map_or_else(|| HIDDEN.to_owned(), |v| v.to_string());
            say!("started:     {}", n(started));
            say!("completed:   {}", n(completed));
            if left_out {
                say!(
                    "             (a few, fewer than {}, started but did not finish: they and their answers are left out of every count, as in the summary)",
                    r.min_group_size
                );
            }
            say!(
                "             (`meepraten summary {}` gives the results; {HIDDEN} = hidden to protect small groups)",
                r.id
            );
        }
    }
}
