//! The JSON Lines records of `extract`: one object per mention.

use std::io::Write;

use serde_json::json;

use super::round6;
use crate::gazetteer::Gazetteer;
use crate::resolve::Mention;

/// How many characters of context `extract` shows on each side of a mention.
pub const CONTEXT_CHARS: usize = 40;

/// Writes one JSON line for `mention`, found in the document `doc` whose text is `text`.
pub fn write_mention(
    out: &mut dyn Write,
    gazetteer: &Gazetteer,
    doc: &str,
    text: &str,
    mention: &Mention,
) -> std::io::Result<()> {
    let place = gazetteer.place(mention.place as usize);
    let record = json!({
        "doc": doc,
        "start": mention.start,
        "end": mention.end,
        "text": &text[mention.start..mention.end],
        "name_start": mention.name_start,
        "place": place.id,
        "name": place.name(),
        "name_ar": place.name_ar(),
        "kind": place.kind.as_str(),
        "country": place.country,
        "admin1": place.admin1,
        "lon": round6(place.lon),
        "lat": round6(place.lat),
        "adjective": mention.adjective,
        "confidence": (f64::from(mention.confidence) * 1000.0).round() / 1000.0,
        "context": context(text, mention.start, mention.end),
    });
    serde_json::to_writer(&mut *out, &record)?;
    out.write_all(b"\n")
}

/// Up to [`CONTEXT_CHARS`] characters on each side of `start..end`, on one line.
pub fn context(text: &str, start: usize, end: usize) -> String {
    let before: String = {
        let mut v: Vec<char> = text[..start].chars().rev().take(CONTEXT_CHARS).collect();
        v.reverse();
        v.into_iter().collect()
    };
    let after: String = text[end..].chars().take(CONTEXT_CHARS).collect();
    let s = format!("{before}{}{after}", &text[start..end]);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
