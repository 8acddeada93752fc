//! Input formats, and how a file's name chooses one.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// How a source's text is cut into documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The whole source is one document.
    Text,
    /// JSON Lines: one JSON object, one document, a line.
    Jsonl,
    /// Comma-separated values with a header row: one document a record.
    Csv,
    /// Tab-separated values with a header row (no quoting): one document a line.
    Tsv,
}

/// The extension of a file's name in lower case, looked for through a `.gz`, `.zst` or
/// `.zstd` suffix (`news.JSONL.gz` → `jsonl`); empty when there is none.
pub fn inner_extension(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = [".gz", ".zst", ".zstd"]
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .unwrap_or(&name);
    name.rsplit_once('.')
        .map(|(_, e)| e.to_string())
        .unwrap_or_default()
}

impl Format {
    /// The format a file name implies, looking through a `.gz`, `.zst` or `.zstd` suffix:
    /// `.jsonl`, `.ndjson`, `.json-lines` and `.jsonlines` are JSON Lines, `.csv` is CSV, `.tsv`
    /// and `.tab` are TSV, anything else is text.
    pub fn from_path(path: &Path) -> Format {
        match inner_extension(path).as_str() {
            "jsonl" | "ndjson" | "json-lines" | "jsonlines" => Format::Jsonl,
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            _ => Format::Text,
        }
    }

    /// Whether a file's name ends in `.json` (through a compression suffix): it is read as
    /// text, which may not be what its writer meant.
    pub fn looks_like_json(path: &Path) -> bool {
        inner_extension(path) == "json"
    }

    /// Whether each document is a record with fields (and so is expected to carry a date).
    pub fn has_records(self) -> bool {
        self != Format::Text
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" => Ok(Format::Text),
            "jsonl" | "ndjson" | "json-lines" | "jsonlines" => Ok(Format::Jsonl),
            "csv" => Ok(Format::Csv),
            "tsv" => Ok(Format::Tsv),
            _ => Err(format!(
                "unknown format {s:?}: expected text, jsonl, csv or tsv"
            )),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Text => "text",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_chooses_through_compression() {
        let f = |p: &str| Format::from_path(Path::new(p));
        assert_eq!(f("a/news.jsonl"), Format::Jsonl);
        assert_eq!(f("news.NDJSON.gz"), Format::Jsonl);
        assert_eq!(f("news.json-lines.zst"), Format::Jsonl);
        assert_eq!(f("news.csv.gz"), Format::Csv);
        assert_eq!(f("news.tsv"), Format::Tsv);
        assert_eq!(f("news.txt.gz"), Format::Text);
        assert_eq!(f("README"), Format::Text);
        assert_eq!(f("news.json"), Format::Text);
        assert!(Format::looks_like_json(Path::new("feed.json.gz")));
        assert!(!Format::looks_like_json(Path::new("feed.jsonl")));
        assert_eq!("CSV".parse::<Format>(), Ok(Format::Csv));
        assert!("xml".parse::<Format>().is_err());
    }
}
