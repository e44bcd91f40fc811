//! Publishing what was done with a round's input ("you said, we did"), so the
//! report, the summaries and (later) the residents who asked can hear it.

use std::collections::BTreeMap;

use time::Date;
use time::macros::format_description;

use super::{Service, ServiceError};
use crate::domain::{Lang, Outcome, OutcomeStatus, RoundState};

/// The longest outcome text per language: a few paragraphs in a chat.
pub const MAX_OUTCOME_CHARS: usize = 4000;

impl Service {
    /// Adds a dated outcome entry to a closed round; returns its number. Every
    /// round language needs its text.
    pub async fn publish_outcome(
        &self,
        id: &str,
        status: OutcomeStatus,
        texts: BTreeMap<Lang, String>,
        review_by: Option<&str>,
        today: Date,
    ) -> Result<i64, ServiceError> {
        let stored = self.round_status(id).await?.stored;
        if matches!(stored.state, RoundState::Draft | RoundState::Open) {
            return Err(ServiceError::Invalid(format!(
                "round `{id}` is {}: feedback says what was done with the input, after the round closes",
                stored.state
            )));
        }
        let round = &stored.round;
        let missing: Vec<&str> = round
            .languages
            .iter()
            .filter(|l| !texts.contains_key(l))
            .map(|l| l.code())
            .collect();
        if !missing.is_empty() {
            return Err(ServiceError::Invalid(format!(
                "round `{id}` speaks {}; give a text in {} too (--file {}=FILE)",
                round
                    .languages
                    .iter()
                    .map(|l| l.code())
                    .collect::<Vec<_>>()
                    .join(", "),
                missing.join(", "),
                missing[0]
            )));
        }
        let mut clean = BTreeMap::new();
        for (lang, text) in texts {
            if !round.languages.contains(&lang) {
                return Err(ServiceError::Invalid(format!(
                    "round `{id}` does not speak {lang}; leave that text out"
                )));
            }
            let text = text.trim().to_owned();
            let chars = text.chars().count();
            if chars == 0 {
                return Err(ServiceError::Invalid(format!("the {lang} text is empty")));
            }
            if chars > MAX_OUTCOME_CHARS {
                return Err(ServiceError::Invalid(format!(
                    "the {lang} text has {chars} characters; keep it to {MAX_OUTCOME_CHARS}, and link to the full decision"
                )));
            }
            clean.insert(lang, text);
        }
        let review_by = match review_by {
            None => None,
            Some(raw) => {
                let d =
                    Date::parse(raw.trim(), format_description!("[year]-[month]-[day]")).map_err(|_| {
                        ServiceError::Invalid(format!(
                            "--review-by `{raw}` is not a date such as 2027-06-01 (year-month-day)"
                        ))
                    })?;
                if d <= today {
                    return Err(ServiceError::Invalid(format!(
                        "--review-by {d} is not after today ({today}): it is when the next entry is due"
                    )));
                }
                Some(d.to_string())
            }
        };
        let outcome = Outcome {
            day: today.to_string(),
            status,
            texts: clean,
            review_by,
        };
        let seq = self.store.add_outcome(round.id.as_str(), &outcome).await?;
        tracing::info!(round = %round.id, status = status.as_str(), seq, "outcome published");
        Ok(seq)
    }
}

/// An outcome entry whose review-by date passed without a newer entry: an
/// official is to be reminded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewDue {
    /// The round.
    pub round: String,
    /// The entry whose review-by passed.
    pub seq: i64,
    /// The message for the official (in Dutch, as officials' messages are).
    pub text: String,
}

impl Service {
    /// Reminders owed to `official` on `platform` on `today`: rounds whose
    /// latest outcome entry names a review-by date before today. Each is owed
    /// once; [`Service::mark_reminded`] records it was given.
    pub async fn reviews_due(
        &self,
        platform: &str,
        official: &str,
        today: Date,
    ) -> Result<Vec<ReviewDue>, ServiceError> {
        use crate::engine::{Arg, Text};
        use crate::i18n::Key;
        let key = self.official_key(platform, official);
        let today = today.to_string();
        let mut due = Vec::new();
        for stored in self.list_rounds().await? {
            let id = stored.round.id.as_str();
            let outcomes = self.store.outcomes(id).await?;
            let Some(latest) = outcomes.last() else { continue };
            let seq = i64::try_from(outcomes.len()).unwrap_or(i64::MAX);
            let Some(review_by) = latest.review_by.as_deref().filter(|d| *d < today.as_str()) else {
                continue;
            };
            if self.store.reminded(id, seq, &key).await? {
                continue;
            }
            let text = self.localizer.render(
                Lang::Nl,
                &Text::with(
                    Key::OfficialReviewDue,
                    vec![
                        ("id", Arg::Str(id.to_owned())),
                        ("title", Arg::Str(stored.round.title.get(Lang::Nl).to_owned())),
                        ("day", Arg::Str(review_by.to_owned())),
                    ],
                ),
            );
            due.push(ReviewDue {
                round: id.to_owned(),
                seq,
                text,
            });
        }
        Ok(due)
    }

    /// Records that `official` was reminded of `due`.
    pub async fn mark_reminded(
        &self,
        platform: &str,
        official: &str,
        due: &ReviewDue,
        today: Date,
    ) -> Result<(), ServiceError> {
        let key = self.official_key(platform, official);
        self.store
            .record_reminded(&due.round, due.seq, &key, &today.to_string())
            .await?;
        Ok(())
    }

    /// An official as stored: a keyed hash, never their id.
    fn official_key(&self, platform: &str, official: &str) -> String {
        crate::anon::EventKey::of(&self.secret, &format!("{platform}-official"), official)
            .as_str()
            .to_owned()
    }
}
