//! The checker: re-checks a plan against its inputs and the hard rules 1-9 of design.md,
//! one violation per broken rule, naming the TPS, wave or voter concerned in both
//! languages ([`Violation::render`]).
//!
//! - `mod.rs`: rules 1 (every voter once), 2 (cap), 3 (segregation), 4 (sites), 5
//!   (throughput), 6 (windows), 7 (escorts) and 9 (ballots, boxes, booths);
//! - `walk`: walking times recomputed with a plain Dijkstra over `facility.paths`, and
//!   each voter's window, so a mistake in the optimiser's layout cannot hide;
//! - `mixing`: which waves may not share a TPS at one time (rule 3);
//! - `staffing`: rule 8, crews and named duties against the roster, and the requests;
//! - `folder`: `tpsplan verify OUT`, the plan folder re-read and every file compared;
//! - `eligibility`: who may vote, on which list, with which ballots, derived again from
//!   the rosters, the ruleset and the reference tables with its own code;
//! - `ballots`: rule 9's ballots per TPS and the reserve, with its own arithmetic;
//! - `rows`: the rows of `kpu/pemilih.csv`, `kpu/surat_suara.csv` and `kpu/tps.csv`
//!   (and `kpu-rahasia/RAHASIA_pemilih.csv`), built from what it derived;
//! - `tests` (tests only): faulty plans and rows caught, and a scan of this module's
//!   source for the planner's code.
//!
//! What it shares with the planner: the input layer (`crate::input`, the [`Facility`]
//! it loads), the model types, the ruleset and reference data, and the plan's data
//! types (`crate::plan`, `crate::staffing::Staffing`, `crate::export::Table` as a plain
//! table of cells). Everything it checks (voters, lists, ballots, reserve, walking,
//! capacities, escorts, mixing, crews, the voters, ballots and TPS tables) is
//! re-derived by its own code. Still shared, so a bug there is not caught here: the
//! follow-ups (`kpu/tindak_lanjut.csv`, `kpu/tindak_lanjut_orang.csv`: reasons,
//! actions and deadlines from `eligibility::decide`/`follow_ups`) and the tables that
//! render plan.json or the roster without deciding anything (`kpu/dpt.csv`,
//! `kpu/dptb.csv`, `kpu/dpk.csv`, `kpu/model_a.csv`, `kpu/kpps.csv`, `petugas.csv`,
//! `kekurangan.csv`, `jadwal.csv`, the rest of `kpu-rahasia/`) are compared with what
//! the export code makes of the inputs and plan.json; who is on them, on which list,
//! is checked by the checker's own code (rule 1 against plan.json, rule 8), and
//! every non-voter it derives must be on `kpu/tindak_lanjut.csv`, and the `pemilih`
//! column of `kpu/tindak_lanjut_orang.csv` must say `ya` exactly for its voters.

use std::collections::{BTreeMap, BTreeSet};

use crate::facility::Facility;
use crate::lang::{Lang, Text, text};
use crate::model::{Clock, NodeId, RegNo, Voter, ZoneId};
use crate::plan::{Plan, Wave};
use crate::reference::Reference;

mod ballots;
mod eligibility;
mod folder;
mod mixing;
pub mod pins;
mod rows;
mod staffing;
#[cfg(test)]
mod tests;
mod violation;
mod walk;

pub use folder::{FolderCheck, check_folder, load_inputs};
use mixing::conflict;
use staffing::*;
pub use violation::Violation;
use violation::{Out, join};
use walk::*;

/// Checks `plan` against the facility and the hard rules, deriving the voters, their
/// lists and ballots again from the inputs ([`eligibility::derive`]).
pub fn verify(facility: &Facility, reference: &Reference, plan: &Plan) -> Vec<Violation> {
    verify_with_voters(
        facility,
        &eligibility::derive(facility, reference).voters,
        plan,
    )
}

/// Checks `plan` against the hard rules with voters the caller gives instead of those
/// derived from the rosters: for synthetic facilities built in code without a roster
/// (`crate::testing`, the optimiser benchmark). Who may vote is then the caller's word.
pub fn verify_with_voters(facility: &Facility, voters: &[Voter], plan: &Plan) -> Vec<Violation> {
    let mut out = Out(Vec::new());
    let r = &facility.rules;
    let by_reg: BTreeMap<&RegNo, &Voter> = voters.iter().map(|v| (&v.reg_no, v)).collect();

    // Rule 1: every voter registered exactly once, nobody else.
    let mut registered: BTreeMap<&RegNo, u32> = BTreeMap::new();
    let mut tps_of: BTreeMap<&RegNo, u32> = BTreeMap::new();
    for t in &plan.tps {
        for rv in &t.voters {
            *registered.entry(&rv.reg_no).or_default() += 1;
            tps_of.insert(&rv.reg_no, t.number);
            match by_reg.get(&rv.reg_no) {
                None => out.push(
                    1,
                    Some(t.number),
                    None,
                    Some(&rv.reg_no),
                    text!(
                        "terdaftar tetapi bukan pemilih yang berhak",
                        "registered but not an eligible voter"
                    ),
                ),
                Some(v) => {
                    if v.block != rv.block || v.category != rv.category {
                        out.push(
                            1,
                            Some(t.number),
                            None,
                            Some(&rv.reg_no),
                            text!(
                                "blok/kategori di rencana ({}, {}) berbeda dari data ({}, {})",
                                "block/category in the plan ({}, {}) differs from the data ({}, {})",
                                rv.block, rv.category, v.block, v.category
                            ),
                        );
                    }
                }
            }
        }
    }
    for v in voters {
        match registered.get(&v.reg_no).copied().unwrap_or(0) {
            0 => out.push(
                1,
                None,
                None,
                Some(&v.reg_no),
                text!(
                    "pemilih yang berhak tidak terdaftar di TPS mana pun",
                    "eligible voter registered at no TPS"
                ),
            ),
            1 => {}
            n => out.push(
                1,
                None,
                None,
                Some(&v.reg_no),
                text!("terdaftar di {n} TPS", "registered at {n} TPS"),
            ),
        }
    }
    // Every registered voter votes in exactly one wave of their own TPS, fetched from
    // where they are.
    let mut voted: BTreeMap<&RegNo, u32> = BTreeMap::new();
    let clinic = facility
        .nodes
        .iter()
        .find(|n| n.kind == crate::model::NodeKind::Klinik)
        .map(|n| &n.id);
    for (i, w) in plan.waves.iter().enumerate() {
        if w.voters as usize != w.reg_nos.len() {
            out.push(
                1,
                Some(w.tps),
                Some(i),
                None,
                text!(
                    "gelombang mencatat {} pemilih tetapi menyebut {} nama",
                    "wave records {} voters but names {}",
                    w.voters,
                    w.reg_nos.len()
                ),
            );
        }
        for reg in &w.reg_nos {
            *voted.entry(reg).or_default() += 1;
            if tps_of.get(reg) != Some(&w.tps) {
                out.push(
                    1,
                    Some(w.tps),
                    Some(i),
                    Some(reg),
                    text!(
                        "memilih di TPS tempat ia tidak terdaftar",
                        "votes at a TPS where they are not registered"
                    ),
                );
            }
            if let Some(v) = by_reg.get(reg) {
                let place = place_of(facility, clinic, v);
                if place != &w.block {
                    out.push(
                        1,
                        Some(w.tps),
                        Some(i),
                        Some(reg),
                        text!(
                            "dijemput atau dikunjungi di {} padahal berada di {place}",
                            "fetched or visited at {} while they are at {place}",
                            w.block
                        ),
                    );
                }
            }
        }
    }
    for reg in registered.keys() {
        match voted.get(reg).copied().unwrap_or(0) {
            1 => {}
            0 => out.push(
                1,
                tps_of.get(reg).copied(),
                None,
                Some(reg),
                text!(
                    "terdaftar tetapi tidak ada di jadwal",
                    "registered but not in the schedule"
                ),
            ),
            n => out.push(
                1,
                tps_of.get(reg).copied(),
                None,
                Some(reg),
                text!("ada di {n} gelombang", "in {n} waves"),
            ),
        }
    }

    // Rule 2: cap.
    for t in &plan.tps {
        if t.voters.len() as u32 > r.tps.maks_pemilih {
            out.push(
                2,
                Some(t.number),
                None,
                None,
                text!(
                    "{} pemilih terdaftar, melebihi batas {}",
                    "{} voters registered, over the limit of {}",
                    t.voters.len(),
                    r.tps.maks_pemilih
                ),
            );
        }
    }

    // Rule 3: segregation.
    let sep = &r.pemisahan;
    for t in &plan.tps {
        // Officers (pemilih lain) are kept apart from nobody.
        let vs: Vec<&Voter> = t
            .voters
            .iter()
            .filter_map(|rv| by_reg.get(&rv.reg_no).copied())
            .filter(|v| !v.other)
            .collect();
        let distinct =
            |f: &dyn Fn(&Voter) -> bool| vs.iter().map(|v| f(v)).collect::<BTreeSet<_>>().len() > 1;
        if sep.jenis_kelamin_tps_terpisah
            && vs.iter().map(|v| v.sex).collect::<BTreeSet<_>>().len() > 1
        {
            out.push(
                3,
                Some(t.number),
                None,
                None,
                text!(
                    "pemilih laki-laki dan perempuan di satu TPS",
                    "male and female voters at one TPS"
                ),
            );
        }
        if sep.anak_tps_terpisah && distinct(&|v| v.juvenile) {
            out.push(
                3,
                Some(t.number),
                None,
                None,
                text!(
                    "pemilih anak dan dewasa di satu TPS",
                    "juvenile and adult voters at one TPS"
                ),
            );
        }
        if sep.risiko_tinggi_tps_terpisah && distinct(&|v| v.high_risk) {
            out.push(
                3,
                Some(t.number),
                None,
                None,
                text!(
                    "pemilih risiko tinggi dan lainnya di satu TPS",
                    "high-risk and other voters at one TPS"
                ),
            );
        }
        for s in facility.info.separations.iter().filter(|s| s.separate_tps) {
            let here: BTreeSet<&NodeId> = vs
                .iter()
                .map(|v| &v.block)
                .filter(|b| s.blocks.contains(b))
                .collect();
            if here.len() > 1 {
                out.push(3, Some(t.number), None, None, {
                    let blocks: Vec<Text> = here.iter().map(|b| b.as_str().into()).collect();
                    let blocks = join(&blocks, " dan ", " and ");
                    Text::new(
                        format!("blok {} tidak boleh berbagi TPS ({})", blocks.id, s.reason),
                        format!("blocks {} may not share a TPS ({})", blocks.en, s.reason),
                    )
                });
            }
        }
    }
    // Time separation: walking waves at one TPS that overlap in time.
    let walking: Vec<(usize, &Wave)> = plan
        .waves
        .iter()
        .enumerate()
        .filter(|(_, w)| !w.mobile)
        .collect();
    let mut by_tps: BTreeMap<u32, Vec<(usize, &Wave)>> = BTreeMap::new();
    for &(i, w) in &walking {
        by_tps.entry(w.tps).or_default().push((i, w));
    }
    for (tps, ws) in &by_tps {
        for &(i, w) in ws {
            // Voters walking together in one wave are together in time as well.
            if let Some(why) = conflict(facility, &by_reg, w, w) {
                out.push(
                    3,
                    Some(*tps),
                    Some(i),
                    None,
                    why.map(|lang, why| match lang {
                        Lang::Id => format!("dalam satu gelombang: {why}"),
                        Lang::En => format!("within one wave: {why}"),
                    }),
                );
            }
        }
        for (a, &(i, wi)) in ws.iter().enumerate() {
            for &(j, wj) in &ws[a + 1..] {
                if wi.start < wj.end
                    && wj.start < wi.end
                    && let Some(why) = conflict(facility, &by_reg, wi, wj)
                {
                    out.push(
                        3,
                        Some(*tps),
                        Some(j),
                        None,
                        why.map(|lang, why| match lang {
                            Lang::Id => {
                                format!("pada waktu yang sama dengan gelombang {}: {why}", i + 1)
                            }
                            Lang::En => format!("at the same time as wave {}: {why}", i + 1),
                        }),
                    );
                }
            }
        }
    }

    // Rule 4: sites.
    let mut per_site: BTreeMap<&NodeId, u32> = BTreeMap::new();
    for t in &plan.tps {
        *per_site.entry(&t.site).or_default() += 1;
        let Some(node) = facility.node(&t.site) else {
            out.push(
                4,
                Some(t.number),
                None,
                None,
                text!(
                    "lokasi {} tidak ada di layout",
                    "site {} is not in the layout",
                    t.site
                ),
            );
            continue;
        };
        if facility.scenario.closed_sites.contains(&t.site) {
            out.push(
                4,
                Some(t.number),
                None,
                None,
                text!(
                    "lokasi {} ditutup oleh skenario",
                    "site {} is closed by the scenario",
                    t.site
                ),
            );
        }
        let blocks: BTreeSet<&NodeId> = t.voters.iter().map(|v| &v.block).collect();
        for b in blocks {
            let Some(bn) = facility.node(b) else { continue };
            let zones: BTreeSet<ZoneId> = match facility.info.zone_access.get(&bn.zone) {
                Some(l) => l.iter().cloned().collect(),
                None => std::iter::once(bn.zone.clone()).collect(),
            };
            if !zones.contains(&node.zone) {
                out.push(
                    4,
                    Some(t.number),
                    None,
                    None,
                    text!(
                        "blok {b} (zona {}) tidak boleh memakai lokasi {} (zona {})",
                        "block {b} (zone {}) may not use site {} (zone {})",
                        bn.zone,
                        t.site,
                        node.zone
                    ),
                );
            }
        }
    }
    for (site, n) in &per_site {
        let max = facility.node(site).map(|s| s.max_tps).unwrap_or(0);
        if *n > max {
            out.push(
                4,
                None,
                None,
                None,
                text!(
                    "lokasi {site} memuat {n} TPS, paling banyak {max}",
                    "site {site} holds {n} TPS, at most {max}"
                ),
            );
        }
    }

    // Rule 5: throughput per TPS and slot.
    let mpv = facility
        .scenario
        .minutes_per_voter
        .unwrap_or(r.tps.menit_per_pemilih);
    let tps_by_no: BTreeMap<u32, &crate::plan::Tps> =
        plan.tps.iter().map(|t| (t.number, t)).collect();
    for (tps, ws) in &by_tps {
        let booths = tps_by_no.get(tps).map(|t| t.booths).unwrap_or(0);
        let mut slots: BTreeMap<(Clock, Clock), u32> = BTreeMap::new();
        for (_, w) in ws {
            *slots.entry((w.start, w.end)).or_default() += w.voters;
        }
        let keys: Vec<(Clock, Clock)> = slots.keys().copied().collect();
        for (k, &(s, e)) in keys.iter().enumerate() {
            let n = slots[&(s, e)];
            let max = booths as f64 * (e.0 as f64 - s.0 as f64) / mpv;
            if n as f64 > max + 1e-9 {
                out.push(
                    5,
                    Some(*tps),
                    None,
                    None,
                    text!(
                        "{n} pemilih antara {s} dan {e}, bilik hanya cukup untuk {}",
                        "{n} voters between {s} and {e}, the booths suffice for only {}",
                        max.floor()
                    ),
                );
            }
            for &(s2, e2) in &keys[k + 1..] {
                if s < e2 && s2 < e {
                    out.push(5, Some(*tps), None, None, text!(
                        "slot {s}-{e} dan {s2}-{e2} bertumpuk sehingga kapasitas bilik tidak dapat diperiksa",
                        "slots {s}-{e} and {s2}-{e2} overlap, so booth capacity cannot be checked"
                    ));
                }
            }
        }
    }

    // Rule 6: windows.
    let open = r.jam.buka;
    let last = r.last_voting_minute();
    for (i, w) in plan.waves.iter().enumerate() {
        if w.start >= w.end {
            out.push(
                6,
                Some(w.tps),
                Some(i),
                None,
                text!(
                    "gelombang {}-{} tidak punya durasi",
                    "wave {}-{} has no duration",
                    w.start,
                    w.end
                ),
            );
        }
        if !w.mobile && (w.start < open || w.end > last) {
            out.push(
                6,
                Some(w.tps),
                Some(i),
                None,
                text!(
                    "gelombang {}-{} di luar {open}-{last}",
                    "wave {}-{} outside {open}-{last}",
                    w.start,
                    w.end
                ),
            );
        }
        for reg in &w.reg_nos {
            let Some(v) = by_reg.get(reg) else { continue };
            let (a, b) = window(facility, v);
            if mobile(facility, v) != w.mobile {
                out.push(6, Some(w.tps), Some(i), Some(reg), if w.mobile {
                    text!(
"dilayani kunjungan padahal dapat berjalan ke TPS",
"served by a visit although able to walk to the TPS"
)
                } else {
                    text!(
"tidak dapat berpindah (klinik, risiko, blok dikunci) tetapi dijadwalkan berjalan ke TPS",
"cannot move (clinic, risk, locked block) but scheduled to walk to the TPS"
)
                });
            }
            if w.start < a || w.end > b {
                out.push(
                    6,
                    Some(w.tps),
                    Some(i),
                    Some(reg),
                    text!(
                        "memilih {}-{} di luar jendelanya {a}-{b} ({})",
                        "votes {}-{} outside their window {a}-{b} ({})",
                        w.start,
                        w.end,
                        v.category
                    ),
                );
            }
        }
    }

    // Rule 7: escorts per wave and on duty.
    let e = &r.pengawalan;
    let capacity = match &plan.staffing {
        Some(st) => named_escort_capacity(facility, st),
        None => escort_capacity(facility, plan.tps.len() as u32),
    };
    let mut busy = vec![0i64; 24 * 60];
    let mut walks: BTreeMap<&NodeId, BTreeMap<NodeId, f64>> = BTreeMap::new();
    for (i, w) in plan.waves.iter().enumerate() {
        let high = w
            .reg_nos
            .iter()
            .any(|reg| by_reg.get(reg).is_some_and(|v| v.high_risk));
        let unescorted = !w.reg_nos.is_empty()
            && w.reg_nos
                .iter()
                .all(|reg| by_reg.get(reg).is_some_and(|v| v.other));
        let need = if unescorted {
            0
        } else if w.mobile {
            if high {
                e.petugas_per_wbp_risiko_tinggi
            } else {
                1u32.div_ceil(e.wbp_per_pengawal.max(1))
            }
        } else if high {
            w.voters * e.petugas_per_wbp_risiko_tinggi
        } else {
            w.voters.div_ceil(e.wbp_per_pengawal.max(1))
        };
        if w.escorts < need {
            out.push(
                7,
                Some(w.tps),
                Some(i),
                None,
                text!(
                    "{} pengawal, dibutuhkan {need}",
                    "{} escorts, {need} needed",
                    w.escorts
                ),
            );
        }
        if !w.mobile && w.voters > e.maks_gelombang {
            out.push(
                7,
                Some(w.tps),
                Some(i),
                None,
                text!(
                    "gelombang {} orang, paling banyak {}",
                    "wave of {} people, at most {}",
                    w.voters,
                    e.maks_gelombang
                ),
            );
        }
        let Some(site) = tps_by_no.get(&w.tps).map(|t| &t.site) else {
            out.push(
                7,
                Some(w.tps),
                Some(i),
                None,
                text!(
                    "TPS gelombang tidak ada di rencana",
                    "the wave's TPS is not in the plan"
                ),
            );
            continue;
        };
        let dist = walks
            .entry(&w.block)
            .or_insert_with(|| walking_minutes(facility, &w.block));
        let Some(&walk) = dist.get(site) else {
            out.push(
                7,
                Some(w.tps),
                Some(i),
                None,
                text!(
                    "tidak ada jalan dari blok {} ke {site}",
                    "no path from block {} to {site}",
                    w.block
                ),
            );
            continue;
        };
        let a = w.start.0 as f64 - walk;
        let b = w.end.0 as f64 + walk;
        let from = (a + 1e-9).floor() as i64;
        let to = ((b - 1e-9).ceil() as i64).max(from + 1);
        for m in from.max(0)..to.min(busy.len() as i64) {
            busy[m as usize] += w.escorts as i64;
        }
    }
    // Officers to be requested (listed in `kekurangan`) count as on duty.
    let capacity: Vec<i64> = {
        let a = listed_profile(plan, "pengawal", false);
        let b = listed_profile(plan, "pengawal", true);
        let c = listed_profile(plan, "pengawal_kunjungan", false);
        let d = listed_profile(plan, "pengawal_kunjungan", true);
        (0..capacity.len())
            .map(|m| capacity[m] + a[m] + b[m] + c[m] + d[m])
            .collect()
    };
    let mut m = 0;
    while m < busy.len() {
        if busy[m] > capacity[m] {
            let start = m;
            let mut worst = 0;
            while m < busy.len() && busy[m] > capacity[m] {
                worst = worst.max(busy[m] - capacity[m]);
                m += 1;
            }
            out.push(
                7,
                None,
                None,
                None,
                text!(
                    "pengawal yang bertugas kurang {worst} orang antara {} dan {}",
                    "escorts on duty {worst} short between {} and {}",
                    Clock(start as u16),
                    Clock(m as u16)
                ),
            );
        } else {
            m += 1;
        }
    }

    // Rule 8: KPPS crews, and every named assignment against the roster.
    if let Some(st) = &plan.staffing {
        check_staffing(facility, plan, st, &mut walks, &mut out);
    }

    // Rule 9: ballots, boxes, booths.
    for t in &plan.tps {
        let vs: Vec<&Voter> = t
            .voters
            .iter()
            .filter_map(|rv| by_reg.get(&rv.reg_no).copied())
            .collect();
        ballots::check(r, t, &vs, &mut out);
        if t.boxes != r.tps.kotak {
            out.push(
                9,
                Some(t.number),
                None,
                None,
                text!(
                    "{} kotak suara, seharusnya {}",
                    "{} ballot boxes, should be {}",
                    t.boxes,
                    r.tps.kotak
                ),
            );
        }
        let booths = facility
            .node(&t.site)
            .map(|n| if n.booths > 0 { n.booths } else { r.tps.bilik })
            .unwrap_or(r.tps.bilik);
        if t.booths != booths {
            out.push(
                9,
                Some(t.number),
                None,
                None,
                text!(
                    "{} bilik, lokasi {} menyediakan {booths}",
                    "{} booths, site {} provides {booths}",
                    t.booths,
                    t.site
                ),
            );
        }
    }
    // Rule 10: the hand edits of penyesuaian.csv appear as stated.
    for b in pins::breaches(facility, voters, plan) {
        let message = Text::new(
            format!(
                "penyesuaian.csv baris {}: {}",
                b.line,
                b.message.get(Lang::Id)
            ),
            format!(
                "penyesuaian.csv line {}: {}",
                b.line,
                b.message.get(Lang::En)
            ),
        );
        out.push(10, b.tps, None, None, message);
    }
    out.0
}
