//! Crash safety with the real binary: a stream of Telegram updates from the Bot
//! API simulator, `meepraten serve` killed with SIGKILL at random moments several
//! times and started again. Every update is handled exactly once: every answer is
//! stored, none twice, no reply is sent twice, and SQLite's integrity check passes.

use std::time::Duration;

use rand::{Rng, SeedableRng};
use sqlx::Connection;

use crate::support::Workspace;
use crate::support::telegram::{BotApi, Fault};

const ROUND: &str = "huishoudelijke-hulp-2027";

fn serve(ws: &Workspace, api: &BotApi) -> tokio::process::Child {
    crate::support::serve_command(ws, api)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("serve starts")
}

/// The database, after SQLite's integrity check passed on it.
async fn intact(ws: &Workspace) -> sqlx::SqliteConnection {
    let url = format!("sqlite://{}", ws.database().display());
    let mut db = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut db)
        .await
        .unwrap();
    assert_eq!(check, "ok");
    db
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_at_random_moments_the_bot_stores_every_answer_exactly_once() {
    let ws = Workspace::new();
    ws.open_example_by_cli();
    let api = std::sync::Arc::new(BotApi::start().await);
    // A stream: sixty residents, one every 30 ms, each sending six updates
    // (start, two buttons, a yes/no and two skips) while the bot is killed and
    // started again. Each resident's updates are in order, so each button meets
    // its question.
    const RESIDENTS: i64 = 60;
    let residents: Vec<i64> = (0..RESIDENTS).map(|i| 5_560_000_000 + i).collect();
    let feeder = {
        let (api, residents) = (api.clone(), residents.clone());
        tokio::spawn(async move {
            for r in residents {
                api.say(r, "nl", "/start");
                for data in crate::support::WMO_PRESSES {
                    api.press(r, "nl", data);
                }
                tokio::time::sleep(Duration::from_millis(30)).await;
            }
        })
    };
    // Killed without warning six times, each time once it is under way (however
    // slow the machine is to start it): at a random moment, or while Telegram
    // hiccups (a 500 on getUpdates) just after a batch was stored, so the offset
    // that confirms it has not reached Telegram; only the offset stored with the
    // answers keeps that batch from being handled twice.
    let mut rng = rand::rngs::StdRng::seed_from_u64(20_261_130);
    // Kills that fell while fetched updates were not yet confirmed to Telegram.
    let mut windows = 0;
    for kill in 0..6 {
        let before = api.sent().len();
        let mut bot = serve(&ws, &api);
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        while api.sent().len() == before {
            assert!(tokio::time::Instant::now() < deadline, "the bot made no progress");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        if kill % 2 == 1 {
            let fetches = api.calls("getUpdates");
            api.fail_next("getUpdates", Fault::ServerError);
            while api.calls("getUpdates") <= fetches {
                assert!(tokio::time::Instant::now() < deadline, "no further fetch");
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
            // The bot now waits half a second before it fetches again.
            tokio::time::sleep(Duration::from_millis(rng.random_range(0..300))).await;
        } else {
            tokio::time::sleep(Duration::from_millis(rng.random_range(0..300))).await;
        }
        windows += usize::from(api.unconfirmed() > 0);
        bot.start_kill().unwrap();
        let _ = bot.wait().await;
    }
    feeder.await.unwrap();
    // Then left to finish.
    let mut bot = serve(&ws, &api);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(40);
    loop {
        let c = ws.raw_counts(ROUND).await;
        if c.completed == RESIDENTS {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "not finished: {c:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    bot.start_kill().unwrap();
    let _ = bot.wait().await;
    assert!(
        windows >= 2,
        "only {windows} kills fell while fetched updates were unconfirmed"
    );

    // Every answer stored, none twice, nothing else.
    let counts = ws.raw_counts(ROUND).await;
    assert_eq!(
        (counts.started, counts.completed),
        (RESIDENTS, RESIDENTS),
        "{counts:?}"
    );
    for q in ["rol", "tevreden", "zelfde-hulp", "belangrijk", "idee"] {
        assert_eq!(
            counts.per_question.get(q).copied(),
            Some(RESIDENTS),
            "{q}: {counts:?}"
        );
    }
    assert_eq!(counts.per_question.get("beter"), None, "a 4 brings no follow-up");
    let service = ws.service().await;
    for answers in crate::support::answers_by_respondent(&service, ROUND).await {
        let got: Vec<String> = answers
            .values()
            .map(|v| serde_json::to_string(v).unwrap())
            .collect();
        assert_eq!(
            got.join(" "),
            r#"{"kind":"skipped"} {"kind":"skipped"} {"kind":"choice","value":"zelf"} {"kind":"scale","value":4} {"kind":"yesno","value":true}"#,
            "each resident's answers exactly as sent"
        );
    }
    service.close().await;
    // No update was handled twice: no resident got any message twice (each
    // step of the round says something new). A reply can be lost to a kill
    // between the commit and the send; sending from a durable outbox is a
    // later issue.
    for r in &residents {
        api.assert_nothing_twice(*r);
    }
    intact(&ws).await;
}

/// A broadcast survives SIGKILL: `meepraten serve` opens a round by itself and
/// invites 600 subscribers through the simulator; it is killed three times in
/// the middle and started again. Every subscriber gets the invitation; a send
/// can only be repeated when it was under way at a kill (Telegram has no key
/// to drop a repeat), and the outbox ends empty with every message counted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_in_the_middle_of_a_broadcast_every_subscriber_gets_it() {
    const SUBSCRIBERS: i64 = 600;
    let ws = Workspace::new();
    // Any hour of the day (no quiet hours), room for the prompts, and a pace
    // that leaves time to kill it halfway.
    ws.write(
        "meepraten.toml",
        "[telegram]\nsends_per_second = 50\n[outreach]\nquiet_hours = \"\"\nprompts_per_week = 10\n",
    );
    let file = ws.current_example(crate::support::WMO_EXAMPLE);
    {
        let service = ws.service().await;
        service
            .import_round(&file, time::OffsetDateTime::now_utc())
            .await
            .unwrap();
        for i in 0..SUBSCRIBERS {
            let mut r = crate::support::Resident::new(&service, &format!("tg{i}"));
            r.platform = "telegram";
            r.address = Some((5_570_000_000 + i).to_string());
            r.say("/abonneer wmo").await;
        }
        service.close().await;
    }
    let api = BotApi::start().await;
    let invited = |api: &BotApi| {
        api.sent()
            .into_iter()
            .filter(|m| m.text.starts_with("Nieuwe vragen"))
            .count()
    };
    let mut rng = rand::rngs::StdRng::seed_from_u64(20_261_201);
    for _ in 0..3 {
        let before = invited(&api);
        let mut bot = serve(&ws, &api);
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        while invited(&api) == before {
            assert!(
                tokio::time::Instant::now() < deadline,
                "the broadcast made no progress"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        tokio::time::sleep(Duration::from_millis(rng.random_range(100..800))).await;
        bot.start_kill().unwrap();
        let _ = bot.wait().await;
    }
    assert!(invited(&api) < SUBSCRIBERS as usize, "killed before the end");
    let mut bot = serve(&ws, &api);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    let reached = loop {
        let chats: std::collections::BTreeSet<i64> = api
            .sent()
            .into_iter()
            .filter(|m| m.text.starts_with("Nieuwe vragen"))
            .map(|m| m.chat_id)
            .collect();
        if chats.len() == SUBSCRIBERS as usize || tokio::time::Instant::now() > deadline {
            break chats.len();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    tokio::time::sleep(Duration::from_millis(500)).await;
    bot.start_kill().unwrap();
    let _ = bot.wait().await;
    assert_eq!(
        reached, SUBSCRIBERS as usize,
        "every subscriber got the invitation"
    );
    // Repeats only of sends under way at one of the three kills (16 at most each).
    let repeats = invited(&api) - SUBSCRIBERS as usize;
    assert!(repeats <= 3 * 16, "{repeats} repeats");
    let service = ws.service().await;
    let b = service.store().broadcasts(ROUND).await.unwrap();
    assert_eq!(
        (b[0].planned, b[0].sent, b[0].queued),
        (SUBSCRIBERS, SUBSCRIBERS, 0),
        "{b:?}"
    );
    service.close().await;
    let mut db = intact(&ws).await;
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox")
        .fetch_one(&mut db)
        .await
        .unwrap();
    assert_eq!(left, 0, "the outbox is empty");
    drop(db);
    // No chat id in the file's bytes: addresses stay sealed in the vault.
    let bytes = std::fs::read(ws.database()).unwrap();
    for i in [0, SUBSCRIBERS / 2, SUBSCRIBERS - 1] {
        let id = (5_570_000_000 + i).to_string();
        assert!(
            !bytes.windows(id.len()).any(|w| w == id.as_bytes()),
            "chat id {id} in the database file"
        );
    }
}
