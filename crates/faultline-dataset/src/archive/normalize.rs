//! The one normalisation applied to quotes and archived texts alike, so that a quote matches
//! its source whatever typography either side uses — and never more than that.
//!
//! In order: Unicode NFC; markdown link remnants (`[text](#)`, `[text](https://…)`) reduced to
//! their text and `**` emphasis markers dropped; curly, low and prime quotation marks and
//! guillemets made straight (`'`, `"`); hyphens, dashes and the minus sign made `-`; `…` made
//! `...`; soft hyphens and zero-width characters dropped; every run of white space (no-break
//! spaces included) made one space, and white space at either end removed. Letter case,
//! punctuation and brackets are kept: a normalised quote must still be the source's words.

use std::ops::Range;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// A normalised text that remembers which bytes of the original text each of its bytes came
/// from. The map is kept as segments — a run of text copied unchanged is one segment, each
/// replacement another — so it costs memory in proportion to the replacements, not the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    segments: Vec<Segment>,
}

/// Where the normalised bytes from `norm` on (up to the next segment) came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    /// The first normalised byte.
    norm: u32,
    /// The first original byte.
    orig: u32,
    /// For a replacement: the end of the original bytes it replaces.
    orig_end: u32,
    /// Copied unchanged: normalised byte `norm + k` is original byte `orig + k`.
    copied: bool,
}

/// Normalises `text` (see the module documentation).
pub fn normalize(text: &str) -> String {
    Normalized::new(text).text
}

impl Normalized {
    /// Normalises `original`, keeping the map back to it.
    pub fn new(original: &str) -> Self {
        let chars = strip_markdown(nfc_chars(original));
        let mut out = Normalized {
            text: String::with_capacity(original.len()),
            segments: Vec::new(),
        };
        // A run of white space waiting to be written as one space (only once more text follows).
        let mut space: Option<(u32, u32)> = None;
        for (c, from, to) in chars {
            let mapped: &str = match c {
                '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{FF07}' => "'",
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
                | '\u{00BB}' | '\u{FF02}' => "\"",
                '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => "-",
                '\u{2026}' => "...",
                '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => "",
                c if c.is_whitespace() => {
                    space = Some(match space {
                        Some((start, _)) => (start, to),
                        None => (from, to),
                    });
                    continue;
                }
                _ => {
                    if let Some((s, e)) = space.take()
                        && !out.text.is_empty()
                    {
                        out.push(original, " ", s, e);
                    }
                    let mut buf = [0u8; 4];
                    out.push(original, c.encode_utf8(&mut buf), from, to);
                    continue;
                }
            };
            if mapped.is_empty() {
                continue;
            }
            if let Some((s, e)) = space.take()
                && !out.text.is_empty()
            {
                out.push(original, " ", s, e);
            }
            out.push(original, mapped, from, to);
        }
        out
    }

    /// Appends `s`, which came from original bytes `from..to`.
    fn push(&mut self, original: &str, s: &str, from: u32, to: u32) {
        let norm = offset(self.text.len());
        let copied = original.get(from as usize..to as usize) == Some(s);
        let extends = copied
            && self
                .segments
                .last()
                .is_some_and(|g| g.copied && g.orig + (norm - g.norm) == from);
        if !extends {
            self.segments.push(Segment {
                norm,
                orig: from,
                orig_end: to,
                copied,
            });
        }
        self.text.push_str(s);
    }

    /// The segment holding normalised byte `at`.
    fn segment(&self, at: usize) -> Option<&Segment> {
        let i = self.segments.partition_point(|g| g.norm as usize <= at);
        self.segments.get(i.checked_sub(1)?)
    }

    /// The original byte where normalised byte `at` starts.
    fn start_of(&self, at: usize) -> usize {
        self.segment(at).map_or(0, |g| {
            if g.copied {
                (g.orig as usize) + at - g.norm as usize
            } else {
                g.orig as usize
            }
        })
    }

    /// The original byte just after the one normalised byte `at` came from.
    fn end_of(&self, at: usize) -> usize {
        self.segment(at).map_or(0, |g| {
            if g.copied {
                (g.orig as usize) + at - g.norm as usize + 1
            } else {
                g.orig_end as usize
            }
        })
    }

    /// The original byte range that the normalised byte range `range` came from.
    pub fn original(&self, range: Range<usize>) -> Range<usize> {
        if range.start >= range.end || range.end > self.text.len() {
            let at = if range.start < self.text.len() {
                self.start_of(range.start)
            } else {
                self.text.len().checked_sub(1).map_or(0, |l| self.end_of(l))
            };
            return at..at;
        }
        self.start_of(range.start)..self.end_of(range.end - 1)
    }

    /// The first normalised byte that comes from original byte `offset` or later.
    pub fn from_original(&self, offset: usize) -> usize {
        let i = self
            .segments
            .partition_point(|g| (g.orig as usize) <= offset);
        let Some(g) = i.checked_sub(1).map(|i| self.segments[i]) else {
            return 0;
        };
        let next = self
            .segments
            .get(i)
            .map_or(self.text.len(), |n| n.norm as usize);
        if g.copied {
            ((g.norm as usize) + offset - g.orig as usize).min(next)
        } else if offset < g.orig_end as usize {
            g.norm as usize
        } else {
            next
        }
    }
}

fn offset(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// The characters of `text` in NFC, each with the original byte range it came from. Text that
/// is already NFC (nearly all) maps one to one; otherwise each run that starts at an ASCII
/// character (which never combines with what precedes it) is normalised on its own, and its
/// characters map to the whole run.
fn nfc_chars(text: &str) -> Vec<(char, u32, u32)> {
    let already = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => true,
        IsNormalized::No => false,
        IsNormalized::Maybe => unicode_normalization::is_nfc(text),
    };
    let mut out = Vec::with_capacity(text.len());
    if already {
        for (i, c) in text.char_indices() {
            out.push((c, offset(i), offset(i + c.len_utf8())));
        }
        return out;
    }
    let mut start = 0;
    let bytes = text.as_bytes();
    while start < text.len() {
        let mut end = start + text[start..].chars().next().map_or(1, char::len_utf8);
        while end < text.len() && !bytes[end].is_ascii() {
            end += text[end..].chars().next().map_or(1, char::len_utf8);
        }
        let run = &text[start..end];
        if unicode_normalization::is_nfc(run) {
            for (i, c) in run.char_indices() {
                out.push((c, offset(start + i), offset(start + i + c.len_utf8())));
            }
        } else {
            out.extend(run.nfc().map(|c| (c, offset(start), offset(end))));
        }
        start = end;
    }
    out
}

/// Drops markdown link syntax (`[text](target)` keeps `text`) and `**` emphasis markers.
fn strip_markdown(chars: Vec<(char, u32, u32)>) -> Vec<(char, u32, u32)> {
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].0;
        if c == '['
            && let Some((close, end)) = link_at(&chars, i)
        {
            out.extend_from_slice(&strip_markdown(chars[i + 1..close].to_vec()));
            i = end;
            continue;
        }
        if c == '*' && chars.get(i + 1).is_some_and(|n| n.0 == '*') {
            i += 2;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// For a `[` at `open` that starts a markdown link `[text](target)`: the index of its `]` and
/// the index just after its `)`. The text holds no bracket or line break; the target no white
/// space or parenthesis, and is at most 2,000 characters.
fn link_at(chars: &[(char, u32, u32)], open: usize) -> Option<(usize, usize)> {
    let close = open
        + 1
        + chars[open + 1..]
            .iter()
            .take(1000)
            .position(|c| matches!(c.0, ']' | '[' | '\n'))?;
    if chars[close].0 != ']' || chars.get(close + 1)?.0 != '(' {
        return None;
    }
    let target = close + 2;
    let end = target
        + chars[target..]
            .iter()
            .take(2000)
            .position(|c| c.0 == ')' || c.0 == '(' || c.0.is_whitespace())?;
    (chars[end].0 == ')').then_some((close, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typography_is_made_plain() {
        assert_eq!(
            normalize("  Baku’s  “large-scale\u{00A0}provocations” — 6\u{2009}000…\n"),
            "Baku's \"large-scale provocations\" - 6 000..."
        );
        assert_eq!(normalize("«non»\u{00AD}sense\u{200B}"), "\"non\"sense");
    }

    #[test]
    fn markdown_links_and_emphasis_keep_their_text() {
        assert_eq!(
            normalize("responded with a [statement](#) saying"),
            "responded with a statement saying"
        );
        assert_eq!(
            normalize("**Related article:** [A Look](https://x.org/a)"),
            "Related article: A Look"
        );
        // Brackets that are not links are text.
        assert_eq!(normalize("siege [Sev] Lake"), "siege [Sev] Lake");
        assert_eq!(normalize("a [b] (c)"), "a [b] (c)");
    }

    #[test]
    fn nfc_both_ways() {
        assert_eq!(normalize("Jezioran\u{0301}skiego"), "Jeziorańskiego");
        assert_eq!(normalize("Jeziorańskiego"), "Jeziorańskiego");
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let original = "say “[this](#)”\u{00A0} now";
        let n = Normalized::new(original);
        assert_eq!(n.text, "say \"this\" now");
        let at = n.text.find("this").unwrap();
        assert_eq!(&original[n.original(at..at + 4)], "this");
        let at = n.text.find("\" now").unwrap();
        assert_eq!(&original[n.original(at..n.text.len())], "”\u{00A0} now");
        assert_eq!(
            n.from_original(original.find("now").unwrap()),
            n.text.len() - 3
        );
        let composed = Normalized::new("ab e\u{0301}cd");
        assert_eq!(composed.text, "ab écd");
        let at = composed.text.find('é').unwrap();
        assert_eq!(composed.original(at..at + 'é'.len_utf8()), 3..6);
    }
}
