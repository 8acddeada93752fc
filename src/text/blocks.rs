//! The normaliser's vector path: 64 bytes of plain Arabic or ASCII text at a time (AVX-512).
//!
//! News text is nearly all Arabic letters of the two-byte block `U+0600..=U+06FF`, ASCII spaces
//! and punctuation; the scalar loop of [`Normalizer`](super::Normalizer) spends about thirty
//! instructions a character on it. [`normalize_block`] does the same work for a whole block of
//! 64 input bytes at once, with the same tables and the same output, byte for byte:
//!
//! 1. Each byte is classed: ASCII (its fold from the ASCII table, looked up with one
//!    `vpermi2b`), the lead byte of an Arabic two-byte character (its fold from the Arabic
//!    table, indexed by its low bits and the next byte's, two `vpermi2b` and a blend), or a
//!    continuation byte (ignored). Any other character, or an Arabic one without a one-byte code,
//!    ends the block there; the scalar loop takes it, and the next block starts after it.
//! 2. The characters that matter are letters and gaps (dropped marks leave no trace). With the
//!    block's letters and gaps packed side by side (`pext`), a gap is written only when it comes
//!    right after a letter, in this block or before it (the writer's `open` state), which is the
//!    scalar loop's rule that a run of gaps writes one separator; the separator is hard when any
//!    gap of its run is (found for all runs at once by OR-ing each gap's hardness down its run
//!    in six doubling steps), and a run that began in an earlier block makes the separator
//!    already written hard.
//! 3. The bytes kept are packed into the output with `vpcompressb`, and their origins (the input
//!    offset and length of each character) with `vpcompressd`, sixteen at a time; each separator
//!    written closes a token.
//!
//! Only the tokens' list is written one item at a time, a few instructions for each word.
//! Processors without AVX-512 (F, BW, VBMI and VBMI2) and BMI1/2, or not x86-64, use the scalar
//! loop alone.

use std::arch::x86_64::{
    __m512i, _mm512_add_epi32, _mm512_and_si512, _mm512_cmpeq_epi8_mask, _mm512_cmpge_epu8_mask,
    _mm512_loadu_si512, _mm512_mask_blend_epi8, _mm512_mask_or_epi32, _mm512_maskz_compress_epi8,
    _mm512_maskz_compress_epi32, _mm512_movepi8_mask, _mm512_or_si512, _mm512_permutex2var_epi8,
    _mm512_set1_epi8, _mm512_set1_epi32, _mm512_setr_epi32, _mm512_slli_epi16, _mm512_storeu_si512,
    _pdep_u64, _pext_u64,
};

use super::encoding::{HARD, SOFT};
use super::fold::{ARABIC, ARABIC_DROP, ARABIC_HARD, ARABIC_OTHER};
use super::normalize::{ASCII, Writer};

/// Input bytes of one block.
pub(super) const BLOCK: usize = 64;

/// Whether this processor can run [`normalize_block`] (and the vector paths are not turned off,
/// see [`crate::vector`]).
pub(super) fn available() -> bool {
    crate::vector::allowed()
        && std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512bw")
        && std::arch::is_x86_feature_detected!("avx512vbmi")
        && std::arch::is_x86_feature_detected!("avx512vbmi2")
        && std::arch::is_x86_feature_detected!("bmi1")
        && std::arch::is_x86_feature_detected!("bmi2")
        && std::arch::is_x86_feature_detected!("popcnt")
}

/// A byte broadcast to every lane.
#[inline]
#[target_feature(enable = "avx512f")]
fn splat(b: u8) -> __m512i {
    _mm512_set1_epi8(b as i8)
}

/// 64 bytes of a table, from `at`.
///
/// # Safety
/// `table[at..at + 64]` must exist.
#[inline]
#[target_feature(enable = "avx512f")]
unsafe fn table_part(table: &[u8], at: usize) -> __m512i {
    debug_assert!(at + 64 <= table.len());
    // SAFETY: the caller keeps the 64 bytes inside `table`.
    unsafe { _mm512_loadu_si512(table.as_ptr().add(at).cast()) }
}

/// Normalises the characters that start in `src[i..i + BLOCK]` (see the module note) into
/// `bytes` and `origin` from `w.len` on, as the scalar loop would, and returns how many input
/// bytes it has done: [`BLOCK`] (or one more, when the last character runs past the block and is
/// done whole), or fewer when a character it does not handle starts there (the caller then takes
/// that character the scalar way). It always stops at a character boundary.
///
/// # Safety
/// The processor must have what [`available`] asks for; `src` must be UTF-8 with
/// `i + BLOCK < src.len()` and `i` a character boundary; `bytes` and `origin` must hold at least
/// `w.len + BLOCK` items.
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx512vbmi2,bmi1,bmi2,popcnt")]
pub(super) unsafe fn normalize_block(
    w: &mut Writer,
    src: &[u8],
    i: usize,
    bytes: &mut [u8],
    origin: &mut [u32],
    tokens: &mut Vec<(u32, u32)>,
) -> usize {
    debug_assert!(i + BLOCK < src.len());
    debug_assert!(w.len + BLOCK <= bytes.len() && w.len + BLOCK <= origin.len());
    // SAFETY (all loads and stores below): `src[i..i + BLOCK + 1]` exists, and the output
    // buffers hold `w.len + BLOCK` items, the most a block writes (each 64-byte store starts at
    // most as far past `w.len` as the items kept before it, and a block keeps at most one item
    // per input byte).
    let (x, next) = unsafe {
        let at = src.as_ptr().add(i);
        (
            _mm512_loadu_si512(at.cast()),
            _mm512_loadu_si512(at.add(1).cast()),
        )
    };

    // 1. What each byte is, and its fold.
    let ascii = !_mm512_movepi8_mask(x);
    let lead = _mm512_cmpeq_epi8_mask(_mm512_and_si512(x, splat(0xFC)), splat(0xD8));
    let other_lead = _mm512_cmpge_epu8_mask(x, splat(0xC0)) & !lead;
    // SAFETY: the tables are 128 and 256 bytes long.
    let (ascii_fold, arabic_fold) = unsafe {
        let ascii_fold = _mm512_permutex2var_epi8(table_part(&ASCII, 0), x, table_part(&ASCII, 64));
        // The Arabic table's index: the lead byte's low two bits, then the next byte's low six.
        let index = _mm512_or_si512(
            _mm512_slli_epi16::<6>(_mm512_and_si512(x, splat(0x03))),
            _mm512_and_si512(next, splat(0x3F)),
        );
        let low = _mm512_permutex2var_epi8(table_part(&ARABIC, 0), index, table_part(&ARABIC, 64));
        let high =
            _mm512_permutex2var_epi8(table_part(&ARABIC, 128), index, table_part(&ARABIC, 192));
        let arabic_fold = _mm512_mask_blend_epi8(_mm512_movepi8_mask(index), low, high);
        (ascii_fold, arabic_fold)
    };
    let fold = _mm512_mask_blend_epi8(lead, ascii_fold, arabic_fold);
    let is = |b: u8| _mm512_cmpeq_epi8_mask(fold, splat(b));
    let other = lead & is(ARABIC_OTHER);
    let stop = other_lead | other;
    let (done, valid) = match stop {
        // A last character that runs past the block is done whole.
        0 => (BLOCK + (lead >> 63) as usize, u64::MAX),
        s => {
            let at = s.trailing_zeros();
            (at as usize, (1u64 << at) - 1)
        }
    };
    let soft = ascii & is(SOFT);
    let hard = (ascii & is(HARD)) | (lead & is(ARABIC_HARD));
    let dropped = lead & is(ARABIC_DROP);
    let letters = (ascii | lead) & !(soft | hard | dropped | other) & valid;
    let gaps = (soft | hard) & valid;
    let hard = hard & valid;

    // 2. Which gaps write a separator, with letters and gaps packed side by side.
    let events = letters | gaps;
    let count = events.count_ones();
    let letters_c = _pext_u64(letters, events);
    let gaps_c = _pext_u64(gaps, events);
    let hard_c = _pext_u64(hard, events);
    let firsts_c = gaps_c & ((letters_c << 1) | u64::from(!w.open));
    let kept_c = letters_c | firsts_c;
    if w.open && w.len > 0 {
        // Gaps before the block's first letter go on the run of the separator written last.
        let before_letter = match letters_c {
            0 => u64::MAX,
            l => (1u64 << l.trailing_zeros()) - 1,
        };
        if hard_c & before_letter != 0 {
            bytes[w.len - 1] = HARD;
        }
    }

    // A separator is hard when a gap of its run is: each gap learns whether a hard one comes at
    // or after it in its run (an OR down each run of gaps, in six doubling steps).
    let mut hard_on = hard_c;
    let mut run = gaps_c;
    for shift in [1, 2, 4, 8, 16, 32] {
        hard_on |= (hard_on >> shift) & run;
        run &= run >> shift;
    }
    // The separators among the bytes written, in the order written, and the hard ones.
    let separators = _pext_u64(firsts_c, kept_c);
    let hard_separators = _pext_u64(firsts_c & hard_on, kept_c);

    // 3. The kept bytes and their origins, packed into the output.
    let kept = _pdep_u64(kept_c, events);
    let values = _mm512_mask_blend_epi8(gaps, fold, splat(SOFT));
    // SAFETY: see above.
    unsafe {
        let packed = _mm512_maskz_compress_epi8(kept, values);
        let packed = _mm512_mask_blend_epi8(hard_separators, packed, splat(HARD));
        _mm512_storeu_si512(bytes.as_mut_ptr().add(w.len).cast(), packed);
    }
    let lanes = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    let mut at = w.len;
    for quarter in 0..4 {
        let kept_q = (kept >> (16 * quarter)) as u16;
        if kept_q == 0 {
            continue;
        }
        let lead_q = (lead >> (16 * quarter)) as u16;
        let start = _mm512_set1_epi32((i + 16 * quarter) as i32);
        let offsets = _mm512_add_epi32(lanes, start);
        // A two-byte character's origin has its length minus one in the top bits.
        let origins = _mm512_mask_or_epi32(offsets, lead_q, offsets, _mm512_set1_epi32(1 << 30));
        // SAFETY: see above.
        unsafe {
            let packed = _mm512_maskz_compress_epi32(kept_q, origins);
            _mm512_storeu_si512(origin.as_mut_ptr().add(at).cast(), packed);
        }
        at += kept_q.count_ones() as usize;
    }

    // Each separator written ends a token.
    tokens.reserve(BLOCK);
    let listed = tokens.len();
    let (mut start, mut k) = (w.token_start as u32, 0);
    let mut rest = separators;
    while rest != 0 {
        let end = (w.len as u32) + rest.trailing_zeros();
        // SAFETY: a block writes at most `BLOCK` separators, and room for that many more tokens
        // was reserved above.
        unsafe { tokens.as_mut_ptr().add(listed + k).write((start, end)) };
        (start, k) = (end + 1, k + 1);
        rest &= rest - 1;
    }
    // SAFETY: the `k` tokens after the first `listed` were written just now.
    unsafe { tokens.set_len(listed + k) };
    w.token_start = start as usize;
    w.len += kept_c.count_ones() as usize;
    if count > 0 {
        w.open = (gaps_c >> (count - 1)) & 1 == 1;
    }
    done
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::{NormalizedText, Normalizer};
    use super::available;

    /// Characters of every kind the normaliser tells apart: Arabic letters, marks, tatweel,
    /// punctuation and digits; Persian letters; ASCII letters, digits, spaces and punctuation;
    /// and characters the vector path leaves to the scalar loop (other scripts, guillemets,
    /// no-break spaces, presentation forms, a ligature that expands, emoji, Arabic-block
    /// characters without a one-byte code).
    const POOL: &[char] = &[
        'ا', 'ل', 'ر', 'ق', 'ة', 'و', 'ب', 'م', 'ن', 'ج', 'ى', 'ي', 'أ', 'إ', 'آ', 'ء', 'ؤ', 'ئ',
        'ه', 'ش', 'ظ', '\u{064B}', '\u{064E}', '\u{0651}', '\u{0652}', '\u{0670}', 'ـ', '،', '؛',
        '؟', '٠', '٣', '٩', 'پ', 'ی', 'ک', 'گ', '۴', 'a', 'Z', 'q', '7', ' ', ' ', ' ', '\t', '-',
        '\'', '.', ',', '(', '"', '\n', '\r', '«', '»', '\u{00A0}', '“', '”', '–', '\u{200F}', 'é',
        'Ş', 'д', 'ﺍ', 'ﻟ', '\u{FDFA}', '😀', 'ٴ', 'ٺ', 'ڻ', '؝', 'ۿ',
    ];

    /// The characters of [`POOL`] that the vector path takes itself (no other script, no
    /// character without a one-byte code), so that blocks run whole more often.
    const PLAIN: &[char] = &[
        'ا', 'ل', 'ر', 'ق', 'ة', 'و', 'ب', 'م', 'ن', 'ج', 'ى', 'ي', 'أ', 'ء', 'ه', '\u{064E}',
        '\u{0651}', 'ـ', '،', '؟', '٣', 'پ', 'a', 'Z', '7', ' ', '\t', '-', '\'', '.', ',', '\n',
    ];

    /// Prints once that the vector path is not tested here.
    fn skipped() {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            eprintln!(
                "skipped: the vector path is off here (no AVX-512 VBMI2 or BMI, or MENTIONMAP_SCALAR set)"
            );
        });
    }

    /// Everything a normalised text says: its bytes, its tokens and where each byte came from.
    type View = (Vec<u8>, Vec<(u32, u32)>, Vec<std::ops::Range<usize>>);

    fn view(n: &NormalizedText) -> View {
        let b = n.as_bytes();
        let origins = (0..b.len()).map(|k| n.original_range(k..k + 1)).collect();
        (b.to_vec(), n.tokens().to_vec(), origins)
    }

    /// [`View`]s of `text` normalised with the vector path and with the scalar loop alone.
    fn both(text: &str) -> [View; 2] {
        [true, false].map(|wide| {
            let mut out = NormalizedText::default();
            Normalizer
                .normalize_with(text, &mut out, wide)
                .expect("short text");
            view(&out)
        })
    }

    #[test]
    fn vector_path_writes_what_the_scalar_loop_writes_on_news_like_text() {
        if !available() {
            return skipped();
        }
        // Long runs of each kind, so that blocks start and end inside words, inside gap runs
        // (soft then hard, hard then soft, up to 80 gaps long) and on either byte of an Arabic
        // letter.
        let mut text = String::new();
        for round in 0..40 {
            text.push_str("والرقة، بمنبج ");
            text.push_str(&"ـ".repeat(round % 5));
            text.push_str("قوات سوريا الديمقراطية ( QSD ) - ");
            text.push_str(&" ".repeat(round % 7));
            text.push_str("مَدِينَةُ الرَّقَّةِ؟ ");
            text.push_str(&"x".repeat(round));
            text.push_str(" «دير الزور» \u{00A0}١٢٣ ");
            // Runs of gaps longer than a block's half, with a hard one at their end.
            text.push_str(&" ".repeat(round * 2));
            text.push_str("، حلب");
            text.push_str(&"- ".repeat(round));
            text.push('.');
        }
        for skip in 0..70 {
            let start = text.char_indices().nth(skip).map_or(0, |(i, _)| i);
            let [wide, scalar] = both(&text[start..]);
            assert_eq!(wide, scalar, "from character {skip}");
        }
    }

    /// A text of `picks` (a character of `pool` and a count): the characters at indexes that
    /// are multiples of `every` repeat their count of times, the others come once.
    fn repeated(pool: &[char], picks: &[(usize, usize)], every: usize) -> String {
        picks
            .iter()
            .flat_map(|&(c, n)| std::iter::repeat_n(pool[c], if c % every == 0 { n } else { 1 }))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(800))]
        #[test]
        fn vector_path_writes_what_the_scalar_loop_writes(
            plain in any::<bool>(),
            picks in prop::collection::vec((0..1000usize, 1..40usize), 0..160),
        ) {
            // Runs of gaps, marks and letters: among characters of every kind, or (`plain`)
            // among those the vector path takes itself, so that whole blocks are common.
            let (pool, every) = if plain { (PLAIN, 2) } else { (POOL, 3) };
            let picks: Vec<_> = picks.iter().map(|&(c, n)| (c % pool.len(), n)).collect();
            let text = repeated(pool, &picks, every);
            if available() {
                let [wide, scalar] = both(&text);
                prop_assert_eq!(wide, scalar);
            } else {
                skipped();
            }
        }
    }

    #[test]
    fn a_reused_output_is_written_the_same_both_ways() {
        if !available() {
            return skipped();
        }
        // As `count` calls it: one output value from text to text, longer and shorter.
        let texts = [
            "والرقة، بمنبج ".repeat(30),
            "قصير".to_string(),
            "Deir ez-Zor «الرقة» ".repeat(12),
            String::new(),
            "مَدِينَةُ   ,  الرَّقَّةِ؟ ".repeat(9),
        ];
        let [mut wide, mut scalar] = [NormalizedText::default(), NormalizedText::default()];
        for text in &texts {
            Normalizer.normalize_with(text, &mut wide, true).unwrap();
            Normalizer.normalize_with(text, &mut scalar, false).unwrap();
            assert_eq!(view(&wide), view(&scalar), "{text}");
            assert_eq!(view(&wide), both(text)[1], "{text}");
        }
    }
}
