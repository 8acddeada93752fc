//! The [`Documents`] iterator: sources in order, each opened, decompressed, decoded and cut
//! into documents by its format; bad lines and fixes become warnings beside them.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::compression::decompress;
use super::decode::{Decode, replacement_message};
use super::fields::FieldNames;
use super::format::Format;
use super::jsonl::JsonLines;
use super::options::InputOptions;
use super::plain::Plain;
use super::range::Verdict;
use super::record::{Outcome, RecordReader};
use super::table::Table;
use super::tally::{SHOWN_BAD_LINES, Tally};
use super::walk::{self, Selection, Source};
use super::{Document, Event};
use crate::error::{SourceError, describe_io};

/// Reads sources one after another, streaming: only a few documents are in memory at a time
/// (a long text file is read in parts of about a megabyte, see [`super::plain`]).
///
/// It yields `Ok(Event::Document)` for each document kept, `Ok(Event::Warning)` for each bad
/// line (the first [`SHOWN_BAD_LINES`] of a file, then one note that more are counted) and
/// each file with invalid bytes, and `Err` when a source cannot be read on, after which the run
/// should stop. After the last document come summary warnings (bad lines accepted, undated
/// documents left out). [`finish`](Documents::finish) then says whether the run may succeed.
pub struct Documents {
    sources: std::vec::IntoIter<Source>,
    options: InputOptions,
    fields: Arc<FieldNames>,
    current: Option<Open>,
    pending: VecDeque<Event>,
    tally: Tally,
    ended: bool,
    /// Bytes read from the sources so far, as stored (before decompression): for progress.
    bytes_read: Arc<AtomicU64>,
    /// Total size of the sources, when all are files.
    total_size: Option<u64>,
    /// Whether every source is a regular file (no standard input, pipe or device).
    regular_files: bool,
}

/// A reader that adds what it reads to a shared counter.
struct Counted<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: std::io::Read> std::io::Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The source being read.
struct Open {
    name: String,
    reader: Box<dyn RecordReader + Send>,
    bad_lines: u64,
    /// Where the first byte sequence replaced (invalid in the encoding) lies: the record's
    /// name (`FILE:ID`, `FILE:LINE`), or the line of a text file.
    first_replaced: Option<String>,
    /// For a text file read in parts: the lines of the parts read before.
    lines_before: usize,
}

impl Open {
    /// Notes where the first replaced byte sequence of the source lies, if `record` holds
    /// it: the first record with a U+FFFD once the decoder has replaced something (it decodes
    /// ahead of the records, never behind them). A guess that is nearly always right: a U+FFFD
    /// written in the text of an earlier record within the decoder's read-ahead would be named
    /// instead, and a sequence replaced in a field that is not text is not found at all.
    fn look_for_replacement(&mut self, record: &super::record::Record) {
        if self.first_replaced.is_some() {
            return;
        }
        // A text file is one document, or its parts one after another: its line.
        let text_file = record.origin == self.name;
        let lines = |text: &str| memchr::memchr_iter(b'\n', text.as_bytes()).count();
        let found = (self.reader.text().replaced() > 0)
            .then(|| record.text.find('\u{FFFD}'))
            .flatten();
        match found {
            Some(at) if text_file => {
                let line = 1 + self.lines_before + lines(&record.text[..at]);
                self.first_replaced = Some(format!("{}:{line}", self.name));
            }
            Some(_) => self.first_replaced = Some(record.origin.clone()),
            None if text_file => self.lines_before += lines(&record.text),
            None => {}
        }
    }
}

impl Documents {
    /// Reads `sources` in order with default options (text by extension, UTF-8).
    pub fn new(sources: Vec<Source>) -> Self {
        Self::with_options(sources, InputOptions::default())
    }

    /// Reads `sources` in order as `options` say.
    pub fn with_options(sources: Vec<Source>, options: InputOptions) -> Self {
        let metadata: Vec<Option<std::fs::Metadata>> = sources
            .iter()
            .map(|s| match s {
                Source::File(p) => std::fs::metadata(p).ok(),
                Source::Stdin => None,
            })
            .collect();
        let total_size = metadata.iter().map(|m| m.as_ref().map(|m| m.len())).sum();
        let regular_files = metadata
            .iter()
            .all(|m| m.as_ref().is_some_and(|m| m.is_file()));
        Documents {
            total_size,
            regular_files,
            sources: sources.into_iter(),
            fields: Arc::new(FieldNames::new(&options)),
            options,
            current: None,
            pending: VecDeque::new(),
            tally: Tally::default(),
            ended: false,
            bytes_read: Arc::default(),
        }
    }

    /// The total size of the sources as stored, when all of them are files.
    pub fn total_size(&self) -> Option<u64> {
        self.total_size
    }

    /// Whether every source is a regular file: reading it never waits on another process (as
    /// standard input, a pipe or a terminal may, for as long as they like).
    pub fn reads_regular_files_only(&self) -> bool {
        self.regular_files
    }

    /// A counter of the bytes read from the sources so far (as stored, before decompression),
    /// shared with the reader: a progress display can watch it from another thread.
    pub fn bytes_read(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.bytes_read)
    }

    /// Expands user paths (see [`walk::expand_selected`]) and reads them with default options.
    pub fn from_paths(paths: &[PathBuf]) -> Result<(Self, Vec<SourceError>), SourceError> {
        Self::open(paths, InputOptions::default())
    }

    /// Expands user paths, keeping the files under folders that `options.globs` select (see
    /// [`walk::expand_selected`]), and reads them as `options` say. The warnings are about
    /// files skipped while expanding.
    pub fn open(
        paths: &[PathBuf],
        options: InputOptions,
    ) -> Result<(Self, Vec<SourceError>), SourceError> {
        let selection = Selection::globs(&options.globs)?;
        let (sources, warnings) = walk::expand_selected(paths, &selection)?;
        Ok((Documents::with_options(sources, options), warnings))
    }

    /// The counts so far (complete once the iterator has returned `None`).
    pub fn tally(&self) -> &Tally {
        &self.tally
    }

    /// The counts, or, when bad lines were read and `--skip-bad-lines` was not given, the
    /// error that ends the run ("3 bad lines in 1 file (the first at a.jsonl:5); use
    /// --skip-bad-lines to accept").
    /// Call it after the last event.
    pub fn finish(&self) -> Result<&Tally, SourceError> {
        match self.tally.bad_lines_summary(false) {
            Some(e) if !self.options.skip_bad_lines => Err(e),
            _ => Ok(&self.tally),
        }
    }

    fn open_source(&mut self, source: Source) -> Result<Open, SourceError> {
        let name = source.display_name();
        let format = self.options.format.unwrap_or(match &source {
            Source::File(p) => Format::from_path(p),
            Source::Stdin => Format::Text,
        });
        if self.options.format.is_none()
            && let Source::File(p) = &source
            && Format::looks_like_json(p)
        {
            // Read as one text, as its name says nothing of lines; but say so, as a feed dump is
            // often named .json.
            self.pending.push_back(Event::Warning(SourceError::new(
                &name,
                "read as plain text, one document; for one JSON object a line give --format jsonl"
                    .into(),
            )));
        }
        let bytes = decompress(Box::new(Counted {
            inner: source.open()?,
            count: Arc::clone(&self.bytes_read),
        }))
        .map_err(|e| SourceError::new(&name, describe_io(&e)))?;
        let text = Decode::new(bytes, self.options.encoding);
        let fields = Arc::clone(&self.fields);
        let reader: Box<dyn RecordReader + Send> = match format {
            Format::Text => Box::new(Plain::new(name.clone(), text)),
            Format::Jsonl => Box::new(JsonLines::new(name.clone(), text, fields)),
            Format::Csv => Box::new(Table::open(name.clone(), text, b',', true, fields)?),
            Format::Tsv => Box::new(Table::open(name.clone(), text, b'\t', false, fields)?),
        };
        self.tally.dates_expected |= format.has_records();
        Ok(Open {
            name,
            reader,
            bad_lines: 0,
            first_replaced: None,
            lines_before: 0,
        })
    }

    /// Counts a bad line, and queues its warning while the file has not shown too many.
    fn bad_line(&mut self, e: SourceError) {
        let Some(open) = self.current.as_mut() else {
            return;
        };
        open.bad_lines += 1;
        self.tally.bad_lines += 1;
        if open.bad_lines == 1 {
            self.tally.files_with_bad_lines.push(open.name.clone());
        }
        if self.tally.first_bad_line.is_none() {
            self.tally.first_bad_line = Some(match e.line {
                Some(line) => format!("{}:{line}", e.file),
                None => e.file.clone(),
            });
        }
        if open.bad_lines <= SHOWN_BAD_LINES {
            self.pending.push_back(Event::Warning(e));
        } else if open.bad_lines == SHOWN_BAD_LINES + 1 {
            self.pending.push_back(Event::Warning(SourceError::new(
                open.name.clone(),
                format!("more than {SHOWN_BAD_LINES} bad lines: the rest are counted, not shown"),
            )));
        }
    }

    /// Closes the current source, with a warning if some of its bytes were not valid.
    fn close(&mut self) {
        if let Some(open) = self.current.take() {
            let text = open.reader.text();
            if text.replaced() > 0 {
                let first = open.first_replaced.as_deref();
                let message = replacement_message(text.replaced(), text.encoding(), first);
                self.pending
                    .push_back(Event::Warning(SourceError::new(open.name, message)));
            }
        }
    }

    /// Queues the summary warnings that follow the last document.
    fn end(&mut self) {
        self.ended = true;
        if self.options.skip_bad_lines
            && let Some(w) = self.tally.bad_lines_summary(true)
        {
            self.pending.push_back(Event::Warning(w));
        }
        if let Some(w) = self.tally.left_out_undated_warning() {
            self.pending.push_back(Event::Warning(w));
        }
    }

    /// Judges a record by its date and hands it on as a document if it is kept.
    fn keep(&mut self, record: super::record::Record) -> Option<Document> {
        match self.options.dates.judge(record.date.as_deref()) {
            Verdict::Keep => {
                self.tally.documents += 1;
                if record.date.is_none() {
                    self.tally.undated += 1;
                }
                Some(Document {
                    origin: record.origin,
                    text: record.text,
                    date: record.date,
                    offset: record.offset,
                })
            }
            Verdict::OutOfRange => {
                self.tally.left_out_by_date += 1;
                None
            }
            Verdict::Undated => {
                self.tally.left_out_undated += 1;
                None
            }
        }
    }
}

impl Iterator for Documents {
    type Item = Result<Event, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(e) = self.pending.pop_front() {
                return Some(Ok(e));
            }
            let Some(open) = self.current.as_mut() else {
                match self.sources.next() {
                    Some(source) => match self.open_source(source) {
                        Ok(open) => self.current = Some(open),
                        Err(e) => return Some(Err(e)),
                    },
                    None if !self.ended => self.end(),
                    None => return None,
                }
                continue;
            };
            match open.reader.next_outcome() {
                Err(e) => {
                    self.current = None;
                    return Some(Err(e));
                }
                Ok(None) => self.close(),
                Ok(Some(Outcome::Bad(e))) => self.bad_line(e),
                Ok(Some(Outcome::Record(record))) => {
                    open.look_for_replacement(&record);
                    if let Some(doc) = self.keep(record) {
                        return Some(Ok(Event::Document(doc)));
                    }
                }
            }
        }
    }
}
