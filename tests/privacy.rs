//! The product's promise, tested end to end: raw resident ids, phone numbers and
//! names never reach the database files, the logs or an export; and once a round
//! closes, nothing links its answers to a resident, even for someone holding the
//! database and the secret key.

use std::collections::BTreeSet;

use meepraten::anon::{Pseudonym, ResidentRef, Secret};
use sqlx::{Connection, Row};
use time::OffsetDateTime;

use crate::support::{Resident, WMO_EXAMPLE, Workspace, stderr, stdout};

const RAW_IDS: [&str; 6] = [
    "tg-5512345678",
    "tg-5587654321",
    "@henk.dejong:matrix.example",
    "tg-5511112222",
    "tg-5533334444",
    "tg-5599990000",
];
const SECRETS_IN_TEXT: [&str; 6] = [
    "06-87654321",
    "0687654321",
    "Fatima Yilmaz",
    "olena.shevchenko@example.org",
    "Kerkstraat 12",
    "NL91ABNA0417164300",
];

/// Every file of the database (main file, WAL, shared memory) that exists now.
fn database_bytes(ws: &Workspace) -> Vec<(String, Vec<u8>)> {
    ["meepraten.db", "meepraten.db-wal", "meepraten.db-shm"]
        .iter()
        .filter_map(|f| std::fs::read(ws.path(f)).ok().map(|b| (f.to_string(), b)))
        .collect()
}

fn assert_absent(what: &str, haystack: &[u8], needles: &[&str]) {
    for n in needles {
        let found = haystack.windows(n.len()).any(|w| w == n.as_bytes());
        assert!(!found, "`{n}` found in {what}");
    }
}

#[test]
fn raw_ids_phone_numbers_and_names_appear_nowhere() {
    let ws = Workspace::new();
    let file = ws.current_example(WMO_EXAMPLE);
    let mut logs = String::new();
    let run = |args: &[&str], logs: &mut String| {
        let out = ws
            .cli()
            .args(args)
            .env("MEEPRATEN_LOG", "debug")
            .output()
            .unwrap();
        logs.push_str(&stderr(&out));
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    run(&["round", "import", file.to_str().unwrap()], &mut logs);
    run(&["round", "open", "huishoudelijke-hulp-2027"], &mut logs);

    let answers = [
        "Bel mevrouw Fatima Yilmaz op 06-87654321, zij weet het",
        "mail me: olena.shevchenko@example.org",
        "Ik woon op de Kerkstraat 12 en de hulp komt nooit",
        "geld terug op NL91ABNA0417164300 graag",
        "bel 0687654321",
        "te weinig tijd",
    ];
    for (id, answer) in RAW_IDS.iter().zip(answers) {
        let script = format!("/start\n1\n2\n{answer}\nja\n1, 2\n/overslaan\n");
        let out = ws
            .cli()
            .args(["serve", "--terminal", "--resident", id])
            .env("MEEPRATEN_LOG", "debug")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        out.stdin.as_ref().unwrap().write_all(script.as_bytes()).unwrap();
        let out = out.wait_with_output().unwrap();
        logs.push_str(&stderr(&out));
        let chat = stdout(&out);
        if answer != "te weinig tijd" {
            assert!(
                chat.contains("Ik heb iets weggehaald"),
                "the resident is told: {chat}"
            );
        }
    }
    let status = run(&["round", "status", "huishoudelijke-hulp-2027"], &mut logs);
    assert!(status.contains("respondents: at least 5"), "{status}");

    // While the round is open, and again after it closed and was exported.
    for (name, bytes) in database_bytes(&ws) {
        assert_absent(&name, &bytes, &RAW_IDS);
        assert_absent(&name, &bytes, &SECRETS_IN_TEXT);
    }
    run(&["round", "close", "huishoudelijke-hulp-2027"], &mut logs);
    let mut exports = String::new();
    for format in ["md", "json", "csv"] {
        for lang in ["nl", "en"] {
            exports.push_str(&run(
                &[
                    "summary",
                    "huishoudelijke-hulp-2027",
                    "--format",
                    format,
                    "--lang",
                    lang,
                ],
                &mut logs,
            ));
        }
    }
    assert!(
        exports.contains("[telefoonnummer]"),
        "quotes are shown, scrubbed: {exports}"
    );
    for (name, bytes) in database_bytes(&ws) {
        assert_absent(&name, &bytes, &RAW_IDS);
        assert_absent(&name, &bytes, &SECRETS_IN_TEXT);
    }
    assert!(logs.contains("DEBUG") || logs.contains("INFO"), "logging was on");
    assert_absent("the logs", logs.as_bytes(), &RAW_IDS);
    assert_absent("the logs", logs.as_bytes(), &SECRETS_IN_TEXT);
    assert_absent("the exports", exports.as_bytes(), &RAW_IDS);
    assert_absent("the exports", exports.as_bytes(), &SECRETS_IN_TEXT);
}

#[tokio::test]
async fn after_closing_nothing_links_answers_to_residents_even_with_the_key() {
    let ws = Workspace::new();
    let service = ws.service().await;
    let now = OffsetDateTime::now_utc();
    let plein = ws.current_example(crate::support::PLEIN_EXAMPLE);
    service
        .import_round(&ws.current_example(WMO_EXAMPLE), now)
        .await
        .unwrap();
    service.import_round(&plein, now).await.unwrap();
    service.open_round("huishoudelijke-hulp-2027", now).await.unwrap();
    service.open_round("plein-oost-2027", now).await.unwrap();

    let residents = ["tg-1001", "tg-1002", "tg-1003"];
    for id in residents {
        let mut r = Resident::new(&service, id);
        for line in [
            "/start huishoudelijke-hulp-2027",
            "1",
            "4",
            "ja",
            "1",
            "/overslaan",
        ] {
            r.say(line).await;
        }
        for line in ["/start plein-oost-2027", "2", "1, 3", "ja", "nee"] {
            r.say(line).await;
        }
    }
    // A resident who is halfway through the Wmo round when it closes.
    let mut late = Resident::new(&service, "tg-1004");
    late.say("/start huishoudelijke-hulp-2027").await;
    late.say("2").await;

    service
        .close_round("huishoudelijke-hulp-2027", now)
        .await
        .unwrap();
    service.close().await;

    // The attacker's view: the database and the secret key.
    let secret = Secret::from_hex(
        &std::fs::read_to_string(ws.path("meepraten.key")).unwrap(),
        "key file",
    )
    .unwrap();
    let pseudonyms: Vec<String> = residents
        .iter()
        .chain(["tg-1004"].iter())
        .map(|id| {
            Pseudonym::of(
                &secret,
                &ResidentRef {
                    platform: "terminal",
                    user: id,
                    address: None,
                },
            )
            .as_str()
            .to_owned()
        })
        .collect();
    let mut db = sqlx::SqliteConnection::connect(&format!("sqlite://{}", ws.database().display()))
        .await
        .unwrap();

    let salt: Option<String> =
        sqlx::query_scalar("SELECT respondent_salt FROM rounds WHERE id = 'huishoudelijke-hulp-2027'")
            .fetch_one(&mut db)
            .await
            .unwrap();
    assert_eq!(salt, None, "the closed round's salt is destroyed");

    let wmo: BTreeSet<String> = sqlx::query_scalar(
        "SELECT DISTINCT respondent_key FROM answers WHERE round_id = 'huishoudelijke-hulp-2027'",
    )
    .fetch_all(&mut db)
    .await
    .unwrap()
    .into_iter()
    .collect();
    let plein_keys: BTreeSet<String> =
        sqlx::query_scalar("SELECT DISTINCT respondent_key FROM answers WHERE round_id = 'plein-oost-2027'")
            .fetch_all(&mut db)
            .await
            .unwrap()
            .into_iter()
            .collect();
    assert_eq!(wmo.len(), 4);
    assert_eq!(plein_keys.len(), 3);
    assert!(
        wmo.is_disjoint(&plein_keys),
        "respondent keys differ between rounds"
    );
    for p in &pseudonyms {
        assert!(
            !wmo.contains(p) && !plein_keys.contains(p),
            "answers are not filed under pseudonyms"
        );
    }

    // The open round's salt, and every key the secret derives, applied to each
    // pseudonym, reproduce none of the closed round's respondent keys.
    let plein_salt: String =
        sqlx::query_scalar("SELECT respondent_salt FROM rounds WHERE id = 'plein-oost-2027'")
            .fetch_one(&mut db)
            .await
            .unwrap();
    let plein_salt = meepraten::anon::RoundSalt::from_stored(hex::decode(plein_salt).unwrap());
    for p in &pseudonyms {
        let guess = plein_salt.respondent(&Pseudonym::from_stored(p.clone()));
        assert!(!wmo.contains(guess.as_str()));
    }

    // No stored value mentions the closed round next to a pseudonym.
    let rows = sqlx::query("SELECT pseudonym, round_id, state FROM conversations")
        .fetch_all(&mut db)
        .await
        .unwrap();
    // States are sealed; the key opens them (label as in `service::sealed_state`).
    let vault = meepraten::anon::Vault::new(&secret);
    for row in rows {
        let round_id: Option<String> = row.get("round_id");
        let pseudonym: String = row.get("pseudonym");
        let sealed: Vec<u8> = row.get("state");
        assert_eq!(sealed.first(), Some(&1), "sealed");
        let state = String::from_utf8(
            vault
                .open_bytes(format!("conversation/v1:{pseudonym}").as_bytes(), &sealed[1..])
                .expect("opens with the key"),
        )
        .unwrap();
        assert!(state.contains("\"lang\""), "{state}");
        assert_ne!(round_id.as_deref(), Some("huishoudelijke-hulp-2027"));
        assert!(
            !state.contains("huishoudelijke-hulp-2027"),
            "state still about the closed round: {state}"
        );
        assert!(
            !state.contains("tevreden"),
            "state still holds the closed round's answers: {state}"
        );
    }
}

#[tokio::test]
async fn contact_addresses_are_sealed_opt_in_and_erased_on_stop_and_forget() {
    let ws = Workspace::new();
    let service = ws.service_with_open_example().await;
    let finish = ["/start", "1", "4", "ja", "1, 2", "/overslaan"];

    let mut residents = Vec::new();
    for (id, address) in [
        ("tg-7001", "5570010001"),
        ("tg-7002", "5570020002"),
        ("tg-7003", "5570030003"),
    ] {
        let mut r = Resident::new(&service, id);
        r.platform = "telegram";
        r.address = Some(address.to_owned());
        for line in finish {
            r.say(line).await;
        }
        residents.push(r);
    }
    let asked = residents[0].say("/hulp").await;
    assert!(!asked.is_empty());
    // Two say yes, one says no.
    let yes = residents[0].say("Ja, graag").await;
    assert!(yes.contains("krijgt u een bericht"), "{yes}");
    assert!(
        residents[1]
            .say("Ja, graag")
            .await
            .contains("krijgt u een bericht")
    );
    assert!(residents[2].say("Nee, dank u").await.contains("geen bericht"));

    let subscribers = service
        .hear_back_contacts("huishoudelijke-hulp-2027")
        .await
        .unwrap();
    let addresses: BTreeSet<&str> = subscribers.iter().map(|c| c.address.as_str()).collect();
    assert_eq!(addresses, BTreeSet::from(["5570010001", "5570020002"]));
    assert!(subscribers.iter().all(|c| c.platform == "telegram"));
    for (name, bytes) in database_bytes(&ws) {
        assert_absent(&name, &bytes, &["5570010001", "5570020002", "5570030003"]);
    }

    residents[0].say("/stop").await;
    residents[1].say("/vergeet").await;
    assert!(
        service
            .hear_back_contacts("huishoudelijke-hulp-2027")
            .await
            .unwrap()
            .is_empty()
    );
    service.close().await;
    let mut db = sqlx::SqliteConnection::connect(&format!("sqlite://{}", ws.database().display()))
        .await
        .unwrap();
    for table in ["contacts", "subscriptions"] {
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
            .fetch_one(&mut db)
            .await
            .unwrap();
        assert_eq!(n, 0, "{table} is empty after stop and forget");
    }
}
