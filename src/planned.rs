//! A planned facility, ready to be written (the contract between the `plan` pipeline in
//! `planner` and the writers in `export`), and what its crews and escorts need.

use std::collections::BTreeSet;

use crate::eligibility::{self, Decisions, FollowUp};
use crate::facility::Facility;
use crate::layout::Layout;
use crate::model::{Clock, Nip, Sex, Voter};
use crate::plan::Plan;
use crate::staffing::{TpsNeed, WaveNeed};

/// Everything a planned facility produced, ready to be written.
#[derive(Debug, Clone)]
pub struct Planned {
    /// The validated facility (scenario applied).
    pub facility: Facility,
    /// Eligibility decisions, roster order.
    pub decisions: Decisions,
    /// Eligible voters as planned.
    pub voters: Vec<Voter>,
    /// Follow-ups for `kpu/tindak_lanjut.csv`.
    pub follow_ups: Vec<FollowUp>,
    /// The plan, staffing included.
    pub plan: Plan,
    /// Schedule rounds run (1 when the first schedule could be staffed).
    pub rounds: usize,
    /// Seconds in all (eligibility, optimisation, staffing, verification).
    pub seconds: f64,
    /// What the desk and KPU should know, in the run's language: TPS whose DPTb and
    /// DPK voters exceed the reserve ballots (the 2024 shortfalls).
    pub warnings: Vec<String>,
    /// The reserve warnings behind [`Planned::warnings`] (for the short terminal list).
    pub reserve: Vec<eligibility::ReserveWarning>,
    /// The plan with requests came after the search against the roster alone used up
    /// its share of the time limit: a longer `--time-limit` may need fewer requests.
    pub requests_after_time_limit: bool,
    /// What changed against the earlier plan of `plan --sebelumnya` (`perubahan.csv`).
    pub changes: Option<crate::plan::changes::Changes>,
}

/// What the crews and the escorts of `plan` need, for `staffing::assign`.
pub fn staffing_needs(facility: &Facility, plan: &Plan) -> (Vec<TpsNeed>, Vec<WaveNeed>) {
    let r = &facility.rules;
    let layout = Layout::build(facility);
    let tps: Vec<TpsNeed> = plan
        .tps
        .iter()
        .map(|t| TpsNeed {
            nomor: t.number,
            site: facility.site_name(&t.site),
            serves_women: t.class.sex == Some(Sex::P) || t.class.sex.is_none(),
            women_only: t.class.sex == Some(Sex::P),
            crew_from: Clock(r.jam.buka.0.saturating_sub(r.kpps.menit_persiapan)),
            crew_until: Clock(
                (r.jam.tutup.0 + r.jam.menit_hitung_per_jenis * t.ballots.len() as u16)
                    .min(24 * 60),
            ),
        })
        .collect();
    let sex_of_tps = |n: u32| {
        plan.tps
            .iter()
            .find(|t| t.number == n)
            .and_then(|t| t.class.sex)
    };
    let site_of_tps = |n: u32| plan.tps.iter().find(|t| t.number == n).map(|t| &t.site);
    // Women vote in waves of their own, at a TPS of their own or a shared one.
    let women: BTreeSet<&str> = facility
        .inmates
        .iter()
        .filter(|i| i.sex == Sex::P)
        .map(|i| i.reg_no.as_str())
        .collect();
    let waves = plan
        .waves
        .iter()
        .map(|w| {
            let walk = site_of_tps(w.tps)
                .and_then(|s| Some((layout.place_index(&w.block)?, layout.site_index(s)?)))
                .and_then(|(b, s)| layout.walk(b, s))
                .unwrap_or(0.0);
            let (from, until) = (w.start.0 as f64 - walk, w.end.0 as f64 + walk);
            WaveNeed {
                nomor_tps: w.tps,
                block: w.block.to_string(),
                busy_from: Clock(from.max(0.0).floor() as u16),
                busy_until: Clock(until.min(1440.0).ceil() as u16),
                escorts: w.escorts,
                // Officers' own waves go without escort, women or not.
                women: !w.block.is_other_voters()
                    && (sex_of_tps(w.tps) == Some(Sex::P)
                        || w.reg_nos.iter().any(|r| women.contains(r.as_str()))),
                mobile: w.mobile,
                // Officers of pemilih_lain.csv are keyed by NIP.
                voting: if w.block.is_other_voters() {
                    w.reg_nos.iter().map(|r| Nip::from(r.as_str())).collect()
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    (tps, waves)
}
