//! What can stop the server.

/// The server could not run (the connection failed).
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The protocol was broken (a message before `initialize`, a closed channel).
    #[error("language server protocol error: {0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    /// Reading or writing standard input or output failed.
    #[error("standard input or output failed: {0}")]
    Io(#[from] std::io::Error),
    /// A message could not be serialised.
    #[error("cannot write a message: {0}")]
    Json(#[from] serde_json::Error),
}
