//! `annotations`: every claim and casualty figure as a [W3C Web Annotation] (JSON-LD) whose
//! target is its source, anchored the way Hypothesis anchors quotes: a `TextQuoteSelector`
//! (`exact`, and about 32 characters of `prefix` and `suffix` taken from the archived copy) and
//! a `TextPositionSelector` (`start`, `end`: positions in the archived copy, counted in Unicode
//! characters from 0). The target's `state` is a `TimeState` with the copy's capture date (and
//! its web-archive address as `cached`, when the record gives one): the selectors describe that
//! copy.
//!
//! The annotations form one `AnnotationCollection` with its items on one embedded page. A
//! quote that cannot be anchored — no archive given, a copy that does not match its record,
//! a quote not found in it — keeps a `TextQuoteSelector` with `exact` only: a reader can still
//! search for it, and no position is invented.
//!
//! The same anchors give the `quote_prefix` and `quote_suffix` columns of the `csv` figures
//! and of the `datapackage` claims and figures.
//!
//! [W3C Web Annotation]: https://www.w3.org/TR/annotation-model/

use faultline_dataset::archive::TextAnchor;
use faultline_model::{Casualty, Claim, Event, Source};
use serde_json::{Value, json};

use crate::error::ExportError;
use crate::records::{Index, Records};

/// How many characters of prefix and suffix a selector carries.
pub const CONTEXT_CHARS: usize = 32;

/// The anchor of `quote`, read in the source `source`, in that source's archived copy: when
/// the records carry an archive, the copy matches its record and the quote is found in it.
pub fn anchor(
    records: &Records,
    source: Option<&Source>,
    quote: Option<&str>,
) -> Option<TextAnchor> {
    let copy = records.archive.as_deref()?.verified(source?)?;
    let found = copy.find_quote(quote?).ok()?;
    Some(copy.anchor(found.span, CONTEXT_CHARS))
}

/// The `quote_prefix` and `quote_suffix` cells of a claim or figure (empty when the quote is
/// not anchored).
pub(crate) fn context_cells(
    records: &Records,
    index: &Index<'_>,
    source: Option<&str>,
    quote: Option<&str>,
) -> (String, String) {
    anchor(records, source.and_then(|s| index.source(s)), quote)
        .map(|a| (a.prefix, a.suffix))
        .unwrap_or_default()
}

/// Renders the collection of annotations (pretty-printed JSON-LD).
pub fn render(records: &Records) -> Result<Vec<u8>, ExportError> {
    let index = records.index();
    let mut items = Vec::new();
    for event in &records.events {
        for (i, c) in event.claims.iter().enumerate() {
            if let Some(a) = claim(records, &index, event, i, c) {
                items.push(a);
            }
        }
        for (i, c) in event.casualties.iter().enumerate() {
            if let Some(a) = figure(records, &index, event, i, c) {
                items.push(a);
            }
        }
    }
    let doc = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:faultline:annotations",
        "type": "AnnotationCollection",
        "label": "faultline: claims and casualty figures, anchored in their sources",
        "total": items.len(),
        "first": {
            "id": "urn:faultline:annotations:page:0",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    let mut bytes =
        serde_json::to_vec_pretty(&doc).map_err(|e| ExportError::Render(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn claim(
    records: &Records,
    index: &Index<'_>,
    event: &Event,
    i: usize,
    c: &Claim,
) -> Option<Value> {
    let source = c.source.as_ref()?;
    let mut text = format!(
        "{} {}",
        index.actor_name(c.claimant.as_str()),
        crate::csv::word(&c.kind)
    );
    if let Some(against) = &c.against {
        text.push(' ');
        text.push_str(&index.actor_name(against.as_str()));
    }
    let tag = crate::csv::word(&c.kind);
    Some(annotation(
        records,
        index,
        event,
        ("claims", i),
        (&text, &tag),
        source.as_str(),
        c.quote.as_deref(),
    ))
}

fn figure(
    records: &Records,
    index: &Index<'_>,
    event: &Event,
    i: usize,
    c: &Casualty,
) -> Option<Value> {
    let source = c.source.as_ref()?;
    let number = match c.figure() {
        Ok(f) if f.low == f.high => f.low.to_string(),
        Ok(f) => format!("{} to {}", f.low, f.high),
        Err(_) => "an unreadable figure of".to_owned(),
    };
    // "over 6000", as the quote says it: the qualifier is part of the figure.
    let number = match c.qualifier {
        Some(q) => format!("{} {number}", q.words()),
        None => number,
    };
    let claimant = c.claimant.as_ref().map_or_else(
        || "no named claimant".to_owned(),
        |a| index.actor_name(a.as_str()),
    );
    let text = format!(
        "{number} {} of {}, according to {claimant}",
        c.category.as_str(),
        index.actor_name(c.party.as_str())
    );
    Some(annotation(
        records,
        index,
        event,
        ("casualties", i),
        (&text, c.category.as_str()),
        source.as_str(),
        c.quote.as_deref(),
    ))
}

fn annotation(
    records: &Records,
    index: &Index<'_>,
    event: &Event,
    (list, i): (&str, usize),
    (text, tag): (&str, &str),
    source_id: &str,
    quote: Option<&str>,
) -> Value {
    let source = index.source(source_id);
    let iri = source.and_then(|s| s.url.as_ref()).map_or_else(
        || format!("urn:faultline:source:{source_id}"),
        |u| u.to_string(),
    );
    let mut target = json!({ "source": iri });
    if let Some(archive) = source.and_then(|s| s.archive.as_ref()) {
        let mut state = json!({
            "type": "TimeState",
            "sourceDate": format!("{}T00:00:00Z", archive.retrieved),
        });
        if let Some(url) = &archive.url {
            state["cached"] = json!(url.as_str());
        }
        target["state"] = state;
    }
    match (anchor(records, source, quote), quote) {
        (Some(a), _) => {
            target["selector"] = json!([
                {
                    "type": "TextQuoteSelector",
                    "exact": a.exact,
                    "prefix": a.prefix,
                    "suffix": a.suffix,
                },
                { "type": "TextPositionSelector", "start": a.start, "end": a.end },
            ]);
        }
        (None, Some(q)) => {
            target["selector"] = json!({ "type": "TextQuoteSelector", "exact": q });
        }
        (None, None) => {}
    }
    json!({
        "id": format!("urn:faultline:event:{}:{list}:{i}", event.id),
        "type": "Annotation",
        "motivation": "describing",
        "body": [
            {
                "type": "TextualBody",
                "purpose": "describing",
                "format": "text/plain",
                "value": format!("{text} (event {}, {})", event.id, event.date.start),
            },
            { "type": "TextualBody", "purpose": "tagging", "value": tag },
        ],
        "target": target,
    })
}
