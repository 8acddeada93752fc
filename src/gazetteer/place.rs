//! The gazetteer's data model: [`Place`], [`Kind`], [`Name`].

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What sort of place a row describes; the `kind` property of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A continent (Europe, Asia, Africa...).
    Continent,
    /// A named region larger or other than one division: the Middle East, the Gulf, the Levant,
    /// Darfur, the Sahel, Sinai.
    Region,
    /// A sovereign country or a dependent territory with its own ISO 3166-1 code.
    Country,
    /// A first-level division: a governorate, province, state, region of a country.
    Admin1,
    /// A second-level division: a district (منطقة، قضاء), county.
    Admin2,
    /// A city, town, village or neighbourhood.
    PopulatedPlace,
    /// A refugee or displacement camp (مخيم), including Palestinian camps that are now quarters.
    Camp,
    /// A river, lake, sea, reservoir or other body of water.
    Water,
    /// A mountain or range, desert, plain, valley, island or other natural feature.
    Terrain,
    /// A built site: a dam, border crossing, oil or gas field, airport, air base, bridge.
    Facility,
}

impl Kind {
    /// Every kind, in the order of the list above.
    pub const ALL: [Kind; 10] = [
        Kind::Continent,
        Kind::Region,
        Kind::Country,
        Kind::Admin1,
        Kind::Admin2,
        Kind::PopulatedPlace,
        Kind::Camp,
        Kind::Water,
        Kind::Terrain,
        Kind::Facility,
    ];

    /// The name used in files and output (`populated_place`...).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Continent => "continent",
            Kind::Region => "region",
            Kind::Country => "country",
            Kind::Admin1 => "admin1",
            Kind::Admin2 => "admin2",
            Kind::PopulatedPlace => "populated_place",
            Kind::Camp => "camp",
            Kind::Water => "water",
            Kind::Terrain => "terrain",
            Kind::Facility => "facility",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let all: Vec<_> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                format!("unknown kind {s:?} (expected one of {})", all.join(", "))
            })
    }
}

/// How a name refers to its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// An ordinary name (سوريا, Syria).
    Name,
    /// A demonym or adjective (السوري, Syrian): counted only with `--adjectives`.
    Adjective,
}

/// A string of the gazetteer: stored inline up to 24 bytes (most names, codes and ids), so that
/// loading the embedded default's 47,000 places does not allocate half a million small strings
/// (a fifth of start-up).
pub type SmallText = compact_str::CompactString;

/// One name of a place, as written in the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    /// The name as written.
    pub text: SmallText,
    /// Its language code (`ar`, `en`, `und`...).
    pub lang: SmallText,
    /// Whether it is a name or an adjective.
    pub role: Role,
}

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Stable identifier (`gn:163843`, `mm:baghuz`).
    pub id: SmallText,
    /// What sort of place it is.
    pub kind: Kind,
    /// ISO 3166-1 alpha-2 code, or `None` for a place spanning countries.
    pub country: Option<SmallText>,
    /// English name of the first-level division it lies in.
    pub admin1: Option<SmallText>,
    /// Latitude, WGS84 degrees.
    pub lat: f64,
    /// Longitude, WGS84 degrees.
    pub lon: f64,
    /// Population, where known.
    pub population: Option<u64>,
    /// Whether it is the capital of its country. A bare name of a capital means the city, not
    /// the division of the same name around it (`الدوحة` is Doha, not the municipality of
    /// Ad Dawhah): see `resolve::policy::importance`.
    pub capital: bool,
    /// Its names, in file order.
    pub names: Vec<Name>,
    /// Where the row came from.
    pub source: SmallText,
}

impl Place {
    /// The display name: the first English name, else the first Latin-script name, else the
    /// first name at all.
    pub fn name(&self) -> &str {
        let ordinary = || self.names.iter().filter(|n| n.role == Role::Name);
        ordinary()
            .find(|n| n.lang == "en")
            .or_else(|| ordinary().find(|n| is_latin(&n.text)))
            .or_else(|| ordinary().next())
            .or_else(|| self.names.first())
            .map(|n| n.text.as_str())
            .unwrap_or(&self.id)
    }

    /// The first Arabic name, if any.
    pub fn name_ar(&self) -> Option<&str> {
        self.names
            .iter()
            .find(|n| n.lang == "ar" && n.role == Role::Name)
            .map(|n| n.text.as_str())
    }
}

fn is_latin(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_alphabetic())
}
