//! Benchmarks: the whole compiler and each stage over one in-memory corpus of
//! 10,000 generated routines (`benches/corpus.rs`), and one 1 MB routine.
//!
//! `cargo bench` prints time per pass over the corpus, MB/s and routines/s
//! (divide 1 by the latter for the time per routine). `cargo test
//! --all-targets` runs every benchmark once, unoptimised, on the first 1,000
//! routines of the same corpus, so that it takes seconds, not a minute.
//! Figures: docs/performance.md.

#[allow(dead_code)]
mod corpus;

use std::sync::{Arc, LazyLock};

use divan::Bencher;
use divan::counter::{BytesCount, ItemsCount};
use ybc::catalog::Catalog;
use ybc::plan::Plan;
use ybc::resolve::Purpose;
use ybc::routine::Routine;
use ybc::syntax::Document;

/// The corpus's seed: the same routines on every run.
const SEED: u64 = 1;
/// Routines in the corpus under `cargo bench`.
const ROUTINES: usize = 10_000;
/// Routines in the corpus when the benchmarks run once as tests (no `--bench` argument).
const TEST_ROUTINES: usize = 1_000;
/// The size of the single big routine.
const BIG_BYTES: usize = 1_000_000;

static CATALOG: LazyLock<Arc<Catalog>> = LazyLock::new(Catalog::builtin);
static CORPUS: LazyLock<Vec<String>> = LazyLock::new(|| corpus::corpus(&CATALOG, SEED, corpus_size()));
static BIG: LazyLock<String> = LazyLock::new(|| corpus::big(&CATALOG, SEED, BIG_BYTES));
static PARSED: LazyLock<Vec<Document>> =
    LazyLock::new(|| CORPUS.iter().map(|t| ybc::syntax::parse(t).document).collect());
static RESOLVED: LazyLock<Vec<Routine>> =
    LazyLock::new(|| PARSED.iter().map(|d| ybc::resolve::resolve(d, &CATALOG, Purpose::Routine).0).collect());
static PLANNED: LazyLock<Vec<Plan>> =
    LazyLock::new(|| RESOLVED.iter().map(|r| ybc::plan::plan(r).expect("a generated routine has a plan")).collect());
const DESK_RESET: &str = include_str!("../routines/desk-reset.ybc");
const CLASS_45: &str = include_str!("../routines/guide-45-60-minute-class.ybc");

fn main() {
    divan::main();
}

/// Divan measures only when cargo passes `--bench`; otherwise each benchmark runs once as a test.
fn corpus_size() -> usize {
    if std::env::args().any(|a| a == "--bench") { ROUTINES } else { TEST_ROUTINES }
}

/// Counts the corpus's bytes and routines, so that divan prints MB/s and routines/s.
fn counted<'a, 'b>(bencher: Bencher<'a, 'b>) -> Bencher<'a, 'b> {
    let bytes: usize = CORPUS.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).counter(ItemsCount::new(CORPUS.len()))
}

/// `ybc::compile` (parse, resolve, plan, check) over the whole corpus: what `ybc check` does per file.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn check(bencher: Bencher) {
    let catalog = &*CATALOG;
    counted(bencher).bench(|| {
        for text in CORPUS.iter() {
            divan::black_box(ybc::compile(divan::black_box(text), catalog));
        }
    });
}

/// Stages, each given the previous stage's output (made before timing starts).
mod stage {
    use super::*;

    /// `ybc::syntax::parse`: lines, the pest grammar, blocks.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn parse(bencher: Bencher) {
        counted(bencher).bench(|| {
            for text in CORPUS.iter() {
                divan::black_box(ybc::syntax::parse(divan::black_box(text)));
            }
        });
    }

    /// `ybc::resolve::resolve` on parsed documents: names, doses, custom poses.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn resolve(bencher: Bencher) {
        let (docs, catalog) = (&*PARSED, &*CATALOG);
        counted(bencher).bench(|| {
            for doc in docs {
                divan::black_box(ybc::resolve::resolve(divan::black_box(doc), catalog, Purpose::Routine));
            }
        });
    }

    /// `ybc::plan::plan` on resolved routines: the timeline.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn plan(bencher: Bencher) {
        let routines = &*RESOLVED;
        counted(bencher).bench(|| {
            for routine in routines {
                let _ = divan::black_box(ybc::plan::plan(divan::black_box(routine)));
            }
        });
    }

    /// `ybc::check::run`: every rule, given the routine and its plan.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn check_rules(bencher: Bencher) {
        let (routines, plans) = (&*RESOLVED, &*PLANNED);
        let settings = ybc::check::Settings::default();
        counted(bencher).bench(|| {
            for (routine, plan) in routines.iter().zip(plans) {
                let context = ybc::check::Context::new(routine, Some(plan), &settings);
                divan::black_box(ybc::check::run(divan::black_box(&context)));
            }
        });
    }

    /// `ybc::emit::json::render`: the JSON for players.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn emit_json(bencher: Bencher) {
        let (routines, plans, texts) = (&*RESOLVED, &*PLANNED, &*CORPUS);
        counted(bencher).bench(|| {
            for ((routine, plan), text) in routines.iter().zip(plans).zip(texts) {
                divan::black_box(ybc::emit::json::render(routine, plan, text, "routine.ybc", &[]));
            }
        });
    }

    /// `ybc::emit::html::render`: the printable handout (A4, one card per pose).
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn emit_html(bencher: Bencher) {
        let (routines, plans) = (&*RESOLVED, &*PLANNED);
        let options = ybc::emit::html::Options::default();
        counted(bencher).bench(|| {
            for (routine, plan) in routines.iter().zip(plans) {
                divan::black_box(ybc::emit::html::render(routine, plan, "routine.ybc", &[], &options));
            }
        });
    }

    /// `ybc::fmt::format`: the canonical layout, checked to mean the same as the input.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn fmt(bencher: Bencher) {
        let options = ybc::fmt::FormatOptions::default();
        counted(bencher).bench(|| {
            for text in CORPUS.iter() {
                let _ = divan::black_box(ybc::fmt::format(divan::black_box(text), &options));
            }
        });
    }
}

/// `ybc build --format html` on the 45-minute sample class, in-process: compile, plan, render.
#[divan::bench(sample_count = 100)]
fn build_html_45_minute_class(bencher: Bencher) {
    let catalog = &*CATALOG;
    let options = ybc::emit::html::Options::default();
    bencher.counter(BytesCount::of_str(CLASS_45)).bench(|| {
        let compiled = ybc::compile(divan::black_box(CLASS_45), catalog);
        let plan = compiled.plan.as_ref().expect("the sample class has a plan");
        divan::black_box(ybc::emit::html::render(&compiled.routine, plan, "class.ybc", &[], &options))
    });
}

/// `ybc::compile` on one 1 MB routine (sections back to back).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn check_1mb_file(bencher: Bencher) {
    let (text, catalog) = (&*BIG, &*CATALOG);
    bencher.counter(BytesCount::of_str(text)).bench(|| divan::black_box(ybc::compile(divan::black_box(text), catalog)));
}

/// `ybc::compile` on the sample desk reset (20 lines), one at a time.
#[divan::bench(sample_count = 200)]
fn check_desk_reset(bencher: Bencher) {
    let catalog = &*CATALOG;
    bencher
        .counter(BytesCount::of_str(DESK_RESET))
        .bench(|| divan::black_box(ybc::compile(divan::black_box(DESK_RESET), catalog)));
}

/// Generating the corpus itself, so that its cost in test mode is known.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn generate_corpus(bencher: Bencher) {
    let catalog = &*CATALOG;
    let n = corpus_size();
    bencher.counter(ItemsCount::new(n)).bench(|| divan::black_box(corpus::corpus(catalog, SEED, n)));
}
