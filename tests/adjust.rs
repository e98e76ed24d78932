//! Hand edits that stick: `penyesuaian.csv` honoured by `tpsplan plan` (and refused
//! with the rule when it breaks one), and `tpsplan render OUT` rebuilding a plan folder
//! from an edited plan.json. The binary runs on copies of the Pancur Batu sample
//! (1,800 inmates; its default plan has TPS 901-907, Pemilu cap 300).

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::cli::*;

/// A copy of Pancur Batu with `penyesuaian.csv` holding `rows` (after the header).
fn facility_with(tmp: &Path, rows: &str) -> PathBuf {
    let dir = tmp.join("lapas-pancur-batu");
    copy_dir(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/sumut/lapas-pancur-batu"),
        &dir,
    );
    std::fs::write(
        dir.join("penyesuaian.csv"),
        format!("jenis,objek,nilai\n{rows}"),
    )
    .unwrap();
    dir
}

fn plan(dir: &Path, out: &Path) -> Run {
    tpsplan(&[
        OsStr::new("plan"),
        dir.as_os_str(),
        OsStr::new("--out"),
        out.as_os_str(),
    ])
}

fn plan_ok(dir: &Path, out: &Path) -> Value {
    let run = plan(dir, out);
    assert_eq!(run.code, 0, "plan failed:\n{}", run.text());
    read_json(out)
}

fn read_json(out: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("plan.json")).unwrap()).unwrap()
}

fn verify_ok(out: &Path) {
    let run = tpsplan(&[OsStr::new("verify"), out.as_os_str()]);
    assert_eq!(run.code, 0, "verify failed:\n{}", run.text());
}

/// TPS numbers each block's voters are registered at.
fn tps_of_blocks(plan: &Value) -> BTreeMap<String, BTreeSet<u64>> {
    let mut out: BTreeMap<String, BTreeSet<u64>> = BTreeMap::new();
    for t in plan["tps"].as_array().unwrap() {
        let n = t["number"].as_u64().unwrap();
        for v in t["voters"].as_array().unwrap() {
            out.entry(v["block"].as_str().unwrap().to_string())
                .or_default()
                .insert(n);
        }
    }
    out
}

/// The TPS a voter is registered at.
fn tps_of_voter(plan: &Value, reg: &str) -> Option<u64> {
    plan["tps"].as_array().unwrap().iter().find_map(|t| {
        t["voters"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["reg_no"] == reg)
            .then(|| t["number"].as_u64().unwrap())
    })
}

/// `jadwal.csv` rows (BOM and header dropped).
fn schedule_rows(out: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(out.join("jadwal.csv")).unwrap();
    text.trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(String::from).collect())
        .collect()
}

#[test]
fn blok_a_pinned_to_tps_903_is_there_and_the_plan_verifies() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = facility_with(tmp.path(), "blok_tps,blok-a,903\n");
    let out = tmp.path().join("out");
    let run = plan(&dir, &out);
    assert_eq!(run.code, 0, "{}", run.text());
    assert!(
        run.stdout.contains("1 penyesuaian dipatuhi"),
        "{}",
        run.text()
    );
    let p = read_json(&out);
    assert_eq!(tps_of_blocks(&p)["blok-a"], BTreeSet::from([903]));
    // Every wave of blok-a goes to TPS 903 (jadwal.csv as written).
    let waves: Vec<_> = schedule_rows(&out)
        .into_iter()
        .filter(|r| r[3] == "blok-a")
        .collect();
    assert!(!waves.is_empty());
    assert!(waves.iter().all(|r| r[2] == "903"), "{waves:?}");
    // The numbering stays 901.. without gaps; the pin is recorded with its line.
    let numbers: Vec<u64> = p["tps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].as_u64().unwrap())
        .collect();
    assert_eq!(
        numbers,
        (901..901 + numbers.len() as u64).collect::<Vec<_>>()
    );
    assert_eq!(p["penyesuaian"][0]["jenis"], "blok_tps");
    assert_eq!(p["penyesuaian"][0]["line"], 2);
    verify_ok(&out);
}

#[test]
fn a_pin_over_the_cap_is_exit_2_naming_the_cap_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    // blok-a (151 voters) and blok-d (158) at one TPS: 309 > 300.
    let dir = facility_with(tmp.path(), "blok_tps,blok-a,903\nblok_tps,blok-d,903\n");
    let out = tmp.path().join("out");
    let run = plan(&dir, &out);
    assert_eq!(run.code, 2, "{}", run.text());
    assert!(run.stderr.contains("penyesuaian.csv:3"), "{}", run.text());
    assert!(run.stderr.contains("E0707"), "{}", run.text());
    assert!(
        run.stderr
            .contains("309 pemilih, melebihi batas 300 pemilih per TPS"),
        "{}",
        run.text()
    );
    assert!(!out.exists());
}

#[test]
fn a_voter_pinned_to_a_pinned_tps_votes_there_and_the_rest_of_the_block_does_not_move() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = facility_with(
        tmp.path(),
        "blok_tps,blok-a,905\npemilih_tps,AII-1535/2024,905\n",
    );
    let out = tmp.path().join("out");
    let p = plan_ok(&dir, &out);
    assert_eq!(tps_of_voter(&p, "AII-1535/2024"), Some(905));
    assert_eq!(tps_of_blocks(&p)["blok-a"], BTreeSet::from([905]));
    // The voter's block-mates are not pinned: none of them is at 905.
    let mates: Vec<u64> = p["tps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["number"] == 905)
        .flat_map(|t| t["voters"].as_array().unwrap().clone())
        .filter(|v| v["block"] == "blok-c")
        .map(|_| 1)
        .collect();
    assert_eq!(mates.len(), 1);
    verify_ok(&out);
}

#[test]
fn a_closed_site_hosts_no_tps() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = facility_with(tmp.path(), "lokasi_tutup,masjid,\n");
    let out = tmp.path().join("out");
    let p = plan_ok(&dir, &out);
    let sites: BTreeSet<&str> = p["tps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["site"].as_str().unwrap())
        .collect();
    assert!(!sites.contains("masjid"), "{sites:?}");
    let tps_csv = std::fs::read_to_string(out.join("kpu/tps.csv")).unwrap();
    assert!(!tps_csv.contains("Masjid At-Taubah"));
    verify_ok(&out);
}

#[test]
fn the_tps_count_pin_opens_exactly_that_many() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = facility_with(tmp.path(), "jumlah_tps,,8\n");
    let out = tmp.path().join("out");
    let p = plan_ok(&dir, &out);
    assert_eq!(p["tps"].as_array().unwrap().len(), 8);
    assert_eq!(p["tps"][7]["number"], 908);
    verify_ok(&out);
}

#[test]
fn an_unknown_block_is_exit_2_naming_file_and_line_in_plan_and_check() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = facility_with(tmp.path(), "blok_tps,blok-a,903\nblok_tps,blok-zz,904\n");
    let out = tmp.path().join("out");
    let run = plan(&dir, &out);
    assert_eq!(run.code, 2, "{}", run.text());
    assert!(run.stderr.contains("penyesuaian.csv:3"), "{}", run.text());
    assert!(run.stderr.contains("E0702"), "{}", run.text());
    assert!(run.stderr.contains("blok-zz"), "{}", run.text());
    assert!(!out.exists());
    let check = tpsplan(&[OsStr::new("check"), dir.as_os_str()]);
    assert_eq!(check.code, 2, "{}", check.text());
    assert!(
        check.stderr.contains("penyesuaian.csv:3") || check.stdout.contains("penyesuaian.csv:3"),
        "{}",
        check.text()
    );
}

/// A slot of `minutes` after `from` in which TPS `tps` has no wave: [start, end) as
/// "HH:MM" strings, before 12:00.
fn free_slot(p: &Value, tps: u64, after: &str, minutes: u32) -> (String, String) {
    let clock = |s: &str| -> u32 {
        let (h, m) = s.split_once(':').unwrap();
        h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap()
    };
    let busy: Vec<(u32, u32)> = p["waves"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["tps"] == tps)
        .map(|w| {
            (
                clock(w["start"].as_str().unwrap()),
                clock(w["end"].as_str().unwrap()),
            )
        })
        .collect();
    let mut s = clock(after);
    while s + minutes <= 12 * 60 {
        if busy.iter().all(|&(a, b)| s + minutes <= a || s >= b) {
            let f = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
            return (f(s), f(s + minutes));
        }
        s += 15;
    }
    panic!("no free slot at TPS {tps}");
}

#[test]
fn render_rebuilds_the_folder_after_a_wave_is_moved_in_plan_json() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = facility_with(tmp.path(), "blok_tps,blok-a,903\n");
    let out = tmp.path().join("out");
    let mut p = plan_ok(&dir, &out);
    // Move blok-a's last wave to a slot of TPS 903 nobody uses.
    let waves = p["waves"].as_array().unwrap();
    let i = waves
        .iter()
        .rposition(|w| w["block"] == "blok-a" && w["mobile"] == false)
        .unwrap();
    let (start, end) = free_slot(&p, 903, waves[i]["end"].as_str().unwrap(), 15);
    p["waves"][i]["start"] = Value::from(start.clone());
    p["waves"][i]["end"] = Value::from(end.clone());
    let regs = p["waves"][i]["reg_nos"].clone();
    std::fs::write(
        out.join("plan.json"),
        serde_json::to_string_pretty(&p).unwrap(),
    )
    .unwrap();
    // The hand edit alone breaks verify: jadwal.csv no longer says what plan.json says.
    let before = tpsplan(&[OsStr::new("verify"), out.as_os_str()]);
    assert_eq!(before.code, 1, "{}", before.text());
    assert!(before.stdout.contains("jadwal.csv"), "{}", before.text());

    let run = tpsplan(&[OsStr::new("render"), out.as_os_str()]);
    assert_eq!(run.code, 0, "{}", run.text());
    assert!(
        run.stdout.contains("semua aturan wajib terpenuhi"),
        "{}",
        run.text()
    );
    let rows = schedule_rows(&out);
    assert!(
        rows.iter()
            .any(|r| r[0] == start && r[1] == end && r[2] == "903" && r[3] == "blok-a"),
        "moved wave {start}-{end} not in jadwal.csv"
    );
    // plan.json keeps the edit (waves sorted again by start).
    let after = read_json(&out);
    assert!(
        after["waves"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| { w["start"] == start.as_str() && w["reg_nos"] == regs && w["tps"] == 903 })
    );
    verify_ok(&out);
}

#[test]
fn render_refuses_an_edit_that_breaks_a_rule_names_it_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = facility_with(tmp.path(), "");
    // An empty penyesuaian.csv (header only) is an input error like any CSV; plan
    // without it.
    std::fs::remove_file(dir.join("penyesuaian.csv")).unwrap();
    let out = tmp.path().join("out");
    let mut p = plan_ok(&dir, &out);
    // A wave after closing time (13:00 minus the buffer).
    let i = p["waves"]
        .as_array()
        .unwrap()
        .iter()
        .position(|w| w["mobile"] == false)
        .unwrap();
    p["waves"][i]["start"] = Value::from("12:55");
    p["waves"][i]["end"] = Value::from("13:10");
    std::fs::write(
        out.join("plan.json"),
        serde_json::to_string_pretty(&p).unwrap(),
    )
    .unwrap();
    let jadwal = std::fs::read(out.join("jadwal.csv")).unwrap();
    let run = tpsplan(&[OsStr::new("render"), out.as_os_str()]);
    assert_eq!(run.code, 1, "{}", run.text());
    assert!(run.stdout.contains("aturan 6"), "{}", run.text());
    assert!(
        run.stderr.contains("tidak ada berkas yang ditulis"),
        "{}",
        run.text()
    );
    assert_eq!(std::fs::read(out.join("jadwal.csv")).unwrap(), jadwal);
}

#[test]
fn a_block_pinned_to_a_site_and_a_wave_time_votes_there_from_then_on() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = facility_with(
        tmp.path(),
        "blok_lokasi,blok-a,aula\njam_gelombang,blok-a,09:30\n",
    );
    let out = tmp.path().join("out");
    let p = plan_ok(&dir, &out);
    let site_of: BTreeMap<u64, String> = p["tps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["number"].as_u64().unwrap(),
                t["site"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let at = &tps_of_blocks(&p)["blok-a"];
    assert!(
        at.iter().all(|n| site_of[n] == "aula"),
        "{at:?} {site_of:?}"
    );
    let early: Vec<_> = schedule_rows(&out)
        .into_iter()
        .filter(|r| r[3] == "blok-a" && r[0].as_str() < "09:30")
        .collect();
    assert!(early.is_empty(), "{early:?}");
    assert!(
        schedule_rows(&out).iter().any(|r| r[3] == "blok-a"),
        "blok-a has waves"
    );
    verify_ok(&out);
}

#[test]
fn a_wave_time_after_the_window_and_a_site_the_zone_may_not_use_are_exit_2_naming_the_rule() {
    let tmp = tempfile::tempdir().unwrap();
    // blok-a is a men's block: the women's hall is not in its zones.
    let dir = facility_with(
        tmp.path(),
        "jam_gelombang,blok-b,12:50\nblok_lokasi,blok-a,aula-wanita\n",
    );
    let out = tmp.path().join("out");
    let run = plan(&dir, &out);
    assert_eq!(run.code, 2, "{}", run.text());
    assert!(run.stderr.contains("penyesuaian.csv:2"), "{}", run.text());
    assert!(run.stderr.contains("E0710"), "{}", run.text());
    assert!(run.stderr.contains("aturan 6"), "{}", run.text());
    assert!(run.stderr.contains("penyesuaian.csv:3"), "{}", run.text());
    assert!(run.stderr.contains("E0709"), "{}", run.text());
    assert!(run.stderr.contains("aturan 4"), "{}", run.text());
    assert!(!out.exists());
}
