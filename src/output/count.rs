//! Writing everything `count` produces: the place layer (or the `--by` layer) in the chosen
//! format, its `.csvt` and `.qml` sidecars, and the `--edges` layer.

use std::io::Write;
use std::path::{Path, PathBuf};

use geojson::Feature;
use serde_json::json;

use super::delimited::{columns_of, write_csvt_beside};
use super::edges::edge_features;
use super::geojson::{RunInfo, members, place_features};
use super::periods::period_features;
use super::qml::{StyleKind, layer_style};
use super::write_error;
use super::writer::write_layer;
use super::{Destination, OutputFormat};
use crate::aggregate::Collector;
use crate::error::SourceError;
use crate::gazetteer::Gazetteer;

/// Where and how `count` writes.
#[derive(Debug, Clone)]
pub struct CountOutput {
    /// The format of the place layer (not [`OutputFormat::Mentions`]).
    pub format: OutputFormat,
    /// The file of the place layer, or `None` for standard output.
    pub path: Option<PathBuf>,
    /// Write a QGIS style `FILE.qml` beside the layer (also done for any `FILE.geojson`).
    pub qgis_style: bool,
    /// The file of the co-mention layer, if wanted (its format follows its extension).
    pub edges: Option<PathBuf>,
    /// The least weight (documents) of an edge written.
    pub min_weight: u64,
}

impl CountOutput {
    /// Whether a `.qml` is written beside the place layer.
    pub fn writes_style(&self) -> bool {
        self.qgis_style
            || self
                .path
                .as_deref()
                .is_some_and(|p| OutputFormat::from_extension(p) == Some(OutputFormat::Geojson))
    }
}

/// Writes the layers of `collector`, as `output` says.
pub fn write_count(
    gazetteer: &Gazetteer,
    collector: &Collector,
    info: &RunInfo,
    output: &CountOutput,
) -> Result<(), SourceError> {
    if output.format == OutputFormat::Mentions {
        return Err(SourceError::new(
            "--output-format",
            "count writes geojson, geojsonseq or csv (mentions is for extract)".into(),
        ));
    }
    if output.qgis_style && output.path.is_none() {
        return Err(SourceError::new(
            "--qgis-style",
            "needs -o FILE: the style is written beside it".into(),
        ));
    }
    let mut info = info.clone();
    let features = match &collector.timeline {
        Some(t) => {
            info.undated = Some(t.undated);
            period_features(gazetteer, t)
        }
        None => place_features(gazetteer, &collector.totals),
    };
    let mut m = members(&info);
    if let (Some(t), Some(run)) = (&collector.timeline, m.get_mut("mentionmap")) {
        run["by"] = json!(t.period().as_str());
        run["period_end"] = json!("exclusive");
    }
    write_features(output.path.as_deref(), output.format, &m, &features)?;
    if output.writes_style()
        && let Some(path) = &output.path
    {
        let kind = if collector.timeline.is_some() {
            StyleKind::Periods
        } else {
            StyleKind::Places
        };
        let qml = layer_style(kind, &features);
        write_file(&path.with_extension("qml"), qml.as_bytes())?;
    }
    if let (Some(path), Some(edges)) = (&output.edges, &collector.edges) {
        let features = edge_features(gazetteer, edges, output.min_weight);
        let format = match OutputFormat::from_extension(path) {
            Some(f) if f != OutputFormat::Mentions => f,
            _ => OutputFormat::Geojson,
        };
        write_features(Some(path), format, &members(&info), &features)?;
        if format == OutputFormat::Geojson {
            let qml = layer_style(StyleKind::Edges, &features);
            write_file(&path.with_extension("qml"), qml.as_bytes())?;
        }
    }
    Ok(())
}

/// Writes `features` to `path` (or standard output) in `format`, with a `.csvt` beside a CSV
/// file.
pub fn write_features(
    path: Option<&Path>,
    format: OutputFormat,
    members: &geojson::JsonObject,
    features: &[Feature],
) -> Result<(), SourceError> {
    let columns = if format == OutputFormat::Csv {
        columns_of(features)
    } else {
        Vec::new()
    };
    if let (Some(path), OutputFormat::Csv) = (path, format) {
        write_csvt_beside(path, &columns)?;
    }
    let mut out = Destination::create(path)?;
    write_layer(&mut out, format, members, columns, features)
        .map_err(|e| write_error(&out.name(), &e))?;
    out.finish()
}

/// Writes `bytes` to `path` atomically.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), SourceError> {
    let mut out = Destination::create(Some(path))?;
    out.write_all(bytes)
        .map_err(|e| write_error(&out.name(), &e))?;
    out.finish()
}
