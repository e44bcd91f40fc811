//! Architecture rules, enforced by reading the sources: the pure layers do no I/O
//! and know no platform, and SQL lives only in the store and migrations.

use std::path::Path;

use crate::support::repo;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn pure_layers_do_no_io_and_know_no_platform() {
    let forbidden = [
        "tokio",
        "sqlx",
        "teloxide",
        "matrix_sdk",
        "std::fs",
        "std::env",
        "std::net",
        "std::process",
        "SystemTime",
        "now_utc",
        "Instant::now",
        "rand::",
        "reqwest",
    ];
    for layer in [
        "src/domain",
        "src/engine",
        "src/round_file",
        "src/summary",
        "src/i18n",
    ] {
        let mut files = Vec::new();
        rust_files(&repo(layer), &mut files);
        assert!(!files.is_empty(), "{layer} exists");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for word in forbidden {
                assert!(!text.contains(word), "{} mentions `{word}`", file.display());
            }
        }
    }
}

#[test]
fn sql_lives_in_the_store_only() {
    let mut files = Vec::new();
    rust_files(&repo("src"), &mut files);
    for file in files {
        if file.starts_with(repo("src/store")) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for word in ["SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "sqlx::query"] {
            assert!(!text.contains(word), "{} holds SQL (`{word}`)", file.display());
        }
    }
}

#[test]
fn every_source_file_says_what_it_owns() {
    let mut files = Vec::new();
    rust_files(&repo("src"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
        let is_test_module = file.file_name().is_some_and(|n| n == "tests.rs");
        assert!(
            first.starts_with("//!") || is_test_module,
            "{} has no `//!` header",
            file.display()
        );
    }
}
