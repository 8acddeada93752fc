//! A watch on the quotes of a CSV stream: the `csv` crate takes a quote that is never closed
//! as a field running to the end of the input, silently; this tells that case apart.

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
        }
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

    /// Follows the quoting through `bytes`.
    fn watch(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.state = self.step(b);
            if b == b'\n' {
                self.line += 1;
            }
        }
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

    #[test]
    fn an_open_quote_at_the_end_is_found_on_its_line() {
        assert_eq!(unclosed("a,b\n1,\"x\n2,y\n3,z\n", true), Some(2));
        assert_eq!(unclosed("a,b\r\n1,\"x\"\"\r\n", true), Some(2));
        assert_eq!(unclosed("a,b\n1,\"x\"\"y\"\n2,\"p\nq\"\n", true), None);
        // A quote inside an unquoted field, or after a closed one, opens nothing.
        assert_eq!(unclosed("a,b\n1,say \"x\n2,\"p\"q \"r\n", true), None);
        assert_eq!(unclosed("a,b\n1,\"x\n", false), None);
        assert_eq!(unclosed("", true), None);
    }
}
