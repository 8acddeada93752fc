//! Character folding: what one character of the original text becomes in the normalised text.
//!
//! The rules are those of `docs/matching.md` ("Normalisation"): Arabic diacritics and tatweel are
//! dropped, alef/yeh/teh-marbuta variants and Persian/Kurdish letter forms fold to one Arabic
//! letter, presentation forms and other compatibility characters are decomposed (NFKD), Latin is
//! case-folded and stripped of diacritics, and every other character is either a soft gap (spaces,
//! hyphens, apostrophes: the joints between the parts of a name) or a hard boundary (punctuation).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// What the normaliser does with one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fold {
    /// Leave no trace (diacritics, tatweel, zero-width and direction marks).
    Drop,
    /// A gap that may sit inside a name: whitespace, hyphens, apostrophes.
    Soft,
    /// A boundary that no name crosses: punctuation, symbols, line breaks.
    Hard,
    /// A letter or digit, already folded.
    Letter(char),
    /// Needs compatibility decomposition first (accented Latin, presentation forms, ...).
    Decompose,
}

/// Folds one character without decomposition.
#[inline]
pub(crate) fn fold_char(c: char) -> Fold {
    let cp = c as u32;
    if cp < 0x80 {
        return fold_ascii(c as u8);
    }
    if (0x0600..=0x06FF).contains(&cp) {
        return fold_arabic(c);
    }
    match cp {
        // Zero-width characters, direction marks and isolates, soft hyphen, word joiner, BOM.
        0x200B..=0x200F | 0x202A..=0x202E | 0x2066..=0x2069 | 0x00AD | 0x2060 | 0xFEFF => {
            Fold::Drop
        }
        // Apostrophes and ayn/hamza letters used in transliteration (’ ‘ ʼ ʻ ʾ ʿ ´ ′).
        0x2019 | 0x2018 | 0x02BC | 0x02BB | 0x02BE | 0x02BF | 0x00B4 | 0x2032 => Fold::Soft,
        // Hyphen, non-breaking hyphen, figure dash, en dash: these join name parts.
        0x2010..=0x2013 => Fold::Soft,
        // Line and paragraph separators end a sentence-like unit.
        0x2028 | 0x2029 | 0x0085 => Fold::Hard,
        // Arabic presentation forms A and B.
        0xFB50..=0xFDFF | 0xFE70..=0xFEFE => Fold::Decompose,
        _ => {
            if c.is_whitespace() {
                Fold::Soft
            } else if is_combining_mark(c) {
                Fold::Drop
            } else if c.is_alphanumeric() {
                Fold::Decompose
            } else {
                Fold::Hard
            }
        }
    }
}

#[inline]
fn fold_ascii(b: u8) -> Fold {
    match b {
        b'a'..=b'z' | b'0'..=b'9' => Fold::Letter(b as char),
        b'A'..=b'Z' => Fold::Letter((b + 32) as char),
        b' ' | b'\t' | b'-' | b'\'' | b'`' => Fold::Soft,
        _ => Fold::Hard,
    }
}

const fn to(x: u32) -> Fold {
    match char::from_u32(x) {
        Some(c) => Fold::Letter(c),
        None => Fold::Hard,
    }
}

const fn fold_arabic(c: char) -> Fold {
    let cp = c as u32;
    match cp {
        // Honorifics and Quranic annotation signs, harakat and other marks, superscript alef,
        // small high/low Quranic marks, tatweel, Arabic letter mark.
        0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x0670
        | 0x06D6..=0x06DC
        | 0x06DF..=0x06E8
        | 0x06EA..=0x06ED
        | 0x0640
        | 0x061C => Fold::Drop,
        // Alef with madda / hamza above / hamza below, alef wasla, wavy hamza forms -> alef.
        0x0622 | 0x0623 | 0x0625 | 0x0671 | 0x0672 | 0x0673 => to(0x0627),
        // Alef maksura, Farsi yeh, and other yeh forms -> yeh.
        0x0649 | 0x06CC | 0x06CE | 0x06D0 | 0x06D2 | 0x06D3 => to(0x064A),
        // Teh marbuta and the heh forms of Persian, Urdu and Kurdish -> heh.
        0x0629 | 0x06C0 | 0x06C1 | 0x06C2 | 0x06C3 | 0x06D5 | 0x06BE => to(0x0647),
        // Keheh, swash kaf, gaf -> kaf.
        0x06A9 | 0x06AA | 0x06AF => to(0x0643),
        // Veh (ڤ, V in foreign names: ڤيينا، مولدوڤا), which most writers spell with feh.
        0x06A4 => to(0x0641),
        // Kurdish and Uyghur waw forms -> waw.
        0x06C4..=0x06C9 | 0x06CF => to(0x0648),
        // Kurdish reh with small v, lam with small v -> reh, lam.
        0x0695 => to(0x0631),
        0x06B5 => to(0x0644),
        // Arabic-Indic and extended (Persian) digits -> ASCII digits.
        0x0660..=0x0669 => to(cp - 0x0660 + b'0' as u32),
        0x06F0..=0x06F9 => to(cp - 0x06F0 + b'0' as u32),
        // Arabic comma, semicolon, question mark, percent, separators, full stop, ornate marks.
        0x060C
        | 0x060D
        | 0x061B
        | 0x061E
        | 0x061F
        | 0x066A..=0x066D
        | 0x06D4
        | 0x06DD
        | 0x06DE
        | 0x06E9
        | 0x0600..=0x0605
        | 0x0606..=0x060B
        | 0x060E
        | 0x060F => Fold::Hard,
        _ => Fold::Letter(c),
    }
}

/// What a character of the Arabic block (U+0600..=U+06FF) becomes, by its low byte: a one-byte
/// letter code (`0x80..=0xBF`) or ASCII digit, or one of [`ARABIC_DROP`], [`ARABIC_HARD`],
/// [`ARABIC_OTHER`] (a letter without a one-byte code: take the general path).
pub(crate) static ARABIC: [u8; 256] = arabic_table();

/// [`ARABIC`]: leave no trace.
pub(crate) const ARABIC_DROP: u8 = 0;
/// [`ARABIC`]: a hard boundary.
pub(crate) const ARABIC_HARD: u8 = 1;
/// [`ARABIC`]: a letter to encode the general way.
pub(crate) const ARABIC_OTHER: u8 = 2;

const fn arabic_table() -> [u8; 256] {
    let mut t = [ARABIC_OTHER; 256];
    let mut i = 0;
    while i < 256 {
        let c = match char::from_u32(0x0600 + i as u32) {
            Some(c) => c,
            None => '\u{0600}',
        };
        t[i] = match fold_arabic(c) {
            Fold::Drop => ARABIC_DROP,
            Fold::Hard | Fold::Soft => ARABIC_HARD,
            Fold::Letter(l) if l.is_ascii_digit() => l as u8,
            Fold::Letter(l) => match super::encoding::arabic_code(l) {
                Some(b) => b,
                None => ARABIC_OTHER,
            },
            Fold::Decompose => ARABIC_OTHER,
        };
        i += 1;
    }
    t
}

/// Calls `emit` with the fold of each character of the compatibility decomposition of `c` (a
/// character classified [`Fold::Decompose`]): letters lower-cased and stripped of marks.
pub(crate) fn decompose(c: char, mut emit: impl FnMut(Fold)) {
    for d in c.nfkd() {
        match fold_char(d) {
            Fold::Decompose => {
                if is_combining_mark(d) {
                    continue;
                }
                if let Some(s) = special_latin(d) {
                    s.chars().for_each(|x| emit(Fold::Letter(x)));
                    continue;
                }
                if d.is_alphanumeric() {
                    for l in d.to_lowercase() {
                        emit(Fold::Letter(l));
                    }
                } else {
                    emit(Fold::Hard);
                }
            }
            other => emit(other),
        }
    }
}

/// Latin letters that have no canonical decomposition but a conventional ASCII spelling.
fn special_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' => "d",
        'ł' | 'Ł' => "l",
        'ı' => "i",
        'þ' | 'Þ' => "th",
        'ð' | 'Ð' => "d",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_variants_fold_to_one_letter() {
        assert_eq!(fold_char('أ'), Fold::Letter('ا'));
        assert_eq!(fold_char('إ'), Fold::Letter('ا'));
        assert_eq!(fold_char('آ'), Fold::Letter('ا'));
        assert_eq!(fold_char('ٱ'), Fold::Letter('ا'));
        assert_eq!(fold_char('ى'), Fold::Letter('ي'));
        assert_eq!(fold_char('ی'), Fold::Letter('ي'));
        assert_eq!(fold_char('ة'), Fold::Letter('ه'));
        assert_eq!(fold_char('ە'), Fold::Letter('ه'));
        assert_eq!(fold_char('ک'), Fold::Letter('ك'));
        assert_eq!(fold_char('ڤ'), Fold::Letter('ف'));
        assert_eq!(fold_char('٣'), Fold::Letter('3'));
        assert_eq!(fold_char('۷'), Fold::Letter('7'));
    }

    #[test]
    fn marks_and_invisibles_are_dropped() {
        for c in [
            '\u{064E}', '\u{0651}', '\u{0670}', 'ـ', '\u{200F}', '\u{061C}', '\u{FEFF}',
        ] {
            assert_eq!(fold_char(c), Fold::Drop, "{:04X}", c as u32);
        }
    }

    #[test]
    fn arabic_punctuation_is_a_hard_boundary() {
        for c in ['،', '؛', '؟', '«', '»', '“', '”', '.'] {
            assert_eq!(fold_char(c), Fold::Hard, "{c}");
        }
    }

    #[test]
    fn presentation_forms_decompose() {
        let mut out = String::new();
        decompose('\u{FEFB}', |f| {
            if let Fold::Letter(c) = f {
                out.push(c)
            }
        });
        assert_eq!(out, "لا");
    }
}
