//! The `plan` pipeline for one facility: decide eligibility, optimise TPS, registration
//! and schedule, staff it by name (re-optimising the schedule against the named roster
//! where escorts fall short), verify the result independently, and hand back the
//! [`Planned`] facility; writing the plan folder is [`write_outputs`]. It returns
//! values and strings: `commands::plan` prints them. Neighbours: `input` before,
//! `export` after.
//!
//! - `mod.rs`: [`plan_facility`] end to end, the staffing attached to a plan, the hand
//!   edits it cannot honour, and [`load`] (a facility read with its problems);
//! - `roster`: the day planned against the named roster, with requests when it falls
//!   short ([`staff_plan`]);
//! - `exact`: the plan with the TPS count KPU fixed;
//! - `binding`: when no registration exists, the rule that binds;
//! - `summary`: what `tpsplan plan` says about a plan ([`summary()`], [`strict_refusal`]);
//! - `write`: the plan folder ([`write_outputs`]).
//!
//! The one print left here: [`plan_facility`] prints the problems of `penyesuaian.csv`
//! it finds (hand edits that break a hard rule) before failing with bad input, since
//! the error carries only their count.

mod binding;
mod exact;
mod roster;
mod summary;
mod write;

use std::path::Path;
use std::time::{Duration, Instant};

use crate::diagnostics::Problem;
use crate::eligibility;
use crate::error::{Error, Result};
use crate::facility::Facility;
use crate::lang::{Lang, text};
use crate::model::Voter;
use crate::optimise::{self, PlanOptions};
use crate::plan::Plan;
use crate::reference::Reference;
use crate::staffing::Staffing;
use crate::verify;

pub use crate::planned::{Planned, staffing_needs};
pub use roster::staff_plan;
pub use summary::{strict_refusal, summary};
pub use write::{left_behind, write_outputs};

use binding::binding_rule;
use exact::plan_exact;
use roster::{ROSTER_SHARE, kpps_bar_summary, plan_day};

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

/// What is left of the budget started at `started` (at least a second, for the checks).
fn deadline_left(started: Instant, opts: &PlanOptions) -> Duration {
    opts.time_limit
        .saturating_sub(started.elapsed())
        .max(Duration::from_secs(1))
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
                Problem::error(code, &facility.dir.join(crate::input::PINS_FILE), b.message)
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
fn pin_errors(problems: Vec<Problem>, lang: Lang) -> Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    for p in &problems {
        eprintln!("{}", p.render(lang));
    }
    Err(Error::BadInput(problems.len()))
}

/// Reads and validates one facility: its problems sorted by file, line and code (for
/// the caller to show), and the facility, or bad input when some problem is an error.
pub fn load(
    dir: &Path,
    scenario: Option<&str>,
    reference: &Reference,
) -> (Vec<Problem>, Result<Facility>) {
    let loaded = crate::input::load_facility(dir, scenario, reference);
    let mut problems = loaded.problems;
    problems.sort_by(|a, b| (&a.file, a.line, a.code).cmp(&(&b.file, b.line, b.code)));
    let facility = loaded
        .facility
        .ok_or_else(|| Error::BadInput(problems.iter().filter(|p| p.is_error()).count()));
    (problems, facility)
}
