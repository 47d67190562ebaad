//! `textDocument/formatting`: the buffer through `faultline fmt`'s layout.

use faultline_dataset::{FileRole, classify};
use faultline_fmt::RecordFile;
use lsp_types::{DocumentFormattingParams, TextEdit};

use crate::session::{Session, normal_path};
use crate::{text, uri};

/// The edit that makes the buffer canonical: none when it already is, or when it cannot be
/// formatted (it does not parse, or formatting would change a value or lose a comment).
pub(crate) fn format(
    session: &Session,
    params: &DocumentFormattingParams,
) -> Option<Vec<TextEdit>> {
    let path = normal_path(&uri::to_path(&params.text_document.uri)?);
    let doc = session.docs.get(&path)?;
    let root = doc.root.as_ref()?;
    let kind = match classify(path.strip_prefix(root).ok()?)? {
        FileRole::Event => RecordFile::Event,
        FileRole::Source => RecordFile::Source,
        FileRole::Places => RecordFile::Places,
        FileRole::Actors => RecordFile::Actors,
        _ => return None,
    };
    let formatted = faultline_fmt::format_record(&doc.text, kind).ok()?;
    if formatted == *doc.text {
        return Some(Vec::new());
    }
    Some(vec![TextEdit::new(
        text::range(&doc.text, 0, doc.text.len()),
        formatted,
    )])
}
