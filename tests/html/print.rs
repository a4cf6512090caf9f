//! Printing, as a teacher would: headless Chromium prints every sample routine
//! to PDF in both layouts and both paper sizes. The page counts are checked
//! (the desk reset fits one A4 page, the 25-minute routine two; the deck has one
//! page per card), and the PDF's text (pdftotext) shows that no card is split
//! across two pages. Screenshots and PDF pages are left in `target/ybc-html/`
//! for a person to look at.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use crate::harness::{artifacts, build, first, parse, routines, select, text};
use crate::tools::require;

/// Chromium, started the way this machine's closed network needs: no
/// background fetches, a fresh profile every time.
fn chromium(binary: &Path, profile: &Path, args: &[String]) -> std::process::Output {
    assert_cmd::Command::new(binary)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .timeout(Duration::from_secs(40))
        .output()
        .expect("run chromium")
}

/// One thing to print or photograph.
struct Job {
    html: PathBuf,
    out: PathBuf,
    /// `None` prints to PDF; `Some((w, h))` takes a screenshot at that window size.
    window: Option<(u32, u32)>,
}

/// Runs the jobs two at a time (the machine has two cores).
fn run(binary: &Path, jobs: Vec<Job>) {
    let queue = Mutex::new(jobs);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let Some(job) = queue.lock().expect("queue").pop() else { break };
                    let profile = tempfile::tempdir().expect("profile");
                    let url = format!("file://{}", job.html.display());
                    let args = match job.window {
                        None => vec![
                            "--no-pdf-header-footer".to_owned(),
                            format!("--print-to-pdf={}", job.out.display()),
                            url,
                        ],
                        Some((w, h)) => {
                            vec![format!("--window-size={w},{h}"), format!("--screenshot={}", job.out.display()), url]
                        }
                    };
                    let output = chromium(binary, profile.path(), &args);
                    if !job.out.is_file() {
                        failures.lock().expect("failures").push(format!(
                            "{} was not made:\n{}",
                            job.out.display(),
                            String::from_utf8_lossy(&output.stderr)
                        ));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().expect("failures");
    assert!(failures.is_empty(), "Chromium failed:\n{}", failures.join("\n"));
}

fn pages(pdfinfo: &Path, pdf: &Path) -> usize {
    let output = std::process::Command::new(pdfinfo).arg(pdf).output().expect("run pdfinfo");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap_or(0)))
        .unwrap_or(0)
}

/// The text of each page in the order Chromium wrote it (the page's DOM order,
/// `-raw`; pdftotext's reading order mixes up floats in columns), with all white
/// space taken out (Chromium wraps lines anywhere).
fn page_texts(pdftotext: &Path, pdf: &Path) -> Vec<String> {
    let output = std::process::Command::new(pdftotext).arg("-raw").arg(pdf).arg("-").output().expect("run pdftotext");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let mut pages: Vec<String> =
        text.split('\u{c}').map(|page| page.chars().filter(|c| !c.is_whitespace()).collect()).collect();
    if pages.last().is_some_and(String::is_empty) {
        pages.pop();
    }
    pages
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The pages on which `needle` stands, not right after a digit (so `4Locust`
/// does not match inside `14Locust`).
fn pages_with(pages: &[String], needle: &str) -> Vec<usize> {
    pages
        .iter()
        .enumerate()
        .filter(|(_, page)| {
            page.match_indices(needle).any(|(at, _)| !page[..at].chars().last().is_some_and(|c| c.is_ascii_digit()))
        })
        .map(|(i, _)| i + 1)
        .collect()
}

/// Every card's heading, dose and time line are on one page, and on one only.
fn assert_no_card_is_split(html: &str, pages: &[String], what: &str) {
    let document = parse(html);
    for card in document.select(&select("article.card")) {
        let heading = squash(&format!("{}{}", first(card, "h3 .num"), first(card, "h3 .english")));
        let parts =
            [("heading", heading), ("dose", squash(&first(card, ".dose"))), ("time", squash(&first(card, ".when")))];
        let mut on = Vec::new();
        for (part, needle) in &parts {
            let found = pages_with(pages, needle);
            assert!(!found.is_empty(), "{what}: the card's {part} `{needle}` is on no page of the PDF");
            on.push(found);
        }
        let heading_pages = &on[0];
        let time_pages = &on[2];
        assert!(
            time_pages.len() == 1 && heading_pages.contains(&time_pages[0]) && on[1].contains(&time_pages[0]),
            "{what}: card `{}` is split across pages: heading on {:?}, dose on {:?}, time on {:?}",
            text(card.select(&select("h3")).next().expect("h3")),
            on[0],
            on[1],
            on[2]
        );
    }
}

/// Words printed smaller than 9 pt. pdftotext's word boxes are as tall as the
/// font's ascent plus descent: 1.117 em for Liberation Sans (Arial's metrics), so
/// 9 pt text is 10.05 pt tall.
fn small_words(pdftotext: &Path, pdf: &Path) -> Vec<String> {
    let output =
        std::process::Command::new(pdftotext).arg("-bbox").arg(pdf).arg("-").output().expect("run pdftotext -bbox");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let attr = |tag: &str, name: &str| -> f64 {
        tag.split(&format!("{name}=\""))
            .nth(1)
            .and_then(|v| v.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    text.split("<word ")
        .skip(1)
        .filter_map(|tag| {
            let height = attr(tag, "yMax") - attr(tag, "yMin");
            let word = tag.split('>').nth(1)?.split('<').next()?;
            (height < 9.0 * 1.117 - 0.1).then(|| format!("{word} ({:.1} pt)", height / 1.117))
        })
        .collect()
}

#[test]
fn every_routine_prints_with_whole_cards_in_both_layouts_and_papers() {
    let Some(chrome) =
        require(&["chromium", "chromium-browser", "google-chrome"], "Chromium (Debian package chromium)")
    else {
        return;
    };
    let (Some(pdfinfo), Some(pdftotext)) = (
        require(&["pdfinfo"], "pdfinfo (Debian package poppler-utils)"),
        require(&["pdftotext"], "pdftotext (Debian package poppler-utils)"),
    ) else {
        return;
    };
    let out = artifacts();
    let work = tempfile::tempdir().expect("temporary folder");
    struct Printed {
        name: String,
        html: String,
        pdf: PathBuf,
        cards_layout: bool,
    }
    let mut printed = Vec::new();
    let mut jobs = Vec::new();
    for routine in routines() {
        let stem = routine.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        for layout in ["handout", "cards"] {
            for paper in ["a4", "letter"] {
                let name = format!("{stem}-{layout}-{paper}");
                let built = build(&routine, &["--layout", layout, "--paper", paper]);
                assert_eq!(built.code, 0, "{name}: {}", built.stderr);
                let html = work.path().join(format!("{name}.html"));
                std::fs::write(&html, &built.html).expect("write html");
                let pdf = out.join(format!("{name}.pdf"));
                let _ = std::fs::remove_file(&pdf);
                jobs.push(Job { html: html.clone(), out: pdf.clone(), window: None });
                printed.push(Printed { name, html: built.html, pdf, cards_layout: layout == "cards" });
            }
        }
    }
    // Screenshots of each layout on a desktop and of the handout at phone width,
    // and the figure gallery: look at them after a change.
    let desk = routines().into_iter().find(|r| r.ends_with("desk-reset.ybc")).expect("the desk reset");
    let class = routines().into_iter().find(|r| r.ends_with("guide-45-60-minute-class.ybc")).expect("the class");
    let mut shots = Vec::new();
    for (name, routine, args, window) in [
        ("screen-handout-desktop.png", &desk, vec![], (1280, 2300)),
        ("screen-handout-phone.png", &desk, vec![], (390, 5200)),
        ("screen-cards-desktop.png", &desk, vec!["--layout", "cards"], (1280, 3600)),
        ("screen-class-desktop.png", &class, vec!["--log-weeks", "6"], (1280, 4200)),
    ] {
        let html = work.path().join(name.replace(".png", ".html"));
        std::fs::write(&html, build(routine, &args).html).expect("write html");
        shots.push(Job { html, out: out.join(name), window: Some(window) });
    }
    let gallery = work.path().join("figures.html");
    std::fs::write(&gallery, crate::figures::gallery()).expect("write gallery");
    shots.push(Job { html: gallery, out: out.join("figures.png"), window: Some((1250, 1300)) });
    for shot in &shots {
        let _ = std::fs::remove_file(&shot.out);
    }
    jobs.extend(shots);
    run(&chrome, jobs);

    let mut report = String::from("routine, layout, paper: pages\n");
    for p in &printed {
        let count = pages(&pdfinfo, &p.pdf);
        report.push_str(&format!("{}: {count}\n", p.name));
        let document = parse(&p.html);
        if p.cards_layout {
            let cards = document.select(&select("main > .page")).count();
            assert_eq!(count, cards, "{}: the deck should print one card per page", p.name);
        } else if p.name.starts_with("desk-reset-") {
            assert_eq!(count, 1, "{}: the desk reset should print on one page", p.name);
        } else if p.name.starts_with("guide-25-minute-focused-") {
            assert!(count <= 2, "{}: the 25-minute routine should print on at most two pages, not {count}", p.name);
        }
        assert_no_card_is_split(&p.html, &page_texts(&pdftotext, &p.pdf), &p.name);
        let small = small_words(&pdftotext, &p.pdf);
        assert!(small.is_empty(), "{}: text printed smaller than 9 pt: {}", p.name, small.join(", "));
    }
    std::fs::write(out.join("page-counts.txt"), &report).expect("write the page counts");
    println!("{report}");
    // The printed desk reset, as pictures of its pages.
    if let Some(pdftoppm) = crate::tools::find(&["pdftoppm"]) {
        for name in ["desk-reset-handout-a4", "guide-25-minute-focused-handout-letter", "desk-reset-cards-a4"] {
            let _ = std::process::Command::new(&pdftoppm)
                .args(["-r", "60", "-png"])
                .arg(out.join(format!("{name}.pdf")))
                .arg(out.join(format!("print-{name}")))
                .status();
        }
    }
}
