//! The optimiser end to end: plans verify, broken plans are caught rule by rule,
//! infeasible facilities are explained, plan folders are written whole.

mod common;

use std::time::Duration;

use common::{FacilityBuilder, VoterSpec, small};
use proptest::prelude::*;
use tpsplan::model::{Clock, StaffRole};
use tpsplan::optimise::{PlanOptions, plan};
use tpsplan::plan::{read_plan, write_plan_folder};
use tpsplan::verify::verify;

fn opts() -> PlanOptions {
    PlanOptions {
        time_limit: Duration::from_secs(5),
        ..PlanOptions::default()
    }
}

fn rules_named(v: &[tpsplan::verify::Violation]) -> Vec<u8> {
    let mut r: Vec<u8> = v.iter().map(|v| v.rule).collect();
    r.sort();
    r.dedup();
    r
}

#[test]
fn a_small_facility_gets_a_plan_that_verifies_and_meets_its_bound() {
    let (f, voters) = small();
    let p = plan(&f, &voters, &opts()).expect("feasible");
    let v = verify(&f, &voters, &p);
    assert!(v.is_empty(), "{v:#?}");
    // Women at their own TPS; men need two TPS for 298 voters (276 per TPS per day).
    assert_eq!(p.tps.len(), 3);
    assert_eq!(p.solver.tps_lower_bound, 3);
    assert!(p.solver.lower_bound <= p.solver.objective + 1e-6);
    let registered: usize = p.tps.iter().map(|t| t.voters.len()).sum();
    assert_eq!(registered, voters.len());
}

#[test]
fn breaking_each_hard_rule_is_named_by_verify() {
    let (f, voters) = small();
    let good = plan(&f, &voters, &opts()).expect("feasible");
    assert!(verify(&f, &voters, &good).is_empty());

    // Rule 1: a voter dropped from its TPS.
    let mut p = good.clone();
    p.tps[0].voters.pop();
    assert!(rules_named(&verify(&f, &voters, &p)).contains(&1));

    // Rule 2: a cap lower than the plan's loads.
    let mut f2 = f.clone();
    f2.rules.tps.maks_pemilih = 10;
    assert!(rules_named(&verify(&f2, &voters, &good)).contains(&2));

    // Rule 3: a man registered at the women's TPS.
    let mut p = good.clone();
    let women = p
        .tps
        .iter()
        .position(|t| t.site.as_str() == "aula-w")
        .expect("women's TPS");
    let men = (0..p.tps.len()).find(|&i| i != women).expect("men's TPS");
    let moved = p.tps[men].voters.pop().expect("voter");
    p.tps[women].voters.push(moved);
    assert!(rules_named(&verify(&f, &voters, &p)).contains(&3));

    // Rule 4: a TPS moved to a site its blocks' zone may not use.
    let mut p = good.clone();
    p.tps[men].site = "aula-w".into();
    assert!(rules_named(&verify(&f, &voters, &p)).contains(&4));

    // Rule 5: every wave of a TPS crammed into one slot.
    let mut p = good.clone();
    let t = p.tps[men].number;
    for w in p.waves.iter_mut().filter(|w| w.tps == t && !w.mobile) {
        w.start = Clock::hm(8, 0);
        w.end = Clock::hm(8, 15);
    }
    assert!(rules_named(&verify(&f, &voters, &p)).contains(&5));

    // Rule 6: a wave before opening.
    let mut p = good.clone();
    let i = p.waves.iter().position(|w| !w.mobile).expect("wave");
    p.waves[i].start = Clock::hm(6, 0);
    p.waves[i].end = Clock::hm(6, 15);
    assert!(rules_named(&verify(&f, &voters, &p)).contains(&6));

    // Rule 7: a wave without escorts.
    let mut p = good.clone();
    p.waves[i].escorts = 0;
    assert!(rules_named(&verify(&f, &voters, &p)).contains(&7));

    // Rule 9: one ballot too many.
    let mut p = good.clone();
    p.tps[0].ballots[0].total += 1;
    assert!(rules_named(&verify(&f, &voters, &p)).contains(&9));
}

#[test]
fn too_few_escorts_are_reported_with_the_shortfall_and_its_hours() {
    let (f, voters) = FacilityBuilder::new("sedikit-pengawal")
        .block("A", "umum")
        .site("aula", "umum", 1, 4)
        .path("A", "aula", 5.0, false)
        .voters("A", 200, VoterSpec::man())
        .escorts(1, Clock::hm(9, 0), Clock::hm(10, 0))
        .staff(7, &[StaffRole::Kpps], Clock::hm(6, 0), Clock::hm(18, 0))
        .build();
    let e = plan(&f, &voters, &opts()).expect_err("infeasible");
    let msg = e.to_string();
    assert!(msg.contains("pengawal kurang"), "{msg}");
    assert!(msg.contains(" antara "), "{msg}");
}

#[test]
fn a_block_too_big_for_its_only_site_needs_more_tps() {
    let (f, voters) = FacilityBuilder::new("sedikit-lokasi")
        .block("C", "umum")
        .site("aula", "umum", 1, 4)
        .path("C", "aula", 2.0, false)
        .voters("C", 340, VoterSpec::man())
        .escorts(80, Clock::hm(6, 0), Clock::hm(14, 0))
        .build();
    let e = plan(&f, &voters, &opts()).expect_err("infeasible");
    assert_eq!(
        e.to_string(),
        "blok C (340 pemilih) tidak dapat selesai sebelum 12:45 di satu-satunya lokasi yang boleh dipakai zonanya (aula); butuh 1 TPS lagi"
    );
}

#[test]
fn a_zone_with_no_site_is_named_with_the_fix() {
    let (f, voters) = FacilityBuilder::new("tanpa-lokasi")
        .block("A", "umum")
        .block("W", "wanita")
        .site("aula", "umum", 1, 4)
        .path("A", "aula", 2.0, false)
        .path("W", "aula", 2.0, false)
        .voters("A", 50, VoterSpec::man())
        .voters("W", 12, VoterSpec::woman())
        .escorts(20, Clock::hm(6, 0), Clock::hm(14, 0))
        .build();
    let e = plan(&f, &voters, &opts()).expect_err("infeasible");
    let msg = e.to_string();
    assert!(
        msg.starts_with(
            "blok W (12 pemilih, zona wanita) tidak punya lokasi TPS yang boleh dipakai zonanya"
        ),
        "{msg}"
    );
    assert!(msg.contains("[akses_zona]"), "{msg}");
}

#[test]
fn a_plan_folder_is_written_whole_and_replaces_an_old_one() {
    let (f, voters) = small();
    let p = plan(&f, &voters, &opts()).expect("feasible");
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("rencana");
    std::fs::create_dir_all(&out).expect("old folder");
    std::fs::write(out.join("lama.txt"), "lama").expect("old file");
    write_plan_folder(&out, &p, |_| Ok(())).expect("written");
    assert!(!out.join("lama.txt").exists());
    assert_eq!(read_plan(&out).expect("read back"), p);
    let csv = std::fs::read_to_string(out.join("jadwal.csv")).expect("jadwal");
    // Like every CSV of the plan folder: a byte-order mark for Excel, CRLF line ends.
    let csv = csv.strip_prefix('\u{feff}').expect("BOM");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("mulai,selesai,nomor_tps,blok,pemilih,pengawal")
    );
    // The rows of each TPS add up to its voters.
    let mut per_tps = std::collections::BTreeMap::<u32, usize>::new();
    for l in lines {
        let cols: Vec<&str> = l.split(',').collect();
        *per_tps.entry(cols[2].parse().expect("tps")).or_default() +=
            cols[4].parse::<usize>().expect("n");
    }
    for t in &p.tps {
        assert_eq!(per_tps.get(&t.number).copied().unwrap_or(0), t.voters.len());
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
    assert_eq!(leftovers.len(), 1, "no temporary folder left behind");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]
    #[test]
    fn random_small_facilities_plan_and_verify(
        sizes in proptest::collection::vec(5usize..120, 1..5),
        women in 0usize..40,
        high in 0usize..6,
        walk in 1u32..8,
        max_tps in 1u32..3,
    ) {
        let mut b = FacilityBuilder::new("acak")
            .site("aula", "umum", max_tps, 4)
            .site("lapangan", "umum", 2, 4)
            .site("aula-w", "wanita", 1, 4)
            .block("W", "wanita")
            .path("W", "aula-w", 2.0, false)
            .escorts(80, Clock::hm(6, 0), Clock::hm(14, 0))
            .staff(60, &[StaffRole::Kpps], Clock::hm(6, 0), Clock::hm(18, 0));
        for (i, n) in sizes.iter().enumerate() {
            let id = format!("B{i}");
            b = b.block(&id, "umum")
                .path(&id, "aula", walk as f64, i % 2 == 0)
                .path(&id, "lapangan", (walk + i as u32) as f64, false)
                .voters(&id, *n, VoterSpec::man())
                .voters(&id, n / 8, VoterSpec::man().on(tpsplan::model::Category::Dptb));
        }
        b = b.voters("B0", high, VoterSpec::man().high_risk())
            .voters("W", women, VoterSpec::woman());
        let (f, voters) = b.build();
        match plan(&f, &voters, &opts()) {
            Ok(p) => {
                let v = verify(&f, &voters, &p);
                prop_assert!(v.is_empty(), "{:#?}", v);
                prop_assert!(p.solver.tps_lower_bound as usize <= p.tps.len());
            }
            Err(e) => {
                // Only capacity can make these infeasible: too many voters for the sites.
                let msg = e.to_string();
                prop_assert!(msg.contains("TPS lagi") || msg.contains("lokasi TPS lagi"), "{}", msg);
            }
        }
    }
}
