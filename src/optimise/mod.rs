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
pub mod pins;
pub mod previous;
pub mod reassign;
pub mod registration;
pub mod schedule;
pub mod solver;

mod assembly;
mod explain;
mod formulate;
mod minima;
mod rounds;

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
pub use infeasible::{Infeasible, InfeasibleReason};
pub use solver::{Backend, Status};

use assign::CostFn;
use capacity::{Envelope, Throughput, touched_minutes, visit_minutes, visit_officers, visit_teams};
use decode::Copy;
use groups::{Group, Groups};
use registration::{FlFloor, FlGroup, FlProblem, FlRow, FlSite, FlUnit};
use schedule::PlannedWave;
use solver::{SolveError, SolveSettings};

use assembly::*;
use explain::*;
use formulate::*;
use minima::*;
use rounds::*;

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
    /// Hook of `plan --sebelumnya`: the registration of an earlier plan to keep
    /// ([`previous`]); `None` plans from scratch.
    pub previous: Option<std::sync::Arc<previous::Previous>>,
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
            previous: None,
        }
    }
}

const VIRTUAL_COST: f64 = 1e7;

/// Plans the TPS, registration and schedule of a facility for its eligible voters.
pub fn plan(facility: &Facility, voters: &[Voter], opts: &PlanOptions) -> Result<Plan, Infeasible> {
    match plan_once(facility, voters, opts) {
        // Hook of `plan --sebelumnya`: when the old TPS cannot be kept (no schedule
        // fits them), plan from scratch; perubahan.csv then says who moved.
        Err(_) if opts.previous.is_some() => {
            let fresh = PlanOptions {
                previous: None,
                ..opts.clone()
            };
            plan_once(facility, voters, &fresh)
        }
        r => r,
    }
}

fn plan_once(
    facility: &Facility,
    voters: &[Voter],
    opts: &PlanOptions,
) -> Result<Plan, Infeasible> {
    let started = Instant::now();
    let layout = Layout::build(facility);
    let groups = groups::build_groups(facility, &layout, voters).map_err(|unknown| Infeasible {
        reasons: unknown
            .into_iter()
            .map(|u| InfeasibleReason::UnknownBlock {
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
            no_site.push(InfeasibleReason::NoSite {
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
                reasons: vec![InfeasibleReason::Solver(s)],
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
    let mut least_short: Option<(u32, Vec<Copy>, schedule::ScheduleShortfall)> = None;
    let (copies, planned) =
        loop {
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
            // Hook of `plan --sebelumnya`: the old TPS in their number order first.
            let stable = opts
                .previous
                .as_deref()
                .and_then(|p| previous::copies(facility, &layout, &groups, p, &tight));
            let keep_order = stable.is_some();
            let mut options = match stable {
                Some(copies) => vec![copies],
                None => register(
                    facility,
                    &layout,
                    &groups,
                    problem_now,
                    model.as_ref(),
                    &candidates,
                    &tight,
                    &cost,
                    left(0.3),
                ),
            };
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
                let copies = if keep_order {
                    copies
                } else {
                    order_copies(copies)
                };
                let mut profile = match &opts.escorts {
                    EscortSource::FromStaff => {
                        escort_profile_from_staff(facility, copies.len() as u32)
                    }
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
                    reasons.extend(short.escorts.iter().map(|&(from, to, officers)| {
                        InfeasibleReason::Escorts { from, to, officers }
                    }));
                    // Per TPS, its blocks with the voters left.
                    let mut per_tps: BTreeMap<(usize, bool), BTreeMap<NodeId, u32>> =
                        BTreeMap::new();
                    for &(c, g, n) in &short.unserved {
                        let grp = &groups.groups[g];
                        *per_tps
                            .entry((c, grp.mobile))
                            .or_default()
                            .entry(grp.block_id.clone())
                            .or_default() += n;
                    }
                    for ((c, mobile), blocks) in per_tps {
                        reasons.push(InfeasibleReason::Unserved {
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

    // Hook of `plan --sebelumnya`: voters back to the TPS of their old number first.
    let arranged = opts
        .previous
        .as_deref()
        .map(|p| previous::arrange(&groups, &layout, &copies, p, first));
    let named = arranged.as_ref().unwrap_or(&groups);
    let mut plan = assemble(facility, voters, &layout, named, &copies, &planned);
    // Hook (penyesuaian.csv): the pinned TPS get their numbers.
    let tps_pins: Vec<Option<u32>> = copies.iter().map(|c| groups.classes[c.class].pin).collect();
    pins::renumber(&mut plan, first, &tps_pins);
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
            InfeasibleReason::SitesFull {
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
