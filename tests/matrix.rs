//! The Matrix channel against a real Synapse on 127.0.0.1 (see
//! `support/synapse.rs`, which installs and starts it on a fresh machine).
//! Residents are real matrix-sdk clients with their own devices and keys.

use std::time::Duration;

use matrix_sdk::config::SyncSettings;
use matrix_sdk::ruma::UserId;
use matrix_sdk::ruma::events::room::message::RoomMessageEventContent;
use matrix_sdk::{Client, Room};
use meepraten::channel::matrix::{self, MatrixConfig};
use meepraten::service::Service;
use tokio::sync::oneshot;

use crate::support::Workspace;
use crate::support::synapse::Synapse;

const BOT: &str = "meepraten";
const PASSWORD: &str = "wachtwoord-voor-tests";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fresh_synapse_starts_and_lets_a_registered_user_log_in() {
    let synapse = tokio::task::spawn_blocking(Synapse::start).await.unwrap();
    synapse.register("inwoner1", "geheim-wachtwoord");
    let token = access_token(&synapse, "inwoner1", "geheim-wachtwoord").await;
    assert!(!token.is_empty());
}

/// Logs `name` in over the client API, as an admin would to make a token.
async fn access_token(synapse: &Synapse, name: &str, password: &str) -> String {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let login = serde_json::json!({
        "type": "m.login.password",
        "identifier": {"type": "m.id.user", "user": name},
        "password": password,
    });
    let answer = client
        .post(synapse.url().join("_matrix/client/v3/login").unwrap())
        .header("content-type", "application/json")
        .body(login.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let body: serde_json::Value = serde_json::from_str(&answer.text().await.unwrap()).unwrap();
    assert_eq!(body["user_id"], Synapse::user_id(name));
    body["access_token"].as_str().unwrap().to_owned()
}

/// The bot, served in this process until stopped.
struct Bot {
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

/// The bot's settings in the tests: logs in with its password the first time.
fn config(synapse: &Synapse, ws: &Workspace) -> MatrixConfig {
    MatrixConfig {
        homeserver: synapse.url(),
        user: Synapse::user_id(BOT),
        password: Some(PASSWORD.to_owned()),
        access_token: None,
        store: ws.path("meepraten.matrix"),
        sync_timeout: Duration::from_millis(500),
        officials: Vec::new(),
        council_rooms: Vec::new(),
        announcement_rooms: Vec::new(),
        clock: meepraten::service::schedule::system_clock(),
        outbox_every: Duration::from_millis(100),
    }
}

impl Bot {
    fn start(service: &Service, synapse: &Synapse, ws: &Workspace) -> Bot {
        Bot::run(service, config(synapse, ws))
    }

    fn run(service: &Service, config: MatrixConfig) -> Bot {
        let (stop, stopped) = oneshot::channel::<()>();
        let service = service.clone();
        let task = tokio::spawn(async move {
            matrix::serve(&service, &config, async {
                let _ = stopped.await;
            })
            .await
            .expect("Matrix served");
        });
        Bot {
            stop: Some(stop),
            task,
        }
    }

    async fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        tokio::time::timeout(Duration::from_secs(20), &mut self.task)
            .await
            .expect("the bot stops")
            .unwrap();
    }
}

/// How many took part in the Wmo example, uncensored (tests only).
async fn raw_counts(service: &Service) -> meepraten::store::ResponseCounts {
    service
        .round_status("huishoudelijke-hulp-2027")
        .await
        .unwrap()
        .counts
}

/// A fresh Synapse with the bot's account, and the bot serving the open Wmo
/// example from a fresh workspace.
async fn served() -> (Synapse, Workspace, Service, Bot) {
    let synapse = tokio::task::spawn_blocking(Synapse::start).await.unwrap();
    synapse.register(BOT, PASSWORD);
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let bot = Bot::start(&service, &synapse, &ws);
    (synapse, ws, service, bot)
}

/// A resident with a real matrix-sdk client, device and keys.
struct Resident {
    client: Client,
    _store: tempfile::TempDir,
    token: Option<String>,
    /// Every text others sent, in order.
    heard: Vec<String>,
    /// The event id of the last poll the bot sent.
    last_poll: Option<String>,
    /// The HTML (`formatted_body`) of every message that had one.
    formatted: Vec<String>,
}

impl Resident {
    async fn login(synapse: &Synapse, name: &str) -> Resident {
        synapse.register(name, PASSWORD);
        let store = tempfile::tempdir().unwrap();
        let client = Client::builder()
            .homeserver_url(synapse.url().as_str())
            .sqlite_store(store.path(), None)
            .build()
            .await
            .unwrap();
        client
            .matrix_auth()
            .login_username(name, PASSWORD)
            .send()
            .await
            .unwrap();
        let mut r = Resident {
            client,
            _store: store,
            token: None,
            heard: Vec::new(),
            last_poll: None,
            formatted: Vec::new(),
        };
        r.sync().await;
        r
    }

    /// One sync; returns the texts others sent in `room`.
    async fn sync_texts(&mut self, room: Option<&Room>) -> Vec<String> {
        // Every event since the last sync (Synapse shows only 10 unless asked).
        let mut filter = matrix_sdk::ruma::api::client::filter::FilterDefinition::default();
        filter.room.timeline.limit = Some(1000u32.into());
        let mut settings = SyncSettings::default()
            .timeout(Duration::from_millis(300))
            .filter(matrix_sdk::ruma::api::client::sync::sync_events::v3::Filter::FilterDefinition(filter));
        if let Some(t) = &self.token {
            settings = settings.token(t.clone());
        }
        let response = self.client.sync_once(settings).await.unwrap();
        self.token = Some(response.next_batch.clone());
        let own = self.client.user_id().unwrap().to_string();
        let mut out = Vec::new();
        let Some(room) = room else { return out };
        if let Some(joined) = response.rooms.joined.get(room.room_id()) {
            for e in &joined.timeline.events {
                let json: serde_json::Value = serde_json::from_str(e.raw().json().get()).unwrap();
                if json["sender"] == own.as_str() {
                    continue;
                }
                if json["type"] == "m.room.message" {
                    out.push(json["content"]["body"].as_str().unwrap_or_default().to_owned());
                    if let Some(html) = json["content"]["formatted_body"].as_str() {
                        self.formatted.push(html.to_owned());
                    }
                }
                // A question with options comes as a poll; its text fallback
                // reads like a message.
                if json["type"] == "org.matrix.msc3381.poll.start" {
                    self.last_poll = json["event_id"].as_str().map(str::to_owned);
                    let fallback = json["content"]["org.matrix.msc1767.text"].as_str();
                    out.push(fallback.unwrap_or_default().to_owned());
                }
            }
        }
        out
    }

    async fn sync(&mut self) {
        self.sync_texts(None).await;
    }

    /// Syncs until a message containing `needle` arrives (at most 30 s).
    async fn wait_for(&mut self, room: &Room, needle: &str) -> String {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        let mut seen = Vec::new();
        loop {
            let texts = self.sync_texts(Some(room)).await;
            self.heard.extend(texts.iter().cloned());
            for text in texts {
                if text.contains(needle) {
                    return text;
                }
                seen.push(text);
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "no message with `{needle}`; got {seen:#?}"
            );
        }
    }

    /// Waits until `n` messages containing `needle` were heard in all.
    async fn wait_for_count(&mut self, room: &Room, needle: &str, n: usize) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        loop {
            let texts = self.sync_texts(Some(room)).await;
            self.heard.extend(texts);
            let seen = self.heard.iter().filter(|t| t.contains(needle)).count();
            if seen >= n {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "`{needle}` {seen} times, not {n}"
            );
        }
    }

    /// Votes in the last poll: in the stable form, or the unstable one current
    /// clients send.
    async fn vote(&self, room: &Room, answer: &str, stable: bool) {
        let poll = self.last_poll.clone().expect("a poll was shown");
        let relates = serde_json::json!({"rel_type": "m.reference", "event_id": poll});
        let (kind, content) = if stable {
            (
                "m.poll.response",
                serde_json::json!({"m.selections": [answer], "m.relates_to": relates}),
            )
        } else {
            (
                "org.matrix.msc3381.poll.response",
                serde_json::json!({"org.matrix.msc3381.poll.response": {"answers": [answer]}, "m.relates_to": relates}),
            )
        };
        room.send_raw(kind, content).await.unwrap();
    }

    async fn say(&self, room: &Room, text: &str) {
        self.say_id(room, text).await;
    }

    /// Says `text` and returns the event id.
    async fn say_id(&self, room: &Room, text: &str) -> String {
        room.send(RoomMessageEventContent::text_plain(text))
            .await
            .unwrap()
            .response
            .event_id
            .to_string()
    }

    /// Edits an earlier message (`m.replace`), as Element does.
    async fn edit(&self, room: &Room, of: &str, text: &str) {
        let content = serde_json::json!({
            "msgtype": "m.text",
            "body": format!("* {text}"),
            "m.new_content": {"msgtype": "m.text", "body": text},
            "m.relates_to": {"rel_type": "m.replace", "event_id": of},
        });
        room.send_raw("m.room.message", content).await.unwrap();
    }

    /// Sends an encrypted event under a session key the bot never got, as a
    /// client with lost keys would: the bot cannot read it.
    async fn send_undecryptable(&self, room: &Room) {
        use matrix_sdk::ruma::api::client::message::send_message_event;
        use matrix_sdk::ruma::serde::Raw;
        let content = serde_json::json!({
            "algorithm": "m.megolm.v1.aes-sha2",
            "ciphertext": "AwgAEnACgAkLmt6qF84IK++J7UDH2Za1YVchHyprqTqsg2yyOwAtHaZTwyNg37afzg8f3r9IsN9r4RNFg7MaZencUJe4qvELiDiopUjy5wYVDAtqdBzer5bWRD9ldxp1FLgbQvBcjkkywYjCsmsq6+hArLd9oAQZnGKn/qLxK2HUZ9gk3pzEwnL8DSm8SA5A",
            "device_id": "NOSUCHDEVICE",
            "sender_key": "IlRMeOPX2e0MurIyfWEucYBRVOEEUMrOHqn/8mLqMjA",
            "session_id": "X3lUlvLELLYxeTx4yOVu6UDpasGEVO0Jbu+QFnm0cKQ",
        });
        let request = send_message_event::v3::Request::new_raw(
            room.room_id().to_owned(),
            matrix_sdk::ruma::TransactionId::new(),
            "m.room.encrypted".into(),
            Raw::from_json(serde_json::value::to_raw_value(&content).unwrap()),
        );
        self.client.send(request).await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resident_answers_in_an_encrypted_direct_chat() {
    let (synapse, ws, service, bot) = served().await;

    let mut fatima = Resident::login(&synapse, "fatima").await;
    let bot_id = UserId::parse(Synapse::user_id(BOT)).unwrap();
    let room = fatima.client.create_dm(&bot_id).await.unwrap();
    assert!(
        room.latest_encryption_state().await.unwrap().is_encrypted(),
        "a direct chat is encrypted"
    );
    // The bot joins and greets at once, with the first question.
    let first = fatima.wait_for(&room, "Vraag 1").await;
    assert!(first.contains("1. Voor mezelf"), "options are numbered: {first}");
    // Questions with options are polls: voted in the form clients send today.
    fatima.vote(&room, "a:rol:zelf", false).await;
    fatima.wait_for(&room, "Vraag 2").await;
    // A message the bot cannot decrypt: it asks for it again.
    fatima.send_undecryptable(&room).await;
    fatima.wait_for(&room, "nog een keer").await;
    fatima.say(&room, "!taal en").await;
    fatima.wait_for(&room, "Question 2").await;

    // Killed mid-round without warning, and started again: it goes on in the
    // encrypted room with its stored device and keys, and handles nothing twice.
    bot.task.abort();
    let _ = bot.task.await;
    let bot = Bot::start(&service, &synapse, &ws);
    // ...and in the stable form; a low mark brings the follow-up question.
    fatima.vote(&room, "a:tevreden:2", true).await;
    fatima.wait_for(&room, "Question 3").await;
    // An open answer in a plain message, scrubbed before it is stored.
    fatima
        .say(&room, "More time for a chat. Call me on 06 1234 5678.")
        .await;
    fatima.wait_for(&room, "Question 4").await;
    // A typed label counts like its button.
    fatima.say(&room, "yes").await;
    fatima.wait_for(&room, "Question 5").await;
    // A numbered reply ticks an option; "done" ends the list.
    fatima.say(&room, "4").await;
    fatima.wait_for(&room, "☑").await;
    fatima.say(&room, "done").await;
    fatima.wait_for(&room, "Question 6").await;
    // The last question skipped.
    fatima.say(&room, "skip").await;
    fatima.wait_for(&room, "Thank you").await;
    let mut heard = fatima.heard.clone();
    heard.sort();
    heard.dedup();
    assert_eq!(
        heard.len(),
        fatima.heard.len(),
        "a message came twice: {:#?}",
        fatima.heard
    );

    bot.stop().await;
    let counts = raw_counts(&service).await;
    assert_eq!(counts.completed, 1);
    for question in ["rol", "tevreden", "beter", "zelfde-hulp", "belangrijk", "idee"] {
        assert_eq!(counts.per_question.get(question), Some(&1), "{question}");
    }
    service.close().await;
    let answers = stored_answers(&ws).await;
    let value = |q: &str| {
        answers
            .iter()
            .find(|(id, _)| id == q)
            .map(|(_, v)| v.clone())
            .unwrap()
    };
    assert!(value("rol").contains("zelf"), "{answers:?}");
    assert!(value("tevreden").contains('2'), "{answers:?}");
    let open = value("beter");
    assert!(
        open.contains("More time for a chat") && !open.contains("5678"),
        "{open}"
    );
    assert!(value("zelfde-hulp").contains("true"), "{answers:?}");
    assert!(value("belangrijk").contains("aandacht"), "{answers:?}");
    assert!(value("idee").to_lowercase().contains("skip"), "{answers:?}");
}

/// Every stored answer as (question, value JSON), read from the file.
async fn stored_answers(ws: &Workspace) -> Vec<(String, String)> {
    use sqlx::Connection as _;
    let url = format!("sqlite://{}?mode=ro", ws.database().display());
    let mut c = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let rows = sqlx::query_as("SELECT question_id, value FROM answers")
        .fetch_all(&mut c)
        .await
        .unwrap();
    c.close().await.unwrap();
    rows
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unencrypted_direct_chat_works_and_a_third_member_pauses_it() {
    use matrix_sdk::ruma::api::client::room::create_room;
    let synapse = tokio::task::spawn_blocking(Synapse::start).await.unwrap();
    synapse.register(BOT, PASSWORD);
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    // This time the bot logs in with an access token an admin made.
    let token = access_token(&synapse, BOT, PASSWORD).await;
    let bot = Bot::run(
        &service,
        MatrixConfig {
            password: None,
            access_token: Some(token),
            ..config(&synapse, &ws)
        },
    );

    let mut karel = Resident::login(&synapse, "karel").await;
    let mut request = create_room::v3::Request::new();
    request.invite = vec![UserId::parse(Synapse::user_id(BOT)).unwrap()];
    request.is_direct = true;
    request.preset = Some(create_room::v3::RoomPreset::PrivateChat);
    let room = karel.client.create_room(request).await.unwrap();
    assert!(!room.latest_encryption_state().await.unwrap().is_encrypted());
    karel.wait_for(&room, "Vraag 1").await;
    let first = karel.say_id(&room, "2").await;
    karel.wait_for(&room, "Vraag 2").await;
    // An edit of an answer whose question is past does not count...
    karel.edit(&room, &first, "1").await;
    karel.wait_for(&room, "al voorbij").await;
    // ...an edit of a message whose question is still current does.
    let typo = karel.say_id(&room, "zeventien").await;
    karel.wait_for(&room, "Vraag 2").await;
    karel.edit(&room, &typo, "4").await;
    karel.wait_for(&room, "Vraag 3").await;

    // A third member: everyone would see the answers, so the round pauses here.
    let mut piet = Resident::login(&synapse, "piet").await;
    room.invite_user_by_id(&UserId::parse(Synapse::user_id("piet")).unwrap())
        .await
        .unwrap();
    piet.sync().await;
    piet.client.join_room_by_id(room.room_id()).await.unwrap();
    // Said at once, before anyone answers again...
    karel.wait_for(&room, "meer mensen").await;
    // ...and again to an answer given all the same, which is not taken.
    karel.say(&room, "ja").await;
    karel.wait_for(&room, "meer mensen").await;

    // A chat marked direct with someone else in it from the start: told why
    // once, then left; no question asked.
    let mut request = create_room::v3::Request::new();
    request.invite = vec![
        UserId::parse(Synapse::user_id(BOT)).unwrap(),
        UserId::parse(Synapse::user_id("piet")).unwrap(),
    ];
    request.is_direct = true;
    request.preset = Some(create_room::v3::RoomPreset::PrivateChat);
    let crowded = karel.client.create_room(request).await.unwrap();
    karel.wait_for(&crowded, "meer mensen").await;
    let bot_id = UserId::parse(Synapse::user_id(BOT)).unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        karel.sync().await;
        let member = crowded.get_member_no_sync(&bot_id).await.unwrap();
        if member.is_some_and(|m| {
            *m.membership() == matrix_sdk::ruma::events::room::member::MembershipState::Leave
        }) {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the bot stayed in a crowded 'direct' chat"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let told: Vec<String> = karel.sync_texts(Some(&crowded)).await;
    assert!(!told.iter().any(|t| t.contains("Vraag 1")), "{told:?}");

    bot.stop().await;
    let counts = raw_counts(&service).await;
    assert_eq!(counts.per_question.get("rol"), Some(&1));
    assert_eq!(counts.per_question.get("tevreden"), Some(&1));
    assert_eq!(
        counts.per_question.get("zelfde-hulp"),
        None,
        "nothing answered in a shared room"
    );
    let answers = stored_answers(&ws).await;
    assert!(
        answers.iter().any(|(q, v)| q == "rol" && v.contains("naaste")),
        "the late edit changed nothing: {answers:?}"
    );
    assert!(
        answers.iter().any(|(q, v)| q == "tevreden" && v.contains('4')),
        "{answers:?}"
    );
    service.close().await;
}

/// The real binary serves Telegram (the Bot API simulator) and Matrix (Synapse)
/// at once, stops both on one SIGTERM, and at debug level logs no raw id or
/// name of anyone on either platform; nor does its database keep one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_binary_serves_telegram_and_matrix_and_keeps_no_ids() {
    const TELEGRAM_RESIDENT: i64 = 5_571_234_567;
    let synapse = tokio::task::spawn_blocking(Synapse::start).await.unwrap();
    synapse.register(BOT, PASSWORD);
    let ws = Workspace::new();
    ws.open_example_by_cli();
    let api = crate::support::telegram::BotApi::start().await;
    let bot = crate::support::serve_command(&ws, &api)
        .env("MATRIX_HOMESERVER", synapse.url().as_str())
        .env("MATRIX_USER", Synapse::user_id(BOT))
        .env("MATRIX_PASSWORD", PASSWORD)
        .env("MEEPRATEN_LOG", "debug")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();

    api.say(TELEGRAM_RESIDENT, "nl", "/start");
    api.wait_for(TELEGRAM_RESIDENT, "Vraag 1").await;
    api.press(TELEGRAM_RESIDENT, "nl", "a:rol:zelf");
    api.wait_for(TELEGRAM_RESIDENT, "Vraag 2").await;

    let mut olena = Resident::login(&synapse, "olena").await;
    olena
        .client
        .account()
        .set_display_name(Some("Olena Kovalenko"))
        .await
        .unwrap();
    let bot_id = UserId::parse(Synapse::user_id(BOT)).unwrap();
    let room = olena.client.create_dm(&bot_id).await.unwrap();
    olena.wait_for(&room, "Vraag 1").await;
    // A typed label counts like its number.
    olena.say(&room, "Voor iemand voor wie ik zorg").await;
    olena.wait_for(&room, "Vraag 2").await;
    let room_id = room.room_id().to_string();

    let pid = bot.id().unwrap().to_string();
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    let out = tokio::time::timeout(Duration::from_secs(20), bot.wait_with_output())
        .await
        .expect("both channels stop on one SIGTERM")
        .unwrap();
    assert!(out.status.success(), "exit {:?}", out.status);
    let log = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        log.contains("serving Matrix") && log.contains("serving Telegram"),
        "{log}"
    );

    let counts = ws.raw_counts("huishoudelijke-hulp-2027").await;
    assert_eq!(
        counts.per_question.get("rol"),
        Some(&2),
        "one answer from each platform"
    );
    // The bot's login, with which the rooms could be read off the server, is
    // kept sealed with the secret key.
    let session = std::fs::read_to_string(ws.path("meepraten.matrix/session.json")).unwrap();
    assert!(
        !session.contains("syt_") && !session.contains("access_token") && !session.contains("@meepraten"),
        "{session}"
    );
    let mut files = std::fs::read(ws.database()).unwrap();
    files.extend(std::fs::read(ws.path("meepraten.db-wal")).unwrap_or_default());
    let needles = [
        TELEGRAM_RESIDENT.to_string(),
        format!("user{TELEGRAM_RESIDENT}"),
        "Testpersoon".to_owned(),
        "@olena:localhost".to_owned(),
        "olena".to_owned(),
        "Kovalenko".to_owned(),
        room_id.clone(),
        room_id
            .trim_start_matches('!')
            .split(':')
            .next()
            .unwrap()
            .to_owned(),
    ];
    for needle in &needles {
        assert!(!log.contains(needle.as_str()), "the log names `{needle}`");
        assert!(
            !files.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "the database keeps `{needle}`"
        );
    }
}

/// A council room: the bot joins when invited, a member's `!samenvatting` gets
/// the audited summary (results hidden while the round is open), an official's
/// `!status` works there, and no question is ever asked in it. A resident who
/// is not an official cannot close a round from a direct chat.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_council_room_gets_summaries_and_only_officials_give_commands() {
    use matrix_sdk::ruma::api::client::room::create_room;
    let synapse = tokio::task::spawn_blocking(Synapse::start).await.unwrap();
    synapse.register(BOT, PASSWORD);
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let mut raadslid = Resident::login(&synapse, "raadslid").await;
    let mut request = create_room::v3::Request::new();
    request.preset = Some(create_room::v3::RoomPreset::PrivateChat);
    let council = raadslid.client.create_room(request).await.unwrap();
    let bot = Bot::run(
        &service,
        MatrixConfig {
            officials: vec![Synapse::user_id("raadslid")],
            council_rooms: vec![council.room_id().to_string()],
            ..config(&synapse, &ws)
        },
    );
    council
        .invite_user_by_id(&UserId::parse(Synapse::user_id(BOT)).unwrap())
        .await
        .unwrap();
    // Asked until the bot has joined and answers.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let summary = loop {
        raadslid
            .say(&council, "!samenvatting huishoudelijke-hulp-2027")
            .await;
        let texts = raadslid.sync_texts(Some(&council)).await;
        if let Some(t) = texts.into_iter().find(|t| t.contains("Hulp bij het huishouden")) {
            break t;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no summary in the council room"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    assert!(
        !summary.contains("Vraag 1"),
        "no questions in a council room: {summary}"
    );
    assert!(
        raadslid.formatted.iter().any(|h| h.contains("<h1>")),
        "the summary comes with its HTML rendering: {:?}",
        raadslid.formatted
    );
    raadslid.say(&council, "!status huishoudelijke-hulp-2027").await;
    raadslid.wait_for(&council, "huishoudelijke-hulp-2027").await;

    // A resident tries an official's command in a direct chat: the resident's
    // reply, and the round stays open.
    let mut henk = Resident::login(&synapse, "henk").await;
    let room = henk
        .client
        .create_dm(&UserId::parse(Synapse::user_id(BOT)).unwrap())
        .await
        .unwrap();
    henk.wait_for(&room, "Vraag 1").await;
    henk.say(&room, "!sluit huishoudelijke-hulp-2027").await;
    henk.wait_for(&room, "").await;
    bot.stop().await;
    let status = service.round_status("huishoudelijke-hulp-2027").await.unwrap();
    assert_eq!(status.stored.state.to_string(), "open");
    service.close().await;
}

/// An announcement room the municipality configured: the bot joins it by
/// itself (a public room), posts one invitation for the open round with a link
/// to a private chat and never a question, posts the summary once the round
/// closes, and posts neither again after a restart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_announcement_room_hears_of_the_round_and_its_results_once() {
    use matrix_sdk::ruma::api::client::room::create_room;
    let synapse = tokio::task::spawn_blocking(Synapse::start).await.unwrap();
    synapse.register(BOT, PASSWORD);
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let mut ambtenaar = Resident::login(&synapse, "ambtenaar").await;
    let mut request = create_room::v3::Request::new();
    request.preset = Some(create_room::v3::RoomPreset::PublicChat);
    let news = ambtenaar.client.create_room(request).await.unwrap();
    let settings = MatrixConfig {
        announcement_rooms: vec![news.room_id().to_string()],
        ..config(&synapse, &ws)
    };
    let bot = Bot::run(&service, settings.clone());

    let invitation = ambtenaar.wait_for(&news, "Nieuwe ronde").await;
    assert!(
        invitation.contains("Hulp bij het huishouden")
            && invitation.contains("New round: Help with household tasks")
            && invitation.contains("https://matrix.to/#/@meepraten:localhost"),
        "{invitation}"
    );
    // Talk in the room gets no question: everyone would see the answers.
    ambtenaar.say(&news, "Hoe doe ik mee?").await;

    service
        .close_round("huishoudelijke-hulp-2027", time::OffsetDateTime::now_utc())
        .await
        .unwrap();
    let results = ambtenaar.wait_for(&news, "is klaar").await;
    assert!(results.contains("Hulp bij het huishouden"), "{results}");
    bot.stop().await;

    // Started again: what was posted is not posted again.
    let bot = Bot::run(&service, settings);
    tokio::time::sleep(Duration::from_secs(3)).await;
    let later = ambtenaar.sync_texts(Some(&news)).await;
    ambtenaar.heard.extend(later);
    bot.stop().await;
    let posts = |needle: &str| ambtenaar.heard.iter().filter(|t| t.contains(needle)).count();
    assert_eq!(posts("Nieuwe ronde"), 1, "{:#?}", ambtenaar.heard);
    assert_eq!(posts("is klaar"), 1, "{:#?}", ambtenaar.heard);
    assert_eq!(posts("Vraag 1"), 0, "{:#?}", ambtenaar.heard);
    service.close().await;
}

/// A homeserver that allows about one message a second: the bot is refused
/// with `M_LIMIT_EXCEEDED`, waits the time it is told and sends again, so every
/// reply arrives, once and in order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_servers_rate_limit_is_waited_out_and_nothing_is_lost() {
    let synapse = tokio::task::spawn_blocking(Synapse::start_strict).await.unwrap();
    synapse.register(BOT, PASSWORD);
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let bot = Bot::start(&service, &synapse, &ws);

    let mut jan = Resident::login(&synapse, "jan").await;
    let bot_id = UserId::parse(Synapse::user_id(BOT)).unwrap();
    let room = jan.client.create_dm(&bot_id).await.unwrap();
    jan.wait_for(&room, "Vraag 1").await;
    for answer in ["1", "4", "ja"] {
        jan.say(&room, answer).await;
    }
    jan.wait_for(&room, "Wat vindt u het belangrijkst").await;
    bot.stop().await;

    assert!(
        synapse.rate_limited(BOT) > 0,
        "the server never refused the bot: the test proves nothing"
    );
    let questions: Vec<&String> = jan.heard.iter().filter(|t| t.contains("Vraag ")).collect();
    let order: Vec<usize> = ["Vraag 1", "Vraag 2", "Vraag 3", "Vraag 4"]
        .iter()
        .map(|q| {
            let at: Vec<usize> = questions
                .iter()
                .enumerate()
                .filter(|(_, t)| t.contains(q))
                .map(|(i, _)| i)
                .collect();
            assert_eq!(at.len(), 1, "`{q}` came {} times: {questions:#?}", at.len());
            at[0]
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{questions:#?}");
    let counts = raw_counts(&service).await;
    for question in ["rol", "tevreden", "zelfde-hulp"] {
        assert_eq!(counts.per_question.get(question), Some(&1), "{question}");
    }
    service.close().await;
}

/// The homeserver goes away for a few seconds (a lost connection, a restart):
/// the bot retries with a growing pause and goes on where the resident was.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_carries_on_after_the_homeserver_was_away() {
    let mut synapse = tokio::task::spawn_blocking(Synapse::start).await.unwrap();
    synapse.register(BOT, PASSWORD);
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let bot = Bot::start(&service, &synapse, &ws);
    let mut lotte = Resident::login(&synapse, "lotte").await;
    let bot_id = UserId::parse(Synapse::user_id(BOT)).unwrap();
    let room = lotte.client.create_dm(&bot_id).await.unwrap();
    lotte.wait_for(&room, "Vraag 1").await;
    lotte.say(&room, "1").await;
    lotte.wait_for(&room, "Vraag 2").await;

    let synapse = tokio::task::spawn_blocking(move || {
        synapse.stop();
        std::thread::sleep(Duration::from_secs(3));
        synapse.start_again();
        synapse
    })
    .await
    .unwrap();
    lotte.say(&room, "4").await;
    lotte.wait_for(&room, "Vraag 3").await;
    bot.stop().await;
    let counts = raw_counts(&service).await;
    assert_eq!(counts.per_question.get("tevreden"), Some(&1));
    drop(synapse);
    service.close().await;
}

/// Messages sent while the bot was down are all handled after it comes back,
/// however many (more than one sync shows), also when the real binary is
/// stopped or killed again just after starting: nothing lost, nothing twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_sent_while_the_bot_was_down_survive_quick_restarts() {
    let synapse = tokio::task::spawn_blocking(Synapse::start).await.unwrap();
    synapse.register(BOT, PASSWORD);
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let serve = || {
        let mut c = tokio::process::Command::from(ws.cli());
        c.arg("serve")
            .env("MATRIX_HOMESERVER", synapse.url().as_str())
            .env("MATRIX_USER", Synapse::user_id(BOT))
            .env("MATRIX_PASSWORD", PASSWORD)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true);
        c.spawn().unwrap()
    };
    let mut bot = serve();
    let mut eva = Resident::login(&synapse, "eva").await;
    let bot_id = UserId::parse(Synapse::user_id(BOT)).unwrap();
    let room = eva.client.create_dm(&bot_id).await.unwrap();
    eva.wait_for(&room, "Vraag 1").await;
    bot.kill().await.unwrap();

    // More than one sync shows of a room (Synapse's default is 10 events, the
    // bot asks for 50): the earliest are fetched page by page.
    for answer in ["1", "4", "ja"].into_iter().chain(["hallo?"; 60]) {
        eva.say(&room, answer).await;
    }
    // Stopped at once, before it could do much.
    let mut bot = serve();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let pid = bot.id().unwrap().to_string();
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    let _ = tokio::time::timeout(Duration::from_secs(20), bot.wait())
        .await
        .unwrap();
    // Killed as soon as the first reply is out.
    let mut bot = serve();
    eva.wait_for(&room, "Vraag 2").await;
    bot.kill().await.unwrap();
    let mut bot = serve();
    eva.wait_for(&room, "Wat vindt u het belangrijkst").await;
    // Every message gets its answer, the sixty unclear ones too (but for the
    // reply that was under way at the kill: see below).
    eva.wait_for_count(&room, "Dat antwoord ken ik niet", 59).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let last = eva.sync_texts(Some(&room)).await;
    eva.heard.extend(last);
    bot.kill().await.unwrap();

    // A second, new database on the same account: the room's history is not
    // answered again.
    let drained = eva.sync_texts(Some(&room)).await;
    eva.heard.extend(drained);
    let ws2 = Workspace::new();
    let service2 = ws2.service_with_open_example().await;
    let bot2 = Bot::start(&service2, &synapse, &ws2);
    tokio::time::sleep(Duration::from_secs(3)).await;
    let later = eva.sync_texts(Some(&room)).await;
    bot2.stop().await;
    assert!(later.is_empty(), "history answered again: {later:#?}");
    service2.close().await;

    let counts = raw_counts(&service).await;
    for question in ["rol", "tevreden", "zelfde-hulp"] {
        assert_eq!(counts.per_question.get(question), Some(&1), "{question}");
    }
    // Each message answered at most once: one reply per unclear message, the
    // question shown again with each, the earlier questions once. A reply
    // that was being sent when the process was killed is lost (its message is
    // stored as handled); a durable outbox (see the issue on subscriptions)
    // will send it after the restart.
    let times = |needle: &str| eva.heard.iter().filter(|t| t.contains(needle)).count();
    assert!(
        (59..=60).contains(&times("Dat antwoord ken ik niet")),
        "{:#?}",
        eva.heard
    );
    assert_eq!(times("Vraag 2 van"), 1, "{:#?}", eva.heard);
    assert_eq!(times("Vraag 3 van"), 1, "{:#?}", eva.heard);
    assert!((60..=61).contains(&times("Vraag 4 van")), "{:#?}", eva.heard);
    service.close().await;
}

/// The outbox on Matrix, with a clock the test moves: a resident who follows
/// the topic gets the invitation in her direct chat when a round opens by
/// itself, not at night, once (also across a restart); one who does not
/// follow it gets nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_round_opening_by_itself_invites_followers_in_their_direct_chat() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI64, Ordering};
    let synapse = tokio::task::spawn_blocking(Synapse::start).await.unwrap();
    synapse.register(BOT, PASSWORD);
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let night = time::macros::datetime!(2027-03-01 23:30 +01:00);
    let clock_at = Arc::new(AtomicI64::new(night.unix_timestamp()));
    let settings = MatrixConfig {
        clock: {
            let at = clock_at.clone();
            Arc::new(move || time::OffsetDateTime::from_unix_timestamp(at.load(Ordering::SeqCst)).unwrap())
        },
        ..config(&synapse, &ws)
    };
    let bot = Bot::run(&service, settings.clone());
    let bot_id = UserId::parse(Synapse::user_id(BOT)).unwrap();
    let mut fatima = Resident::login(&synapse, "fatima").await;
    let with_fatima = fatima.client.create_dm(&bot_id).await.unwrap();
    fatima.wait_for(&with_fatima, "Vraag 1").await;
    fatima.say(&with_fatima, "!abonneer wmo").await;
    fatima
        .wait_for(
            &with_fatima,
            "U krijgt een bericht als er nieuwe vragen over wmo zijn",
        )
        .await;
    let mut karel = Resident::login(&synapse, "karel").await;
    let with_karel = karel.client.create_dm(&bot_id).await.unwrap();
    karel.wait_for(&with_karel, "Vraag 1").await;

    // A wmo round for the square, planned for 23:00 on the test's clock.
    let square = std::fs::read_to_string(crate::support::repo(crate::support::PLEIN_EXAMPLE))
        .unwrap()
        .replace("topic = \"buurt\"", "topic = \"wmo\"")
        .replace("neighbourhood = \"oost\"\n", "")
        .replace(
            "opens = 2027-03-01T09:00:00+01:00",
            "opens = 2027-03-01T23:00:00+01:00",
        );
    let square = ws.write("plein.toml", square);
    service.import_round(&square, night).await.unwrap();
    let pass = service.keep_calendar(night).await.unwrap();
    assert_eq!(pass.opened.len(), 1, "{pass:?}");
    tokio::time::sleep(Duration::from_secs(2)).await;
    let quiet = fatima.sync_texts(Some(&with_fatima)).await;
    assert!(
        !quiet.iter().any(|t| t.contains("Nieuwe vragen")),
        "nothing at night: {quiet:?}"
    );
    fatima.heard.extend(quiet);

    clock_at.store(
        time::macros::datetime!(2027-03-02 08:00 +01:00).unix_timestamp(),
        Ordering::SeqCst,
    );
    let invite = fatima.wait_for(&with_fatima, "Nieuwe vragen").await;
    assert!(invite.contains("Het plein in Oost"), "{invite}");
    assert!(
        invite.contains("!start plein-oost-2027"),
        "Matrix says what to type: {invite}"
    );
    bot.stop().await;

    // Started again: nothing is sent twice.
    let bot = Bot::run(&service, settings);
    tokio::time::sleep(Duration::from_secs(3)).await;
    let later = fatima.sync_texts(Some(&with_fatima)).await;
    fatima.heard.extend(later);
    bot.stop().await;
    let invites = fatima
        .heard
        .iter()
        .filter(|t| t.contains("Nieuwe vragen"))
        .count();
    assert_eq!(invites, 1, "{:#?}", fatima.heard);
    let to_karel = karel.sync_texts(Some(&with_karel)).await;
    assert!(
        !to_karel.iter().any(|t| t.contains("Nieuwe vragen")),
        "{to_karel:?}"
    );
    let b = service.store().broadcasts("plein-oost-2027").await.unwrap();
    assert_eq!((b[0].planned, b[0].sent, b[0].queued), (1, 1, 0), "{b:?}");
    service.close().await;
}

/// An official with a direct chat with the bot is reminded there, once, when
/// a round's review-by date passes without a new outcome entry.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_official_is_reminded_in_a_direct_chat_when_feedback_is_overdue() {
    use std::sync::Arc;
    let synapse = tokio::task::spawn_blocking(Synapse::start).await.unwrap();
    synapse.register(BOT, PASSWORD);
    let ws = Workspace::new();
    let service = crate::support::example_with_overdue_feedback(&ws).await;
    let settings = MatrixConfig {
        officials: vec![Synapse::user_id("ambtenaar")],
        clock: Arc::new(|| time::macros::datetime!(2027-03-02 09:00 +01:00)),
        ..config(&synapse, &ws)
    };
    let bot = Bot::run(&service, settings.clone());
    let mut ambtenaar = Resident::login(&synapse, "ambtenaar").await;
    let bot_id = UserId::parse(Synapse::user_id(BOT)).unwrap();
    let room = ambtenaar.client.create_dm(&bot_id).await.unwrap();
    let reminder = ambtenaar.wait_for(&room, "was gepland voor 2027-03-01").await;
    assert!(
        reminder.contains("meepraten round feedback huishoudelijke-hulp-2027"),
        "{reminder}"
    );
    bot.stop().await;
    let bot = Bot::run(&service, settings);
    tokio::time::sleep(Duration::from_secs(3)).await;
    let later = ambtenaar.sync_texts(Some(&room)).await;
    ambtenaar.heard.extend(later);
    bot.stop().await;
    let n = ambtenaar
        .heard
        .iter()
        .filter(|t| t.contains("was gepland voor"))
        .count();
    assert_eq!(n, 1, "{:#?}", ambtenaar.heard);
    service.close().await;
}
