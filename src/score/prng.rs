//! A small seeded random-number generator for reproducible sampling: SplitMix64 (Steele, Lea &
//! Flood 2014) and a Fisher–Yates partial shuffle. Written out here, rather than taken from a
//! crate, so that a sample drawn today is drawn identically by any later build on any machine:
//! it depends on no crate version, hash seed or platform.

/// SplitMix64: `state += 0x9E3779B97F4A7C15`, then two xor-shift-multiply rounds.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform integer in `0..bound` (`bound > 0`), without modulo bias (rejection sampling).
    pub fn below(&mut self, bound: u64) -> u64 {
        assert!(bound > 0, "below(0)");
        let limit = u64::MAX - u64::MAX % bound;
        loop {
            let r = self.next_u64();
            if r < limit {
                return r % bound;
            }
        }
    }
}

/// FNV-1a (64-bit) of a string, used to derive one independent stream per unit and stratum from
/// the user's seed, so that adding a unit never changes another unit's sample.
pub fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

/// Draws `k` of the indices `0..n` without replacement: the first `k` positions of a Fisher–Yates
/// shuffle (for `i` in `0..k`: swap `i` with a uniform `j` in `i..n`). Returns them in draw order.
pub fn partial_shuffle(rng: &mut SplitMix64, n: usize, k: usize) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    let k = k.min(n);
    for i in 0..k {
        let j = i + rng.below((n - i) as u64) as usize;
        idx.swap(i, j);
    }
    idx.truncate(k);
    idx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_reference_values() {
        // Reference output of SplitMix64 seeded with 1234567 (from the published C code).
        let mut r = SplitMix64::new(1_234_567);
        let got: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        assert_eq!(
            got,
            [
                6_457_827_717_110_365_317,
                3_203_168_211_198_807_973,
                9_817_491_932_198_370_423
            ]
        );
    }

    #[test]
    fn partial_shuffle_draws_distinct_indices() {
        let mut r = SplitMix64::new(7);
        let s = partial_shuffle(&mut r, 50, 13);
        assert_eq!(s.len(), 13);
        let mut d = s.clone();
        d.sort_unstable();
        d.dedup();
        assert_eq!(d.len(), 13);
        assert!(s.iter().all(|&i| i < 50));
        assert_eq!(partial_shuffle(&mut SplitMix64::new(7), 3, 9).len(), 3);
    }

    #[test]
    fn below_is_roughly_uniform() {
        let mut r = SplitMix64::new(42);
        let mut counts = [0usize; 6];
        for _ in 0..60_000 {
            counts[r.below(6) as usize] += 1;
        }
        assert!(
            counts.iter().all(|&c| (9_000..11_000).contains(&c)),
            "{counts:?}"
        );
    }
}
