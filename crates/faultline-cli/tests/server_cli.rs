//! `faultline server` driven over stdio as an editor drives it: Content-Length framed
//! JSON-RPC, the responses snapshotted (paths redacted); and the diagnostics it publishes
//! agree with `faultline lint` on every rule fixture.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use serde_json::{Value, json};

const TODAY: &str = "2026-11-21";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../faultline-validate/tests/fixtures")
}

fn copy_into(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let p = entry.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
            copy_into(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

fn uri(path: &Path) -> String {
    faultline_server::uri::from_path(path)
        .unwrap()
        .as_str()
        .to_owned()
}

/// A server process and the messages it sends.
struct Editor {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
}

impl Editor {
    fn start(root: &Path, options: Value) -> Self {
        Self::start_with(root, options, json!({}))
    }

    /// A server for an editor that announces `capabilities`.
    fn start_with(root: &Path, options: Value, capabilities: Value) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_faultline"))
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        length = v.parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut editor = Self {
            child,
            stdin,
            incoming,
            next_id: 0,
        };
        let init = editor.request(
            "initialize",
            json!({"processId": null, "rootUri": uri(root), "capabilities": capabilities,
                   "initializationOptions": options}),
        );
        assert!(init["result"]["capabilities"]["completionProvider"].is_object());
        assert_eq!(init["result"]["serverInfo"]["name"], "faultline");
        assert_eq!(
            init["result"]["serverInfo"]["version"],
            env!("CARGO_PKG_VERSION")
        );
        editor.notify("initialized", json!({}));
        editor
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response (notifications that come first are kept
    /// for `diagnostics`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self.incoming.recv_timeout(Duration::from_secs(60)).unwrap();
            if m["id"] == json!(id) {
                return m;
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        loop {
            let m = self.incoming.recv_timeout(Duration::from_secs(60)).unwrap();
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                return m["params"]["diagnostics"].clone();
            }
        }
    }

    /// Every message until none comes for `quiet`.
    fn drain(&mut self, quiet: Duration) -> Vec<Value> {
        let mut out = Vec::new();
        loop {
            match self.incoming.recv_timeout(quiet) {
                Ok(m) => out.push(m),
                Err(RecvTimeoutError::Timeout) => return out,
                Err(RecvTimeoutError::Disconnected) => return out,
            }
        }
    }

    fn open(&mut self, path: &Path, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(path), "languageId": "toml", "version": 1, "text": text}}),
        );
    }

    fn shutdown(mut self) -> std::process::ExitStatus {
        let r = self.request("shutdown", json!(null));
        assert_eq!(r["result"], Value::Null);
        self.notify("exit", json!(null));
        self.child.wait().unwrap()
    }
}

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

/// The position of the first `needle` in `text`, plus `shift` characters.
fn find(text: &str, needle: &str, shift: u32) -> (u32, u32) {
    let i = text.find(needle).unwrap();
    let line = text[..i].matches('\n').count();
    let col = text[..i].rfind('\n').map_or(i, |n| i - n - 1);
    (line as u32, col as u32 + shift)
}

fn settings(root: &Path) -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    let canonical = root.canonicalize().unwrap();
    s.add_filter(&regex_escape(&uri(&canonical)), "file://[DATA]");
    s.add_filter(&regex_escape(&canonical.to_string_lossy()), "[DATA]");
    s
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '/' || c == '_' || c == '-' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

#[test]
fn an_editor_session_over_stdio() {
    let dir = tempfile::tempdir().unwrap();
    copy_into(&fixtures().join("base"), dir.path());
    let root = dir.path().canonicalize().unwrap();
    let event = root.join("events/2021/2021-11-16-example.toml");
    let saved = std::fs::read_to_string(&event).unwrap();
    let doc = uri(&event);
    let mut editor = Editor::start(
        &root,
        json!({"today": TODAY, "debounceMs": 0, "testPanic": true}),
    );

    // A broken record: a mistyped enum value (the record does not load).
    let broken = saved.replace("category = \"killed\"", "category = \"kiled\"");
    editor.open(&event, &broken);
    let opened = editor.diagnostics(&doc);
    let s = settings(&root);
    s.bind(|| insta::assert_json_snapshot!("server_open_broken", opened));
    // Its did-you-mean, from the schema's values.
    let (el, ec) = find(&broken, "kiled", 0);
    let enum_actions = editor.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc}, "range": {"start": {"line": el, "character": ec}, "end": {"line": el, "character": ec}},
               "context": {"diagnostics": []}}),
    );
    s.bind(|| insta::assert_json_snapshot!("server_code_actions_enum", enum_actions["result"]));

    // The contributor fixes the enum and mistypes a place: linted again after the pause.
    let changed = saved.replace("place = \"example-place\"", "place = \"exampel-place\"");
    editor.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 2}, "contentChanges": [{"text": changed}]}),
    );
    let after = editor.diagnostics(&doc);
    s.bind(|| insta::assert_json_snapshot!("server_change_dangling", after));

    // Completion of a place id inside the string.
    let (l, c) = find(&changed, "exampel-place", 3);
    let completion = editor.request("textDocument/completion", at(&doc, l, c));
    // Completion of enum values, and of the keys of a table.
    let (kl, kc) = find(&changed, "\"killed\"", 2);
    let enums = editor.request("textDocument/completion", at(&doc, kl, kc));
    assert_eq!(enums["result"]["isIncomplete"], false);
    let labels: Vec<&str> = enums["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"wounded") && labels.contains(&"killed"),
        "{labels:?}"
    );
    // Hover on a reference, definition and references of an actor.
    let (al, ac) = find(&changed, "\"example-other\"", 3);
    let hover = editor.request("textDocument/hover", at(&doc, al, ac));
    let definition = editor.request("textDocument/definition", at(&doc, al, ac));
    let mut refs_params = at(&doc, al, ac);
    refs_params["context"] = json!({"includeDeclaration": false});
    let references = editor.request("textDocument/references", refs_params);
    // Code actions on the dangling place: did-you-mean and a suppression.
    let (pl, pc) = find(&changed, "exampel-place", 0);
    let actions = editor.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc}, "range": {"start": {"line": pl, "character": pc}, "end": {"line": pl, "character": pc}},
               "context": {"diagnostics": []}}),
    );
    // Formatting a buffer laid out out of order.
    let messy = changed.replace(
        "title = \"Example\"\nkind = \"armed-clash\"",
        "kind = \"armed-clash\"\ntitle = \"Example\"",
    );
    editor.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 3}, "contentChanges": [{"text": messy}]}),
    );
    let formatting = editor.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": doc}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    s.bind(|| {
        insta::assert_json_snapshot!("server_completion_place", completion["result"]);
        insta::assert_json_snapshot!("server_hover_actor", hover["result"]);
        insta::assert_json_snapshot!("server_definition_actor", definition["result"]);
        insta::assert_json_snapshot!("server_references_actor", references["result"]);
        insta::assert_json_snapshot!("server_code_actions", actions["result"]);
        insta::assert_json_snapshot!("server_formatting", formatting["result"]);
    });
    assert_eq!(
        formatting["result"][0]["newText"].as_str().unwrap(),
        changed,
        "formatting restores the canonical order"
    );

    // A malformed buffer, a panic in a request, an unknown request: answered, never fatal.
    editor.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 4}, "contentChanges": [{"text": "id = \"\u{0}\n[[[[ \"\u{1F600}"}]}),
    );
    // (The publication for the formatting test's text may come first.)
    let broken_diags = loop {
        let d = editor.diagnostics(&doc);
        if d[0]["code"] != "dangling-reference" {
            break d;
        }
    };
    assert_eq!(broken_diags[0]["code"], "parse-error", "{broken_diags:#}");
    let panic = editor.request("faultline/panic", json!({}));
    assert_eq!(panic["error"]["code"], -32603, "{panic:#}");
    let unknown = editor.request("faultline/nothing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let still = editor.request("textDocument/hover", at(&doc, 0, 0));
    assert!(still.get("error").is_none(), "{still:#}");
    assert!(editor.shutdown().success());
}

#[test]
fn a_change_to_the_gazetteer_updates_open_events() {
    let dir = tempfile::tempdir().unwrap();
    copy_into(&fixtures().join("base"), dir.path());
    let root = dir.path().canonicalize().unwrap();
    let event = root.join("events/2021/2021-11-16-example.toml");
    let places = root.join("places.toml");
    let mut editor = Editor::start(&root, json!({"today": TODAY, "debounceMs": 0}));
    editor.open(&event, &std::fs::read_to_string(&event).unwrap());
    assert_eq!(editor.diagnostics(&uri(&event)), json!([]));
    let gazetteer = std::fs::read_to_string(&places).unwrap();
    editor.open(
        &places,
        &gazetteer.replace("id = \"example-place\"", "id = \"renamed-place\""),
    );
    let diags = editor.diagnostics(&uri(&event));
    assert_eq!(diags[0]["code"], "dangling-reference", "{diags:#}");
    // The file on disk changes and the editor says so: the event is linted again.
    editor.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri(&places)}}),
    );
    assert_eq!(editor.diagnostics(&uri(&event)), json!([]));
    assert!(editor.shutdown().success());
}

/// The base fixture with 150 more places (`extra-place-000` …), more than one answer carries.
fn many_places() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    copy_into(&fixtures().join("base"), dir.path());
    let root = dir.path().canonicalize().unwrap();
    let places = root.join("places.toml");
    let gazetteer = std::fs::read_to_string(&places).unwrap();
    let mut more = gazetteer.clone();
    for i in 0..150 {
        more.push('\n');
        more.push_str(
            &gazetteer
                .replace("example-place", &format!("extra-place-{i:03}"))
                .replace("Example Lake", &format!("Extra Lake {i}")),
        );
    }
    std::fs::write(&places, more).unwrap();
    (dir, root)
}

fn labels(completion: &Value) -> Vec<&str> {
    completion["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect()
}

#[test]
fn completion_filters_ids_by_what_is_typed_and_gives_the_edit_range_once() {
    let (_dir, root) = many_places();
    let event = root.join("events/2021/2021-11-16-example.toml");
    let doc = uri(&event);
    let saved = std::fs::read_to_string(&event).unwrap();
    let mut editor = Editor::start_with(
        &root,
        json!({"today": TODAY, "debounceMs": 0}),
        json!({"textDocument": {"completion": {"completionList": {"itemDefaults": ["editRange", "data"]}}}}),
    );
    let mut version = 1;
    let mut complete = |editor: &mut Editor, text: &str, needle: &str, shift: u32| {
        version += 1;
        editor.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc, "version": version}, "contentChanges": [{"text": text}]}),
        );
        let (l, c) = find(text, needle, shift);
        editor.request("textDocument/completion", at(&doc, l, c))
    };
    editor.open(&event, &saved);

    // Just after the opening quote: every id matches, cut at 100, so the list is incomplete;
    // the range each item replaces is given once for the list.
    let empty = saved.replace("place = \"example-place\"", "place = \"\"");
    let all = complete(&mut editor, &empty, "place = \"\"", 9);
    let result = &all["result"];
    assert_eq!(result["isIncomplete"], true, "{result:#}");
    let items = result["items"].as_array().unwrap();
    assert_eq!(items.len(), 100);
    assert_eq!(items[0]["label"], "example-place");
    assert_eq!(items[1]["label"], "extra-place-000");
    assert!(
        items
            .iter()
            .all(|i| i.get("textEdit").is_none() && i.get("textEditText").is_none())
    );
    let (l, _) = find(&empty, "place = \"\"", 0);
    assert_eq!(
        result["itemDefaults"]["editRange"],
        json!({"start": {"line": l, "character": 9}, "end": {"line": l, "character": 9}})
    );

    // Letters typed: only the ids holding them, in order (the best matches first).
    let typed = saved.replace("place = \"example-place\"", "place = \"examp\"");
    let one = complete(&mut editor, &typed, "place = \"examp", 14);
    assert_eq!(one["result"]["isIncomplete"], true);
    settings(&root)
        .bind(|| insta::assert_json_snapshot!("server_completion_item_defaults", one["result"]));
    let typed = saved.replace("place = \"example-place\"", "place = \"place-14\"");
    let some = complete(&mut editor, &typed, "place = \"place-14", 17);
    assert_eq!(some["result"]["isIncomplete"], true);
    let expected: Vec<String> = (140..150).map(|i| format!("extra-place-{i:03}")).collect();
    assert_eq!(labels(&some)[..10], expected);
    assert!(!labels(&some).contains(&"example-place"));

    // Outside a string the value is quoted: the item says what it inserts.
    let bare = saved.replace("place = \"example-place\"", "place = examp");
    let quoted = complete(&mut editor, &bare, "place = examp", 13);
    assert_eq!(labels(&quoted), ["example-place"]);
    assert_eq!(
        quoted["result"]["items"][0]["textEditText"],
        "\"example-place\""
    );

    // The kept ids follow a change of the gazetteer.
    let places = root.join("places.toml");
    let gazetteer = std::fs::read_to_string(&places).unwrap();
    editor.open(
        &places,
        &gazetteer.replacen("id = \"example-place\"", "id = \"zz-new-place\"", 1),
    );
    let typed = saved.replace("place = \"example-place\"", "place = \"zz\"");
    let renamed = complete(&mut editor, &typed, "place = \"zz", 11);
    assert_eq!(labels(&renamed), ["zz-new-place"]);
    assert_eq!(renamed["result"]["isIncomplete"], true);
    // The old id is no longer offered.
    let typed = saved.replace("place = \"example-place\"", "place = \"examp\"");
    let gone = complete(&mut editor, &typed, "place = \"examp", 14);
    assert_eq!(labels(&gone), Vec::<&str>::new());

    // ... a change of actors.toml on disk (told by the editor's file watcher) ...
    let typed = saved.replace("actor = \"example-other\"", "actor = \"example-\"");
    let before = complete(&mut editor, &typed, "actor = \"example-", 17);
    assert_eq!(
        labels(&before),
        ["example-actor", "example-other", "example-party"]
    );
    let actors = root.join("actors.toml");
    let registry = std::fs::read_to_string(&actors).unwrap();
    let registry = registry
        .replacen("id = \"example-other\"", "id = \"example-newcomer\"", 1)
        .replace(
            "against = \"example-other\"",
            "against = \"example-newcomer\"",
        );
    std::fs::write(&actors, registry).unwrap();
    editor.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&actors), "type": 2}]}),
    );
    let after = complete(&mut editor, &typed, "actor = \"example-", 17);
    assert_eq!(
        labels(&after),
        ["example-actor", "example-newcomer", "example-party"]
    );

    // ... a source added, another deleted ...
    let sources = root.join("sources");
    let source = std::fs::read_to_string(sources.join("example-source.toml")).unwrap();
    std::fs::write(
        sources.join("example-later.toml"),
        source.replace("id = \"example-source\"", "id = \"example-later\""),
    )
    .unwrap();
    std::fs::remove_file(sources.join("example-source.toml")).unwrap();
    editor.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&sources.join("example-later.toml")), "type": 1},
                           {"uri": uri(&sources.join("example-source.toml")), "type": 3}]}),
    );
    let typed = saved.replace("sources = [\"example-source\"]", "sources = [\"ex\"]");
    let offered = complete(&mut editor, &typed, "sources = [\"ex", 14);
    assert_eq!(labels(&offered), ["example-later"]);

    // ... and event ids a change of an event.
    let related = saved.replace("[date]", "related = [{ event = \"2021\" }]\n\n[date]");
    let events = complete(&mut editor, &related, "event = \"2021", 13);
    assert_eq!(labels(&events), ["2021-11-16-example"]);
    let renamed = related.replace("id = \"2021-11-16-example\"", "id = \"2021-11-16-renamed\"");
    let events = complete(&mut editor, &renamed, "event = \"2021", 13);
    assert_eq!(labels(&events), ["2021-11-16-renamed"]);
    assert!(editor.shutdown().success());
}

#[test]
fn completion_falls_back_to_an_edit_per_item_without_item_defaults() {
    let (_dir, root) = many_places();
    let event = root.join("events/2021/2021-11-16-example.toml");
    let doc = uri(&event);
    let saved = std::fs::read_to_string(&event).unwrap();
    // An editor that knows item defaults, but not of the edit range.
    let mut editor = Editor::start_with(
        &root,
        json!({"today": TODAY, "debounceMs": 0}),
        json!({"textDocument": {"completion": {"completionList": {"itemDefaults": ["data"]}}}}),
    );
    let text = saved.replace("place = \"example-place\"", "place = \"ext\"");
    editor.open(&event, &text);
    let (l, c) = find(&text, "place = \"ext", 12);
    let completion = editor.request("textDocument/completion", at(&doc, l, c));
    let result = &completion["result"];
    assert!(result.get("itemDefaults").is_none(), "{result:#}");
    assert_eq!(result["isIncomplete"], true);
    let items = result["items"].as_array().unwrap();
    assert_eq!(items.len(), 100);
    assert_eq!(items[0]["label"], "extra-place-000");
    let range = json!({"start": {"line": l, "character": 9}, "end": {"line": l, "character": 12}});
    for item in items {
        assert_eq!(item["textEdit"]["range"], range, "{item:#}");
        assert_eq!(item["textEdit"]["newText"], item["label"]);
        assert!(item.get("textEditText").is_none());
    }
    assert!(editor.shutdown().success());
}

/// The findings of `faultline lint --format json` in the case folder, keyed as the server's.
fn lint_json(dir: &Path) -> BTreeSet<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_faultline"))
        .args(["lint", "--format", "json", "--today", TODAY, "."])
        .current_dir(dir)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}-{}:{} {}[{}] {}",
                d["file"].as_str().unwrap().trim_start_matches("./"),
                d["line"],
                d["column"],
                d["end_line"],
                d["end_column"],
                d["severity"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn the_server_agrees_with_lint_on_every_fixture() {
    let mut cases = Vec::new();
    for rule in std::fs::read_dir(fixtures()).unwrap() {
        let rule = rule.unwrap().path();
        if rule.file_name().unwrap() == "base" {
            continue;
        }
        for case in std::fs::read_dir(&rule).unwrap() {
            cases.push(case.unwrap().path());
        }
    }
    cases.sort();
    assert!(cases.len() > 50);
    let top = tempfile::tempdir().unwrap();
    let mut expected = BTreeSet::new();
    let mut opened = Vec::new();
    let mut editor = None;
    for (i, case) in cases.iter().enumerate() {
        let dir = top
            .path()
            .canonicalize()
            .unwrap()
            .join(format!("case{i:03}"));
        std::fs::create_dir_all(&dir).unwrap();
        copy_into(&fixtures().join("base"), &dir);
        copy_into(case, &dir);
        let editor = editor
            .get_or_insert_with(|| Editor::start(&dir, json!({"today": TODAY, "debounceMs": 0})));
        let walk = faultline_dataset::walk(&dir).unwrap();
        let mut files = BTreeSet::new();
        for f in walk.flatten() {
            let rel = f
                .path
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            // LSP carries text as UTF-8: a file that is not UTF-8 cannot be sent as it is,
            // and is left out of the comparison.
            let Ok(text) = String::from_utf8(std::fs::read(&f.path).unwrap()) else {
                continue;
            };
            editor.open(&f.path, &text);
            opened.push((uri(&f.path), format!("case{i:03}/{rel}")));
            files.insert(rel);
        }
        for line in lint_json(&dir) {
            let file = line.split(':').next().unwrap();
            if files.contains(file) {
                expected.insert(format!("case{i:03}/{line}"));
            }
        }
    }
    let mut editor = editor.unwrap();
    let mut last = std::collections::HashMap::new();
    for m in editor.drain(Duration::from_secs(3)) {
        if m["method"] == "textDocument/publishDiagnostics" {
            last.insert(
                m["params"]["uri"].as_str().unwrap().to_owned(),
                m["params"]["diagnostics"].clone(),
            );
        }
    }
    let mut got = BTreeSet::new();
    for (u, name) in &opened {
        for d in last.get(u).and_then(Value::as_array).into_iter().flatten() {
            let r = &d["range"];
            let severity = match d["severity"].as_i64().unwrap() {
                1 => "error",
                2 => "warning",
                _ => "info",
            };
            got.insert(format!(
                "{name}:{}:{}-{}:{} {severity}[{}] {}",
                r["start"]["line"].as_u64().unwrap() + 1,
                r["start"]["character"].as_u64().unwrap() + 1,
                r["end"]["line"].as_u64().unwrap() + 1,
                r["end"]["character"].as_u64().unwrap() + 1,
                d["code"].as_str().unwrap(),
                d["message"]
                    .as_str()
                    .unwrap()
                    .split("\nhelp: ")
                    .next()
                    .unwrap()
            ));
        }
    }
    assert!(expected.len() > 50, "{}", expected.len());
    let missing: Vec<_> = expected.difference(&got).collect();
    let extra: Vec<_> = got.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing from the server: {missing:#?}\nonly the server: {extra:#?}"
    );
    assert!(editor.shutdown().success());
}
