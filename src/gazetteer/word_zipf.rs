//! [`WordZipf`]: the table behind [`Commonness`](super::Commonness), from normalised word to
//! Zipf value.
//!
//! Resolution asks it about every name read behind clitics (`والحكومة`), and the words it holds
//! (about 113,000) are spread over far more memory than the processor caches hold. A general
//! hash map with the words on the heap costs about three cache misses per lookup (the control
//! bytes, the bucket, the word's bytes); here a word of up to eleven bytes is packed into its
//! slot ([`ShortKey`]), so a lookup is one load and one compare, mostly in one cache line.
//! Longer words, a few in a hundred, go to an ordinary map.

use rustc_hash::FxHashMap;

use crate::text::short_key::{self, ShortKey, home};

/// Normalised words and their Zipf values.
#[derive(Debug, Clone, Default)]
pub(super) struct WordZipf {
    /// Open addressing, linear probing, at most half full; empty until the first word.
    slots: Vec<Slot>,
    /// Words held in `slots`.
    short: usize,
    /// Words too long for a [`ShortKey`].
    long: FxHashMap<Vec<u8>, f32>,
}

/// One word of the table and its Zipf value.
type Slot = short_key::Slot<f32>;

/// Slots of the smallest table.
const MIN_SLOTS: usize = 1 << 10;

impl WordZipf {
    /// An empty table with room for `n` words before it grows.
    pub(super) fn with_capacity(n: usize) -> Self {
        let mut t = WordZipf::default();
        t.resize(Self::slots_for(n));
        t
    }

    /// The value of `word`, if the table holds it.
    #[inline]
    pub(super) fn get(&self, word: &[u8]) -> Option<f32> {
        let Some(key) = short_key::key(word) else {
            return self.long.get(word).copied();
        };
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = home(key, self.slots.len().trailing_zeros());
        loop {
            let slot = self.slots[i];
            if slot.key() == key {
                return Some(slot.value);
            }
            if slot.key() == short_key::EMPTY {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Sorts `pairs` into the order in which [`with_capacity`](Self::with_capacity)`(pairs.len())`
    /// and [`insert`](Self::insert) fill the table front to back: by home slot (then by word,
    /// so that the order is fixed), the words too long for a slot last.
    pub(super) fn sort_for_loading(pairs: &mut [(Vec<u8>, f32)]) {
        let bits = Self::slots_for(pairs.len()).trailing_zeros();
        pairs.sort_by_cached_key(|(word, _)| {
            let home = short_key::key(word).map_or(usize::MAX, |k| home(k, bits));
            (home, word.clone())
        });
    }

    /// Slots of a table made for `n` words.
    fn slots_for(n: usize) -> usize {
        (2 * n).next_power_of_two().max(MIN_SLOTS)
    }

    /// Gives `word` the value `zipf` (replacing any it had).
    pub(super) fn insert(&mut self, word: &[u8], zipf: f32) {
        let Some(key) = short_key::key(word) else {
            self.long.insert(word.to_vec(), zipf);
            return;
        };
        if (self.short + 1) * 2 > self.slots.len() {
            self.resize((self.slots.len() * 2).max(MIN_SLOTS));
        }
        let i = self.slot_of(key);
        if self.slots[i].key() == short_key::EMPTY {
            self.short += 1;
        }
        self.slots[i] = Slot::new(key, zipf);
    }

    /// The slot that holds `key`, or the empty one where it would go.
    fn slot_of(&self, key: ShortKey) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = home(key, self.slots.len().trailing_zeros());
        while self.slots[i].key() != key && self.slots[i].key() != short_key::EMPTY {
            i = (i + 1) & mask;
        }
        i
    }

    /// Moves every word into a table of `n` slots (a power of two, more than twice the words).
    fn resize(&mut self, n: usize) {
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); n]);
        for slot in old.into_iter().filter(|s| s.key() != short_key::EMPTY) {
            let i = self.slot_of(slot.key());
            self.slots[i] = slot;
        }
    }

    /// Number of words.
    pub(super) fn len(&self) -> usize {
        self.short + self.long.len()
    }

    /// Every word with its value, in no particular order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (Vec<u8>, f32)> + '_ {
        let short = self
            .slots
            .iter()
            .filter(|s| s.key() != short_key::EMPTY)
            .map(|s| (short_key::word(s.key()), s.value));
        short.chain(self.long.iter().map(|(w, &z)| (w.clone(), z)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_short_and_long_words_through_growth() {
        let mut t = WordZipf::default();
        assert_eq!(t.get(b"none"), None);
        assert_eq!(t.get(b""), None, "an empty slot is no empty word");
        t.insert(b"", 1.5);
        assert_eq!(t.get(b""), Some(1.5));
        let words: Vec<Vec<u8>> = (0..5000)
            .map(|i| format!("w{i}{}", "x".repeat(i % 17)).into_bytes())
            .collect();
        for (i, w) in words.iter().enumerate() {
            t.insert(w, i as f32);
        }
        t.insert(&words[7], 0.5);
        assert_eq!(t.len(), words.len() + 1, "the words and the empty one");
        for (i, w) in words.iter().enumerate() {
            let want = if i == 7 { 0.5 } else { i as f32 };
            assert_eq!(t.get(w), Some(want), "{}", String::from_utf8_lossy(w));
        }
        assert_eq!(t.get(b"w5000"), None);
        let mut listed: Vec<(Vec<u8>, f32)> = t.iter().collect();
        listed.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(listed.len(), words.len() + 1);
        assert!(listed.iter().all(|(w, z)| t.get(w) == Some(*z)));
    }
}
