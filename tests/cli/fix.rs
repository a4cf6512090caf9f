//! `ybc check --fix`: what is written in a way ybc does not read, but whose
//! meaning is certain, is rewritten in place; guesses and safety changes are
//! only reported.

use crate::harness::{CLEAN, Workspace};

/// A class as a teacher might type it: names, doses, sides and sections in
/// words, a comma, and two mistakes only a person can settle (a misspelt
/// pose, `3 times` after reps).
const SAID: &str = "warm up:\n  cat cow 8 reps\n  thread the needle 6 reps each arm\nstrength:\n  \
                    locust pose hold 20-30 seconds, x3 rest 45 sec\n  bridj 3 sets of 4 reps hold 30s\n  \
                    wall-slides 8 reps 3 times\ncool down:\n  child's pose 2 minutes\n";

/// `SAID` with its certain fixes made.
const FIXED: &str = "warmup:\n  cat-cow 8 reps\n  thread-the-needle 6 reps each side\nstrength:\n  \
                     locust hold 20-30s x3 rest 45s\n  bridj x3 4 reps hold 30s\n  \
                     wall-slides 8 reps 3 times\ncooldown:\n  childs-pose 2m\n";

#[test]
fn certain_fixes_are_made_and_the_rest_reported_on_the_new_text() {
    let ws = Workspace::new();
    let class = ws.file("class/said.ybc", SAID);
    let clean = ws.file("class/clean.ybc", CLEAN);
    let run = ws.run(&["check", "--fix", "--format", "concise", "class"]);
    assert_eq!(run.code, 1, "two errors are left: {}{}", run.stdout, run.stderr);
    assert_eq!(std::fs::read_to_string(&class).expect("read"), FIXED);
    assert_eq!(std::fs::read_to_string(&clean).expect("read"), CLEAN);
    // What is left is reported where it is in the fixed file.
    assert_eq!(
        run.stdout,
        "class/said.ybc:6:3: error[unknown-pose] `bridj` is not a pose I know.\n\
         class/said.ybc:7:22: error[dose] `3 times` is written `x3` in a routine.\n",
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr, "Fixed 11 mistakes in 1 file.\nChecked 2 files: 2 errors, 0 warnings.\n");
    // Nothing is left that --fix can make: a second run changes nothing.
    let again = ws.run(&["check", "--fix", "--format", "concise", "class"]);
    assert_eq!(std::fs::read_to_string(&class).expect("read"), FIXED);
    assert!(again.stderr.starts_with("Fixed 0 mistakes in 0 files.\n"), "{}", again.stderr);
}

#[test]
fn a_routine_with_only_certain_mistakes_passes_after_fix() {
    let ws = Workspace::new();
    let routine =
        ws.file("class.ybc", CLEAN.replace("cat-cow 8 reps", "cat cow 8 reps").replace("30s each", "30 seconds each"));
    assert_eq!(ws.run(&["check", "class.ybc"]).code, 1);
    let run = ws.run(&["check", "--fix", "class.ybc"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    assert_eq!(run.stderr, "Fixed 2 mistakes in 1 file.\nChecked 1 file: 0 errors, 0 warnings.\n");
    assert_eq!(std::fs::read_to_string(&routine).expect("read"), CLEAN);
}

#[cfg(unix)]
#[test]
fn fixing_keeps_the_bom_the_permissions_and_the_link() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::new();
    let target = ws.file("real/class.ybc", format!("\u{feff}{}", CLEAN.replace("cat-cow", "cat cow")));
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    ws.symlink("real/class.ybc", "class.ybc");
    let run = ws.run(&["check", "--fix", "class.ybc"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(std::fs::read_to_string(&target).expect("read"), format!("\u{feff}{CLEAN}"));
    let mode = std::fs::metadata(&target).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert!(std::fs::symlink_metadata(ws.path().join("class.ybc")).expect("link").file_type().is_symlink());
}

#[test]
fn a_read_only_routine_is_left_alone_and_said_so() {
    let ws = Workspace::new();
    let said = CLEAN.replace("cat-cow", "cat cow");
    let routine = ws.file("class.ybc", &said);
    let mut permissions = std::fs::metadata(&routine).expect("metadata").permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&routine, permissions).expect("chmod");
    let run = ws.run(&["check", "--fix", "--format", "concise", "class.ybc"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: can't write the fixes to class.ybc: the file is read-only\n"),
        "{}",
        run.stderr
    );
    // The mistake is reported on the file as it still is.
    assert!(
        run.stdout.starts_with("class.ybc:2:3: error[unknown-pose] `cat cow` is written `cat-cow`"),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read_to_string(&routine).expect("read"), said);
}

#[test]
fn standard_input_is_not_fixed() {
    let ws = Workspace::new();
    let run = ws.ybc(&["check", "--fix", "-"]).stdin(CLEAN).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: --fix rewrites routine files in place, so it can't take standard input; give the files\n"
    );
}

#[test]
fn the_json_report_says_which_fixes_are_certain() {
    let ws = Workspace::new();
    ws.file("class.ybc", "strength:\n  locsut hold 30 seconds\n");
    let run = ws.run(&["check", "--format", "json", "class.ybc"]);
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let safe: Vec<(String, bool)> = findings
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["fix"].is_object())
        .map(|f| (f["fix"]["replacement"].as_str().unwrap_or("").to_owned(), f["fix"]["safe"] == true))
        .collect();
    assert_eq!(safe, [("locust".to_owned(), false), ("30s".to_owned(), true)]);
}

#[test]
fn fixes_that_could_change_the_meaning_are_left_for_the_teacher() {
    let ws = Workspace::new();
    let said = "warmup:\n  plank hold 1 min rest 30 seconds\n  plank 1 min hold 30 seconds\n  plank 1 min, 30 seconds\n  \
                plank 1,30 seconds\n  plank hold 30s,x3\n  band-row 12 reps both arms\n  plank hold 30s 3 repeats\n  \
                strength 10 reps\n";
    let routine = ws.file("class.ybc", said);
    ws.run(&["check", "--fix", "class.ybc"]);
    assert_eq!(
        std::fs::read_to_string(&routine).expect("read"),
        // A rest, a hold or a comma between two lengths keeps them apart; a comma
        // between digits, `both arms` (at once?), `repeats` (sets or reps?) and a
        // section word with more on its line are the teacher's to settle.
        "warmup:\n  plank hold 1m rest 30s\n  plank 1m hold 30s\n  plank 1m 30s\n  plank 1,30 seconds\n  \
         plank hold 30s x3\n  band-row 12 reps both arms\n  plank hold 30s 3 repeats\n  strength 10 reps\n"
    );
}

/// Header lines and a section written as teachers type them are rewritten
/// the way ybc reads them, and the routine then checks clean.
#[test]
fn headers_written_another_way_are_fixed() {
    let ws = Workspace::new();
    let typed = "Title: Tuesday class\nLevel - beginners\nduration: 12 min\nprops: mat, blocks\naudience: neck pain\n\
                 warm up\n  cat-cow 8 reps\n  thread-the-needle 6 reps each side\nstrength:\n  locust hold 5 breaths x 3 rest 30s\n\
                 cool down\n  doorway-chest-opener hold 45s each side\n  childs-pose 1m\n";
    let fixed = "title \"Tuesday class\"\nlevel beginner\nduration 12m\nprops mat, blocks\naudience neck-pain\n\
                 warmup:\n  cat-cow 8 reps\n  thread-the-needle 6 reps each side\nstrength:\n  locust hold 5 breaths x 3 rest 30s\n\
                 cooldown:\n  doorway-chest-opener hold 45s each side\n  childs-pose 1m\n";
    let routine = ws.file("class.ybc", typed);
    let run = ws.run(&["check", "--fix", "--format", "concise", "class.ybc"]);
    assert_eq!(std::fs::read_to_string(&routine).expect("read"), fixed, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.starts_with("Fixed 7 mistakes in 1 file.\n"), "{}", run.stderr);
    // What is left is about the class (locust for neck pain), not about how it is written.
    assert!(!run.stdout.contains("error[syntax]") && !run.stdout.contains("error[unknown"), "{}", run.stdout);
    // `ybc fmt` then writes `x 3` as `x3`.
    let formatted = ws.run(&["fmt", "class.ybc"]);
    assert_eq!(formatted.code, 0, "{}", formatted.stderr);
    assert!(std::fs::read_to_string(&routine).expect("read").contains("locust hold 5 breaths x3 rest 30s"));
}
