//! Writing everything `count` produces: the place layer (or the `--by` layer) in the chosen
//! format, its `.csvt` and `.qml` sidecars, and the `--edges` layer.

use std::io::Write;
use std::path::{Path, PathBuf};

use geojson::Feature;
use serde_json::json;

use super::delimited::{columns_of, csvt_beside};
use super::edges::edge_features;
use super::geojson::{RunInfo, members, ordered, place_features, write_places};
use super::periods::period_features;
use super::qml::{counts_of, layer_style, style_of_counts};
use super::write_error;
use super::writer::write_layer;
use super::{Destination, LayerKind, OutputFormat, is_stdout};
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
    /// Write a QGIS style `FILE.qml` beside the layer (done anyway for a GeoJSON file).
    pub qgis_style: bool,
    /// The file of the co-mention layer, if wanted (its format follows its extension).
    pub edges: Option<PathBuf>,
    /// The least weight (documents) of an edge written.
    pub min_weight: u64,
}

impl CountOutput {
    /// The place layer's file, if it is not standard output.
    fn file(&self) -> Option<&Path> {
        self.path.as_deref().filter(|p| !is_stdout(p))
    }

    /// Whether a `.qml` is written beside the place layer.
    pub fn writes_style(&self) -> bool {
        self.file().is_some() && (self.qgis_style || self.format == OutputFormat::Geojson)
    }

    /// The format of the co-mention layer, if one is wanted (see [`OutputFormat::choose`]):
    /// that of its extension, GeoJSON for a name without one or of no format (then with a
    /// warning that says so), and an error for an extension that names a format no layer has.
    fn edges_choice(&self) -> Option<Result<(OutputFormat, Option<String>), String>> {
        let (layers, geojson) = (OutputFormat::LAYERS, OutputFormat::Geojson);
        let edges = self.edges.as_deref()?;
        Some(OutputFormat::choose(None, Some(edges), geojson, &layers))
    }

    /// The format of the co-mention layer (an extension that names a format no layer has is
    /// refused by [`check`](Self::check)).
    fn edges_format(&self) -> OutputFormat {
        self.edges_choice()
            .and_then(Result::ok)
            .map_or(OutputFormat::Geojson, |(format, _)| format)
    }

    /// The warning for a co-mention layer whose name's extension names no format (`--edges
    /// links.kml`): it is written as GeoJSON all the same, as `-o` is.
    pub fn edges_warning(&self) -> Option<SourceError> {
        let edges = self.edges.as_deref()?;
        let (_, warning) = self.edges_choice()?.ok()?;
        warning.map(|w| SourceError::new(edges.display().to_string(), w))
    }

    /// Whether a `.qml` is written beside the co-mention layer (when it is GeoJSON).
    fn writes_edges_style(&self) -> bool {
        self.edges.is_some() && self.edges_format() == OutputFormat::Geojson
    }

    /// Every file the run will write, sidecars included (the same rules as [`write_count`]:
    /// a `.csvt` beside a CSV layer, a `.qml` where `writes_style` or `writes_edges_style` say).
    fn files(&self) -> Vec<PathBuf> {
        let mut files = Vec::new();
        let mut layer = |path: &Path, format: OutputFormat, style: bool| {
            files.push(path.to_path_buf());
            if format == OutputFormat::Csv {
                files.push(path.with_extension("csvt"));
            }
            if style {
                files.push(path.with_extension("qml"));
            }
        };
        if let Some(path) = self.file() {
            layer(path, self.format, self.writes_style());
        }
        if let Some(edges) = &self.edges {
            layer(edges, self.edges_format(), self.writes_edges_style());
        }
        files
    }

    /// Checks, before any input is read, that the options make sense and that every file of
    /// the run can be written (its folder exists and is writable, it is not a folder or a
    /// read-only file), so that a long run does not fail at its very end.
    pub fn check(&self) -> Result<(), SourceError> {
        self.check_options()?;
        self.files().iter().try_for_each(|f| Destination::check(f))
    }

    /// The checks of [`check`](Self::check) that need no file system: a format `count` writes,
    /// a file for `--qgis-style` and `--edges`, and no file written twice.
    fn check_options(&self) -> Result<(), SourceError> {
        if self.format == OutputFormat::Mentions {
            return Err(SourceError::new(
                "--output-format",
                "count writes geojson, geojsonseq or csv (mentions is for extract)".into(),
            ));
        }
        if self.qgis_style && self.file().is_none() {
            return Err(SourceError::new(
                "--qgis-style",
                "needs -o FILE: the style is written beside it".into(),
            ));
        }
        if let (Some(edges), Some(Err(m))) = (self.edges.as_deref(), self.edges_choice()) {
            return Err(SourceError::new(edges.display().to_string(), m));
        }
        if self.edges.as_deref().is_some_and(is_stdout) {
            return Err(SourceError::new(
                "--edges",
                "needs a file: standard output is for the place layer".into(),
            ));
        }
        let files = self.files();
        match files
            .iter()
            .enumerate()
            .find(|(i, f)| files[..*i].contains(f))
        {
            Some((_, f)) => Err(SourceError::new(
                f.display().to_string(),
                "would be written twice (by -o and --edges)".into(),
            )),
            None => Ok(()),
        }
    }
}

/// Writes the layers of `collector`, as `output` says. The files take their places only once
/// all of them are written: a failure leaves none of them behind.
pub fn write_count(
    gazetteer: &Gazetteer,
    collector: &Collector,
    info: &RunInfo,
    output: &CountOutput,
) -> Result<(), SourceError> {
    // The files themselves are tried as they are made below (the binary checked them before
    // reading any input: CountOutput::check).
    output.check_options()?;
    let mut info = info.clone();
    if let Some(t) = &collector.timeline {
        info.undated = Some(t.undated);
    }
    let mut m = members(&info);
    if let (Some(t), Some(run)) = (&collector.timeline, m.get_mut("mentionmap")) {
        run["by"] = json!(t.period().as_str());
        run["period_end"] = json!("exclusive");
    }
    let kind = if collector.timeline.is_some() {
        LayerKind::Periods
    } else {
        LayerKind::Places
    };
    // The counts of the features, for the style's scale and label threshold.
    let (mut written, counts) = match (&collector.timeline, output.format) {
        // The usual place layer is written straight from the counts (see `write_places`).
        (None, OutputFormat::Geojson | OutputFormat::Geojsonseq) => {
            let places = ordered(gazetteer, &collector.totals);
            let mut out = Destination::create(output.path.as_deref())?;
            write_places(&mut out, output.format, &m, &places)
                .map_err(|e| write_error(&out.name(), &e))?;
            let counts = places.iter().map(|(_, c)| c.mentions).collect();
            (vec![out], counts)
        }
        (timeline, format) => {
            let features = match timeline {
                Some(t) => period_features(gazetteer, t),
                None => place_features(gazetteer, &collector.totals),
            };
            let written = layer_files(output.path.as_deref(), format, kind, &m, &features)?;
            (written, counts_of(kind, &features))
        }
    };
    if output.writes_style()
        && let Some(path) = output.file()
    {
        let qml = style_of_counts(kind, &counts);
        written.push(file_of(&path.with_extension("qml"), qml.as_bytes())?);
    }
    if let (Some(path), Some(edges)) = (&output.edges, &collector.edges) {
        let features = edge_features(gazetteer, edges, output.min_weight);
        let format = output.edges_format();
        let kind = LayerKind::Edges;
        written.extend(layer_files(
            Some(path),
            format,
            kind,
            &members(&info),
            &features,
        )?);
        if output.writes_edges_style() {
            let qml = layer_style(kind, &features);
            written.push(file_of(&path.with_extension("qml"), qml.as_bytes())?);
        }
    }
    Destination::finish_all(written)
}

/// Writes `features` to `path` (or standard output) in `format`, with a `.csvt` beside a CSV
/// file, without putting the files in place: the layer's destination, after its `.csvt`.
fn layer_files(
    path: Option<&Path>,
    format: OutputFormat,
    kind: LayerKind,
    members: &geojson::JsonObject,
    features: &[Feature],
) -> Result<Vec<Destination>, SourceError> {
    let columns = if format == OutputFormat::Csv {
        columns_of(kind, features)
    } else {
        Vec::new()
    };
    let mut files = Vec::new();
    if let (Some(path), OutputFormat::Csv) = (path.filter(|p| !is_stdout(p)), format) {
        files.push(csvt_beside(path, &columns)?);
    }
    let mut out = Destination::create(path)?;
    write_layer(&mut out, format, members, columns, features)
        .map_err(|e| write_error(&out.name(), &e))?;
    files.push(out);
    Ok(files)
}

/// A destination for `path` holding `bytes`, not yet in place.
fn file_of(path: &Path, bytes: &[u8]) -> Result<Destination, SourceError> {
    let mut out = Destination::create(Some(path))?;
    out.write_all(bytes)
        .map_err(|e| write_error(&out.name(), &e))?;
    Ok(out)
}
