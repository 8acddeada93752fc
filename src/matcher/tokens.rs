//! The per-thread cache of what each distinct token can start, whatever follows it.
//!
//! An anchored walk that stays inside one token depends only on that token's bytes, and news
//! repeats its words: the token الحكومة comes back thousands of times, and so does every clitic
//! reading of it. [`TokenCache`] remembers, per token, which readings are a whole name and which
//! are still alive at the token end (and in which automaton state), so that a repeated token costs
//! one hash lookup and only the live readings walk on into the next tokens.

use aho_corasick::automaton::StateID;

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
}

/// Longest token the cache keeps (longer ones, rare, are read afresh each time).
const MAX_KEY: usize = 15;
/// Slots of a new table, and the most it grows to before starting afresh (bounds memory on
/// huge vocabularies: 2^18 slots of 24 bytes, 6 MiB). Measured with `cargo bench --bench
/// stages` on SaudiNewsNet (280,000 distinct tokens): 2^18 matched faster than 2^16 or 2^21,
/// whose lookups miss the processor caches more often than the fresh starts cost.
const MIN_SLOTS: usize = 1 << 14;
const MAX_SLOTS: usize = 1 << 18;

/// A token of up to [`MAX_KEY`] bytes packed with its length into two words (never all zero).
type Key = [u64; 2];

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: Key,
    /// Where the token's readings are: start in `readings` << 3 | count.
    value: u32,
}

/// Per-thread memory of token outcomes, for one [`Matcher`](super::Matcher).
///
/// An open-addressing table keyed by the token's bytes packed into two machine words, so that
/// a lookup is a multiply, a load and a compare. Create one per thread and reuse it from
/// document to document; a cache must only ever be used with the matcher that filled it.
#[derive(Debug, Clone)]
pub struct TokenCache {
    slots: Vec<Slot>,
    used: usize,
    readings: Vec<Reading>,
    /// The readings of the last token too long to keep.
    uncached: Vec<Reading>,
    /// The token spans of the current text (a buffer kept for reuse).
    pub(super) spans: Vec<(u32, u32)>,
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
            spans: Vec::new(),
            max_slots: MAX_SLOTS,
        }
    }
}

/// The key of `bytes[pos..end]`, if the token is short enough to keep.
#[inline]
fn key_at(bytes: &[u8], pos: usize, end: usize) -> Option<Key> {
    let len = end - pos;
    if len > MAX_KEY {
        return None;
    }
    let x = match bytes.get(pos..pos + 16) {
        Some(window) => {
            let mut buf = [0u8; 16];
            buf.copy_from_slice(window);
            u128::from_le_bytes(buf) & ((1u128 << (8 * len)) - 1)
        }
        None => {
            let mut buf = [0u8; 16];
            buf[..len].copy_from_slice(&bytes[pos..end]);
            u128::from_le_bytes(buf)
        }
    };
    Some([x as u64, (x >> 64) as u64 | ((len as u64) << 56)])
}

/// The home slot of `key` in a table of `2^bits` slots (the top bits of a multiplicative hash,
/// which depend on every input bit).
#[inline]
fn home(key: Key, bits: u32) -> usize {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let h = (key[0].wrapping_mul(K) ^ key[1]).wrapping_mul(K);
    (h >> (64 - bits)) as usize
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
    /// tiny one to see it start afresh.
    #[cfg(test)]
    pub(super) fn with_max_slots(max_slots: usize) -> Self {
        TokenCache {
            max_slots,
            ..TokenCache::default()
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
            if slot.key == key {
                let start = (slot.value >> 3) as usize;
                return &self.readings[start..start + (slot.value & 7) as usize];
            }
            if slot.key == [0, 0] {
                break;
            }
            i = (i + 1) & mask;
        }
        // First sight: make room (a full table starts afresh), compute, then keep.
        if self.readings.len() >= (u32::MAX >> 3) as usize
            || ((self.used + 1) * 2 > self.slots.len() && self.slots.len() >= self.max_slots)
        {
            self.clear();
        }
        let start = self.readings.len();
        compute(&mut self.readings);
        let count = self.readings.len() - start;
        debug_assert!(count <= 7);
        let value = ((start as u32) << 3) | count as u32;
        self.insert(key, value);
        &self.readings[start..start + count]
    }

    /// Asks the processor to start loading the slot of the token `bytes[pos..end]`, which will be
    /// looked up soon: most lookups of rarer words miss the caches, and a loop that issues the
    /// next loads ahead of time overlaps their waits.
    #[inline]
    pub(super) fn prefetch(&self, bytes: &[u8], pos: usize, end: usize) {
        if self.slots.is_empty() {
            return;
        }
        if let Some(key) = key_at(bytes, pos, end) {
            let slot = &self.slots[home(key, self.slots.len().trailing_zeros())];
            #[cfg(target_arch = "x86_64")]
            // SAFETY: prefetching is a hint; it reads nothing and the address is in bounds.
            unsafe {
                use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
                _mm_prefetch::<_MM_HINT_T0>((slot as *const Slot).cast());
            }
            #[cfg(not(target_arch = "x86_64"))]
            let _ = slot;
        }
    }

    /// Keeps `key` → `value`, doubling the table when it is half full (the caller has made sure
    /// that a table at [`MAX_SLOTS`] is never more than half full).
    fn insert(&mut self, key: Key, value: u32) {
        if (self.used + 1) * 2 > self.slots.len() {
            let bigger = empty_table(self.slots.len() * 2);
            let old = std::mem::replace(&mut self.slots, bigger);
            self.used = 0;
            for s in old.into_iter().filter(|s| s.key != [0, 0]) {
                self.put(s);
            }
        }
        self.put(Slot { key, value });
    }

    fn put(&mut self, slot: Slot) {
        let mask = self.slots.len() - 1;
        let mut i = home(slot.key, self.slots.len().trailing_zeros());
        while self.slots[i].key != [0, 0] {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
        self.used += 1;
    }

    fn clear(&mut self) {
        self.slots.iter_mut().for_each(|s| *s = Slot::default());
        self.used = 0;
        self.readings.clear();
    }
}
