//! Planning the day against the named roster: the optimiser's plan staffed by name
//! ([`staff_plan`]), the schedule planned again where escorts fall short, and the plan
//! with requests (escorts the roster lacks) when the roster alone gives none in its
//! share of the time limit.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::facility::Facility;
use crate::lang::Lang;
use crate::model::{Nip, Voter};
use crate::optimise::{self, EscortProfile, EscortSource, PlanOptions};
use crate::plan::Plan;
use crate::staffing::{self, DutyRole, Staffing};

use super::staffing_needs;

/// Share of the time limit the search against the roster alone may use before the plan
/// with requests is tried.
pub(super) const ROSTER_SHARE: f64 = 0.25;

/// How many times the schedule is planned against the named roster at most.
const STAFF_ROUNDS: usize = 6;

/// Share of the escort capacity taken off per staffing round that fell short.
const TIGHTEN: f64 = 0.03;

/// Staffs `plan` from the facility's roster.
pub fn staff_plan(facility: &Facility, plan: &Plan) -> Staffing {
    let (tps, waves) = staffing_needs(facility, plan);
    staffing::assign(
        &facility.staff,
        &facility.rules,
        facility.election_date(),
        &tps,
        &waves,
    )
}

/// The escort capacity of the named roster for `plan`'s crews: officers who may escort,
/// on duty and on no crew, less the searchers the TPS need, scaled by the share of a
/// stretch an officer may work before the ruleset's break (an officer works at most
/// `maks_menit_tanpa_istirahat` of every `maks + menit_istirahat` minutes), less `cut`:
/// officers found missing in earlier rounds, minute by minute.
fn named_profile(
    facility: &Facility,
    plan: &Plan,
    staffing: &Staffing,
    cut: &[u32],
    tighten: usize,
) -> EscortProfile {
    let r = &facility.rules;
    let crew: BTreeSet<Nip> = staffing.kpps.iter().map(|s| s.nip.clone()).collect();
    let searchers = r.pengawalan.pemeriksa_per_tps * plan.tps.len() as u32;
    let work = f64::from(r.pengawalan.maks_menit_tanpa_istirahat.max(1));
    let share = work / (work + f64::from(r.pengawalan.menit_istirahat))
        * (1.0 - TIGHTEN * tighten as f64).max(0.5);
    let per_minute = staffing::escort_capacity(&facility.staff, &crew, |m| {
        if r.jam.buka.0 <= m && m < r.jam.tutup.0 {
            searchers
        } else {
            0
        }
    })
    .into_iter()
    .zip(cut)
    .map(|(c, cut)| ((f64::from(c) * share).floor() as u32).saturating_sub(*cut))
    .collect();
    // The women escorts of the named roster, at the same share.
    let women = staffing::women_escort_capacity(&facility.staff, &crew)
        .into_iter()
        .map(|c| (f64::from(c) * share).ceil() as u32)
        .collect();
    EscortProfile {
        per_minute,
        women: Some(women),
    }
}

/// Plans the day against the named roster: the optimiser's plan is staffed by name;
/// where escorts fall short the schedule is planned again with half the officers found
/// missing taken off where they were missing and [`TIGHTEN`] less of the roster's
/// capacity, up to [`STAFF_ROUNDS`] times or the deadline; the round with the fewest
/// escort-minutes missing is kept (a round the schedule cannot meet ends the rounds). `requested` officers are added to
/// the escort capacity everywhere (a relaxed plan whose shortfalls become requests);
/// such a plan is staffed once.
fn plan_with_roster(
    facility: &Facility,
    voters: &[Voter],
    opts: &PlanOptions,
    deadline: Instant,
    requested: Option<Vec<u32>>,
) -> std::result::Result<(Plan, Staffing, usize), optimise::Infeasible> {
    let mut opts = opts.clone();
    let relaxed = requested.is_some();
    opts.accept_escort_shortfall = relaxed;
    opts.requested_escorts = requested.unwrap_or_default();
    opts.time_limit = deadline
        .saturating_duration_since(Instant::now())
        .max(Duration::from_millis(200));
    let mut rounds = 0;
    let mut cut = vec![0u32; 24 * 60];
    let mut best: Option<(Plan, Staffing, usize, u64)> = None;
    loop {
        rounds += 1;
        let plan = match optimise::plan(facility, voters, &opts) {
            Ok(p) => p,
            // A later round asked too much of the schedule: the best round stands.
            Err(e) => return best.map(|b| (b.0, b.1, b.2)).ok_or(e),
        };
        let staffing = staff_plan(facility, &plan);
        let short: Vec<_> = staffing
            .shortfalls
            .iter()
            .filter(|s| s.role == DutyRole::Pengawal)
            .cloned()
            .collect();
        let missing: u64 = short
            .iter()
            .map(|s| u64::from(s.until.0.saturating_sub(s.from.0)) * u64::from(s.count))
            .sum();
        let profile = named_profile(facility, &plan, &staffing, &cut, rounds);
        if best.as_ref().is_none_or(|b| missing < b.3) {
            best = Some((plan, staffing, rounds, missing));
        }
        let done =
            short.is_empty() || relaxed || rounds >= STAFF_ROUNDS || Instant::now() >= deadline;
        if done && let Some(b) = best.take() {
            return Ok((b.0, b.1, rounds));
        }
        // Schedule again against the named roster, with the officers found missing
        // taken off where they were missing.
        for s in &short {
            for m in s.from.0..s.until.0.min(24 * 60) {
                cut[m as usize] += s.count.div_ceil(2);
            }
        }
        opts.escorts = EscortSource::Profile(profile);
        opts.time_limit = deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(200));
    }
}

/// Why the roster's KPPS candidates cannot sit on a crew, counted per reason over
/// the staff with the kpps role ("12 belum menandatangani pakta integritas, 3 tanpa
/// izin atasan"); empty without such staff.
pub(super) fn kpps_bar_summary(
    facility: &Facility,
    tps: &[staffing::TpsNeed],
    lang: Lang,
) -> String {
    let Some(need) = tps.first() else {
        return String::new();
    };
    let mut count: std::collections::BTreeMap<staffing::KppsBar, usize> = Default::default();
    for s in facility
        .staff
        .iter()
        .filter(|s| s.roles.contains(&crate::model::StaffRole::Kpps))
    {
        for bar in staffing::kpps_bars(
            s,
            &facility.rules,
            facility.election_date(),
            need.crew_from,
            need.crew_until,
        ) {
            *count.entry(bar).or_default() += 1;
        }
    }
    count
        .into_iter()
        .map(|(bar, n)| format!("{n} {}", bar.label(lang)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Officer-minutes a staffing lacks (KPPS seats over their whole day).
fn missing_minutes(staffing: &Staffing, plan: &Plan, facility: &Facility) -> u64 {
    let (tps, _) = staffing_needs(facility, plan);
    staffing
        .requests(&tps, facility.rules.jam.menit_slot)
        .iter()
        .map(|r| u64::from(r.jumlah) * u64::from(r.selesai.0.saturating_sub(r.mulai.0)))
        .sum()
}

/// A plan and its staffing for `facility` within `opts.time_limit` from now: against
/// the roster alone first, else with the escorts it lacks to be requested (see
/// [`plan_facility`](super::plan_facility)).
pub(super) fn plan_day(
    facility: &Facility,
    voters: &[Voter],
    opts: &PlanOptions,
    lang: Lang,
) -> Result<(Plan, Staffing, usize)> {
    let started = Instant::now();
    let deadline = started + opts.time_limit;
    // The roster alone gets a quarter of the budget: a facility it staffs plans in a
    // fraction of that, one it cannot staff leaves the rest to the plan with requests.
    let roster_deadline = started + opts.time_limit.mul_f64(ROSTER_SHARE);
    let first = plan_with_roster(facility, voters, opts, roster_deadline, None);
    // Relaxed plans are tried when the roster alone gives no plan, or crews are short
    // (more TPS than needed would need more crews).
    let relax = match &first {
        Ok(r) => !r.1.kpps_short.is_empty() && r.0.solver.tps > r.0.solver.tps_lower_bound,
        Err(_) => true,
    };
    let chosen = if !relax {
        first.map_err(|e| Error::Infeasible(e.describe(lang)))?
    } else {
        // First the schedule with the smallest escort shortfall the elastic model
        // finds against the roster, then (should that find nothing in time) ample
        // officers at every minute.
        let day = 24 * 60;
        let attempts: Vec<Vec<u32>> = vec![Vec::new(), vec![1000; day]];
        let key =
            |r: &(Plan, Staffing, usize)| (r.0.solver.tps, missing_minutes(&r.1, &r.0, facility));
        let mut best: Option<(Plan, Staffing, usize)> = None;
        for extra in attempts {
            if best.is_some() && Instant::now() >= deadline {
                break;
            }
            let r = plan_with_roster(facility, voters, opts, deadline, Some(extra));
            if let Ok(r) = r {
                if best.as_ref().is_none_or(|b| key(&r) < key(b)) {
                    best = Some(r);
                }
                break;
            }
        }
        match (first, best) {
            (Ok(f), Some(b)) => {
                if key(&f) <= key(&b) {
                    f
                } else {
                    b
                }
            }
            (Ok(f), None) => f,
            (Err(_), Some(b)) => b,
            (Err(e), None) => return Err(Error::Infeasible(e.describe(lang))),
        }
    };
    Ok(chosen)
}
