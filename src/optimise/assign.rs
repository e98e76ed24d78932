//! From parts to TPS: the registration a plan uses. The registration model fixes how
//! many TPS of each class stand at each site; the parts of [`super::parts`] (and the
//! connected pieces of simpler registrations) are candidate *components*: a set of
//! blocks served by `j` TPS of their own, which costs `j - 1` splits. A small set
//! partitioning model picks the components (fewest TPS, then fewest splits, then the
//! least walking and escort cost of keeping the blocks together), a transportation
//! model puts their TPS on sites, and each component's blocks are poured into its TPS
//! one after another (a block cut only where a TPS is full), every TPS checked by the
//! packer's rules.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use good_lp::{Expression, ProblemVariables, Variable, constraint, variable};

use crate::facility::Facility;
use crate::layout::Layout;

use super::decode::{Copy, Packer, Tightening};
use super::groups::Groups;
use super::solver::{Backend, Milp, SolveSettings, solve};

/// What a candidate component costs and needs.
#[derive(Debug, Clone)]
struct Column {
    /// Units (global indices), sorted.
    units: Vec<usize>,
    /// TPS it needs.
    copies: u32,
    /// Sites every unit of it may use (among the class's sites).
    sites: Vec<usize>,
    /// Walking and escort cost above each unit's cheapest site.
    extra: f64,
}

/// Per-voter cost of group `g` at site `s`.
pub type CostFn<'a> = &'a dyn Fn(usize, usize) -> f64;

/// Builds the TPS of every class from candidate partitions of its units. `copies`
/// holds the registration model's TPS per (site, class); `candidates` whole partitions
/// per class (global unit indices). Each part gets the TPS the packer needs for it; the
/// partition with the least TPS, splits and extra cost that fits the sites is built.
/// `None` when some class cannot be built this way.
#[allow(clippy::too_many_arguments)]
pub fn build(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
    copies: &BTreeMap<(usize, usize), u32>,
    candidates: &BTreeMap<usize, Vec<Vec<Vec<usize>>>>,
    tight: &Tightening,
    cost: CostFn<'_>,
    time_limit: Duration,
) -> Option<Vec<Copy>> {
    let w = &facility.rules.bobot;
    let mut packer = Packer::new(facility, layout, groups);
    packer.tighten(tight);
    let mut out = Vec::new();
    let classes: BTreeSet<usize> = copies.keys().map(|&(_, k)| k).collect();
    let per_class = time_limit / (classes.len().max(1) as u32);
    for k in classes {
        let class_sites: Vec<usize> = copies
            .keys()
            .filter(|(_, kk)| *kk == k)
            .map(|&(s, _)| s)
            .collect();
        let site_room: BTreeMap<usize, u32> = class_sites
            .iter()
            .map(|&s| {
                let others: u32 = copies
                    .iter()
                    .filter(|((ss, kk), _)| *ss == s && *kk != k)
                    .map(|(_, &n)| n)
                    .sum();
                (s, layout.sites[s].max_tps.saturating_sub(others))
            })
            .collect();
        let room: u32 = site_room.values().sum();
        let units: BTreeSet<usize> = (0..groups.units.len())
            .filter(|&u| groups.units[u].class == k)
            .collect();
        let unit_best = |u: usize, allowed: &[usize]| -> f64 {
            groups.units[u]
                .groups
                .iter()
                .map(|&g| {
                    let d = groups.groups[g].size() as f64;
                    allowed
                        .iter()
                        .map(|&s| cost(g, s))
                        .fold(f64::INFINITY, f64::min)
                        * d
                })
                .sum()
        };
        let mut cache: BTreeMap<Vec<usize>, Option<Column>> = BTreeMap::new();
        let mut best: Option<(f64, Vec<Column>)> = None;
        for partition in candidates.get(&k).into_iter().flatten() {
            // A partition must cover the class's units exactly.
            let covered: BTreeSet<usize> = partition.iter().flatten().copied().collect();
            if covered != units || partition.iter().map(|p| p.len()).sum::<usize>() != units.len() {
                continue;
            }
            let mut cols = Vec::new();
            let mut ok = true;
            for part in partition {
                let mut set = part.clone();
                set.sort_unstable();
                let col = cache
                    .entry(set.clone())
                    .or_insert_with(|| {
                        let common: Vec<usize> = class_sites
                            .iter()
                            .copied()
                            .filter(|s| {
                                set.iter().all(|&u| {
                                    layout.blocks[groups.units[u].block].sites.contains(s)
                                })
                            })
                            .collect();
                        if common.is_empty() {
                            return None;
                        }
                        let j = copies_needed(&mut packer, groups, &set, &common, room)?;
                        let extra: f64 = set
                            .iter()
                            .map(|&u| {
                                unit_best(u, &common)
                                    - unit_best(u, &layout.blocks[groups.units[u].block].sites)
                            })
                            .sum();
                        Some(Column {
                            units: set.clone(),
                            copies: j,
                            sites: common,
                            extra: extra.max(0.0),
                        })
                    })
                    .clone();
                match col {
                    Some(c) => cols.push(c),
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            let used: u32 = cols.iter().map(|c| c.copies).sum();
            if !ok || used > room {
                continue;
            }
            let score: f64 = cols
                .iter()
                .map(|c| {
                    w.tps * c.copies as f64 + w.blok_terpecah * (c.copies - 1) as f64 + c.extra
                })
                .sum();
            if best.as_ref().is_none_or(|b| score < b.0) {
                best = Some((score, cols));
            }
        }
        let (_, chosen) = best?;
        let chosen: Vec<&Column> = chosen.iter().collect();
        let placed = place_components(groups, &chosen, &site_room, cost, per_class)?;
        for (col, sites) in chosen.iter().zip(placed) {
            out.extend(pour(&mut packer, groups, &col.units, &sites, cost)?);
        }
    }
    Some(out)
}

/// TPS a unit set needs at one of `sites` (the packer pours it; the smallest count that
/// takes all of it, from what its voters need by the cap and the day).
fn copies_needed(
    packer: &mut Packer,
    groups: &Groups,
    set: &[usize],
    sites: &[usize],
    most: u32,
) -> Option<u32> {
    let voters: u32 = set
        .iter()
        .flat_map(|&u| groups.units[u].groups.iter())
        .map(|&g| groups.groups[g].size())
        .sum();
    let cap = packer.cap().max(1);
    let start = voters.div_ceil(cap).max(1);
    // The site with the most booths pours best.
    let site = *sites
        .iter()
        .max_by_key(|&&s| (packer.day_capacity(s), std::cmp::Reverse(s)))?;
    for j in start..=most.max(start) {
        let copies: Vec<usize> = vec![site; j as usize];
        if pour_check(packer, groups, set, &copies) {
            return Some(j);
        }
        if j > start + 3 {
            break;
        }
    }
    None
}

fn unit_parts(groups: &Groups, u: usize) -> Vec<(usize, u32)> {
    groups.units[u]
        .groups
        .iter()
        .map(|&g| (g, groups.groups[g].size()))
        .collect()
}

/// Whether the units pour into TPS at `sites` (one entry per TPS).
fn pour_check(packer: &mut Packer, groups: &Groups, set: &[usize], sites: &[usize]) -> bool {
    let before = packer.copies.len();
    let room = packer.room.clone();
    let class = groups.units[set[0]].class;
    let ids: Vec<usize> = sites
        .iter()
        .filter_map(|&s| {
            packer.room[s] += 1;
            packer.open(s, class)
        })
        .collect();
    let mut left_any = false;
    // Largest units first, spilling over into the next TPS.
    let mut order: Vec<usize> = set.to_vec();
    order.sort_by_key(|&u| {
        let n: u32 = unit_parts(groups, u).iter().map(|p| p.1).sum();
        (std::cmp::Reverse(n), u)
    });
    for u in order {
        let left = packer.place_unit(&unit_parts(groups, u), &ids);
        if !left.is_empty() {
            left_any = true;
            break;
        }
    }
    packer.copies.truncate(before);
    packer.room = room;
    !left_any
}

/// Puts the TPS of the chosen components on sites (a transportation problem, integral
/// at its LP optimum): component `c` needs `copies` TPS at its allowed sites, a site
/// holds its room; the cost of a TPS is its share of the component's voters' costs there.
fn place_components(
    groups: &Groups,
    chosen: &[&Column],
    room: &BTreeMap<usize, u32>,
    cost: CostFn<'_>,
    time_limit: Duration,
) -> Option<Vec<Vec<usize>>> {
    let mut pv = ProblemVariables::new();
    let mut vars: Vec<Vec<(usize, Variable)>> = Vec::new();
    let mut objective = Expression::from(0.0);
    let mut rows = Vec::new();
    let mut per_site: BTreeMap<usize, Expression> = BTreeMap::new();
    for c in chosen {
        let mut mine = Vec::new();
        let mut sum = Expression::from(0.0);
        for &s in &c.sites {
            let v = pv.add(variable().integer().min(0.0).max(c.copies as f64));
            let per_tps: f64 = c
                .units
                .iter()
                .flat_map(|&u| groups.units[u].groups.iter())
                .map(|&g| groups.groups[g].size() as f64 * cost(g, s))
                .sum::<f64>()
                / c.copies as f64;
            objective += per_tps * v;
            sum += v;
            *per_site.entry(s).or_default() += v;
            mine.push((s, v));
        }
        rows.push(constraint!(sum == c.copies as f64));
        vars.push(mine);
    }
    for (s, e) in per_site {
        let r = room.get(&s).copied().unwrap_or(0) as f64;
        rows.push(constraint!(e <= r));
    }
    let read: Vec<Variable> = vars.iter().flatten().map(|p| p.1).collect();
    let settings = SolveSettings {
        backend: Backend::Microlp,
        time_limit: time_limit.max(Duration::from_millis(20)),
        mip_gap: 1e-6,
    };
    let solved = solve(
        Milp {
            vars: pv,
            objective,
            constraints: rows,
            warm: Vec::new(),
        },
        &read,
        &settings,
    )
    .ok()?;
    let mut it = solved.values.into_iter();
    let mut out = Vec::new();
    for mine in vars {
        let mut sites = Vec::new();
        for (s, _) in mine {
            let n = it.next().unwrap_or(0.0).round().max(0.0) as usize;
            sites.extend(std::iter::repeat_n(s, n));
        }
        out.push(sites);
    }
    Some(out)
}

/// Pours a component's units into TPS at `sites` two ways (TPS by TPS, each taking the
/// units that prefer its site most and the last one cut where the TPS is full; largest
/// units first, whole where one TPS takes them), keeping the one with fewer splits,
/// then the lower cost. `None` when neither places every voter.
fn pour(
    packer: &mut Packer,
    groups: &Groups,
    set: &[usize],
    sites: &[usize],
    cost: CostFn<'_>,
) -> Option<Vec<Copy>> {
    let mut best: Option<(usize, f64, Vec<Copy>)> = None;
    for way in 0..2 {
        let before = packer.copies.len();
        let room = packer.room.clone();
        let done = if way == 0 {
            pour_by_preference(packer, groups, set, sites, cost)
        } else {
            pour_largest_first(packer, groups, set, sites)
        };
        let built: Vec<Copy> = packer.copies[before..]
            .iter()
            .filter(|c| !c.parts.is_empty())
            .cloned()
            .collect();
        packer.copies.truncate(before);
        packer.room = room;
        if !done {
            continue;
        }
        let mut tps_of: BTreeMap<usize, usize> = BTreeMap::new();
        let mut c_total = 0.0;
        for c in &built {
            let units: BTreeSet<usize> = c.parts.keys().map(|&g| groups.groups[g].unit).collect();
            for u in units {
                *tps_of.entry(u).or_default() += 1;
            }
            for (&g, &n) in &c.parts {
                c_total += n as f64 * cost(g, c.site);
            }
        }
        let splits: usize = tps_of.values().map(|n| n - 1).sum();
        if best.as_ref().is_none_or(|b| (splits, c_total) < (b.0, b.1)) {
            best = Some((splits, c_total, built));
        }
    }
    let (_, _, built) = best?;
    // Commit the chosen pouring to the packer.
    for c in &built {
        if let Some(id) = packer.open(c.site, c.class) {
            packer.copies[id].parts = c.parts.clone();
        }
    }
    Some(built)
}

fn open_all(
    packer: &mut Packer,
    groups: &Groups,
    set: &[usize],
    sites: &[usize],
) -> Option<Vec<usize>> {
    let class = groups.units[set[0]].class;
    let ids: Vec<usize> = sites
        .iter()
        .filter_map(|&s| packer.open(s, class))
        .collect();
    (ids.len() == sites.len()).then_some(ids)
}

fn pour_largest_first(
    packer: &mut Packer,
    groups: &Groups,
    set: &[usize],
    sites: &[usize],
) -> bool {
    let Some(ids) = open_all(packer, groups, set, sites) else {
        return false;
    };
    let mut order: Vec<usize> = set.to_vec();
    order.sort_by_key(|&u| {
        let n: u32 = unit_parts(groups, u).iter().map(|p| p.1).sum();
        (std::cmp::Reverse(n), u)
    });
    order
        .into_iter()
        .all(|u| packer.place_unit(&unit_parts(groups, u), &ids).is_empty())
}

fn pour_by_preference(
    packer: &mut Packer,
    groups: &Groups,
    set: &[usize],
    sites: &[usize],
    cost: CostFn<'_>,
) -> bool {
    let Some(ids) = open_all(packer, groups, set, sites) else {
        return false;
    };
    let unit_cost = |u: usize, s: usize| -> f64 {
        groups.units[u]
            .groups
            .iter()
            .map(|&g| groups.groups[g].size() as f64 * cost(g, s))
            .sum::<f64>()
    };
    let mut left: BTreeMap<usize, Vec<(usize, u32)>> =
        set.iter().map(|&u| (u, unit_parts(groups, u))).collect();
    // TPS in order; each takes first a unit already cut, then the units that lose most
    // elsewhere.
    for (i, &c) in ids.iter().enumerate() {
        let here = packer.copies[c].site;
        let later: Vec<usize> = ids[i + 1..]
            .iter()
            .map(|&d| packer.copies[d].site)
            .collect();
        let mut order: Vec<usize> = left.keys().copied().collect();
        order.sort_by(|&a, &b| {
            let pa = pref(a, here, &later, &unit_cost);
            let pb = pref(b, here, &later, &unit_cost);
            let ca = is_cut(groups, &left, a);
            let cb = is_cut(groups, &left, b);
            cb.cmp(&ca).then(pb.total_cmp(&pa)).then(a.cmp(&b))
        });
        for u in order {
            let parts = left.get(&u).cloned().unwrap_or_default();
            let mut rest = Vec::new();
            for (g, n) in parts {
                let k = packer.max_fit(c, g).min(n);
                if k > 0 {
                    *packer.copies[c].parts.entry(g).or_default() += k;
                }
                if n > k {
                    rest.push((g, n - k));
                }
            }
            if rest.is_empty() {
                left.remove(&u);
            } else {
                left.insert(u, rest);
            }
        }
    }
    left.is_empty()
}

fn is_cut(groups: &Groups, left: &BTreeMap<usize, Vec<(usize, u32)>>, u: usize) -> bool {
    let whole: u32 = groups.units[u]
        .groups
        .iter()
        .map(|&g| groups.groups[g].size())
        .sum();
    let now: u32 = left
        .get(&u)
        .map(|p| p.iter().map(|x| x.1).sum())
        .unwrap_or(0);
    now < whole
}

/// How much a unit prefers site `here` over the cheapest of the sites still to come.
fn pref(u: usize, here: usize, later: &[usize], unit_cost: &dyn Fn(usize, usize) -> f64) -> f64 {
    let now = unit_cost(u, here);
    let best_later = later
        .iter()
        .map(|&s| unit_cost(u, s))
        .fold(f64::INFINITY, f64::min);
    if best_later.is_finite() {
        best_later - now
    } else {
        0.0
    }
}
