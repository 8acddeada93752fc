//! The per-thread cache of what each distinct token can start, whatever follows it.
//!
//! An anchored walk that stays inside one token depends only on that token's bytes, and news
//! repeats its words: the token الحكومة comes back thousands of times, and so does every clitic
//! reading of it. [`TokenCache`] remembers, per token, which readings are a whole name and which
//! are still alive at the token end (and in which automaton state), so that a repeated token costs
//! one hash lookup and only the live readings walk on into the next tokens.

use aho_corasick::automaton::StateID;

use crate::prefetch::prefetch;
use crate::text::short_key::{self, ShortKey, home, key_at};

/// One reading of a token (see [`crate::text::clitics`]) that matters: it is a whole name, or
/// a walk from it is still alive at the token end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Reading {
    /// Clitic bytes before the name.
    pub skip: u8,
    /// Which automaton the walk runs in.
    pub group: u8,
    /// Bytes the walk has consumed at the token end (the elided letter included).
    pub consumed: u32,
    /// The entry of the name that is exactly this reading, if it is one.
    pub whole: Option<u32>,
    /// The state at the token end, when a longer name may go on past it.
    pub live: Option<StateID>,
    /// For a live reading: the Arabic letters (bit `code - 0x80` of each one-byte code) that
    /// the walk can go on with after the gap. Live readings are mostly function words that
    /// begin some rare name (في، على، ان), and this lets the matcher skip their walk into the
    /// next token without touching the automaton when that token cannot continue it.
    pub next_letters: u64,
}

impl Reading {
    /// Whether a walk from this live reading may go on into the token after `token_end` in
    /// `bytes` (a token end): `false` when there is none, or when it starts with an Arabic
    /// letter the walk cannot take.
    #[inline]
    pub fn may_go_on(&self, bytes: &[u8], token_end: usize) -> bool {
        match bytes.get(token_end + 1) {
            Some(&b @ 0x80..=0xBF) => self.next_letters & (1 << (b - 0x80)) != 0,
            Some(_) => true,
            None => false,
        }
    }
}

/// Slots of a new table, and the most it grows to (bounds memory on huge vocabularies: 2^18
/// slots of 16 bytes, 4 MiB). Measured with `cargo bench --bench stages` on SaudiNewsNet
/// (280,000 distinct tokens, with the 24-byte slots of before): 2^18 matched faster than 2^16 or
/// 2^21, whose lookups miss the processor caches more often than their extra hits save.
const MIN_SLOTS: usize = 1 << 14;
const MAX_SLOTS: usize = 1 << 18;

/// A token packed with its length. The cache keeps tokens of up to [`short_key::MAX`] bytes
/// (longer ones, under one token in a thousand in news, are read afresh each time), so that a
/// slot is sixteen bytes and four slots share a cache line (no slot straddles two lines).
type Key = ShortKey;

/// The empty slot's key.
const EMPTY: Key = short_key::EMPTY;

/// [`Slot::value`]: where the readings start in `readings` (the high bits), whether the token
/// was seen again since it was kept ([`SEEN`]) and how many readings it has (the low 3 bits).
const SEEN: u32 = 1 << 3;
const START_SHIFT: u32 = 4;

/// A slot of the table: a token's key and its [`Slot::value`].
type Slot = short_key::Slot<u32>;

/// Per-thread memory of token outcomes, for one [`Matcher`](super::Matcher).
///
/// An open-addressing table keyed by the token's bytes packed into twelve bytes, so that a
/// lookup is a multiply, a load and a compare. When it is full, it keeps only the tokens seen
/// again since they were kept (a sieve: news vocabulary is mostly words met once, and the
/// frequent words survive every sweep). Create one per thread and reuse it from document to
/// document; a cache must only ever be used with the matcher that filled it.
#[derive(Debug, Clone)]
pub struct TokenCache {
    slots: Vec<Slot>,
    used: usize,
    readings: Vec<Reading>,
    /// The readings of the last token too long to keep.
    uncached: Vec<Reading>,
    /// Room for the matcher's list of candidate tokens in a document, kept from one document to
    /// the next.
    pub(super) candidates: Vec<u32>,
    /// The most slots the table grows to ([`MAX_SLOTS`] unless a test says otherwise).
    max_slots: usize,
}

impl Default for TokenCache {
    fn default() -> Self {
        TokenCache {
            slots: Vec::new(),
            used: 0,
            readings: Vec::new(),
            uncached: Vec::new(),
            candidates: Vec::new(),
            max_slots: MAX_SLOTS,
        }
    }
}

/// A table of `n` empty slots. Lookups land anywhere in it, so on Linux it asks for huge pages:
/// with 4 KiB pages, nearly every lookup of a large table also misses the TLB.
fn empty_table(n: usize) -> Vec<Slot> {
    let mut v: Vec<Slot> = Vec::with_capacity(n);
    #[cfg(target_os = "linux")]
    {
        const HUGE: usize = 2 << 20;
        let start = v.as_ptr() as usize;
        let bytes = n * std::mem::size_of::<Slot>();
        let aligned = start.next_multiple_of(HUGE);
        let end = (start + bytes) & !(HUGE - 1);
        if end > aligned {
            // SAFETY: the range lies inside the vector's own allocation; the advice changes how
            // the kernel backs it, not its contents (a failure is harmless and ignored).
            unsafe {
                libc::madvise(
                    aligned as *mut libc::c_void,
                    end - aligned,
                    libc::MADV_HUGEPAGE,
                );
            }
        }
    }
    v.resize(n, Slot::default());
    v
}

impl TokenCache {
    /// A cache whose table stops growing at `max_slots` slots (a power of two): tests use a
    /// tiny one to see it swept.
    #[cfg(test)]
    pub(super) fn with_max_slots(max_slots: usize) -> Self {
        TokenCache {
            max_slots,
            ..TokenCache::default()
        }
    }

    /// Asks the processor to fetch the slot where the token `bytes[pos..end]` would be found,
    /// ahead of its lookup (a hint only: nothing changes if it is ignored).
    #[inline]
    pub(super) fn prefetch(&self, bytes: &[u8], pos: usize, end: usize) {
        let Some(key) = key_at(bytes, pos, end) else {
            return;
        };
        if let Some(slot) = self.slots.get(home(key, self.slots.len().trailing_zeros())) {
            prefetch(slot);
        }
    }

    /// The readings of the token `bytes[pos..end]`, computing them with `compute` on the first
    /// sight of it.
    #[inline]
    pub(super) fn readings(
        &mut self,
        bytes: &[u8],
        pos: usize,
        end: usize,
        compute: impl FnOnce(&mut Vec<Reading>),
    ) -> &[Reading] {
        let Some(key) = key_at(bytes, pos, end) else {
            self.uncached.clear();
            compute(&mut self.uncached);
            return &self.uncached;
        };
        if self.slots.is_empty() {
            self.slots = empty_table(MIN_SLOTS.min(self.max_slots));
        }
        let mask = self.slots.len() - 1;
        let mut i = home(key, self.slots.len().trailing_zeros());
        loop {
            let slot = self.slots[i];
            if slot.key() == key {
                if slot.value & SEEN == 0 {
                    self.slots[i].value |= SEEN;
                }
                let start = (slot.value >> START_SHIFT) as usize;
                return &self.readings[start..start + (slot.value & 7) as usize];
            }
            if slot.key() == EMPTY {
                break;
            }
            i = (i + 1) & mask;
        }
        // First sight: make room (a full table keeps only its tokens seen again), compute,
        // then keep.
        if self.readings.len() >= (u32::MAX >> START_SHIFT) as usize {
            self.clear();
        } else if (self.used + 1) * 2 > self.slots.len() && self.slots.len() >= self.max_slots {
            self.sweep();
        }
        let start = self.readings.len();
        compute(&mut self.readings);
        let count = self.readings.len() - start;
        debug_assert!(count <= 7);
        let value = ((start as u32) << START_SHIFT) | count as u32;
        self.insert(key, value);
        &self.readings[start..start + count]
    }

    /// Keeps `key` → `value`, doubling the table when it is half full (the caller has made sure
    /// that a table at its largest is never more than half full).
    fn insert(&mut self, key: Key, value: u32) {
        if (self.used + 1) * 2 > self.slots.len() {
            let bigger = empty_table(self.slots.len() * 2);
            let old = std::mem::replace(&mut self.slots, bigger);
            self.used = 0;
            for s in old.into_iter().filter(|s| s.key() != EMPTY) {
                self.put(s);
            }
        }
        self.put(Slot::new(key, value));
    }

    fn put(&mut self, slot: Slot) {
        let mask = self.slots.len() - 1;
        let mut i = home(slot.key(), self.slots.len().trailing_zeros());
        while self.slots[i].key() != EMPTY {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
        self.used += 1;
    }

    /// Keeps only the tokens seen again since they were kept (their marks cleared for the next
    /// sweep), with their readings; if that would leave the table more than 3/8 full (room for
    /// too few new tokens before the next sweep), starts afresh instead.
    fn sweep(&mut self) {
        let kept: Vec<Slot> = self
            .slots
            .iter()
            .filter(|s| s.key() != EMPTY && s.value & SEEN != 0)
            .copied()
            .collect();
        let old = std::mem::take(&mut self.readings);
        self.clear();
        if kept.len() * 8 > self.slots.len() * 3 {
            self.readings = old;
            self.readings.clear();
            return;
        }
        for mut slot in kept {
            let start = (slot.value >> START_SHIFT) as usize;
            let count = slot.value & 7;
            let new_start = self.readings.len() as u32;
            self.readings
                .extend_from_slice(&old[start..start + count as usize]);
            slot.value = (new_start << START_SHIFT) | count;
            self.put(slot);
        }
    }

    fn clear(&mut self) {
        self.slots.iter_mut().for_each(|s| *s = Slot::default());
        self.used = 0;
        self.readings.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Looks `token` up in `cache` (as the only token of its text), counting computations.
    fn look(cache: &mut TokenCache, token: &str, n: u32, computed: &mut u32) -> Vec<Reading> {
        let bytes = token.as_bytes();
        cache
            .readings(bytes, 0, bytes.len(), |out| {
                *computed += 1;
                out.push(Reading {
                    skip: 0,
                    group: 0,
                    consumed: n,
                    whole: Some(n),
                    live: None,
                    next_letters: 0,
                });
            })
            .to_vec()
    }

    #[test]
    fn a_full_table_keeps_the_tokens_seen_again() {
        let mut cache = TokenCache::with_max_slots(16);
        let mut computed = 0;
        look(&mut cache, "again", 100, &mut computed);
        look(&mut cache, "again", 100, &mut computed);
        // Seven more distinct tokens fill the table to half; the next one sweeps it.
        for i in 0..8 {
            look(&mut cache, &format!("once{i}"), i, &mut computed);
        }
        assert_eq!(computed, 9);
        let r = look(&mut cache, "again", 100, &mut computed);
        assert_eq!(computed, 9, "a token seen again survives the sweep");
        assert_eq!(r[0].whole, Some(100), "with its own readings");
        let r = look(&mut cache, "once0", 0, &mut computed);
        assert_eq!(computed, 10, "a token seen once does not");
        assert_eq!(r[0].whole, Some(0));
    }

    #[test]
    fn tokens_longer_than_the_key_are_read_afresh() {
        let mut cache = TokenCache::default();
        let mut computed = 0;
        let long = "x".repeat(short_key::MAX + 1);
        look(&mut cache, &long, 1, &mut computed);
        look(&mut cache, &long, 1, &mut computed);
        assert_eq!(computed, 2);
        let short = "x".repeat(short_key::MAX);
        look(&mut cache, &short, 1, &mut computed);
        look(&mut cache, &short, 1, &mut computed);
        assert_eq!(computed, 3);
    }
}
