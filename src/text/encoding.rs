//! The compact byte encoding of normalised text.
//!
//! Normalised text is not UTF-8: each folded Arabic letter is one byte in `0x80..=0xBF` instead of
//! two, which halves the automaton steps over Arabic text (see `docs/matching.md`). ASCII stays
//! ASCII, and any other character keeps its UTF-8 encoding, whose lead byte (`0xC2..=0xF4`) never
//! collides with the Arabic range, so decoding is unambiguous from any character start.

/// Byte for the soft gap between the words of a name.
pub const SOFT: u8 = b' ';
/// Byte for a hard boundary that no name crosses.
pub const HARD: u8 = b'\n';

/// Extra Arabic-script letters (outside U+0621..=U+064A) with a one-byte code, from `0xAA` on.
const EXTRA: [char; 12] = ['پ', 'چ', 'ژ', 'ڤ', 'ڭ', 'ۋ', 'ڨ', 'ٹ', 'ڈ', 'ڑ', 'ں', 'ڠ'];

/// One-byte code of a folded Arabic letter, if it has one.
#[inline]
pub const fn arabic_code(c: char) -> Option<u8> {
    let cp = c as u32;
    if cp >= 0x0621 && cp <= 0x064A {
        return Some((0x80 + (cp - 0x0621)) as u8);
    }
    let mut i = 0;
    while i < EXTRA.len() {
        if EXTRA[i] as u32 == cp {
            return Some(0xAA + i as u8);
        }
        i += 1;
    }
    None
}

/// The encoding of a folded letter: one byte for ASCII and Arabic letters, its UTF-8 bytes for
/// any other script.
#[inline]
pub fn letter_bytes(c: char, buf: &mut [u8; 4]) -> &[u8] {
    if c.is_ascii() {
        buf[0] = c as u8;
        &buf[..1]
    } else if let Some(b) = arabic_code(c) {
        buf[0] = b;
        &buf[..1]
    } else {
        c.encode_utf8(buf).as_bytes()
    }
}

/// Decodes normalised bytes back into readable text (for messages and `gazetteer lookup`).
pub fn decode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            out.push(b as char);
            i += 1;
        } else if b <= 0xBF {
            out.push(decode_arabic(b));
            i += 1;
        } else {
            let len = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            let end = (i + len).min(bytes.len());
            out.push_str(&String::from_utf8_lossy(&bytes[i..end]));
            i = end;
        }
    }
    out
}

/// Number of letters (characters other than separators) in normalised bytes, without decoding.
pub fn letter_count(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xFF => 4,
            _ => 1,
        };
        if b != SOFT && b != HARD {
            n += 1;
        }
    }
    n
}

fn decode_arabic(b: u8) -> char {
    if b <= 0xA9 {
        char::from_u32(0x0621 + u32::from(b - 0x80)).unwrap_or('\u{FFFD}')
    } else {
        EXTRA
            .get(usize::from(b - 0xAA))
            .copied()
            .unwrap_or('\u{FFFD}')
    }
}

/// Whether a normalised byte is an Arabic letter (`0x80..=0xBF`).
#[inline(always)]
pub const fn is_arabic_letter(b: u8) -> bool {
    matches!(b, 0x80..=0xBF)
}

/// The code of a single Arabic letter, for tables of clitics (panics at compile time if absent).
pub const fn code(c: char) -> u8 {
    match arabic_code(c) {
        Some(b) => b,
        None => panic!("not an encodable Arabic letter"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_mixed_scripts() {
        let mut out = Vec::new();
        for c in "الرقه raqqa پل Łódź".chars() {
            out.extend_from_slice(letter_bytes(c, &mut [0; 4]));
        }
        assert_eq!(decode(&out), "الرقه raqqa پل Łódź");
        assert_eq!(letter_count(&out), "الرقهraqqaپلŁódź".chars().count());
        // Arabic letters take one byte each.
        assert_eq!(out.iter().take(5).filter(|b| **b >= 0x80).count(), 5);
    }
}
