//! `ybc build --format json` against `docs/schema/timeline-v1.schema.json`.
//!
//! Runs the real binary on every routine in `routines/` and on a few inline
//! routines, validates each document against the schema, and checks what the
//! schema cannot say: the timeline's running times and totals, `index`,
//! `next`, `min <= max`, and byte-identical output across runs. The negative
//! tests mutate a valid document to prove the schema is not vacuous.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{Value, json};

/// Uses rounds (nested in a section, with and without rest), notes (at the
/// top, inside a section, inside rounds), rest steps, each side, left, right,
/// alternating, tempo, sets with rest, a step with no dose, and custom poses.
const FULL: &str = r#"# Every feature a player has to handle.
title "Locust rounds"
author "ybc tests"
level all-levels
duration 25-30m
breath 4-5s
props mat, wall, block
audience neck-pain
tags test, rounds
pose scapula-glide "Scapula Glide" focus mobility hold 20-40s props wall "slide slowly"
pose side-reach "Side Reach" sanskrit "Parsva Hasta" focus mobility 6-8 reps per-rep 4s unilateral
note "set up a wall space"
warmup "Wake up":
  scapula-glide hold 5 breaths
  cat-cow 6-10 reps
  side-reach 6 reps left
  side-reach 6 reps right
strength "Bilateral, then unilateral":
  3 rounds rest 60s:
    locust hold 20-30s with block
    rest 30s "breathe"
    bridge 3 reps hold 30-45s
  2 rounds:
    note "second block"
    prone-y 10 reps
  single-leg-locust 8 reps alternating
  locust 8 reps tempo 4-0-4 x2 rest 45s with block "slow lowering"
cooldown:
  note "dim the lights"
  childs-pose 3-4 breaths
  thread-the-needle 6 reps each side
  side-reach each side
  rest 20-40s
"#;

/// No header at all, steps outside any section, sets without rest, a trailing note.
const BARE: &str = "cat-cow 6 reps\nplank hold 20s x2 \"brace\"\nnote \"well done\"\n";

/// Nothing timed: an empty timeline and a zero total.
const EMPTY: &str = "title \"Just a note\"\nnote \"only\"\n";

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn schema() -> Value {
    let path = manifest_dir().join("docs/schema/timeline-v1.schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("can't read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).unwrap_or_else(|e| panic!("the schema does not compile: {e}"))
}

/// Every validation error, one per line, with the instance path it is about.
fn schema_errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|e| format!("at `{}`: {e} (schema `{}`)", e.instance_path(), e.schema_path()))
        .collect()
}

/// Runs `ybc build FILE --format json` and returns its standard output.
fn build(file: &Path) -> Vec<u8> {
    let output = Command::cargo_bin("ybc")
        .expect("the ybc binary")
        .arg("build")
        .arg(file)
        .args(["--format", "json"])
        .env("NO_COLOR", "1")
        .output()
        .expect("ybc runs");
    assert!(
        output.status.success(),
        "ybc build {} failed with {}:\n{}",
        file.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Writes an inline routine to `dir` and returns its path.
fn write_routine(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the routine");
    path
}

/// The `*.ybc` files in `routines/`, sorted.
fn shipped_routines() -> Vec<PathBuf> {
    let dir = manifest_dir().join("routines");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|path| path.extension().is_some_and(|ext| ext == "ybc") && path.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn u64_at(value: &Value, pointer: &str) -> u64 {
    value.pointer(pointer).and_then(Value::as_u64).unwrap_or_else(|| panic!("no whole number at {pointer}"))
}

/// Builds `file` twice, validates the output and checks the timeline's
/// arithmetic; returns the document, or every problem found.
fn check_build(validator: &jsonschema::Validator, file: &Path) -> Result<Value, String> {
    let name = file.display();
    let first = build(file);
    let second = build(file);
    if first != second {
        return Err(format!("{name}: two builds of the same routine gave different bytes"));
    }
    let document: Value = serde_json::from_slice(&first).map_err(|e| format!("{name}: the output is not JSON: {e}"))?;
    let errors = schema_errors(validator, &document);
    if !errors.is_empty() {
        return Err(format!("{name} does not match the schema ({} errors):\n  {}", errors.len(), errors.join("\n  ")));
    }
    let mut problems = Vec::new();
    check_timeline(&document, &mut problems);
    check_ranges(&document, String::new(), &mut problems);
    if problems.is_empty() { Ok(document) } else { Err(format!("{name}:\n  {}", problems.join("\n  "))) }
}

/// `index`, `start`, `total` and `next`: what the schema can't express.
fn check_timeline(document: &Value, problems: &mut Vec<String>) {
    let events = document["timeline"].as_array().expect("timeline is an array");
    let (mut min, mut max) = (0u64, 0u64);
    for (i, event) in events.iter().enumerate() {
        if u64_at(event, "/index") != i as u64 {
            problems.push(format!("timeline[{i}].index is {}", event["index"]));
        }
        let start = (u64_at(event, "/start/min"), u64_at(event, "/start/max"));
        if start != (min, max) {
            problems.push(format!(
                "timeline[{i}].start is {}-{}, but the events before it add up to {min}-{max}",
                start.0, start.1
            ));
        }
        min += u64_at(event, "/seconds/min");
        max += u64_at(event, "/seconds/max");
        let expected = match events.get(i + 1) {
            None => Value::Null,
            Some(next) if next["kind"] == "rest" => json!("Rest"),
            Some(next) => next["english"].clone(),
        };
        if event["next"] != expected {
            problems.push(format!("timeline[{i}].next is {}, but the next event is {expected}", event["next"]));
        }
    }
    let total = (u64_at(document, "/total/min"), u64_at(document, "/total/max"));
    if total != (min, max) {
        problems.push(format!("total is {}-{}, but the events add up to {min}-{max}", total.0, total.1));
    }
}

/// Every range has `min <= max`; every count has `1 <= n <= of`.
fn check_ranges(value: &Value, path: String, problems: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            let keys: Vec<&str> = map.keys().map(String::as_str).collect();
            if keys.len() == 2
                && map.contains_key("min")
                && map.contains_key("max")
                && map["min"].as_u64() > map["max"].as_u64()
            {
                problems.push(format!("{path}: the range runs backwards: {value}"));
            }
            if keys.len() == 2 && map.contains_key("n") && map.contains_key("of") {
                let (n, of) = (map["n"].as_u64(), map["of"].as_u64());
                if n < Some(1) || n > of {
                    problems.push(format!("{path}: n of N is out of order: {value}"));
                }
            }
            for (key, child) in map {
                check_ranges(child, format!("{path}/{key}"), problems);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                check_ranges(child, format!("{path}/{i}"), problems);
            }
        }
        _ => {}
    }
}

/// Builds the inline routines in a fresh temporary folder.
fn inline_documents(validator: &jsonschema::Validator) -> Vec<(&'static str, Value)> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    [("full.ybc", FULL), ("bare.ybc", BARE), ("empty.ybc", EMPTY)]
        .into_iter()
        .map(|(name, text)| {
            let file = write_routine(dir.path(), name, text);
            (name, check_build(validator, &file).unwrap_or_else(|problem| panic!("{problem}")))
        })
        .collect()
}

fn full_document(validator: &jsonschema::Validator) -> Value {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = write_routine(dir.path(), "full.ybc", FULL);
    check_build(validator, &file).unwrap_or_else(|problem| panic!("{problem}"))
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema() {
    let schema = schema();
    if let Err(error) = jsonschema::draft202012::meta::validate(&schema) {
        panic!("the schema is not valid draft 2020-12: at `{}`: {error}", error.instance_path());
    }
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(schema["$id"], "https://ybc.dev/schema/timeline-v1.schema.json");
}

/// Keys added to version 1 after it was first published: ybc always writes
/// them, but they are not `required`, so that documents written before them
/// still validate (a new optional key is a compatible change; a key that
/// changed meaning would bump the version instead).
const ADDED_IN_V1: [&str; 4] = ["alternatives", "breath", "breaths", "sequence"];

/// Strictness the schema promises: every object closed, every key required
/// (but those of [`ADDED_IN_V1`]), every property described.
#[test]
fn the_schema_is_strict_and_documented() {
    fn walk(schema: &Value, path: String, problems: &mut Vec<String>) {
        match schema {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    let closed = map.get("additionalProperties") == Some(&Value::Bool(false));
                    // `if`/`then`/`else` only narrow properties of the object they sit in.
                    let conditional = ["/if", "/then", "/else"].iter().any(|part| path.ends_with(part));
                    if !closed && !conditional {
                        problems.push(format!("{path}: not `additionalProperties: false`"));
                    }
                    if !conditional {
                        let required: Vec<&str> = map
                            .get("required")
                            .and_then(Value::as_array)
                            .map(|r| r.iter().filter_map(Value::as_str).collect())
                            .unwrap_or_default();
                        let keys: Vec<&str> =
                            properties.keys().map(String::as_str).filter(|k| !ADDED_IN_V1.contains(k)).collect();
                        let mut sorted_required = required.clone();
                        let mut sorted_keys = keys.clone();
                        sorted_required.sort_unstable();
                        sorted_keys.sort_unstable();
                        if sorted_required != sorted_keys {
                            problems.push(format!("{path}: `required` {required:?} is not every property {keys:?}"));
                        }
                        for (key, property) in properties {
                            if property.get("description").and_then(Value::as_str).is_none_or(str::is_empty) {
                                problems.push(format!("{path}/properties/{key}: no description"));
                            }
                        }
                    }
                }
                for (key, child) in map {
                    walk(child, format!("{path}/{key}"), problems);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, format!("{path}/{i}"), problems);
                }
            }
            _ => {}
        }
    }
    let schema = schema();
    let mut problems = Vec::new();
    walk(&schema, String::new(), &mut problems);
    for (name, definition) in schema["$defs"].as_object().expect("$defs") {
        for key in ["title", "description"] {
            if definition.get(key).and_then(Value::as_str).is_none() {
                problems.push(format!("$defs/{name}: no {key}"));
            }
        }
    }
    assert!(problems.is_empty(), "the schema is not strict enough:\n  {}", problems.join("\n  "));
}

#[test]
fn every_shipped_routine_matches_the_schema() {
    let validator = validator();
    let files = shipped_routines();
    if files.is_empty() {
        eprintln!("note: routines/ has no *.ybc files yet; only the inline routines are checked");
    }
    let problems: Vec<String> = files.iter().filter_map(|file| check_build(&validator, file).err()).collect();
    assert!(problems.is_empty(), "{} of {} routines failed:\n{}", problems.len(), files.len(), problems.join("\n"));
}

#[test]
fn inline_routines_match_the_schema() {
    let validator = validator();
    let documents = inline_documents(&validator);
    let (_, empty) = documents.iter().find(|(name, _)| *name == "empty.ybc").expect("empty.ybc");
    assert_eq!(empty["timeline"], json!([]));
    assert_eq!(empty["total"], json!({"min": 0, "max": 0}));
    // A note with nothing after it is shown when the routine ends, not dropped.
    assert_eq!(empty["closing_notes"], json!(["only"]));
    let (_, bare) = documents.iter().find(|(name, _)| *name == "bare.ybc").expect("bare.ybc");
    assert_eq!(bare["closing_notes"], json!(["well done"]));
    let last = bare["timeline"].as_array().and_then(|events| events.last()).expect("events");
    assert_eq!(last["notes"], json!([]));
    let (_, full) = documents.iter().find(|(name, _)| *name == "full.ybc").expect("full.ybc");
    assert_eq!(full["closing_notes"], json!([]));
}

/// The full inline routine really produces every shape the schema allows, so
/// the validation above is not passing on a narrow sample.
#[test]
fn the_full_routine_covers_every_shape() {
    let document = full_document(&validator());
    let events = document["timeline"].as_array().expect("timeline");
    let has = |predicate: &dyn Fn(&Value) -> bool| events.iter().any(predicate);
    for reason in ["step", "between-sets", "between-rounds"] {
        assert!(has(&|e| e["rest_reason"] == reason), "no {reason} rest");
    }
    for side in ["left", "right", "both"] {
        assert!(has(&|e| e["side"] == side), "no {side} event");
    }
    assert!(has(&|e| e["alternating"] == true), "no alternating event");
    assert!(has(&|e| e["tempo"].is_array()), "no tempo");
    assert!(has(&|e| e["set"]["of"].as_u64() > Some(1)), "no sets");
    assert!(has(&|e| e["rounds"].as_array().is_some_and(|r| !r.is_empty())), "no rounds");
    assert!(has(&|e| e["notes"].as_array().is_some_and(|n| !n.is_empty())), "no notes");
    assert!(has(&|e| e["cues"].as_array().is_some_and(|c| !c.is_empty())), "no cues");
    assert!(has(&|e| e["pose"] == "scapula-glide"), "the custom pose is not in the timeline");
    assert!(has(&|e| e["sanskrit"] == "Parsva Hasta"), "the custom pose's sanskrit is not in the timeline");
    assert!(has(&|e| e["seconds"]["min"] != e["seconds"]["max"]), "no range survived");

    fn kinds(nodes: &Value, out: &mut Vec<String>) {
        for node in nodes.as_array().into_iter().flatten() {
            out.push(node["kind"].as_str().unwrap_or_default().to_owned());
            kinds(&node["items"], out);
        }
    }
    let mut seen = Vec::new();
    kinds(&document["body"], &mut seen);
    for kind in ["section", "rounds", "step", "rest", "note"] {
        assert!(seen.iter().any(|k| k == kind), "no {kind} node in the body");
    }
    assert_eq!(document["meta"]["level"], "all-levels");
    assert_eq!(document["meta"]["duration"], json!({"min": 1500, "max": 1800}));
    // Breaths: the count beside the seconds they take at the routine's breath.
    assert_eq!(document["meta"]["breath"], json!({"min": 4, "max": 5}));
    assert!(has(&|e| e["breaths"] == json!({"min": 5, "max": 5}) && e["hold"] == json!({"min": 20, "max": 25})));
    assert!(has(&|e| e["breaths"] == json!({"min": 3, "max": 4}) && e["seconds"] == json!({"min": 12, "max": 20})));
    // Every key this ybc writes, the keys added within version 1 too.
    for event in events {
        assert!(event.get("breaths").is_some(), "an event without `breaths`: {event}");
    }
}

/// A document written before the keys of [`ADDED_IN_V1`] still validates.
#[test]
fn documents_from_before_the_breath_keys_still_validate() {
    fn strip(value: &mut Value) {
        match value {
            Value::Object(map) => {
                for key in ADDED_IN_V1 {
                    map.remove(key);
                }
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let validator = validator();
    let mut document = full_document(&validator);
    strip(&mut document);
    assert!(validator.is_valid(&document), "{:?}", schema_errors(&validator, &document));
}

/// A change that breaks a valid document.
type Mutation = Box<dyn Fn(&mut Value)>;

/// Mutations of a valid document that the schema must reject.
#[test]
fn the_schema_rejects_broken_documents() {
    let validator = validator();
    let valid = full_document(&validator);
    assert!(validator.is_valid(&valid));

    let events = valid["timeline"].as_array().expect("timeline");
    let rest = events.iter().position(|e| e["kind"] == "rest").expect("a rest event");
    let pose = events.iter().position(|e| e["kind"] == "pose").expect("a pose event");
    let in_rounds = events.iter().position(|e| e["rounds"].as_array().is_some_and(|r| !r.is_empty())).expect("rounds");
    let body = valid["body"].as_array().expect("body");
    let section = body.iter().position(|n| n["kind"] == "section").expect("a section");
    let nested = format!("/body/{section}/items/0");

    let remove = |parent: String, key: &'static str| {
        move |doc: &mut Value| {
            let removed = doc.pointer_mut(&parent).and_then(Value::as_object_mut).and_then(|o| o.remove(key));
            assert!(removed.is_some(), "no {parent}/{key} to remove");
        }
    };
    let set = |pointer: String, value: Value| {
        move |doc: &mut Value| {
            *doc.pointer_mut(&pointer).unwrap_or_else(|| panic!("no {pointer} to set")) = value.clone();
        }
    };
    let add = |parent: String| {
        move |doc: &mut Value| {
            let object = doc.pointer_mut(&parent).and_then(Value::as_object_mut).expect("an object");
            object.insert("extra".to_owned(), json!(1));
        }
    };

    let cases: Vec<(&str, Mutation)> = vec![
        ("missing top-level `timeline`", Box::new(remove(String::new(), "timeline"))),
        ("missing `meta.title`", Box::new(remove("/meta".into(), "title"))),
        ("missing `next` in an event", Box::new(remove(format!("/timeline/{pose}"), "next"))),
        ("missing `max` in a range", Box::new(remove(format!("/timeline/{pose}/seconds"), "max"))),
        ("missing `items` in a section", Box::new(remove(format!("/body/{section}"), "items"))),
        ("missing `line` in a nested node", Box::new(remove(nested.clone(), "line"))),
        ("a string for `total.min`", Box::new(set("/total/min".into(), json!("10")))),
        ("a string for `seconds.max`", Box::new(set(format!("/timeline/{pose}/seconds/max"), json!("30")))),
        ("a fraction for `line`", Box::new(set(format!("/timeline/{pose}/line"), json!(1.5)))),
        ("a negative `start.min`", Box::new(set(format!("/timeline/{pose}/start/min"), json!(-1)))),
        ("line 0", Box::new(set(format!("/body/{section}/line"), json!(0)))),
        ("an unknown body `kind`", Box::new(set(format!("/body/{section}/kind"), json!("circuit")))),
        ("an unknown nested body `kind`", Box::new(set(format!("{nested}/kind"), json!("pose")))),
        ("an unknown event `kind`", Box::new(set(format!("/timeline/{pose}/kind"), json!("stretch")))),
        ("an unknown `rest_reason`", Box::new(set(format!("/timeline/{rest}/rest_reason"), json!("cooldown")))),
        ("an unknown `side`", Box::new(set(format!("/timeline/{pose}/side"), json!("up")))),
        ("an unknown section word", Box::new(set(format!("/body/{section}/section"), json!("warm-up")))),
        ("an unknown level", Box::new(set("/meta/level".into(), json!("expert")))),
        ("an unknown key at the top", Box::new(add(String::new()))),
        ("an unknown key in an event", Box::new(add(format!("/timeline/{pose}")))),
        ("an unknown key in a range", Box::new(add("/total".into()))),
        ("an unknown key in a nested node", Box::new(add(nested.clone()))),
        ("another format", Box::new(set("/format".into(), json!("ybc")))),
        ("version 2", Box::new(set("/version".into(), json!(2)))),
        ("a two-part tempo", Box::new(set(format!("/timeline/{pose}/tempo"), json!([3, 3])))),
        ("null cues", Box::new(set(format!("/timeline/{pose}/cues"), Value::Null))),
        ("round 0 of N", Box::new(set(format!("/timeline/{in_rounds}/rounds/0/n"), json!(0)))),
        ("a rest event with a pose", Box::new(set(format!("/timeline/{rest}/pose"), json!("locust")))),
        ("a rest event without a reason", Box::new(set(format!("/timeline/{rest}/rest_reason"), Value::Null))),
        ("a pose event without a set", Box::new(set(format!("/timeline/{pose}/set"), Value::Null))),
        ("a pose event with a rest reason", Box::new(set(format!("/timeline/{pose}/rest_reason"), json!("step")))),
    ];

    let mut accepted = Vec::new();
    for (what, mutate) in &cases {
        let mut broken = valid.clone();
        mutate(&mut broken);
        if validator.is_valid(&broken) {
            accepted.push(*what);
        }
    }
    assert!(accepted.is_empty(), "the schema accepted broken documents:\n  {}", accepted.join("\n  "));
}
