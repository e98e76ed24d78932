//! `report.html`: one self-contained page for a Kanwil meeting: the KPIs with the
//! follow-up and honoraria summaries, every chart as inline SVG, then the TPS and
//! ballot tables, with inline CSS and nothing fetched (no scripts,
//! fonts, images, links or stylesheets from anywhere), printable on A4. The caller
//! fills [`ReportData`] from the plan and renders the charts with
//! [`super::charts::ChartSet::render_all`]. Neighbours: `charts` (the SVG strings)
//! and the plan writer (writes the string to `report.html`).

use std::fmt::Write as _;

use crate::format::{self, long_date, percent, rupiah};
use crate::lang::{Lang, tr};

mod data;
mod html;
mod kpis;
mod tables;
#[cfg(test)]
mod tests;

pub use data::*;
pub use html::escape;
pub(crate) use html::{chart_figure, css_colour, inline_svg, page_end, page_start, th};
use kpis::{honoraria, kpis};
use tables::{ballot_table, follow_up_table, honor_table, reserve_table, tps_table};

fn count(n: u64, lang: Lang) -> String {
    format::count(n as i64, lang)
}

/// The RAHASIA notice of a plan written with `--serah-terima`.
fn handover(h: &mut String, data: &ReportData, lang: Lang) {
    if !data.handover {
        return;
    }
    let _ = write!(
        h,
        "<section class=\"warnings rahasia\">\n<h2>RAHASIA</h2>\n<p>{}</p>\n</section>\n",
        tr(
            lang,
            "Folder <code>kpu-rahasia/</code> rencana ini memuat NIK, NKK dan tanggal lahir lengkap untuk serah terima resmi kepada KPU kab/kota. Serahkan hanya dengan berita acara; jangan dibagikan, diunggah, atau dicetak untuk rapat. Laporan ini dan berkas lain hanya memuat data tersamar.",
            "The plan's <code>kpu-rahasia/</code> folder holds full NIK, NKK and birth dates for the official handover to KPU kab/kota. Hand it over only with a signed record; never share, upload or print it for meetings. This report and the other files hold masked data only."
        )
    );
}

/// The staff requests at the top of the report: the plan stands, these must be found.
fn requests(h: &mut String, data: &ReportData, lang: Lang) {
    if data.requests.is_empty() {
        return;
    }
    let _ = writeln!(
        h,
        "<section class=\"warnings requests\">\n<h2>{}</h2>\n<p>{}</p>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        tr(
            lang,
            "Permintaan petugas (kekurangan)",
            "Staff requests (shortfalls)"
        ),
        tr(
            lang,
            "Petugas UPT tidak mencukupi untuk seluruh hari; rencana tetap berlaku dan kekurangan ini harus dipenuhi (kekurangan.csv).",
            "The UPT's roster does not cover the whole day; the plan stands and these shortfalls must be filled (kekurangan.csv).",
        ),
        tr(lang, "Peran", "Role"),
        tr(lang, "Jenis kelamin", "Sex"),
        tr(lang, "Waktu", "Time"),
        tr(lang, "Jumlah", "Number"),
        tr(lang, "TPS", "TPS"),
        tr(lang, "Tindakan", "Action"),
    );
    for q in &data.requests {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}-{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            escape(&q.peran.replace('_', " ")),
            escape(&q.jenis_kelamin),
            q.mulai,
            q.selesai,
            q.jumlah,
            q.nomor_tps.map(|n| n.to_string()).unwrap_or_default(),
            escape(&q.tindakan)
        );
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
}

/// Renders the whole report as one HTML document.
pub fn render(data: &ReportData, lang: Lang) -> String {
    let mut h =
        String::with_capacity(64 * 1024 + data.charts.iter().map(|c| c.svg.len()).sum::<usize>());
    let title = crate::lang::text!("Rencana TPS {}", "TPS plan {}", data.facility_name)
        .get(lang)
        .to_string();
    page_start(&mut h, lang, &title, "");
    header(&mut h, data, lang, &title);
    handover(&mut h, data, lang);
    requests(&mut h, data, lang);
    kpis(&mut h, data, lang);
    reserve_table(&mut h, data, lang);
    if !data.warnings.is_empty() {
        let _ = writeln!(
            h,
            "<section class=\"warnings\">\n<h2>{}</h2>\n<ul>",
            tr(lang, "Peringatan", "Warnings")
        );
        for w in &data.warnings {
            let _ = writeln!(h, "<li>{}</li>", escape(w));
        }
        h.push_str("</ul>\n</section>\n");
    }
    h.push_str("<section class=\"summary\">\n");
    follow_up_table(&mut h, data, lang);
    honor_table(&mut h, data, lang);
    h.push_str("</section>\n");
    for chart in &data.charts {
        h.push_str(&chart_figure(&chart.id, &chart.svg, &chart.title));
        h.push('\n');
    }
    h.push_str("<section class=\"tables\">\n");
    tps_table(&mut h, data, lang);
    ballot_table(&mut h, data, lang);
    h.push_str("</section>\n");
    page_end(&mut h, lang);
    h
}

fn header(h: &mut String, data: &ReportData, lang: Lang, title: &str) {
    let scenario = data
        .scenario
        .as_ref()
        .map(|s| format!(" · {}: {}", tr(lang, "skenario", "scenario"), escape(s)))
        .unwrap_or_default();
    let _ = write!(
        h,
        "<header>\n<h1>{}</h1>\n<p>{} {} · {} {} · {} {}{}</p>\n</header>\n",
        escape(title),
        tr(lang, "Kode UPT", "UPT code"),
        escape(&data.facility_code),
        tr(lang, "aturan", "ruleset"),
        escape(&data.ruleset),
        tr(lang, "hari pemungutan suara", "election day"),
        long_date(data.election_date, lang),
        scenario,
    );
}
