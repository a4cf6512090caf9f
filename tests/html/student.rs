//! What a student reads on the handout, through the real binary: held poses
//! said as holds, breaths in breaths, whose cues, props the class's safety
//! needs, changes and safety in names and plain words, rounds whole on the
//! timeline, and lines for notes.

use scraper::{ElementRef, Html};
use ybc::catalog::Catalog;

use crate::harness::{build, build_text, first, parse, repo, routines, select, text, texts};

/// The card whose English name is `name`.
fn card<'a>(document: &'a Html, name: &str) -> ElementRef<'a> {
    document
        .select(&select("article.card"))
        .find(|c| first(*c, "h3 .english") == name)
        .unwrap_or_else(|| panic!("no {name} card"))
}

#[test]
fn a_bare_length_on_a_held_pose_reads_as_a_hold() {
    let routine = "cooldown:\n  sphinx 45s\n  eagle-arms 40s each side\n  cow-face-arms 30s each side\n  scapular-circles 45s\n  cat-cow 1m\n";
    let built = build_text(routine, &[]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let document = parse(&built.html);
    assert_eq!(first(card(&document, "Sphinx"), ".dose"), "45 s hold");
    assert_eq!(first(card(&document, "Eagle Arms"), ".dose"), "40 s hold each side");
    assert_eq!(first(card(&document, "Cow Face Arms"), ".dose"), "30 s hold each side");
    // Poses done as movement keep "moving steadily".
    assert_eq!(first(card(&document, "Scapular Circles"), ".dose"), "45 s, moving steadily");
    assert_eq!(first(card(&document, "Cat-Cow"), ".dose"), "1 min, moving steadily");
}

#[test]
fn a_dose_in_breaths_prints_in_breaths_and_the_seconds_they_come_to() {
    let routine = "breath 5s\ncooldown:\n  sphinx hold 6 breaths\n  locust 8 reps hold 3 breaths\n  cat-cow 8 breaths\n  childs-pose 6-8 breaths\n";
    let built = build_text(routine, &[]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let document = parse(&built.html);
    assert_eq!(first(card(&document, "Sphinx"), ".dose"), "hold for 6 breaths (about 30 s)");
    assert_eq!(first(card(&document, "Locust"), ".dose"), "8 reps, hold each 3 breaths (about 15 s)");
    assert_eq!(first(card(&document, "Cat-Cow"), ".dose"), "8 breaths (about 40 s), moving steadily");
    assert_eq!(first(card(&document, "Child's Pose"), ".dose"), "hold for 6-8 breaths (about 30-40 s)");
    // At the default breath length, 4-6 s.
    let built = build_text("cooldown:\n  sphinx hold 6 breaths\n", &[]);
    assert_eq!(first(parse(&built.html).root_element(), ".dose"), "hold for 6 breaths (about 24-36 s)");
}

/// The cue lines of the card whose English name is `name`, built with `args`.
fn cues(routine: &str, name: &str, args: &[&str]) -> Vec<String> {
    let built = build_text(routine, args);
    assert_eq!(built.code, 0, "{}", built.stderr);
    texts(card(&parse(&built.html), name), ".cues li")
}

#[test]
fn the_teachers_cues_come_first_and_the_key_cue_only_where_there_are_none() {
    let catalog = Catalog::builtin();
    let key = |id: &str| format!("Key cue: {}", catalog.pose(id).and_then(|p| p.cues.first()).expect("a key cue"));
    let routine = "strength:\n  band-row 12 reps \"elbow at shoulder height\"\n  locust hold 30s\n";
    // The default, `teacher`: the teacher's cue alone; the key cue where the teacher wrote none.
    for args in [&[][..], &["--cues", "teacher"]] {
        assert_eq!(cues(routine, "Seated Band Row", args), ["elbow at shoulder height"]);
        assert_eq!(cues(routine, "Locust", args), [key("locust")]);
    }
    // `both`: the teacher's, then the catalog's.
    assert_eq!(
        cues(routine, "Seated Band Row", &["--cues", "both"]),
        ["elbow at shoulder height".to_owned(), key("band-row")]
    );
    // `catalog`: the catalog's key cue alone.
    assert_eq!(cues(routine, "Seated Band Row", &["--cues", "catalog"]), [key("band-row")]);
    // …and the teacher's for a custom pose the catalog has no cue for.
    let custom = "pose wall-hug \"Wall Hug\" focus mobility hold 20-40s\ncooldown:\n  wall-hug hold 30s \"melt into the wall\"\n";
    assert_eq!(cues(custom, "Wall Hug", &["--cues", "catalog"]), ["melt into the wall"]);
    // The deck follows the same choice.
    assert_eq!(cues(routine, "Seated Band Row", &["--layout", "cards"]), ["elbow at shoulder height"]);
    // The class screen speaks the routine's cues; the option is for print.
    let screen = build_text(routine, &["--layout", "teach", "--cues", "both"]);
    assert_eq!(screen.code, 2, "{}", screen.stderr);
    assert!(screen.stderr.contains("--cues"), "{}", screen.stderr);
}

#[test]
fn a_prop_the_audience_needs_for_safety_is_needed_not_optional() {
    let routine = "props mat, block, strap\nstrength:\n  locust hold 20s with block\n  eagle-arms hold 30s each side with strap\n";
    // Without neck pain in the class, the block is optional.
    let plain = build_text(routine, &[]);
    let items = texts(parse(&plain.html).root_element(), ".checklist li");
    let block = items.iter().find(|p| p.starts_with("Yoga block")).expect("a block");
    assert!(block.contains("optional, for Locust"), "{block}");
    // With neck pain, from `--audience` or the routine, it is what keeps locust safe.
    for (text, args) in
        [(routine.to_owned(), vec!["--audience", "neck-pain"]), (format!("audience neck-pain\n{routine}"), vec![])]
    {
        let built = build_text(&text, &args);
        assert_eq!(built.code, 0, "{}", built.stderr);
        let document = parse(&built.html);
        let items = texts(document.root_element(), ".checklist li");
        let block = items.iter().find(|p| p.starts_with("Yoga block")).expect("a block");
        assert!(block.contains("needed for Locust, to keep it safe for someone with neck pain"), "{block}");
        assert!(!block.contains("optional"), "{block}");
        let strap = items.iter().find(|p| p.starts_with("Yoga strap")).expect("a strap");
        assert!(strap.contains("optional, for Eagle Arms"), "{strap}");
        // The safety box speaks of the condition given on the command line too.
        assert!(first(document.root_element(), ".safety dl").contains("Neck pain"));
    }
}

/// The handout's visible text: what a reader sees (no style, no SVG geometry or titles).
fn visible_text(html: &str) -> String {
    let document = parse(html);
    let body = document.select(&select("body")).next().expect("a body");
    let hidden: Vec<_> = body.select(&select("style, title, [aria-hidden=true]")).map(|e| e.id()).collect();
    let mut out = String::new();
    for node in body.descendants() {
        let Some(text) = node.value().as_text() else { continue };
        if node.ancestors().any(|a| hidden.contains(&a.id())) {
            continue;
        }
        out.push_str(text);
        out.push(' ');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What in `text` looks like code rather than words: a line number, a
/// backtick, or a pose written as its kebab-case id where the English name differs.
fn code_in(text: &str, catalog: &Catalog) -> Vec<String> {
    let mut found = Vec::new();
    let words: Vec<&str> = text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).collect();
    for pair in words.windows(2) {
        if let [line, n] = pair
            && *line == "Line"
            && n.bytes().all(|b| b.is_ascii_digit())
            && !n.is_empty()
        {
            found.push(format!("Line {n}"));
        }
    }
    if text.contains('`') {
        found.push("a backtick".to_owned());
    }
    for pose in catalog.poses() {
        if pose.id.contains('-') && pose.id != pose.english && words.contains(&pose.id.as_str()) {
            found.push(pose.id.clone());
        }
    }
    found
}

#[test]
fn the_students_handout_has_no_line_numbers_and_no_pose_ids() {
    let catalog = Catalog::builtin();
    let class = repo().join("routines/guide-45-60-minute-class.ybc");
    let mut builds = Vec::new();
    for routine in routines() {
        builds.push((routine.display().to_string(), build(&routine, &[])));
    }
    for audience in ["osteoporosis", "neck-pain", "pregnancy"] {
        builds.push((format!("the class adapted for {audience}"), build(&class, &["--adapt", "--audience", audience])));
    }
    builds.push((
        "the class swapped for osteoporosis".to_owned(),
        build(&class, &["--adapt", "swap", "--audience", "osteoporosis"]),
    ));
    for (name, built) in &builds {
        assert_eq!(built.code, 0, "{name}: {}", built.stderr);
        let seen = visible_text(&built.html);
        let found = code_in(&seen, &catalog);
        assert!(found.is_empty(), "{name}: the handout shows {found:?}");
    }
    // The osteoporosis class says what changed in names: an option offered…
    let (_, adapted) = builds.iter().find(|(n, _)| n.ends_with("adapted for osteoporosis")).expect("the adapted class");
    let changes = texts(parse(&adapted.html).root_element(), ".safety ul:last-of-type li");
    assert!(
        changes.iter().any(|c| c.starts_with("Locust is not safe for someone with osteoporosis")
            && c.contains("offered them Wall-Supported Scapular Retraction, 8 reps")),
        "{changes:?}"
    );
    assert!(changes.iter().all(|c| !c.contains("props line")), "{changes:?}");
    // … or a pose swapped for everyone.
    let (_, swapped) = builds.iter().find(|(n, _)| n.ends_with("swapped for osteoporosis")).expect("the swapped class");
    let document = parse(&swapped.html);
    let changes = texts(document.root_element(), ".safety ul:last-of-type li");
    assert!(
        changes.iter().any(|c| c.starts_with("Wall-Supported Scapular Retraction instead of Locust")),
        "{changes:?}"
    );
    assert!(changes.iter().all(|c| !c.contains("Offer") && !c.contains("Write it")), "{changes:?}");
    // And the neck-pain class names the prop it added.
    let (_, neck) = builds.iter().find(|(n, _)| n.ends_with("neck-pain")).expect("the neck-pain class");
    let changes = texts(parse(&neck.html).root_element(), ".safety ul:last-of-type li");
    assert!(changes.iter().any(|c| c.starts_with("Yoga block added to Locust, on 2 steps.")), "{changes:?}");
    // The check itself finds what it looks for.
    assert_eq!(code_in("Line 24: do `wall-scapular-retraction`", &catalog).len(), 3);
}

#[test]
fn a_rounds_block_is_one_segment_of_the_timeline() {
    let built = build(&repo().join("routines/guide-10-minute-quick.ybc"), &[]);
    let document = parse(&built.html);
    let legend = texts(document.root_element(), ".legend li");
    assert_eq!(legend.len(), 4, "{legend:?}");
    assert!(legend[1].contains("Strength: Locust holds · 3 rounds"), "{legend:?}");
    assert_eq!(document.select(&select(".timeline > svg > rect")).count(), 4);
    let title = first(document.root_element(), "#timeline-title");
    assert!(title.contains("2 Strength (3 rounds)"), "{title}");
    // A step's sets never split a segment, and a rest step outside rounds is its own.
    let sets = build_text("strength:\n  locust hold 20s x3 rest 30s\n  rest 1m\n  plank hold 20s\n", &[]);
    let legend = texts(parse(&sets.html).root_element(), ".legend li");
    assert_eq!(legend.len(), 3, "{legend:?}");
    assert!(legend[1].starts_with("2 Rest"), "{legend:?}");
}

#[test]
fn notes_lines_add_ruled_lines_to_the_handout() {
    let routine = repo().join("routines/desk-reset.ybc");
    let built = build(&routine, &["--notes-lines", "8"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let document = parse(&built.html);
    let notes = document.select(&select("section.notes-lines")).next().expect("a notes section");
    assert_eq!(first(notes, "h2"), "Notes");
    assert_eq!(notes.select(&select(".line")).count(), 8);
    assert!(text(notes).trim() == "Notes", "the lines are blank");
    // With the practice log too; none without the option; the option belongs to the handout.
    let both = build(&routine, &["--notes-lines", "3", "--log-weeks", "4"]);
    assert_eq!(both.code, 0, "{}", both.stderr);
    assert_eq!(parse(&both.html).select(&select("section.notes-lines .line")).count(), 3);
    assert!(!build(&routine, &[]).html.contains("class=\"notes-lines\""));
    assert_eq!(build(&routine, &["--notes-lines", "3", "--layout", "cards"]).code, 2);
    assert_eq!(build(&routine, &["--notes-lines", "0"]).code, 2);
    assert_eq!(build(&routine, &["--notes-lines", "31"]).code, 2);
}
