//! `tpsplan plan DIR`: the flags checked, the folder walked, one facility planned
//! with `planner` (or a region with [`super::region`], several scenarios with
//! [`super::compare`]), the plan folder written and the summary printed.

use std::path::Path;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::lang::{Lang, text};
use crate::optimise::{self, PlanOptions};
use crate::planner::{self, plan_facility, strict_refusal, summary, write_outputs};
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
/// facility (planned by [`one`]) or a region (planned by [`super::region::run`]).
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
    walk.report_unreadable(lang);
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

/// `tpsplan plan DIR`: several scenarios of one facility ([`super::compare::scenarios`]),
/// one facility ([`one`]) or a region folder ([`super::region::run`]).
pub fn run(
    dir: &Path,
    scenario: Option<&str>,
    out: Option<&Path>,
    run: RunOptions,
    lang: Lang,
) -> Result<()> {
    if let Some(list) = scenario.filter(|s| crate::compare::scenarios::is_list(s)) {
        return super::compare::scenarios(dir, list, out, run, lang);
    }
    let prepared = prepare(dir, &run, lang)?;
    if prepared.single {
        one(dir, scenario, out, run, &prepared.opts, lang)
    } else {
        super::region::run(dir, &prepared, scenario, out, run, lang)
    }
}

/// `tpsplan plan` on one facility folder (`prepared.single`): plan it, write the plan
/// folder and print the summary.
pub fn one(
    dir: &Path,
    scenario: Option<&str>,
    out: Option<&Path>,
    run: RunOptions,
    opts: &PlanOptions,
    lang: Lang,
) -> Result<()> {
    let RunOptions {
        ketat,
        tps_count,
        handover,
        andal,
        previous,
        ..
    } = run;
    let reference = Reference::builtin();
    let mut opts = opts.clone();
    let mut facility = load(dir, scenario, reference, lang)?;
    if tps_count.is_some() {
        facility.info.tps_count = tps_count;
    }
    let out = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| Path::new("out").join(&facility.info.code));
    if let Some(why) = crate::plan::out_folder_problem(&out, dir) {
        return Err(Error::Usage(why.get(lang).to_string()));
    }
    // --sebelumnya: read before anything is written (OUT may be the same folder).
    let previous = match &previous {
        Some(old) => Some(crate::stable::load(old, &facility, lang)?),
        None => None,
    };
    opts.previous = previous
        .as_ref()
        .map(|p| std::sync::Arc::new(optimise::previous::Previous::from_plan(&p.plan)));
    // --andal: the robust search of simulate::robust replaces the single plan.
    let (planned, robust) = match andal {
        Some(target) => {
            crate::simulate::robust::check_target(target, true, lang)?;
            let r = crate::simulate::robust::plan(
                facility,
                reference,
                &opts,
                target,
                lang,
                &plan_facility,
            )?;
            let line = crate::simulate::robust::summary(&r, target, lang);
            (r.planned, Some(line))
        }
        None => (plan_facility(facility, reference, &opts, lang)?, None),
    };
    let mut planned = planned;
    if let Some(old) = &previous {
        let changes = crate::stable::diff(
            old,
            &planned.plan,
            &crate::stable::roster(&planned.facility),
        );
        planned.plan.sebelumnya = Some(changes.record());
        planned.changes = Some(changes);
    }
    if ketat && !planned.plan.kekurangan.is_empty() {
        let why = strict_refusal(&planned, lang);
        return Err(match lang {
            Lang::Id => Error::Infeasible(why),
            Lang::En => Error::InfeasibleEn(why),
        });
    }
    if let Some(old) = write_outputs(&out, &planned, lang, handover)? {
        eprintln!("{}", planner::left_behind(&out, &old, lang));
    }
    print!("{}", summary(&planned, lang));
    if handover {
        println!("{}", handover_line(&out, lang));
    }
    println!("  -> {}", out.display());
    if let Some(line) = robust {
        print!("{line}");
        let sim = crate::simulate::RunOptions {
            runs: crate::simulate::robust::RUNS,
            seed: crate::simulate::robust::SEED,
        };
        super::simulate::run(&out, sim, None, lang)?;
    }
    Ok(())
}

/// The summary line after a plan with `--serah-terima`.
fn handover_line(out: &Path, lang: Lang) -> String {
    let dir = out.join("kpu-rahasia");
    match lang {
        Lang::Id => format!(
            "  RAHASIA: {} memuat NIK, NKK dan tanggal lahir lengkap; serahkan hanya kepada KPU kab/kota dengan berita acara",
            dir.display()
        ),
        Lang::En => format!(
            "  CONFIDENTIAL (RAHASIA): {} holds full NIK, NKK and birth dates; hand it only to KPU kab/kota, with a signed handover record",
            dir.display()
        ),
    }
}

/// Loads and validates one facility with `planner::load`, printing its problems to
/// stderr.
pub(crate) fn load(
    dir: &Path,
    scenario: Option<&str>,
    reference: &Reference,
    lang: Lang,
) -> Result<crate::facility::Facility> {
    let (problems, facility) = planner::load(dir, scenario, reference);
    for p in &problems {
        eprintln!("{}", p.render(lang));
    }
    facility
}
