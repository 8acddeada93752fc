//! Fields of a record (JSON Lines object, CSV row) and how they make a [`Record`].

use super::date;
use super::options::InputOptions;
use super::record::Record;

/// The field names a run looks for, each once, and which of them play which part.
#[derive(Debug, Clone)]
pub struct FieldNames {
    names: Vec<String>,
    text: Vec<usize>,
    id: usize,
    date: usize,
}

impl FieldNames {
    /// The text, id and date fields of `options`.
    pub fn new(options: &InputOptions) -> Self {
        let mut names: Vec<String> = Vec::new();
        let mut slot = |name: &str| match names.iter().position(|n| n == name) {
            Some(i) => i,
            None => {
                names.push(name.to_string());
                names.len() - 1
            }
        };
        let text = options.text_fields.iter().map(|f| slot(f)).collect();
        let id = slot(&options.id_field);
        let date = slot(&options.date_field);
        FieldNames {
            names,
            text,
            id,
            date,
        }
    }

    /// The distinct names, in slot order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The slot of `name`, if the run looks for it.
    pub fn slot(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// The names of the text fields, in order.
    pub fn text_names(&self) -> impl Iterator<Item = &str> {
        self.text.iter().map(|&i| self.names[i].as_str())
    }

    /// The id and date fields that were named on the command line (`--id-field`,
    /// `--date-field`), not left at their defaults (`id`, `date`): (option, field name).
    pub fn chosen_id_and_date(&self) -> impl Iterator<Item = (&'static str, &str)> {
        let defaults = InputOptions::default();
        [
            ("--id-field", &self.names[self.id], defaults.id_field),
            ("--date-field", &self.names[self.date], defaults.date_field),
        ]
        .into_iter()
        .filter(|(_, name, default)| *name != default)
        .map(|(option, name, _)| (option, name.as_str()))
    }

    /// Checks the text fields of a record: one text field must be a string; of several, each
    /// must be a string, missing or null (then empty), and at least one a string. A field named
    /// twice is still one.
    fn check_text(&self, values: &[Value]) -> Result<(), String> {
        let single = self.text.iter().all(|&slot| slot == self.text[0]);
        let mut strings = 0;
        let mut nulls = 0;
        for &slot in &self.text {
            let name = &self.names[slot];
            match &values[slot] {
                Value::Text(_) => strings += 1,
                Value::Missing if !single => {}
                Value::Null if !single => nulls += 1,
                Value::Missing => return Err(format!("no field {name:?}")),
                other => return Err(format!("field {name:?} is {}, not a string", other.kind())),
            }
        }
        match (strings, nulls) {
            (0, 0) => Err(format!("no field {}", self.text_list(" or "))),
            (0, _) => Err(format!(
                "fields {} are null or missing, not strings",
                self.text_list(" and ")
            )),
            _ => Ok(()),
        }
    }

    /// The distinct text field names, quoted, joined by `last` before the last one:
    /// `"a", "b" or "c"`.
    fn text_list(&self, last: &str) -> String {
        let mut quoted: Vec<String> = Vec::new();
        for name in self.text_names() {
            let q = format!("{name:?}");
            if !quoted.contains(&q) {
                quoted.push(q);
            }
        }
        match quoted.split_last() {
            Some((end, [])) => end.clone(),
            Some((end, rest)) => format!("{}{last}{end}", rest.join(", ")),
            None => String::new(),
        }
    }

    /// Makes a record from the values found for each slot (as many as [`names`](Self::names)).
    /// `file` and `line` make the origin when the id is missing. The error is the bad line's
    /// message.
    pub fn assemble(
        &self,
        values: &mut [Value],
        file: &str,
        line: usize,
    ) -> Result<Record, String> {
        debug_assert_eq!(values.len(), self.names.len());
        self.check_text(values)?;
        let origin = match &values[self.id] {
            Value::Text(s) | Value::Number(s) if !s.trim().is_empty() => {
                format!("{file}:{}", s.trim())
            }
            Value::Text(_) | Value::Number(_) | Value::Missing | Value::Null => {
                format!("{file}:{line}")
            }
            other => {
                let name = &self.names[self.id];
                return Err(format!(
                    "field {name:?} is {}, not a string or number",
                    other.kind()
                ));
            }
        };
        let date = match &values[self.date] {
            Value::Text(s) if !s.trim().is_empty() => {
                let name = &self.names[self.date];
                Some(date::normalize(s).map_err(|e| format!("field {name:?}: {s:?}: {e}"))?)
            }
            Value::Text(_) | Value::Missing | Value::Null => None,
            other => {
                let name = &self.names[self.date];
                return Err(format!(
                    "field {name:?} is {}, not a date string",
                    other.kind()
                ));
            }
        };
        let text = if let [slot] = self.text[..] {
            // One text field: its string is taken, not copied.
            match &mut values[slot] {
                Value::Text(s) => std::mem::take(s),
                _ => String::new(),
            }
        } else {
            let mut text = String::new();
            for &slot in &self.text {
                let Value::Text(part) = &values[slot] else {
                    continue;
                };
                if part.is_empty() {
                    continue;
                }
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                text.push_str(part);
            }
            text
        };
        Ok(Record {
            origin,
            text,
            date,
            offset: 0,
        })
    }
}

/// One field's value in one record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Value {
    /// The record has no such field (or the table no such column).
    #[default]
    Missing,
    /// JSON `null`.
    Null,
    /// A string (every CSV cell is one).
    Text(String),
    /// A JSON number, as written.
    Number(String),
    /// Any other JSON value; the text says which kind ("an array").
    Other(&'static str),
}

impl Value {
    fn kind(&self) -> &'static str {
        match self {
            Value::Missing => "missing",
            Value::Null => "null",
            Value::Text(_) => "a string",
            Value::Number(_) => "a number",
            Value::Other(kind) => kind,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &[&str]) -> FieldNames {
        FieldNames::new(&InputOptions {
            text_fields: text.iter().map(|s| s.to_string()).collect(),
            ..InputOptions::default()
        })
    }

    #[test]
    fn title_and_text_join_with_a_blank_line() {
        let f = names(&["title", "text"]);
        assert_eq!(f.names(), ["title", "text", "id", "date"]);
        let mut v = vec![
            Value::Text("Raqqa".into()),
            Value::Text("Body.".into()),
            Value::Number("7".into()),
            Value::Text("2015-07-21T10:00:00Z".into()),
        ];
        let r = f.assemble(&mut v, "a.jsonl", 3).unwrap();
        assert_eq!(r.text, "Raqqa\n\nBody.");
        assert_eq!(r.origin, "a.jsonl:7");
        assert_eq!(r.date.as_deref(), Some("2015-07-21"));
    }

    #[test]
    fn missing_id_gives_the_line_and_bad_fields_are_errors() {
        let f = names(&["text"]);
        let mut v = vec![Value::Text("x".into()), Value::Null, Value::Missing];
        let r = f.assemble(&mut v, "a.csv", 9).unwrap();
        assert_eq!((r.origin.as_str(), r.date), ("a.csv:9", None));
        let mut v = vec![Value::Number("1".into()), Value::Null, Value::Missing];
        let e = f.assemble(&mut v, "a", 1).unwrap_err();
        assert_eq!(e, "field \"text\" is a number, not a string");
        let mut v = vec![Value::Missing, Value::Null, Value::Missing];
        assert_eq!(f.assemble(&mut v, "a", 1).unwrap_err(), "no field \"text\"");
        let mut v = vec![
            Value::Text("x".into()),
            Value::Null,
            Value::Text("July".into()),
        ];
        let e = f.assemble(&mut v, "a", 1).unwrap_err();
        assert!(
            e.starts_with("field \"date\": \"July\": expected an ISO 8601"),
            "{e}"
        );
        let mut v = vec![
            Value::Text("x".into()),
            Value::Other("an array"),
            Value::Null,
        ];
        assert!(f.assemble(&mut v, "a", 1).is_err());
    }

    #[test]
    fn of_several_text_fields_a_missing_or_null_one_is_empty() {
        let f = names(&["title", "text"]);
        let mut v = vec![
            Value::Null,
            Value::Text("Body.".into()),
            Value::Missing,
            Value::Missing,
        ];
        assert_eq!(f.assemble(&mut v, "a", 1).unwrap().text, "Body.");
        let mut v = vec![
            Value::Text("T".into()),
            Value::Missing,
            Value::Missing,
            Value::Missing,
        ];
        assert_eq!(f.assemble(&mut v, "a", 1).unwrap().text, "T");
        let mut v = vec![Value::Missing; 4];
        assert_eq!(
            f.assemble(&mut v, "a", 1).unwrap_err(),
            "no field \"title\" or \"text\""
        );
        let mut v = vec![Value::Null, Value::Missing, Value::Missing, Value::Missing];
        assert_eq!(
            f.assemble(&mut v, "a", 1).unwrap_err(),
            "fields \"title\" and \"text\" are null or missing, not strings"
        );
        let mut v = vec![
            Value::Number("1".into()),
            Value::Text("B".into()),
            Value::Missing,
            Value::Missing,
        ];
        assert_eq!(
            f.assemble(&mut v, "a", 1).unwrap_err(),
            "field \"title\" is a number, not a string"
        );
        let f = names(&["a", "b", "c"]);
        let mut v = vec![Value::Missing; 5];
        assert_eq!(
            f.assemble(&mut v, "a", 1).unwrap_err(),
            "no field \"a\", \"b\" or \"c\""
        );
    }

    #[test]
    fn a_field_named_twice_fills_both_parts() {
        let f = names(&["text", "text"]);
        assert_eq!(f.names(), ["text", "id", "date"]);
        let mut v = vec![Value::Text("a".into()), Value::Missing, Value::Missing];
        assert_eq!(f.assemble(&mut v, "x", 1).unwrap().text, "a\n\na");
    }
}
