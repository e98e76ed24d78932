//! `tpsplan plan DIR --sebelumnya OLD_OUT` run as a real process on temporary copies
//! of the Pancur Batu sample (1,800 inmates): voters who stay keep their TPS (number and
//! site) when inmates leave and arrive, an unchanged roster re-plans to the same lists,
//! a block moved moves only its voters, `perubahan.csv` lists who moved, left or is new,
//! and an OLD_OUT that is no plan of this facility is refused (exit 2, nothing written).

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::cli::*;

/// `tpsplan plan DIR --out OUT [--sebelumnya OLD]`.
fn plan(dir: &Path, out: &Path, previous: Option<&Path>) -> Run {
    let mut args: Vec<&OsStr> = vec![
        OsStr::new("plan"),
        dir.as_os_str(),
        OsStr::new("--out"),
        out.as_os_str(),
    ];
    if let Some(p) = previous {
        args.push(OsStr::new("--sebelumnya"));
        args.push(p.as_os_str());
    }
    tpsplan(&args)
}

fn plan_ok(dir: &Path, out: &Path, previous: Option<&Path>) -> Run {
    let run = plan(dir, out, previous);
    assert_eq!(run.code, 0, "plan failed:\n{}", run.text());
    run
}

fn verify_ok(out: &Path) {
    let run = tpsplan(&[OsStr::new("verify"), out.as_os_str()]);
    assert_eq!(run.code, 0, "verify failed:\n{}", run.text());
}

/// A CSV file as header and rows (the BOM dropped).
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = text.trim_start_matches('\u{feff}');
    let mut r = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn write_csv(path: &Path, header: &[String], rows: &[Vec<String>]) {
    let mut w = csv::Writer::from_path(path).unwrap();
    w.write_record(header).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
}

/// Every voter of a plan folder: register number -> (TPS number, site).
fn places(out: &Path) -> BTreeMap<String, (u64, String)> {
    let plan = plan_json(out);
    let mut m = BTreeMap::new();
    for t in plan["tps"].as_array().unwrap() {
        let n = t["number"].as_u64().unwrap();
        let site = t["site"].as_str().unwrap().to_string();
        for v in t["voters"].as_array().unwrap() {
            m.insert(v["reg_no"].as_str().unwrap().to_string(), (n, site.clone()));
        }
    }
    m
}

fn plan_json(out: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("plan.json")).unwrap()).unwrap()
}

/// One row of `perubahan.csv`: no_registrasi, alasan and the whole row.
type Listed = (String, String, Vec<String>);

/// `perubahan.csv`: the header and its rows.
fn changes(out: &Path) -> (Vec<String>, Vec<Listed>) {
    let (header, rows) = read_csv(&out.join("perubahan.csv"));
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let (r, a) = (col("no_registrasi"), col("alasan"));
    let rows = rows
        .into_iter()
        .map(|row| (row[r].clone(), row[a].clone(), row))
        .collect();
    (header, rows)
}

/// The sample copied to `tmp/pb` and planned into `tmp/lama`.
fn base(tmp: &Path) -> (PathBuf, PathBuf) {
    let dir = tmp.join("pb");
    copy_dir(&pancur_batu(), &dir);
    let old = tmp.join("lama");
    plan_ok(&dir, &old, None);
    (dir, old)
}

#[test]
fn twenty_leave_and_twenty_arrive_and_no_voter_who_stayed_moves() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, old) = base(tmp.path());
    let before = places(&old);
    let inmates = dir.join("inmates.csv");
    let (header, rows) = read_csv(&inmates);
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let (reg, nik, nama) = (col("no_registrasi"), col("nik"), col("nama"));
    // 20 voters leave (every 70th voter of the old plan) ...
    let voters: Vec<&String> = before.keys().collect();
    let gone: BTreeSet<String> = voters
        .iter()
        .step_by(70)
        .take(20)
        .map(|r| r.to_string())
        .collect();
    assert_eq!(gone.len(), 20);
    let mut kept: Vec<Vec<String>> = rows
        .iter()
        .filter(|r| !gone.contains(&r[reg]))
        .cloned()
        .collect();
    // ... and 20 arrive: copies of voters' rows with their own register number, NIK
    // and name.
    let mut fresh = BTreeSet::new();
    let sources: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| before.contains_key(&r[reg]) && !gone.contains(&r[reg]) && r[nik].len() == 16)
        .step_by(61)
        .take(20)
        .collect();
    assert_eq!(sources.len(), 20);
    for (i, src) in sources.into_iter().enumerate() {
        let mut row = src.clone();
        row[reg] = format!("BARU-{i:03}/2026");
        row[nik] = format!("{}{:04}", &src[nik][..12], 9000 + i);
        row[nama] = format!("{} Baru", src[nama]);
        fresh.insert(row[reg].clone());
        kept.push(row);
    }
    write_csv(&inmates, &header, &kept);

    let new = tmp.path().join("baru");
    let run = plan_ok(&dir, &new, Some(&old));
    assert!(
        run.stdout.contains("0 pindah TPS, 20 keluar, 20 baru"),
        "{}",
        run.text()
    );
    verify_ok(&new);
    let after = places(&new);
    let mut stayed = 0;
    for (r, at) in &before {
        if let Some(now) = after.get(r) {
            stayed += 1;
            assert_eq!(at, now, "{r} moved from TPS {} to {}", at.0, now.0);
        }
    }
    assert_eq!(stayed, before.len() - 20);
    let (header, listed) = changes(&new);
    assert!(
        !header.iter().any(|h| h == "nik" || h == "nkk"),
        "{header:?}"
    );
    let left: BTreeSet<String> = listed
        .iter()
        .filter(|(_, a, _)| a == "bebas")
        .map(|(r, ..)| r.clone())
        .collect();
    let arrived: BTreeSet<String> = listed
        .iter()
        .filter(|(_, a, _)| a == "baru")
        .map(|(r, ..)| r.clone())
        .collect();
    assert_eq!(left, gone);
    assert_eq!(arrived, fresh);
    assert_eq!(listed.len(), 40, "{listed:?}");
    // No full NIK of the roster in the file.
    let text = std::fs::read_to_string(new.join("perubahan.csv")).unwrap();
    for row in &kept {
        assert!(row[nik].is_empty() || !text.contains(&row[nik]));
    }
    let record = &plan_json(&new)["sebelumnya"];
    assert_eq!(record["pindah"], 0);
    assert_eq!(record["keluar"], 20);
    assert_eq!(record["baru"], 20);
    assert_eq!(record["tetap"], stayed as u64);
}

#[test]
fn an_unchanged_roster_re_plans_in_place_to_the_same_lists() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, old) = base(tmp.path());
    let lists = std::fs::read(old.join("kpu/pemilih.csv")).unwrap();
    let before = places(&old);
    // OLD_OUT and OUT the same folder: read before it is replaced.
    let run = plan_ok(&dir, &old, Some(&old));
    assert!(
        run.stdout.contains("0 pindah TPS, 0 keluar, 0 baru"),
        "{}",
        run.text()
    );
    assert_eq!(places(&old), before);
    assert_eq!(std::fs::read(old.join("kpu/pemilih.csv")).unwrap(), lists);
    let (header, rows) = changes(&old);
    assert_eq!(header[0], "no_registrasi");
    assert!(rows.is_empty(), "{rows:?}");
    verify_ok(&old);
}

#[test]
fn a_block_moved_moves_only_its_voters_with_the_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, old) = base(tmp.path());
    let before = places(&old);
    let inmates = dir.join("inmates.csv");
    let (header, mut rows) = read_csv(&inmates);
    let (reg, blok) = (
        header.iter().position(|h| h == "no_registrasi").unwrap(),
        header.iter().position(|h| h == "blok").unwrap(),
    );
    // Blok C's inmates move to blok J (another TPS of the old plan).
    let mut moved_block = BTreeSet::new();
    for r in rows.iter_mut().filter(|r| r[blok] == "blok-c") {
        r[blok] = "blok-j".into();
        moved_block.insert(r[reg].clone());
    }
    assert!(!moved_block.is_empty());
    write_csv(&inmates, &header, &rows);
    let new = tmp.path().join("baru");
    plan_ok(&dir, &new, Some(&old));
    verify_ok(&new);
    let after = places(&new);
    let moved: BTreeSet<&String> = before
        .iter()
        .filter(|(r, at)| after.get(*r) != Some(*at))
        .map(|(r, _)| r)
        .collect();
    assert!(!moved.is_empty(), "blok C's voters stay at their TPS");
    for r in &moved {
        assert!(moved_block.contains(*r), "{r} moved without moving block");
    }
    let (_, listed) = changes(&new);
    assert_eq!(listed.len(), moved.len(), "{listed:?}");
    for (r, reason, row) in &listed {
        assert!(moved.contains(r), "{row:?}");
        assert_eq!(reason, "pindah_blok", "{row:?}");
    }
}

#[test]
fn an_old_out_that_is_no_plan_of_this_facility_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pb");
    copy_dir(&pancur_batu(), &dir);
    let new = tmp.path().join("baru");
    // Not a plan folder: the input folder itself.
    let run = plan(&dir, &new, Some(&dir));
    assert_eq!(run.code, 2, "{}", run.text());
    assert!(run.stderr.contains("E0601"), "{}", run.text());
    assert!(run.stderr.contains("--sebelumnya"), "{}", run.text());
    assert!(!new.exists());
    // A plan of another facility.
    let other = tmp.path().join("kalabahi");
    plan_ok(&root().join("data/ntt/lapas-kalabahi"), &other, None);
    let run = plan(&dir, &new, Some(&other));
    assert_eq!(run.code, 2, "{}", run.text());
    assert!(run.stderr.contains("E0604"), "{}", run.text());
    assert!(!new.exists());
    // A region folder.
    let run = plan(&root().join("data/sumut"), &new, Some(&other));
    assert_eq!(run.code, 2, "{}", run.text());
    assert!(run.stderr.contains("satu UPT"), "{}", run.text());
    assert!(!new.exists());
}
