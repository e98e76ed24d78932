//! report.html in a real browser: headless Chromium loads the report of a realistic
//! UPT, nothing is fetched, every chart is laid out with a real size, and a screenshot
//! is kept under target/test-artefacts/ (report.html, report.png, report.pdf).
//!
//! Where no Chromium is installed the browser part says it was skipped and the test
//! passes; .ci/run installs Debian's chromium so CI always runs it.

use std::io::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use tpsplan::cli::Lang;
use tpsplan::export::charts::{
    BallotBar, BallotChart, BlockShare, ChartSet, DayChart, EscortChart, EscortSlot, LoadChart,
    MapChart, MapNode, MapPath, MapSite, SexCounts, TpsLoad, WaveBar,
};
use tpsplan::export::report::{
    self, BallotRow, FollowUpGroup, ReportData, SolverSummary, StaffSummary, TpsRow,
};
use tpsplan::model::{Clock, NodeKind};
use tpsplan::rules::load_ruleset;

mod common;
use common::chromium::{artefacts, chromium, find_chromium};

const CHART_IDS: [&str; 5] = ["beban_tps", "jadwal", "denah", "pengawal", "surat_suara"];

/// A Rutan of 36 blocks (one of them the women's block, which is also a site), about
/// 3,000 voters on 12 TPS, with the Pemilu 2024 ruleset's ballots and honoraria.
fn sample_report(lang: Lang) -> (ReportData, ChartSet) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/reference/rulesets");
    let rules = load_ruleset("pemilu-2024", Some(&dir), &[]).expect("pemilu-2024 ruleset");
    let n_tps = 12u32;
    let blocks: Vec<(String, String, u32, bool)> = (0..36)
        .map(|i| {
            let wing = ["Anggrek", "Bougenville", "Cempaka", "Dahlia"][i / 9];
            let id = format!("{}{}", &wing[..1], i % 9 + 1);
            let women = i == 35;
            let name = if women {
                "Blok Wanita".to_string()
            } else {
                format!("{wing} {}", i % 9 + 1)
            };
            (id, name, 55 + (i as u32 * 29) % 60, women)
        })
        .collect();

    // Layout: four wings of nine blocks, a corridor spine, gates and facilities.
    let mut nodes = Vec::new();
    let mut paths = Vec::new();
    for (i, (id, name, _, _)) in blocks.iter().enumerate() {
        let (wing, k) = (i / 9, i % 9);
        nodes.push(MapNode {
            id: id.clone(),
            kind: NodeKind::Blok,
            name: name.clone(),
            x: 15.0 + 28.0 * k as f64,
            y: 50.0 + 45.0 * wing as f64,
        });
        paths.push(MapPath {
            from: id.clone(),
            to: if k == 0 {
                format!("J{wing}")
            } else {
                blocks[i - 1].0.clone()
            },
            search_point: false,
        });
    }
    for wing in 0..4 {
        nodes.push(MapNode {
            id: format!("J{wing}"),
            kind: NodeKind::Lorong,
            name: format!("Lorong {wing}"),
            x: -10.0,
            y: 50.0 + 45.0 * wing as f64,
        });
        if wing > 0 {
            paths.push(MapPath {
                from: format!("J{}", wing - 1),
                to: format!("J{wing}"),
                search_point: false,
            });
        }
    }
    for (id, kind, name, x, y, link, search) in [
        (
            "AULA",
            NodeKind::Aula,
            "Aula Serbaguna",
            40.0,
            0.0,
            "J0",
            true,
        ),
        (
            "LAP",
            NodeKind::Lapangan,
            "Lapangan Upacara",
            150.0,
            0.0,
            "AULA",
            false,
        ),
        (
            "MSJ",
            NodeKind::Masjid,
            "Masjid Al-Hidayah",
            270.0,
            10.0,
            "LAP",
            false,
        ),
        (
            "GRJ",
            NodeKind::Gereja,
            "Gereja Oikumene",
            280.0,
            95.0,
            "MSJ",
            false,
        ),
        (
            "KLN",
            NodeKind::Klinik,
            "Klinik",
            280.0,
            160.0,
            "GRJ",
            false,
        ),
        ("KTR", NodeKind::Kantor, "Kantor", -40.0, 200.0, "J3", true),
        ("P2U", NodeKind::Pintu, "P2U", -60.0, 240.0, "KTR", true),
    ] {
        nodes.push(MapNode {
            id: id.to_string(),
            kind,
            name: name.to_string(),
            x,
            y,
        });
        paths.push(MapPath {
            from: id.to_string(),
            to: link.to_string(),
            search_point: search,
        });
    }

    // Registration: the women's block alone at the last TPS (at its own block), the
    // others filled in order to an even share, splitting blocks where a TPS fills up.
    let men: u32 = blocks.iter().filter(|b| !b.3).map(|b| b.2).sum();
    let target = men.div_ceil(n_tps - 1);
    let mut shares = Vec::new();
    let (mut current, mut load) = (901u32, 0u32);
    for (id, _, voters, women) in &blocks {
        if *women {
            shares.push(BlockShare {
                block: id.clone(),
                tps: 900 + n_tps,
                voters: *voters,
            });
            continue;
        }
        let mut left = *voters;
        while left > 0 {
            if load >= target && current < 900 + n_tps - 1 {
                current += 1;
                load = 0;
            }
            let take = left.min(target - load.min(target)).max(1).min(left);
            shares.push(BlockShare {
                block: id.clone(),
                tps: current,
                voters: take,
            });
            load += take;
            left -= take;
        }
    }
    let site_of = |t: u32| match t {
        901..=903 => "AULA",
        904..=907 => "LAP",
        908..=909 => "MSJ",
        910..=911 => "GRJ",
        _ => "D9",
    };
    let sites: Vec<MapSite> = (901..=900 + n_tps)
        .map(|t| MapSite {
            tps: t,
            node: site_of(t).to_string(),
        })
        .collect();

    // Loads, waves (20 voters, 4 booths, 5 minutes each) and escorts per 15 minutes.
    let mut loads: Vec<TpsLoad> = (901..=900 + n_tps)
        .map(|t| TpsLoad {
            tps: t,
            dpt: SexCounts::default(),
            dptb: SexCounts::default(),
            dpk: SexCounts::default(),
        })
        .collect();
    let mut waves = Vec::new();
    let mut clock = vec![Clock::hm(7, 0); n_tps as usize];
    for (k, s) in shares.iter().enumerate() {
        let women = blocks.iter().any(|b| b.0 == s.block && b.3);
        let t = &mut loads[(s.tps - 901) as usize];
        let dpk = if k % 4 == 0 { 0 } else { s.voters / 30 };
        let dptb = s.voters / 12;
        for (c, n) in [
            (&mut t.dpt, s.voters - dpk - dptb),
            (&mut t.dptb, dptb),
            (&mut t.dpk, dpk),
        ] {
            if women {
                c.p += n;
            } else {
                c.l += n;
            }
        }
        let mut left = s.voters;
        while left > 0 {
            let v = left.min(20);
            let i = (s.tps - 901) as usize;
            let end = clock[i].plus((v * 5).div_ceil(4) as u16);
            waves.push(WaveBar {
                tps: s.tps,
                start: clock[i],
                end,
                block: s.block.clone(),
                voters: v,
            });
            clock[i] = end;
            left -= v;
        }
    }
    let mut slots = Vec::new();
    let mut t = Clock::hm(6, 45);
    while t < Clock::hm(13, 15) {
        let end = t.plus(15);
        let needed = waves
            .iter()
            .filter(|w| {
                w.start.minutes() < end.minutes() + 10 && w.end.minutes() + 10 > t.minutes()
            })
            .map(|w| w.voters.div_ceil(rules.pengawalan.wbp_per_pengawal))
            .sum();
        slots.push(EscortSlot {
            start: t,
            end,
            needed,
            on_duty: if t < Clock::hm(7, 0) { 40 } else { 70 },
        });
        t = end;
    }

    // Tables as kpu/tps.csv and kpu/surat_suara.csv would hold them.
    let tps: Vec<TpsRow> = loads
        .iter()
        .map(|l| TpsRow {
            tps: l.tps,
            site: nodes
                .iter()
                .find(|n| n.id == site_of(l.tps))
                .map(|n| n.name.clone())
                .unwrap_or_default(),
            voters_l: l.dpt.l + l.dptb.l + l.dpk.l,
            voters_p: l.dpt.p + l.dptb.p + l.dpk.p,
            dpt: l.dpt.total(),
            dptb: l.dptb.total(),
            dpk: l.dpk.total(),
            booths: rules.tps.bilik,
            boxes: rules.tps.kotak,
            kpps: rules.kpps.jumlah,
            linmas: rules.luar.linmas_per_tps,
            ptps: rules.luar.ptps_per_tps,
            opens: rules.jam.buka,
            closes: rules.jam.tutup,
        })
        .collect();
    let mut ballots = Vec::new();
    let mut bars = Vec::new();
    for (k, kind) in rules.surat_suara.jenis.iter().enumerate() {
        let (mut v_all, mut r_all) = (0, 0);
        for row in &tps {
            // fewer voters are entitled to the regional ballots (KTP elsewhere)
            let voters = row.voters() - row.voters() * k as u32 / 12;
            let reserve = (row.dpt as f64 * rules.surat_suara.cadangan).ceil() as u32;
            ballots.push(BallotRow {
                tps: row.tps,
                code: kind.kode.clone(),
                voters,
                reserve,
            });
            v_all += voters;
            r_all += reserve;
        }
        bars.push(BallotBar::new(kind, v_all, r_all));
    }

    let set = ChartSet {
        load: LoadChart {
            tps: loads,
            cap: rules.tps.maks_pemilih,
        },
        day: DayChart {
            tps: (901..=900 + n_tps).collect(),
            waves,
            opening: rules.jam.buka,
            closing: rules.jam.tutup,
            other_places: Default::default(),
        },
        map: MapChart {
            nodes,
            paths,
            sites,
            shares,
        },
        escorts: EscortChart { slots },
        ballots: BallotChart { types: bars },
    };
    let data = ReportData {
        facility_name: "Rutan Kelas I Medan <Tanjung Gusta> & \"Blok Baru\"".to_string(),
        facility_code: "RUTAN-MDN".to_string(),
        ruleset: rules.nama.clone(),
        election_date: rules.election_date,
        scenario: None,
        solver: SolverSummary {
            status: "optimal".to_string(),
            lower_bound: n_tps,
            gap: 0.0,
        },
        tps,
        ballot_types: rules.surat_suara.jenis.clone(),
        ballots,
        staff: StaffSummary {
            kpps_chairs: n_tps * rules.kpps.ketua,
            kpps_members: n_tps * (rules.kpps.jumlah - rules.kpps.ketua),
            escorts: 58,
            searchers: 6,
        },
        honor: rules.honor.clone(),
        follow_ups: vec![
            FollowUpGroup {
                reason: "Tanpa NIK".to_string(),
                code: "tanpa_nik".to_string(),
                deadline: NaiveDate::from_ymd_opt(2024, 1, 15),
                count: 214,
            },
            FollowUpGroup {
                reason: "Perlu formulir Model A".to_string(),
                code: "perlu_model_a".to_string(),
                deadline: NaiveDate::from_ymd_opt(2024, 2, 7),
                count: 37,
            },
            FollowUpGroup {
                reason: "Bebas sebelum hari pemungutan suara".to_string(),
                code: "bebas_sebelum_hari_h".to_string(),
                deadline: None,
                count: 9,
            },
        ],
        charts: set.render_all(lang).expect("charts render"),
        warnings: Vec::new(),
        requests: Vec::new(),
        handover: false,
        inmates: 0,
        other_voters: 0,
        follow_up_people: 0,
        reserve_short: Vec::new(),
        escort_peak: None,
    };
    (data, set)
}

/// Appended to a copy of the report (never to the report itself): after load it
/// writes each chart's laid-out size and every resource the page fetched or tried to
/// fetch into the DOM, which `--dump-dom` then prints.
const PROBE: &str = r#"<script>
window.addEventListener('load', function () {
  var charts = [];
  document.querySelectorAll('svg.chart-svg').forEach(function (s) {
    var r = s.getBoundingClientRect();
    var cs = getComputedStyle(s);
    var visible = cs.display !== 'none' && cs.visibility === 'visible' && cs.opacity !== '0';
    charts.push(s.id + ':' + Math.round(r.width) + 'x' + Math.round(r.height) + ':' +
      (visible ? 'visible' : 'hidden') + ':' + s.querySelectorAll('text').length);
  });
  var fetched = performance.getEntriesByType('resource').map(function (e) { return e.name; });
  var refs = document.querySelectorAll('[src],[href],[srcset],link,img,iframe,object,embed,image,use');
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = 'CHARTS ' + charts.join(' ') + '\nFETCHED ' + fetched.length + ' ' +
    fetched.join(' ') + '\nREFERENCES ' + refs.length + '\n';
  document.body.appendChild(pre);
});
</script>"#;

struct Probe {
    charts: Vec<(String, u32, u32, bool, usize)>,
    fetched: usize,
    references: usize,
}

fn probe(bin: &Path, work: &Path, html: &str, name: &str) -> (Probe, String) {
    let page = work.join(name);
    let probed = html.replacen("</body>", &format!("{PROBE}\n</body>"), 1);
    std::fs::write(&page, probed).expect("probe page");
    let run = chromium(
        bin,
        work,
        &[
            "--window-size=1400,4000".to_string(),
            "--dump-dom".to_string(),
        ],
        &page,
    );
    let dom = run.stdout;
    let start = dom.find("<pre id=\"probe\">").unwrap_or_else(|| {
        panic!(
            "the probe did not run; DOM dump was {} bytes; stderr: {}",
            dom.len(),
            run.stderr
        )
    });
    let text = &dom[start..];
    let line = |key: &str| -> String {
        text.lines()
            .find_map(|l| l.split_once(key).map(|(_, rest)| rest.trim().to_string()))
            .unwrap_or_default()
    };
    let charts = line("CHARTS ")
        .split_whitespace()
        .map(|c| {
            let parts: Vec<&str> = c.split(':').collect();
            let (w, h) = parts[1].split_once('x').expect("WxH");
            (
                parts[0].to_string(),
                w.parse().expect("width"),
                h.parse().expect("height"),
                parts[2] == "visible",
                parts[3].parse().expect("text count"),
            )
        })
        .collect();
    let fetched = line("FETCHED ")
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("fetched count");
    let references = line("REFERENCES ").parse().expect("reference count");
    (
        Probe {
            charts,
            fetched,
            references,
        },
        dom,
    )
}

/// What a self-contained page may not contain: every way to fetch or run something.
fn fetching_references(html: &str) -> Vec<&'static str> {
    [
        "http://", "https://", "src=", "href=", "<script", "<link", "url(", "@import", "<iframe",
        "<img", "<object", "<embed",
    ]
    .into_iter()
    .filter(|bad| html.to_lowercase().contains(bad))
    .collect()
}

#[test]
fn report_html_references_nothing_outside_itself() {
    for lang in [Lang::Id, Lang::En] {
        let html = report::render(&sample_report(lang).0, lang);
        assert_eq!(fetching_references(&html), Vec::<&str>::new());
        for id in CHART_IDS {
            assert!(html.contains(&format!("<svg id=\"svg-{id}\"")), "{id}");
        }
    }
}

#[test]
fn report_loads_in_headless_chromium_with_every_chart_visible() {
    let (data, set) = sample_report(Lang::Id);
    let html = report::render(&data, Lang::Id);
    let art = artefacts();
    let charts = art.join("report-charts");
    std::fs::create_dir_all(&charts).expect("chart artefact folder");
    set.write(&charts, Lang::Id).expect("chart artefacts");
    std::fs::write(art.join("report.html"), &html).expect("artefact report.html");
    let Some(bin) = find_chromium() else {
        // straight to stderr, past the test harness's capture, so the skip shows
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED report_loads_in_headless_chromium: no Chromium found \
             (/usr/bin/chromium); install Debian's chromium package to run it"
        );
        return;
    };
    let work = tempfile::tempdir().expect("work folder");
    let page = work.path().join("report.html");
    std::fs::write(&page, &html).expect("report.html");

    // The probe itself must be able to fail: a page that fetches is caught.
    let leaky = html.replacen(
        "</body>",
        "<img alt=\"\" src=\"https://tpsplan.invalid/logo.png\">\n</body>",
        1,
    );
    let (control, _) = probe(&bin, work.path(), &leaky, "leaky.html");
    assert!(
        control.fetched >= 1 && control.references >= 1,
        "probe misses fetches"
    );

    // The real report: nothing fetched, every chart laid out at a real size.
    let (seen, dom) = probe(&bin, work.path(), &html, "probed.html");
    assert_eq!(seen.fetched, 0, "the report fetched something");
    assert_eq!(
        seen.references, 0,
        "the report references something outside itself"
    );
    let ids: Vec<&str> = seen.charts.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(
        ids,
        CHART_IDS.map(|id| format!("svg-{id}")),
        "charts in the DOM after load"
    );
    for (id, w, h, visible, texts) in &seen.charts {
        assert!(*visible, "{id} is hidden");
        assert!(*w >= 1000 && *h >= 500, "{id} is {w}x{h} px");
        // 16:9 as drawn
        assert!(
            (*w as f64 / *h as f64 - 16.0 / 9.0).abs() < 0.05,
            "{id} is {w}x{h}"
        );
        assert!(*texts >= 8, "{id} has only {texts} texts");
    }
    assert!(dom.contains("Rutan Kelas I Medan &lt;Tanjung Gusta&gt;"));

    // A screenshot to look at, and the A4 print.
    let shot = work.path().join("report.png");
    chromium(
        &bin,
        work.path(),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1400,4000".to_string(),
        ],
        &page,
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    std::fs::write(art.join("report.png"), &png).expect("artefact report.png");

    let pdf_path = work.path().join("report.pdf");
    chromium(
        &bin,
        work.path(),
        &[
            format!("--print-to-pdf={}", pdf_path.display()),
            "--no-pdf-header-footer".to_string(),
        ],
        &page,
    );
    let pdf = std::fs::read(&pdf_path).expect("pdf written");
    assert!(pdf.starts_with(b"%PDF"));
    std::fs::write(art.join("report.pdf"), &pdf).expect("artefact report.pdf");
    let text = String::from_utf8_lossy(&pdf);
    // A4 is 595 x 842 points; one page for the KPIs, one per chart, then the tables.
    let media = text
        .split("/MediaBox [")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .expect("a page size in the PDF");
    let numbers: Vec<f64> = media
        .split_whitespace()
        .map(|n| n.parse().expect("number"))
        .collect();
    assert!(
        (numbers[2] - 595.0).abs() < 2.0 && (numbers[3] - 842.0).abs() < 2.0,
        "not A4: {media}"
    );
    let pages: usize = text
        .split("/Count ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .expect("a page count in the PDF");
    assert!(pages >= 7, "{pages} pages printed");
    println!(
        "chromium: {} charts visible, screenshot {} bytes, {} A4 pages",
        seen.charts.len(),
        png.len(),
        pages
    );
}
