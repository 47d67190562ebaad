//! Reports of a [`ChangeSet`]: a text report for a terminal, Markdown for a pull-request
//! comment or a changelog, and JSON. Pure functions returning strings: the caller decides
//! where they go and whether the text is coloured.
//!
//! Record text is never trusted: control, format (bidirectional) and unusual space
//! characters are shown as `⟨U+00A0⟩`, so that no record can move a terminal's cursor, hide
//! text or make an edit invisible; Markdown and HTML markup in records is escaped.

mod describe;
mod markdown;
mod text;
mod words;

pub use markdown::markdown;
pub use text::text;

use crate::change::{ChangeSet, SideInfo};

/// The JSON report: the change set as documented in `docs/diff.md`, pretty-printed.
pub fn json(set: &ChangeSet) -> String {
    let mut out = serde_json::to_string_pretty(set).unwrap_or_default();
    out.push('\n');
    out
}

/// A side as the header names it: `main (1a2b3c4d)`, or the directory.
fn side(s: &SideInfo) -> String {
    match &s.commit {
        Some(c) if !c.starts_with(&s.label) => {
            format!("{} ({})", s.label, c.get(..8).unwrap_or(c))
        }
        _ => s.label.clone(),
    }
}

/// Text safe to show: a line break as `⏎`, and every control, format or non-ASCII space
/// character as its code point.
pub(crate) fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let invisible = c.is_control()
            || (c.is_whitespace() && c != ' ')
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{ad}');
        match c {
            '\n' => out.push('⏎'),
            _ if invisible => out.push_str(&format!("⟨U+{:04X}⟩", u32::from(c))),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn hostile_text_is_shown_not_obeyed() {
        assert_eq!(clean("a\u{1b}[2Jb"), "a⟨U+001B⟩[2Jb");
        assert_eq!(clean("OC\u{a0}Media"), "OC⟨U+00A0⟩Media");
        assert_eq!(clean("x\u{202e}y"), "x⟨U+202E⟩y");
        assert_eq!(clean("one\ntwo"), "one⏎two");
        assert_eq!(clean("Işıqlı – “quoted”"), "Işıqlı – “quoted”");
    }
}
