//! Rule 9, the ballots of a TPS, derived again by the checker: per ballot type held at
//! the TPS, the voters entitled to it (from [`super::eligibility`]) and the reserve, a
//! share `[surat_suara] cadangan` of the TPS's DPT (`dasar_cadangan = "dpt_tps"`) or of
//! its DPT voters entitled to the type (`"dpt_berhak"`), rounded by `pembulatan`.
//! Its own arithmetic (whole parts per million), not `Ruleset::reserve_for`.

use crate::lang::text;
use crate::model::{Category, Voter};
use crate::plan::Tps;
use crate::rules::{ReserveBase, Rounding, Ruleset};

use super::violation::Out;

/// The reserve of one ballot type for a base of `dpt` voters under `rules`.
pub(super) fn reserve(rules: &Ruleset, dpt: u32) -> u32 {
    const MILLION: u64 = 1_000_000;
    let share = (rules.surat_suara.cadangan * MILLION as f64)
        .round()
        .max(0.0) as u64;
    let amount = u64::from(dpt) * share;
    let whole = match rules.surat_suara.pembulatan {
        Rounding::Atas => amount.div_ceil(MILLION),
        Rounding::Terdekat => (amount + MILLION / 2) / MILLION,
        Rounding::Bawah => amount / MILLION,
    };
    u32::try_from(whole).unwrap_or(u32::MAX)
}

/// Per ballot type someone at the TPS is entitled to, in the ruleset's order: the code,
/// the voters entitled to it, and its reserve.
pub(super) fn expected(rules: &Ruleset, voters: &[&Voter]) -> Vec<(String, u32, u32)> {
    let count = |code: &str, dpt_only: bool| {
        voters
            .iter()
            .filter(|v| !dpt_only || v.category == Category::Dpt)
            .filter(|v| v.ballots.iter().any(|c| c == code))
            .count() as u32
    };
    let dpt = voters
        .iter()
        .filter(|v| v.category == Category::Dpt)
        .count() as u32;
    rules
        .surat_suara
        .jenis
        .iter()
        .map(|b| b.kode.as_str())
        .filter(|code| count(code, false) > 0)
        .map(|code| {
            let base = match rules.surat_suara.dasar_cadangan {
                ReserveBase::DptTps => dpt,
                ReserveBase::DptBerhak => count(code, true),
            };
            (code.to_string(), count(code, false), reserve(rules, base))
        })
        .collect()
}

/// Rule 9 for the ballots of TPS `t` whose voters are `voters`.
pub(super) fn check(rules: &Ruleset, t: &Tps, voters: &[&Voter], out: &mut Out) {
    let expected = expected(rules, voters);
    let listed: Vec<&str> = t.ballots.iter().map(|b| b.code.as_str()).collect();
    let codes: Vec<&str> = expected.iter().map(|e| e.0.as_str()).collect();
    if listed != codes {
        out.push(
            9,
            Some(t.number),
            None,
            None,
            text!(
                "jenis surat suara {} berbeda dari hak pemilihnya {}",
                "ballot types {} differ from its voters' entitlement {}",
                listed.join(";"),
                codes.join(";")
            ),
        );
    }
    for b in &t.ballots {
        let Some((_, entitled, reserve)) = expected.iter().find(|e| e.0 == b.code) else {
            continue;
        };
        let (entitled, reserve) = (*entitled, *reserve);
        if b.voters != entitled || b.reserve != reserve || b.total != entitled + reserve {
            out.push(
                9,
                Some(t.number),
                None,
                None,
                text!(
                    "surat suara {}: {} + {} = {}, seharusnya {entitled} + {reserve} = {}",
                    "ballots {}: {} + {} = {}, should be {entitled} + {reserve} = {}",
                    b.code,
                    b.voters,
                    b.reserve,
                    b.total,
                    entitled + reserve
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::load_ruleset;

    #[test]
    fn the_reserve_is_two_percent_of_the_dpt_rounded_up_and_two_and_a_half_for_pilkada() {
        let p = load_ruleset("pemilu-2024", None, &[]).unwrap();
        assert_eq!(
            [0, 1, 50, 299, 300, 301].map(|n| reserve(&p, n)),
            [0, 1, 1, 6, 6, 7]
        );
        let k = load_ruleset("pilkada-2024", None, &[]).unwrap();
        assert_eq!([40, 41, 400, 401].map(|n| reserve(&k, n)), [1, 2, 10, 11]);
    }
}
