//! Go to definition: from a custom pose's name to its `pose` line, in the
//! routine itself or in a studio catalog file.

use std::path::Path;

use lsp_types::{Location, Uri};

use super::documents::{Document, uri_of};
use super::position::{Encoding, LineMap};
use super::target::{self, Target};
use crate::syntax::{self, HeaderKind, PoseDef};

/// Where the pose named at byte `offset` is defined: this routine first, then
/// the config's catalogs, then `--catalog` files. Built-in poses have no definition.
pub fn definition(uri: &Uri, document: &Document, offset: usize, encoding: Encoding) -> Option<Location> {
    let Some(Target::Pose { name, .. }) = target::find(&document.text, &document.compiled.document, offset) else {
        return None;
    };
    // An alias names the same pose as its id.
    let id = document.compiled.routine.catalog.pose(&name.value).map_or(name.value.as_str(), |p| p.id.as_str());
    if let Some(def) = find_def(&document.compiled.document, id) {
        return Some(Location::new(uri.clone(), document.range(def.id.span, encoding)));
    }
    // The config's catalogs are loaded after `--catalog` files, so they are searched first.
    document.setup.catalogs.iter().rev().find_map(|file| in_file(&file.path, id, encoding))
}

fn find_def<'d>(document: &'d syntax::Document, id: &str) -> Option<&'d PoseDef> {
    document.headers.iter().find_map(|header| match &header.kind {
        HeaderKind::Pose(def) if def.id.value.eq_ignore_ascii_case(id) => Some(def),
        _ => None,
    })
}

fn in_file(path: &Path, id: &str, encoding: Encoding) -> Option<Location> {
    let text = crate::source::read_regular(path).ok()?;
    let parsed = syntax::parse(&text);
    let def = find_def(&parsed.document, id)?;
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let range = LineMap::new(&text).range(&text, def.id.span, encoding);
    Some(Location::new(uri_of(&path)?, range))
}
