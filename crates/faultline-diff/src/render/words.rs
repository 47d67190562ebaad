//! Word-level differences of two texts, with the unchanged stretches cut to a few words of
//! context, so that an edit to a long summary reads as the words that changed.

use similar::{ChangeTag, TextDiff};

/// A piece of a word diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Unchanged text.
    Same(String),
    /// Text only in the old version.
    Gone(String),
    /// Text only in the new version.
    Came(String),
    /// Unchanged text left out.
    Cut,
}

/// How many words of unchanged text to keep on each side of a change.
const CONTEXT: usize = 4;

/// The word diff of `old` and `new`, or `None` when the text was rewritten — changed in two
/// or more places keeping less than half of its words, or in more than three keeping less
/// than 70% — and reads better whole.
pub(crate) fn diff(old: &str, new: &str) -> Option<Vec<Piece>> {
    let diff = TextDiff::configure()
        .timeout(std::time::Duration::from_millis(200))
        .diff_words(old, new);
    let mut runs: Vec<(ChangeTag, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        let tag = change.tag();
        match runs.last_mut() {
            Some((t, s)) if *t == tag => s.push_str(change.value()),
            _ => runs.push((tag, change.value().to_owned())),
        }
    }
    // A whitespace token between two changes is part of the change: "a b" → "c d" reads
    // as one replacement, not two.
    let mut merged: Vec<(ChangeTag, String)> = Vec::new();
    for (i, (tag, text)) in runs.iter().enumerate() {
        let between_changes =
            *tag == ChangeTag::Equal && text.trim().is_empty() && i > 0 && i + 1 < runs.len();
        if between_changes {
            for t in [ChangeTag::Delete, ChangeTag::Insert] {
                push(&mut merged, t, text);
            }
        } else {
            push(&mut merged, *tag, text);
        }
    }
    let count = |t: &str| t.split_whitespace().count();
    let kept: usize = merged
        .iter()
        .filter(|(t, _)| *t == ChangeTag::Equal)
        .map(|(_, s)| count(s))
        .sum();
    let hunks = merged
        .iter()
        .enumerate()
        .filter(|(i, (t, _))| {
            *t != ChangeTag::Equal && (*i == 0 || merged[i - 1].0 == ChangeTag::Equal)
        })
        .count();
    let share = kept as f64 / count(old).max(1) as f64;
    if (hunks >= 2 && share < 0.5) || (hunks > 3 && share < 0.7) {
        return None;
    }
    let last = merged.len().saturating_sub(1);
    let mut out = Vec::new();
    for (i, (tag, text)) in merged.into_iter().enumerate() {
        match tag {
            ChangeTag::Delete => out.push(Piece::Gone(text)),
            ChangeTag::Insert => out.push(Piece::Came(text)),
            ChangeTag::Equal => cut(&text, i == 0, i == last, &mut out),
        }
    }
    Some(out)
}

/// Appends to the last run of the same tag, looking past one run of the other change tag
/// (deletions and insertions interleave: keep each side whole).
fn push(runs: &mut Vec<(ChangeTag, String)>, tag: ChangeTag, text: &str) {
    let n = runs.len();
    if let Some((t, s)) = runs.last_mut()
        && *t == tag
    {
        s.push_str(text);
        return;
    }
    if tag != ChangeTag::Equal
        && n >= 2
        && runs[n - 1].0 != ChangeTag::Equal
        && runs[n - 2].0 == tag
    {
        runs[n - 2].1.push_str(text);
        return;
    }
    runs.push((tag, text.to_owned()));
}

/// Keeps the unchanged text next to the changes: its first words after a change, its last
/// words before one.
fn cut(text: &str, first: bool, last: bool, out: &mut Vec<Piece>) {
    // (start, end) byte offsets of each word: a run of characters that are not white space.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, text.len()));
    }
    let keep_head = if first { 0 } else { CONTEXT };
    let keep_tail = if last { 0 } else { CONTEXT };
    if words.len() <= keep_head + keep_tail + 1 {
        out.push(Piece::Same(text.to_owned()));
        return;
    }
    if keep_head > 0 {
        out.push(Piece::Same(format!("{} ", &text[..words[keep_head - 1].1])));
    }
    out.push(Piece::Cut);
    if keep_tail > 0 {
        out.push(Piece::Same(format!(
            " {}",
            &text[words[words.len() - keep_tail].0..]
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Same(s) => s.clone(),
                Piece::Gone(s) => format!("[-{s}-]"),
                Piece::Came(s) => format!("{{+{s}+}}"),
                Piece::Cut => "…".to_owned(),
            })
            .collect()
    }

    #[test]
    fn a_changed_word_in_a_long_text() {
        let old = "one two three four five six seven eight nine ten eleven twelve thirteen";
        let new = "one two three four five six SEVEN eight nine ten eleven twelve thirteen";
        assert_eq!(
            show(&diff(old, new).unwrap()),
            "… three four five six [-seven-]{+SEVEN+} eight nine ten eleven …"
        );
    }

    #[test]
    fn a_replaced_phrase_reads_as_one_change() {
        let d = diff(
            "Armenia said forces attacked",
            "Armenia claimed that forces attacked",
        );
        assert_eq!(
            show(&d.unwrap()),
            "Armenia [-said-]{+claimed that+} forces attacked"
        );
    }

    #[test]
    fn a_rewritten_text_is_not_a_word_diff() {
        let old = "a b c d e f g h i j";
        assert!(diff(old, "a X c Y e Z g W i V").is_none());
        assert!(
            diff(old, "a b c d e f g h i j k l m n o p q r s t").is_some(),
            "one append"
        );
    }
}
