//! The element rate's 95% interval against the lot's true rate, when errors cluster in items as
//! they do in exports (a careless clerk fills several elements of one item badly): drawn by item,
//! the interval must widen by the design effect to cover the truth about 95% of the time.

use super::super::RateKind;
use super::super::compute::{ItemTally, ScoreOptions, UnitSums, design_effect, score_from_sums};
use super::super::prng::{SplitMix64, partial_shuffle};
use crate::unit::UnitKind;

/// Units of 60 items each: a quarter of the items careless (each check fails with 30 %), the rest
/// careful (1 %), 20–34 applicable checks an item.
fn population(rng: &mut SplitMix64, units: usize) -> Vec<Vec<ItemTally>> {
    let chance = |rng: &mut SplitMix64, percent: u64| rng.below(100) < percent;
    (0..units)
        .map(|_| {
            (0..60)
                .map(|_| {
                    let applicable = 20 + rng.below(15) as usize;
                    let percent = if chance(rng, 25) { 30 } else { 1 };
                    let failed = (0..applicable).filter(|_| chance(rng, percent)).count();
                    ItemTally {
                        applicable,
                        failed,
                        missing: 0,
                    }
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_element_rate_interval_covers_the_lot_rate_when_errors_cluster() {
    let mut rng = SplitMix64::new(20_261_130);
    let units = population(&mut rng, 20);
    let opts = ScoreOptions {
        rate_kind: RateKind::Element,
        decimals: 2,
    };
    let (mut widened, mut independent, mut total) = (0usize, 0usize, 0usize);
    for _ in 0..200 {
        // GB/T 2828.1 level II draws 13 of a lot of 60.
        let sampled: Vec<(UnitSums, f64)> = units
            .iter()
            .map(|lot| {
                let mut sums = UnitSums {
                    lot_items: lot.len(),
                    lot_checks: lot.iter().map(|t| t.applicable).sum(),
                    ..UnitSums::default()
                };
                for i in partial_shuffle(&mut rng, lot.len(), 13) {
                    sums.add_sampled(&lot[i]);
                }
                let truth =
                    lot.iter().map(|t| t.failed).sum::<usize>() as f64 / sums.lot_checks as f64;
                (sums, truth)
            })
            .collect();
        let design = design_effect(sampled.iter().map(|(s, _)| s));
        assert!(design > 1.5, "errors cluster, so D > 1: {design}");
        for (sums, truth) in &sampled {
            let inside = |d: f64| {
                let s = score_from_sums("贵池区".into(), UnitKind::County, sums, opts, d);
                s.rate_low <= *truth && *truth <= s.rate_high
            };
            total += 1;
            widened += usize::from(inside(design));
            independent += usize::from(inside(1.0));
        }
    }
    let coverage = |hits: usize| hits as f64 / total as f64;
    assert!(
        (0.93..=0.99).contains(&coverage(widened)),
        "widened by D: {:.3}",
        coverage(widened)
    );
    assert!(
        coverage(independent) < 0.88,
        "checks taken as independent cover too little: {:.3}",
        coverage(independent)
    );
}

/// Every sampled item failing exactly its share of checks: nothing clusters, D = 1, and the
/// interval is Wilson's over the checks (corrected over items).
#[test]
fn errors_spread_evenly_give_no_design_effect() {
    let mut sums = UnitSums::default();
    for _ in 0..10 {
        sums.add_sampled(&ItemTally {
            applicable: 20,
            failed: 2,
            missing: 0,
        });
    }
    let mut second = sums;
    second.add_sampled(&ItemTally {
        applicable: 20,
        failed: 2,
        missing: 0,
    });
    assert!((design_effect([&sums, &second]) - 1.0).abs() < 1e-12);
    // A unit with no error, or one item, tells nothing of clustering: D stays 1.
    let mut clean = UnitSums::default();
    clean.add_sampled(&ItemTally {
        applicable: 30,
        failed: 0,
        missing: 0,
    });
    assert!((design_effect([&clean]) - 1.0).abs() < 1e-12);
}
