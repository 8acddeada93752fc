//! `gazetteer import`: turning other place lists into our gazetteer format.
//!
//! Each importer reads one kind of source ([`geonames`]: the GeoNames dumps; [`csv`]: a user's
//! spreadsheet) and hands [`ImportedPlace`]s to a [`TsvWriter`], which writes the columns of
//! `gazetteer/README.md` to an atomically written [`Destination`].

pub mod csv;
mod feature;
pub mod geonames;

use std::fmt;
use std::io::{self, Write};

pub use feature::kind_for_feature;

use super::place::Name;
use crate::output::Destination;
use crate::text::Normalizer;

/// One place ready to be written as a gazetteer row: a [`Place`](crate::gazetteer::Place) (the
/// first `en` name becomes the display name; `population` is `None` when unknown or zero).
pub type ImportedPlace = crate::gazetteer::Place;

/// What an import wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Places (rows) written.
    pub places: usize,
    /// Names written over all places.
    pub names: usize,
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} places, {} names", self.places, self.names)
    }
}

/// The header line of every file we write.
const HEADER: &str = "id\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\tcapital\tnames\tsource";

/// Writes gazetteer rows: `#` comment lines and the header first, then one row per place.
pub struct TsvWriter<W: Write> {
    out: W,
    summary: ImportSummary,
}

impl<W: Write> TsvWriter<W> {
    /// Starts a file with `comments` (each written as a `# ` line) and the header.
    pub fn new(mut out: W, comments: &[String]) -> io::Result<Self> {
        for c in comments {
            writeln!(out, "# {}", cell(c))?;
        }
        writeln!(out, "{HEADER}")?;
        Ok(TsvWriter {
            out,
            summary: ImportSummary::default(),
        })
    }

    /// Writes one place. Names that the format cannot hold (empty, or containing `|`, a tab or a
    /// line break) must have been removed with [`usable_name`] before.
    pub fn write(&mut self, p: &ImportedPlace) -> io::Result<()> {
        let names: Vec<String> = p
            .names
            .iter()
            .map(|n| match n.role {
                super::Role::Name => format!("{}:{}", n.lang, n.text),
                super::Role::Adjective => format!("{}/adj:{}", n.lang, n.text),
            })
            .collect();
        writeln!(
            self.out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            cell(&p.id),
            p.kind,
            p.country.as_deref().unwrap_or(""),
            cell(p.admin1.as_deref().unwrap_or("")),
            p.lat,
            p.lon,
            p.population.map(|n| n.to_string()).unwrap_or_default(),
            if p.capital { "yes" } else { "" },
            names.join("|"),
            cell(&p.source),
        )?;
        self.summary.places += 1;
        self.summary.names += p.names.len();
        Ok(())
    }

    /// What has been written so far.
    pub fn summary(&self) -> ImportSummary {
        self.summary
    }

    /// The underlying writer.
    pub fn into_inner(self) -> W {
        self.out
    }
}

impl TsvWriter<Destination> {
    /// Flushes the rows and, for a file, moves it into place; returns what was written.
    pub fn finish(self) -> Result<ImportSummary, crate::SourceError> {
        let summary = self.summary;
        self.out.finish()?;
        Ok(summary)
    }
}

/// A cell value with the characters that would break a TSV row (tab, line breaks) made spaces.
fn cell(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// `text` trimmed, if the gazetteer format can hold it as a name and it leaves something to
/// match once normalised; `None` for an empty name, one containing `|`, a tab or a line break,
/// or one of only punctuation, marks or spaces.
pub fn usable_name(text: &str) -> Option<&str> {
    let t = text.trim();
    if t.is_empty() || t.contains(['|', '\t', '\n', '\r']) || Normalizer.key(t).is_empty() {
        return None;
    }
    Some(t)
}

/// Whether `tag` can be written as a language code of the format (ASCII letters, digits, `-`).
pub fn valid_language(tag: &str) -> bool {
    !tag.is_empty() && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Appends a name unless the same text is already there (the first language given wins).
fn push_name(names: &mut Vec<Name>, lang: &str, text: &str) {
    if names.iter().any(|n| n.text == text) {
        return;
    }
    names.push(Name {
        text: text.into(),
        lang: lang.into(),
        role: super::Role::Name,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Kind;

    #[test]
    fn rows_round_trip_through_the_loader() {
        let place = ImportedPlace {
            id: "t:1".into(),
            kind: Kind::Camp,
            country: Some("SY".into()),
            admin1: Some("Al\tHasakah".into()),
            lat: 36.4,
            lon: 40.9,
            population: None,
            capital: true,
            names: vec![Name {
                text: "مخيم الهول".into(),
                lang: "ar".into(),
                role: super::super::Role::Name,
            }],
            source: "test".into(),
        };
        let mut w = TsvWriter::new(Vec::new(), &["made by a test".into()]).unwrap();
        w.write(&place).unwrap();
        assert_eq!(w.summary().places, 1);
        let text = String::from_utf8(w.into_inner()).unwrap();
        let mut g = crate::gazetteer::Gazetteer::new();
        g.add_str("t.tsv", &text).unwrap();
        let p = g.get("t:1").unwrap();
        assert_eq!(p.admin1.as_deref(), Some("Al Hasakah"));
        assert_eq!(p.name_ar(), Some("مخيم الهول"));
        assert_eq!(p.kind, Kind::Camp);
        assert!(p.capital);
    }

    #[test]
    fn unusable_names() {
        assert_eq!(usable_name("  Raqqa "), Some("Raqqa"));
        assert_eq!(usable_name("a|b"), None);
        assert_eq!(usable_name(" - "), None);
        assert!(valid_language("zh-CN"));
        assert!(!valid_language("fr_1793"));
    }
}
