//! CSV output: columns and their GDAL types, cells, and the `.csvt` sidecar that tells GDAL
//! (and QGIS) the type of each column.

use std::io::{self, Write};
use std::path::Path;

use geojson::{Feature, GeometryValue, JsonValue, feature::Id};

use super::{Destination, LayerKind, write_error};
use crate::aggregate::period::parse_date;
use crate::error::SourceError;

/// The type of a CSV column, as GDAL's `.csvt` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Whole numbers.
    Integer,
    /// Other numbers.
    Real,
    /// Text (and JSON-encoded objects such as `forms`).
    String,
    /// ISO dates (`YYYY-MM-DD`).
    Date,
    /// The longitude of a point.
    CoordX,
    /// The latitude of a point.
    CoordY,
    /// A geometry as Well-Known Text.
    Wkt,
}

impl ColumnType {
    /// The name GDAL's `.csvt` uses.
    pub fn csvt_name(self) -> &'static str {
        match self {
            ColumnType::Integer => "Integer",
            ColumnType::Real => "Real",
            ColumnType::String => "String",
            ColumnType::Date => "Date",
            ColumnType::CoordX => "CoordX",
            ColumnType::CoordY => "CoordY",
            ColumnType::Wkt => "WKT",
        }
    }
}

/// One CSV column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its header.
    pub name: String,
    /// Its type.
    pub kind: ColumnType,
}

impl Column {
    /// A column named `name` of type `kind`.
    pub fn new(name: &str, kind: ColumnType) -> Self {
        Column {
            name: name.to_string(),
            kind,
        }
    }
}

/// The properties of a place, in the order of the CSV columns (README.md, "Output schema").
/// These lists repeat the names that `geojson.rs`, `periods.rs` and `edges.rs` write; the test
/// `a_csv_layer_has_the_same_columns_whatever_the_data` (tests/output_formats.rs) fails when a
/// writer's property is missing from them.
const PLACE_COLUMNS: &[(&str, ColumnType)] = &[
    ("name", ColumnType::String),
    ("name_ar", ColumnType::String),
    ("kind", ColumnType::String),
    ("country", ColumnType::String),
    ("admin1", ColumnType::String),
    ("mentions", ColumnType::Integer),
    ("documents", ColumnType::Integer),
    ("confidence", ColumnType::Real),
    ("first_seen", ColumnType::Date),
    ("last_seen", ColumnType::Date),
    ("forms", ColumnType::String),
];

/// The properties a period adds to a place's (`--by`).
const PERIOD_COLUMNS: &[(&str, ColumnType)] = &[
    ("place_id", ColumnType::String),
    ("period", ColumnType::String),
    ("period_start", ColumnType::Date),
    ("period_end", ColumnType::Date),
];

/// The properties of a co-mention edge (`sentences` only with `--edges-scope sentence`).
const EDGE_COLUMNS: &[(&str, ColumnType)] = &[
    ("source", ColumnType::String),
    ("target", ColumnType::String),
    ("source_name", ColumnType::String),
    ("target_name", ColumnType::String),
    ("source_name_ar", ColumnType::String),
    ("target_name_ar", ColumnType::String),
    ("weight", ColumnType::Integer),
    ("sentences", ColumnType::Integer),
];

/// The columns of a `count` layer of `kind`: `id`, then `lon`, `lat` for points or `wkt` for
/// lines, then the layer's properties, the same whatever the data (a layer without dates still
/// has `first_seen` and `last_seen`, empty, so that what reads one run's CSV reads the next
/// one's), then any other property of `features`, typed by the values it takes.
pub fn columns_of(kind: LayerKind, features: &[Feature]) -> Vec<Column> {
    let mut cols = vec![Column::new("id", ColumnType::String)];
    let known: Vec<(&str, ColumnType)> = match kind {
        LayerKind::Places => PLACE_COLUMNS.to_vec(),
        LayerKind::Periods => [PLACE_COLUMNS, PERIOD_COLUMNS].concat(),
        LayerKind::Edges => EDGE_COLUMNS.to_vec(),
    };
    if kind == LayerKind::Edges {
        cols.push(Column::new("wkt", ColumnType::Wkt));
    } else {
        cols.push(Column::new("lon", ColumnType::CoordX));
        cols.push(Column::new("lat", ColumnType::CoordY));
    }
    cols.extend(known.iter().map(|&(name, kind)| Column::new(name, kind)));
    let mut names: Vec<&str> = Vec::new();
    for f in features {
        for k in f.properties.iter().flat_map(|p| p.keys()) {
            if !names.contains(&k.as_str()) && !known.iter().any(|(n, _)| n == k) {
                names.push(k);
            }
        }
    }
    for name in names {
        let values = features
            .iter()
            .filter_map(|f| f.properties.as_ref()?.get(name));
        cols.push(Column::new(name, type_of(values)));
    }
    cols
}

/// The narrowest type that holds every non-null value of `values`.
fn type_of<'a>(values: impl Iterator<Item = &'a JsonValue>) -> ColumnType {
    let mut kind: Option<ColumnType> = None;
    for v in values {
        let k = match v {
            JsonValue::Null => continue,
            JsonValue::Number(n) if n.is_i64() || n.is_u64() => ColumnType::Integer,
            JsonValue::Number(_) => ColumnType::Real,
            JsonValue::String(s) if s.len() == 10 && parse_date(s).is_some() => ColumnType::Date,
            _ => ColumnType::String,
        };
        kind = Some(match (kind, k) {
            (None, k) => k,
            (Some(a), b) if a == b => a,
            (Some(ColumnType::Integer), ColumnType::Real)
            | (Some(ColumnType::Real), ColumnType::Integer) => ColumnType::Real,
            _ => ColumnType::String,
        });
    }
    kind.unwrap_or(ColumnType::String)
}

/// Writes the `.csvt` line for `columns`.
pub fn write_csvt(out: &mut dyn Write, columns: &[Column]) -> io::Result<()> {
    let types: Vec<String> = columns
        .iter()
        .map(|c| format!("\"{}\"", c.kind.csvt_name()))
        .collect();
    writeln!(out, "{}", types.join(","))
}

/// Writes the `.csvt` of `columns` for the CSV file `csv` (same name, extension `.csvt`); the
/// caller puts it in place with [`Destination::finish`] once the CSV is written too.
pub fn csvt_beside(csv: &Path, columns: &[Column]) -> Result<Destination, SourceError> {
    let mut out = Destination::create(Some(&csv.with_extension("csvt")))?;
    write_csvt(&mut out, columns).map_err(|e| write_error(&out.name(), &e))?;
    Ok(out)
}

/// Writes the header row.
pub fn write_header(out: &mut dyn Write, columns: &[Column]) -> io::Result<()> {
    let cells: Vec<String> = columns.iter().map(|c| quote(&c.name)).collect();
    out.write_all(cells.join(",").as_bytes())?;
    out.write_all(b"\r\n")
}

/// Writes the row of `feature`.
pub fn write_row(out: &mut dyn Write, columns: &[Column], feature: &Feature) -> io::Result<()> {
    let cells: Vec<String> = columns.iter().map(|c| quote(&cell(c, feature))).collect();
    out.write_all(cells.join(",").as_bytes())?;
    out.write_all(b"\r\n")
}

fn cell(column: &Column, feature: &Feature) -> String {
    let geometry = feature.geometry.as_ref().map(|g| &g.value);
    match (column.kind, geometry) {
        (ColumnType::CoordX, Some(GeometryValue::Point { coordinates: p })) => {
            return p[0].to_string();
        }
        (ColumnType::CoordY, Some(GeometryValue::Point { coordinates: p })) => {
            return p[1].to_string();
        }
        (ColumnType::Wkt, Some(g)) => return wkt(g),
        (ColumnType::CoordX | ColumnType::CoordY | ColumnType::Wkt, _) => return String::new(),
        _ => {}
    }
    if column.name == "id" {
        match &feature.id {
            Some(Id::String(s)) => return s.clone(),
            Some(Id::Number(n)) => return n.to_string(),
            None => {}
        }
    }
    match feature
        .properties
        .as_ref()
        .and_then(|p| p.get(&column.name))
    {
        None | Some(JsonValue::Null) => String::new(),
        Some(JsonValue::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

/// The Well-Known Text of points and line strings (the geometries mentionmap writes).
fn wkt(g: &GeometryValue) -> String {
    let pos = |p: &geojson::Position| format!("{} {}", p[0], p[1]);
    match g {
        GeometryValue::Point { coordinates: p } => format!("POINT ({})", pos(p)),
        GeometryValue::LineString { coordinates: l } => {
            let pts: Vec<String> = l.iter().map(pos).collect();
            format!("LINESTRING ({})", pts.join(", "))
        }
        _ => String::new(),
    }
}

/// A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break.
pub fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn feature(props: JsonValue) -> Feature {
        Feature {
            bbox: None,
            geometry: Some(geojson::Geometry::new_point([36.5, 35.25])),
            id: Some(Id::String("gn:1".into())),
            properties: props.as_object().cloned(),
            foreign_members: None,
        }
    }

    #[test]
    fn types_and_cells() {
        let fs = vec![
            feature(json!({"mentions": 3, "period_start": null, "forms": {"a,b": 1}})),
            feature(json!({"mentions": 1, "period_start": "2019-03-01", "c": 0.5})),
        ];
        let cols = columns_of(LayerKind::Periods, &fs);
        let kinds: Vec<(&str, &str)> = cols
            .iter()
            .map(|c| (c.name.as_str(), c.kind.csvt_name()))
            .collect();
        assert_eq!(
            kinds.len(),
            3 + PLACE_COLUMNS.len() + PERIOD_COLUMNS.len() + 1
        );
        assert_eq!(
            kinds[..3],
            [("id", "String"), ("lon", "CoordX"), ("lat", "CoordY")]
        );
        for column in [
            ("mentions", "Integer"),
            ("period_start", "Date"),
            ("forms", "String"),
        ] {
            assert!(kinds.contains(&column), "{column:?}");
        }
        assert_eq!(
            kinds.last(),
            Some(&("c", "Real")),
            "a property beyond the schema"
        );
        let pick = |name: &str| cols.iter().find(|c| c.name == name).unwrap().clone();
        let picked = [
            pick("id"),
            pick("mentions"),
            pick("period_start"),
            pick("forms"),
        ];
        let mut row = Vec::new();
        write_row(&mut row, &picked, &fs[0]).unwrap();
        assert_eq!(
            String::from_utf8(row).unwrap(),
            "gn:1,3,,\"{\"\"a,b\"\":1}\"\r\n"
        );
    }

    #[test]
    fn the_columns_do_not_depend_on_the_data() {
        let header = |kind, fs: &[Feature]| -> Vec<String> {
            columns_of(kind, fs).into_iter().map(|c| c.name).collect()
        };
        let dated = feature(json!({"mentions": 1, "first_seen": "2019-03-01"}));
        assert_eq!(
            header(LayerKind::Places, &[]),
            header(LayerKind::Places, &[dated])
        );
        let edges = header(LayerKind::Edges, &[]);
        assert_eq!(edges[..2], ["id", "wkt"]);
        assert_eq!(edges.last().map(String::as_str), Some("sentences"));
    }
}
