//! Plain text: a source is one document, or, when it is long, parts of one cut at blank lines.
//!
//! A file of news is mostly an article, read whole. A long text (a book, or many articles piped
//! in on standard input) is cut into parts of about [`PART`] bytes of decoded text, each cut
//! after the first blank line past that size (else the first line break, else the first space
//! or tab, else the first ASCII punctuation, else the first character boundary), so that
//! memory stays bounded and the parts can be worked on side by side. A part is a document of
//! its own: the names in one do not lend each other context across the cut, which a window of
//! a few thousand bytes (`resolve::policy::CONTEXT_WINDOW`) would hardly reach anyway, and
//! `count` counts it as a document. Each part keeps its offset in the source's decoded text,
//! so that `extract`'s offsets are the same as if the text were one document.

use std::io::BufRead;

use super::record::{Outcome, Record, RecordReader, Text};
use crate::error::{SourceError, describe_io};

/// The size (bytes) after which a long text is cut at the next blank line. A text of up to
/// `PART + LOOKAHEAD` bytes is read as one document.
pub const PART: usize = 1 << 20;

/// How far past [`PART`] the cut is looked for before a plain line break, then a space, will
/// do.
const LOOKAHEAD: usize = 1 << 20;

/// Reads a text source as documents whose origin is the source's name: the whole text, or its
/// parts when it is long (see the module's documentation).
pub struct Plain {
    name: String,
    text: Text,
    /// Bytes read and not yet handed on.
    pending: Vec<u8>,
    /// Where `pending` starts in the source.
    offset: usize,
    /// Whether the source has been read to its end.
    ended: bool,
    /// Whether the last part has been handed on.
    done: bool,
}

impl Plain {
    /// Reads `text`, named `name`.
    pub fn new(name: String, text: Text) -> Self {
        Plain {
            name,
            text,
            pending: Vec::new(),
            offset: 0,
            ended: false,
            done: false,
        }
    }

    /// Reads on until `pending` holds more than `PART + LOOKAHEAD` bytes or the source ends.
    fn fill(&mut self) -> Result<(), SourceError> {
        while !self.ended && self.pending.len() <= PART + LOOKAHEAD {
            let chunk = self
                .text
                .fill_buf()
                .map_err(|e| SourceError::new(&self.name, describe_io(&e)))?;
            if chunk.is_empty() {
                self.ended = true;
            } else {
                let n = chunk.len();
                self.pending.extend_from_slice(chunk);
                self.text.consume(n);
            }
        }
        Ok(())
    }
}

/// Where to cut `text` (longer than [`PART`]): after the first blank line past `PART`, else
/// after the first line break, else after the first space or tab, else after the first ASCII
/// punctuation, else at the first character boundary; always a character boundary past
/// `PART`.
fn cut(text: &[u8]) -> usize {
    let rest = &text[PART..];
    let after = |i: usize, len: usize| PART + i + len;
    let unix = memchr::memmem::find(rest, b"\n\n").map(|i| (i, 2));
    let windows = memchr::memmem::find(rest, b"\n\r\n").map(|i| (i, 3));
    if let Some((i, len)) = unix.into_iter().chain(windows).min() {
        return after(i, len);
    }
    if let Some(i) = memchr::memchr(b'\n', rest) {
        return after(i, 1);
    }
    if let Some(i) = memchr::memchr2(b' ', b'\t', rest) {
        return after(i, 1);
    }
    // No white space: after the first ASCII punctuation (`Raqqa,Damascus`), else at the first
    // byte that starts a character (not a UTF-8 continuation byte, 0b10xx_xxxx).
    if let Some(i) = rest.iter().position(u8::is_ascii_punctuation) {
        return after(i, 1);
    }
    (PART..text.len())
        .find(|&i| text[i] & 0xC0 != 0x80)
        .unwrap_or(text.len())
}

impl RecordReader for Plain {
    fn next_outcome(&mut self) -> Result<Option<Outcome>, SourceError> {
        if self.done {
            return Ok(None);
        }
        self.fill()?;
        if self.ended && self.pending.is_empty() && self.offset > 0 {
            return Ok(None); // The last part ended with the text.
        }
        // The rest, once it is short enough (a short source, even an empty one, is one
        // document), else the next part.
        let bytes = if self.ended && self.pending.len() <= PART + LOOKAHEAD {
            self.done = true;
            std::mem::take(&mut self.pending)
        } else {
            let rest = self.pending.split_off(cut(&self.pending));
            std::mem::replace(&mut self.pending, rest)
        };
        let offset = self.offset;
        self.offset += bytes.len();
        // The decoder hands on valid UTF-8 only, and every cut is at a character boundary. The
        // bytes become the text where they lie: a copy would double the memory a part takes.
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Ok(Some(Outcome::Record(Record {
            origin: self.name.clone(),
            text,
            date: None,
            offset,
        })))
    }

    fn text(&self) -> &Text {
        &self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::decode::Decode;

    /// The records `Plain` reads from `input`, as (offset, text).
    fn parts(input: &str) -> Vec<(usize, String)> {
        let bytes: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new(input.to_string()));
        let mut r = Plain::new("t.txt".into(), Decode::new(bytes, encoding_rs::UTF_8));
        std::iter::from_fn(|| r.next_outcome().unwrap())
            .map(|o| match o {
                Outcome::Record(r) => (r.offset, r.text),
                Outcome::Bad(e) => panic!("{e}"),
            })
            .collect()
    }

    #[test]
    fn a_short_text_even_an_empty_one_is_one_document() {
        assert_eq!(parts(""), [(0, String::new())]);
        let text = "وصل الوفد إلى الرياض.\n\nثم زار جدة.\n";
        assert_eq!(parts(text), [(0, text.to_string())]);
        let long = "x".repeat(PART + LOOKAHEAD);
        assert_eq!(
            parts(&long).len(),
            1,
            "up to PART + LOOKAHEAD bytes stay whole"
        );
        // A long text whose only blank line past PART is its end: one part, no empty one after.
        let long = "x".repeat(PART + LOOKAHEAD) + "\n\n";
        assert_eq!(parts(&long).len(), 1);
    }

    #[test]
    fn a_long_text_is_cut_after_blank_lines_into_parts_that_tile_it() {
        let paragraph = "سيطرت القوات على منبج.\nوقصفت الطائرات الرقة.\n\n";
        let text = paragraph.repeat(3 * PART / paragraph.len() + 7);
        let got = parts(&text);
        assert!(got.len() >= 2, "{} parts", got.len());
        let mut at = 0;
        for (offset, part) in &got {
            assert_eq!(*offset, at, "each part starts where the one before ended");
            assert_eq!(&text[at..at + part.len()], part.as_str());
            at += part.len();
        }
        assert_eq!(at, text.len(), "the parts cover the text");
        for (_, part) in &got[..got.len() - 1] {
            assert!(
                part.len() > PART && part.ends_with("\n\n"),
                "cut after a blank line"
            );
        }
    }

    #[test]
    fn a_cut_falls_back_to_a_line_break_a_space_then_a_character_boundary() {
        let with = |tail: &str| {
            let mut t = "a".repeat(PART);
            t.push_str(tail);
            t
        };
        let t = with("bb\ncc\n\ndd");
        assert_eq!(cut(t.as_bytes()), PART + "bb\ncc\n\n".len());
        let t = with("bb\r\n\r\ncc\n\ndd");
        assert_eq!(
            cut(t.as_bytes()),
            PART + "bb\r\n\r\n".len(),
            "the nearer blank line"
        );
        let t = with("bb\ncc dd");
        assert_eq!(cut(t.as_bytes()), PART + "bb\n".len());
        let t = with("bb cc");
        assert_eq!(cut(t.as_bytes()), PART + "bb ".len());
        let t = with("Raqqa,Damascus");
        assert_eq!(cut(t.as_bytes()), PART + "Raqqa,".len());
        // No white space: never inside a two-byte letter.
        let mut t = "a".repeat(PART - 1);
        t.push_str("ممم");
        let at = cut(t.as_bytes());
        assert!(t.is_char_boundary(at) && at >= PART, "{at}");
    }
}
