//! Stage 1: documents in. Paths become a stream of [`Document`]s, with warnings beside them.
//!
//! [`walk`] turns the paths a user gave into a sorted list of sources (files, folders walked
//! recursively and chosen by `--glob`, standard input); [`compression`] undoes gzip and zstd;
//! [`decode`] turns bytes in any encoding into UTF-8 (byte-order mark handled, invalid bytes
//! replaced and counted); a reader per [`format`](mod@format) cuts the text into records ([`plain`] text,
//! [`jsonl`], CSV/TSV [`table`]s) whose [`fields`] make documents, with [`date`]s that a
//! [`range`] may filter; [`Documents`] is the iterator that ties them together and keeps the
//! [`tally`]. A CSV's [`quotes`] are watched for one never closed.

pub mod compression;
pub mod date;
pub mod decode;
pub mod documents;
pub mod fields;
pub mod format;
pub mod json_flat;
pub mod json_string;
pub mod jsonl;
pub mod options;
pub mod plain;
pub mod quotes;
pub mod range;
pub mod record;
pub mod table;
pub mod tally;
pub mod walk;

pub use documents::Documents;
pub use format::Format;
pub use options::{InputOptions, encoding_for_label};
pub use range::DateRange;
pub use tally::Tally;
pub use walk::Source;

use crate::error::SourceError;

/// One document: the unit that `documents` counts and that mentions point into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Where it came from: the path as the user gave it (or found under a folder), or `-`; for
    /// a record of JSON Lines or CSV, `FILE:ID`, or `FILE:LINE` when it has no id.
    pub origin: String,
    /// Its text.
    pub text: String,
    /// Its date (ISO 8601, `YYYY-MM-DD`), when the input carries one.
    pub date: Option<String>,
    /// Where its text starts in the decoded text of the source named by `origin` (bytes): 0,
    /// but for the later parts of a long plain text, which is read as several documents
    /// ([`plain`]).
    pub offset: usize,
}

/// What reading produces: documents, and warnings about input that was read with a fix or
/// skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A document to process.
    Document(Document),
    /// Something the user should know; the run goes on.
    Warning(SourceError),
}
