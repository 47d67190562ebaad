//! `bench lsp`: `faultline server` driven over stdio as an editor drives it, on a generated
//! dataset: the time from an edit of an event (`didChange`) to its diagnostics being
//! published (the server's debounce included), and the time a completion request takes.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Options of `bench lsp`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The `faultline` binary.
    #[arg(long)]
    faultline: PathBuf,
    /// The dataset directory.
    #[arg(long)]
    data: PathBuf,
    /// How many edits (and completions) to time.
    #[arg(long, default_value_t = 100)]
    edits: usize,
    /// Announce no client capabilities (as before 2026-12-03) instead of those VS Code
    /// announces for completion (`completionList.itemDefaults`, LSP 3.17).
    #[arg(long)]
    plain_client: bool,
}

/// What VS Code (1.9x) announces about completion: the list's item defaults among them.
fn vscode_capabilities() -> Value {
    json!({"textDocument": {"completion": {
        "completionItem": {"snippetSupport": true, "insertReplaceSupport": true,
                           "labelDetailsSupport": true},
        "contextSupport": true,
        "completionList": {"itemDefaults":
            ["commitCharacters", "editRange", "insertTextFormat", "insertTextMode", "data"]}}}})
}

fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

/// The first place id of the dataset's gazetteer (`id = "…"` in places.toml).
fn first_place_id(data: &std::path::Path) -> Result<String, String> {
    let path = data.join("places.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .find_map(|l| {
            let v = l
                .trim()
                .strip_prefix("id")?
                .trim_start()
                .strip_prefix('=')?;
            Some(v.trim().trim_matches('"').to_owned())
        })
        .ok_or_else(|| format!("{}: no place id", path.display()))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or(f64::NAN)
}

fn summary(mut ms: Vec<f64>) -> Value {
    ms.sort_by(f64::total_cmp);
    json!({"n": ms.len(), "p50_ms": percentile(&ms, 0.5), "p95_ms": percentile(&ms, 0.95),
           "max_ms": ms.last().copied().unwrap_or(f64::NAN)})
}

pub(crate) fn run(args: &Args) -> Result<(), String> {
    let data = args
        .data
        .canonicalize()
        .map_err(|e| format!("{}: {e}", args.data.display()))?;
    let event = faultline_dataset::walk(&data)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .find(|f| f.role == faultline_dataset::FileRole::Event)
        .ok_or("no event file")?
        .path;
    let text = std::fs::read_to_string(&event).map_err(|e| e.to_string())?;
    let files = faultline_dataset::walk(&data)
        .map_err(|e| e.to_string())?
        .count();
    let mut child = Command::new(&args.faultline)
        .arg("server")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", args.faultline.display()))?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let (tx, rx) = channel::<Value>();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        loop {
            let mut length = 0;
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
                    length = v.parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            if reader.read_exact(&mut body).is_err() {
                return;
            }
            if let Ok(v) = serde_json::from_slice(&body)
                && tx.send(v).is_err()
            {
                return;
            }
        }
    });
    let mut send = |m: Value| -> Result<(), String> {
        let body = m.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| stdin.flush())
            .map_err(|e| e.to_string())
    };
    let wait = |pred: &dyn Fn(&Value) -> bool| -> Result<Value, String> {
        loop {
            let m = rx
                .recv_timeout(Duration::from_secs(600))
                .map_err(|e| e.to_string())?;
            if pred(&m) {
                return Ok(m);
            }
        }
    };
    let uri = file_uri(&event);
    let started = Instant::now();
    let capabilities = if args.plain_client {
        json!({})
    } else {
        vscode_capabilities()
    };
    send(json!({"jsonrpc": "2.0", "id": 0, "method": "initialize",
                "params": {"processId": null, "rootUri": file_uri(&data),
                           "capabilities": capabilities}}))?;
    wait(&|m| m["id"] == 0)?;
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}))?;
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
        {"uri": uri, "languageId": "toml", "version": 0, "text": text}}}),
    )?;
    let is_diag = |m: &Value| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
    };
    wait(&is_diag)?;
    let load = started.elapsed().as_secs_f64();
    let mut diagnostics = Vec::new();
    for i in 0..args.edits {
        // Each edit adds a distinct comment line (a real change of text, same findings).
        let edited = format!("{text}# edit {i}\n");
        let t = Instant::now();
        send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": i + 1}, "contentChanges": [{"text": edited}]}}),
        )?;
        wait(&is_diag)?;
        diagnostics.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    // Completion of a place id: a new `[[places]]` table at the end of the text, first just
    // after the opening quote (what typing `"` asks: every id), then after two typed letters
    // of an id (what each further keystroke asks when the list was incomplete).
    let typed: String = first_place_id(&data)?.chars().take(2).collect();
    let mut completions = Vec::new();
    for (prefix, series) in [("", 0), (typed.as_str(), 1)] {
        let with_place = format!("{text}\n[[places]]\nplace = \"{}\"\n", prefix);
        send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": args.edits + 1 + series},
            "contentChanges": [{"text": with_place}]}}),
        )?;
        wait(&is_diag)?;
        let line = with_place.lines().count() - 1;
        let character = 9 + prefix.len();
        let mut times = Vec::new();
        let mut items = 0;
        let mut incomplete = false;
        for i in 0..args.edits {
            let id = 1000 + i + series * args.edits;
            let t = Instant::now();
            send(
                json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/completion", "params": {
                "textDocument": {"uri": uri}, "position": {"line": line, "character": character}}}),
            )?;
            let r = wait(&|m| m["id"] == id)?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            let result = &r["result"];
            items = result["items"]
                .as_array()
                .or(result.as_array())
                .map_or(0, Vec::len);
            incomplete = result["isIncomplete"].as_bool().unwrap_or(false);
        }
        completions.push((prefix.to_owned(), summary(times), items, incomplete));
    }
    // Completion as a keystroke asks it: sent right after the `didChange` of the letter
    // (typed, then deleted, in turn), timed from the change; a pause after each, as between
    // keystrokes, lets the debounced lint run between them.
    let mut keystroke = Vec::new();
    let short: String = typed.chars().take(1).collect();
    for i in 0..args.edits {
        let prefix = if i % 2 == 0 { &typed } else { &short };
        let with_place = format!("{text}\n[[places]]\nplace = \"{prefix}\"\n");
        let line = with_place.lines().count() - 1;
        let id = 1000 + 2 * args.edits + i;
        let t = Instant::now();
        send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": args.edits + 3 + i},
            "contentChanges": [{"text": with_place}]}}),
        )?;
        send(
            json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/completion", "params": {
            "textDocument": {"uri": uri},
            "position": {"line": line, "character": 9 + prefix.len()}}}),
        )?;
        wait(&|m| m["id"] == id)?;
        keystroke.push(t.elapsed().as_secs_f64() * 1000.0);
        std::thread::sleep(Duration::from_millis(100));
    }
    send(json!({"jsonrpc": "2.0", "id": 9, "method": "shutdown", "params": null}))?;
    wait(&|m| m["id"] == 9)?;
    send(json!({"jsonrpc": "2.0", "method": "exit", "params": null}))?;
    let _ = child.wait();
    let [
        (_, completion, items, incomplete),
        (typed, completion_typed, items_typed, _),
    ] = <[_; 2]>::try_from(completions).map_err(|_| "two completion series")?;
    let out = json!({"files": files, "client": if args.plain_client { "plain" } else { "vscode" },
                     "load_and_first_diagnostics_s": load,
                     "diagnostics_after_edit": summary(diagnostics),
                     "completion": completion, "completion_items": items,
                     "completion_incomplete": incomplete,
                     "completion_typed": completion_typed, "typed": typed,
                     "completion_typed_items": items_typed,
                     "completion_after_keystroke": summary(keystroke)});
    #[allow(clippy::print_stdout)]
    {
        println!("{out}");
    }
    Ok(())
}
