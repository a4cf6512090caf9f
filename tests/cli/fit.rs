//! `ybc build --format fit`: a Garmin FIT workout, read back by Garmin's own
//! FIT SDK (tests/fit/decode.py), byte for byte in a snapshot, and refused
//! where a workout can't be written.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use crate::harness::{CLEAN, Workspace};

/// A small class: reps, a timed hold in three sets with rests (a repeat), a
/// pose FIT has no name for, cues, and warm-up and cool-down sections.
const SMALL: &str = "title \"Short\"\nwarmup:\n  cat-cow 8 reps \"slow\"\nstrength:\n  locust hold 20-30s x3 rest 30s\ncooldown:\n  savasana 2m\n";

/// Under CI a failure, elsewhere a note that the test was skipped.
fn skip(why: &str) {
    assert!(std::env::var("CI").map_or(true, |v| v != "true"), "{why}");
    eprintln!("SKIPPED: {why}");
}

/// Builds `routine.ybc` in `ws` to `out`, asserting that it was built.
fn build(ws: &Workspace, out: &str, extra: &[&str]) -> Vec<u8> {
    let mut args = vec!["build", "routine.ybc", "--format", "fit", "-o", out];
    args.extend_from_slice(extra);
    let run = ws.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::read(ws.path().join(out)).expect("the FIT file")
}

/// Sixteen bytes a line, with offsets: a snapshot a reviewer can read.
fn hex(bytes: &[u8]) -> String {
    let mut out = String::new();
    for (n, line) in bytes.chunks(16).enumerate() {
        let _ = write!(out, "{:04x}:", n * 16);
        for byte in line {
            let _ = write!(out, " {byte:02x}");
        }
        let text: String =
            line.iter().map(|&b| if b.is_ascii_graphic() || b == b' ' { b as char } else { '.' }).collect();
        let _ = writeln!(out, "{:width$}  {text}", "", width = (16 - line.len()) * 3);
    }
    out
}

/// Every sample routine, built to FIT and to JSON, read back by Garmin's FIT
/// SDK: integrity, no read errors, a training/yoga workout, and its steps with
/// repeats run out matching the JSON timeline (tests/fit/decode.py).
#[test]
fn every_sample_routine_reads_back_in_garmins_fit_sdk() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = repo.join("tests/fit/decode.py");
    match Command::new("python3").args(["-c", "import garmin_fit_sdk"]).output() {
        Ok(output) if output.status.success() => {}
        Ok(_) => return skip("the garmin-fit-sdk Python package is missing: python3 -m pip install garmin-fit-sdk"),
        Err(e) => return skip(&format!("python3 is missing ({e}); it runs Garmin's FIT SDK")),
    }
    let ws = Workspace::new();
    let mut read = 0;
    for entry in std::fs::read_dir(repo.join("routines")).expect("routines") {
        let path = entry.expect("entry").path();
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("a name").to_owned();
        let routine = path.to_str().expect("a UTF-8 path");
        let (fit, json) = (format!("{stem}.fit"), format!("{stem}.json"));
        for (format, out) in [("fit", &fit), ("json", &json)] {
            let run = ws.run(&["build", routine, "--format", format, "-o", out]);
            assert_eq!(run.code, 0, "{stem} as {format}: {}", run.stderr);
        }
        let output = Command::new("python3")
            .arg(&script)
            .args([&fit, &json])
            .current_dir(ws.path())
            .output()
            .expect("run decode.py");
        let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        assert!(output.status.success(), "{stem}: Garmin's FIT SDK disagrees:\n{stdout}{stderr}");
        assert!(stdout.contains("run out to the"), "{stem}: {stdout}");
        eprintln!("{stdout}");
        read += 1;
    }
    assert!(read >= 7, "every sample routine: {read}");
}

#[test]
fn a_small_workout_byte_for_byte() {
    let ws = Workspace::new();
    ws.file("routine.ybc", SMALL);
    let bytes = build(&ws, "short.fit", &[]);
    insta::assert_snapshot!("small_workout", hex(&bytes));
}

#[test]
fn the_same_routine_gives_the_same_bytes_and_a_date_only_its_time() {
    let ws = Workspace::new();
    ws.file("routine.ybc", SMALL);
    let first = build(&ws, "a.fit", &[]);
    let second = build(&ws, "b.fit", &[]);
    assert_eq!(first, second);
    let dated = build(&ws, "dated.fit", &["--date", "2026-01-01"]);
    assert_eq!(dated, build(&ws, "dated-again.fit", &["--date", "2026-01-01"]));
    assert_eq!(dated.len(), first.len());
    // time_created: 2026-01-01 00:00 UTC, 1,136,160,000 s after FIT's epoch.
    let at = first.windows(4).position(|w| w == 0x1000_0000u32.to_le_bytes()).expect("the undated time");
    assert_eq!(dated.get(at..at + 4), Some(&1_136_160_000u32.to_le_bytes()[..]));
    let differ: Vec<usize> = (0..first.len()).filter(|&i| first[i] != dated[i]).collect();
    assert!(differ.iter().all(|&i| (at..at + 4).contains(&i) || i >= first.len() - 2), "{differ:?}");
}

#[test]
fn a_routine_with_errors_is_not_built() {
    let ws = Workspace::new();
    ws.file("routine.ybc", "locsut hold 30s\n");
    let run = ws.run(&["build", "routine.ybc", "--format", "fit", "-o", "class.fit"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("`locsut` is not a pose I know."), "{}", run.stderr);
    assert!(run.stderr.contains("routine.ybc has errors, so it was not compiled."), "{}", run.stderr);
    assert!(!ws.path().join("class.fit").exists());
}

#[test]
fn a_class_too_long_for_a_workout_is_not_written_at_all() {
    let ws = Workspace::new();
    // 4,097 steps, no two alike in a row, so no repeat can shorten them.
    let steps: String = (0..4097).map(|i| if i % 2 == 0 { "  cobra 10s\n" } else { "  sphinx 10s\n" }).collect();
    ws.file("routine.ybc", format!("strength:\n{steps}"));
    let old = ws.file("class.fit", "the workout from last week");
    let run = ws.run(&["build", "routine.ybc", "--format", "fit", "-o", "class.fit"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("This class becomes 4,097 workout steps, more than the 4,096 a FIT workout holds."),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("routine.ybc was not built: a watch workout can't hold it."), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(old).expect("left"), "the workout from last week");
    // One step fewer fits.
    let steps: String = (0..4096).map(|i| if i % 2 == 0 { "  cobra 10s\n" } else { "  sphinx 10s\n" }).collect();
    ws.file("routine.ybc", format!("strength:\n{steps}"));
    assert_eq!(ws.run(&["build", "routine.ybc", "--format", "fit", "-o", "class.fit"]).code, 0);
}

#[test]
fn the_file_is_written_atomically_like_every_output() {
    let ws = Workspace::new();
    ws.file("routine.ybc", CLEAN);
    let run = ws.run(&["build", "routine.ybc", "--format", "fit", "-o", "out/class.fit"]);
    assert_eq!(run.code, 2, "the output folder must exist");
    assert!(run.stderr.contains("can't write out/class.fit"), "{}", run.stderr);
    std::fs::create_dir(ws.path().join("out")).expect("folder");
    let bytes = build(&ws, "out/class.fit", &[]);
    assert!(bytes.get(8..12) == Some(b".FIT"), "a FIT header");
    let left: Vec<_> =
        std::fs::read_dir(ws.path().join("out")).expect("dir").flatten().map(|e| e.file_name()).collect();
    assert_eq!(left.len(), 1, "no temporary files left: {left:?}");
    let run = ws.run(&["build", "routine.ybc", "--format", "fit", "-o", "routine.ybc"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("refusing to write the output over the routine itself"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(ws.path().join("routine.ybc")).expect("kept"), CLEAN);
    let run = ws.run(&["build", "routine.ybc", "--format", "fit", "-o", "out"]);
    assert_eq!(run.code, 2, "a folder is no output");
}

#[test]
fn poses_without_a_garmin_pose_get_one_note() {
    let ws = Workspace::new();
    ws.file("routine.ybc", SMALL);
    let run = ws.run(&["build", "routine.ybc", "--format", "fit", "-o", "class.fit"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("A pose in this class has no Garmin pose of its own."), "{}", run.stderr);
    assert!(run.stderr.contains("Cat-Cow: shown by name"), "{}", run.stderr);
    assert!(!run.stderr.contains("Locust: shown by name"), "{}", run.stderr);
    ws.file("routine.ybc", "warmup:\n  childs-pose 1m\nstrength:\n  locust hold 30s\ncooldown:\n  savasana 3m\n");
    let run = ws.run(&["build", "routine.ybc", "--format", "fit", "-o", "class.fit"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("Garmin pose"), "{}", run.stderr);
}

#[test]
fn html_options_and_bad_dates_are_refused() {
    let ws = Workspace::new();
    ws.file("routine.ybc", CLEAN);
    let run = ws.run(&["build", "routine.ybc", "--format", "fit", "-o", "c.fit", "--layout", "cards"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("are for `--format html`"), "{}", run.stderr);
    let run = ws.run(&["build", "routine.ybc", "--format", "fit", "-o", "c.fit", "--date", "1990-01-01"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`--date 1990-01-01` is outside the dates a FIT file holds"), "{}", run.stderr);
    let run = ws.run(&["build", "routine.ybc", "--format", "json", "--date", "2026-01-01"]);
    assert_eq!(run.code, 2);
    assert!(!ws.path().join("c.fit").exists());
}

#[test]
fn an_adapted_routine_builds_to_fit_too() {
    let ws = Workspace::new();
    ws.file("routine.ybc", "audience osteoporosis\nstrength:\n  locust hold 20s\ncooldown:\n  savasana 3m\n");
    let run = ws.run(&["build", "routine.ybc", "--adapt", "swap", "--format", "fit", "-o", "class.fit"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("routine.ybc:3: Locust is not safe"), "{}", run.stderr);
    let bytes = std::fs::read(ws.path().join("class.fit")).expect("written");
    assert!(!bytes.windows(6).any(|w| w == b"Locust"), "the adapted class has no locust");
}
