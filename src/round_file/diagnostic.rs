//! Problems found in a round file, with the line and column an editor can jump to.

use std::fmt;

/// One problem in a round file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line, when the problem has a place.
    pub line: Option<usize>,
    /// 1-based column in characters, when the problem has a place.
    pub column: Option<usize>,
    /// What is wrong and, where possible, how to fix it.
    pub message: String,
}

impl Diagnostic {
    /// A problem at a known line and column.
    pub fn at(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            line: Some(line),
            column: Some(column),
            message: message.into(),
        }
    }

    /// A problem at a byte offset into `text`.
    pub fn at_offset(text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_col(text, offset);
        Self::at(line, column, message)
    }

    /// A problem with the file as a whole.
    pub fn whole_file(message: impl Into<String>) -> Self {
        Self {
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

/// All problems found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics {
    /// The file's name as given by the official.
    pub file: String,
    /// The problems, in file order.
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub(crate) fn new(file: &str, mut items: Vec<Diagnostic>) -> Self {
        items.sort_by_key(|d| (d.line, d.column));
        Self {
            file: file.to_owned(),
            items,
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.items.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            match (d.line, d.column) {
                (Some(l), Some(c)) => write!(f, "{}:{l}:{c}: error: {}", self.file, d.message)?,
                _ => write!(f, "{}: error: {}", self.file, d.message)?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// 1-based line and character column of a byte offset in valid text.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let offset = (0..=offset)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// 1-based line and column of a byte offset in bytes that are valid UTF-8 up to it.
pub(crate) fn line_col_of_bytes(bytes: &[u8], valid_up_to: usize) -> (usize, usize) {
    let valid = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
    line_col(valid, valid.len())
}

#[cfg(test)]
mod tests {
    use super::line_col;

    #[test]
    fn counts_lines_and_characters() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, 9), (2, 3));
        assert_eq!(line_col(text, 1000), (3, 1));
    }
}
