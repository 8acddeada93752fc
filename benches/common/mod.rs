//! What both benchmarks need: the corpus they read and the finder `mentionmap count` builds.

use std::path::PathBuf;

use mentionmap::MentionFinder;
use mentionmap::input::{Documents, Event};
use mentionmap::resolve::ResolveOptions;

/// `MENTIONMAP_BENCH_CORPUS`, else the SaudiNewsNet corpus beside the repository.
pub fn corpus_path() -> PathBuf {
    if let Some(p) = std::env::var_os("MENTIONMAP_BENCH_CORPUS") {
        return PathBuf::from(p);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/saudinewsnet/saudinewsnet-2015.jsonl.gz")
}

/// The text of the corpus's documents, read as `mentionmap count` reads it, in order, until
/// `limit` bytes of text (all of them with `None`); `None` if the corpus is absent, unreadable or
/// has no text.
pub fn corpus_texts(limit: Option<usize>) -> Option<Vec<String>> {
    let (events, _) = Documents::from_paths(&[corpus_path()]).ok()?;
    let mut docs = Vec::new();
    let mut total = 0;
    for ev in events {
        if let Event::Document(d) = ev.ok()? {
            total += d.text.len();
            docs.push(d.text);
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
    MentionFinder::embedded(ResolveOptions::default()).expect("embedded finder")
}
