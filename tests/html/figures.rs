//! The pictograms: every catalog pose has one, and a gallery of all of them
//! (each with its mirror image) is written to `target/ybc-html/figures.html`
//! for a person to look at; the print test screenshots it.

use ybc::catalog::Catalog;
use ybc::emit::figure;

use crate::harness::artifacts;

#[test]
fn every_catalog_pose_has_a_figure() {
    let ids = figure::pose_ids();
    for pose in Catalog::builtin().poses() {
        assert!(ids.contains(&pose.id.as_str()), "`{}` has no figure in src/catalog/figures.json", pose.id);
        assert!(figure::draw(&pose.id, false).is_some());
    }
}

#[test]
fn the_gallery_shows_every_figure_and_its_mirror() {
    std::fs::write(artifacts().join("figures.html"), gallery()).expect("write the gallery");
}

/// Every figure and its mirror image, on one page.
pub fn gallery() -> String {
    let mut html = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>ybc figures</title><style>\
         body{font:13px sans-serif;margin:8px;display:grid;grid-template-columns:repeat(4,1fr);gap:6px}\
         figure{margin:0;border:1px solid #ccc;padding:4px}svg{width:140px;height:90px}\
         figcaption{font-weight:bold}</style></head><body>",
    );
    for pose in Catalog::builtin().poses() {
        let svg = |mirrored| {
            let drawing = figure::draw(&pose.id, mirrored).expect("a figure");
            format!(
                "<svg viewBox=\"0 0 {} {}\" style=\"width:{}px\" role=\"img\" aria-label=\"{}\">{}</svg>",
                drawing.width,
                figure::HEIGHT,
                drawing.width,
                pose.english,
                drawing.svg
            )
        };
        html.push_str(&format!(
            "<figure>{}{}<figcaption>{} ({})</figcaption></figure>",
            svg(false),
            svg(true),
            pose.english,
            pose.id
        ));
    }
    html.push_str(&format!(
        "<figure><svg viewBox=\"0 0 140 90\" role=\"img\" aria-label=\"no picture\">{}</svg><figcaption>placeholder</figcaption></figure>",
        figure::placeholder()
    ));
    html.push_str("</body></html>\n");
    html
}
