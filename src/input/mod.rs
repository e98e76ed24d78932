//! Reading a facility folder into the [`crate::model`] types. Every input file of
//! design.md is read here: `facility.toml`, `layout/nodes.csv`, `layout/paths.csv`,
//! `inmates.csv`, `staff.csv` and `scenarios/NAME.toml`. Raw rows are parsed into
//! private row structs, validated cell by cell and across records, and only then
//! built into a [`Facility`]; every problem is collected with its file, line, field,
//! stable code and fix (see [`crate::diagnostics`]). `check` prints them; `plan`
//! refuses to plan while any is an error.
//!
//! Files: `csvfile` (bytes, encoding, separator, header), `cells` (one typed cell),
//! `rows` (row structs -> domain types), `tomlfile` (TOML with every unknown key),
//! `cross` (checks across rows and files), `facility` (the whole folder).

mod cells;
mod cross;
mod csvfile;
mod facility;
mod penyesuaian;
mod rows;
mod tomlfile;

pub use penyesuaian::{PIN_COLUMNS, PIN_KINDS, PINS_FILE};
pub use rows::{INMATE_COLUMNS, NODE_COLUMNS, PATH_COLUMNS, STAFF_COLUMNS};

use std::path::{Path, PathBuf};

use crate::diagnostics::Problem;
use crate::facility::Facility;
use crate::reference::Reference;

/// `facility.toml`, relative to a facility folder.
pub const FACILITY_FILE: &str = "facility.toml";
/// `layout/nodes.csv`.
pub const NODES_FILE: &str = "layout/nodes.csv";
/// `layout/paths.csv`.
pub const PATHS_FILE: &str = "layout/paths.csv";
/// `inmates.csv`.
pub const INMATES_FILE: &str = "inmates.csv";
/// `pemilih_lain.csv` (optional): officers and others who vote at the UPT's TPS.
pub const OTHERS_FILE: &str = "pemilih_lain.csv";
/// `staff.csv`.
pub const STAFF_FILE: &str = "staff.csv";
/// The folder of scenario files.
pub const SCENARIO_DIR: &str = "scenarios";

/// The result of reading one facility folder.
#[derive(Debug)]
pub struct Loaded {
    /// The facility, present only when no problem is an error (warnings are allowed).
    pub facility: Option<Facility>,
    /// Every problem found, errors and warnings, in the order they were found.
    pub problems: Vec<Problem>,
}

impl Loaded {
    /// How many problems are errors.
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }

    /// How many problems are warnings.
    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }
}

/// Reads and validates the facility in `dir`, with the scenario `scenario` applied when
/// given (a name under `scenarios/` without `.toml`, or a path to a file). The ruleset
/// named in `facility.toml` gets the facility's `[aturan_lokal]`, then the scenario's
/// `[aturan]` and `menit_per_pemilih`; staff the scenario marks absent are removed.
/// Every problem is reported, not only the first.
pub fn load_facility(dir: &Path, scenario: Option<&str>, reference: &Reference) -> Loaded {
    facility::load(dir, scenario, reference)
}

/// Checks every scenario file of a loaded facility against it (TOML, blocks, sites,
/// nips, ruleset overrides): what `check` runs when no scenario was chosen.
pub fn check_scenarios(facility: &Facility) -> Vec<Problem> {
    facility::check_scenarios(facility)
}

/// The facility folders at or below `dir`: `dir` itself when it holds `facility.toml`,
/// else every folder below it that does (not looking inside a facility), sorted.
pub fn find_facilities(dir: &Path) -> Vec<PathBuf> {
    walk_facilities(dir).facilities
}

/// What a walk below a region folder found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Walk {
    /// Folders holding a `facility.toml`, sorted.
    pub facilities: Vec<PathBuf>,
    /// Folders (or entries) that could not be read, with why, sorted.
    pub unreadable: Vec<(PathBuf, String)>,
}

impl Walk {
    /// One line per folder that could not be read, with why and the fix (the command
    /// prints them to stderr).
    pub fn unreadable_lines(&self, lang: crate::lang::Lang) -> Vec<String> {
        self.unreadable
            .iter()
            .map(|(folder, why)| {
                let what = crate::lang::text!(
                    "galat: folder tidak dapat dibaca ({why}); periksa izin baca dan tautannya",
                    "error: folder cannot be read ({why}); check its permissions and links"
                );
                format!("{}: {}", folder.display(), what.get(lang))
            })
            .collect()
    }
}

/// Every facility folder at or below `dir`, following symbolic links (a folder reached
/// twice, as by a link loop, is walked once), and every folder that could not be read.
pub fn walk_facilities(dir: &Path) -> Walk {
    let mut walk = Walk::default();
    let mut seen = std::collections::BTreeSet::new();
    collect(dir, &mut walk, &mut seen);
    walk.facilities.sort();
    walk.unreadable.sort();
    walk
}

fn collect(dir: &Path, walk: &mut Walk, seen: &mut std::collections::BTreeSet<PathBuf>) {
    match dir.canonicalize() {
        Ok(real) => {
            if !seen.insert(real) {
                return;
            }
        }
        Err(e) => {
            walk.unreadable.push((dir.to_path_buf(), e.to_string()));
            return;
        }
    }
    if dir.join(FACILITY_FILE).is_file() {
        walk.facilities.push(dir.to_path_buf());
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            walk.unreadable.push((dir.to_path_buf(), e.to_string()));
            return;
        }
    };
    let mut subdirs: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            // `Path::is_dir` follows symbolic links.
            Ok(e) if e.path().is_dir() => subdirs.push(e.path()),
            // A link that leads nowhere (or nowhere readable) may have been a facility.
            Ok(e) if e.file_type().is_ok_and(|t| t.is_symlink()) => {
                if let Err(err) = std::fs::metadata(e.path()) {
                    walk.unreadable.push((e.path(), err.to_string()));
                }
            }
            Ok(_) => {}
            Err(e) => walk.unreadable.push((dir.to_path_buf(), e.to_string())),
        }
    }
    subdirs.sort();
    for d in subdirs {
        collect(&d, walk, seen);
    }
}
