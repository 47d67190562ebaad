//! Finding a quote in an archived text: exactly (after the same normalisation on both sides),
//! fragment by fragment around ellipses, and — only to help a contributor see a difference —
//! the closest passage when it is not there.

use std::ops::Range;

use memchr::memmem;
use std::collections::HashMap;

use super::normalize::normalize;
use super::{ArchivedText, Words};

/// Where a quote stands in an archived text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteMatch {
    /// The original byte range from the start of the first fragment to the end of the last.
    pub span: Range<usize>,
    /// The original byte range of each fragment.
    pub fragments: Vec<Range<usize>>,
}

/// Why a quote is not in an archived text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteMiss {
    /// The quote has no words (empty, or only ellipses).
    Empty,
    /// Fragment `index` (of `count`, split at ellipses) is nowhere in the text.
    Missing {
        /// The fragment, normalised.
        fragment: String,
        /// Its index among the fragments (0-based).
        index: usize,
        /// How many fragments the quote has.
        count: usize,
        /// The closest passage of the text, when one shares at least half of its words.
        closest: Option<Box<Passage>>,
    },
    /// Fragment `index` is in the text, but only before the fragment it follows in the quote.
    OutOfOrder {
        /// The fragment, normalised.
        fragment: String,
        /// Its index among the fragments (0-based).
        index: usize,
        /// Where it does stand.
        passage: Box<Passage>,
    },
}

/// A passage of an archived text, for a contributor to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// The original byte range.
    pub span: Range<usize>,
    /// Its 1-based line in the archived file.
    pub line: usize,
    /// The text, normalised (one line).
    pub text: String,
    /// Where the quote and the passage part, when they do: the quote's words and the
    /// passage's words between their common beginning and common end.
    pub difference: Option<(String, String)>,
}

/// The fragments of a quote, normalised: an ellipsis (`…`, `...`, `[...]`, `(...)`) stands
/// for words left out.
pub fn fragments(quote: &str) -> Vec<String> {
    let n = normalize(quote)
        .replace("[...]", "...")
        .replace("(...)", "...");
    n.split("...")
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(str::to_owned)
        .collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether the match `at..at + len` of `text` starts and ends on word boundaries where the
/// fragment itself starts or ends with a letter or digit.
fn on_boundaries(text: &str, at: usize, len: usize, fragment: &str) -> bool {
    let starts_word = fragment.chars().next().is_some_and(is_word_char);
    let ends_word = fragment.chars().next_back().is_some_and(is_word_char);
    let before = text[..at].chars().next_back().is_some_and(is_word_char);
    let after = text[at + len..].chars().next().is_some_and(is_word_char);
    !((starts_word && before) || (ends_word && after))
}

/// The first match of `fragment` in `text` at or after `from`, on word boundaries.
fn find_from(text: &str, fragment: &str, from: usize) -> Option<usize> {
    memmem::find_iter(&text.as_bytes()[from..], fragment.as_bytes())
        .map(|i| from + i)
        .find(|&at| on_boundaries(text, at, fragment.len(), fragment))
}

impl ArchivedText {
    /// Finds `quote` in the text: every fragment, in order, exactly as written once both
    /// sides are normalised. Never a fuzzy match.
    pub fn find_quote(&self, quote: &str) -> Result<QuoteMatch, QuoteMiss> {
        let fragments = fragments(quote);
        if fragments.is_empty() {
            return Err(QuoteMiss::Empty);
        }
        let text = &self.normalized.text;
        let mut from = 0;
        let mut found = Vec::with_capacity(fragments.len());
        for (index, fragment) in fragments.iter().enumerate() {
            match find_from(text, fragment, from) {
                Some(at) => {
                    found.push(self.normalized.original(at..at + fragment.len()));
                    from = at + fragment.len();
                }
                None => {
                    return Err(match find_from(text, fragment, 0) {
                        Some(at) => QuoteMiss::OutOfOrder {
                            fragment: fragment.clone(),
                            index,
                            passage: Box::new(self.passage(at..at + fragment.len(), None)),
                        },
                        None => QuoteMiss::Missing {
                            fragment: fragment.clone(),
                            index,
                            count: fragments.len(),
                            closest: self.closest(fragment).map(Box::new),
                        },
                    });
                }
            }
        }
        let span = found[0].start..found[found.len() - 1].end;
        Ok(QuoteMatch {
            span,
            fragments: found,
        })
    }

    /// The passage of normalised byte range `range`.
    fn passage(&self, range: Range<usize>, difference: Option<(String, String)>) -> Passage {
        let span = self.normalized.original(range.clone());
        Passage {
            line: self.line_of(span.start),
            text: self.normalized.text[range].to_owned(),
            span,
            difference,
        }
    }

    /// The 1-based line of original byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        1 + memchr::memchr_iter(b'\n', &self.text.as_bytes()[..offset.min(self.text.len())]).count()
    }

    /// The passage with as many words as `fragment` that shares most of its words (compared
    /// in lower case), if one shares at least half of them.
    fn closest(&self, fragment: &str) -> Option<Passage> {
        let quote: Vec<&str> = split_words(fragment).map(|(_, w)| w).collect();
        if quote.is_empty() {
            return None;
        }
        let Words { list: words, ids } = self.words();
        // The quote's words as ids of the text's words (a word the text lacks matches nothing).
        let quote_ids: Vec<Option<u32>> = quote
            .iter()
            .map(|w| ids.get(&w.to_lowercase()).copied())
            .collect();
        let mut wanted: HashMap<u32, i32> = HashMap::new();
        for id in quote_ids.iter().flatten() {
            *wanted.entry(*id).or_default() += 1;
        }
        let size = quote.len().min(words.len());
        if size == 0 || wanted.is_empty() {
            return None;
        }
        let text = &self.normalized.text;
        let mut have: HashMap<u32, i32> = HashMap::new();
        let mut matched = 0usize;
        // The best window: most words shared, then most words in the same place.
        let mut best = (0usize, 0usize, 0usize);
        for (i, w) in words.iter().enumerate() {
            if let Some(want) = wanted.get(&w.id) {
                let h = have.entry(w.id).or_default();
                if *h < *want {
                    matched += 1;
                }
                *h += 1;
            }
            if i >= size {
                let out = words[i - size].id;
                if let Some(want) = wanted.get(&out) {
                    let h = have.entry(out).or_default();
                    *h -= 1;
                    if *h < *want {
                        matched -= 1;
                    }
                }
            }
            if i + 1 >= size && matched > 0 && matched >= best.0 {
                let start = i + 1 - size;
                let aligned = quote_ids
                    .iter()
                    .zip(&words[start..=i])
                    .filter(|(q, w)| **q == Some(w.id))
                    .count();
                if (matched, aligned) > (best.0, best.1) {
                    best = (matched, aligned, start);
                }
            }
        }
        if best.0 * 2 < quote.len() {
            return None;
        }
        let window = &words[best.2..best.2 + size];
        // The passage takes the punctuation glued to its first and last words (quotation
        // marks, brackets, a final point).
        let glued = |c: char| !c.is_whitespace() && !is_word_char(c);
        let mut start = window[0].start as usize;
        while let Some(c) = text[..start].chars().next_back().filter(|c| glued(*c)) {
            start -= c.len_utf8();
        }
        let mut end = window[size - 1].end as usize;
        while let Some(c) = text[end..].chars().next().filter(|c| glued(*c)) {
            end += c.len_utf8();
        }
        let range = start..end;
        let passage: Vec<&str> = window
            .iter()
            .map(|w| &text[w.start as usize..w.end as usize])
            .collect();
        Some(self.passage(range, difference(&quote, &passage)))
    }

    /// The original byte range of the sentence (or sentences) around original range `span`:
    /// from the start of the sentence it starts in to the end of the one it ends in. A
    /// sentence ends at `.`, `!` or `?` (with any closing quotation marks) before white space,
    /// except after a single letter or an abbreviation with inner points (`U.S.`), and at
    /// every line break. At most 2,000 bytes are added on either side.
    pub fn sentence_around(&self, span: Range<usize>) -> Range<usize> {
        const REACH: usize = 2000;
        let text = self.text.as_str();
        let breaks =
            |at: usize, c: char| c == '\n' || (c.is_whitespace() && ends_sentence(text, at));
        let end = span.end.min(text.len());
        let start = span.start.min(end);
        let mut floor = start.saturating_sub(REACH);
        while !text.is_char_boundary(floor) {
            floor += 1;
        }
        let from = text[floor..start]
            .char_indices()
            .rev()
            .find(|&(i, c)| breaks(floor + i, c))
            .map_or(floor, |(i, c)| floor + i + c.len_utf8());
        let mut ceiling = (end + REACH).min(text.len());
        while !text.is_char_boundary(ceiling) {
            ceiling -= 1;
        }
        // A quote that ends its sentence ends the context too.
        let ends_here = text[end..].chars().next().is_some_and(|c| breaks(end, c));
        let to = if ends_here {
            end
        } else {
            text[end..ceiling]
                .char_indices()
                .find(|&(i, c)| breaks(end + i, c))
                .map_or(ceiling, |(i, _)| end + i)
        };
        from.min(start)..to.max(end)
    }

    /// Whether `name` appears in the original byte range `span`, as whole words, compared in
    /// lower case after normalisation.
    pub fn mentions(&self, span: Range<usize>, name: &str) -> bool {
        let name = normalize(name).to_lowercase();
        if name.is_empty() {
            return false;
        }
        let from = self.normalized.from_original(span.start);
        let to = self.normalized.from_original(span.end).max(from);
        let haystack = self.normalized.text[from..to].to_lowercase();
        find_from(&haystack, &name, 0).is_some()
    }
}

/// Whether the white space at byte `ws` of `text` follows the end of a sentence.
fn ends_sentence(text: &str, ws: usize) -> bool {
    let before = text[..ws].trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    let Some(last) = before.chars().next_back() else {
        return false;
    };
    if !matches!(last, '.' | '!' | '?') {
        return false;
    }
    if last == '.' {
        let word = before[..before.len() - 1]
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        // `U.S.`, `e.g.`, an initial: not the end of a sentence.
        if word.contains('.') || word.chars().count() == 1 {
            return false;
        }
    }
    true
}

/// The words of a normalised text: runs of letters and digits with inner apostrophes,
/// hyphens and points (`Armenia's`, `large-scale`, `6,000`).
pub(crate) fn split_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = rest.by_ref().find(|(_, c)| is_word_char(*c))?;
        let mut end = start;
        while let Some(&(i, c)) = rest.peek() {
            if is_word_char(c) {
                end = i + c.len_utf8();
                rest.next();
            } else if matches!(c, '\'' | '-' | '.' | ',') {
                let mut ahead = rest.clone();
                ahead.next();
                if ahead.peek().is_some_and(|(_, n)| is_word_char(*n)) {
                    rest.next();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        let end = end.max(start + text[start..].chars().next().map_or(1, char::len_utf8));
        Some((start, &text[start..end]))
    })
}

/// Where two runs of words part: the words of each between their common beginning and end.
fn difference(quote: &[&str], passage: &[&str]) -> Option<(String, String)> {
    let prefix = quote
        .iter()
        .zip(passage)
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = quote[prefix..]
        .iter()
        .rev()
        .zip(passage[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let q = &quote[prefix..quote.len() - suffix];
    let p = &passage[prefix..passage.len() - suffix];
    if q.is_empty() && p.is_empty() {
        return None;
    }
    Some((q.join(" "), p.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::super::ArchivedText;
    use super::*;

    fn text(s: &str) -> ArchivedText {
        ArchivedText::from_text("test.txt", s.to_owned())
    }

    const ARTICLE: &str = "Heading\n\nThe ministry said on Monday that “two soldiers were \
wounded” near the village.\u{00A0}Both sides accuse each other. The U.S. State Department \
issued a [statement](#) urging restraint.\nA new paragraph — with dashes… and more.\n";

    #[test]
    fn exact_after_normalisation() {
        let t = text(ARTICLE);
        let m = t
            .find_quote("\"two soldiers were wounded\" near the village")
            .unwrap();
        assert_eq!(
            &ARTICLE[m.span.clone()],
            "“two soldiers were wounded” near the village"
        );
        assert!(t.find_quote("issued a statement urging restraint").is_ok());
        assert!(t.find_quote("A new paragraph - with dashes...").is_ok());
        assert!(t.find_quote("village.  Both sides").is_ok());
    }

    #[test]
    fn fragments_in_order() {
        let t = text(ARTICLE);
        let m = t
            .find_quote("The ministry said … near the village. [...] Both sides accuse")
            .unwrap();
        assert_eq!(m.fragments.len(), 3);
        assert!(matches!(
            t.find_quote("Both sides accuse ... The ministry said"),
            Err(QuoteMiss::OutOfOrder { index: 1, .. })
        ));
    }

    #[test]
    fn one_changed_word_is_a_miss_with_the_closest_passage() {
        let t = text(ARTICLE);
        let Err(QuoteMiss::Missing {
            closest: Some(p), ..
        }) = t.find_quote("two soldiers were killed near the village")
        else {
            panic!("expected a miss with a passage")
        };
        assert_eq!(p.line, 3);
        assert_eq!(p.text, "\"two soldiers were wounded\" near the village.");
        assert_eq!(
            p.difference,
            Some(("killed".to_owned(), "wounded".to_owned()))
        );
        assert!(matches!(
            t.find_quote("nothing like it at all in here"),
            Err(QuoteMiss::Missing { closest: None, .. })
        ));
        assert_eq!(t.find_quote(" … "), Err(QuoteMiss::Empty));
    }

    #[test]
    fn whole_words_only() {
        let t = text("The Armenian side said so.");
        assert!(t.find_quote("rmenian side").is_err());
        assert!(t.find_quote("Armenian side said").is_ok());
        let all = 0..t.text.len();
        assert!(t.mentions(all.clone(), "the armenian side"));
        assert!(!t.mentions(all, "Armenia"));
    }

    #[test]
    fn sentences() {
        let t = text(ARTICLE);
        let m = t.find_quote("issued a statement").unwrap();
        let s = t.sentence_around(m.span);
        assert_eq!(
            &ARTICLE[s],
            "The U.S. State Department issued a [statement](#) urging restraint."
        );
        let m = t.find_quote("two soldiers were wounded").unwrap();
        let s = t.sentence_around(m.span);
        assert!(ARTICLE[s.clone()].starts_with("The ministry said"));
        assert!(ARTICLE[s].ends_with("near the village."));
        let m = t.find_quote("Both sides accuse each other.").unwrap();
        assert_eq!(
            &ARTICLE[t.sentence_around(m.span)],
            "Both sides accuse each other."
        );
    }

    #[test]
    fn words() {
        let w: Vec<&str> = split_words("Armenia's large-scale 6,000 U.S. -- end.")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(w, ["Armenia's", "large-scale", "6,000", "U.S", "end"]);
    }
}
