//! JSON Lines: one JSON object a line, read a line at a time.

use std::fmt;
use std::sync::Arc;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

use serde_json::value::RawValue;

use super::fields::{FieldNames, Value};
use super::json_flat;
use super::json_string::unescape;
use super::record::{Outcome, RecordReader, Text};
use crate::error::{SourceError, describe_io};

/// Reads a JSON Lines source. Blank lines are skipped; any other line that is not a JSON object
/// with the text fields as strings (and, when present, a string or number id and an ISO 8601
/// date) is a bad line. Only the wanted fields are kept; the rest are skipped unparsed.
pub struct JsonLines {
    name: String,
    text: Text,
    fields: Arc<FieldNames>,
    line: usize,
    buf: String,
}

impl JsonLines {
    /// Reads `text`, named `name` in origins and messages.
    pub fn new(name: String, text: Text, fields: Arc<FieldNames>) -> Self {
        JsonLines {
            name,
            text,
            fields,
            line: 0,
            buf: String::new(),
        }
    }

    fn parse(&self, line: &str) -> Result<Vec<Value>, String> {
        if let Some(values) = json_flat::pick(line, &self.fields, to_value) {
            return Ok(values);
        }
        parse_with_serde(line, &self.fields)
    }
}

/// The values of the wanted fields of `line`, read by `serde_json`: every line the fast path
/// ([`json_flat`]) does not take whole, with `serde_json`'s message when it is bad.
fn parse_with_serde(line: &str, fields: &FieldNames) -> Result<Vec<Value>, String> {
    let mut de = serde_json::Deserializer::from_str(line);
    Picker(fields)
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| describe_json_error(e, line))
}

impl RecordReader for JsonLines {
    fn next_outcome(&mut self) -> Result<Option<Outcome>, SourceError> {
        loop {
            let n = self
                .text
                .read_line_into(&mut self.buf)
                .map_err(|e| SourceError::new(&self.name, describe_io(&e)))?;
            if n == 0 {
                return Ok(None);
            }
            self.line += 1;
            let line = self.buf.as_str();
            let line = line.trim_end_matches(['\n', '\r']);
            if line.trim().is_empty() {
                continue;
            }
            let outcome = self
                .parse(line)
                .and_then(|mut values| self.fields.assemble(&mut values, &self.name, self.line));
            return Ok(Some(match outcome {
                Ok(record) => Outcome::Record(record),
                Err(message) => Outcome::Bad(SourceError::at_line(&self.name, self.line, message)),
            }));
        }
    }

    fn text(&self) -> &Text {
        &self.text
    }
}

/// serde_json's message without its "at line 1 column N" (the line is ours to tell); for a
/// `line` that is JSON of another kind than an object (`[1, 2]`, `42`), "not a JSON object".
fn describe_json_error(e: serde_json::Error, line: &str) -> String {
    let data = e.classify() == serde_json::error::Category::Data;
    if data && !line.trim_start().starts_with('{') {
        return "not a JSON object".into();
    }
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => &full,
    };
    match e.classify() {
        serde_json::error::Category::Data => message.to_string(),
        _ => format!("bad JSON at column {}: {message}", e.column()),
    }
}

/// Deserializes a JSON object into one [`Value`] per wanted field.
struct Picker<'a>(&'a FieldNames);

impl<'de> DeserializeSeed<'de> for Picker<'_> {
    type Value = Vec<Value>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Picker<'_> {
    type Value = Vec<Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut values = vec![Value::Missing; self.0.names().len()];
        while let Some(slot) = map.next_key_seed(KeySlot(self.0))? {
            match slot {
                Some(i) => {
                    let raw: &RawValue = map.next_value()?;
                    values[i] = to_value(raw.get()).map_err(|e| {
                        de::Error::custom(format!("field {:?}: {e}", self.0.names()[i]))
                    })?;
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(values)
    }
}

/// A wanted field's value, from its raw JSON text (its syntax checked already, by `serde_json`
/// or [`json_flat`]): strings are unescaped here, in one pass
/// ([`json_string`](super::json_string)).
fn to_value(text: &str) -> Result<Value, String> {
    Ok(match text.as_bytes().first() {
        Some(b'"') => Value::Text(unescape(text)?),
        Some(b'n') => Value::Null,
        Some(b't' | b'f') => Value::Other("a boolean"),
        Some(b'[') => Value::Other("an array"),
        Some(b'{') => Value::Other("an object"),
        _ => {
            let n: serde_json::Number = serde_json::from_str(text).map_err(|e| e.to_string())?;
            Value::Number(n.to_string())
        }
    })
}

/// Deserializes a key to its slot among the wanted fields, without allocating.
struct KeySlot<'a>(&'a FieldNames);

impl<'de> DeserializeSeed<'de> for KeySlot<'_> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySlot<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.slot(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::InputOptions;
    use crate::input::decode::Decode;
    use proptest::prelude::*;
    use std::io::BufRead;

    fn read(input: &str, text_fields: &[&str]) -> Vec<Outcome> {
        let options = InputOptions {
            text_fields: text_fields.iter().map(|s| s.to_string()).collect(),
            ..InputOptions::default()
        };
        let bytes: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new(input.to_string()));
        let mut r = JsonLines::new(
            "n.jsonl".into(),
            Decode::new(bytes, encoding_rs::UTF_8),
            Arc::new(FieldNames::new(&options)),
        );
        std::iter::from_fn(|| r.next_outcome().unwrap()).collect()
    }

    fn bad(o: &Outcome) -> String {
        match o {
            Outcome::Bad(e) => e.to_string(),
            Outcome::Record(r) => panic!("expected a bad line, got {r:?}"),
        }
    }

    #[test]
    fn objects_become_records_and_other_lines_are_bad() {
        let input = concat!(
            "{\"id\": \"a1\", \"date\": \"2015-07-21\", \"text\": \"في الرقة\", \"n\": [1, {\"x\": 2}]}\r\n",
            "\n",
            "{\"text\": \"Mosul\\n\", \"id\": 42}\n",
            "{\"text\": \"no id\"}\n",
            "{\"text\": 5}\n",
            "{\"title\": \"x\"}\n",
            "[1, 2]\n",
            "{\"text\": \"x\",}\n",
            "{\"text\": \"x\"} trailing\n",
            "{\"text\": \"x\", \"date\": \"21.07.2015\"}\n",
            "{\"text\": \"last\", \"date\": null}"
        );
        let out = read(input, &["text"]);
        assert_eq!(out.len(), 10);
        let Outcome::Record(r) = &out[0] else {
            panic!()
        };
        assert_eq!(
            (r.origin.as_str(), r.text.as_str(), r.date.as_deref()),
            ("n.jsonl:a1", "في الرقة", Some("2015-07-21"))
        );
        let Outcome::Record(r) = &out[1] else {
            panic!()
        };
        assert_eq!(
            (r.origin.as_str(), r.text.as_str()),
            ("n.jsonl:42", "Mosul\n")
        );
        let Outcome::Record(r) = &out[2] else {
            panic!()
        };
        assert_eq!(r.origin, "n.jsonl:4");
        assert_eq!(
            bad(&out[3]),
            "n.jsonl:5: field \"text\" is a number, not a string"
        );
        assert_eq!(bad(&out[4]), "n.jsonl:6: no field \"text\"");
        assert_eq!(bad(&out[5]), "n.jsonl:7: not a JSON object");
        assert!(
            bad(&out[6]).starts_with("n.jsonl:8: bad JSON at column"),
            "{}",
            bad(&out[6])
        );
        assert!(
            bad(&out[7]).starts_with("n.jsonl:9: bad JSON at column"),
            "{}",
            bad(&out[7])
        );
        assert!(
            bad(&out[8]).starts_with("n.jsonl:10: field \"date\""),
            "{}",
            bad(&out[8])
        );
        let Outcome::Record(r) = &out[9] else {
            panic!()
        };
        assert_eq!((r.text.as_str(), r.date.as_deref()), ("last", None));
    }

    #[test]
    fn json_of_another_kind_is_not_an_object_and_broken_json_stays_bad_json() {
        let out = read("42\n \"x\"\n[1, 2\nnull\nhello\n{\"text\": [}\n", &["text"]);
        let messages: Vec<String> = out.iter().map(bad).collect();
        assert_eq!(
            messages[..4],
            [
                "n.jsonl:1: not a JSON object",
                "n.jsonl:2: not a JSON object",
                "n.jsonl:3: not a JSON object",
                "n.jsonl:4: not a JSON object"
            ]
        );
        assert!(
            messages[4].starts_with("n.jsonl:5: bad JSON at column"),
            "{}",
            messages[4]
        );
        assert!(
            messages[5].starts_with("n.jsonl:6: bad JSON at column"),
            "{}",
            messages[5]
        );
    }

    #[test]
    fn strings_are_unescaped_and_half_a_surrogate_pair_is_a_bad_line() {
        let out = read(
            concat!(
                "{\"text\": \"a\\nb \\u0645\\ud83d\\ude00\", \"id\": 1.50}\n",
                "{\"text\": \"x\\ud83d\"}\n"
            ),
            &["text"],
        );
        let Outcome::Record(r) = &out[0] else {
            panic!()
        };
        assert_eq!(
            (r.text.as_str(), r.origin.as_str()),
            ("a\nb م😀", "n.jsonl:1.5")
        );
        assert_eq!(
            bad(&out[1]),
            "n.jsonl:2: field \"text\": lone leading surrogate in hex escape"
        );
    }

    /// Pieces of JSON, well and badly formed, that lines are put together from.
    const PIECES: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        " ",
        "\t",
        "\"text\"",
        "\"id\"",
        "\"date\"",
        "\"x\"",
        "\"te\\u0078t\"",
        "\"a\\nb\"",
        "\"\\u0645\\ud83d\\ude00\"",
        "\"\\ud83d\"",
        "\"\\q\"",
        "\"2015-07-21\"",
        "\"21.07.2015\"",
        "\"في الرقة\"",
        "\"\t\"",
        "\"",
        "\\",
        "1",
        "-0.5e3",
        "01",
        "1.",
        "1e400",
        "-",
        "null",
        "true",
        "false",
        "nul",
        "\"\"",
    ];

    fn flat_value() -> impl Strategy<Value = String> {
        prop::sample::select(&PIECES[12..]).prop_map(str::to_string)
    }

    proptest! {
        /// Whatever line the fast path takes whole, serde_json reads to the same values.
        #[test]
        fn the_fast_path_reads_what_serde_json_reads(
            open in any::<bool>(),
            pieces in prop::collection::vec(prop::sample::select(PIECES), 0..14),
        ) {
            // Most lines start as an object does, to get further into it.
            let line = format!("{}{}", if open { "{" } else { "" }, pieces.concat());
            let fields = FieldNames::new(&InputOptions::default());
            if let Some(fast) = json_flat::pick(&line, &fields, to_value) {
                prop_assert_eq!(Ok(fast), parse_with_serde(&line, &fields), "{}", line);
            }
        }

        /// A flat object of wanted and other fields is read by the fast path, unless serde_json
        /// would refuse one of its wanted values; either way the two agree.
        #[test]
        fn flat_objects_take_the_fast_path(
            fields_and_values in prop::collection::vec(
                (prop::sample::select(&["text", "id", "date", "x", "title"][..]), flat_value()),
                0..6,
            ),
        ) {
            let body: Vec<String> = fields_and_values
                .iter()
                .map(|(k, v)| format!("\"{k}\": {v}"))
                .collect();
            let line = format!("{{{}}}", body.join(", "));
            let fields = FieldNames::new(&InputOptions::default());
            let fast = json_flat::pick(&line, &fields, to_value);
            let slow = parse_with_serde(&line, &fields);
            match fast {
                Some(fast) => prop_assert_eq!(Ok(fast), slow, "{}", line),
                None => prop_assert!(
                    slow.is_err(),
                    "the fast path left a line serde_json reads: {}", line
                ),
            }
        }
    }

    #[test]
    fn title_and_text() {
        let out = read("{\"title\": \"T\", \"text\": \"B\"}\n", &["title", "text"]);
        let Outcome::Record(r) = &out[0] else {
            panic!()
        };
        assert_eq!(r.text, "T\n\nB");
    }
}
