//! The prior: which of several same-named places a name means when nothing else tells.

use crate::gazetteer::{Kind, Place};

/// A score for how likely a place is to be meant by a bare mention of its name, before any
/// context: countries first, then continents and regions, then the larger of the others by
/// population (a first-level division counts as a place of a million people when its
/// population is unknown; a place of unknown population as one of 1,000).
pub fn prior(place: &Place) -> f64 {
    let pop = place.population.unwrap_or(0) as f64;
    match place.kind {
        Kind::Country => 20.0 + pop.max(1.0).log10(),
        Kind::Continent => 19.0,
        Kind::Region => 18.0,
        Kind::Admin1 => pop.max(1e6).log10(),
        Kind::Admin2 => pop.max(1e5).log10(),
        Kind::PopulatedPlace => pop.max(1e3).log10(),
        Kind::Camp | Kind::Water | Kind::Terrain | Kind::Facility => 4.5,
    }
}
