//! The regional `report.html` for a Kanwil meeting: the region's totals, the UPTs that
//! need action first (in the order of `summary::action_order`), one chart per KPI across
//! the UPTs, and every UPT with a relative link to its own `report.html`. One
//! self-contained file (inline SVG and the per-UPT report's CSS, no scripts, nothing
//! fetched); Indonesian, English with `--lang en`.

use std::fmt::Write as _;

use plotters::style::RGBColor;

use crate::error::Result;
use crate::export::charts::format_count;
use crate::export::report::{chart_figure, escape, page_end, page_start};
use crate::format::percent;
use crate::lang::Lang;

use super::charts::UptBars;
use super::summary::{Status, UptRow, action_order};

fn tr(lang: Lang, id: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

fn count(n: u64, lang: Lang) -> String {
    format_count(n as i64, lang)
}

/// Extra rules on top of the per-UPT report's CSS.
const REGION_CSS: &str = r#"
.kpis { grid-template-columns: repeat(4, 1fr); }
p.order { color: var(--muted); font-size: 13px; margin: 0 0 6px; }
td.alert { color: #c62828; font-weight: bold; }
"#;

/// The link to a UPT's report, relative to the region's output folder: each folder
/// name percent-encoded, `/` between them.
pub fn report_link(upt: &str) -> String {
    let mut out = String::new();
    for part in upt.split(['/', '\\']).filter(|p| !p.is_empty()) {
        for b in part.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                out.push(b as char);
            } else {
                let _ = write!(out, "%{b:02X}");
            }
        }
        out.push('/');
    }
    out.push_str("report.html");
    out
}

/// The UPT's name as a link to its report where a plan was written.
fn upt_cell(r: &UptRow) -> String {
    let name = escape(&super::charts::label(r));
    if r.status == Status::Ok {
        format!(
            "<a href=\"{}\">{name}</a><br><span class=\"small\">{}</span>",
            escape(&report_link(&r.upt)),
            escape(&r.upt)
        )
    } else {
        format!("{name}<br><span class=\"small\">{}</span>", escape(&r.upt))
    }
}

fn status_text(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Ok => tr(lang, "direncanakan", "planned"),
        Status::Infeasible => tr(lang, "tidak layak", "infeasible"),
        Status::Error => tr(lang, "galat masukan", "input errors"),
    }
}

fn share_text(r: &UptRow, lang: Lang) -> String {
    r.share().map(|s| percent(s, lang)).unwrap_or_default()
}

/// The charts, one per KPI, rows in the order of `rows`.
pub fn charts(rows: &[UptRow], lang: Lang) -> Vec<UptBars> {
    let t = |id: &str, en: &str| match lang {
        Lang::Id => id.to_string(),
        Lang::En => en.to_string(),
    };
    let planned = |r: &UptRow| r.status == Status::Ok;
    let blue = RGBColor(25, 101, 176);
    let mut voters = UptBars::single(
        "pemilih",
        (
            t("Pemilih per UPT", "Voters per UPT"),
            t("pemilih", "voters"),
        ),
        blue,
        rows,
        |_| None,
    );
    voters.series = vec![
        ("DPT".into(), RGBColor(25, 101, 176)),
        ("DPTb".into(), RGBColor(230, 85, 13)),
        ("DPK".into(), RGBColor(106, 81, 163)),
    ];
    for (row, r) in voters.rows.iter_mut().zip(rows) {
        row.1 = planned(r).then(|| vec![r.dpt as f64, r.dptb as f64, r.dpk as f64]);
    }
    let mut share = UptBars::single(
        "persen_pemilih",
        (
            t("WBP yang dapat memilih", "Inmates who can vote"),
            t("% WBP", "% of inmates"),
        ),
        RGBColor(46, 125, 50),
        rows,
        |r| r.share().map(|s| s * 100.0),
    );
    share.percent = true;
    let mut tps = UptBars::single(
        "tps",
        (t("TPS per UPT", "TPS per UPT"), t("TPS", "TPS")),
        RGBColor(21, 101, 192),
        rows,
        |r| planned(r).then_some(r.tps as f64),
    );
    tps.mark = Some(t("batas bawah TPS", "TPS lower bound"));
    for (row, r) in tps.rows.iter_mut().zip(rows) {
        row.2 = planned(r).then_some(r.tps_lower_bound as f64);
    }
    let mut kpps = UptBars::single(
        "kpps",
        (
            t("Anggota KPPS per UPT", "KPPS members per UPT"),
            t("orang", "people"),
        ),
        blue,
        rows,
        |_| None,
    );
    kpps.series = vec![
        (
            t("dari petugas UPT", "from UPT staff"),
            RGBColor(25, 101, 176),
        ),
        (
            t("diangkat PPS dari luar", "appointed by PPS from outside"),
            RGBColor(198, 40, 40),
        ),
    ];
    for (row, r) in kpps.rows.iter_mut().zip(rows) {
        row.1 = planned(r).then(|| vec![r.kpps as f64, r.kpps_from_outside as f64]);
    }
    let requests = UptBars::single(
        "permintaan_petugas",
        (
            t(
                "Petugas yang diminta (menit-petugas)",
                "Staff requested (officer-minutes)",
            ),
            t("menit-petugas", "officer-minutes"),
        ),
        RGBColor(198, 40, 40),
        rows,
        |r| planned(r).then_some(r.request_minutes as f64),
    );
    let follow = UptBars::single(
        "tindak_lanjut",
        (
            t("Tindak lanjut per UPT", "Follow-ups per UPT"),
            t("baris tindak lanjut", "follow-up lines"),
        ),
        RGBColor(239, 108, 0),
        rows,
        |r| planned(r).then_some(r.follow_ups as f64),
    );
    vec![voters, share, tps, kpps, requests, follow]
}

/// The whole regional report for the UPT rows of a region called `title`.
pub fn render(rows: &[UptRow], title: &str, lang: Lang) -> Result<String> {
    let rendered = charts(rows, lang)
        .iter()
        .map(|c| c.render(lang))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let heading = crate::lang::text!(
        "Rekapitulasi rencana TPS wilayah {title}",
        "Regional TPS plan summary {title}"
    )
    .get(lang)
    .to_string();
    let mut h =
        String::with_capacity(64 * 1024 + rendered.iter().map(|c| c.svg.len()).sum::<usize>());
    page_start(&mut h, lang, &heading, REGION_CSS);
    let kabkota: std::collections::BTreeSet<&str> = rows
        .iter()
        .filter(|r| !r.kabkota_code.is_empty())
        .map(|r| r.kabkota_code.as_str())
        .collect();
    let _ = write!(
        h,
        "<header>\n<h1>{}</h1>\n<p>{} UPT · {} {}</p>\n</header>\n",
        escape(&heading),
        count(rows.len() as u64, lang),
        count(kabkota.len() as u64, lang),
        tr(lang, "kab/kota", "regencies/cities"),
    );
    totals(&mut h, rows, lang);
    action_table(&mut h, rows, lang);
    for chart in &rendered {
        h.push_str(&chart_figure(&chart.id, &chart.svg, &chart.title));
        h.push('\n');
    }
    all_table(&mut h, rows, lang);
    page_end(&mut h, lang);
    Ok(h)
}

fn totals(h: &mut String, rows: &[UptRow], lang: Lang) {
    let sum = |f: fn(&UptRow) -> u64| rows.iter().map(f).sum::<u64>();
    let planned = rows.iter().filter(|r| r.status == Status::Ok).count() as u64;
    let (wbp, voters, inmates_voting) =
        (sum(|r| r.wbp), sum(|r| r.pemilih), sum(|r| r.pemilih_wbp));
    let share = if wbp > 0 {
        percent(inmates_voting as f64 / wbp as f64, lang)
    } else {
        String::new()
    };
    let (tps, bound) = (sum(|r| r.tps as u64), sum(|r| r.tps_lower_bound as u64));
    let (kpps, outside) = (sum(|r| r.kpps), sum(|r| r.kpps_from_outside));
    let (requests, minutes) = (sum(|r| r.requests), sum(|r| r.request_minutes));
    let follow = sum(|r| r.follow_ups);
    let c = |n: u64| count(n, lang);
    let cards: Vec<(&str, String, String, bool)> = vec![
        (
            tr(lang, "UPT direncanakan", "UPTs planned"),
            format!("{} / {}", c(planned), c(rows.len() as u64)),
            tr(
                lang,
                "tanpa rencana: tidak layak atau galat masukan",
                "without a plan: infeasible or input errors",
            )
            .to_string(),
            planned < rows.len() as u64,
        ),
        (
            tr(lang, "Pemilih", "Voters"),
            c(voters),
            format!(
                "DPT {} · DPTb {} · DPK {}",
                c(sum(|r| r.dpt)),
                c(sum(|r| r.dptb)),
                c(sum(|r| r.dpk))
            ),
            false,
        ),
        (
            tr(lang, "WBP yang dapat memilih", "Inmates who can vote"),
            share,
            crate::lang::text!(
                "{} dari {} WBP (UPT yang direncanakan)",
                "{} of {} inmates (UPTs planned)",
                c(inmates_voting),
                c(wbp)
            )
            .get(lang)
            .to_string(),
            false,
        ),
        (
            "TPS",
            c(tps),
            crate::lang::text!("batas bawah {}", "lower bound {}", c(bound))
                .get(lang)
                .to_string(),
            false,
        ),
        (
            "KPPS",
            c(kpps + outside),
            crate::lang::text!(
                "{} dari petugas UPT · {} diangkat PPS dari luar",
                "{} from UPT staff · {} appointed by PPS from outside",
                c(kpps),
                c(outside)
            )
            .get(lang)
            .to_string(),
            outside > 0,
        ),
        (
            tr(lang, "Permintaan petugas", "Staff requests"),
            c(requests),
            crate::lang::text!(
                "baris kekurangan.csv · {} menit-petugas",
                "kekurangan.csv lines · {} officer-minutes",
                c(minutes)
            )
            .get(lang)
            .to_string(),
            requests > 0,
        ),
        (
            tr(lang, "Tindak lanjut", "Follow-ups"),
            c(follow),
            tr(
                lang,
                "baris kpu/tindak_lanjut.csv",
                "kpu/tindak_lanjut.csv lines",
            )
            .to_string(),
            follow > 0,
        ),
        (
            tr(lang, "Kab/kota", "Regencies/cities"),
            c(rows
                .iter()
                .filter(|r| !r.kabkota_code.is_empty())
                .map(|r| r.kabkota_code.as_str())
                .collect::<std::collections::BTreeSet<_>>()
                .len() as u64),
            tr(
                lang,
                "dari facility.toml tiap UPT",
                "from each UPT's facility.toml",
            )
            .to_string(),
            false,
        ),
    ];
    h.push_str("<section class=\"kpis\">\n");
    for (label, value, note, warn) in cards {
        let _ = writeln!(
            h,
            "<div class=\"kpi{}\"><div class=\"label\">{}</div><div class=\"value\">{}</div><div class=\"note\">{}</div></div>",
            if warn { " warn" } else { "" },
            escape(label),
            escape(&value),
            escape(&note)
        );
    }
    h.push_str("</section>\n");
}

/// What a UPT must act on, in words.
fn action_text(r: &UptRow, lang: Lang) -> String {
    let c = |n: u64| count(n, lang);
    let mut parts = Vec::new();
    if r.status != Status::Ok {
        parts.push(escape(&r.note));
    }
    if r.requests > 0 {
        parts.push(
            crate::lang::text!(
                "minta petugas: {} baris, {} menit-petugas",
                "request staff: {} lines, {} officer-minutes",
                c(r.requests),
                c(r.request_minutes)
            )
            .get(lang)
            .to_string(),
        );
    }
    if r.kpps_from_outside > 0 {
        parts.push(
            crate::lang::text!(
                "{} anggota KPPS dari luar",
                "{} KPPS members from outside",
                c(r.kpps_from_outside)
            )
            .get(lang)
            .to_string(),
        );
    }
    if r.follow_ups > 0 {
        parts.push(
            crate::lang::text!(
                "{} baris tindak lanjut",
                "{} follow-up lines",
                c(r.follow_ups)
            )
            .get(lang)
            .to_string(),
        );
    }
    parts.join("; ")
}

fn action_table(h: &mut String, rows: &[UptRow], lang: Lang) {
    let order = action_order(rows);
    let _ = writeln!(
        h,
        "<section class=\"action\">\n<h2>{}</h2>\n<p class=\"order\">{}</p>",
        tr(
            lang,
            "UPT yang perlu tindakan lebih dulu",
            "UPTs that need action first"
        ),
        tr(
            lang,
            "Urutan: tanpa rencana layak, galat masukan, permintaan petugas (menit-petugas terbanyak dulu), lalu tindak lanjut saja; di dalamnya persentase WBP yang dapat memilih terendah dulu, lalu tindak lanjut terbanyak.",
            "Order: no feasible plan, input errors, staff requests (most officer-minutes first), then follow-ups only; within each, the lowest share of inmates who can vote first, then the most follow-ups.",
        )
    );
    if order.is_empty() {
        let _ = writeln!(
            h,
            "<p>{}</p>\n</section>",
            tr(
                lang,
                "Tidak ada UPT yang perlu tindakan.",
                "No UPT needs action."
            )
        );
        return;
    }
    let _ = writeln!(
        h,
        "<table>\n<thead><tr><th class=\"n\">#</th><th>UPT</th><th>{}</th><th>{}</th><th class=\"n\">{}</th><th>{}</th></tr></thead>\n<tbody>",
        tr(lang, "Kab/kota", "Regency/city"),
        tr(lang, "Status", "Status"),
        tr(lang, "WBP memilih", "Inmates voting"),
        tr(lang, "Yang perlu dilakukan", "What to do"),
    );
    for (place, i) in order.into_iter().enumerate() {
        let r = &rows[i];
        let _ = writeln!(
            h,
            "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td{}>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            place + 1,
            upt_cell(r),
            escape(&r.kabkota),
            if r.status == Status::Ok {
                ""
            } else {
                " class=\"alert\""
            },
            status_text(r.status, lang),
            share_text(r, lang),
            action_text(r, lang),
        );
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
}

fn all_table(h: &mut String, rows: &[UptRow], lang: Lang) {
    let _ = writeln!(
        h,
        "<section class=\"tables\">\n<h2>{}</h2>\n<table>\n<thead><tr><th>UPT</th><th>{}</th><th>{}</th>\
         <th class=\"n\">WBP</th><th class=\"n\">{}</th><th class=\"n\">DPT</th><th class=\"n\">DPTb</th><th class=\"n\">DPK</th>\
         <th class=\"n\">{}</th><th class=\"n\">TPS</th><th class=\"n\">KPPS</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead>\n<tbody>",
        tr(lang, "Semua UPT", "Every UPT"),
        tr(lang, "Kab/kota", "Regency/city"),
        tr(lang, "Status", "Status"),
        tr(lang, "Pemilih", "Voters"),
        tr(lang, "WBP memilih", "Inmates voting"),
        tr(lang, "Menit-petugas diminta", "Officer-minutes requested"),
        tr(lang, "Tindak lanjut", "Follow-ups"),
        tr(lang, "Urutan tindakan", "Action order"),
    );
    let c = |n: u64| count(n, lang);
    for r in rows {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td{}>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            upt_cell(r),
            escape(&r.kabkota),
            if r.status == Status::Ok {
                ""
            } else {
                " class=\"alert\""
            },
            status_text(r.status, lang),
            c(r.wbp),
            c(r.pemilih),
            c(r.dpt),
            c(r.dptb),
            c(r.dpk),
            share_text(r, lang),
            r.tps,
            c(r.kpps + r.kpps_from_outside),
            c(r.request_minutes),
            c(r.follow_ups),
            r.action.map(|a| a.to_string()).unwrap_or_default(),
        );
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_and_encoded() {
        assert_eq!(report_link("lapas-medan"), "lapas-medan/report.html");
        assert_eq!(report_link("12/rutan a&b"), "12/rutan%20a%26b/report.html");
    }
}
