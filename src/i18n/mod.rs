//! The only user of Fluent. Every word the bot says comes from
//! `locales/<lang>/<area>.ftl`, embedded at build time, looked up by a typed
//! [`Key`] with the language passed explicitly.

mod key;

pub use key::Key;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::domain::Lang;
use crate::engine::{Arg, Text};

/// The areas each locale has one file for; every locale has the same set.
pub const AREAS: [&str; 7] = [
    "conversation",
    "question",
    "validation",
    "commands",
    "summary",
    "dates",
    "reach",
];

macro_rules! locale_files {
    ($($lang:literal),*) => {
        &[$(
            ($lang, [
                include_str!(concat!("../../locales/", $lang, "/conversation.ftl")),
                include_str!(concat!("../../locales/", $lang, "/question.ftl")),
                include_str!(concat!("../../locales/", $lang, "/validation.ftl")),
                include_str!(concat!("../../locales/", $lang, "/commands.ftl")),
                include_str!(concat!("../../locales/", $lang, "/summary.ftl")),
                include_str!(concat!("../../locales/", $lang, "/dates.ftl")),
                include_str!(concat!("../../locales/", $lang, "/reach.ftl")),
            ]),
        )*]
    };
}

/// The embedded sources, per language code, in [`AREAS`] order.
pub const SOURCES: &[(&str, [&str; 7])] = locale_files!("nl", "en");

/// A locale file that does not parse or clashes with another.
#[derive(Debug, thiserror::Error)]
#[error("locale {lang}, {area}.ftl: {detail}")]
pub struct LocaleError {
    /// The language code.
    pub lang: String,
    /// The file's area.
    pub area: String,
    /// What is wrong.
    pub detail: String,
}

/// Turns engine texts into strings in a resident's language.
pub struct Localizer {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer").finish_non_exhaustive()
    }
}

impl Localizer {
    /// Parses every embedded locale file.
    pub fn new() -> Result<Self, LocaleError> {
        let mut bundles = Vec::new();
        for (code, files) in SOURCES {
            let lang = Lang::parse(code).map_err(|e| LocaleError {
                lang: (*code).to_owned(),
                area: "-".into(),
                detail: e.to_string(),
            })?;
            let id: LanguageIdentifier = code.parse().map_err(|_| LocaleError {
                lang: (*code).to_owned(),
                area: "-".into(),
                detail: "not a language identifier".into(),
            })?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Chat clients show Unicode isolation marks as stray characters.
            bundle.set_use_isolating(false);
            for (area, source) in AREAS.iter().zip(files.iter()) {
                let err = |detail: String| LocaleError {
                    lang: (*code).to_owned(),
                    area: (*area).to_owned(),
                    detail,
                };
                let resource = FluentResource::try_new((*source).to_owned())
                    .map_err(|(_, errors)| err(format!("{errors:?}")))?;
                bundle
                    .add_resource(resource)
                    .map_err(|errors| err(format!("{errors:?}")))?;
            }
            bundles.push((lang, bundle));
        }
        Ok(Self { bundles })
    }

    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        self.bundles
            .iter()
            .find(|(l, _)| *l == lang)
            .or_else(|| self.bundles.first())
            .map(|(_, b)| b)
            .expect("at least one locale is embedded")
    }

    /// Whether `key` exists in `lang`.
    pub fn has(&self, lang: Lang, key: Key) -> bool {
        self.bundle(lang).has_message(key.id())
    }

    /// Renders one text. A missing message or argument is logged and shown as the
    /// key, never a panic; the completeness test keeps that from reaching residents.
    pub fn render(&self, lang: Lang, text: &Text) -> String {
        match text {
            Text::Plain(s) => s.clone(),
            // Filled in by the service; the id if it was not.
            Text::Results(id) => id.to_string(),
            Text::Msg { key, args } => {
                let (out, errors) = self.format(lang, *key, args);
                if !errors.is_empty() {
                    tracing::warn!(key = key.id(), %lang, ?errors, "message did not format cleanly");
                }
                out
            }
        }
    }

    /// Formats a message and returns any Fluent errors (for tests and `render`).
    pub fn format(&self, lang: Lang, key: Key, args: &[(&'static str, Arg)]) -> (String, Vec<String>) {
        let bundle = self.bundle(lang);
        let Some(pattern) = bundle.get_message(key.id()).and_then(|m| m.value()) else {
            return (key.id().to_owned(), vec![format!("missing message {}", key.id())]);
        };
        let mut fargs = FluentArgs::new();
        for (name, arg) in args {
            let value: FluentValue<'_> = match arg {
                Arg::Str(s) => s.clone().into(),
                Arg::Num(n) => (*n).into(),
                Arg::Date(d) => self.moment(lang, *d).into(),
                Arg::Msg(k) => self.render(lang, &Text::msg(*k)).into(),
            };
            fargs.set(*name, value);
        }
        let mut errors = Vec::new();
        let out = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
        (out.into_owned(), errors.iter().map(|e| e.to_string()).collect())
    }

    /// A moment as people write it, in the offset it was given in (a round
    /// file's): "25 januari 2027 om 17:00", "25 January 2027 at 17:00".
    pub fn moment(&self, lang: Lang, moment: time::OffsetDateTime) -> String {
        // Residents read Dutch time, whatever offset the round file used.
        let moment = crate::config::outreach::dutch_time(moment);
        let time = format!("{:02}:{:02}", moment.hour(), moment.minute());
        self.render(
            lang,
            &Text::with(
                Key::Moment,
                vec![
                    ("date", Arg::Str(self.date(lang, moment))),
                    ("time", Arg::Str(time)),
                ],
            ),
        )
    }

    /// A date as people write it: "25 januari 2027", "25 January 2027".
    pub fn date(&self, lang: Lang, moment: time::OffsetDateTime) -> String {
        let moment = crate::config::outreach::dutch_time(moment);
        let month = self.render(lang, &Text::msg(Key::month(u8::from(moment.month()))));
        self.render(
            lang,
            &Text::with(
                Key::Date,
                vec![
                    ("day", Arg::Num(i64::from(moment.day()))),
                    ("month", Arg::Str(month)),
                    ("year", Arg::Str(moment.year().to_string())),
                ],
            ),
        )
    }
}
