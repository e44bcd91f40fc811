//! The database files read the way an attacker would: every byte of the main
//! file and the WAL (free pages and free space inside pages included), with the
//! bot still running. After a round closes they hold no salt, no earlier
//! conversation state and no trace of the order in which residents answered;
//! after `/vergeet` and `/stop` no erased answer and no erased contact.

use meepraten::anon::ResidentRef;
use sqlx::{Connection, SqliteConnection};

use crate::support::{Resident, Workspace, stderr};

const ROUND: &str = "huishoudelijke-hulp-2027";

/// The main file and the WAL, as bytes, whatever state they are in.
fn files(ws: &Workspace) -> Vec<(&'static str, Vec<u8>)> {
    ["meepraten.db", "meepraten.db-wal"]
        .into_iter()
        .filter_map(|f| std::fs::read(ws.path(f)).ok().map(|b| (f, b)))
        .collect()
}

fn offsets(haystack: &[u8], needle: &str) -> Vec<usize> {
    haystack
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle.as_bytes())
        .map(|(i, _)| i)
        .collect()
}

pub(crate) fn count_in_files(ws: &Workspace, needle: &str) -> usize {
    files(ws).iter().map(|(_, b)| offsets(b, needle).len()).sum()
}

const PAGE: usize = 4096;

/// Each marker's respondent key, in the markers' (arrival) order.
async fn respondent_keys_by_marker(ws: &Workspace, markers: &[String]) -> Vec<String> {
    let url = format!("sqlite://{}?mode=ro", ws.database().display());
    let mut c = SqliteConnection::connect(&url).await.unwrap();
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT respondent_key, value FROM answers")
        .fetch_all(&mut c)
        .await
        .unwrap();
    c.close().await.unwrap();
    markers
        .iter()
        .map(|m| {
            rows.iter()
                .find(|(_, v)| v.contains(m.as_str()))
                .map(|(k, _)| k.clone())
                .unwrap_or_else(|| panic!("`{m}` is stored"))
        })
        .collect()
}

/// Where each key sits (`None` if not there) in the page holding most of them.
fn densest_page_places(file: &[u8], keys: &[String]) -> Vec<Option<usize>> {
    let all: Vec<Vec<usize>> = keys.iter().map(|k| offsets(file, k)).collect();
    let mut per_page = std::collections::BTreeMap::<usize, usize>::new();
    for places in &all {
        let pages: std::collections::BTreeSet<usize> = places.iter().map(|p| p / PAGE).collect();
        for p in pages {
            *per_page.entry(p).or_default() += 1;
        }
    }
    let (page, n) = per_page.into_iter().max_by_key(|(_, n)| *n).unwrap();
    assert!(n * 2 >= keys.len(), "most respondents share a page: {n}");
    all.iter()
        .map(|places| places.iter().copied().find(|p| p / PAGE == page))
        .collect()
}

/// Of all pairs of rows in one page, the share laid out the way SQLite lays out
/// rows in arrival order: a page fills from its end, so a later row sits at a
/// lower offset. About one half when rows sit in random key order.
fn arrival_order_share(places: &[Option<usize>]) -> f64 {
    let (mut pairs, mut in_arrival_order) = (0, 0);
    for i in 0..places.len() {
        for j in i + 1..places.len() {
            if let (Some(a), Some(b)) = (places[i], places[j]) {
                pairs += 1;
                if b < a {
                    in_arrival_order += 1;
                }
            }
        }
    }
    assert!(pairs >= 100, "enough pairs to tell: {pairs}");
    f64::from(in_arrival_order) / f64::from(pairs)
}

/// A value read straight from the database, as an attacker with the file would.
async fn scalar(ws: &Workspace, sql: &'static str) -> Option<String> {
    let url = format!("sqlite://{}?mode=ro", ws.database().display());
    let mut c = SqliteConnection::connect(&url).await.unwrap();
    let v: Option<String> = sqlx::query_scalar(sql).fetch_optional(&mut c).await.unwrap();
    c.close().await.unwrap();
    v
}

/// Answers the example round, giving `open` as the open answer, one message at a time.
async fn answer(r: &mut Resident<'_>, open: &str) {
    for line in ["/start", "1", "2", open, "ja", "1, 2", "/overslaan"] {
        r.say(line).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_close_the_files_hold_no_salt_no_old_state_and_no_arrival_order() {
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let salt = scalar(&ws, "SELECT respondent_salt FROM rounds").await.unwrap();

    // Residents answer one after another; each open answer is a marker whose
    // place in the file can be found.
    let markers: Vec<String> = (0..40)
        .map(|i| format!("wachttijd nummer {i:02} te lang"))
        .collect();
    for (i, m) in markers.iter().enumerate() {
        let mut r = Resident::new(&service, &format!("tg-55100000{i:02}"));
        answer(&mut r, m).await;
    }
    // One resident who stays connected rewrites the open answer many times:
    // every version of the state went through the WAL, and each version
    // replaced was erased at once.
    let mut keen = Resident::new(&service, "tg-5599999999");
    for line in ["/start", "1", "2"] {
        keen.say(line).await;
    }
    for v in 0..20 {
        keen.say(&format!("tussenversie {v:02} van mijn antwoord")).await;
        keen.say("/terug").await;
    }
    assert_eq!(
        count_in_files(&ws, "tussenversie 03"),
        0,
        "a replaced answer stayed"
    );
    assert!(
        count_in_files(&ws, "tussenversie 19") > 0,
        "the last version is kept"
    );
    // Conversation states are sealed: not even mid-round do the files show
    // where a resident is, or in which language they answer.
    for plain in ["\"answering\"", "\"lang\""] {
        assert_eq!(count_in_files(&ws, plain), 0, "a state in the clear: `{plain}`");
    }
    let states = service.opened_states().await.unwrap();
    assert!(
        states.iter().any(|(_, s)| s.contains("\"answering\"")),
        "the states are there, sealed: {states:?}"
    );
    assert!(
        count_in_files(&ws, &salt) > 0,
        "the salt is in the file while the round is open"
    );

    // An official closes the round from the command line while the bot runs.
    let out = ws.run(&["round", "close", ROUND]);
    assert!(out.status.success(), "{}", stderr(&out));

    let wal = std::fs::metadata(ws.path("meepraten.db-wal")).map_or(0, |m| m.len());
    assert_eq!(wal, 0, "the WAL was emptied");
    assert_eq!(count_in_files(&ws, &salt), 0, "the salt is gone from every byte");
    // Only the last version is an answer; every earlier one was state.
    for v in 0..19 {
        let stale = format!("tussenversie {v:02}");
        assert_eq!(count_in_files(&ws, &stale), 0, "`{stale}` survived in the files");
    }
    assert_eq!(
        count_in_files(&ws, "tussenversie 19"),
        2,
        "the final answer counts: once in its table, once in the index that counts answers by value"
    );
    for stale in ["\"answering\"", "\"finished\""] {
        assert_eq!(count_in_files(&ws, stale), 0, "`{stale}` survived in the files");
    }
    // The answers themselves stay (that is what the council reads), but the
    // byte order of rows no longer replays the order in which residents answered.
    // The densest trace is the responses table, one small row per respondent:
    // find the page holding most respondent keys and look at their order there.
    let keys = respondent_keys_by_marker(&ws, &markers).await;
    let main = std::fs::read(ws.database()).unwrap();
    let places = densest_page_places(&main, &keys);
    let share = arrival_order_share(&places);
    assert!(
        share < 0.8,
        "the byte order of responses replays their arrival order ({share:.2} of pairs)"
    );
    // The bot goes on working on the rewritten file.
    let mut late = Resident::new(&service, "tg-5510000099");
    assert!(late.say("/start").await.contains("geen vragen"));
    service.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_forget_and_stop_the_erased_answer_and_contact_are_gone_from_the_files() {
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;

    // Halfway through the round a resident writes an answer, then says /vergeet.
    let mut forgetful = Resident::new(&service, "tg-5512345678");
    for line in ["/start", "1", "2", "mijn geheime klacht over de thuiszorg"] {
        forgetful.say(line).await;
    }
    assert!(count_in_files(&ws, "mijn geheime klacht") > 0);
    assert!(forgetful.say("/vergeet").await.contains("gewist"));
    assert_eq!(
        count_in_files(&ws, "mijn geheime klacht"),
        0,
        "the erased answer survives in the files"
    );

    // Another finishes, asks to hear back (a sealed contact is kept), then says /stop.
    let mut leaving = Resident::new(&service, "tg-5587654321");
    leaving.address = Some("5587654321".into());
    answer(&mut leaving, "te weinig tijd").await;
    leaving.say("1").await; // "Ja, graag": hear back
    let sealed = scalar(&ws, "SELECT sealed FROM contacts")
        .await
        .expect("a sealed contact");
    leaving.say("/stop").await;
    assert_eq!(scalar(&ws, "SELECT sealed FROM contacts").await, None);
    // A piece of the sealed text long enough to be unique.
    assert_eq!(
        count_in_files(&ws, &sealed[..40]),
        0,
        "the erased contact survives in the files"
    );

    // One who asked to hear back and then says /vergeet: the contact goes too.
    let mut forgets_later = Resident::new(&service, "tg-5544443333");
    forgets_later.address = Some("5544443333".into());
    answer(&mut forgets_later, "te weinig tijd").await;
    forgets_later.say("1").await;
    let sealed = scalar(&ws, "SELECT sealed FROM contacts")
        .await
        .expect("a sealed contact");
    forgets_later.say("/vergeet").await;
    assert_eq!(scalar(&ws, "SELECT sealed FROM contacts").await, None);
    assert_eq!(count_in_files(&ws, &sealed[..40]), 0);

    // A resident the platform reports unreachable (blocked the bot) likewise.
    let mut blocked = Resident::new(&service, "tg-5533334444");
    blocked.address = Some("5533334444".into());
    answer(&mut blocked, "te weinig tijd").await;
    blocked.say("1").await;
    let sealed = scalar(&ws, "SELECT sealed FROM contacts")
        .await
        .expect("a sealed contact");
    service
        .unreachable(&ResidentRef {
            platform: blocked.platform,
            user: &blocked.id,
            address: None,
        })
        .await
        .unwrap();
    assert_eq!(count_in_files(&ws, &sealed[..40]), 0);
    service.close().await;
}

/// An answer the resident replaced (`/terug`, or `/wijzig` after the end) is
/// taken back: it leaves the files like an erased one, old page versions in the
/// WAL and the conversation state included, while the bot goes on running.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replaced_answer_is_gone_from_the_files() {
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;

    let mut r = Resident::new(&service, "tg-5512345678");
    for line in ["/start", "1", "2", "eerste versie over mijn buurvrouw"] {
        r.say(line).await;
    }
    assert!(count_in_files(&ws, "eerste versie") > 0);
    r.say("/terug").await;
    r.say("tweede versie zonder namen").await;
    assert_eq!(
        count_in_files(&ws, "eerste versie"),
        0,
        "the answer taken back with /terug survives in the files"
    );

    // Finished, then changed through /wijzig.
    for line in ["ja", "1, 2", "een tip die ik later terugneem"] {
        r.say(line).await;
    }
    assert!(count_in_files(&ws, "later terugneem") > 0);
    r.say("/wijzig").await;
    for line in [
        "1",
        "2",
        "tweede versie zonder namen",
        "ja",
        "1, 2",
        "een andere tip",
    ] {
        r.say(line).await;
    }
    assert!(count_in_files(&ws, "een andere tip") > 0, "the new tip is stored");
    assert_eq!(
        count_in_files(&ws, "later terugneem"),
        0,
        "the answer changed with /wijzig survives in the files"
    );
    // The kept answer stays, once.
    assert!(count_in_files(&ws, "tweede versie") > 0);
    service.close().await;
}

/// No table that holds a pseudonym keeps a day next to it: a day would say when
/// a resident took part or asked to hear back (finding 6).
#[tokio::test]
async fn no_date_beside_a_pseudonym_finer_than_a_month() {
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let mut r = Resident::new(&service, "tg-5512340000");
    r.address = Some("5512340000".into());
    answer(&mut r, "te weinig tijd").await;
    r.say("1").await; // hear back: a subscription and a sealed contact
    service.close().await;

    let url = format!("sqlite://{}?mode=ro", ws.database().display());
    let mut c = SqliteConnection::connect(&url).await.unwrap();
    for table in ["conversations", "contacts", "subscriptions"] {
        let columns: Vec<(i64, String, String, i64, Option<String>, i64)> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("PRAGMA table_info({table})")))
                .fetch_all(&mut c)
                .await
                .unwrap();
        let names: Vec<&str> = columns.iter().map(|c| c.1.as_str()).collect();
        assert!(names.contains(&"pseudonym"), "{table}: {names:?}");
        for name in &names {
            assert!(
                !name.ends_with("_on") && !name.ends_with("_at") && !name.contains("date"),
                "{table}.{name} ties a day to a pseudonym"
            );
        }
    }
    let month: String = sqlx::query_scalar("SELECT active_month FROM conversations")
        .fetch_one(&mut c)
        .await
        .unwrap();
    assert_eq!(month.len(), "2026-11".len(), "a month, not a day: {month}");
    c.close().await.unwrap();
}

/// A reader that holds the file (a backup tool, an official's query) never makes
/// a close hang; the cleaning it blocked is finished by the next process.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_holding_the_file_delays_the_cleaning_but_never_blocks_a_close() {
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let mut r = Resident::new(&service, "tg-5512349999");
    answer(&mut r, "te weinig tijd").await;
    service.close().await;
    let salt = scalar(&ws, "SELECT respondent_salt FROM rounds").await.unwrap();

    let url = format!("sqlite://{}", ws.database().display());
    let mut reader = SqliteConnection::connect(&url).await.unwrap();
    sqlx::query("BEGIN").execute(&mut reader).await.unwrap();
    let _: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM answers")
        .fetch_one(&mut reader)
        .await
        .unwrap();
    let started = std::time::Instant::now();
    let out = ws.run(&["round", "close", ROUND]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "the close waited {:?} for the reader (it used to wait minutes)",
        started.elapsed()
    );
    sqlx::query("ROLLBACK").execute(&mut reader).await.unwrap();
    reader.close().await.unwrap();

    // The next process finishes the owed cleaning.
    assert!(ws.run(&["round", "list"]).status.success());
    assert_eq!(
        count_in_files(&ws, &salt),
        0,
        "the salt is gone once the reader let go"
    );
}

/// SQLite's temporary files (statement journals, which hold the pages a
/// statement changes, answers included, and sorts) are kept in memory: a crowd
/// answering at once makes the bot's batch statements large enough to spill,
/// and an unlinked file in /tmp would leave those pages in free disk blocks
/// where nobody erases them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crowd_answering_at_once_writes_no_temporary_file() {
    use crate::support::telegram::BotApi;
    let ws = Workspace::new();
    ws.open_example_by_cli();
    let api = BotApi::start().await;
    // As after an announcement: everyone starts, then everyone presses each
    // button in turn, so each batch changes rows all over the tables.
    const RESIDENTS: i64 = 300;
    for r in 0..RESIDENTS {
        api.say(5_570_000_000 + r, "nl", "/start");
    }
    for data in crate::support::WMO_PRESSES {
        for r in 0..RESIDENTS {
            api.press(5_570_000_000 + r, "nl", data);
        }
    }
    let tmp = ws.path("tmp");
    std::fs::create_dir(&tmp).unwrap();
    // A file created and unlinked at once still changes the directory's time.
    let untouched = std::fs::metadata(&tmp).unwrap().modified().unwrap();
    let mut bot = crate::support::serve_command(&ws, &api)
        .env("SQLITE_TMPDIR", &tmp)
        .env("TMPDIR", &tmp)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("serve starts");
    api.wait_until_consumed(|| api.pending() == 0).await;
    bot.kill().await.unwrap();
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM responses WHERE completed = 1")
        .fetch_one(
            &mut SqliteConnection::connect(&format!("sqlite://{}", ws.database().display()))
                .await
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(stored, RESIDENTS, "every resident finished");
    assert_eq!(std::fs::read_dir(&tmp).unwrap().count(), 0);
    assert_eq!(
        std::fs::metadata(&tmp).unwrap().modified().unwrap(),
        untouched,
        "SQLite created a temporary file"
    );
}
