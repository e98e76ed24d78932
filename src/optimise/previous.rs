//! Stable re-plans (`plan --sebelumnya OLD_OUT`): the registration starts from the TPS
//! of an earlier plan instead of from scratch. Every TPS of the old plan is opened
//! again at its site, in its number order (so it keeps its number), and takes back the
//! voters it had whose block is unchanged, as far as the packer's per-TPS rules allow
//! (cap, window throughput with the turns of voters who may not meet, visits,
//! exclusive sets, the schedule's tightening). Only then do the voters without a place
//! (new inmates, voters whose block changed, voters whose TPS or site is gone or full)
//! fill the room left: first the TPS already holding their block, then the nearest
//! sites' TPS, and only then new TPS (numbered after the old ones). A TPS left empty
//! closes; the last TPS takes its number so the numbers stay 901, 902, ... without a
//! gap and only that one TPS's voters change number.
//!
//! Stability comes before fewer TPS: once KPU has issued the lists a moved voter costs
//! paperwork (a new DPT page, a new invitation), an extra TPS open does not move
//! anybody. So the old TPS stay open while they hold voters, even where a plan from
//! scratch would need fewer.
//!
//! `arrange` then decides which voter of a group goes to which of its TPS: the
//! voters who were at a TPS of the same number and site go back to it first.

use std::collections::BTreeMap;

use crate::facility::Facility;
use crate::layout::Layout;
use crate::model::{Category, NodeId, RegNo};
use crate::plan::Plan;

use super::decode::{Copy, Packer, Tightening};
use super::groups::Groups;

/// One TPS of the earlier plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousTps {
    /// TPS number.
    pub number: u32,
    /// Site node.
    pub site: NodeId,
    /// Segregation class label (`ClassKey::label`).
    pub class: String,
}

/// Where a voter was registered in the earlier plan, with the data that decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousVoter {
    /// TPS number.
    pub tps: u32,
    /// Block.
    pub block: NodeId,
    /// List (DPT, DPTb, DPK).
    pub category: Category,
    /// Served by a mobile visit.
    pub mobile: bool,
}

/// The registration of an earlier plan of the same facility.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Previous {
    /// Its TPS, by number.
    pub tps: Vec<PreviousTps>,
    /// Its voters by register number.
    pub voters: BTreeMap<RegNo, PreviousVoter>,
}

impl Previous {
    /// The registration of a plan read from its `plan.json`.
    pub fn from_plan(plan: &Plan) -> Previous {
        let mut tps: Vec<PreviousTps> = plan
            .tps
            .iter()
            .map(|t| PreviousTps {
                number: t.number,
                site: t.site.clone(),
                class: t.class.label.clone(),
            })
            .collect();
        tps.sort_by_key(|t| t.number);
        let voters = plan
            .tps
            .iter()
            .flat_map(|t| {
                t.voters.iter().map(|v| {
                    (
                        v.reg_no.clone(),
                        PreviousVoter {
                            tps: t.number,
                            block: v.block.clone(),
                            category: v.category,
                            mobile: v.mobile,
                        },
                    )
                })
            })
            .collect();
        Previous { tps, voters }
    }

    /// The old TPS of a voter of group `g` who may go back to it: registered before
    /// in the same block (a voter whose block changed is placed afresh). Its position
    /// in [`Previous::tps`].
    fn old_position(&self, reg: &RegNo, block: &NodeId) -> Option<usize> {
        let v = self.voters.get(reg)?;
        if &v.block != block {
            return None;
        }
        self.tps.iter().position(|t| t.number == v.tps)
    }
}

/// The TPS of a stable re-plan, in number order (copy `i` is TPS `nomor_awal + i`), or
/// `None` when some voters fit nowhere (the caller then plans from scratch).
pub(super) fn copies(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
    prev: &Previous,
    tight: &Tightening,
) -> Option<Vec<Copy>> {
    let mut packer = Packer::new(facility, layout, groups);
    packer.tighten(tight);
    // 1. The old TPS, in number order, where their site and class still exist.
    let mut slots: Vec<Option<usize>> = Vec::with_capacity(prev.tps.len());
    for t in &prev.tps {
        let site = layout.site_index(&t.site);
        let class = groups.classes.iter().position(|k| k.label() == t.class);
        slots.push(match (site, class) {
            (Some(s), Some(k)) => packer.open(s, k),
            _ => None,
        });
    }
    let reopened = packer.copies.len();
    // 2. Each voter back to their old TPS where the rules let them.
    let mut want: BTreeMap<(usize, usize), u32> = BTreeMap::new();
    let mut free: Vec<u32> = vec![0; groups.groups.len()];
    for (g, grp) in groups.groups.iter().enumerate() {
        for reg in &grp.voters {
            let copy = prev
                .old_position(reg, &grp.block_id)
                .and_then(|i| slots[i])
                .filter(|&c| {
                    let copy = &packer.copies[c];
                    copy.class == grp.class && layout.blocks[grp.block].sites.contains(&copy.site)
                });
            match copy {
                Some(c) => *want.entry((c, g)).or_default() += 1,
                None => free[g] += 1,
            }
        }
    }
    for ((c, g), n) in want {
        let k = packer.max_fit(c, g).min(n);
        if k > 0 {
            *packer.copies[c].parts.entry(g).or_default() += k;
        }
        free[g] += n - k;
    }
    // 3. The rest by unit, the largest first: the TPS holding their block, then the
    //    nearest sites' TPS, then new TPS.
    let mut units: Vec<(u32, usize)> = groups
        .units
        .iter()
        .enumerate()
        .map(|(u, unit)| (unit.groups.iter().map(|&g| free[g]).sum(), u))
        .filter(|(n, _)| *n > 0)
        .collect();
    units.sort_by_key(|&(n, u)| (std::cmp::Reverse(n), u));
    for (_, u) in units {
        let unit = &groups.units[u];
        let block = unit.block;
        let allowed = &layout.blocks[block].sites;
        let mut parts: Vec<(usize, u32)> = unit
            .groups
            .iter()
            .filter(|&&g| free[g] > 0)
            .map(|&g| (g, free[g]))
            .collect();
        let holding: Vec<usize> = (0..packer.copies.len())
            .filter(|&c| {
                let copy = &packer.copies[c];
                allowed.contains(&copy.site)
                    && copy.class == unit.class
                    && copy.parts.keys().any(|&h| groups.groups[h].unit == u)
            })
            .collect();
        if !holding.is_empty() {
            parts = packer.place_unit(&parts, &holding);
        }
        let mut sites = allowed.clone();
        let place = groups.groups[unit.groups[0]].place;
        sites.sort_by(|a, b| {
            let wa = layout.walk(place, *a).unwrap_or(f64::MAX);
            let wb = layout.walk(place, *b).unwrap_or(f64::MAX);
            wa.total_cmp(&wb).then(a.cmp(b))
        });
        for s in sites {
            if parts.is_empty() {
                break;
            }
            let here: Vec<usize> = (0..packer.copies.len())
                .filter(|&c| packer.copies[c].site == s && packer.copies[c].class == unit.class)
                .collect();
            if !here.is_empty() {
                parts = packer.place_unit(&parts, &here);
            }
        }
        for (g, n) in parts {
            if packer.place_anywhere(g, n) > 0 {
                return None;
            }
        }
    }
    // 4. Number order: the old TPS where they were, the new ones after; an empty TPS
    //    closes and the last one takes its number.
    let mut order: Vec<Option<usize>> = slots;
    order.extend((reopened..packer.copies.len()).map(Some));
    for o in order.iter_mut() {
        if o.is_some_and(|c| packer.copies[c].parts.is_empty()) {
            *o = None;
        }
    }
    let mut i = 0;
    while i < order.len() {
        if order[i].is_none() {
            order.swap_remove(i);
        } else {
            i += 1;
        }
    }
    Some(
        order
            .into_iter()
            .flatten()
            .map(|c| packer.copies[c].clone())
            .collect(),
    )
}

/// The groups with each group's voters in the order its copies take them (copies in
/// TPS order, each taking the next `parts[g]` voters): a voter goes back to the TPS of
/// their old number where it stands at the same site and has room for them, the others
/// fill what is left in register-number order.
pub(super) fn arrange(
    groups: &Groups,
    layout: &Layout,
    copies: &[Copy],
    prev: &Previous,
    first: u32,
) -> Groups {
    let mut out = groups.clone();
    for (g, grp) in out.groups.iter_mut().enumerate() {
        let quota: Vec<u32> = copies
            .iter()
            .map(|c| c.parts.get(&g).copied().unwrap_or(0))
            .collect();
        let mut lists: Vec<Vec<RegNo>> = vec![Vec::new(); copies.len()];
        let mut rest: Vec<RegNo> = Vec::new();
        for reg in &grp.voters {
            let back = prev
                .old_position(reg, &grp.block_id)
                .map(|i| &prev.tps[i])
                .and_then(|t| {
                    let c = t.number.checked_sub(first)? as usize;
                    let copy = copies.get(c)?;
                    (layout.site_index(&t.site) == Some(copy.site)
                        && (lists[c].len() as u32) < quota[c])
                        .then_some(c)
                });
            match back {
                Some(c) => lists[c].push(reg.clone()),
                None => rest.push(reg.clone()),
            }
        }
        let mut rest = rest.into_iter();
        for (c, list) in lists.iter_mut().enumerate() {
            while (list.len() as u32) < quota[c] {
                match rest.next() {
                    Some(r) => list.push(r),
                    None => break,
                }
            }
        }
        let mut voters: Vec<RegNo> = lists.into_iter().flatten().collect();
        // Voters beyond every copy's quota (none when the copies hold the group) keep
        // their place at the end, as the assembly expects.
        voters.extend(rest);
        grp.voters = voters;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Clock, Voter};
    use crate::optimise::{PlanOptions, plan};
    use crate::testing::{FacilityBuilder, VoterSpec};
    use std::sync::Arc;

    /// Three men's blocks, two sites of two TPS each: 780 voters, WBP00000 to
    /// WBP00779 (A 0..300, B 300..550, C 550..780), three TPS.
    fn facility() -> (Facility, Vec<Voter>) {
        FacilityBuilder::new("stabil")
            .block("A", "umum")
            .block("B", "umum")
            .block("C", "umum")
            .site("aula", "umum", 2, 4)
            .site("masjid", "umum", 2, 4)
            .path("A", "aula", 2.0, false)
            .path("B", "aula", 4.0, false)
            .path("B", "masjid", 3.0, false)
            .path("C", "masjid", 2.0, false)
            .voters("A", 300, VoterSpec::man())
            .voters("B", 250, VoterSpec::man())
            .voters("C", 230, VoterSpec::man())
            .escorts(60, Clock::hm(6, 0), Clock::hm(14, 0))
            .build()
    }

    fn places(p: &Plan) -> BTreeMap<RegNo, (u32, NodeId)> {
        p.tps
            .iter()
            .flat_map(|t| {
                t.voters
                    .iter()
                    .map(|v| (v.reg_no.clone(), (t.number, t.site.clone())))
            })
            .collect()
    }

    fn again(f: &Facility, voters: &[Voter], old: &Plan) -> Plan {
        let opts = PlanOptions {
            previous: Some(Arc::new(Previous::from_plan(old))),
            ..PlanOptions::default()
        };
        let p = plan(f, voters, &opts).expect("re-plans");
        let v = crate::verify::verify_with_voters(f, voters, &p);
        assert!(v.is_empty(), "{v:?}");
        p
    }

    #[test]
    fn voters_who_stay_keep_their_tps_number_and_site_when_others_leave_and_come() {
        let (f, all) = facility();
        let reg = |v: &Voter| v.reg_no.0[3..].parse::<u32>().unwrap_or(0);
        // The old roster lacks C's last 30; the new one lacks A's first 30.
        let before: Vec<Voter> = all.iter().filter(|v| reg(v) < 750).cloned().collect();
        let after: Vec<Voter> = all.iter().filter(|v| reg(v) >= 30).cloned().collect();
        let old = plan(&f, &before, &PlanOptions::default()).expect("plans");
        let new = again(&f, &after, &old);
        let (a, b) = (places(&old), places(&new));
        let stayed: Vec<&RegNo> = a.keys().filter(|r| b.contains_key(*r)).collect();
        assert_eq!(stayed.len(), 720);
        for r in stayed {
            assert_eq!(a[r], b[r], "{r} moved");
        }
        assert!(new.tps.len() <= old.tps.len() + 1);
    }

    #[test]
    fn an_empty_tps_closes_and_the_last_takes_its_number_at_its_own_site() {
        let (f, all) = facility();
        let old = plan(&f, &all, &PlanOptions::default()).expect("plans");
        assert!(old.tps.len() >= 3, "{}", old.tps.len());
        // Every voter of the first TPS leaves.
        let gone: std::collections::BTreeSet<&RegNo> =
            old.tps[0].voters.iter().map(|v| &v.reg_no).collect();
        let after: Vec<Voter> = all
            .iter()
            .filter(|v| !gone.contains(&v.reg_no))
            .cloned()
            .collect();
        let new = again(&f, &after, &old);
        assert_eq!(new.tps.len(), old.tps.len() - 1);
        let last = old.tps.last().expect("a TPS");
        let first = &new.tps[0];
        assert_eq!(first.number, old.tps[0].number);
        assert_eq!(first.site, last.site);
        assert_eq!(first.voters, last.voters);
        for (o, n) in old.tps[1..old.tps.len() - 1].iter().zip(&new.tps[1..]) {
            assert_eq!(
                (o.number, &o.site, &o.voters),
                (n.number, &n.site, &n.voters)
            );
        }
    }
}
