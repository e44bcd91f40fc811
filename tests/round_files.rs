//! Round files: every kind of mistake an official can make gets a message with
//! file, line and column (where the parser knows them), and `round check` fails.

use meepraten::round_file::parse;

use crate::support::{PLEIN_EXAMPLE, WMO_EXAMPLE, Workspace, repo, stderr, stdout};

const VALID: &str = r#"id = "r1"
languages = ["nl", "en"]
title = { nl = "Titel", en = "Title" }
intro = { nl = "Intro", en = "Intro" }
topic = "wmo"
phase = "agenda"
opens = 2027-01-11T09:00:00+01:00
closes = 2027-01-25T17:00:00+01:00

[[questions]]
id = "tevreden"
kind = "scale"
text = { nl = "Hoe tevreden?", en = "How happy?" }
min = 1
max = 5

[[questions]]
id = "beter"
kind = "open"
text = { nl = "Wat kan beter?", en = "What could be better?" }
when = { question = "tevreden", in = [1, 2] }
"#;

/// Parses `text` and returns the rendered diagnostics.
fn problems(text: &str) -> String {
    match parse("round.toml", text.as_bytes()) {
        Ok(_) => String::new(),
        Err(d) => d.to_string(),
    }
}

#[test]
fn the_valid_base_and_both_examples_pass() {
    assert_eq!(problems(VALID), "");
    for example in [WMO_EXAMPLE, PLEIN_EXAMPLE] {
        let text = std::fs::read(repo(example)).unwrap();
        let round = parse(example, &text).unwrap_or_else(|d| panic!("{d}"));
        assert!(
            round.questions.iter().any(|q| q.when.is_some()),
            "{example} shows a follow-up"
        );
        assert_eq!(round.languages.len(), 2);
    }
}

#[test]
fn each_mistake_is_named_with_line_and_column() {
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "malformed toml",
            VALID.replace(r#"topic = "wmo""#, r#"topic = "wmo"#),
            "round.toml:5:",
        ),
        (
            "unknown key, named",
            VALID.replace(r#"topic = "wmo""#, "topic = \"wmo\"\ncolour = \"blue\""),
            "round.toml:6:1: error: unknown key `colour`",
        ),
        (
            "a misspelt key, not also called missing",
            VALID.replace(r#"topic = "wmo""#, r#"topik = "wmo""#),
            "round.toml:5:1: error: unknown key `topik`: did you mean `topic`?",
        ),
        (
            "unknown key in a question",
            VALID.replace("min = 1", "minimum = 1"),
            "round.toml:14:1: error: question `tevreden`: unknown key `minimum`; known keys here",
        ),
        (
            "a misspelt key in a question",
            VALID.replace("max = 5", "mx = 5"),
            "error: question `tevreden`: unknown key `mx`: did you mean `max`?",
        ),
        (
            "a misspelt question kind",
            VALID.replace(r#"kind = "scale""#, r#"kind = "scael""#),
            "round.toml:12:8: error: question `tevreden`: `scael` is not allowed here: did you mean `scale`?",
        ),
        (
            "unknown question kind",
            VALID.replace(r#"kind = "scale""#, r#"kind = "slider""#),
            "round.toml:12:8: error: question `tevreden`: `slider` is not allowed here; use",
        ),
        (
            "duplicate question id",
            VALID.replace(r#"id = "beter""#, r#"id = "tevreden""#),
            "round.toml:18:6: error: question id `tevreden` is used twice",
        ),
        (
            "when points to a later question",
            VALID
                .replace(r#"when = { question = "tevreden", in = [1, 2] }"#, "")
                .replace("max = 5", "max = 5\nwhen = { question = \"beter\", in = [1] }"),
            "round.toml:16:21: error: question `tevreden`: `when` refers to `beter`, which is not an earlier question",
        ),
        (
            "when points to a missing question",
            VALID.replace(r#"question = "tevreden", in"#, r#"question = "tevredn", in"#),
            "round.toml:21:21: error: question `beter`: `when` refers to `tevredn`",
        ),
        (
            "impossible when value",
            VALID.replace("in = [1, 2]", "in = [1, 9]"),
            "round.toml:21:42: error: question `beter`: `when` value 9 can never happen: `tevreden` runs from 1 to 5",
        ),
        (
            "closes before opens",
            VALID.replace("closes = 2027-01-25", "closes = 2027-01-05"),
            "round.toml:8:10: error: `closes` must be after `opens`",
        ),
        (
            "missing translation",
            VALID.replace(
                r#"text = { nl = "Wat kan beter?", en = "What could be better?" }"#,
                r#"text = { nl = "Wat kan beter?" }"#,
            ),
            "round.toml:20:8: error: question `beter` `text`: the `en` translation is missing",
        ),
        (
            "min not below max",
            VALID.replace("min = 1", "min = 5"),
            "round.toml:15:7: error: question `tevreden`: `min` (5) must be smaller than `max` (5)",
        ),
        (
            "a date without a time",
            VALID.replace("opens = 2027-01-11T09:00:00+01:00", "opens = 2027-01-11"),
            "round.toml:7:9: error: `opens` needs a date and a time",
        ),
        (
            "a time zone that does not exist",
            VALID.replace(
                "opens = 2027-01-11T09:00:00+01:00",
                "timezone = \"Europe/Amsterdan\"\nopens = 2027-01-11T09:00:00+01:00",
            ),
            "round.toml:7:12: error: `timezone`: `Europe/Amsterdan` is not a time zone name",
        ),
        (
            "a bad round id",
            VALID.replace(r#"id = "r1""#, r#"id = "Ronde 1""#),
            "round.toml:1:6: error: round `id`: `Ronde 1` may only hold lowercase letters",
        ),
        (
            "options on a scale",
            VALID.replace("min = 1", "options = []\nmin = 1"),
            "does not belong to a scale question",
        ),
        (
            "empty file",
            String::new(),
            "round.toml: error: the file is empty",
        ),
        (
            "only comments",
            "# nothing here\n".to_owned(),
            "round.toml: error: the file is empty",
        ),
    ];
    for (name, text, want) in cases {
        let got = problems(&text);
        assert!(got.contains(want), "{name}: expected `{want}` in:\n{got}");
    }
    let misspelt = problems(&VALID.replace(r#"topic = "wmo""#, r#"topik = "wmo""#));
    assert!(
        !misspelt.contains("`topic` is missing"),
        "one mistake, one message: {misspelt}"
    );
    // Too far from any key for a guess: the list of keys instead.
    let far = problems(&VALID.replace(r#"topic = "wmo""#, "topic = \"wmo\"\nkleur = \"blauw\""));
    assert!(
        far.contains("unknown key `kleur`; a round file knows: id,"),
        "{far}"
    );
}

#[test]
fn local_times_are_dutch_time_unless_the_file_names_a_zone() {
    let at = |replace: &str| {
        let text = VALID.replace("opens = 2027-01-11T09:00:00+01:00", replace);
        parse("round.toml", text.as_bytes())
            .unwrap_or_else(|d| panic!("{d}"))
            .opens
    };
    // Winter: 09:00 in Amsterdam is 08:00 UTC; summer: 07:00 UTC.
    assert_eq!(
        at("opens = 2027-01-11T09:00:00"),
        time::macros::datetime!(2027-01-11 08:00 UTC)
    );
    assert_eq!(
        at("opens = 2026-12-01T09:00:00"),
        time::macros::datetime!(2026-12-01 08:00 UTC)
    );
    assert_eq!(
        at("timezone = \"Europe/London\"\nopens = 2027-01-11T09:00:00"),
        time::macros::datetime!(2027-01-11 09:00 UTC)
    );
    // A written offset wins.
    assert_eq!(
        at("opens = 2027-01-11T09:00:00+00:00"),
        time::macros::datetime!(2027-01-11 09:00 UTC)
    );
}

#[test]
fn all_problems_of_shape_are_reported_together_in_plain_words() {
    // A wrong type, a misspelt key, a kind that does not exist, a missing key in
    // a question: all four at once, none in serde's words.
    let text = VALID
        .replacen(
            r#"title = { nl = "Titel", en = "Title" }"#,
            r#"title = "Titel""#,
            1,
        )
        .replacen("topic =", "onderwerp =", 1)
        .replacen(r#"kind = "scale""#, r#"kind = "schaal""#, 1);
    let got = problems(&text);
    assert!(got.contains("`title`: expected a table"), "{got}");
    assert!(got.contains("unknown key `onderwerp`"), "{got}");
    assert!(got.contains("`topic` is missing"), "{got}");
    assert!(
        got.contains("`schaal` is not allowed here; use `choice`"),
        "{got}"
    );
    for serde_words in [
        "invalid type",
        "expected a map",
        "unknown variant",
        "unknown field",
    ] {
        assert!(!got.contains(serde_words), "{serde_words} in:\n{got}");
    }
}

#[test]
fn all_semantic_problems_are_reported_together() {
    let text = VALID
        .replace("closes = 2027-01-25", "closes = 2027-01-05")
        .replace("min = 1", "min = 7")
        .replace(r#"en = "Title""#, r#"de = "Titel""#);
    let got = problems(&text);
    assert_eq!(got.lines().count(), 6, "{got}");
    assert!(got.contains("`closes` must be after `opens`"));
    assert!(got.contains("`min` (7) must be smaller than `max` (5)"));
    assert!(got.contains("`title`: `de` is not one of the round's languages"));
    assert!(got.contains("`title`: the `en` translation is missing"));
    assert!(
        got.contains("`when` value 1 can never happen") || got.contains("`when` value 2 can never happen")
    );
}

#[test]
fn raw_bytes_that_are_not_utf8_get_a_position() {
    let mut bytes = b"id = \"r1\"\ntitle = \"caf".to_vec();
    bytes.push(0xff);
    let d = parse("round.toml", &bytes).unwrap_err().to_string();
    assert_eq!(
        d,
        "round.toml:2:13: error: the file is not valid UTF-8 text; save it as UTF-8"
    );
}

#[test]
fn round_check_reports_on_the_command_line_and_fails() {
    let ws = Workspace::new();
    let good = ws.write("good.toml", VALID);
    let bad = ws.write("bad.toml", VALID.replace("min = 1", "min = 5"));
    let huge = ws.write("huge.toml", vec![b'#'; 10 * 1024 * 1024]);
    let out = ws.run(&["round", "check", good.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("ok: round `r1` with 2 questions in nl, en"));

    let out = ws.run(&[
        "round",
        "check",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
        huge.to_str().unwrap(),
        "missing.toml",
    ]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("bad.toml:15:7: error: question `tevreden`: `min` (5) must be smaller than `max` (5)"),
        "{err}"
    );
    assert!(
        err.contains("huge.toml: error: the file is 10485760 bytes; a round file may be at most"),
        "{err}"
    );
    assert!(err.contains("missing.toml: error: cannot read the file"), "{err}");
    assert!(!ws.database().exists(), "check stores nothing");
}

#[test]
fn round_check_flags_texts_above_plain_language_and_passes_the_examples() {
    let ws = Workspace::new();
    let hard = ws.write(
        "hard.toml",
        VALID
            .replace(
                "intro = { nl = \"Intro\", en = \"Intro\" }",
                "intro = { nl = \"Teneinde de kwaliteit van de dienstverlening inzake huishoudelijke ondersteuning te kunnen waarborgen, wordt u middels deze vragenlijst verzocht uw ervaringen kenbaar te maken.\", en = \"Tell us what you think.\" }",
            )
            .replace("Hoe tevreden?", "Hoe tevreden bent u over de hulp bij het huishouden die u sinds vorig jaar van de gemeente krijgt?"),
    );
    // A warning by default, naming the text and what to change.
    let out = ws.run(&["round", "check", hard.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("warning: intro (nl): sentence of"), "{said}");
    // Each warning points at its text, as errors do: line and column.
    let written = std::fs::read_to_string(&hard).unwrap();
    let offset = written.find("\"Teneinde").unwrap() + 1;
    let line = written[..offset].matches('\n').count() + 1;
    let column = written[..offset].rsplit('\n').next().unwrap().chars().count() + 1;
    assert!(
        said.contains(&format!("hard.toml:{line}:{column}: warning: intro (nl)")),
        "{line}:{column}: {said}"
    );
    assert!(
        said.contains("warning: question `tevreden` (nl): sentence of"),
        "{said}"
    );
    assert!(said.contains("\"Teneinde\" is officialese"), "{said}");
    assert!(said.contains("passive"), "{said}");
    assert!(!said.contains("(en)"), "the plain English texts pass: {said}");
    // --strict refuses.
    let strict = ws.run(&["round", "check", "--strict", hard.to_str().unwrap()]);
    assert!(!strict.status.success());
    assert!(
        stderr(&strict).contains("error: intro (nl)"),
        "{}",
        stderr(&strict)
    );
    // The bundled examples are plain.
    for example in [
        WMO_EXAMPLE,
        PLEIN_EXAMPLE,
        "examples/rounds/huishoudelijke-hulp-2028.toml",
    ] {
        let out = ws.run(&["round", "check", "--strict", repo(example).to_str().unwrap()]);
        assert!(out.status.success(), "{example}: {}", stderr(&out));
        assert!(stderr(&out).is_empty(), "{example}: {}", stderr(&out));
    }
}
