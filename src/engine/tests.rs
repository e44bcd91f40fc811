//! Table tests for the engine: named conversations, each a list of inputs with
//! the message keys and effects expected after every one.

use time::macros::datetime;

use super::*;
use crate::domain::{OptionId, QuestionId};

const ROUND: &str = r#"
id = "test-round"
languages = ["nl", "en"]
topic = "wmo"
phase = "agenda"
opens = 2027-01-11T09:00:00+01:00
closes = 2027-01-25T17:00:00+01:00
title = { nl = "Testronde", en = "Test round" }
intro = { nl = "Intro", en = "Intro" }

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
max_chars = 50
when = { question = "tevreden", in = [1, 2] }

[[questions]]
id = "vervoer"
kind = "multi"
text = { nl = "Welk vervoer?", en = "Which transport?" }
options = [
  { id = "bus", text = { nl = "Bus", en = "Bus" } },
  { id = "taxi", text = { nl = "Taxi", en = "Taxi" } },
  { id = "fiets", text = { nl = "Fiets", en = "Bike" } },
]

[[questions]]
id = "hulp"
kind = "yesno"
text = { nl = "Hulp nodig?", en = "Need help?" }
"#;

fn round() -> Round {
    crate::round_file::parse("test.toml", ROUND.as_bytes()).expect("test round is valid")
}

const DURING: OffsetDateTime = datetime!(2027-01-12 10:00 +01:00);
const AFTER: OffsetDateTime = datetime!(2027-01-26 10:00 +01:00);

fn q(id: &str) -> QuestionId {
    QuestionId::parse(id).unwrap()
}

fn keys(step: &Step) -> Vec<Key> {
    step.replies
        .iter()
        .flat_map(|r| r.lines.iter())
        .filter_map(|t| match t {
            Text::Msg { key, .. } => Some(*key),
            Text::Plain(_) | Text::Results(_) => None,
        })
        .collect()
}

fn text(s: &str) -> Input {
    Input::from_text(s)
}

fn button(a: ButtonAction) -> Input {
    Input::Button(a.encode())
}

/// Runs inputs in order, returning every step.
fn converse(round: &Round, state: RoundState, now: OffsetDateTime, inputs: &[Input]) -> Vec<Step> {
    let views = [RoundView { round, state }];
    let ctx = Context {
        retention_days: 90,
        now,
        rounds: &views,
        personal_data_removed: false,
        reach: Reach::default(),
    };
    let mut conv = Conversation::new(Lang::Nl);
    let mut steps = Vec::new();
    for input in inputs {
        let s = step(&ctx, &conv, input);
        conv = s.next.clone();
        steps.push(s);
    }
    steps
}

fn current(step: &Step) -> Option<&str> {
    match &step.next.stage {
        Stage::Answering(p) => Some(p.current.as_str()),
        _ => None,
    }
}

fn recorded(step: &Step) -> Vec<(String, AnswerValue)> {
    step.effects
        .iter()
        .filter_map(|e| match e {
            Effect::RecordAnswer { question, answer, .. } => Some((question.to_string(), answer.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn first_message_introduces_the_round_and_asks_the_first_question() {
    let r = round();
    let steps = converse(&r, RoundState::Open, DURING, &[text("hoi")]);
    let k = keys(&steps[0]);
    assert!(k.contains(&Key::Welcome) && k.contains(&Key::PhaseAgenda));
    // The test round has one follow-up among four: "3 to 4 questions", as the
    // count in "question 2 of 3" follows the answers.
    let how = steps[0]
        .replies
        .iter()
        .flat_map(|r| &r.lines)
        .find_map(|l| match l {
            Text::Msg {
                key: Key::RoundHowItWorksRange,
                args,
            } => Some(args.clone()),
            _ => None,
        })
        .expect("the range of questions");
    assert_eq!(how, vec![("fewest", Arg::Num(3)), ("count", Arg::Num(4))]);
    assert_eq!(current(&steps[0]), Some("tevreden"));
    // Beginning clears any response still standing under the resident's key
    // (after /vergeet), so old and new answers never mix.
    assert_eq!(steps[0].effects, vec![Effect::ResetResponse { round: r.id }]);
}

#[test]
fn a_low_score_brings_the_follow_up_and_a_high_score_passes_it() {
    let r = round();
    let low = converse(&r, RoundState::Open, DURING, &[text("/start"), text("2")]);
    assert_eq!(current(&low[1]), Some("beter"));
    assert_eq!(
        recorded(&low[1]),
        vec![("tevreden".into(), AnswerValue::Scale(2))]
    );
    let high = converse(&r, RoundState::Open, DURING, &[text("/start"), text("4")]);
    assert_eq!(current(&high[1]), Some("vervoer"));
}

#[test]
fn invalid_answers_get_a_friendly_retry_and_store_nothing() {
    let r = round();
    let too_long = "x".repeat(100_000);
    let cases: Vec<(&str, Vec<Input>, Key, &str)> = vec![
        (
            "out of range",
            vec![text("/start"), text("9")],
            Key::InvalidScale,
            "tevreden",
        ),
        (
            "words for a number",
            vec![text("/start"), text("heel goed")],
            Key::InvalidScale,
            "tevreden",
        ),
        (
            "too long",
            vec![text("/start"), text("1"), text(&too_long)],
            Key::OpenTooLong,
            "beter",
        ),
        (
            "emoji only",
            vec![text("/start"), text("1"), text("👍👍")],
            Key::OpenNoWords,
            "beter",
        ),
        (
            "control characters only",
            vec![text("/start"), text("1"), text("\u{7}\u{1b}")],
            Key::EmptyMessage,
            "beter",
        ),
        (
            "unknown option",
            vec![text("/start"), text("5"), text("raket")],
            Key::InvalidMulti,
            "vervoer",
        ),
        (
            "neither yes nor no",
            vec![text("/start"), text("5"), text("1, 2"), text("misschien")],
            Key::InvalidYesNo,
            "hulp",
        ),
        (
            "a sticker",
            vec![text("/start"), Input::Unsupported],
            Key::UnsupportedMessage,
            "tevreden",
        ),
        (
            "an unknown command",
            vec![text("/start"), text("/frobnicate")],
            Key::UnknownCommand,
            "tevreden",
        ),
        (
            "a forged button",
            vec![text("/start"), Input::Button("a:tevreden:99".into())],
            Key::StaleButton,
            "tevreden",
        ),
        (
            "a button of another question",
            vec![text("/start"), button(ButtonAction::Skip { question: q("hulp") })],
            Key::StaleButton,
            "tevreden",
        ),
        (
            "garbage payload",
            vec![text("/start"), Input::Button("💥".into())],
            Key::StaleButton,
            "tevreden",
        ),
    ];
    for (name, inputs, key, still_at) in cases {
        let steps = converse(&r, RoundState::Open, DURING, &inputs);
        let last = steps.last().unwrap();
        assert!(keys(last).contains(&key), "{name}: {:?}", keys(last));
        assert!(recorded(last).is_empty(), "{name} stored something");
        assert_eq!(current(last), Some(still_at), "{name}");
    }
}

#[test]
fn multi_choice_by_buttons_and_by_numbers() {
    let r = round();
    let toggle = |o: &str| {
        button(ButtonAction::Toggle {
            question: q("vervoer"),
            option: OptionId::parse(o).unwrap(),
        })
    };
    let steps = converse(
        &r,
        RoundState::Open,
        DURING,
        &[
            text("/start"),
            text("5"),
            toggle("taxi"),
            toggle("bus"),
            toggle("taxi"),
            toggle("fiets"),
            button(ButtonAction::Done {
                question: q("vervoer"),
            }),
        ],
    );
    let bus_fiets = AnswerValue::Multi(vec![
        OptionId::parse("bus").unwrap(),
        OptionId::parse("fiets").unwrap(),
    ]);
    assert_eq!(
        recorded(steps.last().unwrap()),
        vec![("vervoer".into(), bus_fiets.clone())]
    );
    let typed = converse(
        &r,
        RoundState::Open,
        DURING,
        &[text("/start"), text("5"), text("3, 1")],
    );
    assert_eq!(
        recorded(typed.last().unwrap()),
        vec![("vervoer".into(), bus_fiets)]
    );
    let empty = converse(
        &r,
        RoundState::Open,
        DURING,
        &[text("/start"), text("5"), text("klaar")],
    );
    assert!(keys(empty.last().unwrap()).contains(&Key::MultiNothingChosen));
}

#[test]
fn skip_back_and_change_an_answer_drops_a_follow_up_that_no_longer_applies() {
    let r = round();
    let steps = converse(
        &r,
        RoundState::Open,
        DURING,
        &[
            text("/start"),
            text("1"),                    // tevreden = 1 -> follow-up
            text("De hulp komt te laat"), // beter
            text("/overslaan"),           // vervoer skipped
            text("/terug"),               // back to vervoer
            text("/terug"),               // back to beter
            text("/terug"),               // back to tevreden, shows the earlier answer
            text("5"),                    // change: the follow-up no longer applies
        ],
    );
    assert_eq!(
        recorded(&steps[3]),
        vec![("vervoer".into(), AnswerValue::Skipped)]
    );
    assert_eq!(current(&steps[6]), Some("tevreden"));
    assert!(keys(&steps[6]).contains(&Key::CurrentAnswer));
    let last = steps.last().unwrap();
    assert!(last.effects.contains(&Effect::ClearAnswer {
        round: r.id.clone(),
        question: q("beter")
    }));
    assert_eq!(current(last), Some("vervoer"));
    let back_at_start = converse(&r, RoundState::Open, DURING, &[text("/start"), text("/terug")]);
    assert!(keys(&back_at_start[1]).contains(&Key::FirstQuestion));
}

/// A resident answers every question (steps 0 to 3), sends /wijzig (step 4),
/// then `then`.
fn finished_then_change(then: Vec<Input>) -> Vec<Input> {
    let mut inputs = vec![
        text("/start"),
        text("4"),
        text("1, 2"),
        text("ja"),
        text("/wijzig"),
    ];
    inputs.extend(then);
    inputs
}

#[test]
fn finishing_completes_the_response_and_change_reopens_it() {
    let r = round();
    let steps = converse(
        &r,
        RoundState::Open,
        DURING,
        &finished_then_change(vec![button(ButtonAction::Keep {
            question: q("tevreden"),
        })]),
    );
    assert!(
        steps[3]
            .effects
            .contains(&Effect::CompleteResponse { round: r.id })
    );
    assert!(matches!(steps[3].next.stage, Stage::Finished { .. }));
    assert_eq!(current(&steps[4]), Some("tevreden"));
    assert_eq!(current(&steps[5]), Some("vervoer"));
    assert!(
        steps[5].effects.is_empty(),
        "keeping an answer stores nothing new"
    );
}

/// Fifteenth trial: a resident who finished, changed a score so a follow-up
/// came up, and stopped there left a finished response without it, and every
/// figure of the round was hidden at the close.
#[test]
fn a_follow_up_a_change_brings_up_counts_as_skipped_until_answered() {
    let r = round();
    let steps = converse(
        &r,
        RoundState::Open,
        DURING,
        &finished_then_change(vec![text("2"), text("Vaker dezelfde hulp")]),
    );
    assert!(matches!(steps[3].next.stage, Stage::Finished { .. }));
    assert_eq!(current(&steps[5]), Some("beter"));
    assert_eq!(
        recorded(&steps[5]),
        vec![
            ("tevreden".into(), AnswerValue::Scale(2)),
            ("beter".into(), AnswerValue::Skipped)
        ]
    );
    assert_eq!(
        recorded(&steps[6]),
        vec![("beter".into(), AnswerValue::Open("Vaker dezelfde hulp".into()))]
    );
    // While answering for the first time a follow-up is simply asked.
    let first = converse(&r, RoundState::Open, DURING, &[text("/start"), text("2")]);
    assert_eq!(
        recorded(&first[1]),
        vec![("tevreden".into(), AnswerValue::Scale(2))]
    );
}

#[test]
fn a_closed_round_refuses_answers_politely() {
    let r = round();
    let views = [RoundView {
        round: &r,
        state: RoundState::Open,
    }];
    let during = Context {
        retention_days: 90,
        now: DURING,
        rounds: &views,
        personal_data_removed: false,
        reach: Reach::default(),
    };
    let started = step(&during, &Conversation::new(Lang::Nl), &text("/start"));
    for (name, state, now) in [
        ("past closes", RoundState::Open, AFTER),
        ("closed", RoundState::Closed, DURING),
    ] {
        let views = [RoundView { round: &r, state }];
        let ctx = Context {
            retention_days: 90,
            now,
            rounds: &views,
            personal_data_removed: false,
            reach: Reach::default(),
        };
        // Closed before its planned end: no date in the future is named.
        let closed = if now >= r.closes {
            Key::RoundClosed
        } else {
            Key::RoundClosedEarly
        };
        let s = step(&ctx, &started.next, &text("3"));
        assert!(keys(&s).contains(&closed), "{name}");
        assert!(s.effects.is_empty(), "{name}");
        assert_eq!(s.next.stage, Stage::Idle, "{name}");
        // The link again: the resident was answering this round.
        let deep_link = step(&ctx, &started.next, &text("/start test-round"));
        assert!(keys(&deep_link).contains(&closed), "{name}");
        // Someone who never took part (an old poster's link; fifteenth trial)
        // has no answers that count.
        let newcomer = step(&ctx, &Conversation::new(Lang::Nl), &text("/start test-round"));
        assert!(keys(&newcomer).contains(&Key::RoundClosedNewcomer), "{name}");
        assert!(!keys(&newcomer).contains(&closed), "{name}");
    }
}

#[test]
fn drafts_and_unknown_rounds_stay_invisible() {
    let r = round();
    let steps = converse(&r, RoundState::Draft, DURING, &[text("/start test-round")]);
    let k = keys(&steps[0]);
    assert!(
        k.contains(&Key::RoundUnknown) && k.contains(&Key::NoOpenRounds),
        "{k:?}"
    );
    let steps = converse(&r, RoundState::Open, DURING, &[text("/start bestaat-niet")]);
    assert!(keys(&steps[0]).contains(&Key::RoundUnknown));
    assert_eq!(
        current(&steps[0]),
        Some("tevreden"),
        "falls back to the open round"
    );
}

#[test]
fn side_commands_keep_the_place() {
    let r = round();
    for cmd in ["/hulp", "/privacy", "/taal en", "/taal"] {
        let steps = converse(
            &r,
            RoundState::Open,
            DURING,
            &[text("/start"), text("4"), text(cmd)],
        );
        let last = steps.last().unwrap();
        assert!(last.effects.is_empty(), "{cmd}");
        assert_eq!(current(last), Some("vervoer"), "{cmd}");
    }
    let en = converse(
        &r,
        RoundState::Open,
        DURING,
        &[text("/start"), text("/language en")],
    );
    assert_eq!(en[1].next.lang, Lang::En);
    let bad = converse(&r, RoundState::Open, DURING, &[text("/taal klingon")]);
    assert!(keys(&bad[0]).contains(&Key::LanguageUnknown));
}

#[test]
fn stop_and_forget() {
    let r = round();
    let stopped = converse(
        &r,
        RoundState::Open,
        DURING,
        &[text("/start"), text("4"), text("/stop"), text("hallo")],
    );
    assert_eq!(stopped[2].next.stage, Stage::Stopped);
    assert!(keys(&stopped[3]).contains(&Key::StoppedHint));
    let forgot = converse(
        &r,
        RoundState::Open,
        DURING,
        &[text("/start"), text("4"), text("/vergeet")],
    );
    assert_eq!(
        forgot[2].effects,
        vec![Effect::DiscardResponse { round: r.id }, Effect::ForgetResident]
    );
}

#[test]
fn a_choice_between_open_rounds() {
    let a = round();
    let mut b = round();
    b.id = crate::domain::RoundId::parse("second-round").unwrap();
    let views = [
        RoundView {
            round: &a,
            state: RoundState::Open,
        },
        RoundView {
            round: &b,
            state: RoundState::Open,
        },
    ];
    let ctx = Context {
        retention_days: 90,
        now: DURING,
        rounds: &views,
        personal_data_removed: false,
        reach: Reach::default(),
    };
    let s = step(&ctx, &Conversation::new(Lang::Nl), &text("/start"));
    assert!(keys(&s).contains(&Key::ChooseRound));
    assert_eq!(s.next.stage, Stage::ChoosingRound);
    let chosen = step(&ctx, &s.next, &button(ButtonAction::StartRound(b.id.clone())));
    assert!(matches!(&chosen.next.stage, Stage::Answering(p) if p.round == b.id));
}

#[test]
fn typed_text_loses_control_and_bidi_override_characters() {
    let r = round();
    let steps = converse(
        &r,
        RoundState::Open,
        DURING,
        &[text("/start"), text("1"), text("Te \u{202e}laat\u{7} komen")],
    );
    assert_eq!(
        recorded(&steps[2]),
        vec![("beter".into(), AnswerValue::Open("Te laat komen".into()))]
    );
}

#[test]
fn the_resident_hears_when_personal_data_was_removed() {
    let r = round();
    let views = [RoundView {
        round: &r,
        state: RoundState::Open,
    }];
    let plain = Context {
        retention_days: 90,
        now: DURING,
        rounds: &views,
        personal_data_removed: false,
        reach: Reach::default(),
    };
    let scrubbed = Context {
        personal_data_removed: true,
        ..plain
    };
    let at_open = step(
        &plain,
        &step(&plain, &Conversation::new(Lang::Nl), &text("/start")).next,
        &text("1"),
    )
    .next;
    let told = step(&scrubbed, &at_open, &text("Bel [naam] even"));
    assert_eq!(keys(&told)[0], Key::PersonalDataRemoved);
    let quiet = step(&plain, &at_open, &text("Te laat"));
    assert!(!keys(&quiet).contains(&Key::PersonalDataRemoved));
}

/// Findings from trying the bot as a resident: each case failed before its fix.
#[test]
fn what_the_resident_meant_is_what_is_stored() {
    let r = round();
    let o = |id: &str| OptionId::parse(id).unwrap();

    // A bare number under an open question is no answer in words.
    let s = converse(
        &r,
        RoundState::Open,
        DURING,
        &[text("/start"), text("1"), text("1")],
    );
    assert_eq!(current(&s[2]), Some("beter"));
    assert!(recorded(&s[2]).is_empty(), "\"1\" is not stored as an answer");
    assert!(keys(&s[2]).contains(&Key::OpenNoWords));

    // Typed options add to those ticked with buttons.
    let s = converse(
        &r,
        RoundState::Open,
        DURING,
        &[
            text("/start"),
            text("5"),
            button(ButtonAction::Toggle {
                question: q("vervoer"),
                option: o("bus"),
            }),
            text("2 en 3"),
        ],
    );
    assert_eq!(
        recorded(&s[3]),
        vec![(
            "vervoer".into(),
            AnswerValue::Multi(vec![o("bus"), o("taxi"), o("fiets")])
        )]
    );

    // After the language chooser a typed language name changes the language
    // and is no answer to the open question on screen.
    let s = converse(
        &r,
        RoundState::Open,
        DURING,
        &[text("/start"), text("1"), text("/taal"), text("engels")],
    );
    assert!(recorded(&s[3]).is_empty());
    assert_eq!(s[3].next.lang, Lang::En);
    assert_eq!(current(&s[3]), Some("beter"));
    // ... but only right after the chooser: later "engels" is an answer.
    let s = converse(
        &r,
        RoundState::Open,
        DURING,
        &[
            text("/start"),
            text("1"),
            text("/taal"),
            text("/hulp"),
            text("engels"),
        ],
    );
    assert_eq!(
        recorded(&s[4]),
        vec![("beter".into(), AnswerValue::Open("engels".into()))]
    );

    // Changing language at the offer to hear back keeps the offer.
    let s = converse(
        &r,
        RoundState::Open,
        DURING,
        &[
            text("/start"),
            text("5"),
            text("/overslaan"),
            text("nee"),
            text("/taal en"),
        ],
    );
    assert!(keys(&s[3]).contains(&Key::FollowUpAsk));
    assert!(
        keys(&s[4]).contains(&Key::FollowUpAsk),
        "the offer is asked again"
    );
    // Everything skipped: no "your answers are saved".
    let s = converse(
        &r,
        RoundState::Open,
        DURING,
        &[
            text("/start"),
            text("/overslaan"),
            text("/overslaan"),
            text("overslaan"),
        ],
    );
    assert!(
        keys(&s[3]).contains(&Key::FinishedAllSkipped),
        "{:?}",
        keys(&s[3])
    );
    assert!(!keys(&s[3]).contains(&Key::Finished));
}

#[test]
fn typed_labels_pick_options_by_their_words() {
    let r = round();
    let multi = r.question(&q("vervoer")).unwrap();
    let parse = |t: &str| validate::parse_answer(multi, Lang::Nl, t).ok();
    let o = |id: &str| OptionId::parse(id).unwrap();
    assert_eq!(parse("taxi"), Some(AnswerValue::Multi(vec![o("taxi")])));
    assert_eq!(
        parse("bike"),
        Some(AnswerValue::Multi(vec![o("fiets")])),
        "any language"
    );
    let scale_file = ROUND.replace("min = 1\nmax = 5", "min = 1\nmax = 5\nlabels = { nl = [\"heel ontevreden\", \"heel tevreden\"], en = [\"very unhappy\", \"very happy\"] }");
    let scaled = crate::round_file::parse("s.toml", scale_file.as_bytes()).unwrap();
    let tevreden = scaled.question(&q("tevreden")).unwrap();
    let parse = |t: &str| validate::parse_answer(tevreden, Lang::Nl, t).ok();
    assert_eq!(parse("heel tevreden"), Some(AnswerValue::Scale(5)));
    assert_eq!(parse("Very unhappy."), Some(AnswerValue::Scale(1)));
    assert_eq!(parse("6"), None);
}

/// A typed answer is read back at the top of the next message (one message),
/// naming the options the numbers stood for.
#[test]
fn a_typed_answer_is_read_back_in_the_next_message() {
    let r = round();
    let s = converse(
        &r,
        RoundState::Open,
        DURING,
        &[text("/start"), text("5"), text("1, 3")],
    );
    let first = &s[2].replies[0].lines[0];
    assert_eq!(
        *first,
        Text::with(Key::AnswerNoted, vec![("answer", Arg::Str("Bus, Fiets".into()))])
    );
    assert_eq!(s[2].replies.len(), 1, "one message: {:?}", s[2].replies);
    assert!(
        keys(&s[1]).contains(&Key::AnswerNoted),
        "a typed 5 on a scale too"
    );
}

/// Found by trying the bot as a resident, a second time.
#[test]
fn stray_words_after_a_step_are_read_as_the_resident_meant() {
    let r = round();
    // "Klaar" after a typed list (which already finished the multi question)
    // is no answer to the next question.
    let s = converse(
        &r,
        RoundState::Open,
        DURING,
        &[text("/start"), text("5"), text("1, 3"), text("klaar")],
    );
    assert_eq!(current(&s[2]), Some("hulp"));
    assert!(recorded(&s[3]).is_empty(), "{:?}", recorded(&s[3]));
    assert!(keys(&s[3]).contains(&Key::AlreadyMovedOn));
    assert_eq!(current(&s[3]), Some("hulp"));

    // "Klaar" on an open question that no list came before: not an answer,
    // and not "that question was done" either; the way out is named.
    let s = converse(
        &r,
        RoundState::Open,
        DURING,
        &[text("/start"), text("1"), text("klaar")],
    );
    assert_eq!(current(&s[1]), Some("beter"));
    assert!(recorded(&s[2]).is_empty(), "{:?}", recorded(&s[2]));
    assert!(keys(&s[2]).contains(&Key::OpenDoneWord));
    assert!(!keys(&s[2]).contains(&Key::AlreadyMovedOn));
    assert_eq!(current(&s[2]), Some("beter"));

    // After the language chooser, the number of its button (the buttons can be
    // gone after a restart) picks the language and answers nothing.
    let s = converse(
        &r,
        RoundState::Open,
        DURING,
        &[text("/start"), text("/taal"), text("2")],
    );
    assert_eq!(s[2].next.lang, Lang::En);
    assert!(recorded(&s[2]).is_empty());

    // The offer to hear back takes typed words and numbers too.
    for (typed, yes) in [
        ("nee", false),
        ("Ja, graag", true),
        ("2", false),
        ("yes please", true),
    ] {
        let s = converse(
            &r,
            RoundState::Open,
            DURING,
            &[
                text("/start"),
                text("5"),
                text("/overslaan"),
                text("nee"),
                text(typed),
            ],
        );
        let subscribed = s[4].effects.iter().any(|e| matches!(e, Effect::HearBack { .. }));
        assert_eq!(subscribed, yes, "{typed}");
        let answer = if yes { Key::FollowUpYes } else { Key::FollowUpNo };
        assert!(keys(&s[4]).contains(&answer), "{typed}");
    }
}

/// One option typed on its own on a multiple-choice question ticks it (second
/// trial: "spelen" then "bankjes" stored only the first); a typed list answers.
#[test]
fn one_typed_option_ticks_and_a_typed_list_answers() {
    let r = round();
    let o = |id: &str| OptionId::parse(id).unwrap();
    let s = converse(
        &r,
        RoundState::Open,
        DURING,
        &[
            text("/start"),
            text("5"),
            text("taxi"),
            text("bike"),
            text("klaar"),
        ],
    );
    assert!(recorded(&s[2]).is_empty() && recorded(&s[3]).is_empty());
    assert_eq!(current(&s[3]), Some("vervoer"));
    assert_eq!(
        recorded(&s[4]),
        vec![("vervoer".into(), AnswerValue::Multi(vec![o("taxi"), o("fiets")]))]
    );
    let s = converse(
        &r,
        RoundState::Open,
        DURING,
        &[text("/start"), text("5"), text("taxi en bus")],
    );
    assert_eq!(
        recorded(&s[2]),
        vec![("vervoer".into(), AnswerValue::Multi(vec![o("bus"), o("taxi")]))]
    );
}
