//! `tpsplan plan` on a region folder (a Kanwil's province, or the whole country): every
//! UPT below it planned in parallel with `planner`, each plan folder written whole, then
//! the Kanwil's view of the lot ([`crate::region`]: `OUT/ringkasan.csv` and
//! `OUT/report.html`) and the totals printed. Progress is an `indicatif` bar on a
//! terminal and one plain line per UPT otherwise; nothing written depends on which.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use super::prepare::{Prepared, RunOptions};
use crate::error::{Error, Result};
use crate::lang::{Lang, text};
use crate::planned::Planned;
use crate::planner;
use crate::reference::Reference;
use crate::region::{Outcome, Status, UptRow};

/// How a region run shows its progress on stderr.
enum Progress {
    /// A terminal: an `indicatif` bar with the UPT last finished.
    Bar(indicatif::ProgressBar),
    /// A log or a pipe: one plain line per UPT, no carriage returns.
    Lines { done: AtomicUsize, total: usize },
}

impl Progress {
    fn new(total: usize) -> Self {
        if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(total as u64),
                indicatif::ProgressDrawTarget::stderr(),
            );
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{elapsed_precise} [{bar:40}] {pos}/{len} UPT  {wide_msg}",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            Progress::Bar(bar)
        } else {
            Progress::Lines {
                done: AtomicUsize::new(0),
                total,
            }
        }
    }

    /// One UPT finished.
    fn tick(&self, upt: &Path) {
        match self {
            Progress::Bar(bar) => {
                bar.set_message(upt.display().to_string());
                bar.inc(1);
            }
            Progress::Lines { done, total } => {
                let n = done.fetch_add(1, Ordering::SeqCst) + 1;
                eprintln!("[{n}/{total}] {}", upt.display());
            }
        }
    }

    /// A line of its own (an error of one UPT) that must not tear the bar.
    fn println(&self, line: &str) {
        match self {
            Progress::Bar(bar) => bar.suspend(|| eprintln!("{line}")),
            Progress::Lines { .. } => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish();
        }
    }
}

/// Plans one UPT of the region and writes its plan folder under `out`.
fn plan_one(
    dir: &Path,
    out: &Path,
    scenario: Option<&str>,
    prepared: &Prepared,
    run: &RunOptions,
    reference: &Reference,
    lang: Lang,
) -> (Option<crate::model::FacilityInfo>, Result<Planned>) {
    let facility = match super::prepare::load(dir, scenario, reference, lang) {
        Ok(f) => f,
        Err(e) => return (None, Err(e)),
    };
    let info = facility.info.clone();
    let result = planner::plan_facility(facility, reference, &prepared.opts, lang)
        .and_then(|p| {
            if run.ketat && !p.plan.kekurangan.is_empty() {
                Err(Error::Infeasible(planner::strict_refusal(&p, lang)))
            } else {
                Ok(p)
            }
        })
        .and_then(|p| {
            if let Some(old) = planner::write_outputs(out, &p, lang, run.handover)? {
                eprintln!("{}", planner::left_behind(out, &old, lang));
            }
            Ok(p)
        });
    (Some(info), result)
}

/// `tpsplan plan` on a region folder: every UPT of `prepared` in parallel, then
/// `OUT/ringkasan.csv` and `OUT/report.html`. Exit 2 when some UPT had input errors,
/// 1 when some had no feasible plan; the other UPTs' plans are written either way.
pub fn run(
    root: &Path,
    prepared: &Prepared,
    scenario: Option<&str>,
    out: Option<&Path>,
    run: RunOptions,
    lang: Lang,
) -> Result<()> {
    if let Some(target) = run.andal {
        crate::simulate::robust::check_target(target, false, lang)?;
    }
    let reference = Reference::builtin();
    let name = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "wilayah".into());
    let out = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| Path::new("out").join(name));
    if out.exists() && !out.is_dir() {
        return Err(Error::Usage(
            text!(
                "--out {} adalah sebuah berkas, bukan folder: pilih folder keluaran lain",
                "--out {} is a file, not a folder: choose another output folder",
                out.display()
            )
            .get(lang)
            .to_string(),
        ));
    }
    let dirs = &prepared.dirs;
    let refused: Vec<String> = dirs
        .iter()
        .filter_map(|d| {
            let rel = d.strip_prefix(root).unwrap_or(d);
            crate::plan::out_folder_problem(&out.join(rel), d).map(|t| t.get(lang).to_string())
        })
        .collect();
    if !refused.is_empty() {
        return Err(Error::Usage(
            text!(
                "{}; tidak ada yang ditulis",
                "{}; nothing was written",
                refused.join("; ")
            )
            .get(lang)
            .to_string(),
        ));
    }
    let total = dirs.len();
    let progress = Progress::new(total);
    let started = Instant::now();
    let results: Vec<(PathBuf, Option<crate::model::FacilityInfo>, Result<Planned>)> = dirs
        .par_iter()
        .map(|d| {
            let rel = d.strip_prefix(root).unwrap_or(d).to_path_buf();
            let (info, result) = plan_one(
                d,
                &out.join(&rel),
                scenario,
                prepared,
                &run,
                reference,
                lang,
            );
            progress.tick(&rel);
            if let Err(e) = &result {
                progress.println(&format!("{}: {e}", rel.display()));
            }
            (rel, info, result)
        })
        .collect();
    progress.finish();

    let mut rows: Vec<UptRow> = results
        .iter()
        .map(|(rel, info, r)| {
            let outcome = match r {
                Ok(p) => Outcome::Planned(p),
                Err(e) if e.exit_code() == 1 => Outcome::Infeasible(e.to_string()),
                Err(e) => Outcome::Error(e.to_string()),
            };
            UptRow::new(rel, info.as_ref(), outcome, reference)
        })
        .collect();
    // Folders that could not be read: rows of their own, counted as input errors.
    for (folder, why) in &prepared.unreadable {
        let rel = folder.strip_prefix(root).unwrap_or(folder);
        rows.push(UptRow::new(
            rel,
            None,
            Outcome::Error(format!("folder tidak dapat dibaca: {why}")),
            reference,
        ));
    }
    crate::region::summary::rank(&mut rows);
    let title = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    crate::region::write_region_files(&out, &rows, &title, lang)?;

    let count = |s: Status| rows.iter().filter(|r| r.status == s).count();
    let (ok, infeasible, bad) = (
        count(Status::Ok),
        count(Status::Infeasible),
        count(Status::Error),
    );
    let inmates: u64 = rows.iter().map(|r| r.wbp).sum();
    let voters: u64 = rows.iter().map(|r| r.pemilih).sum();
    let tps: u64 = rows.iter().map(|r| r.tps as u64).sum();
    let en = lang == Lang::En;
    println!(
        "{}: {ok}/{total} {}, {infeasible} {}, {bad} {}; {} {inmates}, {} {voters}, TPS {tps}; {:.1} s",
        root.display(),
        if en { "planned" } else { "direncanakan" },
        if en { "infeasible" } else { "tidak layak" },
        if en {
            "with input errors"
        } else {
            "dengan galat masukan"
        },
        if en { "inmates" } else { "WBP" },
        if en { "voters" } else { "pemilih" },
        started.elapsed().as_secs_f64()
    );
    println!("  -> {}", out.join("ringkasan.csv").display());
    println!("  -> {}", out.join("report.html").display());
    if bad > 0 {
        // The other UPTs' plans are written: say so rather than "nothing written".
        let why = text!(
            "{bad} UPT dengan galat masukan (tanpa rencana), {ok} UPT direncanakan dan ditulis; lihat {}",
            "{bad} UPT with input errors (no plan), {ok} UPT planned and written; see {}",
            out.join("ringkasan.csv").display()
        );
        Err(Error::Other(why.get(lang).to_string()))
    } else if infeasible > 0 {
        let why = text!(
            "{infeasible} UPT tanpa rencana layak; lihat {}",
            "{infeasible} UPT without a feasible plan; see {}",
            out.join("ringkasan.csv").display()
        );
        Err(match lang {
            Lang::Id => Error::Infeasible(why.id),
            Lang::En => Error::InfeasibleEn(why.en),
        })
    } else {
        Ok(())
    }
}
