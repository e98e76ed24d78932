//! `tpsplan compare OUT...` (alias `banding`) and `tpsplan plan DIR --scenario a,b,c`:
//! the plan folders read (each unreadable one named), the comparison printed and
//! written ([`crate::compare`]); for several scenarios, each planned with `planner`
//! before anything is written, each plan folder written and summarised, then compared.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::prepare::RunOptions;
use crate::compare;
use crate::error::{Error, Result};
use crate::lang::{Lang, text};
use crate::optimise::PlanOptions;
use crate::planner::{self, Planned};
use crate::reference::Reference;

/// `tpsplan compare`: reads every plan folder (every folder that is not a readable
/// plan is named, exit 2), prints the comparison and writes `banding.csv` and
/// `banding.html` into `out` (default: the folder holding the plan folders).
pub fn run(folders: &[PathBuf], out: Option<&Path>, lang: Lang) -> Result<()> {
    if let Some(f) = folders.iter().find(|f| !f.is_dir()) {
        return Err(Error::not_a_folder(f, lang));
    }
    let out = compare::output_folder(folders, out, lang)?;
    let mut plans = Vec::new();
    let mut bad = 0;
    for f in folders {
        match compare::figures::read(f) {
            Ok(p) => plans.push(p),
            Err(problem) => {
                eprintln!("{}", problem.render(lang));
                bad += 1;
            }
        }
    }
    if bad > 0 {
        return Err(Error::BadInput(bad));
    }
    let c = compare::build(plans);
    let rows = compare::table::rows(&c);
    print!("{}", compare::table::terminal(&c, &rows, lang));
    compare::write(&out, &c, &rows, lang)?;
    println!(
        "  -> {}, {}",
        out.join("banding.csv").display(),
        out.join("banding.html").display()
    );
    Ok(())
}

/// Plans every scenario of `list` for the facility `dir` into `OUT/<scenario>/` and
/// writes the comparison into OUT (default `out/<facility kode>-banding`).
pub fn scenarios(
    dir: &Path,
    list: &str,
    out: Option<&Path>,
    run: RunOptions,
    lang: Lang,
) -> Result<()> {
    let usage = |t: crate::lang::Text| Error::Usage(t.get(lang).to_string());
    if !dir.is_dir() {
        return Err(Error::not_a_folder(dir, lang));
    }
    if run.andal.is_some() {
        return Err(usage(text!(
            "--andal tidak dapat dipakai dengan beberapa skenario sekaligus: rencanakan skenario yang perlu --andal satu per satu, lalu bandingkan dengan `tpsplan compare`",
            "--andal cannot be used with several scenarios at once: plan the scenario that needs --andal on its own, then compare with `tpsplan compare`"
        )));
    }
    if run.previous.is_some() {
        return Err(usage(text!(
            "--sebelumnya tidak dapat dipakai dengan beberapa skenario sekaligus: rencana ulang dibandingkan dengan satu rencana sebelumnya; rencanakan skenario itu sendiri dengan --sebelumnya",
            "--sebelumnya cannot be used with several scenarios at once: a re-plan keeps to one earlier plan; plan that scenario on its own with --sebelumnya"
        )));
    }
    super::prepare::check_time_limit(run.time_limit, lang)?;
    if let Some(n) = run.tps_count {
        super::prepare::check_tps_count(n, lang)?;
    }
    if !dir.join(crate::input::FACILITY_FILE).is_file() {
        return Err(usage(text!(
            "--scenario dengan beberapa nama berlaku untuk satu UPT: {} tidak memuat {}",
            "--scenario with several names applies to one facility: {} holds no {}",
            dir.display(),
            crate::input::FACILITY_FILE
        )));
    }
    let names = compare::scenarios::parse_list(list, lang)?;
    let reference = Reference::builtin();
    let mut facilities = Vec::new();
    let mut errors = 0;
    for (name, _) in &names {
        match super::prepare::load(dir, Some(name), reference, lang) {
            Ok(mut f) => {
                if run.tps_count.is_some() {
                    f.info.tps_count = run.tps_count;
                }
                facilities.push(f);
            }
            Err(Error::BadInput(n)) => errors += n,
            Err(e) => return Err(e),
        }
    }
    if errors > 0 {
        return Err(Error::BadInput(errors));
    }
    let out = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| Path::new("out").join(format!("{}-banding", facilities[0].info.code)));
    let folders: Vec<PathBuf> = names.iter().map(|(_, f)| out.join(f)).collect();
    if let Some(why) = compare::scenarios::out_problem(&out, &folders, dir) {
        return Err(usage(why));
    }
    let opts = PlanOptions {
        time_limit: std::time::Duration::from_secs_f64(run.time_limit),
        ..PlanOptions::default()
    };
    let planned: Vec<Result<Planned>> = facilities
        .into_par_iter()
        .map(|f| planner::plan_facility(f, reference, &opts, lang))
        .collect();
    let mut done = Vec::new();
    let mut failed: Vec<(String, Error)> = Vec::new();
    for ((name, _), p) in names.iter().zip(planned) {
        match p {
            Ok(p) if run.ketat && !p.plan.kekurangan.is_empty() => {
                let why = planner::strict_refusal(&p, lang);
                failed.push((name.clone(), Error::Infeasible(why)));
            }
            Ok(p) => done.push(p),
            Err(e) => failed.push((name.clone(), e)),
        }
    }
    if !failed.is_empty() {
        for (name, e) in &failed {
            eprintln!("{name}: {}", e.render(lang));
        }
        let which: Vec<&str> = failed.iter().map(|(n, _)| n.as_str()).collect();
        let why = text!(
            "skenario tanpa rencana: {}; tidak ada yang ditulis",
            "scenarios without a plan: {}; nothing was written",
            which.join(", ")
        );
        return Err(if failed.iter().all(|(_, e)| e.exit_code() == 1) {
            match lang {
                Lang::Id => Error::Infeasible(why.id),
                Lang::En => Error::InfeasibleEn(why.en),
            }
        } else {
            Error::Other(why.get(lang).to_string())
        });
    }
    for (((name, _), folder), p) in names.iter().zip(&folders).zip(&done) {
        if let Some(old) = planner::write_outputs(folder, p, lang, run.handover)? {
            eprintln!("{}", planner::left_behind(folder, &old, lang));
        }
        println!(
            "== {} {name} ==",
            if lang == Lang::En {
                "scenario"
            } else {
                "skenario"
            }
        );
        print!("{}", planner::summary(p, lang));
        println!("  -> {}", folder.display());
    }
    println!();
    self::run(&folders, Some(&out), lang)
}
