//! Rule 5: the voters of a TPS in a slot fit its booths in the slot's minutes.

use std::collections::BTreeMap;

use super::Ctx;
use super::violation::Out;
use crate::lang::text;
use crate::model::Clock;

/// Rule 5: the voters of a TPS in a slot fit its booths in the slot's minutes.
pub(super) fn check(c: &Ctx, out: &mut Out) {
    let Ctx {
        facility,
        voters: _,
        r,
        walking_by_tps: by_tps,
        tps_by_no,
        ..
    } = c;
    // Rule 5: throughput per TPS and slot.
    let mpv = facility
        .scenario
        .minutes_per_voter
        .unwrap_or(r.tps.menit_per_pemilih);
    for (tps, ws) in by_tps {
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
}
