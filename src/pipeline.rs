//! Running a [`MentionFinder`] over a stream of documents, on all cores, deterministically.
//!
//! With one thread, everything runs on the calling thread. With more, every thread is a worker
//! that reads a small batch of documents (decompressing and parsing under a lock that the
//! workers take in turn) and then finds the mentions in it itself, so that a batch's text is
//! searched on the core that wrote it, while it is still in that core's caches; the calling
//! thread is one of the workers, and between its own batches it hands the finished ones to the
//! sink in input order, so output never depends on the thread count. On regular files a reader
//! thread starts before the finder is built, so that the first batches are ready when it is
//! (start-up leaves a core idle near its end, while the largest automaton is still being built).
//!
//! The workers used to be a pipeline: a reader thread that parsed batches, the rayon pool that
//! searched them and the calling thread that delivered them. The text then crossed from the
//! reader's core to another, and five threads took turns on the cores (2,600 context switches a
//! run). Workers that read for themselves took 4.8% less CPU time and 2.2% less wall time on
//! `count --threads 2` (SaudiNewsNet, medians of 30 shuffled runs), with 184 context switches.

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, channel, sync_channel};

use crate::error::SourceError;
use crate::finder::{MentionFinder, Scratch};
use crate::input::{Document, Event};
use crate::resolve::Mention;

/// Documents per batch: what a worker reads and then searches at once.
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
/// Batches the reader thread may read while the finder is being built (bounds memory: 16 MiB of
/// text). Reading ahead this far fills the end of start-up, when one core still builds the
/// largest automaton while the other has nothing to do: with 16, the reader had stopped by then
/// (a 10–20 ms dip to one busy core in `perf` timelines). `count --threads 2`, 20 shuffled runs:
/// medians 0.557 → 0.546 s; peak RSS 126 → 136 MiB.
const START_UP_AHEAD: usize = 64;
/// Batches the workers may hold at once, read, being searched, or finished and waiting for the
/// ones before them, on up to 16 threads; two per thread on more (bounds memory: 8 MiB of text,
/// besides the START_UP_AHEAD batches read during start-up, which are taken first).
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

/// Builds the finder with `build` (on the calling thread), reads `events`, finds the mentions
/// of each document on `threads` threads (the calling thread and `threads - 1` more), and calls
/// `sink` on the calling thread with each document and its mentions, in input order. Warnings go
/// to `warn`, in input order too. Returns the finder.
///
/// With more than one thread and `read_ahead`, the input is read while `build` runs. Pass it
/// only for input that never waits on another process (regular files): an error of `build`
/// ends the run only once the reader has stopped, and a reader waiting on standard input would
/// hold the error back until the input ends. No document reaches the sink before the finder is
/// built.
pub fn for_each_document<'f, I>(
    build: impl FnOnce() -> Result<&'f MentionFinder, SourceError>,
    read_ahead: bool,
    threads: usize,
    events: I,
    warn: &mut dyn FnMut(SourceError),
    sink: &mut Sink<'_>,
) -> Result<&'f MentionFinder, SourceError>
where
    I: Iterator<Item = Result<Event, SourceError>> + Send,
{
    if threads <= 1 {
        let finder = build()?;
        for batch in Batches::new(events) {
            process(finder, batch?, warn, sink)?;
        }
        return Ok(finder);
    }
    let input = Mutex::new(Input::new(events));
    let built = AtomicBool::new(false);
    // A permit for each batch the workers may hold at once; the calling thread hands one back as
    // it delivers a batch, so a slow batch holds up a bounded number of finished ones. There
    // are more permits than threads: each thread may spend one to find that the input has ended,
    // and a worker waiting for a permit must still get one then.
    let in_flight = IN_FLIGHT.max(2 * threads);
    let (permit_tx, permit_rx) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        permit_tx
            .send(())
            .expect("the channel has room for every permit");
    }
    let permits = Mutex::new(permit_rx);
    // Set when the input has ended, or when the calling thread stops (on an error too): the
    // workers then read no more.
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        // The permits' sender is the closure's own, so that an early return drops it and the
        // workers waiting for a permit stop.
        let permit_tx = permit_tx;
        let _stop = StopOnDrop(&stop);
        if read_ahead {
            // Reads the first batches while the finder is built, then leaves the rest to the
            // workers.
            scope.spawn(|| {
                let mut input = input.lock().expect("no thread panics holding the input");
                while !built.load(Ordering::Acquire) {
                    if !input.read_ahead() {
                        break;
                    }
                }
            });
        }
        let finder = build();
        built.store(true, Ordering::Release);
        let finder = finder?;
        // Each batch's outcome by its number, from the other workers.
        let (found_tx, found_rx) = channel::<(usize, Searched)>();
        for _ in 1..threads {
            let found_tx = found_tx.clone();
            let (input, permits, stop) = (&input, &permits, &stop);
            scope.spawn(move || {
                while let Next::Batch(k, batch) = next_batch(input, permits, stop, true) {
                    if found_tx.send((k, run(finder, batch))).is_err() {
                        return; // The calling thread stopped on an error.
                    }
                }
            });
        }
        drop(found_tx);
        // The calling thread is a worker too, and between its own batches it hands the finished
        // ones to the sink, in input order.
        let mut order = InOrder::default();
        loop {
            order.finished.extend(found_rx.try_iter());
            order.deliver(finder, warn, sink, &permit_tx)?;
            match next_batch(&input, &permits, &stop, false) {
                Next::Batch(k, batch) => {
                    order.finished.insert(k, run(finder, batch));
                }
                // Every permit is out: wait for another worker to finish a batch. (If no other
                // worker is left, one panicked and its batch is lost: stop, and the scope
                // raises the panic again.)
                Next::NoPermit => match found_rx.recv() {
                    Ok((k, found)) => {
                        order.finished.insert(k, found);
                    }
                    Err(_) => break,
                },
                Next::Ended => break,
            }
        }
        // Every batch of the calling thread's own has been delivered or waits for the others'.
        for found in found_rx {
            order.finished.insert(found.0, found.1);
            order.deliver(finder, warn, sink, &permit_tx)?;
        }
        debug_assert!(
            order.finished.is_empty(),
            "every batch before the last is delivered"
        );
        Ok(finder)
    })
}

/// A batch found, or the input's error that ends it; `Err` is a panic of the search,
/// raised again on delivery.
type Searched = std::thread::Result<FoundOrError>;

/// Finds the mentions of a batch, catching a panic: left to the scope, it would leave the batch
/// missing and the calling thread waiting for it.
fn run(finder: &MentionFinder, batch: Result<Batch, SourceError>) -> Searched {
    match batch {
        Ok(b) => catch_unwind(AssertUnwindSafe(|| find(finder, b))).map(Ok),
        Err(e) => Ok(Err(e)),
    }
}

/// Finished batches waiting for the ones before them.
#[derive(Default)]
struct InOrder {
    finished: BTreeMap<usize, Searched>,
    /// The number of the next batch to deliver.
    next: usize,
}

impl InOrder {
    /// Delivers the finished batches that come next, handing a permit back for each.
    fn deliver(
        &mut self,
        finder: &MentionFinder,
        warn: &mut dyn FnMut(SourceError),
        sink: &mut Sink<'_>,
        permits: &SyncSender<()>,
    ) -> Result<(), SourceError> {
        while let Some(found) = self.finished.remove(&self.next) {
            let found = found.unwrap_or_else(|panic| resume_unwind(panic));
            deliver(finder, found?, warn, sink)?;
            self.next += 1;
            let _ = permits.send(());
        }
        Ok(())
    }
}

/// Sets its flag when dropped: when the calling thread leaves the workers, however it leaves.
struct StopOnDrop<'a>(&'a AtomicBool);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Release);
    }
}

/// What a worker does next.
enum Next {
    /// Find the mentions of this batch.
    Batch(usize, Result<Batch, SourceError>),
    /// Wait: every permit is out (only when told not to wait for one).
    NoPermit,
    /// Stop: the input has ended, or the calling thread stopped on an error.
    Ended,
}

/// The next batch for a worker to search: one read now, which takes a permit first (waiting for
/// one if `wait`).
///
/// Each worker reads its own batches and finds their mentions itself, so that the text is read
/// on the core that wrote it, while it is still in the caches.
fn next_batch<I>(
    input: &Mutex<Input<I>>,
    permits: &Mutex<Receiver<()>>,
    stop: &AtomicBool,
    wait: bool,
) -> Next
where
    I: Iterator<Item = Result<Event, SourceError>>,
{
    if stop.load(Ordering::Acquire) {
        return Next::Ended;
    }
    let permit = if wait {
        match permits.lock() {
            Ok(p) => p.recv().is_ok(),
            Err(_) => false,
        }
    } else {
        // The calling thread must not wait here: the permits come back from it.
        match permits.try_lock().map(|p| p.try_recv()) {
            Ok(Ok(())) => true,
            Ok(Err(TryRecvError::Disconnected)) => false,
            Ok(Err(TryRecvError::Empty)) | Err(_) => return Next::NoPermit,
        }
    };
    match permit.then(|| input.lock().map(|mut i| i.take(stop))) {
        Some(Ok(Some((k, batch)))) => Next::Batch(k, batch),
        // Stopped, or the input has ended (or a worker panicked reading it).
        _ => Next::Ended,
    }
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

/// The input as the workers share it: batches numbered in input order, the first of them
/// possibly read ahead during start-up.
struct Input<I> {
    batches: Batches<I>,
    /// Batches read during start-up, not taken yet.
    early: VecDeque<(usize, Result<Batch, SourceError>)>,
    /// The number of the next batch read.
    next: usize,
}

impl<I> Input<I>
where
    I: Iterator<Item = Result<Event, SourceError>>,
{
    fn new(events: I) -> Self {
        Input {
            batches: Batches::new(events),
            early: VecDeque::new(),
            next: 0,
        }
    }

    /// The next batch and its number, or `None` once the input has ended, which then sets
    /// `ended`: the workers stop asking (and taking permits to ask).
    fn take(&mut self, ended: &AtomicBool) -> Option<(usize, Result<Batch, SourceError>)> {
        let taken = self.early.pop_front().or_else(|| self.read());
        if taken.is_none() {
            ended.store(true, Ordering::Release);
        }
        taken
    }

    /// Reads a batch for later, unless START_UP_AHEAD are waiting; whether it read one.
    fn read_ahead(&mut self) -> bool {
        if self.early.len() >= START_UP_AHEAD {
            return false;
        }
        self.read().map(|read| self.early.push_back(read)).is_some()
    }

    /// Reads the next batch from the input and gives it its number.
    fn read(&mut self) -> Option<(usize, Result<Batch, SourceError>)> {
        let batch = self.batches.next()?;
        self.next += 1;
        Some((self.next - 1, batch))
    }
}

/// A batch found, or the input's error that ends it.
type FoundOrError = Result<Found, SourceError>;

/// A batch with the mentions of each of its events (none for a warning).
struct Found {
    events: Vec<Event>,
    mentions: Vec<Result<Vec<Mention>, SourceError>>,
}

thread_local! {
    /// Each worker's buffers and cache, kept from batch to batch.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::ResolveOptions;
    use std::sync::OnceLock;

    fn finder() -> &'static MentionFinder {
        static FINDER: OnceLock<MentionFinder> = OnceLock::new();
        FINDER.get_or_init(|| MentionFinder::embedded(ResolveOptions::default()).expect("embedded"))
    }

    /// `n` events: documents of varied length (so that batches end by size as well as by
    /// count), with a warning after every seventh.
    fn events(n: usize) -> Vec<Result<Event, SourceError>> {
        let mut out = Vec::new();
        for i in 0..n {
            let text = format!(
                "زار الوفد الرقة ثم منبج. {}",
                "وقال المسؤول ".repeat(i % 97 * 40)
            );
            out.push(Ok(Event::Document(Document {
                origin: format!("d{i}"),
                text,
                date: None,
                offset: 0,
            })));
            if i % 7 == 6 {
                out.push(Ok(Event::Warning(SourceError::new(
                    format!("w{i}"),
                    "x".into(),
                ))));
            }
        }
        out
    }

    /// What the sink and `warn` saw, in order, and the run's result.
    fn run_all(
        threads: usize,
        read_ahead: bool,
        events: Vec<Result<Event, SourceError>>,
        stop_at: Option<usize>,
    ) -> (Vec<String>, Result<(), SourceError>) {
        let seen = RefCell::new(Vec::new());
        let mut warn = |w: SourceError| seen.borrow_mut().push(format!("warning {}", w.file));
        let mut sink = |_: &MentionFinder, d: &Document, m: &[Mention]| {
            let mut seen = seen.borrow_mut();
            if Some(seen.len()) == stop_at {
                return Err(SourceError::new("out", "full".into()));
            }
            seen.push(format!("{} {}", d.origin, m.len()));
            Ok(())
        };
        let result = for_each_document(
            || Ok(finder()),
            read_ahead,
            threads,
            events.into_iter(),
            &mut warn,
            &mut sink,
        )
        .map(|_| ());
        (seen.into_inner(), result)
    }

    #[test]
    fn every_thread_count_hands_on_the_same_events_in_input_order() {
        let (one, result) = run_all(1, false, events(3000), None);
        result.expect("no error");
        assert_eq!(one.len(), 3000 + 3000 / 7);
        assert_eq!(one[0], "d0 2", "the two places of the first document");
        for threads in [2, 3, 4, 40] {
            for read_ahead in [false, true] {
                let (many, result) = run_all(threads, read_ahead, events(3000), None);
                result.expect("no error");
                assert!(many == one, "{threads} threads, read ahead: {read_ahead}");
            }
        }
    }

    #[test]
    fn an_input_error_ends_the_run_after_everything_read_before_it() {
        let mut input = events(2000);
        let at = input.len() / 2;
        input.insert(at, Err(SourceError::new("broken.gz", "corrupt".into())));
        for threads in [1, 2, 3, 40] {
            let (seen, result) = run_all(threads, true, input.clone(), None);
            assert_eq!(result.unwrap_err().file, "broken.gz");
            assert_eq!(seen.len(), at, "{threads} threads");
        }
    }

    #[test]
    fn an_error_of_the_sink_stops_every_thread() {
        for threads in [1, 2, 3, 40] {
            let (seen, result) = run_all(threads, true, events(5000), Some(300));
            assert_eq!(result.unwrap_err().file, "out");
            assert_eq!(seen.len(), 300, "{threads} threads");
        }
    }

    #[test]
    fn an_error_of_the_build_ends_the_run_with_nothing_handed_on() {
        for threads in [1, 2] {
            let mut sink =
                |_: &MentionFinder, _: &Document, _: &[Mention]| -> Result<(), SourceError> {
                    panic!("nothing reaches the sink")
                };
            let result = for_each_document(
                || Err(SourceError::new("g.tsv", "bad".into())),
                true,
                threads,
                events(2000).into_iter(),
                &mut |_| panic!("nothing reaches warn"),
                &mut sink,
            );
            assert_eq!(result.err().map(|e| e.file), Some("g.tsv".to_string()));
        }
    }
}
