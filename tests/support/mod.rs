//! Test helpers: a fresh workspace with a database, the real `meepraten` binary,
//! and a resident who talks to the service the way the terminal channel does.

#![allow(dead_code)]

pub mod logs;
pub mod synapse;
pub mod telegram;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use meepraten::anon::ResidentRef;
use meepraten::channel::terminal;
use meepraten::config::Settings;
use meepraten::domain::Lang;
use meepraten::service::{OutboundButton, OutboundMessage, Service};
use tempfile::TempDir;
use time::OffsetDateTime;

/// Both example rounds, as shipped.
pub const WMO_EXAMPLE: &str = "examples/rounds/huishoudelijke-hulp-2027.toml";
pub const PLEIN_EXAMPLE: &str = "examples/rounds/plein-oost-2027.toml";

/// A temporary folder holding a database and its key.
pub struct Workspace {
    pub dir: TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn database(&self) -> PathBuf {
        self.path("meepraten.db")
    }

    pub fn settings(&self) -> Settings {
        Settings::new(self.database(), None, None)
    }

    pub async fn service(&self) -> Service {
        Service::open(&self.settings()).await.expect("service opens")
    }

    /// Imports and opens the Wmo example (window around now) through the real CLI.
    pub fn open_example_by_cli(&self) {
        let file = self.current_example(WMO_EXAMPLE);
        let out = self.run(&["round", "import", file.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        let out = self.run(&["round", "open", "huishoudelijke-hulp-2027"]);
        assert!(out.status.success(), "{}", stderr(&out));
    }

    /// A service whose database holds the Wmo example round, open now.
    pub async fn service_with_open_example(&self) -> Service {
        let service = self.service().await;
        let now = OffsetDateTime::now_utc();
        service
            .import_round(&self.current_example(WMO_EXAMPLE), now)
            .await
            .expect("example imports");
        service
            .open_round("huishoudelijke-hulp-2027", now)
            .await
            .expect("example opens");
        service
    }

    /// The raw participation counts of a round, read in-process (officials never
    /// see these: `round status` shows audited figures only).
    pub async fn raw_counts(&self, id: &str) -> meepraten::store::ResponseCounts {
        let service = self.service().await;
        let counts = service.round_status(id).await.expect("round exists").counts;
        service.close().await;
        counts
    }

    /// Writes a file into the workspace and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, contents).expect("write file");
        p
    }

    /// Copies an example round, with its window moved around now so it can open.
    pub fn current_example(&self, example: &str) -> PathBuf {
        let text = std::fs::read_to_string(repo(example)).expect("example exists");
        let now = OffsetDateTime::now_utc();
        let fmt = |t: OffsetDateTime| t.format(&time::format_description::well_known::Rfc3339).unwrap();
        let text = text
            .lines()
            .map(|l| {
                if l.starts_with("opens = ") {
                    format!("opens = {}", fmt(now - time::Duration::days(1)))
                } else if l.starts_with("closes = ") {
                    format!("closes = {}", fmt(now + time::Duration::days(14)))
                } else {
                    l.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let name = Path::new(example).file_name().unwrap().to_str().unwrap();
        self.write(name, text)
    }

    /// The `meepraten` binary, run in this workspace with a clean environment.
    pub fn cli(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_meepraten"));
        c.current_dir(self.dir.path())
            .env_remove("MEEPRATEN_DATABASE")
            .env_remove("MEEPRATEN_SECRET_FILE")
            .env_remove("MEEPRATEN_SECRET")
            .env_remove("MEEPRATEN_CONFIG")
            .env("MEEPRATEN_LOG", "info");
        c
    }

    /// Runs the CLI with arguments.
    pub fn run(&self, args: &[&str]) -> Output {
        self.cli().args(args).output().expect("binary runs")
    }

    /// Runs `serve --terminal` with `script` on standard input.
    pub fn serve(&self, resident: &str, script: &str) -> Output {
        let mut child = self
            .cli()
            .args(["serve", "--terminal", "--resident", resident])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("serve starts");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(script.as_bytes())
            .expect("write script");
        child.wait_with_output().expect("serve ends")
    }
}

/// The stored answers of a round, one map per respondent.
pub async fn answers_by_respondent(
    service: &Service,
    round: &str,
) -> Vec<std::collections::BTreeMap<String, meepraten::domain::AnswerValue>> {
    let rows = service
        .store()
        .answers(&meepraten::domain::RoundId::parse(round).unwrap())
        .await
        .unwrap();
    let mut by = std::collections::BTreeMap::<String, std::collections::BTreeMap<_, _>>::new();
    for r in rows {
        by.entry(r.respondent_key)
            .or_default()
            .insert(r.question_id, serde_json::from_str(&r.value).unwrap());
    }
    by.into_values().collect()
}

/// A path in the repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A resident talking to the service in-process, reading lines like the terminal.
pub struct Resident<'s> {
    pub service: &'s Service,
    pub id: String,
    pub platform: &'static str,
    pub lang: Option<Lang>,
    /// Where the platform could reach this resident later (a chat id), if anywhere.
    pub address: Option<String>,
    buttons: Vec<OutboundButton>,
}

impl<'s> Resident<'s> {
    pub fn new(service: &'s Service, id: &str) -> Resident<'s> {
        Resident {
            service,
            id: id.to_owned(),
            platform: terminal::PLATFORM,
            lang: None,
            address: None,
            buttons: Vec::new(),
        }
    }

    /// Sends one line at `now` and returns the bot's replies.
    pub async fn say_at(&mut self, line: &str, now: OffsetDateTime) -> Vec<OutboundMessage> {
        let input = terminal::interpret(line, &self.buttons);
        let who = ResidentRef {
            platform: self.platform,
            user: &self.id,
            address: self.address.as_deref(),
        };
        let replies = self
            .service
            .handle(&who, self.lang, &input, now)
            .await
            .expect("handled");
        for r in &replies {
            if !r.buttons.is_empty() || r.free_text {
                self.buttons.clone_from(&r.buttons);
            }
        }
        replies
    }

    /// Sends one line now and returns all reply text joined.
    pub async fn say(&mut self, line: &str) -> String {
        let replies = self.say_at(line, OffsetDateTime::now_utc()).await;
        replies
            .iter()
            .map(|r| r.text.clone())
            .collect::<Vec<_>>()
            .join("\n---\n")
    }
}

/// `meepraten serve` as a Telegram bot against this simulator, from `ws`.
pub fn serve_command(ws: &Workspace, api: &telegram::BotApi) -> tokio::process::Command {
    let mut c = tokio::process::Command::from(ws.cli());
    c.args(["serve"])
        .env("TELEGRAM_BOT_TOKEN", "123456:TEST-TOKEN")
        .env("TELEGRAM_API_URL", api.url().as_str())
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true);
    c
}

/// The button presses that take a resident through the Wmo example after
/// `/start` without a follow-up: a role, a 4, a yes, and two skips.
pub const WMO_PRESSES: [&str; 5] = [
    "a:rol:zelf",
    "a:tevreden:4",
    "a:zelfde-hulp:y",
    "s:belangrijk",
    "s:idee",
];

/// A round's council summary as JSON, in Dutch.
pub async fn summary_json(service: &Service, id: &str) -> serde_json::Value {
    let text = service
        .export_summary(id, meepraten::summary::Format::Json, Lang::Nl)
        .await
        .expect("summary");
    serde_json::from_str(&text).expect("summary is JSON")
}

/// A question of a summary's JSON, by id.
pub fn json_question<'a>(summary: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    summary["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .find(|q| q["id"] == id)
        .unwrap_or_else(|| panic!("no question `{id}`"))
}

/// A row (option, scale point, yes or no) of a question's JSON, by id.
pub fn json_row<'a>(question: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    question["options"]
        .as_array()
        .expect("options")
        .iter()
        .find(|o| o["id"] == id)
        .unwrap_or_else(|| panic!("no row `{id}`"))
}

/// The Wmo example, closed, with an outcome entry published on 2027-02-01
/// that promises the next by 2027-03-01: overdue from 2027-03-02.
pub async fn example_with_overdue_feedback(ws: &Workspace) -> Service {
    let service = ws.service_with_open_example().await;
    service
        .close_round("huishoudelijke-hulp-2027", OffsetDateTime::now_utc())
        .await
        .unwrap();
    service
        .publish_outcome(
            "huishoudelijke-hulp-2027",
            meepraten::domain::OutcomeStatus::InAdvice,
            std::collections::BTreeMap::from([
                (Lang::Nl, "In het advies.".to_owned()),
                (Lang::En, "In the advice.".to_owned()),
            ]),
            Some("2027-03-01"),
            time::macros::date!(2027 - 02 - 01),
        )
        .await
        .unwrap();
    service
}
