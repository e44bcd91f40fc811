//! Broadcast benchmark: a round opens and `meepraten serve` invites every
//! subscriber through the Bot API simulator over real HTTP, the simulator
//! refusing (429) whatever goes beyond its limit. Reports the rate achieved as
//! a fraction of that limit, the 429s, and the bot's peak memory.
//!
//! ```text
//! cargo run --release --example broadcast                    # 50,000 at 1,000/s
//! cargo run --release --example broadcast -- --subscribers 5000 --limit 500
//! ```
//!
//! The bot runs as its own process (this program started again as `bot`, the
//! library's `serve` exactly as the binary runs it), so its memory is its own.

#[path = "../tests/support/telegram.rs"]
mod bot_api;

use std::path::Path;
use std::time::{Duration, Instant};

use clap::Parser;
use meepraten::anon::ResidentRef;
use meepraten::config::Settings;
use meepraten::engine::Input;
use meepraten::service::{Incoming, Service};
use time::OffsetDateTime;

#[derive(Parser)]
struct Args {
    /// Subscribers of the round's topic.
    #[arg(long, default_value_t = 50_000)]
    subscribers: usize,
    /// The simulator's limit, messages a second (the bot is set to it too).
    #[arg(long, default_value_t = 1_000)]
    limit: u32,
    /// Internal: run as the bot.
    #[arg(long, hide = true)]
    role: Option<String>,
}

const ROUND_ID: &str = "omroep-2027";

fn round_file(now: OffsetDateTime) -> String {
    let at = |t: OffsetDateTime| t.format(&time::format_description::well_known::Rfc3339).unwrap();
    format!(
        r#"id = "{ROUND_ID}"
languages = ["nl", "en"]
title = {{ nl = "Vervoer naar de dagbesteding", en = "Transport to day care" }}
intro = {{ nl = "Hoe gaat het vervoer? Het duurt 1 minuut.", en = "How is the transport? It takes 1 minute." }}
topic = "wmo"
phase = "preparation"
opens = {}
closes = {}

[[questions]]
id = "op-tijd"
kind = "yesno"
text = {{ nl = "Komt het vervoer op tijd?", en = "Is the transport on time?" }}
"#,
        at(now + Duration::from_secs(2)),
        at(now + Duration::from_secs(14 * 24 * 3600)),
    )
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    match args.role.as_deref() {
        Some("bot") => runtime.block_on(async {
            let db = std::env::var("MEEPRATEN_DATABASE")?;
            let cli = meepraten::cli::Cli::parse_from(["meepraten", "--database", &db, "serve"]);
            let config = cli.load_config()?;
            cli.run(config).await?;
            anyhow::Ok(())
        }),
        _ => runtime.block_on(run(args)),
    }
}

async fn run(args: Args) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("omroep.db");
    let started = Instant::now();
    prepare(&db, dir.path(), args.subscribers).await?;
    eprintln!(
        "{} subscribers made in {:.1} s",
        args.subscribers,
        started.elapsed().as_secs_f64()
    );
    let settings = dir.path().join("meepraten.toml");
    // Any hour (no quiet hours) and room in the weekly cap.
    std::fs::write(
        &settings,
        "[outreach]\nquiet_hours = \"\"\nprompts_per_week = 10\n",
    )?;

    let api = bot_api::BotApi::start().await;
    api.set_send_limit(args.limit);
    let mut arrivals = api.tap();
    let mut bot = tokio::process::Command::new(std::env::current_exe()?)
        .args(["--role", "bot"])
        .env("MEEPRATEN_DATABASE", &db)
        .env("MEEPRATEN_CONFIG", &settings)
        .env("TELEGRAM_BOT_TOKEN", "123456:TEST-TOKEN")
        .env("TELEGRAM_API_URL", api.url().as_str())
        .env("TELEGRAM_SENDS_PER_SECOND", args.limit.to_string())
        .env("MEEPRATEN_LOG", "warn")
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let pid = bot.id().expect("running");
    let (mut first, mut last, mut n) = (None, None, 0usize);
    let mut peak = 0.0f64;
    let deadline =
        Instant::now() + Duration::from_secs(60 + 3 * args.subscribers as u64 / u64::from(args.limit));
    while n < args.subscribers {
        match tokio::time::timeout(Duration::from_millis(200), arrivals.recv()).await {
            Ok(Some((sent, at))) if sent.text.starts_with("Nieuwe vragen") => {
                first.get_or_insert(at);
                last = Some(at);
                n += 1;
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => {}
        }
        peak = peak.max(peak_rss_mib(pid));
        anyhow::ensure!(
            Instant::now() < deadline,
            "only {n} of {} arrived",
            args.subscribers
        );
    }
    peak = peak.max(peak_rss_mib(pid));
    std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()?;
    let _ = tokio::time::timeout(Duration::from_secs(20), bot.wait()).await;
    let (Some(first), Some(last)) = (first, last) else {
        anyhow::bail!("nothing arrived");
    };
    let span = last.duration_since(first).as_secs_f64().max(1e-3);
    // n messages arrive in n - 1 intervals.
    let rate = (n - 1) as f64 / span;
    println!(
        "broadcast to {n} subscribers through the simulator (limit {}/s)",
        args.limit
    );
    println!("  first to last arrival   {span:.2} s");
    println!("  rate                    {rate:.0} messages/s");
    println!("  fraction of the limit   {:.3}", rate / f64::from(args.limit));
    println!("  429 refusals            {}", api.rate_limited());
    println!("  peak memory of the bot  {peak:.1} MiB");
    Ok(())
}

/// A database with the round imported (a draft that opens two seconds from
/// now) and `n` residents who follow its topic, made through the service as
/// residents would, in batches.
async fn prepare(db: &Path, dir: &Path, n: usize) -> anyhow::Result<()> {
    let service = Service::open(&Settings::new(db.to_path_buf(), None, None)).await?;
    let file = dir.join("omroep.toml");
    let now = OffsetDateTime::now_utc();
    std::fs::write(&file, round_file(now))?;
    service.import_round(&file, now).await?;
    let ids: Vec<(String, String)> = (0..n)
        .map(|i| (format!("u{i}"), (6_000_000_000u64 + i as u64).to_string()))
        .collect();
    let input = Input::from_text("/abonneer wmo");
    for chunk in ids.chunks(500) {
        let items: Vec<Incoming<'_>> = chunk
            .iter()
            .map(|(user, chat)| Incoming {
                who: ResidentRef {
                    platform: "telegram",
                    user,
                    address: Some(chat),
                },
                lang_hint: None,
                input: input.clone(),
                now,
                next: None,
                event: None,
            })
            .collect();
        service.handle_batch(None, &items, None).await?;
    }
    service.close().await;
    Ok(())
}

/// Peak resident memory of a process, in MiB (Linux).
fn peak_rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0
}
