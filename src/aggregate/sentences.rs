//! Sentence numbers of mentions, for `--edges-scope sentence`: a sentence ends at `.` (when
//! followed by white space or the end), `!`, `?`, the Arabic question mark `؟`, the Arabic full
//! stop `۔`, `…`, or a line break, in the original text.

/// Whether `c` ends a sentence wherever it stands.
fn always_ends(c: char) -> bool {
    matches!(c, '!' | '?' | '؟' | '۔' | '…' | '\n' | '\r')
}

/// The sentence number (0-based, counted from the start of `text`) of each byte offset in
/// `offsets`, which must be sorted ascending and lie on character boundaries.
pub fn sentence_numbers(text: &str, offsets: &[usize]) -> Vec<u32> {
    let mut out = Vec::with_capacity(offsets.len());
    let mut sentence = 0u32;
    let mut chars = text.char_indices().peekable();
    for &off in offsets {
        while let Some(&(i, c)) = chars.peek() {
            if i >= off {
                break;
            }
            chars.next();
            let ends = always_ends(c)
                || (c == '.' && chars.peek().is_none_or(|&(_, n)| n.is_whitespace()));
            if ends {
                sentence += 1;
            }
        }
        out.push(sentence);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_stops_questions_and_lines() {
        let t = "Raqqa and Homs. Then 3.5 km to Aleppo؟ دمشق\nBaghdad! Mosul";
        let offs: Vec<usize> = ["Raqqa", "Homs", "Aleppo", "دمشق", "Baghdad", "Mosul"]
            .iter()
            .map(|w| t.find(w).unwrap())
            .collect();
        assert_eq!(sentence_numbers(t, &offs), vec![0, 0, 1, 2, 3, 4]);
    }
}
