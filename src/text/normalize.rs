//! The [`Normalizer`]: original text in, compact normalised bytes out, with a map back.

use std::ops::Range;

use super::encoding::{HARD, SOFT, letter_bytes};
use super::fold::{ARABIC, ARABIC_HARD, ARABIC_OTHER, Fold, decompose, fold_char};

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
    /// The (start, end) of every token, in order.
    tokens: Vec<(u32, u32)>,
}

/// Documents must be shorter than this for the packed offsets (1 GiB).
const MAX_LEN: usize = 1 << 30;

/// Room kept past the end of the output, so that a character that expands (a ligature of
/// presentation form B) never needs a check before it is written.
const SLACK: usize = 64;

/// Bytes that [`NormalizedText::padded`] holds past the end of the normalised text, at least.
pub const PADDING: usize = 16;

const _: () = assert!(SLACK >= PADDING);

#[inline]
fn pack(start: usize, end: usize) -> u32 {
    (start as u32) | (((end - start - 1) as u32) << 30)
}

/// What each ASCII byte folds to: a lower-case letter or digit, [`SOFT`] (spaces, hyphens,
/// apostrophes: they join name parts) or [`HARD`] (any other punctuation).
pub(super) static ASCII: [u8; 128] = {
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

    /// The normalised bytes followed by at least [`PADDING`] more (left over from earlier
    /// texts, or zeros): for reads of a fixed width that may reach past the end, such as the
    /// matcher's first-token hash, which masks off what it does not need.
    pub fn padded(&self) -> &[u8] {
        debug_assert!(self.bytes.len() >= self.len + PADDING || self.tokens.is_empty());
        &self.bytes
    }

    /// The (start, end) of every token (a run of bytes between separators), in order.
    pub fn tokens(&self) -> &[(u32, u32)] {
        &self.tokens
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

impl std::fmt::Display for TooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("document larger than 1 GiB")
    }
}

impl std::error::Error for TooLong {}

impl Normalizer {
    /// Normalises `text` into `out`, replacing its previous content.
    pub fn normalize_into(&self, text: &str, out: &mut NormalizedText) -> Result<(), TooLong> {
        self.normalize_with(text, out, true)
    }

    /// [`normalize_into`](Self::normalize_into), with the vector path (`wide`; only where the
    /// processor has it, whatever the caller asks) or the scalar loop alone.
    pub(super) fn normalize_with(
        &self,
        text: &str,
        out: &mut NormalizedText,
        wide: bool,
    ) -> Result<(), TooLong> {
        if text.len() >= MAX_LEN {
            return Err(TooLong);
        }
        #[cfg(target_arch = "x86_64")]
        let wide = wide && super::blocks::available();
        #[cfg(not(target_arch = "x86_64"))]
        let wide = {
            let _ = wide;
            false
        };
        // Two copies of the whole loop, so that the scalar one stays as lean as it was before
        // the vector path.
        if wide {
            // SAFETY: the processor has the vector path (checked above).
            unsafe { normalize_rounds::<true>(text, out) };
        } else {
            // SAFETY: the scalar loop alone needs nothing of the processor.
            unsafe { normalize_rounds::<false>(text, out) };
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
        self.normalize(name)
            .map(|n| n.as_bytes().to_vec())
            .unwrap_or_default()
    }
}

/// The body of [`Normalizer::normalize_with`], with the vector path (`WIDE`) or without.
///
/// # Safety
/// `WIDE` only where the processor has the vector path (`blocks::available`).
unsafe fn normalize_rounds<const WIDE: bool>(text: &str, out: &mut NormalizedText) {
    let mut w = Writer {
        len: 0,
        open: true,
        token_start: 0,
    };
    out.tokens.clear();
    let mut from = 0;
    // Each round runs until the text ends or a character that expands leaves too little room;
    // the buffers then grow and the next round goes on where it stopped.
    loop {
        let need = w.len + (text.len() - from) + SLACK;
        if out.bytes.len() < need || out.origin.len() < need {
            out.bytes.resize(need, 0);
            out.origin.resize(need, 0);
        }
        let (bytes, origin, tokens) = (&mut out.bytes, &mut out.origin, &mut out.tokens);
        // SAFETY: passed on from the caller.
        match unsafe { w.run::<WIDE>(text, from, bytes, origin, tokens) } {
            Some(stop) => from = stop,
            None => break,
        }
    }
    // A gap at the end leaves no separator (its token is listed already); otherwise the last
    // token ends with the text.
    if w.open && w.len > 0 {
        w.len -= 1;
    } else if w.len > 0 {
        out.tokens.push((w.token_start as u32, w.len as u32));
    }
    out.len = w.len;
}

/// Where the normaliser is in its output: bytes written, whether the last one is a separator (or
/// nothing is written yet), so that a run of gaps writes one separator byte, and where the
/// current token started.
#[derive(Clone, Copy)]
pub(super) struct Writer {
    pub(super) len: usize,
    pub(super) open: bool,
    pub(super) token_start: usize,
}

impl Writer {
    /// Normalises `text[from..]` into `bytes` and `origin`, which have room for one byte per
    /// input byte left plus [`SLACK`], listing the tokens it ends in `tokens`. Returns `None`
    /// at the end of the text, or where to go on from after growing the buffers when a
    /// character that expands (a ligature) has eaten into the slack.
    ///
    /// The buffers are plain slices here, and the writer is a local of the caller (the cold
    /// path gets a copy), so that the loop keeps them in registers.
    ///
    /// # Safety
    /// `WIDE` only where the processor has the vector path (`blocks::available`).
    #[inline(always)]
    unsafe fn run<const WIDE: bool>(
        &mut self,
        text: &str,
        from: usize,
        bytes: &mut [u8],
        origin: &mut [u32],
        tokens: &mut Vec<(u32, u32)>,
    ) -> Option<usize> {
        let src = text.as_bytes();
        debug_assert!(
            bytes.len() == origin.len() && self.len + (src.len() - from) + SLACK <= bytes.len()
        );
        let mut i = from;
        // Where the vector path may take the next block (see below).
        #[cfg(target_arch = "x86_64")]
        let mut wide_from = from;
        while i < src.len() {
            #[cfg(target_arch = "x86_64")]
            if WIDE && i >= wide_from && i + super::blocks::BLOCK < src.len() {
                // SAFETY: `WIDE` is only set when the processor has the vector path (this
                // function's contract); `i` is a character boundary of the UTF-8 `text`, with a
                // block and one byte after it; the buffers have room for one item per input byte
                // left plus `SLACK` (see above), more than a block's `BLOCK`.
                let done =
                    unsafe { super::blocks::normalize_block(self, src, i, bytes, origin, tokens) };
                i += done;
                if done >= super::blocks::BLOCK {
                    continue;
                }
                // The character at `i` is for the scalar loop. When such characters come close
                // together (text in another script), the scalar loop takes the next block too.
                if done < super::blocks::BLOCK / 4 {
                    wide_from = i + super::blocks::BLOCK;
                }
            }
            let b = src[i];
            if b < 0x80 {
                match ASCII[usize::from(b)] {
                    sep @ (SOFT | HARD) => self.gap(sep, pack(i, i + 1), bytes, origin, tokens),
                    letter => self.letter(letter, pack(i, i + 1), bytes, origin),
                }
                i += 1;
                continue;
            }
            // Fast path for the Arabic block (two-byte sequences D8..DB xx).
            if b & 0xFC == 0xD8 {
                // SAFETY: `text` is UTF-8, where a two-byte sequence's lead byte is always
                // followed by its continuation byte, so `i + 1 < src.len()`.
                let next = unsafe { *src.get_unchecked(i + 1) };
                let code = ARABIC[(usize::from(b & 0x03) << 6) | usize::from(next & 0x3F)];
                if code > ARABIC_OTHER {
                    self.letter(code, pack(i, i + 2), bytes, origin);
                    i += 2;
                    continue;
                }
                if code != ARABIC_OTHER {
                    if code == ARABIC_HARD {
                        self.gap(HARD, pack(i, i + 2), bytes, origin, tokens);
                    }
                    i += 2;
                    continue;
                }
            }
            let mut cold = *self;
            i = cold.general(text, i, bytes, origin, tokens);
            *self = cold;
            // What was written may be longer than what was read: make sure the rest fits.
            if self.len + (src.len() - i) + SLACK > bytes.len() {
                return Some(i);
            }
        }
        None
    }

    /// Folds the character at `text[i..]` the general way; returns where the next one starts.
    #[cold]
    fn general(
        &mut self,
        text: &str,
        i: usize,
        bytes: &mut [u8],
        origin: &mut [u32],
        tokens: &mut Vec<(u32, u32)>,
    ) -> usize {
        let c = text[i..].chars().next().expect("index is a char boundary");
        let end = i + c.len_utf8();
        let o = pack(i, end);
        let mut apply = |f: Fold| match f {
            Fold::Letter(c) => {
                for &b in letter_bytes(c, &mut [0; 4]) {
                    self.letter(b, o, bytes, origin);
                }
            }
            Fold::Soft => self.gap(SOFT, o, bytes, origin, tokens),
            Fold::Hard => self.gap(HARD, o, bytes, origin, tokens),
            Fold::Drop | Fold::Decompose => {}
        };
        match fold_char(c) {
            Fold::Decompose => decompose(c, apply),
            f => apply(f),
        }
        end
    }

    /// Writes one letter byte that came from the original range packed in `o`.
    ///
    /// The caller of [`run`](Self::run) gives both buffers room for one byte per input byte
    /// left plus [`SLACK`]; the fast paths write at most one byte per input byte, and `run`
    /// returns to grow the buffers whenever a character that expands has eaten into the slack.
    #[inline(always)]
    fn letter(&mut self, b: u8, o: u32, bytes: &mut [u8], origin: &mut [u32]) {
        debug_assert!(self.len < bytes.len() && self.len < origin.len());
        // SAFETY: `self.len` is within both buffers (see above); the check this saves is most
        // of the work per letter.
        unsafe {
            *bytes.get_unchecked_mut(self.len) = b;
            *origin.get_unchecked_mut(self.len) = o;
        }
        self.len += 1;
        self.open = false;
    }

    /// A gap character of kind `kind` (from the original range packed in `o`): the first of a
    /// run writes its separator (none at the start of the text) and lists the token it ends; a
    /// hard one later in the run makes that separator hard. The separator keeps the first gap
    /// character's origin.
    #[inline(always)]
    fn gap(
        &mut self,
        kind: u8,
        o: u32,
        bytes: &mut [u8],
        origin: &mut [u32],
        tokens: &mut Vec<(u32, u32)>,
    ) {
        if !self.open {
            tokens.push((self.token_start as u32, self.len as u32));
            bytes[self.len] = kind;
            origin[self.len] = o;
            self.len += 1;
            self.token_start = self.len;
            self.open = true;
        } else if kind == HARD && self.len > 0 {
            bytes[self.len - 1] = HARD;
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
    fn long_runs_of_expanding_ligatures_fit() {
        // U+FDFA expands to eighteen characters, the most any character does: a long run of
        // them, alone and between Arabic letters, makes the buffers grow many times over.
        let one = Normalizer.key("\u{FDFA}");
        let letters_of_one = one.iter().filter(|&&b| !is_separator(b)).count();
        assert!(one.len() >= 18 && letters_of_one >= 15, "{one:?}");
        for text in [
            "\u{FDFA}".repeat(5000),
            "م\u{FDFA}".repeat(5000),
            "\u{FDFA} ".repeat(5000),
        ] {
            let n = Normalizer.normalize(&text).unwrap();
            let ligatures = text.chars().filter(|&c| c == '\u{FDFA}').count();
            let letters = n.as_bytes().iter().filter(|&&b| !is_separator(b)).count();
            assert!(letters >= ligatures * letters_of_one, "{letters} letters");
            let last = n.as_bytes().len();
            assert_eq!(n.original_range(0..last), 0..text.trim_end().len());
        }
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
