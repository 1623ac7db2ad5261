//! How results reach the terminal: JSON on stdout with `--json`, compact lines and
//! tables otherwise; notes and errors on stderr. A secret is printed only by the few
//! commands that exist to show one, through their DTO's `SECRET` field.

use std::fmt::Write as _;
use std::io::Write as _;

use intandem_core::ConsoleError;
use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub json: bool,
}

impl Output {
    /// Prints `value` as JSON, or as `human` renders it. A closed stdout (`| head`) is
    /// not an error worth a panic: the rest is dropped.
    pub fn print<T: Serialize>(&self, value: &T, human: impl FnOnce(&T) -> String) {
        let mut text = if self.json {
            match serde_json::to_string_pretty(value) {
                Ok(text) => text,
                Err(error) => {
                    eprintln!("intandem: the result could not be written as JSON ({error}).");
                    return;
                }
            }
        } else {
            human(value)
        };
        if !text.ends_with('\n') {
            text.push('\n');
        }
        let mut stdout = std::io::stdout().lock();
        let _ = stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush());
    }

    /// Advice or a warning that is not the result itself: stderr, in both modes.
    pub fn note(&self, text: &str) {
        eprintln!("note: {text}");
    }
}

/// Why a command failed: the console's error, and whether its JSON result (which
/// carries the error) is already on stdout.
#[derive(Debug)]
pub struct Failure {
    pub error: ConsoleError,
    pub result_printed: bool,
}

impl From<ConsoleError> for Failure {
    fn from(error: ConsoleError) -> Self {
        Self {
            error,
            result_printed: false,
        }
    }
}

/// The failure, as one sentence on stderr (and as JSON on stdout with `--json`, unless
/// the command's own result, printed already, tells it).
pub fn error(failure: &Failure, json: bool) {
    let error = &failure.error;
    if json && !failure.result_printed {
        if let Ok(text) = serde_json::to_string_pretty(&serde_json::json!({ "error": error })) {
            let mut stdout = std::io::stdout().lock();
            let _ = writeln!(stdout, "{text}").and_then(|()| stdout.flush());
        }
    }
    eprintln!("intandem: {}", error.message);
}

/// Rows as aligned columns; the first row is the header.
pub fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c + 1 == row.len() {
                line.push_str(cell);
            } else {
                let pad = widths[c] - cell.chars().count();
                let _ = write!(line, "{cell}{}  ", " ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn when(at: OffsetDateTime) -> String {
    at.replace_nanosecond(0)
        .ok()
        .and_then(|at| at.format(&Rfc3339).ok())
        .unwrap_or_else(|| at.to_string())
}

pub fn or_dash(value: Option<&str>) -> String {
    value.unwrap_or("-").to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_aligns_its_columns_by_characters() {
        let rows = vec![
            vec!["NAME".into(), "TOKEN".into()],
            vec!["Sandbox".into(), "…abcd".into()],
        ];
        assert_eq!(table(&rows), "NAME     TOKEN\nSandbox  …abcd\n");
    }
}
