//! Council summaries on real answers: counts and percentages, small groups
//! suppressed, quotes only from enough residents, nothing shown while open.

use meepraten::domain::Lang;
use meepraten::summary::Format;
use time::OffsetDateTime;

use crate::support::{Resident, Workspace, stdout};

const ID: &str = "huishoudelijke-hulp-2027";

/// Twelve residents. rol: 6 x "zelf", 5 x "naaste", 1 x "anders" (a group of one).
/// tevreden: the six "zelf" score 2 (and get the open follow-up), the five
/// "naaste" score 5, the one "anders" scores 4.
async fn twelve_residents(ws: &Workspace) -> meepraten::service::Service {
    let service = ws.service_with_open_example().await;
    for i in 0..12 {
        let mut r = Resident::new(&service, &format!("r{i}"));
        r.say("/start").await;
        match i {
            0..6 => {
                r.say("1").await;
                r.say("2").await;
                r.say(&format!("Vaker dezelfde hulp, punt {i}")).await;
            }
            6..11 => {
                r.say("2").await;
                r.say("5").await;
            }
            _ => {
                r.say("3").await;
                r.say("4").await;
            }
        }
        r.say("ja").await;
        r.say("1, 2").await;
        r.say("/overslaan").await;
    }
    service
}

#[tokio::test]
async fn results_stay_hidden_while_the_round_is_open() {
    let ws = Workspace::new();
    let service = twelve_residents(&ws).await;
    let s = service.council_summary(ID, Lang::Nl).await.unwrap();
    assert!(s.results_hidden);
    assert!(s.questions.is_empty());
    assert_eq!((s.respondents_started, s.respondents_completed), (12, 12));
    let md = service.export_summary(ID, Format::Md, Lang::Nl).await.unwrap();
    assert!(md.contains("De ronde is nog open."), "{md}");
    assert!(!md.contains("Vaker dezelfde hulp"));
    service.close().await;
}

#[tokio::test]
async fn a_closed_round_shows_counts_with_small_groups_suppressed() {
    let ws = Workspace::new();
    let service = twelve_residents(&ws).await;
    service.close_round(ID, OffsetDateTime::now_utc()).await.unwrap();
    let s = service.council_summary(ID, Lang::Nl).await.unwrap();
    assert!(!s.results_hidden);

    let rol = &s.questions[0];
    assert_eq!(
        (rol.asked, rol.answered, rol.skipped),
        (Some(12), Some(12), Some(0))
    );
    let cell = |q: &meepraten::summary::QuestionSummary, id: &str| {
        let o = q.options.iter().find(|o| o.id == id).unwrap();
        (o.count, o.percent)
    };
    assert_eq!(cell(rol, "zelf"), (Some(6), Some(50.0)));
    assert_eq!(
        cell(rol, "anders"),
        (None, None),
        "a group of one is suppressed, with its percentage"
    );
    assert_eq!(
        cell(rol, "naaste"),
        (None, None),
        "and one more cell, so 12 - 6 - 0 cannot give it back"
    );

    let tevreden = &s.questions[1];
    assert_eq!(cell(tevreden, "2"), (Some(6), Some(50.0)));
    assert_eq!(cell(tevreden, "1"), (Some(0), Some(0.0)), "zero names nobody");
    assert_eq!(cell(tevreden, "4").0, None);
    assert_eq!(cell(tevreden, "5").0, None, "complementary to the single 4");
    assert_eq!(
        tevreden.scale.as_ref().map(|st| (st.mean, st.median)),
        Some((3.4, 3.0))
    );

    let beter = &s.questions[2];
    assert_eq!(beter.asked, Some(6));
    assert_eq!(beter.quotes.len(), 6);
    assert!(beter.quotes.iter().all(|q| q.starts_with("Vaker dezelfde hulp")));

    let idee = s.questions.iter().find(|q| q.id == "idee").unwrap();
    assert_eq!((idee.answered, idee.skipped), (Some(0), Some(12)));

    // No question leaves exactly one hidden cell in a breakdown with a shown total.
    for q in &s.questions {
        if matches!(q.kind, "choice" | "scale" | "yesno") && q.asked.is_some() {
            let hidden =
                q.options.iter().filter(|o| o.count.is_none()).count() + usize::from(q.skipped.is_none());
            assert_ne!(
                hidden, 1,
                "{}: one hidden cell could be recovered by subtraction",
                q.id
            );
        }
    }

    let md = service.export_summary(ID, Format::Md, Lang::Nl).await.unwrap();
    assert!(md.contains("# Samenvatting: Hulp bij het huishouden"), "{md}");
    assert!(md.contains("| Voor mezelf | 6 | 50.0 |"), "{md}");
    assert!(md.contains("| Anders | <5 | – |"), "{md}");
    assert!(
        md.contains("Gevraagd: 12 · beantwoord: 12 · overgeslagen: 0"),
        "{md}"
    );
    assert!(md.contains("> Vaker dezelfde hulp, punt 0"), "{md}");

    let csv = service.export_summary(ID, Format::Csv, Lang::En).await.unwrap();
    assert!(
        csv.starts_with("round,question_id,question,kind,row,label,count,percent,suppressed\n"),
        "{csv}"
    );
    assert!(
        csv.contains("huishoudelijke-hulp-2027,rol,Who are you answering for?,choice,anders,Other,,,true"),
        "{csv}"
    );
    assert!(
        csv.contains("rol,Who are you answering for?,choice,zelf,For myself,6,50.0,false"),
        "{csv}"
    );

    let json: serde_json::Value =
        serde_json::from_str(&service.export_summary(ID, Format::Json, Lang::En).await.unwrap()).unwrap();
    assert_eq!(json["respondents_completed"], 12);
    assert_eq!(
        json["questions"][0]["options"][1]["count"],
        serde_json::Value::Null
    );
    service.close().await;

    let out = ws.run(&[
        "summary",
        ID,
        "--format",
        "md",
        "--lang",
        "en",
        "--output",
        "advies.md",
    ]);
    assert!(out.status.success());
    let file = std::fs::read_to_string(ws.path("advies.md")).unwrap();
    assert!(file.contains("# Summary: Help with household tasks"), "{file}");
    assert!(stdout(&out).is_empty());
}

#[tokio::test]
async fn too_few_residents_show_no_numbers_and_no_quotes() {
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let now = OffsetDateTime::now_utc();
    for i in 0..3 {
        let mut r = Resident::new(&service, &format!("few{i}"));
        for line in ["/start", "1", "1", "Iets persoonlijks over mijn situatie"] {
            r.say(line).await;
        }
    }
    service.close_round(ID, now).await.unwrap();
    let s = service.council_summary(ID, Lang::Nl).await.unwrap();
    let beter = s.questions.iter().find(|q| q.id == "beter").unwrap();
    assert!(beter.quotes.is_empty() && beter.quotes_withheld);
    assert_eq!((s.questions[0].asked, s.questions[0].answered), (None, None));
    assert!(s.questions[0].options.iter().all(|o| o.count.is_none()));
    let md = service.export_summary(ID, Format::Md, Lang::Nl).await.unwrap();
    assert!(!md.contains("Iets persoonlijks"), "{md}");
    assert!(md.contains("We tonen ze niet"), "{md}");
    service.close().await;
}
