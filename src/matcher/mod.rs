//! Stage 3: find gazetteer names in normalised text.
//!
//! [`Matcher`] holds an Aho-Corasick automaton over the normalised keys of every name, and walks
//! it anchored at each token start and at each clitic reading of that token
//! ([`clitic_splits`]), keeping the longest name that ends at a token end. Why it is built this
//! way (and not as an unanchored scan) is in `docs/matching.md`.

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

mod filters;
mod names;

pub use filters::DeadTokens;
pub use names::{Candidate, Entry, NameTable};

use filters::PairFilter;

use crate::gazetteer::{Blocker, Commonness, Gazetteer};
use crate::text::clitics::{Split, clitic_splits};
use crate::text::encoding::{HARD, SOFT};
use crate::text::{NormalizedText, Normalizer, is_separator};

/// One name found in a normalised text. Ranges are in normalised bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Start of the token, clitics included.
    pub start: usize,
    /// Start of the name proper, after the clitics.
    pub name_start: usize,
    /// End of the name (exclusive); always a token end.
    pub end: usize,
    /// Index of the [`Entry`] that matched.
    pub entry: u32,
}

/// The automaton over every name of a gazetteer.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// The automata, one per group of first bytes (see [`FirstByteGroups`]).
    automata: Vec<NFA>,
    /// Which automaton holds the names starting with each byte.
    group_of: [u8; 256],
    /// For each automaton, the entry of each of its patterns.
    pattern_entry: Vec<Vec<u32>>,
    /// Which two-byte beginnings some name has: a walk that cannot reach a name is not started.
    starts: PairFilter,
    entries: Vec<Entry>,
}

/// Number of automata the names are split into, by first byte, so that building them at start-up
/// keeps every core busy (two cores here: four parts balance well).
const GROUPS: usize = 4;

/// Splits first bytes into [`GROUPS`] groups of about equal pattern bytes (greedy, largest first;
/// deterministic for a given table).
fn first_byte_groups(entries: &[Entry]) -> [u8; 256] {
    let mut weight = [0usize; 256];
    for e in entries {
        weight[usize::from(e.key[0])] += e.key.len();
    }
    let mut order: Vec<usize> = (0..256).collect();
    order.sort_by_key(|&b| (std::cmp::Reverse(weight[b]), b));
    let mut load = [0usize; GROUPS];
    let mut group_of = [0u8; 256];
    for b in order {
        let g = (0..GROUPS).min_by_key(|&g| (load[g], g)).unwrap_or(0);
        load[g] += weight[b];
        group_of[b] = g as u8;
    }
    group_of
}

/// Why a matcher could not be built.
#[derive(Debug, Clone)]
pub struct BuildError(pub String);

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot build the name automaton: {}", self.0)
    }
}

impl std::error::Error for BuildError {}

impl Matcher {
    /// Builds the automaton for every name of `gazetteer` (adjectives included; the resolver
    /// decides whether to count them).
    pub fn new(gazetteer: &Gazetteer, commonness: &Commonness) -> Result<Self, BuildError> {
        Self::with_blockers(gazetteer, commonness, &[])
    }

    /// Builds the automata for every name of `gazetteer` and every blocker phrase.
    pub fn with_blockers(
        gazetteer: &Gazetteer,
        commonness: &Commonness,
        blockers: &[Blocker],
    ) -> Result<Self, BuildError> {
        Self::from_table(NameTable::build(gazetteer, commonness), blockers)
    }

    /// Builds the automata from a table of names (see [`NameTable`]) and blocker phrases.
    ///
    /// The automata (one per group of first bytes) are built on all cores: start-up time is a
    /// budget (README.md).
    pub fn from_table(table: NameTable, blockers: &[Blocker]) -> Result<Self, BuildError> {
        let mut entries = table.entries;
        let mut wanted: FxHashMap<Vec<u8>, u32> = FxHashMap::default();
        for (bi, b) in blockers.iter().enumerate() {
            let key = Normalizer.key(&b.phrase);
            if !key.is_empty() {
                wanted.entry(key).or_insert(bi as u32);
            }
        }
        if !wanted.is_empty() {
            for e in entries.iter_mut() {
                if let Some(bi) = wanted.remove(&e.key) {
                    e.blocker = Some(bi);
                }
            }
            let mut rest: Vec<_> = wanted.into_iter().collect();
            rest.sort_unstable_by_key(|(_, bi)| *bi);
            entries.extend(rest.into_iter().map(|(key, bi)| Entry {
                key,
                candidates: Vec::new(),
                zipf: 0.0,
                blocker: Some(bi),
            }));
        }
        let group_of = first_byte_groups(&entries);
        let mut pattern_entry: Vec<Vec<u32>> = vec![Vec::new(); GROUPS];
        for (i, e) in entries.iter().enumerate() {
            pattern_entry[usize::from(group_of[usize::from(e.key[0])])].push(i as u32);
        }
        let automata = pattern_entry
            .par_iter()
            .map(|ids| {
                NFA::builder()
                    .match_kind(MatchKind::Standard)
                    .build(ids.iter().map(|&i| &entries[i as usize].key))
                    .map_err(|e| BuildError(e.to_string()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Matcher {
            automata,
            group_of,
            pattern_entry,
            starts: PairFilter::new(entries.iter().map(|e| e.key.as_slice())),
            entries,
        })
    }

    /// The entry of a match.
    pub fn entry(&self, index: u32) -> &Entry {
        &self.entries[index as usize]
    }

    /// Number of distinct names.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no names.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry whose key is exactly `key`, if any (for `gazetteer lookup`).
    pub fn find_key(&self, key: &[u8]) -> Option<u32> {
        let (end, entry) = self.longest_at(key, 0, None, key.len()).best?;
        (end == key.len()).then_some(entry)
    }

    /// Appends every name found in `text` to `out`, left to right, non-overlapping.
    pub fn find_all(&self, text: &NormalizedText, out: &mut Vec<Match>) {
        self.find_all_cached(text, &mut DeadTokens::default(), out);
    }

    /// [`find_all`](Self::find_all) with a cache of tokens known to start no name, reused from
    /// one document to the next by the same thread.
    pub fn find_all_cached(
        &self,
        text: &NormalizedText,
        dead: &mut DeadTokens,
        out: &mut Vec<Match>,
    ) {
        let bytes = text.as_bytes();
        let mut splits: Vec<Split> = Vec::with_capacity(5);
        let mut pos = 0;
        while pos < bytes.len() {
            let token_end = bytes[pos..]
                .iter()
                .position(|&b| is_separator(b))
                .map_or(bytes.len(), |i| pos + i);
            let token = &bytes[pos..token_end];
            let mut best: Option<Match> = None;
            clitic_splits(token, &mut splits);
            for s in &splits {
                // A reading without an elided letter is cached by its bytes: the same word
                // comes bare and behind clitics (الحكومة، والحكومة، بالحكومة).
                let reading = &token[s.skip..];
                if s.insert.is_none() && dead.contains(reading) {
                    continue;
                }
                let at = pos + s.skip;
                let walk = self.longest_at(bytes, at, s.insert, token_end);
                if s.insert.is_none() && !walk.reached_token_end {
                    dead.insert(reading);
                }
                if let Some((end, entry)) = walk.best
                    && best.is_none_or(|b| end > b.end)
                {
                    best = Some(Match {
                        start: pos,
                        name_start: at,
                        end,
                        entry,
                    });
                }
            }
            let resume = match best {
                Some(m) => {
                    out.push(m);
                    m.end
                }
                None => token_end,
            };
            // Next token start: past the next separator.
            pos = match bytes[resume..].iter().position(|&b| is_separator(b)) {
                Some(i) => resume + i + 1,
                None => bytes.len(),
            };
        }
    }

    /// The longest name starting at `at` (after feeding `insert` first) that ends at a token end,
    /// and whether the token may start a name (a match, or a walk still alive past the separator
    /// after the token; a walk that dies inside the token or on its separator means no name).
    #[inline]
    fn longest_at(&self, bytes: &[u8], at: usize, insert: Option<u8>, token_end: usize) -> Walk {
        let mut walk = Walk {
            best: None,
            reached_token_end: false,
        };
        let (first, second) = match (insert, bytes.get(at)) {
            (_, None) => return walk,
            (Some(b), Some(&x)) => (b, x),
            (None, Some(&x)) => (x, bytes.get(at + 1).copied().unwrap_or(b' ')),
        };
        if !self.starts.may_start(first, second) {
            // Judged on the byte after the token: the token alone says nothing.
            walk.reached_token_end = insert.is_none() && at + 1 >= token_end;
            return walk;
        }
        let group = usize::from(self.group_of[usize::from(first)]);
        let nfa = &self.automata[group];
        let Ok(mut sid) = nfa.start_state(Anchored::Yes) else {
            return walk;
        };
        let mut consumed = 0;
        if let Some(b) = insert {
            sid = nfa.next_state(Anchored::Yes, sid, b);
            if nfa.is_dead(sid) {
                return walk;
            }
            consumed = 1;
        }
        for (i, &b) in bytes.iter().enumerate().skip(at) {
            sid = nfa.next_state(Anchored::Yes, sid, b);
            if nfa.is_dead(sid) {
                break;
            }
            consumed += 1;
            let end = i + 1;
            // Alive at the end of the token, with a way on through either separator: a longer
            // name may go on (whichever separator follows here, the other may follow elsewhere).
            if end == token_end
                && [SOFT, HARD]
                    .iter()
                    .any(|&sep| !nfa.is_dead(nfa.next_state(Anchored::Yes, sid, sep)))
            {
                walk.reached_token_end = true;
            }
            if nfa.is_match(sid) && (end == bytes.len() || is_separator(bytes[end])) {
                // A state also carries the matches of its suffixes; keep the one that spans
                // everything consumed since `at`.
                for k in 0..nfa.match_len(sid) {
                    let pid = nfa.match_pattern(sid, k);
                    if nfa.pattern_len(pid) == consumed {
                        walk.best = Some((end, self.pattern_entry[group][pid.as_usize()]));
                        walk.reached_token_end = true;
                        break;
                    }
                }
            }
        }
        if token_end == bytes.len() && !walk.reached_token_end {
            // At the end of the text nothing follows to tell; do not cache.
            walk.reached_token_end = true;
        }
        walk
    }
}

/// The outcome of one anchored walk.
struct Walk {
    /// The longest name found: (end, entry).
    best: Option<(usize, u32)>,
    /// Whether the token may start a name in some context (see [`Matcher::longest_at`]).
    reached_token_end: bool,
}

#[cfg(test)]
mod tests;
