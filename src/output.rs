//! Rendering: colors (honouring --color and NO_COLOR), JSON documents, tables and step progress;
//! server replies in `reply`.

pub mod redact;
pub mod reply;

use comfy_table::{Table, presets::NOTHING};
use serde::Serialize;

use crate::error::Result;

#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
    }

    pub fn good(&self, text: &str) -> String {
        self.paint("32", text)
    }

    pub fn warn(&self, text: &str) -> String {
        self.paint("33", text)
    }

    pub fn bad(&self, text: &str) -> String {
        self.paint("31", text)
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
}

/// How a run's documents are rendered (`-o`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    /// Tables with more columns.
    Wide,
    Json,
    Yaml,
}

/// The one way documents and events reach stdout: every command renders what it reports through
/// its context's reporter, so that `-o json` and `-o yaml` carry the same fields everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reporter {
    format: Format,
    /// JSON documents on one line each (`--watch`: one document per line and frame).
    one_line: bool,
}

impl Reporter {
    pub fn new(format: Format) -> Reporter {
        Reporter { format, one_line: false }
    }

    /// Whether the run prints documents for programs (`-o json` or `-o yaml`) rather than tables.
    pub fn documents(&self) -> bool {
        matches!(self.format, Format::Json | Format::Yaml)
    }

    /// Whether tables get their extra columns (`-o wide`).
    pub fn wide(&self) -> bool {
        self.format == Format::Wide
    }

    /// The same reporter, printing each JSON document on one line.
    pub fn one_line(self) -> Reporter {
        Reporter { one_line: true, ..self }
    }

    /// Prints one document on stdout: pretty JSON (one line with `one_line`), or a YAML document
    /// (`---` first, so that a run's events and result read as one stream).
    pub fn document<T: Serialize>(&self, value: &T) -> Result<()> {
        println!("{}", self.render(value, !self.one_line)?);
        Ok(())
    }

    /// Prints one progress event: a JSON line, or a YAML document.
    pub fn event<T: Serialize>(&self, event: &T) {
        if let Ok(text) = self.render(event, false) {
            println!("{text}");
        }
    }

    fn render<T: Serialize>(&self, value: &T, pretty: bool) -> Result<String> {
        let failed = |e: String| crate::error::Error::failed(format!("could not render the output: {e}"));
        match self.format {
            Format::Yaml => {
                let text = serde_saphyr::to_string(value).map_err(|e| failed(e.to_string()))?;
                Ok(format!("---\n{}", text.trim_end()))
            }
            _ if pretty => serde_json::to_string_pretty(value).map_err(|e| failed(e.to_string())),
            _ => serde_json::to_string(value).map_err(|e| failed(e.to_string())),
        }
    }
}

/// A borderless table with a header row.
pub fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table.load_preset(NOTHING).set_header(header.iter().map(|h| h.to_string()));
    table
}
