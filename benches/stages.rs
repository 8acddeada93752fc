//! Where the time of the matching path goes on a whole corpus, stage by stage.
//!
//! `cargo bench --bench stages` times reading
//! `../shared/corpus/saudinewsnet/saudinewsnet-2015.jsonl.gz` (or `MENTIONMAP_BENCH_CORPUS`) as
//! `count` does (decompressing, decoding, parsing each line), then loads every article text into
//! memory and times, single-threaded, over the whole corpus: normalising; normalising and
//! matching; and the finder's whole path (normalise, match, resolve). Each is run five times
//! (`MENTIONMAP_BENCH_RUNS=N`: N times) and the fastest is printed, as MB/s of original text;
//! each run starts with empty per-thread caches, as a fresh process does. Unlike the criterion
//! benches on a 2 MB sample, this sees the whole vocabulary, so per-thread caches behave as in a
//! real run.

mod common;

use std::time::{Duration, Instant};

use common::{build_finder, corpus_path, corpus_texts};

use mentionmap::Scratch;
use mentionmap::input::{Documents, Event};
use mentionmap::matcher::TokenCache;
use mentionmap::text::{NormalizedText, Normalizer};

/// Runs of each stage: `MENTIONMAP_BENCH_RUNS`, else five.
fn runs() -> usize {
    std::env::var("MENTIONMAP_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(5)
}

/// The fastest of [`runs`] runs of `f` (the machine is shared: the fastest is the least
/// disturbed).
fn fastest(mut f: impl FnMut() -> usize) -> (Duration, usize) {
    (0..runs())
        .map(|_| {
            let t = Instant::now();
            let n = std::hint::black_box(f());
            (t.elapsed(), n)
        })
        .min()
        .expect("at least one run")
}

fn main() {
    let path = corpus_path();
    let Some(docs) = corpus_texts(None) else {
        println!("stages: skipped: {} is absent", path.display());
        return;
    };
    let bytes: usize = docs.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "stages: {} documents, {mb:.1} MB of text, one thread",
        docs.len()
    );

    let finder = build_finder();

    let report = |stage: &str, (t, n): (Duration, usize)| {
        let s = t.as_secs_f64();
        println!(
            "  {stage:<28} {s:>6.3} s  {:>7.1} MB/s  ({n} items)",
            mb / s
        );
    };
    report(
        "read (gunzip, JSON)",
        fastest(|| {
            let (events, _) = Documents::from_paths(std::slice::from_ref(&path)).expect("corpus");
            events
                .map(|ev| match ev.expect("readable") {
                    Event::Document(d) => d.text.len(),
                    Event::Warning(_) => 0,
                })
                .sum()
        }),
    );
    let mut norm = NormalizedText::default();
    report(
        "normalise",
        fastest(|| {
            docs.iter()
                .map(|d| {
                    Normalizer.normalize_into(d, &mut norm).expect("size");
                    norm.as_bytes().len()
                })
                .sum()
        }),
    );
    let mut matches = Vec::new();
    report(
        "normalise + match",
        fastest(|| {
            // A fresh cache each run, as in a fresh process.
            let mut cache = TokenCache::default();
            docs.iter()
                .map(|d| {
                    Normalizer.normalize_into(d, &mut norm).expect("size");
                    matches.clear();
                    finder
                        .matcher()
                        .find_all_cached(&norm, &mut cache, &mut matches);
                    matches.len()
                })
                .sum()
        }),
    );
    let mut mentions = Vec::new();
    report(
        "normalise + match + resolve",
        fastest(|| {
            let mut scratch = Scratch::default();
            docs.iter()
                .map(|d| {
                    mentions.clear();
                    finder.find(d, &mut scratch, &mut mentions).expect("size");
                    mentions.len()
                })
                .sum()
        }),
    );
}
