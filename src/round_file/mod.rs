//! Round files: the TOML an official writes, turned into a checked [`Round`].
//!
//! Parsing happens in two passes. `raw` deserializes the text with serde, keeping
//! the byte span of every key an official might get wrong; it reads each key and
//! each question on its own, so syntax errors, unknown or missing keys and wrong
//! types are all reported at once, in words an official can act on. `check` then validates meaning
//! (ids, translations, schedule, conditions) and reports every problem it finds,
//! each with its line and column, so one run of `round check` lists them all.

mod check;
mod diagnostic;
pub mod plain_language;
pub mod population;
mod raw;
pub mod readability;

pub use diagnostic::{Diagnostic, Diagnostics};

/// Diagnostics for a file that could not be read at all.
pub fn unreadable(name: &str, message: String) -> Diagnostics {
    Diagnostics::new(name, vec![Diagnostic::whole_file(message)])
}

use crate::domain::Round;

/// Round files larger than this are refused before parsing: real rounds are a few KB.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// Parses and checks a round file's contents. `name` is used in diagnostics.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Round, Diagnostics> {
    let fail = |d: Diagnostic| Diagnostics::new(name, vec![d]);
    if bytes.len() > MAX_FILE_BYTES {
        return Err(fail(Diagnostic::whole_file(format!(
            "the file is {} bytes; a round file may be at most {} bytes (1 MB)",
            bytes.len(),
            MAX_FILE_BYTES
        ))));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (line, column) = diagnostic::line_col_of_bytes(bytes, e.valid_up_to());
            return Err(fail(Diagnostic::at(
                line,
                column,
                "the file is not valid UTF-8 text; save it as UTF-8",
            )));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let only_comments = text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    });
    if only_comments {
        return Err(fail(Diagnostic::whole_file(
            "the file is empty; see examples/rounds/ for a complete round",
        )));
    }
    let raw = raw::read(text).map_err(|ds| Diagnostics::new(name, ds))?;
    check::check(text, raw).map_err(|ds| Diagnostics::new(name, ds))
}
