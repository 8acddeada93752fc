//! A filter over the first token of every name, asked for every token before anything else.
//!
//! A reading of a token (see [`crate::text::clitics`]) matters to the matcher only when it is a
//! whole name or a walk from it can go on through a gap into the next token; either way it is
//! exactly the first token of some name. Most tokens of a text have no such reading, yet looking
//! them up in the token cache (megabytes, out of the nearer processor caches) or walking their
//! readings through an automaton costs memory waits. [`FirstTokens`] answers "is this the first
//! token of no name?" from a table small enough to stay in the second-level cache (one for tokens
//! that start with an Arabic letter, about 52 KiB for the 26,000 of the embedded default, and one
//! for the 56,000 others, about 110 KiB), so that only the tokens and readings it cannot rule out
//! go further. (One table for all of them, sized by the number of names, took 256 KiB; with the
//! two, `count` on SaudiNewsNet was faster in 21 of 28 alternated runs: medians 0.86× and 0.98× on
//! one thread, 0.99× on two, for 1% more instructions.)
//!
//! A second filter of the same kind holds the first two tokens of every name of several words.
//! A live reading (a name's first token that longer names go on from, mostly a function word
//! such as `في` or `ابو`) walked the automaton into the next token 642,000 times on
//! SaudiNewsNet, and 590,000 of those walks found nothing; asking that filter first leaves most
//! of them out.

use crate::text::encoding::is_arabic_letter;
use crate::text::is_separator;

/// Bits kept per first token: at 16, with two bits set per token in one 64-bit word, about one
/// reading in fifty that is no first token still passes.
const BITS_PER_TOKEN: usize = 16;

/// A blocked Bloom filter (two bits in one 64-bit word per token) over the first tokens of a set
/// of names, or over their first two tokens (see [`FirstTokens::first_two`]). It never says no
/// to what it holds; it says yes to a few others.
///
/// Tokens that start with an Arabic letter and the others have a table each, sized by their own
/// count: Arabic news asks the Arabic one, which holds a third of the tokens, and it stays in the
/// nearer caches.
#[derive(Debug, Clone)]
pub(super) struct FirstTokens {
    arabic: Table,
    other: Table,
}

/// One table of [`FirstTokens`].
#[derive(Debug, Clone)]
struct Table {
    words: Vec<u64>,
}

impl Table {
    /// A table for about `tokens` tokens.
    fn for_tokens(tokens: usize) -> Self {
        Table {
            words: vec![0; (tokens * BITS_PER_TOKEN).div_ceil(64).max(1)],
        }
    }

    /// The word and the two bits of a hash: the word from its top 32 bits, scaled to the table
    /// (any size, not only a power of two), the bits from its low 12.
    #[inline(always)]
    fn locate(&self, h: u64) -> (usize, u64) {
        let word = ((h >> 32) * self.words.len() as u64) >> 32;
        (word as usize, (1 << (h & 63)) | (1 << ((h >> 6) & 63)))
    }

    fn insert(&mut self, h: u64) {
        let (word, bits) = self.locate(h);
        self.words[word] |= bits;
    }

    #[inline(always)]
    fn may_contain(&self, h: u64) -> bool {
        let (word, bits) = self.locate(h);
        self.words[word] & bits == bits
    }
}

/// The hash of the token that starts with `first` and goes on with `rest` (a reading may start
/// with an elided letter that is not in the text, so the first byte comes apart). Short tokens,
/// most of them, are read with a few fixed-size loads, some overlapping; the length is mixed
/// in, so overlaps never make two lengths agree.
#[inline(always)]
fn hash(first: u8, rest: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let n = rest.len();
    let word = |at: usize| u64::from_le_bytes(rest[at..at + 8].try_into().expect("eight bytes"));
    let half = |at: usize| u32::from_le_bytes(rest[at..at + 4].try_into().expect("four bytes"));
    let mix = |h: u64, v: u64| (h.rotate_left(23) ^ v).wrapping_mul(K);
    let h = (u64::from(first) | ((n as u64) << 8)).wrapping_mul(K);
    match n {
        0 => h,
        1..=3 => mix(
            h,
            u64::from(rest[0]) | (u64::from(rest[n / 2]) << 8) | (u64::from(rest[n - 1]) << 16),
        ),
        4..=7 => mix(h, u64::from(half(0)) | (u64::from(half(n - 4)) << 32)),
        8..=16 => mix(mix(h, word(0)), word(n - 8)),
        _ => {
            let mut h = h;
            let mut at = 0;
            while at + 8 < n {
                h = mix(h, word(at));
                at += 8;
            }
            mix(h, word(n - 8))
        }
    }
}

impl FirstTokens {
    /// The filter over the first token (up to the first separator) of each of `keys`.
    pub(super) fn new<'k>(keys: impl Iterator<Item = &'k [u8]>) -> Self {
        Self::over_first(1, keys)
    }

    /// The filter over the first two tokens (the separator between them included) of each of
    /// `keys` that has two or more: what a walk from a name's first token into the next token
    /// must start with to go anywhere (the matcher asks it before such a walk).
    pub(super) fn first_two<'k>(keys: impl Iterator<Item = &'k [u8]>) -> Self {
        Self::over_first(2, keys.filter(|k| k.iter().any(|&b| is_separator(b))))
    }

    /// The filter over the first `tokens` tokens of each of `keys`.
    fn over_first<'k>(tokens: usize, keys: impl Iterator<Item = &'k [u8]>) -> Self {
        // Each key's first byte and the rest of its first tokens.
        let heads: Vec<(u8, &[u8])> = keys
            .filter_map(|key| {
                let (&first, rest) = key.split_first()?;
                let end = rest
                    .iter()
                    .enumerate()
                    .filter(|&(_, &b)| is_separator(b))
                    .nth(tokens - 1)
                    .map_or(rest.len(), |(i, _)| i);
                Some((first, &rest[..end]))
            })
            .collect();
        // Each table is sized by its tokens, counted once when the same one comes in a row (as
        // the names of one place, or the sorted names of the embedded default, bring them).
        let mut count = [0usize; 2];
        let mut last = None;
        for &head in &heads {
            if last != Some(head) {
                count[usize::from(is_arabic_letter(head.0))] += 1;
                last = Some(head);
            }
        }
        let mut filter = FirstTokens {
            other: Table::for_tokens(count[0]),
            arabic: Table::for_tokens(count[1]),
        };
        for (first, rest) in heads {
            filter.table_mut(first).insert(hash(first, rest));
        }
        filter
    }

    fn table_mut(&mut self, first: u8) -> &mut Table {
        if is_arabic_letter(first) {
            &mut self.arabic
        } else {
            &mut self.other
        }
    }

    /// Whether the token `first` + `rest` may be the first token of a name, or for a filter made
    /// by [`first_two`](Self::first_two), its first two tokens (`false`: surely not).
    #[inline(always)]
    pub(super) fn may_contain(&self, first: u8, rest: &[u8]) -> bool {
        let table = if is_arabic_letter(first) {
            &self.arabic
        } else {
            &self.other
        };
        table.may_contain(hash(first, rest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_first_token_passes_and_most_others_do_not() {
        let keys: Vec<Vec<u8>> = (0..5000)
            .map(|i| format!("name{i} rest{i}").into_bytes())
            .collect();
        let filter = FirstTokens::new(keys.iter().map(Vec::as_slice));
        for i in 0..5000 {
            let t = format!("name{i}");
            assert!(
                filter.may_contain(t.as_bytes()[0], &t.as_bytes()[1..]),
                "{t}"
            );
        }
        let passed = (0..5000)
            .filter(|i| {
                let t = format!("rest{i}");
                filter.may_contain(t.as_bytes()[0], &t.as_bytes()[1..])
            })
            .count();
        assert!(passed < 250, "{passed} of 5000 non-first tokens passed");
    }

    #[test]
    fn pairs_of_first_tokens_pass_and_single_words_are_left_out() {
        let keys: Vec<&[u8]> = vec![b"abu dhabi", b"new york city", b"paris"];
        let filter = FirstTokens::first_two(keys.into_iter());
        assert!(filter.may_contain(b'a', b"bu dhabi"));
        assert!(filter.may_contain(b'n', b"ew york"));
        // The filter holds the first two tokens, not one or three (in a filter this empty, a
        // hash that is not one of its entries fails; hashes are fixed, so this is
        // deterministic).
        assert!(!filter.may_contain(b'n', b"ew"));
        assert!(!filter.may_contain(b'n', b"ew york city"));
        assert!(!filter.may_contain(b'p', b"aris"));
    }

    #[test]
    fn a_token_is_hashed_the_same_with_its_first_byte_apart() {
        let filter = FirstTokens::new([b"alpha\nbeta".as_slice()].into_iter());
        assert!(filter.may_contain(b'a', b"lpha"));
        assert!(!filter.may_contain(b'a', b"lph"));
    }
}
