//! What the letter case of Latin-script text says about a name written in it.
//!
//! English capitalises proper nouns, so a name written with a capital in the middle of a
//! sentence is a name, whatever word it also is (`in Washington`, `police in Nice`), and one
//! followed by another capitalised word is often only part of a longer one, a person's or an
//! organisation's (`Jordan Smith`, `the Washington Post`, `Paris Hilton`). Arabic has no case;
//! these tests are asked about Latin-script names only.

use std::ops::Range;

/// Whether the name written at `name` (a byte range of `original`) starts with a capital and
/// stands inside a sentence: something other than a sentence's end (`.`, `!`, `?`, `:`) or a
/// line break comes before it, quotes and brackets aside. At a sentence start a capital says
/// nothing (`Nice weather`).
pub(super) fn capitalised_in_a_sentence(original: &str, name: Range<usize>) -> bool {
    let starts_capitalised = original[name.clone()]
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    if !starts_capitalised {
        return false;
    }
    for c in original[..name.start].chars().rev() {
        match c {
            '\n' | '\r' | '.' | '!' | '?' | ':' | '…' | '•' => return false,
            '"' | '\'' | '“' | '”' | '‘' | '’' | '(' | '[' | '«' | '»' => {}
            c if c.is_whitespace() => {}
            _ => return true,
        }
    }
    false // The text starts with the name.
}

/// Capitalised words that go on no name: days, months, and the small words that a headline in
/// title case capitalises (`in Aleppo Monday`, `Clashes in Aleppo As Talks Stall`).
const NO_NAME_PART: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "and",
    "or",
    "but",
    "as",
    "at",
    "by",
    "for",
    "from",
    "in",
    "into",
    "of",
    "on",
    "to",
    "the",
    "with",
    "after",
    "before",
    "while",
    "when",
    "is",
    "was",
    "are",
    "were",
    "has",
    "had",
    "have",
    "said",
    "says",
];

/// Whether the next word after `end` (a byte offset of `original` where a name ends), past
/// spaces only, is capitalised and no [`NO_NAME_PART`]: the name may go on into it, a person's
/// or an organisation's (`Jordan Smith`, `the Washington Post`).
pub(super) fn capitalised_word_after(original: &str, end: usize) -> bool {
    let rest = &original[end..];
    let after_spaces = rest.trim_start_matches(SPACES);
    let word_len = after_spaces
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(after_spaces.len());
    after_spaces.len() < rest.len() && is_name_part(&after_spaces[..word_len])
}

/// Whether the word before `start` (a byte offset of `original` where a name starts), past
/// spaces only, is capitalised inside a sentence and no [`NO_NAME_PART`]: the name may be the
/// end of a longer one (`Denzel Washington`).
pub(super) fn capitalised_word_before(original: &str, start: usize) -> bool {
    let before = &original[..start];
    let before_spaces = before.trim_end_matches(SPACES);
    let word_start = before_spaces
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |i| {
            i + before_spaces[i..].chars().next().map_or(1, char::len_utf8)
        });
    before_spaces.len() < before.len()
        && is_name_part(&before_spaces[word_start..])
        && capitalised_in_a_sentence(original, word_start..before_spaces.len())
}

/// The spaces that may stand between two words of one name.
const SPACES: [char; 3] = [' ', '\t', '\u{a0}'];

/// Whether `word` may be a word of a longer name: capitalised, without digits (a postcode is
/// no name: `London NW3`), and no [`NO_NAME_PART`].
fn is_name_part(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() && c.is_alphabetic())
        && !word.chars().any(|c| c.is_ascii_digit())
        && !NO_NAME_PART.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// How far on either side of a position [`in_title_case`] looks.
const TITLE_WINDOW: usize = 160;

/// Whether the line around byte offset `at` of `original` is written in title case, as
/// headlines are (`Syria Talks Resume in Geneva`): at least four words of four letters or
/// more within [`TITLE_WINDOW`] bytes on either side, and four in five of them capitalised
/// (a sentence full of names may have two in three: `Victoria Beckham opened a store in
/// Dubai, and Florence Nightingale is remembered in Istanbul`). There a capital says nothing
/// of where a name ends.
pub(super) fn in_title_case(original: &str, at: usize) -> bool {
    let floor = |mut i: usize| {
        while !original.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let from = floor(at.saturating_sub(TITLE_WINDOW));
    let to = floor((at + TITLE_WINDOW).min(original.len()));
    let line_start = original[from..at]
        .rfind('\n')
        .map_or(from, |i| from + i + 1);
    let line_end = original[at..to].find('\n').map_or(to, |i| at + i);
    let (mut words, mut capitalised) = (0, 0);
    for word in original[line_start..line_end].split(|c: char| !c.is_alphabetic()) {
        if word.chars().count() >= 4 {
            words += 1;
            capitalised += usize::from(word.chars().next().is_some_and(char::is_uppercase));
        }
    }
    words >= 4 && 5 * capitalised >= 4 * words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, word: &str) -> Range<usize> {
        let start = text.find(word).unwrap();
        start..start + word.len()
    }

    #[test]
    fn a_capital_inside_a_sentence_is_a_proper_noun() {
        let text = "Officials in Washington said so.";
        assert!(capitalised_in_a_sentence(text, span(text, "Washington")));
        let text = "They met in \"Nice\" twice.";
        assert!(capitalised_in_a_sentence(text, span(text, "Nice")));
    }

    #[test]
    fn a_sentence_start_or_a_small_letter_says_nothing() {
        for (text, word) in [
            ("Nice weather helped.", "Nice"),
            ("It rained. Nice weather followed.", "Nice"),
            ("Headline here\nNice weather", "Nice"),
            ("She asked: \"Nice, is it?\"", "Nice"),
            ("a nice day", "nice"),
        ] {
            assert!(!capitalised_in_a_sentence(text, span(text, word)), "{text}");
        }
    }

    #[test]
    fn a_capitalised_word_after_the_name_is_seen_past_spaces_only() {
        let text = "said Jordan Smith, and Jordan, Smith said, and Jordan's team";
        let first = text.find("Jordan").unwrap() + "Jordan".len();
        assert!(capitalised_word_after(text, first));
        let second = text.find("Jordan,").unwrap() + "Jordan".len();
        assert!(!capitalised_word_after(text, second));
        let third = text.find("Jordan'").unwrap() + "Jordan".len();
        assert!(!capitalised_word_after(text, third));
        assert!(!capitalised_word_after("in Jordan", "in Jordan".len()));
        assert!(!capitalised_word_after("Jordan said", "Jordan".len()));
        assert!(!capitalised_word_after(
            "in Aleppo Monday",
            "in Aleppo".len()
        ));
        assert!(!capitalised_word_after(
            "in Aleppo As Talks",
            "in Aleppo".len()
        ));
        assert!(!capitalised_word_after(
            "Pont St, London SW1X 9EJ",
            "Pont St, London".len()
        ));
    }

    #[test]
    fn a_capitalised_word_before_the_name_counts_inside_a_sentence_only() {
        let text = "and Denzel Washington starred";
        assert!(capitalised_word_before(
            text,
            text.find("Washington").unwrap()
        ));
        for (text, word) in [
            ("Denzel Washington starred", "Washington"),
            ("It ended. Yesterday Washington said", "Washington"),
            ("officials in Washington said", "Washington"),
            ("talks on Monday Washington said", "Washington"),
            ("the envoy, Washington said", "Washington"),
        ] {
            assert!(
                !capitalised_word_before(text, text.find(word).unwrap()),
                "{text}"
            );
        }
    }

    #[test]
    fn headlines_are_in_title_case_and_prose_is_not() {
        let headline =
            "Syria Talks Resume in Geneva After Delay\nOfficials said the talks would go on.";
        assert!(in_title_case(headline, headline.find("Syria").unwrap()));
        let prose = headline.find("talks").unwrap();
        assert!(!in_title_case(headline, prose));
        for prose in [
            "Officials in Washington said the talks with Tehran would resume in Geneva.",
            "Victoria Beckham opened a store in Dubai, and Florence Nightingale is remembered.",
        ] {
            assert!(!in_title_case(prose, prose.find("a").unwrap()), "{prose}");
        }
    }
}
