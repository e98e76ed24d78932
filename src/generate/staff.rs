//! The day's staff roster (`staff.csv`) of a generated UPT: enough KPPS-capable
//! officers for the expected TPS (a crew per TPS with a margin, on duty from before
//! opening until counting ends), escorts for the waves in two shifts, searchers at the
//! gates, women officers for the women's blocks, and a realistic share of officers who
//! may not sit on a KPPS (no neutrality pledge, no permission, party member, only SMP).
//! NIPs follow the civil-service layout: birth date, appointment month, sex, serial.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use rand::Rng;

use super::names::{person_name, pick_culture};
use super::roster::birth_for_age;
use crate::model::{Clock, Education, RegionCode, Sex, StaffRole};

/// One row of `staff.csv`, typed.
#[derive(Debug, Clone)]
pub struct StaffRow {
    /// `nip`.
    pub nip: String,
    /// `nama`.
    pub name: String,
    /// `jenis_kelamin`.
    pub sex: Sex,
    /// `tanggal_lahir`.
    pub birth: NaiveDate,
    /// `pendidikan`.
    pub education: Education,
    /// `peran`.
    pub roles: Vec<StaffRole>,
    /// `jam_mulai`.
    pub from: Clock,
    /// `jam_selesai`.
    pub until: Clock,
    /// `pakta_integritas`.
    pub pledge: bool,
    /// `izin_atasan`.
    pub permission: bool,
    /// `anggota_partai`.
    pub party: bool,
}

/// A shift of the day (`[[regu]]` in facility.toml).
#[derive(Debug, Clone, Copy)]
pub struct ShiftPlan {
    /// `nama`.
    pub name: &'static str,
    /// `mulai`.
    pub start: Clock,
    /// `selesai`.
    pub end: Clock,
}

/// What the staff roster must cover.
#[derive(Debug, Clone, Copy)]
pub struct StaffNeed {
    /// Expected TPS in all.
    pub tps: u32,
    /// Expected TPS serving women.
    pub women_tps: u32,
    /// KPPS crew size.
    pub crew: u32,
    /// Escorts walking one wave.
    pub escorts_per_wave: u32,
    /// Officers with one high-risk inmate (0 when the UPT has none).
    pub high_risk_officers: u32,
    /// Gates with a search point.
    pub search_gates: u32,
    /// Searchers at each TPS while it is open (`pemeriksa_per_tps`).
    pub searchers_per_tps: u32,
    /// Whether the UPT holds women.
    pub women: bool,
    /// Whether the UPT is a women's prison (most officers are women).
    pub women_prison: bool,
}

/// The shifts: the KPPS crews' long day, then the escorts' morning and afternoon.
pub fn shifts(kpps: ShiftPlan) -> [ShiftPlan; 3] {
    [
        ShiftPlan {
            name: "Regu Pagi",
            start: Clock::hm(6, 0),
            end: Clock::hm(14, 0),
        },
        ShiftPlan {
            name: "Regu Siang",
            start: Clock::hm(13, 0),
            end: Clock::hm(21, 0),
        },
        kpps,
    ]
}

struct Maker<'a, R: Rng> {
    rng: &'a mut R,
    election: NaiveDate,
    region: &'a RegionCode,
    nips: BTreeSet<String>,
    rows: Vec<StaffRow>,
}

impl<R: Rng> Maker<'_, R> {
    fn person(&mut self, sex: Sex, kpps_pool: bool, roles: Vec<StaffRole>, shift: ShiftPlan) {
        let rng = &mut *self.rng;
        let x: f64 = rng.r#gen();
        let education = if kpps_pool {
            match x {
                x if x < 0.03 => Education::Smp,
                x if x < 0.43 => Education::Sma,
                x if x < 0.58 => Education::D3,
                x if x < 0.95 => Education::S1,
                _ => Education::S2,
            }
        } else {
            match x {
                x if x < 0.05 => Education::Smp,
                x if x < 0.60 => Education::Sma,
                x if x < 0.75 => Education::D3,
                _ => Education::S1,
            }
        };
        let min_age = match education {
            Education::S2 | Education::S3 => 26,
            Education::S1 | Education::D3 => 22,
            _ => 20,
        };
        let age = rng.gen_range(min_age..=58u32);
        let birth = birth_for_age(rng, self.election, age);
        let hired = (birth.year() + rng.gen_range(19..=30)).min(self.election.year() - 1);
        let culture = pick_culture(rng, self.region);
        let mut name = person_name(rng, culture, sex);
        let title = match education {
            Education::S2 => Some(", S.H., M.H."),
            Education::S1 if rng.gen_bool(0.6) => {
                Some([", S.H.", ", S.Sos.", ", S.Kom.", ", S.E."][rng.gen_range(0..4)])
            }
            Education::D3 if rng.gen_bool(0.4) => Some(", A.Md.P."),
            _ => None,
        };
        if let Some(t) = title {
            name.push_str(t);
        }
        let nip = loop {
            let candidate = format!(
                "{:04}{:02}{:02}{:04}{:02}{}{:03}",
                birth.year(),
                birth.month(),
                birth.day(),
                hired,
                rng.gen_range(1..=12),
                if sex == Sex::L { 1 } else { 2 },
                rng.gen_range(1..=999)
            );
            if self.nips.insert(candidate.clone()) {
                break candidate;
            }
        };
        let (pledge, permission, party) = if kpps_pool {
            (rng.gen_bool(0.95), rng.gen_bool(0.95), rng.gen_bool(0.015))
        } else {
            (rng.gen_bool(0.3), false, rng.gen_bool(0.01))
        };
        self.rows.push(StaffRow {
            nip,
            name,
            sex,
            birth,
            education,
            roles,
            from: shift.start,
            until: shift.end,
            pledge,
            permission,
            party,
        });
    }
}

/// Generates the staff roster, sorted by NIP.
pub fn staff<R: Rng>(
    need: StaffNeed,
    shifts: &[ShiftPlan; 3],
    election: NaiveDate,
    region: &RegionCode,
    rng: &mut R,
) -> Vec<StaffRow> {
    let [morning, afternoon, long_day] = *shifts;
    let women_share = if need.women_prison {
        0.75
    } else if need.women {
        0.2
    } else {
        0.12
    };
    let mut m = Maker {
        rng,
        election,
        region,
        nips: BTreeSet::new(),
        rows: Vec::new(),
    };
    // KPPS-capable crews, with a margin for officers who may not serve or are absent.
    let crews = need.tps.max(1) * need.crew;
    let kpps = (f64::from(crews) * 1.35).ceil() as u32 + 2;
    let women_kpps = if need.women {
        3 * need.women_tps.max(1)
    } else {
        0
    };
    for i in 0..kpps {
        let sex = if i < women_kpps || m.rng.gen_bool(women_share) {
            Sex::P
        } else {
            Sex::L
        };
        let roles = if m.rng.gen_bool(0.2) {
            vec![StaffRole::Kpps, StaffRole::Pengawal]
        } else {
            vec![StaffRole::Kpps]
        };
        m.person(sex, true, roles, long_day);
    }
    // Escorts: two waves in motion per TPS, plus the high-risk visits, with a margin.
    let escorts = (f64::from(need.tps.max(1) * 2 * need.escorts_per_wave) * 1.3).ceil() as u32
        + 2 * need.high_risk_officers
        + 2;
    let women_escorts = if need.women {
        (2 * need.escorts_per_wave).max(4)
    } else {
        0
    };
    for i in 0..escorts {
        let sex = if i < women_escorts || m.rng.gen_bool(women_share) {
            Sex::P
        } else {
            Sex::L
        };
        let roles = if m.rng.gen_bool(0.3) {
            vec![StaffRole::Pengawal, StaffRole::Pemeriksa]
        } else {
            vec![StaffRole::Pengawal]
        };
        m.person(sex, false, roles, morning);
    }
    let late = (f64::from(escorts) * 0.4).ceil() as u32;
    for _ in 0..late {
        let sex = if m.rng.gen_bool(women_share) {
            Sex::P
        } else {
            Sex::L
        };
        m.person(sex, false, vec![StaffRole::Pengawal], afternoon);
    }
    // Searchers at each TPS while it is open, working in two stretches (the break rule),
    // a woman in each stretch of a TPS serving women; plus an afternoon searcher per gate.
    let women_searchers = if need.women {
        2 * need.women_tps.max(1)
    } else {
        0
    };
    let searchers = (2 * need.tps.max(1) * need.searchers_per_tps).max(2) + 2;
    for i in 0..searchers {
        let sex = if i < women_searchers || m.rng.gen_bool(women_share) {
            Sex::P
        } else {
            Sex::L
        };
        m.person(sex, false, vec![StaffRole::Pemeriksa], morning);
    }
    for _ in 0..need.search_gates.max(1) {
        let sex = if m.rng.gen_bool(women_share) {
            Sex::P
        } else {
            Sex::L
        };
        m.person(sex, false, vec![StaffRole::Pemeriksa], afternoon);
    }
    let mut rows = m.rows;
    rows.sort_by(|a, b| a.nip.cmp(&b.nip));
    rows
}
