//! mentionmap: find the places that news text mentions, count them, and write map layers.
//!
//! The data path, one module a stage:
//! [`input`] (documents) → [`text`] (normalise) → [`matcher`] (find names) →
//! [`resolve`] (names to places) → [`aggregate`] (counts per place) → [`output`] (GeoJSON, JSONL).
//! [`render`] draws a layer as a picture (SVG, PNG, HTML) for a look without a GIS.
//! The [`gazetteer`] holds the places and their names; [`MentionFinder`] ties normalise, match and
//! resolve together for one document, and [`pipeline`] runs it over a stream on all cores.
//! `docs/matching.md` explains the matching and resolution algorithm.
#![deny(missing_docs)]

pub mod aggregate;
pub mod compiled;
pub mod error;
mod finder;
pub mod gazetteer;
pub mod input;
pub mod matcher;
pub mod output;
pub mod pipeline;
mod prefetch;
pub mod render;
pub mod resolve;
pub mod text;
pub mod vector;

pub use error::SourceError;
pub use finder::{MentionFinder, Scratch};
