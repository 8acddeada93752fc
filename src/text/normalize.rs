//! The [`Normalizer`]: original text in, compact normalised bytes out, with a map back.

use std::ops::Range;

use super::encoding::{HARD, SOFT, push_letter};
use super::fold::{Fold, decompose, fold_char};

/// Normalises text and gazetteer names the same way, so that the two always agree.
///
/// The output ([`NormalizedText`]) holds one token after another, separated by exactly one
/// byte: [`SOFT`](super::encoding::SOFT) where the original had only spaces, hyphens or
/// apostrophes, [`HARD`](super::encoding::HARD) where it had punctuation. It never starts or ends
/// with a separator.
#[derive(Debug, Default, Clone, Copy)]
pub struct Normalizer;

/// A normalised copy of one text, with the original byte offset of every normalised byte.
///
/// Reuse one value across documents ([`Normalizer::normalize_into`]) to avoid allocating.
#[derive(Debug, Default, Clone)]
pub struct NormalizedText {
    bytes: Vec<u8>,
    /// For each byte of `bytes`: the offset of the original character it came from.
    origin: Vec<u32>,
    /// For each byte of `bytes`: the offset just past that original character.
    origin_end: Vec<u32>,
}

impl NormalizedText {
    /// The normalised bytes (see [`encoding`](super::encoding)).
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The original byte range that the normalised range `range` was made from.
    ///
    /// Both ends are character boundaries of the original text.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        debug_assert!(range.start < range.end && range.end <= self.bytes.len());
        self.origin[range.start] as usize..self.origin_end[range.end - 1] as usize
    }

    /// Whether `pos` starts a token: a non-separator byte at the start or after a separator.
    #[inline]
    pub fn is_token_start(&self, pos: usize) -> bool {
        pos < self.bytes.len()
            && !is_separator(self.bytes[pos])
            && (pos == 0 || is_separator(self.bytes[pos - 1]))
    }

    /// Whether a token ends just before `pos` (at a separator or the end of the text).
    #[inline]
    pub fn is_token_end(&self, pos: usize) -> bool {
        pos == self.bytes.len() || is_separator(self.bytes[pos])
    }

    fn clear(&mut self) {
        self.bytes.clear();
        self.origin.clear();
        self.origin_end.clear();
    }
}

/// Whether a normalised byte separates tokens.
#[inline]
pub fn is_separator(b: u8) -> bool {
    b == SOFT || b == HARD
}

/// Error: a document longer than the offset map can address (4 GiB).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLong;

impl Normalizer {
    /// Normalises `text` into `out`, replacing its previous content.
    pub fn normalize_into(&self, text: &str, out: &mut NormalizedText) -> Result<(), TooLong> {
        if text.len() >= u32::MAX as usize {
            return Err(TooLong);
        }
        out.clear();
        out.bytes.reserve(text.len());
        let mut builder = Builder { out, pending: None };
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                // ASCII fast path.
                builder.apply(fold_char(b as char), i, i + 1);
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().expect("index is a char boundary");
            let end = i + c.len_utf8();
            match fold_char(c) {
                Fold::Decompose => decompose(c, |f| builder.apply(f, i, end)),
                f => builder.apply(f, i, end),
            }
            i = end;
        }
        Ok(())
    }

    /// Normalises `text` into a fresh value.
    pub fn normalize(&self, text: &str) -> Result<NormalizedText, TooLong> {
        let mut out = NormalizedText::default();
        self.normalize_into(text, &mut out)?;
        Ok(out)
    }

    /// Normalises a gazetteer name (or any short string) to its key bytes.
    pub fn key(&self, name: &str) -> Vec<u8> {
        self.normalize(name).map(|n| n.bytes).unwrap_or_default()
    }
}

/// Appends folded characters, collapsing each run of gaps into one separator byte.
struct Builder<'a> {
    out: &'a mut NormalizedText,
    /// The gap seen since the last letter: its kind and where it started in the original.
    pending: Option<(u8, u32, u32)>,
}

impl Builder<'_> {
    #[inline]
    fn apply(&mut self, fold: Fold, start: usize, end: usize) {
        match fold {
            Fold::Letter(c) => {
                if let Some((sep, s, e)) = self.pending.take()
                    && !self.out.bytes.is_empty()
                {
                    self.push_bytes(&[sep], s, e);
                }
                let before = self.out.bytes.len();
                let n = push_letter(&mut self.out.bytes, c);
                debug_assert_eq!(self.out.bytes.len(), before + n);
                for _ in 0..n {
                    self.out.origin.push(start as u32);
                    self.out.origin_end.push(end as u32);
                }
            }
            Fold::Soft => self.gap(SOFT, start, end),
            Fold::Hard => self.gap(HARD, start, end),
            Fold::Drop | Fold::Decompose => {}
        }
    }

    #[inline]
    fn gap(&mut self, kind: u8, start: usize, end: usize) {
        match &mut self.pending {
            Some((k, _, _)) => {
                if kind == HARD {
                    *k = HARD;
                }
            }
            None => self.pending = Some((kind, start as u32, end as u32)),
        }
    }

    fn push_bytes(&mut self, bytes: &[u8], start: u32, end: u32) {
        self.out.bytes.extend_from_slice(bytes);
        for _ in bytes {
            self.out.origin.push(start);
            self.out.origin_end.push(end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::encoding::decode;
    use super::*;

    fn norm(s: &str) -> String {
        decode(Normalizer.key(s).as_slice())
    }

    #[test]
    fn arabic_folds() {
        assert_eq!(norm("الرَّقَّةُ"), "الرقه");
        assert_eq!(norm("إدلب"), "ادلب");
        assert_eq!(norm("سوريـــا"), "سوريا");
        assert_eq!(norm("مصطفى"), "مصطفي");
        assert_eq!(norm("عام ٢٠١٧"), "عام 2017");
        assert_eq!(norm("\u{200F}دمشق\u{200E}"), "دمشق");
    }

    #[test]
    fn latin_folds_and_joints() {
        assert_eq!(norm("Deir ez-Zor"), "deir ez zor");
        assert_eq!(norm("Deir ez Zor"), "deir ez zor");
        assert_eq!(norm("Ar-Raqqah"), norm("Ar Raqqah"));
        assert_eq!(norm("Raqqa’s"), "raqqa s");
        assert_eq!(norm("Şanlıurfa"), "sanliurfa");
        assert_eq!(norm("Ḥalab  —  Aleppo"), "halab\naleppo");
    }

    #[test]
    fn punctuation_is_a_hard_boundary() {
        assert_eq!(norm("منبج؟وكالة"), "منبج\nوكاله");
        assert_eq!(norm("«الرقة»"), "الرقه");
        assert_eq!(norm("دمشق، حلب"), "دمشق\nحلب");
    }

    #[test]
    fn offsets_map_back() {
        let text = "في «الرَّقَّةِ»، Deir ez-Zor";
        let n = Normalizer.normalize(text).unwrap();
        let b = n.as_bytes();
        // The token starting at normalised byte 3 is الرقه (5 one-byte letters).
        assert!(n.is_token_start(3));
        let r = n.original_range(3..8);
        assert_eq!(&text[r], "الرَّقَّة");
        let pos = b.iter().position(|&x| x == b'd').unwrap();
        let r = n.original_range(pos..b.len());
        assert_eq!(&text[r], "Deir ez-Zor");
    }
}
