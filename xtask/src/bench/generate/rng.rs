//! A small deterministic pseudo-random generator (splitmix64): the same seed gives the same
//! numbers on every machine and every run, which is all the generator needs.

/// splitmix64 (Steele, Lea and Flood): one 64-bit state, a full period, good mixing.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

/// The golden-ratio increment of splitmix64.
const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// splitmix64's finaliser: a bijective mix of 64 bits.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A stream seeded by `seed` and a stream number (e.g. an event's index): streams of different
/// numbers are independent, so record `i` is the same whatever the size of the dataset.
pub(crate) fn stream(seed: u64, n: u64) -> Rng {
    Rng(mix(seed ^ mix(n.wrapping_add(1).wrapping_mul(GAMMA))))
}

impl Rng {
    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GAMMA);
        mix(self.0)
    }

    /// A number in `0..n` (`n > 0`), by multiply-shift (no modulo bias worth mentioning).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        let wide = u128::from(self.next_u64()) * n as u128;
        usize::try_from(wide >> 64).unwrap_or(0)
    }

    /// A number in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = usize::try_from(hi - lo + 1).unwrap_or(1);
        lo + i64::try_from(self.below(span)).unwrap_or(0)
    }

    /// True with probability `per_mille / 1000`.
    pub(crate) fn chance(&mut self, per_mille: usize) -> bool {
        self.below(1000) < per_mille
    }

    /// One element of a non-empty slice.
    pub(crate) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// An index chosen by weight (`weights` not all zero).
    pub(crate) fn weighted(&mut self, weights: &[usize]) -> usize {
        let total: usize = weights.iter().sum();
        let mut x = self.below(total.max(1));
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    /// A float in `lo..hi` with four decimals (coordinates).
    pub(crate) fn coord(&mut self, lo: f64, hi: f64) -> f64 {
        let (lo, hi) = (
            (lo * 10_000.0).round() as i64,
            (hi * 10_000.0).round() as i64,
        );
        self.range(lo, hi.max(lo)) as f64 / 10_000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reproducible_and_in_range() {
        let a: Vec<u64> = (0..5).map(|_| stream(7, 3).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let mut r = stream(1, 2);
        for _ in 0..1000 {
            assert!(r.below(10) < 10);
            let v = r.range(-3, 3);
            assert!((-3..=3).contains(&v));
        }
        assert_ne!(stream(1, 2).next_u64(), stream(1, 3).next_u64());
    }
}
