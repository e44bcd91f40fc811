//! Rounds over time: a round that `follows` an earlier one is compared with it
//! (from both rounds' published figures); respondents who took part before are
//! counted at close and audited like every count; officials publish what was
//! done with the input (`round feedback`); and `report --all --since` answers the
//! seeds' questions in figures, checked against what the test did.

use meepraten::domain::{Lang, OutcomeStatus};
use meepraten::service::Service;
use meepraten::summary::Format;
use time::OffsetDateTime;

use crate::support::{Resident, Workspace, json_question, json_row, repo, stderr, stdout, summary_json};

const EARLIER: &str = "huishoudelijke-hulp-2027";
const LATER: &str = "huishoudelijke-hulp-2028";

/// A copy of an example round whose window starts `hours_ago` and ends in two weeks.
fn round_file(ws: &Workspace, example: &str, hours_ago: i64) -> std::path::PathBuf {
    let now = OffsetDateTime::now_utc();
    let fmt = |t: OffsetDateTime| t.format(&time::format_description::well_known::Rfc3339).unwrap();
    let text: String = std::fs::read_to_string(repo(example))
        .unwrap()
        .lines()
        .map(|l| {
            if l.starts_with("opens = ") {
                format!("opens = {}\n", fmt(now - time::Duration::hours(hours_ago)))
            } else if l.starts_with("closes = ") {
                format!("closes = {}\n", fmt(now + time::Duration::days(14)))
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    let name = std::path::Path::new(example)
        .file_name()
        .unwrap()
        .to_str()
        .unwrap();
    ws.write(name, text)
}

/// Resident `id` answers the shared questions with `score` (and, in 2028, skips
/// the profile questions by choosing "rather not say").
async fn answer(service: &Service, id: &str, score: usize, later: bool) {
    let mut r = Resident::new(service, id);
    r.say("/start").await;
    r.say("1").await;
    r.say(&score.to_string()).await;
    if score <= 3 {
        r.say("Meer tijd graag").await;
    }
    r.say("ja").await;
    r.say("1, 2").await;
    r.say("/overslaan").await;
    if later {
        r.say("5").await;
        r.say("6").await;
    }
}

/// A service on a new database with the 2028 round's population table beside it.
async fn service_with_table(ws: &Workspace) -> Service {
    ws.write(
        "bevolking-wmo-2028.csv",
        std::fs::read(repo("examples/rounds/bevolking-wmo-2028.csv")).unwrap(),
    );
    ws.service().await
}

/// Imports, opens, lets each (resident, score) answer, and closes one round;
/// `id` is EARLIER (opened two days ago) or LATER (one day ago).
async fn run_round(ws: &Workspace, service: &Service, id: &str, residents: &[(String, usize)]) {
    run_round_with_stoppers(ws, service, id, residents, &[]).await;
}

/// Like [`run_round`], with `stoppers` who answer the first question and stop.
async fn run_round_with_stoppers(
    ws: &Workspace,
    service: &Service,
    id: &str,
    residents: &[(String, usize)],
    stoppers: &[String],
) {
    let later = id == LATER;
    let now = OffsetDateTime::now_utc();
    let file = round_file(
        ws,
        &format!("examples/rounds/{id}.toml"),
        if later { 24 } else { 48 },
    );
    service.import_round(&file, now).await.unwrap();
    service.open_round(id, now).await.unwrap();
    for (who, score) in residents {
        answer(service, who, *score, later).await;
    }
    for who in stoppers {
        let mut r = Resident::new(service, who);
        r.say("/start").await;
        r.say("1").await;
    }
    service.close_round(id, OffsetDateTime::now_utc()).await.unwrap();
}

/// 2027 answered by r0..r29 and closed; then 2028 answered by r0..r{returning-1}
/// again and by `new` others, and closed.
async fn two_rounds(ws: &Workspace, returning: usize, new: usize) -> Service {
    let service = service_with_table(ws).await;
    let first: Vec<(String, usize)> = (0..30).map(|i| (format!("r{i}"), 1 + i % 5)).collect();
    run_round(ws, &service, EARLIER, &first).await;
    let second: Vec<(String, usize)> = (0..returning)
        .map(|i| (format!("r{i}"), 4 + i % 2))
        .chain((0..new).map(|i| (format!("n{i}"), 2 + i % 4)))
        .collect();
    run_round(ws, &service, LATER, &second).await;
    service
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_later_round_is_compared_and_counts_who_came_back() {
    let ws = Workspace::new();
    let service = two_rounds(&ws, 10, 20).await;
    let then = summary_json(&service, EARLIER).await;
    let now = summary_json(&service, LATER).await;
    let md = service.export_summary(LATER, Format::Md, Lang::Nl).await.unwrap();
    let csv = service
        .export_summary(LATER, Format::Csv, Lang::Nl)
        .await
        .unwrap();
    service.close().await;

    assert_eq!(now["respondents_started"], 30);
    assert_eq!(now["respondents_returning"], 10, "r0..r9 took part in 2027");
    assert!(csv.contains(",,,,respondents_returning,,10,,false\n"), "{csv}");
    assert_eq!(then["respondents_returning"], 0, "nobody took part before 2027");

    let c = &now["comparison"];
    assert_eq!(c["earlier_round"], EARLIER);
    assert!(c["unavailable"].is_null());
    let shared: Vec<&str> = c["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        shared,
        ["rol", "tevreden", "zelfde-hulp", "belangrijk"],
        "questions both asked, open ones and profile questions apart"
    );
    // Each share then and now is the one each round's own summary published.
    let percent = |doc: &serde_json::Value, q: &str, row: &str| {
        json_row(json_question(doc, q), row)["percent"].as_f64()
    };
    let tevreden = &c["questions"][1];
    for row in tevreden["rows"].as_array().unwrap() {
        let id = row["id"].as_str().unwrap();
        assert_eq!(
            row["earlier_percent"].as_f64(),
            percent(&then, "tevreden", id),
            "{id}"
        );
        assert_eq!(row["percent"].as_f64(), percent(&now, "tevreden", id), "{id}");
        match (row["earlier_percent"].as_f64(), row["percent"].as_f64()) {
            (Some(a), Some(b)) => assert!((row["change"].as_f64().unwrap() - (b - a)).abs() < 1e-9),
            _ => assert!(row["change"].is_null()),
        }
    }
    // 2027: six of each score 1..5 among 30 → 20% each.
    assert_eq!(tevreden["rows"][0]["earlier_percent"], 20.0);
    assert!(md.contains("## Vergeleken met de vorige ronde"), "{md}");
    assert!(
        md.contains("Van hen deden er 10 eerder mee aan een ronde."),
        "{md}"
    );
}

/// Found in the fourth fresh-eyes trial: when a few who did not finish are
/// left out, who took part before is counted among those who finished
/// (worked out at close, while the salt still links them), not dropped.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn who_came_back_is_counted_among_finishers_when_a_few_stopped() {
    let ws = Workspace::new();
    let service = service_with_table(&ws).await;
    let first: Vec<(String, usize)> = (0..30).map(|i| (format!("r{i}"), 4)).collect();
    run_round(&ws, &service, EARLIER, &first).await;
    let second: Vec<(String, usize)> = (0..12)
        .map(|i| (format!("r{i}"), 4))
        .chain((0..13).map(|i| (format!("n{i}"), 5)))
        .collect();
    // Two who took part in 2027 stop halfway.
    let stoppers = ["r12".to_owned(), "r13".to_owned()];
    run_round_with_stoppers(&ws, &service, LATER, &second, &stoppers).await;
    let s = summary_json(&service, LATER).await;
    service.close().await;
    assert_eq!(
        s["unfinished_left_out"], true,
        "{} {} {}",
        s["respondents_started"], s["respondents_completed"], s["respondents_returning"]
    );
    assert_eq!(s["respondents_started"], 25);
    assert_eq!(
        s["respondents_returning"], 12,
        "the two who stopped are not among them"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_few_returning_respondents_are_not_shown() {
    let ws = Workspace::new();
    let service = two_rounds(&ws, 3, 27).await;
    let now = summary_json(&service, LATER).await;
    let csv = service
        .export_summary(LATER, Format::Csv, Lang::Nl)
        .await
        .unwrap();
    service.close().await;
    assert_eq!(now["respondents_started"], 30);
    assert!(
        now["respondents_returning"].is_null(),
        "three came back: a group below k"
    );
    assert!(
        csv.contains(",,,,respondents_returning,,,,true\n"),
        "hidden there too: {csv}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resident_who_erased_their_data_is_not_counted_as_returning() {
    let ws = Workspace::new();
    let service = service_with_table(&ws).await;
    let twelve: Vec<(String, usize)> = (0..12).map(|i| (format!("r{i}"), 4)).collect();
    run_round(&ws, &service, EARLIER, &twelve).await;
    // Six ask to be forgotten before the next round.
    for i in 0..6 {
        Resident::new(&service, &format!("r{i}")).say("/vergeet").await;
    }
    run_round(&ws, &service, LATER, &twelve).await;
    let s = summary_json(&service, LATER).await;
    service.close().await;
    assert_eq!(s["respondents_started"], 12);
    assert_eq!(s["respondents_returning"], 6, "only those who kept their record");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feedback_is_published_shown_and_counted_across_rounds() {
    let ws = Workspace::new();
    two_rounds(&ws, 10, 20).await.close().await;

    // Officials' mistakes get a clear answer and change nothing.
    ws.write("uitkomst.nl.md", "De gemeente neemt uw wens over: steeds dezelfde hulp.\n\nVanaf juni werkt elke aanbieder met **vaste teams**.");
    ws.write(
        "outcome.md",
        "The municipality adopts your wish: the same helper.",
    );
    let out = ws.run(&[
        "round",
        "feedback",
        EARLIER,
        "--status",
        "adopted",
        "--file",
        "uitkomst.nl.md",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("give a text in en too (--file en=FILE)"),
        "{}",
        stderr(&out)
    );
    let out = ws.run(&[
        "round",
        "feedback",
        EARLIER,
        "--status",
        "gedaan",
        "--file",
        "uitkomst.nl.md",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("use one of in-advice, adopted, partly-adopted, not-adopted"));
    let out = ws.run(&[
        "round",
        "feedback",
        EARLIER,
        "--status",
        "adopted",
        "--file",
        "uitkomst.nl.md",
        "--file",
        "en=outcome.md",
        "--review-by",
        "2020-01-01",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is not after today"), "{}", stderr(&out));

    let out = ws.run(&[
        "round",
        "feedback",
        EARLIER,
        "--status",
        "in-advice",
        "--file",
        "uitkomst.nl.md",
        "--file",
        "en=outcome.md",
        "--review-by",
        "2099-06-01",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(&format!("recorded outcome 1 of round `{EARLIER}` (in-advice")));
    let out = ws.run(&[
        "round",
        "feedback",
        EARLIER,
        "--status",
        "adopted",
        "--file",
        "uitkomst.nl.md",
        "--file",
        "en=outcome.md",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));

    let service = ws.service().await;
    let s = json(
        &service
            .export_summary(EARLIER, Format::Json, Lang::En)
            .await
            .unwrap(),
    );
    let report = service
        .report_html(EARLIER, Lang::Nl, None, OffsetDateTime::now_utc())
        .await
        .unwrap();
    let markdown = service
        .export_summary(EARLIER, Format::Md, Lang::Nl)
        .await
        .unwrap();
    assert!(
        markdown.contains("> Vanaf juni werkt elke aanbieder met **vaste teams**."),
        "the council's Markdown keeps the official's as written:\n{markdown}"
    );
    let err = service
        .publish_outcome(
            LATER,
            OutcomeStatus::Adopted,
            [(Lang::Nl, String::new()), (Lang::En, "x".into())].into(),
            None,
            OffsetDateTime::now_utc().date(),
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("the nl text is empty"), "{err}");
    service.close().await;
    let outcomes = s["outcomes"].as_array().unwrap();
    assert_eq!(outcomes.len(), 2);
    assert_eq!(outcomes[0]["status"], "in-advice");
    assert_eq!(outcomes[0]["review_by"], "2099-06-01");
    assert_eq!(outcomes[1]["status"], "adopted");
    assert_eq!(
        outcomes[1]["text"], "The municipality adopts your wish: the same helper.",
        "in the summary's language"
    );
    assert_eq!(s["days_to_feedback"], 0, "closed and answered today");
    for needle in [
        "<h2>Wat de gemeente met de inbreng deed</h2>",
        "Meegenomen in het advies</h3>",
        // The official's Markdown, rendered.
        "<p>Vanaf juni werkt elke aanbieder met <strong>vaste teams</strong>.</p>",
        "De eerste terugkoppeling kwam 0 dagen na het sluiten van de ronde.",
    ] {
        assert!(report.contains(needle), "report lacks {needle}");
    }

    // The spreadsheet's overview carries the entries too.
    {
        use calamine::{Reader, Xlsx, open_workbook_from_rs};
        let out = ws.run(&["report", EARLIER, "--format", "xlsx", "-o", "-"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(out.stdout)).unwrap();
        let first = book.sheet_names()[0].clone();
        let sheet = book.worksheet_range(&first).unwrap();
        let cells: Vec<String> = sheet.cells().map(|(_, _, c)| c.to_string()).collect();
        for needle in [
            "Wat de gemeente met de inbreng deed",
            "De gemeente neemt uw wens over: steeds dezelfde hulp.",
        ] {
            assert!(
                cells.iter().any(|c| c.starts_with(needle)),
                "xlsx lacks {needle}: {cells:?}"
            );
        }
    }

    // Across rounds: two rounds, one early (preparation), one with feedback.
    let today = OffsetDateTime::now_utc().date();
    let out = ws.run(&[
        "report",
        "--all",
        "--since",
        &today.to_string(),
        "--format",
        "json",
        "-o",
        "-",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let o = json(&stdout(&out));
    assert_eq!(o["rounds_total"], 2);
    assert_eq!(o["rounds_early"], 1, "2027 asked in preparation, 2028 evaluates");
    assert_eq!(o["early_percent"], 50.0);
    assert_eq!(o["rounds_closed"], 2);
    assert_eq!(o["closed_with_feedback"], 1);
    assert_eq!(o["feedback_percent"], 50.0);
    assert_eq!(o["median_days_to_feedback"], 0.0);
    assert_eq!(o["rounds_overdue"], 0);
    let rounds = o["rounds"].as_array().unwrap();
    assert_eq!(rounds[0]["round"], EARLIER);
    assert_eq!(rounds[0]["respondents"], 30);
    assert_eq!(rounds[0]["latest_status"], "adopted");
    assert_eq!(rounds[1]["returning"], 10);
    assert_eq!(rounds[1]["outcome_entries"], 0);

    let out = ws.run(&[
        "report",
        "--all",
        "--since",
        "2999-01-01",
        "--format",
        "json",
        "-o",
        "-",
    ]);
    assert_eq!(
        json(&stdout(&out))["rounds_total"],
        0,
        "nothing opened since then"
    );
    let out = ws.run(&["report", "--all", "-o", "-"]);
    assert!(out.status.success());
    let html = stdout(&out);
    assert!(html.contains("<h1>Alle informele raadplegingen</h1>"), "{html}");
    assert!(html.contains("Overgenomen, 0 dagen na sluiten"), "{html}");
    let out = ws.run(&["report", "--all", "--since", "gisteren"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not a date such as 2027-01-01"));
    let out = ws.run(&["report", "--all", "--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(2));
}
