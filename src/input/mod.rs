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
mod rows;
mod tomlfile;

pub use rows::{INMATE_COLUMNS, NODE_COLUMNS, PATH_COLUMNS, STAFF_COLUMNS};

use std::path::{Path, PathBuf};

use crate::diagnostics::Problem;
use crate::model::Facility;
use crate::reference::Reference;

/// `facility.toml`, relative to a facility folder.
pub const FACILITY_FILE: &str = "facility.toml";
/// `layout/nodes.csv`.
pub const NODES_FILE: &str = "layout/nodes.csv";
/// `layout/paths.csv`.
pub const PATHS_FILE: &str = "layout/paths.csv";
/// `inmates.csv`.
pub const INMATES_FILE: &str = "inmates.csv";
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
    let mut out = Vec::new();
    collect(dir, &mut out);
    out.sort();
    out
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    if dir.join(FACILITY_FILE).is_file() {
        out.push(dir.to_path_buf());
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut subdirs: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .collect();
    subdirs.sort();
    for d in subdirs {
        collect(&d, out);
    }
}
