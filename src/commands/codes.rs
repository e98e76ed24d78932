//! `tpsplan codes`: every problem code `check` can report, with its meaning and fix.

use crate::lang::Lang;

/// Prints every code of [`crate::diagnostics::CODES`] in `lang`.
pub fn run(lang: Lang) {
    let fix = match lang {
        Lang::Id => "perbaikan",
        Lang::En => "fix",
    };
    for c in crate::diagnostics::CODES {
        println!(
            "{}  {}\n       {fix}: {}",
            c.code,
            c.meaning,
            c.fix_text().get(lang)
        );
    }
}
