//! A Bot API simulator on 127.0.0.1 that teloxide really talks to: the methods
//! the adapter uses, with the Bot API's JSON shapes, a real long poll on
//! getUpdates (offset, timeout, limit), and faults to inject (429 with
//! retry_after, 5xx, 403 "bot was blocked by the user").
//!
//! With a webhook set, updates are posted to it the way the Bot API server does
//! (tdlib/telegram-bot-api, `WebhookActor`): up to `max_connections` requests at
//! once, each on its own keep-alive connection; the messages of one chat one
//! after another, the next only once the last was answered 2xx (button presses
//! in a queue per user of their own); any other answer sends the update again
//! later. getUpdates then answers 409.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::sync::Notify;

/// A fault to answer a method with, once.
#[derive(Debug, Clone)]
pub enum Fault {
    /// 429 Too Many Requests with `retry_after` seconds.
    RetryAfter(u32),
    /// 500 Internal Server Error.
    ServerError,
    /// 403: the user blocked the bot.
    Blocked,
    /// Answer normally, but only after this long.
    Slow(Duration),
    /// 200 with a body that does not parse as the method's result, quoting a
    /// resident (id, name, username, phone number) the way a real update would.
    Garbled,
}

/// A message the bot sent.
#[derive(Debug, Clone)]
pub struct Sent {
    pub message_id: i64,
    pub chat_id: i64,
    pub text: String,
    /// (label, callback data) of every inline button.
    pub buttons: Vec<(String, String)>,
}

/// A native poll the bot posted.
#[derive(Debug, Clone)]
pub struct SimPoll {
    pub poll_id: String,
    pub chat_id: i64,
    pub message_id: i64,
    pub question: String,
    pub options: Vec<String>,
    pub votes: Vec<u32>,
    pub closed: bool,
    pub anonymous: bool,
    pub multiple: bool,
}

impl SimPoll {
    fn json(&self) -> Value {
        json!({"id": self.poll_id, "question": self.question,
            "options": self.options.iter().zip(&self.votes).map(|(t, n)| json!({"text": t, "voter_count": n})).collect::<Vec<_>>(),
            "total_voter_count": self.votes.iter().sum::<u32>(), "is_closed": self.closed, "is_anonymous": self.anonymous,
            "type": "regular", "allows_multiple_answers": self.multiple})
    }
}

#[derive(Default)]
struct Sim {
    /// Updates not yet confirmed, in id order: (id, update).
    updates: VecDeque<(i64, Value)>,
    next_update: u32,
    next_message: i64,
    sent: Vec<Sent>,
    calls: Vec<String>,
    faults: VecDeque<(String, Fault)>,
    callback_acks: usize,
    /// (chat, message id, new text) of every edit.
    edits: Vec<(i64, i64, String)>,
    /// (language code, command names) of every setMyCommands.
    menus: Vec<(String, Vec<String>)>,
    /// Native polls posted.
    polls: Vec<SimPoll>,
    /// The webhook set: (url, secret token).
    webhook: Option<(String, String)>,
    /// Bumped whenever the webhook changes, which stops the posters of the old one.
    webhook_generation: u64,
    /// Chats with an update being posted to the webhook now.
    posting: std::collections::HashSet<i64>,
    /// Updates whose post failed, and when to post them again.
    repost_at: std::collections::HashMap<i64, Instant>,
    /// Webhook answers of 2xx to treat as lost (the update is posted again).
    lose_acks: usize,
    /// The most updates under way to the webhook at one time.
    most_posting: usize,
    /// How often each update id was handed out by getUpdates.
    deliveries: std::collections::BTreeMap<i64, usize>,
    /// When each update id was first handed out.
    handed_out: std::collections::HashMap<i64, Instant>,
    /// (when, how many updates confirmed by then): an offset confirms updates.
    confirmations: Vec<(Instant, usize)>,
    /// Updates confirmed so far.
    confirmed: usize,
    /// Every message sent is also passed here, with when it arrived.
    tap: Option<tokio::sync::mpsc::UnboundedSender<(Sent, Instant)>>,
    /// Keep sent messages for `sent()` (a load test turns this off).
    forget_sent: bool,
    /// At most this many updates per getUpdates, whatever the bot asks.
    batch_limit: Option<usize>,
    /// Offsets are not taken as confirmations (as if the getUpdates that
    /// carried them never arrived): the updates stay pending.
    hold_confirmations: bool,
    /// How long a failed webhook post waits before it is posted again.
    repost_after: Option<Duration>,
    /// (chat, message id) of every message sent, which can be edited.
    sent_ids: std::collections::HashSet<(i64, i64)>,
    /// Telegram's overall limit on sendMessage, as a bucket: (messages a
    /// second, tokens left, when last filled). Over it: 429 with retry_after.
    send_limit: Option<(f64, f64, Instant)>,
    /// sendMessage calls refused by that limit.
    rate_limited: usize,
}

/// The one bot token the simulator knows.
pub const TOKEN: &str = "123456:TEST-TOKEN";

/// The running simulator.
pub struct BotApi {
    addr: SocketAddr,
    sim: Arc<Mutex<Sim>>,
    notify: Arc<Notify>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for BotApi {
    fn drop(&mut self) {
        // Webhook posters stop too.
        if let Ok(mut s) = self.sim.lock() {
            s.webhook_generation += 1;
        }
        self.server.abort();
    }
}

type Shared = (Arc<Mutex<Sim>>, Arc<Notify>);

impl BotApi {
    /// Starts the simulator on a free port of 127.0.0.1.
    pub async fn start() -> BotApi {
        let sim = Arc::new(Mutex::new(Sim {
            next_update: 1000,
            next_message: 1,
            ..Sim::default()
        }));
        let notify = Arc::new(Notify::new());
        let app = axum::Router::new()
            .fallback(handle)
            .with_state((sim.clone(), notify.clone()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        BotApi {
            addr,
            sim,
            notify,
            server,
        }
    }

    /// The API URL to give the bot.
    pub fn url(&self) -> url::Url {
        url::Url::parse(&format!("http://{}/", self.addr)).unwrap()
    }

    fn push(&self, kind: &str, body: Value) -> i64 {
        let mut sim = self.sim.lock().unwrap();
        let id = sim.next_update;
        sim.next_update += 1;
        sim.updates
            .push_back((i64::from(id), json!({ "update_id": id, kind: body })));
        drop(sim);
        self.notify.notify_waiters();
        i64::from(id)
    }

    fn user(user: i64, lang: &str) -> Value {
        json!({"id": user, "is_bot": false, "first_name": "Inwoner", "last_name": "Testpersoon", "username": format!("user{user}"), "language_code": lang})
    }

    /// A resident types `text` in their private chat with the bot.
    pub fn say(&self, user: i64, lang: &str, text: &str) -> i64 {
        self.push(
            "message",
            json!({"message_id": 1, "date": 1_790_000_000, "chat": {"id": user, "type": "private", "first_name": "Inwoner"},
                   "from": Self::user(user, lang), "text": text}),
        )
    }

    /// Someone sends `text` in a group the bot is in.
    pub fn say_in_group(&self, group: i64, user: i64, lang: &str, text: &str) {
        self.push(
            "message",
            json!({"message_id": 1, "date": 1_790_000_000, "chat": {"id": group, "type": "supergroup", "title": "Buurtgroep Oost"},
                   "from": Self::user(user, lang), "text": text}),
        );
    }

    /// A resident sends a sticker.
    pub fn sticker(&self, user: i64, lang: &str) {
        self.push(
            "message",
            json!({"message_id": 1, "date": 1_790_000_000, "chat": {"id": user, "type": "private", "first_name": "Inwoner"},
                   "from": Self::user(user, lang),
                   "sticker": {"file_id": "s", "file_unique_id": "s1", "type": "regular", "width": 512, "height": 512, "is_animated": false, "is_video": false}}),
        );
    }

    /// A resident presses an inline button carrying `data`, on the latest message
    /// that shows it (Telegram includes that message, text and keyboard, in the
    /// callback query).
    pub fn press(&self, user: i64, lang: &str, data: &str) -> i64 {
        let shown = {
            let sim = self.sim.lock().unwrap();
            sim.sent
                .iter()
                .rev()
                .find(|m| m.chat_id == user && m.buttons.iter().any(|(_, d)| d == data))
                .cloned()
        };
        self.press_on(user, lang, data, shown.as_ref())
    }

    /// A resident presses the button carrying `data` under `shown` (a message
    /// from [`BotApi::tap`]); `None`: on a message the update does not include
    /// (too old), so the bot cannot show the choice in it.
    pub fn press_on(&self, user: i64, lang: &str, data: &str, shown: Option<&Sent>) -> i64 {
        let message = match shown {
            Some(m) => json!({"message_id": m.message_id, "date": 1_790_000_000,
                "chat": {"id": user, "type": "private", "first_name": "Inwoner"}, "text": m.text,
                "reply_markup": {"inline_keyboard": m.buttons.iter().map(|(l, d)| json!([{"text": l, "callback_data": d}])).collect::<Vec<_>>()}}),
            None => json!({"message_id": 1, "date": 1_790_000_000,
                "chat": {"id": user, "type": "private", "first_name": "Inwoner"}, "text": "..."}),
        };
        let id = format!("cb{user}-{}", self.sim.lock().unwrap().next_update);
        let body = json!({"id": id, "chat_instance": "ci", "data": data, "from": Self::user(user, lang), "message": message});
        self.push("callback_query", body)
    }

    /// Every message the bot sends from now on, with when it arrived; `sent()`
    /// stops keeping them (a load test sends too many to keep).
    pub fn tap(&self) -> tokio::sync::mpsc::UnboundedReceiver<(Sent, Instant)> {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let mut sim = self.sim.lock().unwrap();
        sim.tap = Some(tx);
        sim.forget_sent = true;
        rx
    }

    /// Refuses sendMessage beyond `per_second` messages a second (a bucket
    /// that holds one second's worth), as Telegram does: 429 with retry_after.
    pub fn set_send_limit(&self, per_second: u32) {
        let rate = f64::from(per_second);
        self.sim.lock().unwrap().send_limit = Some((rate, rate, Instant::now()));
    }

    /// How many sendMessage calls the limit refused.
    pub fn rate_limited(&self) -> usize {
        self.sim.lock().unwrap().rate_limited
    }

    /// Hands out at most `n` updates per getUpdates (Telegram may hand out
    /// fewer than asked), so a queue is worked through in several batches.
    pub fn set_batch_limit(&self, n: usize) {
        self.sim.lock().unwrap().batch_limit = Some(n);
    }

    /// When `update` was first handed out by getUpdates.
    pub fn handed_out(&self, update: i64) -> Option<Instant> {
        self.sim.lock().unwrap().handed_out.get(&update).copied()
    }

    /// (when, how many updates confirmed by then), one entry per getUpdates that
    /// confirmed any: an offset confirms that the bot has handled what came before.
    pub fn confirmations(&self) -> Vec<(Instant, usize)> {
        self.sim.lock().unwrap().confirmations.clone()
    }

    /// Updates handed out by getUpdates and not yet confirmed by an offset.
    pub fn unconfirmed(&self) -> usize {
        let s = self.sim.lock().unwrap();
        s.updates
            .iter()
            .filter(|(id, _)| s.handed_out.contains_key(id))
            .count()
    }

    /// Updates queued and not yet confirmed.
    pub fn pending(&self) -> usize {
        self.sim.lock().unwrap().updates.len()
    }

    /// The webhook the bot registered: (url, secret token).
    pub fn webhook(&self) -> Option<(String, String)> {
        self.sim.lock().unwrap().webhook.clone()
    }

    /// While `hold`, offsets confirm nothing (the confirming getUpdates is as
    /// good as lost): handled updates stay pending, to be handed out again.
    pub fn hold_confirmations(&self, hold: bool) {
        self.sim.lock().unwrap().hold_confirmations = hold;
    }

    /// How long a failed webhook post waits before it is posted again.
    pub fn set_repost_after(&self, after: Duration) {
        self.sim.lock().unwrap().repost_after = Some(after);
    }

    /// The most updates that were under way to the webhook at one time.
    pub fn most_posted_at_once(&self) -> usize {
        self.sim.lock().unwrap().most_posting
    }

    /// Treats the webhook's next `n` answers of 200 as lost on the way (a
    /// timeout, a dropped connection): those updates are posted again.
    pub fn lose_webhook_acks(&self, n: usize) {
        self.sim.lock().unwrap().lose_acks = n;
    }

    /// Every poll posted so far.
    pub fn polls(&self) -> Vec<SimPoll> {
        self.sim.lock().unwrap().polls.clone()
    }

    /// `n` people vote for option `option` of the poll asking `question`; Telegram
    /// then sends the bot the new totals (never who voted).
    pub fn vote(&self, question: &str, option: usize, n: u32) {
        let update = {
            let mut sim = self.sim.lock().unwrap();
            let poll = sim
                .polls
                .iter_mut()
                .find(|p| p.question == question)
                .expect("poll posted");
            poll.votes[option] += n;
            poll.json()
        };
        self.push("poll", update);
    }

    /// Waits (at most 20 s) until `n` polls were posted.
    pub async fn wait_for_polls(&self, n: usize) -> Vec<SimPoll> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            let polls = self.polls();
            if polls.len() >= n {
                return polls;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "only {} polls posted",
                polls.len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Every command menu registered: (language code, command names).
    pub fn menus(&self) -> Vec<(String, Vec<String>)> {
        self.sim.lock().unwrap().menus.clone()
    }

    /// Every message edit: (chat, message id, new text).
    pub fn edits(&self) -> Vec<(i64, i64, String)> {
        self.sim.lock().unwrap().edits.clone()
    }

    /// Answers the next call of `method` with `fault`.
    pub fn fail_next(&self, method: &str, fault: Fault) {
        self.sim
            .lock()
            .unwrap()
            .faults
            .push_back((method.to_lowercase(), fault));
    }

    /// Every message sent so far.
    pub fn sent(&self) -> Vec<Sent> {
        self.sim.lock().unwrap().sent.clone()
    }

    /// Asserts that no message containing any of `steps` reached `chat` twice:
    /// no update was handled twice.
    pub fn assert_each_at_most_once(&self, chat: i64, steps: &[&str]) {
        let sent = self.sent_to(chat);
        for step in steps {
            let n = sent.iter().filter(|m| m.text.contains(step)).count();
            assert!(n <= 1, "{chat}: `{step}` arrived {n} times");
        }
    }

    /// Asserts that `chat` never got the same text twice.
    pub fn assert_nothing_twice(&self, chat: i64) {
        let mut seen = std::collections::HashSet::new();
        for m in self.sent_to(chat) {
            assert!(seen.insert(m.text.clone()), "{chat} got this twice: {}", m.text);
        }
    }

    /// Messages sent to one chat.
    pub fn sent_to(&self, chat: i64) -> Vec<Sent> {
        self.sent().into_iter().filter(|s| s.chat_id == chat).collect()
    }

    /// How often `method` was called (faults included).
    pub fn calls(&self, method: &str) -> usize {
        let m = method.to_lowercase();
        self.sim.lock().unwrap().calls.iter().filter(|c| **c == m).count()
    }

    /// Updates handed out more than once (fetched, but not confirmed before a crash).
    pub fn redelivered(&self) -> usize {
        self.sim
            .lock()
            .unwrap()
            .deliveries
            .values()
            .filter(|n| **n > 1)
            .count()
    }

    /// Callback queries acknowledged.
    pub fn acks(&self) -> usize {
        self.sim.lock().unwrap().callback_acks
    }

    /// Waits (at most 20 s) until `chat` has received a message containing `needle`;
    /// returns that message.
    pub async fn wait_for(&self, chat: i64, needle: &str) -> Sent {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(m) = self
                .sent_to(chat)
                .into_iter()
                .rev()
                .find(|m| m.text.contains(needle))
            {
                return m;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "no message with `{needle}` to {chat}; sent: {:#?}",
                self.sent_to(chat)
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits until every queued update has been fetched and confirmed.
    pub async fn wait_until_consumed(&self, confirmed: impl Fn() -> bool) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        while !confirmed() {
            assert!(
                tokio::time::Instant::now() < deadline,
                "updates not consumed in time"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

fn ok(result: Value) -> Response {
    (StatusCode::OK, axum::Json(json!({"ok": true, "result": result}))).into_response()
}

fn error(code: u16, description: &str, retry_after: Option<u32>) -> Response {
    let mut body = json!({"ok": false, "error_code": code, "description": description});
    if let Some(s) = retry_after {
        body["parameters"] = json!({"retry_after": s});
    }
    (StatusCode::from_u16(code).unwrap(), axum::Json(body)).into_response()
}

/// Text fields of a multipart/form-data body (methods that may carry files, such
/// as setWebhook, arrive this way).
fn form_fields(content_type: &str, body: &[u8]) -> Value {
    let Some(boundary) = content_type.split("boundary=").nth(1) else {
        return json!({});
    };
    let body = String::from_utf8_lossy(body);
    let mut fields = serde_json::Map::new();
    for part in body.split(&format!("--{}", boundary.trim_matches('"'))) {
        let Some((head, value)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let Some(name) = head.split("name=\"").nth(1).and_then(|n| n.split('"').next()) else {
            continue;
        };
        let value = value.trim_end_matches("\r\n");
        let parsed = serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.to_owned()));
        fields.insert(name.to_owned(), parsed);
    }
    Value::Object(fields)
}

async fn handle(
    State((sim, notify)): State<Shared>,
    uri: Uri,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Response {
    // Paths look like /bot<token>/<Method>; teloxide writes method names in PascalCase.
    let method = uri.path().rsplit('/').next().unwrap_or_default().to_lowercase();

    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let params: Value = if body.is_empty() {
        json!({})
    } else if content_type.starts_with("multipart/form-data") {
        form_fields(content_type, &body)
    } else {
        serde_json::from_slice(&body).unwrap_or(json!({}))
    };
    let fault = {
        let mut s = sim.lock().unwrap();
        s.calls.push(method.clone());
        let pos = s.faults.iter().position(|(m, _)| *m == method);
        pos.and_then(|p| s.faults.remove(p)).map(|(_, f)| f)
    };
    // Any other token is one Telegram does not know, and says so as it does.
    if !uri.path().starts_with(&format!("/bot{TOKEN}/")) {
        return error(401, "Unauthorized", None);
    }
    match fault {
        Some(Fault::RetryAfter(secs)) => {
            return error(429, &format!("Too Many Requests: retry after {secs}"), Some(secs));
        }
        Some(Fault::ServerError) => return error(500, "Internal Server Error", None),
        Some(Fault::Blocked) => return error(403, "Forbidden: bot was blocked by the user", None),
        Some(Fault::Slow(delay)) => tokio::time::sleep(delay).await,
        Some(Fault::Garbled) => {
            // `result` should be a list of updates: an object makes teloxide fail
            // with InvalidJson, whose Display quotes this whole text.
            return ok(json!({"update_id": 1, "message": {"message_id": 1, "date": 0,
                "from": {"id": 5_512_345_678_i64, "is_bot": false, "first_name": "Testpersoon", "username": "user5512345678"},
                "chat": {"id": 5_512_345_678_i64, "type": "private"}, "text": "bel 06-12345678"}}));
        }
        None => {}
    }
    match method.as_str() {
        "getme" => ok(
            json!({"id": 777, "is_bot": true, "first_name": "Meepraten", "username": "meepraten_bot",
            "can_join_groups": true, "can_read_all_group_messages": false, "supports_inline_queries": false,
            "has_main_web_app": false, "can_connect_to_business": false}),
        ),
        "getwebhookinfo" => {
            ok(json!({"url": "", "has_custom_certificate": false, "pending_update_count": 0}))
        }
        "deletewebhook" => {
            let mut s = sim.lock().unwrap();
            s.webhook = None;
            s.webhook_generation += 1;
            ok(json!(true))
        }
        "setwebhook" => {
            let url = params["url"].as_str().unwrap_or_default().to_owned();
            let secret = params["secret_token"].as_str().unwrap_or_default().to_owned();
            let connections = params["max_connections"].as_u64().unwrap_or(40);
            if !(1..=100).contains(&connections) {
                return error(400, "Bad Request: invalid max_connections", None);
            }
            let generation = {
                let mut s = sim.lock().unwrap();
                s.webhook = Some((url, secret));
                s.webhook_generation += 1;
                s.webhook_generation
            };
            for _ in 0..connections {
                tokio::spawn(post_updates(sim.clone(), notify.clone(), generation));
            }
            ok(json!(true))
        }
        "setmycommands" => {
            let commands = params["commands"].as_array().cloned().unwrap_or_default();
            let valid = !commands.is_empty()
                && commands.iter().all(|c| {
                    let name = c["command"].as_str().unwrap_or_default();
                    let description = c["description"].as_str().unwrap_or_default().chars().count();
                    (1..=32).contains(&name.len())
                        && name
                            .chars()
                            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
                        && (3..=256).contains(&description)
                });
            if !valid {
                return error(400, "Bad Request: invalid bot commands", None);
            }
            let names = commands
                .iter()
                .map(|c| c["command"].as_str().unwrap_or_default().to_owned())
                .collect();
            sim.lock().unwrap().menus.push((
                params["language_code"].as_str().unwrap_or_default().to_owned(),
                names,
            ));
            ok(json!(true))
        }
        "getupdates" => {
            if sim.lock().unwrap().webhook.is_some() {
                return error(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
                    None,
                );
            }
            let offset = params["offset"].as_i64().unwrap_or(0);
            let timeout = params["timeout"].as_u64().unwrap_or(0).min(2);
            let asked = params["limit"].as_u64().unwrap_or(100) as usize;
            let limit = sim.lock().unwrap().batch_limit.map_or(asked, |l| l.min(asked));
            let deadline = tokio::time::Instant::now() + Duration::from_secs(timeout);
            loop {
                let waiter = notify.notified();
                let pending: Vec<Value> = {
                    let mut s = sim.lock().unwrap();
                    // An offset confirms every earlier update: they are gone for good.
                    let mut confirmed = 0;
                    while !s.hold_confirmations && s.updates.front().is_some_and(|(id, _)| *id < offset) {
                        s.updates.pop_front();
                        confirmed += 1;
                    }
                    let now = Instant::now();
                    if confirmed > 0 {
                        s.confirmed += confirmed;
                        let total = s.confirmed;
                        s.confirmations.push((now, total));
                    }
                    let batch: Vec<(i64, Value)> = s
                        .updates
                        .iter()
                        .filter(|(id, _)| *id >= offset)
                        .take(limit)
                        .cloned()
                        .collect();
                    for (id, _) in &batch {
                        let id = *id;
                        *s.deliveries.entry(id).or_default() += 1;
                        s.handed_out.entry(id).or_insert(now);
                    }
                    batch.into_iter().map(|(_, u)| u).collect()
                };
                if !pending.is_empty() || tokio::time::Instant::now() >= deadline {
                    return ok(Value::Array(pending));
                }
                let _ = tokio::time::timeout_at(deadline, waiter).await;
            }
        }
        "sendmessage" => {
            let mut s = sim.lock().unwrap();
            if let Some((rate, tokens, at)) = s.send_limit {
                let now = Instant::now();
                let tokens = (tokens + rate * now.duration_since(at).as_secs_f64()).min(rate);
                if tokens < 1.0 {
                    s.send_limit = Some((rate, tokens, now));
                    s.rate_limited += 1;
                    return error(429, "Too Many Requests: retry after 1", Some(1));
                }
                s.send_limit = Some((rate, tokens - 1.0, now));
            }
            let chat_id = params["chat_id"].as_i64().unwrap_or_default();
            let text = params["text"].as_str().unwrap_or_default().to_owned();
            if text.is_empty() || text.chars().count() > 4096 {
                return error(400, "Bad Request: message text is empty or too long", None);
            }
            let buttons = params["reply_markup"]["inline_keyboard"]
                .as_array()
                .map(|rows| {
                    rows.iter()
                        .flat_map(|r| r.as_array().cloned().unwrap_or_default())
                        .map(|b| {
                            (
                                b["text"].as_str().unwrap_or_default().to_owned(),
                                b["callback_data"]
                                    .as_str()
                                    .or_else(|| b["url"].as_str())
                                    .unwrap_or_default()
                                    .to_owned(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let message_id = s.next_message;
            s.next_message += 1;
            let sent = Sent {
                message_id,
                chat_id,
                text: text.clone(),
                buttons,
            };
            if let Some(tap) = &s.tap {
                let _ = tap.send((sent.clone(), Instant::now()));
            }
            s.sent_ids.insert((chat_id, message_id));
            if !s.forget_sent {
                s.sent.push(sent);
            }
            ok(
                json!({"message_id": message_id, "date": 1_790_000_000, "chat": {"id": chat_id, "type": "private", "first_name": "Inwoner"}, "text": text}),
            )
        }
        "editmessagetext" => {
            let mut s = sim.lock().unwrap();
            let chat_id = params["chat_id"].as_i64().unwrap_or_default();
            let message_id = params["message_id"].as_i64().unwrap_or_default();
            let text = params["text"].as_str().unwrap_or_default().to_owned();
            if !s.sent_ids.contains(&(chat_id, message_id)) {
                return error(400, "Bad Request: message to edit not found", None);
            }
            s.edits.push((chat_id, message_id, text.clone()));
            ok(
                json!({"message_id": message_id, "date": 1_790_000_000, "chat": {"id": chat_id, "type": "private", "first_name": "Inwoner"}, "text": text}),
            )
        }
        "sendpoll" => {
            let mut s = sim.lock().unwrap();
            let chat_id = params["chat_id"].as_i64().unwrap_or_default();
            let question = params["question"].as_str().unwrap_or_default().to_owned();
            let options: Vec<String> = params["options"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .map(|o| {
                    o["text"]
                        .as_str()
                        .or_else(|| o.as_str())
                        .unwrap_or_default()
                        .to_owned()
                })
                .collect();
            if question.is_empty() || question.chars().count() > 300 {
                return error(400, "Bad Request: poll question length must not exceed 300", None);
            }
            if !(2..=10).contains(&options.len())
                || options.iter().any(|o| o.is_empty() || o.chars().count() > 100)
            {
                return error(
                    400,
                    "Bad Request: poll must have 2-10 options of 1-100 characters",
                    None,
                );
            }
            let message_id = s.next_message;
            s.next_message += 1;
            let poll = SimPoll {
                poll_id: format!("poll{message_id}"),
                chat_id,
                message_id,
                question,
                votes: vec![0; options.len()],
                options,
                closed: false,
                anonymous: params["is_anonymous"].as_bool().unwrap_or(true),
                multiple: params["allows_multiple_answers"].as_bool().unwrap_or(false),
            };
            let body = json!({"message_id": message_id, "date": 1_790_000_000,
                "chat": {"id": chat_id, "type": "supergroup", "title": "Buurtgroep Oost"}, "poll": poll.json()});
            s.polls.push(poll);
            ok(body)
        }
        "stoppoll" => {
            let mut s = sim.lock().unwrap();
            let chat_id = params["chat_id"].as_i64().unwrap_or_default();
            let message_id = params["message_id"].as_i64().unwrap_or_default();
            match s
                .polls
                .iter_mut()
                .find(|p| p.chat_id == chat_id && p.message_id == message_id)
            {
                Some(p) if p.closed => error(400, "Bad Request: poll has already been closed", None),
                Some(p) => {
                    p.closed = true;
                    ok(p.json())
                }
                None => error(400, "Bad Request: message with poll to stop not found", None),
            }
        }
        "answercallbackquery" => {
            sim.lock().unwrap().callback_acks += 1;
            ok(json!(true))
        }
        other => error(
            400,
            &format!("Bad Request: method {other} is not simulated"),
            None,
        ),
    }
}

/// How long a failed post waits before it is posted again (Telegram waits a
/// second or more; shorter here to keep tests quick).
const REPOST_AFTER: Duration = Duration::from_millis(300);

/// The queue an update waits in: the updates of one queue are posted one after
/// another. As the Bot API server keys them: messages by chat; button presses
/// by the user who pressed, apart from that user's messages (so a resident's
/// press and typed message may be under way at once); anything else (poll
/// totals) each on its own.
fn queue_of(id: i64, update: &Value) -> i64 {
    update["message"]["chat"]["id"]
        .as_i64()
        .or_else(|| {
            update["callback_query"]["from"]["id"]
                .as_i64()
                .map(|user| user + (3 << 33))
        })
        .unwrap_or(i64::MIN + id)
}

/// One webhook connection: posts the first update that may go (its chat has
/// nothing else under way, and it is not waiting to be posted again), waits
/// for the answer, and on 2xx confirms it; until the webhook changes.
async fn post_updates(sim: Arc<Mutex<Sim>>, notify: Arc<Notify>, generation: u64) {
    // A client of its own: one keep-alive connection, like the Bot API's.
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("an HTTP client");
    loop {
        let waiter = notify.notified();
        let picked = {
            let mut s = sim.lock().unwrap();
            if s.webhook_generation != generation {
                return;
            }
            let Some((url, secret)) = s.webhook.clone() else {
                return;
            };
            let now = Instant::now();
            let mut held = std::collections::HashSet::new();
            let mut found = None;
            for (id, update) in &s.updates {
                let queue = queue_of(*id, update);
                if s.posting.contains(&queue) || held.contains(&queue) {
                    continue;
                }
                if s.repost_at.get(id).is_some_and(|at| *at > now) {
                    // The chat's later updates wait behind it.
                    held.insert(queue);
                    continue;
                }
                found = Some((*id, queue, update.to_string()));
                break;
            }
            if let Some((id, queue, _)) = &found {
                s.posting.insert(*queue);
                s.most_posting = s.most_posting.max(s.posting.len());
                *s.deliveries.entry(*id).or_default() += 1;
                s.handed_out.entry(*id).or_insert(now);
            }
            found.map(|f| (f, url, secret))
        };
        let Some(((id, queue, body), url, secret)) = picked else {
            let _ = tokio::time::timeout(Duration::from_millis(50), waiter).await;
            continue;
        };
        let posted = client
            .post(&url)
            .header("content-type", "application/json")
            .header("X-Telegram-Bot-Api-Secret-Token", &secret)
            .body(body)
            .send()
            .await;
        let unreachable = posted.is_err();
        let answered = posted.is_ok_and(|r| r.status().is_success());
        {
            let mut s = sim.lock().unwrap();
            s.posting.remove(&queue);
            let lost = answered && s.lose_acks > 0;
            if lost {
                s.lose_acks -= 1;
            }
            if answered && !lost {
                s.repost_at.remove(&id);
                if let Some(at) = s.updates.iter().position(|(u, _)| *u == id) {
                    s.updates.remove(at);
                }
                s.confirmed += 1;
                let total = s.confirmed;
                s.confirmations.push((Instant::now(), total));
            } else {
                let after = s.repost_after.unwrap_or(REPOST_AFTER);
                s.repost_at.insert(id, Instant::now() + after);
            }
        }
        // No one else is woken: this connection takes the chat's next update
        // (or another) itself, and idle ones look again every 50 ms. A webhook
        // that cannot be reached is not tried again at once for every update.
        if unreachable {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}
