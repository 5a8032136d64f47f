//! The arithmetic of scoring, as pure functions over counts: error rates, the 14/8-point scores,
//! rounding, 编制完整 completeness points, the Wilson interval with finite-population correction,
//! and the GB/T 2828.1 sample-size table. Nothing here knows about reports or files.

/// `z` of a two-sided 95% normal interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// An error rate `failed ÷ total`; `0` when nothing was applicable (nothing to deduct).
///
/// - 要素出错率: `failed` = failing appendix element checks, `total` = applicable ones (n/a excluded);
/// - 事项出错率: `failed` = sampled items with at least one failing appendix element, `total` = sampled items.
pub fn rate(failed: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        failed as f64 / total as f64
    }
}

/// Rounds half away from zero to `decimals` places. A tolerance of 1e-9 (in units of the last
/// place) absorbs binary noise, so `round(2.675, 2) = 2.68` as a person computing by hand expects.
pub fn round(x: f64, decimals: u32) -> f64 {
    let f = 10f64.powi(i32::try_from(decimals.min(9)).unwrap_or(9));
    let scaled = x * f;
    (scaled + scaled.signum() * 1e-9).round() / f
}

/// The accuracy score `full_marks × (1 − rate)`, never below 0, rounded to `decimals`.
///
/// 附件1 row 11 (市直部门): `14 × (1 − rate)`; 附件2 row 14 (县区): `8 × (1 − rate)`.
pub fn score(full_marks: f64, rate: f64, decimals: u32) -> f64 {
    round((full_marks * (1.0 - rate)).max(0.0), decimals).max(0.0)
}

/// 编制完整 points (附件2 rows 11–12): `max(0, 0.5 − 0.1 × missing)`, computed in tenths so that
/// five missing elements give exactly 0.
pub fn completeness_points(missing: usize) -> f64 {
    (5usize.saturating_sub(missing)) as f64 / 10.0
}

/// The 95% Wilson score interval of a proportion `x / n`, with finite-population correction when
/// the sample was drawn without replacement from a lot of known size `lot` (= N).
///
/// With `p = x/n` and `z = 1.96`:
///
/// ```text
///   f      = (N − n) / (N − 1)          finite-population correction (1 when N is unknown, 0 when n ≥ N)
///   z'²    = z² · f
///   centre = (p + z'²/(2n)) / (1 + z'²/n)
///   half   = z' / (1 + z'²/n) · √( p(1 − p)/n + z'²/(4n²) )
///   [low, high] = [centre − half, centre + half], clamped to [0, 1]
/// ```
///
/// (equivalently: Wilson's interval with the effective sample size `n·(N − 1)/(N − n)`). A census
/// (`n ≥ N`) has no sampling error: the interval is `[p, p]`. With `n = 0` nothing is known: `[0, 1]`
/// (or `[0, 0]` when the lot is known to be empty). Example: 3 errors in 20, no FPC ⇒ 0.052–0.360.
pub fn wilson(x: usize, n: usize, lot: Option<usize>) -> (f64, f64) {
    if n == 0 {
        return if lot == Some(0) {
            (0.0, 0.0)
        } else {
            (0.0, 1.0)
        };
    }
    let p = x.min(n) as f64 / n as f64;
    wilson_effective(p, n as f64, fpc(n, lot))
}

/// The finite-population correction `(N − n)/(N − 1)` of a sample of `n` from a lot of `lot`
/// (1 when the lot is unknown, 0 for a census).
pub fn fpc(n: usize, lot: Option<usize>) -> f64 {
    match lot {
        None => 1.0,
        Some(big_n) if n >= big_n => 0.0,
        Some(big_n) => (big_n - n) as f64 / (big_n - 1) as f64,
    }
}

/// [`wilson`] of a rate `p` observed over an effective sample size `n` (which need not be whole:
/// checks that cluster in items count for fewer independent draws, see
/// [`design_effect`](super::compute::design_effect)), with the finite-population correction `fpc`.
pub fn wilson_effective(p: f64, n: f64, fpc: f64) -> (f64, f64) {
    let z2 = Z95 * Z95 * fpc;
    if z2 == 0.0 || n <= 0.0 {
        return (p, p);
    }
    let nf = n;
    let denom = 1.0 + z2 / nf;
    let centre = (p + z2 / (2.0 * nf)) / denom;
    let half = z2.sqrt() / denom * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// GB/T 2828.1 general inspection level II: lot size → sample size (code letters A–Q).
const GB2828_LEVEL_II: &[(usize, usize)] = &[
    (8, 2),
    (15, 3),
    (25, 5),
    (50, 8),
    (90, 13),
    (150, 20),
    (280, 32),
    (500, 50),
    (1_200, 80),
    (3_200, 125),
    (10_000, 200),
    (35_000, 315),
    (150_000, 500),
    (500_000, 800),
];

/// The GB/T 2828.1 general-inspection-level-II sample size for a lot, never more than the lot:
/// 2–8:2, 9–15:3, 16–25:5, 26–50:8, 51–90:13, 91–150:20, 151–280:32, 281–500:50, 501–1200:80,
/// 1201–3200:125, 3201–10000:200, 10001–35000:315, 35001–150000:500, 150001–500000:800,
/// 500001+:1250. A lot of 0 or 1 is inspected whole.
pub fn gb2828_sample_size(lot: usize) -> usize {
    let n = GB2828_LEVEL_II
        .iter()
        .find(|(max, _)| lot <= *max)
        .map_or(1_250, |(_, n)| *n);
    n.min(lot)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn rates_by_hand() {
        // element rate: 7 failing of 120 applicable checks
        assert!(close(rate(7, 120), 0.058_333_333_333_333_334));
        // item rate: 4 of 20 sampled items have an error
        assert!(close(rate(4, 20), 0.2));
        assert!(close(rate(0, 0), 0.0));
        assert!(close(rate(5, 5), 1.0));
    }

    #[test]
    fn scores_by_hand() {
        // (full, rate, decimals, expected)
        let table = [
            (14.0, 0.2, 2, 11.2),          // 14 × 0.8
            (8.0, 0.2, 2, 6.4),            // 8 × 0.8
            (14.0, 7.0 / 120.0, 2, 13.18), // 14 × 113/120 = 13.18333…
            (8.0, 7.0 / 120.0, 2, 7.53),   // 8 × 113/120 = 7.53333…
            (14.0, 1.0 / 3.0, 2, 9.33),    // 9.3333…
            (14.0, 1.0 / 3.0, 0, 9.0),
            (8.0, 1.0 / 3.0, 1, 5.3), // 5.3333…
            (8.0, 0.0, 2, 8.0),
            (14.0, 1.0, 2, 0.0),
            (14.0, 1.5, 2, 0.0), // never below 0
            (8.0, 11.0 / 32.0, 2, 5.25),
        ];
        for (full, r, d, want) in table {
            assert!(
                close(score(full, r, d), want),
                "{full} × (1 − {r}) @ {d} = {} ≠ {want}",
                score(full, r, d)
            );
        }
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert!(close(round(2.675, 2), 2.68));
        assert!(close(round(0.125, 2), 0.13));
        assert!(close(round(13.183_333, 2), 13.18));
        assert!(close(round(13.185, 2), 13.19));
        assert!(close(round(9.5, 0), 10.0));
        assert!(close(round(1.234_567, 4), 1.2346));
    }

    #[test]
    fn completeness_by_hand() {
        let table = [
            (0, 0.5),
            (1, 0.4),
            (2, 0.3),
            (3, 0.2),
            (4, 0.1),
            (5, 0.0),
            (9, 0.0),
        ];
        for (missing, want) in table {
            assert!(close(completeness_points(missing), want), "{missing}");
        }
    }

    #[test]
    fn gb2828_boundaries() {
        let table = [
            (0, 0),
            (1, 1),
            (2, 2),
            (8, 2),
            (9, 3),
            (15, 3),
            (16, 5),
            (25, 5),
            (26, 8),
            (50, 8),
            (51, 13),
            (90, 13),
            (91, 20),
            (150, 20),
            (151, 32),
            (280, 32),
            (281, 50),
            (500, 50),
            (501, 80),
            (1_200, 80),
            (1_201, 125),
            (3_200, 125),
            (3_201, 200),
            (10_000, 200),
            (10_001, 315),
            (35_000, 315),
            (35_001, 500),
            (150_000, 500),
            (150_001, 800),
            (500_000, 800),
            (500_001, 1_250),
            (5_000_000, 1_250),
        ];
        for (lot, want) in table {
            assert_eq!(gb2828_sample_size(lot), want, "lot {lot}");
        }
    }

    fn r3(x: f64) -> f64 {
        (x * 1000.0).round() / 1000.0
    }

    #[test]
    fn wilson_matches_independent_values() {
        // 3 errors in 20: 5.2%–36.0% (e.g. R: prop.test(3, 20, correct = FALSE)$conf.int)
        let (lo, hi) = wilson(3, 20, None);
        assert_eq!((r3(lo), r3(hi)), (0.052, 0.360));
        // 0 of 20: [0, z²/(n + z²)] = [0, 3.8415/23.8415] = [0, 0.161]
        let (lo, hi) = wilson(0, 20, None);
        assert_eq!((r3(lo), r3(hi)), (0.0, 0.161));
        // 20 of 20: [n/(n + z²), 1] = [0.839, 1]
        let (lo, hi) = wilson(20, 20, None);
        assert_eq!((r3(lo), r3(hi)), (0.839, 1.0));
        // 1 of 10: 0.018–0.404
        let (lo, hi) = wilson(1, 10, None);
        assert_eq!((r3(lo), r3(hi)), (0.018, 0.404));
    }

    #[test]
    fn wilson_with_finite_population() {
        // census: no sampling error
        assert_eq!(wilson(3, 20, Some(20)), (0.15, 0.15));
        // 3 of 20 from a lot of 40: f = 20/39, z'² = 3.8415 × 0.51282 = 1.97000;
        // centre = (0.15 + 0.04925)/1.09850 = 0.18138; half = 1.40357/1.09850 × √(0.006375 + 0.0012313)
        //        = 1.27772 × 0.087214 = 0.11143 ⇒ 0.070–0.293
        let (lo, hi) = wilson(3, 20, Some(40));
        assert_eq!((r3(lo), r3(hi)), (0.070, 0.293));
        // narrower than without FPC, and still containing p
        let (lo0, hi0) = wilson(3, 20, None);
        assert!(lo > lo0 && hi < hi0 && lo < 0.15 && hi > 0.15);
        // a huge lot is nearly no correction
        let (lo, hi) = wilson(3, 20, Some(10_000_000));
        assert_eq!((r3(lo), r3(hi)), (0.052, 0.360));
        // nothing sampled
        assert_eq!(wilson(0, 0, None), (0.0, 1.0));
        assert_eq!(wilson(0, 0, Some(0)), (0.0, 0.0));
    }

    proptest::proptest! {
        #[test]
        fn wilson_contains_p_and_fpc_only_narrows(n in 1usize..400, x_frac in 0.0f64..=1.0, extra in 0usize..5000) {
            let x = ((n as f64) * x_frac).floor() as usize;
            let p = x as f64 / n as f64;
            let (lo, hi) = wilson(x, n, None);
            proptest::prop_assert!(0.0 <= lo && lo <= p + 1e-12 && p <= hi + 1e-12 && hi <= 1.0);
            let (flo, fhi) = wilson(x, n, Some(n + extra));
            proptest::prop_assert!(lo <= flo + 1e-12 && fhi <= hi + 1e-12);
            proptest::prop_assert!(flo <= p + 1e-12 && p <= fhi + 1e-12);
            // the score interval is ordered and within [0, full]
            let (slo, shi) = (score(14.0, hi, 2), score(14.0, lo, 2));
            proptest::prop_assert!(0.0 <= slo && slo <= score(14.0, p, 2) && score(14.0, p, 2) <= shi && shi <= 14.0);
        }
    }
}
