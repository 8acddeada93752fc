//! Stage 6: counts and mentions out, as GeoJSON and JSON Lines.
//!
//! [`Destination`] writes to standard output or, through a temporary file renamed at the end,
//! to a file, so that a failed run never leaves a half-written output.

mod atomic;
pub mod geojson;
pub mod mentions;

pub use atomic::Destination;

/// Rounds a coordinate to 6 decimals (about 11 cm), as the output schema promises.
pub fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}
