//! The plan measured: the lower bound of its objective (see [`bound`]), computed after
//! the plan so the parts bound can stop once it proves the plan's pieces; the least
//! number of TPS; and the plan assembled with its solver report (status, gap, stages).

use super::*;

/// The lower bound of the objective and the least number of TPS, with the stage that
/// measured them.
pub(super) struct Lower {
    /// The bound, by component.
    pub(super) bound: bound::Bound,
    /// The least number of TPS of the registration model.
    pub(super) count: u32,
    /// The stage `batas`.
    pub(super) stage: Stage,
}

/// The lower bound (see [`bound`]); the parts bound stops once it proves the plan's
/// pieces of each class (`copies`).
pub(super) fn lower_bound(
    run: &Run,
    first: &First,
    part_rows: &[PartRowsOf],
    copies: &[Copy],
) -> Lower {
    let (facility, layout, groups) = (run.facility, &run.layout, &run.groups);
    let settings = first.settings;
    let class_min = &first.class_min;
    let t = Instant::now();
    let (between, visit_walk, earliest_finish) = bound::fixed_parts(facility, layout, groups);
    let class_voters: Vec<u32> = first.class_bounds.iter().map(|c| c.voters).collect();
    let mut components = bound::Components {
        model: facility.rules.bobot.tps * class_min.iter().sum::<u32>() as f64,
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
    if let Some(m) = &first.model {
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
        components.at_minima = m.status == Status::Optimal && per_class == *class_min;
        if components.at_minima {
            let mut free = first.problem.clone();
            free.free_copies = true;
            match free.lp_bound(&SolveSettings {
                time_limit: run.left(0.2),
                ..settings
            }) {
                Ok(v) => components.demand_any = v,
                Err(_) => components.at_minima = false,
            }
        }
        if components.at_minima {
            let pieces = components_of(groups, copies);
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
                    let limit = run.left(0.1 / groups.classes.len().max(1) as f64);
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
    let bound = bound::combine(&components, &facility.rules.bobot);
    // The least number of TPS of the registration model (sites, zones and windows
    // included); the class minima alone understate it where a class must also be
    // split by site or zone.
    let count = first
        .problem
        .count_only()
        .solve(&SolveSettings {
            time_limit: run.left(0.1),
            ..settings
        })
        .ok()
        .and_then(|s| match s.status {
            Status::Optimal => Some(s.objective),
            _ => s.best_bound,
        })
        .map_or(0, |b| (b - 1e-6).ceil().max(0.0) as u32);
    Lower {
        bound,
        count,
        stage: Stage {
            name: "batas".to_string(),
            status: bound_status,
            seconds: t.elapsed().as_secs_f64(),
        },
    }
}

/// The plan of the TPS found, numbered (old numbers and pins kept), with its solver
/// report: the objective against the lower bound, the status that gap earns, the
/// stages.
pub(super) fn report(
    run: &Run,
    first: &First,
    found: &Found,
    lower: &Lower,
    stages: Vec<Stage>,
) -> Plan {
    let (facility, layout, groups) = (run.facility, &run.layout, &run.groups);
    let opts = run.opts;
    let number = facility.rules.tps.nomor_awal;
    let copies = &found.copies;
    // Hook of `plan --sebelumnya`: voters back to the TPS of their old number first.
    let arranged = opts
        .previous
        .as_deref()
        .map(|p| previous::arrange(groups, layout, copies, p, number));
    let named = arranged.as_ref().unwrap_or(groups);
    let mut plan = assemble(facility, run.voters, layout, named, copies, &found.planned);
    // Hook (penyesuaian.csv): the pinned TPS get their numbers.
    let tps_pins: Vec<Option<u32>> = copies.iter().map(|c| groups.classes[c.class].pin).collect();
    pins::renumber(&mut plan, number, &tps_pins);
    let total = plan.objective.total;
    // The bound never exceeds a plan (a plan below it would contradict its proof); it
    // is reported as computed, and the tests hold it to that.
    let lower_total = lower.bound.total;
    let gap = if total > 0.0 {
        ((total - lower_total) / total).max(0.0)
    } else {
        0.0
    };
    let status = if gap <= 1e-9 {
        Status::Optimal
    } else if gap <= opts.mip_gap {
        Status::GapLimit
    } else if run.started.elapsed() >= opts.time_limit || first.status() == Status::TimeLimit {
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
        tps_lower_bound: lower.bound.tps.max(lower.count).min(plan.tps.len() as u32),
        classes: first.class_bounds.clone(),
        stages,
        seconds: run.started.elapsed().as_secs_f64(),
    };
    plan
}
