//! Reading the gazetteer file format (TSV, described in `gazetteer/README.md`).

use super::place::{Kind, Name, Role};
use crate::error::SourceError;

/// One data row of a gazetteer file, before it is merged into a [`Gazetteer`](super::Gazetteer).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based line number in its file.
    pub line: usize,
    /// The `id` column.
    pub id: String,
    /// The `kind` column, if filled.
    pub kind: Option<Kind>,
    /// The `country` column, if filled (upper-cased).
    pub country: Option<String>,
    /// The `admin1` column, if filled.
    pub admin1: Option<String>,
    /// The `lat` and `lon` columns, if both filled.
    pub point: Option<(f64, f64)>,
    /// The `population` column, if filled.
    pub population: Option<u64>,
    /// The `capital` column, if filled (`yes` or `no`).
    pub capital: Option<bool>,
    /// The `names` column.
    pub names: Vec<Name>,
    /// The `source` column, if filled.
    pub source: Option<String>,
}

/// Column positions found in a header line.
struct Columns {
    id: usize,
    kind: Option<usize>,
    country: Option<usize>,
    admin1: Option<usize>,
    lat: Option<usize>,
    lon: Option<usize>,
    population: Option<usize>,
    capital: Option<usize>,
    names: usize,
    source: Option<usize>,
}

/// The lines of a gazetteer file that hold data (header included): 1-based line numbers, line
/// ends stripped, blank and `#` comment lines skipped.
pub fn data_lines(content: &str) -> impl Iterator<Item = (usize, &str)> {
    content
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

/// Parses a coordinate cell: a finite number within ±`max`; `what` names it in errors.
pub fn parse_coordinate(cell: &str, what: &str, max: f64) -> Result<f64, String> {
    let v: f64 = cell
        .parse()
        .map_err(|_| format!("{what} {cell:?} is not a number"))?;
    if !v.is_finite() || v.abs() > max {
        return Err(format!("{what} {v} is out of range (±{max})"));
    }
    Ok(v)
}

/// Parses a whole gazetteer file; `file` names it in errors.
pub fn parse(file: &str, content: &str) -> Result<Vec<Row>, SourceError> {
    let err = |line: usize, msg: String| SourceError::at_line(file, line, msg);
    let mut lines = data_lines(content);
    let Some((hline, header)) = lines.next() else {
        return Err(SourceError::new(
            file,
            "empty gazetteer: expected a header line (id, kind, lat, lon, names...)".into(),
        ));
    };
    let header = header.trim_start_matches('\u{feff}');
    let cols = columns(header).map_err(|m| err(hline, m))?;
    let mut rows = Vec::new();
    for (n, line) in lines {
        rows.push(parse_row(&cols, line).map_err(|m| err(n, m))?.with_line(n));
    }
    Ok(rows)
}

fn columns(header: &str) -> Result<Columns, String> {
    let names: Vec<&str> = header.split('\t').map(str::trim).collect();
    let find = |c: &str| names.iter().position(|h| h.eq_ignore_ascii_case(c));
    let need = |c: &str| {
        find(c).ok_or_else(|| format!("header has no {c:?} column (found: {})", names.join(", ")))
    };
    Ok(Columns {
        id: need("id")?,
        kind: find("kind"),
        country: find("country"),
        admin1: find("admin1"),
        lat: find("lat"),
        lon: find("lon"),
        population: find("population"),
        capital: find("capital"),
        names: need("names")?,
        source: find("source"),
    })
}

impl Row {
    fn with_line(mut self, line: usize) -> Row {
        self.line = line;
        self
    }
}

fn parse_row(cols: &Columns, line: &str) -> Result<Row, String> {
    let fields: Vec<&str> = line.split('\t').collect();
    let get = |i: Option<usize>| {
        i.and_then(|i| fields.get(i))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    };
    let id = get(Some(cols.id)).ok_or("empty id")?.to_string();
    let kind = get(cols.kind).map(str::parse::<Kind>).transpose()?;
    let country = get(cols.country)
        .map(|c| {
            if c.len() == 2 && c.chars().all(|x| x.is_ascii_alphabetic()) {
                Ok(c.to_ascii_uppercase())
            } else {
                Err(format!("country {c:?} is not an ISO 3166-1 alpha-2 code"))
            }
        })
        .transpose()?;
    let coord = |i: Option<usize>, what: &str, max: f64| -> Result<Option<f64>, String> {
        get(i).map(|s| parse_coordinate(s, what, max)).transpose()
    };
    let lat = coord(cols.lat, "latitude", 90.0)?;
    let lon = coord(cols.lon, "longitude", 180.0)?;
    let point = match (lat, lon) {
        (Some(a), Some(o)) => Some((a, o)),
        (None, None) => None,
        _ => return Err("lat and lon must be given together".into()),
    };
    let population = get(cols.population)
        .map(|s| {
            s.parse::<u64>()
                .map_err(|_| format!("population {s:?} is not a whole number"))
        })
        .transpose()?;
    let capital = get(cols.capital).map(parse_capital).transpose()?;
    let names = get(Some(cols.names))
        .map(parse_names)
        .transpose()?
        .unwrap_or_default();
    Ok(Row {
        line: 0,
        id,
        kind,
        country,
        admin1: get(cols.admin1).map(str::to_string),
        point,
        population,
        capital,
        names,
        source: get(cols.source).map(str::to_string),
    })
}

/// Parses a `capital` cell: `yes` or `no` (any case).
pub fn parse_capital(cell: &str) -> Result<bool, String> {
    if cell.eq_ignore_ascii_case("yes") {
        Ok(true)
    } else if cell.eq_ignore_ascii_case("no") {
        Ok(false)
    } else {
        Err(format!("capital {cell:?} is neither \"yes\" nor \"no\""))
    }
}

/// Parses a `names` cell: `LANG:NAME` or `LANG/ROLE:NAME` items separated by `|`.
pub fn parse_names(cell: &str) -> Result<Vec<Name>, String> {
    let mut out = Vec::new();
    for item in cell.split('|').map(str::trim).filter(|s| !s.is_empty()) {
        let (tag, text) = item
            .split_once(':')
            .ok_or_else(|| format!("name {item:?} has no language tag (write it as en:{item})"))?;
        let (lang, role) = match tag.split_once('/') {
            None => (tag, Role::Name),
            Some((l, "adj")) => (l, Role::Adjective),
            Some((_, r)) => {
                return Err(format!("unknown name role {r:?} in {item:?} (known: adj)"));
            }
        };
        let lang = lang.trim();
        if lang.is_empty() || !lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(format!("bad language tag {lang:?} in {item:?}"));
        }
        let text = text.trim();
        if text.is_empty() {
            return Err(format!("empty name in {item:?}"));
        }
        out.push(Name {
            text: text.into(),
            lang: lang.to_ascii_lowercase().into(),
            role,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "id\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\tnames\tsource\n";

    #[test]
    fn parses_a_row() {
        let text = format!(
            "{HEAD}# comment\nmm:x\tcamp\tsy\tDamascus\t33.47\t36.30\t\ten:Yarmouk Camp|ar:مخيم اليرموك|ar/adj:يرموكي\tcurated\n"
        );
        let rows = parse("t.tsv", &text).unwrap();
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(r.line, 3);
        assert_eq!(r.kind, Some(Kind::Camp));
        assert_eq!(r.country.as_deref(), Some("SY"));
        assert_eq!(r.point, Some((33.47, 36.30)));
        assert_eq!(r.names.len(), 3);
        assert_eq!(r.names[2].role, Role::Adjective);
    }

    #[test]
    fn errors_name_file_and_line() {
        let text = format!("{HEAD}mm:x\tcamp\tSY\t\t95\t36\t\ten:X\t\n");
        let e = parse("my.tsv", &text).unwrap_err().to_string();
        assert!(e.starts_with("my.tsv:2:"), "{e}");
        assert!(e.contains("latitude 95"), "{e}");
        let text = format!("{HEAD}mm:x\tcamp\tSY\t\t30\t36\t\tX\t\n");
        let e = parse("my.tsv", &text).unwrap_err().to_string();
        assert!(e.contains("language tag"), "{e}");
        let e = parse("h.tsv", "name\tlat\n").unwrap_err().to_string();
        assert!(e.starts_with("h.tsv:1:") && e.contains("\"id\""), "{e}");
    }
}
