//! Counts per place and period (`--by`): one [`PlaceCounts`] per period, plus one for the
//! documents without a (valid) date, so that the periods always add up to the totals.

use std::collections::BTreeMap;

use super::PlaceCounts;
use super::period::{Period, parse_date};
use crate::resolve::Mention;

/// Counts per period of one length. The key `None` holds the documents without a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    period: Period,
    cells: BTreeMap<Option<i32>, PlaceCounts>,
    /// Number of documents read.
    pub documents: u64,
    /// Number of documents without a valid date (counted under the period `None`).
    pub undated: u64,
}

impl Timeline {
    /// An empty timeline of periods of length `period`.
    pub fn new(period: Period) -> Self {
        Timeline {
            period,
            cells: BTreeMap::new(),
            documents: 0,
            undated: 0,
        }
    }

    /// The length of its periods.
    pub fn period(&self) -> Period {
        self.period
    }

    /// Adds one document (see [`PlaceCounts::add_document`]) to the period of its date.
    pub fn add_document(&mut self, text: &str, date: Option<&str>, mentions: &[Mention]) {
        self.documents += 1;
        let day = date.and_then(parse_date);
        if day.is_none() {
            self.undated += 1;
        }
        let key = day.map(|d| self.period.start_of(d));
        self.cells
            .entry(key)
            .or_default()
            .add_document(text, date, mentions);
    }

    /// Adds a timeline made elsewhere (another thread, another batch) of the same period length.
    pub fn merge(&mut self, other: Timeline) {
        debug_assert_eq!(self.period, other.period);
        self.documents += other.documents;
        self.undated += other.undated;
        for (k, c) in other.cells {
            self.cells.entry(k).or_default().merge(c);
        }
    }

    /// The periods in order (the undated documents first, as `None`), each with the first day of
    /// the period in days since 1970-01-01, and its counts.
    pub fn periods(&self) -> impl Iterator<Item = (Option<i32>, &PlaceCounts)> {
        self.cells.iter().map(|(k, c)| (*k, c))
    }

    /// The counts over all periods: what a run without `--by` gives.
    pub fn totals(&self) -> PlaceCounts {
        let mut t = PlaceCounts::new();
        for c in self.cells.values() {
            t.merge(c.clone());
        }
        t
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
            confidence: 0.75,
        }
    }

    #[test]
    fn periods_add_up_to_the_totals() {
        let text = "abcdefghij";
        let docs: Vec<(Option<&str>, Vec<Mention>)> = vec![
            (Some("2019-03-04"), vec![m(1, 0), m(2, 2), m(1, 4)]),
            (Some("2019-03-10"), vec![m(1, 1)]),
            (Some("2019-03-11T08:00:00Z"), vec![m(2, 0), m(3, 3)]),
            (None, vec![m(1, 2)]),
            (Some("not a date"), vec![m(3, 5)]),
            (Some("2020-01-01"), vec![]),
        ];
        for period in Period::ALL {
            let mut direct = PlaceCounts::new();
            let (mut a, mut b) = (Timeline::new(period), Timeline::new(period));
            for (i, (date, ms)) in docs.iter().enumerate() {
                direct.add_document(text, *date, ms);
                let t = if i % 2 == 0 { &mut a } else { &mut b };
                t.add_document(text, *date, ms);
            }
            a.merge(b);
            assert_eq!(a.totals(), direct, "{period}");
            assert_eq!((a.documents, a.undated), (6, 2));
            let sum: u64 = a.periods().map(|(_, c)| c.documents).sum();
            assert_eq!(sum, 6);
        }
        let mut w = Timeline::new(Period::Week);
        for (date, ms) in &docs {
            w.add_document(text, *date, ms);
        }
        // Undated, week of 2019-03-04, week of 2019-03-11, week of 2019-12-30.
        assert_eq!(w.periods().count(), 4);
        let (_, first_week) = w.periods().nth(1).unwrap();
        assert_eq!(first_week.get(1).unwrap().mentions, 3);
    }
}
