//! The optimiser: how many TPS, where, who registers where, and the voting-day
//! schedule, decomposed where it loses nothing:
//! 1. [`groups`]: voters split into groups by what must be kept apart; classes that may
//!    never share a TPS.
//! 2. [`registration`]: a capacitated facility-location MILP over the number of TPS per
//!    site and class (aggregated copies, strong linking rows, a per-class bound cut),
//!    the cap, the nested window throughput and the visit time per TPS. Its best bound
//!    is the plan's lower bound.
//! 3. [`decode`]: the site's groups packed into its concrete TPS.
//! 4. [`schedule`]: waves per TPS and slot under throughput, windows, wave size,
//!    time separation and escorts on duty.
//! 5. [`infeasible`]: when no plan exists, the smallest relaxation per rule family.

pub mod capacity;
pub mod decode;
pub mod groups;
pub mod infeasible;
pub mod registration;
pub mod schedule;
pub mod solver;

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use crate::layout::Layout;
use crate::model::{Facility, NodeId, RegNo, Voter};
use crate::plan::{
    BallotCount, ClassBound, Inputs, Objective, Plan, RegisteredVoter, SCHEMA, SolverReport, Stage,
    Tps, TpsClass, Wave,
};

pub use capacity::{EscortProfile, escort_profile_from_staff};
pub use infeasible::{Infeasible, Reason};
pub use solver::{Backend, Status};

use capacity::{Throughput, touched_minutes, visit_minutes, visit_officers, visit_teams};
use decode::Copy;
use groups::Groups;
use registration::{FlGroup, FlProblem, FlRow, FlSite, FlUnit};
use schedule::PlannedWave;
use solver::{SolveError, SolveSettings};

/// Where the escort capacity comes from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum EscortSource {
    /// Officers on duty with the `pengawal` role, minus KPPS seats
    /// ([`escort_profile_from_staff`]).
    #[default]
    FromStaff,
    /// A given profile (the staffing roster).
    Profile(EscortProfile),
}

/// How to plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanOptions {
    /// Wall-clock budget for the whole optimisation; the best plan found is returned.
    pub time_limit: Duration,
    /// MILP backend.
    pub backend: Backend,
    /// Relative gap at which the registration model may stop.
    pub mip_gap: f64,
    /// Escort capacity.
    pub escorts: EscortSource,
}

impl Default for PlanOptions {
    fn default() -> Self {
        Self {
            time_limit: Duration::from_secs(10),
            backend: Backend::Microlp,
            mip_gap: 1e-3,
            escorts: EscortSource::FromStaff,
        }
    }
}

const VIRTUAL_COST: f64 = 1e7;

/// Plans the TPS, registration and schedule of a facility for its eligible voters.
pub fn plan(facility: &Facility, voters: &[Voter], opts: &PlanOptions) -> Result<Plan, Infeasible> {
    let started = Instant::now();
    let layout = Layout::build(facility);
    let groups = groups::build_groups(facility, &layout, voters).map_err(|unknown| Infeasible {
        reasons: unknown
            .into_iter()
            .map(|u| Reason::UnknownBlock {
                reg_no: u.reg_no,
                block: u.block,
            })
            .collect(),
    })?;
    // Blocks with no usable site.
    let mut no_site = Vec::new();
    let mut seen = BTreeSet::new();
    for g in &groups.groups {
        let b = &layout.blocks[g.block];
        if b.sites.is_empty() && seen.insert(g.block) {
            let voters = groups
                .groups
                .iter()
                .filter(|h| h.block == g.block)
                .map(|h| h.size())
                .sum();
            no_site.push(Reason::NoSite {
                block: b.id.clone(),
                zone: b.zone.clone(),
                voters,
                closed: b.closed_sites.clone(),
                unreachable: b.unreachable_sites.clone(),
            });
        }
    }
    if !no_site.is_empty() {
        return Err(Infeasible { reasons: no_site });
    }

    // Registration, then the schedule; a TPS whose schedule leaves voters unserved
    // (time separation, escorts) tightens its site's rows and registration is solved
    // again. The last round measures the shortfall with the elastic schedule model.
    const ROUNDS: usize = 4;
    let finish = facility.rules.last_voting_minute();
    let first = facility.rules.tps.nomor_awal;
    // A TPS that may mix voters who must not meet loses part of a slot at each switch:
    // start such sites one slot lighter.
    let mut penalty: BTreeMap<(usize, usize), u32> = BTreeMap::new();
    {
        let slot_cap = capacity::slots(facility)
            .first()
            .map(|s| {
                capacity::slot_capacity(
                    facility.rules.tps.bilik,
                    s.len(),
                    capacity::minutes_per_voter(facility),
                )
            })
            .unwrap_or(0);
        let mut keys: BTreeMap<(usize, usize), BTreeSet<&groups::MixKey>> = BTreeMap::new();
        for g in groups.groups.iter().filter(|g| !g.mobile) {
            for &s in &layout.blocks[g.block].sites {
                keys.entry((s, g.class)).or_default().insert(&g.mix);
            }
        }
        for (key, set) in keys {
            if set.len() > 1 {
                penalty.insert(key, slot_cap);
            }
        }
    }
    let initial = penalty.clone();
    let mut feedback: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut reg_seconds = 0.0;
    let mut sched_seconds = 0.0;
    let mut round = 0;
    let (copies, planned, reg_status, sched_status, best_bound, class_bounds) = loop {
        round += 1;
        let reg_started = Instant::now();
        let left = opts.time_limit.saturating_sub(started.elapsed());
        let settings = SolveSettings {
            backend: opts.backend,
            time_limit: left.mul_f64(0.7).max(Duration::from_millis(50)),
            mip_gap: opts.mip_gap,
        };
        let (problem, class_bounds) =
            registration_problem(facility, &layout, &groups, false, &penalty);
        let greedy_start = decode::greedy(facility, &layout, &groups, &penalty).ok();
        let solved = match &greedy_start {
            Some(start) => {
                let mut copies: BTreeMap<(usize, usize), u32> = BTreeMap::new();
                let mut flow: BTreeMap<(usize, usize), f64> = BTreeMap::new();
                for c in start {
                    *copies.entry((c.site, c.class)).or_default() += 1;
                    for (&g, &n) in &c.parts {
                        *flow.entry((g, c.site)).or_default() += n as f64;
                    }
                }
                problem.solve_from(&settings, &copies, &flow)
            }
            None => problem.solve(&settings),
        };
        let (copies, reg_status, best_bound) = match solved {
            Ok(sol) => {
                let flow = round_flow(&groups, &sol.flow);
                match decode::decode(facility, &layout, &groups, &sol.copies, &flow, &penalty) {
                    Ok(c) => (c, sol.status, sol.best_bound),
                    Err(_) => match decode::greedy(facility, &layout, &groups, &penalty) {
                        Ok(c) => (c, Status::Heuristic, sol.best_bound),
                        Err(_) => {
                            return Err(elastic_registration(
                                facility, &layout, &groups, &settings,
                            ));
                        }
                    },
                }
            }
            Err(SolveError::Infeasible) if !feedback.is_empty() => {
                // Our own tightening made it infeasible: go back to the plain rows
                // and let the elastic schedule measure what is short.
                penalty = initial.clone();
                feedback.clear();
                round = ROUNDS - 1;
                continue;
            }
            Err(SolveError::Infeasible) => {
                return Err(elastic_registration(facility, &layout, &groups, &settings));
            }
            Err(SolveError::NoSolutionInTime) => {
                match decode::greedy(facility, &layout, &groups, &penalty) {
                    Ok(c) => (c, Status::Heuristic, None),
                    Err(_) => {
                        return Err(elastic_registration(facility, &layout, &groups, &settings));
                    }
                }
            }
            Err(SolveError::Backend(s)) => {
                return Err(Infeasible {
                    reasons: vec![Reason::Solver(s)],
                });
            }
        };
        reg_seconds += reg_started.elapsed().as_secs_f64();
        let copies = order_copies(copies);
        let sched_started = Instant::now();
        let profile = match &opts.escorts {
            EscortSource::FromStaff => escort_profile_from_staff(facility, copies.len() as u32),
            EscortSource::Profile(p) => p.clone(),
        };
        let left = opts.time_limit.saturating_sub(started.elapsed());
        let last_round = round >= ROUNDS || left < opts.time_limit / 4;
        let sched_settings = SolveSettings {
            time_limit: left.max(Duration::from_millis(100)),
            ..settings
        };
        let result = schedule::schedule(
            facility,
            &layout,
            &groups,
            &copies,
            &profile,
            &sched_settings,
            last_round,
        );
        sched_seconds += sched_started.elapsed().as_secs_f64();
        match result {
            Ok((planned, sched_status)) => {
                break (
                    copies,
                    planned,
                    reg_status,
                    sched_status,
                    best_bound,
                    class_bounds,
                );
            }
            Err(short) if !last_round => {
                for &(c, _, n) in &short.unserved {
                    let key = (copies[c].site, copies[c].class);
                    feedback.insert(key);
                    let e = penalty.entry(key).or_default();
                    *e = (*e).max(n.max(1) + *e / 2);
                }
                if short.unserved.is_empty() {
                    // Nothing to tighten: measure with the elastic model next round.
                    round = ROUNDS - 1;
                }
            }
            Err(short) => {
                let mut reasons: Vec<Reason> = short
                    .escorts
                    .iter()
                    .map(|&(from, to, officers)| Reason::Escorts { from, to, officers })
                    .collect();
                for (c, g, n) in short.unserved {
                    reasons.push(Reason::Unserved {
                        tps: first + c as u32,
                        block: groups.groups[g].block_id.clone(),
                        voters: n,
                        mobile: groups.groups[g].mobile,
                        finish,
                    });
                }
                return Err(Infeasible { reasons });
            }
        }
    };

    let mut plan = assemble(facility, voters, &layout, &groups, &copies, &planned);
    let trivial: u32 = class_bounds
        .iter()
        .map(|c| c.trivial.max(c.throughput))
        .sum();
    let w = &facility.rules.bobot;
    let blocks_with_voters = groups
        .groups
        .iter()
        .map(|g| g.block)
        .collect::<BTreeSet<_>>()
        .len();
    let own_bound = w.tps * trivial as f64;
    let lower = best_bound
        .map(|b| b - w.blok_terpecah * blocks_with_voters as f64)
        .unwrap_or(own_bound)
        .max(own_bound)
        .min(plan.objective.total);
    let total = plan.objective.total;
    plan.solver = SolverReport {
        backend: opts.backend,
        status: reg_status,
        objective: total,
        lower_bound: lower,
        gap: if total > 0.0 {
            ((total - lower) / total).max(0.0)
        } else {
            0.0
        },
        tps: plan.tps.len() as u32,
        tps_lower_bound: trivial
            .max(((lower - 1e-6) / w.tps).floor().max(0.0) as u32)
            .min(plan.tps.len() as u32),
        classes: class_bounds,
        stages: vec![
            Stage {
                name: "registrasi".to_string(),
                status: reg_status,
                seconds: reg_seconds,
            },
            Stage {
                name: "jadwal".to_string(),
                status: sched_status,
                seconds: sched_seconds,
            },
        ],
        seconds: started.elapsed().as_secs_f64(),
    };
    Ok(plan)
}

/// Rounds fractional registration amounts so each group's total is exact (largest
/// remainders first).
fn round_flow(
    groups: &Groups,
    flow: &BTreeMap<(usize, usize), f64>,
) -> BTreeMap<(usize, usize), u32> {
    let mut out = BTreeMap::new();
    let mut per_group: BTreeMap<usize, Vec<(usize, f64)>> = BTreeMap::new();
    for (&(g, s), &v) in flow {
        per_group.entry(g).or_default().push((s, v));
    }
    for (g, mut parts) in per_group {
        let total = groups.groups[g].size();
        let mut given = 0u32;
        for &(s, v) in &parts {
            let f = (v + 1e-6).floor().max(0.0) as u32;
            out.insert((g, s), f);
            given += f;
        }
        parts.sort_by(|a, b| {
            let fa = a.1 - a.1.floor();
            let fb = b.1 - b.1.floor();
            fb.total_cmp(&fa).then(a.0.cmp(&b.0))
        });
        let mut i = 0;
        while given < total && !parts.is_empty() {
            *out.entry((g, parts[i % parts.len()].0)).or_default() += 1;
            given += 1;
            i += 1;
        }
    }
    out.retain(|_, v| *v > 0);
    out
}

/// Sorts copies by site, class and size so TPS numbers follow the layout.
fn order_copies(mut copies: Vec<Copy>) -> Vec<Copy> {
    copies.sort_by_key(|c| {
        let total: u32 = c.parts.values().sum();
        (c.site, c.class, std::cmp::Reverse(total))
    });
    copies
}

/// Builds the registration model; with `elastic`, adds virtual sites per class and
/// allowed-site set whose copies cost [`VIRTUAL_COST`].
fn registration_problem(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
    elastic: bool,
    penalty: &BTreeMap<(usize, usize), u32>,
) -> (FlProblem, Vec<ClassBound>) {
    let r = &facility.rules;
    let w = &r.bobot;
    let cap = r.tps.maks_pemilih;
    let ratio = r.pengawalan.wbp_per_pengawal.max(1) as f64;
    let officers = r.pengawalan.petugas_per_wbp_risiko_tinggi as f64;
    let mk = r.pengawalan.menit_kunjungan_per_pemilih;
    let slots = capacity::slots(facility);
    let min_slot = slots.iter().map(|s| s.len()).min().unwrap_or(0) as f64;
    let mut p = FlProblem {
        classes: groups.classes.len(),
        // Continuous registration amounts: far easier for branch and bound; the
        // decoder rounds them and repairs any remainder under the per-TPS rules.
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
            use_cost: w.blok_terpecah.max(1e-3),
            site_use_cost: Vec::new(),
        });
    }
    for g in &groups.groups {
        let mut options = Vec::new();
        for &s in &layout.blocks[g.block].sites {
            let walk = layout.walk(g.block, s).unwrap_or(0.0);
            let cost = if g.mobile {
                w.menit_pengawal * visit_officers(facility, g.high_risk) as f64 * mk
            } else {
                let per_voter = if g.high_risk { officers } else { 1.0 / ratio };
                w.menit_jalan * walk + w.menit_pengawal * per_voter * (min_slot + 2.0 * walk)
            };
            options.push((s, cost));
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
    // Rows per (site, class).
    let visit_cap = visit_teams(facility) as f64 * visit_minutes(facility);
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (gi, g) in p.groups.iter().enumerate() {
        for &(s, _) in &g.options {
            pairs.insert((s, groups.groups[gi].class));
        }
    }
    let mut thr_cache: BTreeMap<u32, Throughput> = BTreeMap::new();
    for &(s, k) in &pairs {
        let at: Vec<usize> = (0..p.groups.len())
            .filter(|&gi| {
                groups.groups[gi].class == k && p.groups[gi].options.iter().any(|o| o.0 == s)
            })
            .collect();
        let pen = penalty.get(&(s, k)).copied().unwrap_or(0);
        p.rows.push(FlRow {
            site: s,
            class: k,
            per_copy: cap.saturating_sub(pen) as f64,
            flow: at.iter().map(|&g| (g, 1.0)).collect(),
            uses: Vec::new(),
        });
        let thr = thr_cache
            .entry(booths[s])
            .or_insert_with(|| Throughput::new(facility, booths[s], &groups.groups));
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
                p.rows.push(FlRow {
                    site: s,
                    class: k,
                    per_copy: c.saturating_sub(pen) as f64,
                    flow: inside,
                    uses: Vec::new(),
                });
            }
        }
        let mobile: Vec<usize> = at
            .iter()
            .copied()
            .filter(|&g| groups.groups[g].mobile)
            .collect();
        if !mobile.is_empty() {
            let mut uses: BTreeMap<usize, f64> = BTreeMap::new();
            for &g in &mobile {
                let grp = &groups.groups[g];
                let walk = if s < layout.sites.len() {
                    layout.walk(grp.block, s).unwrap_or(0.0)
                } else {
                    0.0
                };
                *uses.entry(grp.unit).or_default() += 2.0 * walk;
            }
            p.rows.push(FlRow {
                site: s,
                class: k,
                per_copy: visit_cap,
                flow: mobile.iter().map(|&g| (g, mk)).collect(),
                uses: uses.into_iter().filter(|(_, v)| *v > 0.0).collect(),
            });
        }
    }
    // Class bounds.
    let mut bounds = Vec::new();
    for (k, key) in groups.classes.iter().enumerate() {
        let voters: u32 = groups
            .groups
            .iter()
            .filter(|g| g.class == k)
            .map(|g| g.size())
            .sum();
        let walking: u32 = groups
            .groups
            .iter()
            .filter(|g| g.class == k && !g.mobile)
            .map(|g| g.size())
            .sum();
        let mut best_day = 1;
        for b in layout
            .sites
            .iter()
            .map(|s| s.booths)
            .chain(std::iter::once(r.tps.bilik))
        {
            let d = thr_cache
                .entry(b)
                .or_insert_with(|| Throughput::new(facility, b, &groups.groups))
                .day();
            best_day = best_day.max(d);
        }
        let trivial = voters.div_ceil(cap.max(1));
        let throughput = walking.div_ceil(best_day);
        p.class_min_copies.push(trivial.max(throughput) as f64);
        bounds.push(ClassBound {
            class: key.label(),
            voters,
            trivial,
            throughput,
        });
    }
    if elastic {
        p.class_min_copies.clear();
    }
    (p, bounds)
}

/// Solves the elastic registration model and explains which voters need more TPS.
fn elastic_registration(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
    settings: &SolveSettings,
) -> Infeasible {
    let (p, _) = registration_problem(facility, layout, groups, true, &BTreeMap::new());
    let sol = match p.solve(settings) {
        Ok(s) => s,
        Err(e) => {
            return Infeasible {
                reasons: vec![Reason::Solver(format!("{e:?}"))],
            };
        }
    };
    let nsites = layout.sites.len();
    let mut reasons = Vec::new();
    for (&(s, k), &n) in &sol.copies {
        if s < nsites {
            continue;
        }
        // Which groups use this virtual site.
        let users: Vec<usize> = sol
            .flow
            .keys()
            .filter(|(g, site)| *site == s && groups.groups[*g].class == k)
            .map(|(g, _)| *g)
            .collect();
        let Some(&first) = users.first() else {
            continue;
        };
        let allowed = &layout.blocks[groups.groups[first].block].sites;
        let blocks: BTreeSet<NodeId> = groups
            .groups
            .iter()
            .filter(|g| g.class == k && &layout.blocks[g.block].sites == allowed)
            .map(|g| g.block_id.clone())
            .collect();
        let voters = groups
            .groups
            .iter()
            .filter(|g| g.class == k && blocks.contains(&g.block_id))
            .map(|g| g.size())
            .sum();
        reasons.push(Reason::MoreTps {
            blocks: blocks.into_iter().collect(),
            voters,
            class: groups.classes[k].label(),
            sites: allowed
                .iter()
                .map(|&i| layout.sites[i].id.clone())
                .collect(),
            extra: n,
            finish: facility.rules.last_voting_minute(),
        });
    }
    if reasons.is_empty() {
        reasons.push(Reason::Solver(
            "model registrasi tidak layak tetapi model elastis tidak menunjukkan kekurangan"
                .to_string(),
        ));
    }
    Infeasible { reasons }
}

/// Names the voters, builds TPS and waves, and evaluates the objective.
fn assemble(
    facility: &Facility,
    voters: &[Voter],
    layout: &Layout,
    groups: &Groups,
    copies: &[Copy],
    planned: &[PlannedWave],
) -> Plan {
    let r = &facility.rules;
    let first = r.tps.nomor_awal;
    let by_reg: BTreeMap<&RegNo, &Voter> = voters.iter().map(|v| (&v.reg_no, v)).collect();
    // Split each group's voters over its copies in TPS order.
    let mut next: Vec<usize> = vec![0; groups.groups.len()];
    let mut names: BTreeMap<(usize, usize), Vec<RegNo>> = BTreeMap::new();
    for (c, copy) in copies.iter().enumerate() {
        for (&g, &n) in &copy.parts {
            let list = &groups.groups[g].voters;
            let from = next[g];
            let to = (from + n as usize).min(list.len());
            names.insert((c, g), list[from..to].to_vec());
            next[g] = to;
        }
    }
    let mut tps = Vec::new();
    for (c, copy) in copies.iter().enumerate() {
        let mut regs: Vec<RegisteredVoter> = Vec::new();
        let mut vs: Vec<&Voter> = Vec::new();
        for &g in copy.parts.keys() {
            let grp = &groups.groups[g];
            for reg in names.get(&(c, g)).into_iter().flatten() {
                regs.push(RegisteredVoter {
                    reg_no: reg.clone(),
                    block: grp.block_id.clone(),
                    // A visit group may hold several lists: each voter keeps their own.
                    category: by_reg.get(reg).map_or(grp.category, |v| v.category),
                    mobile: grp.mobile,
                });
                if let Some(v) = by_reg.get(reg) {
                    vs.push(v);
                }
            }
        }
        regs.sort_by(|a, b| a.reg_no.cmp(&b.reg_no));
        let uniform = |f: &dyn Fn(&Voter) -> String| {
            let set: BTreeSet<String> = vs.iter().map(|v| f(v)).collect();
            (set.len() == 1).then(|| set.into_iter().next().unwrap_or_default())
        };
        let sex = uniform(&|v| v.sex.to_string()).and_then(|s| s.parse().ok());
        let juvenile = uniform(&|v| v.juvenile.to_string()).map(|s| s == "true");
        let high_risk = uniform(&|v| v.high_risk.to_string()).map(|s| s == "true");
        let ballots = crate::eligibility::ballot_needs(r, &vs)
            .into_iter()
            .map(|n| BallotCount {
                code: n.code,
                voters: n.voters,
                reserve: n.reserve,
                total: n.total,
            })
            .collect();
        tps.push(Tps {
            number: first + c as u32,
            site: layout.sites[copy.site].id.clone(),
            class: TpsClass {
                label: groups.classes[copy.class].label(),
                sex,
                juvenile,
                high_risk,
            },
            booths: layout.sites[copy.site].booths,
            boxes: r.tps.kotak,
            voters: regs,
            ballots,
        });
    }
    // Waves: name voters in time order.
    let mut order: Vec<&PlannedWave> = planned.iter().collect();
    order.sort_by_key(|w| (w.start, w.copy, w.group, w.mobile));
    let mut taken: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut waves = Vec::new();
    let mut walk_minutes = 0.0;
    let mut escort_minutes = 0.0;
    for w in order {
        let list = names.get(&(w.copy, w.group)).cloned().unwrap_or_default();
        let from = *taken.get(&(w.copy, w.group)).unwrap_or(&0);
        let to = (from + w.voters as usize).min(list.len());
        taken.insert((w.copy, w.group), to);
        let grp = &groups.groups[w.group];
        let walk = layout.walk(grp.block, copies[w.copy].site).unwrap_or(0.0);
        if !w.mobile {
            walk_minutes += walk * w.voters as f64;
        }
        let (a, b) = touched_minutes(w.start.0 as f64 - walk, w.end.0 as f64 + walk);
        escort_minutes += w.escorts as f64 * (b - a) as f64;
        waves.push(Wave {
            start: w.start,
            end: w.end,
            tps: first + w.copy as u32,
            block: grp.block_id.clone(),
            voters: w.voters,
            reg_nos: list[from..to].to_vec(),
            escorts: w.escorts,
            mobile: w.mobile,
        });
    }
    // Objective.
    let mut per_block: BTreeMap<&NodeId, BTreeSet<u32>> = BTreeMap::new();
    for t in &tps {
        for v in &t.voters {
            per_block.entry(&v.block).or_default().insert(t.number);
        }
    }
    let splits: u32 = per_block.values().map(|s| s.len() as u32 - 1).sum();
    let loads: Vec<u32> = tps.iter().map(|t| t.voters.len() as u32).collect();
    let imbalance = match (loads.iter().max(), loads.iter().min()) {
        (Some(a), Some(b)) => a - b,
        _ => 0,
    };
    let finish_minutes = waves
        .iter()
        .map(|w| w.end.0.saturating_sub(r.jam.buka.0) as u32)
        .max()
        .unwrap_or(0);
    let wt = &r.bobot;
    let objective = Objective {
        tps: tps.len() as u32,
        block_splits: splits,
        walk_voter_minutes: walk_minutes,
        escort_minutes,
        imbalance,
        finish_minutes,
        total: wt.tps * tps.len() as f64
            + wt.blok_terpecah * splits as f64
            + wt.menit_jalan * walk_minutes
            + wt.menit_pengawal * escort_minutes
            + wt.ketidakseimbangan * imbalance as f64
            + wt.menit_selesai * finish_minutes as f64,
    };
    Plan {
        schema: SCHEMA,
        facility: facility.info.code.clone(),
        facility_name: facility.info.name.clone(),
        ruleset: r.nama.clone(),
        election_date: facility.election_date(),
        inputs: Inputs {
            dir: facility.dir.clone(),
            scenario: facility.scenario.name.clone(),
            voters: voters.len(),
            voters_digest: crate::plan::voters_digest(voters),
        },
        tps,
        waves,
        objective,
        staffing: None,
        solver: SolverReport {
            backend: Backend::Microlp,
            status: Status::Heuristic,
            objective: 0.0,
            lower_bound: 0.0,
            gap: 0.0,
            tps: 0,
            tps_lower_bound: 0,
            classes: Vec::new(),
            stages: Vec::new(),
            seconds: 0.0,
        },
    }
}
