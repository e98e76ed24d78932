//! What `tpsplan plan` was asked and what it found before planning anything, shared by
//! its three ways (`plan` one facility, `region` a region folder, `compare` several
//! scenarios): the flags ([`RunOptions`] and their checks), the facility folders below
//! DIR ([`prepare`]) and one facility read with its problems printed ([`load`]).

use std::path::Path;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::facility::Facility;
use crate::lang::{Lang, text};
use crate::optimise::PlanOptions;
use crate::reference::Reference;

/// What `tpsplan plan` was asked besides the folders.
#[derive(Debug, Clone, PartialEq)]
pub struct RunOptions {
    /// `--time-limit` in seconds per facility.
    pub time_limit: f64,
    /// `--ketat`: a plan with staff requests is refused (exit 1).
    pub ketat: bool,
    /// `--jumlah-tps`: the TPS count KPU fixed (one facility only).
    pub tps_count: Option<u32>,
    /// `--serah-terima`: also write `kpu-rahasia/` with the full identities.
    pub handover: bool,
    /// `--andal P`: plan with slack until the simulated chance of finishing on time is
    /// at least P (`simulate::robust`).
    pub andal: Option<f64>,
    /// `--sebelumnya OLD_OUT`: re-plan keeping to an earlier plan folder (one facility).
    pub previous: Option<std::path::PathBuf>,
}

/// `--time-limit`: more than 0 and at most a day (the deadline must stay a clock time
/// the machine can represent).
pub fn check_time_limit(time_limit: f64, lang: Lang) -> Result<()> {
    if time_limit.is_finite() && time_limit > 0.0 && time_limit <= 86_400.0 {
        return Ok(());
    }
    Err(Error::Usage(
        text!(
            "--time-limit {time_limit}: tulis jumlah detik lebih dari 0 dan paling banyak 86400 (sehari)",
            "--time-limit {time_limit}: write a number of seconds above 0 and at most 86400 (a day)"
        )
        .get(lang)
        .to_string(),
    ))
}

/// `--jumlah-tps`: 1 to 1000.
pub fn check_tps_count(n: u32, lang: Lang) -> Result<()> {
    if (1..=1000).contains(&n) {
        return Ok(());
    }
    Err(Error::Usage(
        text!(
            "--jumlah-tps {n}: tulis 1 sampai 1000 TPS",
            "--jumlah-tps {n}: write 1 to 1000 TPS"
        )
        .get(lang)
        .to_string(),
    ))
}

/// What `tpsplan plan` found below its folder before planning anything: the facility
/// folders, those it could not read, the solver options, and whether the folder is one
/// facility (planned by `commands::plan::one`) or a region (planned by
/// `commands::region::run`).
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Folders holding a `facility.toml`, sorted.
    pub dirs: Vec<std::path::PathBuf>,
    /// Folders below a region that could not be read, with why, sorted.
    pub unreadable: Vec<(std::path::PathBuf, String)>,
    /// Solver options (the time limit per facility).
    pub opts: PlanOptions,
    /// The folder is itself the one facility.
    pub single: bool,
}

/// Checks the arguments of `tpsplan plan` and walks `dir` for facility folders
/// (printing the folders it cannot read); an error for a bad flag or an empty folder.
pub fn prepare(dir: &Path, run: &RunOptions, lang: Lang) -> Result<Prepared> {
    let RunOptions {
        time_limit,
        tps_count,
        ..
    } = *run;
    if !dir.is_dir() {
        return Err(Error::not_a_folder(dir, lang));
    }
    check_time_limit(time_limit, lang)?;
    let walk = crate::input::walk_facilities(dir);
    for line in walk.unreadable_lines(lang) {
        eprintln!("{line}");
    }
    if walk.facilities.is_empty() {
        return Err(Error::Usage(
            text!(
                "tidak ada {} di '{}' maupun di bawahnya",
                "no {} in '{}' or below it",
                crate::input::FACILITY_FILE,
                dir.display()
            )
            .get(lang)
            .to_string(),
        ));
    }
    let opts = PlanOptions {
        time_limit: Duration::from_secs_f64(time_limit),
        ..PlanOptions::default()
    };
    let single = walk.facilities.len() == 1 && walk.facilities[0] == dir;
    if run.previous.is_some() && !single {
        return Err(Error::Usage(
            text!(
                "--sebelumnya berlaku untuk satu UPT; rencanakan ulang tiap UPT dengan folder rencananya sendiri",
                "--sebelumnya applies to one UPT; re-plan each UPT with its own plan folder"
            )
            .get(lang)
            .to_string(),
        ));
    }
    if let Some(n) = tps_count {
        if !single {
            return Err(Error::Usage(
                text!(
                    "--jumlah-tps berlaku untuk satu UPT; untuk wilayah tulis jumlah_tps di facility.toml tiap UPT",
                    "--jumlah-tps applies to one UPT; for a region write jumlah_tps in each UPT's facility.toml"
                )
                .get(lang)
                .to_string(),
            ));
        }
        check_tps_count(n, lang)?;
    }
    Ok(Prepared {
        dirs: walk.facilities,
        unreadable: walk.unreadable,
        opts,
        single,
    })
}

/// Loads and validates one facility with `planner::load`, printing its problems to
/// stderr.
pub fn load(
    dir: &Path,
    scenario: Option<&str>,
    reference: &Reference,
    lang: Lang,
) -> Result<Facility> {
    let (problems, facility) = crate::planner::load(dir, scenario, reference);
    for p in &problems {
        eprintln!("{}", p.render(lang));
    }
    facility
}
