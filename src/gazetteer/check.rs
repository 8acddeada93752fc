//! `gazetteer check`: lints gazetteer files and reports every problem with its line.
//!
//! Unlike the loader, which stops at the first error, [`Checker`] reads every row and reports
//! all it finds: a header without `id` or `names`, an empty or unprefixed id, an id used twice in
//! one file, an unknown kind, a country code that does not exist, coordinates that are not
//! numbers, out of range or given alone, a population that is not a whole number, a `capital`
//! cell other than `yes` or `no`, a badly tagged name, a name that normalises to nothing, and a new place (an id no earlier file had) without
//! a kind, a point or a name. Files are checked in order as they would be loaded, so a row may
//! add names to a place of an earlier file.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Kind, embedded_place_files, tsv};
use crate::error::{SourceError, describe_io};
use crate::output::Destination;
use crate::text::Normalizer;

/// Codes that are not (or no longer) in ISO 3166-1 but that place data uses: Kosovo (XK), the
/// Netherlands Antilles (AN) and Serbia and Montenegro (CS), all three in GeoNames.
pub const RESERVED_COUNTRY_CODES: [&str; 3] = ["XK", "AN", "CS"];

/// The country codes a gazetteer row may use: the `country` column of the embedded
/// `countries.tsv` (every ISO 3166-1 alpha-2 country and territory) and
/// [`RESERVED_COUNTRY_CODES`].
pub fn country_codes() -> BTreeSet<String> {
    let mut codes: BTreeSet<String> = RESERVED_COUNTRY_CODES
        .iter()
        .map(|c| c.to_string())
        .collect();
    for (path, content) in embedded_place_files() {
        if !path.ends_with("countries.tsv") {
            continue;
        }
        if let Ok(rows) = tsv::parse(path, content) {
            codes.extend(rows.into_iter().filter_map(|r| r.country));
        }
    }
    codes
}

/// The `gazetteer check` command: checks `files` (the embedded default first when
/// `with_default` is set or no file is given), prints one `FILE:LINE: problem` line per problem
/// and a summary to standard output, and fails when there is any problem.
pub fn run(files: &[PathBuf], with_default: bool) -> Result<(), SourceError> {
    let mut checker = Checker::new();
    if with_default || files.is_empty() {
        checker.check_embedded();
    }
    for f in files {
        checker.check_file(f);
    }
    let summary = checker.summary();
    let mut out = Destination::create(None)?;
    let io = |e: std::io::Error| SourceError::new("-", describe_io(&e));
    for p in checker.problems() {
        writeln!(out, "{p}").map_err(io)?;
    }
    writeln!(out, "{summary}").map_err(io)?;
    out.finish()?;
    if summary.problems > 0 {
        return Err(SourceError::new("gazetteer check", summary.to_string()));
    }
    Ok(())
}

/// Reads gazetteer files one after another and collects their problems.
#[derive(Debug)]
pub struct Checker {
    countries: BTreeSet<String>,
    /// Ids of places defined by the files checked so far.
    known: HashSet<String>,
    problems: Vec<SourceError>,
    files: usize,
    rows: usize,
}

impl Default for Checker {
    fn default() -> Self {
        Self::new()
    }
}

impl Checker {
    /// A checker that knows no places yet.
    pub fn new() -> Self {
        Checker {
            countries: country_codes(),
            known: HashSet::new(),
            problems: Vec::new(),
            files: 0,
            rows: 0,
        }
    }

    /// Checks the embedded default's place files.
    pub fn check_embedded(&mut self) {
        for (path, content) in embedded_place_files() {
            self.check_str(path, content);
        }
    }

    /// Checks a file on disk.
    pub fn check_file(&mut self, path: &Path) {
        let name = path.display().to_string();
        match std::fs::read(path) {
            Err(e) => {
                self.files += 1;
                self.problems.push(SourceError::new(name, describe_io(&e)));
            }
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => self.check_str(&name, &text),
                Err(e) => {
                    let valid = e.utf8_error().valid_up_to();
                    let line = 1 + e.as_bytes()[..valid]
                        .iter()
                        .filter(|b| **b == b'\n')
                        .count();
                    let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                    self.check_str(&name, &text);
                    self.problems
                        .push(SourceError::at_line(name, line, "not valid UTF-8".into()));
                }
            },
        }
    }

    /// Checks gazetteer text; `file` names it in problems.
    pub fn check_str(&mut self, file: &str, content: &str) {
        self.files += 1;
        let mut lines = super::tsv::data_lines(content);
        let Some((hline, header)) = lines.next() else {
            self.problems
                .push(SourceError::new(file, "empty: no header line".into()));
            return;
        };
        let columns = match Columns::find(header.trim_start_matches('\u{feff}')) {
            Ok(c) => c,
            Err(m) => {
                self.problems.push(SourceError::at_line(file, hline, m));
                return;
            }
        };
        let mut first_line: HashMap<String, usize> = HashMap::new();
        for (n, line) in lines {
            self.rows += 1;
            let mut found = Vec::new();
            let id = check_row(&columns, line, &self.countries, &mut found);
            if let Some(id) = id {
                match first_line.get(&id) {
                    Some(first) => {
                        found.push(format!("duplicate id {id:?} (first on line {first})"))
                    }
                    None => {
                        if !self.known.contains(&id) {
                            self.new_place(&columns, line, &id, &mut found);
                        }
                        first_line.insert(id, n);
                    }
                }
            }
            self.problems
                .extend(found.into_iter().map(|m| SourceError::at_line(file, n, m)));
        }
        self.known.extend(first_line.into_keys());
    }

    /// A row with an id not seen before must define the place fully.
    fn new_place(&self, columns: &Columns, line: &str, id: &str, found: &mut Vec<String>) {
        let fields: Vec<&str> = line.split('\t').collect();
        let filled = |c: Option<usize>| {
            c.and_then(|i| fields.get(i))
                .is_some_and(|s| !s.trim().is_empty())
        };
        if !filled(columns.kind) {
            found.push(format!("new place {id:?} has no kind"));
        }
        if !filled(columns.lat) || !filled(columns.lon) {
            found.push(format!("new place {id:?} has no lat/lon"));
        }
        if !filled(Some(columns.names)) {
            found.push(format!("new place {id:?} has no names"));
        }
    }

    /// Every problem found so far, in file and line order.
    pub fn problems(&self) -> &[SourceError] {
        &self.problems
    }

    /// What was checked and how many problems it has.
    pub fn summary(&self) -> Summary {
        Summary {
            files: self.files,
            rows: self.rows,
            problems: self.problems.len(),
        }
    }
}

/// Counts of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Files read.
    pub files: usize,
    /// Data rows read.
    pub rows: usize,
    /// Problems found.
    pub problems: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = |n: usize| if n == 1 { "" } else { "s" };
        write!(
            f,
            "{} problem{} in {} row{} of {} file{}",
            self.problems,
            s(self.problems),
            self.rows,
            s(self.rows),
            self.files,
            s(self.files)
        )
    }
}

/// Column positions from a header line.
struct Columns {
    id: usize,
    kind: Option<usize>,
    country: Option<usize>,
    lat: Option<usize>,
    lon: Option<usize>,
    population: Option<usize>,
    capital: Option<usize>,
    names: usize,
}

impl Columns {
    fn find(header: &str) -> Result<Columns, String> {
        let names: Vec<&str> = header.split('\t').map(str::trim).collect();
        let find = |c: &str| names.iter().position(|h| h.eq_ignore_ascii_case(c));
        let need = |c: &str| {
            find(c)
                .ok_or_else(|| format!("header has no {c:?} column (found: {})", names.join(", ")))
        };
        Ok(Columns {
            id: need("id")?,
            kind: find("kind"),
            country: find("country"),
            lat: find("lat"),
            lon: find("lon"),
            population: find("population"),
            capital: find("capital"),
            names: need("names")?,
        })
    }
}

/// Checks the cells of one row, appending a message per problem; returns the row's id.
fn check_row(
    columns: &Columns,
    line: &str,
    countries: &BTreeSet<String>,
    found: &mut Vec<String>,
) -> Option<String> {
    let fields: Vec<&str> = line.split('\t').collect();
    let get = |c: Option<usize>| {
        c.and_then(|i| fields.get(i))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    };
    if let Some(k) = get(columns.kind)
        && let Err(m) = k.parse::<Kind>()
    {
        found.push(m);
    }
    if let Some(c) = get(columns.country)
        && !countries.contains(&c.to_ascii_uppercase())
    {
        found.push(format!(
            "country code {c:?} does not exist (ISO 3166-1 alpha-2)"
        ));
    }
    let lat = check_coordinate(get(columns.lat), "latitude", 90.0, found);
    let lon = check_coordinate(get(columns.lon), "longitude", 180.0, found);
    if lat != lon {
        found.push("lat and lon must be given together".into());
    }
    if let Some(p) = get(columns.population)
        && p.parse::<u64>().is_err()
    {
        found.push(format!("population {p:?} is not a whole number"));
    }
    if let Some(c) = get(columns.capital)
        && let Err(m) = tsv::parse_capital(c)
    {
        found.push(m);
    }
    if let Some(cell) = get(Some(columns.names)) {
        match tsv::parse_names(cell) {
            Err(m) => found.push(m),
            Ok(names) => {
                for n in names {
                    if Normalizer.key(&n.text).is_empty() {
                        found.push(format!("name {:?} normalises to nothing", n.text));
                    }
                }
            }
        }
    }
    let Some(id) = get(Some(columns.id)) else {
        found.push("empty id".into());
        return None;
    };
    match id.split_once(':') {
        Some((p, v)) if !p.is_empty() && !v.is_empty() => {}
        _ => found.push(format!(
            "id {id:?} is not written prefix:value (e.g. mm:{id})"
        )),
    }
    Some(id.to_string())
}

/// Checks a coordinate cell; returns whether it is given.
fn check_coordinate(cell: Option<&str>, what: &str, max: f64, found: &mut Vec<String>) -> bool {
    let Some(s) = cell else {
        return false;
    };
    if let Err(problem) = super::tsv::parse_coordinate(s, what, max) {
        found.push(problem);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "id\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\tnames\tsource\n";

    fn problems(files: &[(&str, &str)]) -> Vec<String> {
        let mut c = Checker::new();
        for (name, text) in files {
            c.check_str(name, &format!("{HEAD}{text}"));
        }
        c.problems().iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn a_good_file_has_no_problems() {
        let p = problems(&[(
            "ok.tsv",
            "mm:a\tcamp\tSY\t\t36.4\t40.9\t\ten:Al-Hol Camp|ar:مخيم الهول\tcurated\n",
        )]);
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn every_problem_has_its_line() {
        let p = problems(&[(
            "bad.tsv",
            "mm:a\tcamp\tSY\t\t36.4\t40.9\t\ten:A\t\n\
             mm:a\tvillage\tZZ\t\t95\t\t12x\ten:B|ar:،\t\n\
             b\tpopulated_place\tSY\t\t1\t2\t\t\t\n",
        )]);
        let expected = [
            "bad.tsv:3: unknown kind \"village\"",
            "bad.tsv:3: country code \"ZZ\" does not exist",
            "bad.tsv:3: latitude 95 is out of range",
            "bad.tsv:3: lat and lon must be given together",
            "bad.tsv:3: population \"12x\" is not a whole number",
            "bad.tsv:3: name \"،\" normalises to nothing",
            "bad.tsv:3: duplicate id \"mm:a\" (first on line 2)",
            "bad.tsv:4: id \"b\" is not written prefix:value",
            "bad.tsv:4: new place \"b\" has no names",
        ];
        assert_eq!(p.len(), expected.len(), "{p:#?}");
        for (got, want) in p.iter().zip(expected) {
            assert!(got.starts_with(want), "{got} / {want}");
        }
    }

    #[test]
    fn a_capital_cell_is_yes_or_no() {
        let mut c = Checker::new();
        c.check_str(
            "cap.tsv",
            "id\tkind\tlat\tlon\tcapital\tnames\n\
             mm:a\tpopulated_place\t1\t2\tYes\ten:A\n\
             mm:b\tpopulated_place\t1\t2\tno\ten:B\n\
             mm:c\tpopulated_place\t1\t2\tcapital\ten:C\n",
        );
        let p: Vec<String> = c.problems().iter().map(|p| p.to_string()).collect();
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].starts_with("cap.tsv:4: capital \"capital\" is neither"),
            "{p:?}"
        );
    }

    #[test]
    fn later_files_may_add_names_to_earlier_places() {
        let p = problems(&[
            ("a.tsv", "mm:a\tcamp\tSY\t\t36.4\t40.9\t\ten:A\t\n"),
            (
                "b.tsv",
                "mm:a\t\t\t\t\t\t\tar:الهول\t\nmm:c\t\t\t\t\t\t\tar:س\t\n",
            ),
        ]);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].starts_with("b.tsv:3: new place \"mm:c\" has no kind"));
        assert!(p[1].starts_with("b.tsv:3: new place \"mm:c\" has no lat/lon"));
    }

    #[test]
    fn country_list_is_complete() {
        let c = country_codes();
        for code in ["SY", "IQ", "XK", "PS", "EH", "SS", "US"] {
            assert!(c.contains(code), "{code}");
        }
        assert!(!c.contains("ZZ"));
    }
}
