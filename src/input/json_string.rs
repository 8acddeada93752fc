//! The text of a JSON string literal, unescaped in one pass into a string of the right size.
//!
//! `serde_json` unescapes a string that has escapes (news text has a `\n` per paragraph) into a
//! scratch buffer that starts empty for every line and grows by doubling, then copies it out.
//! The JSON Lines reader instead takes each wanted field as the raw JSON text `serde_json` has
//! already checked, and unescapes strings here.

/// The value of the JSON string literal `raw` (with its quotes), whose syntax is already checked:
/// an escape is one of `\" \\ \/ \b \f \n \r \t \uXXXX`. A `\u` escape of half a surrogate pair
/// without its other half is an error, as it is in `serde_json`.
pub fn unescape(raw: &str) -> Result<String, String> {
    let body = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .ok_or_else(|| "not a JSON string".to_string())?;
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = memchr::memchr(b'\\', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        let escape = rest.as_bytes().get(i + 1).copied();
        rest = &rest[(i + 2).min(rest.len())..];
        let c = match escape {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let (c, used) = code_point(rest)?;
                rest = &rest[used..];
                c
            }
            _ => return Err("invalid escape".into()),
        };
        out.push(c);
    }
    out.push_str(rest);
    Ok(out)
}

/// The four hex digits at the start of `s` as a number.
fn hex4(s: &str) -> Option<u32> {
    let digits = s.get(..4)?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

/// The character of a `\u` escape whose four digits start `s` (a surrogate pair takes a second
/// escape), and how many bytes of `s` it used.
fn code_point(s: &str) -> Result<(char, usize), String> {
    let n = hex4(s).ok_or("invalid \\u escape")?;
    let (n, used) = match n {
        0xD800..=0xDBFF => {
            let low = s
                .get(4..6)
                .filter(|&u| u == "\\u")
                .and_then(|_| hex4(&s[6..]))
                .filter(|low| (0xDC00..=0xDFFF).contains(low))
                .ok_or("lone leading surrogate in hex escape")?;
            (0x10000 + ((n - 0xD800) << 10) + (low - 0xDC00), 10)
        }
        0xDC00..=0xDFFF => return Err("lone trailing surrogate in hex escape".into()),
        n => (n, 4),
    };
    let c = char::from_u32(n).ok_or("invalid \\u escape")?;
    Ok((c, used))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_serde_json() {
        let cases = [
            r#""""#,
            r#""plain الرقة""#,
            r#""a\nb\tc\\d\"e\/f\bg\fh\ri""#,
            r#""\u0645\u0646\u0628\u062c and \u00e9""#,
            r#""emoji \ud83d\ude00 end""#,
            r#""\\u0041 is not an escape""#,
            r#""ends with an escape\n""#,
        ];
        for raw in cases {
            let expected: String = serde_json::from_str(raw).unwrap();
            assert_eq!(unescape(raw).unwrap(), expected, "{raw}");
        }
    }

    #[test]
    fn half_a_surrogate_pair_is_an_error() {
        for raw in [
            r#""\ud83d""#,
            r#""\ud83d\u0041""#,
            r#""\ude00""#,
            r#""x\ud83d""#,
        ] {
            assert!(serde_json::from_str::<String>(raw).is_err(), "{raw}");
            assert!(unescape(raw).is_err(), "{raw}");
        }
    }
}
