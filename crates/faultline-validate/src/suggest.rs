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
        .map(|c| (levenshtein(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
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
    }
}
