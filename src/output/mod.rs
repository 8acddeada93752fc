//! Stage 6: counts and mentions out, as GeoJSON, GeoJSON text sequences, CSV and JSON Lines,
//! with QGIS styles beside them.
//!
//! [`Destination`] writes to standard output or, through a temporary file renamed at the end,
//! to a file, so that a failed run never leaves a half-written output (a run that writes
//! several files puts them in place only once all are written). [`FeatureWriter`] streams
//! features in any [`OutputFormat`]; [`count::write_count`] writes all the layers of `count`.

mod atomic;
pub mod count;
pub mod delimited;
pub mod edges;
pub mod explain;
mod format;
pub mod geojson;
pub mod mentions;
pub mod periods;
pub mod qml;
mod writer;

pub use atomic::{Destination, Temporary, is_stdout, remove_temporaries, write_error};
pub use format::OutputFormat;
pub use writer::{FeatureWriter, write_layer};

/// Which layer of `count` a file holds: what its QGIS style and its CSV columns follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayerKind {
    /// One point per place.
    Places,
    /// One point per place and period (`--by`): the places' properties and the period's.
    Periods,
    /// Co-mention lines (`--edges`).
    Edges,
}

/// Rounds a coordinate to 6 decimals (about 11 cm), as the output schema promises.
pub fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}
