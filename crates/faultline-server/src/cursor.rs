//! What stands at a position of a record file: the table, the key, whether the position is in
//! a string value (and which), or in a comment. Read from the lines around the position, so
//! that it works on a buffer that does not parse (what an editor holds while typing).

use faultline_dataset::FileRole;
use faultline_model::RecordKind;

/// The context of a position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Cursor {
    /// The keys from the record's top to the table the position is in.
    pub(crate) table: Vec<String>,
    /// The keys of the value the position is in (after `key =`), from the table, when it is
    /// in a value: `["related", "event"]` inside `related = [{ event = "…" }]`.
    pub(crate) keys: Vec<String>,
    /// The string the position is in: the byte range of its contents (without quotes).
    pub(crate) string: Option<(usize, usize)>,
    /// The word at the position (letters, digits, `-`, `_`, `.`): its byte range.
    pub(crate) word: (usize, usize),
    /// Whether the position is where a key is written (start of a line in a table).
    pub(crate) at_key: bool,
    /// The comment the position is in: its text up to the position.
    pub(crate) comment: Option<String>,
}

impl Cursor {
    /// The path of the value from the record's top (`table` then `keys`).
    pub(crate) fn path(&self) -> Vec<&str> {
        self.table
            .iter()
            .chain(&self.keys)
            .map(String::as_str)
            .collect()
    }
}

/// The kind of record a file of this role holds, and how many leading keys of its table
/// headers name the record itself (`[[place]]` in places.toml).
pub(crate) fn record_kind(role: FileRole) -> Option<(RecordKind, usize)> {
    match role {
        FileRole::Event | FileRole::Events => Some((RecordKind::Event, 0)),
        FileRole::Source => Some((RecordKind::Source, 0)),
        FileRole::Places => Some((RecordKind::Place, 1)),
        FileRole::Actors => Some((RecordKind::Actor, 1)),
        FileRole::Stray => None,
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.')
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_')
}

/// The header of a table line: `[a.b]` or `[[a.b]]`, as its keys.
fn header(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    let inner = t
        .strip_prefix("[[")
        .and_then(|r| r.split("]]").next())
        .or_else(|| {
            t.strip_prefix('[')
                .filter(|r| !r.starts_with('"'))
                .and_then(|r| r.split(']').next())
        })?;
    let keys: Vec<String> = inner.split('.').map(|k| k.trim().to_owned()).collect();
    keys.iter()
        .all(|k| !k.is_empty() && k.chars().all(is_key_char))
        .then_some(keys)
}

/// Byte offsets of `"` in `s` that open or close a basic string (escaped ones left out).
fn quotes(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut escaped = false;
    let mut in_string = false;
    for (i, c) in s.char_indices() {
        match c {
            '\\' if in_string => escaped = !escaped,
            '"' if !escaped => {
                in_string = !in_string;
                out.push(i);
            }
            '#' if !in_string => break,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    out
}

/// The key written just before the last `=` of `s` (outside strings), if any.
fn last_key(s: &str) -> Option<(usize, String)> {
    let q = quotes(s);
    let mut at = None;
    for (i, c) in s.char_indices() {
        let inside = q.iter().filter(|p| **p < i).count() % 2 == 1;
        if c == '=' && !inside {
            at = Some(i);
        }
    }
    let eq = at?;
    let before = s[..eq].trim_end();
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_key_char(*c))
        .last()
        .map(|(i, _)| i)?;
    Some((eq, before[start..].to_owned()))
}

/// The context of byte `offset` of `text`, a record file of kind `kind`.
pub(crate) fn at(text: &str, offset: usize, skip: usize) -> Cursor {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let col = offset - line_start;
    let prefix = &line[..col];
    let mut cursor = Cursor::default();
    // The word at the position.
    let ws = prefix
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(col, |(i, _)| i);
    let we = line[col..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(line.len(), |(i, _)| col + i);
    cursor.word = (line_start + ws, line_start + we);
    // The table: the nearest header above.
    let mut table = Vec::new();
    for l in text[..line_start].lines().rev() {
        if let Some(keys) = header(l) {
            table = keys;
            break;
        }
    }
    if let Some(keys) = header(line) {
        table = keys;
    }
    cursor.table = table.into_iter().skip(skip).collect();
    let q = quotes(line);
    // A comment.
    if let Some(hash) = line.find('#')
        && hash < col
        && q.iter().filter(|p| **p < hash).count() % 2 == 0
    {
        cursor.comment = Some(line[hash..col].to_owned());
        return cursor;
    }
    // A string.
    let open = q.iter().filter(|p| **p < col).count();
    if open % 2 == 1 {
        let start = q.iter().rfind(|p| **p < col).copied().unwrap_or(0) + 1;
        let end = q.iter().find(|p| **p >= col).copied().unwrap_or(line.len());
        cursor.string = Some((line_start + start, line_start + end));
    }
    // The key(s) of the value.
    let line_key = last_key(line).map(|(_, k)| k);
    match last_key(prefix) {
        Some((_, key)) => {
            let outer = line_key
                .as_ref()
                .and_then(|_| first_key(line))
                .filter(|k| *k != key);
            cursor.keys = outer.into_iter().chain([key]).collect();
        }
        None => {
            // A line of a multi-line array: the key of the `key = [` line above it.
            if let Some(key) = open_array_key(&text[..line_start]) {
                cursor.keys = vec![key];
            } else if prefix.trim().chars().all(is_key_char) && header(line).is_none() {
                cursor.at_key = true;
            }
        }
    }
    cursor
}

/// The first key of a line (`related` in `related = [{ event = "…" }]`).
fn first_key(line: &str) -> Option<String> {
    let t = line.trim_start();
    let key: String = t.chars().take_while(|c| is_key_char(*c)).collect();
    (!key.is_empty() && t[key.len()..].trim_start().starts_with('=')).then_some(key)
}

/// When the text before a line ends inside a multi-line array, the key of that array.
fn open_array_key(before: &str) -> Option<String> {
    let mut depth = 0i32;
    for l in before.lines().rev() {
        if header(l).is_some() {
            return None;
        }
        let q = quotes(l);
        for (i, c) in l.char_indices() {
            if q.iter().filter(|p| **p < i).count() % 2 == 1 {
                continue;
            }
            match c {
                '[' => depth += 1,
                ']' => depth -= 1,
                '#' => break,
                _ => {}
            }
        }
        if depth > 0 {
            return first_key(l);
        }
        if l.contains('=') {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn here(text: &str, skip: usize) -> Cursor {
        let at_ = text.find('|').unwrap();
        let text = text.replacen('|', "", 1);
        at(&text, at_, skip)
    }

    #[test]
    fn reads_the_context_of_a_position() {
        let c = here("id = \"x\"\n\n[[claims]]\nclaimant = \"arm|\"\n", 0);
        assert_eq!(c.path(), ["claims", "claimant"]);
        assert!(c.string.is_some());
        let c = here("sources = [\"a\", \"b|", 0);
        assert_eq!(c.path(), ["sources"]);
        let c = here("sources = [\n  \"a\",\n  \"|\",\n]\n", 0);
        assert_eq!(c.path(), ["sources"]);
        let c = here("related = [{ event = \"20|\" }]\n", 0);
        assert_eq!(c.path(), ["related", "event"]);
        let c = here("[date]\npre|\n", 0);
        assert!(c.at_key);
        assert_eq!(c.table, ["date"]);
        let c = here(
            "[[place]]\nid = \"x\"\n\n[[place.de_facto]]\nby = \"|\"\n",
            1,
        );
        assert_eq!(c.path(), ["de_facto", "by"]);
        let c = here("# faultline: allow(future-|\n[date]\n", 0);
        assert_eq!(c.comment.as_deref(), Some("# faultline: allow(future-"));
        let c = here("kind = arm|", 0);
        assert_eq!(c.path(), ["kind"]);
        assert!(c.string.is_none());
    }
}
