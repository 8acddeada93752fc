//! The short vowels and shadda a writer puts on a name, and which spellings of a place carry them.
//!
//! Normalisation drops every diacritic, so `عمّان` (Amman, with a shadda) and `عُمان` (Oman, with a
//! damma) are one key. Most news text has no diacritics at all; a writer who adds them on a name
//! means to tell such names apart. A candidate place with a spelling in the gazetteer that carries
//! every mark written in the text (`ar:عمّان` for Amman) is the one meant: see
//! [`policy::candidate_score`](super::policy::candidate_score).

/// The marks a letter may carry: fathatan to sukun (U+064B..=U+0652), one bit each.
fn mark_bit(c: char) -> Option<u8> {
    let cp = u32::from(c);
    (0x064B..=0x0652).contains(&cp).then(|| 1 << (cp - 0x064B))
}

/// Whether `c` is one of the marks a letter may carry (fathatan to sukun).
pub fn is_mark(c: char) -> bool {
    mark_bit(c).is_some()
}

/// Characters a writer puts among letters that mean nothing: tatweel and the invisible
/// direction marks. Neither a letter nor a mark for this comparison, and no quotation mark's
/// neighbour for `quotes::stands_in_quotes`.
pub(super) fn ignored(c: char) -> bool {
    c == '\u{0640}' || matches!(c, '\u{200C}'..='\u{200F}' | '\u{061C}')
}

/// The letters of `s`, each with the marks written on it.
fn marked_letters(s: &str) -> Vec<(char, u8)> {
    let mut out: Vec<(char, u8)> = Vec::new();
    for c in s.chars().filter(|&c| !ignored(c)) {
        match (mark_bit(c), out.last_mut()) {
            (Some(bit), Some((_, marks))) => *marks |= bit,
            (Some(_), None) => {}
            (None, _) => out.push((c, 0)),
        }
    }
    out
}

/// Whether `written` (a name as it stands in the text) carries any mark (in UTF-8, `D9 8B` to
/// `D9 92`).
pub fn has_marks(written: &str) -> bool {
    written
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == 0xD9 && (0x8B..=0x92).contains(&w[1]))
}

/// Whether the gazetteer spelling `stored` has the same letters as `written` and carries every
/// mark written on them (it may carry more: `عَمّان` fits a text's `عمّان`).
pub fn fits(written: &str, stored: &str) -> bool {
    // Most spellings carry no marks, and those fit no marked name: no need to take them apart.
    if !has_marks(stored) || !has_marks(written) {
        return false;
    }
    let (w, s) = (marked_letters(written), marked_letters(stored));
    w.len() == s.len()
        && w.iter()
            .zip(&s)
            .all(|((wc, wm), (sc, sm))| wc == sc && wm & !sm == 0)
}

/// Whether `written` ends in a tanween (`ً ٌ ٍ`, on its last letter or, for the accusative, on
/// the letter before a final alef: `سوريًا`, `سورياً`): an indefinite noun or adjective (`لاجئًا
/// سوريًا` "a Syrian refugee", `بمعانٍ` "with meanings", `صيدًا سهلًا` "easy prey"), which a
/// place's name never is, whatever it folds to.
pub fn ends_in_tanween(written: &str) -> bool {
    let is_tanween = |c: char| matches!(c, '\u{064B}'..='\u{064D}');
    let mut chars = written.chars().rev().filter(|&c| !ignored(c)).peekable();
    // The marks on the last letter, or on the letter before a final alef (or alef maqsura).
    if chars.next_if(|&c| c == 'ا' || c == 'ى').is_some()
        && chars.peek().is_some_and(|&c| is_tanween(c))
    {
        return true;
    }
    chars.take_while(|&c| is_mark(c)).any(is_tanween)
}

/// The hamza on alef (أ or إ) that a writer puts inside a word of a name, where a name's
/// spellings without it would be read the same once normalised (`حمأة` "mire" and `حماة` Hama,
/// `فأس` "axe" and `فاس` Fes, `بأرق` "with the warmest" and `بارق` Bariq). A writer often leaves
/// a hamza out, and hardly ever puts one where the name has none, so a hamza inside a word that
/// none of a place's spellings has says the word is another. Not counted: a hamza that starts a
/// word, or the word's stem after its article (`الأسود`, `لوس أنجليس`, whose gazetteer spellings
/// often leave it out), or that ends a word (`المخأ`, Mocha, also `المخا`).
///
/// Returns the number of letters of `written` (see [`letters`]: what lies between words takes
/// no place, so `رأس  الخيمة` and `رأس-الخيمة` count alike) and a bit for each letter (below 64)
/// that is such a hamza; `None` when there is none.
pub fn medial_hamzas(written: &str) -> Option<(usize, u64)> {
    // Most names have no hamza on alef past their first letter, or only one right after the
    // article that starts them (`الأردن`): one look at the bytes.
    const ALEF_LAM: [u8; 4] = [0xD8, 0xA7, 0xD9, 0x84];
    let b = written.as_bytes();
    let maybe = (2..b.len().saturating_sub(1)).any(|i| {
        b[i] == 0xD8 && (b[i + 1] == 0xA3 || b[i + 1] == 0xA5) && !(i == 4 && b[..4] == ALEF_LAM)
    });
    if !maybe {
        return None;
    }
    let mut count = 0;
    let mut bits = 0u64;
    for word in words(written) {
        for (k, &c) in word.iter().enumerate() {
            let after_article = k == 2 && word[..2] == ['ا', 'ل'];
            let inside = k > 0 && k + 1 < word.len() && !after_article;
            if matches!(c, 'أ' | 'إ') && inside && count + k < 64 {
                bits |= 1 << (count + k);
            }
        }
        count += word.len();
    }
    (bits != 0).then_some((count, bits))
}

/// Whether the spelling `stored` has `count` letters (see [`letters`]) and a hamza (`أ إ آ ء ؤ
/// ئ`) at each letter of `at` (see [`medial_hamzas`]).
pub fn has_hamzas_at(stored: &str, count: usize, at: u64) -> bool {
    // A spelling with no hamza at all (`D8 A1` to `D8 A6` in UTF-8), as most are, has none
    // where it is looked for.
    if !stored
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == 0xD8 && (0xA1..=0xA6).contains(&w[1]))
    {
        return false;
    }
    let mut n = 0;
    for c in letters(stored) {
        if n < 64 && at >> n & 1 == 1 && !matches!(c, 'أ' | 'إ' | 'آ' | 'ء' | 'ؤ' | 'ئ') {
            return false;
        }
        n += 1;
    }
    n == count
}

/// Whether `c` is an Arabic sign written on a letter (harakat, superscript alef, Quranic
/// marks), which Unicode counts as alphabetic.
fn is_sign(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// Whether `c` is invisible in the text: [`ignored`], and the other format characters
/// (zero-width space, soft hyphen, byte order mark, direction embeddings and isolates).
fn is_invisible(c: char) -> bool {
    ignored(c)
        || matches!(c, '\u{200B}' | '\u{00AD}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` is a letter that takes a place in a name: alphabetic, and neither a sign on a
/// letter nor invisible (the tatweel is alphabetic too).
fn is_letter(c: char) -> bool {
    match c {
        // The Arabic letters, hamza to yeh, then the ASCII ones: most of what is asked.
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        'a'..='z' | 'A'..='Z' => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphabetic() && !is_sign(c) && !is_invisible(c),
    }
}

/// The letters of `s`, one word after another: whatever lies between them (spaces, hyphens,
/// punctuation) takes no place, and neither do signs and invisible characters.
fn letters(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|&c| is_letter(c))
}

/// The words of `s`, each as its letters (see [`letters`]): runs of letters parted by anything
/// that is neither a letter, nor a sign, nor invisible.
fn words(s: &str) -> Vec<Vec<char>> {
    let mut out: Vec<Vec<char>> = vec![Vec::new()];
    for c in s.chars() {
        if is_letter(c) {
            out.last_mut().expect("never empty").push(c);
        } else if !is_sign(c) && !is_invisible(c) && !out.last().is_some_and(Vec::is_empty) {
            out.push(Vec::new());
        }
    }
    out.retain(|w| !w.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_final_tanween_makes_an_indefinite_word() {
        for word in ["سوريًا", "سورياً", "روسيًّا", "بمعانٍ", "صيدًا", "سوريـًا", "كتابٌ"]
        {
            assert!(ends_in_tanween(word), "{word}");
        }
        for name in ["سوريا", "عمّان", "دمشقَ", "بغداد", "مصر", "صيدا"] {
            assert!(!ends_in_tanween(name), "{name}");
        }
    }

    #[test]
    fn a_hamza_inside_a_word_must_be_in_the_spelling() {
        let (letters, at) = medial_hamzas("حمأة").unwrap();
        assert_eq!((letters, at), (4, 1 << 2));
        assert!(!has_hamzas_at("حماة", letters, at), "Hama has no hamza");
        assert!(has_hamzas_at("حمأة", letters, at));
        assert!(!has_hamzas_at("حمأتي", letters, at), "another length");
        let (letters, at) = medial_hamzas("فأس").unwrap();
        assert!(!has_hamzas_at("فاس", letters, at));
        // Not counted: first letters, stems after the article, last letters.
        for name in [
            "أدلب",
            "الأسود",
            "لوس أنجليس",
            "الجبل الأسود",
            "المخأ",
            "فاس",
            "حماة",
        ] {
            assert_eq!(medial_hamzas(name), None, "{name}");
        }
        // Marks and tatweel take no place among the letters.
        assert_eq!(medial_hamzas("حَمْـأة"), Some((4, 1 << 2)));
        // What lies between the words of a name takes no place either.
        for written in [
            "رأس الخيمة",
            "رأس  الخيمة",
            "رأس - الخيمة",
            "رأس\u{200F} الخيمة",
        ] {
            let (letters, at) = medial_hamzas(written).unwrap();
            assert_eq!((letters, at), (9, 1 << 1), "{written}");
            assert!(has_hamzas_at("رأس الخيمة", letters, at), "{written}");
            assert!(!has_hamzas_at("راس الخيمة", letters, at), "{written}");
        }
        // A hamza that ends a word, not only the name, is not counted.
        assert_eq!(medial_hamzas("المخأ الجديد"), None);
        // The article's alef put back before looking (`للأردن`: ل + الأردن).
        assert_eq!(medial_hamzas("لأردن"), Some((5, 1 << 1)));
        assert_eq!(medial_hamzas("الأردن"), None);
        // Letters past the 64th are not looked at, and nothing breaks.
        let long = format!("{}سأل", "ب".repeat(70));
        assert_eq!(medial_hamzas(&long), None);
        let long = format!("{}سأل", "ب".repeat(60));
        assert_eq!(medial_hamzas(&long), Some((63, 1 << 61)));
    }

    #[test]
    fn marks_tell_amman_from_oman() {
        assert!(has_marks("عمّان") && !has_marks("عمان"));
        assert!(fits("عمّان", "عمّان"));
        assert!(fits("عمّان", "عَمّان"), "the stored spelling may carry more");
        assert!(fits("عمّـان", "عمّان"), "tatweel is no letter");
        assert!(!fits("عمّان", "عُمان"), "Oman has no shadda");
        assert!(!fits("عُمان", "عمّان"));
        assert!(fits("عُمان", "عُمان"));
        assert!(!fits("عمّان", "عمان"), "an unmarked spelling says nothing");
        assert!(!fits("عمّانا", "عمّان"));
        // A shadda and a fatha on one letter may come in either order.
        assert!(fits("عم\u{0651}\u{064E}ان", "عم\u{064E}\u{0651}ان"));
        assert!(!fits("عَمان", "عمَان"), "a fatha on another letter");
    }
}
