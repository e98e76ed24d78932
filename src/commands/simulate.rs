//! `tpsplan simulate OUT` (alias `simulasi`), and the simulation after `plan --andal`:
//! the plan folder read ([`crate::simulate::load`], its problems printed), the days
//! simulated, `OUT/simulasi/` written and the summary printed.

use std::path::Path;

use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::simulate::{self, RunOptions, output};

/// `tpsplan simulate OUT [--scenario S]`: simulates the plan folder's day (under the
/// scenario `day_scenario` instead of the plan's, when given), writes `OUT/simulasi/`
/// (whole or not at all), adds the section of `OUT/report.html` when there is one, and
/// prints the summary.
pub fn run(out: &Path, opts: RunOptions, day_scenario: Option<&str>, lang: Lang) -> Result<()> {
    simulate::check_runs(opts.runs, lang)?;
    let (problems, loaded) = simulate::load(out, day_scenario, lang);
    for p in &problems {
        eprintln!("{}", p.render(lang));
    }
    let loaded = loaded?;
    let model = simulate::model::build(&loaded.facility, &loaded.voters, &loaded.plan)
        .map_err(|t| Error::Usage(t.get(lang).to_string()))?;
    let agg = simulate::monte_carlo(&model, opts.runs, opts.seed);
    let mut sim = output::Simulation::new(&loaded, &model, &agg, opts);
    sim.skenario_hari = day_scenario.map(str::to_string);
    output::write(out, &sim, lang)?;
    print!("{}", output::summary(&sim, lang));
    println!("  -> {}", out.join("simulasi").display());
    Ok(())
}
