//! Running a [`MentionFinder`] over a stream of documents, on all cores, deterministically.
//!
//! With one thread, everything runs on the calling thread. With more, three stages overlap: a
//! reader thread decompresses and parses the input into batches, the rayon pool finds the
//! mentions of the batch before, and the calling thread hands the batch before that to the sink,
//! in input order, so output never depends on the thread count.

use std::cell::RefCell;
use std::sync::mpsc::sync_channel;

use rayon::prelude::*;

use crate::error::SourceError;
use crate::finder::{MentionFinder, Scratch};
use crate::input::{Document, Event};
use crate::resolve::Mention;

/// Documents per batch handed to the thread pool. Each batch ends with the pool's threads
/// waiting for the slowest document; on SaudiNewsNet, 1,024 ran faster on two threads than 256
/// (`scripts/bench --compare`, 17 of 22 runs) and 64 slower.
const BATCH_DOCS: usize = 1024;
/// Bytes of text per batch, whichever limit comes first.
const BATCH_BYTES: usize = 4 << 20;
/// Batches the reader may run ahead of the matcher (bounds memory).
const BATCHES_AHEAD: usize = 2;

/// What receives each document and its mentions, in input order.
pub type Sink<'a> = dyn FnMut(&Document, &[Mention]) -> Result<(), SourceError> + 'a;

/// Input events cut into batches: warnings and documents in input order.
#[derive(Default)]
struct Batch {
    events: Vec<Event>,
    bytes: usize,
}

impl Batch {
    fn is_full(&self) -> bool {
        self.events.len() >= BATCH_DOCS || self.bytes >= BATCH_BYTES
    }
}

/// Reads `events`, finds the mentions of each document on `pool`, and calls `sink` with each
/// document and its mentions, in input order. Warnings go to `warn`, in input order too.
pub fn for_each_document<I>(
    finder: &MentionFinder,
    pool: &rayon::ThreadPool,
    events: I,
    warn: &mut dyn FnMut(SourceError),
    sink: &mut Sink<'_>,
) -> Result<(), SourceError>
where
    I: Iterator<Item = Result<Event, SourceError>> + Send,
{
    if pool.current_num_threads() <= 1 {
        let mut batch = Batch::default();
        for ev in events {
            push(&mut batch, ev?);
            if batch.is_full() {
                process(finder, pool, std::mem::take(&mut batch), warn, sink)?;
            }
        }
        return process(finder, pool, batch, warn, sink);
    }
    let (tx, rx) = sync_channel::<Result<Batch, SourceError>>(BATCHES_AHEAD);
    let (found_tx, found_rx) = sync_channel::<Result<Found, SourceError>>(BATCHES_AHEAD);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut batch = Batch::default();
            for ev in events {
                match ev {
                    Ok(ev) => push(&mut batch, ev),
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                }
                if batch.is_full() && tx.send(Ok(std::mem::take(&mut batch))).is_err() {
                    return; // A later stage stopped on an error.
                }
            }
            let _ = tx.send(Ok(batch));
        });
        scope.spawn(move || {
            for batch in rx {
                let found = batch.map(|b| find(finder, pool, b));
                if found_tx.send(found).is_err() {
                    return;
                }
            }
        });
        // Dropping `found_rx` on an early error unblocks the stages before, which then stop.
        for found in found_rx {
            deliver(found?, warn, sink)?;
        }
        Ok(())
    })
}

/// A batch with the mentions of each of its events (none for a warning).
struct Found {
    events: Vec<Event>,
    mentions: Vec<Result<Vec<Mention>, SourceError>>,
}

thread_local! {
    /// Each pool thread's buffers and cache, kept from batch to batch.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

fn push(batch: &mut Batch, ev: Event) {
    if let Event::Document(d) = &ev {
        batch.bytes += d.text.len();
    }
    batch.events.push(ev);
}

/// Finds the mentions of a batch's documents in parallel, then hands everything on in order.
fn process(
    finder: &MentionFinder,
    pool: &rayon::ThreadPool,
    batch: Batch,
    warn: &mut dyn FnMut(SourceError),
    sink: &mut Sink<'_>,
) -> Result<(), SourceError> {
    deliver(find(finder, pool, batch), warn, sink)
}

/// Finds the mentions of a batch's documents on the pool.
fn find(finder: &MentionFinder, pool: &rayon::ThreadPool, batch: Batch) -> Found {
    let one = |ev: &Event| {
        let mut out = Vec::new();
        if let Event::Document(doc) = ev {
            SCRATCH
                .with(|s| finder.find(&doc.text, &mut s.borrow_mut(), &mut out))
                .map_err(|_| SourceError::new(&doc.origin, "document larger than 1 GiB".into()))?;
        }
        Ok(out)
    };
    let mentions = if pool.current_num_threads() <= 1 {
        // One thread: the calling thread, where the batch was just read (its text is still in
        // this core's caches).
        batch.events.iter().map(one).collect()
    } else {
        pool.install(|| batch.events.par_iter().map(one).collect())
    };
    Found {
        events: batch.events,
        mentions,
    }
}

/// Hands a batch's warnings and documents on, in input order.
fn deliver(
    found: Found,
    warn: &mut dyn FnMut(SourceError),
    sink: &mut Sink<'_>,
) -> Result<(), SourceError> {
    for (ev, mentions) in found.events.into_iter().zip(found.mentions) {
        match ev {
            Event::Warning(w) => warn(w),
            Event::Document(doc) => sink(&doc, &mentions?)?,
        }
    }
    Ok(())
}
