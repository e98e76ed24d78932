//! `tpsplan compare` (alias `banding`) and `plan --scenario a,b` as real processes on
//! the committed Pancur Batu sample: the default plan against `lambat` (7 minutes per
//! voter, so more TPS and other waves) names the differences on the terminal and in
//! `banding.csv`, checked against the plans' own `plan.json`; a plan against itself has
//! no per-block differences; a folder that is not a plan is exit 2 naming it, with
//! nothing written; several scenarios at once write each plan folder and the
//! comparison, and refuse combinations that make no sense.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;

mod common;
use common::cli::*;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The default plan and the `lambat` plan of Pancur Batu, planned once for every test
/// (in `<tmp>/default` and `<tmp>/lambat`).
fn planned() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        for (name, extra) in [("default", None), ("lambat", Some("lambat"))] {
            let (out, input) = (dir.join(name), pancur_batu());
            let mut args = vec!["plan", s(&input), "--out", s(&out)];
            if let Some(sc) = extra {
                args.extend(["--scenario", sc]);
            }
            let r = tpsplan(&args);
            assert_eq!(r.code, 0, "plan {name} failed:\n{}\n{}", r.stdout, r.stderr);
        }
        dir
    })
}

fn plan_json(folder: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(folder.join("plan.json")).unwrap()).unwrap()
}

/// Per block, the (TPS, start, end) of its waves in a plan.
fn waves_by_block(plan: &Value) -> BTreeMap<String, BTreeSet<(u64, String, String)>> {
    let mut out: BTreeMap<String, BTreeSet<(u64, String, String)>> = BTreeMap::new();
    for w in plan["waves"].as_array().unwrap() {
        out.entry(w["block"].as_str().unwrap().to_string())
            .or_default()
            .insert((
                w["tps"].as_u64().unwrap(),
                w["start"].as_str().unwrap().to_string(),
                w["end"].as_str().unwrap().to_string(),
            ));
    }
    out
}

/// `banding.csv` as (header, rows), BOM and CRLF checked.
fn read_banding(dir: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(dir.join("banding.csv")).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "banding.csv has a BOM"
    );
    assert!(
        String::from_utf8_lossy(&bytes).contains("\r\n"),
        "CRLF line ends"
    );
    let mut r = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn row<'a>(rows: &'a [Vec<String>], section: &str, key: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r[0] == section && r[1] == key)
        .unwrap_or_else(|| panic!("banding.csv has no row {section},{key}"))
}

#[test]
fn default_against_lambat_names_the_tps_count_and_the_blocks_that_change() {
    let dir = planned();
    let (a, b) = (dir.join("default"), dir.join("lambat"));
    let (pa, pb) = (plan_json(&a), plan_json(&b));
    let (tps_a, tps_b) = (
        pa["solver"]["tps"].as_u64().unwrap(),
        pb["solver"]["tps"].as_u64().unwrap(),
    );
    assert_ne!(
        tps_a, tps_b,
        "lambat needs another number of TPS (the test's premise)"
    );
    let out = dir.join("banding-ab");
    let r = tpsplan(&["compare", s(&a), s(&b), "--out", s(&out)]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);

    // Terminal: the TPS row is marked as differing and shows both counts.
    let tps_line = r
        .stdout
        .lines()
        .find(|l| l.starts_with("* TPS "))
        .unwrap_or_else(|| panic!("no differing TPS row:\n{}", r.stdout));
    let nums: Vec<&str> = tps_line.split_whitespace().skip(2).collect();
    assert_eq!(nums, [tps_a.to_string(), tps_b.to_string()], "{tps_line}");
    // Voters are the same in both plans: not marked.
    assert!(
        r.stdout.lines().any(|l| l.starts_with("  Pemilih ")),
        "{}",
        r.stdout
    );

    // The blocks: every block whose TPS differs is named, with both plans' TPS.
    let (wa, wb) = (waves_by_block(&pa), waves_by_block(&pb));
    let tps_of =
        |w: &BTreeSet<(u64, String, String)>| -> BTreeSet<u64> { w.iter().map(|x| x.0).collect() };
    let moved: Vec<&String> = wa
        .keys()
        .filter(|k| tps_of(&wa[*k]) != tps_of(&wb[*k]))
        .collect();
    assert!(
        !moved.is_empty(),
        "some block votes at another TPS under lambat"
    );
    let changed: BTreeSet<&String> = wa.keys().filter(|k| wa[*k] != wb[*k]).collect();
    let same = wa.len() - changed.len();
    assert!(
        r.stdout.contains(&format!(
            "Beda per blok: {} blok berbeda, {same} blok sama di semua rencana",
            changed.len()
        )),
        "{}",
        r.stdout
    );
    for block in &moved {
        let at = r
            .stdout
            .find(&format!("\n{block}\n"))
            .unwrap_or_else(|| panic!("{block} not named:\n{}", r.stdout));
        let next: Vec<&str> = r.stdout[at..].lines().skip(2).take(2).collect();
        for (line, w) in next.iter().zip([&wa[*block], &wb[*block]]) {
            for t in tps_of(w) {
                assert!(line.contains(&format!("TPS {t}")), "{block}: {line}");
            }
        }
    }

    // banding.csv: the same, against plan.json.
    let (header, rows) = read_banding(&out);
    assert_eq!(header, ["bagian", "butir", "default", "lambat", "beda"]);
    assert_eq!(
        row(&rows, "ringkasan", "tps")[2..],
        [tps_a.to_string(), tps_b.to_string(), "ya".into()]
    );
    let voters = pa["inputs"]["voters"].as_u64().unwrap().to_string();
    assert_eq!(
        row(&rows, "ringkasan", "pemilih")[2..],
        [voters.clone(), voters, "tidak".into()]
    );
    assert_eq!(
        row(&rows, "ringkasan", "skenario")[2..],
        ["".to_string(), "lambat".into(), "ya".into()]
    );
    let listed: BTreeSet<&String> = rows
        .iter()
        .filter(|r| r[0] == "blok")
        .map(|r| &r[1])
        .collect();
    for block in &moved {
        assert!(listed.contains(block), "{block} missing from banding.csv");
    }
    // Only blocks whose waves changed are listed; the rest are counted as the same.
    assert!(
        listed.iter().all(|b| changed.contains(b)),
        "{listed:?} vs {changed:?}"
    );
    let same_row = row(&rows, "ringkasan", "blok_sama");
    assert_eq!(
        same_row[2].parse::<usize>().unwrap() + listed.len(),
        wa.len()
    );
    assert_eq!(
        row(&rows, "ringkasan", "blok_beda_dari_pertama")[2..4],
        ["0".to_string(), listed.len().to_string()]
    );

    // banding.html: self-contained, with the chart and the blocks.
    let html = std::fs::read_to_string(out.join("banding.html")).unwrap();
    assert!(html.contains("<svg") && html.contains("Angka utama per rencana"));
    for forbidden in ["<script", "http://", "https://", "<link"] {
        assert!(!html.contains(forbidden), "banding.html holds {forbidden}");
    }
    for block in &moved {
        assert!(
            html.contains(&format!("<td>{block}</td>")),
            "{block} not in banding.html"
        );
    }

    // The same plans give the same bytes.
    let out2 = dir.join("banding-ab-2");
    let r = tpsplan(&["compare", s(&a), s(&b), "--out", s(&out2)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for f in ["banding.csv", "banding.html"] {
        assert_eq!(
            std::fs::read(out.join(f)).unwrap(),
            std::fs::read(out2.join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn a_plan_against_itself_has_no_differences() {
    let dir = planned();
    let a = dir.join("default");
    let out = dir.join("banding-aa");
    let r = tpsplan(&["--lang", "en", "banding", s(&a), s(&a), "--out", s(&out)]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let blocks = waves_by_block(&plan_json(&a)).len();
    assert!(
        r.stdout.contains(&format!(
            "Blocks: 0 differ, {blocks} the same in every plan"
        )),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("Walking minutes"),
        "English labels:\n{}",
        r.stdout
    );
    assert!(
        !r.stdout
            .lines()
            .any(|l| l.starts_with("* ") && !l.starts_with("* =")),
        "{}",
        r.stdout
    );
    let (header, rows) = read_banding(&out);
    assert_eq!(
        header,
        ["bagian", "butir", "default", "default (2)", "beda"]
    );
    assert!(
        rows.iter().all(|r| r[0] == "ringkasan" && r[4] == "tidak"),
        "{rows:?}"
    );
}

#[test]
fn a_folder_that_is_not_a_plan_is_named_and_nothing_is_written() {
    let dir = planned();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("banding");
    // A facility folder is not a plan folder.
    let r = tpsplan(&[
        "compare",
        s(&dir.join("default")),
        s(&pancur_batu()),
        "--out",
        s(&out),
    ]);
    assert_eq!(r.code, 2, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("E0601"), "{}", r.stderr);
    assert!(
        r.stderr.contains(s(&pancur_batu())),
        "names the folder: {}",
        r.stderr
    );
    assert!(!out.exists(), "nothing written");
    // A plan folder missing one of its tables: named with the file.
    let broken = tmp.path().join("rusak");
    copy_dir(&dir.join("default"), &broken);
    std::fs::remove_file(broken.join("kpu/tindak_lanjut.csv")).unwrap();
    let r = tpsplan(&[
        "compare",
        s(&dir.join("default")),
        s(&broken),
        "--out",
        s(&out),
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("E0605") && r.stderr.contains("tindak_lanjut.csv"),
        "{}",
        r.stderr
    );
    // A missing folder, and a plan folder as --out.
    let r = tpsplan(&[
        "compare",
        s(&dir.join("default")),
        s(&tmp.path().join("tidak-ada")),
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("tidak-ada"), "{}", r.stderr);
    let r = tpsplan(&[
        "compare",
        s(&dir.join("default")),
        s(&dir.join("lambat")),
        "--out",
        s(&dir.join("lambat")),
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(!dir.join("lambat/banding.csv").exists());
}

#[test]
fn several_scenarios_at_once_write_each_plan_and_the_comparison() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("skenario");
    let r = tpsplan(&[
        "plan",
        s(&pancur_batu()),
        "--scenario",
        "lambat,sakit",
        "--out",
        s(&out),
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    for name in ["lambat", "sakit"] {
        let p = plan_json(&out.join(name));
        assert_eq!(p["inputs"]["scenario"], name);
        assert!(
            r.stdout.contains(&format!("== skenario {name} ==")),
            "{}",
            r.stdout
        );
    }
    let (header, rows) = read_banding(&out);
    assert_eq!(header, ["bagian", "butir", "lambat", "sakit", "beda"]);
    assert_eq!(
        row(&rows, "ringkasan", "skenario")[2..4],
        ["lambat".to_string(), "sakit".into()]
    );
    assert!(out.join("banding.html").is_file());
    // The plan folders are whole plans: verify passes on one.
    let v = tpsplan(&["verify", s(&out.join("sakit"))]);
    assert_eq!(v.code, 0, "{}\n{}", v.stdout, v.stderr);
    // Comparing the two folders again gives the same file.
    let again = tmp.path().join("lagi");
    let c = tpsplan(&[
        "compare",
        s(&out.join("lambat")),
        s(&out.join("sakit")),
        "--out",
        s(&again),
    ]);
    assert_eq!(c.code, 0, "{}", c.stderr);
    assert_eq!(
        std::fs::read(out.join("banding.csv")).unwrap(),
        std::fs::read(again.join("banding.csv")).unwrap()
    );
}

#[test]
fn several_scenarios_refuse_what_makes_no_sense_before_writing_anything() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("skenario");
    let cases: [(&[&str], &str); 5] = [
        (&["--scenario", "lambat,lambat"], "disebut dua kali"),
        (&["--scenario", "lambat,,sakit"], "kosong"),
        (&["--scenario", "lambat,sakit", "--andal", "0.9"], "--andal"),
        (
            &["--scenario", "lambat,sakit", "--sebelumnya", "out/lama"],
            "--sebelumnya",
        ),
        (&["--scenario", "lambat,tidak-ada"], "E0501"),
    ];
    let input = pancur_batu();
    for (extra, says) in cases {
        let mut args = vec!["plan", s(&input), "--out", s(&out)];
        args.extend_from_slice(extra);
        let r = tpsplan(&args);
        assert_eq!(r.code, 2, "{extra:?}: {}\n{}", r.stdout, r.stderr);
        assert!(r.stderr.contains(says), "{extra:?}: {}", r.stderr);
        assert!(!out.exists(), "{extra:?}: nothing written");
    }
    // A scenario without a feasible plan (two blocks locked, their visits do not fit):
    // exit 1 and no scenario is written, not even the feasible one.
    let r = tpsplan(&[
        "plan",
        s(&input),
        "--scenario",
        "lambat,lockdown",
        "--out",
        s(&out),
    ]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("lockdown"), "{}", r.stderr);
    assert!(!out.exists(), "nothing written");
    // A region folder: one facility only.
    let r = tpsplan(&[
        "plan",
        s(&root().join("data/sumut")),
        "--scenario",
        "lambat,sakit",
        "--out",
        s(&out),
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(!out.exists());
    // An OUT holding something else is refused.
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("catatan.txt"), "x").unwrap();
    let r = tpsplan(&[
        "plan",
        s(&pancur_batu()),
        "--scenario",
        "lambat,sakit",
        "--out",
        s(&out),
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("catatan.txt"), "{}", r.stderr);
    assert!(!out.join("lambat").exists());
}
