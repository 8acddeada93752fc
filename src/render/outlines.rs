//! Country outlines: Natural Earth 1:110m (public domain) from the npm package
//! `world-atlas@2.0.2`, converted by `scripts/make_outlines.py` into `assets/countries-110m.txt`
//! (format described there) and embedded in the binary.

use super::projection::Frame;

/// The outline file, embedded.
const OUTLINES: &str = include_str!("../../assets/countries-110m.txt");

/// Where the outlines come from, for the map's credits.
pub const OUTLINE_CREDIT: &str = "Outlines: Natural Earth";

/// One country: its name and polygons (outer ring then holes), in degrees.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// English name.
    pub name: String,
    /// Polygons, each a list of rings of (lon, lat).
    pub polygons: Vec<Vec<Vec<(f64, f64)>>>,
}

/// Every country of the embedded file.
pub fn countries() -> Vec<Country> {
    OUTLINES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (name, geometry) = l.split_once('\t')?;
            let polygons = geometry
                .split('|')
                .map(|poly| poly.split(';').map(decode_ring).collect())
                .collect();
            Some(Country {
                name: name.to_string(),
                polygons,
            })
        })
        .collect()
}

fn decode_ring(ring: &str) -> Vec<(f64, f64)> {
    let (mut x, mut y) = (0i64, 0i64);
    ring.split(' ')
        .filter_map(|pair| {
            let (dx, dy) = pair.split_once(',')?;
            x += dx.parse::<i64>().ok()?;
            y += dy.parse::<i64>().ok()?;
            Some((x as f64 / 100.0, y as f64 / 100.0))
        })
        .collect()
}

/// The SVG path data (`d`) of `country` in `frame`, leaving out polygons wholly outside the
/// frame; `None` if nothing of it shows.
pub fn path_data(country: &Country, frame: &Frame) -> Option<String> {
    let (w, s, e, n) = frame.bounds();
    let mut d = String::new();
    for poly in &country.polygons {
        let Some(outer) = poly.first() else { continue };
        let (pw, ps, pe, pn) = outer.iter().fold(
            (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
            |(a, b, c, d), &(x, y)| (a.min(x), b.min(y), c.max(x), d.max(y)),
        );
        if pe < w || pw > e || pn < s || ps > n {
            continue;
        }
        for ring in poly {
            let mut last = (f64::NAN, f64::NAN);
            for (i, (lon, lat)) in unwrap_longitudes(ring).into_iter().enumerate() {
                let (x, y) = frame.project(lon, lat);
                let p = ((x * 10.0).round() / 10.0, (y * 10.0).round() / 10.0);
                if p == last {
                    continue;
                }
                d.push_str(if i == 0 { "M" } else { "L" });
                d.push_str(&format!("{} {}", p.0, p.1));
                last = p;
            }
            d.push('Z');
        }
    }
    (!d.is_empty()).then_some(d)
}

/// The ring with longitudes shifted by ±360° where it crosses the antimeridian, so that it
/// runs on continuously (off the map's edge) instead of striking across the whole map.
fn unwrap_longitudes(ring: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut shift = 0.0;
    let mut prev: Option<f64> = None;
    ring.iter()
        .map(|&(lon, lat)| {
            if let Some(p) = prev {
                if lon - p > 180.0 {
                    shift -= 360.0;
                } else if p - lon > 180.0 {
                    shift += 360.0;
                }
            }
            prev = Some(lon);
            (lon + shift, lat)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlines_load_and_syria_is_where_it_should_be() {
        let all = countries();
        assert!(all.len() > 150);
        let syria = all.iter().find(|c| c.name == "Syria").unwrap();
        let ring = &syria.polygons[0][0];
        assert!(
            ring.iter()
                .all(|&(lon, lat)| (35.0..43.0).contains(&lon) && (32.0..38.0).contains(&lat))
        );
        let frame = Frame::fit(&[(38.0, 35.0)], 800.0);
        assert!(path_data(syria, &frame).unwrap().starts_with('M'));
        let ring = unwrap_longitudes(&[(179.0, 0.0), (-179.0, 1.0), (-179.0, -1.0), (179.0, -1.0)]);
        assert_eq!(ring[1], (181.0, 1.0));
        assert_eq!(ring[3], (179.0, -1.0));
        let chile = all.iter().find(|c| c.name == "Chile").unwrap();
        assert_eq!(path_data(chile, &frame), None);
    }
}
