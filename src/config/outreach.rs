//! How the bot reaches residents on its own: the topics and neighbourhoods
//! they can follow (with readable names), quiet hours, the weekly cap on
//! prompts, and when the one reminder goes. Read from the `[outreach]` table of
//! the settings file.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::domain::{Lang, Named};

/// The municipality's time zone unless the settings say otherwise.
pub const DEFAULT_TIMEZONE: &str = "Europe/Amsterdam";

/// The same moment in Dutch time (Europe/Amsterdam, summer time included),
/// as residents and officials read it.
pub fn dutch_time(t: time::OffsetDateTime) -> time::OffsetDateTime {
    let zone = jiff::tz::TimeZone::get(DEFAULT_TIMEZONE).unwrap_or(jiff::tz::TimeZone::UTC);
    let offset = jiff::Timestamp::from_second(t.unix_timestamp())
        .map(|ts| zone.to_offset(ts).seconds())
        .unwrap_or(0);
    time::UtcOffset::from_whole_seconds(offset).map_or(t, |o| t.to_offset(o))
}

/// A local time of day: hour and minute.
pub type ClockTime = (u8, u8);

/// Outreach settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outreach {
    /// Topics residents can follow, with readable names.
    pub topics: Vec<Named>,
    /// Neighbourhoods residents can choose (empty: no choice offered).
    pub neighbourhoods: Vec<Named>,
    /// No messages from this local time...
    pub quiet_from: (u8, u8),
    /// ...until this local time (may be the next morning).
    pub quiet_until: (u8, u8),
    /// At most this many prompts (invitations, reminders) per resident per week.
    pub prompts_per_week: u32,
    /// The reminder goes this many hours before a round closes (0: none).
    pub reminder_hours: u32,
    /// The time zone quiet hours are read in.
    pub timezone: String,
}

impl Default for Outreach {
    fn default() -> Outreach {
        Outreach {
            topics: Vec::new(),
            neighbourhoods: Vec::new(),
            quiet_from: (21, 0),
            quiet_until: (8, 0),
            prompts_per_week: 3,
            reminder_hours: 48,
            timezone: DEFAULT_TIMEZONE.to_owned(),
        }
    }
}

/// The `[outreach]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutreachFile {
    /// e.g. "21:00-08:00"; "" for none.
    pub quiet_hours: Option<String>,
    pub prompts_per_week: Option<u32>,
    pub reminder_hours: Option<u32>,
    pub timezone: Option<String>,
    /// label -> { nl = "...", en = "..." }
    #[serde(default)]
    pub topics: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    pub neighbourhoods: BTreeMap<String, BTreeMap<String, String>>,
}

impl OutreachFile {
    /// Checks the table; the error names the key.
    pub fn resolve(self) -> Result<Outreach, (String, String)> {
        let mut out = Outreach::default();
        if let Some(q) = self.quiet_hours {
            let (from, until) = parse_quiet_hours(&q).map_err(|p| ("outreach.quiet_hours".to_owned(), p))?;
            out.quiet_from = from;
            out.quiet_until = until;
        }
        if let Some(n) = self.prompts_per_week {
            out.prompts_per_week = n;
        }
        if let Some(h) = self.reminder_hours {
            out.reminder_hours = h;
        }
        if let Some(tz) = self.timezone {
            jiff::tz::TimeZone::get(&tz).map_err(|_| {
                (
                    "outreach.timezone".to_owned(),
                    format!("`{tz}` is not a time zone name such as Europe/Amsterdam"),
                )
            })?;
            out.timezone = tz;
        }
        out.topics = named("outreach.topics", self.topics)?;
        out.neighbourhoods = named("outreach.neighbourhoods", self.neighbourhoods)?;
        Ok(out)
    }
}

fn named(
    key: &str,
    table: BTreeMap<String, BTreeMap<String, String>>,
) -> Result<Vec<Named>, (String, String)> {
    table
        .into_iter()
        .map(|(id, names)| {
            let id = id.trim().to_lowercase();
            if id.is_empty() || id.len() > 48 {
                return Err((key.to_owned(), format!("`{id}`: a label has 1 to 48 characters")));
            }
            let names = names
                .into_iter()
                .map(|(code, name)| {
                    Lang::parse(&code)
                        .map(|l| (l, name.trim().to_owned()))
                        .map_err(|e| (format!("{key}.{id}"), e.to_string()))
                })
                .collect::<Result<_, _>>()?;
            Ok(Named { id, names })
        })
        .collect()
}

/// Reads "21:00-08:00" (an empty text: no quiet hours).
pub fn parse_quiet_hours(s: &str) -> Result<(ClockTime, ClockTime), String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(((0, 0), (0, 0)));
    }
    let hint = || format!("`{s}` is not a window such as \"21:00-08:00\"");
    let (a, b) = s.split_once('-').ok_or_else(hint)?;
    let time = |t: &str| -> Option<(u8, u8)> {
        let (h, m) = t.trim().split_once(':')?;
        let (h, m) = (h.parse::<u8>().ok()?, m.parse::<u8>().ok()?);
        (h < 24 && m < 60).then_some((h, m))
    };
    Ok((time(a).ok_or_else(hint)?, time(b).ok_or_else(hint)?))
}

impl Outreach {
    /// Whether `minute_of_day` (local) lies in the quiet window.
    pub fn is_quiet(&self, minute_of_day: u32) -> bool {
        let at = |(h, m): (u8, u8)| u32::from(h) * 60 + u32::from(m);
        let (from, until) = (at(self.quiet_from), at(self.quiet_until));
        match from.cmp(&until) {
            std::cmp::Ordering::Equal => false,
            std::cmp::Ordering::Less => (from..until).contains(&minute_of_day),
            std::cmp::Ordering::Greater => minute_of_day >= from || minute_of_day < until,
        }
    }

    /// The time zone; Amsterdam if the name is unknown (checked when read).
    pub fn zone(&self) -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::get(&self.timezone)
            .or_else(|_| jiff::tz::TimeZone::get(DEFAULT_TIMEZONE))
            .unwrap_or(jiff::tz::TimeZone::UTC)
    }

    /// The local minute of the day and local date of a moment.
    pub fn local(&self, unix: i64) -> (u32, jiff::civil::Date) {
        let ts = jiff::Timestamp::from_second(unix).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let z = ts.to_zoned_datetime(self.zone());
        let minute = u32::try_from(i32::from(z.hour()) * 60 + i32::from(z.minute())).unwrap_or(0);
        (minute, z.date())
    }

    /// The first moment at or after `unix` outside quiet hours.
    pub fn after_quiet(&self, unix: i64) -> i64 {
        let mut t = unix;
        // Step by minutes; a window is at most a day long.
        for _ in 0..(24 * 60) {
            if !self.is_quiet(self.local(t).0) {
                return t;
            }
            t += 60 - t.rem_euclid(60);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_hours_wrap_past_midnight() {
        let o = Outreach::default();
        assert!(o.is_quiet(21 * 60));
        assert!(o.is_quiet(3 * 60));
        assert!(!o.is_quiet(8 * 60));
        assert!(!o.is_quiet(20 * 60 + 59));
        let day = Outreach {
            quiet_from: (12, 0),
            quiet_until: (13, 0),
            ..Outreach::default()
        };
        assert!(day.is_quiet(12 * 60 + 30) && !day.is_quiet(13 * 60));
        assert_eq!(parse_quiet_hours(""), Ok(((0, 0), (0, 0))));
        assert!(parse_quiet_hours("25:00-08:00").is_err());
        assert!(parse_quiet_hours("21-8").is_err());
    }

    #[test]
    fn quiet_hours_are_read_in_amsterdam_time() {
        let o = Outreach::default();
        // 2027-01-11 20:30 UTC is 21:30 in Amsterdam (winter): quiet until
        // 08:00 local, which is 07:00 UTC the next day.
        let t = time::macros::datetime!(2027-01-11 20:30 UTC).unix_timestamp();
        assert!(o.is_quiet(o.local(t).0));
        assert_eq!(
            o.after_quiet(t),
            time::macros::datetime!(2027-01-12 07:00 UTC).unix_timestamp()
        );
        // Summer: 08:00 local is 06:00 UTC.
        let t = time::macros::datetime!(2027-07-01 05:00 UTC).unix_timestamp();
        assert_eq!(
            o.after_quiet(t),
            time::macros::datetime!(2027-07-01 06:00 UTC).unix_timestamp()
        );
    }
}
