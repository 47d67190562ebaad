//! The message loop: requests answered in order, changes linted after a short pause (a burst
//! of keystrokes is linted once), a panic in a handler caught and answered with an error.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{self as n, Notification as _};
use lsp_types::request::{self as r, Request as _};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, HoverProviderCapability, InitializeParams,
    InitializeResult, LogMessageParams, MessageType, OneOf, PublishDiagnosticsParams,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::ServerError;
use crate::handlers;
use crate::session::{Session, Settings, normal_path};
use crate::uri;

/// What the server can do, as told to the editor.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), "(".into(), ",".into(), " ".into()]),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// Runs the server on standard input and output until the editor says `exit`.
pub fn run_stdio() -> Result<(), ServerError> {
    let (connection, io) = Connection::stdio();
    run(&connection)?;
    drop(connection);
    io.join()?;
    Ok(())
}

/// Runs the server on `connection` until the editor says `exit`.
pub fn run(connection: &Connection) -> Result<(), ServerError> {
    let (id, params) = connection.initialize_start()?;
    let result = InitializeResult {
        capabilities: capabilities(),
        server_info: Some(ServerInfo {
            name: "faultline".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let mut session = Session::default();
    if let Some(options) = params.initialization_options {
        match serde_json::from_value::<Settings>(options) {
            Ok(s) => session.settings = s,
            Err(e) => session
                .log
                .push(format!("initializationOptions ignored: {e}")),
        }
    }
    session.edit_range_default = params
        .capabilities
        .text_document
        .as_ref()
        .and_then(|t| t.completion.as_ref())
        .and_then(|c| c.completion_list.as_ref())
        .and_then(|l| l.item_defaults.as_ref())
        .is_some_and(|d| d.iter().any(|d| d == "editRange"));
    #[allow(deprecated)]
    let workspace = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone())
        .or(params.root_uri.clone());
    session.workspace = workspace
        .as_ref()
        .and_then(uri::to_path)
        .and_then(|p| p.canonicalize().ok());
    Loop {
        connection,
        session,
        dirty: BTreeSet::new(),
        due: None,
    }
    .run()
}

struct Loop<'c> {
    connection: &'c Connection,
    session: Session,
    /// Datasets to lint again, and when.
    dirty: BTreeSet<PathBuf>,
    due: Option<Instant>,
}

impl Loop<'_> {
    fn debounce(&self) -> Duration {
        Duration::from_millis(self.session.settings.debounce_ms.unwrap_or(15))
    }

    fn run(mut self) -> Result<(), ServerError> {
        loop {
            self.flush_log()?;
            let message = match self.due {
                Some(due) => {
                    let wait = due.saturating_duration_since(Instant::now());
                    match self.connection.receiver.recv_timeout(wait) {
                        Ok(m) => Some(m),
                        Err(e) if e.is_timeout() => None,
                        Err(_) => return Ok(()),
                    }
                }
                None => match self.connection.receiver.recv() {
                    Ok(m) => Some(m),
                    Err(_) => return Ok(()),
                },
            };
            let Some(message) = message else {
                self.lint_dirty()?;
                continue;
            };
            match message {
                Message::Request(req) => {
                    if self.connection.handle_shutdown(&req)? {
                        return Ok(());
                    }
                    let response = self.request(req);
                    self.connection
                        .sender
                        .send(Message::Response(response))
                        .ok();
                }
                Message::Notification(note) => self.notification(note),
                Message::Response(_) => {}
            }
        }
    }

    fn flush_log(&mut self) -> Result<(), ServerError> {
        for message in std::mem::take(&mut self.session.log) {
            let params = LogMessageParams {
                typ: MessageType::WARNING,
                message,
            };
            self.send(n::LogMessage::METHOD, params)?;
        }
        Ok(())
    }

    fn send(&self, method: &str, params: impl Serialize) -> Result<(), ServerError> {
        let note = Notification::new(method.to_owned(), params);
        self.connection
            .sender
            .send(Message::Notification(note))
            .ok();
        Ok(())
    }

    fn mark(&mut self, root: Option<PathBuf>, now: bool) {
        if let Some(root) = root {
            self.dirty.insert(root);
            let due = Instant::now() + if now { Duration::ZERO } else { self.debounce() };
            self.due = Some(self.due.map_or(due, |d| d.min(due)));
        }
    }

    fn lint_dirty(&mut self) -> Result<(), ServerError> {
        self.due = None;
        for root in std::mem::take(&mut self.dirty) {
            let session = &mut self.session;
            let published = catch_unwind(AssertUnwindSafe(|| session.lint(&root)));
            match published {
                Ok(list) => {
                    for (uri, diagnostics) in list {
                        let params = PublishDiagnosticsParams::new(uri, diagnostics, None);
                        self.send(n::PublishDiagnostics::METHOD, params)?;
                    }
                }
                Err(panic) => self.session.log.push(format!(
                    "linting {} failed: {}",
                    root.display(),
                    panic_message(&panic)
                )),
            }
        }
        Ok(())
    }

    fn notification(&mut self, note: Notification) {
        let session = &mut self.session;
        let result = catch_unwind(AssertUnwindSafe(|| -> Option<(Option<PathBuf>, bool)> {
            match note.method.as_str() {
                n::DidOpenTextDocument::METHOD => {
                    let p: lsp_types::DidOpenTextDocumentParams = params(note.params)?;
                    let path = normal_path(&uri::to_path(&p.text_document.uri)?);
                    let root = session.set_text(
                        p.text_document.uri,
                        path,
                        Arc::from(p.text_document.text),
                    );
                    Some((root, true))
                }
                n::DidChangeTextDocument::METHOD => {
                    let p: lsp_types::DidChangeTextDocumentParams = params(note.params)?;
                    let path = normal_path(&uri::to_path(&p.text_document.uri)?);
                    // Full synchronisation: the last change holds the whole text.
                    let text = p.content_changes.into_iter().last()?.text;
                    Some((
                        session.set_text(p.text_document.uri, path, Arc::from(text)),
                        false,
                    ))
                }
                n::DidSaveTextDocument::METHOD => {
                    let p: lsp_types::DidSaveTextDocumentParams = params(note.params)?;
                    let path = normal_path(&uri::to_path(&p.text_document.uri)?);
                    let root = session.docs.get(&path)?.root.clone();
                    Some((root, true))
                }
                n::DidCloseTextDocument::METHOD => {
                    let p: lsp_types::DidCloseTextDocumentParams = params(note.params)?;
                    let path = normal_path(&uri::to_path(&p.text_document.uri)?);
                    Some((session.close(&path), true))
                }
                n::DidChangeWatchedFiles::METHOD => {
                    let p: lsp_types::DidChangeWatchedFilesParams = params(note.params)?;
                    let mut root = None;
                    for change in p.changes {
                        if let Some(path) = uri::to_path(&change.uri) {
                            root = session.file_changed(&normal_path(&path)).or(root);
                        }
                    }
                    Some((root, true))
                }
                _ => None,
            }
        }));
        match result {
            Ok(Some((root, now))) => self.mark(root, now),
            Ok(None) => {}
            Err(panic) => {
                self.session
                    .log
                    .push(format!("{} failed: {}", note.method, panic_message(&panic)))
            }
        }
    }

    fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        let method = req.method.clone();
        let session = &self.session;
        let result = catch_unwind(AssertUnwindSafe(|| dispatch(session, req)));
        match result {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
            Err(panic) => {
                let message = format!("{method} failed: {}", panic_message(&panic));
                self.session.log.push(message.clone());
                Response::new_err(id, ErrorCode::InternalError as i32, message)
            }
        }
    }
}

fn params<P: DeserializeOwned>(value: serde_json::Value) -> Option<P> {
    serde_json::from_value(value).ok()
}

type Answer = Result<serde_json::Value, (ErrorCode, String)>;

fn answer<P: DeserializeOwned, R: Serialize>(req: Request, f: impl FnOnce(&P) -> R) -> Answer {
    let p: P = serde_json::from_value(req.params)
        .map_err(|e| (ErrorCode::InvalidParams, e.to_string()))?;
    serde_json::to_value(f(&p)).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

fn dispatch(session: &Session, req: Request) -> Answer {
    match req.method.as_str() {
        // Serialised from borrowed data straight into the response's value.
        r::Completion::METHOD => {
            let p: lsp_types::CompletionParams = serde_json::from_value(req.params)
                .map_err(|e| (ErrorCode::InvalidParams, e.to_string()))?;
            Ok(handlers::completion::complete(session, &p))
        }
        r::HoverRequest::METHOD => answer(req, |p| handlers::hover::hover(session, p)),
        r::GotoDefinition::METHOD => answer(req, |p| handlers::navigation::definition(session, p)),
        r::References::METHOD => answer(req, |p| handlers::navigation::references(session, p)),
        r::CodeActionRequest::METHOD => answer(req, |p| handlers::actions::actions(session, p)),
        r::Formatting::METHOD => answer(req, |p| handlers::formatting::format(session, p)),
        // A request no handler knows; `faultline/panic` exists to test that a panic is caught.
        "faultline/panic" if session.settings.test_panic == Some(true) => {
            panic!("a test asked for a panic")
        }
        other => Err((
            ErrorCode::MethodNotFound,
            format!("unknown request {other}"),
        )),
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_owned())
}
