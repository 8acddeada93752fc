//! What both benchmarks need: the corpus they read and the finder `mentionmap count` builds.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;

use mentionmap::MentionFinder;
use mentionmap::gazetteer::blockers;
use mentionmap::resolve::ResolveOptions;

/// `MENTIONMAP_BENCH_CORPUS`, else the SaudiNewsNet corpus beside the repository.
pub fn corpus_path() -> PathBuf {
    if let Some(p) = std::env::var_os("MENTIONMAP_BENCH_CORPUS") {
        return PathBuf::from(p);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/saudinewsnet/saudinewsnet-2015.jsonl.gz")
}

/// The `text` of the corpus's documents, in order, until `limit` bytes of text (all of them
/// with `None`); `None` if the corpus is absent, unreadable or has no text.
pub fn corpus_texts(limit: Option<usize>) -> Option<Vec<String>> {
    let path = corpus_path();
    let file = std::fs::File::open(&path).ok()?;
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    let mut docs = Vec::new();
    let mut total = 0;
    for line in reader.lines() {
        let line = line.ok()?;
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        if let Some(text) = value.get("text").and_then(|t| t.as_str()) {
            total += text.len();
            docs.push(text.to_owned());
            if limit.is_some_and(|l| total >= l) {
                break;
            }
        }
    }
    (!docs.is_empty()).then_some(docs)
}

/// Everything `mentionmap count` builds before it reads input (see `finder()` in main.rs): the
/// precompiled embedded default (places, name table, commonness), the blockers and the automata.
pub fn build_finder() -> MentionFinder {
    let data = mentionmap::compiled::embedded_default().expect("embedded default");
    let blockers = blockers::embedded().expect("embedded blockers");
    MentionFinder::with_names(
        data.gazetteer,
        data.commonness,
        data.names,
        &blockers,
        ResolveOptions::default(),
    )
    .expect("automaton")
}
