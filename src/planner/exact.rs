//! `--jumlah-tps` / `jumlah_tps`: the plan with exactly the TPS count KPU fixed, and
//! why a smaller count cannot hold the voters.

use crate::error::{Error, Result};
use crate::facility::Facility;
use crate::lang::{Lang, text};
use crate::model::Voter;
use crate::optimise::PlanOptions;
use crate::plan::Plan;
use crate::staffing::Staffing;

use super::roster::plan_day;

/// The plan with exactly the `n` TPS KPU fixed. The free plan's count when it is `n`;
/// more TPS than `n` needed is an error saying why in the user's terms and how many it
/// needs; fewer: the largest per-TPS cap (below the ruleset's) whose plan opens `n`,
/// found by bisection, so the voters spread over the `n` TPS.
pub(super) fn plan_exact(
    facility: &Facility,
    voters: &[Voter],
    opts: &PlanOptions,
    n: u32,
    lang: Lang,
) -> Result<(Plan, Staffing, usize)> {
    let free = plan_day(facility, voters, opts, lang)?;
    let m = free.0.tps.len() as u32;
    if m == n {
        return Ok(free);
    }
    if m > n {
        return Err(Error::Infeasible(too_few_tps(
            facility, voters, &free.0, n, lang,
        )));
    }
    let cap = facility.rules.tps.maks_pemilih;
    let (mut lo, mut hi) = (1u32, cap);
    let mut found = None;
    while lo <= hi {
        let mid = lo + (hi - lo) / 2;
        let mut tighter = facility.clone();
        tighter.rules.tps.maks_pemilih = mid;
        match plan_day(&tighter, voters, opts, lang) {
            Ok(r) if r.0.tps.len() as u32 >= n => {
                if r.0.tps.len() as u32 == n {
                    found = Some(r);
                }
                lo = mid + 1;
            }
            Ok(_) => hi = mid.saturating_sub(1),
            Err(_) => lo = mid + 1,
        }
        if hi == 0 {
            break;
        }
    }
    found.ok_or_else(|| {
        let why = text!(
            "KPU menetapkan {n} TPS: tidak ditemukan pembagian {} pemilih ke tepat {n} TPS (tanpa ketetapan: {m} TPS); tulis jumlah_tps lain atau hapus kuncinya",
            "KPU fixed {n} TPS: no split of {} voters over exactly {n} TPS was found (without the fixed count: {m} TPS); write another jumlah_tps or remove the key",
            voters.len()
        );
        Error::Infeasible(why.get(lang).to_string())
    })
}

/// Why `n` TPS cannot hold the voters, per class that may never share a TPS, and how
/// many the plan needs.
fn too_few_tps(facility: &Facility, voters: &[Voter], plan: &Plan, n: u32, lang: Lang) -> String {
    let r = &facility.rules;
    let m = plan.tps.len();
    let bound = plan.solver.tps_lower_bound;
    let classes: Vec<String> = plan
        .solver
        .classes
        .iter()
        .map(|c| {
            text!(
                "{}: {} pemilih, sedikitnya {} TPS (batas {} pemilih per TPS; {} TPS menurut jumlah bilik dan jam)",
                "{}: {} voters, at least {} TPS (cap {} voters per TPS; {} TPS by booths and hours)",
                c.class,
                c.voters,
                c.trivial.max(c.throughput),
                r.tps.maks_pemilih,
                c.throughput
            )
            .get(lang)
            .to_string()
        })
        .collect();
    let classes = classes.join("; ");
    let why = if n < bound {
        text!(
            "KPU menetapkan {n} TPS, tetapi {} pemilih butuh sedikitnya {bound} TPS menurut aturan ({classes}); rencana terbaik memakai {m} TPS: minta KPU menetapkan {m} TPS, atau tambah bilik atau lokasi",
            "KPU fixed {n} TPS, but {} voters need at least {bound} TPS under the rules ({classes}); the best plan uses {m} TPS: ask KPU for {m} TPS, or add booths or sites",
            voters.len()
        )
    } else {
        text!(
            "KPU menetapkan {n} TPS: tidak ditemukan rencana dengan {n} TPS (batas bawah {bound}; {classes}); rencana terbaik memakai {m} TPS: minta KPU menetapkan {m} TPS, atau tambah bilik atau lokasi",
            "KPU fixed {n} TPS: no plan with {n} TPS was found (lower bound {bound}; {classes}); the best plan uses {m} TPS: ask KPU for {m} TPS, or add booths or sites"
        )
    };
    why.get(lang).to_string()
}
