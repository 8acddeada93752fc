//! `find` (what `count` and `extract` use) leaves out, before resolving, the matches of names
//! that can never become a mention (`resolve::Reachable`); `explain` resolves every match. Both
//! must keep exactly the same mentions, at any `--min-confidence`.

use std::path::{Path, PathBuf};

mod shared;

use mentionmap::input::{Documents, Event};
use mentionmap::resolve::{Mention, ResolveOptions};
use mentionmap::{MentionFinder, Scratch};

fn finder(min_confidence: f32) -> MentionFinder {
    let options = ResolveOptions {
        min_confidence,
        ..ResolveOptions::default()
    };
    MentionFinder::embedded(options).expect("embedded finder")
}

/// The repository's example articles, the seed articles and the first 1,500 SaudiNewsNet
/// articles (the last two when `../shared` is there).
fn texts() -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<String> = Vec::new();
    let mut read_dir = |dir: &Path| {
        let entries = std::fs::read_dir(dir).expect("a readable folder of texts");
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        {
            out.push(std::fs::read_to_string(p).expect("example text"));
        }
    };
    read_dir(&root.join("examples/news"));
    if let Some(seeds) = shared::shared_path("corpus/seeds") {
        read_dir(&seeds);
    }
    if let Some(corpus) = shared::shared_path("corpus/saudinewsnet/saudinewsnet-2015.jsonl.gz") {
        let (events, _) = Documents::from_paths(&[corpus]).expect("corpus");
        let texts = events.filter_map(|ev| match ev.expect("readable corpus") {
            Event::Document(d) => Some(d.text),
            Event::Warning(_) => None,
        });
        out.extend(texts.take(1500));
    }
    out
}

fn check(min_confidence: f32, texts: &[String]) {
    let finder = finder(min_confidence);
    let mut scratch = Scratch::default();
    let mut total = 0;
    for (i, text) in texts.iter().enumerate() {
        let mut found: Vec<Mention> = Vec::new();
        finder.find(text, &mut scratch, &mut found).expect("size");
        let explained: Vec<Mention> = finder
            .explain(text, &mut scratch)
            .expect("size")
            .into_iter()
            .filter(|d| d.dropped.is_none())
            .filter_map(|d| d.mention)
            .collect();
        assert_eq!(
            found, explained,
            "text {i} at --min-confidence {min_confidence}"
        );
        total += found.len();
    }
    assert!(
        total > 0,
        "no mentions at all at --min-confidence {min_confidence}"
    );
}

#[test]
fn find_keeps_the_mentions_explain_keeps() {
    let texts = texts();
    for min_confidence in [0.05, 0.65, 0.95] {
        check(min_confidence, &texts);
    }
}
