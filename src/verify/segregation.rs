//! Rule 3: voters kept apart by the ruleset or a facility separation are not at one
//! TPS, nor (walking) at one TPS at one time.

use std::collections::BTreeSet;

use super::Ctx;
use super::mixing::conflict;
use super::violation::Out;
use super::violation::join;
use crate::lang::{Lang, Text, text};
use crate::model::{NodeId, Voter};

/// Rule 3: voters kept apart by the ruleset or a facility separation are not at one
pub(super) fn check(c: &Ctx, out: &mut Out) {
    let Ctx {
        facility,
        plan,
        voters: _,
        by_reg,
        r,
        walking_by_tps: by_tps,
        ..
    } = c;
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
    for (tps, ws) in by_tps {
        for &(i, w) in ws {
            // Voters walking together in one wave are together in time as well.
            if let Some(why) = conflict(facility, by_reg, w, w) {
                out.push(
                    3,
                    Some(*tps),
                    Some(i),
                    None,
                    why.map(|lang, why| {
                        crate::lang::text!("dalam satu gelombang: {why}", "within one wave: {why}")
                            .get(lang)
                            .to_string()
                    }),
                );
            }
        }
        for (a, &(i, wi)) in ws.iter().enumerate() {
            for &(j, wj) in &ws[a + 1..] {
                if wi.start < wj.end
                    && wj.start < wi.end
                    && let Some(why) = conflict(facility, by_reg, wi, wj)
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
}
