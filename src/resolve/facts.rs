//! What the resolver needs to know of each place, worked out once per finder.
//!
//! Scoring a candidate asks for its importance, how common its name may be, its kind, and its
//! country and division. Read from the gazetteer, that is a logarithm and a few strings per
//! candidate, for every candidate of every match; here it is one small record, with the country
//! and division turned into numbers that compare in one instruction.

use rustc_hash::FxHashMap;

use super::policy;
use crate::gazetteer::{Gazetteer, Kind};

/// [`PlaceFacts::country`] or [`PlaceFacts::admin1`] when the place has none.
pub const NONE: u32 = u32::MAX;

/// The facts about one place that resolution uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlaceFacts {
    /// [`policy::importance`].
    pub importance: f64,
    /// [`policy::expected_zipf`].
    pub expected_zipf: f32,
    /// [`policy::fame_allowance`].
    pub fame_allowance: f32,
    /// Its kind.
    pub kind: Kind,
    /// Its country, as a number (equal numbers, equal countries), or [`NONE`].
    pub country: u32,
    /// Its (country, division), as a number, or [`NONE`].
    pub admin1: u32,
    /// [`policy::transliteration_prone`].
    pub transliteration_prone: bool,
    /// [`policy::foreign_town`].
    pub foreign_town: bool,
    /// Whether it is a national capital (a populated place).
    pub capital: bool,
}

/// The [`PlaceFacts`] of every place of a gazetteer, by place index.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    places: Vec<PlaceFacts>,
    /// The pairs of a country and a land of [`SAME_LAND`], as country numbers (both ways
    /// round).
    same_land: Vec<(u32, u32)>,
}

/// Countries (ISO 3166-1 alpha-2) whose places news may give another country's adjective:
/// each with the dependent or disputed lands it holds or claims, which have codes of their own
/// (`العيون المغربية` is Laayoune, which GeoNames files under Western Sahara; `جزيرة لا
/// ريونيون الفرنسية`, `قبرص التركية`, `هونغ كونغ الصينية`).
const SAME_LAND: [(&str, &[&str]); 13] = [
    ("IL", &["PS"]),
    ("MA", &["EH"]),
    ("CN", &["HK", "MO", "TW"]),
    ("RS", &["XK"]),
    ("RU", &["UA"]),
    ("TR", &["CY"]),
    ("FI", &["AX"]),
    ("DK", &["GL", "FO"]),
    ("NL", &["AW", "CW", "SX", "BQ"]),
    ("US", &["PR", "GU", "VI", "AS", "MP"]),
    (
        "GB",
        &[
            "GG", "JE", "IM", "GI", "FK", "BM", "KY", "VG", "TC", "MS", "AI", "SH",
        ],
    ),
    (
        "FR",
        &[
            "RE", "GP", "MQ", "GF", "YT", "PF", "NC", "PM", "WF", "BL", "MF",
        ],
    ),
    ("AU", &["CX", "CC", "NF"]),
];

impl Facts {
    /// Works out the facts of every place of `gazetteer`.
    pub fn new(gazetteer: &Gazetteer) -> Self {
        let mut countries: FxHashMap<&str, u32> = FxHashMap::default();
        let mut divisions: FxHashMap<(&str, &str), u32> = FxHashMap::default();
        let facts = gazetteer
            .places()
            .iter()
            .map(|p| {
                let (country, admin1) = match p.country.as_deref() {
                    None => (NONE, NONE),
                    Some(c) => {
                        let n = countries.len() as u32;
                        let country = *countries.entry(c).or_insert(n);
                        let admin1 = p.admin1.as_deref().map_or(NONE, |a| {
                            let n = divisions.len() as u32;
                            *divisions.entry((c, a)).or_insert(n)
                        });
                        (country, admin1)
                    }
                };
                PlaceFacts {
                    importance: policy::importance(p),
                    expected_zipf: policy::expected_zipf(p),
                    fame_allowance: policy::fame_allowance(p),
                    kind: p.kind,
                    country,
                    admin1,
                    transliteration_prone: policy::transliteration_prone(p),
                    foreign_town: policy::foreign_town(p),
                    capital: p.capital && p.kind == Kind::PopulatedPlace,
                }
            })
            .collect();
        let same_land = SAME_LAND
            .iter()
            .flat_map(|(holder, lands)| lands.iter().map(move |land| (holder, land)))
            .filter_map(|(a, b)| Some((*countries.get(a)?, *countries.get(b)?)))
            .flat_map(|(a, b)| [(a, b), (b, a)])
            .collect();
        Facts {
            places: facts,
            same_land,
        }
    }

    /// The facts of the place with index `place`.
    #[inline]
    pub fn get(&self, place: u32) -> &PlaceFacts {
        &self.places[place as usize]
    }

    /// Whether two countries (as [`PlaceFacts::country`] numbers) are a country and a land it
    /// holds or claims (`SAME_LAND`).
    pub fn same_land(&self, a: u32, b: u32) -> bool {
        self.same_land.contains(&(a, b))
    }
}
