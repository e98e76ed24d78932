//! Benchmark of the optimiser. Cases:
//! - the four committed samples under `data/` (read, eligibility decided, then planned),
//!   when the folders are present;
//! - `large`: written by the generator (`generate --preset large --seed 1`) into a
//!   temporary folder, then read like the samples;
//! - synthetic facilities built in code with `tpsplan::testing::synthetic` of the same
//!   sizes (about 250, 300, 450, 1,800 and 3,500 inmates).
//!
//! Prints a table: median seconds of several runs for the whole plan and per stage, TPS
//! against its lower bound, status, gap, the objective and its proven lower bound. Every
//! plan is re-checked with `verify_with_voters` (the voters the case gives).
//!
//! Run: `cargo run --release --example bench_plan [RUNS] [FILTER]` (default 5 runs;
//! FILTER keeps the cases whose name contains it).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tpsplan::facility::Facility;
use tpsplan::model::Voter;
use tpsplan::optimise::{PlanOptions, plan};
use tpsplan::reference::Reference;
use tpsplan::testing::synthetic;
use tpsplan::verify::verify_with_voters;

/// A facility and its voters, or why it could not be read.
type Case = Result<(Facility, Vec<Voter>), String>;

fn load(dir: &Path, reference: &Reference) -> Case {
    let loaded = tpsplan::input::load_facility(dir, None, reference);
    let facility = loaded.facility.ok_or_else(|| {
        format!(
            "{}: {} masalah (jalankan tpsplan check)",
            dir.display(),
            loaded.problems.len()
        )
    })?;
    let decisions = tpsplan::eligibility::decide(&facility, reference);
    let voters = tpsplan::eligibility::voters(&facility, &decisions);
    Ok((facility, voters))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() { 0.0 } else { v[v.len() / 2] }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5).max(1);
    let filter = args.next().unwrap_or_default();
    let reference = Reference::builtin();
    let data = ["data", "../data"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.join("sumut").is_dir())
        .unwrap_or_else(|| PathBuf::from("data"));

    let mut cases: Vec<(String, Case)> = Vec::new();
    for (name, rel) in [
        ("kalabahi", "ntt/lapas-kalabahi"),
        ("pohuwato", "gorontalo/lapas-pohuwato"),
        ("kabanjahe", "sumut/rutan-kabanjahe"),
        ("pancur-batu", "sumut/lapas-pancur-batu"),
    ] {
        if !name.contains(filter.as_str()) {
            continue;
        }
        let dir = data.join(rel);
        if dir.is_dir() {
            cases.push((name.to_string(), load(&dir, reference)));
        } else {
            println!("{name}: {} tidak ada, dilewati (skipped)", dir.display());
        }
    }
    let tmp = tempfile::tempdir().ok();
    if "large-gen".contains(filter.as_str())
        && let Some(tmp) = &tmp
    {
        let out = tmp.path().join("large");
        let case = tpsplan::generate::generate(tpsplan::generate::Preset::Large, 1, &out)
            .map_err(|e| e.to_string())
            .and_then(|_| load(&out, reference));
        cases.push(("large-gen".to_string(), case));
    }
    for (name, inmates, blocks, sites, seed) in [
        ("syn-250", 250, 6, 3, 1),
        ("syn-300", 300, 7, 4, 2),
        ("syn-450", 450, 9, 5, 3),
        ("syn-1800", 1800, 24, 9, 4),
        ("syn-large", 3500, 40, 12, 5),
    ] {
        if name.contains(filter.as_str()) {
            cases.push((
                name.to_string(),
                Ok(synthetic(inmates, blocks, sites, seed)),
            ));
        }
    }

    let opts = PlanOptions {
        time_limit: Duration::from_secs(10),
        ..PlanOptions::default()
    };
    println!(
        "{:<12} {:>6} {:>8} {:>4} {:>5} {:>10} {:>7} {:>11} {:>11} {:>5} {:>4}  stages (median s)",
        "case",
        "voters",
        "median_s",
        "TPS",
        "TPSlb",
        "status",
        "gap_%",
        "objective",
        "lower",
        "waves",
        "viol"
    );
    let mut details = Vec::new();
    for (name, case) in cases {
        let (facility, voters) = match case {
            Ok(c) => c,
            Err(e) => {
                println!("{name:<12} {e}");
                continue;
            }
        };
        let mut times = Vec::new();
        let mut stages: BTreeMap<String, Vec<f64>> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut last = None;
        for _ in 0..runs {
            let t = Instant::now();
            let result = plan(&facility, &voters, &opts);
            times.push(t.elapsed().as_secs_f64());
            if let Ok(p) = &result {
                for s in &p.solver.stages {
                    if !order.contains(&s.name) {
                        order.push(s.name.clone());
                    }
                    stages.entry(s.name.clone()).or_default().push(s.seconds);
                }
            }
            last = Some(result);
        }
        let secs = median(times);
        match last {
            Some(Ok(p)) => {
                let found = verify_with_voters(&facility, &voters, &p);
                for v in found.iter().take(5) {
                    println!("  pelanggaran: {v:?}");
                }
                let violations = found.len();
                let stage_text = order
                    .iter()
                    .map(|n| format!("{n} {:.3}", median(stages[n].clone())))
                    .collect::<Vec<_>>()
                    .join(", ");
                println!(
                    "{:<12} {:>6} {:>8.3} {:>4} {:>5} {:>10} {:>7.3} {:>11.2} {:>11.2} {:>5} {:>4}  {}",
                    name,
                    voters.len(),
                    secs,
                    p.solver.tps,
                    p.solver.tps_lower_bound,
                    format!("{:?}", p.solver.status).to_lowercase(),
                    p.solver.gap * 100.0,
                    p.solver.objective,
                    p.solver.lower_bound,
                    p.waves.len(),
                    violations,
                    stage_text
                );
                let o = &p.objective;
                details.push(format!(
                    "{name:<12} tps {} splits {} walk {:.1} escort {:.1} imbalance {} finish {} | classes {}",
                    o.tps,
                    o.block_splits,
                    o.walk_voter_minutes,
                    o.escort_minutes,
                    o.imbalance,
                    o.finish_minutes,
                    p.solver
                        .classes
                        .iter()
                        .map(|c| format!(
                            "[{}: {} voters, trivial {}, throughput {}]",
                            c.class, c.voters, c.trivial, c.throughput
                        ))
                        .collect::<Vec<_>>()
                        .join(" ")
                ));
            }
            Some(Err(e)) => println!(
                "{name:<12} {:>6} {secs:>8.3} tidak layak: {e}",
                voters.len()
            ),
            None => {}
        }
    }
    println!();
    for d in details {
        println!("{d}");
    }
}
