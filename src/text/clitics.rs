//! Arabic proclitics: the letters glued to the front of a word (و ف ب ل ك and their chains).
//!
//! A name can be written bare (الرقة), behind a conjunction (والرقة، فالرقة), behind a
//! preposition (بالرقة، كالرقة), behind both (وبالرقة), and, for a name that begins with the article,
//! with the article's alef elided after ل (للرقة = ل + الرقة، وللرقة). [`clitic_splits`] lists every
//! way to read a token as clitics + the rest; the matcher tries a name at each.

use super::encoding::{code, is_arabic_letter};

const WAW: u8 = code('و');
const FEH: u8 = code('ف');
const BEH: u8 = code('ب');
const KAF: u8 = code('ك');
const LAM: u8 = code('ل');
/// The alef that is elided in للـ (ل + الـ).
pub const ALEF: u8 = code('ا');
/// The article (الـ), normalised: also how آل ("the family of") is written once normalised.
pub const ARTICLE: [u8; 2] = [ALEF, LAM];

/// One reading of a token: skip `skip` bytes of clitics, then match from there, first feeding
/// `insert` (an elided letter) when it is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// Number of clitic bytes (= letters) before the name.
    pub skip: usize,
    /// A letter that the spelling elided and the name needs back (the alef of للـ).
    pub insert: Option<u8>,
}

/// The readings of one token (see [`clitic_splits`]): at most four, held without allocating.
#[derive(Debug, Clone, Copy)]
pub struct Splits {
    items: [Split; 4],
    len: usize,
}

impl Splits {
    fn push(&mut self, s: Split) {
        self.items[self.len] = s;
        self.len += 1;
    }
}

impl std::ops::Deref for Splits {
    type Target = [Split];

    fn deref(&self) -> &[Split] {
        &self.items[..self.len]
    }
}

/// Whether `letter` (a normalised byte) is a conjunction that a token may start with (و، ف),
/// rather than a preposition (ب، ك، ل).
#[inline]
pub fn is_conjunction(letter: u8) -> bool {
    matches!(letter, WAW | FEH)
}

/// Whether a token that starts with `first` may have readings besides the bare one (it starts
/// with a proclitic letter: و ف ب ك ل).
#[inline]
pub const fn may_have_clitics(first: u8) -> bool {
    matches!(first, WAW | FEH | BEH | KAF | LAM)
}

/// The readings of the token starting at `bytes[0]`, bare reading first.
///
/// At most four: bare; after a conjunction; after a preposition (or a conjunction and a
/// preposition); and the elided-alef reading after a final ل. Each reading leaves at least two
/// letters for the name.
#[inline]
pub fn clitic_splits(bytes: &[u8]) -> Splits {
    let bare = Split {
        skip: 0,
        insert: None,
    };
    let mut out = Splits {
        items: [bare; 4],
        len: 1,
    };
    let letter = |i: usize| bytes.get(i).copied().filter(|&b| is_arabic_letter(b));
    let mut i = 0;
    if letter(0).is_some_and(is_conjunction) {
        i = 1;
        if letter(2).is_some() {
            out.push(Split {
                skip: 1,
                insert: None,
            });
        }
    }
    if let Some(p @ (BEH | KAF | LAM)) = letter(i) {
        let j = i + 1;
        if letter(j + 1).is_some() {
            out.push(Split {
                skip: j,
                insert: None,
            });
        }
        // للرقة: the preposition ل before a name with the article ال, whose alef is dropped.
        if p == LAM && letter(j) == Some(LAM) && letter(j + 1).is_some() {
            out.push(Split {
                skip: j,
                insert: Some(ALEF),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::normalize::Normalizer;
    use super::*;

    fn splits(word: &str) -> Vec<(usize, bool)> {
        let key = Normalizer.key(word);
        clitic_splits(&key)
            .iter()
            .map(|s| (s.skip, s.insert.is_some()))
            .collect()
    }

    #[test]
    fn chains() {
        assert_eq!(splits("الرقة"), vec![(0, false)]);
        assert_eq!(splits("بالرقة"), vec![(0, false), (1, false)]);
        assert_eq!(splits("والرقة"), vec![(0, false), (1, false)]);
        assert_eq!(splits("وبالرقة"), vec![(0, false), (1, false), (2, false)]);
        assert_eq!(
            splits("للرقة"),
            vec![(0, false), (1, false), (1, true)],
            "ل + (ا)لرقة"
        );
        assert_eq!(
            splits("وللرقة"),
            vec![(0, false), (1, false), (2, false), (2, true)]
        );
        assert_eq!(splits("raqqa"), vec![(0, false)]);
    }
}
