//! `gazetteer lookup`: every place a name, as written in a text, may refer to.
//!
//! The name goes through the same path as text does: [`Normalizer`], then each clitic reading of
//! its first token ([`clitic_splits`]: بالرقة is also read as ب + الرقة, للرقة as ل + الرقة), and
//! each reading that is exactly a gazetteer name gives its candidates.

use std::io::{self, Write};

use serde::Serialize;

use super::{Commonness, Gazetteer, Kind, Role};
use crate::error::SourceError;
use crate::matcher::Matcher;
use crate::output::{Destination, round6, write_error};
use crate::text::Normalizer;
use crate::text::clitics::clitic_splits;
use crate::text::encoding::decode;

/// One candidate place for a looked-up name; one JSON object of the output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The place's id.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// Its first Arabic name.
    pub name_ar: Option<String>,
    /// Its kind.
    pub kind: Kind,
    /// Its country code.
    pub country: Option<String>,
    /// Its first-level division.
    pub admin1: Option<String>,
    /// Latitude (6 decimals).
    pub lat: f64,
    /// Longitude (6 decimals).
    pub lon: f64,
    /// Population, where known.
    pub population: Option<u64>,
    /// Whether it is its country's capital.
    pub capital: bool,
    /// The gazetteer name that matched, as its normalised key (clitics removed).
    pub matched: String,
    /// Whether that name is an ordinary name or an adjective of the place.
    pub role: Role,
    /// How common the matched name is as an ordinary word (Zipf, 2 decimals; 0 when it is not
    /// a known word).
    pub commonness: f64,
}

/// The candidates for `name`: bare reading first, then each clitic reading, each in gazetteer
/// order; a place named by two readings is listed under each.
pub fn lookup(gazetteer: &Gazetteer, matcher: &Matcher, name: &str) -> Vec<Hit> {
    let key = Normalizer.key(name);
    let mut entries: Vec<u32> = Vec::new();
    for s in clitic_splits(&key).iter() {
        let mut reading: Vec<u8> = s.insert.into_iter().collect();
        reading.extend_from_slice(&key[s.skip..]);
        if let Some(e) = matcher.find_key(&reading)
            && !entries.contains(&e)
        {
            entries.push(e);
        }
    }
    let mut hits = Vec::new();
    for e in entries {
        let entry = matcher.entry(e);
        let matched = decode(&entry.key);
        for c in &entry.candidates {
            let p = gazetteer.place(c.place as usize);
            hits.push(Hit {
                id: p.id.to_string(),
                name: p.name().to_string(),
                name_ar: p.name_ar().map(str::to_string),
                kind: p.kind,
                country: p.country.as_deref().map(str::to_string),
                admin1: p.admin1.as_deref().map(str::to_string),
                lat: round6(p.lat),
                lon: round6(p.lon),
                population: p.population,
                capital: p.capital,
                matched: matched.clone(),
                role: c.role,
                commonness: (f64::from(entry.zipf) * 100.0).round() / 100.0,
            });
        }
    }
    hits
}

/// The `gazetteer lookup` command: builds the name automaton of `gazetteer`, prints the
/// candidates for `name` to standard output, and fails when there are none.
pub fn run(gazetteer: &Gazetteer, name: &str) -> Result<(), SourceError> {
    let commonness = Commonness::embedded()?;
    let matcher = Matcher::new(gazetteer, &commonness)?;
    let hits = lookup(gazetteer, &matcher, name);
    if hits.is_empty() {
        let key = decode(&Normalizer.key(name));
        let message = if key.is_empty() {
            "the name normalises to nothing (only punctuation, marks or spaces)".to_string()
        } else {
            format!(
                "no place in the gazetteer is named this (normalised: {key:?}, clitic readings tried)"
            )
        };
        return Err(SourceError::new(name, message));
    }
    let mut out = Destination::create(None)?;
    write_hits(&mut out, &hits).map_err(|e| write_error("-", &e))?;
    out.finish()
}

/// Writes hits as JSON Lines.
pub fn write_hits(out: &mut impl Write, hits: &[Hit]) -> io::Result<()> {
    for h in hits {
        serde_json::to_writer(&mut *out, h)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> (Gazetteer, Matcher) {
        let mut g = Gazetteer::new();
        g.add_str(
            "t.tsv",
            "id\tkind\tcountry\tlat\tlon\tnames\n\
             t:1\tpopulated_place\tSY\t35.95\t39.01\ten:Raqqa|ar:الرقة\n\
             t:2\tpopulated_place\tSY\t35.5\t38.0\tar:الرقة|en/adj:Raqqawi\n",
        )
        .unwrap();
        let m = Matcher::new(&g, &Commonness::default()).unwrap();
        (g, m)
    }

    #[test]
    fn clitic_readings_find_the_name() {
        let (g, m) = small();
        for written in ["الرقة", "بالرقة", "وللرقة", "الرَّقَّة"] {
            let hits = lookup(&g, &m, written);
            let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
            assert_eq!(ids, ["t:1", "t:2"], "{written}");
            assert_eq!(hits[0].matched, "الرقه");
        }
        let hits = lookup(&g, &m, "raqqawi");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].role, Role::Adjective);
        assert!(lookup(&g, &m, "الرق").is_empty());
        assert!(lookup(&g, &m, "،").is_empty());
    }

    #[test]
    fn hits_are_json_lines() {
        let (g, m) = small();
        let mut out = Vec::new();
        write_hits(&mut out, &lookup(&g, &m, "Raqqa")).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with("{\"id\":\"t:1\",\"name\":\"Raqqa\",\"name_ar\":\"الرقة\",\"kind\":\"populated_place\""),
            "{text}"
        );
        assert!(
            text.ends_with("\"role\":\"name\",\"commonness\":0.0}\n"),
            "{text}"
        );
    }
}
