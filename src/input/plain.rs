//! Plain text: the whole source is one document.

use std::io::Read;

use super::record::{Outcome, Record, RecordReader, Text};
use crate::error::{SourceError, describe_io};

/// Reads a text source as one document whose origin is the source's name.
pub struct Plain {
    name: String,
    text: Text,
    done: bool,
}

impl Plain {
    /// Reads `text`, named `name`.
    pub fn new(name: String, text: Text) -> Self {
        Plain {
            name,
            text,
            done: false,
        }
    }
}

impl RecordReader for Plain {
    fn next_outcome(&mut self) -> Result<Option<Outcome>, SourceError> {
        if self.done {
            return Ok(None);
        }
        self.done = true;
        let mut bytes = Vec::new();
        self.text
            .read_to_end(&mut bytes)
            .map_err(|e| SourceError::new(&self.name, describe_io(&e)))?;
        // The decoder hands on valid UTF-8 only. The bytes become the text where they lie: a
        // copy would double the memory a large file takes.
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Ok(Some(Outcome::Record(Record {
            origin: self.name.clone(),
            text,
            date: None,
        })))
    }

    fn text(&self) -> &Text {
        &self.text
    }
}
