//! Stable re-plans (`plan DIR --sebelumnya OLD_OUT`): reading the earlier plan folder,
//! and what changed between it and the new plan, voter by voter (`perubahan.csv`, the
//! summary lines and `plan.json`'s `sebelumnya`). The optimiser's side (keeping the old
//! TPS and their voters) is `optimise::previous`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::diagnostics::Problem;
use crate::error::{Error, Result};
use crate::facility::Facility;
use crate::lang::{Lang, Text, text};
use crate::model::{NodeId, RegNo};
use crate::plan::Plan;
pub use crate::plan::changes::{Change, ChangeReason, Changes};
use crate::table::{Cell, Table};

/// An earlier plan folder read for a re-plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// Its `plan.json`.
    pub plan: Plan,
    /// Names of its voters (from its `kpu/pemilih.csv`; empty where it is missing).
    pub names: BTreeMap<RegNo, String>,
    /// The folder as given on the command line.
    pub folder: String,
    /// FNV-1a digest of its `plan.json` bytes.
    pub digest: String,
}

/// Reads the earlier plan folder `old` for a re-plan of `facility`: it must be a plan
/// folder written by `tpsplan plan` (E0601, E0602) for the same facility (E0604). The
/// problem found (for the caller to show) comes with bad input (exit 2).
pub fn load(old: &Path, facility: &Facility) -> (Vec<Problem>, Result<Loaded>) {
    match read(old, facility) {
        Ok(Ok(loaded)) => (Vec::new(), Ok(loaded)),
        Ok(Err(problem)) => (vec![problem], Err(Error::BadInput(1))),
        Err(e) => (Vec::new(), Err(e)),
    }
}

/// [`load`]: the earlier plan, or the problem with it.
fn read(old: &Path, facility: &Facility) -> Result<std::result::Result<Loaded, Problem>> {
    let file = old.join("plan.json");
    let fail = |code: &'static str, message: Text| {
        Problem::error(code, &file, message).field("--sebelumnya")
    };
    if !old.is_dir() || !file.is_file() {
        return Ok(Err(fail(
            "E0601",
            text!(
                "--sebelumnya {}: bukan folder rencana tpsplan (tidak ada plan.json)",
                "--sebelumnya {}: not a tpsplan plan folder (there is no plan.json)",
                old.display()
            ),
        )));
    }
    let plan = match crate::plan::read_plan(old) {
        Ok(plan) => plan,
        Err(e) => {
            return Ok(Err(fail(
                "E0602",
                text!(
                    "plan.json tidak dapat dibaca: {e}",
                    "plan.json cannot be read: {e}"
                ),
            )));
        }
    };
    if plan.facility != facility.info.code {
        return Ok(Err(fail(
            "E0604",
            text!(
                "rencana sebelumnya milik UPT {} ({}), bukan {} ({})",
                "the previous plan is of UPT {} ({}), not {} ({})",
                plan.facility,
                plan.facility_name,
                facility.info.code,
                facility.info.name
            ),
        )));
    }
    let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
    Ok(Ok(Loaded {
        names: read_names(&old.join("kpu").join("pemilih.csv")),
        plan,
        folder: old.display().to_string(),
        digest: crate::plan::bytes_digest(&bytes),
    }))
}

/// `no_registrasi` -> `nama` of a written `kpu/pemilih.csv` (empty when unreadable:
/// names of voters who left are then shown empty).
fn read_names(path: &Path) -> BTreeMap<RegNo, String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return BTreeMap::new();
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let Ok(header) = reader.headers().cloned() else {
        return BTreeMap::new();
    };
    let col = |name: &str| header.iter().position(|h| h == name);
    let (Some(r), Some(n)) = (col("no_registrasi"), col("nama")) else {
        return BTreeMap::new();
    };
    reader
        .records()
        .flatten()
        .filter_map(|rec| {
            // Cells were neutralised against formulas when written: undo that.
            let name = rec.get(n)?;
            let name = match name.strip_prefix('\'') {
                Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
                _ => name,
            };
            Some((RegNo::from(rec.get(r)?), name.to_string()))
        })
        .collect()
}

type Placed<'a> = BTreeMap<RegNo, (u32, NodeId, &'a crate::plan::RegisteredVoter)>;

/// Every voter of a plan with their TPS number and site.
fn placed(plan: &Plan) -> Placed<'_> {
    plan.tps
        .iter()
        .flat_map(|t| {
            t.voters
                .iter()
                .map(move |v| (v.reg_no.clone(), (t.number, t.site.clone(), v)))
        })
        .collect()
}

/// The new roster's names by register number (inmates and other voters).
pub fn roster(facility: &Facility) -> BTreeMap<RegNo, String> {
    facility
        .people()
        .map(|i| (i.reg_no.clone(), i.name.clone()))
        .collect()
}

/// Compares the earlier plan with the new one; `names` is the new roster
/// ([`roster`]). A voter is kept when their TPS number and site are the same.
pub fn diff(old: &Loaded, new: &Plan, names: &BTreeMap<RegNo, String>) -> Changes {
    let before = placed(&old.plan);
    let after = placed(new);
    let new_site: BTreeMap<u32, &NodeId> = new.tps.iter().map(|t| (t.number, &t.site)).collect();
    let name_of = |r: &RegNo| {
        names
            .get(r)
            .cloned()
            .or_else(|| old.names.get(r).cloned())
            .unwrap_or_default()
    };
    let mut rows = Vec::new();
    let mut kept = 0;
    for (reg, (n0, s0, v0)) in &before {
        match after.get(reg) {
            Some((n1, s1, _)) if n1 == n0 && s1 == s0 => kept += 1,
            Some((n1, s1, v1)) => {
                let (reason, note) = if v1.block != v0.block {
                    (
                        ChangeReason::PindahBlok,
                        format!("blok {} -> {}", v0.block, v1.block),
                    )
                } else if v1.category != v0.category || v1.mobile != v0.mobile {
                    (
                        ChangeReason::DataBerubah,
                        format!(
                            "{}{} -> {}{}",
                            v0.category,
                            if v0.mobile { " (kunjungan)" } else { "" },
                            v1.category,
                            if v1.mobile { " (kunjungan)" } else { "" }
                        ),
                    )
                } else if new_site.get(n0) == Some(&s0) {
                    (
                        ChangeReason::Kapasitas,
                        ChangeReason::Kapasitas.text().to_string(),
                    )
                } else if s1 == s0 {
                    (
                        ChangeReason::NomorBerubah,
                        ChangeReason::NomorBerubah.text().to_string(),
                    )
                } else {
                    (
                        ChangeReason::TpsDitutup,
                        ChangeReason::TpsDitutup.text().to_string(),
                    )
                };
                rows.push(Change {
                    reg_no: reg.clone(),
                    name: name_of(reg),
                    block: v1.block.clone(),
                    old: Some((*n0, s0.clone())),
                    new: Some((*n1, s1.clone())),
                    reason,
                    note,
                });
            }
            None => {
                let reason = if names.contains_key(reg) {
                    ChangeReason::TidakMemilih
                } else {
                    ChangeReason::Bebas
                };
                rows.push(Change {
                    reg_no: reg.clone(),
                    name: name_of(reg),
                    block: v0.block.clone(),
                    old: Some((*n0, s0.clone())),
                    new: None,
                    reason,
                    note: reason.text().to_string(),
                });
            }
        }
    }
    for (reg, (n1, s1, v1)) in &after {
        if !before.contains_key(reg) {
            rows.push(Change {
                reg_no: reg.clone(),
                name: name_of(reg),
                block: v1.block.clone(),
                old: None,
                new: Some((*n1, s1.clone())),
                reason: ChangeReason::Baru,
                note: ChangeReason::Baru.text().to_string(),
            });
        }
    }
    rows.sort_by(|a, b| {
        let kind = |c: &Change| (!c.reason.moved(), c.reason == ChangeReason::Baru);
        (kind(a), &a.reg_no).cmp(&(kind(b), &b.reg_no))
    });
    Changes {
        folder: old.folder.clone(),
        digest: old.digest.clone(),
        kept,
        rows,
    }
}

/// `perubahan.csv`: one row per voter moved, left or new (no NIK or NKK).
pub fn table(changes: &Changes) -> Table {
    let mut t = Table::new(
        "perubahan",
        &[
            "no_registrasi",
            "nama",
            "blok",
            "tps_lama",
            "lokasi_lama",
            "tps_baru",
            "lokasi_baru",
            "alasan",
            "keterangan",
        ],
    );
    let tps = |p: &Option<(u32, NodeId)>| -> (Cell, Cell) {
        match p {
            Some((n, s)) => (Cell::from(*n), Cell::from(s.to_string())),
            None => (Cell::from(""), Cell::from("")),
        }
    };
    for c in &changes.rows {
        let (n0, s0) = tps(&c.old);
        let (n1, s1) = tps(&c.new);
        t.push(vec![
            c.reg_no.to_string().into(),
            c.name.clone().into(),
            c.block.to_string().into(),
            n0,
            s0,
            n1,
            s1,
            c.reason.code().into(),
            c.note.clone().into(),
        ]);
    }
    t
}

/// The summary lines of a re-plan: kept, moved (by reason), left and new.
pub fn summary(changes: &Changes, lang: Lang) -> String {
    let mut by_reason: BTreeMap<ChangeReason, u32> = BTreeMap::new();
    for c in changes.rows.iter().filter(|c| c.reason.moved()) {
        *by_reason.entry(c.reason).or_default() += 1;
    }
    let why = by_reason
        .iter()
        .map(|(r, n)| format!("{n} {}", r.code()))
        .collect::<Vec<_>>()
        .join(", ");
    let why = if why.is_empty() {
        String::new()
    } else {
        format!(" ({why})")
    };
    let mut out = String::new();
    let line = text!(
        "  dibanding rencana sebelumnya ({}): {} pemilih tetap di TPS-nya, {} pindah TPS{why}, {} keluar, {} baru; rinciannya di perubahan.csv",
        "  against the previous plan ({}): {} voters kept their TPS, {} moved{why}, {} left, {} new; the details are in perubahan.csv",
        changes.folder,
        changes.kept,
        changes.moved(),
        changes.left(),
        changes.new_voters()
    );
    let _ = writeln!(out, "{}", line.get(lang));
    out
}

#[cfg(test)]
mod tests;
