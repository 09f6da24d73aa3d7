//! Rendering: colors (honouring --color and NO_COLOR), JSON documents, tables and step progress;
//! server replies in `reply`.

pub mod reply;

use std::sync::atomic::{AtomicBool, Ordering};

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

/// Documents are printed as YAML (`-o yaml`) rather than JSON.
static YAML: AtomicBool = AtomicBool::new(false);

/// JSON documents are printed on one line each (`--watch`: one document per line and tick).
static ONE_LINE: AtomicBool = AtomicBool::new(false);

/// Prints every later JSON document on one line.
pub fn documents_on_one_line(one_line: bool) {
    ONE_LINE.store(one_line, Ordering::Relaxed);
}

/// Chooses YAML for every document and event this process prints.
pub fn use_yaml(yaml: bool) {
    YAML.store(yaml, Ordering::Relaxed);
}

/// Prints one document on stdout: pretty JSON, or with `-o yaml` a YAML document (`---` first, so
/// that a run's events and result read as one stream).
pub fn print_document<T: Serialize>(value: &T) -> Result<()> {
    let failed = |e: String| crate::error::Error::failed(format!("could not render the output: {e}"));
    if YAML.load(Ordering::Relaxed) {
        let text = serde_saphyr::to_string(value).map_err(|e| failed(e.to_string()))?;
        println!("---\n{}", text.trim_end());
    } else if ONE_LINE.load(Ordering::Relaxed) {
        println!("{}", serde_json::to_string(value).map_err(|e| failed(e.to_string()))?);
    } else {
        println!("{}", serde_json::to_string_pretty(value).map_err(|e| failed(e.to_string()))?);
    }
    Ok(())
}

/// Prints one progress event: a JSON line, or a YAML document.
pub fn print_event<T: Serialize>(event: &T) {
    if YAML.load(Ordering::Relaxed) {
        let _ = print_document(event);
    } else {
        println!("{}", serde_json::to_string(event).unwrap_or_default());
    }
}

/// A borderless table with a header row.
pub fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table.load_preset(NOTHING).set_header(header.iter().map(|h| h.to_string()));
    table
}

/// Bytes as B, KiB, MiB, GiB.
pub fn human_bytes(bytes: u64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < units.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 { format!("{bytes}B") } else { format!("{value:.1}{}", units[unit]) }
}
