//! When no plan exists: the elastic registration model and the per-TPS packing say
//! which voters lack TPS and what would place them.

use super::*;

/// Solves the elastic registration model and explains which voters need more TPS.
pub(super) fn elastic_registration(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
    settings: &SolveSettings,
) -> Infeasible {
    let (p, _, _) = registration_problem(
        facility,
        layout,
        groups,
        true,
        &decode::Tightening::default(),
    );
    let sol = match p.solve(settings) {
        Ok(s) => s,
        Err(e) => {
            return Infeasible {
                reasons: vec![InfeasibleReason::Solver(format!("{e:?}"))],
            };
        }
    };
    let nsites = layout.sites.len();
    let mut reasons = Vec::new();
    // Visited voters beyond what one team per TPS can visit at every TPS their sites may
    // open: the teams' time is what is short, whatever else overflows.
    let day_visits = capacity::visit_voters(facility).max(1);
    let mut visits_short = BTreeSet::new();
    for k in 0..groups.classes.len() {
        let mobile: Vec<&groups::Group> = groups
            .groups
            .iter()
            .filter(|g| g.class == k && g.mobile)
            .collect();
        let sites: BTreeSet<usize> = mobile
            .iter()
            .flat_map(|g| layout.blocks[g.block].sites.iter().copied())
            .collect();
        let room: u32 = sites
            .iter()
            .map(|&i| layout.sites[i].max_tps * day_visits)
            .sum();
        let voters: u32 = mobile.iter().map(|g| g.size()).sum();
        if voters > room {
            visits_short.insert(k);
            reasons.push(InfeasibleReason::Visits {
                blocks: mobile
                    .iter()
                    .map(|g| g.block_id.clone())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect(),
                voters: voters - room,
                sites: sites.iter().map(|&i| layout.sites[i].id.clone()).collect(),
                minutes: facility.rules.pengawalan.menit_kunjungan_per_pemilih,
                teams: visit_teams(facility),
                extra: (voters - room).div_ceil(day_visits),
            });
        }
    }
    for (&(s, k), &n) in &sol.copies {
        if s < nsites {
            continue;
        }
        // Which groups use this virtual site.
        let users: Vec<usize> = sol
            .flow
            .keys()
            .filter(|(g, site)| *site == s && groups.groups[*g].class == k)
            .map(|(g, _)| *g)
            .collect();
        let Some(&first) = users.first() else {
            continue;
        };
        if visits_short.contains(&k) {
            continue;
        }
        let allowed = &layout.blocks[groups.groups[first].block].sites;
        let blocks: BTreeSet<NodeId> = groups
            .groups
            .iter()
            .filter(|g| g.class == k && &layout.blocks[g.block].sites == allowed)
            .map(|g| g.block_id.clone())
            .collect();
        let voters = groups
            .groups
            .iter()
            .filter(|g| g.class == k && blocks.contains(&g.block_id))
            .map(|g| g.size())
            .sum();
        reasons.push(InfeasibleReason::MoreTps {
            blocks: blocks.into_iter().collect(),
            voters,
            class: groups.classes[k].label(),
            sites: allowed
                .iter()
                .map(|&i| layout.sites[i].id.clone())
                .collect(),
            extra: n,
            finish: facility.rules.last_voting_minute(),
        });
    }
    if reasons.is_empty() {
        reasons = packing_reasons(facility, layout, groups);
    }
    if reasons.is_empty() {
        reasons.push(InfeasibleReason::Solver(
            "model registrasi tidak layak tetapi model elastis tidak menunjukkan kekurangan"
                .to_string(),
        ));
    }
    Infeasible { reasons }
}

/// What the per-TPS rules leave unplaced when every site opens as many TPS as it may
/// (the greedy packer checks each TPS exactly: visit walks, turns of voters who may not
/// meet): visited voters and walking voters per class, with the TPS they lack.
pub(super) fn packing_reasons(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
) -> Vec<InfeasibleReason> {
    let Err(stuck) = decode::greedy(facility, layout, groups, &decode::Tightening::default())
    else {
        return Vec::new();
    };
    let r = &facility.rules;
    let cap = r.tps.maks_pemilih.max(1);
    let day_visits = capacity::visit_voters(facility).max(1);
    // (class, mobile) -> blocks, voters, sites.
    type Acc = (BTreeSet<NodeId>, u32, BTreeSet<usize>);
    let mut by: BTreeMap<(usize, bool), Acc> = BTreeMap::new();
    for (g, left) in stuck {
        let grp = &groups.groups[g];
        let e = by.entry((grp.class, grp.mobile)).or_default();
        e.0.insert(grp.block_id.clone());
        e.1 += left;
        e.2.extend(layout.blocks[grp.block].sites.iter().copied());
    }
    by.into_iter()
        .map(|((k, mobile), (blocks, voters, sites))| {
            let sites: Vec<NodeId> = sites.iter().map(|&i| layout.sites[i].id.clone()).collect();
            if mobile {
                InfeasibleReason::Visits {
                    blocks: blocks.into_iter().collect(),
                    voters,
                    sites,
                    minutes: r.pengawalan.menit_kunjungan_per_pemilih,
                    teams: visit_teams(facility),
                    extra: voters.div_ceil(day_visits),
                }
            } else {
                InfeasibleReason::MoreTps {
                    blocks: blocks.into_iter().collect(),
                    voters,
                    class: groups.classes[k].label(),
                    sites,
                    extra: voters.div_ceil(cap),
                    finish: r.last_voting_minute(),
                }
            }
        })
        .collect()
}

/// Voters whose block the layout does not know.
pub(super) fn unknown_blocks(unknown: Vec<groups::UnknownBlock>) -> Infeasible {
    Infeasible {
        reasons: unknown
            .into_iter()
            .map(|u| InfeasibleReason::UnknownBlock {
                reg_no: u.reg_no,
                block: u.block,
            })
            .collect(),
    }
}

/// Blocks with no usable site (closed or unreachable), once each with their voters.
pub(super) fn no_site(layout: &Layout, groups: &Groups) -> Vec<InfeasibleReason> {
    let mut no_site = Vec::new();
    let mut seen = BTreeSet::new();
    for g in &groups.groups {
        let b = &layout.blocks[g.block];
        if b.sites.is_empty() && seen.insert(g.block) {
            let voters = groups
                .groups
                .iter()
                .filter(|h| h.block == g.block)
                .map(|h| h.size())
                .sum();
            no_site.push(InfeasibleReason::NoSite {
                block: b.id.clone(),
                zone: b.zone.clone(),
                voters,
                closed: b.closed_sites.clone(),
                unreachable: b.unreachable_sites.clone(),
            });
        }
    }
    no_site
}

/// What the last round's schedule lacked, as reasons: the classes whose sites are
/// full, the escorts short, and per TPS its blocks with the voters left.
pub(super) fn shortfall_reasons(
    run: &Run,
    copies: &[Copy],
    short: &schedule::ScheduleShortfall,
) -> Infeasible {
    let (facility, layout, groups) = (run.facility, &run.layout, &run.groups);
    let finish = facility.rules.last_voting_minute();
    let first = facility.rules.tps.nomor_awal;
    let mut reasons = sites_full(facility, layout, groups, copies, &short.unserved, finish);
    reasons.extend(
        short
            .escorts
            .iter()
            .map(|&(from, to, officers)| InfeasibleReason::Escorts { from, to, officers }),
    );
    // Per TPS, its blocks with the voters left.
    let mut per_tps: BTreeMap<(usize, bool), BTreeMap<NodeId, u32>> = BTreeMap::new();
    for &(c, g, n) in &short.unserved {
        let grp = &groups.groups[g];
        *per_tps
            .entry((c, grp.mobile))
            .or_default()
            .entry(grp.block_id.clone())
            .or_default() += n;
    }
    for ((c, mobile), blocks) in per_tps {
        reasons.push(InfeasibleReason::Unserved {
            tps: first + c as u32,
            blocks: blocks.into_iter().collect(),
            mobile,
            finish,
        });
    }
    Infeasible { reasons }
}
