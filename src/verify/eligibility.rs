//! Who may vote here, on which list and with which ballots, derived again by the
//! checker from the inputs and the ruleset with its own small code (not
//! `crate::eligibility`), from the rules of domain.md:
//!
//! - a voter is a citizen, old enough on election day (`[hak_pilih] usia_minimal`) or
//!   married (`status_kawin_boleh`), not stripped of the right, still held on election
//!   day, with NIK and NKK where `wajib_nik_nkk`, with at least one ballot, and on a list;
//! - the list: `dpt` and `dptb` as recorded; `dpt_asal` is DPTb by the Model A the UPT
//!   files unless the roster's date is past election day minus `batas_model_a_hari`;
//!   `belum` is DPK only with a KTP-el, where `dpk_diizinkan`, and (under
//!   `dpk_hanya_wilayah_ktp`) with a KTP address not outside the UPT's desa/kecamatan;
//! - ballots: each ballot type of `[surat_suara] jenis` whose election the UPT's region
//!   holds, when its `syarat` holds between the KTP region and the UPT's region by the
//!   dapil tables of the reference data; a ballot the data cannot settle is not issued.
//!
//! What it shares with the planner: the input layer's [`Facility`], the model types,
//! the ruleset and the reference tables (data).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::facility::Facility;
use crate::model::{
    Category, Citizenship, Inmate, Need, RegNo, RegionCode, Registration, Risk, Voter,
};
use crate::reference::{Dapil, Reference};
use crate::rules::{BallotCondition, Ruleset};

/// What the checker derives from the inputs: the voters (roster order) with their
/// list and ballots, and the people who are not voters here.
pub(super) struct Derived {
    /// Every voter, in roster order, as the checks need them.
    pub voters: Vec<Voter>,
    /// Everybody on the rosters who is not a voter here, in roster order.
    pub non_voters: Vec<RegNo>,
}

/// Derives the voters of `facility` from its rosters and rules.
pub(super) fn derive(facility: &Facility, reference: &Reference) -> Derived {
    let rules = &facility.rules;
    let election = facility.election_date();
    let upt = &facility.info.region;
    let mut ballots_of: BTreeMap<Option<RegionCode>, Vec<String>> = BTreeMap::new();
    let mut out = Derived {
        voters: Vec::new(),
        non_voters: Vec::new(),
    };
    for person in facility.people() {
        let ballots = ballots_of
            .entry(person.ktp_region.clone())
            .or_insert_with(|| ballots_for(reference, rules, upt, person.ktp_region.as_ref()))
            .clone();
        let age = years_on(person.birth_date, election);
        let category = list_of(person, facility, election);
        let votes = person.citizenship != Citizenship::Wna
            && (age >= rules.hak_pilih.usia_minimal
                || rules.hak_pilih.status_kawin_boleh.contains(&person.marital))
            && !person.right_revoked
            && person.release_date.is_none_or(|d| d >= election)
            && (!rules.hak_pilih.wajib_nik_nkk || (person.nik.is_some() && person.nkk.is_some()))
            && !ballots.is_empty();
        match category.filter(|_| votes) {
            Some(category) => {
                let sep = &rules.pemisahan;
                let clinic = person.need == Some(Need::Klinik);
                out.voters.push(Voter {
                    reg_no: person.reg_no.clone(),
                    block: person.block.clone(),
                    sex: person.sex,
                    juvenile: age < sep.usia_anak,
                    high_risk: matches!(person.risk, Risk::Maximum | Risk::Tinggi),
                    mobile: clinic
                        || sep.risiko_kunjungan.contains(&person.risk)
                        || facility.scenario.locked_blocks.contains(&person.block),
                    clinic,
                    category,
                    ballots,
                    other: person.other,
                });
            }
            None => out.non_voters.push(person.reg_no.clone()),
        }
    }
    out
}

/// Whole years from `birth` to `day` (a 29 February birthday comes on 1 March in a
/// common year).
fn years_on(birth: NaiveDate, day: NaiveDate) -> i32 {
    let before_birthday =
        day.month() < birth.month() || (day.month() == birth.month() && day.day() < birth.day());
    day.year() - birth.year() - i32::from(before_birthday)
}

/// The list `person` votes from as things stand, if any.
fn list_of(person: &Inmate, facility: &Facility, election: NaiveDate) -> Option<Category> {
    let p = &facility.rules.pendaftaran;
    match person.registration {
        Registration::Dpt => Some(Category::Dpt),
        Registration::Dptb => Some(Category::Dptb),
        Registration::DptAsal => {
            let last_day = election - chrono::Duration::days(p.batas_model_a_hari);
            (facility.info.data_date <= last_day).then_some(Category::Dptb)
        }
        Registration::Belum => {
            let near = !p.dpk_hanya_wilayah_ktp
                || ktp_near_upt(&facility.info.region, person.ktp_region.as_ref());
            (person.ktp_el && p.dpk_diizinkan && near).then_some(Category::Dpk)
        }
    }
}

/// Whether a KTP address may be the UPT's area for a DPK voter: the same desa where
/// both codes go that deep, else the same kecamatan (to be confirmed), or no KTP region
/// (to be confirmed).
fn ktp_near_upt(upt: &RegionCode, ktp: Option<&RegionCode>) -> bool {
    let Some(ktp) = ktp else { return true };
    match (upt.desa(), ktp.desa()) {
        (Some(a), Some(b)) => a == b,
        _ => matches!((upt.kecamatan(), ktp.kecamatan()), (Some(a), Some(b)) if a == b),
    }
}

/// The ballot codes, in the ruleset's order, a KTP address in `ktp` gets at a TPS in
/// the UPT's region `upt`.
fn ballots_for(
    reference: &Reference,
    rules: &Ruleset,
    upt: &RegionCode,
    ktp: Option<&RegionCode>,
) -> Vec<String> {
    rules
        .surat_suara
        .jenis
        .iter()
        .filter(|b| reference.holds(upt, b.pemilihan))
        .filter(|b| match ktp {
            None => b.syarat == BallotCondition::Selalu,
            Some(ktp) => entitled(reference, b.syarat, upt, ktp),
        })
        .map(|b| b.kode.clone())
        .collect()
}

/// Both dapil known and of one name.
fn same_dapil(a: Option<&Dapil>, b: Option<&Dapil>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a.name == b.name)
}

/// Whether the condition holds between the UPT's region and a KTP region; `false`
/// where the data cannot tell.
fn entitled(
    reference: &Reference,
    cond: BallotCondition,
    upt: &RegionCode,
    ktp: &RegionCode,
) -> bool {
    let province = upt.province() == ktp.province();
    let both = |f: fn(&RegionCode) -> Option<&str>| match (f(upt), f(ktp)) {
        (Some(a), Some(b)) => Some(a == b),
        _ => None,
    };
    let kabkota = both(RegionCode::kabkota);
    let kecamatan = both(RegionCode::kecamatan);
    match cond {
        BallotCondition::Selalu => true,
        BallotCondition::ProvinsiSama => province,
        BallotCondition::KabkotaSama => province && kabkota == Some(true),
        BallotCondition::DapilDprSama => {
            province
                && (kabkota == Some(true)
                    || same_dapil(reference.dapil_dpr(upt), reference.dapil_dpr(ktp)))
        }
        BallotCondition::DapilDprdProvSama => {
            let whole = upt
                .kabkota()
                .and_then(|k| reference.kabkota(k))
                .is_some_and(|k| !k.dprd_prov_per_kecamatan);
            province
                && (kecamatan == Some(true)
                    || (kabkota == Some(true) && whole)
                    || same_dapil(
                        reference.dapil_dprd_prov(upt),
                        reference.dapil_dprd_prov(ktp),
                    ))
        }
        BallotCondition::DapilDprdKabSama => {
            province
                && kabkota == Some(true)
                && (kecamatan == Some(true)
                    || same_dapil(reference.dapil_dprd_kab(upt), reference.dapil_dprd_kab(ktp)))
        }
    }
}
