//! Solves the OR-Library capacitated warehouse location instances (cap41-cap134)
//! through the planner's own registration model (`optimise::registration`): warehouses
//! are sites with one copy, customers are groups whose demand may be split. Compares
//! with the published optima in `capopt.txt`.
//!
//! Run: `cargo run --release --example orlib_cap [DIR]` (default
//! `../shared/benchmarks/orlib-cap`, else `/work/shared/benchmarks/orlib-cap`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tpsplan::optimise::registration::{FlGroup, FlProblem, FlRow, FlSite, FlUnit};
use tpsplan::optimise::solver::{Backend, SolveSettings};

fn parse(path: &Path) -> Result<FlProblem, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut it = text.split_whitespace().map(|t| {
        t.parse::<f64>()
            .map_err(|e| format!("{}: '{t}': {e}", path.display()))
    });
    let mut next = || {
        it.next()
            .unwrap_or(Err(format!("{}: file ends early", path.display())))
    };
    let m = next()? as usize;
    let n = next()? as usize;
    let mut p = FlProblem {
        classes: 1,
        integral_flow: false,
        ..FlProblem::default()
    };
    let mut caps = Vec::with_capacity(m);
    for _ in 0..m {
        let cap = next()?;
        let fixed = next()?;
        caps.push(cap);
        p.sites.push(FlSite {
            fixed_cost: fixed,
            max_copies: 1,
        });
    }
    for j in 0..n {
        let demand = next()?;
        let mut options = Vec::with_capacity(m);
        for i in 0..m {
            let cost = next()?;
            // The file gives the cost of serving all of the demand; per unit it is cost/demand.
            options.push((i, if demand > 0.0 { cost / demand } else { 0.0 }));
        }
        p.units.push(FlUnit {
            class: 0,
            use_cost: 0.0,
            site_use_cost: Vec::new(),
        });
        p.groups.push(FlGroup {
            unit: j,
            demand,
            options,
        });
    }
    for (i, cap) in caps.into_iter().enumerate() {
        p.rows.push(FlRow {
            site: i,
            class: 0,
            per_copy: cap,
            flow: (0..n).map(|j| (j, 1.0)).collect(),
            uses: Vec::new(),
            ends: Vec::new(),
            ends_per_copy: 0.0,
        });
    }
    let total: f64 = p.groups.iter().map(|g| g.demand).sum();
    let max_cap = p.rows.iter().map(|r| r.per_copy).fold(0.0, f64::max);
    p.class_min_copies = vec![(total / max_cap - 1e-9).ceil()];
    Ok(p)
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let rel = PathBuf::from("../shared/benchmarks/orlib-cap");
            if rel.is_dir() {
                rel
            } else {
                PathBuf::from("/work/shared/benchmarks/orlib-cap")
            }
        });
    let Ok(opt_text) = std::fs::read_to_string(dir.join("capopt.txt")) else {
        println!(
            "OR-Library cap tidak ditemukan di {}: dilewati (skipped)",
            dir.display()
        );
        return;
    };
    let optima: Vec<(String, f64)> = opt_text
        .lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            let name = w.next()?;
            let v = w.next()?.parse::<f64>().ok()?;
            Some((name.to_string(), v))
        })
        .collect();
    let settings = SolveSettings {
        backend: Backend::Microlp,
        time_limit: Duration::from_secs(60),
        mip_gap: 0.0,
    };
    let mut times = Vec::new();
    let mut worst = 0.0f64;
    let mut failures = 0;
    println!(
        "{:<8} {:>16} {:>16} {:>10} {:>9}",
        "instance", "optimum", "found", "rel.diff", "seconds"
    );
    for (name, optimum) in &optima {
        let path = dir.join(format!("{name}.txt"));
        let problem = match parse(&path) {
            Ok(p) => p,
            Err(e) => {
                println!("{name:<8} {e}");
                failures += 1;
                continue;
            }
        };
        let start = Instant::now();
        let result = problem.solve(&settings);
        let secs = start.elapsed().as_secs_f64();
        times.push(secs);
        match result {
            Ok(sol) => {
                let rel = (sol.objective - optimum).abs() / optimum.abs().max(1.0);
                worst = worst.max(rel);
                if rel >= 1e-6 {
                    failures += 1;
                }
                println!(
                    "{name:<8} {optimum:>16.3} {:>16.3} {rel:>10.2e} {secs:>9.3}",
                    sol.objective
                );
            }
            Err(e) => {
                failures += 1;
                println!(
                    "{name:<8} {optimum:>16.3} {:>16} {:>10} {secs:>9.3}",
                    format!("{e:?}"),
                    "-"
                );
            }
        }
    }
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let median = if sorted.is_empty() {
        0.0
    } else if sorted.len() % 2 == 1 {
        sorted[sorted.len() / 2]
    } else {
        (sorted[sorted.len() / 2 - 1] + sorted[sorted.len() / 2]) / 2.0
    };
    let total: f64 = times.iter().sum();
    println!(
        "{} instances, worst relative difference {worst:.2e}, median {median:.3} s, max {:.3} s, total {total:.3} s, {failures} not at the optimum",
        times.len(),
        sorted.last().copied().unwrap_or(0.0)
    );
    if failures > 0 {
        std::process::exit(1);
    }
}
