//! The embedded default, precompiled: its places, its table of normalised names and its word
//! commonness, serialised ahead of time into `gazetteer/compiled/default.bin` so that start-up
//! does not parse 10 MB of TSV and normalise 250,000 names (`docs/performance.md`).
//!
//! The file is derived data: `mentionmap gazetteer compile` writes it from the embedded TSV files
//! (run it after changing `gazetteer/` or the normaliser); a fingerprint of those files guards
//! against a stale copy (then the TSV files are read instead), and a test checks that the
//! committed copy is exactly what `compile` produces.

use std::hash::Hasher;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::SourceError;
use crate::gazetteer::{self, Commonness, Gazetteer, Place};
use crate::matcher::NameTable;

/// The committed precompiled default.
static COMPILED: &[u8] = include_bytes!("../gazetteer/compiled/default.bin");

/// The precompiled copy: each part serialised on its own, so that start-up decodes them in
/// parallel, on the current rayon pool (decoding a million small strings is most of the loading
/// time).
#[derive(Serialize, Deserialize)]
struct Compiled<'a> {
    fingerprint: u64,
    /// The places, in [`PLACE_PARTS`] runs of about equal length, each a `Vec<Place>`.
    #[serde(borrow)]
    places: Vec<&'a serde_bytes::Bytes>,
    /// The [`NameTable`].
    #[serde(with = "serde_bytes")]
    names: &'a [u8],
    /// The commonness pairs, a `Vec<(ByteBuf, f32)>` (keys as byte strings, decoded as copies).
    #[serde(with = "serde_bytes")]
    commonness: &'a [u8],
}

/// Runs the places are cut into.
const PLACE_PARTS: usize = 4;

/// The most elements a sequence of the precompiled copy may reserve room for before its first
/// element is read (a corrupt length then fails on the missing elements instead of asking for
/// gigabytes).
const MOST_RESERVED: usize = 1 << 22;

/// Deserialises a vector with room for all its elements reserved at once, as the serialised
/// length says (up to [`MOST_RESERVED`]). serde's own `Vec` reserves at most a megabyte's worth
/// and then doubles, copying what it holds: for the 111,000 name entries and the places, those
/// copies and the fresh pages they touch were a tenth of start-up (`perf`, empty input).
pub(crate) fn exact_vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_seq(ExactVec(std::marker::PhantomData, 0))
}

/// [`exact_vec`] with room for [`ENTRY_ROOM`] more elements: the name table's entries, to which
/// the matcher appends the blocker phrases that are no name. Without the room, that append
/// moved all 111,000 entries into a fresh block of twice their size.
pub(crate) fn entries_vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_seq(ExactVec(std::marker::PhantomData, ENTRY_ROOM))
}

/// Room [`entries_vec`] keeps for blocker phrases (the embedded list has about 600).
const ENTRY_ROOM: usize = 2048;

/// The visitor of [`exact_vec`]: the element type, and the room to keep past the elements.
struct ExactVec<T>(std::marker::PhantomData<T>, usize);

impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for ExactVec<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(MOST_RESERVED) + self.1);
        while let Some(x) = seq.next_element()? {
            v.push(x);
        }
        Ok(v)
    }
}

/// Decodes a postcard `Vec<T>` with [`exact_vec`].
fn vec_from_bytes<'de, T: Deserialize<'de>>(bytes: &'de [u8]) -> postcard::Result<Vec<T>> {
    exact_vec(&mut postcard::Deserializer::from_bytes(bytes))
}

/// The precompiled copy, opened and found fresh; its parts are decoded on demand, so that a
/// caller can turn the names into automata while the places are still being decoded.
pub struct Precompiled(Compiled<'static>);

impl Precompiled {
    /// The committed copy, if it is fresh (made from the embedded files as they are now).
    pub fn open() -> Option<Self> {
        postcard::from_bytes::<Compiled>(COMPILED)
            .ok()
            .filter(|c| c.fingerprint == fingerprint())
            .map(Precompiled)
    }

    /// The places (their runs decoded in parallel) with their index; `None` if corrupt.
    pub fn gazetteer(&self) -> Option<Gazetteer> {
        let runs = self
            .0
            .places
            .par_iter()
            .map(|run| vec_from_bytes::<Place>(run))
            .collect::<Result<Vec<_>, _>>()
            .ok()?;
        // Joined into a vector of the right size: collecting the runs flattened grew it by
        // doubling, copying the places and faulting in each larger block afresh.
        let mut places = Vec::with_capacity(runs.iter().map(Vec::len).sum());
        for run in runs {
            places.extend(run);
        }
        Some(Gazetteer::from_places(places))
    }

    /// The table of normalised names; `None` if corrupt.
    pub fn names(&self) -> Option<NameTable> {
        postcard::from_bytes::<NameTable>(self.0.names).ok()
    }

    /// The word commonness tables; `None` if corrupt.
    pub fn commonness(&self) -> Option<Commonness> {
        // The keys are borrowed from the embedded bytes: nothing is allocated but the table.
        let pairs = vec_from_bytes::<(&serde_bytes::Bytes, f32)>(self.0.commonness).ok()?;
        Some(Commonness::from_pairs(pairs.into_iter()))
    }

    /// Every part, decoded in parallel; `None` if any is corrupt.
    fn decode_all(&self) -> Option<EmbeddedDefault> {
        let (gazetteer, (names, commonness)) = rayon::join(
            || self.gazetteer(),
            || rayon::join(|| self.names(), || self.commonness()),
        );
        Some(EmbeddedDefault {
            gazetteer: gazetteer?,
            commonness: commonness?,
            names: Some(names?),
        })
    }
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

/// The layout of [`Compiled`]: bump it whenever the serialised form changes, so that a copy in
/// an older layout is recognised as stale (and the TSV files read instead) rather than misread.
const FORMAT: u32 = 3;

/// A fingerprint of the embedded source files the compiled copy is made from (hashed by
/// `build.rs`), and of its layout.
fn fingerprint() -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write_u32(FORMAT);
    h.write_u64(gazetteer::embedded_sources_fingerprint());
    h.finish()
}

/// Loads the embedded default, from the precompiled copy when it is fresh.
pub fn embedded_default() -> Result<EmbeddedDefault, SourceError> {
    match Precompiled::open().and_then(|p| p.decode_all()) {
        Some(d) => Ok(d),
        None => from_sources(),
    }
}

/// Loads the embedded default from its TSV files (what the precompiled copy is made from), for
/// when that copy is stale or corrupt.
pub fn from_sources() -> Result<EmbeddedDefault, SourceError> {
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
    let mut names = NameTable::build(&gazetteer, &commonness);
    names.sort_for_automata();
    let error = |e: postcard::Error| SourceError::new("compiled default", e.to_string());
    let places = gazetteer.places();
    let run = places.len().div_ceil(PLACE_PARTS).max(1);
    let place_parts = places
        .chunks(run)
        .map(postcard::to_allocvec)
        .collect::<Result<Vec<_>, _>>()
        .map_err(error)?;
    let names = postcard::to_allocvec(&names).map_err(error)?;
    let pairs: Vec<(serde_bytes::ByteBuf, f32)> = commonness
        .to_pairs()
        .into_iter()
        .map(|(k, z)| (serde_bytes::ByteBuf::from(k), z))
        .collect();
    let commonness = postcard::to_allocvec(&pairs).map_err(error)?;
    let c = Compiled {
        fingerprint: fingerprint(),
        places: place_parts
            .iter()
            .map(|p| serde_bytes::Bytes::new(p))
            .collect(),
        names: &names,
        commonness: &commonness,
    };
    postcard::to_allocvec(&c).map_err(error)
}

/// Whether the committed precompiled copy is the one `compile` makes now.
pub fn is_fresh() -> Result<bool, SourceError> {
    Ok(compile()? == COMPILED)
}
