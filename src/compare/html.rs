//! `banding.html`: one self-contained page (inline CSS and SVG, no scripts, nothing
//! fetched) with the table of figures, the chart of the main figures and the blocks
//! that differ, in the run's language; prints on A4 landscape.

use std::fmt::Write;

use crate::export::charts::ChartError;
use crate::export::report::escape;
use crate::lang::Lang;

use super::Comparison;
use super::chart::{Group, KpiChart};
use super::table::Row;

const CSS: &str = r#"
:root { --ink: #212121; --muted: #616161; --line: #d0d7de; --band: #f3f6f9; --diff: #fff4e5; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1180px; padding: 24px; color: var(--ink);
  font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 15px; line-height: 1.45; }
h1 { margin: 0 0 4px; font-size: 28px; }
h2 { font-size: 21px; margin: 28px 0 10px; }
p.sub, .small { color: var(--muted); }
.small { font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 4px; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 4px 7px; text-align: left; vertical-align: top; }
th { background: var(--band); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.diff td { background: var(--diff); }
tr.diff td:first-child { font-weight: bold; }
td.sub { padding-left: 24px; }
figure.chart { margin: 24px 0 0; }
svg.chart-svg { display: block; width: 100%; height: auto; border: 1px solid var(--line); }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  figure.chart { break-before: page; page-break-before: always; break-inside: avoid; margin: 0; }
  svg.chart-svg { max-height: 170mm; border: none; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
}
"#;

/// The chart's figures: TPS, KPPS, escorts at peak, officer-minutes requested, the
/// last wave's end, walking minutes and ballots.
pub fn chart(c: &Comparison, rows: &[Row], lang: Lang) -> KpiChart {
    let find = |key: &str| rows.iter().find(|r| r.key == key);
    let mut groups = Vec::new();
    for key in [
        "tps",
        "kpps",
        "pengawal_puncak",
        "permintaan_menit_petugas",
        "menit_jalan",
        "surat_suara",
    ] {
        if let Some(r) = find(key) {
            let label = match (key, lang) {
                ("permintaan_menit_petugas", Lang::Id) => {
                    "Permintaan petugas (menit-petugas)".into()
                }
                ("permintaan_menit_petugas", Lang::En) => {
                    "Staff requested (officer-minutes)".into()
                }
                _ => r.label.get(lang).trim().to_string(),
            };
            groups.push(Group {
                label,
                values: r
                    .values
                    .iter()
                    .map(|v| match v {
                        super::table::Value::Int(n) => *n as f64,
                        super::table::Value::Text(_) => 0.0,
                    })
                    .collect(),
                shown: r.values.iter().map(|v| v.show(lang)).collect(),
            });
        }
    }
    // The last wave's end: bar length in minutes after the day's first opening.
    let ends: Vec<Option<u16>> = c.plans.iter().map(|p| p.last_end.map(|e| e.0)).collect();
    let open = c
        .plans
        .iter()
        .filter_map(|p| p.first_start.map(|c| c.0))
        .min()
        .unwrap_or(0);
    groups.push(Group {
        label: match lang {
            Lang::Id => "Gelombang terakhir selesai".into(),
            Lang::En => "Last wave ends".into(),
        },
        values: ends
            .iter()
            .map(|e| e.map_or(0.0, |e| f64::from(e.saturating_sub(open))))
            .collect(),
        shown: ends
            .iter()
            .map(|e| e.map_or(String::new(), |e| crate::model::Clock(e).to_string()))
            .collect(),
    });
    KpiChart {
        plans: c.labels.clone(),
        groups,
    }
}

/// The page.
pub fn render(c: &Comparison, rows: &[Row], lang: Lang) -> Result<String, ChartError> {
    let tr = |id: &'static str, en: &'static str| match lang {
        Lang::Id => id,
        Lang::En => en,
    };
    let kpi = chart(c, rows, lang);
    let svg = crate::export::charts::to_svg(&kpi, lang)?;
    let title = crate::export::charts::Chart::title(&kpi, lang);
    let facilities: std::collections::BTreeSet<&str> =
        c.plans.iter().map(|p| p.facility_name.as_str()).collect();
    let heading = format!(
        "{}: {}",
        tr("Banding rencana", "Plans compared"),
        facilities.into_iter().collect::<Vec<_>>().join(", ")
    );
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n",
        match lang {
            Lang::Id => "id",
            Lang::En => "en",
        },
        escape(&heading),
        escape(&heading),
        escape(&c.labels.join(" · "))
    );
    // The table of figures.
    let _ = write!(
        h,
        "<h2>{}</h2>\n<table>\n<thead><tr><th></th>",
        tr("Angka", "Figures")
    );
    for l in &c.labels {
        let _ = write!(h, "<th class=\"n\">{}</th>", escape(l));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for r in rows {
        // Labels indented with spaces are parts of the row above.
        let label = r.label.get(lang);
        let _ = write!(
            h,
            "<tr{}><td{}>{}</td>",
            if r.differs() { " class=\"diff\"" } else { "" },
            if label.starts_with(' ') {
                " class=\"sub\""
            } else {
                ""
            },
            escape(label.trim())
        );
        for v in &r.values {
            let _ = write!(h, "<td class=\"n\">{}</td>", escape(&v.show(lang)));
        }
        h.push_str("</tr>\n");
    }
    let _ = write!(
        h,
        "</tbody>\n</table>\n<p class=\"small\">{}</p>\n",
        tr(
            "Baris berwarna: angka yang berbeda antarrencana. Pengawal pada puncak: petugas pengawal yang bertugas pada menit yang sama (petugas bernama; yang kurang ada di permintaan).",
            "Shaded rows: figures that differ between the plans. Escorts at peak: escort officers on duty in the same minute (named officers; those missing are in the requests)."
        )
    );
    let _ = writeln!(
        h,
        "<figure class=\"chart\">{}</figure>",
        crate::export::report::inline_svg(&svg, "banding", &title)
    );
    // The blocks that differ.
    let _ = writeln!(h, "<h2>{}</h2>", tr("Beda per blok", "Blocks"));
    match &c.blocks {
        None => {
            let _ = writeln!(
                h,
                "<p>{}</p>",
                tr(
                    "Tidak dibandingkan: rencana dari UPT yang berbeda (blok UPT lain tidak sama).",
                    "Not compared: the plans are of different facilities (their blocks are not the same)."
                )
            );
        }
        Some(d) => {
            let _ = writeln!(
                h,
                "<p>{}</p>",
                escape(crate::lang::text!(
                        "{} blok berbeda; {} blok memilih di TPS dan waktu yang sama di semua rencana.",
                        "{} blocks differ; {} vote at the same TPS and times in every plan.",
                        d.differ.len(),
                        d.same
                    ).get(lang))
            );
            if !d.differ.is_empty() {
                let _ = write!(h, "<table>\n<thead><tr><th>{}</th>", tr("Blok", "Block"));
                for l in &c.labels {
                    let _ = write!(h, "<th>{}</th>", escape(l));
                }
                h.push_str("</tr></thead>\n<tbody>\n");
                for (block, views) in &d.differ {
                    let _ = write!(h, "<tr><td>{}</td>", escape(block));
                    for v in views {
                        let _ = write!(h, "<td>{}</td>", escape(&v.describe(lang)));
                    }
                    h.push_str("</tr>\n");
                }
                h.push_str("</tbody>\n</table>\n");
            }
        }
    }
    h.push_str("<h2>");
    h.push_str(tr("Folder rencana", "Plan folders"));
    h.push_str("</h2>\n<ul>\n");
    for (l, p) in c.labels.iter().zip(&c.plans) {
        let _ = writeln!(
            h,
            "<li>{}: {}</li>",
            escape(l),
            escape(&p.folder.display().to_string())
        );
    }
    h.push_str("</ul>\n</body>\n</html>\n");
    Ok(h)
}
