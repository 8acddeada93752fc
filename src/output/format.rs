//! The output formats (`--output-format`).

use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// How features (or mentions) are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// One GeoJSON FeatureCollection (RFC 7946), one feature a line; the default of `count`.
    Geojson,
    /// GeoJSON text sequence (RFC 8142): each feature as RS (0x1E), JSON, LF; for streaming.
    Geojsonseq,
    /// Comma-separated values: `id`, `lon`/`lat` (or `wkt` for lines) and the properties, with
    /// a `.csvt` sidecar of column types when written to a file.
    Csv,
    /// JSON Lines, one object per mention; the default of `extract`, which alone accepts it.
    Mentions,
}

impl OutputFormat {
    /// Every format.
    pub const ALL: [OutputFormat; 4] = [
        OutputFormat::Geojson,
        OutputFormat::Geojsonseq,
        OutputFormat::Csv,
        OutputFormat::Mentions,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            OutputFormat::Geojson => "geojson",
            OutputFormat::Geojsonseq => "geojsonseq",
            OutputFormat::Csv => "csv",
            OutputFormat::Mentions => "mentions",
        }
    }

    /// The format a file name asks for by its extension (`.geojson`/`.json`, `.geojsons`/
    /// `.geojsonseq`, `.csv`, `.jsonl`), if any.
    pub fn from_extension(path: &Path) -> Option<OutputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "geojson" | "json" => Some(OutputFormat::Geojson),
            "geojsons" | "geojsonseq" | "geojsonl" => Some(OutputFormat::Geojsonseq),
            "csv" => Some(OutputFormat::Csv),
            "jsonl" | "ndjson" => Some(OutputFormat::Mentions),
            _ => None,
        }
    }
}

impl fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OutputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OutputFormat::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown output format {s:?} (expected geojson, geojsonseq, csv or mentions)"
                )
            })
    }
}
