//! CSV and TSV: a header row of field names, then one document a record.

use std::sync::Arc;

use super::fields::{FieldNames, Value};
use super::quotes::QuoteWatch;
use super::record::{Outcome, RecordReader, Text};
use crate::error::{SourceError, describe_io};

/// Reads a CSV (quoted fields may span lines) or TSV (no quoting) source. The header row names
/// the columns; a text field without a column is an error for the whole file, a missing id or
/// date column leaves every record without one. A record with a different number of fields
/// than the header is a bad line, and so is one where a quote opens a field and is never closed
/// (the `csv` crate would read the rest of the file into that field).
pub struct Table {
    name: String,
    reader: csv::Reader<QuoteWatch<Text>>,
    fields: Arc<FieldNames>,
    /// For each wanted field, its column.
    columns: Vec<Option<usize>>,
    record: csv::ByteRecord,
    /// The line of the last record read, for errors that carry no position.
    line: usize,
    empty: bool,
}

impl Table {
    /// Reads the header of `text` (named `name`), separated by `delimiter`, quoted with `"`
    /// when `quoting`.
    pub fn open(
        name: String,
        text: Text,
        delimiter: u8,
        quoting: bool,
        fields: Arc<FieldNames>,
    ) -> Result<Self, SourceError> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .quoting(quoting)
            .flexible(false)
            .has_headers(true)
            .buffer_capacity(64 << 10)
            .from_reader(QuoteWatch::new(text, delimiter, quoting));
        let header = reader
            .headers()
            .map_err(|e| fatal(&name, e))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect::<Vec<_>>();
        if let Some(line) = reader.get_ref().unclosed() {
            return Err(unclosed_quote(&name, line));
        }
        let empty = header.is_empty() || header == [""];
        let columns: Vec<Option<usize>> = fields
            .names()
            .iter()
            .map(|n| header.iter().position(|h| h == n))
            .collect();
        if !empty {
            // Every text field must have its column. An id or date field named on the command
            // line and missing is a typing error too, not a file without ids or dates: every
            // document would go undated (and `--from` drop them all).
            let wanted = fields
                .text_names()
                .map(|field| ("--text-field", field))
                .chain(fields.chosen_id_and_date());
            for (option, field) in wanted {
                if fields.slot(field).and_then(|s| columns[s]).is_none() {
                    return Err(SourceError::at_line(
                        name,
                        1,
                        format!(
                            "no column {field:?} in the header (columns: {}); choose one with \
                             {option}",
                            header.join(", ")
                        ),
                    ));
                }
            }
        }
        Ok(Table {
            name,
            reader,
            fields,
            columns,
            record: csv::ByteRecord::new(),
            line: 1,
            empty,
        })
    }
}

impl RecordReader for Table {
    fn next_outcome(&mut self) -> Result<Option<Outcome>, SourceError> {
        if self.empty {
            return Ok(None);
        }
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => Ok(None),
            Ok(true) if self.reader.get_ref().unclosed().is_some() => Ok(self.unclosed()),
            Ok(true) => {
                // The parser's own line count is one short after each `\r\n`: the line is
                // found from the record's byte offset instead.
                self.line = match self.record.position() {
                    Some(p) => self.reader.get_mut().line_at(p.byte()),
                    None => self.line + 1,
                };
                let mut values: Vec<Value> = self
                    .columns
                    .iter()
                    .map(|c| match c.and_then(|c| self.record.get(c)) {
                        // The decoder hands on valid UTF-8 only; this check is the fast one.
                        Some(cell) => Value::Text(match simdutf8::basic::from_utf8(cell) {
                            Ok(s) => s.to_string(),
                            Err(_) => String::from_utf8_lossy(cell).into_owned(),
                        }),
                        None => Value::Missing,
                    })
                    .collect();
                Ok(Some(
                    match self.fields.assemble(&mut values, &self.name, self.line) {
                        Ok(record) => Outcome::Record(record),
                        Err(m) => Outcome::Bad(SourceError::at_line(&self.name, self.line, m)),
                    },
                ))
            }
            Err(e) => {
                if let csv::ErrorKind::UnequalLengths {
                    pos,
                    expected_len,
                    len,
                } = e.kind()
                {
                    if self.reader.get_ref().unclosed().is_some() {
                        return Ok(self.unclosed());
                    }
                    let line = match pos {
                        Some(p) => self.reader.get_mut().line_at(p.byte()),
                        None => self.line + 1,
                    };
                    self.line = line;
                    let message = format!("{len} field(s) where the header has {expected_len}");
                    return Ok(Some(Outcome::Bad(SourceError::at_line(
                        &self.name, line, message,
                    ))));
                }
                Err(fatal(&self.name, e))
            }
        }
    }

    fn text(&self) -> &Text {
        self.reader.get_ref().get_ref()
    }
}

impl Table {
    /// The last record, which a quote never closed took to the end of the input, as a bad
    /// line at that quote.
    fn unclosed(&mut self) -> Option<Outcome> {
        let line = self.reader.get_ref().unclosed()?;
        self.line = line;
        Some(Outcome::Bad(unclosed_quote(&self.name, line)))
    }
}

/// The error for a quote opened on `line` and never closed.
fn unclosed_quote(name: &str, line: usize) -> SourceError {
    SourceError::at_line(
        name,
        line,
        "a quote opened here is never closed (the rest of the file would be one field)".into(),
    )
}

fn fatal(name: &str, e: csv::Error) -> SourceError {
    let line = e.position().map(|p| p.line() as usize);
    let message = match e.into_kind() {
        csv::ErrorKind::Io(io) => describe_io(&io),
        other => format!("{other:?}"),
    };
    match line {
        Some(l) => SourceError::at_line(name, l, message),
        None => SourceError::new(name, message),
    }
}

#[cfg(test)]
mod tests {
    use std::io::BufRead;

    use super::*;
    use crate::input::InputOptions;
    use crate::input::decode::Decode;

    fn table(input: &str, delimiter: u8, text_fields: &[&str]) -> Result<Table, SourceError> {
        let options = InputOptions {
            text_fields: text_fields.iter().map(|s| s.to_string()).collect(),
            ..InputOptions::default()
        };
        let bytes: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new(input.to_string()));
        Table::open(
            "t.csv".into(),
            Decode::new(bytes, encoding_rs::UTF_8),
            delimiter,
            delimiter == b',',
            Arc::new(FieldNames::new(&options)),
        )
    }

    fn all(mut t: Table) -> Vec<Outcome> {
        std::iter::from_fn(|| t.next_outcome().unwrap()).collect()
    }

    #[test]
    fn rows_become_records_and_ragged_rows_are_bad() {
        let input = "\u{FEFF}id,date,title,text\n\
                     a,2015-07-21,Raqqa,\"في الرقة،\nومنبج\"\n\
                     ,2015-07-22T10:00:00Z,T,body\n\
                     b,,only three\n\
                     c,July,T,x\n\
                     d,2015-07-23,T,last\n";
        let out = all(table(input, b',', &["title", "text"]).unwrap());
        assert_eq!(out.len(), 5);
        let Outcome::Record(r) = &out[0] else {
            panic!("{:?}", out[0])
        };
        assert_eq!(r.origin, "t.csv:a");
        assert_eq!(r.text, "Raqqa\n\nفي الرقة،\nومنبج");
        let Outcome::Record(r) = &out[1] else {
            panic!()
        };
        assert_eq!(
            (r.origin.as_str(), r.date.as_deref()),
            ("t.csv:4", Some("2015-07-22"))
        );
        let Outcome::Bad(e) = &out[2] else { panic!() };
        assert_eq!(e.to_string(), "t.csv:5: 3 field(s) where the header has 4");
        let Outcome::Bad(e) = &out[3] else { panic!() };
        assert!(e.to_string().starts_with("t.csv:6: field \"date\""), "{e}");
        let Outcome::Record(r) = &out[4] else {
            panic!()
        };
        assert_eq!(r.origin, "t.csv:d");
    }

    #[test]
    fn tsv_has_no_quoting_and_a_missing_text_column_is_an_error() {
        let out = all(table("text\tdate\n\"Mosul\tx\n", b'\t', &["text"]).unwrap());
        let Outcome::Bad(e) = &out[0] else { panic!() };
        assert_eq!(e.line, Some(2));
        let out = all(table("text\n\"Mosul\" said\n", b'\t', &["text"]).unwrap());
        let Outcome::Record(r) = &out[0] else {
            panic!()
        };
        assert_eq!(
            (r.text.as_str(), r.date.as_deref()),
            ("\"Mosul\" said", None)
        );
        let e = table("body,id\nx,1\n", b',', &["text"]).err().unwrap();
        assert!(
            e.to_string().starts_with("t.csv:1: no column \"text\""),
            "{e}"
        );
        assert!(all(table("", b',', &["text"]).unwrap()).is_empty());
    }
}
