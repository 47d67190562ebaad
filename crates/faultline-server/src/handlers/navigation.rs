//! Go to definition and find references.

use lsp_types::{GotoDefinitionParams, GotoDefinitionResponse, Location, ReferenceParams};

use super::At;
use crate::session::Session;

/// From a reference to the record it names.
pub(crate) fn definition(
    session: &Session,
    params: &GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let p = &params.text_document_position_params;
    let at = At::new(session, &p.text_document.uri, p.position)?;
    let (target, id) = at.reference()?;
    let root = at.root.as_ref()?;
    super::definition(session, root, target, &id).map(GotoDefinitionResponse::Scalar)
}

/// From a record (its id, or any reference to it) to every record that uses it.
pub(crate) fn references(session: &Session, params: &ReferenceParams) -> Option<Vec<Location>> {
    let p = &params.text_document_position;
    let at = At::new(session, &p.text_document.uri, p.position)?;
    let (_, id) = at.reference().or_else(|| at.defined_id())?;
    let root = at.root.as_ref()?;
    Some(super::references(
        session,
        root,
        &id,
        params.context.include_declaration,
    ))
}
