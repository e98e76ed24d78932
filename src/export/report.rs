//! `report.html`: one self-contained page for a Kanwil meeting: the KPIs with the
//! follow-up and honoraria summaries, every chart as inline SVG, then the TPS and
//! ballot tables, with inline CSS and nothing fetched (no scripts,
//! fonts, images, links or stylesheets from anywhere), printable on A4. The caller
//! fills [`ReportData`] from the plan and renders the charts with
//! [`super::charts::ChartSet::render_all`]. Neighbours: `charts` (the SVG strings)
//! and the plan writer (writes the string to `report.html`).

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::charts::{RenderedChart, format_count};
use crate::lang::Lang;
use crate::model::Clock;
use crate::rules::{BallotType, HonorariaRules};

/// Everything the report shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportData {
    /// UPT name (`nama` in facility.toml).
    pub facility_name: String,
    /// UPT code (`kode`).
    pub facility_code: String,
    /// Ruleset name (`pemilu-2024`).
    pub ruleset: String,
    /// Election day.
    pub election_date: NaiveDate,
    /// Scenario name, if the plan is for one.
    pub scenario: Option<String>,
    /// How good the plan is known to be.
    pub solver: SolverSummary,
    /// One row per TPS, as in `kpu/tps.csv`.
    pub tps: Vec<TpsRow>,
    /// Ballot types in the ruleset's order (`surat_suara.jenis`): table columns.
    pub ballot_types: Vec<BallotType>,
    /// One row per TPS and ballot type, as in `kpu/surat_suara.csv`.
    pub ballots: Vec<BallotRow>,
    /// Staff counts.
    pub staff: StaffSummary,
    /// Honoraria per person from the ruleset (`[honor]`).
    pub honor: HonorariaRules,
    /// Follow-ups grouped by reason (from `kpu/tindak_lanjut.csv`).
    pub follow_ups: Vec<FollowUpGroup>,
    /// The charts, in display order.
    pub charts: Vec<RenderedChart>,
    /// Warnings for the meeting (e.g. TPS whose DPTb and DPK voters exceed the reserve).
    pub warnings: Vec<String>,
    /// Staff the roster lacks, to be requested (`kekurangan.csv`), shown first.
    pub requests: Vec<crate::staffing::Request>,
    /// Written with `--serah-terima`: the folder holds `kpu-rahasia/`.
    pub handover: bool,
    /// Inmates on the roster (WBP), for the share who can vote.
    pub inmates: u32,
    /// Voters of `pemilih_lain.csv` (officers) among the voters: not WBP, so left out
    /// of the share of WBP who can vote.
    pub other_voters: u32,
    /// Inmates with at least one follow-up (people, not rows).
    pub follow_up_people: u32,
    /// Per TPS the ballots short if printed from the DPT and reserve only (DPTb and
    /// DPK voters beyond the reserve): `(tps, [(code, short)])`, TPS with none left out.
    pub reserve_short: Vec<(u32, Vec<(String, u32)>)>,
    /// The slot where escorts busy come closest to the escorts on duty: `(start,
    /// needed, on duty)`.
    pub escort_peak: Option<(Clock, u32, u32)>,
}

/// The optimiser's verdict on the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct SolverSummary {
    /// Solver status as shown (`optimal`, `batas waktu`, ...).
    pub status: String,
    /// Lower bound on the number of TPS.
    pub lower_bound: u32,
    /// Relative gap of the objective, 0.0 when proven optimal (0.005 is 0.5 %).
    pub gap: f64,
}

/// One TPS (a row of `kpu/tps.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TpsRow {
    /// `nomor_tps`.
    pub tps: u32,
    /// `lokasi`: the site's name.
    pub site: String,
    /// `pemilih_l`.
    pub voters_l: u32,
    /// `pemilih_p`.
    pub voters_p: u32,
    /// `dpt`.
    pub dpt: u32,
    /// `dptb`.
    pub dptb: u32,
    /// `dpk`.
    pub dpk: u32,
    /// `bilik`.
    pub booths: u32,
    /// `kotak`.
    pub boxes: u32,
    /// `kpps`.
    pub kpps: u32,
    /// `linmas_diminta`.
    pub linmas: u32,
    /// `ptps_diminta`.
    pub ptps: u32,
    /// `jam_buka`.
    pub opens: Clock,
    /// `jam_tutup`.
    pub closes: Clock,
}

impl TpsRow {
    /// `jumlah_pemilih`.
    pub fn voters(&self) -> u32 {
        self.voters_l + self.voters_p
    }
}

/// Ballots of one type at one TPS (a row of `kpu/surat_suara.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotRow {
    /// `nomor_tps`.
    pub tps: u32,
    /// `jenis`: the ballot code.
    pub code: String,
    /// `pemilih`.
    pub voters: u32,
    /// `cadangan`.
    pub reserve: u32,
}

/// Staff of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StaffSummary {
    /// KPPS chairs (jabatan ketua).
    pub kpps_chairs: u32,
    /// KPPS members (jabatan anggota).
    pub kpps_members: u32,
    /// Officers assigned as escorts.
    pub escorts: u32,
    /// Officers assigned as searchers.
    pub searchers: u32,
}

/// Inmates sharing one follow-up reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpGroup {
    /// The reason as a label in the report's language.
    pub reason: String,
    /// The reason code (`alasan` in `kpu/tindak_lanjut.csv`).
    pub code: String,
    /// The deadline (`batas_waktu`), if any.
    pub deadline: Option<NaiveDate>,
    /// Inmates concerned.
    pub count: u32,
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn tr(lang: Lang, id: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

fn count(n: u64, lang: Lang) -> String {
    format_count(n as i64, lang)
}

fn rupiah(n: u64, lang: Lang) -> String {
    match lang {
        Lang::Id => format!("Rp{}", count(n, lang)),
        Lang::En => format!("IDR {}", count(n, lang)),
    }
}

pub(crate) fn percent(x: f64, lang: Lang) -> String {
    let s = format!("{:.1}", x * 100.0);
    match lang {
        Lang::Id => format!("{} %", s.replace('.', ",")),
        Lang::En => format!("{s} %"),
    }
}

fn long_date(d: NaiveDate, lang: Lang) -> String {
    const ID: [&str; 12] = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let months = match lang {
        Lang::Id => ID,
        Lang::En => EN,
    };
    format!("{} {} {}", d.day(), months[d.month0() as usize], d.year())
}

pub(crate) const CSS: &str = r#"
:root { --ink: #212121; --muted: #616161; --line: #d0d7de; --band: #f3f6f9; --accent: #1565c0; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1180px; padding: 24px; color: var(--ink);
  font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 15px; line-height: 1.45; }
header h1 { margin: 0 0 4px; font-size: 28px; }
header p { margin: 0; color: var(--muted); }
h2 { font-size: 21px; margin: 28px 0 10px; }
.kpis { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; margin-top: 20px; }
.kpi { border: 1px solid var(--line); border-left: 6px solid var(--accent); border-radius: 6px;
  padding: 10px 14px; background: #fff; }
.kpi .label { color: var(--muted); font-size: 13px; text-transform: uppercase; letter-spacing: .04em; }
.kpi .value { font-size: 28px; font-weight: bold; }
.kpi .note { font-size: 13px; color: var(--muted); }
.kpi.warn { border-left-color: #c62828; }
figure.chart { margin: 24px 0 0; }
svg.chart-svg { display: block; width: 100%; height: auto; border: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 4px; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 4px 7px; text-align: left; vertical-align: top; }
th { background: var(--band); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.t { white-space: nowrap; }
tr.total td { font-weight: bold; background: var(--band); }
.chip { display: inline-block; width: 11px; height: 11px; border: 1px solid #0004;
  margin-right: 5px; vertical-align: -1px; }
.small { font-size: 12px; color: var(--muted); }
footer { margin-top: 28px; color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .kpis { grid-template-columns: repeat(3, 1fr); gap: 8px; }
  .kpi .value { font-size: 18pt; }
  figure.chart { break-before: page; page-break-before: always; break-inside: avoid;
    page-break-inside: avoid; margin: 0; }
  svg.chart-svg { width: 100%; height: auto; max-height: 250mm; border: none; }
  section.tables { break-before: page; page-break-before: always; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr, .kpi { break-inside: avoid; page-break-inside: avoid; }
}
"#;

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
    let title = match lang {
        Lang::Id => format!("Rencana TPS {}", data.facility_name),
        Lang::En => format!("TPS plan {}", data.facility_name),
    };
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        tr(lang, "id", "en"),
        escape(&title)
    );
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
        let _ = write!(
            h,
            "<figure class=\"chart\" id=\"grafik-{id}\">\n{svg}\n</figure>\n",
            id = escape(&chart.id),
            svg = inline_svg(&chart.svg, &chart.id, &chart.title),
        );
    }
    h.push_str("<section class=\"tables\">\n");
    tps_table(&mut h, data, lang);
    ballot_table(&mut h, data, lang);
    h.push_str("</section>\n");
    let _ = write!(
        h,
        "<footer>{} tpsplan {}. {}</footer>\n</body>\n</html>\n",
        tr(lang, "Dibuat dengan", "Made with"),
        env!("CARGO_PKG_VERSION"),
        tr(
            lang,
            "NIK dan NKK tidak dimuat dalam laporan ini.",
            "NIK and NKK are not included in this report.",
        )
    );
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

/// Honoraria: (role, people, per person), in the order of the table.
fn honoraria(data: &ReportData, lang: Lang) -> Vec<(&'static str, u64, u64)> {
    let linmas: u64 = data.tps.iter().map(|t| t.linmas as u64).sum();
    vec![
        (
            tr(lang, "Ketua KPPS", "KPPS chair"),
            data.staff.kpps_chairs as u64,
            data.honor.ketua_kpps,
        ),
        (
            tr(lang, "Anggota KPPS", "KPPS member"),
            data.staff.kpps_members as u64,
            data.honor.anggota_kpps,
        ),
        (tr(lang, "Linmas", "Linmas"), linmas, data.honor.linmas),
    ]
}

fn kpis(h: &mut String, data: &ReportData, lang: Lang) {
    let sum = |f: fn(&TpsRow) -> u32| data.tps.iter().map(|t| f(t) as u64).sum::<u64>();
    let (l, p) = (sum(|t| t.voters_l), sum(|t| t.voters_p));
    let (dpt, dptb, dpk) = (sum(|t| t.dpt), sum(|t| t.dptb), sum(|t| t.dpk));
    let n_tps = data.tps.len() as u64;
    let ballots: u64 = data
        .ballots
        .iter()
        .map(|b| (b.voters + b.reserve) as u64)
        .sum();
    let reserve: u64 = data.ballots.iter().map(|b| b.reserve as u64).sum();
    let kpps = (data.staff.kpps_chairs + data.staff.kpps_members) as u64;
    let (linmas, ptps) = (sum(|t| t.linmas), sum(|t| t.ptps));
    let cost: u64 = honoraria(data, lang).iter().map(|(_, n, r)| n * r).sum();
    let follow = data.follow_up_people as u64;
    let above_bound = n_tps > data.solver.lower_bound as u64;
    let others = u64::from(data.other_voters);
    let share = if data.inmates > 0 {
        (l + p).saturating_sub(others) as f64 / data.inmates as f64
    } else {
        0.0
    };

    let mut cards: Vec<(&str, String, String, bool)> = Vec::new();
    cards.push((
        tr(lang, "Pemilih", "Voters"),
        count(l + p, lang),
        format!(
            "{} · {} {} · {} {} · DPT {} · DPTb {} · DPK {}",
            match lang {
                Lang::Id => format!(
                    "{} dari {} WBP dapat memilih{}",
                    percent(share, lang),
                    count(data.inmates as u64, lang),
                    if others > 0 {
                        format!(" · ditambah {} petugas (pemilih lain)", count(others, lang))
                    } else {
                        String::new()
                    }
                ),
                Lang::En => format!(
                    "{} of {} inmates can vote{}",
                    percent(share, lang),
                    count(data.inmates as u64, lang),
                    if others > 0 {
                        format!(" · plus {} officers (other voters)", count(others, lang))
                    } else {
                        String::new()
                    }
                ),
            },
            tr(lang, "L", "men"),
            count(l, lang),
            tr(lang, "P", "women"),
            count(p, lang),
            count(dpt, lang),
            count(dptb, lang),
            count(dpk, lang)
        ),
        false,
    ));
    let lb = count(data.solver.lower_bound as u64, lang);
    cards.push((
        "TPS",
        count(n_tps, lang),
        match (lang, above_bound) {
            (Lang::Id, false) => "jumlah paling sedikit yang mungkin".to_string(),
            (Lang::Id, true) => format!(
                "paling sedikit yang mungkin {lb} TPS; aturan pemisahan, lokasi atau jam menambah sisanya"
            ),
            (Lang::En, false) => "the fewest possible".to_string(),
            (Lang::En, true) => format!(
                "the fewest possible is {lb} TPS; separation rules, sites or hours add the rest"
            ),
        } + &match lang {
            Lang::Id if data.solver.gap < 0.0005 => " · terbukti rencana terbaik".to_string(),
            Lang::Id => format!(
                " · paling jauh {} dari rencana terbaik yang mungkin",
                percent(data.solver.gap, lang)
            ),
            Lang::En if data.solver.gap < 0.0005 => " · proven the best plan".to_string(),
            Lang::En => format!(
                " · at most {} from the best possible plan",
                percent(data.solver.gap, lang)
            ),
        },
        above_bound,
    ));
    cards.push((
        tr(lang, "Surat suara", "Ballot papers"),
        count(ballots, lang),
        match lang {
            Lang::Id => format!(
                "{} jenis · termasuk cadangan {}",
                data.ballot_types.len(),
                count(reserve, lang)
            ),
            Lang::En => format!(
                "{} types · including {} reserve",
                data.ballot_types.len(),
                count(reserve, lang)
            ),
        },
        false,
    ));
    // Escorts busy within 10 % of those on duty: one absent officer delays a wave.
    let tight = data
        .escort_peak
        .filter(|(_, need, on)| *on > 0 && *need as f64 >= 0.9 * *on as f64);
    cards.push((
        tr(lang, "Petugas", "Staff"),
        count(
            kpps + (data.staff.escorts + data.staff.searchers) as u64,
            lang,
        ),
        match lang {
            Lang::Id => format!(
                "KPPS {} · pengawal {} · pemeriksa {} · diminta: Linmas {}, PTPS {}",
                count(kpps, lang),
                count(data.staff.escorts as u64, lang),
                count(data.staff.searchers as u64, lang),
                count(linmas, lang),
                count(ptps, lang)
            ),
            Lang::En => format!(
                "KPPS {} · escorts {} · searchers {} · requested: Linmas {}, PTPS {}",
                count(kpps, lang),
                count(data.staff.escorts as u64, lang),
                count(data.staff.searchers as u64, lang),
                count(linmas, lang),
                count(ptps, lang)
            ),
        } + &match (tight, lang) {
            (Some((at, need, on)), Lang::Id) => format!(
                " · puncak pengawalan {at}: {need} dari {on} pengawal bertugas (sisa kurang dari 10 %)"
            ),
            (Some((at, need, on)), Lang::En) => format!(
                " · escort peak {at}: {need} of {on} escorts on duty (less than 10 % to spare)"
            ),
            (None, _) => String::new(),
        },
        tight.is_some(),
    ));
    cards.push((
        tr(lang, "Biaya honorarium", "Honoraria cost"),
        rupiah(cost, lang),
        tr(
            lang,
            "KPPS dan Linmas, tarif dari aturan",
            "KPPS and Linmas, rates from the ruleset",
        )
        .to_string(),
        false,
    ));
    cards.push((
        tr(lang, "Tindak lanjut", "Follow-ups"),
        count(follow, lang),
        tr(
            lang,
            "WBP yang belum dapat memilih atau perlu berkas (orang)",
            "inmates who cannot vote yet or need paperwork (people)",
        )
        .to_string(),
        follow > 0,
    ));
    h.push_str("<section class=\"kpis\">\n");
    for (label, value, note, warn) in cards {
        let _ = writeln!(
            h,
            "<div class=\"kpi{}\"><div class=\"label\">{}</div><div class=\"value\">{}</div><div class=\"note\">{}</div></div>",
            if warn { " warn" } else { "" },
            escape(label),
            escape(&value),
            note
        );
    }
    h.push_str("</section>\n");
}

/// Turns a standalone SVG document into an inline `<svg>` element that scales to
/// its container: the namespace attribute (an address) and the fixed size go, the
/// viewBox stays.
pub(crate) fn inline_svg(svg: &str, id: &str, title: &str) -> String {
    let Some(start) = svg.find("<svg") else {
        return String::new();
    };
    let Some(open_end) = svg[start..].find('>').map(|i| start + i) else {
        return String::new();
    };
    let open = &svg[start..open_end];
    let view_box = attribute(open, "viewBox")
        .unwrap_or_else(|| format!("0 0 {} {}", super::charts::WIDTH, super::charts::HEIGHT));
    format!(
        "<svg id=\"svg-{}\" class=\"chart-svg\" viewBox=\"{}\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"{}\">{}",
        escape(id),
        escape(&view_box),
        escape(title),
        &svg[open_end + 1..]
    )
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let from = tag.find(&key)? + key.len();
    let len = tag[from..].find('"')?;
    Some(tag[from..from + len].to_string())
}

fn th(h: &mut String, cells: &[(&str, bool)]) {
    h.push_str("<thead><tr>");
    for (c, numeric) in cells {
        let _ = write!(
            h,
            "<th{}>{}</th>",
            if *numeric { " class=\"n\"" } else { "" },
            escape(c)
        );
    }
    h.push_str("</tr></thead>\n");
}

fn tps_table(h: &mut String, data: &ReportData, lang: Lang) {
    let _ = write!(
        h,
        "<h2>{}</h2>\n<table>\n",
        tr(lang, "TPS", "Polling stations (TPS)")
    );
    th(
        h,
        &[
            (tr(lang, "No. TPS", "TPS"), false),
            (tr(lang, "Lokasi", "Site"), false),
            ("L", true),
            ("P", true),
            (tr(lang, "Jumlah", "Total"), true),
            ("DPT", true),
            ("DPTb", true),
            ("DPK", true),
            (tr(lang, "Bilik", "Booths"), true),
            (tr(lang, "Kotak", "Boxes"), true),
            ("KPPS", true),
            ("Linmas", true),
            ("PTPS", true),
            (tr(lang, "Jam", "Hours"), false),
        ],
    );
    h.push_str("<tbody>\n");
    let mut rows: Vec<&TpsRow> = data.tps.iter().collect();
    rows.sort_by_key(|t| t.tps);
    let mut totals = [0u64; 11];
    for t in rows {
        let nums = [
            t.voters_l,
            t.voters_p,
            t.voters(),
            t.dpt,
            t.dptb,
            t.dpk,
            t.booths,
            t.boxes,
            t.kpps,
            t.linmas,
            t.ptps,
        ];
        let _ = write!(h, "<tr><td>{}</td><td>{}</td>", t.tps, escape(&t.site));
        for (total, n) in totals.iter_mut().zip(nums) {
            *total += n as u64;
            let _ = write!(h, "<td class=\"n\">{}</td>", count(n as u64, lang));
        }
        let _ = writeln!(h, "<td class=\"t\">{}–{}</td></tr>", t.opens, t.closes);
    }
    let _ = write!(
        h,
        "<tr class=\"total\"><td colspan=\"2\">{}</td>",
        tr(lang, "Jumlah", "Total")
    );
    for n in totals {
        let _ = write!(h, "<td class=\"n\">{}</td>", count(n, lang));
    }
    h.push_str("<td></td></tr>\n</tbody>\n</table>\n");
}

fn ballot_table(h: &mut String, data: &ReportData, lang: Lang) {
    let _ = write!(
        h,
        "<h2>{}</h2>\n<p class=\"small\">{}</p>\n<table>\n<thead><tr><th>{}</th>",
        tr(lang, "Surat suara per TPS", "Ballots per TPS"),
        tr(
            lang,
            "Jumlah lembar per jenis; dalam kurung: cadangan yang sudah termasuk.",
            "Papers per type; in brackets: the reserve included.",
        ),
        tr(lang, "No. TPS", "TPS"),
    );
    for b in &data.ballot_types {
        let _ = write!(
            h,
            "<th class=\"n\" title=\"{name}\"><span class=\"chip\" style=\"background:{colour}\"></span>{code}</th>",
            name = escape(&b.nama),
            colour = escape(&css_colour(&b.warna)),
            code = escape(&b.kode)
        );
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    let mut numbers: Vec<u32> = data.ballots.iter().map(|b| b.tps).collect();
    numbers.sort_unstable();
    numbers.dedup();
    let cell = |tps: Option<u32>, code: &str| -> (u64, u64) {
        data.ballots
            .iter()
            .filter(|b| b.code == code && tps.is_none_or(|t| b.tps == t))
            .fold((0, 0), |(v, r), b| {
                (v + (b.voters + b.reserve) as u64, r + b.reserve as u64)
            })
    };
    for tps in &numbers {
        let _ = write!(h, "<tr><td>{tps}</td>");
        for b in &data.ballot_types {
            let (all, reserve) = cell(Some(*tps), &b.kode);
            let _ = write!(
                h,
                "<td class=\"n\">{} <span class=\"small\">({})</span></td>",
                count(all, lang),
                count(reserve, lang)
            );
        }
        h.push_str("</tr>\n");
    }
    let _ = write!(
        h,
        "<tr class=\"total\"><td>{}</td>",
        tr(lang, "Jumlah", "Total")
    );
    for b in &data.ballot_types {
        let (all, reserve) = cell(None, &b.kode);
        let _ = write!(
            h,
            "<td class=\"n\">{} <span class=\"small\">({})</span></td>",
            count(all, lang),
            count(reserve, lang)
        );
    }
    h.push_str("</tr>\n</tbody>\n</table>\n");
}

/// A ruleset colour for a CSS value: only `#` and hex digits pass, anything else
/// becomes neutral grey (the charts report a bad colour as an error).
fn css_colour(s: &str) -> String {
    let t = s.trim();
    let ok = t.len() == 7 && t.starts_with('#') && t[1..].chars().all(|c| c.is_ascii_hexdigit());
    if ok {
        t.to_string()
    } else {
        "#9e9e9e".to_string()
    }
}

fn honor_table(h: &mut String, data: &ReportData, lang: Lang) {
    let _ = write!(
        h,
        "<h2>{}</h2>\n<table>\n",
        tr(lang, "Honorarium", "Honoraria")
    );
    th(
        h,
        &[
            (tr(lang, "Peran", "Role"), false),
            (tr(lang, "Orang", "People"), true),
            (tr(lang, "Honor per orang", "Per person"), true),
            (tr(lang, "Jumlah", "Total"), true),
        ],
    );
    h.push_str("<tbody>\n");
    let mut total = 0u64;
    for (role, people, rate) in honoraria(data, lang) {
        total += people * rate;
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(role),
            count(people, lang),
            rupiah(rate, lang),
            rupiah(people * rate, lang)
        );
    }
    let _ = write!(
        h,
        "<tr class=\"total\"><td colspan=\"3\">{}</td><td class=\"n\">{}</td></tr>\n</tbody>\n</table>\n",
        tr(lang, "Jumlah", "Total"),
        rupiah(total, lang)
    );
}

fn follow_up_table(h: &mut String, data: &ReportData, lang: Lang) {
    let _ = writeln!(
        h,
        "<h2>{}</h2>",
        tr(lang, "Ringkasan tindak lanjut", "Follow-up summary")
    );
    if data.follow_ups.is_empty() {
        let _ = writeln!(
            h,
            "<p>{}</p>",
            tr(
                lang,
                "Tidak ada WBP yang perlu ditindaklanjuti.",
                "No inmate needs a follow-up."
            )
        );
        return;
    }
    h.push_str("<table>\n");
    th(
        h,
        &[
            (tr(lang, "Alasan", "Reason"), false),
            (
                tr(lang, "Kode (tindak_lanjut.csv)", "Code (tindak_lanjut.csv)"),
                false,
            ),
            (tr(lang, "Batas waktu", "Deadline"), false),
            (tr(lang, "WBP", "Inmates"), true),
        ],
    );
    h.push_str("<tbody>\n");
    let mut total = 0u64;
    for f in &data.follow_ups {
        total += f.count as u64;
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td class=\"n\">{}</td></tr>",
            escape(&f.reason),
            escape(&f.code),
            f.deadline
                .map(|d| long_date(d, lang))
                .unwrap_or_else(|| "–".to_string()),
            count(f.count as u64, lang)
        );
    }
    let _ = write!(
        h,
        "<tr class=\"total\"><td colspan=\"3\">{}</td><td class=\"n\">{}</td></tr>\n</tbody>\n</table>\n<p class=\"note\">{}</p>\n",
        tr(lang, "Jumlah tindakan", "Actions in all"),
        count(total, lang),
        match lang {
            Lang::Id => format!(
                "{} tindakan untuk {} WBP (satu WBP dapat memiliki beberapa alasan); rincian per orang di kpu/tindak_lanjut_orang.csv.",
                count(total, lang),
                count(data.follow_up_people as u64, lang)
            ),
            Lang::En => format!(
                "{} actions for {} inmates (an inmate may have several reasons); per person in kpu/tindak_lanjut_orang.csv.",
                count(total, lang),
                count(data.follow_up_people as u64, lang)
            ),
        }
    );
}

/// The ballots to ask beyond DPT + reserve, as one table: TPS by ballot type.
fn reserve_table(h: &mut String, data: &ReportData, lang: Lang) {
    if data.reserve_short.is_empty() {
        return;
    }
    let codes: Vec<&str> = data
        .ballot_types
        .iter()
        .map(|b| b.kode.as_str())
        .filter(|c| {
            data.reserve_short
                .iter()
                .any(|(_, s)| s.iter().any(|(k, n)| k == c && *n > 0))
        })
        .collect();
    let _ = writeln!(
        h,
        "<section class=\"warnings\">\n<h2>{}</h2>\n<p>{}</p>\n<table>",
        tr(
            lang,
            "Surat suara yang perlu diminta tambahan",
            "Ballots to request beyond the standard print"
        ),
        tr(
            lang,
            "Pemilih DPTb dan DPK melebihi surat suara cadangan di TPS ini; minta KPU kab/kota menambah surat suara sejumlah ini (kpu/surat_suara.csv, kolom tambahan_diminta).",
            "DPTb and DPK voters exceed the reserve at these TPS; ask KPU kab/kota for this many more ballots (kpu/surat_suara.csv, column tambahan_diminta)."
        )
    );
    let mut head: Vec<(&str, bool)> = vec![(tr(lang, "No. TPS", "TPS"), false)];
    head.extend(codes.iter().map(|c| (*c, true)));
    th(h, &head);
    h.push_str("<tbody>\n");
    for (tps, short) in &data.reserve_short {
        let _ = write!(h, "<tr><td>{tps}</td>");
        for c in &codes {
            let n = short.iter().find(|(k, _)| k == c).map_or(0, |(_, n)| *n);
            let _ = write!(
                h,
                "<td class=\"n\">{}</td>",
                if n > 0 {
                    count(n as u64, lang)
                } else {
                    "–".into()
                }
            );
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::charts::samples;
    use crate::rules::{BallotCondition, RegionalElection};

    fn ballot_types() -> Vec<BallotType> {
        samples::pemilu_ballots()
            .into_iter()
            .map(|(kode, nama, warna)| BallotType {
                kode: kode.to_string(),
                nama: nama.to_string(),
                warna: warna.to_string(),
                syarat: BallotCondition::Selalu,
                pemilihan: RegionalElection::Nasional,
            })
            .collect()
    }

    /// A report for the large sample UPT, with hostile names.
    fn sample(lang: Lang) -> ReportData {
        let set = samples::large(40, 15);
        let tps: Vec<TpsRow> = set
            .load
            .tps
            .iter()
            .map(|t| TpsRow {
                tps: t.tps,
                site: if t.tps == 901 {
                    "Aula <Utama> & \"Serbaguna\"".to_string()
                } else {
                    format!("Lapangan {}", t.tps - 900)
                },
                voters_l: t.dpt.l + t.dptb.l + t.dpk.l,
                voters_p: t.dpt.p + t.dptb.p + t.dpk.p,
                dpt: t.dpt.total(),
                dptb: t.dptb.total(),
                dpk: t.dpk.total(),
                booths: 4,
                boxes: 5,
                kpps: 7,
                linmas: 2,
                ptps: 1,
                opens: Clock::hm(7, 0),
                closes: Clock::hm(13, 0),
            })
            .collect();
        let ballots = tps
            .iter()
            .flat_map(|t| {
                ballot_types().into_iter().map(move |b| BallotRow {
                    tps: t.tps,
                    code: b.kode,
                    voters: t.voters(),
                    reserve: (t.dpt * 2).div_ceil(100),
                })
            })
            .collect();
        ReportData {
            facility_name: "Lapas Kelas I <Cipinang> & 'Timur'".to_string(),
            facility_code: "LP-CPN".to_string(),
            ruleset: "pemilu-2024".to_string(),
            election_date: NaiveDate::from_ymd_opt(2024, 2, 14).unwrap(),
            scenario: Some("dua blok <dikunci>".to_string()),
            solver: SolverSummary {
                status: "optimal".to_string(),
                lower_bound: 15,
                gap: 0.0,
            },
            tps,
            ballot_types: ballot_types(),
            ballots,
            staff: StaffSummary {
                kpps_chairs: 15,
                kpps_members: 90,
                escorts: 62,
                searchers: 8,
            },
            honor: HonorariaRules {
                ketua_kpps: 1_200_000,
                anggota_kpps: 1_100_000,
                linmas: 750_000,
            },
            follow_ups: vec![
                FollowUpGroup {
                    reason: "Tanpa NIK".to_string(),
                    code: "tanpa_nik".to_string(),
                    deadline: NaiveDate::from_ymd_opt(2024, 1, 15),
                    count: 41,
                },
                FollowUpGroup {
                    reason: "Perlu Model A".to_string(),
                    code: "perlu_model_a <pindah>".to_string(),
                    deadline: NaiveDate::from_ymd_opt(2024, 2, 7),
                    count: 12,
                },
            ],
            charts: set.render_all(lang).expect("charts render"),
            requests: Vec::new(),
            handover: false,
            inmates: 2000,
            other_voters: 0,
            follow_up_people: 5,
            reserve_short: vec![(901, vec![("PPWP".to_string(), 3)])],
            escort_peak: Some((Clock(600), 19, 20)),
            warnings: vec![
                "TPS 902: pemilih DPTb dan DPK melebihi surat suara cadangan <uji>".into(),
            ],
        }
    }

    #[test]
    fn report_fetches_nothing_and_runs_nothing() {
        let html = render(&sample(Lang::Id), Lang::Id);
        for bad in [
            "http://", "https://", "src=", "href=", "<script", "<link", "url(", "@import", "<img",
            "<iframe",
        ] {
            assert!(!html.contains(bad), "report contains {bad}");
        }
    }

    #[test]
    fn report_inlines_every_chart_as_scalable_svg() {
        let data = sample(Lang::Id);
        let html = render(&data, Lang::Id);
        assert_eq!(data.charts.len(), 5);
        for chart in &data.charts {
            let tag = format!(
                "<svg id=\"svg-{}\" class=\"chart-svg\" viewBox=\"0 0 1600 900\"",
                chart.id
            );
            assert_eq!(html.matches(&tag).count(), 1, "{}", chart.id);
        }
        assert_eq!(html.matches("<svg").count(), 5);
        assert_eq!(html.matches("</svg>").count(), 5);
    }

    #[test]
    fn names_with_markup_characters_are_escaped() {
        let html = render(&sample(Lang::Id), Lang::Id);
        assert!(html.contains("Lapas Kelas I &lt;Cipinang&gt; &amp; &#39;Timur&#39;"));
        assert!(html.contains("Aula &lt;Utama&gt; &amp; &quot;Serbaguna&quot;"));
        assert!(html.contains("dua blok &lt;dikunci&gt;"));
        assert!(!html.contains("<Cipinang>"));
        assert!(!html.contains("<pindah memilih>"));
    }

    #[test]
    fn kpis_count_voters_tps_ballots_staff_and_honoraria() {
        let data = sample(Lang::Id);
        let html = render(&data, Lang::Id);
        let voters: u32 = data.tps.iter().map(|t| t.voters()).sum();
        assert!(html.contains(&format!(
            "<div class=\"value\">{}</div>",
            format_count(voters as i64, Lang::Id)
        )));
        assert!(html.contains("jumlah paling sedikit yang mungkin · terbukti rencana terbaik"));
        assert!(!html.contains("status optimal"));
        // The share of WBP who can vote, people not rows for the follow-ups, the
        // escort peak within 10 % flagged, the ballots to request as one table.
        assert!(html.contains(&format!(
            "dari {} WBP dapat memilih",
            format_count(2000, Lang::Id)
        )));
        assert!(html.contains("puncak pengawalan 10:00: 19 dari 20 pengawal bertugas"));
        assert!(html.contains("Surat suara yang perlu diminta tambahan"));
        assert!(html.contains("untuk 5 WBP"));
        // 15 chairs x 1.2 M + 90 members x 1.1 M + 30 Linmas x 0.75 M
        assert!(html.contains("Rp139.500.000"));
        assert!(
            html.contains("<div class=\"value\">5</div>"),
            "follow-ups: 5 people (53 actions)"
        );
        assert!(html.contains("14 Februari 2024"));
    }

    #[test]
    fn english_report_has_english_labels() {
        let html = render(&sample(Lang::En), Lang::En);
        assert!(html.contains("<html lang=\"en\">"));
        assert!(html.contains("inmates can vote"));
        assert!(html.contains("IDR 139,500,000"));
        assert!(html.contains("14 February 2024"));
        assert!(html.contains("Voters per TPS by list (DPT, DPTb, DPK) and sex"));
        assert!(html.contains("Ballots to request beyond the standard print"));
        assert!(!html.contains("Pemilih"));
        assert!(!html.contains("terdaftar"));
    }

    #[test]
    fn report_prints_on_a4_with_a_page_per_chart() {
        let html = render(&sample(Lang::Id), Lang::Id);
        assert!(html.contains("@page { size: A4"));
        assert!(html.contains("@media print"));
        assert!(html.contains("figure.chart { break-before: page"));
        assert!(html.contains("tr, .kpi { break-inside: avoid"));
        assert!(html.contains("thead { display: table-header-group; }"));
    }

    #[test]
    fn same_plan_gives_the_same_report() {
        let data = sample(Lang::Id);
        assert_eq!(render(&data, Lang::Id), render(&data, Lang::Id));
    }

    #[test]
    fn a_bad_colour_never_reaches_the_css() {
        assert_eq!(css_colour("#1e63c9"), "#1e63c9");
        assert_eq!(css_colour("red;background:url(x)"), "#9e9e9e");
    }
}
