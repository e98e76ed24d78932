//! The voter list an inmate is on as things stand (DPT, DPTb, DPK or none), from
//! `pendaftaran`, `ktp_el` and the ruleset's cut-off dates measured against the
//! roster's date (`tanggal_data`) and election day; and the voting window of each
//! list. The deadlines themselves live in [`Deadlines`], shared with the follow-ups.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::model::{Category, Inmate, RegionCode, Registration};
use crate::rules::{Ruleset, Window};

use super::Reason;

/// The dates that bind registration and paperwork, computed from the ruleset
/// (`[pendaftaran]`) and election day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Deadlines {
    /// Election day.
    pub election: NaiveDate,
    /// The roster's date: "as things stand" means on this day.
    pub as_of: NaiveDate,
    /// DPT cut-off (`batas_dpt`).
    pub dpt: NaiveDate,
    /// Last day to file Model A (election day minus `batas_model_a_hari`); the lists
    /// of the TPS are final after it.
    pub model_a: NaiveDate,
    /// Last day for KTP-el recording (minus `batas_rekam_ktp_hari`).
    pub ktp_el: NaiveDate,
    /// Last day for NIK/NKK reconciliation (minus `batas_padan_nik_hari`).
    pub nik_nkk: NaiveDate,
}

fn days_before(day: NaiveDate, days: i64) -> NaiveDate {
    let d = Days::new(days.unsigned_abs());
    let moved = if days >= 0 {
        day.checked_sub_days(d)
    } else {
        day.checked_add_days(d)
    };
    moved.unwrap_or(day)
}

impl Deadlines {
    /// The deadlines of `rules` for an election on `election`, seen from `as_of`.
    pub fn new(rules: &Ruleset, election: NaiveDate, as_of: NaiveDate) -> Self {
        let p = &rules.pendaftaran;
        Self {
            election,
            as_of,
            dpt: p.batas_dpt,
            model_a: days_before(election, p.batas_model_a_hari),
            ktp_el: days_before(election, p.batas_rekam_ktp_hari),
            nik_nkk: days_before(election, p.batas_padan_nik_hari),
        }
    }

    /// Whether `deadline` has passed on the roster's date (the deadline day itself is
    /// still in time).
    pub fn passed(&self, deadline: NaiveDate) -> bool {
        self.as_of > deadline
    }

    /// Whether the DPT is still open on the roster's date.
    pub fn dpt_open(&self) -> bool {
        !self.passed(self.dpt)
    }
}

/// Where an inmate stands on the lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// The list they vote from as things stand; `None` when they cannot vote.
    pub category: Option<Category>,
    /// Why they cannot, when `category` is `None`.
    pub blocking: Option<Reason>,
    /// Paperwork that would move them to a better list (they vote as DPK meanwhile).
    pub paperwork: Option<Reason>,
}

/// Whether a KTP address lies where a DPK voter at the UPT may come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DpkArea {
    /// The UPT's own desa/kelurahan (both codes at that level).
    Same,
    /// The UPT's kecamatan, the desa/kelurahan of one side unknown, or no KTP region:
    /// possible, to be confirmed.
    Possible,
    /// Elsewhere.
    Outside,
}

/// Where `ktp` lies seen from the UPT's region `upt` (DPK only at the TPS of the
/// KTP-el address: PKPU 7/2022; Pilkada PKPU 7/2024 pasal 53).
pub fn dpk_area(upt: &RegionCode, ktp: Option<&RegionCode>) -> DpkArea {
    let Some(ktp) = ktp else {
        return DpkArea::Possible;
    };
    match (upt.desa(), ktp.desa()) {
        (Some(a), Some(b)) if a == b => DpkArea::Same,
        (Some(_), Some(_)) => DpkArea::Outside,
        _ => match (upt.kecamatan(), ktp.kecamatan()) {
            (Some(a), Some(b)) if a == b => DpkArea::Possible,
            _ => DpkArea::Outside,
        },
    }
}

/// [`dpk_area`] under the ruleset: every address is [`DpkArea::Same`] when
/// `dpk_hanya_wilayah_ktp` is off.
pub fn dpk_area_under(rules: &Ruleset, upt: &RegionCode, ktp: Option<&RegionCode>) -> DpkArea {
    if rules.pendaftaran.dpk_hanya_wilayah_ktp {
        dpk_area(upt, ktp)
    } else {
        DpkArea::Same
    }
}

/// Decides the list an inmate is on as things stand (`upt`: the UPT's region):
/// - `dpt` -> DPT, `dptb` -> DPTb;
/// - `dpt_asal` -> DPTb by the Model A the UPT files (`perlu_model_a`) until its
///   deadline, after it none (`model_a_terlambat`);
/// - `belum` without a KTP-el -> none (`tanpa_ktp_el`);
/// - `belum` with a KTP-el -> DPK when `dpk_diizinkan` and the KTP address is the
///   UPT's area (`dpk_hanya_wilayah_ktp`; a kecamatan-only match asks to confirm,
///   `konfirmasi_wilayah_dpk`); while the DPT is open the paperwork is the DPT
///   (`perlu_daftar_dpt`), which also lists those from elsewhere; once it is fixed,
///   those from elsewhere cannot vote from the UPT (`dpk_luar_wilayah`).
pub fn standing(
    inmate: &Inmate,
    upt: &RegionCode,
    rules: &Ruleset,
    deadlines: &Deadlines,
) -> Standing {
    let listed = |category| Standing {
        category: Some(category),
        blocking: None,
        paperwork: None,
    };
    let not = |reason| Standing {
        category: None,
        blocking: Some(reason),
        paperwork: None,
    };
    match inmate.registration {
        Registration::Dpt => listed(Category::Dpt),
        Registration::Dptb => listed(Category::Dptb),
        Registration::DptAsal if deadlines.passed(deadlines.model_a) => {
            not(Reason::ModelATerlambat)
        }
        Registration::DptAsal => Standing {
            paperwork: Some(Reason::PerluModelA),
            ..listed(Category::Dptb)
        },
        Registration::Belum if !inmate.ktp_el => not(Reason::TanpaKtpEl),
        Registration::Belum => {
            let p = &rules.pendaftaran;
            let area = dpk_area_under(rules, upt, inmate.ktp_region.as_ref());
            let dpk = p.dpk_diizinkan && area != DpkArea::Outside;
            match (deadlines.dpt_open(), dpk) {
                (true, true) => Standing {
                    paperwork: Some(Reason::PerluDaftarDpt),
                    ..listed(Category::Dpk)
                },
                (true, false) => not(Reason::PerluDaftarDpt),
                (false, true) => Standing {
                    paperwork: (area == DpkArea::Possible && inmate.ktp_region.is_some())
                        .then_some(Reason::KonfirmasiWilayahDpk),
                    ..listed(Category::Dpk)
                },
                (false, false) => not(Reason::DpkLuarWilayah),
            }
        }
    }
}

/// The voting window of a list, from `[jendela]`.
pub fn window(rules: &Ruleset, category: Category) -> Window {
    match category {
        Category::Dpt => rules.jendela.dpt,
        Category::Dptb => rules.jendela.dptb,
        Category::Dpk => rules.jendela.dpk,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::load_ruleset;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn deadlines_count_back_from_election_day() {
        let r = load_ruleset("pemilu-2024", None, &[]).unwrap();
        let dl = Deadlines::new(&r, d("2024-02-14"), d("2024-02-07"));
        assert_eq!(dl.model_a, d("2024-02-07"));
        assert_eq!(dl.ktp_el, d("2024-01-15"));
        assert_eq!(dl.nik_nkk, d("2024-01-15"));
        assert!(!dl.passed(dl.model_a), "the deadline day itself is in time");
        assert!(dl.passed(dl.ktp_el));
        assert!(!dl.dpt_open());
    }
}
