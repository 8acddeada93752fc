//! Placing place names without overlap: each label tries above, below, right and left of its
//! circle, and is left out if all four overlap a label already placed.

/// A label placed on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Index of the place it names.
    pub place: usize,
    /// Anchor x (the label's centre).
    pub x: f64,
    /// Baseline y.
    pub y: f64,
    /// Font size, pixels.
    pub size: f64,
}

/// A box: left, top, right, bottom.
type Rect = (f64, f64, f64, f64);

/// An estimate of the width of `text` in pixels at `size` (no font metrics at hand).
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.6 } else { 0.5 })
        .sum::<f64>()
        * size
}

/// Places labels for `items` (place index, text, circle x, y, radius, font size), in order of
/// priority, inside a `width` × `height` area.
pub fn place_labels(
    items: &[(usize, &str, f64, f64, f64, f64)],
    width: f64,
    height: f64,
) -> Vec<Placed> {
    let mut taken: Vec<Rect> = Vec::new();
    let mut out = Vec::new();
    for &(place, text, cx, cy, r, size) in items {
        let w = text_width(text, size);
        let h = size * 1.2;
        let candidates = [
            (cx, cy - r - 4.0),
            (cx, cy + r + size + 2.0),
            (cx + r + 4.0 + w / 2.0, cy + size * 0.35),
            (cx - r - 4.0 - w / 2.0, cy + size * 0.35),
        ];
        let fits = |&(x, y): &(f64, f64)| {
            let b = (x - w / 2.0, y - size, x + w / 2.0, y - size + h);
            let inside = b.0 >= 2.0 && b.1 >= 2.0 && b.2 <= width - 2.0 && b.3 <= height - 2.0;
            inside && !taken.iter().any(|t| overlaps(t, &b))
        };
        if let Some(&(x, y)) = candidates.iter().find(|c| fits(c)) {
            taken.push((x - w / 2.0, y - size, x + w / 2.0, y - size + h));
            out.push(Placed { place, x, y, size });
        }
    }
    out
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_label_moves_or_drops() {
        let items = [
            (0, "Raqqa", 100.0, 100.0, 10.0, 12.0),
            (1, "Tabqa", 102.0, 100.0, 10.0, 12.0),
            (2, "Tabqa", 101.0, 101.0, 10.0, 12.0),
            (3, "Tabqa", 101.0, 101.0, 10.0, 12.0),
            (4, "Tabqa", 101.0, 101.0, 10.0, 12.0),
        ];
        let placed = place_labels(&items, 400.0, 400.0);
        assert_eq!(placed.len(), 4);
        assert!(placed[1].y > placed[0].y);
    }
}
