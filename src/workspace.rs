//! What a routine is checked with, found and loaded the same way by every
//! front end (the command line and the language server): the `ybc.toml` that
//! applies to it ([`config::find_for`]), and the catalog built from the
//! built-in poses, the `--catalog` files and the studio catalogs the config
//! names, each file loaded once however many names lead to it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::catalog::Catalog;
use crate::check::Settings;
use crate::config;
use crate::diagnostic::Diagnostic;
use crate::source::{ReadError, Undecodable};

/// A studio catalog file, as loaded.
#[derive(Debug)]
pub struct CatalogFile {
    /// Its real path (symbolic links resolved), which is what "the same file" compares.
    pub path: PathBuf,
    /// The catalog it was added to: the one to check it against again.
    pub base: Arc<Catalog>,
    /// Its mistakes. With errors, only its valid poses were added.
    pub diagnostics: Vec<Diagnostic>,
    /// Its text, for showing the mistakes.
    pub text: String,
}

impl CatalogFile {
    /// Whether any of its mistakes is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == crate::diagnostic::Severity::Error)
    }
}

/// Why a catalog file could not be read at all.
#[derive(Debug)]
pub enum CatalogError {
    /// The file could not be read.
    Read(ReadError),
    /// Its bytes are not text.
    Undecodable(Box<Undecodable>),
}

/// The settings and catalog that a routine is checked with.
#[derive(Debug)]
pub struct Setup {
    /// Rule levels, audience and the rest: the config's, or the defaults.
    pub settings: Settings,
    /// The built-in catalog with every catalog file's poses added.
    pub catalog: Arc<Catalog>,
    /// The catalog files, in the order they were added: `--catalog` files first.
    pub catalogs: Vec<Arc<CatalogFile>>,
}

impl Setup {
    /// The built-in catalog and default settings.
    pub fn builtin() -> Self {
        Self::with_catalog(Catalog::builtin())
    }

    /// Default settings and `catalog`, with no catalog files.
    pub fn with_catalog(catalog: Arc<Catalog>) -> Self {
        Self { settings: Settings::default(), catalog, catalogs: Vec::new() }
    }

    /// This setup with a config's settings, on the same catalog and files.
    pub fn configured(&self, settings: Settings) -> Self {
        Self { settings, catalog: Arc::clone(&self.catalog), catalogs: self.catalogs.clone() }
    }

    /// This setup with a config's settings and the studio's policies in
    /// force: the catalog is built again from the built-in one with the
    /// policies, and this setup's catalog files are added to it again (from
    /// the text they were read from), so their poses follow the policies too.
    pub fn with_policies(&self, settings: Settings) -> Self {
        let root = Arc::new(self.catalog.with_policies(&settings.policies));
        let mut setup = Self { settings, catalog: root, catalogs: Vec::new() };
        for file in &self.catalogs {
            setup.add_catalog_text(&file.path, &file.text);
        }
        setup
    }

    /// The catalog file at `path`, if `path` (by any name) is one of this setup's.
    pub fn catalog_file(&self, path: &Path) -> Option<&Arc<CatalogFile>> {
        if self.catalogs.is_empty() {
            return None;
        }
        let real = std::fs::canonicalize(path).ok()?;
        self.catalogs.iter().find(|c| c.path == real)
    }

    /// Reads the catalog file at `path` and adds its valid poses; a file that is
    /// one of this setup's already (by another name too) is not added again.
    /// Returns the file, or why it could not be read (the setup is then unchanged).
    pub fn add_catalog(&mut self, path: &Path) -> Result<Arc<CatalogFile>, CatalogError> {
        if let Some(file) = self.catalog_file(path) {
            return Ok(Arc::clone(file));
        }
        let bytes = crate::source::read_bytes(path).map_err(CatalogError::Read)?;
        let text = crate::source::decode(&bytes).map_err(CatalogError::Undecodable)?;
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        Ok(self.add_catalog_text(&real, text))
    }

    /// Adds the valid poses of a catalog file already read, whose real path is `real`.
    fn add_catalog_text(&mut self, real: &Path, text: &str) -> Arc<CatalogFile> {
        let compiled = crate::compile_catalog(text, &self.catalog);
        let file = Arc::new(CatalogFile {
            path: real.to_owned(),
            base: Arc::clone(&self.catalog),
            diagnostics: compiled.diagnostics,
            text: text.to_owned(),
        });
        self.catalog = compiled.routine.catalog;
        self.catalogs.push(Arc::clone(&file));
        file
    }
}

/// Why a config could not be used.
#[derive(Debug)]
pub enum SetupError {
    /// The config file could not be read.
    Read(ReadError),
    /// The config file is not UTF-8 text.
    NotText,
    /// The config that applies is a symbolic link to a file outside the
    /// repository (or, outside a repository, outside its own folder).
    LinkOutside,
    /// The config has mistakes, pointing into its text.
    Invalid {
        /// The config's text.
        text: String,
        /// Its mistakes.
        diagnostics: Vec<Diagnostic>,
    },
}

/// A config's setup, and the catalog files it names that could not be read
/// (their poses are missing from the setup).
#[derive(Debug)]
pub struct Loaded {
    /// The settings and catalog.
    pub setup: Setup,
    /// Each catalog file that could not be read, and why.
    pub unread: Vec<(PathBuf, CatalogError)>,
}

/// The setup for routines under the config at `path`, on top of `base` (the
/// built-in catalog and the `--catalog` files). `found` says that the config
/// was found by [`config::find_for`] rather than named by the user: a found
/// config that is a symbolic link must stay inside the repository, since a
/// config's lines are quoted when it has mistakes. Catalog files with mistakes
/// are kept (their valid poses added); the caller decides what to do with them.
pub fn load(path: &Path, found: bool, base: &Setup) -> Result<Loaded, SetupError> {
    if found && link_leaves_tree(path) {
        return Err(SetupError::LinkOutside);
    }
    let bytes = crate::source::read_bytes(path).map_err(SetupError::Read)?;
    let text = String::from_utf8(bytes).map_err(|_| SetupError::NotText)?;
    let settings = match config::parse(&text, path, &base.catalog) {
        Ok(settings) => settings,
        Err(diagnostics) => return Err(SetupError::Invalid { text, diagnostics }),
    };
    let mut setup = if settings.policies.is_empty() { base.configured(settings) } else { base.with_policies(settings) };
    let mut unread = Vec::new();
    for file in setup.settings.catalogs.clone() {
        if let Err(e) = setup.add_catalog(&file) {
            unread.push((file, e));
        }
    }
    // A pose of a studio catalog that could not be read (or has errors) would
    // look unknown: the catalog's own problem is reported instead.
    let catalogs_whole = unread.is_empty() && !setup.catalogs.iter().any(|c| c.has_errors());
    let unknown = if catalogs_whole { config::unknown_poses(&setup.settings, &setup.catalog) } else { Vec::new() };
    if !unknown.is_empty() {
        return Err(SetupError::Invalid { text, diagnostics: unknown });
    }
    Ok(Loaded { setup, unread })
}

/// Whether `config` is a symbolic link whose file is outside the repository
/// that holds it (the nearest folder above with `.git`), or outside its own
/// folder when no repository holds it.
fn link_leaves_tree(config: &Path) -> bool {
    let is_link = std::fs::symlink_metadata(config).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return false;
    }
    let folder = config.parent().unwrap_or(Path::new("."));
    let tree = folder.ancestors().find(|dir| dir.join(".git").exists()).unwrap_or(folder);
    match (std::fs::canonicalize(tree), std::fs::canonicalize(config)) {
        (Ok(tree), Ok(real)) => !real.starts_with(tree),
        _ => true,
    }
}
