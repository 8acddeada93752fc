//! Running a [`MentionFinder`] over a stream of documents, on all cores, deterministically.
//!
//! With one thread, everything runs on the calling thread. With more, three stages overlap: a
//! reader thread decompresses and parses the input into small batches, the rayon pool finds the
//! mentions of many batches at once (each batch a job that one thread runs from start to end),
//! and the calling thread hands finished batches to the sink in input order, so output never
//! depends on the thread count. On regular files the reader starts before the finder is built,
//! so that the first batches are ready when it is (start-up leaves a core idle near its end,
//! while the largest automaton is still being built).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::mpsc::{channel, sync_channel};

use crate::error::SourceError;
use crate::finder::{MentionFinder, Scratch};
use crate::input::{Document, Event};
use crate::resolve::Mention;

/// Documents per batch: what the reader hands on at once and one pool thread takes as one job.
///
/// Batches were once 1,024 documents whose documents the threads shared out (rayon's
/// `par_iter`): a thread waiting for the other's share of one batch went on with a later batch
/// meanwhile, so the earlier one finished late, the later ones waited to be delivered in order,
/// and the threads ran out of work now and then (a fifth of a core idle, in `perf` timelines).
/// Small batches that one thread runs whole have no such waits: `count --threads 2` on
/// SaudiNewsNet took 0.545 s instead of 0.601 s (medians of 15 shuffled runs). Batches of 16
/// documents cost more in hand-overs; 256 ran no faster than 64.
const BATCH_DOCS: usize = 64;
/// Bytes of text per batch, whichever limit comes first.
const BATCH_BYTES: usize = 256 << 10;
/// Batches the reader may read while the finder is being built (bounds memory: 16 MiB of text).
/// Reading ahead this far fills the end of start-up, when one core still builds the largest
/// automaton while the other has nothing to do: with 16, the reader had stopped by then (a
/// 10–20 ms dip to one busy core in `perf` timelines). `count --threads 2`, 20 shuffled runs:
/// medians 0.557 → 0.546 s; peak RSS 126 → 136 MiB.
const START_UP_AHEAD: usize = 64;
/// Batches the reader may run ahead of the pool once the finder is built. The reader is faster
/// than the matcher, so it always runs as far ahead as it may: a batch then waits in the queue
/// for as long as it takes to match the ones before it, and kept 64 ahead (16 MiB, beside the
/// pool's 8) its text had left the caches before a pool thread read it. With 8, `count
/// --threads 2` on SaudiNewsNet takes 4,000 fewer page faults and 15 MiB less peak RSS; its
/// median time, in six sets of 15–60 shuffled runs against 64, was 1.3–2.8% lower in four,
/// the same in one and 1.8% higher in one (a gain within the runs' spread; 2 and 16 did no
/// better).
const BATCHES_AHEAD: usize = 8;
/// Batches the pool may work on or hold finished at once (bounds memory: 8 MiB of text).
const IN_FLIGHT: usize = 32;

/// What receives each document and its mentions, in input order, with the finder that found
/// them.
pub type Sink<'a> =
    dyn FnMut(&MentionFinder, &Document, &[Mention]) -> Result<(), SourceError> + 'a;

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

/// Builds the finder with `build` (on the calling thread, which may hand the work to `pool`),
/// reads `events`, finds the mentions of each document on `pool`, and calls `sink` with each
/// document and its mentions, in input order. Warnings go to `warn`, in input order too.
/// Returns the finder.
///
/// With more than one thread and `read_ahead`, the input is read while `build` runs. Pass it
/// only for input that never waits on another process (regular files): an error of `build`
/// ends the run only once the reader has stopped, and a reader waiting on standard input would
/// hold the error back until the input ends. No document reaches the sink before the finder is
/// built.
pub fn for_each_document<'f, I>(
    build: impl FnOnce() -> Result<&'f MentionFinder, SourceError>,
    read_ahead: bool,
    pool: &rayon::ThreadPool,
    events: I,
    warn: &mut dyn FnMut(SourceError),
    sink: &mut Sink<'_>,
) -> Result<&'f MentionFinder, SourceError>
where
    I: Iterator<Item = Result<Event, SourceError>> + Send,
{
    if pool.current_num_threads() <= 1 {
        let finder = build()?;
        for batch in Batches::new(events) {
            process(finder, batch?, warn, sink)?;
        }
        return Ok(finder);
    }
    std::thread::scope(|scope| {
        // The channels are locals of this closure, so that an early return drops their ends and
        // the stages before stop.
        let (tx, rx) = sync_channel::<Result<Batch, SourceError>>(START_UP_AHEAD);
        // A permit for each batch the reader may read ahead: START_UP_AHEAD of them at first,
        // and BATCHES_AHEAD once the stage after it has held back the difference.
        let (ahead_tx, ahead_rx) = sync_channel::<()>(START_UP_AHEAD);
        for _ in 0..START_UP_AHEAD {
            ahead_tx
                .send(())
                .expect("the channel has room for every permit");
        }
        let mut reader = Some(move || {
            let mut batches = Batches::new(events);
            // An error on either channel: a later stage stopped on an error.
            while ahead_rx.recv().is_ok()
                && let Some(batch) = batches.next()
                && tx.send(batch).is_ok()
            {}
        });
        if read_ahead && let Some(read) = reader.take() {
            scope.spawn(read);
        }
        let finder = build()?;
        if let Some(read) = reader {
            scope.spawn(read);
        }
        // A permit for each batch the pool may hold at once; the calling thread hands one back
        // as it delivers a batch, so a slow batch holds up at most IN_FLIGHT - 1 finished ones.
        let (permit_tx, permit_rx) = sync_channel::<()>(IN_FLIGHT);
        for _ in 0..IN_FLIGHT {
            permit_tx
                .send(())
                .expect("the channel has room for every permit");
        }
        // Each batch's outcome by its index; `Err` is a panic of the job, raised again on
        // delivery.
        let (found_tx, found_rx) = channel::<(usize, std::thread::Result<FoundOrError>)>();
        scope.spawn(move || {
            // Each batch is a job of its own on the pool, which one thread runs whole: a thread
            // done with one batch goes on with the next, and never waits for the other threads.
            pool.in_place_scope(|jobs| {
                for (k, batch) in rx.into_iter().enumerate() {
                    // The first batches' permits are kept: the reader read them during
                    // start-up, when there was nothing else to do.
                    if k >= START_UP_AHEAD - BATCHES_AHEAD {
                        let _ = ahead_tx.send(());
                    }
                    if permit_rx.recv().is_err() {
                        return; // The calling thread stopped on an error.
                    }
                    let found_tx = found_tx.clone();
                    match batch {
                        Ok(b) => jobs.spawn(move |_| {
                            // A panic is caught here and raised again on the calling thread:
                            // left to the scope, it would leave batch k missing and the
                            // calling thread waiting for it.
                            let found = catch_unwind(AssertUnwindSafe(|| find(finder, b)));
                            let _ = found_tx.send((k, found.map(Ok)));
                        }),
                        Err(e) => {
                            let _ = found_tx.send((k, Ok(Err(e))));
                            return;
                        }
                    }
                }
            });
        });
        // Batches finish in any order; they are delivered in input order. Dropping `found_rx`
        // and `permit_tx` on an early error unblocks the stages before, which then stop.
        let mut finished = BTreeMap::new();
        let mut next = 0;
        for (k, found) in found_rx {
            finished.insert(k, found);
            while let Some(found) = finished.remove(&next) {
                let found = found.unwrap_or_else(|panic| resume_unwind(panic));
                deliver(finder, found?, warn, sink)?;
                next += 1;
                let _ = permit_tx.send(());
            }
        }
        debug_assert!(
            finished.is_empty(),
            "every batch before the last is delivered"
        );
        Ok(finder)
    })
}

/// `events` cut into batches (see [`Batch::is_full`]), the last one when the input ends (empty if
/// nothing is left). An error ends the input: what was read before it is handed on first, as a
/// batch, then the error.
struct Batches<I> {
    events: I,
    /// The error that ended the input, not handed on yet.
    failed: Option<SourceError>,
    ended: bool,
}

impl<I> Batches<I> {
    fn new(events: I) -> Self {
        Batches {
            events,
            failed: None,
            ended: false,
        }
    }
}

impl<I> Iterator for Batches<I>
where
    I: Iterator<Item = Result<Event, SourceError>>,
{
    type Item = Result<Batch, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.failed.take() {
            return Some(Err(e));
        }
        if self.ended {
            return None;
        }
        let mut batch = Batch::default();
        for ev in self.events.by_ref() {
            match ev {
                Ok(ev) => push(&mut batch, ev),
                Err(e) => {
                    self.failed = Some(e);
                    self.ended = true;
                    return Some(Ok(batch));
                }
            }
            if batch.is_full() {
                return Some(Ok(batch));
            }
        }
        self.ended = true;
        Some(Ok(batch))
    }
}

/// A batch found, or the reader's error that ends the input.
type FoundOrError = Result<Found, SourceError>;

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

/// Finds the mentions of a batch's documents, then hands everything on in order.
fn process(
    finder: &MentionFinder,
    batch: Batch,
    warn: &mut dyn FnMut(SourceError),
    sink: &mut Sink<'_>,
) -> Result<(), SourceError> {
    deliver(finder, find(finder, batch), warn, sink)
}

/// Finds the mentions of a batch's documents, one after another, on the current thread.
fn find(finder: &MentionFinder, batch: Batch) -> Found {
    let one = |ev: &Event| {
        let mut out = Vec::new();
        if let Event::Document(doc) = ev {
            SCRATCH
                .with(|s| finder.find(&doc.text, &mut s.borrow_mut(), &mut out))
                .map_err(|e| SourceError::new(&doc.origin, e.to_string()))?;
        }
        Ok(out)
    };
    let mentions = batch.events.iter().map(one).collect();
    Found {
        events: batch.events,
        mentions,
    }
}

/// Hands a batch's warnings and documents on, in input order.
fn deliver(
    finder: &MentionFinder,
    found: Found,
    warn: &mut dyn FnMut(SourceError),
    sink: &mut Sink<'_>,
) -> Result<(), SourceError> {
    for (ev, mentions) in found.events.into_iter().zip(found.mentions) {
        match ev {
            Event::Warning(w) => warn(w),
            Event::Document(doc) => sink(finder, &doc, &mentions?)?,
        }
    }
    Ok(())
}
