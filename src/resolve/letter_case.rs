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
/// nothing (`Nice weather`), except in a dateline (see [`is_dateline`]).
pub(super) fn capitalised_in_a_sentence(original: &str, name: Range<usize>) -> bool {
    if !first_letter(&original[name.clone()]).is_some_and(char::is_uppercase) {
        return false;
    }
    if is_dateline(original, name.clone()) {
        return true;
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

/// Lower-case articles that may stand before a capitalised name: English `the` (`the
/// Levant`, `the Netherlands`) and the Arabic article as transliterations write it (`al-Bab`,
/// `el-Arish`, `ar-Raqqa`, `ash-Shaddadi`).
const ARTICLES: &[&str] = &[
    "the ", "al-", "al ", "el-", "el ", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-", "adh-",
    "ath-", "ud-", "ul-",
];

/// The first letter of a name as written, past a lower-case article before a capital: `L` for
/// `the Levant`, `B` for `al-Bab`, `n` for `nice`, `a` for `al-qaeda`.
pub(super) fn first_letter(written: &str) -> Option<char> {
    let after = ARTICLES
        .iter()
        .find_map(|a| written.strip_prefix(a))
        .filter(|rest| rest.chars().next().is_some_and(char::is_uppercase))
        .unwrap_or(written);
    after.chars().next()
}

/// Whether the name ending at byte `end` of `original` is the first part of a hyphenated
/// modifier (`Saudi-led`, `Beirut-based`, `U.S.-backed`): a hyphen and a small letter follow.
pub(super) fn starts_a_modifier(original: &str, end: usize) -> bool {
    let rest = &original[end..];
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    rest.strip_prefix('-')
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_lowercase)
}

/// Whether the name at `name` is a news story's dateline: in capitals, first on its line, and
/// followed by a comma or a bracket (`WASHINGTON (Reuters) -`, `NICE, France (AP) --`).
fn is_dateline(original: &str, name: Range<usize>) -> bool {
    let written = &original[name.clone()];
    // First on its line: only white space back to a line break or the start of the text (read
    // back only as far as that white space goes: a long line costs nothing).
    let first_on_line = original[..name.start]
        .chars()
        .rev()
        .find(|c| !c.is_whitespace() || *c == '\n')
        .is_none_or(|c| c == '\n');
    written.chars().any(char::is_alphabetic)
        && !written.chars().any(char::is_lowercase)
        && first_on_line
        && matches!(
            original[name.end..]
                .trim_start_matches(SPACES)
                .chars()
                .next(),
            Some(',' | '(')
        )
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
/// spaces only, is capitalised and no [`NO_NAME_PART`], and either stands inside a sentence or,
/// first in its sentence, is a rare word (`rare`, given it in small letters): the name may be
/// the end of a longer one (`and Denzel Washington`, `Denzel Washington will`; not `Yesterday
/// Washington said`).
pub(super) fn capitalised_word_before(
    original: &str,
    start: usize,
    rare: impl Fn(&str) -> bool,
) -> bool {
    let before = &original[..start];
    let before_spaces = before.trim_end_matches(SPACES);
    let word_start = before_spaces
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |i| {
            i + before_spaces[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before_spaces[word_start..];
    before_spaces.len() < before.len()
        && is_name_part(word)
        && (capitalised_in_a_sentence(original, word_start..before_spaces.len())
            || rare(&word.to_lowercase()))
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
    let from = original.floor_char_boundary(at.saturating_sub(TITLE_WINDOW));
    let to = original.floor_char_boundary(at + TITLE_WINDOW);
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
        // A dateline's city is a place's name wherever it stands.
        for (text, city) in [
            ("NICE, France (AP) -- Police said", "NICE"),
            ("Intro\nWASHINGTON (Reuters) - Aides said", "WASHINGTON"),
        ] {
            assert!(capitalised_in_a_sentence(text, span(text, city)), "{text}");
        }
    }

    #[test]
    fn a_dateline_is_first_on_its_line_past_white_space_only() {
        for (text, dateline) in [
            ("Intro\n   WASHINGTON (Reuters) - Aides said", true),
            ("Intro\r\nNICE, France (AP) -- Police said", true),
            ("NICE, France (AP)", true),
            ("Intro WASHINGTON (Reuters) - Aides said", false),
            ("Intro\nSaid WASHINGTON, then", false),
            ("Intro\nWASHINGTON said", false),
        ] {
            let city = if text.contains("NICE") {
                "NICE"
            } else {
                "WASHINGTON"
            };
            assert_eq!(is_dateline(text, span(text, city)), dateline, "{text:?}");
        }
    }

    #[test]
    fn a_sentence_start_or_a_small_letter_says_nothing() {
        for (text, word) in [
            ("Nice weather helped.", "Nice"),
            ("It rained. Nice weather followed.", "Nice"),
            ("Headline here\nNice weather", "Nice"),
            ("She asked: \"Nice, is it?\"", "Nice"),
            ("a nice day", "nice"),
            ("NICE WEATHER AHEAD", "NICE"),
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
    fn a_capitalised_word_before_the_name_counts_inside_a_sentence_or_when_rare() {
        let rare = |w: &str| w == "denzel";
        for text in ["and Denzel Washington starred", "Denzel Washington starred"] {
            let at = text.find("Washington").unwrap();
            assert!(capitalised_word_before(text, at, rare), "{text}");
        }
        for text in [
            "It ended. Yesterday Washington said",
            "officials in Washington said",
            "talks on Monday Washington said",
            "the envoy, Washington said",
        ] {
            let at = text.find("Washington").unwrap();
            assert!(!capitalised_word_before(text, at, rare), "{text}");
        }
    }

    #[test]
    fn a_lower_case_article_before_a_capital_is_read_past() {
        for (written, first) in [
            ("the Levant", 'L'),
            ("al-Bab", 'B'),
            ("el-Arish", 'A'),
            ("nice", 'n'),
            ("al-qaeda", 'a'),
            ("the", 't'),
        ] {
            assert_eq!(first_letter(written), Some(first), "{written}");
        }
    }

    #[test]
    fn a_hyphen_and_a_small_letter_after_a_name_make_a_modifier() {
        for (text, name) in [
            ("the Saudi-led coalition", "Saudi"),
            ("U.S.-backed forces", "U.S"),
        ] {
            let end = text.find(name).unwrap() + name.len();
            assert!(starts_a_modifier(text, end), "{text}");
        }
        for (text, name) in [
            ("the Beirut-Damascus road", "Beirut"),
            ("Saudi Arabia", "Saudi"),
        ] {
            let end = text.find(name).unwrap() + name.len();
            assert!(!starts_a_modifier(text, end), "{text}");
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
