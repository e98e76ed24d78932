//! The Kanwil's view of a region folder (a province, or the whole country) planned UPT
//! by UPT: `OUT/ringkasan.csv` (one row per UPT, [`summary`]) and `OUT/report.html`
//! for the meeting ([`report`], with the charts of [`charts`]), written by
//! [`write_region_files`]. The run itself (every UPT planned in parallel with
//! `planner`, the progress, the printed totals) is `commands::region`'s. Neighbours:
//! `planned` (one UPT's plan), `export` (tables, report style, chart style).

pub mod charts;
pub mod report;
pub mod summary;

use std::path::Path;

use crate::error::{Error, Result};
use crate::lang::Lang;

pub use summary::{Outcome, Status, UptRow, action_order};

/// Writes `ringkasan.csv` and `report.html` into `out`, each into a temporary file
/// renamed into place, so neither is ever seen half written.
pub fn write_region_files(out: &Path, rows: &[UptRow], title: &str, lang: Lang) -> Result<()> {
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    let html = report::render(rows, title, lang)?;
    let tmp = out.join(".ringkasan.csv.tmp");
    summary::table(rows).write_csv_file(&tmp)?;
    let tmp_html = out.join(".report.html.tmp");
    std::fs::write(&tmp_html, html).map_err(|e| Error::io(&tmp_html, e))?;
    for (tmp, name) in [(tmp, "ringkasan.csv"), (tmp_html, "report.html")] {
        std::fs::rename(&tmp, out.join(name)).map_err(|e| Error::io(out.join(name), e))?;
    }
    Ok(())
}
