//! What a simulation leaves behind: `OUT/simulasi/` (`simulasi.json`, `simulasi.csv`
//! with Indonesian column names, the two charts as SVG), written into a temporary
//! sibling and put in place whole like the plan folder (`plan::write_folder`); a
//! clearly delimited section of `OUT/report.html` (replaced on the next simulation,
//! the file replaced whole by a rename); and the terminal summary in the user's
//! language.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use super::charts::{FinishChart, QueueChart};
use super::model::Model;
use super::results::{Aggregate, Figures, QUEUE_STEP};
use super::service::Service;
use super::{Loaded, RunOptions};
use crate::error::{Error, Result};
use crate::export::Table;
use crate::export::charts::{self, Chart, format_count};
use crate::export::report::escape;
use crate::lang::Lang;
use crate::plan::{WriteError, io};

/// Start of the simulation section in `report.html`.
pub const REPORT_BEGIN: &str = "<!-- tpsplan simulasi: mulai -->";
/// End of the simulation section in `report.html`.
pub const REPORT_END: &str = "<!-- tpsplan simulasi: selesai -->";

/// The service-time distribution as written in `simulasi.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distribution {
    /// `lognormal_geser`, `eksponensial` or `tetap`.
    pub nama: &'static str,
    /// Mean minutes (`menit_per_pemilih`).
    pub rata2_menit: f64,
    /// Bounds (lognormal_geser).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rentang_menit: Option<[f64; 2]>,
    /// `mu` and `sigma` of the lognormal part (lognormal_geser).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mu_sigma: Option<[f64; 2]>,
}

/// The disturbances of the ruleset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disturbances {
    /// Chance of a late wave.
    pub peluang_gelombang_terlambat: f64,
    /// Minutes late.
    pub menit_terlambat: f64,
    /// Chance of an absent escort.
    pub peluang_petugas_absen: f64,
    /// Minutes to replace one.
    pub menit_ganti_petugas: f64,
}

/// The mean queue series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueueSeries {
    /// Time of the first point.
    pub mulai: String,
    /// Minutes between points.
    pub langkah_menit: f64,
    /// Per TPS (plan order), mean voters waiting at each point.
    pub tps: Vec<Vec<f64>>,
}

/// Everything `simulasi.json` holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Simulation {
    /// Always 1.
    pub schema: u32,
    /// Facility code.
    pub upt: String,
    /// Facility name.
    pub nama_upt: String,
    /// Ruleset.
    pub aturan: String,
    /// The plan's scenario (empty: none).
    pub skenario: String,
    /// The scenario the day was simulated under, when not the plan's (`--scenario`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skenario_hari: Option<String>,
    /// Days simulated.
    pub jumlah_hari: u32,
    /// Seed.
    pub benih: u64,
    /// Opening.
    pub jam_buka: String,
    /// Closing.
    pub jam_tutup: String,
    /// Minutes at the booth.
    pub waktu_layanan: Distribution,
    /// Visit minutes per voter over booth minutes.
    pub faktor_kunjungan: f64,
    /// Disturbances.
    pub gangguan: Disturbances,
    /// The whole facility.
    pub semua: Figures,
    /// Per TPS.
    pub tps: Vec<Figures>,
    /// The queue over the day.
    pub antrean_rata2: QueueSeries,
    /// The facility's finish time per day (for the chart).
    #[serde(skip)]
    pub finishes: Vec<f64>,
    /// Closing, minutes.
    #[serde(skip)]
    pub close: f64,
    /// Opening, minutes.
    #[serde(skip)]
    pub open: f64,
}

impl Simulation {
    /// The results of a simulation, ready to write.
    pub fn new(loaded: &Loaded, model: &Model, agg: &Aggregate, opts: RunOptions) -> Self {
        let r = &loaded.facility.rules;
        let s = &r.simulasi;
        let round = super::results::round;
        let waktu_layanan = match model.booth {
            Service::Fixed(m) => Distribution {
                nama: "tetap",
                rata2_menit: m,
                rentang_menit: None,
                mu_sigma: None,
            },
            Service::Exponential(m) => Distribution {
                nama: "eksponensial",
                rata2_menit: m,
                rentang_menit: None,
                mu_sigma: None,
            },
            Service::ShiftedLognormal {
                shift,
                span,
                mu,
                sigma,
                ..
            } => Distribution {
                nama: "lognormal_geser",
                rata2_menit: round(model.booth.mean(), 3),
                rentang_menit: Some([shift, shift + span]),
                mu_sigma: Some([round(mu, 4), round(sigma, 4)]),
            },
        };
        Simulation {
            schema: 1,
            upt: loaded.plan.facility.clone(),
            nama_upt: loaded.plan.facility_name.clone(),
            aturan: loaded.plan.ruleset.clone(),
            skenario: loaded.plan.inputs.scenario.clone(),
            skenario_hari: None,
            jumlah_hari: opts.runs,
            benih: opts.seed,
            jam_buka: r.jam.buka.to_string(),
            jam_tutup: r.jam.tutup.to_string(),
            waktu_layanan,
            faktor_kunjungan: round(model.visit_factor, 4),
            gangguan: Disturbances {
                peluang_gelombang_terlambat: s.peluang_gelombang_terlambat,
                menit_terlambat: s.menit_terlambat,
                peluang_petugas_absen: s.peluang_petugas_absen,
                menit_ganti_petugas: s.menit_ganti_petugas,
            },
            semua: agg.semua.clone(),
            tps: agg.tps.clone(),
            antrean_rata2: QueueSeries {
                mulai: r.jam.buka.to_string(),
                langkah_menit: QUEUE_STEP,
                tps: agg.antrean_rata2.clone(),
            },
            finishes: agg.finishes.clone(),
            close: model.close,
            open: model.open,
        }
    }

    /// The finish-time chart.
    pub fn finish_chart(&self) -> FinishChart {
        FinishChart {
            finishes: self.finishes.clone(),
            close: self.close,
            open: self.open,
            quantiles: [
                self.semua.selesai_p50_menit,
                self.semua.selesai_p90_menit,
                self.semua.selesai_p99_menit,
            ],
        }
    }

    /// The queue chart.
    pub fn queue_chart(&self) -> QueueChart {
        QueueChart {
            tps: self.tps.iter().filter_map(|f| f.nomor_tps).collect(),
            queue: self.antrean_rata2.tps.clone(),
            from: self.open,
            step: QUEUE_STEP,
            close: self.close,
        }
    }

    /// `simulasi.csv`: one row per TPS, then `semua` for the facility.
    pub fn table(&self) -> Table {
        let mut t = Table::new(
            "simulasi",
            &[
                "nomor_tps",
                "peluang_selesai_tepat_waktu",
                "selesai_p50",
                "selesai_p90",
                "selesai_p99",
                "antrean_terpanjang",
                "tunggu_terlama_menit",
                "bilik_menganggur_persen",
                "pengawal_puncak",
                "pemilih_ditolak_rata2",
            ],
        );
        for f in self.tps.iter().chain(std::iter::once(&self.semua)) {
            t.push(vec![
                f.nomor_tps
                    .map_or_else(|| "semua".to_string(), |n| n.to_string())
                    .into(),
                format!("{:.4}", f.peluang_selesai_tepat_waktu).into(),
                f.selesai_p50.clone().into(),
                f.selesai_p90.clone().into(),
                f.selesai_p99.clone().into(),
                f.antrean_terpanjang.into(),
                format!("{:.1}", f.tunggu_terlama_menit).into(),
                format!("{:.1}", f.bilik_menganggur_persen).into(),
                f.pengawal_puncak_maks.into(),
                format!("{:.2}", f.pemilih_ditolak_rata2).into(),
            ]);
        }
        t
    }
}

/// Writes `OUT/simulasi/` whole and, when `OUT/report.html` exists, its section.
pub fn write(out: &Path, sim: &Simulation, lang: Lang) -> Result<()> {
    let folder = out.join("simulasi");
    let left = crate::plan::write_folder(&folder, |dir| {
        let p = dir.join("simulasi.json");
        let mut json = serde_json::to_vec_pretty(sim)?;
        json.push(b'\n');
        std::fs::write(&p, json).map_err(io(&p))?;
        let p = dir.join("simulasi.csv");
        let f = std::fs::File::create(&p).map_err(io(&p))?;
        sim.table().write_csv(std::io::BufWriter::new(f))?;
        let chart_error = |e: charts::ChartError| WriteError::Output(e.to_string());
        charts::write_svg(
            &sim.finish_chart(),
            lang,
            &dir.join(format!("{}.svg", FinishChart::STEM)),
        )
        .map_err(chart_error)?;
        charts::write_svg(
            &sim.queue_chart(),
            lang,
            &dir.join(format!("{}.svg", QueueChart::STEM)),
        )
        .map_err(chart_error)
    })
    .map_err(|e| Error::Other(format!("{}: {e}", folder.display())))?;
    if let Some(old) = left {
        eprintln!(
            "{}",
            crate::lang::text!(
                "peringatan: hasil simulasi lama tidak dapat dihapus dan tertinggal di {} (hapus sendiri)",
                "warning: the old simulation results could not be deleted and were left in {} (delete them yourself)",
                old.display()
            )
            .get(lang)
        );
    }
    let report = out.join("report.html");
    if report.is_file() {
        add_to_report(&report, sim)?;
    }
    Ok(())
}

/// Puts the simulation section into `report.html` (in the report's own language),
/// replacing an earlier one; the file is replaced whole by a rename.
pub fn add_to_report(report: &Path, sim: &Simulation) -> Result<()> {
    let html = std::fs::read_to_string(report).map_err(|e| Error::io(report, e))?;
    let lang = if html.contains("<html lang=\"en\">") {
        Lang::En
    } else {
        Lang::Id
    };
    let section = report_section(sim, lang)?;
    let mut body = match (html.find(REPORT_BEGIN), html.find(REPORT_END)) {
        (Some(a), Some(b)) if b > a => {
            format!(
                "{}{}",
                &html[..a],
                &html[b + REPORT_END.len()..].trim_start_matches('\n')
            )
        }
        _ => html.clone(),
    };
    let at = body
        .rfind("<footer>")
        .or_else(|| body.rfind("</body>"))
        .unwrap_or(body.len());
    body.insert_str(at, &section);
    let tmp = report.with_file_name(format!(".report.html.tmp-{}", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        use std::io::Write;
        f.write_all(body.as_bytes())?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|_| std::fs::rename(&tmp, report)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(report, e));
    }
    Ok(())
}

fn pct(x: f64, lang: Lang) -> String {
    let s = format!("{:.1}", x * 100.0);
    match lang {
        Lang::Id => format!("{} %", s.replace('.', ",")),
        Lang::En => format!("{s} %"),
    }
}

use crate::lang::tr;

/// The report section: headline, a table per TPS, the two charts inline.
pub fn report_section(sim: &Simulation, lang: Lang) -> Result<String> {
    let mut h = String::new();
    let _ = writeln!(
        h,
        "{REPORT_BEGIN}\n<section class=\"simulasi\" id=\"simulasi\">"
    );
    let _ = writeln!(
        h,
        "<h2>{}</h2>\n<p>{}</p>",
        tr(
            lang,
            "Simulasi hari pemungutan suara",
            "Voting-day simulation"
        ),
        escape(&headline(sim, lang))
    );
    let head: [(&str, &str); 9] = [
        ("TPS", "TPS"),
        ("Selesai tepat waktu", "Done on time"),
        ("Selesai 50 %", "Done 50 %"),
        ("90 %", "90 %"),
        ("99 %", "99 %"),
        ("Antrean terpanjang", "Longest queue"),
        ("Tunggu terlama (menit)", "Longest wait (min)"),
        ("Bilik menganggur", "Booths idle"),
        ("Pengawal puncak", "Escorts at peak"),
    ];
    h.push_str("<table>\n<thead><tr>");
    for (i, (id, en)) in head.iter().enumerate() {
        let class = if i == 0 { "" } else { " class=\"n\"" };
        let _ = write!(h, "<th{class}>{}</th>", escape(tr(lang, id, en)));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for f in sim.tps.iter().chain(std::iter::once(&sim.semua)) {
        let name = f.nomor_tps.map_or_else(
            || tr(lang, "Semua TPS", "All TPS").to_string(),
            |n| n.to_string(),
        );
        let cells = [
            pct(f.peluang_selesai_tepat_waktu, lang),
            f.selesai_p50.clone(),
            f.selesai_p90.clone(),
            f.selesai_p99.clone(),
            format_count(f.antrean_terpanjang as i64, lang),
            format!("{:.0}", f.tunggu_terlama_menit),
            pct(f.bilik_menganggur_persen / 100.0, lang),
            format_count(f.pengawal_puncak_maks as i64, lang),
        ];
        let _ = write!(h, "<tr><td>{}</td>", escape(&name));
        for c in cells {
            let _ = write!(h, "<td class=\"n\">{}</td>", escape(&c));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
    let finish = sim.finish_chart();
    let queue = sim.queue_chart();
    for (id, title, svg) in [
        (
            FinishChart::STEM,
            finish.title(lang),
            charts::to_svg(&finish, lang),
        ),
        (
            QueueChart::STEM,
            queue.title(lang),
            charts::to_svg(&queue, lang),
        ),
    ] {
        let svg = svg.map_err(crate::error::Error::from)?;
        h.push_str(&crate::export::report::chart_figure(id, &svg, &title));
        h.push('\n');
    }
    let _ = writeln!(h, "</section>\n{REPORT_END}");
    Ok(h)
}

/// One sentence: days, chance of finishing on time, finish quantiles.
fn headline(sim: &Simulation, lang: Lang) -> String {
    let s = &sim.semua;
    let under = sim.skenario_hari.as_ref().map_or_else(String::new, |d| {
        crate::lang::text!(
            "Hari disimulasikan dengan skenario {d}, bukan skenario rencana. ",
            "The day is simulated under scenario {d}, not the plan's. "
        )
        .get(lang)
        .to_string()
    });
    let text = match lang {
        Lang::Id => format!(
            "{} hari disimulasikan (benih {}, {} menit per pemilih rata-rata): semua TPS selesai sebelum {} pada {} hari; pemilih terakhir selesai 50 % {} · 90 % {} · 99 % {}.",
            format_count(sim.jumlah_hari as i64, lang),
            sim.benih,
            format!("{}", sim.waktu_layanan.rata2_menit).replace('.', ","),
            sim.jam_tutup,
            pct(s.peluang_selesai_tepat_waktu, lang),
            s.selesai_p50,
            s.selesai_p90,
            s.selesai_p99
        ),
        Lang::En => format!(
            "{} days simulated (seed {}, {} minutes per voter on average): every TPS done by {} on {} of days; the last voter done 50 % {} · 90 % {} · 99 % {}.",
            format_count(sim.jumlah_hari as i64, lang),
            sim.benih,
            sim.waktu_layanan.rata2_menit,
            sim.jam_tutup,
            pct(s.peluang_selesai_tepat_waktu, lang),
            s.selesai_p50,
            s.selesai_p90,
            s.selesai_p99
        ),
    };
    format!("{under}{text}")
}

/// The terminal summary.
pub fn summary(sim: &Simulation, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} ({})",
        tr(
            lang,
            "Simulasi hari pemungutan suara:",
            "Voting-day simulation:"
        ),
        sim.nama_upt,
        sim.upt
    );
    let _ = writeln!(out, "  {}", headline(sim, lang));
    let _ = writeln!(
        out,
        "  {:>5}  {:>11}  {:>5}  {:>5}  {:>5}  {:>7}  {:>9}  {:>10}  {:>8}",
        "TPS",
        tr(lang, "tepat waktu", "on time"),
        "p50",
        "p90",
        "p99",
        tr(lang, "antrean", "queue"),
        tr(lang, "tunggu", "wait"),
        tr(lang, "bilik kosong", "booths idle"),
        tr(lang, "pengawal", "escorts")
    );
    for f in sim.tps.iter().chain(std::iter::once(&sim.semua)) {
        let name = f
            .nomor_tps
            .map_or_else(|| tr(lang, "semua", "all").to_string(), |n| n.to_string());
        let _ = writeln!(
            out,
            "  {:>5}  {:>11}  {:>5}  {:>5}  {:>5}  {:>7}  {:>9}  {:>10}  {:>8}",
            name,
            pct(f.peluang_selesai_tepat_waktu, lang),
            f.selesai_p50,
            f.selesai_p90,
            f.selesai_p99,
            f.antrean_terpanjang,
            format!("{:.0} {}", f.tunggu_terlama_menit, tr(lang, "mnt", "min")),
            pct(f.bilik_menganggur_persen / 100.0, lang),
            f.pengawal_puncak_maks
        );
    }
    if let Some(worst) = sim
        .tps
        .iter()
        .filter(|f| f.peluang_selesai_tepat_waktu < 0.95)
        .min_by(|a, b| {
            a.peluang_selesai_tepat_waktu
                .total_cmp(&b.peluang_selesai_tepat_waktu)
        })
    {
        let n = worst.nomor_tps.unwrap_or_default();
        let _ = writeln!(
            out,
            "  {}",
            crate::lang::text!(
                "perhatian: TPS {n} selesai tepat waktu hanya pada {} hari; `tpsplan plan --andal 0.95` merencanakan dengan cadangan waktu",
                "attention: TPS {n} is done on time on only {} of days; `tpsplan plan --andal 0.95` plans with slack",
                pct(worst.peluang_selesai_tepat_waktu, lang)
            ).get(lang)
        );
    }
    out
}
