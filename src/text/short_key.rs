//! [`ShortKey`]: a normalised word of up to eleven bytes packed into twelve, for tables that
//! look words up by one load and one compare (the matcher's token cache, word commonness).

/// Longest word a [`ShortKey`] holds, in bytes.
pub const MAX: usize = 11;

/// A word of 1 to [`MAX`] bytes packed with its length: the first eight bytes, then the next
/// three with the length in the top byte (never zero, so a key is never [`EMPTY`]).
pub type ShortKey = (u64, u32);

/// No word's key: what an empty slot holds.
pub const EMPTY: ShortKey = (0, 0);

/// For each length up to [`MAX`]: the bits of the first eight bytes and of the next three that
/// belong to the word (a table, where computing the masks took a branchy 128-bit shift).
const MASKS: [(u64, u32); MAX + 1] = {
    let mut m = [(0u64, 0u32); MAX + 1];
    let mut len = 0;
    while len <= MAX {
        m[len] = if len >= 8 {
            (u64::MAX, (1u32 << (8 * (len - 8))) - 1)
        } else {
            ((1u64 << (8 * len)) - 1, 0)
        };
        len += 1;
    }
    m
};

/// A slot of an open-addressing table keyed by [`ShortKey`]: the key's twelve bytes and a
/// four-byte value, sixteen bytes in all, so that four slots share a cache line and none
/// straddles two. An empty slot holds [`EMPTY`].
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(16))]
pub struct Slot<V> {
    lo: u64,
    hi: u32,
    /// What the table keeps for the key.
    pub value: V,
}

impl<V> Slot<V> {
    /// A slot holding `key` and `value`.
    pub fn new(key: ShortKey, value: V) -> Self {
        Slot {
            lo: key.0,
            hi: key.1,
            value,
        }
    }

    /// The key it holds ([`EMPTY`] if none).
    pub fn key(&self) -> ShortKey {
        (self.lo, self.hi)
    }
}

/// The key of the word `bytes[pos..end]`, if it has 1 to [`MAX`] bytes (the empty word's key
/// would be [`EMPTY`]).
#[inline]
pub fn key_at(bytes: &[u8], pos: usize, end: usize) -> Option<ShortKey> {
    let len = end - pos;
    if len == 0 || len > MAX {
        return None;
    }
    // Twelve bytes at once where the text has them (fixed-size loads), else the word alone.
    let (lo, hi) = match bytes.get(pos..pos + 12) {
        Some(w) => (
            u64::from_le_bytes(w[..8].try_into().expect("eight bytes")),
            u32::from_le_bytes(w[8..].try_into().expect("four bytes")),
        ),
        None => near_the_end(&bytes[pos..end]),
    };
    let (lo_mask, hi_mask) = MASKS[len];
    let (lo, hi) = (lo & lo_mask, hi & hi_mask);
    Some((lo, hi | ((len as u32) << 24)))
}

/// The key of `word`, if it has 1 to [`MAX`] bytes.
#[inline]
pub fn key(word: &[u8]) -> Option<ShortKey> {
    key_at(word, 0, word.len())
}

/// The first eight bytes of a word and the next four, zero-padded: for a word that ends less
/// than twelve bytes before the end of its text (kept apart, so that the usual case copies a
/// fixed number of bytes instead of calling `memcpy`).
#[cold]
#[inline(never)]
fn near_the_end(word: &[u8]) -> (u64, u32) {
    let mut buf = [0u8; 12];
    buf[..word.len()].copy_from_slice(word);
    (
        u64::from_le_bytes(buf[..8].try_into().expect("eight bytes")),
        u32::from_le_bytes(buf[8..].try_into().expect("four bytes")),
    )
}

/// The home slot of `key` in a table of `2^bits` slots (the top bits of a multiplicative hash,
/// which depend on every input bit).
#[inline]
pub fn home(key: ShortKey, bits: u32) -> usize {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let h = (key.0.wrapping_mul(K) ^ u64::from(key.1)).wrapping_mul(K);
    (h >> (64 - bits)) as usize
}

/// The word a key holds (for listing a table's words).
pub fn word(key: ShortKey) -> Vec<u8> {
    let len = (key.1 >> 24) as usize;
    let mut bytes = [0u8; 12];
    bytes[..8].copy_from_slice(&key.0.to_le_bytes());
    bytes[8..].copy_from_slice(&key.1.to_le_bytes());
    bytes[..len].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_tell_words_apart_and_give_them_back() {
        let words: [&[u8]; 6] = [b"a", b"ab", b"abcdefgh", b"abcdefghi", b"abcdefghijk", b"b"];
        let keys: Vec<ShortKey> = words.iter().map(|w| key(w).unwrap()).collect();
        for (i, (w, k)) in words.iter().zip(&keys).enumerate() {
            assert_ne!(*k, EMPTY);
            assert_eq!(word(*k), w.to_vec());
            assert!(keys[..i].iter().all(|other| other != k), "{w:?}");
        }
        assert_eq!(key(b"abcdefghijkl"), None, "twelve bytes is too long");
        assert_eq!(
            key(b""),
            None,
            "the empty word would look like an empty slot"
        );
        // Read from inside a longer text, with bytes after the word.
        assert_eq!(key_at(b"xx abcdefghi yy", 3, 12), key(b"abcdefghi"));
    }
}
