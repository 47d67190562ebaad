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

/// Locates every pointer of `pointers` in the JSON text `text` in one walk, as
/// [`SpanNode::lookup`] on [`SpanNode::from_json`] would, without building the tree: the walk
/// descends only into the values on the pointers' way, skips the others, and stops as soon as
/// every pointer is located. Spans are shifted by `offset`. Meant for text known to be JSON (a
/// record that was loaded): values skipped are not checked. `None` when the text is not JSON
/// on the way.
pub fn locate_json(text: &str, offset: usize, pointers: &[&str]) -> Option<Vec<Located>> {
    let mut walk = JsonWalk {
        scanner: JsonScanner {
            bytes: text.as_bytes(),
            pos: 0,
            offset,
        },
        wants: pointers
            .iter()
            .map(|p| pointer_segments(p).collect())
            .collect(),
        found: vec![None; pointers.len()],
        left: pointers.len(),
    };
    let all: Vec<usize> = (0..pointers.len()).collect();
    if !all.is_empty() {
        walk.value(&all, 0, None, 0)?;
    }
    walk.found.into_iter().collect()
}

/// The state of [`locate_json`]: the segments of each pointer, what was found for it, and how
/// many are left.
struct JsonWalk<'a> {
    scanner: JsonScanner<'a>,
    wants: Vec<Vec<String>>,
    found: Vec<Option<Located>>,
    left: usize,
}

/// How walking one value ended.
enum Walked {
    /// At the end of the value.
    Value,
    /// Every pointer is located: the walk stops here.
    Done,
}

impl JsonWalk<'_> {
    fn settle(&mut self, i: usize, located: Located) {
        if self.found[i].is_none() {
            self.found[i] = Some(located);
            self.left -= 1;
        }
    }

    /// Walks the value at the scanner's position for the pointers `here`, which have
    /// `level` segments behind them; `key` is the span of the key that names the value.
    fn value(
        &mut self,
        here: &[usize],
        level: usize,
        key: Option<Span>,
        depth: usize,
    ) -> Option<Walked> {
        if depth > MAX_JSON_DEPTH {
            return None;
        }
        let s = &mut self.scanner;
        s.skip_ws();
        let start = s.pos;
        let deeper: Vec<usize> = here
            .iter()
            .copied()
            .filter(|&i| self.wants[i].len() > level)
            .collect();
        let mut descended: Vec<usize> = Vec::new();
        match *self.scanner.bytes.get(start)? {
            b'{' if !deeper.is_empty() => {
                self.scanner.pos += 1;
                self.scanner.skip_ws();
                if self.scanner.bytes.get(self.scanner.pos) == Some(&b'}') {
                    self.scanner.pos += 1;
                } else {
                    loop {
                        self.scanner.skip_ws();
                        let key_start = self.scanner.pos;
                        let name = self.scanner.key()?;
                        let key_span = self.scanner.span(key_start);
                        self.scanner.skip_ws();
                        (self.scanner.bytes.get(self.scanner.pos) == Some(&b':')).then_some(())?;
                        self.scanner.pos += 1;
                        let next: Vec<usize> = deeper
                            .iter()
                            .copied()
                            .filter(|&i| !descended.contains(&i) && self.wants[i][level] == *name)
                            .collect();
                        if next.is_empty() {
                            self.scanner.skip_value()?;
                        } else {
                            descended.extend(&next);
                            if let Walked::Done =
                                self.value(&next, level + 1, Some(key_span), depth + 1)?
                            {
                                return Some(Walked::Done);
                            }
                        }
                        self.scanner.skip_ws();
                        match self.scanner.bytes.get(self.scanner.pos)? {
                            b',' => self.scanner.pos += 1,
                            b'}' => {
                                self.scanner.pos += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
            }
            b'[' if !deeper.is_empty() => {
                self.scanner.pos += 1;
                self.scanner.skip_ws();
                if self.scanner.bytes.get(self.scanner.pos) == Some(&b']') {
                    self.scanner.pos += 1;
                } else {
                    let mut index = 0usize;
                    loop {
                        let next: Vec<usize> = deeper
                            .iter()
                            .copied()
                            .filter(|&i| self.wants[i][level].parse::<usize>().ok() == Some(index))
                            .collect();
                        if next.is_empty() {
                            self.scanner.skip_ws();
                            self.scanner.skip_value()?;
                        } else {
                            descended.extend(&next);
                            if let Walked::Done = self.value(&next, level + 1, None, depth + 1)? {
                                return Some(Walked::Done);
                            }
                        }
                        index += 1;
                        self.scanner.skip_ws();
                        match self.scanner.bytes.get(self.scanner.pos)? {
                            b',' => self.scanner.pos += 1,
                            b']' => {
                                self.scanner.pos += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
            }
            _ => self.scanner.skip_value()?,
        }
        let span = self.scanner.span(start);
        for &i in here {
            if !descended.contains(&i) {
                let exact = self.wants[i].len() == level;
                self.settle(
                    i,
                    Located {
                        key,
                        value: span,
                        exact,
                    },
                );
            }
        }
        Some(if self.left == 0 {
            Walked::Done
        } else {
            Walked::Value
        })
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

impl<'a> JsonScanner<'a> {
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

    /// Reads a key: its text, unescaped as [`JsonScanner::string`] does, borrowed when it
    /// holds no escape.
    fn key(&mut self) -> Option<std::borrow::Cow<'a, str>> {
        let bytes = self.bytes;
        (bytes.get(self.pos) == Some(&b'"')).then_some(())?;
        let start = self.pos + 1;
        let end = start + memchr::memchr2(b'"', b'\\', bytes.get(start..)?)?;
        if bytes[end] == b'"' {
            self.pos = end + 1;
            return std::str::from_utf8(&bytes[start..end])
                .ok()
                .map(std::borrow::Cow::Borrowed);
        }
        self.string().map(std::borrow::Cow::Owned)
    }

    /// Moves past one value without looking into it (strings are skipped whole, brackets
    /// counted).
    fn skip_value(&mut self) -> Option<()> {
        self.skip_ws();
        match *self.bytes.get(self.pos)? {
            b'"' => self.skip_string(),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match *self.bytes.get(self.pos)? {
                        b'"' => {
                            self.skip_string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.pos += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.pos += 1;
                }
            }
            _ => {
                let start = self.pos;
                while self
                    .bytes
                    .get(self.pos)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.'))
                {
                    self.pos += 1;
                }
                (self.pos > start).then_some(())
            }
        }
    }

    /// Moves past a string literal.
    fn skip_string(&mut self) -> Option<()> {
        self.pos += 1;
        loop {
            let at = memchr::memchr2(b'"', b'\\', self.bytes.get(self.pos..)?)?;
            self.pos += at;
            if self.bytes[self.pos] == b'"' {
                self.pos += 1;
                return Some(());
            }
            self.pos += 2;
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
    fn locate_json_agrees_with_the_tree() {
        let texts = [
            r#"{"id": "x", "casualties": [{"count": -1, "a\"b": [1, 2.5e3, null]}], "date": {"start": "2021-11-16"}}"#,
            r#" {"a~b": {"c/d": [[], {}, "s\\"]}, "n": 1, "empty": {}, "list": []} "#,
            r#"[{"id": "a"}, {"id": "b", "x": {"y": [true, false]}}]"#,
            r#""just a string""#,
        ];
        let pointers = [
            "",
            "/id",
            "/casualties/0/count",
            "/casualties/0/a\"b/1",
            "/casualties/0/a\"b/7",
            "/casualties/1",
            "/date/end",
            "/date/start/deeper",
            "/a~0b/c~1d/2",
            "/a~0b/c~1d/1/z",
            "/a~0b/missing",
            "/empty/x",
            "/list/0",
            "/n",
            "/1/x/y/1",
            "/0/id",
            "/2",
            "/nothing",
        ];
        for text in texts {
            let tree = SpanNode::from_json(text, 7).unwrap();
            let all = locate_json(text, 7, &pointers).unwrap();
            for (p, found) in pointers.iter().zip(&all) {
                assert_eq!(*found, tree.lookup(p), "{p} in {text}");
            }
            for p in pointers {
                assert_eq!(
                    locate_json(text, 7, &[p]).unwrap()[0],
                    tree.lookup(p),
                    "{p} alone"
                );
            }
        }
        assert!(locate_json("{\"a\": ", 0, &["/a"]).is_none());
        assert!(locate_json("{}", 0, &[]).unwrap().is_empty());
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
