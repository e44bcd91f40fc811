//! Posts for announcement places (a Matrix room the municipality configured):
//! an invitation when a round opens, the published summary after it closes.
//! Never a question: in a shared place everyone sees who answers what. Each post
//! goes out once per place; the place is stored only as a keyed hash.

use time::OffsetDateTime;

use super::{Service, ServiceError};
use crate::anon::EventKey;
use crate::domain::{Lang, RoundState};
use crate::engine::{Arg, Text};
use crate::i18n::Key;
use crate::summary::Format;

/// How long after closing a round's summary is still posted (a room added
/// later does not get years of old results).
const CLOSED_NEWS_DAYS: i64 = 14;

/// What an announcement post is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnouncementKind {
    /// The round opened: how to take part.
    Opened,
    /// The round closed: what came out.
    Closed,
}

impl AnnouncementKind {
    fn as_str(self) -> &'static str {
        match self {
            AnnouncementKind::Opened => "opened",
            AnnouncementKind::Closed => "closed",
        }
    }
}

/// One post owed to a place.
#[derive(Debug, Clone)]
pub struct Announcement {
    /// The round it is about.
    pub round: String,
    /// Opened or closed.
    pub kind: AnnouncementKind,
    /// The text, in the round's languages.
    pub text: String,
}

impl Service {
    /// The posts of `kinds` that `place` on `platform` has not had yet.
    /// `take_part` tells residents where to start a private chat (a link to
    /// the bot).
    pub async fn announcements_due(
        &self,
        platform: &str,
        place: &str,
        take_part: &str,
        kinds: &[AnnouncementKind],
        now: OffsetDateTime,
    ) -> Result<Vec<Announcement>, ServiceError> {
        let key = self.place_key(platform, place);
        let oldest_news = super::day(now - time::Duration::days(CLOSED_NEWS_DAYS));
        let mut due = Vec::new();
        for stored in self.list_rounds().await? {
            let round = &stored.round;
            let kind = match stored.state {
                RoundState::Open => AnnouncementKind::Opened,
                RoundState::Closed
                    if stored
                        .closed_on
                        .as_deref()
                        .is_some_and(|d| d >= oldest_news.as_str()) =>
                {
                    AnnouncementKind::Closed
                }
                _ => continue,
            };
            if !kinds.contains(&kind)
                || self
                    .store
                    .announced(round.id.as_str(), &key, kind.as_str())
                    .await?
            {
                continue;
            }
            let l = &self.localizer;
            let text = match kind {
                AnnouncementKind::Opened => round
                    .languages
                    .iter()
                    .map(|&lang| {
                        let audience = match &round.audience {
                            Some(a) => Arg::Str(a.get(lang).to_owned()),
                            None => Arg::Msg(Key::AudienceEveryone),
                        };
                        l.render(
                            lang,
                            &Text::with(
                                Key::AnnounceOpened,
                                vec![
                                    ("title", Arg::Str(round.title.get(lang).to_owned())),
                                    ("intro", Arg::Str(round.intro.get(lang).to_owned())),
                                    ("audience", audience),
                                    ("closes", Arg::Date(round.closes)),
                                    ("link", Arg::Str(take_part.to_owned())),
                                ],
                            ),
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n\n———\n\n"),
                AnnouncementKind::Closed => {
                    let lang = round.languages.first().copied().unwrap_or(Lang::Nl);
                    let heading: Vec<String> = round
                        .languages
                        .iter()
                        .map(|&lang| {
                            l.render(
                                lang,
                                &Text::with(
                                    Key::AnnounceClosed,
                                    vec![("title", Arg::Str(round.title.get(lang).to_owned()))],
                                ),
                            )
                        })
                        .collect();
                    let summary = self.export_summary(round.id.as_str(), Format::Md, lang).await?;
                    format!("{}\n\n{summary}", heading.join("\n\n"))
                }
            };
            due.push(Announcement {
                round: round.id.as_str().to_owned(),
                kind,
                text,
            });
        }
        Ok(due)
    }

    /// Records that `place` had `post`, so it is not posted again.
    pub async fn mark_announced(
        &self,
        platform: &str,
        place: &str,
        post: &Announcement,
        now: OffsetDateTime,
    ) -> Result<(), ServiceError> {
        let key = self.place_key(platform, place);
        self.store
            .record_announced(&post.round, &key, post.kind.as_str(), &super::day(now))
            .await?;
        Ok(())
    }

    /// A keyed hash of a place, which recognises it and names it to nobody.
    fn place_key(&self, platform: &str, place: &str) -> String {
        EventKey::of(&self.secret, &format!("{platform}-place"), place)
            .as_str()
            .to_owned()
    }
}
