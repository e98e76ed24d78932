//! The registration model built from a facility: per group and site the walking and
//! escort costs every plan pays at least, the rows of each class (cap, window
//! throughput, visits, turns), exclusive sets and class minima ([`super::registration`]
//! solves it).

use super::*;

/// Per-voter costs of registering group `g` at site `s` (weighted): the walk, and the
/// escort-minutes every voter causes at least (see [`bound`]).
pub(super) fn voter_cost(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
    g: usize,
    s: usize,
) -> f64 {
    let r = &facility.rules;
    let w = &r.bobot;
    let grp = &groups.groups[g];
    if grp.mobile {
        return w.menit_pengawal
            * visit_officers(facility, grp.high_risk) as f64
            * r.pengawalan.menit_kunjungan_per_pemilih;
    }
    let walk = layout.walk(grp.block, s).unwrap_or(0.0);
    let dur = capacity::shortest_slot(facility, grp.window) as f64 + 2.0 * walk.ceil();
    let escorts = if !grp.escorted {
        0.0
    } else if grp.high_risk {
        r.pengawalan.petugas_per_wbp_risiko_tinggi as f64
    } else {
        1.0 / capacity::escort_wave(facility) as f64
    };
    w.menit_jalan * walk + w.menit_pengawal * escorts * dur
}

/// The units of class `k` and their voters by every row that binds each TPS alike
/// (see [`parts`]): the day's walking voters, each window's walking voters, all voters
/// against the cap; capacities on the site with the most booths the class may use.
pub(super) fn class_rows(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
    k: usize,
) -> (Vec<usize>, Vec<parts::PartUnit>, parts::PartRows) {
    let units: Vec<usize> = (0..groups.units.len())
        .filter(|&u| groups.units[u].class == k)
        .collect();
    let booths = units
        .iter()
        .flat_map(|&u| layout.blocks[groups.units[u].block].sites.iter())
        .map(|&s| layout.sites[s].booths)
        .max()
        .unwrap_or(facility.rules.tps.bilik);
    let thr = Throughput::new(facility, booths, &groups.groups);
    let day = thr.day();
    let windows: Vec<(Clock, Clock, u32)> = thr
        .intervals
        .iter()
        .copied()
        .filter(|iv| iv.2 < day)
        .collect();
    let mut caps = vec![day];
    caps.extend(windows.iter().map(|iv| iv.2));
    caps.push(facility.rules.tps.maks_pemilih);
    caps.push(capacity::visit_voters(facility));
    let visit_windows = capacity::visit_intervals(facility, &groups.groups);
    caps.extend(visit_windows.iter().map(|iv| iv.2));
    let pu = units
        .iter()
        .map(|&u| {
            let gs: Vec<&groups::Group> = groups.units[u]
                .groups
                .iter()
                .map(|&g| &groups.groups[g])
                .collect();
            let walking = |a: Clock, b: Clock| -> u32 {
                gs.iter()
                    .filter(|g| !g.mobile && g.window.0 >= a && g.window.1 <= b)
                    .map(|g| g.size())
                    .sum()
            };
            let mut rows = vec![gs.iter().filter(|g| !g.mobile).map(|g| g.size()).sum()];
            rows.extend(windows.iter().map(|&(a, b, _)| walking(a, b)));
            rows.push(gs.iter().map(|g| g.size()).sum());
            rows.push(gs.iter().filter(|g| g.mobile).map(|g| g.size()).sum());
            rows.extend(visit_windows.iter().map(|&(a, b, _)| {
                gs.iter()
                    .filter(|g| g.mobile && g.window.0 >= a && g.window.1 <= b)
                    .map(|g| g.size())
                    .sum::<u32>()
            }));
            parts::PartUnit { rows }
        })
        .collect();
    (units, pu, parts::PartRows { caps })
}

/// The units' day weights with a slot added for each unit whose walking voters may not
/// meet the voters most of its class are (a turn of its own at its TPS).
pub(super) fn turn_adjusted(
    facility: &Facility,
    groups: &Groups,
    units: &[usize],
    pu: &[parts::PartUnit],
) -> Vec<parts::PartUnit> {
    let slot_cap = capacity::first_slot_capacity(facility);
    let mut by_key: BTreeMap<&groups::MixKey, u32> = BTreeMap::new();
    for &u in units {
        for &g in &groups.units[u].groups {
            let grp = &groups.groups[g];
            if !grp.mobile {
                *by_key.entry(&grp.mix).or_default() += grp.size();
            }
        }
    }
    let Some(main) = by_key.iter().max_by_key(|(_, n)| **n).map(|(k, _)| *k) else {
        return pu.to_vec();
    };
    units
        .iter()
        .zip(pu)
        .map(|(&u, p)| {
            let apart = groups.units[u].groups.iter().any(|&g| {
                let grp = &groups.groups[g];
                !grp.mobile && !grp.mix.compatible(main)
            });
            let mut rows = p.rows.clone();
            if apart {
                rows[0] += slot_cap;
            }
            parts::PartUnit { rows }
        })
        .collect()
}

/// Builds the registration model: TPS per site and class (integer), voters per group
/// and site (continuous), the per-TPS rows (cap, window throughput, visit time, one
/// member of an exclusive set), and the costs every plan pays at least for walking and
/// escorts, including the escorts forced by full slots (a convex floor per site and
/// class, see [`bound`]). Every row holds for every plan, so the optimum of this
/// model bounds `tps + walk + escort` of any plan from below (with `penalty` empty).
/// With `elastic`, adds virtual sites per class and allowed-site set whose copies cost
/// [`VIRTUAL_COST`].
pub(super) fn registration_problem(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
    elastic: bool,
    tight: &decode::Tightening,
) -> (FlProblem, Vec<ClassBound>, Vec<u32>) {
    let r = &facility.rules;
    let w = &r.bobot;
    let cap = r.tps.maks_pemilih;
    let all_slots = capacity::slots(facility);
    let mut p = FlProblem {
        classes: groups.classes.len(),
        // Continuous registration amounts: the packer cuts them into whole voters.
        integral_flow: false,
        ..FlProblem::default()
    };
    let mut booths: Vec<u32> = Vec::new();
    for s in &layout.sites {
        p.sites.push(FlSite {
            fixed_cost: w.tps,
            max_copies: s.max_tps,
        });
        booths.push(s.booths);
    }
    // Virtual sites: one per (class, allowed-site set).
    let mut virtual_of: BTreeMap<(usize, Vec<usize>), usize> = BTreeMap::new();
    if elastic {
        for g in &groups.groups {
            let key = (g.class, layout.blocks[g.block].sites.clone());
            if let std::collections::btree_map::Entry::Vacant(slot) = virtual_of.entry(key) {
                let n: u32 = groups
                    .groups
                    .iter()
                    .filter(|h| h.class == g.class && layout.blocks[h.block].sites == slot.key().1)
                    .map(|h| h.size())
                    .sum();
                p.sites.push(FlSite {
                    fixed_cost: VIRTUAL_COST,
                    max_copies: n.max(1),
                });
                booths.push(r.tps.bilik);
                slot.insert(p.sites.len() - 1);
            }
        }
    }
    for u in &groups.units {
        p.units.push(FlUnit {
            class: u.class,
            use_cost: 0.0,
            site_use_cost: Vec::new(),
        });
    }
    for (gi, g) in groups.groups.iter().enumerate() {
        let mut options = Vec::new();
        for &s in &layout.blocks[g.block].sites {
            options.push((s, voter_cost(facility, layout, groups, gi, s)));
        }
        if elastic {
            let key = (g.class, layout.blocks[g.block].sites.clone());
            options.push((virtual_of[&key], 0.0));
        }
        p.groups.push(FlGroup {
            unit: g.unit,
            demand: g.size() as f64,
            options,
        });
    }
    let unit_size: Vec<f64> = groups
        .units
        .iter()
        .map(|u| {
            u.groups
                .iter()
                .map(|&g| groups.groups[g].size() as f64)
                .sum()
        })
        .collect();
    // Rows per (site, class).
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (gi, g) in p.groups.iter().enumerate() {
        for &(s, _) in &g.options {
            pairs.insert((s, groups.groups[gi].class));
        }
    }
    let mut thr_cache: BTreeMap<u32, Throughput> = BTreeMap::new();
    let visit_windows = capacity::visit_intervals(facility, &groups.groups);
    for &(s, k) in &pairs {
        let at: Vec<usize> = (0..p.groups.len())
            .filter(|&gi| {
                groups.groups[gi].class == k && p.groups[gi].options.iter().any(|o| o.0 == s)
            })
            .collect();
        let pen = tight.penalty.get(&(s, k)).copied().unwrap_or(0);
        let plain = |per_copy: f64, flow: Vec<(usize, f64)>| FlRow {
            site: s,
            class: k,
            per_copy,
            flow,
            uses: Vec::new(),
            ends: Vec::new(),
            ends_per_copy: 0.0,
        };
        p.rows.push(plain(
            cap.saturating_sub(pen) as f64,
            at.iter().map(|&g| (g, 1.0)).collect(),
        ));
        let thr = thr_cache.entry(booths[s]).or_insert_with(|| {
            Throughput::limited(facility, booths[s], &groups.groups, tight.slot_limit)
        });
        for &(a, b, c) in &thr.intervals {
            let inside: Vec<(usize, f64)> = at
                .iter()
                .filter(|&&g| {
                    let grp = &groups.groups[g];
                    !grp.mobile && grp.window.0 >= a && grp.window.1 <= b
                })
                .map(|&g| (g, 1.0))
                .collect();
            if !inside.is_empty() && (c < cap || inside.len() < at.len()) {
                p.rows.push(plain(c.saturating_sub(pen) as f64, inside));
            }
        }
        // Visits: the teams vote their voters one after another inside the window (the
        // walks between blocks are left to the packer, which checks them exactly).
        let mobile: Vec<(usize, f64)> = at
            .iter()
            .filter(|&&g| groups.groups[g].mobile)
            .map(|&g| (g, 1.0))
            .collect();
        if !mobile.is_empty() {
            p.rows
                .push(plain(capacity::visit_voters(facility) as f64, mobile));
            // A clinic visit or a late list may not use the morning.
            for &(a, b, fit) in &visit_windows {
                let inside: Vec<(usize, f64)> = at
                    .iter()
                    .filter(|&&g| {
                        let grp = &groups.groups[g];
                        grp.mobile && grp.window.0 >= a && grp.window.1 <= b
                    })
                    .map(|&g| (g, 1.0))
                    .collect();
                if !inside.is_empty() {
                    p.rows.push(plain(fit as f64, inside));
                }
            }
        }
        // At most one member of an exclusive set per TPS: a member at the site takes
        // at least its share of one TPS.
        for set in &groups.exclusive {
            let flow: Vec<(usize, f64)> = at
                .iter()
                .filter(|&&g| set.contains(&groups.groups[g].unit))
                .map(|&g| (g, 1.0 / unit_size[groups.groups[g].unit].max(1.0)))
                .collect();
            if flow.len() > 1 {
                p.rows.push(plain(1.0, flow));
            }
        }
        // Escorts forced by full slots.
        if s < layout.sites.len() {
            let normal: Vec<usize> = at
                .iter()
                .copied()
                .filter(|&g| {
                    let grp = &groups.groups[g];
                    !grp.mobile && !grp.high_risk && grp.escorted
                })
                .collect();
            let slot_cap = thr.per_slot.iter().copied().max().unwrap_or(0);
            let env = Envelope::new(facility, slot_cap);
            if !normal.is_empty() && env.r > 0.0 {
                let d_min = normal
                    .iter()
                    .map(|&g| {
                        let grp = &groups.groups[g];
                        capacity::shortest_slot(facility, grp.window) as f64
                            + 2.0 * layout.walk(grp.block, s).unwrap_or(0.0).ceil()
                    })
                    .fold(f64::INFINITY, f64::min);
                let windows: BTreeSet<(Clock, Clock)> =
                    normal.iter().map(|&g| groups.groups[g].window).collect();
                let mut pieces = Vec::new();
                let day = (
                    windows.iter().map(|x| x.0).min().unwrap_or(Clock(0)),
                    windows.iter().map(|x| x.1).max().unwrap_or(Clock(0)),
                );
                for (a, b) in windows.iter().copied().chain(std::iter::once(day)) {
                    let slots_in = all_slots
                        .iter()
                        .filter(|q| q.start >= a && q.end <= b)
                        .count() as f64;
                    let coefs: Vec<(usize, f64)> = normal
                        .iter()
                        .filter(|&&g| {
                            let grp = &groups.groups[g];
                            grp.window.0 >= a && grp.window.1 <= b
                        })
                        .map(|&g| (g, 1.0 / env.r - 1.0 / env.m))
                        .collect();
                    if !coefs.is_empty() {
                        pieces.push((-env.k * slots_in * (env.m / env.r - 1.0), coefs));
                    }
                }
                if d_min.is_finite() && !pieces.is_empty() {
                    p.floors.push(FlFloor {
                        site: s,
                        class: k,
                        cost: w.menit_pengawal * d_min,
                        pieces,
                    });
                }
            }
        }
    }
    let (mins, bounds) = class_minimum(facility, layout, groups, &mut thr_cache);
    if !elastic {
        p.class_min_copies = mins.iter().map(|&m| m as f64).collect();
    }
    (p, bounds, mins)
}
