//! Everything `count` gathers from the documents in one pass: totals per place, and on demand
//! counts per period (`--by`) and co-mention edges (`--edges`).

use super::{EdgeCounts, EdgeScope, Period, PlaceCounts, Timeline};
use crate::resolve::Mention;

/// The counts of one `count` run. Merging two collectors made with the same settings gives
/// the same result as collecting all their documents in one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collector {
    /// Totals per place over all documents.
    pub totals: PlaceCounts,
    /// Counts per place and period, with `--by`.
    pub timeline: Option<Timeline>,
    /// Co-mention edges, with `--edges`.
    pub edges: Option<EdgeCounts>,
}

impl Collector {
    /// A collector that also counts per `by` period and co-mentions within `edges`, if given.
    pub fn new(by: Option<Period>, edges: Option<EdgeScope>) -> Self {
        Collector {
            totals: PlaceCounts::new(),
            timeline: by.map(Timeline::new),
            edges: edges.map(EdgeCounts::new),
        }
    }

    /// Adds one document: its text, date (ISO 8601) and mentions.
    pub fn add_document(&mut self, text: &str, date: Option<&str>, mentions: &[Mention]) {
        self.totals.add_document(text, date, mentions);
        if let Some(t) = &mut self.timeline {
            t.add_document(text, date, mentions);
        }
        if let Some(e) = &mut self.edges {
            e.add_document(text, mentions);
        }
    }

    /// Adds a collector made elsewhere with the same settings.
    pub fn merge(&mut self, other: Collector) {
        self.totals.merge(other.totals);
        if let (Some(a), Some(b)) = (&mut self.timeline, other.timeline) {
            a.merge(b);
        }
        if let (Some(a), Some(b)) = (&mut self.edges, other.edges) {
            a.merge(b);
        }
    }
}
