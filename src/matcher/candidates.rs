//! Pass 1 of [`Matcher::find_all_cached`](super::Matcher::find_all_cached): the tokens of a
//! text worth a closer look.
//!
//! A token is a candidate when the first-token filter passes its bare reading or when it starts
//! with a proclitic letter (its other readings are asked in pass 2). Every token is asked, with
//! no branch on the answer: which tokens pass is what no predictor can guess, and a branch on it
//! cost more than the look itself. Processors with AVX-512 DQ ask eight tokens at once (their
//! bytes and filter words gathered, the hashes computed side by side, the candidates packed with
//! `vpcompressq`); others go one token at a time, and so does a group of eight with a token of
//! more than sixteen bytes after its first. Both ways list exactly the same candidates.

use super::first_tokens::{FirstTokens, SHORT};
use crate::text::clitics::may_have_clitics;

/// The bit of a candidate that says its bare reading passed the first-token filter; the bits
/// below it are the token's index. A document has fewer than 2^31 tokens, for it is shorter than
/// 1 GiB.
pub(super) const BARE: u32 = 1 << 31;

/// Tokens asked at once by the vector pass (and room it needs past the last candidate).
const LANES: usize = 8;

/// Lists the candidates among `tokens` (of the padded normalised text `padded`, see
/// [`NormalizedText::padded`](crate::text::NormalizedText::padded)) at the start of `out`, each
/// as its index with [`BARE`] set when its bare reading passed `filter`; returns how many.
/// `out` is grown as needed and keeps its room for the next text.
pub(super) fn list(
    filter: &FirstTokens,
    padded: &[u8],
    tokens: &[(u32, u32)],
    out: &mut Vec<u32>,
) -> usize {
    if out.len() < tokens.len() + LANES {
        out.resize(tokens.len() + LANES, 0);
    }
    #[cfg(target_arch = "x86_64")]
    if wide::available()
        && tokens
            .last()
            .is_none_or(|&(_, end)| padded.len() >= end as usize + SHORT)
    {
        // SAFETY: the processor has the features and `padded` holds `SHORT` bytes past the
        // last token (checked just now); `out` has room for `LANES` items past every token.
        return unsafe { wide::list(filter, padded, tokens, out) };
    }
    one_at_a_time(filter, padded, tokens, 0, out, 0)
}

/// The candidates among `tokens[from..]`, one token at a time, written from `out[n]` on; returns
/// the new count.
#[inline(always)]
fn one_at_a_time(
    filter: &FirstTokens,
    padded: &[u8],
    tokens: &[(u32, u32)],
    from: usize,
    out: &mut [u32],
    mut n: usize,
) -> usize {
    for (i, &(start, end)) in tokens.iter().enumerate().skip(from) {
        let (start, end) = (start as usize, end as usize);
        let first = padded[start];
        let bare = filter.may_contain(first, padded, start + 1, end);
        out[n] = i as u32 | if bare { BARE } else { 0 };
        n += usize::from(bare | may_have_clitics(first));
    }
    n
}

#[cfg(target_arch = "x86_64")]
mod wide {
    use std::arch::x86_64::{
        __m512i, _mm256_storeu_si256, _mm512_add_epi64, _mm512_and_si512, _mm512_andnot_si512,
        _mm512_cmpeq_epi64_mask, _mm512_cmpgt_epu64_mask, _mm512_cvtepi64_epi32,
        _mm512_i64gather_epi64, _mm512_loadu_si512, _mm512_mask_blend_epi64, _mm512_mask_or_epi64,
        _mm512_maskz_compress_epi64, _mm512_max_epi64, _mm512_min_epu64, _mm512_mul_epu32,
        _mm512_mullo_epi64, _mm512_or_si512, _mm512_rol_epi64, _mm512_set1_epi64,
        _mm512_setr_epi64, _mm512_slli_epi64, _mm512_sllv_epi64, _mm512_srli_epi64,
        _mm512_srlv_epi64, _mm512_sub_epi64, _mm512_test_epi64_mask, _mm512_xor_si512,
    };

    use super::super::first_tokens::{FirstTokens, K, ROTATE, SHORT};
    use super::{BARE, LANES, one_at_a_time};
    use crate::text::clitics::may_have_clitics;

    // The pass loads eight `(start, end)` pairs as eight little-endian 64-bit words.
    const _: () = assert!(
        std::mem::offset_of!((u32, u32), 0) == 0
            && std::mem::offset_of!((u32, u32), 1) == 4
            && std::mem::size_of::<(u32, u32)>() == 8
    );

    /// The Arabic letters a token may start with when it has proclitics, as bits of their codes
    /// less `0x80`.
    const CLITIC_LETTERS: u64 = {
        let mut bits = 0u64;
        let mut code = 0x80u8;
        while code <= 0xBF {
            if may_have_clitics(code) {
                bits |= 1 << (code - 0x80);
            }
            code += 1;
        }
        bits
    };

    /// Whether this processor has what [`list`] needs (and the vector paths are not turned
    /// off, see [`crate::vector`]).
    pub(super) fn available() -> bool {
        crate::vector::allowed()
            && std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512dq")
            && std::arch::is_x86_feature_detected!("popcnt")
    }

    #[inline]
    #[target_feature(enable = "avx512f")]
    fn splat(v: u64) -> __m512i {
        _mm512_set1_epi64(v as i64)
    }

    /// [`super::list`], eight tokens at a time.
    ///
    /// # Safety
    /// The processor must have what [`available`] asks for; `out` must hold at least
    /// `tokens.len() + LANES` items, and `padded` at least [`SHORT`] bytes past the end of the
    /// last token.
    #[target_feature(enable = "avx512f,avx512dq,popcnt")]
    pub(super) unsafe fn list(
        filter: &FirstTokens,
        padded: &[u8],
        tokens: &[(u32, u32)],
        out: &mut [u32],
    ) -> usize {
        debug_assert!(out.len() >= tokens.len() + LANES);
        debug_assert!(
            tokens
                .last()
                .is_none_or(|&(_, e)| padded.len() >= e as usize + SHORT)
        );
        let (words, arabic_len) = filter.words();
        let other_len = words.len() - arabic_len;
        let bytes = padded.as_ptr().cast::<i64>();
        let lanes = _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7);
        let mut n = 0;
        let groups = tokens.len() / LANES;
        for group in 0..groups {
            let at = group * LANES;
            // SAFETY: tokens `at..at + LANES` exist, and each is two u32 (checked above).
            let pairs = unsafe { _mm512_loadu_si512(tokens.as_ptr().add(at).cast()) };
            let starts = _mm512_and_si512(pairs, splat(u64::from(u32::MAX)));
            let rest = _mm512_sub_epi64(
                _mm512_srli_epi64::<32>(pairs),
                _mm512_add_epi64(starts, splat(1)),
            );
            if _mm512_cmpgt_epu64_mask(rest, splat(SHORT as u64)) != 0 {
                // A long token: this group the scalar way.
                n = one_at_a_time(filter, padded, &tokens[..at + LANES], at, out, n);
                continue;
            }
            // SAFETY: every token starts inside the text, and the padded buffer holds SHORT
            // bytes past its end, so the 8-byte reads at start, start + 1 and start + 9 (ending
            // at most at start + 16) stay inside it.
            let (head, low, high) = unsafe {
                (
                    _mm512_i64gather_epi64::<1>(starts, bytes),
                    _mm512_i64gather_epi64::<1>(_mm512_add_epi64(starts, splat(1)), bytes),
                    _mm512_i64gather_epi64::<1>(_mm512_add_epi64(starts, splat(9)), bytes),
                )
            };
            let first = _mm512_and_si512(head, splat(0xFF));
            // The hash of `first_tokens.rs`, lane by lane: the rest read as two words masked
            // to its length.
            let keep_low = _mm512_slli_epi64::<3>(_mm512_min_epu64(rest, splat(8)));
            let over = _mm512_max_epi64(_mm512_sub_epi64(rest, splat(8)), splat(0));
            let keep_high = _mm512_slli_epi64::<3>(over);
            let all = splat(u64::MAX);
            let low = _mm512_andnot_si512(_mm512_sllv_epi64(all, keep_low), low);
            let high = _mm512_andnot_si512(_mm512_sllv_epi64(all, keep_high), high);
            let k = splat(K);
            let mut h = _mm512_mullo_epi64(_mm512_or_si512(first, _mm512_slli_epi64::<8>(rest)), k);
            h = _mm512_mullo_epi64(
                _mm512_xor_si512(_mm512_rol_epi64::<{ ROTATE as i32 }>(h), low),
                k,
            );
            h = _mm512_mullo_epi64(
                _mm512_xor_si512(_mm512_rol_epi64::<{ ROTATE as i32 }>(h), high),
                k,
            );
            // Which table, the word in it and the two bits.
            let arabic = _mm512_cmpgt_epu64_mask(first, splat(0x7F))
                & !_mm512_cmpgt_epu64_mask(first, splat(0xBF));
            let len =
                _mm512_mask_blend_epi64(arabic, splat(other_len as u64), splat(arabic_len as u64));
            let table = _mm512_mask_blend_epi64(arabic, splat(arabic_len as u64), splat(0));
            let word = _mm512_add_epi64(
                _mm512_srli_epi64::<32>(_mm512_mul_epu32(_mm512_srli_epi64::<32>(h), len)),
                table,
            );
            // SAFETY: each word index is below its table's length, past its table's start.
            let word = unsafe { _mm512_i64gather_epi64::<8>(word, words.as_ptr().cast()) };
            let one = splat(1);
            let bits = _mm512_or_si512(
                _mm512_sllv_epi64(one, _mm512_and_si512(h, splat(63))),
                _mm512_sllv_epi64(one, _mm512_and_si512(_mm512_srli_epi64::<6>(h), splat(63))),
            );
            let bare = _mm512_cmpeq_epi64_mask(_mm512_and_si512(word, bits), bits);
            let clitic = arabic
                & _mm512_test_epi64_mask(
                    _mm512_srlv_epi64(splat(CLITIC_LETTERS), _mm512_sub_epi64(first, splat(0x80))),
                    one,
                );
            let keep = bare | clitic;
            let index = _mm512_add_epi64(lanes, splat(at as u64));
            let values = _mm512_mask_or_epi64(index, bare, index, splat(u64::from(BARE)));
            let packed = _mm512_cvtepi64_epi32(_mm512_maskz_compress_epi64(keep, values));
            // SAFETY: `n <= at`, and `out` holds `LANES` items past every token.
            unsafe { _mm256_storeu_si256(out.as_mut_ptr().add(n).cast(), packed) };
            n += keep.count_ones() as usize;
        }
        one_at_a_time(filter, padded, tokens, groups * LANES, out, n)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::first_tokens::FirstTokens;
    use super::one_at_a_time;
    use crate::text::Normalizer;

    /// Words of every kind pass 1 tells apart: Arabic with and without proclitics, Latin,
    /// digits, words of exactly and just over sixteen bytes after their first, and longer; words
    /// that start with the lowest Arabic code (ء), an extra letter's code (پ), a proclitic that
    /// another letter folds to (ڤ: ف) and another script's UTF-8 (д).
    const WORDS: &[&str] = &[
        "الرقة",
        "والرقة",
        "بالرقة",
        "للرقة",
        "في",
        "من",
        "منبج",
        "ولكن",
        "كما",
        "فقط",
        "دمشق",
        "paris",
        "new",
        "york",
        "2015",
        "x",
        "بب",
        "abcdefghijklmnopq",
        "abcdefghijklmnopqr",
        "الاستراتيجيةالجديدة",
        "وبالاستراتيجيات",
        "internationalisation",
        "ف",
        "ءامن",
        "يافا",
        "پاريس",
        "дамаск",
        "ڤيينا",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn eight_at_a_time_lists_what_one_at_a_time_lists(
            picks in prop::collection::vec((0..WORDS.len(), any::<bool>()), 0..90),
            held in prop::collection::vec(any::<bool>(), WORDS.len()),
        ) {
            #[cfg(target_arch = "x86_64")]
            {
                if !super::wide::available() {
                    static ONCE: std::sync::Once = std::sync::Once::new();
                    ONCE.call_once(|| {
                        eprintln!("skipped: the vector pass is off here (no AVX-512 DQ, or MENTIONMAP_SCALAR set)");
                    });
                    return Ok(());
                }
                // A text of the picked words, with hard and soft gaps, and a filter over some of
                // the words (and over nothing, when none is held).
                let text: String = picks
                    .iter()
                    .map(|&(w, hard)| format!("{}{}", WORDS[w], if hard { "، " } else { " " }))
                    .collect();
                let keys: Vec<Vec<u8>> = WORDS
                    .iter()
                    .zip(&held)
                    .filter(|&(_, &h)| h)
                    .map(|(w, _)| Normalizer.key(w))
                    .collect();
                let filter = FirstTokens::new(keys.iter().map(Vec::as_slice));
                let norm = Normalizer.normalize(&text).unwrap();
                let tokens = norm.tokens();
                let mut wide = vec![0; tokens.len() + super::LANES];
                let mut scalar = wide.clone();
                // SAFETY: checked above; `wide` has the room the pass needs.
                let n = unsafe { super::wide::list(&filter, norm.padded(), tokens, &mut wide) };
                let m = one_at_a_time(&filter, norm.padded(), tokens, 0, &mut scalar, 0);
                prop_assert_eq!(&wide[..n], &scalar[..m]);
                // The filter holds what it was built over.
                for (i, &(s, _)) in tokens.iter().enumerate() {
                    let word = &norm.as_bytes()[s as usize..tokens[i].1 as usize];
                    if keys.iter().any(|k| k.as_slice() == word) {
                        prop_assert!(scalar[..m].contains(&(i as u32 | super::BARE)));
                    }
                }
            }
        }
    }
}
