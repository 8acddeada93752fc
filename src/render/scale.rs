//! Circle sizes: area proportional to mentions, and the round values the legend shows.

/// Radius of the largest circle for a map `width` pixels wide.
pub fn max_radius(width: f64) -> f64 {
    (width * 0.055).clamp(18.0, 70.0)
}

/// The smallest radius drawn, so that a place mentioned once is still visible.
pub const MIN_RADIUS: f64 = 2.5;

/// The radius of a place with `mentions` when the most mentioned has `max` and its radius is
/// `r_max`: area ∝ mentions (above [`MIN_RADIUS`]).
pub fn radius(mentions: u64, max: u64, r_max: f64) -> f64 {
    if max == 0 {
        return MIN_RADIUS;
    }
    (r_max * (mentions as f64 / max as f64).sqrt()).max(MIN_RADIUS)
}

/// Up to three round values (1, 2, 3, 4, 5, 6 or 8 times a power of ten) for the legend,
/// largest first: the largest not above `max`, then about a quarter and a sixteenth of it.
pub fn legend_values(max: u64) -> Vec<u64> {
    let mut v: Vec<u64> = [max, max / 4, max / 16]
        .into_iter()
        .filter(|&x| x >= 1)
        .map(round_down)
        .collect();
    v.dedup();
    v
}

/// The largest of 1, 2, 3, 4, 5, 6, 8, 10, 20... not above `x` (x ≥ 1).
fn round_down(x: u64) -> u64 {
    let mut p = 1u64;
    while p * 10 <= x {
        p *= 10;
    }
    [8, 6, 5, 4, 3, 2, 1]
        .into_iter()
        .map(|m| m * p)
        .find(|&v| v <= x)
        .unwrap_or(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_and_legend() {
        let r4 = radius(4, 16, 40.0);
        assert!((r4 - 20.0).abs() < 1e-9);
        assert_eq!(radius(0, 16, 40.0), MIN_RADIUS);
        assert_eq!(legend_values(37), vec![30, 8, 2]);
        assert_eq!(legend_values(3), vec![3]);
        assert_eq!(legend_values(1000), vec![1000, 200, 60]);
    }
}
