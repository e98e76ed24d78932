//! The registration rounds: the model solved, its copies rounded into concrete TPS
//! (candidate partitions per class poured into TPS, polished by local search), and the
//! estimate that ranks them before the schedule.

use super::*;

/// Solves the registration model from a greedy registration when there is one.
pub(super) fn solve_registration(
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
pub(super) fn components_of(groups: &Groups, copies: &[Copy]) -> BTreeMap<usize, Vec<Vec<usize>>> {
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
pub(super) fn estimate(
    facility: &Facility,
    groups: &Groups,
    copies: &[Copy],
    cost: CostFn<'_>,
) -> f64 {
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
pub(super) fn register(
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
pub(super) fn sites_full(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
    copies: &[Copy],
    unserved: &[(usize, usize, u32)],
    finish: Clock,
) -> Vec<InfeasibleReason> {
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
        out.push(InfeasibleReason::SitesFull {
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
pub(super) fn round_flow(
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
pub(super) fn order_copies(mut copies: Vec<Copy>) -> Vec<Copy> {
    copies.sort_by_key(|c| {
        let total: u32 = c.parts.values().sum();
        (c.site, c.class, std::cmp::Reverse(total))
    });
    copies
}

/// The first registration model: its rows, what it says per class, its solution and
/// the solver settings of the run.
pub(super) struct First {
    /// The model (plain rows, no tightening).
    pub(super) problem: FlProblem,
    /// Per class: voters and the least TPS, as reported.
    pub(super) class_bounds: Vec<ClassBound>,
    /// The least TPS per class.
    pub(super) class_min: Vec<u32>,
    /// Its solution; `None` when none came in time.
    pub(super) model: Option<registration::FlSolution>,
    /// The solver settings of the run (backend, time, no gap).
    pub(super) settings: SolveSettings,
    /// The stage `registrasi`.
    pub(super) stage: Stage,
}

impl First {
    /// How the model's solve ended (`heuristic` when it gave nothing in time).
    pub(super) fn status(&self) -> Status {
        self.model
            .as_ref()
            .map(|m| m.status)
            .unwrap_or(Status::Heuristic)
    }
}

/// The registration model: TPS per site and class, voters per site; its optimum is the
/// core of the lower bound. `Err` when no registration exists (what would place the
/// voters said) or the backend failed.
pub(super) fn first_registration(run: &Run) -> Result<First, Infeasible> {
    let (facility, layout, groups) = (run.facility, &run.layout, &run.groups);
    let t = Instant::now();
    let (problem, class_bounds, class_min) = registration_problem(
        facility,
        layout,
        groups,
        false,
        &decode::Tightening::default(),
    );
    let settings = SolveSettings {
        backend: run.opts.backend,
        time_limit: run.left(0.4),
        mip_gap: 0.0,
    };
    let greedy0 = decode::greedy(facility, layout, groups, &decode::Tightening::default()).ok();
    let model = match solve_registration(&problem, &settings, greedy0.as_deref()) {
        Ok(sol) => Some(sol),
        Err(SolveError::Infeasible) => {
            return Err(elastic_registration(facility, layout, groups, &settings));
        }
        Err(SolveError::NoSolutionInTime) => None,
        Err(SolveError::Backend(s)) => {
            return Err(Infeasible {
                reasons: vec![InfeasibleReason::Solver(s)],
            });
        }
    };
    let status = model
        .as_ref()
        .map(|m| m.status)
        .unwrap_or(Status::Heuristic);
    Ok(First {
        problem,
        class_bounds,
        class_min,
        model,
        settings,
        stage: Stage {
            name: "registrasi".to_string(),
            status,
            seconds: t.elapsed().as_secs_f64(),
        },
    })
}

/// The rows of the parts of one class: its units, their weights and the rows.
pub(super) type PartRowsOf = (Vec<usize>, Vec<parts::PartUnit>, parts::PartRows);

/// The rows of the parts of each class.
pub(super) fn part_rows(run: &Run) -> Vec<PartRowsOf> {
    (0..run.groups.classes.len())
        .map(|k| class_rows(run.facility, &run.layout, &run.groups, k))
        .collect()
}

/// Candidate partitions of each class's units into as many parts as the model opens
/// TPS of the class ([`parts::greedy_partition`]), by the plain weights and by the
/// weights with the turns counted; none without a model.
pub(super) fn candidate_partitions(
    run: &Run,
    model: Option<&registration::FlSolution>,
    part_rows: &[PartRowsOf],
) -> BTreeMap<usize, Vec<Vec<Vec<usize>>>> {
    let mut candidates: BTreeMap<usize, Vec<Vec<Vec<usize>>>> = BTreeMap::new();
    if let Some(m) = model {
        for (k, (units, pu, rows)) in part_rows.iter().enumerate() {
            let n_k: u32 = m
                .copies
                .iter()
                .filter(|((_, kk), _)| *kk == k)
                .map(|(_, n)| n)
                .sum();
            // Also with the turns counted: a unit whose walkers may not meet the class's
            // main voters takes a slot of its TPS's day.
            let adjusted = turn_adjusted(run.facility, &run.groups, units, pu);
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
    candidates
}
