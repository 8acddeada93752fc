//! The commonest JSON Lines record read without `serde_json`: one flat object whose values are
//! strings, numbers, `true`, `false` or `null`.
//!
//! `serde_json` checks the characters of a string eight at a time, and an article's text is
//! most of its line: on SaudiNewsNet that scan took 270 million instructions. Here the end of
//! each string is found with `memchr`'s vector search, and the bytes before it are checked for
//! control characters a block at a time. A line this reader does not take whole (an array or an
//! object inside, an escape in a key, anything malformed, a wanted value `serde_json` would
//! refuse) goes to `serde_json` as before, so that the two read every line alike: `jsonl`'s
//! property test holds them to it.

use std::ops::Range;

use super::fields::{FieldNames, Value};

/// The value of each wanted field of `line`, or `None` when the line is not a flat object this
/// reader takes whole (then `serde_json` reads it). `to_value` makes a wanted field's value
/// from its raw JSON text, as the `serde_json` path does.
pub fn pick(
    line: &str,
    fields: &FieldNames,
    to_value: impl Fn(&str) -> Result<Value, String>,
) -> Option<Vec<Value>> {
    let b = line.as_bytes();
    let mut i = skip_space(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i = skip_space(b, i + 1);
    let mut values = vec![Value::Missing; fields.names().len()];
    if b.get(i) == Some(&b'}') {
        i += 1;
    } else {
        loop {
            let key = string_at(b, i)?;
            let key_text = &line[key.start + 1..key.end - 1];
            if key_text.contains('\\') {
                return None; // serde_json unescapes keys, and checks their surrogates.
            }
            i = skip_space(b, key.end);
            if b.get(i) != Some(&b':') {
                return None;
            }
            i = skip_space(b, i + 1);
            let value = value_at(b, i)?;
            if let Some(slot) = fields.slot(key_text) {
                values[slot] = to_value(&line[value.clone()]).ok()?;
            }
            i = skip_space(b, value.end);
            match b.get(i)? {
                b',' => i = skip_space(b, i + 1),
                b'}' => {
                    i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    (skip_space(b, i) == b.len()).then_some(values)
}

/// The first position at or after `i` that is not JSON whitespace.
fn skip_space(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// The span of the scalar value that starts at `i` (a string with its quotes, a number,
/// `true`, `false` or `null`), if it is well formed.
fn value_at(b: &[u8], i: usize) -> Option<Range<usize>> {
    match *b.get(i)? {
        b'"' => string_at(b, i),
        b'-' | b'0'..=b'9' => Some(i..number_end(b, i)?),
        _ => ["null", "true", "false"]
            .into_iter()
            .find(|word| b[i..].starts_with(word.as_bytes()))
            .map(|word| i..i + word.len()),
    }
}

/// The span of the JSON string literal that starts at `i`, quotes included, if it is well
/// formed: no raw control character, every escape one of `\" \\ \/ \b \f \n \r \t \uXXXX`
/// (whether a `\u` escape makes a valid character is the unescaper's check).
fn string_at(b: &[u8], i: usize) -> Option<Range<usize>> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let mut from = i + 1;
    loop {
        let stop = from + memchr::memchr2(b'"', b'\\', &b[from..])?;
        if has_control(&b[from..stop]) {
            return None;
        }
        if b[stop] == b'"' {
            return Some(i..stop + 1);
        }
        from = match *b.get(stop + 1)? {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => stop + 2,
            b'u' if b.get(stop + 2..stop + 6)?.iter().all(u8::is_ascii_hexdigit) => stop + 6,
            _ => return None,
        };
    }
}

/// Whether `s` holds a byte below `0x20`, which a JSON string must escape. Each block of 64
/// bytes is reduced to its smallest byte without an early exit, which the compiler makes a few
/// vector instructions.
fn has_control(s: &[u8]) -> bool {
    let mut blocks = s.chunks_exact(64);
    let smallest = |block: &[u8]| block.iter().fold(u8::MAX, |m, &c| m.min(c));
    blocks.any(|block| smallest(block) < 0x20) || smallest(blocks.remainder()) < 0x20
}

/// The end of the JSON number that starts at `i`: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn number_end(b: &[u8], mut i: usize) -> Option<usize> {
    let digits = |mut i: usize| {
        let from = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        (i > from).then_some(i)
    };
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    i = match *b.get(i)? {
        b'0' => i + 1,
        b'1'..=b'9' => digits(i)?,
        _ => return None,
    };
    if b.get(i) == Some(&b'.') {
        i = digits(i + 1)?;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        i = digits(i)?;
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::InputOptions;

    fn fields() -> FieldNames {
        FieldNames::new(&InputOptions::default())
    }

    fn raw(text: &str) -> Result<Value, String> {
        Ok(Value::Text(text.to_string()))
    }

    #[test]
    fn a_flat_object_is_read_and_its_wanted_values_kept_raw() {
        let line =
            r#" { "id" : 7, "date":"2015-01-02","x":[1], "text": "a\"b\u0645", "n": null } "#;
        assert!(pick(line, &fields(), raw).is_none(), "an array inside");
        let line = r#" { "id" : -7.5e+2, "date":"2015-01-02", "text": "a\"b\u0645", "n": null } "#;
        let values = pick(line, &fields(), raw).expect("flat");
        let f = fields();
        let get = |name: &str| &values[f.slot(name).unwrap()];
        assert_eq!(get("id"), &Value::Text("-7.5e+2".into()));
        assert_eq!(get("text"), &Value::Text(r#""a\"b\u0645""#.into()));
        assert_eq!(get("date"), &Value::Text(r#""2015-01-02""#.into()));
    }

    #[test]
    fn what_is_not_taken_whole_is_left_to_serde_json() {
        for line in [
            r#"{"text": "a"} x"#,
            r#"{"text": "a",}"#,
            r#"{"text": "a" "id": 1}"#,
            r#"{"te\u0078t": "a"}"#,
            "{\"text\": \"tab\there\"}",
            r#"{"text": "bad \q escape"}"#,
            r#"{"text": "short \u12"}"#,
            r#"{"text": "open}"#,
            r#"{"id": 01, "text": "a"}"#,
            r#"{"id": 1., "text": "a"}"#,
            r#"{"id": -, "text": "a"}"#,
            r#"{"id": nul, "text": "a"}"#,
            r#"{"id": {}, "text": "a"}"#,
            r#"[{"text": "a"}]"#,
            "",
        ] {
            assert!(pick(line, &fields(), raw).is_none(), "{line}");
        }
        assert!(pick("{}", &fields(), raw).is_some());
        assert!(pick(r#"{"text": "a", "text": "b"}"#, &fields(), raw).is_some());
    }

    #[test]
    fn control_characters_are_found_in_every_block() {
        let long = "م".repeat(40);
        for at in [0, 5, 31, 32, 33, 63, 64, 79] {
            let mut s = long.clone().into_bytes();
            s[at] = b'\x01';
            assert!(has_control(&s), "{at}");
        }
        assert!(!has_control(long.as_bytes()));
        assert!(!has_control(b"\x7f plain"));
    }
}
