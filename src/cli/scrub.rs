//! `meepraten scrub`: lets officials check what the scrubber removes, and feeds
//! evaluations. Needs no database.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use clap::Args;
use serde::{Deserialize, Serialize};

use crate::anon::{Finding, Scrubber};
use crate::domain::Lang;

/// Remove personal data from text on standard input, one text per line. With
/// `--jsonl`, read lines `{"text": "..."}` and write `{"text": "<scrubbed>",
/// "spans": [{"start", "end", "type"}]}`, offsets in characters of the input.
#[derive(Debug, Args)]
pub struct Scrub {
    /// Read and write JSON lines.
    #[arg(long)]
    jsonl: bool,
    /// Language of the placeholders (nl or en).
    #[arg(long, default_value = "nl", value_parser = |s: &str| Lang::parse(s).map_err(|e| e.to_string()))]
    lang: Lang,
}

#[derive(Deserialize)]
struct In {
    text: String,
}

#[derive(Serialize)]
struct Out<'a> {
    text: &'a str,
    spans: &'a [Finding],
}

impl Scrub {
    /// Runs the command over standard input. A reader that went away
    /// (`| head`) ends it quietly.
    pub fn run(self) -> anyhow::Result<ExitCode> {
        match self.scrub_all() {
            Err(e)
                if e.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
            {
                Ok(ExitCode::SUCCESS)
            }
            other => other,
        }
    }

    fn scrub_all(&self) -> anyhow::Result<ExitCode> {
        let scrubber = Scrubber::get();
        let stdin = std::io::stdin().lock();
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        let mut bad_lines = 0usize;
        for (n, line) in stdin.split(b'\n').enumerate() {
            let line = line?;
            let Ok(line) = String::from_utf8(line) else {
                bad_lines += 1;
                writeln!(stdout, "{}", error_line(self.jsonl, n + 1, "not valid UTF-8"))?;
                continue;
            };
            let line = line.trim_end_matches('\r');
            if !self.jsonl {
                writeln!(stdout, "{}", scrubber.scrub(line, self.lang).text)?;
                continue;
            }
            match serde_json::from_str::<In>(line) {
                Ok(input) => {
                    let out = scrubber.scrub(&input.text, self.lang);
                    let json = serde_json::to_string(&Out {
                        text: &out.text,
                        spans: &out.findings,
                    })?;
                    writeln!(stdout, "{json}")?;
                }
                Err(e) => {
                    bad_lines += 1;
                    writeln!(stdout, "{}", error_line(true, n + 1, &e.to_string()))?;
                }
            }
        }
        stdout.flush()?;
        if bad_lines > 0 {
            say_err!(
                "meepraten scrub: {bad_lines} line(s) could not be read; see the error lines in the output"
            );
            return Ok(ExitCode::FAILURE);
        }
        Ok(ExitCode::SUCCESS)
    }
}

/// One output line for an unreadable input line, so output stays aligned with input.
fn error_line(jsonl: bool, line: usize, why: &str) -> String {
    if jsonl {
        serde_json::json!({ "error": format!("line {line}: {why}; expected {{\"text\": \"...\"}}") })
            .to_string()
    } else {
        format!("[line {line}: {why}]")
    }
}
