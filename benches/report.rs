//! The council's report of a round with 1,000,000 answers: how long `meepraten
//! report` takes from the database file to the finished HTML (and the JSON
//! summary beside it), measured side by side in one run. The round is the Wmo
//! example, answered by 185,000 synthetic respondents written straight into a
//! real SQLite file (writing them through the bot would take minutes), then
//! closed through the service like any round.
//!
//! Run with `cargo bench --bench report`; criterion reports the median.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use meepraten::config::Settings;
use meepraten::domain::Lang;
use meepraten::service::Service;
use meepraten::summary::Format;
use sqlx::Connection as _;
use time::OffsetDateTime;

const ROUND: &str = "huishoudelijke-hulp-2027";
/// Respondents; with six questions (two of them open, one a follow-up) this
/// gives just over a million answers.
const RESPONDENTS: i64 = 185_000;

/// Open answers as residents write them: many distinct texts from a few words.
const WORDS: [&str; 16] = [
    "tijd",
    "hulp",
    "dag",
    "schoonmaken",
    "badkamer",
    "praatje",
    "wisselingen",
    "afspraken",
    "bellen",
    "te laat",
    "vaste hulp",
    "ramen",
    "stofzuigen",
    "boodschappen",
    "uitleg",
    "aandacht",
];

/// A database with the example round closed after `RESPONDENTS` residents answered.
fn seeded() -> (tempfile::TempDir, Settings, i64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let settings = Settings::new(dir.path().join("bench.db"), None, Some("42".repeat(32)));
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let answers = rt.block_on(async {
        let service = Service::open(&settings).await.expect("opens");
        let file = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/rounds/huishoudelijke-hulp-2027.toml");
        let opened = time::macros::datetime!(2027-01-11 09:00 +01:00);
        service.import_round(std::path::Path::new(file), opened).await.expect("imports");
        service.open_round(ROUND, opened).await.expect("opens");
        service.close().await;

        let mut db = sqlx::SqliteConnection::connect(&format!("sqlite://{}", settings.database.display()))
            .await
            .expect("connects");
        let words = WORDS
            .iter()
            .enumerate()
            .map(|(i, w)| format!("({i}, '{w}')"))
            .collect::<Vec<_>>()
            .join(", ");
        let script = format!(
            "CREATE TEMP TABLE words (n INTEGER, w TEXT);
             INSERT INTO words VALUES {words};
             CREATE TEMP TABLE people AS
               WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < {last})
               SELECT i, printf('%064x', (i * 2654435761) % 4294967296) || printf('%08d', i) AS k,
                      1 + (i * 7) % 5 AS score FROM seq;
             INSERT INTO responses (round_id, respondent_key, completed, channel)
               SELECT '{ROUND}', k, (i % 23 <> 0), CASE WHEN i % 3 = 0 THEN 'matrix' ELSE 'telegram' END FROM people;
             INSERT INTO answers (round_id, respondent_key, question_id, value)
               SELECT '{ROUND}', k, 'rol', '{{\"kind\":\"choice\",\"value\":\"' ||
                 CASE WHEN i % 10 < 7 THEN 'zelf' WHEN i % 10 < 9 THEN 'naaste' ELSE 'anders' END || '\"}}' FROM people;
             INSERT INTO answers (round_id, respondent_key, question_id, value)
               SELECT '{ROUND}', k, 'tevreden', '{{\"kind\":\"scale\",\"value\":' || score || '}}' FROM people;
             INSERT INTO answers (round_id, respondent_key, question_id, value)
               SELECT '{ROUND}', k, 'beter', '{{\"kind\":\"open\",\"value\":\"Meer ' || a.w || ' en minder ' || b.w || ', nummer ' || (i % 997) || '\"}}'
               FROM people JOIN words a ON a.n = i % 16 JOIN words b ON b.n = (i / 16) % 16 WHERE score <= 3;
             INSERT INTO answers (round_id, respondent_key, question_id, value)
               SELECT '{ROUND}', k, 'zelfde-hulp', '{{\"kind\":\"yesno\",\"value\":' || CASE WHEN i % 5 < 3 THEN 'true' ELSE 'false' END || '}}'
               FROM people WHERE i % 23 <> 0;
             INSERT INTO answers (round_id, respondent_key, question_id, value)
               SELECT '{ROUND}', k, 'belangrijk', '{{\"kind\":\"multi\",\"value\":[\"zelfde-persoon\",\"' ||
                 CASE i % 4 WHEN 0 THEN 'op-tijd' WHEN 1 THEN 'schoon' WHEN 2 THEN 'aandacht' ELSE 'zelf-kiezen' END || '\"]}}'
               FROM people WHERE i % 23 <> 0;
             INSERT INTO answers (round_id, respondent_key, question_id, value)
               SELECT '{ROUND}', k, 'idee', CASE WHEN i % 4 = 0
                 THEN '{{\"kind\":\"open\",\"value\":\"Graag ' || a.w || ' op een vaste dag (' || (i % 1009) || ')\"}}'
                 ELSE '{{\"kind\":\"skipped\"}}' END
               FROM people JOIN words a ON a.n = (i / 7) % 16 WHERE i % 23 <> 0;",
            last = RESPONDENTS - 1
        );
        sqlx::raw_sql(sqlx::AssertSqlSafe(script))
            .execute(&mut db)
            .await
            .expect("seeds");
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM answers")
            .fetch_one(&mut db)
            .await
            .expect("counts");
        db.close().await.expect("closes");

        let service = Service::open(&settings).await.expect("opens");
        service
            .close_round(ROUND, time::macros::datetime!(2027-01-25 17:00 +01:00))
            .await
            .expect("closes");
        service.close().await;
        n
    });
    (dir, settings, answers)
}

/// A copy of the seeded database without the index that counts answers by
/// question (migration 0015), to show what it is for, side by side.
fn without_index(settings: &Settings, dir: &std::path::Path) -> Settings {
    let copy = dir.join("without-index.db");
    std::fs::copy(&settings.database, &copy).expect("copies");
    let copy_settings = Settings::new(copy.clone(), None, Some("42".repeat(32)));
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let mut db = sqlx::SqliteConnection::connect(&format!("sqlite://{}", copy.display()))
            .await
            .expect("connects");
        sqlx::raw_sql("DROP INDEX answers_by_question")
            .execute(&mut db)
            .await
            .expect("drops");
        db.close().await.expect("closes");
    });
    copy_settings
}

fn report(c: &mut Criterion) {
    let (dir, settings, answers) = seeded();
    assert!(answers >= 1_000_000, "{answers} answers seeded");
    eprintln!("seeded {answers} answers from {RESPONDENTS} respondents");
    let bare = without_index(&settings, dir.path());
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let made = OffsetDateTime::now_utc();
    let mut group = c.benchmark_group(format!("report of a round with {answers} answers"));
    group.sample_size(10).measurement_time(Duration::from_secs(12));
    for (name, settings) in [("", &settings), (" without the index", &bare)] {
        // Opening checks migrations; the copy without the index is left as it is.
        let service = rt.block_on(Service::open(settings)).expect("opens");
        group.bench_function(format!("HTML report{name}"), |b| {
            b.iter(|| {
                rt.block_on(service.report_html(ROUND, Lang::Nl, None, made))
                    .expect("report")
            });
        });
        group.bench_function(format!("JSON summary{name}"), |b| {
            b.iter(|| {
                rt.block_on(service.export_summary(ROUND, Format::Json, Lang::Nl))
                    .expect("summary")
            });
        });
        rt.block_on(service.close());
    }
    group.finish();
}

criterion_group!(benches, report);
criterion_main!(benches);
