//! Rule 4: every TPS at an open site of the layout that its blocks' zones may use,
//! and no site holding more TPS than it may.

use std::collections::{BTreeMap, BTreeSet};

use super::Ctx;
use super::violation::Out;
use crate::lang::text;
use crate::model::{NodeId, ZoneId};

/// Rule 4: every TPS at an open site of the layout that its blocks' zones may use,
pub(super) fn check(c: &Ctx, out: &mut Out) {
    let Ctx {
        facility,
        plan,
        voters: _,
        ..
    } = c;
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
}
