//! Where the time of the matching path goes on a whole corpus, stage by stage.
//!
//! `cargo bench --bench stages` loads every article text of
//! `../shared/corpus/saudinewsnet/saudinewsnet-2015.jsonl.gz` (or `MENTIONMAP_BENCH_CORPUS`) into
//! memory, then times, single-threaded, over the whole corpus: normalising; normalising and
//! matching; and the finder's whole path (normalise, match, resolve). Each is run five times
//! and the fastest is printed, as MB/s of original text; each run starts with empty per-thread
//! caches, as a fresh process does. Unlike the criterion benches on a 2 MB
//! sample, this sees the whole vocabulary, so per-thread caches behave as in a real run.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use mentionmap::gazetteer::blockers;
use mentionmap::matcher::TokenCache;
use mentionmap::resolve::ResolveOptions;
use mentionmap::text::{NormalizedText, Normalizer};
use mentionmap::{MentionFinder, Scratch};

fn corpus_path() -> PathBuf {
    if let Some(p) = std::env::var_os("MENTIONMAP_BENCH_CORPUS") {
        return PathBuf::from(p);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/saudinewsnet/saudinewsnet-2015.jsonl.gz")
}

fn load(path: &PathBuf) -> Option<Vec<String>> {
    let file = std::fs::File::open(path).ok()?;
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    let mut docs = Vec::new();
    for line in reader.lines() {
        let line = line.ok()?;
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(&line)
            && let Some(text) = value.get("text").and_then(|t| t.as_str())
        {
            docs.push(text.to_owned());
        }
    }
    Some(docs)
}

/// The fastest of five runs of `f` (the machine is shared: the fastest is the least disturbed).
fn fastest(mut f: impl FnMut() -> usize) -> (Duration, usize) {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            let n = std::hint::black_box(f());
            (t.elapsed(), n)
        })
        .min()
        .expect("five runs")
}

fn main() {
    let path = corpus_path();
    let Some(docs) = load(&path) else {
        println!("stages: skipped: {} is absent", path.display());
        return;
    };
    let bytes: usize = docs.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "stages: {} documents, {mb:.1} MB of text, one thread",
        docs.len()
    );

    let data = mentionmap::compiled::embedded_default().expect("embedded default");
    let blockers = blockers::embedded().expect("embedded blockers");
    let finder = MentionFinder::with_names(
        data.gazetteer,
        data.commonness,
        data.names,
        &blockers,
        ResolveOptions::default(),
    )
    .expect("automaton");

    let report = |stage: &str, (t, n): (Duration, usize)| {
        let s = t.as_secs_f64();
        println!(
            "  {stage:<28} {s:>6.3} s  {:>7.1} MB/s  ({n} items)",
            mb / s
        );
    };
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
