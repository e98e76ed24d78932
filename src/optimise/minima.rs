//! The least TPS each class needs (cap, throughput, visits, kinds that fill whole
//! slots), and the surrogate weights of the parts bound.

use super::*;

/// Surrogate weights to try for the parts bound: the day's throughput alone, every
/// other fairly full row alone, and the rows weighted by how full they are.
pub(super) fn surrogates(
    units: &[parts::PartUnit],
    rows: &parts::PartRows,
    copies: u32,
) -> Vec<Vec<f64>> {
    let n = rows.caps.len();
    let fill: Vec<f64> = (0..n)
        .map(|r| {
            let total: u32 = units.iter().map(|u| u.rows[r]).sum();
            total as f64 / (copies.max(1) as f64 * rows.caps[r].max(1) as f64)
        })
        .collect();
    let unit = |r: usize| -> Vec<f64> { (0..n).map(|i| if i == r { 1.0 } else { 0.0 }).collect() };
    let mut out = vec![unit(0)];
    // Every other row that is fairly full, fullest first.
    let mut others: Vec<usize> = (1..n).filter(|&r| fill[r] >= 0.25).collect();
    others.sort_by(|&a, &b| fill[b].total_cmp(&fill[a]));
    out.extend(others.into_iter().map(unit));
    let weighted: Vec<f64> = fill.iter().map(|f| f.powi(4)).collect();
    if weighted.iter().sum::<f64>() > 0.0 {
        out.push(weighted);
    }
    out
}

/// The least number of TPS each class needs by rules that bind every TPS alike: the
/// cap, the day's and every window's throughput on the best site, the visit time, and
/// one TPS per member of an exclusive set.
pub(super) fn class_minimum(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
    thr: &mut BTreeMap<u32, Throughput>,
) -> (Vec<u32>, Vec<ClassBound>) {
    let r = &facility.rules;
    let cap = r.tps.maks_pemilih.max(1);
    let mk = r.pengawalan.menit_kunjungan_per_pemilih;
    let visit_cap = visit_teams(facility) as f64 * visit_minutes(facility);
    let booth_options: BTreeSet<u32> = layout
        .sites
        .iter()
        .map(|s| s.booths)
        .chain(std::iter::once(r.tps.bilik))
        .collect();
    for &b in &booth_options {
        thr.entry(b)
            .or_insert_with(|| Throughput::new(facility, b, &groups.groups));
    }
    let mut mins = Vec::new();
    let mut bounds = Vec::new();
    let visit_windows = capacity::visit_intervals(facility, &groups.groups);
    for (k, key) in groups.classes.iter().enumerate() {
        let of_class = || groups.groups.iter().filter(move |g| g.class == k);
        let voters: u32 = of_class().map(|g| g.size()).sum();
        let walking: u32 = of_class().filter(|g| !g.mobile).map(|g| g.size()).sum();
        let best_day = booth_options
            .iter()
            .map(|b| thr[b].day())
            .max()
            .unwrap_or(1)
            .max(1);
        let trivial = voters.div_ceil(cap);
        let slot_most = booth_options
            .iter()
            .flat_map(|b| thr[b].per_slot.iter().copied())
            .max()
            .unwrap_or(1)
            .max(1);
        let nslots = booth_options
            .iter()
            .map(|b| thr[b].per_slot.iter().filter(|&&c| c > 0).count())
            .max()
            .unwrap_or(0) as u32;
        let own = own_slots(groups, k, slot_most);
        let throughput =
            walking
                .div_ceil(best_day)
                .max(if nslots > 0 { own.div_ceil(nslots) } else { 0 });
        let mut least = trivial.max(throughput);
        // Every window row on the site that serves it best.
        if let Some(t) = thr.get(&r.tps.bilik) {
            for &(a, b, _) in &t.intervals {
                let inside: u32 = of_class()
                    .filter(|g| !g.mobile && g.window.0 >= a && g.window.1 <= b)
                    .map(|g| g.size())
                    .sum();
                let best = booth_options
                    .iter()
                    .filter_map(|bo| {
                        thr[bo]
                            .intervals
                            .iter()
                            .find(|iv| iv.0 == a && iv.1 == b)
                            .map(|iv| iv.2)
                    })
                    .max()
                    .unwrap_or(0);
                if inside > 0 && best > 0 {
                    least = least.max(inside.div_ceil(best));
                }
            }
        }
        // Visits: the voting, plus the walks between blocks inside the window. A TPS's
        // teams save at most the walks out to their first and back from their last
        // block, so `j` TPS save at most the `2 j teams` longest single walks (a block
        // counted twice, as it may be both first and last).
        let visit: f64 = of_class()
            .filter(|g| g.mobile)
            .map(|g| g.size() as f64 * mk)
            .sum();
        if visit > 0.0 && visit_cap > 0.0 {
            let mut walks: BTreeMap<usize, f64> = BTreeMap::new();
            for g in of_class().filter(|g| g.mobile) {
                let near = layout.blocks[g.place]
                    .sites
                    .iter()
                    .filter_map(|&s| layout.walk(g.place, s))
                    .fold(f64::INFINITY, f64::min);
                if near.is_finite() {
                    walks.insert(g.place, near);
                }
            }
            let mut twice: Vec<f64> = walks.values().flat_map(|&x| [x, x]).collect();
            twice.sort_by(|a, b| b.total_cmp(a));
            let all: f64 = twice.iter().sum();
            let teams = visit_teams(facility) as usize;
            let mut j = (visit / visit_cap - 1e-9).ceil().max(1.0) as u32;
            loop {
                let saved: f64 = twice.iter().take(2 * teams * j as usize).sum();
                if visit + (all - saved) <= j as f64 * visit_cap + 1e-9 || j > 1000 {
                    break;
                }
                j += 1;
            }
            least = least.max(j);
            let visited: u32 = of_class().filter(|g| g.mobile).map(|g| g.size()).sum();
            least = least.max(visited.div_ceil(capacity::visit_voters(facility).max(1)));
            for &(a, b, fit) in &visit_windows {
                let inside: u32 = of_class()
                    .filter(|g| g.mobile && g.window.0 >= a && g.window.1 <= b)
                    .map(|g| g.size())
                    .sum();
                if inside > 0 {
                    least = least.max(inside.div_ceil(fit.max(1)));
                }
            }
        }
        for set in &groups.exclusive {
            if set.first().is_some_and(|&u| groups.units[u].class == k) {
                least = least.max(set.len() as u32);
            }
        }
        mins.push(least.max(u32::from(voters > 0)));
        bounds.push(ClassBound {
            class: key.label(),
            voters,
            trivial,
            throughput,
        });
    }
    (mins, bounds)
}

/// The fewest TPS-slots the walking voters of class `k` fill, at most `per_slot` voters
/// in a slot: voters of different kinds (sex, juvenile, high risk, officer) never share
/// a slot at a TPS, so each kind fills whole slots of its own; the members of an
/// exclusive set are at distinct TPS, so their slots are distinct too (and splitting a
/// block over TPS never saves a slot: `ceil` is subadditive).
pub(super) fn own_slots(groups: &Groups, k: usize, per_slot: u32) -> u32 {
    type Kind = (crate::model::Sex, bool, bool, bool);
    let kind = |g: &Group| (g.mix.sex, g.mix.juvenile, g.mix.high_risk, g.mix.other);
    let walking = || {
        groups
            .groups
            .iter()
            .filter(move |g| g.class == k && !g.mobile)
    };
    let mut per_kind: BTreeMap<Kind, u32> = BTreeMap::new();
    for g in walking() {
        *per_kind.entry(kind(g)).or_default() += g.size();
    }
    per_kind
        .iter()
        .map(|(key, &n)| {
            let mut least = n.div_ceil(per_slot);
            for set in &groups.exclusive {
                let apart: u32 = set
                    .iter()
                    .map(|&u| {
                        walking()
                            .filter(|g| g.unit == u && kind(g) == *key)
                            .map(|g| g.size())
                            .sum::<u32>()
                            .div_ceil(per_slot)
                    })
                    .sum();
                least = least.max(apart);
            }
            least
        })
        .sum()
}
