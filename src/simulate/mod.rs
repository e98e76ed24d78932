//! `tpsplan simulate OUT`: a Monte Carlo of voting day on a written plan. Each
//! simulated day releases the plan's waves by the schedule with their named escorts,
//! walks them (searches included) to their TPS, queues them at the booths, draws the
//! minutes each voter needs from the ruleset's `[simulasi]` distribution, holds DPTb
//! and DPK voters to their windows, sends the KPPS visit team to the clinic and the
//! locked blocks, and adds the ruleset's disturbances (late waves, absent escorts).
//! Days run in parallel (rayon), each with its own ChaCha stream numbered by the day,
//! so the same seed gives the same results on any number of threads.
//!
//! Layout: [`engine`] the pure event core (stations, batches, queues, booths),
//! [`service`] the service-time distributions, [`model`] plan + facility -> engine
//! input, [`results`] per-day summaries and their aggregation, [`charts`] the two
//! charts, [`output`] `OUT/simulasi/`, the report section and the terminal summary
//! (a string; `commands::simulate` runs the command and prints). Output left here: a
//! warning on stderr when old results could not be deleted ([`output::write`]).
//! Neighbours: `plan` (what is simulated, and the folder writer), `input` and
//! `eligibility` (the plan's inputs re-read as `verify` does), `planner` (`--andal`).

pub mod charts;
pub mod engine;
pub mod model;
pub mod output;
pub mod results;
pub mod robust;
pub mod service;

use std::path::Path;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::diagnostics::Problem;
use crate::error::{Error, Result};
use crate::facility::Facility;
use crate::lang::{Lang, text};
use crate::model::Voter;
use crate::plan::Plan;

pub use model::Model;
pub use results::Aggregate;

/// Most days one run may simulate (each day keeps its summary, about 2 KB for a
/// 12-TPS facility, until the days are combined).
pub const MAX_RUNS: u32 = 100_000;

/// Simulates `runs` days of `model` with seed `seed`: day `r` draws from the ChaCha8
/// stream `r` of the seed, whatever thread runs it; the days are combined in order.
pub fn monte_carlo(model: &Model, runs: u32, seed: u64) -> Aggregate {
    let days: Vec<results::DaySummary> = (0..runs)
        .into_par_iter()
        .map(|r| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            rng.set_stream(r as u64);
            let delay = model.delays(&mut rng);
            let trace = engine::simulate(&model.day, &delay, &mut |b| {
                model.service_minutes(b, &mut rng)
            });
            results::summarise(model, &trace)
        })
        .collect();
    results::aggregate(model, &days)
}

/// Simulates a plan in memory (for `plan --andal`): the model of `plan` for
/// `facility` and its results.
pub fn simulate_plan(
    facility: &Facility,
    voters: &[Voter],
    plan: &Plan,
    runs: u32,
    seed: u64,
) -> std::result::Result<(Model, Aggregate), crate::lang::Text> {
    let model = model::build(facility, voters, plan)?;
    let agg = monte_carlo(&model, runs, seed);
    Ok((model, agg))
}

/// A plan folder's plan and the facility it was made from, re-read as `verify` does
/// (inputs relative to the folder, the scenario file by its recorded path and digest,
/// the voter list checked against its digest).
pub struct Loaded {
    /// plan.json.
    pub plan: Plan,
    /// The facility with the plan's scenario.
    pub facility: Facility,
    /// Its voters.
    pub voters: Vec<Voter>,
}

/// Reads the plan folder `out`: the problems found (file, code, fix; for the caller
/// to show) and the plan, or bad input when there are any. With `day_scenario` the
/// facility is read under that scenario instead of the plan's (what the day may be
/// like: slower voters, other disturbances); it must leave the voter list as planned.
pub fn load(out: &Path, day_scenario: Option<&str>, lang: Lang) -> (Vec<Problem>, Result<Loaded>) {
    if !out.is_dir() {
        return (Vec::new(), Err(Error::not_a_folder(out, lang)));
    }
    match read(out, day_scenario) {
        Ok(loaded) => (Vec::new(), Ok(loaded)),
        Err(problems) => {
            let n = problems.len();
            (problems, Err(Error::BadInput(n)))
        }
    }
}

/// [`load`] of an existing folder: the plan and its inputs, or every problem.
fn read(out: &Path, day_scenario: Option<&str>) -> std::result::Result<Loaded, Vec<Problem>> {
    let file = out.join("plan.json");
    let fail = |code: &'static str, path: &Path, message: crate::lang::Text| {
        vec![Problem::error(code, path, message)]
    };
    if !file.is_file() {
        return Err(fail(
            "E0601",
            &file,
            text!(
                "{} bukan folder rencana tpsplan: tidak ada plan.json",
                "{} is not a tpsplan plan folder: there is no plan.json",
                out.display()
            ),
        ));
    }
    let plan = crate::plan::read_plan(out).map_err(|e| {
        fail(
            "E0602",
            &file,
            text!(
                "plan.json tidak dapat dibaca: {e}",
                "plan.json cannot be read: {e}"
            ),
        )
    })?;
    let dir = out.join(&plan.inputs.dir);
    let scenario_file = plan.inputs.scenario_path.as_ref().map(|p| out.join(p));
    if let Some(path) = scenario_file.as_ref().filter(|_| day_scenario.is_none()) {
        match std::fs::read(path).map(|b| crate::plan::bytes_digest(&b)) {
            Ok(d) if plan.inputs.scenario_digest.is_empty() || d == plan.inputs.scenario_digest => {
            }
            Ok(_) => {
                return Err(fail(
                    "E0603",
                    path,
                    text!(
                        "skenario berubah sejak rencana {} dibuat",
                        "the scenario changed since the plan {} was made",
                        out.display()
                    ),
                ));
            }
            Err(e) => {
                return Err(fail(
                    "E0603",
                    path,
                    text!(
                        "skenario rencana {} tidak dapat dibaca: {e}",
                        "the scenario of the plan {} cannot be read: {e}",
                        out.display()
                    ),
                ));
            }
        }
    }
    if !dir.join(crate::input::FACILITY_FILE).is_file() {
        return Err(fail(
            "E0603",
            &dir,
            text!(
                "folder fasilitas rencana {} tidak ditemukan (plan.json menyebut {})",
                "the facility folder of the plan {} is not found (plan.json names {})",
                out.display(),
                plan.inputs.dir.display()
            ),
        ));
    }
    let scenario_arg = match day_scenario {
        Some(s) => Some(s.to_string()),
        None => scenario_file
            .as_ref()
            .map(|p| p.to_string_lossy().into_owned())
            .or_else(|| (!plan.inputs.scenario.is_empty()).then(|| plan.inputs.scenario.clone())),
    };
    let reference = crate::reference::Reference::builtin();
    let loaded = crate::input::load_facility(&dir, scenario_arg.as_deref(), reference);
    let Some(facility) = loaded.facility else {
        return Err(loaded
            .problems
            .into_iter()
            .filter(|p| p.is_error())
            .collect());
    };
    let decisions = crate::eligibility::decide(&facility, reference);
    let voters = crate::eligibility::voters(&facility, &decisions);
    let digest = crate::plan::voters_digest(&voters);
    if digest != plan.inputs.voters_digest {
        return Err(fail(
            "E0603",
            &dir,
            text!(
                "daftar pemilih dari masukan{} berbeda dari daftar saat rencana {} dibuat",
                "the voter list from the input{} differs from the one the plan {} was made with",
                day_scenario
                    .map(|s| format!(" (skenario {s})"))
                    .unwrap_or_default(),
                out.display()
            ),
        ));
    }
    Ok(Loaded {
        plan,
        facility,
        voters,
    })
}

/// What `tpsplan simulate` was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunOptions {
    /// Days to simulate.
    pub runs: u32,
    /// Seed of the random streams.
    pub seed: u64,
}

/// `--runs` from 1 to [`MAX_RUNS`].
pub fn check_runs(runs: u32, lang: Lang) -> Result<()> {
    if (1..=MAX_RUNS).contains(&runs) {
        return Ok(());
    }
    Err(Error::Usage(
        text!(
            "--runs {runs}: tulis jumlah hari yang disimulasikan, 1 sampai {MAX_RUNS} (bawaan 1000)",
            "--runs {runs}: write the number of days to simulate, 1 to {MAX_RUNS} (default 1000)"
        )
        .get(lang)
        .to_string(),
    ))
}
