//! Stage 5: from mentions to counts per place ([`PlaceCounts`]).
//!
//! Counts are integers (confidence is summed in millionths), and merging is commutative and
//! associative, so partial counts made on any number of threads add up to the same bytes.
//! [`Timeline`] splits the counts by calendar [`Period`] (`--by`), [`EdgeCounts`] counts
//! co-mentions (`--edges`), and [`Collector`] gathers whichever of them a run asks for.

mod collect;
mod edges;
pub mod period;
mod sentences;
mod timeline;

pub use collect::Collector;
pub use edges::{EdgeCount, EdgeCounts, EdgeScope};
pub use period::Period;
pub use sentences::sentence_numbers;
pub use timeline::Timeline;

use rustc_hash::FxHashMap;

use crate::gazetteer::SmallText;
use crate::resolve::Mention;

/// The suffix that marks an adjective form (السوري) in `forms`, so it is never mistaken for a
/// name of the place.
pub const ADJECTIVE_MARK: &str = " (adj)";

/// What is known about one place over all documents read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaceCount {
    /// Number of mentions.
    pub mentions: u64,
    /// Number of documents that mention it.
    pub documents: u64,
    /// Each surface form (as written, clitics included) and how often it occurred (in no
    /// particular order: [`PlaceCount::forms_in_order`] sorts them). Most forms are short
    /// enough to be stored inline in the table, so that counting one reads no other memory.
    pub forms: FxHashMap<SmallText, u64>,
    /// Sum of the mentions' confidences, in millionths.
    pub confidence_micros: u64,
    /// Earliest document date, when dates are known.
    pub first_seen: Option<SmallText>,
    /// Latest document date, when dates are known.
    pub last_seen: Option<SmallText>,
}

impl PlaceCount {
    /// Mean confidence of the mentions, in [0, 1].
    pub fn confidence(&self) -> f64 {
        if self.mentions == 0 {
            0.0
        } else {
            self.confidence_micros as f64 / self.mentions as f64 / 1e6
        }
    }

    /// The surface forms and their counts, in byte order of the form (the order of the output).
    pub fn forms_in_order(&self) -> Vec<(&str, u64)> {
        let mut v: Vec<(&str, u64)> = self.forms.iter().map(|(f, n)| (f.as_str(), *n)).collect();
        v.sort_unstable();
        v
    }

    fn merge(&mut self, other: PlaceCount) {
        self.mentions += other.mentions;
        self.documents += other.documents;
        self.confidence_micros += other.confidence_micros;
        for (f, n) in other.forms {
            *self.forms.entry(f).or_default() += n;
        }
        self.first_seen = min_opt(self.first_seen.take(), other.first_seen);
        self.last_seen = max_opt(self.last_seen.take(), other.last_seen);
    }
}

fn min_opt(a: Option<SmallText>, b: Option<SmallText>) -> Option<SmallText> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_opt(a: Option<SmallText>, b: Option<SmallText>) -> Option<SmallText> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// Counts per place over a set of documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaceCounts {
    /// By place index; looked up once a mention, so a hash map (ordered by the writers).
    places: FxHashMap<u32, PlaceCount>,
    /// Number of documents read.
    pub documents: u64,
    /// Number of documents that had no date (only counted when dates are expected).
    pub undated: u64,
}

impl PlaceCounts {
    /// Empty counts.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one document's mentions. `text` is the document's text (forms are sliced from it).
    pub fn add_document(&mut self, text: &str, date: Option<&str>, mentions: &[Mention]) {
        self.documents += 1;
        let mut adjective = String::new();
        for m in mentions {
            let c = self.places.entry(m.place).or_default();
            c.mentions += 1;
            c.confidence_micros += (f64::from(m.confidence) * 1e6).round() as u64;
            let form = if m.adjective {
                adjective.clear();
                adjective.push_str(&text[m.start..m.end]);
                adjective.push_str(ADJECTIVE_MARK);
                adjective.as_str()
            } else {
                &text[m.start..m.end]
            };
            // Most forms are met before: look up first, allocate only a new one.
            match c.forms.get_mut(form) {
                Some(n) => *n += 1,
                None => {
                    c.forms.insert(form.into(), 1);
                }
            }
        }
        let mut places: Vec<u32> = mentions.iter().map(|m| m.place).collect();
        places.sort_unstable();
        places.dedup();
        for p in places {
            let c = self.places.get_mut(&p).expect("counted above");
            c.documents += 1;
            if let Some(d) = date {
                if c.first_seen.as_deref().is_none_or(|f| d < f) {
                    c.first_seen = Some(d.into());
                }
                if c.last_seen.as_deref().is_none_or(|l| d > l) {
                    c.last_seen = Some(d.into());
                }
            }
        }
    }

    /// Adds counts made elsewhere (another thread, another batch).
    pub fn merge(&mut self, other: PlaceCounts) {
        self.documents += other.documents;
        self.undated += other.undated;
        for (p, c) in other.places {
            self.places.entry(p).or_default().merge(c);
        }
    }

    /// The places mentioned and their counts, in no particular order: the writers put them in
    /// output order ([`crate::output::geojson::ordered`]: mentions, then place id).
    pub fn iter(&self) -> impl Iterator<Item = (u32, &PlaceCount)> {
        self.places.iter().map(|(p, c)| (*p, c))
    }

    /// The count of one place, if mentioned.
    pub fn get(&self, place: u32) -> Option<&PlaceCount> {
        self.places.get(&place)
    }

    /// Number of distinct places mentioned.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether no place was mentioned.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(place: u32, start: usize, end: usize) -> Mention {
        Mention {
            start,
            name_start: start,
            end,
            place,
            entry: 0,
            adjective: false,
            confidence: 0.5,
        }
    }

    #[test]
    fn counts_mentions_documents_forms() {
        let text = "بالرقة والرقة";
        let mut a = PlaceCounts::new();
        a.add_document(text, Some("2019-01-02"), &[m(1, 0, 12), m(1, 13, 25)]);
        let mut b = PlaceCounts::new();
        b.add_document(text, Some("2018-05-01"), &[m(1, 0, 12)]);
        a.merge(b);
        let c = a.get(1).unwrap();
        assert_eq!((c.mentions, c.documents, a.documents), (3, 2, 2));
        assert_eq!(c.forms["بالرقة"], 2);
        assert_eq!(c.forms["والرقة"], 1);
        assert_eq!(c.first_seen.as_deref(), Some("2018-05-01"));
        assert_eq!(c.last_seen.as_deref(), Some("2019-01-02"));
        assert!((c.confidence() - 0.5).abs() < 1e-9);
    }
}
