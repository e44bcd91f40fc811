//! Rounds reach residents on their own, with a clock the test moves: a round
//! opens and closes by itself; subscribers of its topic (and neighbourhood)
//! are invited, others not; one reminder goes to those who started but did
//! not finish; a thank-you and "you said, we did" go to those who asked to hear
//! back, in their language; quiet hours and the weekly cap hold; and a restart
//! in the middle of a broadcast sends the rest, nothing twice. The platform
//! here records what it is given; the Telegram and Matrix tests send the same
//! outbox over real HTTP.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use meepraten::config::outreach::Outreach;
use meepraten::domain::{Lang, Named, OutcomeStatus};
use meepraten::service::outbox::{Courier, Delivery};
use meepraten::service::schedule::Clock;
use meepraten::service::{OutboundMessage, Service};
use meepraten::store::BroadcastKind;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

use crate::support::{Resident, Workspace};

/// What a platform was given: address and text, in order.
#[derive(Clone, Default)]
struct Recorder {
    sent: Arc<Mutex<Vec<(String, String)>>>,
    keys: Arc<Mutex<Vec<(String, String)>>>,
}

impl Courier for Recorder {
    fn platform(&self) -> &'static str {
        "telegram"
    }

    async fn send(&self, address: &str, message: &OutboundMessage, key: &str) -> Delivery {
        self.keys
            .lock()
            .unwrap()
            .push((address.to_owned(), key.to_owned()));
        self.sent
            .lock()
            .unwrap()
            .push((address.to_owned(), message.text.clone()));
        Delivery::Sent
    }
}

impl Recorder {
    fn take(&self) -> Vec<(String, String)> {
        std::mem::take(&mut *self.sent.lock().unwrap())
    }
}

fn named(id: &str, nl: &str, en: &str) -> Named {
    Named {
        id: id.to_owned(),
        names: BTreeMap::from([(Lang::Nl, nl.to_owned()), (Lang::En, en.to_owned())]),
    }
}

fn outreach(prompts_per_week: u32) -> Outreach {
    Outreach {
        topics: vec![
            named("wmo", "Zorg en ondersteuning", "Care and support"),
            named("jeugd", "Jeugd", "Youth"),
        ],
        neighbourhoods: vec![named("oost", "Oost", "East"), named("west", "West", "West")],
        prompts_per_week,
        ..Outreach::default()
    }
}

async fn service(ws: &Workspace, prompts_per_week: u32) -> Service {
    let mut settings = ws.settings();
    settings.outreach = outreach(prompts_per_week);
    Service::open(&settings).await.expect("service opens")
}

const OPENS: OffsetDateTime = datetime!(2027-01-11 09:00 +01:00);
const CLOSES: OffsetDateTime = datetime!(2027-01-25 17:00 +01:00);

/// A round on `topic` (in `neighbourhood`) with one question and an open one.
fn round_file(ws: &Workspace, id: &str, topic: &str, neighbourhood: Option<&str>) -> std::path::PathBuf {
    let area = neighbourhood.map_or(String::new(), |n| format!("neighbourhood = \"{n}\"\n"));
    ws.write(
        &format!("{id}.toml"),
        format!(
            r#"id = "{id}"
languages = ["nl", "en"]
title = {{ nl = "Ronde {id}", en = "Round {id}" }}
intro = {{ nl = "Zeg wat u vindt.", en = "Tell us what you think." }}
topic = "{topic}"
{area}phase = "agenda"
opens = 2027-01-11T09:00:00
closes = 2027-01-25T17:00:00

[[questions]]
id = "tevreden"
kind = "yesno"
text = {{ nl = "Bent u tevreden?", en = "Are you satisfied?" }}

[[questions]]
id = "beter"
kind = "open"
text = {{ nl = "Wat kan beter?", en = "What could be better?" }}
"#
        ),
    )
}

fn clock_at(t: OffsetDateTime) -> Clock {
    Arc::new(move || t)
}

async fn deliver(service: &Service, courier: &Recorder, at: OffsetDateTime) -> usize {
    let clock = clock_at(at);
    let mut n = 0;
    loop {
        let done = service.deliver_due(courier, &clock).await.expect("delivered");
        if done == 0 {
            return n;
        }
        n += done;
    }
}

/// A wmo round `laat` that opens at 22:30 Dutch time, imported at `before`
/// and opened (its invitations planned) at that moment, which it returns.
async fn open_late_round(ws: &Workspace, service: &Service, before: OffsetDateTime) -> OffsetDateTime {
    let late = ws.write(
        "late.toml",
        std::fs::read_to_string(round_file(ws, "laat", "wmo", None))
            .unwrap()
            .replace("opens = 2027-01-11T09:00:00", "opens = 2027-01-11T22:30:00"),
    );
    service.import_round(&late, before).await.unwrap();
    let night = datetime!(2027-01-11 22:30 +01:00);
    service.keep_calendar(night).await.unwrap();
    night
}

/// A resident on a platform that can reach them later.
fn resident<'s>(service: &'s Service, id: &str, address: &str) -> Resident<'s> {
    let mut r = Resident::new(service, id);
    r.platform = "telegram";
    r.address = Some(address.to_owned());
    r
}

async fn say(r: &mut Resident<'_>, line: &str, at: OffsetDateTime) -> String {
    r.say_at(line, at)
        .await
        .iter()
        .map(|m| m.text.clone())
        .collect::<Vec<_>>()
        .join("\n---\n")
}

fn addresses(sent: &[(String, String)]) -> Vec<&str> {
    let mut a: Vec<&str> = sent.iter().map(|(a, _)| a.as_str()).collect();
    a.sort_unstable();
    a
}

#[tokio::test]
async fn a_round_opens_invites_its_subscribers_reminds_thanks_and_hears_back() {
    let ws = Workspace::new();
    let service = service(&ws, 3).await;
    let courier = Recorder::default();
    let before = OPENS - Duration::days(3);

    // Anna follows wmo (any neighbourhood), Bram wmo in Oost, Cas only youth,
    // Dirk follows nothing.
    let mut anna = resident(&service, "anna", "101");
    let mut bram = resident(&service, "bram", "102");
    let mut cas = resident(&service, "cas", "103");
    let mut dirk = resident(&service, "dirk", "104");
    let menu = say(&mut anna, "/abonneer", before).await;
    assert!(menu.contains("Over welke onderwerpen"), "{menu}");
    let on = anna.say_at("zorg en ondersteuning", before).await;
    let labels: Vec<&str> = on
        .iter()
        .flat_map(|m| &m.buttons)
        .map(|b| b.label.as_str())
        .collect();
    assert!(labels.contains(&"✅ Zorg en ondersteuning"), "{labels:?}");
    assert!(labels.contains(&"⬜ Jeugd"), "{labels:?}");
    assert!(
        say(&mut anna, "klaar", before).await.contains("Opgeslagen"),
        "the menu closes"
    );
    assert!(
        say(&mut bram, "/abonneer wmo", before)
            .await
            .contains("Zorg en ondersteuning")
    );
    say(&mut bram, "/abonneer", before).await;
    say(&mut bram, "Buurt: Hele gemeente", before).await;
    say(&mut bram, "Oost", before).await;
    say(&mut bram, "/taal en", before).await;
    assert!(say(&mut cas, "/subscribe jeugd", before).await.contains("Jeugd"));
    say(&mut dirk, "/start", before).await;

    // The neighbourhood and language chosen are sealed with the address: not
    // in the file's bytes beside the pseudonym.
    let bytes: Vec<u8> = ["meepraten.db", "meepraten.db-wal"]
        .iter()
        .filter_map(|f| std::fs::read(ws.path(f)).ok())
        .flatten()
        .collect();
    assert!(
        !bytes.windows(4).any(|w| w == b"oost"),
        "Bram's neighbourhood in the file"
    );

    // A city-wide wmo round and a wmo round for West, imported as drafts.
    for (id, area) in [("stad", None), ("west", Some("west"))] {
        service
            .import_round(&round_file(&ws, id, "wmo", area), before)
            .await
            .expect("imported");
    }
    let pass = service.keep_calendar(OPENS - Duration::minutes(1)).await.unwrap();
    assert!(pass.opened.is_empty(), "nothing opens before its time");
    assert_eq!(deliver(&service, &courier, OPENS - Duration::minutes(1)).await, 0);

    // At nine both open by themselves; only wmo subscribers are invited, and
    // for West only those who chose West (nobody).
    let pass = service.keep_calendar(OPENS).await.unwrap();
    assert_eq!(pass.opened.len(), 2, "{pass:?}");
    deliver(&service, &courier, OPENS).await;
    let sent = courier.take();
    assert_eq!(addresses(&sent), ["101", "102"], "{sent:?}");
    let to_bram = &sent.iter().find(|(a, _)| a == "102").unwrap().1;
    assert!(
        to_bram.starts_with("New questions: Round stad"),
        "Bram chose English: {to_bram}"
    );
    // Planned once: a second pass plans nothing more.
    let again = service.keep_calendar(OPENS + Duration::minutes(5)).await.unwrap();
    assert!(again.planned.is_empty(), "{again:?}");

    // Anna starts but stops halfway; Bram finishes and wants to hear back.
    let at = OPENS + Duration::hours(1);
    say(&mut anna, "/start stad", at).await;
    say(&mut anna, "ja", at).await;
    say(&mut bram, "/start stad", at).await;
    say(&mut bram, "yes", at).await;
    let ask = say(&mut bram, "Shorter waiting times", at).await;
    assert!(ask.contains("Would you like to hear"), "{ask}");
    say(&mut bram, "Yes, please", at).await;

    // Two days before closing: one reminder, to Anna only.
    let remind = CLOSES - Duration::hours(47);
    service.keep_calendar(remind).await.unwrap();
    deliver(&service, &courier, remind).await;
    let sent = courier.take();
    assert_eq!(addresses(&sent), ["101"], "{sent:?}");
    assert!(sent[0].1.contains("U bent begonnen"), "{sent:?}");
    service.keep_calendar(remind + Duration::hours(1)).await.unwrap();
    assert_eq!(
        deliver(&service, &courier, remind + Duration::hours(1)).await,
        0,
        "at most one reminder"
    );

    // At closing time the round closes by itself and Bram is thanked (in English).
    let pass = service.keep_calendar(CLOSES).await.unwrap();
    assert_eq!(pass.closed.len(), 2, "{pass:?}");
    // 17:00 is not quiet; the thank-you goes at once.
    deliver(&service, &courier, CLOSES).await;
    let sent = courier.take();
    assert_eq!(addresses(&sent), ["102"], "{sent:?}");
    assert!(sent[0].1.starts_with("Thank you for your answers"), "{sent:?}");

    // "You said, we did": to Bram only, in English.
    let later = CLOSES + Duration::days(20);
    service
        .publish_outcome(
            "stad",
            OutcomeStatus::InAdvice,
            BTreeMap::from([
                // Officials write outcomes in Markdown; chats get plain lines.
                (Lang::Nl, "De raad neemt het **mee**.".to_owned()),
                (Lang::En, "The council *takes* it along.".to_owned()),
            ]),
            None,
            later.date(),
        )
        .await
        .unwrap();
    service.keep_calendar(later).await.unwrap();
    deliver(&service, &courier, later).await;
    let sent = courier.take();
    assert_eq!(addresses(&sent), ["102"], "{sent:?}");
    assert!(sent[0].1.contains("The council takes it along."), "{sent:?}");

    // Anyone can ask what came out, and what was done with it.
    let list = say(&mut dirk, "/resultaten", later).await;
    assert!(list.contains("Welke wilt u zien?"), "{list}");
    let shown = say(&mut dirk, "Ronde stad", later).await;
    assert!(shown.contains("Wat deed de gemeente ermee?"), "{shown}");
    assert!(shown.contains("De raad neemt het mee."), "{shown}");
    // Found in the thirteenth fresh-eyes trial: the council's Markdown went
    // into the chat (tables, `**`, escapes) and the outcome came twice. A
    // chat gets plain lines, and the outcome once.
    for markdown in ["|---", "**", "\\", "## "] {
        assert!(!shown.contains(markdown), "`{markdown}` in a chat: {shown}");
    }
    assert_eq!(shown.matches("De raad neemt het mee.").count(), 1, "{shown}");
    assert!(shown.contains("📊 "), "{shown}");
    assert!(
        !shown.contains(&later.date().to_string()),
        "a date as people write it: {shown}"
    );
    // A round without an outcome entry yet says so.
    let west = say(&mut dirk, "/resultaten west", later).await;
    assert!(west.contains("nog niet laten weten"), "{west}");
    assert!(!west.contains("De raad neemt het mee."), "{west}");

    // Status shows what went out.
    let b = service.store().broadcasts("stad").await.unwrap();
    let kinds: Vec<(BroadcastKind, i64, i64)> = b.iter().map(|b| (b.kind, b.planned, b.sent)).collect();
    assert!(kinds.contains(&(BroadcastKind::Invite, 2, 2)), "{kinds:?}");
    assert!(kinds.contains(&(BroadcastKind::Reminder, 1, 1)), "{kinds:?}");
    assert!(kinds.contains(&(BroadcastKind::Thanks, 1, 1)), "{kinds:?}");
    assert!(kinds.contains(&(BroadcastKind::Feedback, 1, 1)), "{kinds:?}");
    assert!(b.iter().all(|b| b.queued == 0));

    // Cas stops following: his contact is gone, and nothing names him.
    assert!(
        say(&mut cas, "/opzeggen", later)
            .await
            .contains("geen onderwerpen")
    );
    assert!(service.subscribers("jeugd").await.unwrap().is_empty());
}

#[tokio::test]
async fn quiet_hours_delay_and_the_weekly_cap_holds() {
    let ws = Workspace::new();
    let service = service(&ws, 1).await;
    let courier = Recorder::default();
    let before = OPENS - Duration::days(3);
    let mut anna = resident(&service, "anna", "201");
    say(&mut anna, "/abonneer wmo", before).await;
    say(&mut anna, "/abonneer jeugd", before).await;

    // A round that opens at 22:30 Dutch time: planned at once, sent at 08:00.
    let night = open_late_round(&ws, &service, before).await;
    assert_eq!(deliver(&service, &courier, night).await, 0, "quiet at night");
    assert_eq!(
        deliver(&service, &courier, datetime!(2027-01-12 07:59 +01:00)).await,
        0
    );
    assert_eq!(
        deliver(&service, &courier, datetime!(2027-01-12 08:00 +01:00)).await,
        1
    );
    assert_eq!(addresses(&courier.take()), ["201"]);

    // A second round the same week: held back by the cap of one a week.
    let second = ws.write(
        "tweede.toml",
        std::fs::read_to_string(round_file(&ws, "tweede", "jeugd", None))
            .unwrap()
            .replace("opens = 2027-01-11T09:00:00", "opens = 2027-01-13T10:00:00"),
    );
    service.import_round(&second, before).await.unwrap();
    let wed = datetime!(2027-01-13 10:00 +01:00);
    service.keep_calendar(wed).await.unwrap();
    deliver(&service, &courier, wed).await;
    assert!(courier.take().is_empty(), "the cap held");
    let b = service.store().broadcasts("tweede").await.unwrap();
    assert_eq!((b[0].planned, b[0].sent, b[0].skipped), (1, 0, 1), "{b:?}");
}

/// Read from the attacker's side: an invitation waiting in the outbox (at
/// night) for a resident who then says `/vergeet` is gone, and nothing in the
/// database file or its WAL names them any more: no pseudonym, no chat id.
#[tokio::test]
async fn a_resident_who_forgets_leaves_nothing_waiting_in_the_outbox() {
    let ws = Workspace::new();
    let service = service(&ws, 3).await;
    let before = OPENS - Duration::days(3);
    let mut anna = resident(&service, "anna", "5512345678");
    let mut bram = resident(&service, "bram", "5598765432");
    say(&mut anna, "/abonneer wmo", before).await;
    say(&mut bram, "/abonneer wmo", before).await;
    let night = open_late_round(&ws, &service, before).await;
    let waiting: Vec<String> = {
        let url = format!("sqlite://{}", ws.database().display());
        let mut db = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url)
            .await
            .unwrap();
        sqlx::query_scalar("SELECT pseudonym FROM outbox ORDER BY pseudonym")
            .fetch_all(&mut db)
            .await
            .unwrap()
    };
    assert_eq!(waiting.len(), 2, "both wait for the morning");
    let files_now = || -> Vec<u8> {
        ["meepraten.db", "meepraten.db-wal"]
            .iter()
            .filter_map(|f| std::fs::read(ws.path(f)).ok())
            .flatten()
            .collect()
    };
    let holds = |bytes: &[u8], needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    let before_forget = files_now();
    say(&mut anna, "/vergeet", night).await;
    let courier = Recorder::default();
    assert_eq!(
        deliver(&service, &courier, datetime!(2027-01-12 08:00 +01:00)).await,
        1
    );
    assert_eq!(addresses(&courier.take()), ["5598765432"], "only Bram");
    let b = service.store().broadcasts("laat").await.unwrap();
    assert_eq!(
        (b[0].planned, b[0].sent, b[0].skipped, b[0].queued),
        (2, 1, 1, 0),
        "{b:?}"
    );
    service.close().await;
    // Anna's pseudonym is the one no contact row holds any more.
    let url = format!("sqlite://{}", ws.database().display());
    let mut db = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url)
        .await
        .unwrap();
    let kept: Vec<String> = sqlx::query_scalar("SELECT pseudonym FROM contacts")
        .fetch_all(&mut db)
        .await
        .unwrap();
    drop(db);
    let annas: Vec<&String> = waiting.iter().filter(|p| !kept.contains(p)).collect();
    assert_eq!(annas.len(), 1, "{waiting:?} {kept:?}");
    // It was in the file while her invitation waited (so this check can fail)...
    assert!(holds(&before_forget, annas[0]));
    // ...and it is in neither the main file nor the WAL now.
    let after = files_now();
    assert!(!holds(&after, annas[0]), "Anna's pseudonym is still in the file");
    assert!(
        !holds(&after, "5512345678") && !holds(&after, "5598765432"),
        "a chat id in the file"
    );
}

#[tokio::test]
async fn a_restart_in_the_middle_of_a_broadcast_sends_the_rest_once() {
    let ws = Workspace::new();
    let before = OPENS - Duration::days(3);
    {
        let service = service(&ws, 3).await;
        for i in 0..60 {
            let mut r = resident(&service, &format!("r{i}"), &format!("{}", 3000 + i));
            say(&mut r, "/abonneer wmo", before).await;
        }
        service
            .import_round(&round_file(&ws, "stad", "wmo", None), before)
            .await
            .unwrap();
        service.keep_calendar(OPENS).await.unwrap();
        service.close().await;
    }
    // The first process sends a while, then stops without warning.
    let courier = Recorder::default();
    {
        let service = service(&ws, 3).await;
        let slow = SlowRecorder(courier.clone());
        let run = service.deliver_outbox(
            &slow,
            clock_at(OPENS),
            StdDuration::from_millis(20),
            std::future::pending(),
        );
        let _ = tokio::time::timeout(StdDuration::from_millis(120), run).await;
        service.close().await;
    }
    let first = courier.take().len();
    assert!(first > 0 && first < 60, "stopped halfway: {first}");
    // The next process sends the rest.
    let service = service(&ws, 3).await;
    deliver(&service, &courier, OPENS).await;
    // Every resident got one message; a send under way at the stop may be
    // repeated, with the same key (which Matrix uses to drop the repeat).
    let keys = courier.keys.lock().unwrap().clone();
    let mut by_address: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    for (address, key) in &keys {
        by_address.entry(address.clone()).or_default().insert(key.clone());
    }
    assert_eq!(by_address.len(), 60, "everyone got it");
    assert!(
        by_address.values().all(|k| k.len() == 1),
        "one message each, by key"
    );
    assert!(
        keys.len() - 60 <= 16,
        "repeats only of sends under way: {}",
        keys.len() - 60
    );
    let b = service.store().broadcasts("stad").await.unwrap();
    assert_eq!((b[0].planned, b[0].sent, b[0].queued), (60, 60, 0));
}

/// A platform that takes 50 ms per message.
struct SlowRecorder(Recorder);

impl Courier for SlowRecorder {
    fn platform(&self) -> &'static str {
        "telegram"
    }

    async fn send(&self, address: &str, message: &OutboundMessage, key: &str) -> Delivery {
        tokio::time::sleep(StdDuration::from_millis(50)).await;
        self.0.send(address, message, key).await
    }
}
