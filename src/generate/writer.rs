//! Turns generated rows into the exact files of design.md (CSV with `\n` line ends,
//! TOML with the model's serde names) and writes a folder tree so that it appears whole
//! or not at all: everything goes into a temporary sibling folder which is renamed to
//! OUT at the end. An existing non-empty OUT is never touched.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::layout::{NodeRow, PathRow};
use super::roster::InmateRow;
use super::staff::StaffRow;
use crate::error::{Error, Result};
use crate::model::{Citizenship, StaffRole, YaTidak};

// The column lists are the readers' own (`crate::input`), so writer and reader
// cannot drift apart.
pub use crate::input::{INMATE_COLUMNS, NODE_COLUMNS, PATH_COLUMNS, STAFF_COLUMNS};

fn flag(b: bool) -> &'static str {
    if b {
        YaTidak::Ya.as_str()
    } else {
        YaTidak::Tidak.as_str()
    }
}

fn csv_error(file: &str, e: impl std::fmt::Display) -> Error {
    Error::Other(format!("{file}: {e}"))
}

fn csv_bytes<I>(file: &str, header: &[&str], rows: I) -> Result<Vec<u8>>
where
    I: IntoIterator<Item = Vec<String>>,
{
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(header).map_err(|e| csv_error(file, e))?;
    for row in rows {
        w.write_record(&row).map_err(|e| csv_error(file, e))?;
    }
    w.into_inner().map_err(|e| csv_error(file, e))
}

/// `inmates.csv`.
pub fn inmates_csv(rows: &[InmateRow]) -> Result<Vec<u8>> {
    csv_bytes(
        "inmates.csv",
        INMATE_COLUMNS,
        rows.iter().map(|r| {
            vec![
                r.reg_no.clone(),
                r.name.clone(),
                r.nik.clone().unwrap_or_default(),
                r.nkk.clone().unwrap_or_default(),
                r.sex.to_string(),
                r.birth.to_string(),
                r.marital.to_string(),
                if r.foreign {
                    Citizenship::Wna
                } else {
                    Citizenship::Wni
                }
                .to_string(),
                r.status.to_string(),
                r.block.clone(),
                r.cell.clone(),
                r.risk.to_string(),
                r.ktp_region
                    .as_ref()
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
                flag(r.revoked).to_string(),
                flag(r.ktp_el).to_string(),
                r.registration.to_string(),
                r.release.map(|d| d.to_string()).unwrap_or_default(),
                r.need.map(|n| n.to_string()).unwrap_or_default(),
            ]
        }),
    )
}

/// `staff.csv`.
pub fn staff_csv(rows: &[StaffRow]) -> Result<Vec<u8>> {
    csv_bytes(
        "staff.csv",
        STAFF_COLUMNS,
        rows.iter().map(|r| {
            vec![
                r.nip.clone(),
                r.name.clone(),
                r.sex.to_string(),
                r.birth.to_string(),
                r.education.to_string(),
                r.roles
                    .iter()
                    .map(|x: &StaffRole| x.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
                r.from.to_string(),
                r.until.to_string(),
                flag(r.pledge).to_string(),
                flag(r.permission).to_string(),
                flag(r.party).to_string(),
            ]
        }),
    )
}

/// `layout/nodes.csv`.
pub fn nodes_csv(rows: &[NodeRow]) -> Result<Vec<u8>> {
    csv_bytes(
        "layout/nodes.csv",
        NODE_COLUMNS,
        rows.iter().map(|n| {
            vec![
                n.id.clone(),
                n.kind.to_string(),
                n.name.clone(),
                n.x.to_string(),
                n.y.to_string(),
                n.zone.clone(),
                n.max_tps.to_string(),
                n.booths.to_string(),
                n.waiting.to_string(),
            ]
        }),
    )
}

/// `layout/paths.csv`.
pub fn paths_csv(rows: &[PathRow]) -> Result<Vec<u8>> {
    csv_bytes(
        "layout/paths.csv",
        PATH_COLUMNS,
        rows.iter().map(|p| {
            vec![
                p.from.clone(),
                p.to.clone(),
                format!("{:.1}", p.minutes),
                flag(p.search).to_string(),
            ]
        }),
    )
}

/// A TOML document from a serialisable value, with comment lines on top and empty
/// arrays and tables left out (they mean the same as absent keys).
pub fn toml_bytes<T: serde::Serialize>(
    file: &str,
    comment: &[String],
    value: &T,
) -> Result<Vec<u8>> {
    let text = toml::to_string(value).map_err(|e| Error::Other(format!("{file}: {e}")))?;
    Ok(toml_document(comment, &text).into_bytes())
}

/// Comment lines, a blank line, then `text` without the lines toml writes for empty
/// arrays (`key = []`) and empty tables (a `[header]` with nothing under it).
fn toml_document(comment: &[String], text: &str) -> String {
    let mut out = String::new();
    for line in comment {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    if !out.is_empty() {
        out.push('\n');
    }
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.trim_end().ends_with("= []") {
            continue;
        }
        if line.starts_with('[') && !line.starts_with("[[") {
            let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty());
            if next.is_none_or(|l| l.starts_with('[')) {
                continue;
            }
        }
        if line.trim().is_empty() && (out.is_empty() || out.ends_with("\n\n")) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Writes `files` (paths relative to `dir`) into `dir`, creating folders.
pub fn write_files(dir: &Path, files: &BTreeMap<PathBuf, Vec<u8>>) -> Result<()> {
    for (rel, bytes) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

/// Runs `fill` on a fresh temporary sibling of `out`, then renames it to `out`.
/// Refuses when `out` exists and is not an empty folder; removes the temporary folder
/// (its own) when `fill` fails, so nothing half-written is ever left at `out`.
pub fn write_atomically<T>(out: &Path, fill: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    if out.exists() {
        if !out.is_dir() {
            return Err(Error::Usage(format!(
                "'{}' sudah ada dan bukan folder; pilih --out yang lain",
                out.display()
            )));
        }
        let mut entries = std::fs::read_dir(out).map_err(|e| Error::io(out, e))?;
        if entries.next().is_some() {
            return Err(Error::Usage(format!(
                "folder keluaran '{}' sudah ada dan tidak kosong; tpsplan tidak menimpa data. \
                 Pilih --out yang baru atau kosongkan folder itu sendiri",
                out.display()
            )));
        }
    }
    let name = out
        .file_name()
        .ok_or_else(|| Error::Usage(format!("--out '{}' bukan nama folder", out.display())))?
        .to_string_lossy()
        .to_string();
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let tmp = parent.join(format!(".{name}.tpsplan-{}-{stamp}", std::process::id()));
    std::fs::create_dir(&tmp).map_err(|e| Error::io(&tmp, e))?;
    let result = fill(&tmp).and_then(|value| {
        if out.exists() {
            // Only an empty folder reaches this point; remove_dir refuses anything else.
            std::fs::remove_dir(out).map_err(|e| Error::io(out, e))?;
        }
        std::fs::rename(&tmp, out).map_err(|e| Error::io(out, e))?;
        Ok(value)
    });
    if result.is_err() && tmp.exists() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_arrays_and_tables_are_left_out_of_toml() {
        let out = toml_document(
            &["hello".to_string()],
            "a = 1\nb = []\n\n[aturan_lokal]\n\n[[regu]]\nnama = \"x\"\n\n[akses_zona]\nz = [\"u\"]\n",
        );
        assert_eq!(
            out,
            "# hello\n\na = 1\n\n[[regu]]\nnama = \"x\"\n\n[akses_zona]\nz = [\"u\"]\n"
        );
    }
}
