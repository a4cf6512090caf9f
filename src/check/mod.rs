//! Check: the rules a careful teacher applies to a resolved routine.
//!
//! A rule is one small unit in its own file: its metadata (name, default
//! level, explanation with its source) and a function that reads the routine
//! and its plan and reports what it finds at the rule's default level.
//! [`RULES`] is the one registry; adding a rule touches no other rule. The
//! runner then applies the configured levels and the `# ybc: allow(…)`
//! comments, and reports the allow comments that allowed nothing.

mod missing_dose;
mod names;
// Helpers several rules share; no rule imports another.
mod audience;
mod dose;
mod peak;

mod breath_holding_risk;
mod caution;
mod contraindicated;
mod hold_too_long;
mod hold_too_short;
mod level_mismatch;
mod prop_not_listed;
mod reps_out_of_range;
mod short_rest;
// (sequencing rule modules)
mod duration_mismatch;
mod extension_streak;
mod missing_cooldown;
mod missing_counterpose;
mod missing_relaxation;
mod missing_warmup;
mod no_mobility_pairing;
mod one_sided;
mod peak_before_warmup;
mod settings;
mod strength_order;
pub mod suppress;

use crate::catalog::Focus;
use crate::catalog::Pose;
use crate::diagnostic::{Diagnostic, Severity};
use crate::plan::Plan;
use crate::routine::{Item, Routine, SectionKind, SequenceRun, Step};
use crate::syntax::Spanned;
pub use settings::{Level, Settings};

/// What a rule is, for `ybc rules`, `ybc explain` and the generated docs.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    /// Stable kebab-case name.
    pub name: &'static str,
    /// The level it reports at unless configured otherwise.
    pub default: Severity,
    /// One line: what it catches.
    pub summary: &'static str,
    /// Why it matters, in a paragraph.
    pub explanation: &'static str,
    /// Where the guidance comes from: the upper-back strengthening guide's section, or teaching practice.
    pub source: &'static str,
    /// A routine that triggers it.
    pub example: &'static str,
    /// The same routine, fixed.
    pub fixed: &'static str,
}

/// What a rule reads.
pub struct Context<'a> {
    /// The routine.
    pub routine: &'a Routine,
    /// Its plan, when it could be made.
    pub plan: Option<&'a Plan>,
    /// The conditions in the room: the routine's `audience` and the configured or
    /// command-line audience (those have an empty span).
    pub audience: Vec<Spanned<String>>,
    /// Settings.
    pub settings: &'a Settings,
    /// Every pose step in order, found once for all the rules.
    steps: Vec<StepInfo<'a>>,
}

/// A step in order, with what surrounds it.
#[derive(Clone, Copy)]
pub struct StepInfo<'a> {
    /// The step.
    pub step: &'a Step,
    /// Its pose.
    pub pose: &'a Pose,
    /// The section it is in, if any.
    pub section: Option<SectionKind>,
    /// Whether it sits inside a rounds block.
    pub in_rounds: bool,
    /// For a pose inside a sequence the step does (a sun salutation), the
    /// sequence: the pose's dose is the sequence's, not the step's, so the
    /// dose rules leave it alone, and a finding names the pose.
    pub within: Option<&'a SequenceRun>,
    /// Whether the same pose came earlier in the same sequence (chaturanga
    /// three times in sun salutation B), so a finding about the pose is made once.
    pub repeat: bool,
}

/// Whether a step is strength work: anything in a `strength` or `peak`
/// section except a rest pose, or a strength pose in a section for work
/// (standing, balance, floor, accessory) or in none; never in a section that
/// warms up, centres, breathes or winds down.
pub(super) fn is_strength_work(info: &StepInfo<'_>) -> bool {
    match info.section {
        Some(SectionKind::Strength | SectionKind::Peak) => info.pose.focus != Focus::Rest,
        Some(kind) if kind.warms_up() || kind.winds_down() || kind == SectionKind::Centering => false,
        Some(_) | None => info.pose.focus == Focus::Strength,
    }
}

/// Whether a step warms up: anything in a section that warms up (warm-up,
/// mobility, flow), or a mobility pose anywhere; never a peak pose (camel and
/// pigeon are mobility poses, but they are what a warm-up prepares for).
pub(super) fn is_warmup_work(info: &StepInfo<'_>) -> bool {
    (info.section.is_some_and(SectionKind::warms_up) || info.pose.focus == Focus::Mobility)
        && peak::Peak::of(info.pose).is_none()
}

impl<'a> Context<'a> {
    /// A context with the routine's own audience plus the settings' audience.
    pub fn new(routine: &'a Routine, plan: Option<&'a Plan>, settings: &'a Settings) -> Self {
        let mut audience = routine.meta.audience.clone();
        for extra in &settings.audience {
            if !audience.iter().any(|a| &a.value == extra) {
                audience.push(Spanned::new(extra.clone(), crate::span::Span::default()));
            }
        }
        let steps = Self::find_steps(routine);
        Self { routine, plan, audience, settings, steps }
    }

    /// Every pose step in order, with its pose and section.
    pub fn steps(&self) -> &[StepInfo<'a>] {
        &self.steps
    }

    fn find_steps(routine: &'a Routine) -> Vec<StepInfo<'a>> {
        fn walk<'a>(
            routine: &'a Routine,
            items: &'a [Item],
            section: Option<SectionKind>,
            in_rounds: bool,
            out: &mut Vec<StepInfo<'a>>,
        ) {
            for item in items {
                match item {
                    Item::Section(s) => walk(routine, &s.body, Some(s.kind), in_rounds, out),
                    Item::Rounds(r) => walk(routine, &r.body, section, true, out),
                    Item::Step(step) => {
                        if let Some(pose) = routine.pose(step) {
                            out.push(StepInfo { step, pose, section, in_rounds, within: None, repeat: false });
                        }
                        if let Some(run) = &step.sequence {
                            for (i, item) in run.poses.iter().enumerate() {
                                let Some(pose) = routine.catalog.pose_at(item.pose) else { continue };
                                let repeat = run.poses.iter().take(i).any(|earlier| earlier.pose == item.pose);
                                out.push(StepInfo { step, pose, section, in_rounds, within: Some(run), repeat });
                            }
                        }
                    }
                    Item::Rest(_) | Item::Note(_) => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(routine, &routine.body, None, false, &mut out);
        out
    }
}

/// How a rule finds what it reports.
pub enum Check {
    /// Reads the resolved routine and its plan.
    Routine(fn(&Context<'_>, &mut Vec<Diagnostic>)),
    /// Found by another stage, named here (name lookups happen while resolving;
    /// stale allow comments are found while applying them).
    Stage(&'static str),
}

/// A rule: its metadata and its check.
pub struct Rule {
    /// Metadata.
    pub info: RuleInfo,
    /// How it finds what it reports.
    pub check: Check,
}

/// Every rule, in the order they are documented.
pub static RULES: &[Rule] = &[
    // Safety for the people in the room
    // (audience rules)
    contraindicated::RULE,
    caution::RULE,
    breath_holding_risk::RULE,
    level_mismatch::RULE,
    prop_not_listed::RULE,
    // Doses
    missing_dose::RULE,
    // (dose rules)
    hold_too_long::RULE,
    hold_too_short::RULE,
    reps_out_of_range::RULE,
    short_rest::RULE,
    // Sequencing
    // (sequencing rules)
    missing_warmup::RULE,
    peak_before_warmup::RULE,
    strength_order::RULE,
    one_sided::RULE,
    extension_streak::RULE,
    missing_counterpose::RULE,
    no_mobility_pairing::RULE,
    missing_cooldown::RULE,
    missing_relaxation::RULE,
    duration_mismatch::RULE,
    // Names
    names::UNKNOWN_PROP,
    names::UNKNOWN_CONDITION,
    // Housekeeping
    suppress::UNUSED_ALLOW,
];

/// Looks a rule up by name.
pub fn rule(name: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.info.name == name)
}

/// Runs every routine rule that is not turned off; findings come at the rules' default levels.
pub fn run(context: &Context<'_>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for rule in RULES {
        if let Check::Routine(check) = rule.check
            && context.settings.level(rule) != Level::Allow
        {
            check(context, &mut diagnostics);
        }
    }
    diagnostics
}

/// Sets every rule finding to its configured level, dropping the rules turned off.
pub fn apply_levels(diagnostics: &mut Vec<Diagnostic>, settings: &Settings) {
    if settings.levels.is_empty() {
        return;
    }
    diagnostics.retain_mut(|d| match leveled(d.code, d.severity, settings) {
        Some(severity) => {
            d.severity = severity;
            true
        }
        None => false,
    });
}

/// The severity a finding of `code` at `severity` has under the configured
/// levels, or `None` when its rule is turned off; codes that are not rules keep theirs.
pub fn leveled(code: &str, severity: Severity, settings: &Settings) -> Option<Severity> {
    let Some(rule) = rule(code) else { return Some(severity) };
    match settings.level(rule) {
        Level::Allow => None,
        // A finding a rule escalated above its default (a hold more than
        // twice the safe maximum) keeps at least that level.
        Level::Report(level) => Some(if severity > rule.info.default { severity.max(level) } else { level }),
    }
}
