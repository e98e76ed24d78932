//! The tables of the report: TPS, ballots, honoraria, follow-ups and the ballots to
//! ask beyond the reserve.

use std::fmt::Write as _;

use super::*;

pub(super) fn tps_table(h: &mut String, data: &ReportData, lang: Lang) {
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

pub(super) fn ballot_table(h: &mut String, data: &ReportData, lang: Lang) {
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

pub(super) fn honor_table(h: &mut String, data: &ReportData, lang: Lang) {
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

pub(super) fn follow_up_table(h: &mut String, data: &ReportData, lang: Lang) {
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
        crate::lang::text!(
            "{} tindakan untuk {} WBP (satu WBP dapat memiliki beberapa alasan); rincian per orang di kpu/tindak_lanjut_orang.csv.",
            "{} actions for {} inmates (an inmate may have several reasons); per person in kpu/tindak_lanjut_orang.csv.",
            count(total, lang),
            count(data.follow_up_people as u64, lang)
        )
        .get(lang)
    );
}

/// The ballots to ask beyond DPT + reserve, as one table: TPS by ballot type.
pub(super) fn reserve_table(h: &mut String, data: &ReportData, lang: Lang) {
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
