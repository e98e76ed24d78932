//! The `plan` pipeline for one facility: decide eligibility, optimise TPS, registration
//! and schedule, staff it by name (re-optimising the schedule against the named roster
//! where escorts fall short), verify the result independently, then write the plan
//! folder whole or not at all. Neighbours: `input` before, `export` after.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::eligibility;
use crate::error::{Error, Result};
use crate::facility::Facility;
use crate::lang::{Lang, Text, text};
use crate::model::{Nip, Voter};
use crate::optimise::{self, EscortProfile, EscortSource, PlanOptions};
use crate::plan::Plan;
use crate::reference::Reference;
use crate::staffing::{self, DutyRole, Staffing};
use crate::verify;

pub use crate::planned::{Planned, staffing_needs};

/// Share of the time limit the search against the roster alone may use before the plan
/// with requests is tried.
const ROSTER_SHARE: f64 = 0.25;

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

/// The reserve warnings of every TPS of `plan` (eligibility's ballot logistics).
pub(crate) fn reserve_warnings(
    facility: &Facility,
    voters: &[Voter],
    plan: &Plan,
) -> Vec<eligibility::ReserveWarning> {
    let by_reg: std::collections::HashMap<&crate::model::RegNo, &Voter> =
        voters.iter().map(|v| (&v.reg_no, v)).collect();
    let numbers: Vec<String> = plan.tps.iter().map(|t| t.number.to_string()).collect();
    let at: Vec<Vec<&Voter>> = plan
        .tps
        .iter()
        .map(|t| {
            t.voters
                .iter()
                .filter_map(|rv| by_reg.get(&rv.reg_no).copied())
                .collect()
        })
        .collect();
    eligibility::reserve_warnings(
        &facility.rules,
        numbers
            .iter()
            .zip(&at)
            .map(|(n, v)| (n.as_str(), v.as_slice())),
    )
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
fn kpps_bar_summary(facility: &Facility, tps: &[staffing::TpsNeed], lang: Lang) -> String {
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
/// [`plan_facility`]).
fn plan_day(
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

/// The plan with exactly the `n` TPS KPU fixed. The free plan's count when it is `n`;
/// more TPS than `n` needed is an error saying why in the user's terms and how many it
/// needs; fewer: the largest per-TPS cap (below the ruleset's) whose plan opens `n`,
/// found by bisection, so the voters spread over the `n` TPS.
fn plan_exact(
    facility: &Facility,
    voters: &[Voter],
    opts: &PlanOptions,
    n: u32,
    lang: Lang,
) -> Result<(Plan, Staffing, usize)> {
    let free = plan_day(facility, voters, opts, lang)?;
    let m = free.0.tps.len() as u32;
    if m == n {
        return Ok(free);
    }
    if m > n {
        return Err(Error::Infeasible(too_few_tps(
            facility, voters, &free.0, n, lang,
        )));
    }
    let cap = facility.rules.tps.maks_pemilih;
    let (mut lo, mut hi) = (1u32, cap);
    let mut found = None;
    while lo <= hi {
        let mid = lo + (hi - lo) / 2;
        let mut tighter = facility.clone();
        tighter.rules.tps.maks_pemilih = mid;
        match plan_day(&tighter, voters, opts, lang) {
            Ok(r) if r.0.tps.len() as u32 >= n => {
                if r.0.tps.len() as u32 == n {
                    found = Some(r);
                }
                lo = mid + 1;
            }
            Ok(_) => hi = mid.saturating_sub(1),
            Err(_) => lo = mid + 1,
        }
        if hi == 0 {
            break;
        }
    }
    found.ok_or_else(|| {
        let why = text!(
            "KPU menetapkan {n} TPS: tidak ditemukan pembagian {} pemilih ke tepat {n} TPS (tanpa ketetapan: {m} TPS); tulis jumlah_tps lain atau hapus kuncinya",
            "KPU fixed {n} TPS: no split of {} voters over exactly {n} TPS was found (without the fixed count: {m} TPS); write another jumlah_tps or remove the key",
            voters.len()
        );
        Error::Infeasible(why.get(lang).to_string())
    })
}

/// Why `n` TPS cannot hold the voters, per class that may never share a TPS, and how
/// many the plan needs.
fn too_few_tps(facility: &Facility, voters: &[Voter], plan: &Plan, n: u32, lang: Lang) -> String {
    let r = &facility.rules;
    let m = plan.tps.len();
    let bound = plan.solver.tps_lower_bound;
    let classes: Vec<String> = plan
        .solver
        .classes
        .iter()
        .map(|c| {
            text!(
                "{}: {} pemilih, sedikitnya {} TPS (batas {} pemilih per TPS; {} TPS menurut jumlah bilik dan jam)",
                "{}: {} voters, at least {} TPS (cap {} voters per TPS; {} TPS by booths and hours)",
                c.class,
                c.voters,
                c.trivial.max(c.throughput),
                r.tps.maks_pemilih,
                c.throughput
            )
            .get(lang)
            .to_string()
        })
        .collect();
    let classes = classes.join("; ");
    let why = if n < bound {
        text!(
            "KPU menetapkan {n} TPS, tetapi {} pemilih butuh sedikitnya {bound} TPS menurut aturan ({classes}); rencana terbaik memakai {m} TPS: minta KPU menetapkan {m} TPS, atau tambah bilik atau lokasi",
            "KPU fixed {n} TPS, but {} voters need at least {bound} TPS under the rules ({classes}); the best plan uses {m} TPS: ask KPU for {m} TPS, or add booths or sites",
            voters.len()
        )
    } else {
        text!(
            "KPU menetapkan {n} TPS: tidak ditemukan rencana dengan {n} TPS (batas bawah {bound}; {classes}); rencana terbaik memakai {m} TPS: minta KPU menetapkan {m} TPS, atau tambah bilik atau lokasi",
            "KPU fixed {n} TPS: no plan with {n} TPS was found (lower bound {bound}; {classes}); the best plan uses {m} TPS: ask KPU for {m} TPS, or add booths or sites"
        )
    };
    why.get(lang).to_string()
}

/// What is left of the budget started at `started` (at least a second, for the checks).
fn deadline_left(started: Instant, opts: &PlanOptions) -> Duration {
    opts.time_limit
        .saturating_sub(started.elapsed())
        .max(Duration::from_secs(1))
}

/// When no registration exists: the rule or switch that binds, found by planning again
/// with one change at a time (a TPS of their own for women, juveniles or high-risk
/// voters; a facility separation; a site the scenario closed; a zone's access), least
/// intrusive first; the first change with which the facility plans is named with the
/// TPS it then needs. `None` when no single change helps within `budget`.
fn binding_rule(
    facility: &Facility,
    voters: &[Voter],
    opts: &PlanOptions,
    budget: Duration,
    lang: Lang,
) -> Option<String> {
    let started = Instant::now();
    let mut candidates: Vec<(Text, Facility)> = Vec::new();
    let switch = |key: &str, what_id: &str, what_en: &str| {
        Text::new(
            format!("sakelar [pemisahan] {key} = true ({what_id}): dengan {key} = false"),
            format!("the switch [pemisahan] {key} = true ({what_en}): with {key} = false"),
        )
    };
    type Switch = fn(&mut crate::rules::SeparationRules) -> &mut bool;
    let switches: [(Switch, &str, &str, &str); 3] = [
        (
            |p| &mut p.anak_tps_terpisah,
            "anak_tps_terpisah",
            "anak di TPS tersendiri; praktik 2024: gelombang tersendiri di TPS bersama",
            "juveniles at a TPS of their own; 2024 practice: waves of their own at a shared TPS",
        ),
        (
            |p| &mut p.jenis_kelamin_tps_terpisah,
            "jenis_kelamin_tps_terpisah",
            "perempuan di TPS tersendiri; praktik 2024: gelombang tersendiri di TPS bersama",
            "women at a TPS of their own; 2024 practice: waves of their own at a shared TPS",
        ),
        (
            |p| &mut p.risiko_tinggi_tps_terpisah,
            "risiko_tinggi_tps_terpisah",
            "risiko tinggi di TPS tersendiri",
            "high risk at a TPS of their own",
        ),
    ];
    for (flag, key, what_id, what_en) in switches {
        let mut f = facility.clone();
        let on = flag(&mut f.rules.pemisahan);
        if *on {
            *on = false;
            candidates.push((switch(key, what_id, what_en), f));
        }
    }
    for (i, s) in facility.info.separations.iter().enumerate() {
        if s.separate_tps {
            let mut f = facility.clone();
            f.info.separations[i].separate_tps = false;
            let blocks = s
                .blocks
                .iter()
                .map(|b| b.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            candidates.push((
                text!(
                    "pemisahan blok {blocks} di TPS tersendiri ([[pemisahan]] tps_terpisah = true): dengan tps_terpisah = false (hanya tidak bersamaan)",
                    "the facility separation of blocks {blocks} at TPS of their own ([[pemisahan]] tps_terpisah = true): with tps_terpisah = false (never at the same time only)"
                ),
                f,
            ));
        }
    }
    for site in &facility.scenario.closed_sites {
        let mut f = facility.clone();
        f.scenario.closed_sites.retain(|s| s != site);
        candidates.push((
            text!(
                "lokasi {site} yang ditutup skenario (lokasi_ditutup): dengan {site} dibuka",
                "the site {site} the scenario closes (lokasi_ditutup): with {site} open"
            ),
            f,
        ));
    }
    // A zone whose blocks may use its own sites only (or the ones listed): with every
    // zone that has sites.
    let site_zones: BTreeSet<&crate::model::ZoneId> = facility
        .nodes
        .iter()
        .filter(|n| n.max_tps > 0)
        .map(|n| &n.zone)
        .collect();
    let voter_zones: BTreeSet<&crate::model::ZoneId> = voters
        .iter()
        .filter_map(|v| facility.nodes.iter().find(|n| n.id == v.block))
        .map(|n| &n.zone)
        .collect();
    for zone in voter_zones {
        let allowed = crate::layout::allowed_zones(facility, zone);
        if site_zones.iter().all(|z| allowed.contains(*z)) {
            continue;
        }
        let mut f = facility.clone();
        f.info.zone_access.insert(
            zone.clone(),
            site_zones.iter().map(|z| (*z).clone()).collect(),
        );
        let list = site_zones
            .iter()
            .map(|z| format!("\"{z}\""))
            .collect::<Vec<_>>()
            .join(", ");
        candidates.push((
            text!(
                "zona {zone}, yang bloknya hanya boleh memilih di lokasi zonanya sendiri atau yang tercantum ([akses_zona]): dengan {zone} = [{list}]",
                "the zone {zone}, whose blocks may vote only at the sites of its own or listed zones ([akses_zona]): with {zone} = [{list}]"
            ),
            f,
        ));
    }
    let each = budget
        .div_f64(candidates.len().max(1) as f64)
        .max(Duration::from_millis(500));
    for (what, f) in candidates {
        if started.elapsed() >= budget {
            break;
        }
        let quick = PlanOptions {
            time_limit: each,
            ..opts.clone()
        };
        if let Ok((plan, ..)) = plan_day(&f, voters, &quick, lang) {
            let n = plan.tps.len();
            let what = what.get(lang);
            let why = text!(
                "aturan yang mengikat: {what} rencana layak dengan {n} TPS (diperiksa dengan merencanakan ulang)",
                "the rule that binds: {what} the facility plans with {n} TPS (checked by planning)"
            );
            return Some(why.get(lang).to_string());
        }
    }
    None
}

/// Plans one facility end to end. When every voter can be registered under the hard
/// rules the plan comes out even if the roster is short: what it lacks (KPPS members,
/// escorts, searchers) is listed as requests in `plan.kekurangan`. The number of TPS
/// follows the legal rules first: a plan against the roster alone that needs more TPS
/// (and so more crews) than one with requested escorts is kept only when the roster
/// staffs it completely. `Err(Error::Infeasible)` says why no registration exists, in
/// the user's terms; no half plan is ever returned.
pub fn plan_facility(
    facility: Facility,
    reference: &Reference,
    opts: &PlanOptions,
    lang: Lang,
) -> Result<Planned> {
    plan_facility_in(facility, reference, opts, lang).map_err(|e| match (e, lang) {
        (Error::Infeasible(why), Lang::En) => Error::InfeasibleEn(why),
        (e, _) => e,
    })
}

fn plan_facility_in(
    facility: Facility,
    reference: &Reference,
    opts: &PlanOptions,
    lang: Lang,
) -> Result<Planned> {
    let started = Instant::now();
    let decisions = eligibility::decide(&facility, reference);
    let voters = eligibility::voters(&facility, &decisions);
    let follow_ups = eligibility::follow_ups(&facility, &decisions);
    // Hand edits (penyesuaian.csv) that break a hard rule by themselves: input errors.
    pin_errors(optimise::pins::check(&facility, &voters), lang)?;
    let chosen = match facility.info.tps_count {
        Some(n) => plan_exact(&facility, &voters, opts, n, lang)?,
        None => match plan_day(&facility, &voters, opts, lang) {
            Ok(r) => r,
            Err(Error::Infeasible(why)) => {
                let fix =
                    binding_rule(&facility, &voters, opts, deadline_left(started, opts), lang);
                return Err(Error::Infeasible(match fix {
                    Some(fix) => format!("{why}\n{fix}"),
                    None => why,
                }));
            }
            Err(e) => return Err(e),
        },
    };
    let (mut plan, staffing, rounds) = chosen;
    attach_staffing(&facility, &mut plan, staffing);
    // Hand edits the plan could not honour (a TPS number beyond the plan's, a pinned
    // TPS that the day cannot hold in one): input errors, nothing written.
    pin_errors(
        verify::pins::breaches(&facility, &voters, &plan)
            .into_iter()
            .map(|b| {
                let code = if b.missing_tps { "E0711" } else { "E0712" };
                crate::diagnostics::Problem::error(
                    code,
                    &facility.dir.join(crate::input::PINS_FILE),
                    b.message,
                )
                .at_line(b.line)
            })
            .collect(),
        lang,
    )?;
    let violations = verify::verify(&facility, reference, &plan);
    if !violations.is_empty() {
        let n = violations.len();
        let first = violations
            .iter()
            .take(5)
            .map(|v| v.render(lang))
            .collect::<Vec<_>>()
            .join("; ");
        let why = text!(
            "rencana tidak lolos pemeriksaan ulang ({n} pelanggaran), tidak ditulis: {first}",
            "the plan failed its independent check ({n} violations) and was not written: {first}"
        );
        return Err(Error::Other(why.get(lang).to_string()));
    }
    let reserve = reserve_warnings(&facility, &voters, &plan);
    let warnings = reserve.iter().map(|w| w.message(lang)).collect();
    // The roster-only search returns at once when it finds a plan (complete or not); it
    // runs to its share of the budget only while it finds none.
    let requests_after_time_limit =
        !plan.kekurangan.is_empty() && started.elapsed() >= opts.time_limit.mul_f64(ROSTER_SHARE);
    Ok(Planned {
        facility,
        decisions,
        voters,
        follow_ups,
        plan,
        rounds,
        seconds: started.elapsed().as_secs_f64(),
        warnings,
        reserve,
        requests_after_time_limit,
        changes: None,
    })
}

/// Puts a staffing into the plan with the requests it leaves (`kekurangan`, the KPPS
/// requests saying why the UPT's own staff cannot sit).
pub(crate) fn attach_staffing(facility: &Facility, plan: &mut Plan, staffing: Staffing) {
    let (tps_needs, _) = staffing_needs(facility, plan);
    plan.kekurangan = staffing.requests(&tps_needs, facility.rules.jam.menit_slot);
    let why = kpps_bar_summary(facility, &tps_needs, Lang::Id);
    for q in plan.kekurangan.iter_mut().filter(|q| q.peran == "kpps") {
        if !why.is_empty() {
            q.tindakan = format!("{}; petugas UPT: {why}", q.tindakan);
        }
    }
    plan.staffing = Some(staffing);
}

/// Prints the problems of `penyesuaian.csv` and fails with them as bad input (exit 2).
fn pin_errors(problems: Vec<crate::diagnostics::Problem>, lang: Lang) -> Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    for p in &problems {
        eprintln!("{}", p.render(lang));
    }
    Err(Error::BadInput(problems.len()))
}

/// The short summary `tpsplan plan` prints for a facility.
pub fn summary(p: &Planned, lang: Lang) -> String {
    let s = &p.plan.solver;
    let en = lang == Lang::En;
    let staffing = p.plan.staffing.as_ref();
    let kpps = staffing.map(|s| s.kpps.len()).unwrap_or(0);
    let escorts: BTreeSet<&Nip> = staffing
        .into_iter()
        .flat_map(|s| &s.assignments)
        .filter(|a| a.peran == "pengawal")
        .map(|a| &a.nip)
        .collect();
    let finish = p
        .plan
        .waves
        .iter()
        .map(|w| w.end)
        .max()
        .map(|c| c.to_string())
        .unwrap_or_else(|| "-".into());
    let mut out = String::new();
    use std::fmt::Write as _;
    let _ = writeln!(out, "{} ({})", p.plan.facility_name, p.plan.facility);
    // Officers of pemilih_lain.csv vote too, but are not WBP: shown apart.
    let others = p.voters.iter().filter(|v| v.other).count();
    let officers = match (others, en) {
        (0, _) => String::new(),
        (n, false) => format!(" + {n} pemilih lain"),
        (n, true) => format!(" + {n} other voters"),
    };
    let _ = writeln!(
        out,
        "  {} {}{officers} / {} {}; TPS {} ({} {}); {} {}",
        if en { "voters" } else { "pemilih" },
        p.voters.len() - others,
        if en { "inmates" } else { "WBP" },
        p.facility.inmates.len(),
        s.tps,
        if en { "lower bound" } else { "batas bawah" },
        s.tps_lower_bound,
        if en {
            "last wave ends"
        } else {
            "gelombang terakhir selesai"
        },
        finish
    );
    let _ = writeln!(
        out,
        "  {} {}; {} {:.1}; {} {:.1}; gap {:.2} %; {:.2} s",
        if en { "solver" } else { "penyelesaian" },
        if en {
            s.status.label_en()
        } else {
            s.status.label()
        },
        if en { "objective" } else { "objektif" },
        s.objective,
        if en { "bound" } else { "batas" },
        s.lower_bound,
        s.gap * 100.0,
        p.seconds
    );
    if !p.plan.penyesuaian.is_empty() {
        let n = p.plan.penyesuaian.len();
        let _ = writeln!(
            out,
            "  {}",
            if en {
                format!("penyesuaian.csv: {n} hand edits honoured")
            } else {
                format!("penyesuaian.csv: {n} penyesuaian dipatuhi")
            }
        );
    }
    let _ = writeln!(
        out,
        "  KPPS {kpps}; {} {}; {} {}; {} {}",
        if en { "escorts" } else { "pengawal" },
        escorts.len(),
        if en { "waves" } else { "gelombang" },
        p.plan.waves.len(),
        if en { "follow-ups" } else { "tindak lanjut" },
        p.follow_ups.len()
    );
    if let Some(changes) = &p.changes {
        out.push_str(&crate::stable::summary(changes, lang));
    }
    if let Some(n) = p.facility.info.tps_count {
        let _ = writeln!(
            out,
            "  {}",
            match lang {
                Lang::Id => format!("jumlah TPS ditetapkan KPU: {n}"),
                Lang::En => format!("TPS count fixed by KPU: {n}"),
            }
        );
    }
    if !p.plan.kekurangan.is_empty() {
        let _ = writeln!(out, "  {}", requests_heading(p, lang));
        if p.requests_after_time_limit {
            let _ = writeln!(
                out,
                "  {}",
                match lang {
                    Lang::Id =>
                        "catatan: rencana tanpa permintaan dicari sampai seperempat --time-limit tanpa hasil; --time-limit yang lebih panjang mungkin mengurangi permintaan",
                    Lang::En =>
                        "note: a plan without requests was searched for a quarter of --time-limit without success; a longer --time-limit may need fewer requests",
                }
            );
        }
        let lines = request_lines(p, lang);
        const SHOWN: usize = 8;
        for line in lines.iter().take(SHOWN) {
            let _ = writeln!(out, "    {line}");
        }
        if lines.len() > SHOWN {
            let _ = writeln!(
                out,
                "    {}",
                match lang {
                    Lang::Id => format!("... {} lagi di kekurangan.csv", lines.len() - SHOWN),
                    Lang::En => format!("... {} more in kekurangan.csv", lines.len() - SHOWN),
                }
            );
        }
    }
    if !p.reserve.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            if en {
                format!(
                    "warning: at {} TPS the DPTb and DPK voters exceed the reserve ballots; ask KPU kab/kota for ballots for every DPTb and DPK voter (details in report.html):",
                    p.reserve.len()
                )
            } else {
                format!(
                    "peringatan: di {} TPS pemilih DPTb dan DPK melebihi surat suara cadangan; minta KPU kab/kota menambah surat suara sejumlah pemilih DPTb dan DPK (rincian di report.html):",
                    p.reserve.len()
                )
            }
        );
        for w in &p.reserve {
            let _ = writeln!(out, "    {}", w.short_line(lang));
        }
    }
    out
}

/// "peringatan: petugas UPT tidak cukup; 9 permintaan di kekurangan.csv:".
fn requests_heading(p: &Planned, lang: Lang) -> String {
    let n = p.plan.kekurangan.len();
    // The most asked for at once, per role (KPPS: over all TPS).
    let mut peak: std::collections::BTreeMap<&str, u32> = Default::default();
    for q in &p.plan.kekurangan {
        let e = peak.entry(q.peran.as_str()).or_default();
        *e = if q.peran == "kpps" {
            *e + q.jumlah
        } else {
            (*e).max(q.jumlah)
        };
    }
    let most = peak
        .iter()
        .map(|(role, n)| match (lang, *role) {
            (Lang::Id, "kpps") => format!("{n} anggota KPPS dari luar"),
            (Lang::Id, role) => format!("{n} {}", role.replace('_', " ")),
            (Lang::En, "kpps") => format!("{n} KPPS members from outside"),
            (Lang::En, "pengawal") => format!("{n} escorts"),
            (Lang::En, "pengawal_kunjungan") => format!("{n} visit escorts"),
            (Lang::En, "pemeriksa") => format!("{n} searchers"),
            (Lang::En, role) => format!("{n} {role}"),
        })
        .collect::<Vec<_>>()
        .join(", ");
    match lang {
        Lang::Id => format!(
            "peringatan: petugas UPT tidak mencukupi; rencana tetap dibuat dengan {n} permintaan petugas (paling banyak sekaligus: {most}; kekurangan.csv):"
        ),
        Lang::En => format!(
            "warning: the UPT's roster falls short; the plan stands with {n} staff requests (most at once: {most}; kekurangan.csv):"
        ),
    }
}

/// One short line per request, in the run's language.
fn request_lines(p: &Planned, lang: Lang) -> Vec<String> {
    p.plan
        .kekurangan
        .iter()
        .map(|q| {
            let women = q.jenis_kelamin == "P";
            match (q.peran.as_str(), lang) {
                ("kpps", Lang::Id) => format!(
                    "TPS {}: {} anggota KPPS diangkat PPS dari luar UPT{}",
                    q.nomor_tps.unwrap_or(0),
                    q.jumlah,
                    q.tindakan
                        .split_once("; petugas UPT: ")
                        .map(|(_, why)| format!(" (petugas UPT: {why})"))
                        .unwrap_or_default()
                ),
                ("kpps", Lang::En) => format!(
                    "TPS {}: {} KPPS members to be appointed by PPS from outside the UPT",
                    q.nomor_tps.unwrap_or(0),
                    q.jumlah
                ),
                (role, Lang::Id) => format!(
                    "{} {}-{}: {} orang{}",
                    role.replace('_', " "),
                    q.mulai,
                    q.selesai,
                    q.jumlah,
                    if women { " perempuan" } else { "" }
                ),
                (role, Lang::En) => format!(
                    "{} {}-{}: {}{}",
                    match role {
                        "pengawal" => "escorts",
                        "pengawal_kunjungan" => "visit escorts",
                        "pemeriksa" => "searchers",
                        other => other,
                    },
                    q.mulai,
                    q.selesai,
                    q.jumlah,
                    if women { " women" } else { "" }
                ),
            }
        })
        .collect()
}

/// Why `--ketat` refuses a plan with requests.
pub(crate) fn strict_refusal(p: &Planned, lang: Lang) -> String {
    let lines = request_lines(p, lang).join("; ");
    match lang {
        Lang::Id => format!("--ketat: petugas UPT tidak cukup, rencana tidak ditulis: {lines}"),
        Lang::En => format!("--ketat: the roster falls short, no plan written: {lines}"),
    }
}

/// Writes the plan folder `out` for a planned facility: plan.json, jadwal.csv,
/// petugas.csv, kpu/*.csv, kpu/rekap.xlsx, charts/*.svg|png and report.html, all into a
/// temporary sibling renamed into place at the end.
pub fn write_outputs(out: &Path, p: &Planned, lang: Lang, handover: bool) -> Result<()> {
    let mut plan = p.plan.clone();
    plan.inputs.handover = handover;
    // Record the inputs relative to the plan folder, so `verify OUT` finds them from
    // anywhere and the two folders can move together.
    if let Some(rel) = relative_path(out, &p.facility.dir) {
        plan.inputs.dir = rel;
    }
    if let Some(rel) = plan
        .inputs
        .scenario_path
        .as_ref()
        .and_then(|s| relative_path(out, s))
    {
        plan.inputs.scenario_path = Some(rel);
    }
    let left = crate::plan::write_plan_folder(out, &plan, |dir| {
        crate::export::outputs::write_all(dir, p, lang, handover)?;
        if let Some(changes) = &p.changes {
            let path = dir.join("perubahan.csv");
            crate::stable::table(changes)
                .write_csv_file(&path)
                .map_err(|e| crate::plan::WriteError::Output(e.to_string()))?;
        }
        Ok(())
    })
    .map_err(|e| Error::Other(format!("{}: {e}", out.display())))?;
    if let Some(old) = left {
        // The new plan is in place; say so, and where the old one was left.
        eprintln!(
            "{}",
            match lang {
                Lang::Id => format!(
                    "peringatan: rencana baru sudah di {}; rencana lama tidak dapat dihapus dan tertinggal di {} (hapus sendiri)",
                    out.display(),
                    old.display()
                ),
                Lang::En => format!(
                    "warning: the new plan is in {}; the old plan could not be deleted and was left in {} (delete it yourself)",
                    out.display(),
                    old.display()
                ),
            }
        );
    }
    Ok(())
}

/// The path of `target` seen from the folder `from` (which need not exist yet), when
/// both resolve on this machine.
fn relative_path(from: &Path, target: &Path) -> Option<std::path::PathBuf> {
    let target = target.canonicalize().ok()?;
    let from = match from.canonicalize() {
        Ok(p) => p,
        Err(_) => {
            let parent = from
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            std::fs::create_dir_all(parent).ok()?;
            parent.canonicalize().ok()?.join(from.file_name()?)
        }
    };
    let a: Vec<_> = from.components().collect();
    let b: Vec<_> = target.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut rel = std::path::PathBuf::new();
    for _ in common..a.len() {
        rel.push("..");
    }
    for c in &b[common..] {
        rel.push(c);
    }
    Some(rel)
}

/// Loads and validates one facility, printing its problems to stderr.
pub(crate) fn load(
    dir: &Path,
    scenario: Option<&str>,
    reference: &Reference,
    lang: Lang,
) -> Result<Facility> {
    let loaded = crate::input::load_facility(dir, scenario, reference);
    let mut problems = loaded.problems;
    problems.sort_by(|a, b| (&a.file, a.line, a.code).cmp(&(&b.file, b.line, b.code)));
    for p in &problems {
        eprintln!("{}", p.render(lang));
    }
    match loaded.facility {
        Some(f) => Ok(f),
        None => Err(Error::BadInput(
            problems.iter().filter(|p| p.is_error()).count(),
        )),
    }
}

/// What `tpsplan plan` was asked besides the folders.
#[derive(Debug, Clone, PartialEq)]
pub struct RunOptions {
    /// `--time-limit` in seconds per facility.
    pub time_limit: f64,
    /// `--ketat`: a plan with staff requests is refused (exit 1).
    pub ketat: bool,
    /// `--jumlah-tps`: the TPS count KPU fixed (one facility only).
    pub tps_count: Option<u32>,
    /// `--serah-terima`: also write `kpu-rahasia/` with the full identities.
    pub handover: bool,
    /// `--andal P`: plan with slack until the simulated chance of finishing on time is
    /// at least P (`simulate::robust`).
    pub andal: Option<f64>,
    /// `--sebelumnya OLD_OUT`: re-plan keeping to an earlier plan folder (one facility).
    pub previous: Option<std::path::PathBuf>,
}

/// `--time-limit`: more than 0 and at most a day (the deadline must stay a clock time
/// the machine can represent).
pub(crate) fn check_time_limit(time_limit: f64, lang: Lang) -> Result<()> {
    if time_limit.is_finite() && time_limit > 0.0 && time_limit <= 86_400.0 {
        return Ok(());
    }
    Err(Error::Usage(
        text!(
            "--time-limit {time_limit}: tulis jumlah detik lebih dari 0 dan paling banyak 86400 (sehari)",
            "--time-limit {time_limit}: write a number of seconds above 0 and at most 86400 (a day)"
        )
        .get(lang)
        .to_string(),
    ))
}

/// `--jumlah-tps`: 1 to 1000.
pub(crate) fn check_tps_count(n: u32, lang: Lang) -> Result<()> {
    if (1..=1000).contains(&n) {
        return Ok(());
    }
    Err(Error::Usage(
        text!(
            "--jumlah-tps {n}: tulis 1 sampai 1000 TPS",
            "--jumlah-tps {n}: write 1 to 1000 TPS"
        )
        .get(lang)
        .to_string(),
    ))
}

/// What `tpsplan plan` found below its folder before planning anything: the facility
/// folders, those it could not read, the solver options, and whether the folder is one
/// facility (planned here by [`run`]) or a region (planned by `region::run`).
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Folders holding a `facility.toml`, sorted.
    pub dirs: Vec<std::path::PathBuf>,
    /// Folders below a region that could not be read, with why, sorted.
    pub unreadable: Vec<(std::path::PathBuf, String)>,
    /// Solver options (the time limit per facility).
    pub opts: PlanOptions,
    /// The folder is itself the one facility.
    pub single: bool,
}

/// Checks the arguments of `tpsplan plan` and walks `dir` for facility folders
/// (printing the folders it cannot read); an error for a bad flag or an empty folder.
pub fn prepare(dir: &Path, run: &RunOptions, lang: Lang) -> Result<Prepared> {
    let RunOptions {
        time_limit,
        tps_count,
        ..
    } = *run;
    if !dir.is_dir() {
        return Err(Error::not_a_folder(dir, lang));
    }
    check_time_limit(time_limit, lang)?;
    let walk = crate::input::walk_facilities(dir);
    walk.report_unreadable(lang);
    if walk.facilities.is_empty() {
        return Err(Error::Usage(
            text!(
                "tidak ada {} di '{}' maupun di bawahnya",
                "no {} in '{}' or below it",
                crate::input::FACILITY_FILE,
                dir.display()
            )
            .get(lang)
            .to_string(),
        ));
    }
    let opts = PlanOptions {
        time_limit: Duration::from_secs_f64(time_limit),
        ..PlanOptions::default()
    };
    let single = walk.facilities.len() == 1 && walk.facilities[0] == dir;
    if run.previous.is_some() && !single {
        return Err(Error::Usage(
            text!(
                "--sebelumnya berlaku untuk satu UPT; rencanakan ulang tiap UPT dengan folder rencananya sendiri",
                "--sebelumnya applies to one UPT; re-plan each UPT with its own plan folder"
            )
            .get(lang)
            .to_string(),
        ));
    }
    if let Some(n) = tps_count {
        if !single {
            return Err(Error::Usage(
                text!(
                    "--jumlah-tps berlaku untuk satu UPT; untuk wilayah tulis jumlah_tps di facility.toml tiap UPT",
                    "--jumlah-tps applies to one UPT; for a region write jumlah_tps in each UPT's facility.toml"
                )
                .get(lang)
                .to_string(),
            ));
        }
        check_tps_count(n, lang)?;
    }
    Ok(Prepared {
        dirs: walk.facilities,
        unreadable: walk.unreadable,
        opts,
        single,
    })
}

/// `tpsplan plan` on one facility folder (`prepared.single`): plan it and write the
/// plan folder. A region folder is planned by `region::run` (the dispatch is `cli`'s).
pub fn run(
    dir: &Path,
    scenario: Option<&str>,
    out: Option<&Path>,
    run: RunOptions,
    opts: &PlanOptions,
    lang: Lang,
) -> Result<()> {
    let RunOptions {
        ketat,
        tps_count,
        handover,
        andal,
        previous,
        ..
    } = run;
    let reference = Reference::builtin();
    let mut opts = opts.clone();
    let mut facility = load(dir, scenario, reference, lang)?;
    if tps_count.is_some() {
        facility.info.tps_count = tps_count;
    }
    let out = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| Path::new("out").join(&facility.info.code));
    if let Some(why) = crate::plan::out_folder_problem(&out, dir) {
        return Err(Error::Usage(why.get(lang).to_string()));
    }
    // --sebelumnya: read before anything is written (OUT may be the same folder).
    let previous = match &previous {
        Some(old) => Some(crate::stable::load(old, &facility, lang)?),
        None => None,
    };
    opts.previous = previous
        .as_ref()
        .map(|p| std::sync::Arc::new(optimise::previous::Previous::from_plan(&p.plan)));
    // --andal: the robust search of simulate::robust replaces the single plan.
    let (planned, robust) = match andal {
        Some(target) => {
            crate::simulate::robust::check_target(target, true, lang)?;
            let r = crate::simulate::robust::plan(
                facility,
                reference,
                &opts,
                target,
                lang,
                &plan_facility,
            )?;
            let line = crate::simulate::robust::summary(&r, target, lang);
            (r.planned, Some(line))
        }
        None => (plan_facility(facility, reference, &opts, lang)?, None),
    };
    let mut planned = planned;
    if let Some(old) = &previous {
        let changes = crate::stable::diff(
            old,
            &planned.plan,
            &crate::stable::roster(&planned.facility),
        );
        planned.plan.sebelumnya = Some(changes.record());
        planned.changes = Some(changes);
    }
    if ketat && !planned.plan.kekurangan.is_empty() {
        let why = strict_refusal(&planned, lang);
        return Err(match lang {
            Lang::Id => Error::Infeasible(why),
            Lang::En => Error::InfeasibleEn(why),
        });
    }
    write_outputs(&out, &planned, lang, handover)?;
    print!("{}", summary(&planned, lang));
    if handover {
        println!("{}", handover_line(&out, lang));
    }
    println!("  -> {}", out.display());
    if let Some(line) = robust {
        print!("{line}");
        let sim = crate::simulate::RunOptions {
            runs: crate::simulate::robust::RUNS,
            seed: crate::simulate::robust::SEED,
        };
        crate::simulate::run(&out, sim, lang)?;
    }
    Ok(())
}

/// The summary line after a plan with `--serah-terima`.
fn handover_line(out: &Path, lang: Lang) -> String {
    let dir = out.join("kpu-rahasia");
    match lang {
        Lang::Id => format!(
            "  RAHASIA: {} memuat NIK, NKK dan tanggal lahir lengkap; serahkan hanya kepada KPU kab/kota dengan berita acara",
            dir.display()
        ),
        Lang::En => format!(
            "  CONFIDENTIAL (RAHASIA): {} holds full NIK, NKK and birth dates; hand it only to KPU kab/kota, with a signed handover record",
            dir.display()
        ),
    }
}
