//! Who may sit on a KPPS (hard rule 8 of design.md, numbers from `[kpps]` of the
//! ruleset) and the choice of one crew per TPS.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::model::{Clock, Nip, Sex, Staff, StaffRole, age_on};
use crate::rules::Ruleset;

/// Why a staff member may not serve on a KPPS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KppsBar {
    /// `peran` does not include kpps.
    BukanPeranKpps,
    /// Neutrality pledge (pakta integritas) not signed.
    TanpaPaktaIntegritas,
    /// No permission from the superior.
    TanpaIzinAtasan,
    /// Party member in the last five years.
    AnggotaPartai,
    /// Younger than the ruleset's minimum on election day.
    TerlaluMuda,
    /// Older than the ruleset's maximum on election day.
    TerlaluTua,
    /// Education below the ruleset's minimum.
    PendidikanKurang,
    /// Not on duty for the whole voting day and counting.
    TidakBertugasSeharian,
}

impl KppsBar {
    /// The reason in the user's language.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (KppsBar::BukanPeranKpps, Lang::Id) => "peran tidak mencakup kpps",
            (KppsBar::BukanPeranKpps, Lang::En) => "role does not include kpps",
            (KppsBar::TanpaPaktaIntegritas, Lang::Id) => {
                "belum menandatangani pakta integritas netralitas"
            }
            (KppsBar::TanpaPaktaIntegritas, Lang::En) => "neutrality pledge not signed",
            (KppsBar::TanpaIzinAtasan, Lang::Id) => "tanpa izin atasan",
            (KppsBar::TanpaIzinAtasan, Lang::En) => "no permission from superior",
            (KppsBar::AnggotaPartai, Lang::Id) => "anggota partai politik",
            (KppsBar::AnggotaPartai, Lang::En) => "member of a political party",
            (KppsBar::TerlaluMuda, Lang::Id) => "di bawah usia minimal",
            (KppsBar::TerlaluMuda, Lang::En) => "below the minimum age",
            (KppsBar::TerlaluTua, Lang::Id) => "di atas usia maksimal",
            (KppsBar::TerlaluTua, Lang::En) => "above the maximum age",
            (KppsBar::PendidikanKurang, Lang::Id) => "pendidikan di bawah minimal",
            (KppsBar::PendidikanKurang, Lang::En) => "education below the minimum",
            (KppsBar::TidakBertugasSeharian, Lang::Id) => {
                "tidak bertugas sepanjang pemungutan dan penghitungan"
            }
            (KppsBar::TidakBertugasSeharian, Lang::En) => {
                "not on duty for the whole voting and counting"
            }
        }
    }
}

/// Every reason `s` may not serve on a KPPS on `election_day` for a crew on duty from
/// `from` to `until`; empty when they may.
pub fn kpps_bars(
    s: &Staff,
    rules: &Ruleset,
    election_day: NaiveDate,
    from: Clock,
    until: Clock,
) -> Vec<KppsBar> {
    let mut bars = Vec::new();
    if !s.roles.contains(&StaffRole::Kpps) {
        bars.push(KppsBar::BukanPeranKpps);
    }
    if !s.pledge_signed {
        bars.push(KppsBar::TanpaPaktaIntegritas);
    }
    if !s.superior_permission {
        bars.push(KppsBar::TanpaIzinAtasan);
    }
    if s.party_member {
        bars.push(KppsBar::AnggotaPartai);
    }
    let age = age_on(s.birth_date, election_day);
    if age < rules.kpps.usia_minimal {
        bars.push(KppsBar::TerlaluMuda);
    }
    if age > rules.kpps.usia_maksimal {
        bars.push(KppsBar::TerlaluTua);
    }
    if s.education < rules.kpps.pendidikan_minimal {
        bars.push(KppsBar::PendidikanKurang);
    }
    if s.on_duty_from > from || s.on_duty_until < until {
        bars.push(KppsBar::TidakBertugasSeharian);
    }
    bars
}

/// What one TPS needs from the staffing step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TpsNeed {
    /// TPS number (901, ...).
    pub nomor: u32,
    /// Display name of its site.
    pub site: String,
    /// Whether it serves women voters (prefer a woman on the crew; woman searcher).
    pub serves_women: bool,
    /// Whether all its voters are women (a crew of women where they are on duty).
    #[serde(default)]
    pub women_only: bool,
    /// Crew on duty from (opening minus preparation).
    pub crew_from: Clock,
    /// Crew on duty until (closing plus counting of its ballot types).
    pub crew_until: Clock,
}

/// One seat of a crew.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrewSeat {
    /// TPS number.
    pub nomor_tps: u32,
    /// `ketua` or `anggota`.
    pub jabatan: String,
    /// Who sits there.
    pub nip: Nip,
}

/// Chooses a crew for each TPS from `staff`. People who cannot escort or search are
/// taken first so escorts stay free; with [`crate::rules::KppsRules::utamakan_perempuan`]
/// a TPS whose voters are all women is crewed first and by women wherever eligible
/// women are on duty, a TPS serving women gets a woman first, and a TPS serving only
/// men takes men first (keeping the women for the TPS that need them); the chair is the
/// member with the highest education (then the lower nip). Returns the seats (in TPS
/// order) and, per TPS, how many seats stayed empty.
pub fn choose_crews(
    staff: &[Staff],
    rules: &Ruleset,
    election_day: NaiveDate,
    tps: &[TpsNeed],
) -> (Vec<CrewSeat>, Vec<(u32, u32)>) {
    let mut taken: BTreeSet<&Nip> = BTreeSet::new();
    let mut seats = Vec::new();
    let mut short = Vec::new();
    // People who may only be KPPS first, then by nip: a stable, explainable order.
    let escort_capable = |s: &Staff| {
        s.roles
            .iter()
            .any(|r| matches!(r, StaffRole::Pengawal | StaffRole::Pemeriksa))
    };
    let mut order: Vec<&Staff> = staff.iter().collect();
    order.sort_by(|a, b| {
        escort_capable(a)
            .cmp(&escort_capable(b))
            .then(a.nip.cmp(&b.nip))
    });
    let women_first = rules.kpps.utamakan_perempuan;
    let mut by_need: Vec<&TpsNeed> = tps.iter().collect();
    // Women-only TPS choose first, so the women on duty sit where they are needed.
    by_need.sort_by_key(|t| (!(women_first && t.women_only), t.nomor));
    for need in by_need {
        let fits = |s: &&Staff| {
            kpps_bars(s, rules, election_day, need.crew_from, need.crew_until).is_empty()
        };
        let mut crew: Vec<&Staff> = Vec::new();
        let woman = order
            .iter()
            .copied()
            .filter(fits)
            .find(|s| s.sex == Sex::P && !taken.contains(&s.nip));
        if let Some(w) = woman.filter(|_| need.serves_women && rules.kpps.utamakan_perempuan) {
            taken.insert(&w.nip);
            crew.push(w);
        }
        // Women first at a women-only TPS, men first at one serving only men.
        let rank = |s: &&Staff| match (women_first, need.women_only, need.serves_women) {
            (true, true, _) => s.sex != Sex::P,
            (true, false, false) => s.sex == Sex::P,
            _ => false,
        };
        let mut pool: Vec<&Staff> = order.iter().copied().filter(fits).collect();
        pool.sort_by_key(|s| rank(s));
        for s in pool {
            if crew.len() as u32 >= rules.kpps.jumlah {
                break;
            }
            if taken.insert(&s.nip) {
                crew.push(s);
            }
        }
        let mut by_rank = crew.clone();
        by_rank.sort_by(|a, b| b.education.cmp(&a.education).then(a.nip.cmp(&b.nip)));
        for (i, s) in by_rank.iter().enumerate() {
            let jabatan = if (i as u32) < rules.kpps.ketua {
                "ketua"
            } else {
                "anggota"
            };
            seats.push(CrewSeat {
                nomor_tps: need.nomor,
                jabatan: jabatan.to_string(),
                nip: s.nip.clone(),
            });
        }
        let missing = rules.kpps.jumlah.saturating_sub(crew.len() as u32);
        if missing > 0 {
            short.push((need.nomor, missing));
        }
    }
    seats.sort_by_key(|s| s.nomor_tps);
    short.sort();
    (seats, short)
}
