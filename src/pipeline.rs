//! Running a [`MentionFinder`] over a stream of documents, on all cores, deterministically.
//!
//! Documents are read in order on the calling thread and processed in batches by a rayon pool;
//! per-document results come back in input order, so output never depends on the thread count.

use rayon::prelude::*;

use crate::aggregate::PlaceCounts;
use crate::error::SourceError;
use crate::finder::{MentionFinder, Scratch};
use crate::input::{Document, Event};
use crate::resolve::Mention;

/// Documents per batch handed to the thread pool.
const BATCH_DOCS: usize = 512;
/// Bytes of text per batch, whichever limit comes first.
const BATCH_BYTES: usize = 16 << 20;

/// Reads `events`, finds the mentions of each document on `pool`, and calls `sink` with each
/// document and its mentions, in input order. Warnings go to `warn`.
pub fn for_each_document(
    finder: &MentionFinder,
    pool: &rayon::ThreadPool,
    events: impl Iterator<Item = Result<Event, SourceError>>,
    warn: &mut dyn FnMut(SourceError),
    sink: &mut dyn FnMut(&Document, &[Mention]) -> Result<(), SourceError>,
) -> Result<(), SourceError> {
    let mut batch: Vec<Document> = Vec::new();
    let mut bytes = 0;
    let run = |batch: &mut Vec<Document>,
               sink: &mut dyn FnMut(&Document, &[Mention]) -> Result<(), SourceError>|
     -> Result<(), SourceError> {
        let results: Vec<Result<Vec<Mention>, SourceError>> = pool.install(|| {
            batch
                .par_iter()
                .map_init(Scratch::default, |scratch, doc| {
                    let mut out = Vec::new();
                    finder.find(&doc.text, scratch, &mut out).map_err(|_| {
                        SourceError::new(&doc.origin, "document larger than 4 GiB".into())
                    })?;
                    Ok(out)
                })
                .collect()
        });
        for (doc, r) in batch.iter().zip(results) {
            sink(doc, &r?)?;
        }
        batch.clear();
        Ok(())
    };
    for ev in events {
        match ev? {
            Event::Warning(w) => warn(w),
            Event::Document(d) => {
                bytes += d.text.len();
                batch.push(d);
                if batch.len() >= BATCH_DOCS || bytes >= BATCH_BYTES {
                    run(&mut batch, sink)?;
                    bytes = 0;
                }
            }
        }
    }
    run(&mut batch, sink)
}

/// Counts the mentions of every document of `events`.
pub fn count(
    finder: &MentionFinder,
    pool: &rayon::ThreadPool,
    events: impl Iterator<Item = Result<Event, SourceError>>,
    warn: &mut dyn FnMut(SourceError),
) -> Result<PlaceCounts, SourceError> {
    let mut counts = PlaceCounts::new();
    for_each_document(finder, pool, events, warn, &mut |doc, mentions| {
        counts.add_document(&doc.text, doc.date.as_deref(), mentions);
        Ok(())
    })?;
    Ok(counts)
}
