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
    /// The formats of a map layer (what `count` writes).
    pub const LAYERS: [OutputFormat; 3] = [
        OutputFormat::Geojson,
        OutputFormat::Geojsonseq,
        OutputFormat::Csv,
    ];

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

    /// The extension a file of this format is named with.
    fn extension(self) -> &'static str {
        match self {
            OutputFormat::Geojson => ".geojson",
            OutputFormat::Geojsonseq => ".geojsons",
            OutputFormat::Csv => ".csv",
            OutputFormat::Mentions => ".jsonl",
        }
    }

    /// The format a run writes to `path` (`None` or `-`: standard output): the one `-F` named
    /// (`flag`: `Some(None)` when the option exists but was not given, `None` where `-F` does
    /// not apply), else the one the file's extension names, else `default`. A name whose
    /// extension names a format the command does not write (`accepts`: `count -o x.jsonl`) is
    /// an error, where the file would hold something its name does not promise; one whose
    /// extension names no format at all (`.txt`, `.kml`) gets `default` and, as the second
    /// value, a warning that says so. `.json` names GeoJSON, or JSON Lines where only those
    /// are written (`extract --explain -o decisions.json`).
    pub fn choose(
        flag: Option<Option<OutputFormat>>,
        path: Option<&Path>,
        default: OutputFormat,
        accepts: &[OutputFormat],
    ) -> Result<(OutputFormat, Option<String>), String> {
        let names = || {
            let list: Vec<_> = accepts.iter().map(|f| f.extension()).collect();
            let named = match list.split_last() {
                Some((last, [])) => last.to_string(),
                Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                None => String::new(),
            };
            let or_flag = if flag.is_some() {
                ", or choose a format with -F"
            } else {
                ""
            };
            format!("name the file {named}{or_flag}")
        };
        if let Some(Some(f)) = flag {
            return Ok((f, None));
        }
        let Some(ext) = path
            .filter(|p| p.as_os_str() != "-")
            .and_then(|p| p.extension())
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
        else {
            return Ok((default, None));
        };
        match OutputFormat::from_extension(Path::new(&format!("x.{ext}"))) {
            Some(f) if accepts.contains(&f) => Ok((f, None)),
            // `.json` also suits JSON Lines, where GeoJSON is not written.
            Some(OutputFormat::Geojson)
                if ext == "json" && accepts.contains(&OutputFormat::Mentions) =>
            {
                Ok((OutputFormat::Mentions, None))
            }
            Some(f) => Err(format!(
                "a .{ext} name asks for {f}, which is not written here: {}",
                names()
            )),
            None => Ok((
                default,
                Some(format!(
                    "written as {default}: .{ext} names no format this command writes ({})",
                    names()
                )),
            )),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn choose(path: &str, accepts: &[OutputFormat]) -> Result<(OutputFormat, bool), String> {
        OutputFormat::choose(None, Some(Path::new(path)), accepts[0], accepts)
            .map(|(format, warning)| (format, warning.is_some()))
    }

    #[test]
    fn a_json_name_is_geojson_or_json_lines_by_what_is_written() {
        let all = OutputFormat::ALL;
        let only_lines = [OutputFormat::Mentions];
        assert_eq!(choose("x.json", &all), Ok((OutputFormat::Geojson, false)));
        assert_eq!(
            choose("x.JSON", &only_lines),
            Ok((OutputFormat::Mentions, false))
        );
        assert_eq!(
            choose("x.kml", &only_lines),
            Ok((OutputFormat::Mentions, true))
        );
        assert!(choose("x.geojson", &only_lines).is_err());
        assert!(choose("x.jsonl", &OutputFormat::LAYERS).is_err());
    }
}
