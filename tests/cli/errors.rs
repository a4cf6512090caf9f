//! Every kind of mistake gets its own diagnostic at the right line and column,
//! in plain words, and a file with several mistakes reports all of them.

use crate::harness::{Workspace, check, check_json, error_locations, findings, rule_locations};

/// Checks `text` and asserts exactly one error, at `line:col`, whose message, label or help contains `message`.
#[track_caller]
fn one_error(text: &str, at: &str, message: &str) {
    let run = check_json(text);
    assert_eq!(run.code, 1, "expected an error exit for:\n{text}\n---\n{}{}", run.stdout, run.stderr);
    assert_eq!(error_locations(&run.stdout), vec![format!("routine.ybc:{at}")], "for:\n{text}\n---\n{}", run.stdout);
    let error = findings(&run.stdout).into_iter().find(|f| f["level"] == "error").unwrap_or_default();
    let said = ["message", "label", "help"].map(|key| error[key].as_str().unwrap_or_default().to_owned()).join("\n");
    assert!(said.contains(message), "expected {message:?} in what the error says:\n{}", run.stdout);
}

#[test]
fn unknown_pose_suggests_the_closest() {
    one_error("strength:\n  locsut hold 30s\n", "2:3", "`locsut` is not a pose I know.");
    assert!(check("strength:\n  locsut hold 30s\n").stdout.contains("Did you mean `locust`?"));
}

#[test]
fn a_pose_named_in_words_is_one_mistake_with_the_name_to_write() {
    one_error("cooldown:\n  child's pose hold 60s\n", "2:3", "`child's pose` is written `childs-pose` in a routine.");
    one_error("warmup:\n  Downward Facing Dog hold 30s\n", "2:3", "`Downward Facing Dog` is written `downward-dog`");
    one_error("warmup:\n  thread the needle 6 reps each side\n", "2:3", "is written `thread-the-needle`");
    one_error("strength:\n  locust pose hold 20s x2 rest 30s\n", "2:3", "`locust pose` is written `locust`");
    let run = check("cooldown:\n  child's pose hold 60s\n");
    assert!(
        run.stdout.contains("help: A pose's name is one word, with dashes between its parts: write `childs-pose`."),
        "{}",
        run.stdout
    );
    // The rest of the step is still read, so its own mistakes are still found.
    let run = check_json("strength:\n  locust pose hold 11m\n");
    assert_eq!(error_locations(&run.stdout), ["routine.ybc:2:3", "routine.ybc:2:20"], "{}", run.stdout);
    // The other rules quote and fix the whole name, so their fixes give a step that reads.
    let (fixed, _) = fix_all("warmup:\n  thread the needle\n", &["missing-dose"]);
    assert_eq!(fixed, "warmup:\n  thread-the-needle 4-8 reps\n");
    let (fixed, _) = fix_all("level beginner\nstrength:\n  Flying Locust hold 20s\n", &["level-mismatch"]);
    assert_eq!(fixed, "level beginner\nstrength:\n  locust hold 20s\n");
    // The names teachers say out loud, from the whole-class catalog.
    for (words, id) in [("happy baby", "happy-baby"), ("warrior two", "warrior-2"), ("corpse pose", "savasana")] {
        let (fixed, errors) = fix_all(&format!("cooldown:\n  {words} hold 30s\n"), &["unknown-pose"]);
        assert!(errors.is_empty(), "{words}: {errors:?}");
        assert_eq!(fixed, format!("cooldown:\n  {id} hold 30s\n"), "{words}");
    }
    // Words that name no pose are an unknown pose and an unknown word, as before.
    let run = check_json("strength:\n  purple frog hold 30s\n");
    assert_eq!(error_locations(&run.stdout), ["routine.ybc:2:3", "routine.ybc:2:10"], "{}", run.stdout);
    assert!(run.stdout.contains("`purple` is not a pose I know."), "{}", run.stdout);
}

#[test]
fn a_dose_or_sides_said_in_words_is_one_mistake_with_the_way_to_write_it() {
    for (step, at, message) in [
        ("locust hold 30 seconds", "2:15", "`30 seconds` is written `30s` in a routine."),
        ("locust hold 30s x3 rest 45 sec", "2:27", "`45 sec` is written `45s` in a routine."),
        ("locust hold 20-30 Seconds", "2:10", "`hold 20-30 Seconds` is written `hold 20-30s` in a routine."),
        ("childs-pose 2 minutes", "2:15", "`2 minutes` is written `2m` in a routine."),
        ("locust hold 1 min 30 seconds", "2:15", "`1 min 30 seconds` is written `1m30s` in a routine."),
        ("childs-pose 1 minute 30 s", "2:15", "`1 minute 30 s` is written `1m30s` in a routine."),
        ("bridge 3 sets of 4 reps", "2:10", "`3 sets` is written `x3` in a routine."),
        ("plank hold 30s 3 times", "2:18", "`3 times` is written `x3` in a routine."),
        ("cat-cow 8 times", "2:11", "`8 times` is written `8 reps` in a routine."),
        ("wall-slides 10 repetitions", "2:15", "`10 repetitions` is written `10 reps` in a routine."),
        ("thread-the-needle 6 reps each arm", "2:28", "`each arm` is written `each side` in a routine."),
        ("doorway-chest-opener hold 30s both sides", "2:33", "`both sides` is written `each side` in a routine."),
        ("plank hold 30s, x3", "2:17", "A step's parts are separated by spaces, not commas."),
    ] {
        one_error(&format!("strength:\n  {step}\ncooldown:\n  breathing 1m\n"), at, message);
    }
    // A section's name in words: one mistake, and the steps under it still belong to it.
    one_error("warm up:\n  cat-cow 8 reps\n", "1:1", "`warm up` is written `warmup` in a routine.");
    one_error("Cool Down:  # the end\n  breathing 1m\n", "1:1", "`Cool Down` is written `cooldown` in a routine.");
    // ... and without its `:` too.
    one_error("warm up\n  cat-cow 8 reps\n", "1:1", "`warm up` is written `warmup:` in a routine.");
    one_error("Cool down  # the end\n  breathing 1m\n", "1:1", "`Cool down` is written `cooldown:` in a routine.");
    one_error("Warm-up\n  cat-cow 8 reps\n", "1:1", "`Warm-up` is a section, but this line doesn't end in `:`.");
    // A number alone, or a word that is no unit, is reported as before.
    one_error("strength:\n  locust hold 30\n", "2:15", "`30` needs a unit");
    let run = check_json("strength:\n  locust hold 30 counts\n");
    assert_eq!(error_locations(&run.stdout), ["routine.ybc:2:15", "routine.ybc:2:18"], "{}", run.stdout);
}

/// Applies every suggested fix of these codes, one code after another, and
/// returns the text and what is still wrong with it.
fn fix_all(text: &str, codes: &[&str]) -> (String, Vec<String>) {
    let catalog = ybc::catalog::Catalog::builtin();
    let mut text = text.to_owned();
    for code in codes {
        let compiled = ybc::compile(&text, &catalog);
        text = ybc::apply_fixes(&text, &compiled.diagnostics, code).0;
    }
    let compiled = ybc::compile(&text, &catalog);
    let errors = compiled
        .diagnostics
        .iter()
        .filter(|d| d.severity == ybc::diagnostic::Severity::Error)
        .map(|d| d.message.clone())
        .collect();
    (text, errors)
}

#[test]
fn the_fixes_for_words_give_a_routine_that_reads() {
    let said = "warm up:\n  cat cow 8 times\n  thread the needle 6 reps each arm\nstrength:\n  \
                locust pose hold 20-30 seconds 3 times rest 45 sec\n  bridge 3 sets of 4 reps hold 30s\n\
                cool down:\n  child's pose 2 minutes\n";
    let (fixed, errors) = fix_all(said, &["syntax", "unknown-pose", "dose", "sides"]);
    assert_eq!(errors, Vec::<String>::new(), "{fixed}");
    assert_eq!(
        fixed,
        "warmup:\n  cat-cow 8 reps\n  thread-the-needle 6 reps each side\nstrength:\n  \
         locust hold 20-30s x3 rest 45s\n  bridge x3 4 reps hold 30s\ncooldown:\n  childs-pose 2m\n"
    );
}

#[test]
fn unknown_pose_without_a_near_name_points_at_the_catalog() {
    let run = check("strength:\n  scorpion hold 30s\n");
    assert!(run.stdout.contains("Run `ybc poses` to list the catalog"), "{}", run.stdout);
}

#[test]
fn unknown_prop_and_condition_suggest() {
    one_error("props mat, blok\nwarmup:\n  cat-cow 8 reps\n", "1:12", "`blok` is not a prop I know.");
    one_error("audience osteoporsis\nwarmup:\n  cat-cow 8 reps\n", "1:10", "`osteoporsis` is not a condition I know.");
    one_error("strength:\n  locust hold 30s with bolstr\n", "2:24", "Did you mean `bolster`?");
}

#[test]
fn unknown_section_kind_suggests() {
    one_error("warmpu:\n  cat-cow 8 reps\n", "1:1", "`warmpu` is not a section I know.");
    assert!(check("warmpu:\n  cat-cow 8 reps\n").stdout.contains("Did you mean `warmup`?"));
}

#[test]
fn unknown_step_word_suggests() {
    one_error("strength:\n  locust hodl 30s\n", "2:10", "`hodl` is not something I understand in a step.");
    assert!(check("strength:\n  locust hodl 30s\n").stdout.contains("Did you mean `hold`?"));
}

#[test]
fn unknown_header_key_suggests() {
    one_error("titel \"Desk\"\nwarmup:\n  cat-cow 8 reps\n", "1:1", "`titel` is not a header I know.");
    assert!(check("titel \"Desk\"\nwarmup:\n  cat-cow 8 reps\n").stdout.contains("Did you mean `title`?"));
}

#[test]
fn backwards_and_zero_ranges() {
    one_error("locust hold 30-20s\n", "1:13", "This hold range runs backwards: 30 is more than 20.");
    one_error("cat-cow 12-8 reps\n", "1:9", "This reps range runs backwards");
    one_error("locust hold 0s\n", "1:13", "A hold of zero does nothing.");
}

#[test]
fn two_holds_on_one_step() {
    one_error("locust hold 20s hold 30s\n", "1:17", "This step gives `hold` twice.");
}

#[test]
fn hold_with_a_bare_duration() {
    one_error("locust hold 20s 1m\n", "1:17", "A step can't have both a `hold` and a bare duration.");
}

#[test]
fn absurd_values() {
    one_error("locust hold 2h\n", "1:13", "2h is far beyond any safe hold.");
    one_error("cat-cow 500 reps\n", "1:9", "500 reps is far beyond any safe reps.");
    one_error("locust hold 30s x0\n", "1:17", "x0 is not a number of sets a class can do.");
    one_error("0 rounds:\n  locust hold 30s\n", "1:1", "0 rounds is not a number of rounds a class can do.");
}

#[test]
fn numbers_that_overflow() {
    one_error("locust hold 30s x99999999999999999999\n", "1:18", "is far too large a number");
    one_error("locust hold 99999999999h\n", "1:13", "is longer than a day");
}

#[test]
fn a_number_without_a_unit() {
    one_error("locust hold 30\n", "1:13", "`30` needs a unit");
    one_error("locust 30\n", "1:8", "`30` needs a unit");
}

#[test]
fn tempo_without_reps() {
    one_error(
        "locust hold 30s tempo 3-1-3\n",
        "1:17",
        "`tempo` sets the pace of each repetition, but this step has no reps.",
    );
}

#[test]
fn each_side_with_left() {
    one_error("thread-the-needle 6 reps each side left\n", "1:36", "`left` contradicts `each side` on the same step.");
}

#[test]
fn unterminated_cue() {
    one_error("locust hold 30s \"back and down\n", "1:17", "This text has no closing quote.");
    one_error("title \"Desk Reset\nlocust hold 30s\n", "1:7", "This text has no closing quote.");
}

#[test]
fn header_needs_its_value() {
    one_error("title Desk Reset\nlocust hold 30s\n", "1:1", "`title` needs its text in double quotes.");
    one_error("level\nlocust hold 30s\n", "1:1", "`level` needs one word after it.");
    one_error("level expert\nlocust hold 30s\n", "1:7", "`expert` is not a level I know.");
}

#[test]
fn header_after_a_block() {
    one_error("warmup:\n  cat-cow 8 reps\ntitle \"Late\"\n", "3:1", "`title` belongs at the top of the file");
}

#[test]
fn header_given_twice() {
    one_error("title \"A\"\ntitle \"B\"\nlocust hold 30s\n", "2:1", "`title` is given twice.");
}

#[test]
fn rounds_with_no_body() {
    one_error("strength:\n  3 rounds rest 60s:\n  locust hold 30s\n", "2:3", "`3 rounds` has no steps under it.");
    one_error("strength:\n  locust hold 30s\n  3 rounds:\n", "3:3", "`3 rounds` has no steps under it.");
}

#[test]
fn bad_indentation() {
    one_error(
        "warmup:\n  cat-cow 8 reps\n    thread-the-needle 6 reps each side\n",
        "3:1",
        "indented more than the line above",
    );
    one_error(
        "warmup:\n    cat-cow 8 reps\n  thread-the-needle 6 reps each side\n",
        "3:1",
        "doesn't line up with any block",
    );
    one_error("  locust hold 30s\n", "1:1", "indented more than the line above");
}

#[test]
fn tabs_mixed_with_spaces() {
    one_error("warmup:\n \tcat-cow 8 reps\n", "2:1", "mixes tabs and spaces");
    one_error(
        "warmup:\n\tcat-cow 8 reps\n  thread-the-needle 6 reps each side\n",
        "3:1",
        "different mix of tabs and spaces",
    );
}

#[test]
fn a_section_inside_a_section() {
    one_error("warmup:\n  strength:\n    locust hold 30s\n", "2:3", "A section can't sit inside another block.");
}

#[test]
fn nesting_too_deep() {
    let text = "strength:\n  2 rounds rest 30s:\n    2 rounds:\n      2 rounds:\n        2 rounds:\n          locust hold 20s\n";
    let run = check_json(text);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("Blocks nest more than 4 deep here."), "{}", run.stdout);
    assert_eq!(error_locations(&run.stdout).first().map(String::as_str), Some("routine.ybc:5:9"));
}

#[test]
fn a_step_that_ends_in_a_colon() {
    one_error("locust hold 30s:\n", "1:16", "Only a section or a rounds block ends in `:`.");
}

#[test]
fn a_section_word_without_its_colon() {
    one_error("warmup\n  cat-cow 8 reps\n", "1:1", "`warmup` is a section, but this line doesn't end in `:`.");
}

#[test]
fn a_pose_written_like_a_section() {
    one_error("locust:\n", "1:1", "`locust` is a pose, and a pose's line doesn't end in `:`.");
}

#[test]
fn custom_pose_needs_focus_and_dose() {
    one_error("pose wall-angel \"Wall Angel\" hold 20-40s\nwall-angel hold 30s\n", "1:6", "needs a focus");
    one_error(
        "pose wall-angel \"Wall Angel\" focus mobility\nwall-angel hold 30s\n",
        "1:6",
        "needs a recommended hold or reps range",
    );
    one_error(
        "pose locust \"Mine\" focus strength hold 20s\nlocust hold 30s\n",
        "1:6",
        "`locust` is already a catalog pose",
    );
}

#[test]
fn empty_and_comment_only_files() {
    one_error("", "1:1", "This routine has no steps.");
    one_error("# just a comment\n\n", "1:1", "This routine has no steps.");
}

#[test]
fn files_that_are_not_text() {
    let ws = Workspace::new();
    ws.file("latin1.ybc", b"title \"Caf\xe9\"\n".as_slice());
    ws.file("nul.ybc", b"locust\x00hold".as_slice());
    ws.file("utf16.ybc", b"\xff\xfel\x00o\x00".as_slice());
    for (name, message, at) in [
        ("latin1.ybc", "This file is not valid UTF-8 text.", "latin1.ybc:1:11"),
        ("nul.ybc", "This file contains a NUL byte", "nul.ybc:1:7"),
        ("utf16.ybc", "This file is saved as UTF-16", "utf16.ybc:1:1"),
    ] {
        let run = ws.run(&["check", "--format", "json", name]);
        assert_eq!(run.code, 1, "{name}: {}{}", run.stdout, run.stderr);
        assert!(run.stdout.contains(message), "{name}: {}", run.stdout);
        assert_eq!(error_locations(&run.stdout), vec![at.to_owned()], "{name}");
    }
}

#[test]
fn lookalike_letters_in_a_pose_name() {
    one_error(
        "l\u{043E}cust hold 30s\n",
        "1:1",
        "looks like `locust`, but contains a Cyrillic letter that looks like `o` (U+043E)",
    );
    one_error("lo\u{200B}cust hold 30s\n", "1:1", "contains an invisible character");
}

#[test]
fn five_mistakes_give_five_diagnostics() {
    let text = "title Desk\nwarmup:\n  cat-cwo 8 reps\n  thread-the-needle 6 reps each side left\nstrength:\n  locust hold 30-20s\n  band-row 12 reps tempo 3-1-3 \"squeeze\n";
    let json = check_json(text);
    assert_eq!(json.code, 1);
    assert_eq!(
        error_locations(&json.stdout),
        vec!["routine.ybc:1:1", "routine.ybc:3:3", "routine.ybc:4:38", "routine.ybc:6:15", "routine.ybc:7:32"],
        "{}",
        json.stdout
    );
    let run = check(text);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("5 errors"), "{}", run.stderr);
    insta::assert_snapshot!("five_mistakes", run.stdout);
}

#[test]
fn a_title_or_note_with_a_colon_is_one_mistake_not_a_section() {
    one_error(
        "title \"Desk reset\":\nlevel beginner\nwarmup:\n  cat-cow 8 reps\n",
        "1:19",
        "Only a section or a rounds block ends in `:`",
    );
    one_error(
        "warmup:\n  cat-cow 8 reps\n  note \"switch sides\":\n  cat-cow 8 reps\n",
        "3:22",
        "Only a section or a rounds block ends in `:`",
    );
}

#[test]
fn breaths_out_of_bounds() {
    one_error("strength:\n  locust hold 0 breaths\n", "2:15", "A hold of zero does nothing.");
    one_error("strength:\n  locust hold 8-5 breaths\n", "2:15", "This hold range runs backwards: 8 is more than 5.");
    one_error("strength:\n  locust hold 200 breaths\n", "2:15", "200 breaths is far beyond any safe hold");
    one_error("breath 45s\nstrength:\n  locust hold 5 breaths\n", "1:8", "A breath of 45s is longer than any breath");
    one_error("breath 6-4s\nstrength:\n  locust hold 5 breaths\n", "1:8", "This breath range runs backwards");
    one_error(
        "strength:\n  locust hold 5 breaths 5 breaths\n",
        "2:25",
        "A step can't have both a `hold` and a bare duration.",
    );
    // After the first block or step, `breath` names the breathing pose (an alias of `breathing`).
    let run = check_json("strength:\n  locust hold 20s\nbreath 4-6s\n");
    assert_eq!(error_locations(&run.stdout), Vec::<String>::new(), "{}", run.stdout);
}

/// A hold in breaths is judged by the seconds it takes, and the fix is
/// written in breaths.
#[test]
fn a_hold_in_breaths_is_judged_in_seconds() {
    let run = check_json("warmup:\n  cat-cow 8 reps\nstrength:\n  locust hold 5 breaths\ncooldown:\n  breathing 1m\n");
    assert!(
        findings(&run.stdout).iter().all(|f| f["rule"] != "hold-too-long" && f["rule"] != "hold-too-short"),
        "{}",
        run.stdout
    );
    let run = check_json("warmup:\n  cat-cow 8 reps\nstrength:\n  locust hold 10 breaths\ncooldown:\n  breathing 1m\n");
    let long: Vec<_> = findings(&run.stdout).into_iter().filter(|f| f["rule"] == "hold-too-long").collect();
    assert_eq!(long.len(), 1, "{}", run.stdout);
    assert_eq!(
        long[0]["message"],
        "This hold runs to 1m (10 breaths at 4-6s a breath), longer than Locust's recommended 15-45s (the upper-back strengthening guide)."
    );
    assert_eq!(long[0]["fix"]["replacement"], "7 breaths");
    // A slower breath makes the same count a longer hold.
    let run = check_json(
        "breath 10s\nwarmup:\n  cat-cow 8 reps\nstrength:\n  locust hold 5 breaths\ncooldown:\n  breathing 1m\n",
    );
    assert_eq!(rule_locations(&run.stdout, "hold-too-long"), ["routine.ybc:5:15"], "{}", run.stdout);
}

/// A header line written the way people write it elsewhere is one error
/// whose safe fix writes the line as ybc reads it; the lines below it are
/// checked as usual (the misspelt pose is found, nothing else is reported).
#[test]
fn header_lines_written_another_way_are_one_mistake_each() {
    for (line, canonical) in [
        ("Title: Tuesday class", "title \"Tuesday class\""),
        ("title: \"Tuesday class\"", "title \"Tuesday class\""),
        ("title Tuesday class", "title \"Tuesday class\""),
        ("Author - Sam", "author \"Sam\""),
        ("Level - beginners", "level beginner"),
        ("level: beginner", "level beginner"),
        ("Level: All Levels", "level all-levels"),
        ("props: mat, blocks", "props mat, blocks"),
        ("audience: neck pain", "audience neck-pain"),
        ("audience neck pain, high blood pressure", "audience neck-pain, high-blood-pressure"),
        ("duration 20 minutes", "duration 20m"),
        ("duration: 20 min", "duration 20m"),
        ("Duration = 1 hour 15 mins", "duration 1h15m"),
        ("breath: 4-6 seconds", "breath 4-6s"),
        ("tags: desk work, posture", "tags desk-work, posture"),
    ] {
        let text = format!("{line} # for Tuesday\nwarmup:\n  cat-cow 8 reps\n  locsut hold 30s\n");
        let run = check_json(&text);
        assert_eq!(error_locations(&run.stdout), ["routine.ybc:1:1", "routine.ybc:4:3"], "{line}: {}", run.stdout);
        let first = &findings(&run.stdout)[0];
        assert_eq!(first["message"], format!("`{line}` is written `{canonical}` in a routine."), "{line}");
        assert_eq!(first["fix"]["replacement"], canonical, "{line}");
        assert_eq!(first["fix"]["safe"], true, "{line}");
        assert_eq!(first["end"]["column"].as_u64(), Some(line.chars().count() as u64 + 1), "{line}: the comment stays");
    }
    // A condition in words that is not one is then reported as unknown, with the nearest.
    let run = check_json("audience: neck pains\nwarmup:\n  cat-cow 8 reps\n");
    let said: Vec<_> = findings(&run.stdout).into_iter().filter(|f| f["level"] == "error").collect();
    assert_eq!(said.len(), 2, "{}", run.stdout);
    assert_eq!(said[1]["message"], "`neck-pains` is not a condition I know.");
    assert_eq!(said[1]["help"], "Did you mean `neck-pain`?");
    // A prop in the plural is that prop.
    let run = check_json("props mat, blocks, straps\nwarmup:\n  cat-cow 8 reps\n");
    assert_eq!(error_locations(&run.stdout), Vec::<String>::new(), "{}", run.stdout);
}

/// `warrior 2`: a pose's name and its number, where the name with the number
/// is a pose, is one mistake with the pose to write, not an unknown pose and a
/// number with no unit. (Tested with a routine's own pose, as the catalog's
/// numbered poses may change.)
#[test]
fn a_pose_name_and_its_number_is_one_mistake() {
    const POSE: &str = "pose side-bend-2 \"Side bend 2\" focus mobility hold 20-30s\n";
    one_error(
        &format!("{POSE}warmup:\n  side-bend 2 hold 30s\n"),
        "3:3",
        "`side-bend 2` is not a pose I know: did you mean `side-bend-2`?",
    );
    let run = check_json(&format!("{POSE}warmup:\n  Side-Bend 2 hold 30s each side\n"));
    let error = findings(&run.stdout).into_iter().find(|f| f["level"] == "error").unwrap_or_default();
    assert_eq!(error["fix"]["replacement"], "side-bend-2", "{}", run.stdout);
    assert_eq!(error["fix"]["safe"], true);
    // Written with no dash in the catalog: the id is what to write.
    let alias = "pose side-bend2 \"Side bend 2\" focus mobility hold 20-30s\nwarmup:\n  side-bend 2 hold 30s\n";
    one_error(alias, "3:3", "did you mean `side-bend2`?");
    // When the name alone is a pose too, the number may be a length: a fix to choose.
    let both =
        format!("pose side-bend \"Side bend\" focus mobility hold 20-30s\n{POSE}warmup:\n  side-bend 2 hold 30s\n");
    one_error(&both, "4:3", "`2` after `side-bend` has no unit: did you mean the pose `side-bend-2`?");
    let run = check_json(&both);
    let error = findings(&run.stdout).into_iter().find(|f| f["level"] == "error").unwrap_or_default();
    assert_eq!(error["fix"]["safe"], false);
    // No such pose: the number needs its unit, as before.
    one_error("strength:\n  locust 2\n", "2:10", "`2` needs a unit");
    one_error("strength:\n  locust 2 minutes\n", "2:10", "`2 minutes` is written `2m` in a routine.");
}
