//! `tpsplan plan DIR --scenario a,b,c --out OUT`: several scenarios of one UPT planned
//! at once (in parallel), each into `OUT/<scenario>/` (the scenario file's name
//! without `.toml`), then compared into `OUT/banding.csv` and `OUT/banding.html`.
//! Every scenario is read and planned before anything is written: a bad scenario, one
//! without a feasible plan or one refused by `--ketat` leaves OUT as it was.
//! `--jumlah-tps`, `--ketat`, `--serah-terima` and `--time-limit` apply to every
//! scenario; `--andal` (a search of its own per plan) and region folders are refused.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::lang::{Lang, text};
use crate::optimise::PlanOptions;
use crate::planner::{self, Planned, RunOptions};
use crate::reference::Reference;

/// Whether a `--scenario` value names several scenarios.
pub fn is_list(scenario: &str) -> bool {
    scenario.contains(',')
}

/// The scenarios of a list with the folder each is written to; a usage error for an
/// empty name or two scenarios that would share a folder.
pub fn parse_list(list: &str, lang: Lang) -> Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = Vec::new();
    for name in list.split(',').map(str::trim) {
        let folder = Path::new(name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.is_empty() || folder.is_empty() || folder.starts_with('.') {
            return Err(Error::Usage(
                text!(
                    "--scenario '{list}': ada nama skenario yang kosong; tulis nama dipisah koma, mis. --scenario lambat,sakit",
                    "--scenario '{list}': a scenario name is empty; write names separated by commas, e.g. --scenario lambat,sakit"
                )
                .get(lang)
                .to_string(),
            ));
        }
        if out.iter().any(|(_, f)| *f == folder) {
            return Err(Error::Usage(
                text!(
                    "--scenario '{list}': skenario '{folder}' disebut dua kali (setiap skenario ditulis ke OUT/<nama>/)",
                    "--scenario '{list}': the scenario '{folder}' is named twice (each is written to OUT/<name>/)"
                )
                .get(lang)
                .to_string(),
            ));
        }
        out.push((name.to_string(), folder));
    }
    Ok(out)
}

/// Plans every scenario of `list` for the facility `dir` into `OUT/<scenario>/` and
/// writes the comparison into OUT (default `out/<facility kode>-banding`).
pub fn run(dir: &Path, list: &str, out: Option<&Path>, run: RunOptions, lang: Lang) -> Result<()> {
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
    planner::check_time_limit(run.time_limit, lang)?;
    if let Some(n) = run.tps_count {
        planner::check_tps_count(n, lang)?;
    }
    if !dir.join(crate::input::FACILITY_FILE).is_file() {
        return Err(usage(text!(
            "--scenario dengan beberapa nama berlaku untuk satu UPT: {} tidak memuat {}",
            "--scenario with several names applies to one facility: {} holds no {}",
            dir.display(),
            crate::input::FACILITY_FILE
        )));
    }
    let names = parse_list(list, lang)?;
    let reference = Reference::builtin();
    let mut facilities = Vec::new();
    let mut errors = 0;
    for (name, _) in &names {
        match planner::load(dir, Some(name), reference, lang) {
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
    if let Some(why) = out_problem(&out, &folders, dir) {
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
        planner::write_outputs(folder, p, lang, run.handover)?;
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
    super::run(&folders, Some(&out), lang)
}

/// Why OUT may not receive the scenario folders and the comparison: a link or a file;
/// a scenario folder that `plan` would refuse; or other contents than an earlier
/// comparison's (plan folders, `banding.csv`, `banding.html`).
fn out_problem(out: &Path, folders: &[PathBuf], input: &Path) -> Option<crate::lang::Text> {
    let shown = out.display();
    if std::fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink()) {
        return Some(text!(
            "--out {shown} adalah tautan simbolik: tulis jalur folder yang sebenarnya",
            "--out {shown} is a symbolic link: give the real folder path"
        ));
    }
    if out.exists() && !out.is_dir() {
        return Some(text!(
            "--out {shown} adalah sebuah berkas, bukan folder: pilih folder keluaran lain",
            "--out {shown} is a file, not a folder: choose another output folder"
        ));
    }
    if out.join("plan.json").is_file() {
        return Some(text!(
            "--out {shown} adalah folder rencana satu skenario; beberapa skenario ditulis ke OUT/<skenario>/: pilih folder lain",
            "--out {shown} is the plan folder of one scenario; several scenarios are written to OUT/<scenario>/: choose another folder"
        ));
    }
    if let Some(why) = folders
        .iter()
        .find_map(|f| crate::plan::out_folder_problem(f, input))
    {
        return Some(why);
    }
    let foreign = std::fs::read_dir(out).ok().and_then(|entries| {
        entries.flatten().find_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let path = e.path();
            let ours = name == "banding.csv"
                || name == "banding.html"
                || name.starts_with('.')
                || (path.is_dir() && path.join("plan.json").is_file());
            (!ours).then_some(name)
        })
    });
    foreign.map(|name| {
        text!(
            "folder {shown} berisi {name}, yang bukan folder rencana maupun banding: pilih folder baru atau kosongkan folder itu",
            "folder {shown} holds {name}, which is neither a plan folder nor a comparison: choose a new folder or empty that one"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_names_each_scenario_and_its_folder_once() {
        let l = parse_list("lambat, sakit,dir/hujan.toml", Lang::Id).unwrap();
        assert_eq!(
            l,
            [
                ("lambat".to_string(), "lambat".to_string()),
                ("sakit".into(), "sakit".into()),
                ("dir/hujan.toml".into(), "hujan".into())
            ]
        );
        assert!(matches!(parse_list("a,,b", Lang::En), Err(Error::Usage(_))));
        assert!(matches!(parse_list("a,", Lang::En), Err(Error::Usage(_))));
        let e = parse_list("lambat,x/lambat.toml", Lang::En).unwrap_err();
        assert!(e.to_string().contains("named twice"), "{e}");
        assert!(is_list("a,b") && !is_list("a"));
    }
}
