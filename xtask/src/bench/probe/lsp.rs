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
}

fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
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
    send(json!({"jsonrpc": "2.0", "id": 0, "method": "initialize",
                "params": {"processId": null, "rootUri": file_uri(&data), "capabilities": {}}}))?;
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
    // Completion of a place id: a new `[[places]]` table at the end of the text.
    let with_place = format!("{text}\n[[places]]\nplace = \"\"\n");
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": args.edits + 1}, "contentChanges": [{"text": with_place}]}}),
    )?;
    wait(&is_diag)?;
    let line = with_place.lines().count() - 1;
    let mut completion = Vec::new();
    let mut items = 0;
    for i in 0..args.edits {
        let id = 1000 + i;
        let t = Instant::now();
        send(
            json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/completion", "params": {
            "textDocument": {"uri": uri}, "position": {"line": line, "character": 9}}}),
        )?;
        let r = wait(&|m| m["id"] == id)?;
        completion.push(t.elapsed().as_secs_f64() * 1000.0);
        items = r["result"].as_array().map_or(0, Vec::len);
    }
    send(json!({"jsonrpc": "2.0", "id": 9, "method": "shutdown", "params": null}))?;
    wait(&|m| m["id"] == 9)?;
    send(json!({"jsonrpc": "2.0", "method": "exit", "params": null}))?;
    let _ = child.wait();
    let out = json!({"files": files, "load_and_first_diagnostics_s": load,
                     "diagnostics_after_edit": summary(diagnostics),
                     "completion": summary(completion), "completion_items": items});
    #[allow(clippy::print_stdout)]
    {
        println!("{out}");
    }
    Ok(())
}
