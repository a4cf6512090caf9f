//! Every example from the language reference parses and checks without errors.

use crate::harness::{Workspace, check};

const ONE_LINE: &str = "locust hold 30s x3 rest 45s\n";

/// The sample routine, read from `routines/` so the tests check the file teachers copy.
pub const DESK_RESET: &str = include_str!("../../routines/desk-reset.ybc");

pub const ROUNDS: &str = r#"title "Locust rounds"
pose wall-angel "Wall Angel" focus mobility hold 20-40s props wall

warmup:
  wall-angel hold 30s
  cat-cow 6-10 reps

strength "Bilateral, then unilateral":
  3 rounds rest 60s:
    locust hold 20-30s
    rest 30s
    bridge 3 reps hold 30-45s
  single-leg-locust 8 reps alternating
  locust 8 reps tempo 4-0-4 x2 rest 45s "slow lowering"

cooldown:
  childs-pose 1m
"#;

fn assert_no_errors(text: &str) {
    let run = check(text);
    assert_eq!(run.code, 0, "expected no errors:\n{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("0 errors"), "{}", run.stderr);
}

#[test]
fn the_one_line_routine_checks() {
    assert_no_errors(ONE_LINE);
}

#[test]
fn the_desk_reset_checks() {
    assert_no_errors(DESK_RESET);
}

#[test]
fn rounds_and_a_custom_pose_check() {
    assert_no_errors(ROUNDS);
}

#[test]
fn crlf_lone_cr_and_a_bom_read_like_lf() {
    let crlf = DESK_RESET.replace('\n', "\r\n");
    assert_no_errors(&crlf);
    assert_no_errors(&DESK_RESET.replace('\n', "\r"));
    assert_no_errors(&format!("\u{feff}{DESK_RESET}"));
}

#[test]
fn tabs_indent_as_well_as_spaces() {
    assert_no_errors(&ROUNDS.replace("    ", "\t\t").replace("  ", "\t"));
}

#[test]
fn comments_and_blank_lines_go_anywhere() {
    assert_no_errors(
        "# a plan\n\ntitle \"T\" # the title\n\n\nwarmup: # first\n  # own line\n  cat-cow 8 reps # end\n\n  thread-the-needle 6 reps each side\n",
    );
}

#[test]
fn every_dose_form_reads() {
    assert_no_errors(
        "strength:\n  locust hold 20-30s\n  locust 1m\n  locust 45s-1m\n  locust 1m30s\n  band-row 8-12 reps x3 rest 30-45s\n  band-row 10 reps tempo 3-1-3\n  thread-the-needle 6 reps left\n  thread-the-needle 6 reps right\n  single-leg-locust 8 reps alternating\n  locust hold 20s with block, bolster \"one\" \"two\"\n  rest 1m \"breathe\"\n  note \"switch to the wall\"\n",
    );
}

#[test]
fn aliases_name_poses_in_any_case() {
    assert_no_errors(
        "warmup:\n  marjaryasana-bitilasana 8 reps\nstrength:\n  salabhasana hold 20s\n  Locust hold 20s\n  LOCUST hold 20s\n",
    );
    // An invisible joiner is not an accent: such a name is still not a pose.
    let ws = Workspace::new();
    ws.file("class.ybc", "strength:\n  lo\u{34F}cust hold 20s\n");
    assert_eq!(ws.run(&["check", "class.ybc"]).code, 1);
    // Sanskrit written with its diacritics (IAST), composed or not, and props too.
    assert_no_errors(
        "warmup:\n  Mārjaryāsana-Bitilāsana 8 reps\nstrength:\n  Śalabhāsana hold 20s with blóck\ncooldown:\n  ba\u{304}la\u{304}sana hold 60s\n",
    );
}

#[test]
fn every_header_line_reads() {
    assert_no_errors(
        "title \"All headers\"\nauthor \"Sam Teacher\"\nlevel all-levels\nduration 45-60m\nprops mat, block\naudience osteoporosis, high-blood-pressure\ntags posture, desk\n\nwarmup:\n  cat-cow 8 reps\n",
    );
}

#[test]
fn a_studio_catalog_file_adds_poses() {
    let ws = Workspace::new();
    ws.file("studio.ybc", "pose chair-row \"Chair Row\" focus strength 8-12 reps props chair\n");
    ws.file("class.ybc", "strength:\n  chair-row 10 reps x2 rest 30s with chair\n");
    let run = ws.run(&["--catalog", "studio.ybc", "check", "class.ybc"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let without = ws.run(&["check", "class.ybc"]);
    assert_eq!(without.code, 1);
    assert!(without.stdout.contains("`chair-row` is not a pose I know."), "{}", without.stdout);
}

#[test]
fn the_sample_routines_have_no_errors() {
    let run = crate::harness::run_in_repo(&["check", "routines"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("Checked 7 files: 0 errors"), "{}", run.stderr);
}

/// The paragraph of docs/language.md that lists the ids (`**Props** ybc knows: …`),
/// up to the next blank line.
fn listed_ids(doc: &str, heading: &str) -> Vec<String> {
    let start = doc.find(heading).unwrap_or_else(|| panic!("docs/language.md has no `{heading}` paragraph"));
    let paragraph = doc[start + heading.len()..].split("\n\n").next().unwrap_or_default();
    // The ids are the code spans of its first sentence; other names follow.
    let ids_part = paragraph.split('.').next().unwrap_or_default();
    ids_part.split('`').skip(1).step_by(2).map(str::to_owned).collect()
}

#[test]
fn the_language_reference_lists_every_prop_and_condition_the_catalog_knows() {
    let doc = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/language.md"))
        .expect("docs/language.md");
    let catalog = ybc::catalog::Catalog::builtin();
    let props: Vec<String> = catalog.props().iter().map(|p| p.id.clone()).collect();
    let conditions: Vec<String> = catalog.conditions().iter().map(|c| c.id.clone()).collect();
    assert_eq!(
        listed_ids(&doc, "**Props** ybc knows:"),
        props,
        "docs/language.md's prop list differs from the catalog"
    );
    assert_eq!(
        listed_ids(&doc, "**Conditions** ybc knows (for `audience`):"),
        conditions,
        "docs/language.md's condition list differs from the catalog"
    );
}

/// Breaths: a hold or a length counted in breaths, and the header that says
/// how long one breath lasts.
#[test]
fn breaths_check() {
    assert_no_errors("strength:\n  locust hold 5 breaths x3 rest 30s\n  locust 5 breaths\n  locust hold 4-6 breaths\n");
    assert_no_errors("warmup:\n  cat-cow 1 breath\n  cat-cow 6-8 Breaths\n  bridge 3 reps hold 1 breath\n");
    assert_no_errors("breath 5-6s\nwarmup:\n  cat-cow 6 breaths\n");
    // A breathing practice counted in breaths.
    assert_no_errors("cooldown:\n  ujjayi 10 breaths\n");
}

/// Ranges and sets as they come when typed or copied from an article.
#[test]
fn dashes_pulses_and_spaced_sets_read_as_usual() {
    assert_no_errors("strength:\n  cat-cow 6–10 reps\n  locust hold 20–30s x 3 rest 30s\n  locust hold 20—30s\n");
    assert_no_errors("duration 10–15m\nstrength:\n  locust 5-8 pulses\n  locust 1 pulse x 2 rest 30s\n");
    assert_no_errors("strength:\n  2 rounds rest 30–45s:\n    locust hold 20s\n  rest 30–60s\n");
    assert_no_errors("strength:\n  locust 8 reps tempo 4–0–4\n");
}
