//! From a file's bytes to text: gzip, byte-order mark, UTF-8 with replacement.

use std::io::Read;

use crate::error::SourceError;

/// Text decoded from one file, and the warning to show if it needed fixing.
#[derive(Debug)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// One warning per file whose bytes were not all valid UTF-8.
    pub warning: Option<SourceError>,
}

/// Decodes a file's bytes: gunzips when they start with the gzip magic number, drops a UTF-8
/// byte-order mark, and replaces invalid UTF-8 with U+FFFD (counting the replacements).
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<Decoded, SourceError> {
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::with_capacity(bytes.len() * 4);
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_end(&mut out)
            .map_err(|e| SourceError::new(name, format!("cannot decompress gzip: {e}")))?;
        out
    } else {
        bytes
    };
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(body) {
        Ok(s) => Ok(Decoded {
            text: s.to_string(),
            warning: None,
        }),
        Err(_) => {
            let text = String::from_utf8_lossy(body).into_owned();
            let bad = body
                .utf8_chunks()
                .filter(|c| !c.invalid().is_empty())
                .count();
            Ok(Decoded {
                warning: Some(SourceError::new(
                    name,
                    format!("not valid UTF-8: {bad} invalid byte sequence(s) replaced with U+FFFD"),
                )),
                text,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped_and_invalid_bytes_counted() {
        let d = decode("a", b"\xEF\xBB\xBFabc".to_vec()).unwrap();
        assert_eq!(d.text, "abc");
        assert!(d.warning.is_none());
        let d = decode("b.txt", b"ab\xFFc\xFE".to_vec()).unwrap();
        assert_eq!(d.text, "ab\u{FFFD}c\u{FFFD}");
        let w = d.warning.unwrap().to_string();
        assert!(w.starts_with("b.txt: not valid UTF-8: 2 invalid"), "{w}");
    }
}
