//! Stage 1: documents in. Paths become a stream of [`Document`]s, with warnings beside them.
//!
//! [`walk`] turns the paths a user gave into a sorted list of sources (files, folders walked
//! recursively, standard input); [`decode`] turns a file's bytes into text (gzip, BOM, invalid
//! UTF-8 replaced and counted); [`Documents`] is the iterator that ties them together.

pub mod decode;
pub mod walk;

use std::path::PathBuf;

pub use walk::Source;

use crate::error::SourceError;

/// One document: the unit that `documents` counts and that mentions point into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Where it came from: the path as the user gave it (or found under a folder), or `-`.
    pub origin: String,
    /// Its text.
    pub text: String,
    /// Its date (ISO 8601, `YYYY-MM-DD`), when the input carries one.
    pub date: Option<String>,
}

/// What reading produces: documents, and warnings about input that was read with a fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A document to process.
    Document(Document),
    /// Something the user should know; the run goes on.
    Warning(SourceError),
}

/// Reads sources one after another.
pub struct Documents {
    sources: std::vec::IntoIter<Source>,
    pending: std::collections::VecDeque<Event>,
}

impl Documents {
    /// Reads `sources` in order.
    pub fn new(sources: Vec<Source>) -> Self {
        Documents {
            sources: sources.into_iter(),
            pending: Default::default(),
        }
    }

    /// Expands user paths (see [`walk::expand`]) and reads them.
    pub fn from_paths(paths: &[PathBuf]) -> Result<(Self, Vec<SourceError>), SourceError> {
        let (sources, warnings) = walk::expand(paths)?;
        Ok((Documents::new(sources), warnings))
    }

    fn read(&mut self, source: Source) -> Result<(), SourceError> {
        let name = source.display_name();
        let bytes = source.read_bytes()?;
        let decoded = decode::decode(&name, bytes)?;
        if let Some(w) = decoded.warning {
            self.pending.push_back(Event::Warning(w));
        }
        self.pending.push_back(Event::Document(Document {
            origin: name,
            text: decoded.text,
            date: None,
        }));
        Ok(())
    }
}

impl Iterator for Documents {
    type Item = Result<Event, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(e) = self.pending.pop_front() {
                return Some(Ok(e));
            }
            let source = self.sources.next()?;
            if let Err(e) = self.read(source) {
                return Some(Err(e));
            }
        }
    }
}
