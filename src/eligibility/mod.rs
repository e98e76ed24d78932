//! Who may vote here, on which list, with which ballots, and what must still be done.
//!
//! Sits between the `input` readers' validated [`Facility`] and the optimiser: [`decide`]
//! gives one [`Decision`] per inmate in roster order, [`voters`] turns the eligible ones
//! into the [`Voter`]s the optimiser places, [`ballot_needs`] and [`reserve_warnings`]
//! size the ballots of a TPS, [`follow_ups`] is `kpu/tindak_lanjut.csv`, and
//! [`Readiness`] is the summary `tpsplan check` prints. Every number comes from the
//! facility's [`Ruleset`](crate::rules::Ruleset); dapil come from [`Reference`].
//!
//! "As things stand" means on the roster's date (`tanggal_data`): an inmate who could
//! still become a voter by filing paperwork is not counted as one until it is filed,
//! and the follow-up says what to file by when.
//!
//! The rules, in the order they are checked (every failing rule is recorded, not only
//! the first):
//! 1. citizen (`wna`);
//! 2. at least `[hak_pilih] usia_minimal` years old on election day, or `status_kawin`
//!    in `status_kawin_boleh` (`belum_cukup_umur`);
//! 3. right not revoked (`hak_dicabut`);
//! 4. still held on election day: released *before* it votes at home
//!    (`bebas_sebelum_hari_h`); released *on* it is still held that morning, so votes
//!    here, first wave (follow-up `bebas_hari_h`);
//! 5. at least one ballot ([`ballots`]; `tidak_berhak_surat_suara`,
//!    `tanpa_wilayah_ktp`, `surat_suara_belum_pasti`);
//! 6. NIK and NKK present when `wajib_nik_nkk` (`tanpa_nik`, `tanpa_nkk`);
//! 7. on a list, or able to vote as DPK ([`category`]; `tanpa_ktp_el`,
//!    `perlu_daftar_dpt`, `perlu_model_a`).

pub mod ballots;
pub mod category;
pub mod follow_up;
pub mod logistics;
pub mod readiness;
pub mod reasons;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::facility::Facility;
use crate::model::{Category, Citizenship, Inmate, Need, RegNo, Voter, age_on};
use crate::reference::Reference;
use crate::rules::Window;

pub use ballots::{BallotDoubt, Doubt, Entitlement, Entitler, region_label};
pub use category::{Deadlines, Standing, standing, window};
pub use follow_up::{FollowUp, Task, follow_ups};
pub use logistics::{BallotNeed, BallotShortfall, ReserveWarning, ballot_needs, reserve_warnings};
pub use readiness::Readiness;
pub use reasons::Reason;

/// The decision for one inmate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// The inmate.
    pub reg_no: RegNo,
    /// Age in whole years on election day.
    pub age: i32,
    /// A voter here, as things stand on the roster's date.
    pub eligible: bool,
    /// Why not a voter, in [`Reason`] order; empty exactly when `eligible`.
    pub reasons: Vec<Reason>,
    /// The list they vote from (voters only).
    pub category: Option<Category>,
    /// When that list may vote, from `[jendela]` (voters only).
    pub window: Option<Window>,
    /// Ballot codes in the ruleset's order (voters only; never empty for a voter).
    pub ballots: Vec<String>,
    /// Ballots resting on unconfirmed or missing dapil data (voters only).
    pub doubts: Vec<BallotDoubt>,
    /// What must be done, by when (voters and non-voters).
    pub tasks: Vec<Task>,
}

/// The decisions for a whole facility, in roster order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decisions {
    /// Ruleset name (`pemilu-2024`).
    pub ruleset: String,
    /// Election day and the other dates that bind.
    pub deadlines: Deadlines,
    /// One per inmate, in roster order.
    pub items: Vec<Decision>,
}

impl Decisions {
    /// The decisions in roster order.
    pub fn iter(&self) -> std::slice::Iter<'_, Decision> {
        self.items.iter()
    }

    /// How many inmates were decided.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the roster was empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many are voters here as things stand.
    pub fn voter_count(&self) -> usize {
        self.items.iter().filter(|d| d.eligible).count()
    }

    /// The decision for a register number.
    pub fn get(&self, reg_no: &RegNo) -> Option<&Decision> {
        self.items.iter().find(|d| &d.reg_no == reg_no)
    }

    /// Election day.
    pub fn election_date(&self) -> NaiveDate {
        self.deadlines.election
    }
}

impl<'a> IntoIterator for &'a Decisions {
    type Item = &'a Decision;
    type IntoIter = std::slice::Iter<'a, Decision>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// Decides, for every inmate of the facility in roster order, whether they are a voter
/// here as things stand, on which list, with which ballots, and what is still to do.
pub fn decide(facility: &Facility, reference: &Reference) -> Decisions {
    let rules = &facility.rules;
    let election = facility.election_date();
    let deadlines = Deadlines::new(rules, election, facility.info.data_date);
    let mut entitler = Entitler::new(reference, rules, &facility.info.region);
    let ctx = follow_up::Context {
        facility,
        reference,
        deadlines: &deadlines,
    };
    let items = facility
        .people()
        .map(|inmate| decide_one(inmate, &ctx, &mut entitler))
        .collect();
    Decisions {
        ruleset: rules.nama.clone(),
        deadlines,
        items,
    }
}

fn decide_one(
    inmate: &Inmate,
    ctx: &follow_up::Context<'_>,
    entitler: &mut Entitler<'_>,
) -> Decision {
    let rules = &ctx.facility.rules;
    let election = ctx.deadlines.election;
    let age = age_on(inmate.birth_date, election);
    let mut reasons = Vec::new();
    if inmate.citizenship == Citizenship::Wna {
        reasons.push(Reason::Wna);
    }
    let rule = &rules.hak_pilih;
    if age < rule.usia_minimal && !rule.status_kawin_boleh.contains(&inmate.marital) {
        reasons.push(Reason::BelumCukupUmur);
    }
    if inmate.right_revoked {
        reasons.push(Reason::HakDicabut);
    }
    if inmate.release_date.is_some_and(|d| d < election) {
        reasons.push(Reason::BebasSebelumHariH);
    }
    let entitlement = entitler.entitlement(inmate.ktp_region.as_ref()).clone();
    if entitlement.ballots.is_empty() {
        reasons.push(if inmate.ktp_region.is_none() {
            Reason::TanpaWilayahKtp
        } else if entitlement.doubts.iter().any(|d| d.doubt == Doubt::Unknown) {
            Reason::SuratSuaraBelumPasti
        } else {
            Reason::TidakBerhakSuratSuara
        });
    }
    if rule.wajib_nik_nkk {
        if inmate.nik.is_none() {
            reasons.push(Reason::TanpaNik);
        }
        if inmate.nkk.is_none() {
            reasons.push(Reason::TanpaNkk);
        }
    }
    let standing = category::standing(inmate, &ctx.facility.info.region, rules, ctx.deadlines);
    reasons.extend(standing.blocking);
    reasons.sort();
    reasons.dedup();
    let eligible = reasons.is_empty();

    let mut paperwork: Vec<Reason> = standing.paperwork.into_iter().collect();
    if inmate.ktp_region.is_none() && !entitlement.ballots.is_empty() {
        paperwork.push(Reason::TanpaWilayahKtp);
    }
    if eligible && inmate.release_date == Some(election) {
        paperwork.push(Reason::BebasHariH);
    }
    let tasks = ctx.tasks(inmate, age, &reasons, &paperwork, &entitlement);

    let category = standing.category.filter(|_| eligible);
    let (ballots, doubts) = if eligible {
        (entitlement.ballots, entitlement.doubts)
    } else {
        (Vec::new(), Vec::new())
    };
    Decision {
        reg_no: inmate.reg_no.clone(),
        age,
        eligible,
        reasons,
        category,
        window: category.map(|c| window(rules, c)),
        ballots,
        doubts,
        tasks,
    }
}

/// The [`Voter`]s the optimiser places: every eligible inmate, with the classes that
/// decide where and when they vote (juvenile under `[pemisahan] usia_anak` on election
/// day; high risk per [`Risk::is_high`](crate::model::Risk::is_high); mobile when in
/// the clinic, of a risk level in `risiko_kunjungan`, or in a block the scenario locks).
pub fn voters(facility: &Facility, decisions: &Decisions) -> Vec<Voter> {
    let sep = &facility.rules.pemisahan;
    paired(facility, decisions)
        .into_iter()
        .filter(|(_, d)| d.eligible)
        .filter_map(|(inmate, d)| {
            let category = d.category?;
            let mobile = inmate.need == Some(Need::Klinik)
                || sep.risiko_kunjungan.contains(&inmate.risk)
                || facility.scenario.locked_blocks.contains(&inmate.block);
            Some(Voter {
                reg_no: d.reg_no.clone(),
                block: inmate.block.clone(),
                sex: inmate.sex,
                juvenile: d.age < sep.usia_anak,
                high_risk: inmate.risk.is_high(),
                mobile,
                clinic: inmate.need == Some(Need::Klinik),
                category,
                ballots: d.ballots.clone(),
                other: inmate.other,
            })
        })
        .collect()
}

/// Each decision with its inmate: by position when the decisions are the facility's
/// own (roster order), else by register number (decisions without an inmate are skipped).
pub(crate) fn paired<'a>(
    facility: &'a Facility,
    decisions: &'a Decisions,
) -> Vec<(&'a Inmate, &'a Decision)> {
    let in_order = facility.inmates.len() + facility.others.len() == decisions.len()
        && facility
            .people()
            .zip(decisions.iter())
            .all(|(i, d)| i.reg_no == d.reg_no);
    if in_order {
        return facility.people().zip(decisions.iter()).collect();
    }
    let by_reg: HashMap<&RegNo, &Inmate> = facility.people().map(|i| (&i.reg_no, i)).collect();
    decisions
        .iter()
        .filter_map(|d| by_reg.get(&d.reg_no).map(|i| (*i, d)))
        .collect()
}
