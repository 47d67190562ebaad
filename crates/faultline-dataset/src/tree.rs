//! A small owned tree of spans, built from a TOML or JSON document, that maps a JSON pointer
//! (`/casualties/0/count`) to the byte ranges of the key and the value it names.

use toml::de::{DeTable, DeValue};

use crate::span::Span;

/// The deepest a JSON document is walked; serde_json refuses deeper documents anyway.
const MAX_JSON_DEPTH: usize = 256;

/// A node of the span tree.
#[derive(Debug, Clone)]
pub struct SpanNode {
    /// The value's range (for a TOML table: its `[header]`).
    pub span: Span,
    /// What the node holds.
    pub kind: NodeKind,
}

/// The shape of a node.
#[derive(Debug, Clone)]
pub enum NodeKind {
    /// A table or object: keys in document order with their spans.
    Table(Vec<(String, Span, SpanNode)>),
    /// An array.
    Array(Vec<SpanNode>),
    /// A string, number, boolean, date or null.
    Scalar,
}

/// Where a pointer leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    /// The span of the last key on the way, when the last step was a key.
    pub key: Option<Span>,
    /// The span of the value reached.
    pub value: Span,
    /// Whether the whole pointer was followed; `false` means the value is the deepest parent
    /// that exists (e.g. the table a missing field belongs in).
    pub exact: bool,
}

/// Splits a JSON pointer into its unescaped segments.
pub fn pointer_segments(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
}

/// Appends one segment to a JSON pointer, escaping it.
pub fn push_segment(pointer: &mut String, segment: &str) {
    pointer.push('/');
    pointer.push_str(&segment.replace('~', "~0").replace('/', "~1"));
}

impl SpanNode {
    /// Builds the tree of a parsed TOML document.
    pub fn from_toml(root: &DeTable<'_>, root_span: Span) -> Self {
        Self {
            span: root_span,
            kind: table_kind(root),
        }
    }

    /// Builds the tree of a JSON text, every span shifted by `offset` (for a line of a JSON
    /// Lines file). `None` when the text is not valid JSON.
    pub fn from_json(text: &str, offset: usize) -> Option<Self> {
        let mut p = JsonScanner {
            bytes: text.as_bytes(),
            pos: 0,
            offset,
        };
        let node = p.value(0)?;
        p.skip_ws();
        (p.pos == p.bytes.len()).then_some(node)
    }

    /// Follows `pointer` as far as it leads.
    pub fn lookup(&self, pointer: &str) -> Located {
        let mut node = self;
        let mut key = None;
        for segment in pointer_segments(pointer) {
            let next = match &node.kind {
                NodeKind::Table(entries) => entries
                    .iter()
                    .find(|(k, _, _)| *k == segment)
                    .map(|(_, k, v)| (Some(*k), v)),
                NodeKind::Array(items) => segment
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i))
                    .map(|v| (None, v)),
                NodeKind::Scalar => None,
            };
            match next {
                Some((k, v)) => {
                    key = k;
                    node = v;
                }
                None => {
                    return Located {
                        key,
                        value: node.span,
                        exact: false,
                    };
                }
            }
        }
        Located {
            key,
            value: node.span,
            exact: true,
        }
    }
}

fn table_kind(table: &DeTable<'_>) -> NodeKind {
    let mut entries: Vec<(String, Span, SpanNode)> = table
        .iter()
        .map(|(k, v)| (k.get_ref().to_string(), Span::from(k.span()), toml_node(v)))
        .collect();
    entries.sort_by_key(|(_, k, _)| *k);
    NodeKind::Table(entries)
}

fn toml_node(value: &toml::Spanned<DeValue<'_>>) -> SpanNode {
    let kind = match value.get_ref() {
        DeValue::Table(t) => table_kind(t),
        DeValue::Array(a) => NodeKind::Array(a.iter().map(toml_node).collect()),
        _ => NodeKind::Scalar,
    };
    SpanNode {
        span: Span::from(value.span()),
        kind,
    }
}

/// A minimal JSON reader that records spans; it trusts nothing and never panics.
struct JsonScanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    offset: usize,
}

impl JsonScanner<'_> {
    fn skip_ws(&mut self) {
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.pos += 1;
        }
    }

    fn span(&self, start: usize) -> Span {
        Span::new(start + self.offset, self.pos + self.offset)
    }

    fn value(&mut self, depth: usize) -> Option<SpanNode> {
        if depth > MAX_JSON_DEPTH {
            return None;
        }
        self.skip_ws();
        let start = self.pos;
        match *self.bytes.get(self.pos)? {
            b'{' => {
                self.pos += 1;
                let mut entries = Vec::new();
                self.skip_ws();
                if self.bytes.get(self.pos) == Some(&b'}') {
                    self.pos += 1;
                } else {
                    loop {
                        self.skip_ws();
                        let key_start = self.pos;
                        let key = self.string()?;
                        let key_span = self.span(key_start);
                        self.skip_ws();
                        (self.bytes.get(self.pos) == Some(&b':')).then_some(())?;
                        self.pos += 1;
                        let v = self.value(depth + 1)?;
                        entries.push((key, key_span, v));
                        self.skip_ws();
                        match self.bytes.get(self.pos)? {
                            b',' => self.pos += 1,
                            b'}' => {
                                self.pos += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                Some(SpanNode {
                    span: self.span(start),
                    kind: NodeKind::Table(entries),
                })
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                self.skip_ws();
                if self.bytes.get(self.pos) == Some(&b']') {
                    self.pos += 1;
                } else {
                    loop {
                        items.push(self.value(depth + 1)?);
                        self.skip_ws();
                        match self.bytes.get(self.pos)? {
                            b',' => self.pos += 1,
                            b']' => {
                                self.pos += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                Some(SpanNode {
                    span: self.span(start),
                    kind: NodeKind::Array(items),
                })
            }
            b'"' => {
                self.string()?;
                Some(SpanNode {
                    span: self.span(start),
                    kind: NodeKind::Scalar,
                })
            }
            _ => {
                while self
                    .bytes
                    .get(self.pos)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.'))
                {
                    self.pos += 1;
                }
                (self.pos > start).then(|| SpanNode {
                    span: self.span(start),
                    kind: NodeKind::Scalar,
                })
            }
        }
    }

    /// Reads a string literal and returns its unescaped text (escapes other than `\"`, `\\`
    /// and `\/` are kept verbatim: keys that need them are not ours).
    fn string(&mut self) -> Option<String> {
        (self.bytes.get(self.pos) == Some(&b'"')).then_some(())?;
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            let b = *self.bytes.get(self.pos)?;
            self.pos += 1;
            match b {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let e = *self.bytes.get(self.pos)?;
                    self.pos += 1;
                    match e {
                        b'"' | b'\\' | b'/' => out.push(e),
                        _ => out.extend_from_slice(&[b'\\', e]),
                    }
                }
                _ => out.push(b),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_lookup_finds_keys_values_and_parents() {
        let src = "id = \"x\"\n\n[date]\nstart = 2021-11-16\n\n[[claims]]\nq = \"a\"\n";
        let doc = DeTable::parse(src).unwrap();
        let tree = SpanNode::from_toml(doc.get_ref(), Span::at(0));
        let at = |p: &str| tree.lookup(p);
        let start = at("/date/start");
        assert_eq!(&src[start.value.range()], "2021-11-16");
        assert_eq!(&src[start.key.unwrap().range()], "start");
        assert!(start.exact);
        let missing = at("/date/end");
        assert!(!missing.exact);
        assert_eq!(&src[missing.value.range()], "[date]");
        assert_eq!(&src[at("/claims/0/q").value.range()], "\"a\"");
        assert_eq!(&src[at("/claims/0").value.range()], "[[claims]]");
    }

    #[test]
    fn json_lookup_with_offset() {
        let line = r#"{"id": "x", "casualties": [{"count": -1, "a\"b": [1, 2.5e3, null]}]}"#;
        let tree = SpanNode::from_json(line, 100).unwrap();
        let count = tree.lookup("/casualties/0/count");
        assert_eq!(&line[count.value.start - 100..count.value.end - 100], "-1");
        let esc = tree.lookup("/casualties/0/a\"b/1");
        assert_eq!(&line[esc.value.start - 100..esc.value.end - 100], "2.5e3");
        assert!(SpanNode::from_json("{\"a\": }", 0).is_none());
        assert!(SpanNode::from_json(&"[".repeat(100_000), 0).is_none());
    }

    #[test]
    fn pointer_escaping_round_trips() {
        let mut p = String::new();
        push_segment(&mut p, "a/b");
        push_segment(&mut p, "c~d");
        assert_eq!(p, "/a~1b/c~0d");
        assert_eq!(pointer_segments(&p).collect::<Vec<_>>(), ["a/b", "c~d"]);
    }
}
