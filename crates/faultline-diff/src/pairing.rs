//! Pairing items of two lists that have no id (claims, figures) or whose id changed (renamed
//! records), by keys from strict to loose, in linear time.

use rustc_hash::FxHashMap;

/// One pass: items with equal keys are paired. With `unique`, only when the key is held by
/// exactly one unpaired item on each side (a loose key must not guess between candidates).
pub(crate) struct Pass<'a, T> {
    /// The key of an item; `None` leaves it out of this pass.
    pub(crate) key: &'a dyn Fn(&T) -> Option<String>,
    /// Pair only unambiguous items.
    pub(crate) unique: bool,
}

/// The outcome: pairs `(old index, new index)` in the order of the new list, and the indexes
/// left unpaired on each side, in order.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Pairs {
    pub(crate) matched: Vec<(usize, usize)>,
    pub(crate) old_only: Vec<usize>,
    pub(crate) new_only: Vec<usize>,
}

/// Pairs `old` and `new` items among `old_free` / `new_free` (indexes), pass by pass.
pub(crate) fn pair<T>(
    old: &[T],
    new: &[T],
    old_free: Vec<usize>,
    new_free: Vec<usize>,
    passes: &[Pass<'_, T>],
) -> Pairs {
    let mut old_free = old_free;
    let mut new_free = new_free;
    let mut matched = Vec::new();
    for pass in passes {
        if old_free.is_empty() || new_free.is_empty() {
            break;
        }
        let mut by_key: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for &i in old_free.iter().rev() {
            if let Some(k) = (pass.key)(&old[i]) {
                by_key.entry(k).or_default().push(i);
            }
        }
        let new_keys: Vec<Option<String>> = new_free.iter().map(|&j| (pass.key)(&new[j])).collect();
        let mut new_count: FxHashMap<&str, usize> = FxHashMap::default();
        if pass.unique {
            for k in new_keys.iter().flatten() {
                *new_count.entry(k).or_default() += 1;
            }
        }
        let mut paired_old = Vec::new();
        let mut still_new = Vec::new();
        for (&j, key) in new_free.iter().zip(&new_keys) {
            let partner = key.as_deref().and_then(|k| {
                let candidates = by_key.get_mut(k)?;
                if pass.unique && (candidates.len() != 1 || new_count.get(k) != Some(&1)) {
                    return None;
                }
                candidates.pop()
            });
            match partner {
                Some(i) => {
                    matched.push((i, j));
                    paired_old.push(i);
                }
                None => still_new.push(j),
            }
        }
        paired_old.sort_unstable();
        old_free.retain(|i| paired_old.binary_search(i).is_err());
        new_free = still_new;
    }
    matched.sort_unstable_by_key(|&(_, j)| j);
    Pairs {
        matched,
        old_only: old_free,
        new_only: new_free,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_then_loose_and_unique() {
        let old = ["a1", "b1", "c1", "c2"];
        let new = ["b2", "a1", "c3", "c4", "d1"];
        let exact = |s: &&str| Some((*s).to_owned());
        let letter = |s: &&str| Some(s[..1].to_owned());
        let passes = [
            Pass {
                key: &exact,
                unique: false,
            },
            Pass {
                key: &letter,
                unique: true,
            },
        ];
        let p = pair(&old, &new, (0..4).collect(), (0..5).collect(), &passes);
        // a1 = a1; b1 ~ b2 (the only b on each side); the c's are ambiguous.
        assert_eq!(p.matched, [(1, 0), (0, 1)]);
        assert_eq!(p.old_only, [2, 3]);
        assert_eq!(p.new_only, [2, 3, 4]);
    }
}
