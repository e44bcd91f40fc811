//! A real Synapse homeserver on 127.0.0.1 for the Matrix tests, set up from
//! nothing: a venv with a pinned `matrix-synapse` from PyPI, cached under the
//! build's `target/tmp` and installed once (a file lock keeps parallel tests from
//! installing twice); a throwaway configuration (server name `localhost`,
//! SQLite, no federation, registration by shared secret, rate limits raised);
//! start-up on a free port, a wait until it really listens, users registered
//! with its own script, and a stop when dropped.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The Synapse release the tests run against.
pub const VERSION: &str = "1.163.2";
/// The shared secret for registering users (test-only).
const SHARED_SECRET: &str = "meepraten-test-registration";

/// A running homeserver; stopped when dropped.
pub struct Synapse {
    child: Child,
    dir: tempfile::TempDir,
    port: u16,
    venv: PathBuf,
    /// Access-log lines of requests refused with 429 (M_LIMIT_EXCEEDED).
    limited: Arc<Mutex<Vec<String>>>,
}

impl Drop for Synapse {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The venv with Synapse, installed on first use.
fn venv() -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("synapse-{VERSION}"));
    std::fs::create_dir_all(&root).expect("cache folder");
    let venv = root.join("venv");
    let ready = root.join("installed");
    let lock = std::fs::File::create(root.join("lock")).expect("lock file");
    lock.lock().expect("install lock");
    if !ready.exists() {
        let _ = std::fs::remove_dir_all(&venv);
        let status = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .expect("python3 runs");
        assert!(status.success(), "python3 -m venv failed");
        let status = Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .arg(format!("matrix-synapse=={VERSION}"))
            .status()
            .expect("pip runs");
        assert!(status.success(), "pip install matrix-synapse=={VERSION} failed");
        std::fs::write(&ready, VERSION).expect("marker written");
    }
    venv
}

/// A port nobody listens on now.
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("address").port()
}

/// Every rc_* limit raised: tests log in and send far faster than people.
const GENEROUS: &str = "{per_second: 1000, burst_count: 1000}";

fn config(dir: &Path, port: u16, messages: &str) -> String {
    let d = dir.display();
    let generous = GENEROUS;
    format!(
        r#"server_name: "localhost"
public_baseurl: "http://127.0.0.1:{port}/"
pid_file: "{d}/homeserver.pid"
listeners:
  - port: {port}
    bind_addresses: ["127.0.0.1"]
    type: http
    tls: false
    x_forwarded: false
    resources:
      - names: [client]
        compress: false
database:
  name: sqlite3
  args:
    database: "{d}/homeserver.db"
log_config: "{d}/log.config"
media_store_path: "{d}/media"
signing_key_path: "{d}/localhost.signing.key"
registration_shared_secret: "{SHARED_SECRET}"
enable_registration: false
report_stats: false
trusted_key_servers: []
federation_domain_whitelist: []
presence:
  enabled: false
url_preview_enabled: false
bcrypt_rounds: 4
suppress_key_server_warning: true
rc_message: {messages}
rc_registration: {generous}
rc_login:
  address: {generous}
  account: {generous}
  failed_attempts: {generous}
rc_joins:
  local: {generous}
  remote: {generous}
rc_invites:
  per_room: {generous}
  per_user: {generous}
  per_issuer: {generous}
rc_key_requests: {generous}
rc_3pid_validation: {generous}
rc_admin_redaction: {generous}
rc_room_creation: {generous}
"#
    )
}

const LOG_CONFIG: &str = r#"version: 1
formatters:
  plain:
    format: "%(asctime)s %(levelname)s %(name)s %(message)s"
handlers:
  console:
    class: logging.StreamHandler
    formatter: plain
    stream: ext://sys.stdout
root:
  level: INFO
  handlers: [console]
disable_existing_loggers: false
"#;

impl Synapse {
    /// Starts a fresh homeserver (installing Synapse first if needed); ready
    /// when this returns.
    pub fn start() -> Synapse {
        Synapse::start_with(GENEROUS)
    }

    /// Starts a homeserver that lets each user send about one message a second
    /// (after a burst of two), as a real server can: more is refused with
    /// `M_LIMIT_EXCEEDED` and a retry time.
    pub fn start_strict() -> Synapse {
        Synapse::start_with("{per_second: 1, burst_count: 2}")
    }

    fn start_with(messages: &str) -> Synapse {
        let venv = venv();
        let dir = tempfile::tempdir().expect("temp dir");
        let status = Command::new(venv.join("bin/generate_signing_key"))
            .arg("-o")
            .arg(dir.path().join("localhost.signing.key"))
            .status()
            .expect("generate_signing_key runs");
        assert!(status.success());
        std::fs::write(dir.path().join("log.config"), LOG_CONFIG).expect("log config");
        // A port can be taken between choosing and binding: try a few.
        for _ in 0..5 {
            let port = free_port();
            std::fs::write(
                dir.path().join("homeserver.yaml"),
                config(dir.path(), port, messages),
            )
            .expect("config written");
            let mut child = Command::new(venv.join("bin/python"))
                .args(["-m", "synapse.app.homeserver", "-c"])
                .arg(dir.path().join("homeserver.yaml"))
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("synapse starts");
            let limited = Arc::new(Mutex::new(Vec::new()));
            if wait_until_listening(&mut child, port, limited.clone()) {
                return Synapse {
                    child,
                    dir,
                    port,
                    venv,
                    limited,
                };
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("Synapse did not start");
    }

    /// Stops the homeserver, as a lost connection or a restart would look to
    /// its clients.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Starts the stopped homeserver again, on the same port with the same data.
    pub fn start_again(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let mut child = Command::new(self.venv.join("bin/python"))
                .args(["-m", "synapse.app.homeserver", "-c"])
                .arg(self.dir.path().join("homeserver.yaml"))
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("synapse starts");
            if wait_until_listening(&mut child, self.port, self.limited.clone()) {
                self.child = child;
                return;
            }
            let _ = child.kill();
            let _ = child.wait();
            assert!(Instant::now() < deadline, "Synapse did not start again");
            std::thread::sleep(Duration::from_millis(500));
        }
    }

    /// The homeserver's URL.
    pub fn url(&self) -> url::Url {
        url::Url::parse(&format!("http://127.0.0.1:{}/", self.port)).unwrap()
    }

    /// Registers a user (`name` without `@` or server) with a password.
    pub fn register(&self, name: &str, password: &str) {
        let out = Command::new(self.venv.join("bin/register_new_matrix_user"))
            .args(["-u", name, "-p", password, "--no-admin", "--exists-ok", "-c"])
            .arg(self.dir.path().join("homeserver.yaml"))
            .arg(format!("http://127.0.0.1:{}", self.port))
            .output()
            .expect("register_new_matrix_user runs");
        assert!(
            out.status.success(),
            "registering {name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// How many messages from `name` the server refused for its rate limit.
    pub fn rate_limited(&self, name: &str) -> usize {
        let who = format!("{{{}}}", Synapse::user_id(name));
        let lines = self.limited.lock().unwrap();
        lines
            .iter()
            .filter(|l| l.contains(&who) && l.contains("/send/"))
            .count()
    }

    /// The full user id of `name` on this server.
    pub fn user_id(name: &str) -> String {
        format!("@{name}:localhost")
    }
}

/// Reads Synapse's log until it says it listens on `port` (a busy port would
/// answer a readiness check falsely), then checks the client API answers.
fn wait_until_listening(child: &mut Child, port: u16, limited: Arc<Mutex<Vec<String>>>) -> bool {
    let stdout = child.stdout.take().expect("stdout piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if line.contains("Synapse now listening on TCP port") {
                let _ = tx.send(true);
            }
            if line.contains(" 429 \"") {
                limited.lock().unwrap().push(line);
            }
            // Keep reading so Synapse never blocks on a full pipe.
        }
        let _ = tx.send(false);
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(true) => {}
        _ => return false,
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            use std::io::{Read, Write};
            let request = "GET /_matrix/client/versions HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
            let mut answer = String::new();
            let answered = s.write_all(request.as_bytes()).is_ok() && s.read_to_string(&mut answer).is_ok();
            if answered && (answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200")) {
                return true;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}
