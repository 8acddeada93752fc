//! [`WordTable`]: a small table of normalised words, asked about many tokens that are mostly not
//! in it.

use rustc_hash::FxHashMap;

use crate::text::Normalizer;

/// Normalised words, each with a value: the context-word lists of [`super::Cues`]. A lookup is
/// made for nearly every matched name (the word before it, with and without its clitics), and
/// nearly always misses: a token whose first byte and length no word has is answered from a
/// 1 KiB table, without hashing.
#[derive(Debug, Clone)]
pub(super) struct WordTable<T> {
    words: FxHashMap<Vec<u8>, T>,
    /// For each first byte, the lengths of the words that start with it (bit `n`: `n` bytes;
    /// bit 31: 31 bytes or more).
    lengths: [u32; 256],
}

/// A [`WordTable`] without values: a set of words.
pub(super) type WordSet = WordTable<()>;

/// The bit of a word of `len` bytes in [`WordTable::lengths`].
#[inline]
fn length_bit(len: usize) -> u32 {
    1 << len.min(31)
}

impl<T: Copy> WordTable<T> {
    /// The words of `list`, normalised, each with its value (a later duplicate wins). Words that
    /// normalise to nothing are left out.
    pub(super) fn from_pairs<'a>(list: impl IntoIterator<Item = (&'a str, T)>) -> Self {
        let mut words = FxHashMap::default();
        let mut lengths = [0u32; 256];
        for (word, value) in list {
            let key = Normalizer.key(word);
            let Some(&first) = key.first() else { continue };
            lengths[usize::from(first)] |= length_bit(key.len());
            words.insert(key, value);
        }
        WordTable { words, lengths }
    }

    /// The value of `token`, if it is one of the words.
    #[inline]
    pub(super) fn get(&self, token: &[u8]) -> Option<T> {
        let &first = token.first()?;
        if self.lengths[usize::from(first)] & length_bit(token.len()) == 0 {
            return None;
        }
        self.words.get(token).copied()
    }

    /// Whether `token` is one of the words.
    #[inline]
    pub(super) fn contains(&self, token: &[u8]) -> bool {
        self.get(token).is_some()
    }
}

impl WordSet {
    /// The set of the words of `list`, normalised.
    pub(super) fn new(list: &[&str]) -> Self {
        Self::from_pairs(list.iter().map(|&w| (w, ())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_its_words_normalised_and_no_others() {
        let set = WordSet::new(&[
            "مدينة",
            "قرية",
            "river",
            "a-very-long-word-of-more-than-31-bytes",
        ]);
        for w in [
            "مدينه",
            "مدينة",
            "قرية",
            "river",
            "a-very-long-word-of-more-than-31-bytes",
        ] {
            assert!(set.contains(&Normalizer.key(w)), "{w}");
        }
        for w in [
            "مدين",
            "مدينتين",
            "rive",
            "rivers",
            "a-very-long-word-of-more-than-31-bytez",
            "",
        ] {
            assert!(!set.contains(&Normalizer.key(w)), "{w}");
        }
        let map = WordTable::from_pairs([("نهر", 1u8), ("جبل", 2)]);
        assert_eq!(map.get(&Normalizer.key("نهر")), Some(1));
        assert_eq!(map.get(&Normalizer.key("جبل")), Some(2));
        assert_eq!(map.get(&Normalizer.key("سهل")), None);
    }
}
