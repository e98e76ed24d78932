//! Registration and schedule in rounds, until a schedule serves every voter: each
//! round solves the registration model (tightened by the rounds before), builds the
//! candidate registrations, schedules every one and keeps the plan with the lowest
//! objective. A schedule that leaves voters tightens the registration (one escort's
//! wave per slot, then less room at the TPS concerned) for the next round; the last
//! round measures the shortfall with the elastic schedule model and says it.

use super::*;

/// Rounds at most.
const ROUNDS: usize = 6;

/// A best candidate: objective, TPS, waves and the schedule's status.
type Best = (f64, Vec<Copy>, Vec<PlannedWave>, Status);

/// A candidate whose schedule fell short, with what it lacked.
type Short = (Vec<Copy>, schedule::ScheduleShortfall);

/// What the rounds found: the TPS and their waves.
pub(super) struct Found {
    /// The concrete TPS.
    pub(super) copies: Vec<Copy>,
    /// The schedule's waves.
    pub(super) planned: Vec<PlannedWave>,
    /// The rounds it took.
    pub(super) rounds: usize,
    /// Status of the schedule.
    pub(super) sched_status: Status,
    /// Seconds spent registering.
    pub(super) reg_seconds: f64,
    /// Seconds spent scheduling.
    pub(super) sched_seconds: f64,
}

/// Who registers at which TPS, then the schedule, round by round (see the module
/// documentation); `Err` when no round's schedule serves everybody, with the smallest
/// shortfall any round left.
pub(super) fn rounds(
    run: &Run,
    first: &First,
    candidates: &BTreeMap<usize, Vec<Vec<Vec<usize>>>>,
) -> Result<Found, Infeasible> {
    let (facility, layout, groups) = (run.facility, &run.layout, &run.groups);
    let opts = run.opts;
    let settings = first.settings;
    let cost = |g: usize, s: usize| voter_cost(facility, layout, groups, g, s);
    let mut tight = decode::Tightening::default();
    let mut feedback: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut reg_seconds = 0.0;
    let mut sched_seconds = 0.0;
    let mut round = 0;
    let mut model = first.model.clone();
    let mut last_copies: Option<Vec<Copy>> = None;
    // The smallest shortfall any round's schedule left (voters unserved, then escorts
    // short): what is reported when no round succeeds, since the last round's measure
    // can be larger than an earlier round's.
    let mut least_short: Option<(u32, Vec<Copy>, schedule::ScheduleShortfall)> = None;
    loop {
        round += 1;
        let t = Instant::now();
        if round > 1 {
            let (p, _, _) = registration_problem(facility, layout, groups, false, &tight);
            let start = decode::greedy(facility, layout, groups, &tight).ok();
            // Only a good registration is needed here (the bound comes from round 1): a
            // wide gap ends the search by its own measure, not by the clock.
            let s = SolveSettings {
                time_limit: run.left(0.3),
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
                    return Err(elastic_registration(facility, layout, groups, &s));
                }
                // No better registration in time: build again from the last one, the
                // packer keeps to the tightened rows.
                Err(_) => model,
            };
        }
        let round_problem;
        let problem_now = if round == 1 {
            &first.problem
        } else {
            round_problem = registration_problem(facility, layout, groups, false, &tight).0;
            &round_problem
        };
        // Hook of `plan --sebelumnya`: the old TPS in their number order first.
        let stable = opts
            .previous
            .as_deref()
            .and_then(|p| previous::copies(facility, layout, groups, p, &tight));
        let keep_order = stable.is_some();
        let mut options = match stable {
            Some(copies) => vec![copies],
            None => register(
                facility,
                layout,
                groups,
                problem_now,
                model.as_ref(),
                candidates,
                &tight,
                &cost,
                run.left(0.3),
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
                time_limit: run.left(0.5),
                ..settings
            };
            return Err(elastic_registration(facility, layout, groups, &s));
        }
        last_copies = options.first().cloned();
        reg_seconds += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let budget = opts.time_limit;
        let remaining = budget.saturating_sub(run.started.elapsed());
        let last_round = round >= ROUNDS || remaining < budget / 4;
        let (best, first_short) =
            schedule_candidates(run, &settings, options, keep_order, last_round);
        sched_seconds += t.elapsed().as_secs_f64();
        let result = match (best, first_short) {
            (Some((_, copies, planned, status)), _) => Ok((copies, planned, status)),
            (None, Some(short)) => Err(short),
            (None, None) => {
                return Err(elastic_registration(facility, layout, groups, &settings));
            }
        };
        match result {
            Ok((copies, planned, sched_status)) => {
                return Ok(Found {
                    copies,
                    planned,
                    rounds: round,
                    sched_status,
                    reg_seconds,
                    sched_seconds,
                });
            }
            Err((copies, short)) if !last_round => {
                let size = shortfall_size(&short);
                if least_short.as_ref().is_none_or(|l| size < l.0) {
                    least_short = Some((size, copies.clone(), short.clone()));
                }
                tighten(facility, &copies, &short, &mut tight, &mut feedback);
                if short.unserved.is_empty() {
                    // Nothing to tighten: measure with the elastic model next round.
                    round = ROUNDS - 1;
                }
            }
            Err((copies, short)) => {
                let size = shortfall_size(&short);
                let (copies, short) = match least_short {
                    Some((least, c, s)) if least < size => (c, s),
                    _ => (copies, short),
                };
                return Err(shortfall_reasons(run, &copies, &short));
            }
        }
    }
}

/// Voters unserved and escorts short, together: how far a schedule fell short.
fn shortfall_size(short: &schedule::ScheduleShortfall) -> u32 {
    short.unserved.iter().map(|u| u.2).sum::<u32>() + short.escorts.iter().map(|e| e.2).sum::<u32>()
}

/// Every candidate is scheduled; the plan with the lowest objective is kept (the
/// estimate before the schedule does not see the escorts its slots force). The first
/// candidate's shortfall tightens the next round when none schedules.
fn schedule_candidates(
    run: &Run,
    settings: &SolveSettings,
    options: Vec<Vec<Copy>>,
    keep_order: bool,
    last_round: bool,
) -> (Option<Best>, Option<Short>) {
    let (facility, layout, groups) = (run.facility, &run.layout, &run.groups);
    let opts = run.opts;
    let budget = opts.time_limit;
    let mut best: Option<Best> = None;
    let mut first_short = None;
    for copies in options {
        // Each candidate gets the time left when its turn comes; once one has a
        // schedule, the others are tried only while time is left.
        let remaining = budget.saturating_sub(run.started.elapsed());
        if best.is_some() && remaining.is_zero() {
            break;
        }
        let sched_settings = SolveSettings {
            time_limit: remaining.max(Duration::from_millis(100)),
            ..*settings
        };
        let copies = if keep_order {
            copies
        } else {
            order_copies(copies)
        };
        let mut profile = match &opts.escorts {
            EscortSource::FromStaff => escort_profile_from_staff(facility, copies.len() as u32),
            EscortSource::Profile(p) => p.clone(),
        };
        for (m, extra) in profile.per_minute.iter_mut().zip(&opts.requested_escorts) {
            *m += extra;
        }
        match schedule::schedule(
            facility,
            layout,
            groups,
            &copies,
            &profile,
            &sched_settings,
            last_round,
            opts.accept_escort_shortfall,
        ) {
            Ok((planned, status)) => {
                let total = assemble(facility, run.voters, layout, groups, &copies, &planned)
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
    (best, first_short)
}

/// Tightens the registration after a schedule that left voters: each round takes a
/// slot more (then twice as much) off the TPS whose voters were left, so the
/// registration spreads them.
fn tighten(
    facility: &Facility,
    copies: &[Copy],
    short: &schedule::ScheduleShortfall,
    tight: &mut decode::Tightening,
    feedback: &mut BTreeSet<(usize, usize)>,
) {
    let slot_cap = capacity::first_slot_capacity(facility).max(1);
    let keys: BTreeSet<(usize, usize)> = short
        .unserved
        .iter()
        .map(|&(c, _, _)| (copies[c].site, copies[c].class))
        .collect();
    let m = capacity::escort_wave(facility);
    // A few voters left at a TPS or two: spread them (a slot off those TPS) before
    // limiting every TPS to one escort's wave per slot.
    let left_over: u32 = short.unserved.iter().map(|u| u.2).sum();
    let few = left_over <= slot_cap * keys.len() as u32 && tight.penalty.is_empty();
    if tight.slot_limit.is_none() && m < slot_cap && !keys.is_empty() && !few {
        // First try: TPS that need one escort per slot only, so the officers go round
        // (more TPS, fewer escorts at once).
        tight.slot_limit = Some(m);
    } else {
        for key in &keys {
            feedback.insert(*key);
            let e = tight.penalty.entry(*key).or_default();
            *e = (*e * 2).max(slot_cap);
        }
    }
}
