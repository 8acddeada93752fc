//! Place-name spans on the English development set (`tests/data/eval/english-dev.jsonl`, 200
//! sentences written for this project; see the README beside it), scored as
//! `../shared/eval/score_spans.py` scores ANERcorp: the sentences are one document, one a line,
//! and a found mention is right when it overlaps a gold span of its sentence not yet taken.
//! The floors sit a little under the figures in README.md, so that a change that costs English
//! text its precision or recall fails here.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// A gold sentence: its text and its place spans, as character offsets.
struct Sentence {
    text: String,
    spans: Vec<(usize, usize)>,
}

fn gold() -> Vec<Sentence> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/eval/english-dev.jsonl");
    std::fs::read_to_string(path)
        .expect("the English development set is in the repository")
        .lines()
        .map(|line| {
            let row: Value = serde_json::from_str(line).expect("a JSON line");
            let spans = row["LOC"]
                .as_array()
                .expect("LOC")
                .iter()
                .map(|s| {
                    (
                        s["start"].as_u64().unwrap() as usize,
                        s["end"].as_u64().unwrap() as usize,
                    )
                })
                .collect();
            Sentence {
                text: row["text"].as_str().expect("text").to_string(),
                spans,
            }
        })
        .collect()
}

#[test]
fn english_development_set_keeps_its_precision_and_recall() {
    let sentences = gold();
    let mut document = String::new();
    let mut line_starts = Vec::new();
    for s in &sentences {
        line_starts.push(document.len());
        document.push_str(&s.text);
        document.push('\n');
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("english-dev.txt");
    std::fs::write(&input, &document).unwrap();
    let out = Command::cargo_bin("mentionmap")
        .unwrap()
        .args(["extract", "-q", input.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Each mention as (sentence, character start, character end).
    let found: Vec<(usize, usize, usize)> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let m: Value = serde_json::from_str(l).unwrap();
            let (start, end) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            let line = line_starts.partition_point(|&s| s <= start) - 1;
            let chars = |byte: usize| document[line_starts[line]..byte].chars().count();
            (line, chars(start), chars(end))
        })
        .collect();

    let (mut tp, mut fp) = (0, 0);
    let mut taken: Vec<Vec<bool>> = sentences
        .iter()
        .map(|s| vec![false; s.spans.len()])
        .collect();
    for &(line, start, end) in &found {
        let hit = sentences[line]
            .spans
            .iter()
            .enumerate()
            .position(|(j, &(gs, ge))| !taken[line][j] && start < ge && gs < end);
        match hit {
            Some(j) => {
                taken[line][j] = true;
                tp += 1;
            }
            None => fp += 1,
        }
    }
    let gold_spans: usize = sentences.iter().map(|s| s.spans.len()).sum();
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / gold_spans as f64;
    eprintln!(
        "English dev: precision {precision:.3}, recall {recall:.3} (tp {tp}, fp {fp}, gold {gold_spans})"
    );
    assert_eq!(sentences.len(), 200);
    assert!(
        precision >= 0.95,
        "precision {precision:.3} (tp {tp}, fp {fp})"
    );
    assert!(
        recall >= 0.92,
        "recall {recall:.3} (tp {tp} of {gold_spans})"
    );
}
