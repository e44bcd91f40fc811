//! Arbitrary event sequences against the pure conversation engine, on the bundled
//! example rounds and on rounds made from the input itself: typed text, button
//! payloads (well-formed, stale and forged), commands and media, at moments
//! before, during and after the round. The engine must never panic, and what it
//! says to store must be consistent: answers only to questions of the round the
//! conversation is about, only while it takes answers, and the state's answers
//! equal to what the effects stored.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use meepraten::domain::{Lang, Round, RoundState};
use meepraten::engine::{self, ButtonAction, Context, Conversation, Effect, Input, Reach, RoundView, Stage};

const EXAMPLES: [&str; 2] = [
    include_str!("../../examples/rounds/huishoudelijke-hulp-2027.toml"),
    include_str!("../../examples/rounds/plein-oost-2027.toml"),
];

const WORDS: [&str; 24] = [
    "1", "2", "3", "11", "0", "-1", "ja", "nee", "klaar", "overslaan", "zo laten", "mezelf", "heel tevreden",
    "1, 3", "2 en 4", "engels", "English", "Ja, graag", "nee dank u", " ", "", "🙂", "de hulp komt te laat",
    "Jan de Vries 0612345678",
];

const COMMANDS: [&str; 14] = [
    "/start", "/start huishoudelijke-hulp-2027", "/hulp", "/stop", "/taal", "/taal en", "/taal xx", "/privacy",
    "/vergeet", "/overslaan", "/terug", "/wijzig", "/onbekend", "/start bestaat-niet",
];

fn input(round: &Round, b: &[u8]) -> Input {
    let pick = |i: u8, n: usize| usize::from(i) % n;
    match b[0] % 6 {
        0 => Input::Text(WORDS[pick(b[1], WORDS.len())].to_owned()),
        1 => Input::from_text(COMMANDS[pick(b[1], COMMANDS.len())]),
        2 => {
            let q = &round.questions[pick(b[1], round.questions.len())];
            let value = match &q.kind {
                k if !k.options().is_empty() => k.options()[pick(b[2], k.options().len())].id.to_string(),
                _ => (i64::from(b[2]) - 2).to_string(),
            };
            let action = match b[3] % 5 {
                0 => ButtonAction::Answer { question: q.id.clone(), value },
                1 => ButtonAction::Skip { question: q.id.clone() },
                2 => ButtonAction::Keep { question: q.id.clone() },
                3 => ButtonAction::Done { question: q.id.clone() },
                _ => match q.kind.options().first() {
                    Some(o) => ButtonAction::Toggle { question: q.id.clone(), option: o.id.clone() },
                    None => ButtonAction::Back,
                },
            };
            Input::Button(action.encode())
        }
        3 => Input::Button(
            [ButtonAction::Back, ButtonAction::Change, ButtonAction::FollowUp(b[1] % 2 == 0), ButtonAction::Language(Lang::En)]
                [pick(b[1], 4)]
            .encode(),
        ),
        4 => Input::Button(String::from_utf8_lossy(&b[1..]).into_owned()),
        _ => Input::Unsupported,
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let round = meepraten::round_file::parse("example.toml", EXAMPLES[usize::from(data[0]) % 2].as_bytes())
        .expect("examples parse");
    let state = [RoundState::Open, RoundState::Closed, RoundState::Draft][usize::from(data[1]) % 3];
    let views = [RoundView { round: &round, state }];
    let mut conv = Conversation::new(Lang::Nl);
    let mut stored: BTreeMap<String, String> = BTreeMap::new();
    for (n, chunk) in data[2..].chunks(4).enumerate() {
        if chunk.len() < 4 {
            break;
        }
        // Time moves on: mostly during the round, sometimes after it.
        let now = if chunk[3] == 255 { round.closes + time::Duration::hours(1) } else { round.opens + time::Duration::minutes(n as i64) };
        let ctx = Context { now, retention_days: 90, rounds: &views, personal_data_removed: chunk[2] % 7 == 0, reach: Reach::default() };
        let takes_answers = round.accepts_answers(state, now);
        let step = engine::step(&ctx, &conv, &input(&round, chunk));
        for e in &step.effects {
            match e {
                Effect::RecordAnswer { round: r, question, answer } => {
                    assert!(takes_answers, "an answer stored while the round takes none");
                    assert_eq!(r, &round.id);
                    assert!(round.question(question).is_some(), "an answer to a question not in the round");
                    stored.insert(question.to_string(), serde_json::to_string(answer).unwrap());
                }
                Effect::ClearAnswer { question, .. } => {
                    stored.remove(question.as_str());
                }
                Effect::ResetResponse { .. } | Effect::DiscardResponse { .. } | Effect::ForgetResident => stored.clear(),
                _ => {}
            }
        }
        if let Stage::Answering(p) = &step.next.stage {
            assert!(round.question(&p.current).is_some(), "the current question is in the round");
            let in_state: BTreeMap<String, String> =
                p.answers.iter().map(|(q, a)| (q.to_string(), serde_json::to_string(a).unwrap())).collect();
            if !p.reviewing {
                assert_eq!(in_state, stored, "the state's answers are what was stored");
            }
        }
        conv = step.next;
    }
});
