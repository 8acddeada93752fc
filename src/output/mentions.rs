//! The JSON Lines records of `extract`: one object per mention; also as point features for
//! `extract --output-format geojson|geojsonseq|csv`.

use std::io::Write;

use geojson::{Feature, Geometry, JsonObject, JsonValue, feature::Id};
use serde_json::json;

use super::delimited::{Column, ColumnType};
use super::round6;
use crate::gazetteer::Gazetteer;
use crate::input::Document;
use crate::resolve::Mention;

/// How many characters of context `extract` shows on each side of a mention.
pub const CONTEXT_CHARS: usize = 40;

/// Writes one JSON line for `mention`, found in the document `doc`.
pub fn write_mention(
    out: &mut dyn Write,
    gazetteer: &Gazetteer,
    doc: &Document,
    mention: &Mention,
) -> std::io::Result<()> {
    let record = mention_record(gazetteer, doc, mention);
    serde_json::to_writer(&mut *out, &record)?;
    out.write_all(b"\n")
}

/// The JSON object of one mention (the fields of [`MENTION_COLUMNS`] but `id`). Its offsets
/// are in the document's source, which for a part of a long plain text starts before the
/// document ([`Document::offset`]).
pub fn mention_record(gazetteer: &Gazetteer, doc: &Document, mention: &Mention) -> JsonValue {
    let place = gazetteer.place(mention.place as usize);
    let text = &doc.text;
    json!({
        "doc": doc.origin,
        "start": doc.offset + mention.start,
        "end": doc.offset + mention.end,
        "text": &text[mention.start..mention.end],
        "name_start": doc.offset + mention.name_start,
        "place": place.id,
        "name": place.name(),
        "name_ar": place.name_ar(),
        "kind": place.kind.as_str(),
        "country": place.country,
        "admin1": place.admin1,
        "lon": round6(place.lon),
        "lat": round6(place.lat),
        "adjective": mention.adjective,
        "confidence": (f64::from(mention.confidence) * 1000.0).round() / 1000.0,
        "context": context(text, mention.start, mention.end),
    })
}

/// The CSV columns of mention features, in order.
pub const MENTION_COLUMNS: [(&str, ColumnType); 17] = [
    ("id", ColumnType::String),
    ("lon", ColumnType::CoordX),
    ("lat", ColumnType::CoordY),
    ("doc", ColumnType::String),
    ("start", ColumnType::Integer),
    ("end", ColumnType::Integer),
    ("text", ColumnType::String),
    ("name_start", ColumnType::Integer),
    ("place", ColumnType::String),
    ("name", ColumnType::String),
    ("name_ar", ColumnType::String),
    ("kind", ColumnType::String),
    ("country", ColumnType::String),
    ("admin1", ColumnType::String),
    ("adjective", ColumnType::String),
    ("confidence", ColumnType::Real),
    ("context", ColumnType::String),
];

/// [`MENTION_COLUMNS`] as CSV columns.
pub fn mention_columns() -> Vec<Column> {
    MENTION_COLUMNS
        .iter()
        .map(|(n, k)| Column::new(n, *k))
        .collect()
}

/// One mention as a point feature with id `DOC#START` and the fields of [`mention_record`]
/// (but `lon`, `lat`) as properties.
pub fn mention_feature(gazetteer: &Gazetteer, doc: &Document, mention: &Mention) -> Feature {
    let place = gazetteer.place(mention.place as usize);
    let mut properties: JsonObject = match mention_record(gazetteer, doc, mention) {
        JsonValue::Object(o) => o,
        _ => JsonObject::new(),
    };
    properties.remove("lon");
    properties.remove("lat");
    Feature {
        bbox: None,
        geometry: Some(Geometry::new_point([round6(place.lon), round6(place.lat)])),
        id: Some(Id::String(format!(
            "{}#{}",
            doc.origin,
            doc.offset + mention.start
        ))),
        properties: Some(properties),
        foreign_members: None,
    }
}

/// Up to [`CONTEXT_CHARS`] characters on each side of `start..end`, on one line.
pub fn context(text: &str, start: usize, end: usize) -> String {
    let before: String = {
        let mut v: Vec<char> = text[..start].chars().rev().take(CONTEXT_CHARS).collect();
        v.reverse();
        v.into_iter().collect()
    };
    let after: String = text[end..].chars().take(CONTEXT_CHARS).collect();
    let s = format!("{before}{}{after}", &text[start..end]);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
