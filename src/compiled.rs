//! The embedded default, precompiled: its places, its table of normalised names and its word
//! commonness, serialised ahead of time into `gazetteer/compiled/default.bin` so that start-up
//! does not parse 10 MB of TSV and normalise 250,000 names (README.md, "Performance").
//!
//! The file is derived data: `mentionmap gazetteer compile` writes it from the embedded TSV files
//! (run it after changing `gazetteer/` or the normaliser); a fingerprint of those files guards
//! against a stale copy (then the TSV files are read instead), and a test checks that the
//! committed copy is exactly what `compile` produces.

use std::hash::Hasher;

use serde::{Deserialize, Serialize};

use crate::error::SourceError;
use crate::gazetteer::{self, Commonness, Gazetteer, Place};
use crate::matcher::NameTable;

/// The committed precompiled default.
static COMPILED: &[u8] = include_bytes!("../gazetteer/compiled/default.bin");

#[derive(Serialize, Deserialize)]
struct Compiled {
    fingerprint: u64,
    places: Vec<Place>,
    names: NameTable,
    commonness: Vec<(Vec<u8>, f32)>,
}

/// The embedded default: gazetteer, commonness, and (when the precompiled copy is fresh) its
/// name table.
pub struct EmbeddedDefault {
    /// The places.
    pub gazetteer: Gazetteer,
    /// The word commonness tables.
    pub commonness: Commonness,
    /// The precomputed names of `gazetteer`, if the compiled copy matched the TSV files.
    pub names: Option<NameTable>,
}

/// A fingerprint of the embedded source files the compiled copy is made from.
fn fingerprint() -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    for (path, content) in gazetteer::embedded_place_files() {
        h.write(path.as_bytes());
        h.write(content.as_bytes());
    }
    for (lang, path, content) in gazetteer::embedded_commonness_files() {
        h.write(lang.as_bytes());
        h.write(path.as_bytes());
        h.write(content.as_bytes());
    }
    h.write(env!("CARGO_PKG_VERSION").as_bytes());
    h.finish()
}

/// Loads the embedded default, from the precompiled copy when it is fresh.
pub fn embedded_default() -> Result<EmbeddedDefault, SourceError> {
    if let Ok(c) = postcard::from_bytes::<Compiled>(COMPILED)
        && c.fingerprint == fingerprint()
    {
        return Ok(EmbeddedDefault {
            gazetteer: Gazetteer::from_places(c.places),
            commonness: Commonness::from_pairs(c.commonness),
            names: Some(c.names),
        });
    }
    Ok(EmbeddedDefault {
        gazetteer: Gazetteer::embedded()?,
        commonness: Commonness::embedded()?,
        names: None,
    })
}

/// Builds the precompiled copy from the embedded TSV files (`mentionmap gazetteer compile`).
pub fn compile() -> Result<Vec<u8>, SourceError> {
    let gazetteer = Gazetteer::embedded()?;
    let commonness = Commonness::embedded()?;
    let names = NameTable::build(&gazetteer, &commonness);
    let c = Compiled {
        fingerprint: fingerprint(),
        places: gazetteer.places().to_vec(),
        names,
        commonness: commonness.to_pairs(),
    };
    postcard::to_allocvec(&c).map_err(|e| SourceError::new("compiled default", e.to_string()))
}

/// Whether the committed precompiled copy is the one `compile` makes now.
pub fn is_fresh() -> Result<bool, SourceError> {
    Ok(compile()? == COMPILED)
}
