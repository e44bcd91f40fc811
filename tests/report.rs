//! The council's HTML report: its figures are the audited summary's, checked
//! against counts made here from what the residents were told to answer; a
//! hidden cell is the hidden mark in table and chart alike and has no bar; and
//! the file renders in headless Chromium (PNG and A4 PDF) without one request
//! outside the file and without console errors.

use std::io::Read as _;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use meepraten::domain::Lang;
use meepraten::summary::Format;
use time::OffsetDateTime;

use crate::support::{Resident, Workspace, json_question, json_row, repo};

const ID: &str = "huishoudelijke-hulp-2027";
const RESIDENTS: usize = 300;

/// What resident `i` answers: (rol option 1-3, score 1-5, same helper).
/// Three residents say "anders": a group below k = 5.
fn planned(i: usize) -> (usize, usize, bool) {
    let rol = if i < 3 {
        3
    } else if i % 10 < 6 {
        1
    } else {
        2
    };
    let score = 1 + (i * 7) % 5;
    (rol, score, !i.is_multiple_of(3))
}

/// The channel resident `i` answers on: three on Matrix (a group below k), a
/// quarter on Telegram, the rest in the terminal.
fn channel(i: usize) -> &'static str {
    match i {
        4 | 8 | 12 => "matrix",
        _ if i % 4 == 1 => "telegram",
        _ => "terminal",
    }
}

/// The example round answered by 300 residents as planned, then closed.
async fn answered_and_closed(ws: &Workspace) -> meepraten::service::Service {
    let service = ws.service_with_open_example().await;
    for i in 0..RESIDENTS {
        let (rol, score, same) = planned(i);
        let mut r = Resident::new(&service, &format!("r{i}"));
        r.platform = channel(i);
        r.say("/start").await;
        r.say(&rol.to_string()).await;
        r.say(&score.to_string()).await;
        if score <= 3 {
            r.say(&format!("Meer tijd graag <{}>", ["a", "b", "c", "d"][i % 4]))
                .await;
        }
        r.say(if same { "ja" } else { "nee" }).await;
        r.say("1, 2").await;
        r.say("/overslaan").await;
    }
    service.close_round(ID, OffsetDateTime::now_utc()).await.unwrap();
    service
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_shows_the_audited_figures_and_hides_small_groups_everywhere() {
    let ws = Workspace::new();
    let service = answered_and_closed(&ws).await;
    let json: serde_json::Value =
        serde_json::from_str(&service.export_summary(ID, Format::Json, Lang::Nl).await.unwrap()).unwrap();
    let html = service
        .report_html(ID, Lang::Nl, None, OffsetDateTime::now_utc())
        .await
        .unwrap();
    service.close().await;

    // Counted here, from the plan.
    let count = |f: &dyn Fn(usize) -> bool| (0..RESIDENTS).filter(|&i| f(i)).count() as i64;
    let question = |id: &str| json_question(&json, id).clone();
    let row = |q: &serde_json::Value, id: &str| json_row(q, id)["count"].as_i64();
    assert_eq!(json["respondents_started"], RESIDENTS as i64);
    let rol = question("rol");
    assert_eq!(row(&rol, "naaste"), Some(count(&|i| planned(i).0 == 2)));
    assert_eq!(row(&rol, "anders"), None, "three residents: hidden");
    assert_eq!(
        row(&rol, "zelf"),
        None,
        "the rest of a hidden split is hidden too"
    );
    let tevreden = question("tevreden");
    for score in 1..=5 {
        assert_eq!(
            row(&tevreden, &score.to_string()),
            Some(count(&|i| planned(i).1 == score)),
            "score {score}"
        );
    }
    let beter = question("beter");
    assert_eq!(beter["answered"], count(&|i| planned(i).1 <= 3));
    // Every open answer speaks of time: one theme, as large as those who answered.
    let themes = beter["themes"].as_array().unwrap();
    assert_eq!(themes.len(), 1, "{themes:?}");
    assert_eq!(themes[0]["label"], "tijd");
    assert_eq!(themes[0]["size"], count(&|i| planned(i).1 <= 3));
    assert!(
        html.contains(&format!("“tijd” · {} antwoorden", count(&|i| planned(i).1 <= 3))),
        "{html}"
    );
    let on = |name: &str| {
        json["channels"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["channel"] == name)
            .unwrap()["respondents"]
            .as_i64()
    };
    assert_eq!(on("matrix"), None, "three on Matrix: hidden");
    let mut hidden = 1;
    for name in ["telegram", "terminal"] {
        match on(name) {
            Some(n) => assert_eq!(n, count(&|i| channel(i) == name), "{name}"),
            None => hidden += 1,
        }
    }
    assert!(hidden >= 2, "the rest of a hidden split gives it away");
    let shown = |name: &str, label: &str| on(name).is_none_or(|n| html.contains(&format!("{label} {n}")));
    assert!(
        shown("telegram", "Telegram") && shown("terminal", "terminal"),
        "{html}"
    );
    assert!(html.contains("Matrix •"), "{html}");
    let same = question("zelfde-hulp");
    assert_eq!(row(&same, "yes"), Some(count(&|i| planned(i).2)));
    assert_eq!(row(&same, "no"), Some(count(&|i| !planned(i).2)));

    // The report shows exactly the summary's cells: a number where it has one,
    // the hidden mark where it has none, and a bar only for shown rows.
    let mut shown = 0;
    for q in json["questions"].as_array().unwrap() {
        for o in q["options"].as_array().unwrap() {
            let label = o["label"].as_str().unwrap();
            let cell = o["count"]
                .as_i64()
                .map_or_else(|| "•".to_owned(), |n| n.to_string());
            let table_row = format!("<tr><th scope=\"row\">{label}</th><td class=\"num\">{cell}</td>");
            assert!(html.contains(&table_row), "no row `{table_row}`");
            if o["count"].is_null() {
                assert!(html.contains(&format!("{label}: niet getoond")), "{label}");
            } else {
                shown += 1;
            }
        }
    }
    assert_eq!(html.matches("<rect").count(), shown, "one bar per shown row");
    assert!(!html.contains("% (3)"), "the small group's size shows");
    for needle in ["<script", "http://", "https://", "src=", "@import", "url("] {
        assert!(
            !html.contains(needle),
            "the report refers outside itself: `{needle}`"
        );
    }
    // What residents typed cannot become markup.
    assert!(html.contains("Meer tijd graag &lt;a&gt;"), "quotes are escaped");
}

/// Chromium, installed from Debian's packages when missing (once, under a
/// lock); `None` with the reason when that cannot be done here.
fn chromium() -> Result<PathBuf, String> {
    let path = PathBuf::from("/usr/bin/chromium");
    let lock_path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("chromium-install.lock");
    let lock = std::fs::File::create(&lock_path).map_err(|e| e.to_string())?;
    lock.lock().map_err(|e| e.to_string())?;
    if path.exists() {
        return Ok(path);
    }
    let apt = |args: &[&str]| {
        Command::new("apt-get")
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .output()
            .map_err(|e| format!("apt-get: {e}"))
    };
    apt(&["update", "-qq"])?;
    let out = apt(&["install", "-y", "-qq", "chromium"])?;
    if path.exists() {
        Ok(path)
    } else {
        Err(format!(
            "apt-get install chromium failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// What Chromium did with one page: the console lines it logged, and the hosts
/// it asked for (every request goes to a local proxy that only writes them
/// down), leaving out Chromium's own update and account services, which it
/// calls for any page, even with background networking off.
struct Rendered {
    console: Vec<String>,
    requests: Vec<String>,
}

/// Chromium's own services, asked for whatever the page (seen here for a blank
/// page too).
const CHROMIUM_OWN: &[&str] = &[
    "update.googleapis.com",
    "accounts.google.com",
    "clients2.google.com",
];

/// The host a proxy request line asks for (`GET http://host/...` or
/// `CONNECT host:443`).
fn requested_host(line: &str) -> String {
    let target = line.split_whitespace().nth(1).unwrap_or_default();
    let target = target.split("://").last().unwrap_or_default();
    target.split(['/', ':']).next().unwrap_or_default().to_owned()
}

/// Renders `page` to PNG (as a tall phone-width and an A4-width screenshot)
/// or PDF, with every network request sent to a counting proxy on 127.0.0.1.
fn render(chromium: &Path, page: &Path, out: &Path, pdf: bool) -> Rendered {
    let proxy = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = proxy.local_addr().unwrap().port();
    let requests = Arc::new(Mutex::new(Vec::new()));
    let counted = requests.clone();
    proxy.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while std::time::Instant::now() < deadline {
            match proxy.accept() {
                Ok((mut s, _)) => {
                    let _ = s.set_nonblocking(false);
                    let _ = s.set_read_timeout(Some(Duration::from_millis(500)));
                    let mut head = [0u8; 1024];
                    let n = s.read(&mut head).unwrap_or(0);
                    let line = String::from_utf8_lossy(&head[..n])
                        .lines()
                        .next()
                        .unwrap_or("?")
                        .to_owned();
                    counted.lock().unwrap().push(requested_host(&line));
                }
                Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    });
    let profile = tempfile::tempdir().unwrap();
    let target = if pdf {
        format!("--print-to-pdf={}", out.display())
    } else {
        format!("--screenshot={}", out.display())
    };
    let output = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-pdf-header-footer",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=794,1123",
            "--virtual-time-budget=2000",
        ])
        .arg(format!("--proxy-server=http://127.0.0.1:{port}"))
        .arg("--proxy-bypass-list=<-loopback>")
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(target)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        out.exists(),
        "nothing rendered: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Let the proxy count a late connection.
    std::thread::sleep(Duration::from_millis(300));
    let console = String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught"))
        .map(str::to_owned)
        .collect();
    let requests = requests
        .lock()
        .unwrap()
        .iter()
        .filter(|h| !CHROMIUM_OWN.contains(&h.as_str()))
        .cloned()
        .collect();
    Rendered { console, requests }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_renders_in_chromium_without_requests_or_console_errors() {
    let chromium = match chromium() {
        Ok(p) => p,
        Err(why) => {
            eprintln!("SKIPPED: Chromium is not available and could not be installed here: {why}");
            return;
        }
    };
    let ws = Workspace::new();
    let service = answered_and_closed(&ws).await;
    let html = service
        .report_html(ID, Lang::En, None, OffsetDateTime::now_utc())
        .await
        .unwrap();
    service.close().await;
    let page = ws.write("report.html", &html);

    let pdf = ws.path("report.pdf");
    let printed = tokio::task::spawn_blocking({
        let (chromium, page, pdf) = (chromium.clone(), page.clone(), pdf.clone());
        move || render(&chromium, &page, &pdf, true)
    })
    .await
    .unwrap();
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    // A4 is 595 x 842 points.
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("/MediaBox [0 0 594.9") && text.contains(" 841.9"),
        "not A4"
    );
    let png = ws.path("report.png");
    let shot = tokio::task::spawn_blocking({
        let (chromium, page, png) = (chromium.clone(), page.clone(), png.clone());
        move || render(&chromium, &page, &png, false)
    })
    .await
    .unwrap();
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    for r in [&printed, &shot] {
        assert!(r.requests.is_empty(), "the report asked for {:?}", r.requests);
        assert!(r.console.is_empty(), "console: {:#?}", r.console);
    }
    // The committed examples too: who was reached (paired bars), the
    // comparison with an earlier round, outcome entries and the overview.
    for example in ["huishoudelijke-hulp-2028.nl.html", "overzicht.nl.html"] {
        let page = repo(&format!("examples/report/{example}"));
        let out = ws.path(&format!("{example}.png"));
        let r = tokio::task::spawn_blocking({
            let (chromium, out) = (chromium.clone(), out.clone());
            move || render(&chromium, &page, &out, false)
        })
        .await
        .unwrap();
        assert!(std::fs::read(&out).unwrap().starts_with(b"\x89PNG"), "{example}");
        assert!(r.requests.is_empty(), "{example} asked for {:?}", r.requests);
        assert!(r.console.is_empty(), "{example} console: {:#?}", r.console);
    }

    // The two probes work: a page that loads an image from elsewhere and logs
    // an error is caught by both.
    let poisoned = html.replace(
        "</main>",
        "<img src=\"http://example.org/x.png\" alt=\"\"><script>console.error('oops')</script></main>",
    );
    let poisoned = ws.write("poisoned.html", poisoned);
    let bad = tokio::task::spawn_blocking({
        let (chromium, out) = (chromium.clone(), ws.path("poisoned.png"));
        move || render(&chromium, &poisoned, &out, false)
    })
    .await
    .unwrap();
    assert!(
        bad.requests.iter().any(|h| h == "example.org"),
        "the proxy did not see the image asked for: the probe is blind ({:?})",
        bad.requests
    );
    assert!(
        bad.console.iter().any(|l| l.contains("oops")),
        "the console error was not seen: {:#?}",
        bad.console
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_spreadsheet_has_a_sheet_per_question_with_numbers_as_numbers() {
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    let ws = Workspace::new();
    let service = answered_and_closed(&ws).await;
    let json: serde_json::Value =
        serde_json::from_str(&service.export_summary(ID, Format::Json, Lang::Nl).await.unwrap()).unwrap();
    service.close().await;
    let out = ws
        .cli()
        .args(["report", ID, "--format", "xlsx", "--output"])
        .arg(ws.path("r.xlsx"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(ws.path("r.xlsx")).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let questions = json["questions"].as_array().unwrap();
    let mut expected = vec!["Overzicht".to_owned()];
    expected.extend(
        questions
            .iter()
            .enumerate()
            .map(|(i, q)| format!("{} {}", i + 1, q["id"].as_str().unwrap())),
    );
    expected.push("Thema's in de open antwoorden".to_owned());
    expected.push("Open antwoorden".to_owned());
    assert_eq!(book.sheet_names(), expected);
    let themes = book.worksheet_range("Thema's in de open antwoorden").unwrap();
    assert_eq!(themes.get_value((1, 1)), Some(&Data::String("tijd (nl)".into())));
    assert_eq!(
        themes.get_value((1, 2)),
        Some(&Data::Float(
            questions[2]["themes"][0]["size"].as_i64().unwrap() as f64
        ))
    );

    let overview = book.worksheet_range("Overzicht").unwrap();
    let started = (0..20).find_map(|r| {
        (overview.get_value((r, 0)) == Some(&Data::String("Inwoners begonnen".into())))
            .then(|| overview.get_value((r, 1)).cloned())
            .flatten()
    });
    assert_eq!(started, Some(Data::Float(RESIDENTS as f64)));
    for (i, q) in questions.iter().enumerate() {
        let sheet = book
            .worksheet_range(&format!("{} {}", i + 1, q["id"].as_str().unwrap()))
            .unwrap();
        for (r, o) in q["options"].as_array().unwrap().iter().enumerate() {
            let row = 5 + r as u32;
            assert_eq!(
                sheet.get_value((row, 0)),
                Some(&Data::String(o["label"].as_str().unwrap().to_owned()))
            );
            let want = match o["count"].as_i64() {
                Some(n) => Data::Float(n as f64),
                None => Data::String("•".into()),
            };
            assert_eq!(sheet.get_value((row, 1)), Some(&want), "{} {}", q["id"], o["id"]);
        }
    }
    let open = book.worksheet_range("Open antwoorden").unwrap();
    let quotes: usize = questions
        .iter()
        .map(|q| q["quotes"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        open.height(),
        quotes + 1,
        "a row per open answer shown, under a header"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_advice_a_round_informed_is_named_in_the_report_and_the_summary() {
    let ws = Workspace::new();
    ws.service_with_open_example().await.close().await;
    let advice = |args: &[&str]| {
        let out = ws.cli().arg("advice").args(args).output().unwrap();
        (
            out.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )
    };
    // Mistakes are refused with what was wrong.
    let (ok, said) = advice(&["add", ID, "--title", "Advies Wmo 2027", "--date", "15-03-2027"]);
    assert!(!ok && said.contains("year-month-day"), "{said}");
    let (ok, said) = advice(&["add", "geen-ronde", "--title", "Advies", "--date", "2027-03-15"]);
    assert!(!ok && said.contains("no round `geen-ronde`"), "{said}");
    let (ok, said) = advice(&[
        "add",
        ID,
        "--title",
        "Advies",
        "--date",
        "2027-03-15",
        "--url",
        "gemeente.nl/advies",
    ]);
    assert!(!ok && said.contains("web address"), "{said}");
    let (ok, said) = advice(&["list", ID]);
    assert!(ok && said.contains("not linked"), "{said}");

    let (ok, said) = advice(&[
        "add",
        ID,
        "--title",
        "Advies <Wmo> 2027",
        "--date",
        "2027-03-15",
        "--url",
        "https://gemeente.nl/advies-wmo.pdf",
    ]);
    assert!(ok, "{said}");
    let (ok, said) = advice(&["list", ID]);
    assert!(
        ok && said.contains("2027-03-15\tAdvies <Wmo> 2027\thttps://gemeente.nl/advies-wmo.pdf"),
        "{said}"
    );
    // Each line ends in a newline, so `while read` and `wc -l` count them all.
    assert!(said.ends_with(".pdf\n"), "{said:?}");

    let report = ws.cli().args(["report", ID, "-o", "-"]).output().unwrap();
    let html = String::from_utf8(report.stdout).unwrap();
    assert!(html.contains("Advies &lt;Wmo&gt; 2027 (15 maart 2027)"), "{html}");
    let summary = ws.cli().args(["summary", ID]).output().unwrap();
    let md = String::from_utf8(summary.stdout).unwrap();
    assert!(md.contains("Gebruikt voor dit advies"), "{md}");
}
