//! The plan assembled from the concrete TPS and the schedule: TPS numbers, voters,
//! ballots, waves and the objective the plan reports.

use super::*;

/// Names the voters, builds TPS and waves, and evaluates the objective.
pub(super) fn assemble(
    facility: &Facility,
    voters: &[Voter],
    layout: &Layout,
    groups: &Groups,
    copies: &[Copy],
    planned: &[PlannedWave],
) -> Plan {
    let r = &facility.rules;
    let first = r.tps.nomor_awal;
    let by_reg: BTreeMap<&RegNo, &Voter> = voters.iter().map(|v| (&v.reg_no, v)).collect();
    // Split each group's voters over its copies in TPS order.
    let mut next: Vec<usize> = vec![0; groups.groups.len()];
    let mut names: BTreeMap<(usize, usize), Vec<RegNo>> = BTreeMap::new();
    for (c, copy) in copies.iter().enumerate() {
        for (&g, &n) in &copy.parts {
            let list = &groups.groups[g].voters;
            let from = next[g];
            let to = (from + n as usize).min(list.len());
            names.insert((c, g), list[from..to].to_vec());
            next[g] = to;
        }
    }
    let mut tps = Vec::new();
    for (c, copy) in copies.iter().enumerate() {
        let mut regs: Vec<RegisteredVoter> = Vec::new();
        let mut vs: Vec<&Voter> = Vec::new();
        for &g in copy.parts.keys() {
            let grp = &groups.groups[g];
            for reg in names.get(&(c, g)).into_iter().flatten() {
                regs.push(RegisteredVoter {
                    reg_no: reg.clone(),
                    block: grp.block_id.clone(),
                    // A visit group may hold several lists: each voter keeps their own.
                    category: by_reg.get(reg).map_or(grp.category, |v| v.category),
                    mobile: grp.mobile,
                });
                if let Some(v) = by_reg.get(reg) {
                    vs.push(v);
                }
            }
        }
        regs.sort_by(|a, b| a.reg_no.cmp(&b.reg_no));
        let uniform = |f: &dyn Fn(&Voter) -> String| {
            let set: BTreeSet<String> = vs.iter().map(|v| f(v)).collect();
            (set.len() == 1).then(|| set.into_iter().next().unwrap_or_default())
        };
        let sex = uniform(&|v| v.sex.to_string()).and_then(|s| s.parse().ok());
        let juvenile = uniform(&|v| v.juvenile.to_string()).map(|s| s == "true");
        let high_risk = uniform(&|v| v.high_risk.to_string()).map(|s| s == "true");
        let ballots = crate::eligibility::ballot_needs(r, &vs)
            .into_iter()
            .map(|n| BallotCount {
                code: n.code,
                voters: n.voters,
                reserve: n.reserve,
                total: n.total,
            })
            .collect();
        tps.push(Tps {
            number: first + c as u32,
            site: layout.sites[copy.site].id.clone(),
            class: TpsClass {
                label: groups.classes[copy.class].label(),
                sex,
                juvenile,
                high_risk,
            },
            booths: layout.sites[copy.site].booths,
            boxes: r.tps.kotak,
            voters: regs,
            ballots,
        });
    }
    // Waves: name voters in time order.
    let mut order: Vec<&PlannedWave> = planned.iter().collect();
    order.sort_by_key(|w| (w.start, w.copy, w.group, w.mobile));
    let mut taken: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    // (wave, walk): a mobile visit's groups of one block back to back become one wave;
    // walking voters of one block fetched to one TPS in one slot walk together (their
    // lists may differ: DPT and DPTb voters after 11:00), so their escorts are counted
    // once, `ceil(voters / wbp_per_pengawal)`, up to the largest wave. High-risk voters
    // keep their own waves (officers per inmate).
    let e = &r.pengawalan;
    // (wave, walk, high risk, list window)
    let mut waves: Vec<(Wave, f64, bool, (Clock, Clock))> = Vec::new();
    for w in order {
        let list = names.get(&(w.copy, w.group)).cloned().unwrap_or_default();
        let from = *taken.get(&(w.copy, w.group)).unwrap_or(&0);
        let to = (from + w.voters as usize).min(list.len());
        taken.insert((w.copy, w.group), to);
        let grp = &groups.groups[w.group];
        let walk = layout.walk(grp.place, copies[w.copy].site).unwrap_or(0.0);
        let tps = first + w.copy as u32;
        if w.mobile
            && let Some((prev, ..)) = waves.iter_mut().rev().find(|(p, _, _, window)| {
                // One visit only while every voter's list window holds it.
                p.mobile
                    && p.tps == tps
                    && p.block == grp.place_id
                    && p.end == w.start
                    && *window == grp.window
            })
        {
            prev.end = w.end;
            prev.voters += w.voters;
            prev.reg_nos.extend_from_slice(&list[from..to]);
            prev.escorts = prev.escorts.max(w.escorts);
            continue;
        }
        if !w.mobile
            && !grp.high_risk
            && let Some((prev, ..)) = waves.iter_mut().rev().find(|(p, _, high, _)| {
                !p.mobile
                    && !high
                    && p.tps == tps
                    && p.block == grp.place_id
                    && p.start == w.start
                    && p.end == w.end
                    && p.voters + w.voters <= e.maks_gelombang
            })
        {
            prev.voters += w.voters;
            prev.reg_nos.extend_from_slice(&list[from..to]);
            prev.escorts = if grp.escorted {
                prev.voters.div_ceil(e.wbp_per_pengawal.max(1))
            } else {
                0
            };
            continue;
        }
        waves.push((
            Wave {
                start: w.start,
                end: w.end,
                tps,
                block: grp.place_id.clone(),
                voters: w.voters,
                reg_nos: list[from..to].to_vec(),
                escorts: w.escorts,
                mobile: w.mobile,
            },
            walk,
            grp.high_risk,
            grp.window,
        ));
    }
    let mut walk_minutes = 0.0;
    let mut escort_minutes = 0.0;
    for (w, walk, ..) in &waves {
        if !w.mobile {
            walk_minutes += walk * w.voters as f64;
        }
        let (a, b) = touched_minutes(w.start.0 as f64 - walk, w.end.0 as f64 + walk);
        escort_minutes += w.escorts as f64 * (b - a) as f64;
    }
    let waves: Vec<Wave> = waves.into_iter().map(|(w, ..)| w).collect();
    // Objective.
    let mut per_block: BTreeMap<&NodeId, BTreeSet<u32>> = BTreeMap::new();
    for t in &tps {
        for v in &t.voters {
            per_block.entry(&v.block).or_default().insert(t.number);
        }
    }
    let splits: u32 = per_block.values().map(|s| s.len() as u32 - 1).sum();
    let loads: Vec<u32> = tps.iter().map(|t| t.voters.len() as u32).collect();
    let imbalance = match (loads.iter().max(), loads.iter().min()) {
        (Some(a), Some(b)) => a - b,
        _ => 0,
    };
    let finish_minutes = waves
        .iter()
        .map(|w| w.end.0.saturating_sub(r.jam.buka.0) as u32)
        .max()
        .unwrap_or(0);
    let wt = &r.bobot;
    let objective = Objective {
        tps: tps.len() as u32,
        block_splits: splits,
        walk_voter_minutes: walk_minutes,
        escort_minutes,
        imbalance,
        finish_minutes,
        total: wt.tps * tps.len() as f64
            + wt.blok_terpecah * splits as f64
            + wt.menit_jalan * walk_minutes
            + wt.menit_pengawal * escort_minutes
            + wt.ketidakseimbangan * imbalance as f64
            + wt.menit_selesai * finish_minutes as f64,
    };
    Plan {
        schema: SCHEMA,
        facility: facility.info.code.clone(),
        facility_name: facility.info.name.clone(),
        ruleset: r.nama.clone(),
        election_date: facility.election_date(),
        inputs: Inputs {
            dir: facility.dir.clone(),
            scenario: facility.scenario.name.clone(),
            scenario_path: facility.scenario.path.clone(),
            scenario_digest: facility.scenario.digest.clone(),
            voters: voters.len(),
            voters_digest: crate::plan::voters_digest(voters),
            handover: false,
        },
        tps,
        waves,
        objective,
        staffing: None,
        kekurangan: Vec::new(),
        sebelumnya: None,
        penyesuaian: facility.pins.clone(),
        solver: SolverReport {
            backend: Backend::Microlp,
            status: Status::Heuristic,
            objective: 0.0,
            lower_bound: 0.0,
            gap: 0.0,
            tps: 0,
            tps_lower_bound: 0,
            classes: Vec::new(),
            stages: Vec::new(),
            seconds: 0.0,
        },
    }
}
