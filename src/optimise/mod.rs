//! The optimiser: how many TPS, where, who registers where, and the voting-day
//! schedule, decomposed where it loses nothing and measured against a proven bound:
//! 1. [`groups`]: voters split into groups by what must be kept apart; classes that may
//!    never share a TPS; exclusive sets (blocks kept apart from each other only).
//! 2. [`registration`] (built by `registration_problem`): a capacitated
//!    facility-location MILP over the number of TPS per site and class (integer,
//!    aggregated copies) and the voters per group and site (continuous), with every rule
//!    that binds each TPS (cap, window throughput, visits, exclusive sets, class minima)
//!    and the costs every plan pays at least (walking, escorts per voter, escorts forced
//!    by full slots). It has no split binaries, so it solves in milliseconds; its optimum
//!    fixes the TPS per site and is the core of the bound.
//! 3. [`assign`], [`decode`], [`improve`]: the concrete TPS. Candidate partitions of each
//!    class's blocks into *parts* (a subset sum per part, [`parts::greedy_partition`];
//!    the pieces of the decoded model and of the greedy) are poured into TPS at the
//!    model's sites; a local search (close, merge, relocate, swap) polishes the best.
//!    [`reassign`] moves whole blocks between sites by the model's own costs (the
//!    escorts full slots force included), from the model's amounts and from that best
//!    registration, each site checked by the packer's rules.
//! 4. [`schedule`]: waves per TPS and slot under throughput, windows, wave size, turns of
//!    voters who may not meet, and escorts on duty; escort-efficient waves, spread over
//!    the day; an exact elastic model for small days and to measure what is short. Every
//!    candidate registration is scheduled and the plan with the lowest objective kept.
//!    A schedule that leaves voters tightens the registration (one escort's wave per
//!    slot, then less room at the TPS concerned) and it is built again.
//! 5. [`bound`], [`parts`]: the lower bound of the objective the plan reports (model,
//!    splits by a configuration LP over parts, imbalance, visits, end of day), computed
//!    after the plan so the parts bound can stop once it proves the plan's pieces.
//! 6. [`infeasible`]: when no plan exists, the smallest relaxation per rule family.

pub mod assign;
pub mod bound;
pub mod capacity;
pub mod decode;
pub mod groups;
pub mod improve;
pub mod infeasible;
pub mod parts;
pub mod reassign;
pub mod registration;
pub mod schedule;
pub mod solver;

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use crate::facility::Facility;
use crate::layout::Layout;
use crate::model::{Clock, NodeId, RegNo, Voter};
use crate::plan::{
    BallotCount, ClassBound, Inputs, Objective, Plan, RegisteredVoter, SCHEMA, SolverReport, Stage,
    Tps, TpsClass, Wave,
};

pub use capacity::{EscortProfile, escort_profile_from_staff};
pub use infeasible::{Infeasible, Reason};
pub use solver::{Backend, Status};

use assign::CostFn;
use capacity::{Envelope, Throughput, touched_minutes, visit_minutes, visit_officers, visit_teams};
use decode::Copy;
use groups::{Group, Groups};
use registration::{FlFloor, FlGroup, FlProblem, FlRow, FlSite, FlUnit};
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
    /// Relative gap to the proven lower bound under which a plan is good enough: its
    /// status is then `gap_limit` (`optimal` when the bound is met).
    pub mip_gap: f64,
    /// Escort capacity.
    pub escorts: EscortSource,
    /// Officers to be requested, per minute of the day (empty: none): added to the
    /// escort capacity, so a roster short of escorts still gets a schedule (the
    /// staffing step then names what it lacks as requests).
    pub requested_escorts: Vec<u32>,
    /// Accept a schedule that needs more escorts than the roster has (the smallest
    /// shortfall the elastic schedule finds): every voter is served and the staffing
    /// step lists the officers missing as requests.
    pub accept_escort_shortfall: bool,
}

impl Default for PlanOptions {
    fn default() -> Self {
        Self {
            time_limit: Duration::from_secs(10),
            backend: Backend::Microlp,
            mip_gap: 5e-3,
            escorts: EscortSource::FromStaff,
            requested_escorts: Vec::new(),
            accept_escort_shortfall: false,
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

    let w = &facility.rules.bobot;
    let finish = facility.rules.last_voting_minute();
    let first = facility.rules.tps.nomor_awal;
    let budget = opts.time_limit;
    let left = |share: f64| -> Duration {
        budget
            .saturating_sub(started.elapsed())
            .mul_f64(share)
            .max(Duration::from_millis(30))
    };
    let mut stages: Vec<Stage> = Vec::new();
    let cost = |g: usize, s: usize| voter_cost(facility, &layout, &groups, g, s);

    // 1. The registration model: TPS per site and class, voters per site; its optimum
    //    is the core of the lower bound.
    let t = Instant::now();
    let (problem, class_bounds, class_min) = registration_problem(
        facility,
        &layout,
        &groups,
        false,
        &decode::Tightening::default(),
    );
    let settings = SolveSettings {
        backend: opts.backend,
        time_limit: left(0.4),
        mip_gap: 0.0,
    };
    let greedy0 = decode::greedy(facility, &layout, &groups, &decode::Tightening::default()).ok();
    let solved = solve_registration(&problem, &settings, greedy0.as_deref());
    let first_model = match solved {
        Ok(sol) => Some(sol),
        Err(SolveError::Infeasible) => {
            return Err(elastic_registration(facility, &layout, &groups, &settings));
        }
        Err(SolveError::NoSolutionInTime) => None,
        Err(SolveError::Backend(s)) => {
            return Err(Infeasible {
                reasons: vec![Reason::Solver(s)],
            });
        }
    };
    let model_status = first_model
        .as_ref()
        .map(|m| m.status)
        .unwrap_or(Status::Heuristic);
    stages.push(Stage {
        name: "registrasi".to_string(),
        status: model_status,
        seconds: t.elapsed().as_secs_f64(),
    });

    // Rows of the parts of each class, and a greedy partition to build from.
    let part_rows: Vec<(Vec<usize>, Vec<parts::PartUnit>, parts::PartRows)> =
        (0..groups.classes.len())
            .map(|k| class_rows(facility, &layout, &groups, k))
            .collect();
    let mut candidates: BTreeMap<usize, Vec<Vec<Vec<usize>>>> = BTreeMap::new();
    if let Some(m) = &first_model {
        for (k, (units, pu, rows)) in part_rows.iter().enumerate() {
            let n_k: u32 = m
                .copies
                .iter()
                .filter(|((_, kk), _)| *kk == k)
                .map(|(_, n)| n)
                .sum();
            // Also with the turns counted: a unit whose walkers may not meet the class's
            // main voters takes a slot of its TPS's day.
            let adjusted = turn_adjusted(facility, &groups, units, pu);
            for weights in [pu, &adjusted] {
                if let Some(partition) = parts::greedy_partition(weights, rows, n_k) {
                    candidates.entry(k).or_default().push(
                        partition
                            .iter()
                            .map(|c| c.iter().map(|&i| units[i]).collect())
                            .collect(),
                    );
                }
            }
        }
    }

    // 3. Who registers at which TPS, then the schedule. A TPS whose schedule leaves
    //    voters unserved (time separation, escorts) tightens its site's rows and the
    //    registration is built again; the last round measures the shortfall with the
    //    elastic schedule model.
    const ROUNDS: usize = 6;
    let mut tight = decode::Tightening::default();
    let mut feedback: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut reg_seconds = 0.0;
    let mut sched_seconds = 0.0;
    let sched_status;
    let mut round = 0;
    let mut model = first_model.clone();
    let mut last_copies: Option<Vec<Copy>> = None;
    // The smallest shortfall any round's schedule left (voters unserved, then escorts
    // short): what is reported when no round succeeds, since the last round's measure
    // can be larger than an earlier round's.
    let mut least_short: Option<(u32, Vec<Copy>, schedule::Shortfall)> = None;
    let (copies, planned) = loop {
        round += 1;
        let t = Instant::now();
        if round > 1 {
            let (p, _, _) = registration_problem(facility, &layout, &groups, false, &tight);
            let start = decode::greedy(facility, &layout, &groups, &tight).ok();
            // Only a good registration is needed here (the bound comes from round 1): a
            // wide gap ends the search by its own measure, not by the clock.
            let s = SolveSettings {
                time_limit: left(0.3),
                mip_gap: opts.mip_gap.max(0.08),
                ..settings
            };
            model = match solve_registration(&p, &s, start.as_deref()) {
                Ok(m) => Some(m),
                Err(SolveError::Infeasible) if !feedback.is_empty() => {
                    // Our own tightening made it infeasible: back to the plain rows and
                    // let the elastic schedule measure what is short.
                    tight = decode::Tightening::default();
                    feedback.clear();
                    round = ROUNDS - 1;
                    continue;
                }
                Err(SolveError::Infeasible) => {
                    return Err(elastic_registration(facility, &layout, &groups, &s));
                }
                // No better registration in time: build again from the last one, the
                // packer keeps to the tightened rows.
                Err(_) => model,
            };
        }
        let round_problem;
        let problem_now = if round == 1 {
            &problem
        } else {
            round_problem = registration_problem(facility, &layout, &groups, false, &tight).0;
            &round_problem
        };
        let mut options = register(
            facility,
            &layout,
            &groups,
            problem_now,
            model.as_ref(),
            &candidates,
            &tight,
            &cost,
            left(0.3),
        );
        if options.is_empty() && round > 1 {
            // The tightened rows leave no room at the sites: keep the last registration
            // and let the last round measure what the schedule lacks.
            options.extend(last_copies.clone());
            round = round.max(ROUNDS - 1);
        }
        if options.is_empty() {
            let s = SolveSettings {
                time_limit: left(0.5),
                ..settings
            };
            return Err(elastic_registration(facility, &layout, &groups, &s));
        }
        last_copies = options.first().cloned();
        reg_seconds += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let remaining = budget.saturating_sub(started.elapsed());
        let last_round = round >= ROUNDS || remaining < budget / 4;
        // Every candidate is scheduled; the plan with the lowest objective is kept (the
        // estimate before the schedule does not see the escorts its slots force). The
        // first candidate's shortfall tightens the next round when none schedules.
        let mut best: Option<(f64, Vec<Copy>, Vec<PlannedWave>, Status)> = None;
        let mut first_short = None;
        for copies in options {
            // Each candidate gets the time left when its turn comes; once one has a
            // schedule, the others are tried only while time is left.
            let remaining = budget.saturating_sub(started.elapsed());
            if best.is_some() && remaining.is_zero() {
                break;
            }
            let sched_settings = SolveSettings {
                time_limit: remaining.max(Duration::from_millis(100)),
                ..settings
            };
            let copies = order_copies(copies);
            let mut profile = match &opts.escorts {
                EscortSource::FromStaff => escort_profile_from_staff(facility, copies.len() as u32),
                EscortSource::Profile(p) => p.clone(),
            };
            for (m, extra) in profile.per_minute.iter_mut().zip(&opts.requested_escorts) {
                *m += extra;
            }
            match schedule::schedule(
                facility,
                &layout,
                &groups,
                &copies,
                &profile,
                &sched_settings,
                last_round,
                opts.accept_escort_shortfall,
            ) {
                Ok((planned, status)) => {
                    let total = assemble(facility, voters, &layout, &groups, &copies, &planned)
                        .objective
                        .total;
                    if best.as_ref().is_none_or(|b| total < b.0 - 1e-9) {
                        best = Some((total, copies, planned, status));
                    }
                }
                Err(short) => {
                    if first_short.is_none() {
                        first_short = Some((copies, short));
                    }
                }
            }
        }
        sched_seconds += t.elapsed().as_secs_f64();
        let result = match (best, first_short) {
            (Some((_, copies, planned, status)), _) => Ok((copies, planned, status)),
            (None, Some(short)) => Err(short),
            (None, None) => {
                return Err(elastic_registration(facility, &layout, &groups, &settings));
            }
        };
        match result {
            Ok((copies, planned, status)) => {
                sched_status = status;
                break (copies, planned);
            }
            Err((copies, short)) if !last_round => {
                let size: u32 = short.unserved.iter().map(|u| u.2).sum::<u32>()
                    + short.escorts.iter().map(|e| e.2).sum::<u32>();
                if least_short.as_ref().is_none_or(|l| size < l.0) {
                    least_short = Some((size, copies.clone(), short.clone()));
                }
                // Each round takes a slot more (then twice as much) off the TPS whose
                // voters were left, so the registration spreads them.
                let slot_cap = capacity::first_slot_capacity(facility).max(1);
                let keys: BTreeSet<(usize, usize)> = short
                    .unserved
                    .iter()
                    .map(|&(c, _, _)| (copies[c].site, copies[c].class))
                    .collect();
                let m = capacity::escort_wave(facility);
                // A few voters left at a TPS or two: spread them (a slot off those TPS)
                // before limiting every TPS to one escort's wave per slot.
                let left_over: u32 = short.unserved.iter().map(|u| u.2).sum();
                let few = left_over <= slot_cap * keys.len() as u32 && tight.penalty.is_empty();
                if tight.slot_limit.is_none() && m < slot_cap && !keys.is_empty() && !few {
                    // First try: TPS that need one escort per slot only, so the officers
                    // go round (more TPS, fewer escorts at once).
                    tight.slot_limit = Some(m);
                } else {
                    for key in &keys {
                        feedback.insert(*key);
                        let e = tight.penalty.entry(*key).or_default();
                        *e = (*e * 2).max(slot_cap);
                    }
                }
                if short.unserved.is_empty() {
                    // Nothing to tighten: measure with the elastic model next round.
                    round = ROUNDS - 1;
                }
            }
            Err((copies, short)) => {
                let size: u32 = short.unserved.iter().map(|u| u.2).sum::<u32>()
                    + short.escorts.iter().map(|e| e.2).sum::<u32>();
                let (copies, short) = match least_short {
                    Some((least, c, s)) if least < size => (c, s),
                    _ => (copies, short),
                };
                let mut reasons =
                    sites_full(facility, &layout, &groups, &copies, &short.unserved, finish);
                reasons.extend(
                    short
                        .escorts
                        .iter()
                        .map(|&(from, to, officers)| Reason::Escorts { from, to, officers }),
                );
                // Per TPS, its blocks with the voters left.
                let mut per_tps: BTreeMap<(usize, bool), BTreeMap<NodeId, u32>> = BTreeMap::new();
                for &(c, g, n) in &short.unserved {
                    let grp = &groups.groups[g];
                    *per_tps
                        .entry((c, grp.mobile))
                        .or_default()
                        .entry(grp.block_id.clone())
                        .or_default() += n;
                }
                for ((c, mobile), blocks) in per_tps {
                    reasons.push(Reason::Unserved {
                        tps: first + c as u32,
                        blocks: blocks.into_iter().collect(),
                        mobile,
                        finish,
                    });
                }
                return Err(Infeasible { reasons });
            }
        }
    };
    stages.push(Stage {
        name: "pembagian".to_string(),
        status: if round == 1 {
            model_status
        } else {
            Status::Heuristic
        },
        seconds: reg_seconds,
    });
    stages.push(Stage {
        name: "jadwal".to_string(),
        status: sched_status,
        seconds: sched_seconds,
    });

    // 2. The lower bound (see `bound`); the parts bound stops once it proves the plan's
    //    pieces of each class.
    let t = Instant::now();
    let (between, visit_walk, earliest_finish) = bound::fixed_parts(facility, &layout, &groups);
    let class_voters: Vec<u32> = class_bounds.iter().map(|c| c.voters).collect();
    let mut components = bound::Components {
        model: w.tps * class_min.iter().sum::<u32>() as f64,
        at_minima: false,
        class_min: class_min.clone(),
        class_voters,
        class_splits: vec![0; groups.classes.len()],
        between,
        demand_any: 0.0,
        visit_walk_minutes: visit_walk,
        finish: earliest_finish,
    };
    let mut bound_status = Status::Optimal;
    if let Some(m) = &first_model {
        let proven = if m.status == Status::Optimal {
            Some(m.objective)
        } else {
            m.best_bound
        };
        if let Some(b) = proven {
            components.model = components.model.max(b);
        }
        let mut per_class = vec![0u32; groups.classes.len()];
        for (&(_, k), &n) in &m.copies {
            per_class[k] += n;
        }
        components.at_minima = m.status == Status::Optimal && per_class == class_min;
        if components.at_minima {
            let mut free = problem.clone();
            free.free_copies = true;
            match free.lp_bound(&SolveSettings {
                time_limit: left(0.2),
                ..settings
            }) {
                Ok(v) => components.demand_any = v,
                Err(_) => components.at_minima = false,
            }
        }
        if components.at_minima {
            let pieces = components_of(&groups, &copies);
            for (k, (_, pu, rows)) in part_rows.iter().enumerate() {
                let n_k = class_min[k];
                let plan_k = copies.iter().filter(|c| c.class == k).count() as u32;
                // The plan's pieces in this class: the bound cannot go below them.
                let target = if plan_k == n_k {
                    pieces.get(&k).map(|p| p.len() as u32).unwrap_or(0)
                } else {
                    0
                };
                let mut best: Option<u32> = None;
                for lambda in surrogates(pu, rows, n_k) {
                    let limit = left(0.1 / groups.classes.len().max(1) as f64);
                    match parts::bound_parts(pu, rows, n_k, &lambda, target, limit) {
                        Some(b) => {
                            if b.violation > 1e-9 && b.max_parts > target {
                                bound_status = Status::TimeLimit;
                            }
                            best = Some(best.map_or(b.max_parts, |x| x.min(b.max_parts)));
                        }
                        None => bound_status = Status::Heuristic,
                    }
                    if best.is_some_and(|x| x <= target) {
                        break;
                    }
                }
                components.class_splits[k] = n_k.saturating_sub(best.unwrap_or(n_k));
            }
        }
    }
    let lower = bound::combine(&components, w);
    // The least number of TPS of the registration model (sites, zones and windows
    // included); the class minima alone understate it where a class must also be
    // split by site or zone.
    let count_bound = problem
        .count_only()
        .solve(&SolveSettings {
            time_limit: left(0.1),
            ..settings
        })
        .ok()
        .and_then(|s| match s.status {
            Status::Optimal => Some(s.objective),
            _ => s.best_bound,
        })
        .map_or(0, |b| (b - 1e-6).ceil().max(0.0) as u32);
    stages.push(Stage {
        name: "batas".to_string(),
        status: bound_status,
        seconds: t.elapsed().as_secs_f64(),
    });

    let mut plan = assemble(facility, voters, &layout, &groups, &copies, &planned);
    let total = plan.objective.total;
    // The bound never exceeds a plan (a plan below it would contradict its proof); it
    // is reported as computed, and the tests hold it to that.
    let lower_total = lower.total;
    let gap = if total > 0.0 {
        ((total - lower_total) / total).max(0.0)
    } else {
        0.0
    };
    let status = if gap <= 1e-9 {
        Status::Optimal
    } else if gap <= opts.mip_gap {
        Status::GapLimit
    } else if started.elapsed() >= budget || model_status == Status::TimeLimit {
        Status::TimeLimit
    } else {
        Status::Heuristic
    };
    plan.solver = SolverReport {
        backend: opts.backend,
        status,
        objective: total,
        lower_bound: lower_total,
        gap,
        tps: plan.tps.len() as u32,
        tps_lower_bound: lower.tps.max(count_bound).min(plan.tps.len() as u32),
        classes: class_bounds,
        stages,
        seconds: started.elapsed().as_secs_f64(),
    };
    Ok(plan)
}

/// Solves the registration model from a greedy registration when there is one.
fn solve_registration(
    problem: &FlProblem,
    settings: &SolveSettings,
    start: Option<&[Copy]>,
) -> Result<registration::FlSolution, SolveError> {
    match start {
        Some(start) => {
            let mut copies: BTreeMap<(usize, usize), u32> = BTreeMap::new();
            for c in start {
                *copies.entry((c.site, c.class)).or_default() += 1;
            }
            problem.solve_from_copies(settings, &copies)
        }
        None => problem.solve(settings),
    }
}

/// The connected pieces of a registration: per class, the unit sets that share TPS.
fn components_of(groups: &Groups, copies: &[Copy]) -> BTreeMap<usize, Vec<Vec<usize>>> {
    let n = groups.units.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while p[r] != r {
            r = p[r];
        }
        let mut y = x;
        while p[y] != r {
            let next = p[y];
            p[y] = r;
            y = next;
        }
        r
    }
    for c in copies {
        let units: Vec<usize> = c.parts.keys().map(|&g| groups.groups[g].unit).collect();
        for pair in units.windows(2) {
            let (a, b) = (find(&mut parent, pair[0]), find(&mut parent, pair[1]));
            if a != b {
                parent[a] = b;
            }
        }
    }
    let mut sets: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for u in 0..n {
        let r = find(&mut parent, u);
        sets.entry(r).or_default().push(u);
    }
    let mut out: BTreeMap<usize, Vec<Vec<usize>>> = BTreeMap::new();
    for (_, set) in sets {
        out.entry(groups.units[set[0]].class).or_default().push(set);
    }
    out
}

/// What a registration costs before the schedule: TPS, splits, walking and escort
/// costs per voter, imbalance (the objective's registration terms).
fn estimate(facility: &Facility, groups: &Groups, copies: &[Copy], cost: CostFn<'_>) -> f64 {
    let w = &facility.rules.bobot;
    let mut tps_of_block: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    let mut demand = 0.0;
    let mut loads = Vec::new();
    for (i, c) in copies.iter().enumerate() {
        let mut load = 0;
        for (&g, &n) in &c.parts {
            tps_of_block
                .entry(groups.groups[g].block)
                .or_default()
                .insert(i);
            demand += n as f64 * cost(g, c.site);
            load += n;
        }
        loads.push(load);
    }
    let splits: usize = tps_of_block.values().map(|s| s.len() - 1).sum();
    let imbalance = loads.iter().max().unwrap_or(&0) - loads.iter().min().unwrap_or(&0);
    w.tps * copies.len() as f64
        + w.blok_terpecah * splits as f64
        + demand
        + w.ketidakseimbangan * imbalance as f64
}

/// The candidate registrations, best estimate first: the best of building from
/// components (parts of the bound and the pieces of simpler registrations), decoding
/// the model's amounts and the greedy, polished by the local search; and whole blocks
/// moved between sites by [`reassign`] (the model's costs, the forced escorts
/// included) from the model's amounts at the model's TPS and from that best one at its
/// own TPS, each polished too. The caller schedules them all and keeps the plan with
/// the lowest objective.
#[allow(clippy::too_many_arguments)]
fn register(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
    problem: &FlProblem,
    model: Option<&registration::FlSolution>,
    parts: &BTreeMap<usize, Vec<Vec<Vec<usize>>>>,
    tight: &decode::Tightening,
    cost: CostFn<'_>,
    time_limit: Duration,
) -> Vec<Vec<Copy>> {
    let mut options: Vec<Vec<Copy>> = Vec::new();
    if let Some(m) = model {
        let flow = round_flow(groups, &m.flow);
        if let Ok(c) = decode::decode(facility, layout, groups, &m.copies, &flow, tight) {
            options.push(c);
        }
    }
    if let Ok(c) = decode::greedy(facility, layout, groups, tight) {
        options.push(c);
    }
    if let Some(m) = model {
        let mut candidates = parts.clone();
        for o in &options {
            for (k, sets) in components_of(groups, o) {
                candidates.entry(k).or_default().push(sets);
            }
        }
        if let Some(c) = assign::build(
            facility,
            layout,
            groups,
            &m.copies,
            &candidates,
            tight,
            cost,
            time_limit,
        ) {
            options.push(c);
        }
    }
    let mut packer = decode::Packer::new(facility, layout, groups);
    packer.tighten(tight);
    // The two most promising registrations are polished until no move improves (each
    // within a share of the time, a guard the local search does not reach).
    options.sort_by(|a, b| {
        estimate(facility, groups, a, cost).total_cmp(&estimate(facility, groups, b, cost))
    });
    options.truncate(1);
    let share_time = time_limit / (options.len().max(1) as u32 + 2);
    let mut options: Vec<Vec<Copy>> = options
        .into_iter()
        .map(|o| improve::improve(facility, groups, &packer, o, cost, share_time))
        .collect();
    options.sort_by(|a, b| {
        estimate(facility, groups, a, cost).total_cmp(&estimate(facility, groups, b, cost))
    });
    if let Some(m) = model {
        let copies_of = |c: &[Copy]| {
            let mut per: BTreeMap<(usize, usize), u32> = BTreeMap::new();
            for copy in c {
                *per.entry((copy.site, copy.class)).or_default() += 1;
            }
            per
        };
        // Starts: the model's amounts (each unit at the site with most of it) at the
        // model's TPS, and the best candidate when each of its units stands at one site.
        type Start = (BTreeMap<(usize, usize), u32>, Vec<Option<usize>>);
        let mut starts: Vec<Start> = Vec::new();
        let mut share: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); groups.units.len()];
        for (&(g, site), &a) in &m.flow {
            *share[groups.groups[g].unit].entry(site).or_default() += a;
        }
        starts.push((
            m.copies.clone(),
            share
                .iter()
                .map(|sites| {
                    sites
                        .iter()
                        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
                        .map(|(&s, _)| s)
                })
                .collect(),
        ));
        if let Some(best) = options.first() {
            let mut at: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); groups.units.len()];
            for c in best {
                for &g in c.parts.keys() {
                    at[groups.groups[g].unit].insert(c.site);
                }
            }
            if at.iter().all(|s| s.len() <= 1) {
                starts.push((
                    copies_of(best),
                    at.iter().map(|s| s.first().copied()).collect(),
                ));
            }
        }
        for (copies, start) in starts {
            let Some(sites) = reassign::reassign(problem, groups, &packer, &copies, start) else {
                continue;
            };
            let mut flow: BTreeMap<(usize, usize), u32> = BTreeMap::new();
            for (u, s) in sites.iter().enumerate() {
                if let Some(s) = s {
                    for &g in &groups.units[u].groups {
                        flow.insert((g, *s), groups.groups[g].size());
                    }
                }
            }
            // The exact packing, else the packer's own (the exact search has a step cap).
            let whole = decode::decode_whole(facility, layout, groups, &copies, &flow, tight)
                .or_else(|| decode::decode(facility, layout, groups, &copies, &flow, tight).ok());
            if let Some(w) = whole {
                let w = improve::improve(facility, groups, &packer, w, cost, share_time);
                if !options.contains(&w) {
                    options.push(w);
                }
            }
        }
        options.sort_by(|a, b| {
            estimate(facility, groups, a, cost).total_cmp(&estimate(facility, groups, b, cost))
        });
    }
    options
}

/// The classes whose walking voters are left over while their TPS already take every
/// place at the sites the class may use: more time is needed than the sites give, said
/// once per class with the TPS it would take at the present booths.
fn sites_full(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
    copies: &[Copy],
    unserved: &[(usize, usize, u32)],
    finish: Clock,
) -> Vec<Reason> {
    let mut left: BTreeMap<usize, u32> = BTreeMap::new();
    for &(_, g, n) in unserved {
        if !groups.groups[g].mobile {
            *left.entry(groups.groups[g].class).or_default() += n;
        }
    }
    let day = capacity::Throughput::new(facility, facility.rules.tps.bilik, &groups.groups)
        .day()
        .max(1);
    let mut out = Vec::new();
    for (k, voters) in left {
        let sites: BTreeSet<usize> = groups
            .groups
            .iter()
            .filter(|g| g.class == k)
            .flat_map(|g| layout.blocks[g.block].sites.iter().copied())
            .collect();
        let places: u32 = sites.iter().map(|&s| layout.sites[s].max_tps).sum();
        let taken = copies.iter().filter(|c| sites.contains(&c.site)).count() as u32;
        if taken < places {
            continue;
        }
        out.push(Reason::SitesFull {
            class: groups.classes[k].label(),
            voters,
            tps: copies.iter().filter(|c| c.class == k).count() as u32,
            sites: sites.iter().map(|&s| layout.sites[s].id.clone()).collect(),
            extra: voters.div_ceil(day),
            finish,
        });
    }
    out
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

/// Per-voter costs of registering group `g` at site `s` (weighted): the walk, and the
/// escort-minutes every voter causes at least (see [`bound`]).
fn voter_cost(facility: &Facility, layout: &Layout, groups: &Groups, g: usize, s: usize) -> f64 {
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
fn class_rows(
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
fn turn_adjusted(
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

/// Surrogate weights to try for the parts bound: the day's throughput alone, every
/// other fairly full row alone, and the rows weighted by how full they are.
fn surrogates(units: &[parts::PartUnit], rows: &parts::PartRows, copies: u32) -> Vec<Vec<f64>> {
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
fn class_minimum(
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
fn own_slots(groups: &Groups, k: usize, per_slot: u32) -> u32 {
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

/// Builds the registration model: TPS per site and class (integer), voters per group
/// and site (continuous), the per-TPS rows (cap, window throughput, visit time, one
/// member of an exclusive set), and the costs every plan pays at least for walking and
/// escorts, including the escorts forced by full slots (a convex floor per site and
/// class, see [`bound`]). Every row holds for every plan, so the optimum of this
/// model bounds `tps + walk + escort` of any plan from below (with `penalty` empty).
/// With `elastic`, adds virtual sites per class and allowed-site set whose copies cost
/// [`VIRTUAL_COST`].
fn registration_problem(
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

/// Solves the elastic registration model and explains which voters need more TPS.
fn elastic_registration(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
    settings: &SolveSettings,
) -> Infeasible {
    let (p, _, _) = registration_problem(
        facility,
        layout,
        groups,
        true,
        &decode::Tightening::default(),
    );
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
    // Visited voters beyond what one team per TPS can visit at every TPS their sites may
    // open: the teams' time is what is short, whatever else overflows.
    let day_visits = capacity::visit_voters(facility).max(1);
    let mut visits_short = BTreeSet::new();
    for k in 0..groups.classes.len() {
        let mobile: Vec<&groups::Group> = groups
            .groups
            .iter()
            .filter(|g| g.class == k && g.mobile)
            .collect();
        let sites: BTreeSet<usize> = mobile
            .iter()
            .flat_map(|g| layout.blocks[g.block].sites.iter().copied())
            .collect();
        let room: u32 = sites
            .iter()
            .map(|&i| layout.sites[i].max_tps * day_visits)
            .sum();
        let voters: u32 = mobile.iter().map(|g| g.size()).sum();
        if voters > room {
            visits_short.insert(k);
            reasons.push(Reason::Visits {
                blocks: mobile
                    .iter()
                    .map(|g| g.block_id.clone())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect(),
                voters: voters - room,
                sites: sites.iter().map(|&i| layout.sites[i].id.clone()).collect(),
                minutes: facility.rules.pengawalan.menit_kunjungan_per_pemilih,
                teams: visit_teams(facility),
                extra: (voters - room).div_ceil(day_visits),
            });
        }
    }
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
        if visits_short.contains(&k) {
            continue;
        }
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
        reasons = packing_reasons(facility, layout, groups);
    }
    if reasons.is_empty() {
        reasons.push(Reason::Solver(
            "model registrasi tidak layak tetapi model elastis tidak menunjukkan kekurangan"
                .to_string(),
        ));
    }
    Infeasible { reasons }
}

/// What the per-TPS rules leave unplaced when every site opens as many TPS as it may
/// (the greedy packer checks each TPS exactly: visit walks, turns of voters who may not
/// meet): visited voters and walking voters per class, with the TPS they lack.
fn packing_reasons(facility: &Facility, layout: &Layout, groups: &Groups) -> Vec<Reason> {
    let Err(stuck) = decode::greedy(facility, layout, groups, &decode::Tightening::default())
    else {
        return Vec::new();
    };
    let r = &facility.rules;
    let cap = r.tps.maks_pemilih.max(1);
    let day_visits = capacity::visit_voters(facility).max(1);
    // (class, mobile) -> blocks, voters, sites.
    type Acc = (BTreeSet<NodeId>, u32, BTreeSet<usize>);
    let mut by: BTreeMap<(usize, bool), Acc> = BTreeMap::new();
    for (g, left) in stuck {
        let grp = &groups.groups[g];
        let e = by.entry((grp.class, grp.mobile)).or_default();
        e.0.insert(grp.block_id.clone());
        e.1 += left;
        e.2.extend(layout.blocks[grp.block].sites.iter().copied());
    }
    by.into_iter()
        .map(|((k, mobile), (blocks, voters, sites))| {
            let sites: Vec<NodeId> = sites.iter().map(|&i| layout.sites[i].id.clone()).collect();
            if mobile {
                Reason::Visits {
                    blocks: blocks.into_iter().collect(),
                    voters,
                    sites,
                    minutes: r.pengawalan.menit_kunjungan_per_pemilih,
                    teams: visit_teams(facility),
                    extra: voters.div_ceil(day_visits),
                }
            } else {
                Reason::MoreTps {
                    blocks: blocks.into_iter().collect(),
                    voters,
                    class: groups.classes[k].label(),
                    sites,
                    extra: voters.div_ceil(cap),
                    finish: r.last_voting_minute(),
                }
            }
        })
        .collect()
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
    // (wave, walk): a mobile visit's groups of one block back to back become one wave;
    // walking voters of one block fetched to one TPS in one slot walk together (their
    // lists may differ: DPT and DPTb voters after 11:00), so their escorts are counted
    // once, `ceil(voters / wbp_per_pengawal)`, up to the largest wave. High-risk voters
    // keep their own waves (officers per inmate).
    let e = &r.pengawalan;
    // (wave, walk, high risk, list window)
    let mut waves: Vec<(Wave, f64, bool, (Clock, Clock))> = Vec::new();
    for w in order {
        let list = names.get(&(w.copy, w.group)).cloned().unwrap_or_default();
        let from = *taken.get(&(w.copy, w.group)).unwrap_or(&0);
        let to = (from + w.voters as usize).min(list.len());
        taken.insert((w.copy, w.group), to);
        let grp = &groups.groups[w.group];
        let walk = layout.walk(grp.place, copies[w.copy].site).unwrap_or(0.0);
        let tps = first + w.copy as u32;
        if w.mobile
            && let Some((prev, ..)) = waves.iter_mut().rev().find(|(p, _, _, window)| {
                // One visit only while every voter's list window holds it.
                p.mobile
                    && p.tps == tps
                    && p.block == grp.place_id
                    && p.end == w.start
                    && *window == grp.window
            })
        {
            prev.end = w.end;
            prev.voters += w.voters;
            prev.reg_nos.extend_from_slice(&list[from..to]);
            prev.escorts = prev.escorts.max(w.escorts);
            continue;
        }
        if !w.mobile
            && !grp.high_risk
            && let Some((prev, ..)) = waves.iter_mut().rev().find(|(p, _, high, _)| {
                !p.mobile
                    && !high
                    && p.tps == tps
                    && p.block == grp.place_id
                    && p.start == w.start
                    && p.end == w.end
                    && p.voters + w.voters <= e.maks_gelombang
            })
        {
            prev.voters += w.voters;
            prev.reg_nos.extend_from_slice(&list[from..to]);
            prev.escorts = if grp.escorted {
                prev.voters.div_ceil(e.wbp_per_pengawal.max(1))
            } else {
                0
            };
            continue;
        }
        waves.push((
            Wave {
                start: w.start,
                end: w.end,
                tps,
                block: grp.place_id.clone(),
                voters: w.voters,
                reg_nos: list[from..to].to_vec(),
                escorts: w.escorts,
                mobile: w.mobile,
            },
            walk,
            grp.high_risk,
            grp.window,
        ));
    }
    let mut walk_minutes = 0.0;
    let mut escort_minutes = 0.0;
    for (w, walk, ..) in &waves {
        if !w.mobile {
            walk_minutes += walk * w.voters as f64;
        }
        let (a, b) = touched_minutes(w.start.0 as f64 - walk, w.end.0 as f64 + walk);
        escort_minutes += w.escorts as f64 * (b - a) as f64;
    }
    let waves: Vec<Wave> = waves.into_iter().map(|(w, ..)| w).collect();
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
            scenario_path: facility.scenario.path.clone(),
            scenario_digest: facility.scenario.digest.clone(),
            voters: voters.len(),
            voters_digest: crate::plan::voters_digest(voters),
            handover: false,
        },
        tps,
        waves,
        objective,
        staffing: None,
        kekurangan: Vec::new(),
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

#[cfg(test)]
mod tests {
    use super::groups::build_groups;
    use super::*;
    use crate::testing::{FacilityBuilder, VoterSpec};

    #[test]
    fn voters_left_at_full_sites_are_summed_per_class_with_the_tps_they_need() {
        // Two blocks, one site of two TPS: with both TPS open every place is taken, so
        // voters left over need more places (one TPS holds 276 a day); with one TPS
        // open, a place is free and no such reason is given.
        let (f, voters) = FacilityBuilder::new("penuh")
            .block("A", "umum")
            .block("B", "umum")
            .site("aula", "umum", 2, 4)
            .path("A", "aula", 2.0, false)
            .path("B", "aula", 3.0, false)
            .voters("A", 200, VoterSpec::man())
            .voters("B", 150, VoterSpec::man())
            .build();
        let layout = Layout::build(&f);
        let groups = build_groups(&f, &layout, &voters).expect("groups");
        let site = layout
            .sites
            .iter()
            .position(|s| s.id.as_str() == "aula")
            .unwrap();
        let copy = |g: usize| Copy {
            site,
            class: 0,
            parts: BTreeMap::from([(g, groups.groups[g].size())]),
        };
        let finish = f.rules.last_voting_minute();
        let left = [(0, 0, 5), (1, 1, 300)];
        let both = [copy(0), copy(1)];
        let reasons = sites_full(&f, &layout, &groups, &both, &left, finish);
        assert_eq!(reasons.len(), 1, "{reasons:?}");
        match &reasons[0] {
            Reason::SitesFull {
                voters, tps, extra, ..
            } => assert_eq!((*voters, *tps, *extra), (305, 2, 2)),
            r => panic!("{r:?}"),
        }
        let text = reasons[0].to_string();
        assert!(
            text.contains("aula") && text.contains("2 TPS lagi"),
            "{text}"
        );
        assert!(sites_full(&f, &layout, &groups, &both[..1], &left, finish).is_empty());
    }

    #[test]
    fn kinds_that_may_not_share_a_slot_fill_whole_slots_and_exclusive_blocks_distinct_ones() {
        // 12 voters a slot (4 booths, 15 minutes, 5 minutes each). Hand count: 100
        // men fill 9 slots; 13 high-risk men in block H 2 slots; 13 high-risk in block
        // K, apart from H (tps_terpisah), 2 more: 26 in one place would have been 3.
        let slots = |apart: bool| {
            let b = FacilityBuilder::new("slot")
                .block("A", "umum")
                .block("H", "umum")
                .block("K", "umum")
                .site("aula", "umum", 4, 4)
                .path("A", "aula", 2.0, false)
                .path("H", "aula", 2.0, false)
                .path("K", "aula", 2.0, false);
            let b = if apart {
                b.separation(&["H", "K"], true)
            } else {
                b
            };
            let (f, voters) = b
                .voters("A", 100, VoterSpec::man())
                .voters("H", 13, VoterSpec::man().high_risk())
                .voters("K", 13, VoterSpec::man().high_risk())
                .build();
            let layout = Layout::build(&f);
            let groups = build_groups(&f, &layout, &voters).expect("groups");
            assert_eq!(groups.classes.len(), 1, "one class: kinds share TPS");
            own_slots(&groups, 0, 12)
        };
        assert_eq!(slots(true), 9 + 2 + 2);
        // Without the separation the high-risk men may share one TPS: 3 slots.
        assert_eq!(slots(false), 9 + 3);
    }
}
