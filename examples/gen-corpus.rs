//! Writes a corpus of generated routines for benchmarks and profiling.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- OUT_DIR --files 10000 [--seed N]
//! cargo run --release --example gen-corpus -- OUT_DIR --single-mb 10 [--seed N]
//! ```
//!
//! `--files N` writes `OUT_DIR/SS/NNNNN.ybc`, 1000 files to a folder `SS`;
//! `--single-mb N` writes one routine of exactly N MB (N × 1,000,000 bytes) to
//! `OUT_DIR/single-Nmb.ybc`. Both may be given. The same seed (default 1)
//! always writes the same bytes. The generator is `benches/corpus.rs`.
//! `--first-catalog` draws only from the 32 poses of ybc's first catalog, so
//! that ybc from before the whole-class catalog can check the same routines.

#[allow(dead_code)]
#[path = "../benches/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: gen-corpus OUT_DIR [--files N] [--single-mb N] [--seed N] [--first-catalog]";

struct Args {
    out: PathBuf,
    files: usize,
    single_mb: Option<usize>,
    seed: u64,
    first_catalog: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut out = None;
    let mut files = None;
    let mut single_mb = None;
    let mut seed = 1;
    let mut first_catalog = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| -> Result<u64, String> {
            let v = args.next().ok_or_else(|| format!("{name} needs a number"))?;
            v.parse().map_err(|_| format!("{name}: `{v}` is not a whole number"))
        };
        match arg.as_str() {
            "--files" => files = Some(value("--files")? as usize),
            "--single-mb" => single_mb = Some(value("--single-mb")? as usize),
            "--seed" => seed = value("--seed")?,
            "--first-catalog" => first_catalog = true,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other if other.starts_with('-') => return Err(format!("unknown option {other}\n{USAGE}")),
            other if out.is_none() => out = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument {other}\n{USAGE}")),
        }
    }
    let out = out.ok_or_else(|| USAGE.to_owned())?;
    if files.is_none() && single_mb.is_none() {
        files = Some(10_000);
    }
    Ok(Args { out, files: files.unwrap_or(0), single_mb, seed, first_catalog })
}

fn run(args: &Args) -> std::io::Result<()> {
    let catalog = ybc::catalog::Catalog::builtin();
    let generator =
        if args.first_catalog { corpus::Generator::first_catalog(&catalog) } else { corpus::Generator::new(&catalog) };
    let width = args.files.saturating_sub(1).to_string().len().max(5);
    let mut bytes = 0;
    for i in 0..args.files {
        let dir = args.out.join(format!("{:02}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&dir)?;
        }
        let text = generator.routine(args.seed, i as u64);
        bytes += text.len();
        std::fs::write(dir.join(format!("{i:0width$}.ybc")), text)?;
    }
    if args.files > 0 {
        eprintln!("wrote {} routines, {bytes} bytes, under {}", args.files, args.out.display());
    }
    if let Some(mb) = args.single_mb {
        std::fs::create_dir_all(&args.out)?;
        let path = args.out.join(format!("single-{mb}mb.ybc"));
        let text = generator.big(args.seed, mb * 1_000_000);
        std::fs::write(&path, &text)?;
        eprintln!("wrote {} ({} bytes)", path.display(), text.len());
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The generator's own tests: `cargo test --example gen-corpus` (and `cargo test --all-targets`).
#[cfg(test)]
mod tests {
    use super::corpus::*;
    use ybc::catalog::Catalog;

    /// The corpus is what its documentation says: classes that compile with
    /// no errors, warnings or notes, so that a benchmark measures checking,
    /// not rendering findings, and a change that adds findings to it is seen.
    #[test]
    fn the_first_300_routines_compile_without_findings() {
        let catalog = Catalog::builtin();
        for generator in [Generator::new(&catalog), Generator::first_catalog(&catalog)] {
            for i in 0..300 {
                let text = generator.routine(42, i);
                let compiled = ybc::compile(&text, &catalog);
                assert!(
                    compiled.diagnostics.is_empty(),
                    "routine {i} has findings:\n{text}\n{:#?}",
                    compiled.diagnostics
                );
                let lines = text.lines().count();
                assert!((MIN_LINES..=MAX_LINES + 1).contains(&lines), "routine {i} has {lines} lines:\n{text}");
            }
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        let catalog = Catalog::builtin();
        assert_eq!(corpus(&catalog, 7, 50), corpus(&catalog, 7, 50));
        assert_ne!(corpus(&catalog, 7, 5), corpus(&catalog, 8, 5));
        assert_eq!(big(&catalog, 7, 100_000), big(&catalog, 7, 100_000));
    }

    #[test]
    fn a_big_file_has_the_size_asked_and_no_errors() {
        let catalog = Catalog::builtin();
        let text = big(&catalog, 1, 200_000);
        assert_eq!(text.len(), 200_000);
        let compiled = ybc::compile(&text, &catalog);
        assert!(!compiled.has_errors(), "{:#?}", compiled.diagnostics.iter().take(5).collect::<Vec<_>>());
    }
}
