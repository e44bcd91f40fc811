//! The Matrix channel against a real Synapse on 127.0.0.1 (see
//! `support/synapse.rs`, which installs and starts it on a fresh machine).

use std::time::Duration;

use crate::support::synapse::Synapse;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fresh_synapse_starts_and_lets_a_registered_user_log_in() {
    let synapse = tokio::task::spawn_blocking(Synapse::start).await.unwrap();
    synapse.register("inwoner1", "geheim-wachtwoord");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let login = serde_json::json!({
        "type": "m.login.password",
        "identifier": {"type": "m.id.user", "user": "inwoner1"},
        "password": "geheim-wachtwoord",
    });
    let answer = client
        .post(synapse.url().join("_matrix/client/v3/login").unwrap())
        .header("content-type", "application/json")
        .body(login.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let body: serde_json::Value = serde_json::from_str(&answer.text().await.unwrap()).unwrap();
    assert_eq!(body["user_id"], Synapse::user_id("inwoner1"));
    assert!(body["access_token"].as_str().is_some_and(|t| !t.is_empty()));
}
