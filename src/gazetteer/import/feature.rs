//! GeoNames feature class and code → our [`Kind`].
//!
//! GeoNames files every feature under a one-letter class and a code
//! (<https://www.geonames.org/export/codes.html>). The table:
//!
//! | GeoNames | kind |
//! |---|---|
//! | `P.*` (city, town, village, quarter) | `populated_place`, or `camp` when its name or ASCII name has the word "camp" or starts with "Mukhayyam"/"Mukhayam" |
//! | `A.PCLI`, `A.PCL`, `A.PCLD`, `A.PCLF`, `A.PCLS`, `A.TERR` | `country` |
//! | `A.ADM1` | `admin1` |
//! | `A.ADM2` | `admin2` |
//! | `H.*` (river, lake, sea, reservoir, wadi, spring, well) | `water` |
//! | `T.*` (mountain, range, desert, plain, island, valley) | `terrain` |
//! | `L.OAS` (oasis), `L.CST` (coast) | `terrain` |
//! | `S.CMPRF` (refugee camp) | `camp` |
//! | `S.*` otherwise (dam, airport, bridge, border post, building) | `facility` |
//! | `L.OILF`, `L.GASF`, `L.COLF`, `L.MNA`, `L.MILB`, `L.NVB`, `L.PRT`, `L.INDS` (oil, gas and coal fields, mines, bases, ports, industrial areas) | `facility` |
//! | `L.RGN`, `L.RGNE`, `L.RGNH`, `L.RGNL`, `L.AREA`, `L.ZNB` (regions, areas, buffer zones) | `region` |
//! | `L.CONT` | `continent` |
//!
//! Everything else is skipped: other `A` codes (third- to fifth-level divisions, historical
//! divisions, dependent sections), the rest of `L` (parks, reserves, localities), `R` (roads,
//! railways), `U` (undersea features) and `V` (forests, groves), and rows with no class.

use crate::gazetteer::Kind;

/// The kind of a GeoNames feature, or `None` when it is not imported. `names` are the feature's
/// name and ASCII name (read for the word "camp" in populated places).
pub fn kind_for_feature(class: &str, code: &str, names: &[&str]) -> Option<Kind> {
    let kind = match (class, code) {
        ("P", _) if names.iter().any(|n| names_a_camp(n)) => Kind::Camp,
        ("P", _) => Kind::PopulatedPlace,
        ("A", "PCLI" | "PCL" | "PCLD" | "PCLF" | "PCLS" | "TERR") => Kind::Country,
        ("A", "ADM1") => Kind::Admin1,
        ("A", "ADM2") => Kind::Admin2,
        ("H", _) => Kind::Water,
        ("T", _) | ("L", "OAS" | "CST") => Kind::Terrain,
        ("S", "CMPRF") => Kind::Camp,
        ("S", _) => Kind::Facility,
        ("L", "OILF" | "GASF" | "COLF" | "MNA" | "MILB" | "NVB" | "PRT" | "INDS") => Kind::Facility,
        ("L", "RGN" | "RGNE" | "RGNH" | "RGNL" | "AREA" | "ZNB") => Kind::Region,
        ("L", "CONT") => Kind::Continent,
        _ => return None,
    };
    Some(kind)
}

/// Whether a populated place's name says it is a camp.
fn names_a_camp(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "camp")
        || lower.starts_with("mukhayyam")
        || lower.starts_with("mukhayam")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let k = |c, f, n| kind_for_feature(c, f, &[n]);
        assert_eq!(k("P", "PPLA", "Ar Raqqah"), Some(Kind::PopulatedPlace));
        assert_eq!(k("P", "PPL", "Al-Hol Camp"), Some(Kind::Camp));
        assert_eq!(k("P", "PPL", "Mukhayyam al Yarmuk"), Some(Kind::Camp));
        assert_eq!(k("P", "PPL", "Campo Grande"), Some(Kind::PopulatedPlace));
        assert_eq!(k("A", "PCLI", "Syria"), Some(Kind::Country));
        assert_eq!(k("A", "ADM1", "Dimashq"), Some(Kind::Admin1));
        assert_eq!(k("A", "ADM3", "Nahiyat"), None);
        assert_eq!(k("H", "STM", "Euphrates"), Some(Kind::Water));
        assert_eq!(k("S", "DAM", "Tabqa Dam"), Some(Kind::Facility));
        assert_eq!(k("S", "CMPRF", "Al Hol"), Some(Kind::Camp));
        assert_eq!(k("L", "RGN", "Jazira"), Some(Kind::Region));
        assert_eq!(k("R", "RD", "M5"), None);
        assert_eq!(k("", "", "x"), None);
    }
}
