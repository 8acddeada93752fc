//! The self-contained HTML page of `render`: the SVG map inline, hover tooltips (name,
//! mentions, documents, top forms), and a table of the places sortable by any column. No
//! script, style or font is loaded from the network.

use serde_json::json;

use super::RenderOptions;
use super::layer::MapLayer;
use super::svg::{draw_svg, escape};

/// The page template.
const PAGE: &str = include_str!("page.html");
/// How many surface forms the tooltip and the table show.
const TOP_FORMS: usize = 5;

/// The HTML page of `layer`.
pub fn draw_html(layer: &MapLayer, options: &RenderOptions) -> String {
    let svg = draw_svg(layer, options, true);
    let data: Vec<_> = layer
        .places
        .iter()
        .map(|p| {
            json!({
                "id": p.id,
                "name": p.name,
                "name_ar": p.name_ar,
                "mentions": p.mentions,
                "documents": p.documents,
                "forms": p.forms.iter().take(TOP_FORMS).collect::<Vec<_>>(),
            })
        })
        .collect();
    // `<` escaped so that no string can close the script element.
    let data = serde_json::to_string(&data)
        .expect("JSON of plain values")
        .replace('<', "\\u003c");
    let mut rows = String::new();
    for (i, p) in layer.places.iter().enumerate() {
        // Each form isolated (<bdi>), so Arabic forms and Latin counts do not reorder.
        let forms: Vec<String> = p
            .forms
            .iter()
            .take(TOP_FORMS)
            .map(|(f, n)| format!("<bdi>{}</bdi>&#160;×{n}", escape(f)))
            .collect();
        rows.push_str(&format!(
            "<tr data-i=\"{i}\"><td class=\"num\">{}</td><td dir=\"rtl\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
            i + 1,
            escape(p.name_ar.as_deref().unwrap_or("")),
            escape(&p.name),
            p.mentions,
            p.documents,
            forms.join(", "),
        ));
    }
    let title = options.title.as_deref().unwrap_or("Places in the news");
    PAGE.replace("{{TITLE}}", &escape(title))
        .replace("{{ROWS}}", &rows)
        .replace("{{DATA}}", &data)
        .replace("{{SVG}}", &svg)
}
