//! Web Mercator, fitted to the places with a margin.

use std::f64::consts::PI;

/// Latitudes beyond this are clamped (Web Mercator is infinite at the poles).
const MAX_LAT: f64 = 85.0;
/// The smallest extent shown, in degrees of longitude, so one place alone is not zoomed in
/// to a blur of one coastline.
const MIN_SPAN_DEG: f64 = 8.0;
/// The margin around the places, as a share of their extent.
const MARGIN: f64 = 0.18;

/// Maps longitude and latitude to pixels in a `width` × `height` map area.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// Width of the map area, pixels.
    pub width: f64,
    /// Height of the map area, pixels.
    pub height: f64,
    x0: f64,
    y1: f64,
    scale: f64,
}

/// Web Mercator x and y of a point in radians (y grows to the north).
pub fn mercator(lon: f64, lat: f64) -> (f64, f64) {
    let phi = lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
    (lon.to_radians(), (PI / 4.0 + phi / 2.0).tan().ln())
}

impl Frame {
    /// A frame `width` pixels wide that shows every point of `points` (lon, lat) with a
    /// margin; its height follows the points' shape, between 0.55 and 0.9 of the width.
    pub fn fit(points: &[(f64, f64)], width: f64) -> Frame {
        let proj: Vec<(f64, f64)> = points
            .iter()
            .map(|&(lon, lat)| mercator(lon, lat))
            .collect();
        let (mut x0, mut x1, mut y0, mut y1) = if proj.is_empty() {
            // Nothing to show: the Middle East.
            let (a, b) = (mercator(30.0, 25.0), mercator(50.0, 40.0));
            (a.0, b.0, a.1, b.1)
        } else {
            proj.iter().fold(
                (f64::MAX, f64::MIN, f64::MAX, f64::MIN),
                |(x0, x1, y0, y1), &(x, y)| (x0.min(x), x1.max(x), y0.min(y), y1.max(y)),
            )
        };
        let min_span = MIN_SPAN_DEG.to_radians();
        let grow = |lo: &mut f64, hi: &mut f64, span: f64| {
            let extra = (span - (*hi - *lo)).max(0.0) / 2.0;
            *lo -= extra;
            *hi += extra;
        };
        grow(&mut x0, &mut x1, min_span);
        grow(&mut y0, &mut y1, min_span * 0.6);
        let (mx, my) = ((x1 - x0) * MARGIN, (y1 - y0) * MARGIN);
        let (mut x0, mut x1, mut y0, mut y1) = (x0 - mx, x1 + mx, y0 - my, y1 + my);
        let aspect = ((y1 - y0) / (x1 - x0)).clamp(0.55, 0.9);
        let height = (width * aspect).round();
        // Widen whichever side is short so the scale is the same both ways.
        let ratio = height / width;
        if (y1 - y0) / (x1 - x0) < ratio {
            grow(&mut y0, &mut y1, (x1 - x0) * ratio);
        } else {
            grow(&mut x0, &mut x1, (y1 - y0) / ratio);
        }
        Frame {
            width,
            height,
            x0,
            y1,
            scale: width / (x1 - x0),
        }
    }

    /// Pixel position of a point (origin top left).
    pub fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = mercator(lon, lat);
        ((x - self.x0) * self.scale, (self.y1 - y) * self.scale)
    }

    /// The longitudes and latitudes the frame shows: (west, south, east, north).
    pub fn bounds(&self) -> (f64, f64, f64, f64) {
        let lon = |x: f64| (x / self.scale + self.x0).to_degrees();
        let lat = |y: f64| {
            let m = self.y1 - y / self.scale;
            (2.0 * m.exp().atan() - PI / 2.0).to_degrees()
        };
        (lon(0.0), lat(self.height), lon(self.width), lat(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_points_inside_with_margin() {
        let pts = [(36.3, 33.5), (44.4, 33.3), (39.0, 35.95), (43.1, 36.3)];
        let f = Frame::fit(&pts, 1000.0);
        assert!(f.height >= 550.0 && f.height <= 900.0);
        for &(lon, lat) in &pts {
            let (x, y) = f.project(lon, lat);
            assert!(
                x > 50.0 && x < 950.0 && y > 50.0 && y < f.height - 50.0,
                "{x} {y}"
            );
        }
        let (w, s, e, n) = f.bounds();
        assert!(w < 36.3 && e > 44.4 && s < 33.3 && n > 36.3);
        let one = Frame::fit(&[(38.0, 35.0)], 800.0);
        let (w, _, e, _) = one.bounds();
        assert!(e - w >= MIN_SPAN_DEG);
    }
}
