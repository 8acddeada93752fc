//! What the user said about how to read the inputs.

use encoding_rs::Encoding;

use super::format::Format;
use super::range::DateRange;

/// How to read sources: format, fields of records, encoding, which files and which dates.
#[derive(Debug, Clone)]
pub struct InputOptions {
    /// The format of every source; `None` chooses by file name ([`Format::from_path`]), and
    /// standard input is then text.
    pub format: Option<Format>,
    /// Glob patterns a file found under a folder must match (its path below that folder); empty
    /// means every file.
    pub globs: Vec<String>,
    /// Record fields whose text makes the document, in order, joined by a blank line.
    pub text_fields: Vec<String>,
    /// Record field that names the document (origin `FILE:ID`; `FILE:LINE` without one).
    pub id_field: String,
    /// Record field that holds the document's date (ISO 8601).
    pub date_field: String,
    /// The encoding of the sources; a byte-order mark overrides it.
    pub encoding: &'static Encoding,
    /// The dates kept (`--from`, `--to`).
    pub dates: DateRange,
    /// Accept bad lines of JSONL or CSV: warn, skip, and succeed.
    pub skip_bad_lines: bool,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            format: None,
            globs: Vec::new(),
            text_fields: vec!["text".into()],
            id_field: "id".into(),
            date_field: "date".into(),
            encoding: encoding_rs::UTF_8,
            dates: DateRange::default(),
            skip_bad_lines: false,
        }
    }
}

/// The encoding a WHATWG label names (`utf-8`, `windows-1256`, `cp1256`, `iso-8859-6`, …).
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        format!(
            "unknown encoding {label:?}: use a WHATWG Encoding Standard label such as utf-8, \
             windows-1256 or iso-8859-6"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_encodings() {
        assert_eq!(encoding_for_label("cp1256"), Ok(encoding_rs::WINDOWS_1256));
        assert_eq!(encoding_for_label(" UTF8 "), Ok(encoding_rs::UTF_8));
        assert!(encoding_for_label("klingon").is_err());
    }
}
