//! Which names can ever become a mention, worked out once per finder.
//!
//! Most matches in news are ordinary words that happen to be the name of some village (a name
//! far more common as a word than its place is famous). Whatever surrounds them, their
//! confidence stays under every threshold, so they never become a mention, never lend their
//! country to the others and never receive a sure neighbour's reading. [`Reachable`] knows these
//! names ahead of time, so that resolution can leave their matches out before looking at them:
//! the mentions found are the same, for a fraction of the work.

use super::cues::Trigger;
use super::facts::Facts;
use super::policy::{self, Evidence, Support};
use crate::matcher::{Entry, Matcher};
use crate::text::encoding::{SOFT, letter_count};

/// How far under the threshold a ceiling must be for its name to be left out, so that rounding
/// in the logistic function can never turn a kept mention into a dropped one.
const MARGIN: f32 = 1e-4;

/// The set of matcher entries whose matches may become a mention or an anchor.
#[derive(Debug, Clone, Default)]
pub struct Reachable(Vec<u64>);

impl Reachable {
    /// The entries of `matcher` whose best possible confidence, over every candidate place and
    /// every context a document may give, reaches `min_confidence` or the anchor threshold
    /// ([`policy::ANCHOR_CONFIDENCE`]), whichever is lower.
    pub fn new(facts: &Facts, matcher: &Matcher, min_confidence: f32) -> Self {
        let threshold = min_confidence.min(policy::ANCHOR_CONFIDENCE) - MARGIN;
        let mut bits = vec![0u64; matcher.len().div_ceil(64)];
        for i in 0..matcher.len() {
            if ceiling(facts, matcher.entry(i as u32)).is_some_and(|c| c >= threshold) {
                bits[i / 64] |= 1 << (i % 64);
            }
        }
        Reachable(bits)
    }

    /// Whether matches of the entry `entry` may become a mention or an anchor.
    #[inline]
    pub fn contains(&self, entry: u32) -> bool {
        let i = entry as usize;
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
}

/// The highest confidence a match of `entry` can have: its best candidate with the most
/// favourable evidence a context can give (every trigger tried, a preposition glued on, other
/// places of the same country and division nearby), at the name's own commonness, which is the
/// least a match of it can have ([`policy::confidence`] only falls as commonness rises). `None`
/// for an entry without candidates (a blocker phrase only).
fn ceiling(facts: &Facts, entry: &Entry) -> Option<f32> {
    let support = Support {
        same_country: 1,
        same_admin1: 1,
    };
    let triggers = std::iter::once(None).chain(Trigger::ALL.map(Some));
    let letters = letter_count(&entry.key);
    let multiword = entry.key.contains(&SOFT);
    entry
        .candidates
        .iter()
        .flat_map(|c| triggers.clone().map(move |t| (c.place, t)))
        .map(|(place, trigger)| {
            let ev = Evidence {
                zipf: entry.zipf,
                trigger,
                clitic_preposition: true,
                multiword,
                lowercase_latin: false,
                letters,
                arabic: false,
            };
            policy::confidence(facts.get(place), &ev, support)
        })
        .max_by(f32::total_cmp)
}
