//! `tpsplan plan DIR`: the flags checked and the folder walked ([`super::prepare`]),
//! one facility planned with `planner` (or a region with [`super::region`], several
//! scenarios with [`super::compare`]), the plan folder written and the summary printed.

use std::path::Path;

use super::prepare::{RunOptions, load, prepare};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::optimise::{self, PlanOptions};
use crate::planner::{self, plan_facility, strict_refusal, summary, write_outputs};
use crate::reference::Reference;

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
        Some(old) => {
            let (problems, loaded) = crate::stable::load(old, &facility);
            for p in &problems {
                eprintln!("{}", p.render(lang));
            }
            Some(loaded?)
        }
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
    crate::lang::text!(
        "  RAHASIA: {} memuat NIK, NKK dan tanggal lahir lengkap; serahkan hanya kepada KPU kab/kota dengan berita acara",
        "  CONFIDENTIAL (RAHASIA): {} holds full NIK, NKK and birth dates; hand it only to KPU kab/kota, with a signed handover record",
        dir.display()
    ).get(lang).to_string()
}
