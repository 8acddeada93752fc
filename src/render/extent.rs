//! Which places the map frame is fitted to: all of them, or the core that holds most of the
//! mentions, so that a few far-off places do not shrink the region the news is about to a
//! speck on a world map.

use std::fmt;
use std::str::FromStr;

/// The share of mentions trimmed from each side (west, east, south, north) by [`Fit::Core`].
pub const CORE_TRIM: f64 = 0.08;

/// How the frame is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fit {
    /// The box between the mention-weighted 8th and 92nd percentiles of longitude and latitude
    /// (places outside it may fall off the map, and the subtitle says how many).
    #[default]
    Core,
    /// Every place.
    All,
}

impl fmt::Display for Fit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Fit::Core => "core",
            Fit::All => "all",
        })
    }
}

impl FromStr for Fit {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "core" => Ok(Fit::Core),
            "all" => Ok(Fit::All),
            _ => Err(format!("unknown fit {s:?} (expected core or all)")),
        }
    }
}

/// The points (lon, lat) the frame must show, out of `places` (lon, lat, mentions).
pub fn frame_points(places: &[(f64, f64, u64)], fit: Fit) -> Vec<(f64, f64)> {
    let all = || places.iter().map(|&(x, y, _)| (x, y)).collect();
    if fit == Fit::All || places.len() < 3 {
        return all();
    }
    let (w, e) = weighted_range(places.iter().map(|&(x, _, m)| (x, m)));
    let (s, n) = weighted_range(places.iter().map(|&(_, y, m)| (y, m)));
    let core: Vec<(f64, f64)> = places
        .iter()
        .filter(|&&(x, y, _)| (w..=e).contains(&x) && (s..=n).contains(&y))
        .map(|&(x, y, _)| (x, y))
        .collect();
    if core.is_empty() { all() } else { core }
}

/// The values at the weighted [`CORE_TRIM`] and 1 − [`CORE_TRIM`] quantiles.
fn weighted_range(values: impl Iterator<Item = (f64, u64)>) -> (f64, f64) {
    let mut v: Vec<(f64, u64)> = values.map(|(x, m)| (x, m.max(1))).collect();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: u64 = v.iter().map(|p| p.1).sum();
    let cut = (total as f64 * CORE_TRIM).floor() as u64;
    let quantile = |it: &mut dyn Iterator<Item = &(f64, u64)>| {
        let mut acc = 0;
        for &(x, m) in it {
            acc += m;
            if acc > cut {
                return x;
            }
        }
        f64::NAN
    };
    (quantile(&mut v.iter()), quantile(&mut v.iter().rev()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_leaves_out_far_small_places() {
        let places = [
            (38.0, 35.0, 40),
            (44.0, 33.0, 30),
            (39.0, 36.0, 20),
            (-98.0, 39.0, 3),
            (104.0, 35.0, 2),
        ];
        let core = frame_points(&places, Fit::Core);
        assert_eq!(core.len(), 3);
        assert_eq!(frame_points(&places, Fit::All).len(), 5);
    }
}
