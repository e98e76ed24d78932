//! `tpsplan render OUT`: the edited plan.json and its inputs read, every file rebuilt
//! by [`crate::render`] (or each violation printed and the edit refused), then the
//! folder verified as `tpsplan verify` does.

use std::path::Path;

use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::render::{self, Rebuilt};

/// `tpsplan render OUT`.
pub fn run(out: &Path, lang: Lang) -> Result<()> {
    let plan =
        crate::plan::read_plan(out).map_err(|e| Error::Usage(format!("{}: {e}", out.display())))?;
    let facility = super::verify::load_inputs(out, &plan, lang)?;
    match render::rebuild(out, plan, facility, lang)? {
        Rebuilt::Refused(violations) => {
            for v in &violations {
                println!("{}", v.render(lang));
            }
            Err(render::refusal(out, &violations, lang))
        }
        Rebuilt::Written { restaffed, left } => {
            if let Some(old) = left {
                eprintln!("{}", crate::planner::left_behind(out, &old, lang));
            }
            println!("{}", render::done_line(out, restaffed, lang));
            // The folder as written, checked as `verify` checks it.
            super::verify::run(out, lang)
        }
    }
}
