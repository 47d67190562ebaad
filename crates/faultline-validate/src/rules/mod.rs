//! The rules, one per file, grouped by area.

use faultline_dataset::Origin;

pub(crate) mod casualties;
pub(crate) mod dates;
pub(crate) mod quotes;
pub(crate) mod records;
pub(crate) mod refs;
pub(crate) mod sources;
pub(crate) mod suppressions;

/// Where to report a field that a record lacks: the record's own table in a registry file
/// (`[[place]]`), else — a whole-file record has no header — its `id`.
pub(crate) fn absent_field(origin: &Origin) -> &'static str {
    if origin.pointer.is_empty() { "/id" } else { "" }
}
