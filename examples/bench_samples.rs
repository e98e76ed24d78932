//! Benchmark of the whole `plan` pipeline (eligibility, optimiser, named staffing with
//! its re-planning rounds, independent verification; no file writing) on the four
//! committed samples and on the generated `large` preset. Prints, per facility, the
//! median and the spread of several runs, the TPS count against its lower bound, the
//! solver status and gap, the staffing rounds, or the reason when no plan exists.
//!
//! Run: `cargo run --release --example bench_samples [RUNS]` (default 5).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tpsplan::optimise::PlanOptions;
use tpsplan::planner::plan_facility;
use tpsplan::reference::Reference;

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5)
        .max(1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let large = std::env::temp_dir().join(format!("tpsplan-bench-large-{}", std::process::id()));
    if let Err(e) = tpsplan::generate::generate(tpsplan::generate::Preset::Large, 2024, &large) {
        eprintln!("cannot generate the large preset: {e}");
        std::process::exit(2);
    }
    let cases: Vec<(&str, PathBuf)> = vec![
        ("kalabahi", root.join("data/ntt/lapas-kalabahi")),
        ("pohuwato", root.join("data/gorontalo/lapas-pohuwato")),
        ("kabanjahe", root.join("data/sumut/rutan-kabanjahe")),
        ("pancur-batu", root.join("data/sumut/lapas-pancur-batu")),
        ("large", large.clone()),
    ];
    let reference = Reference::builtin();
    let opts = PlanOptions {
        time_limit: Duration::from_secs(30),
        ..PlanOptions::default()
    };
    println!(
        "{:<12} {:>7} {:>6} {:>9} {:>7} {:>7} {:>4} {:>6} {:<10} {:>6} {:>6}",
        "facility",
        "inmates",
        "voters",
        "median_s",
        "min_s",
        "max_s",
        "TPS",
        "TPS_lb",
        "status",
        "gap_%",
        "rounds"
    );
    for (name, dir) in cases {
        let loaded = tpsplan::input::load_facility(&dir, None, reference);
        let Some(facility) = loaded.facility else {
            println!(
                "{name:<12} input errors: {}",
                loaded.problems.iter().filter(|p| p.is_error()).count()
            );
            continue;
        };
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..runs {
            let t = Instant::now();
            let r = plan_facility(facility.clone(), reference, &opts, tpsplan::cli::Lang::Id);
            times.push(t.elapsed().as_secs_f64());
            last = Some(r);
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        match last {
            Some(Ok(p)) => {
                let s = &p.plan.solver;
                println!(
                    "{:<12} {:>7} {:>6} {:>9.3} {:>7.3} {:>7.3} {:>4} {:>6} {:<10} {:>6.2} {:>6}",
                    name,
                    p.facility.inmates.len(),
                    p.voters.len(),
                    median,
                    times[0],
                    times[times.len() - 1],
                    s.tps,
                    s.tps_lower_bound,
                    format!("{:?}", s.status),
                    s.gap * 100.0,
                    p.rounds
                );
            }
            Some(Err(e)) => {
                let e = e.to_string();
                let short: String = e.chars().take(160).collect();
                println!(
                    "{name:<12} {:>7} {:>6} {median:>9.3}  no plan: {short}",
                    facility.inmates.len(),
                    "-"
                );
            }
            None => {}
        }
    }
    let _ = std::fs::remove_dir_all(&large);
}
