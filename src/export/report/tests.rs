//! Unit tests of the report: what each section shows, and that the page fetches nothing.

use super::*;
use crate::export::charts::samples;
use crate::model::Clock;
use crate::rules::{BallotCondition, RegionalElection};
use crate::rules::{BallotType, HonorariaRules};
use chrono::NaiveDate;

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
        warnings: vec!["TPS 902: pemilih DPTb dan DPK melebihi surat suara cadangan <uji>".into()],
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
        format::count(voters as i64, Lang::Id)
    )));
    assert!(html.contains("jumlah paling sedikit yang mungkin · terbukti rencana terbaik"));
    assert!(!html.contains("status optimal"));
    // The share of WBP who can vote, people not rows for the follow-ups, the
    // escort peak within 10 % flagged, the ballots to request as one table.
    assert!(html.contains(&format!(
        "dari {} WBP dapat memilih",
        format::count(2000, Lang::Id)
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
