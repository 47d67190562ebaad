//! "Did you mean ...?" for misspelt names.

/// The candidate closest to `name` by edit distance, if it is close enough to be a likely
/// typo (at most a third of the name's length, and at least 1, edits away).
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let len = name.chars().count();
    let limit = (len / 3).max(1);
    candidates
        .into_iter()
        // The distance is at least the difference in length: skip those that cannot be close.
        .filter(|c| {
            c.len().abs_diff(name.len()) <= limit * 4 && c.chars().count().abs_diff(len) <= limit
        })
        .filter_map(|c| within(name, c, limit).map(|d| (d, c)))
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// The distance from `a` to `b` when it is at most `limit`, computed row by row and
/// abandoned as soon as every cell of a row exceeds the limit. The common prefix and suffix
/// are left out first (they cost nothing, and ids of one date share ten characters).
fn within(a: &str, b: &str, limit: usize) -> Option<usize> {
    let (a, b) = without_common_affix(a, b);
    if a.is_empty() || b.is_empty() {
        let d = a.chars().count().max(b.chars().count());
        return (d <= limit).then_some(d);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut rows = vec![vec![0usize; width]; 3];
    for (j, cell) in rows[1].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (before, rest) = rows.split_at_mut(1);
        let (prev, cur) = rest.split_at_mut(1);
        let (two_back, prev, cur) = (&before[0], &prev[0], &mut cur[0]);
        cur[0] = i;
        let mut best = cur[0];
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(two_back[j - 2] + 1);
            }
            cur[j] = v;
            best = best.min(v);
        }
        if best > limit {
            return None;
        }
        rows.rotate_left(1);
    }
    let d = rows[1][width - 1];
    (d <= limit).then_some(d)
}

/// `a` and `b` without the characters they start and end with in common.
fn without_common_affix<'a, 'b>(a: &'a str, b: &'b str) -> (&'a str, &'b str) {
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix: usize = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    (&a[..a.len() - suffix], &b[..b.len() - suffix])
}

/// The number of single-character insertions, deletions, substitutions and transpositions
/// of neighbours from `a` to `b` (optimal string alignment distance).
pub fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = v;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let names = ["sources", "summary", "title"];
        assert_eq!(did_you_mean("sorces", names), Some("sources"));
        assert_eq!(did_you_mean("titel", names), Some("title"));
        assert_eq!(did_you_mean("casualties", names), None);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        for (a, b) in [
            ("kitten", "sitting"),
            ("ab", "ba"),
            ("", "abc"),
            ("sorces", "sources"),
            ("abc", "abc"),
        ] {
            let d = levenshtein(a, b);
            assert_eq!(within(a, b, d), Some(d), "{a} {b}");
            assert_eq!(
                within(a, b, d.saturating_sub(1)),
                (d == 0).then_some(0),
                "{a} {b}"
            );
        }
    }

    proptest::proptest! {
        /// Leaving out the common prefix and suffix never changes the bounded distance.
        #[test]
        fn within_agrees_with_the_full_distance(
            a in "[abé-]{0,8}",
            b in "[abé-]{0,8}",
            limit in 0usize..6,
        ) {
            let d = levenshtein(&a, &b);
            proptest::prop_assert_eq!(within(&a, &b, limit), (d <= limit).then_some(d));
        }
    }
}
