//! Odd input through the real terminal channel: huge, empty, emoji-only, control
//! characters, invalid UTF-8, unknown commands. Each gets a clear message, the
//! process carries on, and nothing is lost or stored by mistake.

use std::io::Write;
use std::process::Stdio;

use crate::support::{Workspace, stderr, stdout};

#[test]
fn odd_messages_get_clear_answers_and_the_conversation_goes_on() {
    let ws = Workspace::new();
    ws.open_example_by_cli();

    let mut script: Vec<u8> = Vec::new();
    script.extend_from_slice(b"/start\n1\n1\n"); // to the open follow-up question
    script.extend_from_slice("x".repeat(100_000).as_bytes());
    script.extend_from_slice(b"\n");
    script.extend_from_slice("🙂🙂🙂\n".as_bytes());
    script.extend_from_slice(b"\x07\x1b\x00\x08\n");
    script.extend_from_slice(b"caf\xff\xfe\n");
    script.extend_from_slice(b"/doe-iets-geks\n");
    script.extend_from_slice(b"   \n");
    script.extend_from_slice("Te weinig tijd \u{202e}voor een praatje\n".as_bytes());

    let mut child = ws
        .cli()
        .args(["serve", "--terminal", "--resident", "hank"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&script).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for expected in [
        "Uw antwoord is 100000 tekens lang. Dat is te lang: het mag hoogstens 500 tekens zijn.",
        "Ik zie geen woorden in uw antwoord.",
        "Uw bericht is leeg.",
        "Ik kan alleen tekst lezen, geen foto's, stickers of spraakberichten.",
        "Het commando /doe-iets-geks ken ik niet.",
        "Vraag 4 van 6",
    ] {
        assert!(
            text.contains(expected),
            "missing `{expected}` in:\n{}",
            &text[..text.len().min(4000)]
        );
    }
    assert!(!stderr(&out).contains("panicked"));

    let counts = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(ws.raw_counts("huishoudelijke-hulp-2027"));
    assert_eq!(
        counts.per_question.get("beter").copied(),
        Some(1),
        "only the real answer is stored: {counts:?}"
    );
}

/// `meepraten round list | head -1` and the like: a reader that goes away ends
/// the command quietly, never with a panic; and command output is not mixed
/// with log lines.
#[test]
fn a_closed_pipe_ends_commands_quietly_and_output_stays_clean() {
    let ws = Workspace::new();
    ws.open_example_by_cli();
    for args in [
        vec!["round", "list"],
        vec!["round", "status", "huishoudelijke-hulp-2027"],
        vec!["summary", "huishoudelijke-hulp-2027"],
    ] {
        let mut child = ws
            .cli()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader is gone before the first line
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(out.status.success(), "{args:?}: {err}");
    }
    let out = ws.run(&["round", "list"]);
    assert!(
        stderr(&out).is_empty(),
        "no log lines beside the output: {}",
        stderr(&out)
    );
    let listed = stdout(&out);
    assert!(!listed.contains("INFO"), "{listed}");
    let status = stdout(&ws.run(&["round", "status", "huishoudelijke-hulp-2027"]));
    assert!(
        status.lines().any(|l| {
            let planned = l.trim_start_matches("planned:").trim();
            l.starts_with("planned:")
                && planned.len() == "2027-01-11 09:00 +01:00 -> 2027-01-25 17:00 +01:00".len()
        }),
        "times as officials read them: {status}"
    );
    assert!(!status.contains(".2"), "no nanoseconds: {status}");
}

/// On an empty database `serve` opens the example round; when its planned dates
/// are not current it says that it moved them, instead of doing so silently.
#[test]
fn the_example_round_says_when_its_dates_moved() {
    let ws = Workspace::new();
    let out = ws.serve("newcomer", "/start\n");
    let err = stderr(&out);
    assert!(
        err.contains("the example round `huishoudelijke-hulp-2027` was imported and opened"),
        "{err}"
    );
    let planned = time::macros::datetime!(2027-01-11 09:00 +01:00);
    let now = time::OffsetDateTime::now_utc();
    if now < planned || now >= time::macros::datetime!(2027-01-25 17:00 +01:00) {
        assert!(
            err.contains("its planned dates are not current, so it runs from now until"),
            "{err}"
        );
    }
}

/// SIGTERM (and Ctrl-C) stop the terminal channel cleanly, between messages.
#[test]
fn the_terminal_channel_stops_on_sigterm() {
    use std::io::{BufRead, BufReader};
    let ws = Workspace::new();
    ws.open_example_by_cli();
    let mut child = ws
        .cli()
        .args(["serve", "--terminal", "--resident", "ines"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"/start\n1\n").unwrap();
    stdin.flush().unwrap();
    // Wait (however slow the machine) until the second question is shown: the
    // answer is stored and the bot waits for the next line.
    let stdout = child.stdout.take().unwrap();
    let (seen, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = seen.send(line);
        }
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) if line.contains("Vraag 2 van 6") => break,
            Ok(_) => {}
            Err(e) => panic!("the second question never came: {e}"),
        }
    }
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let started = std::time::Instant::now();
    let status = child.wait().unwrap();
    drop(stdin);
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    let mut err = String::new();
    let _ = std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err);
    assert!(status.success(), "{status:?}: {err}");
}
