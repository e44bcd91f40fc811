//! Load test: many residents answer a round through the Bot API simulator over
//! real HTTP, against a real SQLite file, and the same work is measured against
//! the two limits below it: an echo bot on the same simulator (the HTTP limit) and
//! a bare sqlx loop inserting the same rows (the storage limit).
//!
//! ```text
//! cargo run --release --example loadtest               # 10,000 residents
//! cargo run --release --example loadtest -- --residents 2000 --paced-seconds 10
//! ```
//!
//! Phases, each with a fresh database and simulator:
//! 1. backlog: every resident's four updates (start, a button, a typed number, an
//!    open answer) queued at once, as after a radio announcement; the bot drains
//!    them. Answers stored per second run from the first update handed out to
//!    the last one confirmed (the offset commits with the answers).
//! 2. the echo bot drains the same backlog, replying once to each update.
//! 3. a bot that only fetches drains it (how fast updates are handed out).
//! 4. bare sqlx writes the same rows, a statement per table for each 100 updates.
//!    Exactly once, a batch is fetched and then stored, one after the other, so
//!    1/(1/fetch + 1/bare) bounds any bot (printed as the ceiling).
//! 5. paced: residents arrive at a steady rate (500 answers a second), each
//!    waiting for the bot and a second between answers, as people do; latency
//!    runs from the update handed out to the bot's next question arriving (so the
//!    answer was committed before).
//! 6. the same with one account flooding 100 messages a second.
//! 7. idle: memory at rest with many residents in the database.
//! 8. the floor (phase chain): a bot that does only what
//!    exactly-once demands with these rows. It fetches a batch, stores the bare
//!    rows of its updates with the next offset in one transaction, replies once
//!    to each update and fetches the next; no engine, scrubbing or texts. What
//!    it reaches against the echo bot is the most any exactly-once bot can.
//!
//! In webhook mode (phases hook, echo-hook, ack-hook) the simulator posts the
//! backlog to the bot as the Bot API server does, up to `--connections` updates
//! at once, each chat's one after another; the echo bot answers each post at
//! once and replies beside it. No offset orders the batches there: the updates
//! that arrive while one group commits are stored together in the next.
//!
//! The bot runs as its own process (this program started again as `bot`), so
//! its peak memory is its own.

#[path = "../tests/support/telegram.rs"]
mod bot_api;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bot_api::{BotApi, Sent};
use clap::Parser;
use tokio::sync::mpsc;

const ROUND_ID: &str = "drukte-2027";
const ROUND: &str = r#"
id = "drukte-2027"
languages = ["nl", "en"]
topic = "centrum"
phase = "agenda"
council = "Adviesraad Sociaal Domein"
opens = 2026-01-01T09:00:00+01:00
closes = 2036-01-01T09:00:00+01:00
title = { nl = "Het centrum", en = "The town centre" }
intro = { nl = "Drie korte vragen over het centrum.", en = "Three short questions about the town centre." }
audience = { nl = "Alle inwoners", en = "All residents" }

[[questions]]
id = "vervoer"
kind = "choice"
text = { nl = "Hoe komt u meestal in het centrum?", en = "How do you usually get to the centre?" }
options = [
  { id = "fiets", text = { nl = "Op de fiets", en = "By bike" } },
  { id = "bus", text = { nl = "Met de bus", en = "By bus" } },
  { id = "auto", text = { nl = "Met de auto", en = "By car" } },
  { id = "lopend", text = { nl = "Lopend", en = "On foot" } },
]

[[questions]]
id = "cijfer"
kind = "scale"
text = { nl = "Welk cijfer geeft u het centrum?", en = "What mark do you give the centre?" }
min = 1
max = 10

[[questions]]
id = "tip"
kind = "open"
text = { nl = "Wat moet er beter in het centrum?", en = "What should be better in the centre?" }
max_chars = 300
"#;

/// Text that marks each step's question, and the end.
const Q1: &str = "Hoe komt u meestal";
const Q2: &str = "Welk cijfer";
const Q3: &str = "Wat moet er beter";
const DONE: &str = "Dank u wel";
const OPTIONS: [&str; 4] = ["fiets", "bus", "auto", "lopend"];
const TIPS: [&str; 4] = [
    "Meer bankjes bij de bushalte en minder scooters op de stoep.",
    "De stoep bij het plein is te smal voor een rollator.",
    "Bel me gerust op 06-12345678 over de verlichting.",
    "Meer groen en een openbaar toilet dat open is op zondag.",
];

#[derive(Debug, Parser)]
struct Args {
    /// Residents in the backlog phases.
    #[arg(long, default_value_t = 10_000)]
    residents: usize,
    /// Answers a second in the paced phases.
    #[arg(long, default_value_t = 500)]
    rate: u32,
    /// How long residents keep arriving in the paced phases.
    #[arg(long, default_value_t = 20)]
    paced_seconds: u64,
    /// Which phases to run (comma-separated): backlog, echo, fetch, bare, chain,
    /// paced, flooded, idle, hook, echo-hook, ack-hook.
    #[arg(
        long,
        default_value = "backlog,echo,fetch,bare,chain,paced,flooded,idle",
        value_delimiter = ','
    )]
    phases: Vec<String>,
    /// Residents in the database for the idle-memory phase.
    #[arg(long, default_value_t = 100_000)]
    idle_residents: usize,
    /// Runs of each backlog phase; the median is reported.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// Earlier `meepraten` binaries to run the backlog phase with too, side by
    /// side (build one with `git worktree` at an earlier commit).
    #[arg(long)]
    compare: Vec<PathBuf>,
    /// Webhook connections (Telegram's `max_connections`) in the webhook phases.
    #[arg(long, default_value_t = 40)]
    connections: u32,
    /// Internal: run as the bot (`bot`), the echo bot (`echo`, `echo-hook`), a
    /// bot that only fetches (`fetch`) or only answers posts (`ack-hook`), or
    /// the exactly-once floor (`chain`).
    #[arg(long, hide = true)]
    role: Option<String>,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    match args.role.as_deref() {
        Some("bot") => runtime.block_on(run_bot()),
        Some("echo") => runtime.block_on(run_echo(true, false)),
        Some("echo-held") => runtime.block_on(run_echo(true, true)),
        Some("fetch") => runtime.block_on(run_echo(false, false)),
        Some("echo-hook") => runtime.block_on(run_echo_hook(true)),
        Some("ack-hook") => runtime.block_on(run_echo_hook(false)),
        Some("chain") => runtime.block_on(run_chain()),
        _ => runtime.block_on(run(args)),
    }
}

/// `meepraten serve` exactly as the binary runs it (configured by the environment).
async fn run_bot() -> anyhow::Result<()> {
    let db = std::env::var("MEEPRATEN_DATABASE")?;
    let cli = meepraten::cli::Cli::parse_from(["meepraten", "--database", &db, "serve"]);
    let config = cli.load_config()?;
    cli.run(config).await?;
    Ok(())
}

/// The I/O limit: fetch updates, send one reply to each, store nothing. Replies
/// go out concurrently and fetching goes on meanwhile, the fastest this can be.
/// Without `reply`, only fetching: how fast the simulator hands updates out.
/// With `hold`, a batch's replies wait until the next batch arrives (or 5 ms),
/// as meepraten's poll loop does.
async fn run_echo(reply: bool, hold: bool) -> anyhow::Result<()> {
    use teloxide::prelude::*;
    let url = url::Url::parse(&std::env::var("TELEGRAM_API_URL")?)?;
    let bot = Bot::new("123456:TEST-TOKEN").set_api_url(url);
    let mut offset = 0i32;
    let mut pending = Vec::new();
    loop {
        let Ok(updates) = fetch_releasing(&bot, offset, &mut pending).await else {
            continue;
        };
        for update in updates {
            offset = update.id.0 as i32 + 1;
            if !reply {
                continue;
            }
            let Some(chat) = chat_of(&update) else { continue };
            pending.push(chat);
        }
        if !hold {
            send_replies(&bot, &mut pending);
        }
    }
}

/// The private chat an update came from.
fn chat_of(update: &teloxide::types::Update) -> Option<teloxide::types::ChatId> {
    use teloxide::types::UpdateKind;
    match &update.kind {
        UpdateKind::Message(m) => Some(m.chat.id),
        UpdateKind::CallbackQuery(q) => q.message.as_ref().map(|m| m.chat().id),
        _ => None,
    }
}

/// Sends "ok" to each chat in `pending`, all at once, in the bot's own way of
/// sending (which leaves Telegram's answer unread).
fn send_replies(bot: &teloxide::Bot, pending: &mut Vec<teloxide::types::ChatId>) {
    for chat in pending.drain(..) {
        let bot = bot.clone();
        tokio::spawn(async move {
            let _ = meepraten::channel::telegram::delivery::send_text(&bot, chat, "ok".into(), None).await;
        });
    }
}

/// Fetches the next batch; the replies in `pending` go once it has arrived, or
/// after 5 ms (meepraten's poll loop holds replies the same way).
async fn fetch_releasing(
    bot: &teloxide::Bot,
    offset: i32,
    pending: &mut Vec<teloxide::types::ChatId>,
) -> Result<Vec<teloxide::types::Update>, teloxide::RequestError> {
    use teloxide::prelude::*;
    let fetch = bot.get_updates().offset(offset).timeout(1).send();
    tokio::pin!(fetch);
    let held_at_most = tokio::time::sleep(Duration::from_millis(5));
    tokio::pin!(held_at_most);
    let result = loop {
        tokio::select! {
            result = &mut fetch => break result,
            () = &mut held_at_most, if !pending.is_empty() => send_replies(bot, pending),
        }
    };
    send_replies(bot, pending);
    result
}

/// The I/O limit in webhook mode: answer each post 200 at once and send one
/// reply beside it, store nothing. Without `reply`, only answer the posts.
async fn run_echo_hook(reply: bool) -> anyhow::Result<()> {
    use teloxide::prelude::*;
    use teloxide::types::{Update, UpdateKind};
    let url = url::Url::parse(&std::env::var("TELEGRAM_API_URL")?)?;
    let bot = Bot::new("123456:TEST-TOKEN").set_api_url(url);
    let hook = url::Url::parse(&std::env::var("TELEGRAM_WEBHOOK_URL")?)?;
    let listen: std::net::SocketAddr = std::env::var("TELEGRAM_WEBHOOK_LISTEN")?.parse()?;
    let connections: u8 = std::env::var("TELEGRAM_WEBHOOK_CONNECTIONS")?.parse()?;
    let listener = tokio::net::TcpListener::bind(listen).await?;
    bot.set_webhook(hook.clone())
        .max_connections(connections)
        .send()
        .await?;
    let app = axum::Router::new().route(
        hook.path(),
        axum::routing::post(move |body: axum::body::Bytes| {
            let bot = bot.clone();
            async move {
                let Ok(update) = serde_json::from_slice::<Update>(&body) else {
                    return axum::http::StatusCode::BAD_REQUEST;
                };
                let chat = match &update.kind {
                    UpdateKind::Message(m) => Some(m.chat.id),
                    UpdateKind::CallbackQuery(q) => q.message.as_ref().map(|m| m.chat().id),
                    _ => None,
                };
                if let Some(chat) = chat.filter(|_| reply) {
                    tokio::spawn(async move {
                        let _ =
                            meepraten::channel::telegram::delivery::send_text(&bot, chat, "ok".into(), None)
                                .await;
                    });
                }
                axum::http::StatusCode::OK
            }
        }),
    );
    axum::serve(listener, app).await?;
    Ok(())
}

/// A free port of 127.0.0.1 for a webhook.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind 127.0.0.1")
        .local_addr()
        .expect("address")
        .port()
}

/// Which bot a phase runs.
#[derive(Clone, Copy)]
enum Bot<'a> {
    /// This program in a role (`bot`: the library's `serve`; `echo`).
    Own(&'a str),
    /// Another `meepraten` binary (an earlier build, to compare), run as `serve`.
    Binary(&'a Path),
}

/// Starts `bot` for the simulator at `api`; with `hook` (connections), in
/// webhook mode on a free port.
fn spawn(bot: Bot<'_>, api: &BotApi, db: Option<&Path>, hook: Option<u32>) -> tokio::process::Child {
    let mut c = match bot {
        Bot::Own(role) => {
            let mut c = tokio::process::Command::new(std::env::current_exe().expect("own path"));
            c.args(["--role", role]);
            c
        }
        Bot::Binary(path) => {
            let mut c = tokio::process::Command::new(path);
            c.args(["--database", db.expect("a database").to_str().unwrap(), "serve"]);
            c
        }
    };
    c.env("TELEGRAM_BOT_TOKEN", "123456:TEST-TOKEN")
        .env("TELEGRAM_API_URL", api.url().as_str())
        // The simulator is not Telegram: its 30 messages a second do not apply.
        .env("TELEGRAM_SENDS_PER_SECOND", "1000000")
        .env("MEEPRATEN_LOG", "warn")
        .env_remove("MEEPRATEN_SECRET")
        .env_remove("MEEPRATEN_SECRET_FILE")
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true);
    if let Some(db) = db {
        c.env("MEEPRATEN_DATABASE", db);
    }
    if let Some(connections) = hook {
        let port = free_port();
        c.env(
            "TELEGRAM_WEBHOOK_URL",
            format!("http://127.0.0.1:{port}/telegram"),
        )
        .env("TELEGRAM_WEBHOOK_LISTEN", format!("127.0.0.1:{port}"))
        .env("TELEGRAM_WEBHOOK_SECRET", "load-test-secret")
        .env("TELEGRAM_WEBHOOK_CONNECTIONS", connections.to_string());
    }
    c.spawn().expect("child starts")
}

/// Peak resident memory of a process, in MiB (Linux).
fn peak_rss_mib(pid: u32) -> f64 {
    rss_mib(pid, "VmHWM:")
}

/// A memory figure (`VmRSS:`, `VmHWM:`) of a process, in MiB (Linux).
fn rss_mib(pid: u32, field: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

/// Stops a child with SIGTERM and checks that it exits cleanly and in time.
async fn stop(mut child: tokio::process::Child) -> Duration {
    let pid = child.id().expect("running") as i32;
    let asked = Instant::now();
    std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill runs");
    let status = tokio::time::timeout(Duration::from_secs(20), child.wait())
        .await
        .expect("the bot stops within 20 s")
        .expect("wait");
    assert!(status.success(), "the bot exited with {status}");
    asked.elapsed()
}

/// A database with the load-test round imported and open.
async fn prepared_database(dir: &Path, name: &str) -> PathBuf {
    prepared_for(Bot::Own("bot"), dir, name).await
}

/// A database with the load-test round imported and open, by the bot's own
/// command line (an earlier build knows only its own migrations).
async fn prepared_for(bot: Bot<'_>, dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(format!("{name}.db"));
    let file = dir.join("drukte.toml");
    std::fs::write(&file, ROUND).expect("round file written");
    for args in [
        vec!["round", "import", file.to_str().unwrap()],
        vec!["round", "open", ROUND_ID],
    ] {
        let mut argv = vec!["--database", db.to_str().unwrap()];
        argv.extend(args);
        match bot {
            Bot::Own(_) => {
                let argv = std::iter::once("meepraten").chain(argv);
                let cli = meepraten::cli::Cli::parse_from(argv);
                let config = cli.load_config().expect("settings");
                let code = cli.run(config).await.expect("round set up");
                assert_eq!(code, std::process::ExitCode::SUCCESS);
            }
            Bot::Binary(path) => {
                let out = std::process::Command::new(path)
                    .args(&argv)
                    .env_remove("MEEPRATEN_DATABASE")
                    .output()
                    .expect("binary runs");
                assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            }
        }
    }
    db
}

fn file_mib(path: &Path) -> f64 {
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    (size(path) + size(&wal)) as f64 / (1024.0 * 1024.0)
}

fn resident(i: usize) -> i64 {
    7_000_000_000 + i as i64
}

/// Waits until `total` updates were confirmed; returns the answers-per-second
/// window: first handed out to last confirmed.
async fn drained(api: &BotApi, total: usize, first_update: i64, limit: Duration) -> Duration {
    let deadline = Instant::now() + limit;
    loop {
        let confirmations = api.confirmations();
        if let Some((at, n)) = confirmations.last()
            && *n >= total
        {
            let start = api.handed_out(first_update).expect("handed out");
            return at.duration_since(start);
        }
        assert!(
            Instant::now() < deadline,
            "only {} of {total} updates confirmed in {limit:?}",
            confirmations.last().map_or(0, |c| c.1)
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

struct Backlog {
    answers_per_second: f64,
    /// The same, with the window ending at the last reply received.
    replied_per_second: f64,
    /// Cores the bot kept busy while it drained the backlog.
    cores: f64,
    /// Cores the simulator (this process) kept busy meanwhile.
    simulator_cores: f64,
    /// Bot API calls the bot made per update, fetching aside.
    requests_per_update: f64,
    peak_rss_mib: f64,
    db_mib: f64,
    stop_seconds: f64,
}

async fn backlog_meepraten(dir: &Path, name: &str, n: usize, hook: Option<u32>) -> Backlog {
    backlog_of(Bot::Own("bot"), dir, name, n, hook).await
}

async fn backlog_of(who: Bot<'_>, dir: &Path, name: &str, n: usize, hook: Option<u32>) -> Backlog {
    let db = prepared_for(who, dir, name).await;
    let api = BotApi::start().await;
    let mut tap = api.tap();
    let first = api.say(resident(0), "nl", &format!("/start {ROUND_ID}"));
    queue_backlog_rest(&api, n);
    let own = cpu_seconds(std::process::id());
    let bot = spawn(who, &api, Some(&db), hook);
    let pid = bot.id().expect("running");
    let window = drained(&api, 4 * n, first, Duration::from_secs(600)).await;
    let cores = cpu_seconds(pid) / window.as_secs_f64();
    let simulator_cores = (cpu_seconds(std::process::id()) - own) / window.as_secs_f64();
    // Every resident hears the end of the round.
    let mut done = std::collections::HashSet::new();
    let mut last_reply = Instant::now();
    let deadline = Instant::now() + Duration::from_secs(120);
    while done.len() < n {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, tap.recv()).await {
            Ok(Some((m, at))) if m.text.contains(DONE) => {
                done.insert(m.chat_id);
                last_reply = at;
            }
            Ok(Some(_)) => {}
            _ => panic!("only {} of {n} residents heard the end", done.len()),
        }
    }
    let peak = peak_rss_mib(pid);
    let stopped = stop(bot).await;
    let (answers, completed) = stored(&db).await;
    assert_eq!(answers, 3 * n as i64, "every answer stored exactly once");
    assert_eq!(completed, n as i64, "every response complete");
    let start = api.handed_out(first).expect("handed out");
    Backlog {
        answers_per_second: 3.0 * n as f64 / window.as_secs_f64(),
        replied_per_second: 3.0 * n as f64 / last_reply.duration_since(start).as_secs_f64(),
        cores,
        simulator_cores,
        requests_per_update: requests(&api) as f64 / (4 * n) as f64,
        peak_rss_mib: peak,
        db_mib: file_mib(&db),
        stop_seconds: stopped.as_secs_f64(),
    }
}

/// The backlog after resident 0's first update (queued separately to know its id).
fn queue_backlog_rest(api: &BotApi, n: usize) {
    for i in 1..n {
        api.say(resident(i), "nl", &format!("/start {ROUND_ID}"));
    }
    let rest = |api: &BotApi| {
        for i in 0..n {
            let data = format!("a:vervoer:{}", OPTIONS[i % OPTIONS.len()]);
            api.press_on(resident(i), "nl", &data, None);
        }
        for i in 0..n {
            api.say(resident(i), "nl", &(1 + i % 10).to_string());
        }
        for i in 0..n {
            api.say(resident(i), "nl", TIPS[i % TIPS.len()]);
        }
    };
    rest(api);
}

/// Bot API calls other than fetching updates.
fn requests(api: &BotApi) -> usize {
    [
        "sendMessage",
        "answerCallbackQuery",
        "editMessageText",
        "editMessageReplyMarkup",
    ]
    .iter()
    .map(|m| api.calls(m))
    .sum()
}

/// The echo bot's backlog: (answers a second, its cores, the simulator's cores,
/// answers a second up to the last reply). As `fetch`, the bot only fetches and
/// nothing is waited for. With `db`, the bot (`chain`) stores into it, and
/// every answer is checked to be there once.
async fn backlog_echo(n: usize, role: &str, hook: Option<u32>, db: Option<&Path>) -> (f64, f64, f64, f64) {
    let api = BotApi::start().await;
    let mut tap = api.tap();
    let first = api.say(resident(0), "nl", &format!("/start {ROUND_ID}"));
    queue_backlog_rest(&api, n);
    let own = cpu_seconds(std::process::id());
    let echo = spawn(Bot::Own(role), &api, db, hook);
    let window = drained(&api, 4 * n, first, Duration::from_secs(600)).await;
    let cores = cpu_seconds(echo.id().expect("running")) / window.as_secs_f64();
    let simulator_cores = (cpu_seconds(std::process::id()) - own) / window.as_secs_f64();
    let mut replies = 0;
    let mut last_reply = Instant::now();
    while role != "fetch" && role != "ack-hook" && replies < 4 * n {
        match tokio::time::timeout(Duration::from_secs(60), tap.recv()).await {
            Ok(Some((_, at))) => {
                replies += 1;
                last_reply = at;
            }
            _ => panic!("only {replies} echo replies"),
        }
    }
    drop(echo);
    if let Some(db) = db {
        let (answers, completed) = stored(db).await;
        assert_eq!(answers, 3 * n as i64, "every answer stored exactly once");
        assert_eq!(completed, n as i64, "every response complete");
    }
    let start = api.handed_out(first).expect("handed out");
    let replied = 3.0 * n as f64 / last_reply.duration_since(start).as_secs_f64();
    (
        3.0 * n as f64 / window.as_secs_f64(),
        cores,
        simulator_cores,
        replied,
    )
}

/// CPU time a process has used so far, in seconds (Linux; 100 ticks a second).
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime is the
    // 12th, stime the 13th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// (answers, completed responses) in a database.
async fn stored(db: &Path) -> (i64, i64) {
    use sqlx::Connection;
    let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.display()))
        .await
        .expect("database opens");
    let answers: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM answers")
        .fetch_one(&mut c)
        .await
        .expect("count");
    let completed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM responses WHERE completed = 1")
        .fetch_one(&mut c)
        .await
        .expect("count");
    (answers, completed)
}

/// The storage limit: the rows a backlog stores (conversation state, response,
/// participation, three answers per resident), written the fastest way sqlx
/// allows: one multi-row statement per table for each batch of 100 updates, in
/// one transaction with the offset, with the bot's settings (its page cache, and
/// checkpoints beside the commits on a connection of their own, a few times a
/// second). Keys are random like the bot's keyed hashes, so each batch touches
/// as many pages as the bot's.
async fn bare_inserts(dir: &Path, name: &str, n: usize) -> f64 {
    let db = prepared_database(dir, name).await;
    let (pool, checkpointer) = bare_pool(&db).await;
    let pseudonyms: Vec<String> = (0..n).map(|i| bare_key("p", i)).collect();
    let keys: Vec<String> = (0..n).map(|i| bare_key("r", i)).collect();
    let started = Instant::now();
    // Updates in the backlog's order: start, button, number, open answer.
    let updates: Vec<(usize, usize)> = (0..4).flat_map(|step| (0..n).map(move |i| (step, i))).collect();
    for (b, batch) in updates.chunks(100).enumerate() {
        let rows: Vec<BareRow<'_>> = batch
            .iter()
            .map(|&(step, i)| BareRow {
                step,
                i,
                pseudonym: &pseudonyms[i],
                key: &keys[i],
            })
            .collect();
        let mut tx = pool.begin().await.expect("begin");
        store_bare_batch(&mut tx, &rows, 100 * (b as i64 + 1)).await;
        tx.commit().await.expect("commit");
    }
    let elapsed = started.elapsed();
    checkpointer.abort();
    pool.close().await;
    3.0 * n as f64 / elapsed.as_secs_f64()
}

/// A random-looking key like the bot's keyed hashes (`kind` keeps pseudonyms
/// and respondent keys apart).
fn bare_key(kind: &str, i: usize) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(format!("{kind}{i}")))
}

/// One update's rows in the bare store: its step (0 start, 1 button, 2 number,
/// 3 open answer), the resident's number and keys.
struct BareRow<'a> {
    step: usize,
    i: usize,
    pseudonym: &'a str,
    key: &'a str,
}

/// The bare store's connection (the bot's settings) and its checkpointer.
async fn bare_pool(db: &Path) -> (sqlx::SqlitePool, tokio::task::JoinHandle<()>) {
    use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
    let options = SqliteConnectOptions::new()
        .filename(db)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .pragma("secure_delete", "ON")
        .pragma("temp_store", "MEMORY")
        .pragma("wal_autocheckpoint", "0");
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .test_before_acquire(false)
        .connect_with(options.clone().pragma("cache_size", "-32768"))
        .await
        .expect("database opens");
    let checkpoints = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .expect("database opens");
    let checkpointer = tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_millis(250));
        loop {
            every.tick().await;
            let _ = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&checkpoints)
                .await;
        }
    });
    (pool, checkpointer)
}

/// Writes one batch's rows, a multi-row statement per table, and the offset.
async fn store_bare_batch(tx: &mut sqlx::SqliteConnection, batch: &[BareRow<'_>], offset: i64) {
    use sqlx::QueryBuilder;
    let state = r#"{"lang":"nl","stage":{"Asking":{"round":"drukte-2027","question":1}}}"#;
    let mut q = QueryBuilder::<sqlx::Sqlite>::new(
        "INSERT INTO conversations (pseudonym, round_id, state, active_month) ",
    );
    q.push_values(batch, |mut row, r| {
        row.push_bind(r.pseudonym)
            .push_bind(ROUND_ID)
            .push_bind(state)
            .push_bind("2026-11");
    });
    // The round never changes here, so it is not named (naming it would
    // rewrite its index entry too).
    q.push(" ON CONFLICT (pseudonym) DO UPDATE SET state = excluded.state");
    q.build().execute(&mut *tx).await.expect("conversations");
    let answered: Vec<&BareRow<'_>> = batch.iter().filter(|r| r.step > 0).collect();
    if !answered.is_empty() {
        let mut q = QueryBuilder::<sqlx::Sqlite>::new("INSERT INTO participation (pseudonym, round_id) ");
        q.push_values(&answered, |mut row, r| {
            row.push_bind(r.pseudonym).push_bind(ROUND_ID);
        });
        q.push(" ON CONFLICT DO NOTHING");
        q.build().execute(&mut *tx).await.expect("participation");
        let mut q = QueryBuilder::<sqlx::Sqlite>::new(
            "INSERT INTO responses (round_id, respondent_key, channel, completed) ",
        );
        q.push_values(&answered, |mut row, r| {
            row.push_bind(ROUND_ID)
                .push_bind(r.key)
                .push_bind("telegram")
                .push_bind(i64::from(r.step == 3));
        });
        q.push(" ON CONFLICT (round_id, respondent_key) DO UPDATE SET completed = excluded.completed");
        q.build().execute(&mut *tx).await.expect("responses");
        let mut q = QueryBuilder::<sqlx::Sqlite>::new(
            "INSERT INTO answers (round_id, respondent_key, question_id, value) ",
        );
        q.push_values(&answered, |mut row, r| {
            let (question, value) = match r.step {
                1 => ("vervoer", format!("{{\"Choice\":\"{}\"}}", OPTIONS[r.i % 4])),
                2 => ("cijfer", format!("{{\"Scale\":{}}}", 1 + r.i % 10)),
                _ => ("tip", format!("{{\"Text\":{:?}}}", TIPS[r.i % 4])),
            };
            row.push_bind(ROUND_ID)
                .push_bind(r.key)
                .push_bind(question)
                .push_bind(value);
        });
        q.build().execute(&mut *tx).await.expect("answers");
    }
    sqlx::query(
        "INSERT INTO settings (name, value) VALUES ('telegram_next_update', ?)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    )
    .bind(offset.to_string())
    .execute(&mut *tx)
    .await
    .expect("offset");
}

/// The floor of any exactly-once bot: fetch a batch, store its rows as the
/// bare loop does (keys hashed from the sender) in one transaction with the
/// next offset, then send one reply to each update and fetch the next batch.
/// No engine, no scrubbing, no texts: what remains is what exactly-once and
/// these rows cost.
async fn run_chain() -> anyhow::Result<()> {
    use teloxide::prelude::*;
    use teloxide::types::UpdateKind;
    let url = url::Url::parse(&std::env::var("TELEGRAM_API_URL")?)?;
    let bot = Bot::new("123456:TEST-TOKEN").set_api_url(url);
    let db = PathBuf::from(std::env::var("MEEPRATEN_DATABASE")?);
    let (pool, _checkpointer) = bare_pool(&db).await;
    let mut offset = 0i32;
    // The replies of the batch stored last, sent once the next batch arrives
    // (or after 5 ms), as meepraten's poll loop does.
    let mut pending = Vec::new();
    loop {
        let Ok(updates) = fetch_releasing(&bot, offset, &mut pending).await else {
            continue;
        };
        let Some(last) = updates.last() else { continue };
        let next = last.id.0 as i32 + 1;
        let mut keyed = Vec::with_capacity(updates.len());
        let mut chats = Vec::with_capacity(updates.len());
        for update in &updates {
            let (chat, step) = match &update.kind {
                UpdateKind::Message(m) => {
                    let text = m.text().unwrap_or_default();
                    let step = if text.starts_with("/start") {
                        0
                    } else if text.parse::<u32>().is_ok() {
                        2
                    } else {
                        3
                    };
                    (m.chat.id, step)
                }
                UpdateKind::CallbackQuery(q) => match &q.message {
                    Some(m) => (m.chat().id, 1),
                    None => continue,
                },
                _ => continue,
            };
            let i = (chat.0 - resident(0)) as usize;
            keyed.push((step, i, bare_key("p", i), bare_key("r", i)));
            chats.push(chat);
        }
        let rows: Vec<BareRow<'_>> = keyed
            .iter()
            .map(|(step, i, p, k)| BareRow {
                step: *step,
                i: *i,
                pseudonym: p,
                key: k,
            })
            .collect();
        let mut tx = pool.begin().await?;
        store_bare_batch(&mut tx, &rows, i64::from(next)).await;
        tx.commit().await?;
        offset = next;
        pending = chats;
    }
}

/// Where the bot's messages go: to the resident of the chat.
type Routes = Arc<Mutex<HashMap<i64, mpsc::UnboundedSender<(Sent, Instant)>>>>;

/// (handed out, latency) of every answer.
type Latencies = Arc<Mutex<Vec<(Instant, Duration)>>>;

/// Latencies of one paced run.
struct Paced {
    answers_per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    answers: usize,
}

/// Residents arriving at a steady rate, each answering the moment the bot's
/// question arrives plus `think`; with `flood`, one more account sends 100
/// messages a second throughout.
async fn paced(dir: &Path, name: &str, rate: u32, seconds: u64, flood: bool, who: Bot<'_>) -> Paced {
    let db = prepared_for(who, dir, name).await;
    let api = Arc::new(BotApi::start().await);
    let mut tap = api.tap();
    let bot = spawn(who, &api, Some(&db), None);
    // Route the bot's messages to the resident they are for.
    let routes: Routes = Default::default();
    {
        let routes = routes.clone();
        tokio::spawn(async move {
            while let Some((m, at)) = tap.recv().await {
                if let Some(to) = routes.lock().unwrap().get(&m.chat_id) {
                    let _ = to.send((m, at));
                }
            }
        });
    }
    // Wait for the bot to be serving: one warm-up resident.
    let latencies: Latencies = Default::default();
    let warm = tokio::spawn(one_resident(api.clone(), routes.clone(), 0, Duration::ZERO, None));
    warm.await.expect("warm-up resident");

    let stop_flood = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flooder = flood.then(|| {
        let api = api.clone();
        let stop = stop_flood.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_millis(10));
            let mut sent = 0u64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                tick.tick().await;
                api.say(6_999_999_999, "nl", &format!("hallo {sent}"));
                sent += 1;
            }
            sent
        })
    });
    // Three answers per resident.
    let per_second = f64::from(rate) / 3.0;
    let total = (per_second * seconds as f64) as usize;
    let started = Instant::now();
    let mut residents = Vec::with_capacity(total);
    for i in 1..=total {
        let due = started + Duration::from_secs_f64(i as f64 / per_second);
        tokio::time::sleep_until(due.into()).await;
        residents.push(tokio::spawn(one_resident(
            api.clone(),
            routes.clone(),
            i,
            Duration::from_secs(1),
            Some(latencies.clone()),
        )));
    }
    for r in residents {
        r.await.expect("resident finished");
    }
    stop_flood.store(true, std::sync::atomic::Ordering::Relaxed);
    if let Some(f) = flooder {
        let _ = f.await;
    }
    stop(bot).await;
    let mut l: Vec<Duration> = latencies.lock().unwrap().iter().map(|(_, d)| *d).collect();
    let handed: Vec<Instant> = latencies.lock().unwrap().iter().map(|(h, _)| *h).collect();
    // The rate in steady state: residents arriving and answering alike, without
    // the first and last seconds (arrivals starting, the last ones finishing).
    let first = *handed.iter().min().unwrap();
    let last = *handed.iter().max().unwrap();
    let (from, to) = (first + Duration::from_secs(2), last - Duration::from_secs(2));
    let steady = handed.iter().filter(|h| **h >= from && **h < to).count();
    let rate = steady as f64 / to.duration_since(from).as_secs_f64();
    l.sort();
    let pct = |p: f64| l[((l.len() as f64 * p) as usize).min(l.len() - 1)].as_secs_f64() * 1000.0;
    Paced {
        answers_per_second: rate,
        p50_ms: pct(0.50),
        p99_ms: pct(0.99),
        answers: l.len(),
    }
}

/// One resident's round: start, press a button, type a number, type a tip; each
/// answer timed from handed out to the next question (or the thanks) arriving.
async fn one_resident(
    api: Arc<BotApi>,
    routes: Routes,
    i: usize,
    think: Duration,
    latencies: Option<Latencies>,
) {
    let me = resident(i);
    let (tx, mut inbox) = mpsc::unbounded_channel();
    routes.lock().unwrap().insert(me, tx);
    let mut wait_for = async |needle: &str| -> (Sent, Instant) {
        loop {
            let got = tokio::time::timeout(Duration::from_secs(60), inbox.recv()).await;
            match got {
                Ok(Some((m, at))) if m.text.contains(needle) => return (m, at),
                Ok(Some(_)) => {}
                _ => panic!("resident {i} waited in vain for `{needle}`"),
            }
        }
    };
    api.say(me, "nl", &format!("/start {ROUND_ID}"));
    let (question, _) = wait_for(Q1).await;
    tokio::time::sleep(think).await;
    let data = format!("a:vervoer:{}", OPTIONS[i % OPTIONS.len()]);
    let u1 = api.press_on(me, "nl", &data, Some(&question));
    let (_, a1) = wait_for(Q2).await;
    tokio::time::sleep(think).await;
    let u2 = api.say(me, "nl", &(1 + i % 10).to_string());
    let (_, a2) = wait_for(Q3).await;
    tokio::time::sleep(think).await;
    let u3 = api.say(me, "nl", TIPS[i % TIPS.len()]);
    let (_, a3) = wait_for(DONE).await;
    routes.lock().unwrap().remove(&me);
    if let Some(latencies) = latencies {
        let mut l = latencies.lock().unwrap();
        for (update, arrived) in [(u1, a1), (u2, a2), (u3, a3)] {
            let handed = api.handed_out(update).expect("handed out");
            l.push((handed, arrived.duration_since(handed)));
        }
    }
}

/// Memory of `meepraten serve` at rest with Telegram configured and a database
/// of `n` residents who finished the round, asked to hear back and follow its
/// topic (state, sealed contact, hear-back mark and subscription each).
struct Idle {
    rss_mib: f64,
    peak_mib: f64,
    db_mib: f64,
    conversations: i64,
    contacts: i64,
    hear_back: i64,
    subscriptions: i64,
}

async fn idle(dir: &Path, n: usize, who: Bot<'_>) -> Idle {
    use meepraten::anon::ResidentRef;
    use meepraten::engine::Input;
    use meepraten::service::{Incoming, Service};
    let name = match who {
        Bot::Own(_) => "idle".to_owned(),
        Bot::Binary(exe) => format!("idle-{}", exe.file_name().unwrap_or_default().to_string_lossy()),
    };
    let db = prepared_database(dir, &name).await;
    let service = Service::open(&meepraten::config::Settings::new(db.clone(), None, None))
        .await
        .expect("service opens");
    let now = time::OffsetDateTime::now_utc();
    // The round's invitation goes out before anyone follows its topic, as when
    // they followed after it opened: at rest the bot has nobody to invite.
    service.keep_calendar(now).await.expect("calendar kept");
    let users: Vec<String> = (0..n).map(|i| resident(i).to_string()).collect();
    let script = |i: usize| {
        [
            Input::from_text(&format!("/start {ROUND_ID}")),
            Input::Button(format!("a:vervoer:{}", OPTIONS[i % OPTIONS.len()])),
            Input::from_text(&(1 + i % 10).to_string()),
            Input::from_text(TIPS[i % TIPS.len()]),
            Input::Button("f:y".to_owned()),
            Input::from_text("/abonneer"),
            Input::Button("st:centrum".to_owned()),
        ]
    };
    for chunk in (0..n).collect::<Vec<_>>().chunks(20) {
        let mut items = Vec::with_capacity(chunk.len() * 7);
        for &i in chunk {
            for input in script(i) {
                items.push(Incoming {
                    who: ResidentRef {
                        platform: "telegram",
                        user: &users[i],
                        address: Some(&users[i]),
                    },
                    lang_hint: None,
                    input,
                    now,
                    next: None,
                    event: None,
                });
            }
        }
        service
            .handle_batch(None, &items, None)
            .await
            .expect("residents handled");
    }
    service.close().await;
    let (conversations, contacts, hear_back, subscriptions) = {
        use sqlx::Connection;
        let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.display()))
            .await
            .expect("database opens");
        let mut counts = Vec::new();
        for sql in [
            "SELECT COUNT(*) FROM conversations",
            "SELECT COUNT(*) FROM contacts",
            "SELECT COUNT(*) FROM participation WHERE hear_back = 1",
            "SELECT COUNT(*) FROM subscriptions",
        ] {
            let n: i64 = sqlx::query_scalar(sql).fetch_one(&mut c).await.expect("count");
            counts.push(n);
        }
        (counts[0], counts[1], counts[2], counts[3])
    };
    let api = BotApi::start().await;
    let bot = spawn(who, &api, Some(&db), None);
    let pid = bot.id().expect("running");
    // Serving: it has asked for updates; then at rest for a while.
    let deadline = Instant::now() + Duration::from_secs(60);
    while api.calls("getUpdates") == 0 {
        assert!(Instant::now() < deadline, "the bot did not start serving");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(api.calls("sendMessage"), 0, "at rest, yet the bot sent messages");
    let rss_mib = rss_mib(pid, "VmRSS:");
    let peak_mib = rss_mib_of(pid);
    stop(bot).await;
    Idle {
        rss_mib,
        peak_mib,
        db_mib: file_mib(&db),
        conversations,
        contacts,
        hear_back,
        subscriptions,
    }
}

fn rss_mib_of(pid: u32) -> f64 {
    rss_mib(pid, "VmHWM:")
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[allow(clippy::print_stdout)]
async fn run(args: Args) -> anyhow::Result<()> {
    let dir = match std::env::var_os("LOADTEST_DIR") {
        Some(d) => tempfile::tempdir_in(d)?,
        None => tempfile::tempdir()?,
    };
    let n = args.residents;
    let phase = |name: &str| args.phases.iter().any(|p| p == name);
    let cores = std::thread::available_parallelism().map_or(0, |c| c.get());
    println!(
        "meepraten load test: {n} residents, {cores} cores, release build; medians of {} runs",
        args.repeat
    );
    println!();
    let mut rates = Vec::new();
    // CPU an answer (bot, simulator) of meepraten and the echo bot.
    let mut cpu: Vec<(&str, f64, f64)> = Vec::new();
    if phase("backlog") {
        let runs: Vec<Backlog> = {
            let mut runs = Vec::new();
            for i in 0..args.repeat {
                runs.push(backlog_meepraten(dir.path(), &format!("backlog{i}"), n, None).await);
            }
            runs
        };
        let m = median(runs.iter().map(|r| r.answers_per_second).collect());
        let cores = median(runs.iter().map(|r| r.cores).collect());
        let simulator = median(runs.iter().map(|r| r.simulator_cores).collect());
        println!(
            "          meepraten  simulator {:.0} µs CPU an answer; {:.2} Bot API calls an update besides fetching",
            simulator * 1e6 / m,
            median(runs.iter().map(|r| r.requests_per_update).collect()),
        );
        cpu.push(("meepraten", cores * 1e6 / m, simulator * 1e6 / m));
        println!(
            "backlog   meepraten  {m:>8.0} answers/s  (runs: {}; {cores:.2} cores busy, {:.0} µs CPU an answer; peak RSS {:.1} MiB; database {:.1} MiB; SIGTERM to exit {:.2} s)",
            runs.iter()
                .map(|r| format!("{:.0}", r.answers_per_second))
                .collect::<Vec<_>>()
                .join(", "),
            cores * 1e6 / m,
            median(runs.iter().map(|r| r.peak_rss_mib).collect()),
            median(runs.iter().map(|r| r.db_mib).collect()),
            median(runs.iter().map(|r| r.stop_seconds).collect()),
        );
        rates.push(("meepraten", m));
        rates.push((
            "meepraten replied",
            median(runs.iter().map(|r| r.replied_per_second).collect()),
        ));
    }
    for exe in &args.compare {
        let mut runs = Vec::new();
        for i in 0..args.repeat {
            runs.push(
                backlog_of(
                    Bot::Binary(exe),
                    dir.path(),
                    &format!("compare{}-{i}", rates.len()),
                    n,
                    None,
                )
                .await,
            );
        }
        let m = median(runs.iter().map(|r| r.answers_per_second).collect());
        println!(
            "backlog   {:<10} {m:>8.0} answers/s  (runs: {})",
            exe.file_name().unwrap_or_default().to_string_lossy(),
            runs.iter()
                .map(|r| format!("{:.0}", r.answers_per_second))
                .collect::<Vec<_>>()
                .join(", "),
        );
        rates.push(("earlier", m));
    }
    if phase("echo") {
        let mut runs = Vec::new();
        for _ in 0..args.repeat {
            runs.push(backlog_echo(n, "echo", None, None).await);
        }
        let echo = median(runs.iter().map(|r| r.0).collect());
        let cores = median(runs.iter().map(|r| r.1).collect());
        let simulator = median(runs.iter().map(|r| r.2).collect());
        println!(
            "backlog   echo bot   {echo:>8.0} answers/s  (one reply per update, nothing stored; {cores:.2} cores busy, {:.0} µs CPU an answer; simulator {:.0} µs)",
            cores * 1e6 / echo,
            simulator * 1e6 / echo
        );
        cpu.push(("echo", cores * 1e6 / echo, simulator * 1e6 / echo));
        rates.push(("echo", echo));
        rates.push(("echo replied", median(runs.iter().map(|r| r.3).collect())));
    }
    if phase("echo-held") {
        let mut runs = Vec::new();
        for _ in 0..args.repeat {
            runs.push(backlog_echo(n, "echo-held", None, None).await);
        }
        let held = median(runs.iter().map(|r| r.0).collect());
        println!(
            "backlog   echo held  {held:>8.0} answers/s  (the echo bot, each batch's replies held until the next batch arrives or 5 ms, as meepraten does; {:.2} cores busy)",
            median(runs.iter().map(|r| r.1).collect()),
        );
        // The echo bot is the fastest of the two ways.
        if let Some(echo) = rates.iter_mut().find(|(n, _)| *n == "echo") {
            if held > echo.1 {
                println!(
                    "          (the ratios below use the echo bot with its replies held: it was the faster)"
                );
                echo.1 = held;
            }
        } else {
            rates.push(("echo", held));
        }
    }
    if phase("fetch") {
        let mut runs = Vec::new();
        for _ in 0..args.repeat {
            runs.push(backlog_echo(n, "fetch", None, None).await.0);
        }
        let fetch = median(runs);
        println!("backlog   fetch only {fetch:>8.0} answers/s  (updates fetched and confirmed, no reply)");
        rates.push(("fetch", fetch));
    }
    if phase("bare") {
        let mut runs = Vec::new();
        for i in 0..args.repeat {
            runs.push(bare_inserts(dir.path(), &format!("bare{i}"), n).await);
        }
        let bare = median(runs);
        println!(
            "storage   bare sqlx  {bare:>8.0} answers/s  (same rows, a statement per table for each 100 updates)"
        );
        rates.push(("bare", bare));
    }
    if phase("chain") {
        let mut runs = Vec::new();
        for i in 0..args.repeat {
            let db = prepared_database(dir.path(), &format!("chain{i}")).await;
            runs.push(backlog_echo(n, "chain", None, Some(&db)).await);
        }
        let chain = median(runs.iter().map(|r| r.0).collect());
        println!(
            "backlog   floor      {chain:>8.0} answers/s  (runs: {}; fetch, store the bare rows with the offset, reply once to each, fetch on: any exactly-once bot; {:.2} cores busy)",
            runs.iter()
                .map(|r| format!("{:.0}", r.0))
                .collect::<Vec<_>>()
                .join(", "),
            median(runs.iter().map(|r| r.1).collect()),
        );
        rates.push(("floor", chain));
    }
    let rate = |name: &str| rates.iter().find(|(n, _)| *n == name).map(|(_, r)| *r);
    if let (Some(floor), Some(echo)) = (rate("floor"), rate("echo")) {
        println!("ratio     floor / echo bot         {:.2}", floor / echo);
    }
    if let (Some(m), Some(floor)) = (rate("meepraten"), rate("floor")) {
        println!("ratio     meepraten / floor        {:.2}", m / floor);
    }
    if let (Some(m), Some(echo)) = (rate("meepraten"), rate("echo")) {
        println!("ratio     meepraten / echo bot     {:.2}", m / echo);
    }
    if let (Some(m), Some(echo)) = (rate("meepraten replied"), rate("echo replied")) {
        // The windows above end at the last confirmation, with replies still
        // under way; these end at the last reply received.
        println!(
            "replied   to the last reply: meepraten {m:.0} answers/s, echo bot {echo:.0}; ratio {:.2}",
            m / echo
        );
    }
    if let [(_, bot, sim), (_, echo_bot, echo_sim)] = cpu[..] {
        // Both share the machine's cores with the simulator. Only if both runs
        // kept the same cores busy would rates stand in inverse proportion to
        // CPU spent an answer, so this ratio is a guide, not a bound.
        println!(
            "cpu       CPU an answer, bot + simulator: meepraten {:.0} µs, echo bot {:.0} µs; ratio {:.2} (a guide: the runs did not keep the same cores busy)",
            bot + sim,
            echo_bot + echo_sim,
            (echo_bot + echo_sim) / (bot + sim)
        );
    }
    if let (Some(m), Some(bare)) = (rate("meepraten"), rate("bare")) {
        println!("ratio     meepraten / bare insert  {:.2}", m / bare);
    }
    if let (Some(echo), Some(fetch), Some(bare)) = (rate("echo"), rate("fetch"), rate("bare")) {
        // Exactly once, the next batch is fetched only after this one's commit
        // (fetching it confirms this one to Telegram): a batch takes at least the
        // fastest fetch plus the fastest commit of its rows, one after the other.
        let ceiling = 1.0 / (1.0 / fetch + 1.0 / bare);
        println!(
            "ceiling   fetch, then store, one after the other: at most {ceiling:.0} answers/s = 1/(1/fetch + 1/bare), {:.2} of the echo bot",
            ceiling / echo
        );
    }
    let hook = Some(args.connections);
    if phase("hook") {
        let mut runs = Vec::new();
        for i in 0..args.repeat {
            runs.push(backlog_meepraten(dir.path(), &format!("hook{i}"), n, hook).await);
        }
        let m = median(runs.iter().map(|r| r.answers_per_second).collect());
        println!(
            "webhook   meepraten  {m:>8.0} answers/s  (runs: {}; {} connections; {:.2} cores busy; peak RSS {:.1} MiB; SIGTERM to exit {:.2} s)",
            runs.iter()
                .map(|r| format!("{:.0}", r.answers_per_second))
                .collect::<Vec<_>>()
                .join(", "),
            args.connections,
            median(runs.iter().map(|r| r.cores).collect()),
            median(runs.iter().map(|r| r.peak_rss_mib).collect()),
            median(runs.iter().map(|r| r.stop_seconds).collect()),
        );
        rates.push(("hook meepraten", m));
        rates.push((
            "hook meepraten replied",
            median(runs.iter().map(|r| r.replied_per_second).collect()),
        ));
    }
    if phase("echo-hook") {
        let mut runs = Vec::new();
        for _ in 0..args.repeat {
            runs.push(backlog_echo(n, "echo-hook", hook, None).await);
        }
        let echo = median(runs.iter().map(|r| r.0).collect());
        println!(
            "webhook   echo bot   {echo:>8.0} answers/s  (answers each post at once, one reply beside it, nothing stored; {:.2} cores busy)",
            median(runs.iter().map(|r| r.1).collect()),
        );
        rates.push(("hook echo", echo));
        rates.push(("hook echo replied", median(runs.iter().map(|r| r.3).collect())));
    }
    if phase("ack-hook") {
        let mut runs = Vec::new();
        for _ in 0..args.repeat {
            runs.push(backlog_echo(n, "ack-hook", hook, None).await.0);
        }
        let ack = median(runs);
        println!("webhook   posts only {ack:>8.0} answers/s  (each post answered at once, no reply)");
        rates.push(("hook ack", ack));
    }
    let rate = |name: &str| rates.iter().find(|(n, _)| *n == name).map(|(_, r)| *r);
    if let (Some(m), Some(echo)) = (rate("hook meepraten"), rate("hook echo")) {
        println!("ratio     webhook: meepraten / echo bot     {:.2}", m / echo);
    }
    if let (Some(m), Some(echo)) = (rate("hook meepraten replied"), rate("hook echo replied")) {
        println!(
            "replied   webhook, to the last reply: meepraten {m:.0} answers/s, echo bot {echo:.0}; ratio {:.2}",
            m / echo
        );
    }
    if let (Some(m), Some(echo)) = (rate("hook meepraten"), rate("echo")) {
        println!(
            "ratio     meepraten by webhook / echo bot polling  {:.2}",
            m / echo
        );
    }
    let mut calm_p99 = None;
    if phase("paced") {
        let own = Bot::Own("bot");
        let calm = paced(dir.path(), "paced", args.rate, args.paced_seconds, false, own).await;
        println!(
            "paced     {:>6.0} answers/s  p50 {:.1} ms  p99 {:.1} ms  ({} answers)",
            calm.answers_per_second, calm.p50_ms, calm.p99_ms, calm.answers
        );
        calm_p99 = Some(calm.p99_ms);
        for (i, exe) in args.compare.iter().enumerate() {
            let name = format!("paced-compare{i}");
            let earlier = paced(
                dir.path(),
                &name,
                args.rate,
                args.paced_seconds,
                false,
                Bot::Binary(exe),
            )
            .await;
            println!(
                "paced     {:>6.0} answers/s  p50 {:.1} ms  p99 {:.1} ms  ({} answers; {})",
                earlier.answers_per_second,
                earlier.p50_ms,
                earlier.p99_ms,
                earlier.answers,
                exe.file_name().unwrap_or_default().to_string_lossy()
            );
        }
    }
    if phase("flooded") {
        let own = Bot::Own("bot");
        let flooded = paced(dir.path(), "flooded", args.rate, args.paced_seconds, true, own).await;
        println!(
            "flooded   {:>6.0} answers/s  p50 {:.1} ms  p99 {:.1} ms  ({} answers; one account sends 100 messages a second)",
            flooded.answers_per_second, flooded.p50_ms, flooded.p99_ms, flooded.answers
        );
        if let Some(calm) = calm_p99 {
            println!(
                "ratio     p99 with flooder / without  {:.2}",
                flooded.p99_ms / calm
            );
        }
    }
    if phase("idle") {
        for exe in &args.compare {
            let m = idle(dir.path(), args.idle_residents, Bot::Binary(exe)).await;
            println!(
                "idle      {:.1} MiB resident ({:.1} MiB at most): {}",
                m.rss_mib,
                m.peak_mib,
                exe.file_name().unwrap_or_default().to_string_lossy()
            );
        }
        let m = idle(dir.path(), args.idle_residents, Bot::Own("bot")).await;
        assert_eq!(
            m.conversations, args.idle_residents as i64,
            "every resident has state"
        );
        assert_eq!(
            m.contacts, args.idle_residents as i64,
            "every resident has a contact"
        );
        assert_eq!(
            m.hear_back, args.idle_residents as i64,
            "every resident asked to hear back"
        );
        assert_eq!(
            m.subscriptions, args.idle_residents as i64,
            "every resident follows the topic"
        );
        println!(
            "idle      {:.1} MiB resident ({:.1} MiB at most) with {} residents in a {:.1} MiB database",
            m.rss_mib, m.peak_mib, m.conversations, m.db_mib
        );
    }
    Ok(())
}
