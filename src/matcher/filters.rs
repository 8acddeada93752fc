//! Cheap tests that spare the automaton a walk: a table of two-byte beginnings, and a per-thread
//! cache of token readings known to start no name (see `docs/matching.md`).

/// A bitset of the first two bytes of every key (a one-byte key sets every pair it begins).
#[derive(Debug, Clone)]
pub(super) struct PairFilter(Vec<u64>);

impl PairFilter {
    pub(super) fn new<'k>(keys: impl Iterator<Item = &'k [u8]>) -> Self {
        let mut bits = vec![0u64; 65536 / 64];
        for k in keys {
            match k {
                [a] => (0..=255u8).for_each(|b| set(&mut bits, *a, b)),
                [a, b, ..] => set(&mut bits, *a, *b),
                [] => {}
            }
        }
        fn set(bits: &mut [u64], a: u8, b: u8) {
            let i = (usize::from(a) << 8) | usize::from(b);
            bits[i / 64] |= 1 << (i % 64);
        }
        PairFilter(bits)
    }

    #[inline]
    pub(super) fn may_start(&self, a: u8, b: u8) -> bool {
        let i = (usize::from(a) << 8) | usize::from(b);
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

/// A small cache of token readings (up to 16 bytes) that start no name: the walk of an ordinary
/// word dies inside it, and ordinary words repeat, so most readings of a text are answered from
/// here (a direct-mapped table of 8,192 slots per thread).
#[derive(Debug, Clone)]
pub struct DeadTokens {
    slots: Vec<[u8; 17]>,
}

impl Default for DeadTokens {
    fn default() -> Self {
        DeadTokens {
            slots: vec![[0u8; 17]; 8192],
        }
    }
}

impl DeadTokens {
    #[inline]
    fn slot(token: &[u8]) -> usize {
        let mut h = rustc_hash::FxHasher::default();
        std::hash::Hasher::write(&mut h, token);
        (std::hash::Hasher::finish(&h) >> 32) as usize & 8191
    }

    #[inline]
    pub(super) fn contains(&self, token: &[u8]) -> bool {
        if token.len() > 16 {
            return false;
        }
        let s = &self.slots[Self::slot(token)];
        usize::from(s[16]) == token.len() && &s[..token.len()] == token
    }

    #[inline]
    pub(super) fn insert(&mut self, token: &[u8]) {
        if token.is_empty() || token.len() > 16 {
            return;
        }
        let s = &mut self.slots[Self::slot(token)];
        s[..token.len()].copy_from_slice(token);
        s[16] = token.len() as u8;
    }
}
