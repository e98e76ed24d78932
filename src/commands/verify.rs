//! `tpsplan verify OUT`: the plan folder re-read and re-checked by [`crate::verify`],
//! each violation printed, then the verdict (exit 1 when any rule is broken).

use std::path::Path;

use crate::error::{Error, Result};
use crate::facility::Facility;
use crate::lang::{Lang, text};
use crate::plan::Plan;

/// The inputs of the written plan in `out` ([`crate::verify::load_inputs`]), their
/// errors printed to stderr; a changed scenario is printed to stdout, as the violation
/// it is.
pub(crate) fn load_inputs(out: &Path, plan: &Plan, lang: Lang) -> Result<Facility> {
    let (problems, facility) = crate::verify::load_inputs(out, plan, lang);
    for p in &problems {
        eprintln!("{}", p.render(lang));
    }
    if let Err(Error::Violations(msg)) = &facility {
        println!("{msg}");
    }
    facility
}

/// `tpsplan verify OUT`: re-reads the plan's inputs (folder and scenario recorded in
/// plan.json), derives who votes with the checker's own code and checks every hard
/// rule. Prints each violation; `Err(Violations)` (exit 1) when there is any.
pub fn run(out: &Path, lang: Lang) -> Result<()> {
    let plan =
        crate::plan::read_plan(out).map_err(|e| Error::Usage(format!("{}: {e}", out.display())))?;
    let facility = load_inputs(out, &plan, lang)?;
    let checked = crate::verify::check_folder(out, &plan, &facility);
    let violations = &checked.violations;
    for v in violations {
        println!("{}", v.render(lang));
    }
    if violations.is_empty() {
        let (place, tps, voters, waves) = (
            out.display(),
            plan.tps.len(),
            checked.voters,
            plan.waves.len(),
        );
        let ok = text!(
            "{place}: semua aturan wajib terpenuhi ({tps} TPS, {voters} pemilih, {waves} gelombang)",
            "{place}: every hard rule holds ({tps} TPS, {voters} voters, {waves} waves)"
        );
        println!("{}", ok.get(lang));
        Ok(())
    } else {
        let n = violations.len();
        let summary = text!(
            "{n} pelanggaran aturan wajib",
            "{n} violations of the hard rules"
        );
        Err(Error::Violations(summary.get(lang).to_string()))
    }
}
