//! The pictograms: every catalog pose has one, and a gallery of all of them
//! (each with its mirror image) is written to `target/ybc-html/figures.html`
//! for a person to look at and checked as they would see it; the print test
//! screenshots it.

use ybc::catalog::Catalog;
use ybc::emit::figure;

use crate::harness::{artifacts, first, parse, select};

#[test]
fn every_catalog_pose_has_a_figure() {
    let ids = figure::pose_ids();
    for pose in Catalog::builtin().poses() {
        assert!(ids.contains(&pose.id.as_str()), "`{}` has no figure in src/catalog/figures.json", pose.id);
        assert!(figure::draw(&pose.id, false).is_some());
    }
}

/// The gallery is for a person to look at (it is left in the artifacts folder),
/// so this checks what they would see there: a card for every figure in
/// `src/catalog/figures.json`, holding the figure and its mirror image (the
/// same drawing flipped across its frame, as a handout draws the other side),
/// and the placeholder a pose without a figure gets.
#[test]
fn the_gallery_shows_every_figure_and_its_mirror() {
    let html = gallery();
    std::fs::write(artifacts().join("figures.html"), &html).expect("write the gallery");
    let page = parse(&html);
    let cards: Vec<_> = page.select(&select("body > figure")).collect();
    let ids = figure::pose_ids();
    assert_eq!(cards.len(), ids.len() + 1, "one card per figure, and the placeholder");
    for id in ids {
        let card = cards
            .iter()
            .find(|card| first(**card, "figcaption").ends_with(&format!("({id})")))
            .unwrap_or_else(|| panic!("no card for the figure of `{id}`"));
        let drawings: Vec<_> = card.select(&select("svg[role=img]")).collect();
        assert_eq!(drawings.len(), 2, "`{id}`: the figure and its mirror image");
        let (figure, mirror) = (drawings[0], drawings[1]);
        assert_eq!(figure.value().attr("viewBox"), mirror.value().attr("viewBox"), "`{id}`");
        let width = figure::draw(id, false).expect("a figure").width;
        let flip = mirror.select(&select("svg > g")).next().unwrap_or_else(|| panic!("`{id}`: an empty mirror"));
        assert_eq!(
            flip.value().attr("transform"),
            Some(format!("matrix(-1 0 0 1 {width} 0)").as_str()),
            "`{id}`: the mirror is flipped across its frame"
        );
        assert_eq!(flip.inner_html(), figure.inner_html(), "`{id}`: the mirror is the same drawing, flipped");
    }
    let last = cards.last().expect("cards");
    assert_eq!(first(*last, "figcaption"), "placeholder");
    assert_eq!(last.select(&select("svg[aria-label='no picture']")).count(), 1);
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
