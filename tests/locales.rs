//! Every text the bot says exists in every language and formats cleanly.

use std::collections::BTreeSet;

use meepraten::domain::Lang;
use meepraten::engine::Arg;
use meepraten::i18n::{AREAS, Key, Localizer};
use time::macros::datetime;

use crate::support::repo;

/// Every argument any message takes, with a sample value.
fn sample_args() -> Vec<(&'static str, Arg)> {
    let mut args: Vec<(&'static str, Arg)> = [
        "number",
        "total",
        "count",
        "fewest",
        "min",
        "max",
        "length",
        "started",
        "completed",
        "k",
        "day",
    ]
    .into_iter()
    .map(|n| (n, Arg::Num(3)))
    .collect();
    args.extend(
        [
            "title",
            "answer",
            "low",
            "high",
            "command",
            "code",
            "month",
            "year",
            "round",
            "topic",
            "phase",
            "state",
            "opens",
            "closes",
            "council",
            "audience",
            "suppressed",
            "answered",
            "skipped",
            "asked",
            "votes",
            "polls",
            "id",
            "reason",
            "mean",
            "median",
            "step",
            "days",
            "time",
            "below",
            "mark",
            "opened",
            "closed",
            "intro",
            "link",
            "list",
            "channel",
            "size",
            "source",
            "ratio",
            "similarity",
            "question",
            "status",
            "earlier",
            "now",
            "period",
            "returning",
            "part",
            "percent",
            "answers",
            "area",
            "text",
        ]
        .into_iter()
        .map(|n| (n, Arg::Str(format!("<{n}>")))),
    );
    args.push(("date", Arg::Date(datetime!(2027-01-25 17:00 +01:00))));
    args
}

#[test]
fn every_key_formats_in_every_language() {
    let texts = Localizer::new().expect("locales parse");
    let args = sample_args();
    for lang in Lang::ALL {
        for key in Key::ALL {
            assert!(texts.has(lang, *key), "{lang}: missing `{}`", key.id());
            let (out, errors) = texts.format(lang, *key, &args);
            assert!(errors.is_empty(), "{lang} `{}`: {errors:?}", key.id());
            assert!(!out.trim().is_empty(), "{lang} `{}` is empty", key.id());
            assert!(!out.contains('\u{2068}'), "no isolation marks in chat text");
        }
    }
    assert_eq!(
        texts.date(Lang::Nl, datetime!(2027-01-25 17:00 +01:00)),
        "25 januari 2027"
    );
    assert_eq!(
        texts.date(Lang::En, datetime!(2027-03-01 9:00 +01:00)),
        "1 March 2027"
    );
}

#[test]
fn locale_folders_hold_the_same_files_and_no_orphan_messages() {
    let known: BTreeSet<&str> = Key::ALL.iter().map(|k| k.id()).collect();
    let expected_files: BTreeSet<String> = AREAS.iter().map(|a| format!("{a}.ftl")).collect();
    for lang in Lang::ALL {
        let dir = repo(&format!("locales/{}", lang.code()));
        let files: BTreeSet<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(files, expected_files, "{lang}: locale files");
        let mut ids = BTreeSet::new();
        for f in &files {
            let text = std::fs::read_to_string(dir.join(f)).unwrap();
            for line in text.lines() {
                if let Some((id, _)) = line.split_once(" =")
                    && !id.starts_with(['#', ' ', '*', '['])
                    && !id.is_empty()
                {
                    assert!(known.contains(id), "{lang}/{f}: `{id}` is not a Key");
                    ids.insert(id.to_owned());
                }
            }
        }
        assert_eq!(ids.len(), known.len(), "{lang}: every Key has a message");
    }
}

#[test]
fn the_languages_are_really_translated() {
    let texts = Localizer::new().unwrap();
    let args = sample_args();
    let same: Vec<&str> = Key::ALL
        .iter()
        .filter(|k| texts.format(Lang::Nl, **k, &args).0 == texts.format(Lang::En, **k, &args).0)
        .map(|k| k.id())
        .collect();
    // Only language-neutral texts may coincide.
    let allowed = [
        "round-title",
        "language-choose",
        "date",
        "summary-col-percent",
        "summary-state-open",
        "report-fact-state",
        "month-9",
        "month-11",
        "month-12",
    ];
    for id in &same {
        assert!(allowed.contains(id), "`{id}` is the same in Dutch and English");
    }
}
