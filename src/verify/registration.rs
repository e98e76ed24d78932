//! Rule 1: every voter registered exactly once and nobody else, and every registered
//! voter in exactly one wave of their own TPS, fetched from where they are.

use std::collections::BTreeMap;

use super::Ctx;
use super::violation::Out;
use super::walk::place_of;
use crate::lang::text;
use crate::model::RegNo;

/// Rule 1: every voter registered exactly once and nobody else, and every registered
pub(super) fn check(c: &Ctx, out: &mut Out) {
    let Ctx {
        facility,
        plan,
        voters,
        by_reg,
        ..
    } = c;
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
    for v in *voters {
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
}
