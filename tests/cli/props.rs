//! Props the catalog does not know, allowed by a studio's `ybc.toml`
//! (`unknown-prop = "allow"`): kept everywhere a prop is shown, as written.

use std::path::Path;

use scraper::{Html, Selector};
use serde_json::Value;

use crate::harness::Workspace;

const ALLOW: &str = "[rules]\nunknown-prop = \"allow\"\n";

/// A kettlebell on the props line and a sandbag on a step: neither is in the catalog.
const ROUTINE: &str = "title \"Kettlebell class\"\nprops mat, kettlebell\nwarmup:\n  cat-cow 8 reps\nstrength:\n  locust hold 20-30s x3 rest 30s with sandbag\ncooldown:\n  doorway-chest-opener hold 30s each side\n";

fn studio() -> Workspace {
    let ws = Workspace::new();
    ws.file("ybc.toml", ALLOW);
    ws.file("routine.ybc", ROUTINE);
    ws
}

/// The step's props of every step node in a JSON document, in order.
fn step_props(document: &Value) -> Vec<Value> {
    let mut found = Vec::new();
    let mut stack = vec![&document["body"]];
    while let Some(value) = stack.pop() {
        match value {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(node) if node.get("kind").and_then(Value::as_str) == Some("step") => {
                found.push(node["props"].clone());
            }
            Value::Object(node) => stack.extend(node.get("items")),
            _ => {}
        }
    }
    found
}

fn validate(document: &Value) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema/timeline-v1.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("schema")).expect("schema JSON");
    let validator = jsonschema::draft202012::new(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator.iter_errors(document).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn allowed_unknown_props_are_in_the_json_as_written() {
    let ws = studio();
    let built = ws.run(&["build", "routine.ybc", "--format", "json"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let document: Value = serde_json::from_str(&built.stdout).expect("JSON");
    validate(&document);
    assert_eq!(document["meta"]["props"], serde_json::json!(["mat", "kettlebell"]));
    let props = step_props(&document);
    assert_eq!(props, [serde_json::json!([]), serde_json::json!(["sandbag"]), serde_json::json!([])]);
    // Not allowed, a prop ybc does not know is still an error.
    std::fs::remove_file(ws.path().join("ybc.toml")).expect("remove ybc.toml");
    let refused = ws.run(&["build", "routine.ybc", "--format", "json"]);
    assert_eq!(refused.code, 1);
    assert!(refused.stderr.contains("`kettlebell` is not a prop I know."), "{}", refused.stderr);
}

#[test]
fn allowed_unknown_props_are_on_the_handout() {
    let ws = studio();
    let built = ws.run(&["build", "routine.ybc", "--format", "html", "-o", "handout.html"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let html = std::fs::read_to_string(ws.path().join("handout.html")).expect("handout");
    let document = Html::parse_document(&html);
    let select = |css: &str| Selector::parse(css).expect("selector");
    let bring: Vec<String> = document.select(&select(".checklist li")).map(|li| li.text().collect()).collect();
    let bring: Vec<String> = bring.iter().map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    assert_eq!(bring, ["Yoga mat for the floor poses", "kettlebell optional", "sandbag optional, for Locust"]);
    let about: Vec<String> = document.select(&select("article.card .about")).map(|p| p.text().collect()).collect();
    assert!(about.iter().any(|a| a.ends_with("· with sandbag")), "{about:?}");
    // The props line leaves the sandbag out: the rule that says so speaks of it too.
    assert!(
        built.stderr.contains("Locust uses a sandbag here, but the props line doesn't list it."),
        "{}",
        built.stderr
    );
}

#[test]
fn allowed_unknown_props_stay_in_the_adapted_routine() {
    let ws = studio();
    let adapted = ws.run(&["build", "routine.ybc", "--adapt", "--audience", "osteoporosis", "--format", "json"]);
    assert_eq!(adapted.code, 0, "{}", adapted.stderr);
    let document: Value = serde_json::from_str(&adapted.stdout).expect("JSON");
    validate(&document);
    // The option offered for osteoporosis is done at a wall, so the props line gets it.
    assert_eq!(document["meta"]["props"], serde_json::json!(["mat", "kettlebell", "wall"]));
    assert!(step_props(&document).contains(&serde_json::json!(["sandbag"])), "{}", adapted.stdout);
}
