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
    /// Both tables, one after the other: the Arabic one first.
    words: Vec<u64>,
    /// Words of the Arabic table; the other table takes the rest.
    arabic_len: usize,
}

/// Words for a table of about `tokens` tokens.
fn words_for(tokens: usize) -> usize {
    (tokens * BITS_PER_TOKEN).div_ceil(64).max(1)
}

/// The word (within a table of `len` words) and the two bits of a hash: the word from its top
/// 32 bits, scaled to the table (any size, not only a power of two), the bits from its low 12.
#[inline(always)]
fn locate(h: u64, len: usize) -> (usize, u64) {
    let word = ((h >> 32) * len as u64) >> 32;
    (word as usize, (1 << (h & 63)) | (1 << ((h >> 6) & 63)))
}

/// Bytes of a token (after its first) hashed without a loop: most tokens and readings.
pub(super) const SHORT: usize = 16;

/// `LOW[n]` keeps the first `n` bytes of a little-endian word.
const LOW: [u64; 9] = {
    let mut t = [0u64; 9];
    let mut n = 1;
    while n <= 8 {
        t[n] = u64::MAX >> (64 - 8 * n);
        n += 1;
    }
    t
};

/// The hash's multiplier.
pub(super) const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// How far the hash rotates its state before each word.
pub(super) const ROTATE: u32 = 23;

#[inline(always)]
fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(ROTATE) ^ v).wrapping_mul(K)
}

/// The hash of the token that starts with `first` and goes on with `text[start..end]` (a
/// reading may start with an elided letter that is not in the text, so the first byte comes
/// apart). The length is mixed in, so that two lengths never agree by their padding.
///
/// Rests of up to [`SHORT`] bytes, nearly all of them, are read as two words masked to their
/// length, without a branch on it: which of several loads a length needs was a branch that
/// news, with its words of every length, kept mispredicting. That read reaches past `end`, so
/// it is taken from `text` when `text` holds [`SHORT`] bytes from `start` (a normalised text
/// keeps room after its end for this), and from a copy otherwise.
#[inline(always)]
fn hash(first: u8, text: &[u8], start: usize, end: usize) -> u64 {
    let n = end - start;
    let h = (u64::from(first) | ((n as u64) << 8)).wrapping_mul(K);
    if n > SHORT {
        return hash_long(h, &text[start..end]);
    }
    let window: [u8; SHORT] = match text.get(start..start + SHORT) {
        Some(w) => w.try_into().expect("SHORT bytes"),
        None => {
            let mut w = [0; SHORT];
            w[..n].copy_from_slice(&text[start..end]);
            w
        }
    };
    let word = |at: usize| u64::from_le_bytes(window[at..at + 8].try_into().expect("8 bytes"));
    let lo = word(0) & LOW[n.min(8)];
    let hi = word(8) & LOW[n.saturating_sub(8)];
    mix(mix(h, lo), hi)
}

/// [`hash`] of a rest longer than [`SHORT`] bytes, word by word (the last word overlapping the
/// one before it).
#[cold]
fn hash_long(mut h: u64, rest: &[u8]) -> u64 {
    let n = rest.len();
    let word = |at: usize| u64::from_le_bytes(rest[at..at + 8].try_into().expect("eight bytes"));
    let mut at = 0;
    while at + 8 < n {
        h = mix(h, word(at));
        at += 8;
    }
    mix(h, word(n - 8))
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
        let arabic_len = words_for(count[1]);
        let mut filter = FirstTokens {
            words: vec![0; arabic_len + words_for(count[0])],
            arabic_len,
        };
        for (first, rest) in heads {
            let (start, len) = filter.table(first);
            let (word, bits) = locate(hash(first, rest, 0, rest.len()), len);
            filter.words[start + word] |= bits;
        }
        filter
    }

    /// Where the table for tokens that start with `first` begins in `words`, and its length.
    #[inline(always)]
    fn table(&self, first: u8) -> (usize, usize) {
        if is_arabic_letter(first) {
            (0, self.arabic_len)
        } else {
            (self.arabic_len, self.words.len() - self.arabic_len)
        }
    }

    /// Both tables' words, the Arabic table first, and the Arabic table's length (for the
    /// vector pass over a text's tokens, `candidates.rs`).
    pub(super) fn words(&self) -> (&[u64], usize) {
        (&self.words, self.arabic_len)
    }

    /// Whether the token `first` + `text[start..end]` may be the first token of a name, or for
    /// a filter made by [`first_two`](Self::first_two), its first two tokens (`false`: surely
    /// not). Pass the whole normalised buffer as `text` ([`NormalizedText::padded`]), not the
    /// token alone, so that the hash reads its room past the end instead of a copy.
    ///
    /// [`NormalizedText::padded`]: crate::text::NormalizedText::padded
    #[inline(always)]
    pub(super) fn may_contain(&self, first: u8, text: &[u8], start: usize, end: usize) -> bool {
        let (table, len) = self.table(first);
        let (word, bits) = locate(hash(first, text, start, end), len);
        self.words[table + word] & bits == bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `filter` may hold the token `first` + `rest` (read from a copy).
    fn has(filter: &FirstTokens, first: u8, rest: &[u8]) -> bool {
        filter.may_contain(first, rest, 0, rest.len())
    }

    #[test]
    fn every_first_token_passes_and_most_others_do_not() {
        let keys: Vec<Vec<u8>> = (0..5000)
            .map(|i| format!("name{i} rest{i}").into_bytes())
            .collect();
        let filter = FirstTokens::new(keys.iter().map(Vec::as_slice));
        for i in 0..5000 {
            let t = format!("name{i}");
            assert!(has(&filter, t.as_bytes()[0], &t.as_bytes()[1..]), "{t}");
        }
        let passed = (0..5000)
            .filter(|i| {
                let t = format!("rest{i}");
                has(&filter, t.as_bytes()[0], &t.as_bytes()[1..])
            })
            .count();
        assert!(passed < 250, "{passed} of 5000 non-first tokens passed");
    }

    #[test]
    fn pairs_of_first_tokens_pass_and_single_words_are_left_out() {
        let keys: Vec<&[u8]> = vec![b"abu dhabi", b"new york city", b"paris"];
        let filter = FirstTokens::first_two(keys.into_iter());
        assert!(has(&filter, b'a', b"bu dhabi"));
        assert!(has(&filter, b'n', b"ew york"));
        // The filter holds the first two tokens, not one or three (in a filter this empty, a
        // hash that is not one of its entries fails; hashes are fixed, so this is
        // deterministic).
        assert!(!has(&filter, b'n', b"ew"));
        assert!(!has(&filter, b'n', b"ew york city"));
        assert!(!has(&filter, b'p', b"aris"));
    }

    #[test]
    fn a_token_is_hashed_the_same_with_its_first_byte_apart() {
        let filter = FirstTokens::new([b"alpha\nbeta".as_slice()].into_iter());
        assert!(has(&filter, b'a', b"lpha"));
        assert!(!has(&filter, b'a', b"lph"));
    }

    #[test]
    fn a_token_inside_a_text_hashes_as_its_copy_does() {
        // Each rest length up to past SHORT, read in place with other bytes after it (as in a
        // normalised text) and alone: the same answer, for tokens held and tokens not held.
        let keys: Vec<Vec<u8>> = (1..=20).map(|n| vec![b'k'; n]).collect();
        let filter = FirstTokens::new(keys.iter().map(Vec::as_slice));
        for n in 0..=20 {
            let mut text = vec![b'k'; 1 + n];
            text.extend_from_slice(b" kkkkkkkkkkkkkkkkkkkkkkkk");
            let in_place = filter.may_contain(b'k', &text, 1, 1 + n);
            assert_eq!(
                in_place,
                has(&filter, b'k', &text[1..1 + n]),
                "rest of {n} bytes"
            );
            if n < 20 {
                assert!(in_place, "rest of {n} bytes");
            }
        }
    }
}
