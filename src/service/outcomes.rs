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
