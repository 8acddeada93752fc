//! The co-mention layer of `--edges`: one LineString per pair of places mentioned together.
//!
//! Properties: `source` and `target` (place ids, `source` < `target`), `source_name`,
//! `target_name`, `source_name_ar`, `target_name_ar`, `weight` (number of documents that
//! co-mention them within the scope) and, for the sentence scope, `sentences`.

use geojson::{Feature, Geometry, GeometryValue, JsonObject, feature::Id};
use serde_json::json;

use super::round6;
use crate::aggregate::{EdgeCounts, EdgeScope};
use crate::gazetteer::Gazetteer;

/// The edges of weight `min_weight` or more: by weight descending, then by ids.
pub fn edge_features(gazetteer: &Gazetteer, edges: &EdgeCounts, min_weight: u64) -> Vec<Feature> {
    let mut v: Vec<_> = edges
        .at_least(min_weight)
        .map(|((a, b), c)| {
            let (a, b) = (gazetteer.place(a as usize), gazetteer.place(b as usize));
            if a.id <= b.id { (a, b, c) } else { (b, a, c) }
        })
        .collect();
    v.sort_by(|x, y| {
        y.2.documents
            .cmp(&x.2.documents)
            .then_with(|| x.0.id.cmp(&y.0.id))
            .then_with(|| x.1.id.cmp(&y.1.id))
    });
    v.into_iter()
        .map(|(a, b, c)| {
            let mut p = JsonObject::new();
            p.insert("source".into(), json!(a.id));
            p.insert("target".into(), json!(b.id));
            p.insert("source_name".into(), json!(a.name()));
            p.insert("target_name".into(), json!(b.name()));
            p.insert("source_name_ar".into(), json!(a.name_ar()));
            p.insert("target_name_ar".into(), json!(b.name_ar()));
            p.insert("weight".into(), json!(c.documents));
            if edges.scope() == EdgeScope::Sentence {
                p.insert("sentences".into(), json!(c.sentences));
            }
            let line = [
                [round6(a.lon), round6(a.lat)],
                [round6(b.lon), round6(b.lat)],
            ];
            Feature {
                bbox: None,
                geometry: Some(Geometry::new(GeometryValue::new_line_string(line))),
                id: Some(Id::String(format!("{}--{}", a.id, b.id))),
                properties: Some(p),
                foreign_members: None,
            }
        })
        .collect()
}
