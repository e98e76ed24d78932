//! Benchmark of the optimiser on synthetic facilities of the sizes of the samples
//! (about 250, 300, 450 and 1,800 inmates) and of `large` (about 3,500 inmates,
//! 40 blocks, 12 sites), built in code with `tpsplan::testing::synthetic`. Prints a
//! table: median seconds of several runs, TPS against the lower bound, status, gap.
//! Every plan is re-checked with `verify`.
//!
//! Run: `cargo run --release --example bench_plan [RUNS]` (default 5 runs).

use std::time::{Duration, Instant};

use tpsplan::optimise::{PlanOptions, plan};
use tpsplan::testing::synthetic;
use tpsplan::verify::verify;

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5)
        .max(1);
    let cases = [
        ("kalabahi-like", 250, 6, 3, 1),
        ("pohuwato-like", 300, 7, 4, 2),
        ("kabanjahe-like", 450, 9, 5, 3),
        ("pancur-batu-like", 1800, 24, 9, 4),
        ("large", 3500, 40, 12, 5),
    ];
    let opts = PlanOptions {
        time_limit: Duration::from_secs(10),
        ..PlanOptions::default()
    };
    println!(
        "{:<18} {:>7} {:>7} {:>9} {:>5} {:>7} {:>12} {:>8} {:>6} {:>10}  stages",
        "facility",
        "inmates",
        "voters",
        "median_s",
        "TPS",
        "TPS_lb",
        "status",
        "gap_%",
        "waves",
        "violations"
    );
    for (name, inmates, blocks, sites, seed) in cases {
        let (facility, voters) = synthetic(inmates, blocks, sites, seed);
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..runs {
            let t = Instant::now();
            let result = plan(&facility, &voters, &opts);
            times.push(t.elapsed().as_secs_f64());
            last = Some(result);
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        match last {
            Some(Ok(p)) => {
                let violations = verify(&facility, &voters, &p).len();
                println!(
                    "{:<18} {:>7} {:>7} {:>9.3} {:>5} {:>7} {:>12} {:>8.3} {:>6} {:>10}  {}",
                    name,
                    inmates,
                    voters.len(),
                    median,
                    p.solver.tps,
                    p.solver.tps_lower_bound,
                    format!("{:?}", p.solver.status).to_lowercase(),
                    p.solver.gap * 100.0,
                    p.waves.len(),
                    violations,
                    p.solver
                        .stages
                        .iter()
                        .map(|s| format!("{} {:?} {:.3}s", s.name, s.status, s.seconds))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            Some(Err(e)) => println!(
                "{name:<18} {inmates:>7} {:>7} {median:>9.3} tidak layak: {e}",
                voters.len()
            ),
            None => {}
        }
    }
}
