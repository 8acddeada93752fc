//! `gazetteer import csv`: a user's spreadsheet (comma-separated, quoted as spreadsheets write
//! it) to our format.
//!
//! Columns are named by their header. Each name column gives one name a row (or several,
//! separated by `|`), tagged with `--lang` or, when the column is given as `LANG:COLUMN`, with
//! that language. Ids are `STEM:VALUE` with the file's stem as prefix: VALUE is the `--id-column`
//! cell (used as it is when it already has a `prefix:`), else the row's line number. Every error
//! names the file and line.

use crate::gazetteer::SmallText;
use std::path::{Path, PathBuf};

use ::csv::{ReaderBuilder, StringRecord};

use super::{ImportSummary, ImportedPlace, TsvWriter, push_name, usable_name, valid_language};
use crate::error::{SourceError, describe_io};
use crate::gazetteer::Kind;
use crate::output::{Destination, write_error};

/// What to read from the spreadsheet.
#[derive(Debug, Clone)]
pub struct CsvOptions {
    /// The spreadsheet file.
    pub file: PathBuf,
    /// Name columns, each `COLUMN` or `LANG:COLUMN`.
    pub name_columns: Vec<String>,
    /// The latitude column.
    pub lat_column: String,
    /// The longitude column.
    pub lon_column: String,
    /// The column holding each row's kind, if any.
    pub kind_column: Option<String>,
    /// The kind of every row when there is no kind column.
    pub kind: Kind,
    /// The column holding each row's country code, if any.
    pub country_column: Option<String>,
    /// The country code of every row when there is no country column.
    pub country: Option<String>,
    /// The column holding each row's id, if any.
    pub id_column: Option<String>,
    /// The column holding each row's population, if any.
    pub population_column: Option<String>,
    /// The column holding each row's first-level division, if any.
    pub admin1_column: Option<String>,
    /// The language of names from columns given without `LANG:`.
    pub lang: String,
    /// The field separator (`,` unless told).
    pub delimiter: u8,
}

impl CsvOptions {
    /// Options for `file` with the given name and coordinate columns and every other setting at
    /// its default (kind `populated_place`, language `und`, comma-separated).
    pub fn new(file: PathBuf, name_columns: Vec<String>, lat: &str, lon: &str) -> Self {
        CsvOptions {
            file,
            name_columns,
            lat_column: lat.into(),
            lon_column: lon.into(),
            kind_column: None,
            kind: Kind::PopulatedPlace,
            country_column: None,
            country: None,
            id_column: None,
            population_column: None,
            admin1_column: None,
            lang: "und".into(),
            delimiter: b',',
        }
    }
}

/// The column positions an import reads.
struct Layout {
    names: Vec<(String, usize)>,
    lat: usize,
    lon: usize,
    kind: Option<usize>,
    country: Option<usize>,
    id: Option<usize>,
    population: Option<usize>,
    admin1: Option<usize>,
}

/// Runs the import and writes the result to `output` (standard output when `None`).
pub fn import(opts: &CsvOptions, output: Option<&Path>) -> Result<ImportSummary, SourceError> {
    let file = opts.file.display().to_string();
    if !valid_language(&opts.lang) {
        return Err(SourceError::new(
            "--lang",
            format!("bad language tag {:?}", opts.lang),
        ));
    }
    let mut reader = ReaderBuilder::new()
        .delimiter(opts.delimiter)
        .flexible(true)
        .from_path(&opts.file)
        .map_err(|e| csv_error(&file, &e))?;
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error(&file, &e))?
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = if i == 0 {
                h.trim_start_matches('\u{feff}')
            } else {
                h
            };
            h.trim().to_string()
        })
        .collect();
    let layout = layout(opts, &headers).map_err(|m| SourceError::at_line(&file, 1, m))?;
    let prefix = id_prefix(&opts.file);
    let source = format!(
        "csv {}",
        opts.file.file_name().unwrap_or_default().to_string_lossy()
    );
    let out = Destination::create(output)?;
    let out_name = out.name();
    let comments = [format!(
        "imported by mentionmap gazetteer import csv from {}",
        opts.file.file_name().unwrap_or_default().to_string_lossy()
    )];
    let mut writer = TsvWriter::new(out, &comments).map_err(|e| write_error(&out_name, &e))?;
    let mut record = StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(&file, &e)),
        }
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let place = row(opts, &layout, &record, line, &prefix, &source)
            .map_err(|m| SourceError::at_line(&file, line, m))?;
        writer
            .write(&place)
            .map_err(|e| write_error(&out_name, &e))?;
    }
    writer.finish()
}

/// Finds every column the options name.
fn layout(opts: &CsvOptions, headers: &[String]) -> Result<Layout, String> {
    let find = |name: &str, flag: &str| -> Result<usize, String> {
        headers
            .iter()
            .position(|h| h == name)
            .or_else(|| headers.iter().position(|h| h.eq_ignore_ascii_case(name)))
            .ok_or_else(|| {
                format!(
                    "{flag}: no column {name:?} in the header (found: {})",
                    headers.join(", ")
                )
            })
    };
    let optional = |name: &Option<String>, flag: &str| name.as_deref().map(|n| find(n, flag));
    let mut names = Vec::new();
    for spec in &opts.name_columns {
        let tagged = spec
            .split_once(':')
            .filter(|(l, _)| valid_language(l) && find(spec, "").is_err());
        let (lang, col) = match tagged {
            Some((l, c)) => (l.to_ascii_lowercase(), c),
            None => (opts.lang.to_ascii_lowercase(), spec.as_str()),
        };
        names.push((lang, find(col, "--name-column")?));
    }
    if names.is_empty() {
        return Err("give at least one --name-column".into());
    }
    Ok(Layout {
        names,
        lat: find(&opts.lat_column, "--lat-column")?,
        lon: find(&opts.lon_column, "--lon-column")?,
        kind: optional(&opts.kind_column, "--kind-column").transpose()?,
        country: optional(&opts.country_column, "--country-column").transpose()?,
        id: optional(&opts.id_column, "--id-column").transpose()?,
        population: optional(&opts.population_column, "--population-column").transpose()?,
        admin1: optional(&opts.admin1_column, "--admin1-column").transpose()?,
    })
}

/// One spreadsheet row as a place.
fn row(
    opts: &CsvOptions,
    layout: &Layout,
    record: &StringRecord,
    line: usize,
    prefix: &str,
    source: &str,
) -> Result<ImportedPlace, String> {
    let get = |i: usize| record.get(i).map(str::trim).unwrap_or("");
    let mut names = Vec::new();
    for (lang, col) in &layout.names {
        for text in get(*col).split('|').filter_map(usable_name) {
            push_name(&mut names, lang, &text.replace(['\t', '\n', '\r'], " "));
        }
    }
    if names.is_empty() {
        return Err("no name in any name column".into());
    }
    let coord = |col: usize, what: &str, column: &str, max: f64| -> Result<f64, String> {
        let s = get(col);
        if s.is_empty() {
            return Err(format!("no {what} (column {column:?} is empty)"));
        }
        crate::gazetteer::tsv::parse_coordinate(s, what, max)
    };
    let lat = coord(layout.lat, "latitude", &opts.lat_column, 90.0)?;
    let lon = coord(layout.lon, "longitude", &opts.lon_column, 180.0)?;
    let kind = match layout.kind {
        Some(c) => get(c).to_ascii_lowercase().replace(' ', "_").parse()?,
        None => opts.kind,
    };
    let country = match layout.country {
        Some(c) => Some(get(c).to_string()).filter(|s| !s.is_empty()),
        None => opts.country.clone(),
    }
    .map(|c| country_code(&c))
    .transpose()?;
    let id = match layout.id.map(get) {
        Some("") => return Err("empty id".into()),
        Some(v) if v.contains(':') => v.to_string(),
        Some(v) => format!("{prefix}:{v}"),
        None => format!("{prefix}:{line}"),
    };
    let population = match layout.population.map(get) {
        None | Some("") => None,
        Some(s) => {
            let digits: String = s
                .chars()
                .filter(|c| !matches!(c, ',' | ' ' | '_'))
                .collect();
            let n: u64 = digits
                .parse()
                .map_err(|_| format!("population {s:?} is not a whole number"))?;
            (n > 0).then_some(n)
        }
    };
    Ok(ImportedPlace {
        id: id.into(),
        kind,
        country: country.map(SmallText::from),
        admin1: layout
            .admin1
            .map(get)
            .filter(|s| !s.is_empty())
            .map(SmallText::from),
        lat,
        lon,
        population,
        capital: false,
        names,
        source: source.into(),
    })
}

/// An upper-cased two-letter country code.
fn country_code(s: &str) -> Result<String, String> {
    if s.len() == 2 && s.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(s.to_ascii_uppercase())
    } else {
        Err(format!("country {s:?} is not an ISO 3166-1 alpha-2 code"))
    }
}

/// The id prefix for a file: its stem, lower-cased, letters, digits and `-` only.
fn id_prefix(path: &Path) -> String {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let slug: String = stem
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        "csv".into()
    } else {
        slug.to_string()
    }
}

/// A csv crate error as ours, with the line when it has one.
fn csv_error(file: &str, e: &::csv::Error) -> SourceError {
    let message = match e.kind() {
        ::csv::ErrorKind::Io(io) => describe_io(io),
        ::csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".into(),
        _ => e.to_string(),
    };
    match e.position() {
        Some(p) => SourceError::at_line(file, p.line() as usize, message),
        None => SourceError::new(file, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn name_columns_take_a_language() {
        let mut o = CsvOptions::new(
            "v.csv".into(),
            vec!["ar:Arabic".into(), "Name".into()],
            "lat",
            "lon",
        );
        o.lang = "en".into();
        let l = layout(&o, &headers(&["Name", "arabic", "Lat", "Lon"])).unwrap();
        assert_eq!(l.names, [("ar".to_string(), 1), ("en".to_string(), 0)]);
        assert_eq!((l.lat, l.lon), (2, 3));
        let e = layout(&o, &headers(&["Name", "Lat", "Lon"])).err().unwrap();
        assert!(e.contains("no column \"Arabic\""), "{e}");
    }

    #[test]
    fn ids_from_the_file_stem() {
        assert_eq!(id_prefix(Path::new("dir/My Villages.csv")), "my-villages");
        assert_eq!(id_prefix(Path::new("قرى.csv")), "csv");
    }
}
