//! The comparison as rows (one figure, one value per plan), shown as an aligned table
//! on the terminal and written as `banding.csv`. CSV keys and the CSV's block
//! descriptions are Indonesian whatever `--lang`, so the file is the same bytes for
//! the same plans; the terminal and the HTML follow `--lang`.

use std::io::Write;

use crate::export::charts::format_count;
use crate::lang::{Lang, Text, text};

use super::Comparison;

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A count.
    Int(i64),
    /// Anything else, as shown.
    Text(String),
}

impl Value {
    pub(crate) fn show(&self, lang: Lang) -> String {
        match self {
            Value::Int(n) => format_count(*n, lang),
            Value::Text(s) => s.clone(),
        }
    }

    fn csv(&self) -> String {
        match self {
            Value::Int(n) => n.to_string(),
            Value::Text(s) => s.clone(),
        }
    }
}

/// One figure across the plans.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// CSV key (`tps`, `surat_suara_PPWP`, ...).
    pub key: String,
    /// Label in both languages.
    pub label: Text,
    /// One value per plan.
    pub values: Vec<Value>,
}

impl Row {
    /// Whether the plans differ in this figure.
    pub fn differs(&self) -> bool {
        self.values.windows(2).any(|w| w[0] != w[1])
    }
}

fn row(key: impl Into<String>, label: Text, values: Vec<Value>) -> Row {
    Row {
        key: key.into(),
        label,
        values,
    }
}

/// The rows of the comparison, in the order shown.
pub fn rows(c: &Comparison) -> Vec<Row> {
    let f = &c.plans;
    let int = |get: &dyn Fn(&super::Figures) -> i64| -> Vec<Value> {
        f.iter().map(|p| Value::Int(get(p))).collect()
    };
    let txt = |get: &dyn Fn(&super::Figures) -> String| -> Vec<Value> {
        f.iter().map(|p| Value::Text(get(p))).collect()
    };
    // No waves or no scenario: left empty (a leading '-' would be neutralised in the CSV).
    let clock = |c: Option<crate::model::Clock>| c.map_or(String::new(), |c| c.to_string());
    let mut out = vec![
        row(
            "upt",
            text!("UPT", "Facility"),
            txt(&|p| p.facility.clone()),
        ),
        row(
            "skenario",
            text!("Skenario", "Scenario"),
            txt(&|p| p.scenario.clone()),
        ),
        row(
            "aturan",
            text!("Aturan", "Ruleset"),
            txt(&|p| p.ruleset.clone()),
        ),
        row(
            "pemilih",
            text!("Pemilih", "Voters"),
            int(&|p| p.voters.into()),
        ),
    ];
    for cat in crate::model::Category::ALL {
        out.push(row(
            format!("pemilih_{}", cat.as_str().to_lowercase()),
            text!("  {}", "  {}", cat.as_str()),
            int(&|p| p.by_category.get(cat).copied().unwrap_or(0).into()),
        ));
    }
    if f.iter().all(|p| p.by_sex.is_some()) {
        out.push(row(
            "pemilih_l",
            text!("  laki-laki", "  men"),
            int(&|p| p.by_sex.map_or(0, |s| s.0).into()),
        ));
        out.push(row(
            "pemilih_p",
            text!("  perempuan", "  women"),
            int(&|p| p.by_sex.map_or(0, |s| s.1).into()),
        ));
    }
    out.push(row("tps", text!("TPS", "TPS"), int(&|p| p.tps.into())));
    out.push(row(
        "tps_batas_bawah",
        text!("TPS batas bawah", "TPS lower bound"),
        int(&|p| p.tps_lower_bound.into()),
    ));
    out.push(row(
        "surat_suara",
        text!(
            "Surat suara (dengan cadangan)",
            "Ballots (reserve included)"
        ),
        int(&|p| p.ballots.iter().map(|b| i64::from(b.1)).sum()),
    ));
    for code in &c.ballot_codes {
        out.push(row(
            format!("surat_suara_{code}"),
            text!("  {code}", "  {code}"),
            int(&|p| {
                p.ballots
                    .iter()
                    .find(|b| &b.0 == code)
                    .map_or(0, |b| b.1.into())
            }),
        ));
    }
    out.extend([
        row(
            "kpps",
            text!("KPPS dari UPT", "KPPS from the UPT"),
            int(&|p| p.kpps.into()),
        ),
        row(
            "kpps_dari_luar",
            text!("KPPS dari luar (diminta)", "KPPS from outside (requested)"),
            int(&|p| p.kpps_outside.into()),
        ),
        row(
            "pengawal_puncak",
            text!("Pengawal pada puncak", "Escorts at peak"),
            int(&|p| p.escort_peak.escorts.into()),
        ),
        row(
            "pengawal_puncak_pukul",
            text!("  puncak pukul", "  peak at"),
            txt(&|p| clock(p.escort_peak.at)),
        ),
        row(
            "permintaan_petugas",
            text!("Permintaan petugas (baris)", "Staff requests (lines)"),
            int(&|p| p.requests.into()),
        ),
        row(
            "permintaan_menit_petugas",
            text!("  menit-petugas diminta", "  officer-minutes requested"),
            int(&|p| p.request_minutes as i64),
        ),
        row(
            "gelombang",
            text!("Gelombang", "Waves"),
            int(&|p| p.waves.into()),
        ),
        row(
            "gelombang_terakhir_selesai",
            text!("Gelombang terakhir selesai", "Last wave ends"),
            txt(&|p| clock(p.last_end)),
        ),
        row(
            "tindak_lanjut",
            text!("Tindak lanjut (baris)", "Follow-ups (lines)"),
            int(&|p| p.follow_ups.into()),
        ),
    ]);
    if f.iter().all(|p| p.follow_up_people.is_some()) {
        out.push(row(
            "tindak_lanjut_orang",
            text!("  WBP", "  inmates"),
            int(&|p| p.follow_up_people.unwrap_or(0).into()),
        ));
    }
    out.push(row(
        "menit_jalan",
        text!(
            "Menit jalan (pemilih x menit, sekali jalan)",
            "Walking minutes (voters x minutes, one way)"
        ),
        int(&|p| p.walk_minutes.round() as i64),
    ));
    if let Some(changed) = &c.changed_from_first {
        out.push(row(
            "blok_beda_dari_pertama",
            text!(
                "Blok berbeda dari rencana pertama",
                "Blocks unlike the first plan"
            ),
            changed.iter().map(|n| Value::Int(i64::from(*n))).collect(),
        ));
    }
    out
}

/// The aligned terminal table (a `*` marks the figures that differ), then the blocks
/// that differ.
pub fn terminal(c: &Comparison, rows: &[Row], lang: Lang) -> String {
    let label_w = rows
        .iter()
        .map(|r| r.label.get(lang).chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let widths: Vec<usize> = (0..c.labels.len())
        .map(|i| {
            rows.iter()
                .map(|r| r.values[i].show(lang).chars().count())
                .chain(std::iter::once(c.labels[i].chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let pad = |s: &str, w: usize, right: bool| {
        let n = w.saturating_sub(s.chars().count());
        if right {
            format!("{}{s}", " ".repeat(n))
        } else {
            format!("{s}{}", " ".repeat(n))
        }
    };
    let mut out = String::new();
    out += &pad("", label_w, false);
    for (l, w) in c.labels.iter().zip(&widths) {
        out += &format!("  {}", pad(l, *w, true));
    }
    out += "\n";
    for r in rows {
        let mark = if r.differs() { "* " } else { "  " };
        out += &format!("{mark}{}", pad(r.label.get(lang), label_w - 2, false));
        for (v, w) in r.values.iter().zip(&widths) {
            out += &format!("  {}", pad(&v.show(lang), *w, true));
        }
        out += "\n";
    }
    out += match lang {
        Lang::Id => "* = berbeda antarrencana\n",
        Lang::En => "* = differs between the plans\n",
    };
    match &c.blocks {
        None => {
            out += match lang {
                Lang::Id => {
                    "Beda per blok tidak dibandingkan: rencana dari UPT yang berbeda (blok UPT lain tidak sama)\n"
                }
                Lang::En => {
                    "Blocks not compared: the plans are of different facilities (their blocks are not the same)\n"
                }
            }
        }
        Some(d) => {
            out += crate::lang::text!(
                "\nBeda per blok: {} blok berbeda, {} blok sama di semua rencana\n",
                "\nBlocks: {} differ, {} the same in every plan\n",
                d.differ.len(),
                d.same
            )
            .get(lang);
            let w = c
                .labels
                .iter()
                .map(|l| l.chars().count())
                .max()
                .unwrap_or(0);
            for (block, views) in &d.differ {
                out += &format!("{block}\n");
                for (l, v) in c.labels.iter().zip(views) {
                    out += &format!("  {}  {}\n", pad(l, w, false), v.describe(lang));
                }
            }
        }
    }
    out
}

/// `banding.csv`: `bagian,butir,<one column per plan>,beda` (UTF-8 with BOM, CRLF, text
/// neutralised like every CSV of tpsplan): section `ringkasan` with every figure, then
/// section `blok` with each block that differs (its TPS and times per plan).
pub fn write_csv<W: Write>(out: W, c: &Comparison, rows: &[Row]) -> csv::Result<()> {
    let mut out = out;
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let cell = |s: &str| crate::export::neutralise(s).into_owned();
    let mut header = vec!["bagian".to_string(), "butir".to_string()];
    header.extend(c.labels.iter().map(|l| cell(l)));
    header.push("beda".into());
    w.write_record(&header)?;
    let yes_no = |b: bool| if b { "ya" } else { "tidak" }.to_string();
    for r in rows {
        let mut rec = vec!["ringkasan".to_string(), r.key.clone()];
        rec.extend(r.values.iter().map(|v| cell(&v.csv())));
        rec.push(yes_no(r.differs()));
        w.write_record(&rec)?;
    }
    if let Some(d) = &c.blocks {
        let mut rec = vec!["ringkasan".to_string(), "blok_sama".to_string()];
        rec.extend(c.labels.iter().map(|_| d.same.to_string()));
        rec.push(yes_no(false));
        w.write_record(&rec)?;
        for (block, views) in &d.differ {
            let mut rec = vec!["blok".to_string(), cell(block)];
            rec.extend(views.iter().map(|v| cell(&v.describe(Lang::Id))));
            rec.push(yes_no(true));
            w.write_record(&rec)?;
        }
    }
    w.flush()?;
    Ok(())
}
