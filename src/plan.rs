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

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Category, Clock, NodeId, RegNo, Sex};
use crate::optimise::solver::{Backend, Status};

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

/// Why a plan folder could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A file or folder operation failed.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// JSON encoding failed.
    #[error("plan.json: {0}")]
    Json(#[from] serde_json::Error),
    /// CSV writing failed.
    #[error("jadwal.csv: {0}")]
    Csv(#[from] csv::Error),
    /// Another output (KPU tables, charts, report) could not be made.
    #[error("{0}")]
    Output(String),
}

/// Wraps an I/O error with its path.
pub fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The schedule as the `jadwal.csv` table (`mulai,selesai,nomor_tps,blok,pemilih,pengawal`).
pub fn schedule_table(plan: &Plan) -> crate::export::Table {
    let mut t = crate::export::Table::new(
        "jadwal",
        &[
            "mulai",
            "selesai",
            "nomor_tps",
            "blok",
            "pemilih",
            "pengawal",
        ],
    );
    for wave in &plan.waves {
        t.push(vec![
            wave.start.to_string().into(),
            wave.end.to_string().into(),
            wave.tps.into(),
            wave.block.to_string().into(),
            wave.voters.into(),
            wave.escorts.into(),
        ]);
    }
    t
}

/// Writes `jadwal.csv` like every other CSV of the plan folder (UTF-8 with BOM, CRLF,
/// text neutralised).
pub fn write_schedule_csv<W: Write>(out: W, plan: &Plan) -> Result<(), WriteError> {
    Ok(schedule_table(plan).write_csv(out)?)
}

/// Reads `plan.json` from a plan folder.
pub fn read_plan(dir: &Path) -> Result<Plan, WriteError> {
    let path = dir.join("plan.json");
    let text = std::fs::read_to_string(&path).map_err(io(&path))?;
    let plan: Plan = serde_json::from_str(&text)?;
    if plan.schema != SCHEMA {
        return Err(WriteError::Output(format!(
            "plan.json: schema {} tidak dikenal; versi tpsplan ini membaca schema {SCHEMA} (buat ulang rencananya dengan `tpsplan plan`)",
            plan.schema
        )));
    }
    Ok(plan)
}

/// Why `out` may not receive a plan folder, if it may not: it is a file; it is or
/// holds the input folder `input` (replacing it would delete the input); or it is a
/// folder with other contents that is not an earlier plan folder (no `plan.json`),
/// whose files a plan would replace.
pub fn out_folder_problem(out: &Path, input: &Path) -> Option<crate::lang::Text> {
    use crate::lang::text;
    let shown = out.display();
    let suggestion = || {
        input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "rencana".into())
    };
    // Checked before any computation: a symbolic link (dangling or not) as OUT would
    // be replaced by the folder, or fail after the whole plan was made.
    if std::fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink()) {
        return Some(text!(
            "--out {shown} adalah tautan simbolik: tulis jalur folder yang sebenarnya (tpsplan tidak mengganti tautan)",
            "--out {shown} is a symbolic link: give the real folder path (tpsplan does not replace links)"
        ));
    }
    if out.exists() && !out.is_dir() {
        return Some(text!(
            "--out {shown} adalah sebuah berkas, bukan folder: pilih folder keluaran lain",
            "--out {shown} is a file, not a folder: choose another output folder"
        ));
    }
    if let (Ok(o), Ok(i)) = (out.canonicalize(), input.canonicalize())
        && i.starts_with(&o)
    {
        return Some(text!(
            "--out {shown} adalah atau memuat folder masukan {}: rencana menggantikan seluruh isi folder keluaran dan akan menghapus masukan; pilih folder lain (mis. out/{})",
            "--out {shown} is or holds the input folder {}: a plan replaces everything in its output folder and would delete the input; choose another folder (e.g. out/{})",
            input.display(),
            suggestion()
        ));
    }
    // Inside the input folder (it need not exist yet): tpsplan never writes there.
    if let (Some(o), Ok(i)) = (resolve_partly(out), input.canonicalize())
        && o.starts_with(&i)
    {
        return Some(text!(
            "--out {shown} berada di dalam folder masukan {}: tpsplan tidak pernah menulis ke folder masukan; pilih folder di luarnya (mis. out/{})",
            "--out {shown} lies inside the input folder {}: tpsplan never writes into an input folder; choose a folder outside it (e.g. out/{})",
            input.display(),
            suggestion()
        ));
    }
    let has_entries = out
        .read_dir()
        .map(|mut d| d.next().is_some())
        .unwrap_or(false);
    if out.is_dir() && has_entries && !out.join("plan.json").is_file() {
        return Some(text!(
            "folder {shown} sudah berisi berkas lain dan bukan folder rencana tpsplan (tidak ada plan.json); rencana menggantikan seluruh isi folder: pilih folder baru atau kosongkan folder itu",
            "folder {shown} already holds other files and is not a tpsplan plan folder (no plan.json); a plan replaces everything in the folder: choose a new folder or empty that one"
        ));
    }
    None
}

/// `path` with its longest existing ancestor resolved (symlinks, `..`) and the rest
/// appended, so a folder yet to be created can be compared with existing ones.
fn resolve_partly(path: &Path) -> Option<std::path::PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let mut rest = Vec::new();
    let mut base = absolute.as_path();
    loop {
        if let Ok(real) = base.canonicalize() {
            let mut out = real;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return Some(out);
        }
        rest.push(base.file_name()?.to_os_string());
        base = base.parent()?;
    }
}

/// Writes the plan folder `out`: plan.json, jadwal.csv, then whatever `fill` writes
/// into the folder it is given, all through [`write_folder`] (whole or not at all).
pub fn write_plan_folder(
    out: &Path,
    plan: &Plan,
    fill: impl FnOnce(&Path) -> Result<(), WriteError>,
) -> Result<Option<PathBuf>, WriteError> {
    write_folder(out, |tmp| {
        let json = serde_json::to_vec_pretty(plan)?;
        let p = tmp.join("plan.json");
        std::fs::write(&p, json).map_err(io(&p))?;
        let p = tmp.join("jadwal.csv");
        let f = std::fs::File::create(&p).map_err(io(&p))?;
        write_schedule_csv(std::io::BufWriter::new(f), plan)?;
        fill(tmp)
    })
}

/// Writes the folder `out` (whatever `fill` writes into the folder it is given) into a
/// temporary sibling, syncs every file and the folder to disk, then puts it in place:
/// an existing `out` is exchanged with it in one atomic step (Linux
/// `renameat2(RENAME_EXCHANGE)`; elsewhere, or where the file system lacks it, two
/// renames: the old folder aside, the new one in, the old one back if that fails). If
/// anything fails before the swap the temporary folder is removed and `out` is left as
/// it was. Temporaries of earlier runs that died (their process is gone) are removed
/// first. Returns the folder of the old contents when it could not be deleted after
/// the new folder was in place (the new folder stands; the caller says so). Used for
/// the plan folder and for `OUT/simulasi/`.
pub fn write_folder(
    out: &Path,
    fill: impl FnOnce(&Path) -> Result<(), WriteError>,
) -> Result<Option<PathBuf>, WriteError> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "rencana".to_string());
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    remove_dead_temporaries(&parent, &name);
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(io(&tmp))?;
    }
    std::fs::create_dir_all(&tmp).map_err(io(&tmp))?;
    let result = (|| {
        fill(&tmp)?;
        sync_tree(&tmp)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if !out.exists() {
        std::fs::rename(&tmp, out).map_err(io(out))?;
        sync_dir(&parent);
        return Ok(None);
    }
    // The old plan ends where the new one was written (`tmp`) after an exchange, or in
    // `.NAME.old-PID` after the two-rename fallback.
    let old = if exchange(&tmp, out) {
        tmp.clone()
    } else {
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        std::fs::rename(out, &old).map_err(io(out))?;
        if let Err(source) = std::fs::rename(&tmp, out) {
            // Put the old folder back so OUT is never left half-replaced.
            let _ = std::fs::rename(&old, out);
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(WriteError::Io {
                path: out.to_path_buf(),
                source,
            });
        }
        old
    };
    sync_dir(&parent);
    Ok(std::fs::remove_dir_all(&old).err().map(|_| old))
}

/// Swaps the folders `a` and `b` in one atomic step (Linux `renameat2` with
/// `RENAME_EXCHANGE`); `false` where the platform or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> bool {
    false
}

/// Flushes every file under `dir` and the folders themselves to disk, so the folder
/// renamed into place holds what was written even after a power cut.
fn sync_tree(dir: &Path) -> Result<(), WriteError> {
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let path = entry.map_err(io(dir))?.path();
        if path.is_dir() {
            sync_tree(&path)?;
        } else {
            std::fs::File::open(&path)
                .and_then(|f| f.sync_all())
                .map_err(io(&path))?;
        }
    }
    sync_dir(dir);
    Ok(())
}

/// Flushes a folder's entries (best effort: not every platform can open a folder).
fn sync_dir(dir: &Path) {
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

/// Removes `.NAME.tmp-PID` and `.NAME.old-PID` folders in `parent` whose process is no
/// longer running (a run killed mid-write); a live run's temporaries are left alone.
fn remove_dead_temporaries(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let pid = [".tmp-", ".old-"].iter().find_map(|kind| {
            file.strip_prefix(&format!(".{name}{kind}"))
                .and_then(|p| p.parse::<u32>().ok())
        });
        if let Some(pid) = pid
            && pid != std::process::id()
            && !process_alive(pid)
        {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Whether process `pid` runs (Linux: `/proc/PID`; elsewhere assumed alive, so
/// nothing is removed that might be in use).
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
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
