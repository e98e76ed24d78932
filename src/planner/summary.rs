//! What `tpsplan plan` says about a planned facility: the short summary, the staff
//! requests (heading and one line each) and the refusal under `--ketat`. Strings only;
//! the command layer prints them.

use std::collections::BTreeSet;

use crate::lang::Lang;
use crate::model::Nip;
use crate::planned::Planned;

/// The short summary `tpsplan plan` prints for a facility.
pub fn summary(p: &Planned, lang: Lang) -> String {
    let s = &p.plan.solver;
    let en = lang == Lang::En;
    let staffing = p.plan.staffing.as_ref();
    let kpps = staffing.map(|s| s.kpps.len()).unwrap_or(0);
    let escorts: BTreeSet<&Nip> = staffing
        .into_iter()
        .flat_map(|s| &s.assignments)
        .filter(|a| a.peran == "pengawal")
        .map(|a| &a.nip)
        .collect();
    let finish = p
        .plan
        .waves
        .iter()
        .map(|w| w.end)
        .max()
        .map(|c| c.to_string())
        .unwrap_or_else(|| "-".into());
    let mut out = String::new();
    use std::fmt::Write as _;
    let _ = writeln!(out, "{} ({})", p.plan.facility_name, p.plan.facility);
    // Officers of pemilih_lain.csv vote too, but are not WBP: shown apart.
    let others = p.voters.iter().filter(|v| v.other).count();
    let officers = match (others, en) {
        (0, _) => String::new(),
        (n, false) => format!(" + {n} pemilih lain"),
        (n, true) => format!(" + {n} other voters"),
    };
    let _ = writeln!(
        out,
        "  {} {}{officers} / {} {}; TPS {} ({} {}); {} {}",
        if en { "voters" } else { "pemilih" },
        p.voters.len() - others,
        if en { "inmates" } else { "WBP" },
        p.facility.inmates.len(),
        s.tps,
        if en { "lower bound" } else { "batas bawah" },
        s.tps_lower_bound,
        if en {
            "last wave ends"
        } else {
            "gelombang terakhir selesai"
        },
        finish
    );
    let _ = writeln!(
        out,
        "  {} {}; {} {:.1}; {} {:.1}; gap {:.2} %; {:.2} s",
        if en { "solver" } else { "penyelesaian" },
        if en {
            s.status.label_en()
        } else {
            s.status.label()
        },
        if en { "objective" } else { "objektif" },
        s.objective,
        if en { "bound" } else { "batas" },
        s.lower_bound,
        s.gap * 100.0,
        p.seconds
    );
    if !p.plan.penyesuaian.is_empty() {
        let n = p.plan.penyesuaian.len();
        let _ = writeln!(
            out,
            "  {}",
            if en {
                format!("penyesuaian.csv: {n} hand edits honoured")
            } else {
                format!("penyesuaian.csv: {n} penyesuaian dipatuhi")
            }
        );
    }
    let _ = writeln!(
        out,
        "  KPPS {kpps}; {} {}; {} {}; {} {}",
        if en { "escorts" } else { "pengawal" },
        escorts.len(),
        if en { "waves" } else { "gelombang" },
        p.plan.waves.len(),
        if en { "follow-ups" } else { "tindak lanjut" },
        p.follow_ups.len()
    );
    if let Some(changes) = &p.changes {
        out.push_str(&crate::stable::summary(changes, lang));
    }
    if let Some(n) = p.facility.info.tps_count {
        let _ = writeln!(
            out,
            "  {}",
            crate::lang::text!(
                "jumlah TPS ditetapkan KPU: {n}",
                "TPS count fixed by KPU: {n}"
            )
            .get(lang)
        );
    }
    if !p.plan.kekurangan.is_empty() {
        let _ = writeln!(out, "  {}", requests_heading(p, lang));
        if p.requests_after_time_limit {
            let _ = writeln!(
                out,
                "  {}",
                match lang {
                    Lang::Id =>
                        "catatan: rencana tanpa permintaan dicari sampai seperempat --time-limit tanpa hasil; --time-limit yang lebih panjang mungkin mengurangi permintaan",
                    Lang::En =>
                        "note: a plan without requests was searched for a quarter of --time-limit without success; a longer --time-limit may need fewer requests",
                }
            );
        }
        let lines = request_lines(p, lang);
        const SHOWN: usize = 8;
        for line in lines.iter().take(SHOWN) {
            let _ = writeln!(out, "    {line}");
        }
        if lines.len() > SHOWN {
            let _ = writeln!(
                out,
                "    {}",
                crate::lang::text!(
                    "... {} lagi di kekurangan.csv",
                    "... {} more in kekurangan.csv",
                    lines.len() - SHOWN
                )
                .get(lang)
            );
        }
    }
    if !p.reserve.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            if en {
                format!(
                    "warning: at {} TPS the DPTb and DPK voters exceed the reserve ballots; ask KPU kab/kota for ballots for every DPTb and DPK voter (details in report.html):",
                    p.reserve.len()
                )
            } else {
                format!(
                    "peringatan: di {} TPS pemilih DPTb dan DPK melebihi surat suara cadangan; minta KPU kab/kota menambah surat suara sejumlah pemilih DPTb dan DPK (rincian di report.html):",
                    p.reserve.len()
                )
            }
        );
        for w in &p.reserve {
            let _ = writeln!(out, "    {}", w.short_line(lang));
        }
    }
    out
}

/// "peringatan: petugas UPT tidak cukup; 9 permintaan di kekurangan.csv:".
fn requests_heading(p: &Planned, lang: Lang) -> String {
    let n = p.plan.kekurangan.len();
    // The most asked for at once, per role (KPPS: over all TPS).
    let mut peak: std::collections::BTreeMap<&str, u32> = Default::default();
    for q in &p.plan.kekurangan {
        let e = peak.entry(q.peran.as_str()).or_default();
        *e = if q.peran == "kpps" {
            *e + q.jumlah
        } else {
            (*e).max(q.jumlah)
        };
    }
    let most = peak
        .iter()
        .map(|(role, n)| match (lang, *role) {
            (Lang::Id, "kpps") => format!("{n} anggota KPPS dari luar"),
            (Lang::Id, role) => format!("{n} {}", role.replace('_', " ")),
            (Lang::En, "kpps") => format!("{n} KPPS members from outside"),
            (Lang::En, "pengawal") => format!("{n} escorts"),
            (Lang::En, "pengawal_kunjungan") => format!("{n} visit escorts"),
            (Lang::En, "pemeriksa") => format!("{n} searchers"),
            (Lang::En, role) => format!("{n} {role}"),
        })
        .collect::<Vec<_>>()
        .join(", ");
    crate::lang::text!(
        "peringatan: petugas UPT tidak mencukupi; rencana tetap dibuat dengan {n} permintaan petugas (paling banyak sekaligus: {most}; kekurangan.csv):",
        "warning: the UPT's roster falls short; the plan stands with {n} staff requests (most at once: {most}; kekurangan.csv):"
    ).get(lang).to_string()
}

/// One short line per request, in the run's language.
fn request_lines(p: &Planned, lang: Lang) -> Vec<String> {
    p.plan
        .kekurangan
        .iter()
        .map(|q| {
            let women = q.jenis_kelamin == "P";
            match (q.peran.as_str(), lang) {
                ("kpps", Lang::Id) => format!(
                    "TPS {}: {} anggota KPPS diangkat PPS dari luar UPT{}",
                    q.nomor_tps.unwrap_or(0),
                    q.jumlah,
                    q.tindakan
                        .split_once("; petugas UPT: ")
                        .map(|(_, why)| format!(" (petugas UPT: {why})"))
                        .unwrap_or_default()
                ),
                ("kpps", Lang::En) => format!(
                    "TPS {}: {} KPPS members to be appointed by PPS from outside the UPT",
                    q.nomor_tps.unwrap_or(0),
                    q.jumlah
                ),
                (role, Lang::Id) => format!(
                    "{} {}-{}: {} orang{}",
                    role.replace('_', " "),
                    q.mulai,
                    q.selesai,
                    q.jumlah,
                    if women { " perempuan" } else { "" }
                ),
                (role, Lang::En) => format!(
                    "{} {}-{}: {}{}",
                    match role {
                        "pengawal" => "escorts",
                        "pengawal_kunjungan" => "visit escorts",
                        "pemeriksa" => "searchers",
                        other => other,
                    },
                    q.mulai,
                    q.selesai,
                    q.jumlah,
                    if women { " women" } else { "" }
                ),
            }
        })
        .collect()
}

/// Why `--ketat` refuses a plan with requests.
pub fn strict_refusal(p: &Planned, lang: Lang) -> String {
    let lines = request_lines(p, lang).join("; ");
    crate::lang::text!(
        "--ketat: petugas UPT tidak cukup, rencana tidak ditulis: {lines}",
        "--ketat: the roster falls short, no plan written: {lines}"
    )
    .get(lang)
    .to_string()
}
