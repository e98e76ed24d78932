//! `tpsplan compare OUT...` (alias `banding`): written plans side by side. Each plan
//! folder's figures are read back from what `plan` wrote ([`figures`]); the blocks are
//! compared by where and when they vote ([`blocks`]); the comparison is printed as an
//! aligned table and written as `banding.csv` ([`table`]) and `banding.html` with a
//! chart ([`html`], [`chart`]). [`scenarios`] holds what `plan DIR --scenario a,b,c`
//! (several scenarios of one UPT planned into `OUT/<scenario>/`, then compared into
//! `OUT/`) checks of its list and folder. Reading, printing and the order of the steps
//! are `commands::compare`'s.
//!
//! Plans of different facilities may be compared figure by figure (a Kanwil comparing
//! UPTs); their blocks are not compared, since one UPT's blocks are not another's.
//! Neighbours: `plan` (plan.json), `export` (CSV conventions, chart style, HTML
//! helpers).

pub mod blocks;
pub mod chart;
pub mod figures;
pub mod html;
pub mod scenarios;
pub mod table;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::lang::{Lang, text};

pub use figures::Figures;

/// Plans side by side, ready to be shown and written.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The plans' figures, in the order given.
    pub plans: Vec<Figures>,
    /// A unique name per plan (its folder's name; `name (2)` for a repeat).
    pub labels: Vec<String>,
    /// Every ballot type held in any plan, in first-seen order (the ruleset's).
    pub ballot_codes: Vec<String>,
    /// The blocks that differ, when every plan is of the same facility.
    pub blocks: Option<blocks::Differences>,
    /// Per plan, blocks voting otherwise than in the first (same facility only).
    pub changed_from_first: Option<Vec<u32>>,
}

/// Compares plans (at least one).
pub fn build(plans: Vec<Figures>) -> Comparison {
    let mut labels: Vec<String> = Vec::new();
    for p in &plans {
        let base = folder_name(&p.folder);
        let mut label = base.clone();
        let mut k = 2;
        while labels.contains(&label) {
            label = format!("{base} ({k})");
            k += 1;
        }
        labels.push(label);
    }
    let mut ballot_codes: Vec<String> = Vec::new();
    for p in &plans {
        for (code, _) in &p.ballots {
            if !ballot_codes.contains(code) {
                ballot_codes.push(code.clone());
            }
        }
    }
    let one_facility = plans.windows(2).all(|w| w[0].facility == w[1].facility);
    let views: Vec<_> = plans.iter().map(|p| &p.blocks).collect();
    let (blocks, changed_from_first) = if one_facility {
        (
            Some(blocks::differences(&views)),
            Some(blocks::changed_from_first(&views)),
        )
    } else {
        (None, None)
    };
    Comparison {
        plans,
        labels,
        ballot_codes,
        blocks,
        changed_from_first,
    }
}

/// The name a folder is shown by: its last component (of its full path for `.`).
fn folder_name(folder: &Path) -> String {
    if let Some(n) = folder.file_name() {
        return n.to_string_lossy().into_owned();
    }
    folder
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "rencana".into())
}

/// Where the comparison goes: `out`, or the one folder holding every plan folder. It
/// may not be a file or a plan folder (a new plan would replace it and the comparison
/// with it).
pub fn output_folder(folders: &[PathBuf], out: Option<&Path>, lang: Lang) -> Result<PathBuf> {
    let usage = |t: crate::lang::Text| Error::Usage(t.get(lang).to_string());
    let out = match out {
        Some(o) => o.to_path_buf(),
        None => {
            let parent = |f: &PathBuf| {
                let abs = f.canonicalize().unwrap_or_else(|_| f.clone());
                abs.parent().map(Path::to_path_buf)
            };
            let parents: std::collections::BTreeSet<Option<PathBuf>> =
                folders.iter().map(parent).collect();
            match (parents.len(), folders.first()) {
                (1, Some(first)) => match first.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => PathBuf::from("."),
                },
                _ => {
                    return Err(usage(text!(
                        "folder rencana berada di folder yang berbeda: tulis --out FOLDER untuk banding.csv dan banding.html",
                        "the plan folders lie in different folders: give --out FOLDER for banding.csv and banding.html"
                    )));
                }
            }
        }
    };
    if out.exists() && !out.is_dir() {
        return Err(usage(text!(
            "--out {} adalah sebuah berkas, bukan folder: pilih folder lain",
            "--out {} is a file, not a folder: choose another folder",
            out.display()
        )));
    }
    if out.join("plan.json").is_file() {
        return Err(usage(text!(
            "{} adalah folder rencana: rencana baru menggantikan seluruh isinya, termasuk banding; tulis --out folder lain (mis. folder di atasnya)",
            "{} is a plan folder: a new plan replaces everything in it, the comparison included; give another --out (e.g. the folder above it)",
            out.display()
        )));
    }
    Ok(out)
}

/// Writes `banding.csv` and `banding.html` into `out` (created if needed): both are
/// made in memory, written beside their place as temporaries, synced, then renamed
/// into place, so each file is whole or as it was.
pub fn write(out: &Path, c: &Comparison, rows: &[table::Row], lang: Lang) -> Result<()> {
    let mut csv = Vec::new();
    table::write_csv(&mut csv, c, rows)
        .map_err(|e| Error::io(out.join("banding.csv"), std::io::Error::other(e)))?;
    let html = html::render(c, rows, lang)?;
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    let files = [("banding.csv", csv), ("banding.html", html.into_bytes())];
    let mut temps = Vec::new();
    for (name, bytes) in &files {
        let tmp = out.join(format!(".{name}.tmp-{}", std::process::id()));
        let written = std::fs::File::create(&tmp).and_then(|mut f| {
            std::io::Write::write_all(&mut f, bytes)?;
            f.sync_all()
        });
        if let Err(e) = written {
            for t in temps.iter().chain(std::iter::once(&tmp)) {
                let _ = std::fs::remove_file(t);
            }
            return Err(Error::io(&tmp, e));
        }
        temps.push(tmp);
    }
    for ((name, _), tmp) in files.iter().zip(&temps) {
        let to = out.join(name);
        std::fs::rename(tmp, &to).map_err(|e| Error::io(&to, e))?;
    }
    Ok(())
}
