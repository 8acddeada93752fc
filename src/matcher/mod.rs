//! Stage 3: find gazetteer names in normalised text.
//!
//! [`Matcher`] holds an Aho-Corasick automaton over the normalised keys of every name, and walks
//! it anchored at each token start and at each clitic reading of that token
//! ([`clitic_splits`]), keeping the longest name that ends at a token end. A filter over the first
//! token of every name (`first_tokens.rs`) rules out most tokens before the per-thread
//! [`TokenCache`] or the automaton is touched, and one over the first two tokens of every name of
//! several words rules out most walks from one token into the next. Why it is built this way (and
//! not as an unanchored scan) is in `docs/matching.md`.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::noncontiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

mod candidates;
mod first_tokens;
mod names;
mod tokens;

pub use names::{Candidate, Entry, NameTable};
pub use tokens::TokenCache;

use candidates::BARE;
use first_tokens::FirstTokens;
use tokens::Reading;

use crate::gazetteer::{Blocker, Commonness, Gazetteer};
use crate::text::clitics::{self, Split, clitic_splits};
use crate::text::encoding::{HARD, SOFT};
use crate::text::{NormalizedText, Normalizer, is_separator};

/// One name found in a normalised text. Ranges are in normalised bytes.
///
/// Matches never overlap, with one exception: another reading of the same token that ends at
/// the same place (a name read behind clitics beside a name read bare) comes right after the
/// first, with the same `start` and `end`. At most one such reading follows a match.
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
    /// The automata, one per group of first bytes (see [`first_byte_groups`]). They are the
    /// builder's own (noncontiguous) NFAs: the walks here are few (most tokens are answered by
    /// the first-token filter and the [`TokenCache`]), and turning each into a contiguous NFA
    /// cost a ninth of start-up's instructions (804 → 714 million with cachegrind on empty
    /// input) for no measurable gain in matching.
    automata: Vec<NFA>,
    /// Which automaton holds the names starting with each byte.
    group_of: [u8; 256],
    /// What each first byte becomes in its automaton (see [`first_byte_ranks`]).
    first_rank: [u8; 256],
    /// For each automaton, the entry of each of its patterns.
    pattern_entry: Vec<Vec<u32>>,
    /// Whether a token or a reading is worth a cache lookup or a walk (see [`FirstTokens`]).
    first_tokens: FirstTokens,
    /// Whether a reading and the token after it may be the first two tokens of a name: the
    /// walk from a live reading into the next token is taken only then.
    first_pairs: FirstTokens,
    entries: Vec<Entry>,
}

/// Number of automata the names are split into, by first byte, so that building them at start-up
/// keeps every core busy. Smaller automata also build faster for the same instructions (their
/// memory stays in the caches): with 16 instead of 4, start-up on empty input took 0.15 s
/// instead of 0.18 s and 0.23 s of CPU instead of 0.29 s (medians of 15 alternated runs on two
/// cores); 32 gained nothing more. Matching costs the same: each reading walks one automaton.
const GROUPS: usize = 16;

/// How many candidate tokens ahead pass 2 of [`Matcher::find_all_cached`] asks the processor to
/// fetch a token's cache slot. The token cache is megabytes, out of the nearer caches, and its
/// lookups had become a seventh of the matcher's time; with the slot asked for early, `count
/// --threads 1` on SaudiNewsNet took 0.97x the time at the medians of 12 shuffled runs (2 and 6
/// did as well as 3).
const PREFETCH_AHEAD: usize = 3;

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

/// For each byte, its rank among the bytes of its group, in byte order: what the automata are
/// built and walked with in place of a name's first byte.
///
/// `aho-corasick` builds its trie with a start state that lists all 256 bytes in order, and
/// looks each name's first byte up by walking that list from the smallest byte. Arabic letters
/// are coded `0x80..=0xBF`, so that walk took well over a hundred steps for most of the 111,000
/// names, about a quarter of start-up. A group holds at most a few dozen first bytes, so their
/// ranks are all small, and the rank keeps the names of a group in the same order as their
/// first bytes did (see [`NameTable::sort_for_automata`]).
fn first_byte_ranks(group_of: &[u8; 256]) -> [u8; 256] {
    let mut next = [0u8; GROUPS];
    let mut rank = [0u8; 256];
    for (b, &g) in group_of.iter().enumerate() {
        rank[b] = next[usize::from(g)];
        next[usize::from(g)] += 1;
    }
    rank
}

/// Feeds `bytes` to an anchored walk from `sid`: the state after the last byte, or `None` if
/// the walk dies on the way.
fn walk<'b>(
    nfa: &NFA,
    mut sid: StateID,
    bytes: impl IntoIterator<Item = &'b u8>,
) -> Option<StateID> {
    for &b in bytes {
        sid = nfa.next_state(Anchored::Yes, sid, b);
        if nfa.is_dead(sid) {
            return None;
        }
    }
    Some(sid)
}

/// The reading `s` of `token`: its first byte (the elided letter, if it puts one back) and
/// where the rest starts in the token.
#[inline]
fn reading(token: &[u8], s: &Split) -> (u8, usize) {
    match s.insert {
        Some(b) => (b, s.skip),
        None => (token[s.skip], s.skip + 1),
    }
}

impl Match {
    /// Whether `self` is another reading of the token `before` was read from: the match right
    /// after it with the same span (see [`Match`]).
    #[inline]
    pub fn reads_same_token_as(&self, before: &Match) -> bool {
        (self.start, self.end) == (before.start, before.end)
    }
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

/// A matcher that cannot be built is an error about the gazetteer its names came from.
impl From<BuildError> for crate::error::SourceError {
    fn from(e: BuildError) -> Self {
        crate::error::SourceError::new("gazetteer", e.to_string())
    }
}

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
    /// The automata (one per group of first bytes) are built in parallel, on the current rayon
    /// pool (the one `--threads` sizes): start-up time is a budget (`docs/performance.md`).
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
                family_zipf: f32::INFINITY,
                blocker: Some(bi),
            }));
        }
        let group_of = first_byte_groups(&entries);
        let first_rank = first_byte_ranks(&group_of);
        let mut pattern_entry: Vec<Vec<u32>> = vec![Vec::new(); GROUPS];
        for (i, e) in entries.iter().enumerate() {
            pattern_entry[usize::from(group_of[usize::from(e.key[0])])].push(i as u32);
        }
        let (automata, (first_tokens, first_pairs)) = rayon::join(
            || Self::automata(&entries, &pattern_entry, &first_rank),
            || {
                let keys = || entries.iter().map(|e| e.key.as_slice());
                (FirstTokens::new(keys()), FirstTokens::first_two(keys()))
            },
        );
        Ok(Matcher {
            automata: automata?,
            group_of,
            first_rank,
            pattern_entry,
            first_tokens,
            first_pairs,
            entries,
        })
    }

    /// One automaton per group, over the keys of `entries` listed in `pattern_entry`, each with
    /// its first byte ranked (built in parallel).
    fn automata(
        entries: &[Entry],
        pattern_entry: &[Vec<u32>],
        first_rank: &[u8; 256],
    ) -> Result<Vec<NFA>, BuildError> {
        pattern_entry
            .par_iter()
            .map(|ids| {
                // The group's names one after another, each with its first byte ranked.
                let mut keys = Vec::new();
                let mut ends = Vec::with_capacity(ids.len());
                for &i in ids {
                    let key = &entries[i as usize].key;
                    keys.push(first_rank[usize::from(key[0])]);
                    keys.extend_from_slice(&key[1..]);
                    ends.push(keys.len());
                }
                let starts = std::iter::once(0).chain(ends.iter().copied());
                // No prefilter: these automata are only ever walked, never searched with
                // (cachegrind, start-up on empty input: 714 -> 688 M instructions).
                NFA::builder()
                    .match_kind(MatchKind::Standard)
                    .prefilter(false)
                    .build(starts.zip(&ends).map(|(s, &e)| &keys[s..e]))
                    .map_err(|e| BuildError(e.to_string()))
            })
            .collect()
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

    /// Appends every name found in `text` to `out`, left to right, non-overlapping, except that
    /// when two readings of a token end at the same place (`وجدة`: Oujda, or و + `جدة` Jeddah),
    /// the second follows the first with the same `start` and `end`, for the resolver to choose
    /// between (see [`Match`]).
    pub fn find_all(&self, text: &NormalizedText, out: &mut Vec<Match>) {
        self.find_all_cached(text, &mut TokenCache::default(), out);
    }

    /// [`find_all`](Self::find_all) with a cache of token outcomes, reused from one document to
    /// the next by the same thread (see [`TokenCache`]).
    pub fn find_all_cached(
        &self,
        text: &NormalizedText,
        cache: &mut TokenCache,
        out: &mut Vec<Match>,
    ) {
        let bytes = text.as_bytes();
        let padded = text.padded();
        let tokens = text.tokens();
        // Pass 1: the tokens whose bare reading the first-token filter passes, and those that
        // may have clitics (whose other readings are asked in pass 2), each with a bit saying
        // whether its bare reading passed.
        let mut listed = std::mem::take(&mut cache.candidates);
        let n = candidates::list(&self.first_tokens, padded, tokens, &mut listed);
        // Pass 2: the readings of those tokens, from the cache or the automata.
        let mut resume = 0;
        for (k, &c) in listed[..n].iter().enumerate() {
            if let Some(&ahead) = listed[..n].get(k + PREFETCH_AHEAD) {
                let (start, end) = tokens[(ahead & !BARE) as usize];
                cache.prefetch(padded, start as usize, end as usize);
            }
            let index = (c & !BARE) as usize;
            let (start, end) = tokens[index];
            let (pos, token_end) = (start as usize, end as usize);
            if pos < resume {
                continue; // Inside the name found before.
            }
            if c & BARE == 0 && !self.may_start_behind_clitics(padded, pos, token_end) {
                continue;
            }
            // The reading that ends furthest, and the first other reading that ends there too.
            let (mut best, mut other): (Option<Match>, Option<Match>) = (None, None);
            let compute = |out: &mut Vec<Reading>| self.readings_of(padded, pos, token_end, out);
            for r in cache.readings(bytes, pos, token_end, compute) {
                let mut found = r.whole.map(|entry| (token_end, entry));
                if let Some(sid) = r.live
                    && r.may_go_on(bytes, token_end)
                    && self.may_go_on_with_next(
                        padded,
                        tokens
                            .get(index + 1)
                            .map_or(bytes.len(), |&(_, e)| e as usize),
                        pos + usize::from(r.skip),
                        token_end,
                        r,
                    )
                    && let Some(longer) = self.walk_on(bytes, token_end, r, sid)
                {
                    found = Some(longer);
                }
                let Some((end, entry)) = found else { continue };
                let m = Match {
                    start: pos,
                    name_start: pos + usize::from(r.skip),
                    end,
                    entry,
                };
                match best {
                    Some(b) if end < b.end => {}
                    Some(b) if end == b.end => other = other.or(Some(m)),
                    _ => (best, other) = (Some(m), None),
                }
            }
            if let Some(m) = best {
                // The resolver reads the match's entry once the document is scanned; asked for
                // now, it is there by then instead of a wait on memory (the entries take 7 MB).
                crate::prefetch::prefetch(&self.entries[m.entry as usize]);
                out.push(m);
                out.extend(other);
                resume = m.end;
            }
        }
        cache.candidates = listed;
    }

    /// Whether a reading of the token `text[start..end]` behind clitics may be a whole name or
    /// the start of one (`false`: surely none is, see [`FirstTokens`]); the bare reading is
    /// asked in pass 1 of [`find_all_cached`](Self::find_all_cached). `text` is a normalised
    /// text's padded buffer ([`NormalizedText::padded`]).
    #[inline]
    fn may_start_behind_clitics(&self, text: &[u8], start: usize, end: usize) -> bool {
        // The bare reading is the first split; a token with no clitic letter in front has no
        // other.
        let token = &text[start..end];
        clitic_splits(token).iter().skip(1).any(|s| {
            let (first, at) = reading(token, s);
            self.first_tokens.may_contain(first, text, start + at, end)
        })
    }

    /// Whether the live reading `r`, which starts at `from` (after its clitics) and ends at the
    /// token end `token_end`, and the token after it, which ends at `next_end`, may be the
    /// first two tokens of a name (`false`: surely not, and the walk into that token is not
    /// taken; see [`FirstTokens`]). `text` is a normalised text's padded buffer
    /// ([`NormalizedText::padded`]). Separators never come two in a row in normalised text, so
    /// the next token starts right after `token_end`.
    #[inline]
    fn may_go_on_with_next(
        &self,
        text: &[u8],
        next_end: usize,
        from: usize,
        token_end: usize,
        r: &Reading,
    ) -> bool {
        // A reading that puts back an elided letter consumed one byte more than it read; the
        // only letter `clitic_splits` puts back is the alef of للـ.
        let (first, rest_start) = if r.consumed as usize > token_end - from {
            (clitics::ALEF, from)
        } else {
            (text[from], from + 1)
        };
        self.first_pairs
            .may_contain(first, text, rest_start, next_end)
    }

    /// The readings of the token `text[start..end]` (in a normalised text's padded buffer,
    /// [`NormalizedText::padded`]) that are a whole name or may go on into the next tokens, in
    /// the order of [`clitic_splits`] (bare first), appended to `out`.
    fn readings_of(&self, text: &[u8], start: usize, end: usize, out: &mut Vec<Reading>) {
        let token = &text[start..end];
        for s in clitic_splits(token).iter() {
            let (first, at) = reading(token, s);
            if !self.first_tokens.may_contain(first, text, start + at, end) {
                continue; // Neither a name nor the start of one.
            }
            let Some((group, sid)) = self.walk_name(first, &token[at..]) else {
                continue; // The walk died inside the token.
            };
            let nfa = &self.automata[group];
            let consumed = token.len() - s.skip + usize::from(s.insert.is_some());
            let whole = self.match_spanning(nfa, group, sid, consumed);
            // Alive at the token end with a way on through either separator, and the Arabic
            // letters that can follow that separator.
            let mut live = None;
            let mut next_letters = 0u64;
            for sep in [SOFT, HARD] {
                let after = nfa.next_state(Anchored::Yes, sid, sep);
                if nfa.is_dead(after) {
                    continue;
                }
                live = Some(sid);
                for code in 0x80..=0xBFu8 {
                    if !nfa.is_dead(nfa.next_state(Anchored::Yes, after, code)) {
                        next_letters |= 1 << (code - 0x80);
                    }
                }
            }
            if whole.is_some() || live.is_some() {
                out.push(Reading {
                    skip: s.skip as u8,
                    group: group as u8,
                    consumed: consumed as u32,
                    whole,
                    live,
                    next_letters,
                });
            }
        }
    }

    /// An anchored walk over a name that starts with `first` and goes on with `rest`, in the
    /// automaton of `first`'s group (entered with its rank, see [`first_byte_ranks`]): that
    /// group and the state after the last byte, or `None` if the walk dies on the way.
    #[inline]
    fn walk_name(&self, first: u8, rest: &[u8]) -> Option<(usize, StateID)> {
        let group = usize::from(self.group_of[usize::from(first)]);
        let nfa = &self.automata[group];
        let start = nfa.start_state(Anchored::Yes).ok()?;
        let rank = self.first_rank[usize::from(first)];
        let sid = walk(nfa, start, std::iter::once(&rank).chain(rest))?;
        Some((group, sid))
    }

    /// Walks on from a reading alive at `from` (a token end) through the following tokens: the
    /// longest name that ends at a later token end, as (end, entry).
    #[inline]
    fn walk_on(
        &self,
        bytes: &[u8],
        from: usize,
        r: &Reading,
        mut sid: StateID,
    ) -> Option<(usize, u32)> {
        let group = usize::from(r.group);
        let nfa = &self.automata[group];
        let mut consumed = r.consumed as usize;
        let mut best = None;
        for (i, &b) in bytes.iter().enumerate().skip(from) {
            sid = nfa.next_state(Anchored::Yes, sid, b);
            if nfa.is_dead(sid) {
                break;
            }
            consumed += 1;
            let end = i + 1;
            if nfa.is_match(sid)
                && (end == bytes.len() || is_separator(bytes[end]))
                && let Some(entry) = self.match_spanning(nfa, group, sid, consumed)
            {
                best = Some((end, entry));
            }
        }
        best
    }

    /// The entry of the name that spans all `consumed` bytes of an anchored walk now in `sid`.
    ///
    /// A state also carries the matches of its suffixes (names that start later); only the one
    /// as long as the walk counts.
    #[inline]
    fn match_spanning(
        &self,
        nfa: &NFA,
        group: usize,
        sid: StateID,
        consumed: usize,
    ) -> Option<u32> {
        if !nfa.is_match(sid) {
            return None;
        }
        (0..nfa.match_len(sid))
            .map(|k| nfa.match_pattern(sid, k))
            .find(|&pid| nfa.pattern_len(pid) == consumed)
            .map(|pid| self.pattern_entry[group][pid.as_usize()])
    }

    /// The entry whose key is exactly `key`, if any (for `gazetteer lookup`, and for the
    /// resolver's questions about the words around a match).
    pub fn find_key(&self, key: &[u8]) -> Option<u32> {
        let (&first, rest) = key.split_first()?;
        // Most words asked about are no name: the first-token filter says so without a walk
        // through the automaton's cold states.
        let first_end = rest
            .iter()
            .position(|&b| is_separator(b))
            .unwrap_or(rest.len());
        if !self.first_tokens.may_contain(first, rest, 0, first_end) {
            return None;
        }
        let (group, sid) = self.walk_name(first, rest)?;
        self.match_spanning(&self.automata[group], group, sid, key.len())
    }
}

#[cfg(test)]
mod tests;
