//! The GeoJSON FeatureCollection of `count` (schema in README.md).

use std::io::Write;

use geojson::{Feature, Geometry, JsonObject, JsonValue, feature::Id};
use serde_json::json;

use super::writer::write_layer;
use super::{OutputFormat, round6};
use crate::aggregate::{PlaceCount, PlaceCounts};
use crate::gazetteer::{Gazetteer, Place};

/// What the `mentionmap` foreign member says about the run.
#[derive(Debug, Clone)]
pub struct RunInfo {
    /// Number of documents read.
    pub documents: u64,
    /// Documents without a date, when dates were expected.
    pub undated: Option<u64>,
    /// The attribution the gazetteer data requires.
    pub attribution: String,
}

/// The properties shared by every output format: one place and its count.
pub fn place_properties(place: &Place, count: &PlaceCount) -> JsonObject {
    let mut p = JsonObject::new();
    p.insert("name".into(), json!(place.name()));
    p.insert("name_ar".into(), json!(place.name_ar()));
    p.insert("kind".into(), json!(place.kind.as_str()));
    p.insert("country".into(), json!(place.country));
    p.insert("admin1".into(), json!(place.admin1));
    p.insert("mentions".into(), json!(count.mentions));
    p.insert("documents".into(), json!(count.documents));
    p.insert(
        "confidence".into(),
        json!((count.confidence() * 1000.0).round() / 1000.0),
    );
    if count.first_seen.is_some() {
        p.insert("first_seen".into(), json!(count.first_seen));
        p.insert("last_seen".into(), json!(count.last_seen));
    }
    let forms: JsonObject = count
        .forms_in_order()
        .into_iter()
        .map(|(f, n)| (f.to_string(), json!(n)))
        .collect();
    p.insert("forms".into(), JsonValue::Object(forms));
    p
}

/// A Point feature for one place.
pub fn point_feature(place: &Place, properties: JsonObject) -> Feature {
    Feature {
        bbox: None,
        geometry: Some(Geometry::new_point([round6(place.lon), round6(place.lat)])),
        id: Some(Id::String(place.id.to_string())),
        properties: Some(properties),
        foreign_members: None,
    }
}

/// Places in output order: mentions descending, then id.
pub fn ordered<'a>(
    gazetteer: &'a Gazetteer,
    counts: &'a PlaceCounts,
) -> Vec<(&'a Place, &'a PlaceCount)> {
    let mut v: Vec<_> = counts
        .iter()
        .map(|(p, c)| (gazetteer.place(p as usize), c))
        .collect();
    v.sort_by(|a, b| {
        b.1.mentions
            .cmp(&a.1.mentions)
            .then_with(|| a.0.id.cmp(&b.0.id))
    });
    v
}

/// The `mentionmap` foreign member.
pub fn run_member(info: &RunInfo) -> JsonValue {
    let mut m = json!({
        "version": env!("CARGO_PKG_VERSION"),
        "documents": info.documents,
    });
    if let Some(u) = info.undated {
        m["undated_documents"] = json!(u);
    }
    m["attribution"] = json!(info.attribution);
    m
}

/// The features of `counts`: one point per place, in [`ordered`] order.
pub fn place_features(gazetteer: &Gazetteer, counts: &PlaceCounts) -> Vec<Feature> {
    ordered(gazetteer, counts)
        .into_iter()
        .map(|(place, count)| point_feature(place, place_properties(place, count)))
        .collect()
}

/// The foreign members of a layer: `mentionmap`, the [`run_member`].
pub fn members(info: &RunInfo) -> JsonObject {
    let mut foreign = JsonObject::new();
    foreign.insert("mentionmap".into(), run_member(info));
    foreign
}

/// Writes the FeatureCollection of `counts`.
pub fn write_feature_collection(
    out: &mut dyn Write,
    gazetteer: &Gazetteer,
    counts: &PlaceCounts,
    info: &RunInfo,
) -> std::io::Result<()> {
    let features = place_features(gazetteer, counts);
    write_layer(
        out,
        OutputFormat::Geojson,
        &members(info),
        Vec::new(),
        &features,
    )?;
    Ok(())
}
