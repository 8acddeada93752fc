//! A watch on the quotes and lines of a CSV stream: the `csv` crate takes a quote that is never
//! closed as a field running to the end of the input, silently, and counts lines one short
//! after a `\r\n` (BurntSushi/rust-csv#395); this tells the first case apart and gives the
//! line of a record from its byte offset.

use std::collections::VecDeque;
use std::io::{self, Read};

/// Where the bytes read so far leave the CSV parser (RFC 4180 quoting, quotes doubled inside).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field, where a quote opens a quoted field.
    FieldStart,
    /// Inside an unquoted field, where a quote is an ordinary character.
    Unquoted,
    /// Inside a quoted field.
    Quoted,
    /// Just after a quote inside a quoted field: it closes the field, or is the first of two.
    QuoteInQuoted,
}

/// A reader that hands on the bytes of `inner` unchanged and follows their quoting, so that
/// at the end of the input it can say whether a quote is still open, and on which line it was
/// opened.
pub struct QuoteWatch<R> {
    inner: R,
    delimiter: u8,
    quoting: bool,
    state: State,
    /// The 1-based line of the next byte.
    line: usize,
    /// The line of the quote that opened the current quoted field.
    opened_at: usize,
    ended: bool,
    /// Bytes handed on so far.
    offset: u64,
    /// The offsets of the line ends handed on and not yet passed by
    /// [`line_at`](Self::line_at): no more than the parser's read-ahead.
    newlines: VecDeque<u64>,
    /// Line ends before the first of `newlines`.
    lines_passed: usize,
    /// A `\r` just read, not known yet to end a line alone or to come before a `\n`.
    pending_cr: Option<u64>,
}

impl<R> QuoteWatch<R> {
    /// Watches `inner`, whose fields are separated by `delimiter`; with `quoting` off (TSV), no
    /// quote ever opens a field.
    pub fn new(inner: R, delimiter: u8, quoting: bool) -> Self {
        QuoteWatch {
            inner,
            delimiter,
            quoting,
            state: State::FieldStart,
            line: 1,
            opened_at: 1,
            ended: false,
            offset: 0,
            newlines: VecDeque::new(),
            lines_passed: 0,
            pending_cr: None,
        }
    }

    /// The 1-based line of the record that the parser says starts at `offset`, which must not
    /// come before an offset asked about earlier (records are asked about in order). After a
    /// `\r\n` the parser puts the next record's start on the `\n`: a record never starts with
    /// a line feed, so one at `offset` ends the line before.
    pub fn line_at(&mut self, offset: u64) -> usize {
        while self.newlines.front().is_some_and(|&n| n <= offset) {
            self.newlines.pop_front();
            self.lines_passed += 1;
        }
        self.lines_passed + 1
    }

    /// The reader watched.
    pub fn get_ref(&self) -> &R {
        &self.inner
    }

    /// Once the whole input has been read: the line of a quote that opened a field and was
    /// never closed, if there is one.
    pub fn unclosed(&self) -> Option<usize> {
        (self.ended && self.state == State::Quoted).then_some(self.opened_at)
    }

    /// Follows the quoting and the line ends through `bytes`. A line ends with `\n`, `\r\n`
    /// (at its `\n`) or a `\r` alone (old Mac files), as the parser reads them.
    fn watch(&mut self, bytes: &[u8]) {
        for (i, &b) in bytes.iter().enumerate() {
            let at = self.offset + i as u64;
            // Before the byte's own step: a quote right after a lone `\r` opens on the new line.
            if let Some(cr) = self.pending_cr.take()
                && b != b'\n'
            {
                self.end_line(cr);
            }
            self.state = self.step(b);
            match b {
                b'\n' => self.end_line(at),
                b'\r' => self.pending_cr = Some(at),
                _ => {}
            }
        }
        self.offset += bytes.len() as u64;
    }

    /// Notes a line that ends at byte `at`.
    fn end_line(&mut self, at: u64) {
        self.line += 1;
        self.newlines.push_back(at);
    }

    /// The state after byte `b`.
    fn step(&mut self, b: u8) -> State {
        let ends_field = b == self.delimiter || b == b'\n' || b == b'\r';
        match self.state {
            State::Quoted if b == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::QuoteInQuoted if b == b'"' => State::Quoted,
            State::FieldStart if b == b'"' && self.quoting => {
                self.opened_at = self.line;
                State::Quoted
            }
            _ if ends_field => State::FieldStart,
            _ => State::Unquoted,
        }
    }
}

impl<R: Read> Read for QuoteWatch<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.ended = true;
        }
        self.watch(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unclosed(input: &str, quoting: bool) -> Option<usize> {
        let mut w = QuoteWatch::new(input.as_bytes(), b',', quoting);
        let mut sink = Vec::new();
        w.read_to_end(&mut sink).unwrap();
        assert_eq!(sink, input.as_bytes());
        w.unclosed()
    }

    /// The lines that a watch over all of `input` gives the places where each of `starts`
    /// is first found, asked in order.
    fn lines_at(input: &str, starts: &[&str]) -> Vec<usize> {
        let mut w = QuoteWatch::new(input.as_bytes(), b',', true);
        w.read_to_end(&mut Vec::new()).unwrap();
        starts
            .iter()
            .map(|at| w.line_at(input.find(at).unwrap() as u64))
            .collect()
    }

    #[test]
    fn a_carriage_return_alone_ends_a_line() {
        let input = "a,b\r1,x\r2,\"p\rq\"\r3,z";
        assert_eq!(lines_at(input, &["1,x", "2,", "3,z"]), [2, 3, 5]);
    }

    #[test]
    fn a_byte_is_on_the_line_its_line_feeds_say_whatever_the_endings() {
        let input = "a,b\r\n1,x\r\n\r\n2,\"p\nq\"\n3,z";
        // Where the parser puts a record after a \r\n: on its \n (`\n1,x`).
        let starts = ["a,b", "\n1,x", "1,x", "2,", "3,z"];
        assert_eq!(lines_at(input, &starts), [1, 2, 2, 4, 6]);
    }

    #[test]
    fn an_open_quote_at_the_end_is_found_on_its_line() {
        assert_eq!(unclosed("a,b\n1,\"x\n2,y\n3,z\n", true), Some(2));
        assert_eq!(unclosed("a,b\r\n1,\"x\"\"\r\n", true), Some(2));
        assert_eq!(unclosed("a,b\r1,x\r\"open\r", true), Some(3));
        assert_eq!(unclosed("a,b\n1,\"x\"\"y\"\n2,\"p\nq\"\n", true), None);
        // A quote inside an unquoted field, or after a closed one, opens nothing.
        assert_eq!(unclosed("a,b\n1,say \"x\n2,\"p\"q \"r\n", true), None);
        assert_eq!(unclosed("a,b\n1,\"x\n", false), None);
        assert_eq!(unclosed("", true), None);
    }
}
