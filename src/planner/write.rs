//! Writing the plan folder of a planned facility, whole or not at all, with the inputs
//! recorded relative to it.

use std::path::Path;

use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::planned::Planned;

/// Writes the plan folder `out` for a planned facility: plan.json, jadwal.csv,
/// petugas.csv, kpu/*.csv, kpu/rekap.xlsx, charts/*.svg|png and report.html, all into a
/// temporary sibling renamed into place at the end. Returns where the old plan folder
/// was left when it could not be deleted (say so with [`left_behind`]).
pub fn write_outputs(
    out: &Path,
    p: &Planned,
    lang: Lang,
    handover: bool,
) -> Result<Option<std::path::PathBuf>> {
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
    Ok(left)
}

/// The warning for a plan written to `out` whose old plan folder could not be deleted
/// and was left at `old` (what [`write_outputs`] returns).
pub fn left_behind(out: &Path, old: &Path, lang: Lang) -> String {
    crate::lang::text!(
        "peringatan: rencana baru sudah di {}; rencana lama tidak dapat dihapus dan tertinggal di {} (hapus sendiri)",
        "warning: the new plan is in {}; the old plan could not be deleted and was left in {} (delete it yourself)",
        out.display(),
        old.display()
    ).get(lang).to_string()
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
