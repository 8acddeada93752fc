//! From bytes in some encoding to UTF-8, as a stream: byte-order mark handled, malformed
//! sequences replaced with U+FFFD and counted.

use std::io::{self, BufRead, Read};

use encoding_rs::{DecoderResult, Encoding};

/// Size of the decoded-text buffer.
const BUFFER: usize = 64 << 10;
/// UTF-8 of U+FFFD REPLACEMENT CHARACTER.
const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();

/// A reader of valid UTF-8 decoded from `inner`.
///
/// A byte-order mark (UTF-8, UTF-16LE or UTF-16BE) is dropped and chooses the encoding, as the
/// WHATWG Encoding Standard says; otherwise the given encoding is used. Every malformed byte
/// sequence becomes one U+FFFD and is counted in [`replaced`](Decode::replaced).
pub struct Decode<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    buf: Box<[u8]>,
    start: usize,
    end: usize,
    done: bool,
    replaced: u64,
}

impl<R: BufRead> Decode<R> {
    /// Decodes `inner` as `encoding`.
    pub fn new(inner: R, encoding: &'static Encoding) -> Self {
        Decode {
            inner,
            decoder: encoding.new_decoder(),
            buf: vec![0; BUFFER].into_boxed_slice(),
            start: 0,
            end: 0,
            done: false,
            replaced: 0,
        }
    }

    /// How many malformed byte sequences were replaced so far.
    pub fn replaced(&self) -> u64 {
        self.replaced
    }

    /// The encoding in use (the one a byte-order mark chose, once one was read).
    pub fn encoding(&self) -> &'static Encoding {
        self.decoder.encoding()
    }

    /// Reads the next line, through its `\n` if it has one, into `line` (emptied first); the
    /// number of bytes read, 0 at the end of the input.
    ///
    /// Unlike [`BufRead::read_line`], this does not check the line's UTF-8 again: everything
    /// this reader hands on is UTF-8 already. (The one way to break that is to
    /// [`consume`](BufRead::consume) part of a character; the next line is then an error.)
    pub fn read_line_into(&mut self, line: &mut String) -> io::Result<usize> {
        line.clear();
        // SAFETY: the decoded buffer holds whole UTF-8 characters (the decoder writes only
        // complete sequences, and U+FFFD is written whole); the line starts at a character
        // boundary (checked on the first stretch; later stretches start a freshly decoded
        // buffer) and stops after a `\n`, which is never part of a longer sequence. So whatever
        // is appended, even before an error, is UTF-8.
        let bytes = unsafe { line.as_mut_vec() };
        loop {
            let available = match self.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if bytes.is_empty() && available.first().is_some_and(|b| (0x80..0xC0).contains(b)) {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "a line starts inside a character",
                ));
            }
            if available.is_empty() {
                return Ok(bytes.len());
            }
            // `memchr`'s vector search, where `read_until` has a word-at-a-time one.
            let (taken, done) = match memchr::memchr(b'\n', available) {
                Some(i) => (i + 1, true),
                None => (available.len(), false),
            };
            bytes.extend_from_slice(&available[..taken]);
            self.consume(taken);
            if done {
                return Ok(bytes.len());
            }
        }
    }

    /// Decodes the next stretch of input into the empty buffer.
    fn refill(&mut self) -> io::Result<()> {
        self.start = 0;
        self.end = 0;
        // Leave room for one U+FFFD after what the decoder writes.
        let limit = self.buf.len() - REPLACEMENT.len();
        loop {
            let src = self.inner.fill_buf()?;
            let last = src.is_empty();
            let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(
                src,
                &mut self.buf[self.end..limit],
                last,
            );
            self.inner.consume(read);
            self.end += written;
            match result {
                DecoderResult::InputEmpty if last => {
                    self.done = true;
                    return Ok(());
                }
                DecoderResult::InputEmpty if self.end > 0 => return Ok(()),
                DecoderResult::InputEmpty => {}
                DecoderResult::OutputFull => return Ok(()),
                DecoderResult::Malformed(..) => {
                    self.buf[self.end..self.end + REPLACEMENT.len()].copy_from_slice(REPLACEMENT);
                    self.end += REPLACEMENT.len();
                    self.replaced += 1;
                    // The decoder needs four bytes of room to go on.
                    if limit - self.end < 4 {
                        return Ok(());
                    }
                }
            }
        }
    }
}

impl<R: BufRead> Read for Decode<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Decode<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.start == self.end && !self.done {
            self.refill()?;
        }
        Ok(&self.buf[self.start..self.end])
    }

    fn consume(&mut self, amount: usize) {
        self.start = (self.start + amount).min(self.end);
    }
}

/// The warning text for `replaced` malformed sequences in `encoding`; for UTF-8, the default,
/// with a hint to name the file's real encoding.
pub fn replacement_message(replaced: u64, encoding: &'static Encoding) -> String {
    let mut message = format!(
        "not valid {}: {replaced} invalid byte sequence(s) replaced with U+FFFD",
        encoding.name()
    );
    if encoding == encoding_rs::UTF_8 {
        message.push_str(
            "; if the file is in another encoding, name it with --encoding (e.g. --encoding \
             windows-1256)",
        );
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8], encoding: &'static Encoding) -> (String, u64) {
        // A one-byte inner buffer makes every sequence straddle reads.
        let mut d = Decode::new(io::BufReader::with_capacity(1, bytes), encoding);
        let mut s = String::new();
        d.read_to_string(&mut s).unwrap();
        (s, d.replaced())
    }

    #[test]
    fn bom_is_dropped_and_invalid_bytes_counted() {
        assert_eq!(
            decode_all(b"\xEF\xBB\xBFabc", encoding_rs::UTF_8),
            ("abc".into(), 0)
        );
        assert_eq!(
            decode_all(b"ab\xFFc\xFE", encoding_rs::UTF_8),
            ("ab\u{FFFD}c\u{FFFD}".into(), 2)
        );
        assert_eq!(
            decode_all("الرقة\n".as_bytes(), encoding_rs::UTF_8),
            ("الرقة\n".into(), 0)
        );
        // A sequence cut off by the end of input is one more.
        assert_eq!(
            decode_all(b"a\xD8", encoding_rs::UTF_8),
            ("a\u{FFFD}".into(), 1)
        );
    }

    #[test]
    fn lines_are_read_whole_across_buffers() {
        // Two-byte letters straddle the one-byte inner buffer and the lines the 64 KiB one.
        let long = "منبج ".repeat(20_000);
        let input = format!("{long}\nالرقة\n\nend");
        let mut d = Decode::new(
            io::BufReader::with_capacity(1, input.as_bytes()),
            encoding_rs::UTF_8,
        );
        let mut line = String::new();
        let mut lines = Vec::new();
        while d.read_line_into(&mut line).unwrap() > 0 {
            lines.push(line.clone());
        }
        assert_eq!(
            lines,
            [
                format!("{long}\n"),
                "الرقة\n".into(),
                "\n".into(),
                "end".into()
            ]
        );
    }

    #[test]
    fn a_line_cannot_start_inside_a_character() {
        let mut d = Decode::new(io::BufReader::new("م\n".as_bytes()), encoding_rs::UTF_8);
        d.fill_buf().unwrap();
        d.consume(1);
        let mut line = String::new();
        assert!(d.read_line_into(&mut line).is_err());
        assert!(line.is_empty());
    }

    #[test]
    fn windows_1256_becomes_arabic() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("منبج والرقة");
        assert_eq!(
            decode_all(&bytes, encoding_rs::WINDOWS_1256),
            ("منبج والرقة".into(), 0)
        );
    }

    #[test]
    fn long_invalid_input_fills_many_buffers() {
        let bytes: Vec<u8> = (0..200_000)
            .map(|i| if i % 3 == 0 { 0xFF } else { b'a' })
            .collect();
        let (s, n) = decode_all(&bytes, encoding_rs::UTF_8);
        assert_eq!(n, 66_667);
        assert_eq!(s.chars().count(), 200_000);
    }
}
