//! Which names can ever become a mention, each worked out once per finder.
//!
//! Most matches in news are ordinary words that happen to be the name of some village (a name
//! far more common as a word than its place is famous). Whatever surrounds them, their
//! confidence stays under every threshold, so they never become a mention, never lend their
//! country to the others and never receive a sure neighbour's reading. [`Reachable`] tells these
//! names apart, so that resolution can leave their matches out before looking at them: the
//! mentions found are the same, for a fraction of the work.
//!
//! Many more names can become a mention only with help from the word before them (`أكد`
//! "confirmed" is a village's name only after `قرية`) or from a preposition glued on
//! (`بالداخلية`). [`Reach::When`] lists the cues that can lift such a name; a document in which
//! no occurrence of it has one can leave them all out too (all, because a sure occurrence
//! lends its reading to the others nearby).

use std::sync::atomic::{AtomicU8, AtomicU32, Ordering};

use strum::IntoEnumIterator;

use super::Resolver;
use super::cues::{Cues, Trigger};
use super::evidence::has_preposition;
use super::facts::Facts;
use super::policy::{self, Evidence, Support};
use crate::gazetteer::{Gazetteer, Kind};
use crate::matcher::{Entry, Match, Matcher};
use crate::text::NormalizedText;
use crate::text::encoding::is_arabic_letter;

/// How far under the threshold the best possible confidence must be for a name to be left out,
/// so that rounding in the logistic function can never turn a kept mention into a dropped one.
const MARGIN: f32 = 1e-4;

/// [`Reachable`]'s memory of an entry: not worked out yet.
const UNKNOWN: u8 = 0;
/// [`Reachable`]'s memory of an entry: never a mention.
const NEVER: u8 = 1;
/// [`Reachable`]'s memory of an entry: may be a mention wherever it is.
const ALWAYS: u8 = 2;
/// [`Reachable`]'s memory of an entry: may be a mention given one of the cues of its mask
/// ([`Reach::When`]).
const WHEN: u8 = 3;

/// What the matches of one entry may become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Never a mention or an anchor, whatever surrounds them.
    Never,
    /// A mention or an anchor wherever they are, as far as this test can tell.
    Always,
    /// A mention or an anchor only with one of these cues ([`CueMask`]).
    When(CueMask),
}

/// A set of cues that a match carries: the word before it (its trigger, or none) and whether a
/// preposition is glued on. Bit `2 × t + p`, with `t` 0 for no trigger and 1 + the trigger's
/// place in [`Trigger`]'s list otherwise, and `p` 1 for a preposition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueMask(u32);

impl CueMask {
    /// The bit of one combination.
    fn bit(trigger: Option<Trigger>, preposition: bool) -> u32 {
        let t = trigger.map_or(0, |t| 1 + t as u32);
        1 << (2 * t + u32::from(preposition))
    }

    /// Whether a match whose word before gives `trigger` and that has a preposition glued on
    /// or not may reach the threshold. The cue the policy weighs may also become
    /// [`Trigger::Named`] (a club's adjective after the name, a sports article) or
    /// [`Trigger::Person`] (the same name after a title nearby) whatever the word before: those
    /// count too.
    pub fn admits(self, trigger: Option<Trigger>, preposition: bool) -> bool {
        let any = Self::bit(trigger, preposition)
            | Self::bit(Some(Trigger::Named), preposition)
            | Self::bit(Some(Trigger::Person), preposition);
        self.0 & any != 0
    }

    /// Whether a match with a preposition glued on or not may reach the threshold with no
    /// trigger before it (then nothing need be known of the word before).
    pub fn admits_without_trigger(self, preposition: bool) -> bool {
        self.0 & Self::bit(None, preposition) != 0
    }
}

/// Which matcher entries' matches may become a mention or an anchor, and given what.
///
/// An entry is worked out the first time one of its names is matched (most of the hundreds of
/// thousands of names never are in a given corpus) and remembered; threads that meet the same
/// entry at once work out the same answer, so the race is harmless.
#[derive(Debug, Default)]
pub struct Reachable {
    threshold: f32,
    /// What each entry's matches may become, one byte each (a small table: it is read for
    /// every match).
    known: Vec<AtomicU8>,
    /// For an entry known as [`WHEN`], its [`CueMask`] (written before `known` says so).
    masks: Vec<AtomicU32>,
}

impl Clone for Reachable {
    fn clone(&self) -> Self {
        // The states first: a mask read after its state (acquire) is the one it says to read.
        let known = self.known.iter().map(|k| k.load(Ordering::Acquire));
        let known: Vec<AtomicU8> = known.map(AtomicU8::new).collect();
        let masks = self.masks.iter().map(|m| m.load(Ordering::Relaxed));
        Reachable {
            threshold: self.threshold,
            known,
            masks: masks.map(AtomicU32::new).collect(),
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
            masks: (0..entries).map(|_| AtomicU32::new(0)).collect(),
        }
    }

    /// What matches of `entry` (an entry of `matcher`, whose places are `gazetteer`'s, as
    /// `facts` describes them) may become. A blocker phrase or a generic noun (`cues`) is never
    /// a mention, unless it may name a country, whose matches the resolver also reads beside
    /// their neighbours (`X وY`, a country's adjective after a name).
    #[inline]
    pub fn of(
        &self,
        gazetteer: &Gazetteer,
        facts: &Facts,
        matcher: &Matcher,
        cues: &Cues,
        entry: u32,
    ) -> Reach {
        let i = entry as usize;
        let Some(known) = self.known.get(i) else {
            return Reach::Always;
        };
        // Threads that meet a new entry at once work out the same answer; the mask is stored
        // before the state that says to read it (release), and read after it (acquire).
        let state = match known.load(Ordering::Acquire) {
            UNKNOWN => {
                let (state, mask) = self.work_out(gazetteer, facts, matcher.entry(entry), cues);
                self.masks[i].store(mask, Ordering::Relaxed);
                known.store(state, Ordering::Release);
                state
            }
            state => state,
        };
        match state {
            NEVER => Reach::Never,
            WHEN => Reach::When(CueMask(self.masks[i].load(Ordering::Relaxed))),
            _ => Reach::Always,
        }
    }

    /// The memory of one entry ([`NEVER`], [`ALWAYS`] or [`WHEN`]) and, for [`WHEN`], its
    /// mask.
    fn work_out(
        &self,
        gazetteer: &Gazetteer,
        facts: &Facts,
        entry: &Entry,
        cues: &Cues,
    ) -> (u8, u32) {
        let country = entry
            .candidates
            .iter()
            .any(|c| facts.get(c.place).kind == Kind::Country);
        if !country && (entry.blocker.is_some() || cues.is_generic(&entry.key)) {
            return (NEVER, 0);
        }
        let mask = cues_that_reach(gazetteer, facts, entry, self.threshold);
        if mask == 0 {
            (NEVER, 0)
        } else if country || mask & CueMask::bit(None, false) != 0 {
            // A country's name is read beside its neighbours too: every cue counts for it.
            (ALWAYS, 0)
        } else {
            (WHEN, mask)
        }
    }
}

impl Resolver<'_> {
    /// Whether match `m` of `text` carries a cue of `mask`: a preposition glued on or not, and
    /// (unless that is enough) the trigger the word before gives it.
    pub fn has_cue_of(&self, mask: CueMask, text: &NormalizedText, m: &Match) -> bool {
        let preposition = has_preposition(text, m);
        mask.admits_without_trigger(preposition)
            || mask.admits(self.trigger(text, m, preposition), preposition)
    }
}

/// The cues (trigger before a match, preposition glued on or not: a [`CueMask`]) with which a
/// match of `entry` can reach confidence `threshold`: with its best candidate and the most
/// favourable evidence a context can give otherwise (other places of the same country and
/// division nearby, diacritics that fit one of the place's spellings when it has a marked one),
/// at the name's own commonness, which is the least a match of it can have
/// ([`policy::confidence`] only falls as commonness rises). None for an entry without
/// candidates (a blocker phrase only). When a match with no cue at all can reach it (most
/// names), the other cues are not tried: the mask is that one alone.
fn cues_that_reach(gazetteer: &Gazetteer, facts: &Facts, entry: &Entry, threshold: f32) -> u32 {
    let support = Support {
        same_country: 1,
        same_admin1: 1,
        elsewhere: false,
    };
    let letters = entry.letters();
    let multiword = entry.is_multiword();
    let latin = entry.key.first().is_some_and(|&b| !is_arabic_letter(b));
    // Each candidate's facts, and whether it has a spelling with marks (marks written on the
    // name can fit only such a place).
    let candidates: Vec<_> = entry
        .candidates
        .iter()
        .map(|c| {
            let names = &gazetteer.place(c.place as usize).names;
            let marked = names.iter().any(|n| super::marks::has_marks(&n.text));
            (facts.get(c.place), marked)
        })
        .collect();
    let reaches = |trigger: Option<Trigger>, clitic_preposition: bool| {
        let ev = Evidence {
            zipf: entry.zipf,
            family_zipf: entry.family_zipf,
            trigger,
            clitic_preposition,
            clitic_word: false,
            club_adjective: false,
            then_clitic: false,
            pronoun_ending: false,
            multiword,
            lowercase_latin: false,
            // The most favourable case: a Latin name may be written as a proper noun.
            proper_noun: latin,
            in_a_longer_name: false,
            modifier: false,
            abbreviation: latin,
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
            after_a_demonstrative: false,
            heads_a_construct: false,
            hamza_unfit: false,
            tanween: false,
            quarter: false,
            among_quarters: false,
            in_a_list_of_quarters: false,
            quoted_newspaper: false,
            after_a_title: false,
        };
        candidates
            .iter()
            .any(|&(place, marked)| policy::confidence(place, &ev, support, marked) >= threshold)
    };
    if reaches(None, false) {
        return CueMask::bit(None, false);
    }
    std::iter::once(None)
        .chain(Trigger::iter().map(Some))
        .flat_map(|t| [(t, false), (t, true)])
        .filter(|&(t, p)| reaches(t, p))
        .fold(0, |mask, (t, p)| mask | CueMask::bit(t, p))
}
