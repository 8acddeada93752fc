//! From bytes in some encoding to UTF-8, as a stream: byte-order mark handled, malformed
//! sequences replaced with U+FFFD and counted.
//!
//! UTF-8 input, by far the commonest, is not copied: its bytes are checked where the reader
//! below holds them and handed on from there ("direct" reading). Other encodings, and a stream
//! that may start with a UTF-16 byte-order mark, go through `encoding_rs`'s decoder into a
//! buffer of their own.

use std::io::{self, BufRead, Read};

use encoding_rs::{DecoderResult, Encoding};

/// Size of the decoded-text buffer.
const BUFFER: usize = 64 << 10;
/// UTF-8 of U+FFFD REPLACEMENT CHARACTER.
const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();
/// The UTF-8 byte-order mark.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// How a [`Decode`] reads its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Not chosen yet: the first bytes decide.
    Undecided,
    /// UTF-8 handed on from the inner reader's buffer once checked; only a character cut in
    /// two by the end of that buffer, and the U+FFFD that replaces a malformed sequence, pass
    /// through our own buffer.
    Direct,
    /// Through `encoding_rs`'s decoder into our own buffer.
    Decoding,
}

/// A reader of valid UTF-8 decoded from `inner`.
///
/// A byte-order mark (UTF-8, UTF-16LE or UTF-16BE) is dropped and chooses the encoding, as the
/// WHATWG Encoding Standard says; otherwise the given encoding is used. Every malformed byte
/// sequence becomes one U+FFFD and is counted in [`replaced`](Decode::replaced). Both ways of
/// reading (directly, or through the decoder: see the module's documentation) replace the same
/// sequences: the maximal subparts of the standard.
pub struct Decode<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    mode: Mode,
    buf: Box<[u8]>,
    start: usize,
    end: usize,
    done: bool,
    replaced: u64,
    /// Direct reading: how many bytes at the front of the inner reader's buffer are checked
    /// (whole, valid characters) and not consumed yet.
    checked: usize,
    /// Direct reading: the first bytes of a character that the inner reader's buffer cut off,
    /// taken out of it so that it refills.
    carry: [u8; 4],
    carried: usize,
}

impl<R: BufRead> Decode<R> {
    /// Decodes `inner` as `encoding`.
    pub fn new(inner: R, encoding: &'static Encoding) -> Self {
        Decode {
            inner,
            decoder: encoding.new_decoder(),
            mode: Mode::Undecided,
            buf: vec![0; BUFFER].into_boxed_slice(),
            start: 0,
            end: 0,
            done: false,
            replaced: 0,
            checked: 0,
            carry: [0; 4],
            carried: 0,
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
        // SAFETY: every stretch `fill_buf` hands on is whole UTF-8 characters (the decoder
        // writes only complete sequences, U+FFFD is written whole, and a directly read stretch
        // ends where the check found the last whole character); the line starts at a character
        // boundary (checked on the first stretch; later stretches start where the one before
        // ended) and stops after a `\n`, which is never part of a longer sequence. So whatever
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

    /// Chooses how to read, from the encoding and the first bytes: directly for UTF-8 (its
    /// byte-order mark dropped), through the decoder for anything else, and for a start that
    /// may be a UTF-16 mark (FF FE, FE FF) or is too short to tell.
    fn decide(&mut self) -> io::Result<()> {
        self.mode = Mode::Decoding;
        if self.decoder.encoding() != encoding_rs::UTF_8 {
            return Ok(());
        }
        let head = self.inner.fill_buf()?;
        let utf16 = |h: &[u8]| h.starts_with(&[0xFF, 0xFE]) || h.starts_with(&[0xFE, 0xFF]);
        let undecided = !head.is_empty()
            && head.len() < UTF8_BOM.len()
            && (UTF8_BOM.starts_with(head) || head == [0xFF] || head == [0xFE]);
        if utf16(head) || undecided {
            return Ok(());
        }
        if head.starts_with(UTF8_BOM) {
            self.inner.consume(UTF8_BOM.len());
        }
        self.mode = Mode::Direct;
        Ok(())
    }

    /// Direct reading, when everything checked is consumed: checks the next bytes of the inner
    /// reader, or puts a character the inner buffer had cut off (or a U+FFFD) into our own
    /// buffer, or notes the end of the input.
    fn step_direct(&mut self) -> io::Result<()> {
        let src = self.inner.fill_buf()?;
        if self.carried > 0 {
            let carried = self.carried;
            if src.is_empty() {
                // The input ends inside a character.
                self.carried = 0;
                self.put_replacement();
                return Ok(());
            }
            let need = match self.carry[0] {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            let take = (need - carried).min(src.len());
            let mut char = [0u8; 4];
            char[..carried].copy_from_slice(&self.carry[..carried]);
            char[carried..carried + take].copy_from_slice(&src[..take]);
            let char = &char[..carried + take];
            match std::str::from_utf8(char) {
                Ok(_) => {
                    self.buf[..char.len()].copy_from_slice(char);
                    (self.start, self.end) = (0, char.len());
                    self.inner.consume(take);
                    self.carried = 0;
                }
                Err(e) if e.error_len().is_none() => {
                    // Still cut off: the inner buffer held less than the rest of it.
                    self.carry[..char.len()].copy_from_slice(char);
                    self.carried = char.len();
                    self.inner.consume(take);
                }
                Err(e) => {
                    // A maximal subpart (what was carried, and maybe some bytes after it) is
                    // replaced; the byte that broke it is read again as the start of what
                    // follows.
                    let subpart = e.error_len().unwrap_or(carried);
                    self.inner.consume(subpart.saturating_sub(carried));
                    self.carried = 0;
                    self.put_replacement();
                }
            }
            return Ok(());
        }
        if src.is_empty() {
            self.done = true;
            return Ok(());
        }
        match simdutf8::compat::from_utf8(src) {
            Ok(_) => self.checked = src.len(),
            Err(e) if e.valid_up_to() > 0 => self.checked = e.valid_up_to(),
            Err(e) => match e.error_len() {
                Some(n) => {
                    self.inner.consume(n);
                    self.put_replacement();
                }
                None => {
                    // The start of a character, and the end of the inner buffer.
                    let n = src.len();
                    self.carry[..n].copy_from_slice(src);
                    self.carried = n;
                    self.inner.consume(n);
                }
            },
        }
        Ok(())
    }

    /// Puts one U+FFFD into our (empty) buffer, and counts it.
    fn put_replacement(&mut self) {
        self.buf[..REPLACEMENT.len()].copy_from_slice(REPLACEMENT);
        (self.start, self.end) = (0, REPLACEMENT.len());
        self.replaced += 1;
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
        if self.mode == Mode::Undecided {
            self.decide()?;
        }
        if self.mode == Mode::Direct {
            while self.start == self.end && self.checked == 0 && !self.done {
                self.step_direct()?;
            }
            if self.start == self.end && self.checked > 0 {
                let checked = self.checked;
                return Ok(&self.inner.fill_buf()?[..checked]);
            }
        }
        while self.start == self.end && !self.done {
            self.refill()?;
        }
        Ok(&self.buf[self.start..self.end])
    }

    fn consume(&mut self, amount: usize) {
        if self.start == self.end && self.checked > 0 {
            let amount = amount.min(self.checked);
            self.inner.consume(amount);
            self.checked -= amount;
        } else {
            self.start = (self.start + amount).min(self.end);
        }
    }
}

/// The warning text for `replaced` malformed sequences in `encoding`, the first of them in
/// `first` (a record's name or a line) if known; for UTF-8, the default, with a hint to name
/// the file's real encoding.
pub fn replacement_message(
    replaced: u64,
    encoding: &'static Encoding,
    first: Option<&str>,
) -> String {
    let mut message = format!(
        "not valid {}: {replaced} invalid byte sequence(s) replaced with U+FFFD",
        encoding.name()
    );
    if let Some(first) = first {
        message.push_str(&format!(", the first in {first}"));
    }
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

    /// What `encoding_rs` alone makes of `bytes` as UTF-8 (byte-order mark sniffed): the text
    /// and the number of malformed sequences.
    fn reference(bytes: &[u8]) -> (String, u64) {
        let mut decoder = encoding_rs::UTF_8.new_decoder();
        let mut out = vec![0u8; bytes.len() * 3 + 16];
        let (mut read, mut written, mut replaced) = (0, 0, 0);
        loop {
            let (result, r, w) = decoder.decode_to_utf8_without_replacement(
                &bytes[read..],
                &mut out[written..],
                true,
            );
            read += r;
            written += w;
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => unreachable!("room for every byte"),
                DecoderResult::Malformed(..) => {
                    out[written..written + 3].copy_from_slice(REPLACEMENT);
                    written += 3;
                    replaced += 1;
                }
            }
        }
        out.truncate(written);
        (String::from_utf8(out).unwrap(), replaced)
    }

    use proptest::prelude::*;

    proptest! {
        /// Direct reading hands on exactly what the decoder would, whatever the input and
        /// wherever the inner buffer cuts it: characters cut in two, malformed and truncated
        /// sequences, byte-order marks.
        #[test]
        fn direct_reading_agrees_with_the_decoder(
            parts in prop::collection::vec(
                prop_oneof![
                    "[a-z \n]{0,6}".prop_map(String::into_bytes),
                    "[\u{600}-\u{6FF}\u{E9}\u{20AC}\u{1F600}]{0,4}".prop_map(String::into_bytes),
                    prop::collection::vec(any::<u8>(), 0..4),
                    prop::sample::select(vec![
                        UTF8_BOM.to_vec(), vec![0xFF, 0xFE], vec![0xF0, 0x9F], vec![0xE0, 0x80],
                        vec![0xED, 0xA0, 0x80], vec![0xD8],
                    ]),
                ],
                0..12,
            ),
            capacity in 1usize..9,
        ) {
            let bytes: Vec<u8> = parts.concat();
            prop_assert_eq!(decode_all(&bytes, encoding_rs::UTF_8), reference(&bytes));
            let mut d = Decode::new(io::BufReader::with_capacity(capacity, &bytes[..]), encoding_rs::UTF_8);
            let mut s = String::new();
            d.read_to_string(&mut s).unwrap();
            prop_assert_eq!((s, d.replaced()), reference(&bytes));
        }
    }

    #[test]
    fn utf8_is_read_directly_and_cut_characters_are_joined() {
        // Three-byte inner buffers cut every other Arabic letter in two after the "x".
        let text = "xمنبج والرقة\nدير الزور";
        let mut bytes = UTF8_BOM.to_vec();
        bytes.extend_from_slice(text.as_bytes());
        bytes.extend_from_slice(b"\xFF\xD8");
        let mut d = Decode::new(
            io::BufReader::with_capacity(3, &bytes[..]),
            encoding_rs::UTF_8,
        );
        let mut s = String::new();
        d.read_to_string(&mut s).unwrap();
        assert_eq!(s, format!("{text}\u{FFFD}\u{FFFD}"));
        assert_eq!(d.replaced(), 2);
        assert_eq!(d.mode, Mode::Direct);
        // A UTF-16 mark goes to the decoder.
        let mut d = Decode::new(
            io::BufReader::new(&b"\xFF\xFEa\x00"[..]),
            encoding_rs::UTF_8,
        );
        let mut s = String::new();
        d.read_to_string(&mut s).unwrap();
        assert_eq!((s.as_str(), d.mode), ("a", Mode::Decoding));
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
