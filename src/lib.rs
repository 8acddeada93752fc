//! mentionmap: find the places that news text mentions, count them, and write map layers.
//!
//! The data path, one module a stage:
//! [`input`] (documents) → [`text`] (normalise) → [`matcher`] (find names) →
//! [`resolve`] (names to places) → [`aggregate`] (counts per place) → [`output`] (GeoJSON, JSONL).
//! The [`gazetteer`] holds the places and their names. `docs/matching.md` explains the algorithm.

pub mod error;
pub mod gazetteer;
pub mod matcher;
pub mod text;
