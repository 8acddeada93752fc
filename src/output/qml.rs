//! QGIS layer styles (`.qml`) written beside a layer, which QGIS applies when it opens it.
//!
//! The templates under `qml/` were written from a style that QGIS 3.22 saved for the same
//! renderer built in PyQGIS, and keep only what the style needs: a single-symbol renderer whose
//! circle diameter is `scale_linear(sqrt("mentions"), ...)`, so that circle *area* is
//! proportional to the count; rule-based labels (`coalesce("name_ar", "name")`, DejaVu Sans,
//! the one installed font with Arabic glyphs) for the most mentioned places, with
//! `labelsEnabled="1"`; and for `--by` layers the temporal settings on `period_start` and
//! `period_end` (features from the start, inclusive, to the end, exclusive).

use geojson::Feature;

use super::LayerKind;

/// The places template.
const PLACES: &str = include_str!("qml/places.qml");
/// The edges template.
const EDGES: &str = include_str!("qml/edges.qml");

/// How many of the largest features get a label.
pub const LABELLED: usize = 15;
/// The diameter of the largest circle, millimetres.
pub const MAX_DIAMETER_MM: f64 = 14.0;
/// The diameter below which circles are not shrunk, millimetres (so every place stays visible).
pub const MIN_DIAMETER_MM: f64 = 1.2;

/// The QML style for a layer of `kind` made of `features` (the scale and the label threshold
/// follow their counts).
pub fn layer_style(kind: LayerKind, features: &[Feature]) -> String {
    style_of_counts(kind, &counts_of(kind, features))
}

/// The counts that style a layer of `kind`, of each of `features` that has one: `weight` for
/// edges, `mentions` otherwise.
pub fn counts_of(kind: LayerKind, features: &[Feature]) -> Vec<u64> {
    let key = match kind {
        LayerKind::Edges => "weight",
        LayerKind::Places | LayerKind::Periods => "mentions",
    };
    features
        .iter()
        .filter_map(|f| f.properties.as_ref()?.get(key)?.as_u64())
        .collect()
}

/// The QML style for a layer of `kind` whose features have the counts `counts` (see
/// [`counts_of`]), in any order.
pub fn style_of_counts(kind: LayerKind, counts: &[u64]) -> String {
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    match kind {
        LayerKind::Edges => {
            let width = format!("scale_linear(\"weight\", 1, {}, 0.3, 2.5)", max.max(2));
            EDGES.replace("{{WIDTH_EXPRESSION}}", &attr(&width))
        }
        LayerKind::Places | LayerKind::Periods => {
            let temporal = kind == LayerKind::Periods;
            let size = format!(
                "max({MIN_DIAMETER_MM}, scale_linear(sqrt(\"mentions\"), 0, sqrt({max}), 0, {MAX_DIAMETER_MM}))"
            );
            let filter = format!("\"mentions\" >= {}", label_threshold(counts));
            PLACES
                .replace("{{SIZE_EXPRESSION}}", &attr(&size))
                .replace("{{LABEL_FILTER}}", &attr(&filter))
                .replace("{{TEMPORAL_ENABLED}}", if temporal { "1" } else { "0" })
                .replace(
                    "{{START_FIELD}}",
                    if temporal { "period_start" } else { "" },
                )
                .replace("{{END_FIELD}}", if temporal { "period_end" } else { "" })
                .replace(
                    "{{TEMPORAL_NOTE}}",
                    if temporal {
                        ", and time from period_start (inclusive) to period_end (exclusive)"
                    } else {
                        ""
                    },
                )
                .replace(
                    "{{MAPTIP_PERIOD}}",
                    if temporal { ", [% \"period\" %]" } else { "" },
                )
        }
    }
}

/// The least count a feature needs to be among the [`LABELLED`] largest (ties included).
fn label_threshold(counts: &[u64]) -> u64 {
    let mut counts = counts.to_vec();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    counts
        .get(LABELLED.min(counts.len()).saturating_sub(1))
        .copied()
        .unwrap_or(1)
        .max(1)
}

/// `s` escaped for an XML attribute value.
fn attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn f(mentions: u64) -> Feature {
        Feature {
            bbox: None,
            geometry: None,
            id: None,
            properties: json!({ "mentions": mentions }).as_object().cloned(),
            foreign_members: None,
        }
    }

    #[test]
    fn fills_the_template() {
        let fs: Vec<Feature> = (1..=20).map(f).collect();
        let q = layer_style(LayerKind::Periods, &fs);
        assert!(!q.contains("{{"));
        assert!(q.contains("labelsEnabled=\"1\""));
        assert!(q.contains("filter=\"&quot;mentions&quot; &gt;= 6\""));
        assert!(q.contains("sqrt(20)"));
        assert!(q.contains("startField=\"period_start\""));
        let p = layer_style(LayerKind::Places, &fs[..3]);
        assert!(p.contains("&gt;= 1\"") && p.contains("enabled=\"0\" mode=\"2\""));
        assert!(!layer_style(LayerKind::Edges, &[]).contains("{{"));
    }
}
