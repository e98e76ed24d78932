//! `tpsplan check DIR`: one facility, or every facility below a region folder, checked
//! by [`crate::check`]; prints every problem sorted by file and line, then the voter
//! readiness summary (one block for a facility, one line per facility plus totals for
//! a region).

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use crate::check::{self, Labels, Outcome, ReadinessTotals};
use crate::diagnostics::Problem;
use crate::error::{Error, Result};
use crate::input;
use crate::lang::{Lang, text};

/// Runs `check` on `dir` (a facility or a region folder) and prints to stdout; exits
/// with [`Error::BadInput`] when any problem is an error.
pub fn run(dir: &Path, scenario: Option<&str>, lang: Lang) -> Result<()> {
    if !dir.is_dir() {
        return Err(Error::not_a_folder(dir, lang));
    }
    let walk = input::walk_facilities(dir);
    for line in walk.unreadable_lines(lang) {
        eprintln!("{line}");
    }
    let dirs = walk.facilities;
    if dirs.is_empty() {
        return Err(Error::Usage(
            text!(
                "tidak ada {} di '{}' maupun di bawahnya",
                "there is no {} in '{}' or below it",
                input::FACILITY_FILE,
                dir.display()
            )
            .get(lang)
            .to_string(),
        ));
    }
    let outcomes = check::check_folders(&dirs, scenario, lang);
    let text = render(dir, &outcomes, lang);
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| Error::io("<stdout>", e))?;
    let errors: usize = outcomes.iter().map(Outcome::errors).sum::<usize>() + walk.unreadable.len();
    if errors > 0 {
        Err(Error::BadInput(errors))
    } else {
        Ok(())
    }
}

fn render(root: &Path, outcomes: &[Outcome], lang: Lang) -> String {
    let l = Labels::of(lang);
    let mut s = String::new();
    let mut problems: Vec<&Problem> = outcomes.iter().flat_map(|o| &o.problems).collect();
    problems.sort_by(|a, b| (&a.file, a.line, a.code).cmp(&(&b.file, b.line, b.code)));
    for p in &problems {
        let _ = writeln!(s, "{}", p.render(lang));
    }
    if !problems.is_empty() {
        s.push('\n');
    }
    if let [o] = outcomes {
        let _ = writeln!(s, "{}: {}", l.summary_of, o.title);
        match &o.readiness {
            Some(r) => s.push_str(&r.render(lang)),
            None => {
                let _ = writeln!(s, "  {}", l.not_ready);
            }
        }
    } else {
        s.push_str(&region_table(root, outcomes, lang));
    }
    let errors: usize = outcomes.iter().map(Outcome::errors).sum();
    let warnings = problems.len() - errors;
    let n = outcomes.len();
    let line = match lang {
        Lang::Id => format!(
            "{} {n} UPT: {errors} {}, {warnings} {}.",
            l.checked, l.errors, l.warnings
        ),
        Lang::En => format!(
            "{} {n} {}: {errors} {}, {warnings} {}.",
            l.checked,
            plural(n, "facility", "facilities"),
            plural(errors, "error", l.errors),
            plural(warnings, "warning", l.warnings)
        ),
    };
    let _ = writeln!(s, "\n{line}");
    s
}

/// `one` for 1, else `many` (English counts).
fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn region_table(root: &Path, outcomes: &[Outcome], lang: Lang) -> String {
    let l = Labels::of(lang);
    let short_name = |o: &Outcome| short_name(root, o);
    let name_width = outcomes
        .iter()
        .map(|o| short_name(o).chars().count())
        .max()
        .unwrap_or(3)
        .max(l.total.len());
    let mut s = String::new();
    let h = &l.table_head;
    let _ = write!(s, "{:<name_width$}", h[0]);
    for c in &h[1..] {
        let _ = write!(s, " {c:>9}");
    }
    let _ = writeln!(s, "  status");
    let mut total = ReadinessTotals::default();
    let line = |s: &mut String, name: &str, r: &ReadinessTotals, status: &str| {
        let _ = write!(s, "{name:<name_width$}");
        for n in [
            r.inmates,
            r.men,
            r.women,
            r.dpt,
            r.dptb,
            r.unregistered,
            r.voters,
            r.obstacles.get("tanpa_nik").copied().unwrap_or(0),
            r.obstacles.get("tanpa_nkk").copied().unwrap_or(0),
            r.staff_on_duty,
            r.tps_capacity as usize,
        ] {
            let _ = write!(s, " {n:>9}");
        }
        let _ = writeln!(s, "  {status}");
    };
    for o in outcomes {
        match &o.readiness {
            Some(r) => {
                line(&mut s, &short_name(o), r, l.status_ok);
                total.add(r);
            }
            None => {
                let errors = match lang {
                    Lang::Id => l.errors,
                    Lang::En => plural(o.errors(), "error", l.errors),
                };
                let _ = writeln!(
                    s,
                    "{:<name_width$} {:>9}  {} {errors}",
                    short_name(o),
                    "-",
                    o.errors(),
                );
            }
        }
    }
    let status = format!("{}/{} {}", total.facilities, outcomes.len(), l.status_ok);
    line(&mut s, l.total, &total, &status);
    s
}

/// A facility's folder relative to the region folder (`sumut/lapas-pancur-batu`).
fn short_name(root: &Path, o: &Outcome) -> String {
    match o.dir.strip_prefix(root) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.display().to_string(),
        _ => check::folder_name(&o.dir),
    }
}
