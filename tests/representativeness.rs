//! Who was reached: profile questions beside a population table. The figures
//! in the JSON are checked against values worked out here from the plan and the
//! table's own numbers; two data sets that differ only in hidden profile
//! counts publish the same documents; a broken table is reported with line and
//! column; the CLI takes another table with `--population`.

use meepraten::domain::Lang;
use meepraten::service::Service;
use meepraten::summary::Format;
use time::OffsetDateTime;
use time::macros::datetime;

use crate::support::{Resident, Workspace, repo, stderr, stdout};

const ID: &str = "huishoudelijke-hulp-2028";
const EXAMPLE: &str = "examples/rounds/huishoudelijke-hulp-2028.toml";
const TABLE: &str = "examples/rounds/bevolking-wmo-2028.csv";

/// The 2028 example, its window around now, with its population table beside it.
async fn open_2028(ws: &Workspace) -> Service {
    ws.write("bevolking-wmo-2028.csv", std::fs::read(repo(TABLE)).unwrap());
    let file = ws.current_example(EXAMPLE);
    let service = ws.service().await;
    let now = OffsetDateTime::now_utc();
    service.import_round(&file, now).await.expect("imports");
    service.open_round(ID, now).await.expect("opens");
    service
}

/// One resident through the whole round, answering the profile questions with
/// the options numbered `age` and `district` (None: skips).
async fn answer(service: &Service, id: &str, age: Option<usize>, district: Option<usize>) {
    let mut r = Resident::new(service, id);
    r.say("/start").await;
    r.say("1").await;
    r.say("4").await;
    r.say("ja").await;
    r.say("1, 2").await;
    r.say("/overslaan").await;
    for pick in [age, district] {
        match pick {
            Some(n) => r.say(&n.to_string()).await,
            None => r.say("/overslaan").await,
        };
    }
}

/// Residents per option of a profile question, in option order (the last
/// entry is "rather not say"), then `skips` who skip it: one pick each.
fn plan(counts: &[usize], skips: usize) -> Vec<Option<usize>> {
    counts
        .iter()
        .enumerate()
        .flat_map(|(i, n)| std::iter::repeat_n(Some(i + 1), *n))
        .chain(std::iter::repeat_n(None, skips))
        .collect()
}

/// Residents answering the round, the i-th with the i-th age and district pick.
async fn answer_all(service: &Service, ages: &[Option<usize>], districts: &[Option<usize>]) {
    assert_eq!(ages.len(), districts.len(), "one pick each");
    for (i, (age, district)) in ages.iter().zip(districts).enumerate() {
        answer(service, &format!("r{i}"), *age, *district).await;
    }
}

/// The population table's figures, read here without the program's parser.
fn table_figures(field: &str) -> Vec<f64> {
    std::fs::read_to_string(repo(TABLE))
        .unwrap()
        .lines()
        .filter(|l| l.starts_with(&format!("{field};")))
        .map(|l| l.rsplit(';').next().unwrap().parse().unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reach_beside_the_population_is_worked_out_right() {
    let ws = Workspace::new();
    let service = open_2028(&ws).await;
    // leeftijd: 8, 14, 30, 20, "rather not say" 5, and 6 skip it.
    // wijk: 10, 25, 15, 20, 13, nobody would rather not say.
    answer_all(
        &service,
        &plan(&[8, 14, 30, 20, 5], 6),
        &plan(&[10, 25, 15, 20, 13], 0),
    )
    .await;
    service.close_round(ID, OffsetDateTime::now_utc()).await.unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&service.export_summary(ID, Format::Json, Lang::Nl).await.unwrap()).unwrap();
    let markdown = service.export_summary(ID, Format::Md, Lang::Nl).await.unwrap();
    let html = service
        .report_html(ID, Lang::En, None, datetime!(2028-02-01 12:00 UTC))
        .await
        .unwrap();
    service.close().await;

    let reach = json["representativeness"].as_array().unwrap();
    assert_eq!(reach.len(), 2, "{reach:?}");
    let age = &reach[0];
    assert_eq!(age["question"], "leeftijd");
    assert_eq!(age["source"], "bevolking-wmo-2028.csv");
    assert_eq!(age["rather_not_say"], 5);
    assert_eq!(age["skipped"], 6);

    // Worked out here: shares among those who named an age, rates against the
    // table's numbers of people.
    let reached = [8.0, 14.0, 30.0, 20.0];
    let people = table_figures("leeftijd");
    assert_eq!(people.len(), 4);
    let named: f64 = reached.iter().sum();
    let total: f64 = people.iter().sum();
    let rates: Vec<f64> = reached.iter().zip(&people).map(|(n, p)| n / p).collect();
    let ratio = rates.iter().copied().fold(f64::MAX, f64::min) / rates.iter().copied().fold(0.0, f64::max);
    let similarity: f64 = reached
        .iter()
        .zip(&people)
        .map(|(n, p)| (n / named).min(p / total))
        .sum();
    let close = |v: &serde_json::Value, x: f64| (v.as_f64().unwrap() - x).abs() < 1e-9;
    assert!(
        close(&age["rate_ratio"], ratio),
        "{} vs {ratio}",
        age["rate_ratio"]
    );
    assert!(close(&age["proportional_similarity"], similarity));
    let rows = age["rows"].as_array().unwrap();
    assert_eq!(
        rows.len(),
        4,
        "\"rather not say\" is not a group of the population"
    );
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row["reached"], reached[i] as i64);
        assert!(close(&row["reached_percent"], reached[i] / named * 100.0));
        assert!(close(&row["population_percent"], people[i] / total * 100.0));
        assert!(close(&row["per_thousand"], reached[i] / people[i] * 1000.0));
        let index = (reached[i] / named) / (people[i] / total);
        assert_eq!(row["under_reached"], index < 0.8, "row {i}: index {index}");
    }
    // 8 of 72 against 310 of 2000: the youngest were reached least.
    assert_eq!(rows[0]["under_reached"], true);

    let district = &reach[1];
    assert_eq!(district["rather_not_say"], 0);
    assert!(district["rate_ratio"].is_number());

    for needle in [
        "## Wie we bereikten",
        "▼ minder bereikt",
        "Laagste gedeeld door hoogste deelname",
    ] {
        assert!(markdown.contains(needle), "markdown lacks {needle}:\n{markdown}");
    }
    for needle in [
        "<h2>Who was reached</h2>",
        "figures: bevolking-wmo-2028.csv",
        "<tr class=\"under\"><th scope=\"row\">18 to 64</th>",
        "class=\"bar population\"",
    ] {
        assert!(html.contains(needle), "report lacks {needle}");
    }
}

/// Two data sets that differ only in how two hidden districts split publish
/// the same summary and report, to the byte.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hidden_districts_publish_the_same_documents() {
    let mut published = Vec::new();
    for districts in [[10, 12, 15, 3, 4, 6], [10, 12, 15, 4, 3, 6]] {
        let ws = Workspace::new();
        let service = open_2028(&ws).await;
        answer_all(&service, &plan(&[10, 10, 10, 10, 10], 0), &plan(&districts, 0)).await;
        service.close_round(ID, OffsetDateTime::now_utc()).await.unwrap();
        let json = service.export_summary(ID, Format::Json, Lang::Nl).await.unwrap();
        let md = service.export_summary(ID, Format::Md, Lang::Nl).await.unwrap();
        let html = service
            .report_html(ID, Lang::Nl, None, datetime!(2028-02-01 12:00 UTC))
            .await
            .unwrap();
        service.close().await;
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        // The planned window moves with the clock; it is not what differs.
        let planned = |doc: String| {
            let mut doc = doc;
            for key in ["opens", "closes"] {
                let at = value[key].as_str().unwrap();
                doc = doc.replace(at, key);
            }
            doc
        };
        let (json, md, html) = (planned(json), planned(md), planned(html));
        let district = &value["representativeness"][1];
        assert_eq!(district["withheld"], true);
        assert!(district["rate_ratio"].is_null());
        // The hidden districts have no share; the shown ones keep theirs (of
        // the 44 who named a district: 50 answered, 6 would rather not say).
        for r in district["rows"].as_array().unwrap() {
            assert_eq!(r["reached"].is_null(), r["reached_percent"].is_null(), "{r}");
        }
        assert_eq!(district["rows"][0]["reached_percent"], 10.0 * 100.0 / 44.0);
        // The ages are all shown, so their scores are there.
        assert!(value["representativeness"][0]["rate_ratio"].is_number());
        published.push((json, md, html));
    }
    assert_eq!(published[0].0, published[1].0, "JSON");
    assert_eq!(published[0].1, published[1].1, "Markdown");
    assert_eq!(published[0].2, published[1].2, "HTML report");
}

#[test]
fn a_broken_population_table_is_reported_with_line_and_column() {
    let ws = Workspace::new();
    let round = ws.write(
        "ronde.toml",
        std::fs::read_to_string(repo(EXAMPLE))
            .unwrap()
            .replace("bevolking-wmo-2028.csv", "cijfers.csv"),
    );
    // A Dutch spreadsheet's export: semicolons, decimal commas, percent signs.
    ws.write(
        "cijfers.csv",
        "veld;categorie;aandeel\nleeftijd;18-64;15,5%\nleeftijd;65 tot 75 jaar;21%\nleeftijd;75-84;39\nleeftijd;85-plus;24,5\nwijk;centrum;0,15\nwijk;noord;0,26\nwijk;oost;0,2\nwijk;zuid;0,24\nwijk;west;0,15\n",
    );
    let out = ws.run(&["round", "check", round.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("population table cijfers.csv: leeftijd (4 groups), wijk (5 groups)"));

    ws.write(
        "cijfers.csv",
        "veld;categorie;aandeel\nleeftijd;18-64;15,5%\nleeftijd;90+;21%\nleeftijd;liever-niet;3\nwijk;noord;veel\nhobby;x;1\n",
    );
    let out = ws.run(&["round", "check", round.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    for needle in [
        "cijfers.csv:3:10: error: `90+` is not an option of `leeftijd` (its options: 18-64, 65-74, 75-84, 85-plus)",
        "cijfers.csv:4:10: error: \"rather not say\" has no population figure",
        "cijfers.csv:5:12: error: `veel` is not a number",
        "cijfers.csv:6:1: error: `hobby` is not a profile question",
        "`leeftijd` has no figure for 65-74, 75-84, 85-plus",
    ] {
        assert!(err.contains(needle), "lacks {needle}:\n{err}");
    }

    ws.write("cijfers.csv", "wat;is;dit\n1;2;3\n");
    let err = stderr(&ws.run(&["round", "check", round.to_str().unwrap()]));
    assert!(
        err.contains("cijfers.csv:1:1: error: the first line names the columns"),
        "{err}"
    );
    ws.write(
        "cijfers.csv",
        "field,category,share\nleeftijd,18-64,0.1\nleeftijd,65-74,0.2\nleeftijd,75-84,0.3\nleeftijd,85-plus,0.2\n",
    );
    let err = stderr(&ws.run(&["round", "check", round.to_str().unwrap()]));
    assert!(err.contains("the shares of `leeftijd` add up to 0.8"), "{err}");
    // A decimal comma between commas makes an extra column: said so.
    ws.write("cijfers.csv", "field,category,share\nleeftijd,18-64,0,155\n");
    let err = stderr(&ws.run(&["round", "check", round.to_str().unwrap()]));
    assert!(
        err.contains("cijfers.csv:2:1: error: this row has 4 columns and the first line 3"),
        "{err}"
    );
    // A round without profile questions has nothing to compare: one clear line.
    let plain = ws.write(
        "plain.toml",
        std::fs::read_to_string(repo("examples/rounds/huishoudelijke-hulp-2027.toml"))
            .unwrap()
            .replace(
                "min_group_size = 5",
                "min_group_size = 5\npopulation = \"cijfers.csv\"",
            ),
    );
    let err = stderr(&ws.run(&["round", "check", plain.to_str().unwrap()]));
    assert!(
        err.contains("`population` is compared with profile questions, but no question has `profile = true`"),
        "{err}"
    );
    std::fs::remove_file(ws.path("cijfers.csv")).unwrap();
    let err = stderr(&ws.run(&["round", "check", round.to_str().unwrap()]));
    assert!(
        err.contains("cijfers.csv: error: cannot read the population table"),
        "{err}"
    );
}

#[test]
fn a_profile_question_is_a_choice_everyone_is_asked() {
    let ws = Workspace::new();
    let text = std::fs::read_to_string(repo(EXAMPLE)).unwrap();
    let bad = text.replace(
        "id = \"wijk\"\nkind = \"choice\"\nprofile = true",
        "id = \"wijk\"\nkind = \"multi\"\nprofile = true\nwhen = { question = \"rol\", in = [\"zelf\"] }",
    );
    assert_ne!(bad, text);
    ws.write("bevolking-wmo-2028.csv", std::fs::read(repo(TABLE)).unwrap());
    let round = ws.write("ronde.toml", bad);
    let err = stderr(&ws.run(&["round", "check", round.to_str().unwrap()]));
    assert!(err.contains("a profile question is a choice question"), "{err}");
    assert!(
        err.contains("a profile question is asked of everyone, so it cannot have `when`"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_takes_another_population_table() {
    let ws = Workspace::new();
    let service = open_2028(&ws).await;
    answer_all(
        &service,
        &plan(&[10, 10, 10, 10, 5], 0),
        &plan(&[10, 10, 10, 10, 5], 0),
    )
    .await;
    // Every resident is offered "rather not say" on both profile questions.
    let mut r = Resident::new(&service, "looker");
    r.say("/start").await;
    for line in ["1", "4", "ja", "1, 2"] {
        r.say(line).await;
    }
    let asked = r.say_at("/overslaan", OffsetDateTime::now_utc()).await;
    let buttons: Vec<&str> = asked
        .iter()
        .flat_map(|m| &m.buttons)
        .map(|b| b.label.as_str())
        .collect();
    assert_eq!(buttons.get(4), Some(&"Zeg ik liever niet"), "{buttons:?}");
    r.say("5").await;
    r.say("6").await;
    service.close_round(ID, OffsetDateTime::now_utc()).await.unwrap();
    service.close().await;

    ws.write(
        "gelijk.csv",
        "field,category,share\nleeftijd,18-64,25\nleeftijd,65-74,25\nleeftijd,75-84,25\nleeftijd,85-plus,25\n",
    );
    let out = ws.run(&["report", ID, "--population", "gelijk.csv", "-o", "-"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = stdout(&out);
    assert!(html.contains("cijfers: gelijk.csv"), "the table given is named");
    // Ten in each age band against equal shares: reached evenly.
    assert!(
        html.contains("Laagste gedeeld door hoogste deelname: 1,00"),
        "{html}"
    );

    ws.write("kapot.csv", "field,category,share\nleeftijd,18-64,x\n");
    let out = ws.run(&["report", ID, "--population", "kapot.csv", "-o", "-"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    assert!(
        stderr(&out).contains("kapot.csv:2:16: error: `x` is not a number"),
        "{}",
        stderr(&out)
    );
}
