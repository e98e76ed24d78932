//! Rule 7: escorts per wave, wave sizes, and the officers on duty at every minute
//! (with those requested in `kekurangan`) against those busy walking.

use std::collections::BTreeMap;

use super::Ctx;
use super::staffing::{escort_capacity, listed_profile, named_escort_capacity};
use super::violation::Out;
use super::walk::walking_minutes;
use crate::lang::text;
use crate::model::{Clock, NodeId};

/// Rule 7: escorts per wave, wave sizes, and the officers on duty at every minute
pub(super) fn check<'a>(
    c: &Ctx<'a>,
    _walks: &mut BTreeMap<&'a NodeId, BTreeMap<NodeId, f64>>,
    out: &mut Out,
) {
    let Ctx {
        facility,
        plan,
        voters: _,
        by_reg,
        r,
        tps_by_no,
        ..
    } = c;
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
}
