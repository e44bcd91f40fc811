//! A batch of messages handled in one transaction must do exactly what the same
//! messages do one by one. Random streams from a few residents (commands,
//! buttons of every kind, typed answers, starting over, stopping, forgetting)
//! run through two services on real SQLite files with the same secret: one
//! message per transaction, and in batches of random sizes. Every reply, every
//! conversation state, every stored answer and every finished response must be
//! the same.

use meepraten::anon::ResidentRef;
use meepraten::config::Settings;
use meepraten::domain::Lang;
use meepraten::engine::Input;
use meepraten::service::{Incoming, OutboundMessage, Service};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use time::OffsetDateTime;

use crate::support::Workspace;

const ROUND: &str = "huishoudelijke-hulp-2027";
const SECRET: &str = "6d656570726174656e2d62617463682d746573742d7365637265742d6b657921";

/// What residents send: every kind of input the example round meets.
const SAYS: &[&str] = &[
    "/start",
    "/start huishoudelijke-hulp-2027",
    "/stop",
    "/vergeet",
    "/wijzig",
    "/taal en",
    "/hulp",
    "4",
    "2",
    "ja",
    "klaar",
    "Voor mezelf",
    "Vaker dezelfde hulp graag, bel me op 06-12345678",
    "overslaan",
];
const PRESSES: &[&str] = &[
    "a:rol:zelf",
    "a:rol:naaste",
    "a:tevreden:2",
    "a:tevreden:4",
    "a:zelfde-hulp:y",
    "a:zelfde-hulp:n",
    "t:belangrijk:schoon",
    "t:belangrijk:op-tijd",
    "d:belangrijk",
    "s:belangrijk",
    "s:beter",
    "s:idee",
    "b",
    "c",
    "f:y",
    "f:n",
    "r:huishoudelijke-hulp-2027",
];

fn message() -> impl Strategy<Value = (usize, Input)> {
    let input = prop_oneof![
        (0..SAYS.len()).prop_map(|i| Input::from_text(SAYS[i])),
        (0..PRESSES.len()).prop_map(|i| Input::Button(PRESSES[i].to_owned())),
    ];
    (0..3usize, input)
}

async fn service(ws: &Workspace) -> Service {
    let settings = Settings::new(ws.database(), None, Some(SECRET.to_owned()));
    let service = Service::open(&settings).await.expect("service opens");
    let now = OffsetDateTime::now_utc();
    service
        .import_round(&ws.current_example(crate::support::WMO_EXAMPLE), now)
        .await
        .expect("imports");
    service.open_round(ROUND, now).await.expect("opens");
    service
}

const USERS: [&str; 3] = ["5590000001", "5590000002", "5590000003"];

fn incoming(messages: &[(usize, Input)], first: usize, now: OffsetDateTime) -> Vec<Incoming<'static>> {
    messages
        .iter()
        .enumerate()
        .map(|(i, (who, input))| Incoming {
            who: ResidentRef {
                platform: "telegram",
                user: USERS[*who],
                address: Some(USERS[*who]),
            },
            lang_hint: Some(Lang::Nl),
            input: input.clone(),
            now,
            next: Some((first + i + 1) as i64),
            event: None,
        })
        .collect()
}

/// Answers per respondent (keys differ: round salts are random), and how many
/// responses are finished.
async fn stored(service: &Service) -> (Vec<String>, i64) {
    let mut answers: Vec<String> = crate::support::answers_by_respondent(service, ROUND)
        .await
        .into_iter()
        .map(|a| format!("{a:?}"))
        .collect();
    answers.sort();
    let counts = service.round_status(ROUND).await.unwrap().counts;
    (answers, counts.completed)
}

async fn same_either_way(messages: Vec<(usize, Input)>, cuts: Vec<usize>) -> Result<(), TestCaseError> {
    let now = OffsetDateTime::now_utc();
    let (one_ws, batch_ws) = (Workspace::new(), Workspace::new());
    let (one, batched) = (service(&one_ws).await, service(&batch_ws).await);
    let items = incoming(&messages, 1000, now);

    // One message per transaction.
    let mut alone: Vec<Option<Vec<OutboundMessage>>> = Vec::new();
    for item in &items {
        let out = one
            .handle_batch(Some("test_checkpoint"), std::slice::from_ref(item), None)
            .await
            .unwrap();
        alone.extend(out);
    }
    // In batches cut at random places.
    let mut together = Vec::new();
    let mut start = 0;
    let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c % (items.len() + 1)).collect();
    cuts.push(items.len());
    cuts.sort();
    for end in cuts {
        if end > start {
            together.extend(
                batched
                    .handle_batch(Some("test_checkpoint"), &items[start..end], None)
                    .await
                    .unwrap(),
            );
            start = end;
        }
    }
    prop_assert_eq!(alone.len(), together.len());
    for (i, (a, b)) in alone.iter().zip(&together).enumerate() {
        prop_assert_eq!(a, b, "reply to message {} ({:?})", i, messages[i]);
    }
    let (a, b) = (stored(&one).await, stored(&batched).await);
    prop_assert_eq!(&a.0, &b.0, "stored answers");
    prop_assert_eq!(a.1, b.1, "finished responses");
    // Sealed with fresh nonces, so compared opened.
    prop_assert_eq!(
        one.opened_states().await.unwrap(),
        batched.opened_states().await.unwrap(),
        "conversation states"
    );
    one.close().await;
    batched.close().await;

    // Handled again (a replay after a crash), nothing changes and nothing is said.
    let batched = service_again(&batch_ws).await;
    let replay = batched
        .handle_batch(Some("test_checkpoint"), &items, None)
        .await
        .unwrap();
    prop_assert!(replay.iter().all(Option::is_none), "a replayed batch is skipped");
    batched.close().await;
    Ok(())
}

async fn service_again(ws: &Workspace) -> Service {
    let settings = Settings::new(ws.database(), None, Some(SECRET.to_owned()));
    Service::open(&settings).await.expect("service opens")
}

#[test]
fn a_batch_does_what_its_messages_do_one_by_one() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut runner = TestRunner::new(Config {
        cases: 24,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (
        proptest::collection::vec(message(), 1..40),
        proptest::collection::vec(any::<usize>(), 0..8),
    );
    runner
        .run(&strategy, |(messages, cuts)| {
            runtime.block_on(same_either_way(messages, cuts))
        })
        .unwrap();
}

/// The checkpoint moves with the batch: a batch already handled is skipped,
/// and a batch partly handled handles only the rest.
#[tokio::test]
async fn a_batch_skips_what_was_handled_before() {
    let ws = Workspace::new();
    let service = service(&ws).await;
    let now = OffsetDateTime::now_utc();
    let messages: Vec<(usize, Input)> = vec![
        (0, Input::from_text("/start")),
        (0, Input::Button("a:rol:zelf".into())),
        (1, Input::from_text("/start")),
    ];
    let items = incoming(&messages, 10, now);
    let first = service
        .handle_batch(Some("test_checkpoint"), &items[..2], Some(20))
        .await
        .unwrap();
    assert!(first.iter().all(Option::is_some));
    assert_eq!(
        service.checkpoint("test_checkpoint").await.unwrap(),
        Some(20),
        "pass_to moves it further"
    );
    // The same updates again, with one more: all three were at or below 20.
    let again = service
        .handle_batch(Some("test_checkpoint"), &items, None)
        .await
        .unwrap();
    assert!(again.iter().all(Option::is_none));
    let later = incoming(&messages, 20, now);
    let rest = service
        .handle_batch(Some("test_checkpoint"), &later[2..], None)
        .await
        .unwrap();
    assert!(rest[0].is_some(), "update 23 is new");
    service.close().await;
}

/// An event delivered again (a Matrix sync repeated after a restart, or twice in
/// one response) is handled once; its id is not stored, only a keyed hash.
#[tokio::test]
async fn an_event_seen_before_is_skipped() {
    let ws = Workspace::new();
    let service = service(&ws).await;
    let now = OffsetDateTime::now_utc();
    let item = |input: Input, event: &str| Incoming {
        who: ResidentRef {
            platform: "matrix",
            user: "@inwoner:localhost",
            address: Some("!kamer:localhost"),
        },
        lang_hint: Some(Lang::Nl),
        input,
        now,
        next: None,
        event: Some(event.to_owned()),
    };
    let first = vec![
        item(Input::from_text("/start"), "$start-event"),
        item(Input::from_text("/start"), "$start-event"),
        item(Input::Button("a:rol:zelf".into()), "$rol-event"),
    ];
    let out = service.handle_batch(None, &first, None).await.unwrap();
    assert!(
        out[0].is_some() && out[1].is_none() && out[2].is_some(),
        "{out:?}"
    );
    let again = service.handle_batch(None, &first, None).await.unwrap();
    assert!(
        again.iter().all(Option::is_none),
        "a repeated sync changes nothing"
    );
    let counts = service.round_status(ROUND).await.unwrap().counts;
    assert_eq!(counts.per_question.get("rol"), Some(&1));
    service.close().await;
    let raw = std::fs::read(ws.database()).unwrap();
    assert!(
        !raw.windows(b"start-event".len()).any(|w| w == b"start-event"),
        "no event id in the file"
    );
}
