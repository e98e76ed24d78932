//! The lower bound a plan is measured against: a number no plan of the facility can
//! beat on the objective the plan reports ([`crate::plan::Objective::total`]):
//!
//! `total = w_tps TPS + w_split splits + w_walk walk + w_esc escort + w_imb imbalance
//!          + w_fin finish`.
//!
//! Each term is bounded from below on its own, and a sum of lower bounds of the terms
//! is a lower bound of their sum. The plans considered are those this optimiser writes
//! (the conventions of `plan.rs`): a walking wave lasts one slot; its escorts
//! (`ceil(voters / wbp_per_pengawal)`, `voters x petugas_per_wbp_risiko_tinggi` when high
//! risk) are busy for every whole minute touched by `[start - walk, end + walk)`, that is
//! `slot + 2 ceil(walk)` minutes; a visit serves one voter at a time for
//! `menit_kunjungan_per_pemilih` each.
//!
//! 1. **TPS, walking, escorts (the registration model).** Every plan gives a feasible
//!    point of the registration model (`registration_problem`): TPS per site and class
//!    `n`, voters per group and site `x`. Its rows hold for every plan: the cap; the
//!    window throughput rows (the voters whose window lies in `[a, b)` vote in the slots
//!    of `[a, b)`); the visits (a team votes its voters one after another inside the
//!    window, so a TPS visits at most `teams floor(window / menit_kunjungan)` voters);
//!    one member of an exclusive set per TPS (`sum x_u / d_u <= n`, as the member units
//!    present are at least their share of one TPS); the class minima (see
//!    `class_minimum`: each a rule applied to the whole class, the visits counting the
//!    walks between blocks a team cannot avoid). Its costs never exceed what the plan
//!    pays:
//!    - walking: `walk x` exactly;
//!    - escorts of a wave `w` with `v` voters: `e_w >= v / m` with `m = min(wbp_per_pengawal,
//!      maks_gelombang)` (a wave above `m` voters needs a second escort), busy
//!      `D_w >= slot_min + 2 ceil(walk)`: the model charges `x D / m` per voter (high risk:
//!      `x D petugas`); visits charge `officers x menit_kunjungan` per voter;
//!    - *full slots*: a slot of a TPS holds at most `sc` voters, and `v` voters of a slot
//!      need `ceil(v / m)` escorts, whose convex envelope is `env(v) = max(v / m, k + (v -
//!      k m) / r)` (`k = floor(sc / m)`, `r = sc - k m`). Summing over the `S n` slots of
//!      the `n` TPS of a site, Jensen gives `E >= S n env(U / (S n))` for its `U` voters,
//!      and with the voters `V_I` whose window lies in `I` kept in the `S_I` slots of `I`
//!      (`u >= V_I`, the envelope increasing faster there): `E - U/m >= (1/r - 1/m) V_I - k
//!      S_I (m / r - 1) n`. The escorts beyond `U / m` work at least `D_min` minutes each,
//!      the shortest `slot + 2 ceil(walk)` at that site. This is the convex floor of the
//!      model ([`super::registration::FlFloor`]).
//!
//!    So `model = min (w_tps sum n + costs)` bounds `w_tps TPS + w_walk walk + w_esc
//!    escort_of_walks_and_visit_voting` of every plan (the solver proves the optimum or
//!    returns its best bound).
//! 2. **Splits.** Blocks in several classes use at least one TPS per class:
//!    `splits >= sum_b (classes_b - 1)` plus the splits inside each class. Inside a class
//!    with `N_k` TPS, `splits >= N_k - maxparts(N_k)` ([`super::parts`], over the rows
//!    cap, day, each window and visits; the best of a few surrogates). This needs the
//!    number of TPS of each class: with `m_k` the class minima and the model's optimum
//!    using exactly `m_k` in every class, a plan either has `m_k` TPS in every class
//!    (bound `A`) or at least `sum m_k + 1` TPS (bound `B`); the bound is `min(A, B)`.
//!    - `A = model + w_split (sum_k (m_k - maxparts_k) + between) + w_imb imb_A + rest`,
//!    - `B = w_tps (sum m_k + 1) + demand_any + w_split between + rest`, with `demand_any`
//!      the least walking and escort cost over any number of TPS (the model's LP with
//!      free copies).
//!
//!    When the model's optimum is not at the class minima (sites shared between classes)
//!    or not proven, only `model + w_split between + rest` is claimed.
//! 3. **Imbalance.** With `m_k` TPS in class `k` (bound `A`), its largest load is at least
//!    `ceil(V_k / m_k)` and its smallest at most `floor(V_k / m_k)`, so
//!    `imbalance >= max_k ceil(V_k / m_k) - min_k floor(V_k / m_k)`.
//! 4. **Rest**, valid for every plan: each block with visited voters is visited at
//!    least once, its officers walking `2 ceil(walk)` to the nearest allowed site (the
//!    model counts only the voting); the day ends no earlier than the first slot end in
//!    any walking voter's window, or a visit's first voter after the visit window opens.

use crate::facility::Facility;
use crate::rules::ObjectiveWeights;

/// What the bound is made of (see the module documentation).
#[derive(Debug, Clone, PartialEq)]
pub struct Components {
    /// The registration model's proven lower bound (TPS, walking, escorts).
    pub model: f64,
    /// Whether the model was solved to optimality with exactly the class minima.
    pub at_minima: bool,
    /// TPS each class needs at least.
    pub class_min: Vec<u32>,
    /// Registered voters per class.
    pub class_voters: Vec<u32>,
    /// Splits each class has at least with its minimum of TPS.
    pub class_splits: Vec<u32>,
    /// Splits between classes (blocks with voters in several classes).
    pub between: u32,
    /// Least walking and escort cost with any number of TPS (weighted).
    pub demand_any: f64,
    /// Escort-minutes of the visits' walks every plan has.
    pub visit_walk_minutes: f64,
    /// Minutes after opening the day ends at the earliest.
    pub finish: u32,
}

/// The bound and its parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Bound {
    /// The lower bound on the objective.
    pub total: f64,
    /// A lower bound on the number of TPS.
    pub tps: u32,
    /// Splits bounded (classes and between).
    pub splits: u32,
    /// Imbalance bounded.
    pub imbalance: u32,
}

/// Least imbalance of a plan whose class `k` has exactly `class_min[k]` TPS.
pub fn imbalance_at(class_voters: &[u32], class_min: &[u32]) -> u32 {
    let mut hi = 0u32;
    let mut lo = u32::MAX;
    for (&v, &m) in class_voters.iter().zip(class_min) {
        if m == 0 {
            continue;
        }
        hi = hi.max(v.div_ceil(m));
        lo = lo.min(v / m);
    }
    if lo == u32::MAX {
        0
    } else {
        hi.saturating_sub(lo)
    }
}

/// Combines the components into the bound.
pub fn combine(c: &Components, w: &ObjectiveWeights) -> Bound {
    let rest = w.blok_terpecah * c.between as f64
        + w.menit_pengawal * c.visit_walk_minutes
        + w.menit_selesai * c.finish as f64;
    let tps: u32 = c.class_min.iter().sum();
    if !c.at_minima {
        return Bound {
            total: c.model + rest,
            tps,
            splits: c.between,
            imbalance: 0,
        };
    }
    let splits: u32 = c.class_splits.iter().sum();
    let imbalance = imbalance_at(&c.class_voters, &c.class_min);
    let a =
        c.model + w.blok_terpecah * splits as f64 + w.ketidakseimbangan * imbalance as f64 + rest;
    let b = w.tps * (tps + 1) as f64 + c.demand_any + rest;
    if a <= b {
        Bound {
            total: a,
            tps,
            splits: splits + c.between,
            imbalance,
        }
    } else {
        Bound {
            total: b,
            tps,
            splits: c.between,
            imbalance: 0,
        }
    }
}

/// The parts of the bound every plan pays whatever its registration: visits' walks and
/// the earliest end of the day (see the module documentation, item 4), and the splits
/// between classes.
pub fn fixed_parts(
    facility: &Facility,
    layout: &crate::layout::Layout,
    groups: &super::groups::Groups,
) -> (u32, f64, u32) {
    use std::collections::{BTreeMap, BTreeSet};
    let r = &facility.rules;
    let mut classes_of: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for g in &groups.groups {
        classes_of.entry(g.block).or_default().insert(g.class);
    }
    let between: u32 = classes_of
        .values()
        .map(|s| s.len().saturating_sub(1) as u32)
        .sum();
    // Per block with visited voters: officers of one visit, nearest allowed site.
    let mut visit: BTreeMap<usize, u32> = BTreeMap::new();
    for g in groups.groups.iter().filter(|g| g.mobile) {
        let o = super::capacity::visit_officers(facility, g.high_risk);
        let e = visit.entry(g.place).or_insert(o);
        *e = (*e).min(o);
    }
    let visit_walk: f64 = visit
        .iter()
        .map(|(&b, &o)| {
            let near = layout.blocks[b]
                .sites
                .iter()
                .filter_map(|&s| layout.walk(b, s))
                .fold(f64::INFINITY, f64::min);
            if near.is_finite() {
                o as f64 * 2.0 * near.ceil()
            } else {
                0.0
            }
        })
        .sum();
    let open = r.jam.buka.0 as u32;
    let mk = r.pengawalan.menit_kunjungan_per_pemilih;
    let finish = groups
        .groups
        .iter()
        .map(|g| {
            let end = if g.mobile {
                g.window.0.0 as u32 + mk.ceil().max(1.0) as u32
            } else {
                super::capacity::slots(facility)
                    .iter()
                    .filter(|s| s.start >= g.window.0 && s.end <= g.window.1)
                    .map(|s| s.end.0 as u32)
                    .min()
                    .unwrap_or(open)
            };
            end.saturating_sub(open)
        })
        .max()
        .unwrap_or(0);
    (between, visit_walk, finish)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imbalance_between_a_small_and_a_large_class_is_bounded_by_their_averages() {
        // 150 women on one TPS, 2,800 men on 11: a men's TPS holds at least 255.
        assert_eq!(imbalance_at(&[150, 2800], &[1, 11]), 255 - 150);
        assert_eq!(imbalance_at(&[600], &[2]), 0);
        assert_eq!(imbalance_at(&[601], &[2]), 1);
    }
}
