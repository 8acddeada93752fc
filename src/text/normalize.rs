//! The [`Normalizer`]: original text in, compact normalised bytes out, with a map back.

use std::ops::Range;

use super::encoding::{HARD, SOFT, letter_bytes};
use super::fold::{ARABIC, ARABIC_DROP, ARABIC_HARD, ARABIC_OTHER, Fold, decompose, fold_char};

/// Normalises text and gazetteer names the same way, so that the two always agree.
///
/// The output ([`NormalizedText`]) holds one token after another, separated by exactly one
/// byte: [`SOFT`](super::encoding::SOFT) where the original had only spaces, hyphens or
/// apostrophes, [`HARD`](super::encoding::HARD) where it had punctuation. It never starts or ends
/// with a separator.
#[derive(Debug, Default, Clone, Copy)]
pub struct Normalizer;

/// A normalised copy of one text, with the original byte range of every normalised byte.
///
/// Reuse one value across documents ([`Normalizer::normalize_into`]) to avoid allocating.
#[derive(Debug, Default, Clone)]
pub struct NormalizedText {
    /// The normalised bytes are `bytes[..len]`; the rest is room kept from earlier texts.
    bytes: Vec<u8>,
    /// For each byte of `bytes`: the offset of the original character it came from (low 30
    /// bits) and that character's UTF-8 length minus one (high 2 bits).
    origin: Vec<u32>,
    len: usize,
}

/// Documents must be shorter than this for the packed offsets (1 GiB).
const MAX_LEN: usize = 1 << 30;

/// Room kept past the end of the output, so that a character that expands (a ligature of
/// presentation form B) never needs a check before it is written.
const SLACK: usize = 64;

#[inline]
fn pack(start: usize, end: usize) -> u32 {
    (start as u32) | (((end - start - 1) as u32) << 30)
}

/// What each ASCII byte folds to: a lower-case letter or digit, [`SOFT`] (spaces, hyphens,
/// apostrophes: they join name parts) or [`HARD`] (any other punctuation).
const ASCII: [u8; 128] = {
    let mut t = [HARD; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = match c {
            b'a'..=b'z' | b'0'..=b'9' => c,
            b'A'..=b'Z' => c + 32,
            b' ' | b'\t' | b'-' | b'\'' | b'`' => SOFT,
            _ => HARD,
        };
        b += 1;
    }
    t
};

impl NormalizedText {
    /// The normalised bytes (see [`encoding`](super::encoding)).
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    /// The original byte range that the normalised range `range` was made from.
    ///
    /// Both ends are character boundaries of the original text.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        debug_assert!(range.start < range.end && range.end <= self.len);
        let start = (self.origin[range.start] & (MAX_LEN as u32 - 1)) as usize;
        let last = self.origin[range.end - 1];
        let end = (last & (MAX_LEN as u32 - 1)) as usize + (last >> 30) as usize + 1;
        start..end
    }

    /// Whether `pos` starts a token: a non-separator byte at the start or after a separator.
    #[inline]
    pub fn is_token_start(&self, pos: usize) -> bool {
        let bytes = self.as_bytes();
        pos < bytes.len() && !is_separator(bytes[pos]) && (pos == 0 || is_separator(bytes[pos - 1]))
    }
}

/// Whether a normalised byte separates tokens.
#[inline]
pub fn is_separator(b: u8) -> bool {
    b == SOFT || b == HARD
}

/// Error: a document longer than the offset map can address (1 GiB).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLong;

impl Normalizer {
    /// Normalises `text` into `out`, replacing its previous content.
    pub fn normalize_into(&self, text: &str, out: &mut NormalizedText) -> Result<(), TooLong> {
        if text.len() >= MAX_LEN {
            return Err(TooLong);
        }
        let mut builder = Builder {
            bytes: &mut out.bytes,
            origin: &mut out.origin,
            len: 0,
            pending: None,
        };
        builder.make_room(text.len());
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                match ASCII[usize::from(b)] {
                    sep @ (SOFT | HARD) => builder.gap(sep, i, i + 1),
                    letter => builder.letter_byte(letter, pack(i, i + 1)),
                }
                i += 1;
                continue;
            }
            // Fast path for the Arabic block (two-byte sequences D8..DB xx).
            if (0xD8..=0xDB).contains(&b) && i + 1 < bytes.len() {
                let cp = (u32::from(b & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F);
                let code = ARABIC[(cp - 0x0600) as usize];
                match code {
                    ARABIC_DROP => {
                        i += 2;
                        continue;
                    }
                    ARABIC_HARD => {
                        builder.gap(HARD, i, i + 2);
                        i += 2;
                        continue;
                    }
                    ARABIC_OTHER => {}
                    _ => {
                        builder.letter_byte(code, pack(i, i + 2));
                        i += 2;
                        continue;
                    }
                }
            }
            let c = text[i..].chars().next().expect("index is a char boundary");
            let end = i + c.len_utf8();
            match fold_char(c) {
                Fold::Decompose => decompose(c, |f| builder.apply(f, i, end)),
                f => builder.apply(f, i, end),
            }
            // What was written may be longer than what was read: keep room for the rest.
            builder.make_room(bytes.len() - end);
            i = end;
        }
        out.len = builder.len;
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
        self.normalize(name)
            .map(|n| n.as_bytes().to_vec())
            .unwrap_or_default()
    }
}

/// Writes folded characters, collapsing each run of gaps into one separator byte.
///
/// The buffers always have room for one output byte per input byte left plus [`SLACK`]
/// ([`make_room`](Self::make_room)), so writing is a store, not a push.
struct Builder<'a> {
    bytes: &'a mut Vec<u8>,
    origin: &'a mut Vec<u32>,
    /// Bytes written so far.
    len: usize,
    /// The gap seen since the last letter: its kind and the original character it started at.
    pending: Option<(u8, usize, usize)>,
}

impl Builder<'_> {
    /// Makes sure `rest` more input bytes (at most one output byte each) fit after what is
    /// written, with [`SLACK`] to spare.
    #[inline]
    fn make_room(&mut self, rest: usize) {
        let need = self.len + rest + SLACK;
        if self.bytes.len() < need {
            self.bytes.resize(need, 0);
            self.origin.resize(need, 0);
        }
    }

    #[inline]
    fn apply(&mut self, fold: Fold, start: usize, end: usize) {
        match fold {
            Fold::Letter(c) => {
                let o = pack(start, end);
                for &b in letter_bytes(c, &mut [0; 4]) {
                    self.letter_byte(b, o);
                }
            }
            Fold::Soft => self.gap(SOFT, start, end),
            Fold::Hard => self.gap(HARD, start, end),
            Fold::Drop | Fold::Decompose => {}
        }
    }

    /// Writes one already-encoded letter byte that came from the original range `origin`.
    #[inline]
    fn letter_byte(&mut self, b: u8, origin: u32) {
        if self.pending.is_some() {
            self.flush_gap();
        }
        self.bytes[self.len] = b;
        self.origin[self.len] = origin;
        self.len += 1;
    }

    #[cold]
    fn flush_gap(&mut self) {
        if let Some((sep, s, e)) = self.pending.take()
            && self.len > 0
        {
            self.bytes[self.len] = sep;
            self.origin[self.len] = pack(s, e);
            self.len += 1;
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
            None => self.pending = Some((kind, start, end)),
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
