//! The places of a layer written by `count`, read back for drawing.

use std::collections::BTreeMap;

use geojson::{Feature, GeoJson, GeometryValue, JsonObject, JsonValue, feature::Id};

/// One place to draw, with its counts summed over the layer's features (a `--by` layer has one
/// feature per place and period).
#[derive(Debug, Clone, PartialEq)]
pub struct MapPlace {
    /// Place id (`gn:170063`).
    pub id: String,
    /// English (or Latin-script) name.
    pub name: String,
    /// Arabic name, if any.
    pub name_ar: Option<String>,
    /// Longitude, degrees.
    pub lon: f64,
    /// Latitude, degrees.
    pub lat: f64,
    /// Number of mentions.
    pub mentions: u64,
    /// Number of documents.
    pub documents: u64,
    /// Surface forms by count, most frequent first.
    pub forms: Vec<(String, u64)>,
}

impl MapPlace {
    /// The name shown on the map: the Arabic name if there is one, else the name.
    pub fn label(&self) -> &str {
        self.name_ar.as_deref().unwrap_or(&self.name)
    }
}

/// A layer read back: its places and what its `mentionmap` member says.
#[derive(Debug, Clone, PartialEq)]
pub struct MapLayer {
    /// The places, by mentions descending, then id.
    pub places: Vec<MapPlace>,
    /// Number of documents counted, if the layer says.
    pub documents: Option<u64>,
    /// The attribution the place data requires, if the layer says.
    pub attribution: Option<String>,
}

/// Reads a GeoJSON FeatureCollection (or a GeoJSON text sequence) of point features with a
/// `mentions` property.
pub fn read_layer(text: &str) -> Result<MapLayer, String> {
    let mut run = None;
    let features: Vec<Feature> = if text.trim_start().starts_with('\x1e') {
        text.split('\x1e')
            .filter(|s| !s.trim().is_empty())
            .map(|s| s.parse::<Feature>().map_err(|e| e.to_string()))
            .collect::<Result<_, _>>()?
    } else {
        match text.parse::<GeoJson>().map_err(|e| e.to_string())? {
            GeoJson::FeatureCollection(fc) => {
                run = fc.foreign_members.and_then(|mut m| m.remove("mentionmap"));
                fc.features
            }
            GeoJson::Feature(f) => vec![f],
            GeoJson::Geometry(_) => return Err("a bare geometry has no counts".into()),
        }
    };
    let run = run.unwrap_or(JsonValue::Null);
    let places = places_of(&features);
    if places.is_empty() && !features.is_empty() {
        let lines = features.iter().any(|f| {
            f.geometry
                .as_ref()
                .is_some_and(|g| matches!(g.value, GeometryValue::LineString { .. }))
        });
        return Err(if lines {
            "a layer of lines (count --edges), not of places: render draws the point layer that \
             count writes"
                .into()
        } else {
            "no point features: render draws the point layer that count writes".into()
        });
    }
    Ok(MapLayer {
        places,
        documents: run.get("documents").and_then(JsonValue::as_u64),
        attribution: run
            .get("attribution")
            .and_then(JsonValue::as_str)
            .map(str::to_string),
    })
}

/// The places of `features`, summed per place id.
fn places_of(features: &[Feature]) -> Vec<MapPlace> {
    let mut by_id: BTreeMap<String, MapPlace> = BTreeMap::new();
    let mut forms: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    for (i, f) in features.iter().enumerate() {
        let Some(GeometryValue::Point { coordinates: p }) = f.geometry.as_ref().map(|g| &g.value)
        else {
            continue;
        };
        let empty = JsonObject::new();
        let props = f.properties.as_ref().unwrap_or(&empty);
        let text_of = |k: &str| props.get(k).and_then(JsonValue::as_str).map(str::to_string);
        let num = |k: &str| props.get(k).and_then(JsonValue::as_u64).unwrap_or(0);
        let id = text_of("place_id")
            .or_else(|| match &f.id {
                Some(Id::String(s)) => Some(s.clone()),
                Some(Id::Number(n)) => Some(n.to_string()),
                None => None,
            })
            .unwrap_or_else(|| format!("feature {i}"));
        let place = by_id.entry(id.clone()).or_insert_with(|| MapPlace {
            id: id.clone(),
            name: text_of("name").unwrap_or_else(|| id.clone()),
            name_ar: text_of("name_ar"),
            lon: p[0],
            lat: p[1],
            mentions: 0,
            documents: 0,
            forms: Vec::new(),
        });
        place.mentions += num("mentions");
        place.documents += num("documents");
        if let Some(JsonValue::Object(fs)) = props.get("forms") {
            let mine = forms.entry(id).or_default();
            for (form, n) in fs {
                *mine.entry(form.clone()).or_default() += n.as_u64().unwrap_or(0);
            }
        }
    }
    let mut places: Vec<MapPlace> = by_id.into_values().collect();
    for p in &mut places {
        if let Some(fs) = forms.remove(&p.id) {
            p.forms = fs.into_iter().collect();
            p.forms
                .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
    }
    places.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
    places
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_periods_per_place() {
        let fc = r#"{"type":"FeatureCollection","features":[
 {"type":"Feature","id":"gn:1@2019-01","geometry":{"type":"Point","coordinates":[39,36]},
  "properties":{"place_id":"gn:1","name":"Raqqa","name_ar":"الرقة","mentions":2,"documents":1,"forms":{"الرقة":2}}},
 {"type":"Feature","id":"gn:1@2019-02","geometry":{"type":"Point","coordinates":[39,36]},
  "properties":{"place_id":"gn:1","name":"Raqqa","name_ar":"الرقة","mentions":3,"documents":2,"forms":{"الرقة":1,"بالرقة":2}}},
 {"type":"Feature","id":"gn:2","geometry":{"type":"Point","coordinates":[44,33]},
  "properties":{"name":"Baghdad","mentions":4,"documents":1}}]}"#;
        let places = read_layer(fc).unwrap().places;
        assert_eq!(places.len(), 2);
        assert_eq!(
            (
                places[0].id.as_str(),
                places[0].mentions,
                places[0].documents
            ),
            ("gn:1", 5, 3)
        );
        assert_eq!(places[0].forms[0], ("الرقة".to_string(), 3));
        assert_eq!(places[0].label(), "الرقة");
        assert_eq!(places[1].label(), "Baghdad");
    }
}
