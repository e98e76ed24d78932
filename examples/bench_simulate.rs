//! Benchmark of the voting-day simulation on the `large` preset (3,500 inmates, 40
//! blocks, 12 sites): generated with seed 1 into a temporary folder, planned in full
//! (schedule and named escorts), then simulated. Prints the median of several
//! repetitions for: building the model from the plan, 1,000 days on all threads,
//! 1,000 days on one thread, and the whole `tpsplan simulate` (re-reading the plan
//! folder and its inputs, simulating, writing `simulasi/` and the report section).
//!
//! Run: `cargo run --release --example bench_simulate [REPS] [DAYS]` (default 5
//! repetitions of 1,000 days).

use std::time::Instant;

use tpsplan::lang::Lang;
use tpsplan::optimise::PlanOptions;
use tpsplan::reference::Reference;
use tpsplan::simulate::{RunOptions, model, monte_carlo};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() { 0.0 } else { v[v.len() / 2] }
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed().as_secs_f64())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let reps: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5).max(1);
    let days: u32 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000)
        .max(1);
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let input = tmp.path().join("large");
    let reference = Reference::builtin();
    tpsplan::generate::generate(tpsplan::generate::Preset::Large, 1, &input)
        .expect("the large preset is generated");
    let loaded = tpsplan::input::load_facility(&input, None, reference);
    let facility = loaded
        .facility
        .expect("the large preset reads without errors");
    let (planned, plan_secs) = timed(|| {
        tpsplan::planner::plan_facility(facility, reference, &PlanOptions::default(), Lang::Id)
            .expect("the large preset plans")
    });
    let out = tmp.path().join("rencana");
    tpsplan::planner::write_outputs(&out, &planned, Lang::Id, false).expect("plan folder");
    let p = &planned.plan;
    println!(
        "large (seed 1): {} voters, {} TPS, {} waves; planned in {plan_secs:.2} s; {} threads",
        planned.voters.len(),
        p.tps.len(),
        p.waves.len(),
        rayon::current_num_threads()
    );

    let mut build = Vec::new();
    let mut parallel = Vec::new();
    let mut single = Vec::new();
    let mut command = Vec::new();
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    let mut on_time = 0.0;
    for _ in 0..reps {
        let (m, secs) = timed(|| model::build(&planned.facility, &planned.voters, p).unwrap());
        build.push(secs);
        let (agg, secs) = timed(|| monte_carlo(&m, days, 1));
        parallel.push(secs);
        on_time = agg.semua.peluang_selesai_tepat_waktu;
        let (agg1, secs) = timed(|| one.install(|| monte_carlo(&m, days, 1)));
        single.push(secs);
        assert_eq!(agg, agg1, "the thread count changed the results");
        let (r, secs) = timed(|| {
            tpsplan::commands::simulate::run(
                &out,
                RunOptions {
                    runs: days,
                    seed: 1,
                },
                None,
                Lang::Id,
            )
        });
        r.expect("simulate runs");
        command.push(secs);
    }
    println!("medians of {reps} repetitions, {days} days each:");
    println!("  model from plan            {:8.4} s", median(build));
    println!("  days, all threads          {:8.4} s", median(parallel));
    println!("  days, one thread           {:8.4} s", median(single));
    println!("  tpsplan simulate (whole)   {:8.4} s", median(command));
    println!("  on time (all TPS)          {:8.1} %", on_time * 100.0);
}
