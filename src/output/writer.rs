//! Streaming features out as a GeoJSON FeatureCollection, a GeoJSON text sequence or CSV, one
//! feature at a time.

use std::io::{self, Write};

use geojson::{Feature, JsonObject};

use super::OutputFormat;
use super::delimited::{Column, write_header, write_row};

/// Writes features one by one in one of the feature formats (not [`OutputFormat::Mentions`]).
pub struct FeatureWriter {
    format: OutputFormat,
    columns: Vec<Column>,
    written: u64,
}

impl FeatureWriter {
    /// Starts a layer: writes the FeatureCollection's opening, with `members` as foreign
    /// members (GeoJSON only), or the CSV header row for `columns` (CSV only).
    pub fn start(
        out: &mut dyn Write,
        format: OutputFormat,
        members: &JsonObject,
        columns: Vec<Column>,
    ) -> io::Result<Self> {
        match format {
            OutputFormat::Geojson => {
                out.write_all(b"{\"type\":\"FeatureCollection\"")?;
                for (k, v) in members {
                    out.write_all(b",")?;
                    serde_json::to_writer(&mut *out, k)?;
                    out.write_all(b":")?;
                    serde_json::to_writer(&mut *out, v)?;
                }
                out.write_all(b",\"features\":[\n")?;
            }
            OutputFormat::Csv => write_header(out, &columns)?,
            OutputFormat::Geojsonseq => {}
            OutputFormat::Mentions => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "the mentions format has no features",
                ));
            }
        }
        Ok(FeatureWriter {
            format,
            columns,
            written: 0,
        })
    }

    /// Writes one feature.
    pub fn write(&mut self, out: &mut dyn Write, feature: &Feature) -> io::Result<()> {
        match self.format {
            OutputFormat::Geojson | OutputFormat::Geojsonseq => {
                self.write_serialised(out, |out| Ok(serde_json::to_writer(out, feature)?))
            }
            OutputFormat::Csv => {
                write_row(out, &self.columns, feature)?;
                self.written += 1;
                Ok(())
            }
            OutputFormat::Mentions => unreachable!("refused by start"),
        }
    }

    /// Writes one feature that `write_feature` serialises itself (GeoJSON and GeoJSONSeq only:
    /// the bytes `serde_json` would write for it), with the separators of the format: what
    /// [`write`](Self::write) does for a built [`Feature`], for writers that build none.
    pub fn write_serialised(
        &mut self,
        out: &mut dyn Write,
        write_feature: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        match self.format {
            OutputFormat::Geojson => {
                if self.written > 0 {
                    out.write_all(b",\n")?;
                }
                write_feature(out)?;
            }
            OutputFormat::Geojsonseq => {
                out.write_all(b"\x1e")?;
                write_feature(out)?;
                out.write_all(b"\n")?;
            }
            OutputFormat::Csv | OutputFormat::Mentions => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "only GeoJSON features can be written serialised",
                ));
            }
        }
        self.written += 1;
        Ok(())
    }

    /// Ends the layer; returns the number of features written.
    pub fn finish(self, out: &mut dyn Write) -> io::Result<u64> {
        if self.format == OutputFormat::Geojson {
            if self.written > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(b"]}\n")?;
        }
        Ok(self.written)
    }
}

/// Writes `features` as one whole layer.
pub fn write_layer(
    out: &mut dyn Write,
    format: OutputFormat,
    members: &JsonObject,
    columns: Vec<Column>,
    features: &[Feature],
) -> io::Result<u64> {
    let mut w = FeatureWriter::start(out, format, members, columns)?;
    for f in features {
        w.write(out, f)?;
    }
    w.finish(out)
}
