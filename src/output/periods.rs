//! The features of a `--by` layer: one point per place and period.
//!
//! Each carries `period` (a label: `2019-03-04`, `2019-W10`, `2019-03`, `2019`), `period_start`
//! (the period's first day) and `period_end` (the first day *after* the period: the end is
//! exclusive, so that consecutive periods meet without gap or overlap, as QGIS's temporal
//! controller expects), plus `place_id` and the usual properties. Documents without a date make
//! features whose three period properties are null: counting them keeps the per-period counts
//! adding up to the totals, and QGIS shows such features in every frame.

use geojson::{Feature, feature::Id};
use serde_json::json;

use super::geojson::{ordered, place_properties, point_feature};
use crate::aggregate::Timeline;
use crate::aggregate::period::format_date;
use crate::gazetteer::Gazetteer;

/// The features of `timeline`: by period (undated first), then by mentions descending and id.
pub fn period_features(gazetteer: &Gazetteer, timeline: &Timeline) -> Vec<Feature> {
    let by = timeline.period();
    let mut out = Vec::new();
    for (start, counts) in timeline.periods() {
        let label = start.map(|s| by.label(s));
        for (place, count) in ordered(gazetteer, counts) {
            let mut p = place_properties(place, count);
            p.insert("place_id".into(), json!(place.id));
            p.insert("period".into(), json!(label));
            p.insert("period_start".into(), json!(start.map(format_date)));
            p.insert(
                "period_end".into(),
                json!(start.map(|s| format_date(by.end_after(s)))),
            );
            let mut f = point_feature(place, p);
            let suffix = label.as_deref().unwrap_or("undated");
            f.id = Some(Id::String(format!("{}@{suffix}", place.id)));
            out.push(f);
        }
    }
    out
}
