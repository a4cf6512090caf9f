//! Formatting through the same code as `ybc fmt`, and quick fixes that apply
//! each diagnostic's suggested edit.

use serde_json::{Value, json};

use crate::client::{Client, codes, find, uri};

fn format(client: &mut Client, uri: &str) -> Value {
    let options = json!({ "tabSize": 2, "insertSpaces": true });
    client.result("textDocument/formatting", json!({ "textDocument": { "uri": uri }, "options": options }))
}

fn edits(value: &Value) -> &[Value] {
    value.as_array().map_or(&[], Vec::as_slice)
}

#[test]
fn formatting_gives_what_ybc_fmt_gives() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let text = "Title  \"Desk 🧘 नमस्ते\"\r\nwarmup:\r\n    cat-cow   8 reps  \"long arm reaches\"\r\n    thread-the-needle 6 reps each side\r\n\r\n\r\n\r\ncooldown:\r\n    childs-pose 1m # rest\r\n";
    let uri = uri(dir.path(), "class.ybc");
    client.open(&uri, text);
    let result = format(&mut client, &uri);
    let formatted = client.apply(text, edits(&result));
    let expected = ybc::fmt::format(text, &ybc::fmt::FormatOptions::default()).expect("formats");
    assert_eq!(formatted, expected);
    assert_ne!(formatted, text);

    // Formatting the formatted text changes nothing.
    let change = json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": formatted }] });
    client.notify("textDocument/didChange", change);
    client.diagnostics(&uri, 2);
    assert_eq!(format(&mut client, &uri), json!([]));
}

#[test]
fn formatting_never_touches_a_routine_it_cannot_read() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let uri = uri(dir.path(), "class.ybc");
    client.open(&uri, "strength:\n    locust hold 30s \"unclosed cue\n");
    assert_eq!(format(&mut client, &uri), Value::Null);
}

/// The quick fixes offered for the diagnostic with `code`, applied one at a time.
fn fixes(text: &str, code: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let uri = uri(dir.path(), "class.ybc");
    let diagnostics = client.open(&uri, text);
    let diagnostic = find(&diagnostics, code).clone();
    let params = json!({
        "textDocument": { "uri": uri }, "range": diagnostic["range"], "context": { "diagnostics": [diagnostic] }
    });
    let actions = client.result("textDocument/codeAction", params);
    edits(&actions)
        .iter()
        .filter(|a| a["diagnostics"][0]["code"] == code)
        .map(|action| {
            assert_eq!(action["kind"], "quickfix");
            let edit = &action["edit"]["changes"][&uri];
            (action["title"].as_str().unwrap_or("").to_owned(), client.apply(text, edits(edit)))
        })
        .collect()
}

#[test]
fn quick_fix_the_did_you_mean_name() {
    let fixed = fixes("strength:\n  locsut hold 30s x3 rest 45s\n", "unknown-pose");
    assert_eq!(
        fixed,
        [("Change `locsut` to `locust`".to_owned(), "strength:\n  locust hold 30s x3 rest 45s\n".to_owned())]
    );
}

#[test]
fn quick_fix_a_pose_named_in_words() {
    let fixed = fixes("cooldown:\n  child's pose hold 60s \"breathe\"\n", "unknown-pose");
    assert_eq!(
        fixed,
        [(
            "Change `child's pose` to `childs-pose`".to_owned(),
            "cooldown:\n  childs-pose hold 60s \"breathe\"\n".to_owned()
        )]
    );
}

#[test]
fn only_fixes_that_keep_the_meaning_are_preferred() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let uri = uri(dir.path(), "class.ybc");
    client.open(&uri, "strength:\n  locsut hold 30 seconds\n");
    let params = json!({
        "textDocument": { "uri": uri },
        "range": { "start": { "line": 1, "character": 0 }, "end": { "line": 1, "character": 0 } },
        "context": { "diagnostics": [] }
    });
    let actions = client.result("textDocument/codeAction", params);
    let preferred: Vec<(String, bool)> = edits(&actions)
        .iter()
        .filter(|a| a["kind"] == "quickfix")
        .map(|a| (a["title"].as_str().unwrap_or("").to_owned(), a["isPreferred"] == true))
        .collect();
    // An editor's "fix all" makes the rewrite of `30 seconds`, not the guess at the name.
    assert_eq!(
        preferred,
        [("Change `locsut` to `locust`".to_owned(), false), ("Change `30 seconds` to `30s`".to_owned(), true)]
    );
}

#[test]
fn fix_all_makes_every_certain_fix_and_nothing_else() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let uri = uri(dir.path(), "class.ybc");
    let text =
        "warm up:\n  cat cow 8 reps\nstrength:\n  locsut hold 30 seconds, x3 rest 45 sec\ncool down:\n  breathing 1m\n";
    client.open(&uri, text);
    let ask = |only: Value| {
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
            "context": { "diagnostics": [], "only": only }
        })
    };
    // What an editor asks for on save with `source.fixAll`: that action alone.
    let actions = client.result("textDocument/codeAction", ask(json!(["source.fixAll"])));
    let [action] = edits(&actions) else { panic!("one action: {actions}") };
    assert_eq!(action["kind"], "source.fixAll.ybc");
    assert_eq!(action["title"], "Fix all 5 certain mistakes (ybc)");
    let fixed = client.apply(text, edits(&action["edit"]["changes"][&uri]));
    // The misspelt name is a guess, so it stays for the teacher.
    assert_eq!(
        fixed,
        "warmup:\n  cat-cow 8 reps\nstrength:\n  locsut hold 30s x3 rest 45s\ncooldown:\n  breathing 1m\n"
    );
    // Asking for quick fixes only does not bring it.
    let actions = client.result("textDocument/codeAction", ask(json!(["quickfix"])));
    assert!(edits(&actions).iter().all(|a| a["kind"] == "quickfix"), "{actions}");
    // A routine with nothing certain to fix offers no fix-all.
    let change = json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": fixed }] });
    client.notify("textDocument/didChange", change);
    client.diagnostics(&uri, 2);
    let actions = client.result("textDocument/codeAction", ask(json!(["source"])));
    assert_eq!(actions, json!([]));
}

#[test]
fn quick_fix_the_missing_each_side() {
    let fixed = fixes("warmup:\n  thread-the-needle 6 reps\n", "one-sided");
    assert_eq!(fixed, [("Add `each side`".to_owned(), "warmup:\n  thread-the-needle 6 reps each side\n".to_owned())]);
}

#[test]
fn quick_fix_the_audience_modification() {
    let text = "audience osteoporosis\nstrength:\n  locust hold 20s x3 rest 30s\n";
    let fixed = fixes(text, "contraindicated");
    assert_eq!(fixed.len(), 1, "{fixed:?}");
    let (title, after) = &fixed[0];
    assert!(title.starts_with("Change `locust hold 20s x3 rest 30s` to `wall-scapular-retraction"), "{title}");
    assert!(after.contains("  wall-scapular-retraction hold"), "{after}");
    // The adapted routine is safe for the class.
    let compiled = ybc::compile(after, &ybc::catalog::Catalog::builtin());
    assert!(compiled.diagnostics.iter().all(|d| d.code != "contraindicated"), "{:?}", compiled.diagnostics);
}

#[test]
fn actions_are_offered_only_where_asked() {
    let dir = tempfile::tempdir().expect("folder");
    let mut client = Client::start(dir.path(), &[]);
    let uri = uri(dir.path(), "class.ybc");
    let text = "strength:\n  locsut hold 30s\n  bridj 3 reps\n";
    let diagnostics = client.open(&uri, text);
    assert_eq!(codes(&diagnostics).iter().filter(|c| **c == "unknown-pose").count(), 2);
    let line = |n: u32| json!({ "start": { "line": n, "character": 0 }, "end": { "line": n, "character": 0 } });
    let on_line_two = client.result(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri }, "range": line(2), "context": { "diagnostics": [] }
        }),
    );
    let titles: Vec<&str> = edits(&on_line_two).iter().map(|a| a["title"].as_str().unwrap_or("")).collect();
    assert_eq!(titles, ["Change `bridj` to `bridge`"]);
}
