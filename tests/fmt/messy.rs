//! Messy routines (mixed indentation, tabs, odd spacing, comments everywhere,
//! keywords in any case, parts in any order, CRLF) and what `ybc fmt` makes of
//! them. Each result is a snapshot, reads back to the same meaning, and is
//! left alone by a second formatting.

use std::path::{Path, PathBuf};

use ybc::catalog::Catalog;
use ybc::fmt::{FormatOptions, format};

use crate::same_meaning::assert_same_meaning;

fn messy_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fmt/messy");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("messy inputs")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ybc"))
        .collect();
    files.sort();
    files
}

fn formatted(text: &str, options: &FormatOptions) -> String {
    match format(text, options) {
        Ok(out) => out,
        Err(diagnostics) => panic!("refused:\n{text}\n{diagnostics:#?}"),
    }
}

/// Formats `text`, checks the result, and returns it.
fn checked(text: &str, options: &FormatOptions) -> String {
    let out = formatted(text, options);
    assert_eq!(formatted(&out, options), out, "formatting twice changed the text again");
    if !options.canonical_names {
        assert_same_meaning(text, &out);
    }
    out
}

#[test]
fn messy_routines_come_out_in_the_canonical_style() {
    let files = messy_files();
    assert!(files.len() >= 8, "expected the messy inputs, found {}", files.len());
    for file in files {
        let name = file.file_stem().and_then(|s| s.to_str()).expect("file name").to_owned();
        let input = std::fs::read_to_string(&file).expect("messy input");
        let out = checked(&input, &FormatOptions::default());
        insta::with_settings!({ omit_expression => true }, {
            insta::assert_snapshot!(name, out);
        });
    }
}

#[test]
fn canonical_names_write_catalog_ids() {
    let input =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fmt/messy/canonical-names.ybc"))
            .expect("messy input");
    let catalog = Catalog::builtin();
    let options = FormatOptions { canonical_names: true, catalog: Some(&catalog) };
    let out = checked(&input, &options);
    // The ids mean what the aliases meant.
    assert_eq!(crate::same_meaning::compiled(&input).plan, crate::same_meaning::compiled(&out).plan);
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!("canonical-names-with-ids", out);
    });
}

#[test]
fn crlf_stays_crlf_and_a_lone_cr_becomes_lf() {
    let input = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fmt/messy/odd-spacing.ybc"))
        .expect("messy input");
    let lf = checked(&input, &FormatOptions::default());
    let crlf = checked(&input.replace('\n', "\r\n"), &FormatOptions::default());
    assert_eq!(crlf, lf.replace('\n', "\r\n"));
    let cr = checked(&input.replace('\n', "\r"), &FormatOptions::default());
    assert_eq!(cr, lf);
}

#[test]
fn trailing_whitespace_goes_and_one_newline_ends_the_file() {
    let out = checked("strength:   \n  locust hold 30s   # slow   \t\n\n\n\n", &FormatOptions::default());
    assert_eq!(out, "strength:\n  locust hold 30s # slow\n");
    assert_eq!(checked("locust hold 30s", &FormatOptions::default()), "locust hold 30s\n");
    assert_eq!(checked("", &FormatOptions::default()), "");
    assert_eq!(checked("\n \n\t\n", &FormatOptions::default()), "");
    assert_eq!(checked("# only a comment", &FormatOptions::default()), "# only a comment\n");
}

#[test]
fn durations_and_counts_are_kept_as_written() {
    let out = checked("locust hold 1m30s x03 rest 0m45s\ncat-cow 08-012 reps\n", &FormatOptions::default());
    assert_eq!(out, "locust hold 1m30s x03 rest 0m45s\ncat-cow 08-012 reps\n");
}

#[test]
fn an_allow_comment_keeps_the_step_it_allows() {
    let input = "strength:\n  # ybc: allow(short-rest)\n  locust   x3 rest 10s hold 20s\n  band-row 12 reps x2 rest 10s # ybc: allow(short-rest)\n";
    let out = checked(input, &FormatOptions::default());
    assert_eq!(
        out,
        "strength:\n  # ybc: allow(short-rest)\n  locust hold 20s x3 rest 10s\n  band-row 12 reps x2 rest 10s # ybc: allow(short-rest)\n"
    );
}

#[test]
fn routines_with_syntax_errors_are_refused_with_their_diagnostics() {
    let cases = [
        ("locust hold 30s \"back and down\n", "syntax"),
        ("locust hold 30\n", "duration"),
        ("cat-cow 8reps\n", "dose"),
        ("locust hold 30s slowly\n", "syntax"),
        ("strength:\n  locust hold 30s\ntitle \"Late\"\n", "header-order"),
        ("warmup:\ncooldown:\n  childs-pose 1m\n", "empty-block"),
        ("strength:\n  locust hold 30s\n \t bridge 3 reps\n", "indentation"),
        ("title Desk Reset\n", "syntax"),
        ("pose wall-angel \"Wall Angel\" focus mobility hold 20-40s wobbly\n", "syntax"),
    ];
    for (text, code) in cases {
        match format(text, &FormatOptions::default()) {
            Ok(out) => panic!("formatted a routine with an error:\n{text}\ninto\n{out}"),
            Err(diagnostics) => assert!(
                diagnostics.iter().any(|d| d.code == code),
                "expected a `{code}` diagnostic for {text:?}, got {diagnostics:#?}"
            ),
        }
    }
}

#[test]
fn the_example_in_the_language_reference_is_what_fmt_writes() {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/language.md")).expect("docs");
    let section = docs.split("## Canonical style").nth(1).expect("the canonical style section");
    let blocks: Vec<&str> =
        section.split("```ybc\n").skip(1).filter_map(|block| block.split("```").next()).take(2).collect();
    let [before, after] = blocks[..] else { panic!("expected a before and an after example") };
    assert_eq!(checked(before, &FormatOptions::default()), after);
}
