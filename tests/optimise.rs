//! The optimiser end to end: plans verify, broken plans are caught rule by rule,
//! infeasible facilities are explained, plan folders are written whole.

mod common;

use std::time::Duration;

use common::{FacilityBuilder, VoterSpec, small};
use proptest::prelude::*;
use tpsplan::model::{Clock, StaffRole};
use tpsplan::optimise::{PlanOptions, plan};
use tpsplan::plan::{read_plan, write_plan_folder};
use tpsplan::verify::verify_with_voters as verify;

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

    // Rule 3 within one wave: a woman walked over in a men's wave.
    let mut p = good.clone();
    let registered = p.tps[women].voters.pop().expect("woman");
    let woman = registered.reg_no.clone();
    p.tps[men].voters.push(registered);
    for w in p.waves.iter_mut() {
        if let Some(i) = w.reg_nos.iter().position(|r| *r == woman) {
            w.reg_nos.remove(i);
            w.voters -= 1;
        }
    }
    let t = p.tps[men].number;
    let w = p
        .waves
        .iter_mut()
        .find(|w| w.tps == t && !w.mobile)
        .expect("men's wave");
    w.reg_nos.push(woman);
    w.voters += 1;
    let v = verify(&f, &voters, &p);
    assert!(
        v.iter()
            .any(|v| v.rule == 3 && v.message.id.contains("dalam satu gelombang")),
        "{v:#?}"
    );

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
fn clinic_voters_are_visited_in_the_clinic_in_its_window() {
    // Two blocks with a patient each: the team goes to the clinic once, 12:00-12:45,
    // and verify accepts the clinic as where they are.
    let (f, voters) = FacilityBuilder::new("klinik")
        .block("A", "umum")
        .block("B", "umum")
        .node("klinik", tpsplan::model::NodeKind::Klinik, "umum", 0, 0)
        .site("aula", "umum", 1, 4)
        .path("A", "aula", 2.0, false)
        .path("B", "aula", 6.0, false)
        .path("klinik", "aula", 3.0, false)
        .voters("A", 40, VoterSpec::man())
        .voters("A", 1, VoterSpec::man().clinic())
        .voters("B", 30, VoterSpec::man())
        .voters("B", 2, VoterSpec::man().clinic())
        .escorts(20, Clock::hm(6, 0), Clock::hm(14, 0))
        .build();
    let p = plan(&f, &voters, &opts()).expect("a plan");
    let visits: Vec<_> = p.waves.iter().filter(|w| w.mobile).collect();
    assert_eq!(visits.len(), 1, "{visits:?}");
    assert_eq!(visits[0].block.as_str(), "klinik");
    assert_eq!(visits[0].voters, 3);
    assert!(visits[0].start >= Clock::hm(12, 0) && visits[0].end <= Clock::hm(12, 45));
    assert!(verify(&f, &voters, &p).is_empty());
    // Moved back to a block, verify names where the voters really are.
    let mut broken = p.clone();
    for w in broken.waves.iter_mut().filter(|w| w.mobile) {
        w.block = "A".into();
    }
    assert!(rules_named(&verify(&f, &voters, &broken)).contains(&1));
}

#[test]
fn visits_beyond_the_teams_time_name_the_blocks_and_the_fixes() {
    // 40 voters who cannot move, 10 minutes each, one team: 400 minutes in a day of
    // 345 (07:00-12:45) at the only TPS the site may open. Walking voters elsewhere fit.
    let (f, voters) = FacilityBuilder::new("kunjungan-penuh")
        .block("A", "umum")
        .block("K", "umum")
        .site("aula", "umum", 1, 4)
        .path("A", "aula", 2.0, false)
        .path("K", "aula", 3.0, false)
        .voters("A", 20, VoterSpec::man())
        .voters("K", 40, VoterSpec::man().mobile())
        .escorts(40, Clock::hm(6, 0), Clock::hm(14, 0))
        .build();
    let e = plan(&f, &voters, &opts()).expect_err("infeasible");
    let msg = e.to_string();
    assert!(!msg.contains("pemecah MILP gagal"), "{msg}");
    assert!(msg.contains("blok K") && msg.contains("kunjungan"), "{msg}");
    assert!(
        msg.contains("TPS lagi") && msg.contains("ptps_per_tps"),
        "{msg}"
    );
}

#[test]
fn the_tps_bound_counts_a_zone_that_must_vote_at_its_own_site() {
    // 250 men of zone umum and 10 of zone maks (no access to the aula): one class of
    // 260 voters, one TPS by the cap alone (276 a day), but the zones need a TPS each. The bound
    // shown says 2 (the registration model counted), not 1.
    let (f, voters) = FacilityBuilder::new("zona-maks")
        .block("A", "umum")
        .block("M", "maks")
        .site("aula", "umum", 2, 4)
        .site("ruang-maks", "maks", 1, 2)
        .path("A", "aula", 2.0, false)
        .path("M", "ruang-maks", 1.0, false)
        .voters("A", 250, VoterSpec::man())
        .voters("M", 10, VoterSpec::man())
        .escorts(60, Clock::hm(6, 0), Clock::hm(14, 0))
        .build();
    let p = plan(&f, &voters, &opts()).expect("feasible");
    assert!(verify(&f, &voters, &p).is_empty());
    assert_eq!(p.solver.classes.len(), 1);
    assert_eq!(p.solver.classes[0].trivial, 1);
    assert_eq!(p.tps.len(), 2);
    assert_eq!(p.solver.tps_lower_bound, 2);
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
                prop_assert!(
                    p.solver.lower_bound <= p.objective.total * (1.0 + 1e-9) + 1e-9,
                    "bound {} above the objective {}", p.solver.lower_bound, p.objective.total
                );
            }
            Err(e) => {
                // Only capacity can make these infeasible: too many voters for the sites.
                let msg = e.to_string();
                prop_assert!(msg.contains("TPS lagi") || msg.contains("lokasi TPS lagi"), "{}", msg);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, .. ProptestConfig::default() })]
    /// Facilities with every kind of voter the bound treats on its own (late windows,
    /// high risk, visits, women, blocks kept apart) never get a bound above their plan.
    #[test]
    fn the_lower_bound_never_exceeds_the_objective_on_random_facilities(
        sizes in proptest::collection::vec(10usize..160, 2..7),
        late in 0usize..25,
        high in 0usize..12,
        visited in 0usize..6,
        women in 0usize..60,
        walk in 1u32..9,
        sites in 1u32..4,
        apart in proptest::bool::ANY,
    ) {
        let mut b = FacilityBuilder::new("acak-batas")
            .site("aula", "umum", sites, 4)
            .site("lapangan", "umum", 2, 4)
            .site("masjid", "umum", 1, 3)
            .site("aula-w", "wanita", 1, 4)
            .block("W", "wanita")
            .path("W", "aula-w", 2.0, false)
            .escorts(120, Clock::hm(6, 0), Clock::hm(14, 0))
            .staff(80, &[StaffRole::Kpps], Clock::hm(6, 0), Clock::hm(18, 0));
        for (i, n) in sizes.iter().enumerate() {
            let id = format!("B{i}");
            b = b.block(&id, "umum")
                .path(&id, "aula", walk as f64, i % 2 == 0)
                .path(&id, "lapangan", (walk + i as u32) as f64, false)
                .path(&id, "masjid", (walk + 2) as f64, true)
                .voters(&id, *n, VoterSpec::man())
                .voters(&id, late.min(*n / 3), VoterSpec::man().on(tpsplan::model::Category::Dptb))
                .voters(&id, late.min(*n / 10), VoterSpec::man().on(tpsplan::model::Category::Dpk));
        }
        b = b.voters("B0", high, VoterSpec::man().high_risk())
            .voters("B1", visited, VoterSpec::man().mobile())
            .voters("W", women, VoterSpec::woman());
        if apart {
            b = b.separation(&["B0", "B1"], true);
        }
        let (f, voters) = b.build();
        if let Ok(p) = plan(&f, &voters, &opts()) {
            prop_assert!(verify(&f, &voters, &p).is_empty());
            prop_assert!(
                p.solver.lower_bound <= p.objective.total * (1.0 + 1e-9) + 1e-9,
                "bound {} above the objective {}", p.solver.lower_bound, p.objective.total
            );
            prop_assert!((0.0..=1.0).contains(&p.solver.gap));
        }
    }
}

/// The least objective of a tiny facility by brute force over every plan of the
/// optimiser's kind, computed here from the rules of design.md: one site holding up to
/// `max_tps` TPS of one booth (3 voters a slot), two slots, blocks of adult men on the
/// DPT, escorts in plenty. Every split of each block's voters over the TPS and of each
/// TPS's voters over the slots is tried; a wave is a block's voters at a TPS in a slot
/// with one escort (at most 10 voters) busy for the slot and the walk both ways.
#[allow(clippy::needless_range_loop)]
fn brute_force_optimum(sizes: &[u32], walks: &[u32], max_tps: u32) -> f64 {
    const SLOT_CAP: u32 = 3;
    const SLOTS: usize = 2;
    const SLOT_MINUTES: f64 = 15.0;
    let w = (1000.0, 50.0, 0.01, 0.01, 0.05, 0.001);
    let mut best = f64::INFINITY;
    for n in 1..=max_tps as usize {
        // Voters of each block at each TPS.
        let mut regs: Vec<Vec<Vec<u32>>> = vec![vec![]];
        for &size in sizes {
            let mut next = Vec::new();
            for r in &regs {
                for split in compositions(size, n) {
                    let mut r2 = r.clone();
                    r2.push(split);
                    next.push(r2);
                }
            }
            regs = next;
        }
        for reg in regs {
            // reg[b][t]: voters of block b at TPS t.
            let loads: Vec<u32> = (0..n).map(|t| reg.iter().map(|b| b[t]).sum()).collect();
            if loads.iter().any(|&l| l == 0 || l > SLOT_CAP * SLOTS as u32) {
                continue;
            }
            let splits: u32 = reg
                .iter()
                .map(|b| b.iter().filter(|&&v| v > 0).count() as u32 - 1)
                .sum();
            let imbalance = loads.iter().max().unwrap() - loads.iter().min().unwrap();
            let walk: f64 = sizes
                .iter()
                .zip(walks)
                .map(|(&s, &wk)| (s * wk) as f64)
                .sum();
            // Each TPS on its own: the slots of its blocks' voters, least escort-minutes
            // first, then the earliest end.
            let mut escort = 0.0;
            let mut finish = 0.0f64;
            for t in 0..n {
                let mut best_t: Option<(f64, f64)> = None;
                let blocks: Vec<usize> = (0..sizes.len()).filter(|&b| reg[b][t] > 0).collect();
                for first in slot_splits(&blocks.iter().map(|&b| reg[b][t]).collect::<Vec<_>>()) {
                    // first[i]: voters of blocks[i] in slot 0, the rest in slot 1.
                    let in0: u32 = first.iter().sum();
                    let in1: u32 = blocks.iter().map(|&b| reg[b][t]).sum::<u32>() - in0;
                    if in0 > SLOT_CAP || in1 > SLOT_CAP {
                        continue;
                    }
                    let mut minutes = 0.0;
                    let mut end: f64 = 0.0;
                    for (i, &b) in blocks.iter().enumerate() {
                        let busy = SLOT_MINUTES + 2.0 * walks[b] as f64;
                        if first[i] > 0 {
                            minutes += busy;
                            end = end.max(SLOT_MINUTES);
                        }
                        if reg[b][t] > first[i] {
                            minutes += busy;
                            end = end.max(2.0 * SLOT_MINUTES);
                        }
                    }
                    let key = (minutes, end);
                    if best_t.is_none_or(|bt| key < bt) {
                        best_t = Some(key);
                    }
                }
                let Some((m, e)) = best_t else {
                    escort = f64::INFINITY;
                    break;
                };
                escort += m;
                finish = finish.max(e);
            }
            let total = w.0 * n as f64
                + w.1 * splits as f64
                + w.2 * walk
                + w.3 * escort
                + w.4 * imbalance as f64
                + w.5 * finish;
            best = best.min(total);
        }
    }
    best
}

/// Every way of writing `total` as `parts` ordered non-negative counts.
fn compositions(total: u32, parts: usize) -> Vec<Vec<u32>> {
    if parts == 1 {
        return vec![vec![total]];
    }
    let mut out = Vec::new();
    for first in 0..=total {
        for mut rest in compositions(total - first, parts - 1) {
            rest.insert(0, first);
            out.push(rest);
        }
    }
    out
}

/// Every choice of how many of each count go first.
fn slot_splits(counts: &[u32]) -> Vec<Vec<u32>> {
    let mut out = vec![vec![]];
    for &c in counts {
        let mut next = Vec::new();
        for o in &out {
            for k in 0..=c {
                let mut o2 = o.clone();
                o2.push(k);
                next.push(o2);
            }
        }
        out = next;
    }
    out
}

#[test]
fn on_tiny_facilities_the_bound_is_at_most_the_brute_force_optimum() {
    let cases: [(&[u32], &[u32], u32); 6] = [
        (&[2], &[3], 1),
        (&[4], &[2], 2),
        (&[3, 2], &[1, 4], 2),
        (&[5, 4], &[2, 5], 2),
        (&[3, 3, 2], &[1, 2, 3], 2),
        (&[6, 5], &[3, 1], 2),
    ];
    for (sizes, walks, max_tps) in cases {
        let mut b = FacilityBuilder::new("mungil")
            .rule("[jam]\nbuka = \"07:00\"\ntutup = \"07:45\"\njeda_tutup_menit = 15")
            .site("aula", "umum", max_tps, 1)
            .escorts(40, Clock::hm(6, 0), Clock::hm(14, 0))
            .staff(20, &[StaffRole::Kpps], Clock::hm(6, 0), Clock::hm(18, 0));
        for (i, (&n, &wk)) in sizes.iter().zip(walks).enumerate() {
            let id = format!("B{i}");
            b = b
                .block(&id, "umum")
                .path(&id, "aula", wk as f64, false)
                .voters(&id, n as usize, VoterSpec::man());
        }
        let (f, voters) = b.build();
        let optimum = brute_force_optimum(sizes, walks, max_tps);
        let p = plan(&f, &voters, &opts()).expect("feasible");
        assert!(verify(&f, &voters, &p).is_empty());
        assert!(
            p.solver.lower_bound <= optimum + 1e-9,
            "{sizes:?}: bound {} above the optimum {optimum}",
            p.solver.lower_bound
        );
        assert!(
            p.objective.total >= optimum - 1e-9,
            "{sizes:?}: plan {} below the brute-force optimum {optimum}",
            p.objective.total
        );
    }
}

#[test]
fn waves_wait_for_escorts_who_come_on_duty_later_instead_of_failing() {
    // No escort before 09:00: every wave walks afterwards, which the day still allows
    // (290 voters, two TPS of 12 a slot, 14 slots from 09:15 to 12:45: room for 336).
    let (f, voters) = FacilityBuilder::new("pengawal-siang")
        .block("A", "umum")
        .block("B", "umum")
        .site("aula", "umum", 2, 4)
        .path("A", "aula", 4.0, false)
        .path("B", "aula", 6.0, false)
        .voters("A", 150, VoterSpec::man())
        .voters("B", 140, VoterSpec::man())
        .escorts(12, Clock::hm(9, 0), Clock::hm(17, 0))
        .staff(20, &[StaffRole::Kpps], Clock::hm(6, 0), Clock::hm(18, 0))
        .build();
    let p = plan(&f, &voters, &opts()).expect("a schedule after 09:00 exists");
    assert!(verify(&f, &voters, &p).is_empty());
    for w in &p.waves {
        let walk = if w.block.as_str() == "A" { 4 } else { 6 };
        assert!(
            w.start.0 >= Clock::hm(9, 0).0 + walk,
            "wave at {} leaves before the escorts come",
            w.start
        );
    }
}

/// Issue 12, 2024 practice: with the ruleset's defaults women vote at a TPS they may
/// share with men, in waves of their own (never at the same TPS at the same time);
/// where the layout lets them share, the plan needs no TPS of their own.
#[test]
fn women_share_a_tps_in_waves_of_their_own_under_the_2024_defaults() {
    let build = || {
        FacilityBuilder::new("berbagi")
            .block("A", "umum")
            .block("W", "umum")
            .site("aula", "umum", 2, 4)
            .path("A", "aula", 3.0, false)
            .path("W", "aula", 2.0, false)
            .voters("A", 200, VoterSpec::man())
            .voters("W", 40, VoterSpec::woman())
            .escorts(40, Clock::hm(6, 0), Clock::hm(14, 0))
            .staff(20, &[StaffRole::Kpps], Clock::hm(6, 0), Clock::hm(18, 0))
            .build()
    };
    let (f, voters) = build();
    assert!(!f.rules.pemisahan.jenis_kelamin_tps_terpisah);
    let p = plan(&f, &voters, &opts()).expect("feasible");
    assert!(
        verify(&f, &voters, &p).is_empty(),
        "{:#?}",
        verify(&f, &voters, &p)
    );
    assert_eq!(p.tps.len(), 1, "240 voters share one TPS");
    // The switch gives women a TPS of their own.
    let (mut own, voters2) = build();
    own.rules.pemisahan.jenis_kelamin_tps_terpisah = true;
    let separate = plan(&own, &voters2, &opts()).expect("feasible");
    assert_eq!(separate.tps.len(), 2);
    // No minute with women and men voting at the shared TPS.
    let woman: std::collections::BTreeSet<&str> = voters
        .iter()
        .filter(|v| v.sex == tpsplan::model::Sex::P)
        .map(|v| v.reg_no.as_str())
        .collect();
    let women_waves = p
        .waves
        .iter()
        .filter(|w| w.reg_nos.iter().any(|r| woman.contains(r.as_str())))
        .count();
    assert!(women_waves > 0);
    for a in &p.waves {
        for b in &p.waves {
            let (wa, wb) = (
                a.reg_nos.iter().any(|r| woman.contains(r.as_str())),
                b.reg_nos.iter().any(|r| woman.contains(r.as_str())),
            );
            if a.tps == b.tps && wa != wb {
                assert!(
                    a.end <= b.start || b.end <= a.start,
                    "women and men at TPS {} at once: {a:?} {b:?}",
                    a.tps
                );
            }
        }
    }
}
