//! Whole conversations: scripted through the real binary's terminal channel
//! (including a restart in the middle), and in-process for timing cases.

use std::collections::BTreeMap;

use meepraten::domain::AnswerValue;
use time::{Duration, OffsetDateTime};

use crate::support::{Resident, Workspace, stderr, stdout};

/// The stored answers of a round, one map per respondent.
async fn answers_by_respondent(ws: &Workspace) -> Vec<BTreeMap<String, AnswerValue>> {
    let service = ws.service().await;
    let by = crate::support::answers_by_respondent(&service, "huishoudelijke-hulp-2027").await;
    service.close().await;
    by
}

#[tokio::test]
async fn a_scripted_terminal_conversation_survives_a_restart() {
    let ws = Workspace::new();
    ws.open_example_by_cli();

    // First run: an invalid answer, a choice, a low score that brings the follow-up;
    // then the process ends in the middle of the round.
    let first = ws.serve("alice", "/start\n7\n1\n2\n");
    assert!(first.status.success(), "{}", stderr(&first));
    let out = stdout(&first);
    assert!(out.contains("Welkom!"), "{out}");
    assert!(
        out.contains("Dat antwoord ken ik niet. Kies een van de knoppen."),
        "{out}"
    );
    assert!(
        out.contains("Vraag 3 van 6") && out.contains("Wat kan beter aan de hulp?"),
        "{out}"
    );

    // Second run, a new process: resume, answer the follow-up, skip a question,
    // go back and change that answer, answer the rest.
    let second = ws.serve(
        "alice",
        "/start\nDe hulp wisselt steeds, ik weet nooit wie er komt\n/overslaan\n/terug\nja\n1, 3\n[sticker]\nMeer vaste hulpen\n",
    );
    assert!(second.status.success(), "{}", stderr(&second));
    let out = stdout(&second);
    assert!(
        out.contains("U was nog bezig. We gaan verder waar u was."),
        "{out}"
    );
    assert!(out.contains("Uw antwoord nu: overgeslagen"), "{out}");
    assert!(out.contains("Ik kan alleen tekst lezen"), "{out}");
    assert!(
        out.contains("Dank u wel! Uw antwoorden zijn opgeslagen."),
        "{out}"
    );
    assert!(
        !out.contains("Welkom!"),
        "a resumed conversation is not welcomed again"
    );

    // A second resident, in English, scoring high: no follow-up.
    let bob = ws
        .cli()
        .args(["serve", "--terminal", "--resident", "bob", "--lang", "en"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    bob.stdin
        .as_ref()
        .unwrap()
        .write_all(b"/start\n3\n5\nno\n2\ndone\n/skip\n")
        .unwrap();
    let bob = bob.wait_with_output().unwrap();
    let out = stdout(&bob);
    assert!(
        out.contains("Welcome!") && out.contains("Question 3 of 5"),
        "{out}"
    );
    assert!(
        !out.contains("What could be better"),
        "no follow-up after a high score: {out}"
    );
    assert!(out.contains("Thank you! Your answers have been saved."), "{out}");

    let counts = ws.raw_counts("huishoudelijke-hulp-2027").await;
    assert_eq!((counts.started, counts.completed), (2, 2));

    let stored = answers_by_respondent(&ws).await;
    assert_eq!(stored.len(), 2);
    let alice = stored
        .iter()
        .find(|a| a.contains_key("beter"))
        .expect("alice's answers");
    assert_eq!(alice["rol"], AnswerValue::Choice("zelf".parse_option()));
    assert_eq!(alice["tevreden"], AnswerValue::Scale(2));
    assert_eq!(
        alice["beter"],
        AnswerValue::Open("De hulp wisselt steeds, ik weet nooit wie er komt".into())
    );
    assert_eq!(
        alice["zelfde-hulp"],
        AnswerValue::YesNo(true),
        "the skip was changed to yes"
    );
    assert_eq!(
        alice["belangrijk"],
        AnswerValue::Multi(vec!["zelfde-persoon".parse_option(), "schoon".parse_option()])
    );
    assert_eq!(alice["idee"], AnswerValue::Open("Meer vaste hulpen".into()));
    let bob = stored
        .iter()
        .find(|a| !a.contains_key("beter"))
        .expect("bob's answers");
    assert_eq!(bob["tevreden"], AnswerValue::Scale(5));
    assert_eq!(bob["zelfde-hulp"], AnswerValue::YesNo(false));
    assert_eq!(
        bob["belangrijk"],
        AnswerValue::Multi(vec!["op-tijd".parse_option()])
    );
    assert_eq!(bob["idee"], AnswerValue::Skipped);
}

trait ParseOption {
    fn parse_option(&self) -> meepraten::domain::OptionId;
}
impl ParseOption for str {
    fn parse_option(&self) -> meepraten::domain::OptionId {
        meepraten::domain::OptionId::parse(self).unwrap()
    }
}

#[tokio::test]
async fn answers_after_closing_are_refused_and_not_stored() {
    let ws = Workspace::new();
    ws.open_example_by_cli();
    let service = ws.service().await;
    let round = service
        .round_status("huishoudelijke-hulp-2027")
        .await
        .unwrap()
        .stored
        .round;

    // Past the closing moment, before anyone closed it by hand.
    let mut carol = Resident::new(&service, "carol");
    carol.say("/start").await;
    carol.say("1").await;
    let late = carol.say_at("2", round.closes + Duration::minutes(1)).await;
    assert!(late[0].text.contains("is gesloten sinds"), "{late:?}");
    assert_eq!(
        service
            .round_status("huishoudelijke-hulp-2027")
            .await
            .unwrap()
            .counts
            .per_question["rol"],
        1
    );
    assert!(
        !service
            .round_status("huishoudelijke-hulp-2027")
            .await
            .unwrap()
            .counts
            .per_question
            .contains_key("tevreden")
    );

    // Closed by the official: the conversation about the round is gone.
    let mut dave = Resident::new(&service, "dave");
    dave.say("/taal en").await;
    dave.say("/start").await;
    service
        .close_round("huishoudelijke-hulp-2027", OffsetDateTime::now_utc())
        .await
        .unwrap();
    let stale = dave.say("3").await;
    assert!(stale.contains("That button no longer works"), "{stale}");
    let after = dave.say("hello").await;
    assert!(
        after.contains("There are no questions ready right now"),
        "{after}"
    );
    let status = service.round_status("huishoudelijke-hulp-2027").await.unwrap();
    assert!(
        !status.counts.per_question.contains_key("tevreden"),
        "nothing stored after close"
    );
    let deep_link = dave.say("/start huishoudelijke-hulp-2027").await;
    assert!(
        deep_link.contains("has already closed") && !deep_link.contains("closed on"),
        "closed by an official before its planned end: no future date: {deep_link}"
    );
    // The close erased which round Dave was in: nothing is said about his answers.
    assert!(!deep_link.contains("count"), "{deep_link}");
    service.close().await;
}

#[tokio::test]
async fn forget_erases_an_unfinished_response_and_stop_keeps_answers() {
    let ws = Workspace::new();
    ws.open_example_by_cli();
    let service = ws.service().await;
    let mut erin = Resident::new(&service, "erin");
    erin.say("/start").await;
    erin.say("1").await;
    let counts = || async {
        service
            .round_status("huishoudelijke-hulp-2027")
            .await
            .unwrap()
            .counts
    };
    assert_eq!(counts().await.started, 1);
    let gone = erin.say("/vergeet").await;
    assert!(gone.contains("We hebben gewist: uw gesprek"), "{gone}");
    assert_eq!(counts().await.started, 0, "the unfinished response is erased");

    let mut frank = Resident::new(&service, "frank");
    frank.say("/start").await;
    frank.say("2").await;
    let stopped = frank.say("/stop").await;
    assert!(stopped.contains("U bent gestopt"), "{stopped}");
    assert_eq!(counts().await.started, 1, "answers given before stop still count");
    assert!(frank.say("hallo").await.contains("Stuur /start"));
    service.close().await;
}

/// What residents read about privacy says what the program does (finding 19).
#[tokio::test]
async fn privacy_texts_say_what_is_really_kept() {
    let ws = Workspace::new();
    let mut settings = ws.settings();
    settings.retention_days = 60;
    let service = meepraten::service::Service::open(&settings).await.unwrap();
    let mut r = Resident::new(&service, "grace");
    let privacy = r.say("/privacy").await;
    assert!(
        privacy.contains("60 dagen"),
        "the real retention period: {privacy}"
    );
    assert!(
        privacy.contains("zinnen uit de antwoorden") && !privacy.contains("alleen totalen"),
        "councils see quotes too: {privacy}"
    );
    assert!(!privacy.contains("lange tijd"), "{privacy}");
    let forgotten = r.say("/vergeet").await;
    assert!(
        !forgotten.contains("alles gewist wat aan u gekoppeld was"),
        "{forgotten}"
    );
    service.close().await;
}
