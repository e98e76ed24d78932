//! The plan: what the optimiser decided, versioned as `plan.json` (`"schema": 1`), and
//! the voting-day schedule `jadwal.csv`. A plan folder is written aside and renamed
//! into place, so it appears whole or not at all. `verify` reads the same types.
//!
//! Conventions every reader relies on (the optimiser follows them, `verify` checks them):
//! - A wave walks from its block to its TPS site: its escorts are busy during every
//!   whole minute that intersects `[mulai - walk, selesai + walk)`, where `walk` is the
//!   shortest walking time block -> site (search points add their minutes).
//! - A mobile visit (`mobile: true`) is a KPPS visit to the block: `mulai..selesai` is
//!   the voting at the block (inside the visit window); the visit team and its officers
//!   walk from the TPS site before and back after, so they are busy the same way.
//!   A clinic voter is visited in the clinic (the layout's first `klinik` node, when
//!   there is one), which is then the wave's `block`; other visits go to the block.
//!   Voters are served one at a time, so a visit needs the officers for one inmate:
//!   `petugas_per_wbp_risiko_tinggi` for high-risk voters, else
//!   `ceil(1 / wbp_per_pengawal)`.
//! - A walking wave needs `ceil(voters / wbp_per_pengawal)` escorts, or
//!   `voters * petugas_per_wbp_risiko_tinggi` when its voters are high risk.
//! - Ballots per TPS and type: the TPS's voters entitled to that type, plus the reserve
//!   computed from the TPS's DPT (or the DPT entitled to that type, per the ruleset's
//!   `dasar_cadangan`), ruleset rate and rounding; types nobody there holds are left out.
//!
//! This file holds the plan's types and digests; `solver` the backend and status
//! types, `schedule` the `jadwal.csv` table, `folder` reading `plan.json` and writing
//! a plan folder whole or not at all.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Category, Clock, NodeId, RegNo, Sex};

pub mod changes;
mod folder;
mod schedule;
mod solver;

pub use folder::{WriteError, io, out_folder_problem, read_plan, write_folder, write_plan_folder};
pub use schedule::{schedule_table, write_schedule_csv};
pub use solver::{Backend, Status};

/// The schema version written into `plan.json`.
pub const SCHEMA: u32 = 1;

/// A complete plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Always [`SCHEMA`].
    pub schema: u32,
    /// Facility code (`kode`).
    pub facility: String,
    /// Facility name.
    pub facility_name: String,
    /// Ruleset name.
    pub ruleset: String,
    /// Election day.
    pub election_date: NaiveDate,
    /// What the plan was computed from, so `verify` can re-read it.
    pub inputs: Inputs,
    /// The TPS, numbered from the ruleset's first number (901, 902, ...).
    pub tps: Vec<Tps>,
    /// The waves of the day (walks to the TPS and mobile visits), by start time.
    pub waves: Vec<Wave>,
    /// The objective, term by term.
    pub objective: Objective,
    /// How good the plan is proven to be.
    pub solver: SolverReport,
    /// KPPS crews, escorts and searchers by name (absent until staffing has run).
    #[serde(default)]
    pub staffing: Option<crate::staffing::Staffing>,
    /// Staff the roster lacks, to be requested (`kekurangan.csv`): KPPS members PPS
    /// appoints from outside, escorts and searchers by window and sex. Empty when the
    /// roster covers the day.
    #[serde(default)]
    pub kekurangan: Vec<crate::staffing::Request>,
    /// The earlier plan a re-plan kept to (`plan --sebelumnya`), absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sebelumnya: Option<Previous>,
    /// The hand edits of `penyesuaian.csv` the plan honours (empty without the file).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub penyesuaian: Vec<crate::model::Pin>,
}

/// The earlier plan a re-plan (`plan --sebelumnya OLD_OUT`) kept to, and what moved
/// (each voter in `perubahan.csv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Previous {
    /// The earlier plan folder as given on the command line.
    pub folder: String,
    /// FNV-1a digest of its `plan.json` bytes.
    pub plan_digest: String,
    /// Voters at the same TPS number and site.
    pub tetap: u32,
    /// Voters at another TPS.
    pub pindah: u32,
    /// Voters of the earlier plan who do not vote in this one.
    pub keluar: u32,
    /// Voters not in the earlier plan.
    pub baru: u32,
}

/// Where the plan's inputs came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inputs {
    /// The facility folder.
    pub dir: PathBuf,
    /// Scenario name (empty: none).
    pub scenario: String,
    /// The scenario file read (relative to the plan folder when written), so `verify`
    /// re-reads exactly that file, wherever it lay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario_path: Option<PathBuf>,
    /// FNV-1a digest of the scenario file's bytes (empty: no scenario).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scenario_digest: String,
    /// Number of eligible voters planned.
    pub voters: usize,
    /// FNV-1a digest of the voter list (register number, block, sex, category, flags).
    pub voters_digest: String,
    /// Written with `--serah-terima`: the folder holds `kpu-rahasia/` (full identities).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub handover: bool,
}

/// The segregation class of a TPS: a field is set when every voter at the TPS shares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TpsClass {
    /// Label in Indonesian.
    pub label: String,
    /// Sex of all its voters, if one.
    pub sex: Option<Sex>,
    /// Juvenile status of all its voters, if one.
    pub juvenile: Option<bool>,
    /// High-risk status of all its voters, if one.
    pub high_risk: Option<bool>,
}

/// A voter registered at a TPS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisteredVoter {
    /// Register number.
    pub reg_no: RegNo,
    /// Block.
    pub block: NodeId,
    /// DPT, DPTb or DPK.
    pub category: Category,
    /// Served by a mobile visit.
    pub mobile: bool,
}

/// Ballots of one type at a TPS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotCount {
    /// Ballot code (`PPWP`, ...).
    pub code: String,
    /// Voters entitled.
    pub voters: u32,
    /// Reserve.
    pub reserve: u32,
    /// `voters + reserve`.
    pub total: u32,
}

/// One TPS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tps {
    /// TPS number (901, ...).
    pub number: u32,
    /// Site node.
    pub site: NodeId,
    /// Segregation class.
    pub class: TpsClass,
    /// Booths.
    pub booths: u32,
    /// Ballot boxes.
    pub boxes: u32,
    /// Registered voters, sorted by register number.
    pub voters: Vec<RegisteredVoter>,
    /// Ballots per type in the ruleset's order.
    pub ballots: Vec<BallotCount>,
}

/// One wave: voters of one block going to one TPS in one slot, or a mobile visit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Wave {
    /// Voting starts.
    pub start: Clock,
    /// Voting ends.
    pub end: Clock,
    /// TPS number.
    pub tps: u32,
    /// Block fetched from (or visited).
    pub block: NodeId,
    /// Number of voters.
    pub voters: u32,
    /// The voters.
    pub reg_nos: Vec<RegNo>,
    /// Escorts (officers) with the wave.
    pub escorts: u32,
    /// A KPPS mobile visit rather than a walk.
    pub mobile: bool,
}

/// The objective of design.md, term by term, with the weighted total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Objective {
    /// TPS opened.
    pub tps: u32,
    /// Sum over blocks of (TPS the block's voters are registered at - 1).
    pub block_splits: u32,
    /// Walking minutes x voters (one way).
    pub walk_voter_minutes: f64,
    /// Escort minutes (escorts x busy minutes).
    pub escort_minutes: f64,
    /// Spread between the largest and smallest TPS load.
    pub imbalance: u32,
    /// Minutes after opening when the day's last wave ends.
    pub finish_minutes: u32,
    /// Weighted total with the ruleset's weights.
    pub total: f64,
}

/// The lower bound of one segregated class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassBound {
    /// Class label.
    pub class: String,
    /// Voters in the class.
    pub voters: u32,
    /// `ceil(voters / cap)`.
    pub trivial: u32,
    /// `ceil(walking voters / most one TPS can serve in the day)`.
    pub throughput: u32,
}

/// Time and status of one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    /// `registrasi` or `jadwal`.
    pub name: String,
    /// How it ended.
    pub status: Status,
    /// Seconds.
    pub seconds: f64,
}

/// How good the plan is and how it was found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SolverReport {
    /// MILP backend.
    pub backend: Backend,
    /// Status of the registration model (the one that decides the TPS).
    pub status: Status,
    /// The plan's objective (= `objective.total`).
    pub objective: f64,
    /// A proven lower bound on the objective.
    pub lower_bound: f64,
    /// `(objective - lower_bound) / objective`.
    pub gap: f64,
    /// TPS opened.
    pub tps: u32,
    /// A proven lower bound on the TPS count: the larger of the class minima and the
    /// least TPS of the registration model (sites, zones and windows counted).
    pub tps_lower_bound: u32,
    /// Bounds per class that may never share a TPS.
    pub classes: Vec<ClassBound>,
    /// Stages.
    pub stages: Vec<Stage>,
    /// Seconds in all.
    pub seconds: f64,
}

/// FNV-1a digest of bytes (a scenario file, for [`Inputs::scenario_digest`]).
pub fn bytes_digest(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// FNV-1a digest of a voter list, for [`Inputs::voters_digest`].
pub fn voters_digest(voters: &[crate::model::Voter]) -> String {
    let mut rows: Vec<String> = voters
        .iter()
        .map(|v| {
            format!(
                "{}|{}|{}|{}|{}|{}|{}|{}",
                v.reg_no,
                v.block,
                v.sex,
                v.category,
                v.juvenile,
                v.high_risk,
                v.mobile,
                v.ballots.join(";")
            )
        })
        .collect();
    rows.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for r in rows {
        for b in r.bytes().chain(std::iter::once(b'\n')) {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}
