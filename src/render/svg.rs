//! Drawing a layer as an SVG map: sea, country outlines, circles (area ∝ mentions, largest
//! drawn first), labels for the top places, a legend, a title and the credits.
//!
//! Labels are the Arabic names where known. Arabic is shaped by the viewer (browsers, resvg):
//! each Arabic label has `direction="rtl"` and `unicode-bidi="embed"` and is centred
//! (`text-anchor="middle"`), so its position does not depend on the direction; the font list
//! starts with DejaVu Sans, which has Arabic glyphs.

use std::fmt::Write;

use super::RenderOptions;
use super::extent::frame_points;
use super::labels::{place_labels, text_width};
use super::layer::MapLayer;
use super::outlines::{OUTLINE_CREDIT, countries, path_data};
use super::projection::Frame;
use super::scale::{legend_values, max_radius, radius};

/// The fonts asked for, in order.
pub const FONT_FAMILY: &str =
    "'DejaVu Sans', 'Noto Sans Arabic', 'Noto Sans', Tahoma, Arial, sans-serif";
/// Height of the title band, pixels.
const HEADER: f64 = 64.0;
/// Fill of the circles.
const CIRCLE_FILL: &str = "#d7301f";

/// The SVG document of `layer`. With `interactive`, circles carry no `<title>` (the HTML page
/// shows its own tooltips); each circle has `class="place"` and `data-i`, its index in
/// `layer.places`.
pub fn draw_svg(layer: &MapLayer, options: &RenderOptions, interactive: bool) -> String {
    let width = f64::from(options.width.max(300));
    let weighted: Vec<(f64, f64, u64)> = layer
        .places
        .iter()
        .map(|p| (p.lon, p.lat, p.mentions))
        .collect();
    let frame = Frame::fit(&frame_points(&weighted, options.fit), width);
    let credits = match &layer.attribution {
        Some(a) => format!("{OUTLINE_CREDIT}. {a}"),
        None => format!("{OUTLINE_CREDIT}."),
    };
    let credit_lines = wrap(&credits, width - 16.0, 10.0);
    let footer = 8.0 + 13.0 * credit_lines.len() as f64;
    let height = HEADER + frame.height + footer;
    let mut s = String::with_capacity(1 << 16);
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{}">"#,
        escape(FONT_FAMILY)
    );
    let _ = write!(
        s,
        r##"<rect width="{width}" height="{height}" fill="#ffffff"/>"##
    );
    header(&mut s, layer, options, outside(layer, &frame));
    let _ = write!(
        s,
        r##"<clipPath id="map-clip"><rect width="{width}" height="{}"/></clipPath><g transform="translate(0 {HEADER})" clip-path="url(#map-clip)">"##,
        frame.height
    );
    let _ = write!(
        s,
        r##"<rect width="{width}" height="{}" fill="#dbe9f1"/>"##,
        frame.height
    );
    s.push_str(r##"<g class="land" fill="#f3f0e8" stroke="#a9a294" stroke-width="0.8" stroke-linejoin="round">"##);
    for c in countries() {
        if let Some(d) = path_data(&c, &frame) {
            let _ = write!(
                s,
                r#"<path d="{d}"><title>{}</title></path>"#,
                escape(&c.name)
            );
        }
    }
    s.push_str("</g>");
    circles(&mut s, layer, &frame, interactive);
    labels(&mut s, layer, &frame, options.labels);
    legend(&mut s, layer, &frame);
    s.push_str("</g>");
    for (i, line) in credit_lines.iter().enumerate() {
        let _ = write!(
            s,
            r##"<text x="8" y="{}" font-size="10" fill="#777777">{}</text>"##,
            HEADER + frame.height + 15.0 + 13.0 * i as f64,
            escape(line)
        );
    }
    s.push_str("</svg>\n");
    s
}

/// How many places lie outside the frame.
fn outside(layer: &MapLayer, frame: &Frame) -> usize {
    layer
        .places
        .iter()
        .filter(|p| {
            let (x, y) = frame.project(p.lon, p.lat);
            x < 0.0 || y < 0.0 || x > frame.width || y > frame.height
        })
        .count()
}

/// `text` cut at spaces into lines of at most `width` pixels at font `size` (estimated).
fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, size) > width {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    lines.push(line);
    lines
}

fn header(s: &mut String, layer: &MapLayer, options: &RenderOptions, outside: usize) {
    let title = options.title.as_deref().unwrap_or("Places in the news");
    let _ = write!(
        s,
        r##"<text class="title" x="16" y="32" font-size="22" font-weight="bold" fill="#222222">{}</text>"##,
        escape(title)
    );
    let mut sub = format!("{} places", layer.places.len());
    if let Some(d) = layer.documents {
        let _ = write!(sub, " in {d} documents");
    }
    sub.push_str(" · circle area proportional to mentions");
    if outside > 0 {
        let _ = write!(sub, " · {outside} off the map (--fit all shows them)");
    }
    let _ = write!(
        s,
        r##"<text x="16" y="52" font-size="13" fill="#555555">{}</text>"##,
        escape(&sub)
    );
}

fn circles(s: &mut String, layer: &MapLayer, frame: &Frame, interactive: bool) {
    let max = layer.places.first().map_or(1, |p| p.mentions);
    let r_max = max_radius(frame.width);
    let _ = write!(
        s,
        r##"<g class="places" fill="{CIRCLE_FILL}" fill-opacity="0.6" stroke="#ffffff" stroke-width="1">"##
    );
    // Largest first, so small circles stay on top and can be hovered.
    for (i, p) in layer.places.iter().enumerate() {
        let (x, y) = frame.project(p.lon, p.lat);
        let r = radius(p.mentions, max, r_max);
        let _ = write!(
            s,
            r#"<circle class="place" data-i="{i}" cx="{:.1}" cy="{:.1}" r="{:.2}">"#,
            x, y, r
        );
        if !interactive {
            let _ = write!(
                s,
                "<title>{} ({}): {} mentions, {} documents</title>",
                escape(p.label()),
                escape(&p.name),
                p.mentions,
                p.documents
            );
        }
        s.push_str("</circle>");
    }
    s.push_str("</g>");
}

fn labels(s: &mut String, layer: &MapLayer, frame: &Frame, n: usize) {
    let max = layer.places.first().map_or(1, |p| p.mentions);
    let r_max = max_radius(frame.width);
    let items: Vec<(usize, &str, f64, f64, f64, f64)> = layer
        .places
        .iter()
        .take(n)
        .enumerate()
        .map(|(i, p)| {
            let (x, y) = frame.project(p.lon, p.lat);
            let size = if i < 3 { 15.0 } else { 13.0 };
            (i, p.label(), x, y, radius(p.mentions, max, r_max), size)
        })
        .collect();
    let placed = place_labels(&items, frame.width, frame.height);
    s.push_str(r##"<g class="labels" fill="#1a1a1a" text-anchor="middle">"##);
    for halo in [true, false] {
        for l in &placed {
            let text = layer.places[l.place].label();
            let dir = if is_rtl(text) {
                r#" direction="rtl" unicode-bidi="embed""#
            } else {
                ""
            };
            let paint = if halo {
                r##" fill="#ffffff" stroke="#ffffff" stroke-width="3.5" stroke-linejoin="round" opacity="0.85""##
            } else {
                ""
            };
            let weight = if l.size > 14.0 {
                r#" font-weight="bold""#
            } else {
                ""
            };
            let _ = write!(
                s,
                r#"<text x="{:.1}" y="{:.1}" font-size="{}"{dir}{paint}{weight}>{}</text>"#,
                l.x,
                l.y,
                l.size,
                escape(text)
            );
        }
    }
    s.push_str("</g>");
}

fn legend(s: &mut String, layer: &MapLayer, frame: &Frame) {
    let max = layer.places.first().map_or(0, |p| p.mentions);
    let values = legend_values(max);
    if values.is_empty() {
        return;
    }
    let r_max = max_radius(frame.width);
    let big = radius(values[0], max, r_max);
    let (bw, bh) = (2.0 * big + 110.0, 2.0 * big + 44.0);
    let (x0, y0) = (10.0, frame.height - bh - 10.0);
    let _ = write!(
        s,
        r##"<g class="legend"><rect x="{x0}" y="{y0:.1}" width="{bw:.1}" height="{bh:.1}" rx="4" fill="#ffffff" fill-opacity="0.88" stroke="#bbbbbb"/><text x="{}" y="{:.1}" font-size="12" fill="#333333">Mentions</text>"##,
        x0 + 10.0,
        y0 + 18.0
    );
    let cx = x0 + 12.0 + big;
    let bottom = y0 + bh - 10.0;
    for v in values {
        let r = radius(v, max, r_max);
        let cy = bottom - r;
        let _ = write!(
            s,
            r##"<circle cx="{cx:.1}" cy="{cy:.1}" r="{r:.2}" fill="{CIRCLE_FILL}" fill-opacity="0.25" stroke="#555555" stroke-width="0.8"/><line x1="{cx:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#777777" stroke-width="0.6"/><text x="{:.1}" y="{:.1}" font-size="11" fill="#333333">{v}</text>"##,
            bottom - 2.0 * r,
            cx + big + 10.0,
            bottom - 2.0 * r,
            cx + big + 13.0,
            bottom - 2.0 * r + 4.0
        );
    }
    s.push_str("</g>");
}

/// Whether `text` starts (first strong character) right to left: Arabic, Hebrew, Syriac...
pub fn is_rtl(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF))
}

/// `text` escaped for XML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}
