//! Issue 16, item 4: the Kanwil view. The kanwil-sumut preset (40 UPTs) planned as a
//! region: `ringkasan.csv`'s columns agree with each UPT's plan.json and inputs, the
//! action order holds, and the regional `report.html` loads in headless Chromium with
//! every chart laid out at a real size, nothing fetched, and every link to a UPT's
//! report pointing at a file that exists. Artefacts are kept in target/test-artefacts/
//! (region-report.html, region-report.png).
//!
//! Where no Chromium is installed the browser part says it was skipped; the rest runs.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tpsplan::generate::{Preset, generate};

mod common;
use common::chromium::{artefacts, chromium, find_chromium};

/// The regional charts, in the order of the report.
const CHART_IDS: [&str; 6] = [
    "pemilih",
    "persen_pemilih",
    "tps",
    "kpps",
    "permintaan_petugas",
    "tindak_lanjut",
];

/// Added to a copy of the report placed where the report is (so relative links
/// resolve the same): after load it writes each chart's laid-out size and text count,
/// what the page fetched, the references that are not links to pages, and every link's
/// resolved address into the DOM, which `--dump-dom` prints.
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
  var refs = Array.prototype.filter.call(
    document.querySelectorAll('[src],[href],[srcset],link,img,iframe,object,embed,image,use'),
    function (e) { return e.tagName !== 'A'; });
  var links = Array.prototype.map.call(document.querySelectorAll('a[href]'),
    function (a) { return a.href; });
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = 'CHARTS ' + charts.join(' ') + '\nFETCHED ' + fetched.length + ' ' +
    fetched.join(' ') + '\nREFERENCES ' + refs.length + '\nLINKS ' + links.join(' ') + '\n';
  document.body.appendChild(pre);
});
</script>"#;

struct Probe {
    charts: Vec<(String, u32, u32, bool, usize)>,
    fetched: usize,
    references: usize,
    links: Vec<String>,
}

fn probe(bin: &Path, work: &Path, page: &Path, html: &str) -> Probe {
    std::fs::write(
        page,
        html.replacen("</body>", &format!("{PROBE}\n</body>"), 1),
    )
    .expect("probe page");
    let dom = chromium(
        bin,
        work,
        &[
            "--window-size=1400,4000".to_string(),
            "--dump-dom".to_string(),
        ],
        page,
    )
    .stdout;
    let start = dom
        .find("<pre id=\"probe\">")
        .unwrap_or_else(|| panic!("the probe did not run; DOM dump {} bytes", dom.len()));
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
    Probe {
        charts,
        fetched: line("FETCHED ")
            .split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .expect("fetched count"),
        references: line("REFERENCES ").parse().expect("reference count"),
        links: line("LINKS ")
            .split_whitespace()
            .map(str::to_string)
            .collect(),
    }
}

/// The width and height of the viewBox of the inline SVG with this id.
fn view_box(html: &str, id: &str) -> (f64, f64) {
    let start = html
        .find(&format!("<svg id=\"{id}\""))
        .unwrap_or_else(|| panic!("{id} in the report"));
    let rest = &html[start..];
    let vb = rest
        .split("viewBox=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a viewBox");
    let n: Vec<f64> = vb.split_whitespace().map(|v| v.parse().unwrap()).collect();
    (n[2], n[3])
}

/// `file:///a/b%20c/report.html` as a path.
fn file_url_path(url: &str) -> PathBuf {
    let raw = url.strip_prefix("file://").expect("a file link");
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("hex");
            out.push(u8::from_str_radix(hex, 16).expect("percent escape"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    PathBuf::from(String::from_utf8(out).expect("utf-8 path"))
}

/// `ringkasan.csv` as rows of column -> value.
fn summary_rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).expect("ringkasan.csv");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Data rows of a CSV input file (0 when it is absent).
fn data_rows(path: &Path) -> u64 {
    std::fs::read_to_string(path)
        .map(|t| t.lines().skip(1).filter(|l| !l.trim().is_empty()).count() as u64)
        .unwrap_or(0)
}

fn minutes(clock: &serde_json::Value) -> u64 {
    let s = clock.as_str().expect("HH:MM");
    let (h, m) = s.split_once(':').expect("HH:MM");
    h.parse::<u64>().unwrap() * 60 + m.parse::<u64>().unwrap()
}

/// Checks one planned UPT's row against its plan.json and inputs.
fn check_row(row: &BTreeMap<String, String>, input: &Path, plan: &serde_json::Value) {
    let upt = &row["upt"];
    let n = |col: &str| -> u64 {
        row[col]
            .parse()
            .unwrap_or_else(|_| panic!("{upt}: {col} = {:?}", row[col]))
    };
    let tps = plan["tps"].as_array().expect("tps");
    let mut by_list: BTreeMap<&str, u64> = BTreeMap::new();
    for t in tps {
        for v in t["voters"].as_array().expect("voters") {
            *by_list.entry(v["category"].as_str().unwrap()).or_default() += 1;
        }
    }
    let get = |k: &str| by_list.get(k).copied().unwrap_or(0);
    assert_eq!(n("tps"), tps.len() as u64, "{upt}: tps");
    assert_eq!(n("dpt"), get("DPT"), "{upt}: dpt");
    assert_eq!(n("dptb"), get("DPTb"), "{upt}: dptb");
    assert_eq!(n("dpk"), get("DPK"), "{upt}: dpk");
    assert_eq!(
        n("pemilih"),
        n("dpt") + n("dptb") + n("dpk"),
        "{upt}: pemilih"
    );
    let wbp = data_rows(&input.join("inmates.csv"));
    assert_eq!(n("wbp"), wbp, "{upt}: wbp");
    let others = data_rows(&input.join("pemilih_lain.csv"));
    assert_eq!(
        n("pemilih_wbp"),
        n("pemilih") - others,
        "{upt}: pemilih_wbp"
    );
    let share: f64 = row["persen_pemilih_wbp"].parse().expect("persen");
    assert!(
        (share - 100.0 * n("pemilih_wbp") as f64 / wbp as f64).abs() < 0.006,
        "{upt}: persen {share}"
    );
    let requests = plan["kekurangan"].as_array().expect("kekurangan");
    assert_eq!(n("permintaan_petugas"), requests.len() as u64, "{upt}");
    let officer_minutes: u64 = requests
        .iter()
        .map(|r| r["jumlah"].as_u64().unwrap() * (minutes(&r["selesai"]) - minutes(&r["mulai"])))
        .sum();
    assert_eq!(n("menit_petugas_diminta"), officer_minutes, "{upt}");
    let outside: u64 = requests
        .iter()
        .filter(|r| r["peran"] == "kpps")
        .map(|r| r["jumlah"].as_u64().unwrap())
        .sum();
    assert_eq!(n("kpps_dari_luar"), outside, "{upt}");
    let seats = plan["staffing"]["kpps"].as_array().expect("kpps").len() as u64;
    assert_eq!(n("kpps"), seats, "{upt}: kpps");
    // kab/kota from the UPT's own region code in facility.toml.
    let toml = std::fs::read_to_string(input.join("facility.toml")).expect("facility.toml");
    let code = toml
        .lines()
        .find_map(|l| l.strip_prefix("kode_wilayah = \""))
        .and_then(|r| r.split('"').next())
        .expect("kode_wilayah");
    assert_eq!(row["kode_kabkota"], code[..5], "{upt}: kode_kabkota");
    assert!(!row["kabkota"].is_empty(), "{upt}: kabkota");
    assert_eq!(row["status"], "ok");
}

#[test]
fn kanwil_sumut_region_summary_and_report_in_headless_chromium() {
    let dir = tempfile::tempdir().expect("temp folder");
    let region = dir.path().join("kanwil-sumut");
    generate(Preset::KanwilSumut, 7, &region).expect("preset generated");
    let out = dir.path().join("rencana");
    let run = Command::new(env!("CARGO_BIN_EXE_tpsplan"))
        .arg("plan")
        .arg(&region)
        .arg("--out")
        .arg(&out)
        .stdin(Stdio::null())
        .output()
        .expect("tpsplan runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    // Not a terminal: one plain progress line per UPT.
    assert!(!stderr.contains('\r'));

    // ringkasan.csv against every UPT's plan.json and inputs.
    let rows = summary_rows(&out.join("ringkasan.csv"));
    assert_eq!(rows.len(), Preset::KanwilSumut.specs().len());
    let upts: Vec<&str> = rows.iter().map(|r| r["upt"].as_str()).collect();
    let mut sorted = upts.clone();
    sorted.sort_by_key(|u| Path::new(*u));
    assert_eq!(upts, sorted, "rows sorted by UPT folder");
    for row in &rows {
        let plan: serde_json::Value = serde_json::from_slice(
            &std::fs::read(out.join(&row["upt"]).join("plan.json")).expect("plan.json"),
        )
        .expect("plan.json parses");
        check_row(row, &region.join(&row["upt"]), &plan);
        let follow = data_rows(&out.join(&row["upt"]).join("kpu/tindak_lanjut.csv"));
        assert_eq!(row["tindak_lanjut"], follow.to_string(), "{}", row["upt"]);
    }
    // The action order: numbered 1.. without gaps, UPTs with staff requests before
    // those with follow-ups only, by officer-minutes; those without either unnumbered.
    let mut ranked: Vec<(usize, &BTreeMap<String, String>)> = rows
        .iter()
        .filter_map(|r| r["urutan_tindakan"].parse().ok().map(|n| (n, r)))
        .collect();
    ranked.sort_by_key(|(n, _)| *n);
    assert!(!ranked.is_empty());
    for (i, (n, _)) in ranked.iter().enumerate() {
        assert_eq!(*n, i + 1);
    }
    let minutes_of =
        |r: &BTreeMap<String, String>| -> u64 { r["menit_petugas_diminta"].parse().unwrap() };
    for pair in ranked.windows(2) {
        let (a, b) = (pair[0].1, pair[1].1);
        assert!(
            minutes_of(a) >= minutes_of(b) || minutes_of(a) > 0,
            "{} before {}",
            a["upt"],
            b["upt"]
        );
        if minutes_of(a) == 0 && minutes_of(b) == 0 {
            let share =
                |r: &BTreeMap<String, String>| -> f64 { r["persen_pemilih_wbp"].parse().unwrap() };
            assert!(share(a) <= share(b), "{} before {}", a["upt"], b["upt"]);
        }
    }
    for r in &rows {
        let needs = minutes_of(r) > 0 || r["tindak_lanjut"] != "0";
        assert_eq!(needs, !r["urutan_tindakan"].is_empty(), "{}", r["upt"]);
    }

    // The report: self-contained, every chart, a link to every UPT's report.
    let html = std::fs::read_to_string(out.join("report.html")).expect("report.html");
    for bad in [
        "http://", "https://", "src=", "<script", "<link", "url(", "@import", "<iframe", "<img",
        "<object", "<embed",
    ] {
        assert!(!html.to_lowercase().contains(bad), "report holds {bad}");
    }
    for id in CHART_IDS {
        assert!(html.contains(&format!("<svg id=\"svg-{id}\"")), "{id}");
    }
    assert!(html.contains("UPT yang perlu tindakan lebih dulu"));
    std::fs::write(artefacts().join("region-report.html"), &html).expect("artefact");

    let Some(bin) = find_chromium() else {
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED the browser part of kanwil_sumut_region_summary_and_report: no Chromium \
             found (/usr/bin/chromium); install Debian's chromium package to run it"
        );
        return;
    };
    let work = tempfile::tempdir().expect("work folder");
    // The probed copy sits beside the report, so its links resolve as the report's do.
    let page = out.join("probe.html");
    let seen = probe(&bin, work.path(), &page, &html);
    std::fs::remove_file(&page).expect("probe page removed");
    assert_eq!(seen.fetched, 0, "the report fetched something");
    assert_eq!(
        seen.references, 0,
        "the report references something besides links"
    );
    let ids: Vec<String> = seen.charts.iter().map(|c| c.0.clone()).collect();
    assert_eq!(ids, CHART_IDS.map(|id| format!("svg-{id}")));
    for (id, w, h, visible, texts) in &seen.charts {
        assert!(*visible, "{id} is hidden");
        // The page's width, a bar row per UPT, and the proportions as drawn.
        assert!(*w >= 1000 && *h >= 500, "{id} is {w}x{h} px");
        let (vw, vh) = view_box(&html, id);
        assert!(vh >= 34.0 * rows.len() as f64, "{id}: {vw}x{vh} drawn");
        assert!(
            (*h as f64 / *w as f64 - vh / vw).abs() < 0.01,
            "{id} is {w}x{h} px, drawn {vw}x{vh}"
        );
        assert!(*texts >= rows.len(), "{id} has only {texts} texts");
    }
    // Every planned UPT linked (from both tables), every link to an existing report.
    let mut targets: Vec<PathBuf> = seen.links.iter().map(|l| file_url_path(l)).collect();
    for t in &targets {
        assert!(t.is_file(), "link to {} which does not exist", t.display());
        assert!(t.ends_with("report.html"));
    }
    targets.sort();
    targets.dedup();
    assert_eq!(targets.len(), rows.len(), "a link per UPT");

    let shot = work.path().join("region-report.png");
    chromium(
        &bin,
        work.path(),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1400,4000".to_string(),
        ],
        &out.join("report.html"),
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    std::fs::write(artefacts().join("region-report.png"), &png).expect("artefact png");
}
