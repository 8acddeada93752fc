//! Co-mention edges (`--edges`): how many documents mention two places together, in the whole
//! document or in one sentence of it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use super::sentences::sentence_numbers;
use crate::resolve::Mention;

/// Where two mentions must stand to link their places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EdgeScope {
    /// Anywhere in the same document.
    #[default]
    Document,
    /// In the same sentence (see [`sentence_numbers`]).
    Sentence,
}

impl EdgeScope {
    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeScope::Document => "document",
            EdgeScope::Sentence => "sentence",
        }
    }
}

impl fmt::Display for EdgeScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EdgeScope {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "document" => Ok(EdgeScope::Document),
            "sentence" => Ok(EdgeScope::Sentence),
            _ => Err(format!(
                "unknown edge scope {s:?} (expected document or sentence)"
            )),
        }
    }
}

/// The count of one pair of places.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EdgeCount {
    /// Number of documents in which the two are co-mentioned (within the scope).
    pub documents: u64,
    /// Number of sentences that mention both (only counted with [`EdgeScope::Sentence`]).
    pub sentences: u64,
}

/// Counts per unordered pair of places, keyed `(smaller index, larger index)`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EdgeCounts {
    scope: EdgeScope,
    pairs: BTreeMap<(u32, u32), EdgeCount>,
}

impl EdgeCounts {
    /// No edges yet, linking places within `scope`.
    pub fn new(scope: EdgeScope) -> Self {
        EdgeCounts {
            scope,
            pairs: BTreeMap::new(),
        }
    }

    /// The scope the edges were counted in.
    pub fn scope(&self) -> EdgeScope {
        self.scope
    }

    /// Adds the co-mentions of one document whose text is `text`.
    pub fn add_document(&mut self, text: &str, mentions: &[Mention]) {
        let mut doc_pairs = BTreeSet::new();
        match self.scope {
            EdgeScope::Document => {
                let places: BTreeSet<u32> = mentions.iter().map(|m| m.place).collect();
                pairs_of(&places, &mut doc_pairs);
            }
            EdgeScope::Sentence => {
                let mut sorted: Vec<&Mention> = mentions.iter().collect();
                sorted.sort_by_key(|m| m.start);
                let offsets: Vec<usize> = sorted.iter().map(|m| m.start).collect();
                let numbers = sentence_numbers(text, &offsets);
                let mut by_sentence: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
                for (m, s) in sorted.iter().zip(numbers) {
                    by_sentence.entry(s).or_default().insert(m.place);
                }
                for places in by_sentence.values() {
                    let mut sentence_pairs = BTreeSet::new();
                    pairs_of(places, &mut sentence_pairs);
                    for p in &sentence_pairs {
                        self.pairs.entry(*p).or_default().sentences += 1;
                    }
                    doc_pairs.extend(sentence_pairs);
                }
            }
        }
        for p in doc_pairs {
            self.pairs.entry(p).or_default().documents += 1;
        }
    }

    /// Adds edges counted elsewhere, in the same scope.
    pub fn merge(&mut self, other: EdgeCounts) {
        for (p, c) in other.pairs {
            let e = self.pairs.entry(p).or_default();
            e.documents += c.documents;
            e.sentences += c.sentences;
        }
    }

    /// The pairs co-mentioned in at least `min_weight` documents, by pair.
    pub fn at_least(&self, min_weight: u64) -> impl Iterator<Item = ((u32, u32), EdgeCount)> {
        self.pairs
            .iter()
            .filter(move |(_, c)| c.documents >= min_weight)
            .map(|(p, c)| (*p, *c))
    }

    /// The count of one pair, in either order.
    pub fn get(&self, a: u32, b: u32) -> Option<EdgeCount> {
        self.pairs.get(&(a.min(b), a.max(b))).copied()
    }
}

fn pairs_of(places: &BTreeSet<u32>, out: &mut BTreeSet<(u32, u32)>) {
    let v: Vec<u32> = places.iter().copied().collect();
    for (i, a) in v.iter().enumerate() {
        for b in &v[i + 1..] {
            out.insert((*a, *b));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(place: u32, start: usize) -> Mention {
        Mention {
            start,
            name_start: start,
            end: start + 1,
            place,
            entry: 0,
            adjective: false,
            confidence: 1.0,
        }
    }

    #[test]
    fn document_and_sentence_scopes() {
        // Places 1 and 2 share a sentence; 3 is in the next one.
        let text = "a b. c\nd";
        let ms = [m(1, 0), m(2, 2), m(1, 2), m(3, 5), m(4, 7)];
        let mut doc = EdgeCounts::new(EdgeScope::Document);
        doc.add_document(text, &ms);
        doc.add_document(text, &ms[..2]);
        assert_eq!(doc.get(2, 1).unwrap().documents, 2);
        assert_eq!(doc.get(1, 3).unwrap().documents, 1);
        assert_eq!(doc.at_least(2).count(), 1);
        assert_eq!(doc.at_least(1).count(), 6);

        let mut sen = EdgeCounts::new(EdgeScope::Sentence);
        sen.add_document(text, &ms);
        assert_eq!(
            sen.get(1, 2),
            Some(EdgeCount {
                documents: 1,
                sentences: 1
            })
        );
        assert_eq!(sen.get(1, 3), None);
        assert_eq!(sen.get(3, 4), None);
        let mut other = EdgeCounts::new(EdgeScope::Sentence);
        other.add_document("x y", &[m(1, 0), m(2, 2)]);
        sen.merge(other);
        assert_eq!(sen.get(1, 2).unwrap().documents, 2);
    }
}
