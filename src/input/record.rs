//! What the readers of each format yield, and the interface they share.

use std::io::BufRead;

use super::decode::Decode;
use crate::error::SourceError;

/// A source's bytes, decompressed and decoded to UTF-8.
pub type Text = Decode<Box<dyn BufRead + Send>>;

/// One document as read, before `--from`/`--to` judge it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// `FILE`, `FILE:ID` or `FILE:LINE` (see [`super::Document::origin`]).
    pub origin: String,
    /// The text (several fields joined by a blank line).
    pub text: String,
    /// The date as `YYYY-MM-DD`, when the record has one.
    pub date: Option<String>,
    /// Where `text` starts in the source's decoded text (bytes): 0 but for the later parts of
    /// a long plain text (see [`super::plain`]).
    pub offset: usize,
}

/// What a reader yields: a record, or a line it could not use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A usable record.
    Record(Record),
    /// A bad line, as `FILE:LINE: message`; reading goes on after it.
    Bad(SourceError),
}

/// A source being cut into records, one format each (text, JSON Lines, CSV/TSV).
pub trait RecordReader {
    /// The next record or bad line; `None` at the end of the source; `Err` when the source
    /// cannot be read on (an I/O or decompression error).
    fn next_outcome(&mut self) -> Result<Option<Outcome>, SourceError>;

    /// The decoded text being read (for its count of replaced byte sequences).
    fn text(&self) -> &Text;
}
