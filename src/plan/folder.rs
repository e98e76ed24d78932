//! Reading `plan.json` and writing a plan folder: written aside and renamed into place
//! (an atomic exchange on Linux), so it appears whole or not at all.

use std::path::{Path, PathBuf};

use super::{Plan, SCHEMA, write_schedule_csv};

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
