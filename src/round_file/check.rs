//! The second pass: everything that is valid TOML but not a sensible round.
//! Every problem is collected, so an official fixes the file in one go.

use std::collections::{BTreeMap, HashSet};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use toml::Spanned;

use super::diagnostic::Diagnostic;
use super::raw::{RawKind, RawQuestion, RawRound, RawText};
use crate::domain::{
    ChoiceOption, Condition, DEFAULT_MIN_GROUP_SIZE, Lang, LocalizedText, MIN_MIN_GROUP_SIZE, OptionId,
    Question, QuestionId, QuestionKind, RATHER_NOT_SAY, Round, RoundId, ScaleLabels,
};
use crate::engine::Text;
use crate::i18n::{Key, Localizer};

/// Most buttons a scale may need; more do not fit a phone screen.
const MAX_SCALE_POINTS: i64 = 11;
/// Default and ceiling for open answers, in characters.
const DEFAULT_MAX_CHARS: i64 = 500;
const MAX_MAX_CHARS: i64 = 4000;
/// Most options a choice question may have.
const MAX_OPTIONS: usize = 20;

struct Checker<'a> {
    text: &'a str,
    problems: Vec<Diagnostic>,
    languages: Vec<Lang>,
}

impl Checker<'_> {
    fn report<T>(&mut self, at: &Spanned<T>, message: impl Into<String>) {
        self.problems
            .push(Diagnostic::at_offset(self.text, at.span().start, message));
    }

    fn localized(&mut self, what: &str, raw: &Spanned<RawText>) -> LocalizedText {
        let mut out = BTreeMap::new();
        for (code, value) in raw.get_ref() {
            match Lang::parse(code) {
                Ok(lang) if self.languages.contains(&lang) && lang.code() == code => {
                    if value.trim().is_empty() {
                        self.report(raw, format!("{what}: the `{code}` text is empty"));
                    }
                    out.insert(lang, value.trim().to_owned());
                }
                _ => self.report(
                    raw,
                    format!(
                        "{what}: `{code}` is not one of the round's languages ({})",
                        self.language_list()
                    ),
                ),
            }
        }
        for lang in self.languages.clone() {
            if !out.contains_key(&lang) {
                self.report(raw, format!("{what}: the `{lang}` translation is missing"));
            }
        }
        LocalizedText(out)
    }

    fn language_list(&self) -> String {
        self.languages
            .iter()
            .map(|l| l.code())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A moment: with a UTC offset as written, or a local time in `zone`
    /// (Europe/Amsterdam unless the file names another `timezone`).
    fn datetime(
        &mut self,
        key: &str,
        raw: &Spanned<toml::value::Datetime>,
        zone: &jiff::tz::TimeZone,
    ) -> Option<OffsetDateTime> {
        let dt = raw.get_ref();
        if dt.date.is_none() || dt.time.is_none() {
            self.report(
                raw,
                format!("`{key}` needs a date and a time, e.g. 2027-01-11T09:00:00 (Dutch time) or 2027-01-11T09:00:00+01:00"),
            );
            return None;
        }
        if dt.offset.is_none() {
            let local: Result<jiff::civil::DateTime, _> = dt.to_string().parse();
            // Kept with the zone's offset at that moment, so it shows as written.
            let moment = local
                .ok()
                .and_then(|l| zone.to_ambiguous_timestamp(l).compatible().ok())
                .and_then(|t| {
                    let offset = time::UtcOffset::from_whole_seconds(zone.to_offset(t).seconds()).ok()?;
                    Some(
                        OffsetDateTime::from_unix_timestamp(t.as_second())
                            .ok()?
                            .to_offset(offset),
                    )
                });
            if moment.is_none() {
                self.report(raw, format!("`{key}` is not a valid moment"));
            }
            return moment;
        }
        match OffsetDateTime::parse(&dt.to_string(), &Rfc3339) {
            Ok(t) => Some(t),
            Err(e) => {
                self.report(raw, format!("`{key}` is not a valid moment: {e}"));
                None
            }
        }
    }
}

pub(super) fn check(text: &str, raw: RawRound) -> Result<Round, Vec<Diagnostic>> {
    let mut c = Checker {
        text,
        problems: Vec::new(),
        languages: Vec::new(),
    };

    let id = RoundId::parse(raw.id.get_ref().trim());
    if let Err(e) = &id {
        c.report(&raw.id, format!("round `id`: {e}"));
    }

    for code in raw.languages.get_ref() {
        match Lang::parse(code.get_ref()) {
            Ok(lang) if lang.code() == code.get_ref() => {
                if c.languages.contains(&lang) {
                    c.report(code, format!("language `{lang}` is listed twice"));
                } else {
                    c.languages.push(lang);
                }
            }
            _ => c.report(
                code,
                format!("unknown language `{}` (use nl or en)", code.get_ref()),
            ),
        }
    }
    if raw.languages.get_ref().is_empty() {
        c.report(
            &raw.languages,
            "`languages` must name at least one language, e.g. [\"nl\"]",
        );
    }

    let title = c.localized("`title`", &raw.title);
    let intro = c.localized("`intro`", &raw.intro);
    let audience = raw.audience.as_ref().map(|a| c.localized("`audience`", a));
    if raw.topic.get_ref().trim().is_empty() {
        c.report(&raw.topic, "`topic` may not be empty");
    }

    let zone = match &raw.timezone {
        None => jiff::tz::TimeZone::get(crate::config::outreach::DEFAULT_TIMEZONE).ok(),
        Some(tz) => {
            let zone = jiff::tz::TimeZone::get(tz.get_ref().trim()).ok();
            if zone.is_none() {
                c.report(
                    tz,
                    format!(
                        "`timezone`: `{}` is not a time zone name such as Europe/Amsterdam",
                        tz.get_ref()
                    ),
                );
            }
            zone
        }
    }
    .unwrap_or(jiff::tz::TimeZone::UTC);
    let opens = c.datetime("opens", &raw.opens, &zone);
    let closes = c.datetime("closes", &raw.closes, &zone);
    if let (Some(o), Some(cl)) = (opens, closes)
        && cl <= o
    {
        c.report(&raw.closes, "`closes` must be after `opens`");
    }

    let min_group_size = match &raw.min_group_size {
        None => DEFAULT_MIN_GROUP_SIZE,
        Some(k) if *k.get_ref() < i64::from(MIN_MIN_GROUP_SIZE) || *k.get_ref() > 1000 => {
            c.report(
                k,
                format!("`min_group_size` must be between {MIN_MIN_GROUP_SIZE} and 1000, so no one can be singled out"),
            );
            DEFAULT_MIN_GROUP_SIZE
        }
        Some(k) => u32::try_from(*k.get_ref()).unwrap_or(DEFAULT_MIN_GROUP_SIZE),
    };

    if raw.questions.get_ref().is_empty() {
        c.report(&raw.questions, "a round needs at least one question");
    }
    let mut questions: Vec<Question> = Vec::new();
    let mut seen = HashSet::new();
    for rq in raw.questions.get_ref() {
        let q = question(&mut c, rq.get_ref(), &questions);
        if let Some(q) = q {
            if !seen.insert(q.id.clone()) {
                c.report(&rq.get_ref().id, format!("question id `{}` is used twice", q.id));
                continue;
            }
            questions.push(q);
        }
    }

    let population_file = raw.population.as_ref().and_then(|p| {
        let path = p.get_ref().trim();
        if path.is_empty() {
            c.report(
                p,
                "`population` names a CSV file next to the round file, e.g. population = \"bevolking.csv\"",
            );
            return None;
        }
        if !questions.iter().any(|q| q.profile) {
            c.report(
                p,
                "`population` is compared with profile questions, but no question has `profile = true`",
            );
        }
        Some(path.to_owned())
    });
    let follows = raw
        .follows
        .as_ref()
        .and_then(|f| match RoundId::parse(f.get_ref().trim()) {
            Ok(earlier) if id.as_ref().is_ok_and(|own| *own == earlier) => {
                c.report(
                    f,
                    "`follows` names this round itself; name the earlier round it repeats",
                );
                None
            }
            Ok(earlier) => Some(earlier),
            Err(e) => {
                c.report(f, format!("`follows`: {e}"));
                None
            }
        });

    match (id, opens, closes) {
        (Ok(id), Some(opens), Some(closes)) if c.problems.is_empty() => Ok(Round {
            id,
            languages: c.languages,
            title,
            intro,
            // Labels match whatever their case ("Verkeer" is "verkeer").
            topic: raw.topic.into_inner().trim().to_lowercase(),
            phase: raw.phase.into_inner(),
            audience,
            council: raw.council.map(|s| s.into_inner().trim().to_owned()),
            opens,
            closes,
            min_group_size,
            live_results: raw.live_results.unwrap_or(false),
            questions,
            population_file,
            population: None,
            follows,
            neighbourhood: raw
                .neighbourhood
                .map(|n| n.into_inner().trim().to_lowercase())
                .filter(|n| !n.is_empty()),
        }),
        _ => Err(c.problems),
    }
}

/// Checks one question against the ones before it; `None` when it is unusable.
fn question(c: &mut Checker<'_>, rq: &RawQuestion, earlier: &[Question]) -> Option<Question> {
    let id = match QuestionId::parse(rq.id.get_ref().trim()) {
        Ok(id) => Some(id),
        Err(e) => {
            c.report(&rq.id, format!("question `id`: {e}"));
            None
        }
    };
    let label = format!("question `{}`", rq.id.get_ref());
    let text = c.localized(&format!("{label} `text`"), &rq.text);
    let help = rq
        .help
        .as_ref()
        .map(|h| c.localized(&format!("{label} `help`"), h));
    let kind_name = format!("{:?}", rq.kind.get_ref()).to_lowercase();

    // Keys that only some kinds take.
    let misplaced = |c: &mut Checker<'_>, present: bool, span: &Spanned<RawKind>, key: &str| {
        if present {
            c.report(
                span,
                format!("{label}: `{key}` does not belong to a {kind_name} question"),
            );
        }
    };
    let kind = *rq.kind.get_ref();
    if !matches!(kind, RawKind::Choice | RawKind::Multi) {
        misplaced(c, rq.options.is_some(), &rq.kind, "options");
    }
    if kind != RawKind::Scale {
        misplaced(c, rq.min.is_some(), &rq.kind, "min");
        misplaced(c, rq.max.is_some(), &rq.kind, "max");
        misplaced(c, rq.labels.is_some(), &rq.kind, "labels");
    }
    if kind != RawKind::Open {
        misplaced(c, rq.max_chars.is_some(), &rq.kind, "max_chars");
    }

    let profile = rq.profile.as_ref().is_some_and(|p| *p.get_ref());
    if let Some(p) = rq.profile.as_ref().filter(|_| profile) {
        if kind != RawKind::Choice {
            c.report(
                p,
                format!("{label}: a profile question is a choice question (one age band, one neighbourhood)"),
            );
        }
        if rq.when.is_some() {
            c.report(
                p,
                format!("{label}: a profile question is asked of everyone, so it cannot have `when`"),
            );
        }
    }

    let kind = match kind {
        RawKind::Choice | RawKind::Multi => {
            let mut options = options(c, rq, &label);
            if profile {
                rather_not_say(c, &mut options, rq, &label);
            }
            if kind == RawKind::Choice {
                QuestionKind::Choice { options }
            } else {
                QuestionKind::Multi { options }
            }
        }
        RawKind::Scale => {
            let (min, max) = match (&rq.min, &rq.max) {
                (Some(min), Some(max)) => (*min.get_ref(), *max.get_ref()),
                _ => {
                    c.report(
                        &rq.kind,
                        format!("{label}: a scale question needs `min` and `max`"),
                    );
                    (1, 5)
                }
            };
            if let Some(max_s) = &rq.max {
                if min >= max {
                    c.report(
                        max_s,
                        format!("{label}: `min` ({min}) must be smaller than `max` ({max})"),
                    );
                } else if max - min + 1 > MAX_SCALE_POINTS {
                    c.report(
                        max_s,
                        format!(
                            "{label}: a scale may have at most {MAX_SCALE_POINTS} points, this one has {}",
                            max - min + 1
                        ),
                    );
                }
            }
            let labels = rq.labels.as_ref().map(|l| scale_labels(c, l, &label));
            QuestionKind::Scale { min, max, labels }
        }
        RawKind::Yesno => QuestionKind::YesNo,
        RawKind::Open => {
            let max_chars = match &rq.max_chars {
                None => DEFAULT_MAX_CHARS,
                Some(m) if !(1..=MAX_MAX_CHARS).contains(m.get_ref()) => {
                    c.report(
                        m,
                        format!("{label}: `max_chars` must be between 1 and {MAX_MAX_CHARS}"),
                    );
                    DEFAULT_MAX_CHARS
                }
                Some(m) => *m.get_ref(),
            };
            QuestionKind::Open {
                max_chars: u32::try_from(max_chars).unwrap_or(500),
            }
        }
    };

    let when = rq.when.as_ref().and_then(|w| condition(c, w, earlier, &label));
    Some(Question {
        id: id?,
        kind,
        text,
        help,
        when,
        profile,
    })
}

/// Gives a profile question its "rather not say" option, unless the file words
/// one itself (with the id [`RATHER_NOT_SAY`]): nobody has to tell who they are.
fn rather_not_say(c: &mut Checker<'_>, options: &mut Vec<ChoiceOption>, rq: &RawQuestion, label: &str) {
    if options.iter().any(|o| o.id.as_str() == RATHER_NOT_SAY) {
        return;
    }
    if options.len() >= MAX_OPTIONS {
        c.report(
            &rq.kind,
            format!("{label}: a profile question gets a \"rather not say\" option, so it may have at most {} options of its own", MAX_OPTIONS - 1),
        );
        return;
    }
    let Ok(id) = OptionId::parse(RATHER_NOT_SAY) else {
        return;
    };
    let texts = Localizer::new().ok();
    let text = c
        .languages
        .iter()
        .map(|&lang| {
            let said = texts
                .as_ref()
                .map(|t| t.render(lang, &Text::with(Key::OptionRatherNotSay, vec![])))
                .unwrap_or_else(|| "—".to_owned());
            (lang, said)
        })
        .collect();
    options.push(ChoiceOption {
        id,
        text: LocalizedText(text),
    });
}

fn options(c: &mut Checker<'_>, rq: &RawQuestion, label: &str) -> Vec<ChoiceOption> {
    let Some(raw) = &rq.options else {
        c.report(
            &rq.kind,
            format!("{label}: a {:?} question needs `options`", rq.kind.get_ref()).to_lowercase(),
        );
        return Vec::new();
    };
    if raw.get_ref().len() < 2 {
        c.report(raw, format!("{label}: give at least two options"));
    }
    if raw.get_ref().len() > MAX_OPTIONS {
        c.report(raw, format!("{label}: at most {MAX_OPTIONS} options fit a chat"));
    }
    let mut out: Vec<ChoiceOption> = Vec::new();
    for ro in raw.get_ref() {
        let ro = ro.get_ref();
        let text = c.localized(&format!("{label} option `{}`", ro.id.get_ref()), &ro.text);
        match OptionId::parse(ro.id.get_ref().trim()) {
            Ok(id) if out.iter().any(|o| o.id == id) => {
                c.report(&ro.id, format!("{label}: option id `{id}` is used twice"));
            }
            Ok(id) => out.push(ChoiceOption { id, text }),
            Err(e) => c.report(&ro.id, format!("{label} option `id`: {e}")),
        }
    }
    out
}

fn scale_labels(
    c: &mut Checker<'_>,
    raw: &Spanned<BTreeMap<String, Vec<String>>>,
    label: &str,
) -> ScaleLabels {
    let mut low = BTreeMap::new();
    let mut high = BTreeMap::new();
    for (code, pair) in raw.get_ref() {
        let lang = match Lang::parse(code) {
            Ok(l) if c.languages.contains(&l) && l.code() == code => l,
            _ => {
                c.report(
                    raw,
                    format!("{label} `labels`: `{code}` is not one of the round's languages"),
                );
                continue;
            }
        };
        if let [lo, hi] = pair.as_slice() {
            low.insert(lang, lo.trim().to_owned());
            high.insert(lang, hi.trim().to_owned());
        } else {
            c.report(
                raw,
                format!("{label} `labels`: `{code}` needs exactly two labels, for the lowest and the highest value"),
            );
        }
    }
    for lang in c.languages.clone() {
        if !raw.get_ref().contains_key(lang.code()) {
            c.report(
                raw,
                format!("{label} `labels`: the `{lang}` translation is missing"),
            );
        }
    }
    ScaleLabels {
        low: LocalizedText(low),
        high: LocalizedText(high),
    }
}

fn condition(
    c: &mut Checker<'_>,
    w: &Spanned<super::raw::RawWhen>,
    earlier: &[Question],
    label: &str,
) -> Option<Condition> {
    let w = w.get_ref();
    let target_name = w.question.get_ref().trim();
    let Some(target) = earlier.iter().find(|q| q.id.as_str() == target_name) else {
        c.report(
            &w.question,
            format!("{label}: `when` refers to `{target_name}`, which is not an earlier question (a follow-up must come after the question it depends on)"),
        );
        return None;
    };
    if w.values.get_ref().is_empty() {
        c.report(&w.values, format!("{label}: `when.in` needs at least one value"));
        return None;
    }
    let question = target.id.clone();
    match &target.kind {
        QuestionKind::Scale { min, max, .. } => {
            let mut values = Vec::new();
            for v in w.values.get_ref() {
                match v.get_ref().as_integer() {
                    Some(n) if (*min..=*max).contains(&n) => values.push(n),
                    Some(n) => c.report(v, format!("{label}: `when` value {n} can never happen: `{question}` runs from {min} to {max}")),
                    None => c.report(v, format!("{label}: `when` on a scale question takes whole numbers")),
                }
            }
            Some(Condition::Scale { question, values })
        }
        QuestionKind::Choice { options } | QuestionKind::Multi { options } => {
            let mut chosen = Vec::new();
            for v in w.values.get_ref() {
                match v.get_ref().as_str() {
                    Some(s) => match options.iter().find(|o| o.id.as_str() == s) {
                        Some(o) => chosen.push(o.id.clone()),
                        None => c.report(
                            v,
                            format!("{label}: `when` value `{s}` is not an option of `{question}`"),
                        ),
                    },
                    None => c.report(
                        v,
                        format!("{label}: `when` on a choice question takes option ids"),
                    ),
                }
            }
            Some(Condition::Options {
                question,
                options: chosen,
            })
        }
        QuestionKind::YesNo => {
            let mut value = None;
            for v in w.values.get_ref() {
                let b = match v.get_ref() {
                    toml::Value::Boolean(b) => Some(*b),
                    toml::Value::String(s) if matches!(s.as_str(), "yes" | "ja") => Some(true),
                    toml::Value::String(s) if matches!(s.as_str(), "no" | "nee") => Some(false),
                    _ => None,
                };
                match (b, value) {
                    (None, _) => c.report(
                        v,
                        format!("{label}: `when` on a yes/no question takes true or false"),
                    ),
                    (Some(b), Some(prev)) if prev != b => c.report(
                        v,
                        format!(
                            "{label}: `when` lists both yes and no, so it always holds; leave `when` out"
                        ),
                    ),
                    (Some(b), _) => value = Some(b),
                }
            }
            value.map(|value| Condition::YesNo { question, value })
        }
        QuestionKind::Open { .. } => {
            c.report(
                &w.question,
                format!("{label}: `when` cannot depend on the open question `{question}`"),
            );
            None
        }
    }
}
