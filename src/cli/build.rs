//! `ybc build` and `ybc adapt`: a routine compiled into a handout, cards, a
//! timeline or a watch workout, and a routine adapted to the people in the class.

use crate::cli::output::{same_file, write_bytes};
use crate::{App, CheckOptions, Failure, Format, HtmlArgs, LayoutChoice, PaperChoice};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use ybc::controls::{escape, path as shown};
use ybc::diagnostic::{Diagnostic, Severity};

/// `--adapt`'s modes.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum AdaptChoice {
    /// Keep each step for the class, with an option for the people it is not safe for.
    Offer,
    /// Replace the step for the whole class.
    Swap,
}

impl AdaptChoice {
    fn mode(self) -> ybc::adapt::Mode {
        match self {
            AdaptChoice::Offer => ybc::adapt::Mode::Offer,
            AdaptChoice::Swap => ybc::adapt::Mode::Swap,
        }
    }
}

/// `--cues`: whose cues the cards show.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum CuesChoice {
    /// The routine's cues; the catalog's key cue only on a step with none (the default).
    Teacher,
    /// The routine's cues, then the catalog's key cue.
    Both,
    /// The catalog's key cue alone; the routine's cues where the catalog has none.
    Catalog,
}

/// What `--format html` writes: a page to print, or the class screen.
pub(crate) enum HtmlOutput {
    /// A handout or a deck of cards.
    Print(ybc::emit::html::Options),
    /// The class screen (`--layout teach`).
    Teach(ybc::emit::teach::Options),
}

impl HtmlOutput {
    /// Renders a checked routine: `text` is its source (the class screen's JSON
    /// gives line numbers), `adaptations` what `--adapt` changed.
    fn render(
        &self,
        routine: &ybc::routine::Routine,
        plan: &ybc::plan::Plan,
        text: &str,
        source_name: &str,
        adaptations: &[ybc::Applied],
    ) -> String {
        match self {
            HtmlOutput::Print(options) => ybc::emit::html::render(routine, plan, source_name, adaptations, options),
            HtmlOutput::Teach(options) => {
                ybc::emit::teach::render(routine, plan, text, source_name, adaptations, *options)
            }
        }
    }
}

impl HtmlArgs {
    pub(crate) fn given(&self) -> bool {
        self.for_html_only() || self.date.is_some()
    }

    /// Whether an option only `--format html` takes was given (`--date` is for fit too).
    fn for_html_only(&self) -> bool {
        self.layout.is_some()
            || self.paper.is_some()
            || self.log_weeks.is_some()
            || self.cues.is_some()
            || self.notes_lines.is_some()
            || self.get_ready.is_some()
            || self.switch_sides.is_some()
    }

    /// Refuses html options with another format.
    fn check_format(&self, format: Format) -> Result<(), Failure> {
        const HTML_ONLY: &str = "`--layout`, `--paper`, `--log-weeks`, `--notes-lines`, `--cues`, `--get-ready` and `--switch-sides` are for `--format html`";
        match format {
            Format::Html => Ok(()),
            Format::Fit if self.for_html_only() => Err(Failure(HTML_ONLY.to_owned())),
            Format::Json | Format::Ybc if self.given() => {
                Err(Failure(format!("{HTML_ONLY}, and `--date` for html and fit")))
            }
            Format::Fit | Format::Json | Format::Ybc => Ok(()),
        }
    }

    /// The emitter's options; `--date` checked and `today` resolved from the clock.
    pub(crate) fn options(&self) -> Result<HtmlOutput, Failure> {
        use ybc::emit::html::{Cues, Layout, Options, Paper};
        let layout = match self.layout {
            Some(LayoutChoice::Teach) => return self.teach_options().map(HtmlOutput::Teach),
            Some(LayoutChoice::Cards) => Layout::Cards,
            Some(LayoutChoice::Handout) | None => Layout::Handout,
        };
        if self.get_ready.is_some() || self.switch_sides.is_some() {
            return Err(Failure(
                "`--get-ready` and `--switch-sides` are for the class screen, `--layout teach`".to_owned(),
            ));
        }
        if layout == Layout::Cards && self.log_weeks.is_some() {
            return Err(Failure("`--log-weeks` adds a page to the handout; use it with `--layout handout`".to_owned()));
        }
        if layout == Layout::Cards && self.notes_lines.is_some() {
            return Err(Failure(
                "`--notes-lines` adds lines for notes to the handout; use it with `--layout handout`".to_owned(),
            ));
        }
        let date = self.date()?;
        Ok(HtmlOutput::Print(Options {
            layout,
            paper: match self.paper {
                Some(PaperChoice::Letter) => Paper::Letter,
                Some(PaperChoice::A4) | None => Paper::A4,
            },
            log_weeks: self.log_weeks,
            date,
            cues: match self.cues {
                Some(CuesChoice::Both) => Cues::Both,
                Some(CuesChoice::Catalog) => Cues::Catalog,
                Some(CuesChoice::Teacher) | None => Cues::Teacher,
            },
            notes_lines: self.notes_lines,
        }))
    }

    /// `--date` checked, and `today` resolved from the clock.
    pub(crate) fn date(&self) -> Result<Option<String>, Failure> {
        Ok(match self.date.as_deref() {
            None => None,
            Some("today") => {
                let seconds = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_err(|_| Failure("the system clock is before 1970; give `--date YYYY-MM-DD`".to_owned()))?
                    .as_secs();
                Some(ybc::emit::html::date_from_unix(seconds))
            }
            Some(text) if ybc::emit::html::is_date(text) => Some(text.to_owned()),
            Some(text) => return Err(Failure(format!("`--date {text}` is not a date; write it as YYYY-MM-DD"))),
        })
    }

    /// The class screen's options; the printing options have no place on a screen.
    fn teach_options(&self) -> Result<ybc::emit::teach::Options, Failure> {
        if self.paper.is_some() || self.log_weeks.is_some() || self.notes_lines.is_some() || self.date.is_some() {
            return Err(Failure(
                "`--paper`, `--log-weeks`, `--notes-lines` and `--date` are for printed handouts; the class screen (`--layout teach`) is not printed".to_owned(),
            ));
        }
        if self.cues.is_some() {
            return Err(Failure(
                "`--cues` chooses the cues printed on handouts and cards; the class screen speaks the routine's own"
                    .to_owned(),
            ));
        }
        let default = ybc::emit::teach::Options::default();
        Ok(ybc::emit::teach::Options {
            get_ready: self.get_ready.unwrap_or(default.get_ready),
            switch_sides: self.switch_sides.unwrap_or(default.switch_sides),
        })
    }
}

impl App {
    pub(crate) fn build(
        &mut self,
        file: &Path,
        format: Format,
        output: Option<&Path>,
        adapt: Option<AdaptChoice>,
        options: &CheckOptions,
        html: &HtmlArgs,
    ) -> Result<ExitCode, Failure> {
        html.check_format(format)?;
        let fit = fit_options(format, html.date()?)?;
        let html = html.options()?;
        if let Some(out) = output
            && same_file(file, out)
        {
            return Err(Failure(format!("refusing to write the output over the routine itself ({})", shown(out))));
        }
        if format == Format::Ybc && adapt.is_none() {
            return Err(Failure("`--format ybc` writes an adapted routine; add `--adapt`".to_owned()));
        }
        if format == Format::Fit && output.is_none() && std::io::stdout().is_terminal() {
            return Err(Failure(
                "a FIT file is binary, not for the terminal; write it to a file with `-o class.fit`".to_owned(),
            ));
        }
        let built = if let Some(choice) = adapt {
            match self.adapt(file, format, choice.mode(), options, &html, &fit)? {
                Ok(bytes) => bytes,
                Err(code) => return Ok(code),
            }
        } else {
            let (source, mut compiled, plan) = match self.compile_clean(file, options)? {
                Ok(done) => done,
                Err(code) => return Ok(code),
            };
            match format {
                Format::Html => {
                    compiled.routine.add_audience(&self.setup_clean(file, options)?.settings.audience);
                    html.render(&compiled.routine, &plan, &source.text, &source.name, &[]).into_bytes()
                }
                Format::Json | Format::Ybc => {
                    ybc::emit::json::render(&compiled.routine, &plan, &source.text, &source.name, &[]).into_bytes()
                }
                Format::Fit => match self.fit(&source.name, &source.text, &compiled.routine, &plan, &fit) {
                    Ok(bytes) => bytes,
                    Err(code) => return Ok(code),
                },
            }
        };
        write_bytes(output, &built)?;
        Ok(ExitCode::SUCCESS)
    }

    /// The FIT workout of a compiled routine, after a note on the poses the
    /// watch shows by name; or the error that stops it, reported.
    fn fit(
        &self,
        name: &str,
        text: &str,
        routine: &ybc::routine::Routine,
        plan: &ybc::plan::Plan,
        options: &ybc::emit::fit::Options,
    ) -> Result<Vec<u8>, ExitCode> {
        if let Some(note) = ybc::emit::fit::unmapped(routine) {
            eprint!("{}", self.renderer.render(name, text, &[note]));
        }
        let stem = Path::new(name).file_stem().map_or_else(|| name.to_owned(), |s| s.to_string_lossy().into_owned());
        ybc::emit::fit::render(routine, plan, &stem, options).map_err(|diagnostic| {
            eprint!("{}", self.renderer.render(name, text, &[*diagnostic]));
            eprintln!("{} was not built: a watch workout can't hold it.", escape(name));
            ExitCode::from(1)
        })
    }

    /// The warnings an adapted routine still has, for the teacher to look at.
    fn remaining_warnings(&self, name: &str, text: &str, diagnostics: &[Diagnostic]) {
        let warnings: Vec<Diagnostic> =
            diagnostics.iter().filter(|d| d.severity == Severity::Warning).cloned().collect();
        if !warnings.is_empty() {
            eprintln!("Still to look at in the adapted routine ({} warnings):", warnings.len());
            eprint!("{}", self.renderer.render(&format!("{name} (adapted)"), text, &warnings));
        }
    }

    /// Adapts a routine to its audience: applies the suggested modification of
    /// every contraindicated step, checks the result, and renders it.
    pub(crate) fn adapt(
        &mut self,
        file: &Path,
        format: Format,
        mode: ybc::adapt::Mode,
        options: &CheckOptions,
        html: &HtmlOutput,
        fit: &ybc::emit::fit::Options,
    ) -> Result<Result<Vec<u8>, ExitCode>, Failure> {
        let source = match self.read_or_report(file)? {
            Ok(source) => source,
            Err(code) => return Ok(Err(code)),
        };
        let setup = self.setup_clean(file, options)?;
        let first = ybc::compile_with(&source.text, &setup.catalog, &setup.settings);
        let other_errors: Vec<Diagnostic> = first
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error && d.code != "contraindicated")
            // The note counting errors not listed is one only when they are.
            .filter(|d| d.code != ybc::diagnostic::TOO_MANY || first.unlisted.has_errors_other_than("contraindicated"))
            .cloned()
            .collect();
        if !other_errors.is_empty() {
            eprint!("{}", self.renderer.render(&source.name, &source.text, &other_errors));
            eprintln!("{} has errors that adapting can't fix, so it was not adapted.", escape(&source.name));
            return Ok(Err(ExitCode::from(1)));
        }
        let adapted = ybc::adapt::adapt(&source.text, &setup.catalog, &setup.settings, mode);
        for change in &adapted.changes {
            eprintln!("{}:{}: {}", escape(&source.name), change.line, escape(&change.reason));
        }
        for (line, why) in &adapted.by_hand {
            eprintln!("{}:{line}: not adapted: {}", escape(&source.name), escape(why));
        }
        if adapted.changes.is_empty() && adapted.by_hand.is_empty() {
            eprintln!("{}: nothing to adapt: no step is contraindicated for this audience.", escape(&source.name));
        }
        let mut compiled = ybc::compile_with(&adapted.text, &setup.catalog, &setup.settings);
        self.remaining_warnings(&source.name, &adapted.text, &compiled.diagnostics);
        let plan = match (compiled.has_errors(), &compiled.plan) {
            (false, Some(plan)) => plan.clone(),
            _ => {
                eprint!(
                    "{}",
                    self.renderer.render(&format!("{} (adapted)", source.name), &adapted.text, &compiled.diagnostics)
                );
                eprintln!("The adapted routine still has errors; adapt these steps by hand.");
                return Ok(Err(ExitCode::from(1)));
            }
        };
        Ok(match format {
            Format::Ybc => Ok(adapted.text.into_bytes()),
            Format::Json => {
                Ok(ybc::emit::json::render(&compiled.routine, &plan, &adapted.text, &source.name, &adapted.changes)
                    .into_bytes())
            }
            Format::Html => {
                // The handout speaks of everyone the class was adapted for.
                compiled.routine.add_audience(&setup.settings.audience);
                Ok(html.render(&compiled.routine, &plan, &adapted.text, &source.name, &adapted.changes).into_bytes())
            }
            Format::Fit => {
                self.fit(&format!("{} (adapted)", source.name), &adapted.text, &compiled.routine, &plan, fit)
            }
        })
    }
}

/// The FIT writer's options: `--date` as the file's creation time.
fn fit_options(format: Format, date: Option<String>) -> Result<ybc::emit::fit::Options, Failure> {
    let time_created = match (format, date.as_deref()) {
        (Format::Fit, Some(date)) => Some(ybc::emit::fit::time_of_date(date).ok_or_else(|| {
            Failure(format!("`--date {date}` is outside the dates a FIT file holds (1998-07-04 to 2126-02-06)"))
        })?),
        _ => None,
    };
    Ok(ybc::emit::fit::Options { time_created })
}
