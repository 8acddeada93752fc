//! `mentionmap render`: a layer of `count` drawn as a map, for a look without a GIS.
//!
//! [`layer`] reads the GeoJSON back; [`extent`] chooses the places to frame and [`projection`] fits Web Mercator
//! to them;
//! [`outlines`] draws the embedded Natural Earth country outlines; [`scale`] sizes the circles
//! (area ∝ mentions); [`labels`] places names without overlap; [`svg`] draws the map; [`png`]
//! rasterises it with resvg; [`html`] wraps it in a self-contained interactive page.

pub mod extent;
pub mod html;
pub mod labels;
pub mod layer;
pub mod outlines;
pub mod png;
pub mod projection;
pub mod scale;
pub mod svg;

use std::io::Write;
use std::path::Path;

pub use extent::Fit;

use crate::error::{SourceError, describe_io};
use crate::output::{Destination, write_error};

/// How to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    /// The title above the map (default: "Places in the news").
    pub title: Option<String>,
    /// How many of the most mentioned places get a label.
    pub labels: usize,
    /// Width of the picture, pixels.
    pub width: u32,
    /// Which places the frame is fitted to.
    pub fit: Fit,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            title: None,
            labels: 15,
            width: 1000,
            fit: Fit::Core,
        }
    }
}

/// Reads the layer `input` and writes the picture `output`: SVG, PNG or HTML by its extension.
pub fn render_file(
    input: &Path,
    output: &Path,
    options: &RenderOptions,
) -> Result<(), SourceError> {
    let name = input.display().to_string();
    let text =
        std::fs::read_to_string(input).map_err(|e| SourceError::new(&name, describe_io(&e)))?;
    let layer = layer::read_layer(&text).map_err(|e| SourceError::new(&name, e))?;
    let ext = output
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let out_name = output.display().to_string();
    let bytes = match ext.as_str() {
        "svg" => svg::draw_svg(&layer, options, false).into_bytes(),
        "png" => png::svg_to_png(&svg::draw_svg(&layer, options, false))
            .map_err(|e| SourceError::new(&out_name, e))?,
        "html" | "htm" => html::draw_html(&layer, options).into_bytes(),
        _ => {
            return Err(SourceError::new(
                &out_name,
                "the picture's name must end in .svg, .png or .html".into(),
            ));
        }
    };
    let mut out = Destination::create(Some(output))?;
    out.write_all(&bytes)
        .map_err(|e| write_error(&out.name(), &e))?;
    out.finish()
}
