//! `tpsplan render OUT`: after a hand edit of `OUT/plan.json`, every other file of the
//! plan folder is built again from it (with the inputs it references, read as `verify`
//! reads them) by the same export code `plan` uses, and the folder is verified.
//!
//! What is derived from the edited plan is derived again: each TPS's voters sorted and
//! its ballots counted (voters entitled + reserve), the TPS count of the solver report,
//! and, when the edited plan breaks a staffing rule as it stands (a wave moved away from
//! its named escorts, say), the staff by name with the requests they leave. The edited
//! plan is checked against every hard rule (and `penyesuaian.csv`) before anything is
//! written: a plan that breaks one is refused with each violation named (exit 1) and the
//! folder stays as it was, so the files never disagree with a plan that cannot be used.
//! The new folder replaces the old one whole (written aside, then exchanged), so
//! `simulasi/` results of the old plan go with it. `commands::render` reads the folder,
//! prints, and verifies the folder written.

use std::path::Path;

use crate::error::{Error, Result};
use crate::facility::Facility;
use crate::lang::{Lang, text};
use crate::model::{RegNo, Voter};
use crate::plan::{BallotCount, Plan};
use crate::planned::Planned;
use crate::verify::Violation;

/// What [`rebuild`] did with an edited plan.
#[derive(Debug)]
pub enum Rebuilt {
    /// Every file was written again from the plan.
    Written {
        /// The staff by name were assigned again for the edited schedule.
        restaffed: bool,
        /// Where the old folder was left when it could not be deleted.
        left: Option<std::path::PathBuf>,
    },
    /// The edited plan breaks these hard rules; nothing was written ([`refusal`]).
    Refused(Vec<Violation>),
}

/// `tpsplan render OUT` without the printing: rebuilds every file of the plan folder
/// `out` from its edited `plan` (read from `out`) and the `facility` it was made from
/// (as `verify` reads it), unless the edit breaks a hard rule.
pub fn rebuild(out: &Path, plan: Plan, facility: Facility, lang: Lang) -> Result<Rebuilt> {
    let reference = crate::reference::Reference::builtin();
    // The files are written from the planner's eligibility decision, as `plan` writes
    // them; the checks below derive who votes with verify's own code.
    let decisions = crate::eligibility::decide(&facility, reference);
    let voters = crate::eligibility::voters(&facility, &decisions);
    let digest = crate::plan::voters_digest(&voters);
    if digest != plan.inputs.voters_digest {
        let msg = text!(
            "daftar pemilih dari masukan berubah sejak rencana dibuat (sidik {digest}, rencana {}): buat ulang rencananya dengan `tpsplan plan`",
            "the voter list from the input changed since the plan was made (digest {digest}, plan {}): make the plan again with `tpsplan plan`",
            plan.inputs.voters_digest
        );
        return Err(Error::Violations(msg.get(lang).to_string()));
    }
    let mut plan = plan;
    recount(&facility, &voters, &mut plan);
    let mut violations = crate::verify::verify(&facility, reference, &plan);
    let mut restaffed = false;
    if !violations.is_empty() {
        // The staff by name follow the edited schedule.
        let mut again = plan.clone();
        let staffing = crate::planner::staff_plan(&facility, &again);
        crate::planner::attach_staffing(&facility, &mut again, staffing);
        violations = crate::verify::verify(&facility, reference, &again);
        if violations.is_empty() {
            plan = again;
            restaffed = true;
        }
    }
    if !violations.is_empty() {
        return Ok(Rebuilt::Refused(violations));
    }
    let reserve = crate::planner::reserve_warnings(&facility, &voters, &plan);
    let warnings = reserve.iter().map(|w| w.message(lang)).collect();
    if let Some(p) = &plan.inputs.scenario_path {
        plan.inputs.scenario_path = Some(out.join(p));
    }
    let follow_ups = crate::eligibility::follow_ups(&facility, &decisions);
    let handover = plan.inputs.handover;
    let planned = Planned {
        facility,
        decisions,
        voters,
        follow_ups,
        plan,
        rounds: 0,
        seconds: 0.0,
        warnings,
        reserve,
        requests_after_time_limit: false,
        // A hand edit is not a re-plan against an earlier plan: perubahan.csv, which
        // compares two plans, is not rebuilt (the folder's old one goes with the swap).
        changes: None,
    };
    let left = crate::planner::write_outputs(out, &planned, lang, handover)?;
    Ok(Rebuilt::Written { restaffed, left })
}

/// The line `tpsplan render` prints when every file of `out` was rebuilt.
pub fn done_line(out: &Path, restaffed: bool, lang: Lang) -> String {
    let done = if restaffed {
        text!(
            "{}: semua berkas dibangun ulang dari plan.json; petugas (petugas.csv, kekurangan.csv) disusun ulang untuk jadwal yang disunting",
            "{}: every file rebuilt from plan.json; staff (petugas.csv, kekurangan.csv) assigned again for the edited schedule",
            out.display()
        )
    } else {
        text!(
            "{}: semua berkas dibangun ulang dari plan.json",
            "{}: every file rebuilt from plan.json",
            out.display()
        )
    };
    done.get(lang).to_string()
}

/// What follows from the TPS's voters: sorted by register number, ballots per type
/// (entitled voters + reserve), the TPS count of the solver report.
fn recount(facility: &Facility, voters: &[Voter], plan: &mut Plan) {
    let by_reg: std::collections::BTreeMap<&RegNo, &Voter> =
        voters.iter().map(|v| (&v.reg_no, v)).collect();
    for t in &mut plan.tps {
        t.voters.sort_by(|a, b| a.reg_no.cmp(&b.reg_no));
        let vs: Vec<&Voter> = t
            .voters
            .iter()
            .filter_map(|rv| by_reg.get(&rv.reg_no).copied())
            .collect();
        t.ballots = crate::eligibility::ballot_needs(&facility.rules, &vs)
            .into_iter()
            .map(|n| BallotCount {
                code: n.code,
                voters: n.voters,
                reserve: n.reserve,
                total: n.total,
            })
            .collect();
    }
    plan.tps.sort_by_key(|t| t.number);
    plan.solver.tps = plan.tps.len() as u32;
}

/// The error refusing an edited plan that breaks hard rules (the caller shows each
/// violation); nothing was written.
pub fn refusal(out: &Path, violations: &[Violation], lang: Lang) -> Error {
    let n = violations.len();
    let first = violations[0].render(lang);
    Error::Violations(
        text!(
            "{}: plan.json yang disunting melanggar {n} aturan wajib (pertama: {first}); tidak ada berkas yang ditulis, folder tetap seperti semula",
            "{}: the edited plan.json breaks {n} hard rules (first: {first}); no file was written, the folder is as it was",
            out.display()
        )
        .get(lang)
        .to_string(),
    )
}
