//! The handout's content, read from the parsed DOM: a card per step with its
//! dose, names and props; escaping; determinism; errors and warnings; options.

use crate::harness::{
    build, build_text, expected_cards, expected_props, first, parse, repo, routines, select, text, texts,
};

#[test]
fn every_routine_has_a_card_per_step_with_its_names_and_dose() {
    for routine in routines() {
        let built = build(&routine, &[]);
        assert_eq!(built.code, 0, "{}:\n{}", routine.display(), built.stderr);
        let document = parse(&built.html);
        let cards: Vec<_> = document.select(&select("article.card")).collect();
        let expected = expected_cards(&routine);
        assert_eq!(cards.len(), expected.len(), "{}: one card per step", routine.display());
        for (n, (card, want)) in cards.iter().zip(&expected).enumerate() {
            let name = routine.display();
            assert_eq!(first(*card, "h3 .english"), want.english, "{name}: card {}", n + 1);
            assert_eq!(first(*card, "h3 .num"), (n + 1).to_string(), "{name}: card {} number", n + 1);
            assert_eq!(first(*card, ".dose"), want.dose, "{name}: card {} ({}) dose", n + 1, want.english);
            match &want.sanskrit {
                Some(sanskrit) => assert_eq!(&first(*card, "h3 .sanskrit"), sanskrit, "{name}: {}", want.english),
                None => assert!(card.select(&select(".sanskrit")).next().is_none()),
            }
            assert!(
                card.select(&select(".pics svg title")).next().is_some(),
                "{name}: {} has no picture",
                want.english
            );
            assert!(!first(*card, ".when").is_empty(), "{name}: {} says nothing of its time", want.english);
        }
        let props: Vec<String> = texts(document.root_element(), ".checklist li b");
        assert_eq!(props, expected_props(&routine), "{}: the props checklist", routine.display());
    }
}

#[test]
fn the_desk_reset_reads_as_a_teacher_would_say_it() {
    let built = build(&repo().join("routines/desk-reset.ybc"), &[]);
    let document = parse(&built.html);
    let root = document.root_element();
    assert_eq!(first(root, "h1"), "Desk Reset: Upper Back in 10");
    let doses = texts(root, "article.card .dose");
    assert!(doses.contains(&"3 sets × 20-30 s hold, rest 30 s between".to_owned()), "{doses:?}");
    assert!(doses.contains(&"2 sets × 12 reps, 3 s up, 1 s pause, 3 s down, rest 45 s between".to_owned()));
    assert!(doses.contains(&"6 reps each side".to_owned()));
    assert!(doses.contains(&"45 s, moving steadily".to_owned()));
    let facts = first(root, ".facts");
    assert!(facts.contains("Beginner"), "{facts}");
    assert!(facts.contains("12 min 2 s-12 min 32 s planned (10 min declared)"), "{facts}");
    assert!(facts.contains("Focus"), "{facts}");
    // The props: the block is needed, because neck pain is in the audience and the block is
    // what keeps locust safe; the catalog's substitute is given. The band is needed.
    let props = texts(root, ".checklist li");
    let block = props.iter().find(|p| p.starts_with("Yoga block")).expect("a block on the checklist");
    assert!(
        block.contains("needed for Locust, to keep it safe for someone with neck pain") && !block.contains("optional"),
        "{block}"
    );
    assert!(block.contains("folded towel"), "{block}");
    let band = props.iter().find(|p| p.starts_with("Resistance band")).expect("a band");
    assert!(band.contains("for Seated Band Row") && !band.contains("optional"), "{band}");
    // The locust card: the routine's cues (the catalog's key cue only where a step has
    // none), easier/harder, and the neck-pain modification, which the block on the step
    // already covers.
    let locust =
        document.select(&select("article.card")).find(|c| first(*c, "h3 .english") == "Locust").expect("a locust card");
    let cues = texts(locust, ".cues li");
    assert_eq!(cues[0], "shoulder blades back and down");
    assert_eq!(cues[1], "forehead on the block");
    assert_eq!(cues.len(), 2, "{cues:?}");
    assert_eq!(
        first(locust, ".vary"),
        "Easier: Hands-Under-Hips Locust, Prone Y. Harder: Reaching Locust, Single-Leg Locust."
    );
    let neck = first(locust, ".mod");
    // The block makes locust safe for neck pain: the card says so, not "change it".
    assert!(neck.starts_with("Neck pain: safe with the yoga block this step uses."), "{neck}");
    assert_eq!(first(locust, ".about"), "Strength · with yoga block");
    // The timeline: a segment per section and for the rest step, each in the legend.
    let legend = texts(root, ".legend li");
    assert_eq!(legend.len(), 4, "{legend:?}");
    assert!(legend[3].contains("Rest"), "{legend:?}");
    assert_eq!(document.select(&select(".timeline > svg > rect")).count(), 4);
    // Safety: the seed's red flags and the audience's notes.
    let safety = first(root, ".safety");
    assert!(safety.contains("sharp or radiating pain") && safety.contains("numbness or tingling"), "{safety}");
    assert!(safety.contains("symptoms that get worse"), "{safety}");
    assert!(safety.contains("Neck pain") && safety.contains("unsupported prone holds"), "{safety}");
}

#[test]
fn rounds_are_a_bracketed_group() {
    let built = build(&repo().join("routines/guide-10-minute-quick.ybc"), &[]);
    let document = parse(&built.html);
    let rounds: Vec<_> = document.select(&select(".rounds")).collect();
    assert_eq!(rounds.len(), 1);
    assert_eq!(first(rounds[0], ".rounds-label"), "3 rounds");
    assert_eq!(texts(rounds[0], "article.card h3 .english"), ["Locust"]);
    assert_eq!(texts(rounds[0], ".rest-step b"), ["Rest 30 s"]);
}

#[test]
fn the_page_is_well_formed_for_people_and_screen_readers() {
    for routine in routines() {
        let document = parse(&build(&routine, &[]).html);
        let root = document.root_element();
        assert_eq!(root.value().attr("lang"), Some("en"));
        assert_eq!(document.select(&select("h1")).count(), 1);
        // Headings never skip a level.
        let mut last = 0;
        for heading in document.select(&select("h1, h2, h3, h4, h5, h6")) {
            let level: usize = heading.value().name()[1..].parse().unwrap_or(0);
            assert!(level <= last + 1, "{}: an h{level} after an h{last}: {}", routine.display(), text(heading));
            last = level;
        }
        // Every picture has a title, or is hidden from screen readers as decoration.
        for svg in document.select(&select("svg")) {
            let titled = svg.select(&select("title")).next().is_some();
            assert!(
                titled || svg.value().attr("aria-hidden") == Some("true"),
                "{}: an SVG with no title",
                routine.display()
            );
        }
        // Self-contained: nothing is fetched and no script runs.
        assert_eq!(document.select(&select("script, link, img, iframe, object")).count(), 0);
        assert!(!build(&routine, &[]).html.contains("http"), "{}: a link to the network", routine.display());
    }
}

#[test]
fn text_from_the_routine_is_escaped() {
    let routine = concat!(
        "title \"<script>alert(1)</script>\"\n",
        "author \"Sam & <b>Co</b>\"\n",
        "pose wall-angel \"<img src=x onerror=alert(1)>\" focus mobility hold 20-40s props wall\n",
        "strength \"</section><h1>x</h1>\":\n",
        "  note \"<style>body{display:none}</style>\"\n",
        "  wall-angel hold 30s \"<i>cue</i> & more\"\n",
        "  rest 30s \"<!-- -->\"\n",
    );
    let built = build_text(routine, &[]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let document = parse(&built.html);
    let root = document.root_element();
    assert_eq!(document.select(&select("script, img, i, .facts b")).count(), 0, "routine text became markup");
    assert_eq!(document.select(&select("style")).count(), 1, "only the handout's own style");
    assert_eq!(document.select(&select("h1")).count(), 1);
    assert_eq!(first(root, "h1"), "<script>alert(1)</script>");
    assert_eq!(first(root, "title"), "<script>alert(1)</script>");
    assert!(first(root, ".facts").contains("Sam & <b>Co</b>"));
    assert_eq!(first(root, "article.card h3 .english"), "<img src=x onerror=alert(1)>");
    assert_eq!(first(root, "article.card .cues li"), "<i>cue</i> & more");
    assert_eq!(first(root, ".note"), "<style>body{display:none}</style>");
    assert!(first(root, ".part h2").contains("</section><h1>x</h1>"));
    // A custom pose has no angles: the card shows the placeholder and says so.
    assert_eq!(first(root, ".pic-note"), "No picture for this pose");
    assert!(first(root, "article.card .pics svg title").starts_with("No picture"));
}

#[test]
fn the_same_routine_gives_the_same_bytes_and_no_date_unless_asked() {
    let routine = repo().join("routines/guide-45-60-minute-class.ybc");
    let a = build(&routine, &[]);
    let b = build(&routine, &[]);
    assert!(a.html == b.html, "two builds differ");
    assert!(!a.html.contains("Date"), "a date without --date");
    let dated = build(&routine, &["--date", "2026-03-01"]);
    assert_eq!(dated.code, 0, "{}", dated.stderr);
    assert!(texts(parse(&dated.html).root_element(), ".facts dd").contains(&"2026-03-01".to_owned()));
    let today = build(&routine, &["--date"]);
    assert_eq!(today.code, 0, "{}", today.stderr);
    assert!(today.html.contains("<dt>Date</dt>"));
    let bad = build(&routine, &["--date", "March 1st"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("YYYY-MM-DD"), "{}", bad.stderr);
}

#[test]
fn a_routine_with_errors_is_not_built_and_warnings_do_not_stop_it() {
    let broken = build_text("strength:\n  locsut hold 30s\n", &[]);
    assert_eq!(broken.code, 1);
    assert!(!broken.written, "a routine with errors was written");
    assert!(broken.stderr.contains("locsut") && broken.stderr.contains("locust"), "{}", broken.stderr);
    let warned = build_text("strength:\n  locust\n", &[]);
    assert_eq!(warned.code, 0, "{}", warned.stderr);
    assert!(warned.stderr.contains("no dose"), "the warning is printed: {}", warned.stderr);
    assert_eq!(first(parse(&warned.html).root_element(), ".dose"), "15-45 s hold (the catalog's suggestion)");
}

#[test]
fn the_output_never_goes_over_the_routine() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let routine = dir.path().join("class.html");
    std::fs::write(&routine, "cat-cow 8 reps\n").expect("write");
    let run = assert_cmd::Command::cargo_bin("ybc")
        .expect("ybc")
        .args(["build", "class.html", "--format", "html", "-o", "class.html"])
        .current_dir(dir.path())
        .output()
        .expect("run");
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&routine).expect("read"), "cat-cow 8 reps\n");
}

#[test]
fn the_cards_layout_has_a_page_per_card() {
    let routine = repo().join("routines/desk-reset.ybc");
    let built = build(&routine, &["--layout", "cards", "--paper", "letter"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let document = parse(&built.html);
    let steps = expected_cards(&routine).len();
    // A cover, what to bring, the safety card, then one card per step.
    assert_eq!(document.select(&select("main > .page")).count(), steps + 3);
    assert_eq!(document.select(&select("article.card.page")).count(), steps);
    assert!(built.html.contains("@page{size:6in 4in"));
    // A rest step is said on the card before it.
    let last = document.select(&select("article.card")).next_back().expect("cards");
    assert_eq!(first(last, ".then"), "Then rest 1 min · easy breathing, exhale longer than inhale");
    // A note after the last step closes the class on the last card, after its rest.
    let closing = "cooldown:\n  childs-pose hold 60s\n  rest 30s\n  note \"Rest as long as you like\"\n";
    let built = build_text(closing, &["--layout", "cards"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let document = parse(&built.html);
    let last = document.select(&select("article.card")).next_back().expect("cards");
    assert_eq!(texts(last, ".then"), ["Then rest 30 s", "Rest as long as you like"]);
    // A note between the last card and a rest comes before the rest.
    let before_rest = "cooldown:\n  childs-pose hold 60s\n  note \"Roll to one side\"\n  rest 30s\n";
    let built = build_text(before_rest, &["--layout", "cards"]);
    let document = parse(&built.html);
    let last = document.select(&select("article.card")).next_back().expect("cards");
    assert_eq!(texts(last, ".then"), ["Roll to one side", "Then rest 30 s"]);
}

#[test]
fn the_practice_log_has_a_row_per_strength_step() {
    let routine = repo().join("routines/guide-25-minute-focused.ybc");
    let built = build(&routine, &["--log-weeks", "6"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let document = parse(&built.html);
    let log = document.select(&select(".log table")).next().expect("a log table");
    let weeks = texts(log, "thead th");
    assert_eq!(weeks.len(), 2 + 6);
    assert_eq!(weeks.last().map(String::as_str), Some("Week 6"));
    let rows = texts(log, "tbody th");
    assert_eq!(
        rows.iter()
            .map(|r| r.split(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']).next().unwrap_or("").trim())
            .collect::<Vec<_>>(),
        ["Band Pull-Apart", "Locust", "Single-Leg Locust", "Seated Band Row"]
    );
    assert!(texts(log, "tbody td").contains(&"pain 0-10".to_owned()));
    assert!(texts(log, "tbody td").contains(&"best hold (s)".to_owned()));
    // Without the option there is no log, and the option belongs to the handout.
    assert!(build(&routine, &[]).html.find("class=\"log\"").is_none());
    assert_eq!(build(&routine, &["--log-weeks", "6", "--layout", "cards"]).code, 2);
    assert_eq!(build(&routine, &["--log-weeks", "0"]).code, 2);
}

#[test]
fn html_options_need_the_html_format() {
    let run = assert_cmd::Command::cargo_bin("ybc")
        .expect("ybc")
        .current_dir(repo())
        .args(["build", "routines/desk-reset.ybc", "--format", "json", "--layout", "cards"])
        .output()
        .expect("run");
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--format html"));
}
