//! CSV output: columns and their GDAL types, cells, and the `.csvt` sidecar that tells GDAL
//! (and QGIS) the type of each column.

use std::io::{self, Write};
use std::path::Path;

use geojson::{Feature, GeometryValue, JsonValue, feature::Id};

use super::{Destination, write_error};
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

/// The columns for `features`: `id`, then `lon`, `lat` if every geometry is a point (else `wkt`),
/// then every property in order of first appearance, typed by the values it takes.
pub fn columns_of(features: &[Feature]) -> Vec<Column> {
    let points = features.iter().all(|f| {
        matches!(
            f.geometry.as_ref().map(|g| &g.value),
            Some(GeometryValue::Point { .. }) | None
        )
    });
    let mut cols = vec![Column::new("id", ColumnType::String)];
    if points {
        cols.push(Column::new("lon", ColumnType::CoordX));
        cols.push(Column::new("lat", ColumnType::CoordY));
    } else {
        cols.push(Column::new("wkt", ColumnType::Wkt));
    }
    let mut names: Vec<&str> = Vec::new();
    for f in features {
        for k in f.properties.iter().flat_map(|p| p.keys()) {
            if !names.contains(&k.as_str()) {
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
        let cols = columns_of(&fs);
        let kinds: Vec<(&str, &str)> = cols
            .iter()
            .map(|c| (c.name.as_str(), c.kind.csvt_name()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("id", "String"),
                ("lon", "CoordX"),
                ("lat", "CoordY"),
                ("mentions", "Integer"),
                ("period_start", "Date"),
                ("forms", "String"),
                ("c", "Real")
            ]
        );
        let mut row = Vec::new();
        write_row(&mut row, &cols, &fs[0]).unwrap();
        assert_eq!(
            String::from_utf8(row).unwrap(),
            "gn:1,36.5,35.25,3,,\"{\"\"a,b\"\":1}\",\r\n"
        );
    }
}
