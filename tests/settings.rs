//! The settings file through the real binary: found in the working directory,
//! a misspelt key refused with its line and column, and the order defaults <
//! file < environment < flags, as `meepraten config` shows it.

use crate::support::{Workspace, stderr, stdout};

#[test]
fn a_misspelt_key_in_the_settings_file_is_refused_with_its_place() {
    let ws = Workspace::new();
    ws.write(
        "meepraten.toml",
        "database = \"raad.db\"\n[telegram]\nofficals = [\"1\"]\n",
    );
    let out = ws.run(&["round", "list"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("meepraten.toml"), "{err}");
    assert!(err.contains("line 3, column 1"), "{err}");
    assert!(err.contains("unknown field `officals`"), "{err}");
    assert!(!ws.path("raad.db").exists(), "nothing was done");
}

#[test]
fn the_environment_beats_the_file_and_flags_beat_both() {
    let ws = Workspace::new();
    ws.write(
        "meepraten.toml",
        "database = \"file.db\"\nretention_days = 30\n[telegram]\ntoken = \"123:FROM-FILE\"\n",
    );
    let out = ws
        .cli()
        .args(["config"])
        .env("MEEPRATEN_RETENTION_DAYS", "60")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("database = \"file.db\"  # settings file"), "{text}");
    assert!(
        text.contains("retention_days = 60  # environment MEEPRATEN_RETENTION_DAYS"),
        "{text}"
    );
    assert!(text.contains("secret_file = \"file.key\"  # default"), "{text}");
    assert!(!text.contains("FROM-FILE"), "the token is hidden: {text}");
    let out = ws
        .cli()
        .args(["--database", "flag.db", "config"])
        .env("MEEPRATEN_DATABASE", "env.db")
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("database = \"flag.db\"  # command line"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_settings_file_named_but_missing_is_an_error() {
    let ws = Workspace::new();
    let out = ws.run(&["--config", "elders.toml", "round", "list"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("cannot read the settings file elders.toml"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn matrix_ids_that_would_be_ignored_quietly_are_refused_by_name() {
    let ws = Workspace::new();
    for (file, wanted) in [
        (
            "[matrix]\nhomeserver = \"https://matrix.gemeente.nl\"\nuser = \"@bot:gemeente.nl\"\nofficials = [\"ambtenaar\"]\n",
            "`ambtenaar` is not a full Matrix user id",
        ),
        (
            "[matrix]\nhomeserver = \"https://matrix.gemeente.nl\"\nuser = \"@bot:gemeente.nl\"\ncouncil_rooms = [\"#raad:gemeente.nl\"]\n",
            "`#raad:gemeente.nl` is not a room id",
        ),
        (
            "[matrix]\nhomeserver = \"ftp://matrix.gemeente.nl\"\nuser = \"@bot:gemeente.nl\"\n",
            "must be a web address",
        ),
    ] {
        ws.write("meepraten.toml", file);
        let out = ws.run(&["config"]);
        assert!(!out.status.success(), "{file}");
        let err = stderr(&out);
        assert!(err.contains(wanted), "{err}");
    }
    ws.write("meepraten.toml", "[matrix]\nuser = \"@bot:gemeente.nl\"\n");
    let out = ws.run(&["serve"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("MATRIX_HOMESERVER"), "{}", stderr(&out));
}
