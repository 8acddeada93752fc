//! `gazetteer import geonames`: the GeoNames dump files to our format.
//!
//! Reads a places file in the GeoNames main format (`allCountries.txt`, `cities500.txt`, a
//! country's `SY.txt`: 19 tab-separated columns) and `alternateNamesV2.txt` (10 columns; the older
//! 8-column `alternateNames.txt` works too). Nothing is read whole: the places file is streamed
//! twice (once to choose the places, once to write them) and the alternate names once, keeping
//! only the names of chosen places, so memory grows with what is kept, not with the dump.
//!
//! Names of a place, in the order written:
//! - the main GeoNames name, tagged `en` when it is in Latin script (else `und`), and its ASCII
//!   form when that normalises differently, always kept whatever `--languages` says;
//! - the alternate names whose `isolanguage` passes `--languages` (`zh` also passes `zh-CN`; an
//!   empty `isolanguage` is `und`). GeoNames' pseudo-languages (`link`, `post`, `iata`, `icao`,
//!   `faac`, `wkdt`, `abbr`, `unlc`, `phon`, `piny`, `tcid`, `fr_1793`) are never names and are
//!   dropped. Colloquial and historic names are kept as ordinary names;
//! - languages in the order of `--languages` (else of first appearance), the main name's
//!   language first; inside a language the preferred names (`isPreferredName` = 1) first, so a
//!   preferred `en` name becomes the display name and a preferred `ar` name the `name_ar`;
//! - a text already written (in any language) is not written again; names the format cannot
//!   hold or that normalise to nothing are dropped; a place left without a name is skipped.
//!
//! Kinds come from the feature class and code (table in [`kind_for_feature`]); a national
//! capital (`P.PPLC`) gets `capital` = `yes`; ids are `gn:<geonameid>`; `admin1` is filled only from an `admin1CodesASCII.txt` given with
//! `--admin1-codes`.

use crate::gazetteer::SmallText;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use super::{ImportSummary, ImportedPlace, TsvWriter, kind_for_feature, push_name, usable_name};
use crate::error::{SourceError, describe_io};
use crate::gazetteer::{Kind, Name};
use crate::output::{Destination, write_error};
use crate::text::Normalizer;

/// What to import and how to filter it.
#[derive(Debug, Clone, Default)]
pub struct GeonamesOptions {
    /// The places file (`allCountries.txt`, `cities500.txt`...).
    pub places: PathBuf,
    /// The alternate names file (`alternateNamesV2.txt`).
    pub alternate_names: PathBuf,
    /// `admin1CodesASCII.txt`, to fill the `admin1` column.
    pub admin1_codes: Option<PathBuf>,
    /// Keep only places with these country codes (upper case); empty keeps all.
    pub countries: Vec<String>,
    /// Keep only alternate names in these languages (lower case); empty keeps all.
    pub languages: Vec<String>,
    /// Keep only places with at least this population (0 keeps all, including unknown).
    pub min_population: u64,
}

/// GeoNames `isolanguage` values that are not languages: codes, links and identifiers.
const PSEUDO_LANGUAGES: [&str; 12] = [
    "link", "post", "iata", "icao", "faac", "wkdt", "abbr", "unlc", "phon", "piny", "tcid",
    "fr_1793",
];

/// Columns of the GeoNames main format.
const PLACE_COLUMNS: usize = 19;

/// Runs the import and writes the result to `output` (standard output when `None`).
pub fn import(opts: &GeonamesOptions, output: Option<&Path>) -> Result<ImportSummary, SourceError> {
    let admin1 = match &opts.admin1_codes {
        Some(p) => read_admin1_codes(p)?,
        None => HashMap::new(),
    };
    let kept = choose_places(opts)?;
    let mut alternates = read_alternate_names(opts, &kept)?;
    let comments = vec![
        format!(
            "imported by mentionmap gazetteer import geonames from {} and {}",
            file_name(&opts.places),
            file_name(&opts.alternate_names)
        ),
        "Contains data from GeoNames (geonames.org), CC BY 4.0".to_string(),
    ];
    let out = Destination::create(output)?;
    let name = out.name();
    let mut writer = TsvWriter::new(out, &comments).map_err(|e| write_error(&name, &e))?;
    let source = format!("geonames {}", file_name(&opts.places));
    let mut places = TabFile::open(&opts.places)?;
    while places.next()? {
        let rec = parse_place(places.line()).map_err(|m| places.error(m))?;
        if !kept.contains(&rec.id) {
            continue;
        }
        let alts = alternates.remove(&rec.id).unwrap_or_default();
        let names = names_of(&rec, &alts, &opts.languages);
        if names.is_empty() {
            continue;
        }
        let admin1_name = (!rec.admin1.is_empty())
            .then(|| admin1.get(&format!("{}.{}", rec.country, rec.admin1)))
            .flatten()
            .cloned();
        let place = ImportedPlace {
            id: format!("gn:{}", rec.id).into(),
            kind: rec.kind.expect("kept places have a kind"),
            country: (!rec.country.is_empty()).then(|| rec.country.into()),
            admin1: admin1_name.map(SmallText::from),
            lat: rec.lat,
            lon: rec.lon,
            population: (rec.population > 0).then_some(rec.population),
            capital: rec.capital,
            names,
            source: match rec.modified {
                "" => source.as_str().into(),
                d => format!("{source} (modified {d})").into(),
            },
        };
        writer.write(&place).map_err(|e| write_error(&name, &e))?;
    }
    writer.finish()
}

/// First pass over the places file: the ids of the places to import (and every line checked).
fn choose_places(opts: &GeonamesOptions) -> Result<HashSet<u64>, SourceError> {
    let mut kept = HashSet::new();
    let mut file = TabFile::open(&opts.places)?;
    while file.next()? {
        let rec = parse_place(file.line()).map_err(|m| file.error(m))?;
        let wanted = rec.kind.is_some()
            && (opts.countries.is_empty() || opts.countries.iter().any(|c| c == rec.country))
            && (opts.min_population == 0 || rec.population >= opts.min_population);
        if wanted {
            kept.insert(rec.id);
        }
    }
    Ok(kept)
}

/// One alternate name of a kept place.
#[derive(Debug, Clone, PartialEq)]
struct AltName {
    lang: Box<str>,
    text: Box<str>,
    preferred: bool,
}

/// The alternate names of the `kept` places whose language is wanted, by geonameid.
fn read_alternate_names(
    opts: &GeonamesOptions,
    kept: &HashSet<u64>,
) -> Result<HashMap<u64, Vec<AltName>>, SourceError> {
    let mut out: HashMap<u64, Vec<AltName>> = HashMap::new();
    let mut file = TabFile::open(&opts.alternate_names)?;
    while file.next()? {
        let f: Vec<&str> = file.line().split('\t').collect();
        if f.len() < 4 {
            return Err(file.error(format!(
                "expected at least 4 tab-separated columns (alternateNameId, geonameid, \
                 isolanguage, alternate name), found {}",
                f.len()
            )));
        }
        let id = whole_number(f[1], "geonameid").map_err(|m| file.error(m))?;
        if !kept.contains(&id) {
            continue;
        }
        let Some(lang) = language(f[2], &opts.languages) else {
            continue;
        };
        let Some(text) = usable_name(f[3]) else {
            continue;
        };
        out.entry(id).or_default().push(AltName {
            lang: lang.into(),
            text: text.into(),
            preferred: f.get(4).is_some_and(|v| v.trim() == "1"),
        });
    }
    Ok(out)
}

/// The language tag an `isolanguage` value is written under, or `None` when the name is to be
/// dropped (a pseudo-language, an unwritable tag, or a language not in `wanted`).
fn language(isolanguage: &str, wanted: &[String]) -> Option<String> {
    let raw = isolanguage.trim().to_ascii_lowercase();
    if PSEUDO_LANGUAGES.contains(&raw.as_str()) {
        return None;
    }
    let lang = if raw.is_empty() {
        "und".to_string()
    } else {
        raw.replace('_', "-")
    };
    if !super::valid_language(&lang) {
        return None;
    }
    let passes = wanted.is_empty()
        || wanted.iter().any(|w| {
            lang == *w
                || lang
                    .strip_prefix(w.as_str())
                    .is_some_and(|r| r.starts_with('-'))
        });
    passes.then_some(lang)
}

/// `CC.code` → name, from `admin1CodesASCII.txt`.
fn read_admin1_codes(path: &Path) -> Result<HashMap<String, String>, SourceError> {
    let mut out = HashMap::new();
    let mut file = TabFile::open(path)?;
    while file.next()? {
        let f: Vec<&str> = file.line().split('\t').collect();
        let name = f.get(1).map(|s| s.trim()).unwrap_or("");
        let name = if name.is_empty() {
            f.get(2).map(|s| s.trim()).unwrap_or("")
        } else {
            name
        };
        if f.len() < 2 || !f[0].contains('.') || name.is_empty() {
            return Err(file.error(
                "expected CC.code<TAB>name<TAB>asciiname<TAB>geonameid (admin1CodesASCII.txt)"
                    .into(),
            ));
        }
        out.insert(f[0].trim().to_string(), name.to_string());
    }
    Ok(out)
}

/// The columns of a places line that the import uses.
#[derive(Debug, Clone, PartialEq)]
struct PlaceRecord<'a> {
    id: u64,
    name: &'a str,
    ascii_name: &'a str,
    lat: f64,
    lon: f64,
    kind: Option<Kind>,
    country: &'a str,
    admin1: &'a str,
    population: u64,
    capital: bool,
    modified: &'a str,
}

/// Parses one line of the GeoNames main format.
fn parse_place(line: &str) -> Result<PlaceRecord<'_>, String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() != PLACE_COLUMNS {
        return Err(format!(
            "expected {PLACE_COLUMNS} tab-separated columns (GeoNames places: geonameid, name, \
             asciiname, alternatenames, latitude, longitude, feature class, feature code, \
             country code, ...), found {}",
            f.len()
        ));
    }
    let coord = |s: &str, what: &str, max: f64| -> Result<f64, String> {
        let v: f64 = s
            .trim()
            .parse()
            .map_err(|_| format!("{what} {s:?} is not a number"))?;
        if !v.is_finite() || v.abs() > max {
            return Err(format!("{what} {v} is out of range (±{max})"));
        }
        Ok(v)
    };
    let (name, ascii_name) = (f[1].trim(), f[2].trim());
    Ok(PlaceRecord {
        id: whole_number(f[0], "geonameid")?,
        name,
        ascii_name,
        lat: coord(f[4], "latitude", 90.0)?,
        lon: coord(f[5], "longitude", 180.0)?,
        kind: kind_for_feature(f[6].trim(), f[7].trim(), &[name, ascii_name]),
        country: f[8].trim(),
        admin1: f[10].trim(),
        population: match f[14].trim() {
            "" => 0,
            s => whole_number(s, "population")?,
        },
        capital: (f[6].trim(), f[7].trim()) == ("P", "PPLC"),
        modified: f[18].trim(),
    })
}

fn whole_number(s: &str, what: &str) -> Result<u64, String> {
    s.trim()
        .parse()
        .map_err(|_| format!("{what} {s:?} is not a whole number"))
}

/// The names of a place in the order described in the module documentation.
fn names_of(rec: &PlaceRecord, alts: &[AltName], languages: &[String]) -> Vec<Name> {
    let main_lang = if is_latin(rec.name) { "en" } else { "und" };
    let mut order: Vec<&str> = vec![main_lang];
    let listed = languages.iter().map(String::as_str);
    let seen = alts.iter().map(|a| &*a.lang);
    for l in listed.chain(seen) {
        if !order.contains(&l) {
            order.push(l);
        }
    }
    let mut names = Vec::new();
    for lang in order {
        let of_lang = |a: &&AltName| &*a.lang == lang;
        for a in alts.iter().filter(of_lang).filter(|a| a.preferred) {
            push_name(&mut names, &a.lang, &a.text);
        }
        if lang == main_lang {
            if let Some(n) = usable_name(rec.name) {
                push_name(&mut names, main_lang, n);
            }
            if let Some(a) = usable_name(rec.ascii_name)
                && Normalizer.key(a) != Normalizer.key(rec.name)
            {
                push_name(&mut names, "en", a);
            }
        }
        for a in alts.iter().filter(of_lang).filter(|a| !a.preferred) {
            push_name(&mut names, &a.lang, &a.text);
        }
    }
    names
}

/// Whether every letter of `s` is a Latin letter (and it has one).
fn is_latin(s: &str) -> bool {
    let mut letters = s.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some()
        && letters.all(|c| {
            c.is_ascii_alphabetic()
                || ('\u{00C0}'..='\u{024F}').contains(&c)
                || ('\u{1E00}'..='\u{1EFF}').contains(&c)
        })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// A text file read one line at a time, remembering the line number for errors.
struct TabFile {
    name: String,
    reader: BufReader<File>,
    buf: Vec<u8>,
    text: String,
    line: usize,
}

impl TabFile {
    fn open(path: &Path) -> Result<Self, SourceError> {
        let name = path.display().to_string();
        let file = File::open(path).map_err(|e| SourceError::new(&name, describe_io(&e)))?;
        Ok(TabFile {
            name,
            reader: BufReader::with_capacity(1 << 20, file),
            buf: Vec::new(),
            text: String::new(),
            line: 0,
        })
    }

    /// Moves to the next line that is neither blank nor a `#` comment; `false` at the end.
    fn next(&mut self) -> Result<bool, SourceError> {
        loop {
            self.buf.clear();
            let n = self
                .reader
                .read_until(b'\n', &mut self.buf)
                .map_err(|e| SourceError::new(&self.name, describe_io(&e)))?;
            if n == 0 {
                return Ok(false);
            }
            self.line += 1;
            while matches!(self.buf.last(), Some(b'\n' | b'\r')) {
                self.buf.pop();
            }
            let text = std::str::from_utf8(&self.buf).map_err(|_| {
                SourceError::at_line(&self.name, self.line, "not valid UTF-8".into())
            })?;
            let text = if self.line == 1 {
                text.trim_start_matches('\u{feff}')
            } else {
                text
            };
            if text.trim().is_empty() || text.starts_with('#') {
                continue;
            }
            self.text.clear();
            self.text.push_str(text);
            return Ok(true);
        }
    }

    /// The current line, without its line break.
    fn line(&self) -> &str {
        &self.text
    }

    /// An error about the current line.
    fn error(&self, message: String) -> SourceError {
        SourceError::at_line(&self.name, self.line, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RAQQA: &str = "163915\tAr Raqqah\tAr Raqqah\tRaqqa,الرقة\t35.95283\t39.00788\tP\tPPLA\tSY\t\t04\t\t\t\t177636\t\t250\tAsia/Damascus\t2023-01-01";

    fn alt(lang: &str, text: &str, preferred: bool) -> AltName {
        AltName {
            lang: lang.into(),
            text: text.into(),
            preferred,
        }
    }

    #[test]
    fn parses_a_place_line() {
        let r = parse_place(RAQQA).unwrap();
        assert_eq!(r.id, 163915);
        assert_eq!(r.kind, Some(Kind::PopulatedPlace));
        assert_eq!((r.country, r.admin1, r.population), ("SY", "04", 177636));
        assert!(
            !r.capital,
            "a division's seat (PPLA) is no national capital"
        );
        let line = RAQQA.replace("\tPPLA\t", "\tPPLC\t");
        assert!(parse_place(&line).unwrap().capital);
        let bad = RAQQA.replace("35.95283", "north");
        assert!(
            parse_place(&bad)
                .unwrap_err()
                .contains("latitude \"north\"")
        );
        assert!(parse_place("1\tx").unwrap_err().contains("found 2"));
    }

    #[test]
    fn preferred_names_lead_their_language() {
        let r = parse_place(RAQQA).unwrap();
        let alts = [
            alt("ar", "الرقه", false),
            alt("en", "Raqqa", true),
            alt("ar", "الرقة", true),
            alt("de", "Raqqa", false),
        ];
        let names: Vec<String> = names_of(&r, &alts, &[])
            .iter()
            .map(|n| format!("{}:{}", n.lang, n.text))
            .collect();
        assert_eq!(names, ["en:Raqqa", "en:Ar Raqqah", "ar:الرقة", "ar:الرقه"]);
    }

    #[test]
    fn languages_filter_and_pseudo_codes() {
        let wanted = vec!["ar".to_string(), "zh".to_string()];
        assert_eq!(language("ar", &wanted).as_deref(), Some("ar"));
        assert_eq!(language("zh-CN", &wanted).as_deref(), Some("zh-cn"));
        assert_eq!(language("fr", &wanted), None);
        assert_eq!(language("iata", &[]), None);
        assert_eq!(language("", &[]).as_deref(), Some("und"));
        assert_eq!(language("fr_1793", &[]), None);
    }
}
