//! Loading what a command needs: the catalogs, the config that applies to a
//! file (through `ybc::workspace`), and the routine itself.

use crate::cli::inputs::Places;
use crate::cli::output::read;
use crate::{App, CheckOptions, Failure, Source, cli};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use ybc::catalog::Catalog;
use ybc::check::Settings;
use ybc::controls::{escape, path as shown};
use ybc::plan::Plan;
use ybc::report::Tally;
use ybc::workspace::{CatalogError, CatalogFile, Setup, SetupError};

impl App {
    /// Adds the `--catalog` files to the base setup; a catalog with mistakes stops every command.
    pub(crate) fn load_catalogs(mut self, files: &[PathBuf]) -> Result<Self, Failure> {
        for file in files {
            let loaded = self.base.add_catalog(file).map_err(|e| self.catalog_failure(file, e))?;
            self.refuse_if_broken(file, &loaded)?;
        }
        Ok(self)
    }

    /// The catalog in use for commands that have no routine: built-in plus `--catalog` files.
    pub(crate) fn catalog(&self) -> &Arc<Catalog> {
        &self.base.catalog
    }

    /// Prints a catalog file's mistakes and fails, when it has errors.
    pub(crate) fn refuse_if_broken(&self, name: &Path, file: &CatalogFile) -> Result<(), Failure> {
        if !file.has_errors() {
            return Ok(());
        }
        eprint!("{}", self.renderer.render(&shown(name), &file.text, &file.diagnostics));
        Err(Failure(format!("the catalog file {} has errors; fix them first", shown(name))))
    }

    pub(crate) fn catalog_failure(&self, file: &Path, error: CatalogError) -> Failure {
        match error {
            CatalogError::Read(e) => {
                let e = cli::read::ReadError::Read(e);
                Failure::with_help(format!("can't read {}: {}", shown(file), e.reason()), e.help(file, None))
            }
            CatalogError::Undecodable(bad) => {
                eprint!("{}", self.renderer.render(&shown(file), &bad.prefix, &[bad.diagnostic]));
                Failure(format!("can't read the catalog file {}", shown(file)))
            }
        }
    }

    /// The settings and catalog for a routine file, as [`App::setup`] finds
    /// them, for a command that builds or formats it: a studio catalog with
    /// mistakes stops it (`ybc check` reports them instead).
    pub(crate) fn setup_clean(&mut self, file: &Path, options: &CheckOptions) -> Result<Arc<Setup>, Failure> {
        let setup = self.setup(file, options)?;
        let places = Places::here();
        for catalog in &setup.catalogs {
            self.refuse_if_broken(&places.shown(&catalog.path), catalog)?;
        }
        Ok(setup)
    }

    /// The settings and catalog for a routine file: `--config`, or the ybc.toml
    /// that applies to it ([`ybc::config::find_for`]), plus `--audience`.
    pub(crate) fn setup(&mut self, file: &Path, options: &CheckOptions) -> Result<Arc<Setup>, Failure> {
        let (config, found) = match &options.config {
            Some(path) => (Some(path.clone()), false),
            None => (ybc::config::find_for(file), true),
        };
        if let Some(setup) = self.configs.get(&config) {
            return Ok(Arc::clone(setup));
        }
        let mut setup = match &config {
            None => self.base.configured(Settings::default()),
            Some(path) => {
                let loaded = ybc::workspace::load(path, found, &self.base).map_err(|e| self.setup_failure(path, e))?;
                if let Some((file, e)) = loaded.unread.into_iter().next() {
                    return Err(self.catalog_failure(&file, e));
                }
                loaded.setup
            }
        };
        if options.audience_only {
            setup.settings.audience.clear();
            setup.settings.audience_only = true;
        }
        for name in &options.audience {
            let catalog = &setup.catalog;
            let Some(condition) = catalog.condition(name) else {
                let hint = catalog.suggest_condition(name).map_or_else(
                    || {
                        let known: Vec<&str> = catalog.conditions().iter().map(|c| c.id.as_str()).collect();
                        format!("known conditions: {}", known.join(", "))
                    },
                    |s| format!("did you mean `{s}`?"),
                );
                return Err(Failure(format!("`{}` is not a condition I know; {hint}", escape(name))));
            };
            if !setup.settings.audience.contains(&condition.id) {
                setup.settings.audience.push(condition.id.clone());
            }
        }
        let setup = Arc::new(setup);
        self.configs.insert(config, Arc::clone(&setup));
        Ok(setup)
    }

    pub(crate) fn setup_failure(&self, path: &Path, error: SetupError) -> Failure {
        let name = shown(path);
        match error {
            SetupError::Read(e) => {
                let e = cli::read::ReadError::Read(e);
                Failure::with_help(format!("can't read the config file {name}: {}", e.reason()), e.help(path, None))
            }
            SetupError::NotText => Failure(format!("can't read the config file {name}: it is not UTF-8 text")),
            SetupError::LinkOutside => Failure::with_help(
                format!("the config file {name} is a symbolic link to a file outside this repository, so ybc does not read it"),
                Some("A repository's ybc.toml must be its own file. Replace the link with the file, or name a config you trust with `--config FILE`.".to_owned()),
            ),
            SetupError::Invalid { text, diagnostics } => {
                eprint!("{}", self.renderer.render(&path.display().to_string(), &text, &diagnostics));
                Failure(format!("the config file {name} has errors; fix them first"))
            }
        }
    }

    /// Compiles one routine; prints its diagnostics to stderr and returns it
    /// with its plan only when it has no errors.
    /// Reads a routine; when its bytes are not routine text, prints why to
    /// stderr and gives the exit code instead.
    pub(crate) fn read_or_report(&self, file: &Path) -> Result<Result<Source, ExitCode>, Failure> {
        Ok(match read(file)? {
            Ok(source) => Ok(source),
            Err((source, diagnostic)) => {
                eprint!("{}", self.renderer.render(&source.name, &source.text, &[diagnostic]));
                Err(ExitCode::from(1))
            }
        })
    }

    #[allow(clippy::type_complexity)]
    pub(crate) fn compile_clean(
        &mut self,
        file: &Path,
        options: &CheckOptions,
    ) -> Result<Result<(Source, ybc::Compiled, Plan), ExitCode>, Failure> {
        let source = match self.read_or_report(file)? {
            Ok(source) => source,
            Err(code) => return Ok(Err(code)),
        };
        let setup = self.setup_clean(file, options)?;
        let compiled = ybc::compile_with(&source.text, &setup.catalog, &setup.settings);
        if !compiled.diagnostics.is_empty() {
            eprint!("{}", self.renderer.render(&source.name, &source.text, &compiled.diagnostics));
        }
        match (compiled.has_errors(), compiled.plan.clone()) {
            (false, Some(plan)) => Ok(Ok((source, compiled, plan))),
            _ => {
                let mut tally = Tally::default();
                tally.add(&compiled.diagnostics);
                eprintln!("{} has errors, so it was not compiled. {}", escape(&source.name), tally.summary());
                Ok(Err(ExitCode::from(1)))
            }
        }
    }
}
