//! The checker: re-checks a plan against its inputs and the hard rules 1-9 of design.md,
//! one violation per broken rule, naming the TPS, wave or voter concerned in both
//! languages ([`Violation::render`]).
//!
//! - `mod.rs`: what every rule reads (`Ctx`) and the rules in their order, one file each:
//!   `registration` (1, every voter once), `cap` (2), `segregation` (3), `sites` (4),
//!   `throughput` (5), `windows` (6), `escorts` (7), `staffing` (8), `supplies` (9:
//!   ballots, boxes, booths) and `pins` (10, the hand edits of `penyesuaian.csv`);
//! - `walk`: walking times recomputed with a plain Dijkstra over `facility.paths`, and
//!   each voter's window, so a mistake in the optimiser's layout cannot hide;
//! - `mixing`: which waves may not share a TPS at one time (rule 3);
//! - `staffing`: rule 8, crews and named duties against the roster, and the requests;
//! - `folder`: a plan folder re-read and every file compared (`commands::verify` prints it);
//! - `eligibility`: who may vote, on which list, with which ballots, derived again from
//!   the rosters, the ruleset and the reference tables with its own code;
//! - `ballots`: rule 9's ballots per TPS and the reserve, with its own arithmetic;
//! - `rows`: the rows of `kpu/pemilih.csv`, `kpu/surat_suara.csv` and `kpu/tps.csv`
//!   (and `kpu-rahasia/RAHASIA_pemilih.csv`), built from what it derived;
//! - `tests` (tests only): faulty plans and rows caught, and a scan of this module's
//!   source for the planner's code.
//!
//! What it shares with the planner: the input layer (`crate::input`, the [`Facility`]
//! it loads), the model types, the ruleset and reference data, and the plan's data
//! types (`crate::plan`, `crate::staffing::Staffing`, `crate::export::Table` as a plain
//! table of cells). Everything it checks (voters, lists, ballots, reserve, walking,
//! capacities, escorts, mixing, crews, the voters, ballots and TPS tables) is
//! re-derived by its own code. Still shared, so a bug there is not caught here: the
//! follow-ups (`kpu/tindak_lanjut.csv`, `kpu/tindak_lanjut_orang.csv`: reasons,
//! actions and deadlines from `eligibility::decide`/`follow_ups`) and the tables that
//! render plan.json or the roster without deciding anything (`kpu/dpt.csv`,
//! `kpu/dptb.csv`, `kpu/dpk.csv`, `kpu/model_a.csv`, `kpu/kpps.csv`, `petugas.csv`,
//! `kekurangan.csv`, `jadwal.csv`, the rest of `kpu-rahasia/`) are compared with what
//! the export code makes of the inputs and plan.json; who is on them, on which list,
//! is checked by the checker's own code (rule 1 against plan.json, rule 8), and
//! every non-voter it derives must be on `kpu/tindak_lanjut.csv`, and the `pemilih`
//! column of `kpu/tindak_lanjut_orang.csv` must say `ya` exactly for its voters.

use std::collections::BTreeMap;

use crate::facility::Facility;
use crate::lang::{Lang, Text};
use crate::model::{NodeId, RegNo, Voter};
use crate::plan::{Plan, Wave};
use crate::reference::Reference;

mod ballots;
mod cap;
mod eligibility;
mod escorts;
mod folder;
mod mixing;
pub mod pins;
mod registration;
mod rows;
mod segregation;
mod sites;
mod staffing;
mod supplies;
#[cfg(test)]
mod tests;
mod throughput;
mod violation;
mod walk;
mod windows;

pub use folder::{FolderCheck, check_folder, load_inputs};
use staffing::*;
pub use violation::Violation;
use violation::{Out, join};

/// What every rule reads: the facility, the plan, the voters by registration number, the
/// walking waves per TPS and the TPS by number.
pub(super) struct Ctx<'a> {
    facility: &'a Facility,
    plan: &'a Plan,
    voters: &'a [Voter],
    by_reg: BTreeMap<&'a RegNo, &'a Voter>,
    r: &'a crate::rules::Ruleset,
    walking_by_tps: BTreeMap<u32, Vec<(usize, &'a Wave)>>,
    tps_by_no: BTreeMap<u32, &'a crate::plan::Tps>,
}

/// Checks `plan` against the facility and the hard rules, deriving the voters, their
/// lists and ballots again from the inputs (`eligibility::derive`).
pub fn verify(facility: &Facility, reference: &Reference, plan: &Plan) -> Vec<Violation> {
    verify_with_voters(
        facility,
        &eligibility::derive(facility, reference).voters,
        plan,
    )
}

/// Checks `plan` against the hard rules with voters the caller gives instead of those
/// derived from the rosters: for synthetic facilities built in code without a roster
/// (`crate::testing`, the optimiser benchmark). Who may vote is then the caller's word.
/// The rules run in their order, one file each; the violations come in that order.
pub fn verify_with_voters(facility: &Facility, voters: &[Voter], plan: &Plan) -> Vec<Violation> {
    let mut out = Out(Vec::new());
    let mut walking_by_tps: BTreeMap<u32, Vec<(usize, &Wave)>> = BTreeMap::new();
    for (i, w) in plan.waves.iter().enumerate().filter(|(_, w)| !w.mobile) {
        walking_by_tps.entry(w.tps).or_default().push((i, w));
    }
    let c = Ctx {
        facility,
        plan,
        voters,
        by_reg: voters.iter().map(|v| (&v.reg_no, v)).collect(),
        r: &facility.rules,
        walking_by_tps,
        tps_by_no: plan.tps.iter().map(|t| (t.number, t)).collect(),
    };
    registration::check(&c, &mut out);
    cap::check(&c, &mut out);
    segregation::check(&c, &mut out);
    sites::check(&c, &mut out);
    throughput::check(&c, &mut out);
    windows::check(&c, &mut out);
    // Walking minutes per block, shared by the escorts (rule 7) and the crews (rule 8).
    let mut walks: BTreeMap<&NodeId, BTreeMap<NodeId, f64>> = BTreeMap::new();
    escorts::check(&c, &mut walks, &mut out);
    // Rule 8: KPPS crews, and every named assignment against the roster.
    if let Some(st) = &plan.staffing {
        check_staffing(facility, plan, st, &mut walks, &mut out);
    }

    supplies::check(&c, &mut out);
    // Rule 10: the hand edits of penyesuaian.csv appear as stated.
    for b in pins::breaches(facility, voters, plan) {
        let message = Text::new(
            format!(
                "penyesuaian.csv baris {}: {}",
                b.line,
                b.message.get(Lang::Id)
            ),
            format!(
                "penyesuaian.csv line {}: {}",
                b.line,
                b.message.get(Lang::En)
            ),
        );
        out.push(10, b.tps, None, None, message);
    }
    out.0
}
