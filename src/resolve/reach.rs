//! Which names can ever become a mention, each worked out once per finder.
//!
//! Most matches in news are ordinary words that happen to be the name of some village (a name
//! far more common as a word than its place is famous). Whatever surrounds them, their
//! confidence stays under every threshold, so they never become a mention, never lend their
//! country to the others and never receive a sure neighbour's reading. [`Reachable`] tells these
//! names apart, so that resolution can leave their matches out before looking at them: the
//! mentions found are the same, for a fraction of the work.

use std::sync::atomic::{AtomicU8, Ordering};

use strum::IntoEnumIterator;

use super::cues::Trigger;
use super::facts::Facts;
use super::policy::{self, Evidence, Support};
use crate::gazetteer::Gazetteer;
use crate::matcher::{Entry, Matcher};

/// How far under the threshold the best possible confidence must be for a name to be left out,
/// so that rounding in the logistic function can never turn a kept mention into a dropped one.
const MARGIN: f32 = 1e-4;

/// [`Reachable`]'s memory of an entry: not worked out yet.
const UNKNOWN: u8 = 0;
/// [`Reachable`]'s memory of an entry: never a mention.
const NO: u8 = 1;
/// [`Reachable`]'s memory of an entry: may be a mention.
const YES: u8 = 2;

/// Which matcher entries' matches may become a mention or an anchor.
///
/// An entry is worked out the first time one of its names is matched (most of the hundreds of
/// thousands of names never are in a given corpus) and remembered; threads that meet the same
/// entry at once work out the same answer, so the race is harmless.
#[derive(Debug, Default)]
pub struct Reachable {
    threshold: f32,
    known: Vec<AtomicU8>,
}

impl Clone for Reachable {
    fn clone(&self) -> Self {
        Reachable {
            threshold: self.threshold,
            known: self
                .known
                .iter()
                .map(|k| AtomicU8::new(k.load(Ordering::Relaxed)))
                .collect(),
        }
    }
}

impl Reachable {
    /// For a matcher of `entries` entries and mentions kept from `min_confidence` on: an entry
    /// is reachable when its best possible confidence reaches `min_confidence` or the anchor
    /// threshold ([`policy::ANCHOR_CONFIDENCE`]), whichever is lower.
    pub fn new(entries: usize, min_confidence: f32) -> Self {
        Reachable {
            threshold: min_confidence.min(policy::ANCHOR_CONFIDENCE) - MARGIN,
            known: (0..entries).map(|_| AtomicU8::new(UNKNOWN)).collect(),
        }
    }

    /// Whether matches of `entry` (an entry of `matcher`, whose places are `gazetteer`'s, as
    /// `facts` describes them) may become a mention or an anchor.
    #[inline]
    pub fn contains(
        &self,
        gazetteer: &Gazetteer,
        facts: &Facts,
        matcher: &Matcher,
        entry: u32,
    ) -> bool {
        let Some(known) = self.known.get(entry as usize) else {
            return true;
        };
        match known.load(Ordering::Relaxed) {
            NO => false,
            YES => true,
            _ => {
                let yes = reaches(gazetteer, facts, matcher.entry(entry), self.threshold);
                known.store(if yes { YES } else { NO }, Ordering::Relaxed);
                yes
            }
        }
    }
}

/// Whether a match of `entry` can reach confidence `threshold`: with its best candidate and
/// the most favourable evidence a context can give (every trigger tried, a preposition glued
/// on, other places of the same country and division nearby, diacritics that fit one of the
/// place's spellings when it has a marked one), at the name's own commonness,
/// which is the least a match of it can have ([`policy::confidence`] only falls as commonness
/// rises). Never for an entry without candidates (a blocker phrase only).
fn reaches(gazetteer: &Gazetteer, facts: &Facts, entry: &Entry, threshold: f32) -> bool {
    let support = Support {
        same_country: 1,
        same_admin1: 1,
        elsewhere: false,
    };
    let triggers = std::iter::once(None).chain(Trigger::iter().map(Some));
    let letters = entry.letters();
    let multiword = entry.is_multiword();
    entry.candidates.iter().any(|c| {
        let place = facts.get(c.place);
        // Marks written on the name can fit only a place with a marked spelling.
        let names = &gazetteer.place(c.place as usize).names;
        let marked = names.iter().any(|n| super::marks::has_marks(&n.text));
        triggers.clone().any(|trigger| {
            let ev = Evidence {
                zipf: entry.zipf,
                family_zipf: entry.family_zipf,
                trigger,
                clitic_preposition: true,
                clitic_word: false,
                club_adjective: false,
                then_clitic: false,
                pronoun_ending: false,
                multiword,
                lowercase_latin: false,
                letters,
                arabic: false,
                marks_fit: 0,
                person_elsewhere: false,
                sports_club: false,
                foreign_adjective: false,
                listed_with_a_country: false,
                agrees_as_adjective: false,
                adjective_after_a_noun: false,
                definite_adjective: false,
                quarter: false,
            };
            policy::confidence(place, &ev, support, marked) >= threshold
        })
    })
}
