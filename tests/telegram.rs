//! The Telegram adapter over real HTTP against the Bot API simulator on 127.0.0.1:
//! whole conversations, faults (429, 5xx, 403), and a crash in the middle of a
//! stream of updates. The raw Telegram ids and names never reach the database.

use std::time::Duration;

use sqlx::Connection as _;

use meepraten::channel::telegram::{self, TelegramConfig, delivery::Limits};
use meepraten::service::Service;
use time::OffsetDateTime;
use tokio::sync::oneshot;

use crate::support::Workspace;
use crate::support::telegram::{BotApi, Fault};

const FATIMA: i64 = 5_512_345_678;
const OLENA: i64 = 5_598_765_432;
const HENK: i64 = 5_544_443_333;

/// An official of the municipality.
const OFFICIAL: i64 = 5_511_000_001;

fn config(api: &BotApi) -> TelegramConfig {
    let mut c = TelegramConfig::new("123456:TEST-TOKEN".into(), Some(api.url()));
    c.poll_timeout = 1;
    c.officials = vec![OFFICIAL.to_string()];
    // Telegram's per-chat pace would make tests slow; the limiter itself is the
    // same code path.
    c.limits = Limits {
        per_second: 1000,
        per_chat_per_second: 1000,
        per_chat_burst: 100,
        per_group_per_minute: 1000,
        attempts: 6,
        inbound_per_minute: 6000,
        inbound_burst: 1000,
    };
    c
}

struct Running {
    stop: oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

fn start(service: &Service, api: &BotApi) -> Running {
    start_with(service, config(api))
}

/// Serves Telegram with `config` until stopped.
fn start_with(service: &Service, config: TelegramConfig) -> Running {
    let service = service.clone();
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        telegram::serve(&service, &config, async {
            let _ = stopped.await;
        })
        .await
        .expect("serving ends cleanly");
    });
    Running { stop, task }
}

impl Running {
    async fn stop(self) {
        let _ = self.stop.send(());
        tokio::time::timeout(Duration::from_secs(20), self.task)
            .await
            .expect("stops in time")
            .unwrap();
    }
}

/// Participation in the example round.
async fn counts(service: &Service) -> meepraten::store::ResponseCounts {
    service
        .round_status("huishoudelijke-hulp-2027")
        .await
        .expect("the example round exists")
        .counts
}

/// The example round's lifecycle state.
async fn state(service: &Service) -> &'static str {
    service
        .round_status("huishoudelijke-hulp-2027")
        .await
        .expect("the example round exists")
        .stored
        .state
        .as_str()
}

/// The callback data of the button labelled `label` in `message`.
fn button(message: &crate::support::telegram::Sent, label: &str) -> String {
    message
        .buttons
        .iter()
        .find(|(l, _)| l == label)
        .unwrap_or_else(|| panic!("no button `{label}` in {message:?}"))
        .1
        .clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn residents_answer_a_round_over_telegram() {
    crate::support::logs::captured(); // start capturing every log line
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let api = BotApi::start().await;
    // A response that does not parse, quoting a resident: logged without its text.
    api.fail_next("getupdates", Fault::Garbled);
    let bot = start(&service, &api);

    // Fatima, in Dutch, by buttons and text.
    api.say(9, "nl", "/hulp");
    api.wait_for(9, "Zo werkt het").await;
    // The menus are registered beside serving: one default, Dutch and English.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while api.menus().len() < 3 {
        assert!(tokio::time::Instant::now() < deadline, "menus not registered");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let menus = api.menus();
    assert!(
        menus.contains(&(
            "".into(),
            vec![
                "start",
                "hulp",
                "abonneer",
                "opzeggen",
                "resultaten",
                "taal",
                "privacy",
                "vergeet",
                "stop"
            ]
            .into_iter()
            .map(String::from)
            .collect()
        )),
        "{menus:?}"
    );
    assert!(
        menus
            .iter()
            .any(|(code, names)| code == "en" && names.contains(&"forget".to_owned())),
        "{menus:?}"
    );
    api.say(FATIMA, "nl", "/start");
    let q1 = api.wait_for(FATIMA, "Vraag 1 van 6").await;
    // Welcome, intro and first question arrive as one message (Telegram allows a
    // chat about one a second), the question's buttons under it.
    let first = api.sent_to(FATIMA);
    assert_eq!(first.len(), 1, "{first:?}");
    assert!(first[0].text.contains("Welkom!") && first[0].buttons == q1.buttons);
    api.press(FATIMA, "nl", &button(&q1, "Voor mezelf"));
    let q2 = api.wait_for(FATIMA, "Vraag 2 van 6").await;
    assert_eq!(
        q2.buttons.iter().filter(|(l, _)| l.len() == 1).count(),
        5,
        "five scale buttons"
    );
    api.press(FATIMA, "nl", &button(&q2, "2"));
    api.wait_for(FATIMA, "Wat kan beter aan de hulp?").await;
    api.sticker(FATIMA, "nl");
    api.wait_for(FATIMA, "Ik kan alleen tekst lezen").await;
    api.say(FATIMA, "nl", &"x".repeat(10_000));
    api.wait_for(FATIMA, "Uw antwoord is 10000 tekens lang").await;
    api.say(FATIMA, "nl", "De hulp komt steeds te laat, bel me op 06-12345678");
    api.wait_for(FATIMA, "Ik heb iets weggehaald").await;
    let q4 = api.wait_for(FATIMA, "Komt er meestal dezelfde hulp").await;
    api.press(FATIMA, "nl", &button(&q4, "Overslaan"));
    let q5 = api.wait_for(FATIMA, "Vraag 5 van 6").await;
    api.press(FATIMA, "nl", &button(&q5, "◀ Terug"));
    let again = api.wait_for(FATIMA, "Uw antwoord nu: overgeslagen").await;
    api.press(FATIMA, "nl", &button(&again, "Ja"));
    api.wait_for(FATIMA, "Wat vindt u het belangrijkst").await;
    api.say(FATIMA, "nl", "1, 3");
    api.wait_for(FATIMA, "Heeft u nog een tip").await;
    api.say(FATIMA, "nl", "/overslaan");
    let ask = api.wait_for(FATIMA, "Wilt u later horen").await;
    api.press(FATIMA, "nl", &button(&ask, "Ja, graag"));
    api.wait_for(FATIMA, "krijgt u een bericht").await;

    // Olena, in English (from her Telegram language), skipping the follow-up.
    api.say(OLENA, "en", "/start");
    let q1 = api.wait_for(OLENA, "Question 1 of 6").await;
    assert!(api.sent_to(OLENA)[0].text.contains("Welcome!"));
    api.press(OLENA, "en", &button(&q1, "For someone I care for"));
    let q2 = api.wait_for(OLENA, "Question 2 of 6").await;
    api.press(OLENA, "en", &button(&q2, "5"));
    let q3 = api.wait_for(OLENA, "Do you usually get the same helper?").await;
    api.press(OLENA, "en", &button(&q3, "No"));
    api.wait_for(OLENA, "What matters most").await;
    api.say(OLENA, "en", "2");
    api.wait_for(OLENA, "What matters most").await; // ticked, shown again
    api.say(OLENA, "en", "/skip");
    api.wait_for(OLENA, "Do you have a tip").await;
    api.say(OLENA, "en", "/skip");
    api.wait_for(OLENA, "Thank you! Your answers have been saved.")
        .await;

    // Henk arrives through a deep link (t.me/<bot>?start=<round>).
    api.say(HENK, "nl", "/start huishoudelijke-hulp-2027");
    let henk_q1 = api.wait_for(HENK, "Vraag 1 van 6").await;

    // Every press was acknowledged; the answers are stored.
    assert_eq!(api.acks(), 9, "six presses by Fatima, three by Olena");
    // Answered questions show the choice and lose their buttons.
    let edits = api.edits();
    assert!(
        edits
            .iter()
            .any(|(chat, _, text)| *chat == FATIMA && text.ends_with("✔ Voor mezelf")),
        "{edits:?}"
    );
    assert!(
        edits
            .iter()
            .any(|(_, _, text)| text.contains("Hoe tevreden bent u") && text.ends_with("✔ 2")),
        "{edits:?}"
    );
    let status = service.round_status("huishoudelijke-hulp-2027").await.unwrap();
    assert_eq!((status.counts.started, status.counts.completed), (2, 2));

    // After closing, Henk's old button no longer works.
    service
        .close_round("huishoudelijke-hulp-2027", OffsetDateTime::now_utc())
        .await
        .unwrap();
    api.press(HENK, "nl", &button(&henk_q1, "Anders"));
    api.wait_for(HENK, "Die knop werkt niet meer").await;
    assert_eq!(counts(&service).await.started, 2);
    bot.stop().await;
    service.close().await;

    let raw = [
        "5512345678",
        "5598765432",
        "5544443333",
        "Testpersoon",
        "user5512345678",
        "06-12345678",
    ];
    for file in ["meepraten.db", "meepraten.db-wal", "meepraten.db-shm"] {
        if let Ok(bytes) = std::fs::read(ws.path(file)) {
            for needle in raw {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                    "{needle} in {file}"
                );
            }
        }
    }
    // Nothing logged at debug level names a resident, their phone number, or the
    // bot token (which sits in every Bot API URL).
    let logs = crate::support::logs::captured();
    assert!(logs.contains("DEBUG"), "debug logging was captured");
    for needle in raw.iter().chain(&["TEST-TOKEN"]) {
        assert!(!logs.contains(needle), "{needle} in the logs");
    }
    assert!(
        logs.contains("could not be read (not logged"),
        "the garbled response was met and logged without its text"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_server_errors_and_a_blocked_resident() {
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let api = BotApi::start().await;
    let bot = start(&service, &api);

    // 429 with retry_after, then a 500, then a slow answer: the welcome arrives
    // once, late but whole.
    api.fail_next("sendMessage", Fault::RetryAfter(1));
    api.fail_next("sendMessage", Fault::ServerError);
    api.fail_next("sendMessage", Fault::Slow(Duration::from_secs(2)));
    api.say(FATIMA, "nl", "/start");
    api.wait_for(FATIMA, "Vraag 1 van 6").await;
    let sent = api.sent_to(FATIMA);
    assert_eq!(
        sent.iter().filter(|m| m.text.contains("Welkom!")).count(),
        1,
        "nothing sent twice"
    );
    assert_eq!(
        sent.iter().filter(|m| m.text.contains("Vraag 1 van 6")).count(),
        1
    );
    assert!(
        api.calls("sendMessage") >= sent.len() + 2,
        "the failed attempts were made"
    );

    // She finishes and asks to hear back, so her chat is kept (sealed).
    for data in crate::support::WMO_PRESSES {
        api.press(FATIMA, "nl", data);
    }
    let ask = api.wait_for(FATIMA, "Wilt u later horen").await;
    api.press(FATIMA, "nl", &button(&ask, "Ja, graag"));
    api.wait_for(FATIMA, "krijgt u een bericht").await;
    assert_eq!(
        service
            .hear_back_contacts("huishoudelijke-hulp-2027")
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(counts(&service).await.completed, 1);

    // Then she blocks the bot: the next reply gets 403 and her contact is erased.
    api.fail_next("sendMessage", Fault::Blocked);
    api.say(FATIMA, "nl", "/hulp");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while !service
        .hear_back_contacts("huishoudelijke-hulp-2027")
        .await
        .unwrap()
        .is_empty()
    {
        assert!(
            tokio::time::Instant::now() < deadline,
            "contact not erased after 403"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Her answers stay: blocking the bot is not forgetting.
    assert_eq!(counts(&service).await.completed, 1);
    bot.stop().await;
    service.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_in_the_middle_of_a_stream_stores_every_answer_exactly_once() {
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let api = BotApi::start().await;
    let residents = [FATIMA, OLENA, HENK, 5_500_000_001, 5_500_000_002];
    // Small batches, so the kill falls in the middle of the stream.
    api.set_batch_limit(3);
    for r in residents {
        api.say(r, "nl", "/start");
        for data in ["a:rol:zelf", "a:tevreden:2"] {
            api.press(r, "nl", data);
        }
    }

    // Let the bot get part of the way, then hold the database (as a backup
    // tool might) so it waits with a fetched batch in hand, and kill it there
    // without warning. The rest of the stream arrives while the database is
    // held, so a batch is fetched and not stored however fast the bot was.
    let bot = start(&service, &api);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while counts(&service).await.started < 2 {
        assert!(tokio::time::Instant::now() < deadline, "no progress");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let url = format!("sqlite://{}", ws.database().display());
    let mut holder = sqlx::SqliteConnection::connect(&url).await.unwrap();
    sqlx::query("BEGIN IMMEDIATE").execute(&mut holder).await.unwrap();
    let mut rest = Vec::new();
    for r in residents {
        rest.push(api.say(r, "nl", "Vaker dezelfde hulp graag"));
        for data in ["a:zelfde-hulp:n", "s:belangrijk", "s:idee"] {
            api.press(r, "nl", data);
        }
    }
    // Either the rest is fetched now, or the bot already waits to store an
    // earlier batch it fetched.
    let waited = tokio::time::Instant::now() + Duration::from_secs(2);
    while api.handed_out(rest[0]).is_none() && tokio::time::Instant::now() < waited {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    bot.task.abort();
    let _ = bot.task.await;
    sqlx::query("ROLLBACK").execute(&mut holder).await.unwrap();
    holder.close().await.unwrap();

    // Start again: the rest is handled, nothing twice.
    let bot = start(&service, &api);
    for r in residents {
        api.wait_for(r, "Wilt u later horen").await;
    }
    bot.stop().await;
    assert!(
        api.redelivered() > 0,
        "the crash left fetched but unconfirmed updates, handed out again"
    );
    let status = service.round_status("huishoudelijke-hulp-2027").await.unwrap();
    assert_eq!((status.counts.started, status.counts.completed), (5, 5));
    for (q, n) in [
        ("rol", 5),
        ("tevreden", 5),
        ("beter", 5),
        ("zelfde-hulp", 5),
        ("belangrijk", 5),
        ("idee", 5),
    ] {
        assert_eq!(status.counts.per_question.get(q).copied(), Some(n), "{q}");
    }
    // Each update was handled once: every step's reply arrived exactly once.
    for r in residents {
        api.assert_each_at_most_once(
            r,
            &[
                "Welkom!",
                "Vraag 1 van 6",
                "Vraag 2 van 6",
                "Vraag 3 van 6",
                "Ik heb iets",
                "Dank u wel!",
            ],
        );
        let sent = api.sent_to(r);
        assert_eq!(
            sent.iter().filter(|m| m.text.starts_with("Dank u wel!")).count(),
            1,
            "{r} finished once"
        );
    }
    service.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officials_manage_rounds_in_chat_and_others_are_refused() {
    let ws = Workspace::new();
    let service = ws.service().await;
    let file = ws.current_example(crate::support::WMO_EXAMPLE);
    service
        .import_round(&file, OffsetDateTime::now_utc())
        .await
        .unwrap();
    let api = BotApi::start().await;
    let bot = start(&service, &api);

    // A resident tries an official's command: normal resident answer, nothing opened.
    api.say(FATIMA, "nl", "/open huishoudelijke-hulp-2027");
    api.wait_for(FATIMA, "Het commando /open ken ik niet").await;
    assert_eq!(state(&service).await, "draft");

    api.say(OFFICIAL, "nl", "/rounds");
    api.wait_for(OFFICIAL, "• huishoudelijke-hulp-2027 (concept)")
        .await;
    api.say(OFFICIAL, "nl", "/open huishoudelijke-hulp-2027");
    api.wait_for(OFFICIAL, "Ronde huishoudelijke-hulp-2027 is open tot")
        .await;
    api.say(OFFICIAL, "nl", "/open huishoudelijke-hulp-2027");
    api.wait_for(OFFICIAL, "Dat kan niet: ronde huishoudelijke-hulp-2027 is open.")
        .await;

    api.say(FATIMA, "nl", "/start");
    api.wait_for(FATIMA, "Vraag 1 van 6").await;
    api.press(FATIMA, "nl", "a:rol:zelf");
    api.wait_for(FATIMA, "Vraag 2 van 6").await;
    api.say(OFFICIAL, "en", "/status huishoudelijke-hulp-2027");
    // While open, only a count in steps of k: one resident is not told apart.
    api.wait_for(OFFICIAL, "Fewer than 5 residents so far").await;
    api.say(OFFICIAL, "nl", "/close huishoudelijke-hulp-2027");
    api.wait_for(OFFICIAL, "is gesloten").await;
    assert_eq!(state(&service).await, "closed");
    api.say(OFFICIAL, "nl", "/status bestaat-niet");
    api.wait_for(OFFICIAL, "Er is geen ronde bestaat-niet.").await;
    bot.stop().await;
    service.close().await;
}

#[test]
fn a_poster_qr_code_carries_the_deep_link() {
    let ws = Workspace::new();
    let file = ws.current_example(crate::support::WMO_EXAMPLE);
    assert!(
        ws.run(&["round", "import", file.to_str().unwrap()])
            .status
            .success()
    );
    let out = ws.run(&[
        "round",
        "link",
        "huishoudelijke-hulp-2027",
        "--bot",
        "@meepraten_bot",
    ]);
    assert!(out.status.success(), "{}", crate::support::stderr(&out));
    let link = crate::support::stdout(&out).trim().to_owned();
    assert_eq!(link, "https://t.me/meepraten_bot?start=huishoudelijke-hulp-2027");
    assert!(
        crate::support::stderr(&out).contains("the round is a draft"),
        "officials are warned"
    );

    // Decode the PNG as a phone camera would.
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(ws.path("huishoudelijke-hulp-2027.png")).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let (w, h) = (info.width as usize, info.height as usize);
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1);
    let (_, content) = grids[0].decode().unwrap();
    assert_eq!(content, link);
    let svg = std::fs::read_to_string(ws.path("huishoudelijke-hulp-2027.svg")).unwrap();
    assert!(svg.contains("<svg"));

    let bad = ws.run(&[
        "round",
        "link",
        "huishoudelijke-hulp-2027",
        "--bot",
        "no spaces allowed",
    ]);
    assert!(!bad.status.success());
    assert!(crate::support::stderr(&bad).contains("is not a Telegram bot username"));
    let unknown = ws.run(&["round", "link", "bestaat-niet", "--bot", "meepraten_bot"]);
    assert_eq!(unknown.status.code(), Some(1));
    // A folder for the posters that does not exist yet is made.
    let posters = ws.path("posters/wijk-oost");
    let out = ws.run(&[
        "round",
        "link",
        "huishoudelijke-hulp-2027",
        "--bot",
        "meepraten_bot",
        "--output-dir",
        posters.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", crate::support::stderr(&out));
    assert!(posters.join("huishoudelijke-hulp-2027.png").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_a_group_the_bot_invites_to_a_private_chat_and_collects_nothing() {
    const GROUP: i64 = -1_001_234_567_890;
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let api = BotApi::start().await;
    let bot = start(&service, &api);

    api.say_in_group(GROUP, FATIMA, "nl", "Wat vinden jullie van de hulp?");
    api.say_in_group(GROUP, FATIMA, "nl", "/start@meepraten_bot");
    let invite = api
        .wait_for(GROUP, "Meedoen kan alleen in een privégesprek")
        .await;
    assert_eq!(
        invite.buttons,
        vec![(
            "Meedoen".to_owned(),
            "https://t.me/meepraten_bot?start=huishoudelijke-hulp-2027".to_owned()
        )]
    );
    api.say_in_group(GROUP, OLENA, "en", "/help");
    api.wait_for(GROUP, "You can only take part in a private chat")
        .await;
    assert_eq!(
        api.sent_to(GROUP).len(),
        2,
        "ordinary group chatter gets no reply"
    );
    assert_eq!(
        counts(&service).await.started,
        0,
        "nothing is collected in a group"
    );
    bot.stop().await;
    service.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_official_posts_a_round_to_a_group_as_anonymous_polls() {
    const GROUP: i64 = -1_009_876_543_210;
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let api = BotApi::start().await;
    let bot = start(&service, &api);

    // Not an official: an invitation, no polls.
    api.say_in_group(GROUP, FATIMA, "nl", "/post huishoudelijke-hulp-2027");
    api.wait_for(GROUP, "Meedoen kan alleen in een privégesprek")
        .await;
    assert!(api.polls().is_empty());

    // The official: one anonymous poll per question that fits, then the invitation
    // for the open questions and the follow-up.
    api.say_in_group(
        GROUP,
        OFFICIAL,
        "nl",
        "/post@meepraten_bot huishoudelijke-hulp-2027",
    );
    let polls = api.wait_for_polls(4).await;
    let questions: Vec<&str> = polls.iter().map(|p| p.question.as_str()).collect();
    assert_eq!(
        questions,
        vec![
            "Voor wie vult u dit in?",
            "Hoe tevreden bent u over de hulp bij het huishouden?",
            "Komt er meestal dezelfde hulp bij u?",
            "Wat vindt u het belangrijkst bij de hulp?",
        ]
    );
    assert!(polls.iter().all(|p| p.anonymous && p.chat_id == GROUP));
    assert!(polls[3].multiple && !polls[0].multiple);
    assert_eq!(polls[2].options, vec!["Ja", "Nee"]);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while api.sent_to(GROUP).len() < 2 {
        assert!(tokio::time::Instant::now() < deadline);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // Votes come in as totals.
    api.vote("Voor wie vult u dit in?", 0, 6);
    api.vote("Voor wie vult u dit in?", 1, 5);
    api.vote("Voor wie vult u dit in?", 2, 1);
    api.vote("Komt er meestal dezelfde hulp bij u?", 0, 9);
    api.vote("Komt er meestal dezelfde hulp bij u?", 1, 7);
    // Votes are totals pushed by Telegram: wait until they are stored, then close.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while poll_votes_stored(&ws).await < 12 + 16 {
        assert!(tokio::time::Instant::now() < deadline, "poll totals not stored");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    service
        .close_round("huishoudelijke-hulp-2027", OffsetDateTime::now_utc())
        .await
        .unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let stopped = api.polls().iter().filter(|p| p.closed).count();
        if stopped == 4 {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "polls not stopped at close"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    bot.stop().await;

    let summary = service
        .council_summary("huishoudelijke-hulp-2027", meepraten::domain::Lang::Nl)
        .await
        .unwrap();
    let rol = summary
        .group_results
        .iter()
        .find(|g| g.id == "rol")
        .expect("group results for rol");
    assert_eq!(rol.votes, Some(12));
    let cell = |id: &str| {
        rol.options
            .iter()
            .find(|o| o.id == id)
            .map(|o| (o.count, o.percent))
            .unwrap()
    };
    assert_eq!(cell("naaste"), (Some(5), Some(41.7)));
    assert_eq!(
        cell("anders"),
        (None, None),
        "a single vote is hidden in groups too"
    );
    assert_eq!(cell("zelf").0, None, "and one more, against subtraction");
    let same = summary
        .group_results
        .iter()
        .find(|g| g.id == "zelfde-hulp")
        .unwrap();
    assert_eq!(
        same.options.iter().map(|o| o.count).collect::<Vec<_>>(),
        vec![Some(9), Some(7)]
    );
    let md = service
        .export_summary(
            "huishoudelijke-hulp-2027",
            meepraten::summary::Format::Md,
            meepraten::domain::Lang::Nl,
        )
        .await
        .unwrap();
    assert!(md.contains("## In groepen: anonieme peilingen"), "{md}");
    assert!(md.contains("| Ja | 9 | 56,3 |"), "decimal comma in Dutch: {md}");
    service.close().await;
}

/// All votes stored for group polls so far.
async fn poll_votes_stored(ws: &Workspace) -> i64 {
    use sqlx::Connection;
    let Ok(mut db) = sqlx::SqliteConnection::connect(&format!("sqlite://{}", ws.database().display())).await
    else {
        return 0;
    };
    let sum: Option<i64> = sqlx::query_scalar("SELECT SUM(votes) FROM group_poll_totals")
        .fetch_one(&mut db)
        .await
        .unwrap_or(None);
    sum.unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_mode_takes_updates_once_and_only_with_the_secret() {
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let api = BotApi::start().await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let hook = format!("http://127.0.0.1:{port}/meepraten/telegram");
    let mut config = config(&api);
    config.webhook = Some(telegram::webhook::Webhook {
        public_url: url::Url::parse(&hook).unwrap(),
        listen: format!("127.0.0.1:{port}").parse().unwrap(),
        secret: "s3cret-token_for-tests".into(),
        connections: 40,
    });
    let (stop, stopped) = oneshot::channel::<()>();
    let served = {
        let service = service.clone();
        tokio::spawn(async move {
            telegram::serve(&service, &config, async {
                let _ = stopped.await;
            })
            .await
        })
    };
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while api.webhook().is_none() {
        assert!(tokio::time::Instant::now() < deadline, "webhook not registered");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(
        api.webhook(),
        Some((hook.clone(), "s3cret-token_for-tests".to_owned()))
    );

    let update = serde_json::json!({"update_id": 500, "message": {"message_id": 1, "date": 1_790_000_000,
        "chat": {"id": FATIMA, "type": "private", "first_name": "Inwoner"},
        "from": {"id": FATIMA, "is_bot": false, "first_name": "Inwoner", "language_code": "nl"}, "text": "/start"}});
    let client = reqwest::Client::new();
    let post = |secret: &'static str| {
        client
            .post(&hook)
            .header("content-type", "application/json")
            .header("X-Telegram-Bot-Api-Secret-Token", secret)
            .body(update.to_string())
            .send()
    };
    // The listener may need a moment after registering.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    let first = loop {
        match post("s3cret-token_for-tests").await {
            Ok(r) => break r,
            Err(_) if tokio::time::Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(20)).await
            }
            Err(e) => panic!("webhook unreachable: {e}"),
        }
    };
    assert_eq!(first.status(), 200);
    api.wait_for(FATIMA, "Vraag 1 van 6").await;
    // Telegram sends again when unsure: handled once.
    assert_eq!(post("s3cret-token_for-tests").await.unwrap().status(), 200);
    // Without the secret: refused, nothing handled.
    assert_eq!(post("wrong").await.unwrap().status(), 401);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        api.sent_to(FATIMA)
            .iter()
            .filter(|m| m.text.contains("Welkom!"))
            .count(),
        1
    );

    let _ = stop.send(());
    tokio::time::timeout(Duration::from_secs(20), served)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    service.close().await;
}

/// A webhook on a free port of 127.0.0.1, taking `connections` updates at once.
fn webhook_config(api: &BotApi, connections: u32) -> TelegramConfig {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut config = config(api);
    config.webhook = Some(telegram::webhook::Webhook {
        public_url: url::Url::parse(&format!("http://127.0.0.1:{port}/meepraten/telegram")).unwrap(),
        listen: format!("127.0.0.1:{port}").parse().unwrap(),
        secret: "s3cret-token_for-tests".into(),
        connections,
    });
    config
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_webhook_with_several_connections_files_every_answer_once_and_in_order() {
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let api = std::sync::Arc::new(BotApi::start().await);
    // Some answers of 200 get lost on the way: Telegram posts those again.
    api.lose_webhook_acks(6);
    let bot = start_with(&service, webhook_config(&api, 8));
    // Residents answer at the same time, each as a person does: reading each
    // question before answering it. Their updates are posted at once, out of
    // id order, and stored in groups.
    let residents: Vec<i64> = (0..12).map(|i| 5_500_000_100 + i).collect();
    let people: Vec<_> = residents
        .iter()
        .map(|&r| {
            let api = api.clone();
            tokio::spawn(async move {
                api.say(r, "nl", "/start");
                let q1 = api.wait_for(r, "Vraag 1 van 6").await;
                api.press(r, "nl", &button(&q1, "Voor mezelf"));
                let q2 = api.wait_for(r, "Vraag 2 van 6").await;
                api.press(r, "nl", &button(&q2, "2"));
                api.wait_for(r, "Wat kan beter aan de hulp?").await;
                api.say(r, "nl", "Vaker dezelfde hulp graag");
                let q4 = api.wait_for(r, "Komt er meestal dezelfde hulp").await;
                api.press(r, "nl", &button(&q4, "Nee"));
                api.wait_for(r, "Wat vindt u het belangrijkst").await;
                api.say(r, "nl", "1, 3");
                api.wait_for(r, "Heeft u nog een tip").await;
                api.say(r, "nl", "Een vast tijdstip");
                api.wait_for(r, "Wilt u later horen").await;
            })
        })
        .collect();
    for person in people {
        person.await.expect("a resident got through the round");
    }
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while api.pending() > 0 {
        assert!(tokio::time::Instant::now() < deadline, "updates left unconfirmed");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    bot.stop().await;
    assert!(
        api.most_posted_at_once() > 1,
        "several updates were under way at once"
    );
    assert!(api.redelivered() >= 6, "lost answers were posted again");
    let status = service.round_status("huishoudelijke-hulp-2027").await.unwrap();
    let n = residents.len() as i64;
    assert_eq!((status.counts.started, status.counts.completed), (n, n));
    for q in ["rol", "tevreden", "beter", "zelfde-hulp", "belangrijk", "idee"] {
        assert_eq!(status.counts.per_question.get(q).copied(), Some(n), "{q}");
    }
    for &r in &residents {
        api.assert_each_at_most_once(
            r,
            &[
                "Welkom!",
                "Vraag 1 van 6",
                "Vraag 2 van 6",
                "Vraag 3 van 6",
                "Vraag 4 van 6",
                "Vraag 5 van 6",
                "Vraag 6 van 6",
                "Dank u wel!",
            ],
        );
    }
    service.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_webhook_is_set_once_telegram_answers_again() {
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let api = BotApi::start().await;
    // Telegram fails on its side, then asks to wait: both are waited out.
    api.fail_next("setwebhook", Fault::ServerError);
    api.fail_next("setwebhook", Fault::RetryAfter(1));
    let bot = start_with(&service, webhook_config(&api, 1));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while api.webhook().is_none() {
        assert!(tokio::time::Instant::now() < deadline, "webhook never set");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(api.calls("setwebhook"), 3);
    api.say(FATIMA, "nl", "/start");
    api.wait_for(FATIMA, "Vraag 1 van 6").await;
    bot.stop().await;
    service.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_between_polling_and_the_webhook_handles_nothing_twice() {
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let api = BotApi::start().await;
    let residents: Vec<i64> = (0..5).map(|i| 5_500_000_200 + i).collect();
    let (first, second) = (residents[0], residents[1]);

    // Long polling stores five batches, but Telegram hears of none of them
    // (the getUpdates that would confirm them is lost), and the bot stops.
    api.set_batch_limit(1);
    api.hold_confirmations(true);
    for &r in &residents {
        api.say(r, "nl", "/start");
    }
    let polling = start(&service, &api);
    for &r in &residents {
        api.wait_for(r, "Vraag 1 van 6").await;
    }
    polling.stop().await;
    api.hold_confirmations(false);
    assert_eq!(api.pending(), residents.len(), "stored, but not confirmed");

    // The webhook takes over: Telegram must not post those five again.
    api.set_repost_after(Duration::from_secs(30));
    let hook = start_with(&service, webhook_config(&api, 4));
    api.press(first, "nl", "a:rol:zelf");
    api.wait_for(first, "Vraag 2 van 6").await;
    // The webhook stores a press, but its 200 is lost and the bot stops
    // before Telegram tries again.
    api.lose_webhook_acks(1);
    api.press(second, "nl", "a:rol:zelf");
    api.wait_for(second, "Vraag 2 van 6").await;
    hook.stop().await;
    assert_eq!(api.pending(), 1, "the press whose 200 was lost");

    // Long polling again is handed that press: it must not be handled twice.
    let polling = start(&service, &api);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while api.pending() > 0 {
        assert!(tokio::time::Instant::now() < deadline, "the press was not taken");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    polling.stop().await;
    for &r in &residents {
        api.assert_each_at_most_once(r, &["Welkom!", "Vraag 1 van 6", "Vraag 2 van 6"]);
    }
    let status = service.round_status("huishoudelijke-hulp-2027").await.unwrap();
    assert_eq!(status.counts.per_question.get("rol").copied(), Some(2));
    service.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_serves_telegram_when_a_token_is_set_and_stops_on_ctrl_c_or_sigterm() {
    for signal in ["-INT", "-TERM"] {
        serve_and_stop_with(signal).await;
    }
}

async fn serve_and_stop_with(signal: &str) {
    let ws = Workspace::new();
    ws.open_example_by_cli();
    let api = BotApi::start().await;
    let mut child = crate::support::serve_command(&ws, &api)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    api.say(FATIMA, "nl", "/start");
    api.wait_for(FATIMA, "Vraag 1 van 6").await;
    // Ctrl-C or SIGTERM: the bot finishes cleanly within a few seconds.
    let pid = child.id().unwrap();
    let _ = std::process::Command::new("kill")
        .args([signal, &pid.to_string()])
        .status();
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .expect("stops in time")
        .unwrap();
    assert!(status.success(), "{signal}: {status:?}");
    let mut err = String::new();
    use tokio::io::AsyncReadExt;
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .await
        .unwrap();
    assert!(
        !err.contains("TEST-TOKEN") && !err.contains("5512345678"),
        "{err}"
    );
}

/// Found in the twelfth fresh-eyes trial: a mistyped token was retried for six
/// seconds, and the bot then served on without a name. Telegram's 401 now
/// stops it at once, saying what to check and never printing the token.
#[tokio::test]
async fn a_token_telegram_does_not_know_stops_the_bot_at_once_with_what_to_check() {
    let ws = Workspace::new();
    ws.open_example_by_cli();
    let api = BotApi::start().await;
    let started = std::time::Instant::now();
    let out = tokio::time::timeout(
        Duration::from_secs(20),
        crate::support::serve_command(&ws, &api)
            .env("TELEGRAM_BOT_TOKEN", "123456:TEST-TOKEM")
            .output(),
    )
    .await
    .expect("stops by itself")
    .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert!(
        err.contains("Telegram does not accept the bot token (401 Unauthorized). Check TELEGRAM_BOT_TOKEN"),
        "{err}"
    );
    assert!(!err.contains("TEST-TOKEM"), "{err}");
    assert_eq!(api.calls("getme"), 1, "asked once");
}

/// One account flooding the bot gets one polite notice and is set aside; another
/// resident is answered meanwhile as usual.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flooding_account_is_set_aside_with_one_notice_and_slows_nobody() {
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let api = BotApi::start().await;
    let mut cfg = config(&api);
    cfg.limits.inbound_per_minute = 30;
    cfg.limits.inbound_burst = 10;
    let flooder = 5_577_000_001;
    for i in 0..100 {
        api.say(flooder, "nl", &format!("spam {i}"));
    }
    api.say(FATIMA, "nl", "/start");
    let (stop, stopped) = oneshot::channel::<()>();
    let task = {
        let service = service.clone();
        tokio::spawn(async move {
            telegram::serve(&service, &cfg, async {
                let _ = stopped.await;
            })
            .await
            .expect("serving ends cleanly");
        })
    };
    api.wait_for(FATIMA, "Vraag 1 van 6").await;
    let bot = Running { stop, task };
    bot.stop().await;
    let notices = api
        .sent_to(flooder)
        .iter()
        .filter(|m| m.text.contains("veel berichten vlak na elkaar"))
        .count();
    assert_eq!(notices, 1, "one notice, not one per message");
    // About ten messages are taken (each answered with at most two), the
    // other ninety are set aside.
    let answered = api.sent_to(flooder).len();
    assert!(
        answered < 30,
        "most of the flood was set aside: {answered} replies"
    );
    service.close().await;
}

/// Asked to stop while it cannot even reach Telegram (starting up against a
/// server that does not answer), the bot stops at once, not after its retries.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_the_bot_while_telegram_cannot_be_reached() {
    stop_while_telegram_cannot_be_reached(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_webhook_mode_the_bot_keeps_trying_telegram_and_stops_on_sigterm() {
    stop_while_telegram_cannot_be_reached(true).await;
}

/// The binary, by long polling or webhook, with no Bot API to reach: it keeps
/// trying (a network blip at the start must not end the service) and SIGTERM
/// still stops it cleanly.
async fn stop_while_telegram_cannot_be_reached(webhook: bool) {
    let ws = Workspace::new();
    ws.open_example_by_cli();
    let free_port = || {
        std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    };
    let port = free_port();
    let mut command = tokio::process::Command::from(ws.cli());
    if webhook {
        let hook = free_port();
        command
            .env(
                "TELEGRAM_WEBHOOK_URL",
                format!("http://127.0.0.1:{hook}/telegram"),
            )
            .env("TELEGRAM_WEBHOOK_LISTEN", format!("127.0.0.1:{hook}"))
            .env("TELEGRAM_WEBHOOK_SECRET", "s3cret-token_for-tests");
    }
    let mut bot = command
        .args(["serve"])
        .env("TELEGRAM_BOT_TOKEN", "123456:TEST-TOKEN")
        .env("TELEGRAM_API_URL", format!("http://127.0.0.1:{port}/"))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    if webhook {
        // It gets to setting the webhook soon (the command menus are
        // registered beside it), and keeps trying rather than giving up.
        use tokio::io::AsyncBufReadExt as _;
        let mut lines = tokio::io::BufReader::new(bot.stderr.take().unwrap()).lines();
        let retrying = tokio::time::timeout(Duration::from_secs(20), async {
            while let Ok(Some(line)) = lines.next_line().await {
                if line.contains("setting the webhook failed; retrying") {
                    return true;
                }
            }
            false
        })
        .await;
        assert_eq!(
            retrying,
            Ok(true),
            "trying to set the webhook within 20 s, and again"
        );
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    } else {
        use tokio::io::AsyncReadExt as _;
        let mut stderr = bot.stderr.take().unwrap();
        tokio::spawn(async move { while stderr.read(&mut [0; 4096]).await.is_ok_and(|n| n > 0) {} });
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    assert!(bot.try_wait().unwrap().is_none(), "still running");
    let pid = bot.id().unwrap().to_string();
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    let status = tokio::time::timeout(Duration::from_secs(8), bot.wait())
        .await
        .expect("stopped within a few seconds")
        .unwrap();
    assert!(status.success(), "{status}");
}

/// The outbox over real HTTP, with a clock the test moves: a subscriber of the
/// topic gets the invitation when the round opens by itself, not at night;
/// someone who follows another topic gets nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_round_opening_by_itself_invites_subscribers_outside_quiet_hours() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI64, Ordering};
    let ws = Workspace::new();
    let service = ws.service().await;
    let api = BotApi::start().await;
    let night = time::macros::datetime!(2027-01-10 23:30 +01:00);
    let clock_at = Arc::new(AtomicI64::new(night.unix_timestamp()));
    let mut config = config(&api);
    config.clock = {
        let at = clock_at.clone();
        Arc::new(move || OffsetDateTime::from_unix_timestamp(at.load(Ordering::SeqCst)).unwrap())
    };
    config.outbox_every = Duration::from_millis(50);
    let running = start_with(&service, config);
    // Before any round exists there is nothing to follow.
    api.say(FATIMA, "nl", "/abonneer wmo");
    api.wait_for(FATIMA, "ken ik niet").await;

    // The example round as a draft that opens at 23:00 (the test's night).
    let file = ws.current_example(crate::support::WMO_EXAMPLE);
    let text = std::fs::read_to_string(&file).unwrap();
    let text: String = text
        .lines()
        .map(|l| match l {
            l if l.starts_with("opens = ") => "opens = 2027-01-10T23:00:00".to_owned(),
            l if l.starts_with("closes = ") => "closes = 2027-01-25T17:00:00".to_owned(),
            l => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&file, text).unwrap();
    service.import_round(&file, night).await.unwrap();
    // Its topic can be followed now; Olena follows another one.
    api.say(FATIMA, "nl", "/abonneer wmo");
    api.wait_for(FATIMA, "U krijgt een bericht als er nieuwe vragen over wmo zijn")
        .await;
    let youth = std::fs::read_to_string(crate::support::repo(crate::support::PLEIN_EXAMPLE))
        .unwrap()
        .replace("topic = \"buurt\"", "topic = \"jeugd\"");
    let youth = ws.write("jeugd.toml", youth);
    service.import_round(&youth, night).await.unwrap();
    api.say(OLENA, "en", "/subscribe jeugd");
    api.wait_for(OLENA, "new questions about jeugd").await;
    let pass = service.keep_calendar(night).await.unwrap();
    assert_eq!(pass.opened.len(), 1);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        !api.sent_to(FATIMA)
            .iter()
            .any(|m| m.text.contains("Nieuwe vragen")),
        "nothing at night"
    );
    // Morning: the invitation goes, with a button to take part.
    clock_at.store(
        time::macros::datetime!(2027-01-11 08:00 +01:00).unix_timestamp(),
        Ordering::SeqCst,
    );
    let invite = api.wait_for(FATIMA, "Nieuwe vragen").await;
    assert!(invite.text.contains("Hulp bij het huishouden"), "{}", invite.text);
    assert!(!invite.buttons.is_empty(), "a button to take part");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        api.sent_to(FATIMA)
            .iter()
            .filter(|m| m.text.contains("Nieuwe vragen"))
            .count(),
        1
    );
    assert!(
        !api.sent_to(OLENA)
            .iter()
            .any(|m| m.text.contains("New questions"))
    );
    let b = service
        .store()
        .broadcasts("huishoudelijke-hulp-2027")
        .await
        .unwrap();
    assert_eq!((b[0].planned, b[0].sent, b[0].queued), (1, 1, 0), "{b:?}");
    running.stop().await;
}

/// When a round's review-by date passes without a new outcome entry, each
/// official is reminded in a private chat, once (also across a restart).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officials_are_reminded_once_when_feedback_is_overdue() {
    officials_are_reminded(Mode::Polling).await;
}

/// The same in webhook mode, where no poll loop runs the chores.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officials_are_reminded_once_in_webhook_mode_too() {
    officials_are_reminded(Mode::Webhook).await;
}

/// How the bot takes updates in a test.
#[derive(Clone, Copy)]
enum Mode {
    Polling,
    Webhook,
}

impl Mode {
    fn config(self, api: &BotApi) -> TelegramConfig {
        match self {
            Mode::Polling => config(api),
            Mode::Webhook => webhook_config(api, 1),
        }
    }
}

async fn officials_are_reminded(mode: Mode) {
    use std::sync::Arc;
    let ws = Workspace::new();
    let service = crate::support::example_with_overdue_feedback(&ws).await;
    let api = BotApi::start().await;
    let at = |t: OffsetDateTime| -> meepraten::service::schedule::Clock { Arc::new(move || t) };
    // Before the date: nothing.
    let mut before = mode.config(&api);
    before.clock = at(time::macros::datetime!(2027-03-01 12:00 +01:00));
    let bot = start_with(&service, before);
    api.say(FATIMA, "nl", "/hulp");
    api.wait_for(FATIMA, "Zo werkt het").await;
    bot.stop().await;
    assert!(api.sent_to(OFFICIAL).is_empty(), "{:?}", api.sent_to(OFFICIAL));
    // The day after: one reminder, and not again after a restart.
    for _ in 0..2 {
        let mut after = mode.config(&api);
        after.clock = at(time::macros::datetime!(2027-03-02 09:00 +01:00));
        let bot = start_with(&service, after);
        api.wait_for(OFFICIAL, "was gepland voor 2027-03-01").await;
        api.say(FATIMA, "nl", "/hulp");
        tokio::time::sleep(Duration::from_millis(300)).await;
        bot.stop().await;
    }
    let reminders = api.sent_to(OFFICIAL);
    assert_eq!(reminders.len(), 1, "{reminders:?}");
    assert!(
        reminders[0]
            .text
            .contains("meepraten round feedback huishoudelijke-hulp-2027")
    );
    assert!(api.sent_to(OLENA).is_empty());
}

/// A configured announcement group hears of each round that opens, once (also
/// across a restart), with a button to take part in a private chat: never a
/// question in the group.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_announcement_group_gets_one_invitation_per_round() {
    announcement_group_invited(Mode::Polling).await;
}

/// The same in webhook mode, where no poll loop runs the chores.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_announcement_group_is_invited_in_webhook_mode_too() {
    announcement_group_invited(Mode::Webhook).await;
}

async fn announcement_group_invited(mode: Mode) {
    const GROUP: i64 = -1_001_234_567_890;
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let api = BotApi::start().await;
    for _ in 0..2 {
        let mut c = mode.config(&api);
        c.announcement_chats = vec![GROUP];
        let bot = start_with(&service, c);
        api.wait_for(GROUP, "Nieuwe ronde: Hulp bij het huishouden").await;
        api.say(FATIMA, "nl", "/hulp");
        api.wait_for(FATIMA, "Zo werkt het").await;
        bot.stop().await;
    }
    let posts = api.sent_to(GROUP);
    assert_eq!(posts.len(), 1, "{posts:?}");
    assert!(
        posts[0]
            .buttons
            .iter()
            .any(|(_, url)| url.contains("start=huishoudelijke-hulp-2027")),
        "{:?}",
        posts[0].buttons
    );
    assert!(!posts[0].text.contains("Vraag 1"), "no question in a group");
}

/// A full batch's replies are held back only while the next batch is
/// fetched, and a few milliseconds at most: with nothing more to fetch (a long
/// poll, which the simulator ends after 2 s), the residents still hear back at
/// once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replies_are_not_held_for_a_long_poll() {
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let api = BotApi::start().await;
    let residents: Vec<i64> = (0..100).map(|i| 9_100_000 + i).collect();
    let first = api.say(residents[0], "nl", "/start");
    for r in &residents[1..] {
        api.say(*r, "nl", "/start");
    }
    let mut c = config(&api);
    c.poll_timeout = 30;
    let bot = start_with(&service, c);
    for r in &residents {
        api.wait_for(*r, "Vraag 1 van 6").await;
    }
    let handed_out = api.handed_out(first).expect("the batch was fetched");
    assert!(
        handed_out.elapsed() < Duration::from_secs(1),
        "the replies took {:?}: held back for the long poll",
        handed_out.elapsed()
    );
    bot.stop().await;
    service.close().await;
}
