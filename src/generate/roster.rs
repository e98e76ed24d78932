//! The inmate roster (`inmates.csv`) of a generated UPT, block by block, with the
//! distributions of domain.md: women only in women's blocks or an LPP, juveniles only in
//! an LPKA, about 0.4 % foreigners, 10 to 20 % without NIK or NKK, KTP addresses mostly
//! in the UPT's own kab/kota, high-risk inmates only in the maximum-security blocks,
//! some released before election day, registration about 70 % DPT, 15 % DPTb, 15 % not
//! yet registered. NIK and NKK follow the Dukcapil layout: six region digits of the KTP
//! kecamatan, the birth date DDMMYY (day + 40 for women) or the card's issue date, and
//! a four-digit serial.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, Months, NaiveDate};
use rand::Rng;
use rand::seq::SliceRandom;

use super::layout::{BlockClass, BlockPlan};
use super::names::{foreign_name, person_name, pick_culture};
use super::presets::{UptSpec, kabkota_codes, province_weights};
use crate::model::{
    FacilityKind, LegalStatus, MaritalStatus, Need, RegionCode, Registration, Risk, Sex, age_on,
};
use crate::reference::Reference;

/// One row of `inmates.csv`, typed; the writer turns it into the exact columns.
#[derive(Debug, Clone)]
pub struct InmateRow {
    /// `no_registrasi`.
    pub reg_no: String,
    /// `nama`.
    pub name: String,
    /// `nik`.
    pub nik: Option<String>,
    /// `nkk`.
    pub nkk: Option<String>,
    /// `jenis_kelamin`.
    pub sex: Sex,
    /// `tanggal_lahir`.
    pub birth: NaiveDate,
    /// `status_kawin`.
    pub marital: MaritalStatus,
    /// `kewarganegaraan`: true for WNA.
    pub foreign: bool,
    /// `status`.
    pub status: LegalStatus,
    /// `blok`.
    pub block: String,
    /// `kamar`.
    pub cell: String,
    /// `tingkat_risiko`.
    pub risk: Risk,
    /// `kode_wilayah_ktp`.
    pub ktp_region: Option<RegionCode>,
    /// `hak_pilih_dicabut`.
    pub revoked: bool,
    /// `ktp_el`.
    pub ktp_el: bool,
    /// `pendaftaran`.
    pub registration: Registration,
    /// `tanggal_bebas`.
    pub release: Option<NaiveDate>,
    /// `kebutuhan`.
    pub need: Option<Need>,
}

/// Dates that frame a roster.
#[derive(Debug, Clone, Copy)]
pub struct Dates {
    /// Election day.
    pub election: NaiveDate,
    /// Day the roster was exported from SDP.
    pub data: NaiveDate,
    /// DPT cut-off: inmates who arrived later need a Model A form (DPTb).
    pub dpt_cutoff: NaiveDate,
    /// The ruleset's minimum voting age: younger unmarried juveniles are not registered.
    pub min_voting_age: i32,
}

/// Draws home regions for a UPT's inmates.
struct RegionSampler {
    own_kecamatan: RegionCode,
    own_kabkota_kecamatan: Vec<String>,
    province_kabkota: Vec<(String, u32)>,
    other_provinces: Vec<(String, u32)>,
    /// Probabilities: same kecamatan, same kab/kota, same province (else elsewhere).
    p: [f64; 3],
}

/// Kecamatan codes of a kab/kota: the reference table where it has one, else a
/// plausible numbered range.
fn kecamatan_codes(kabkota: &str) -> Vec<String> {
    let reference = Reference::builtin();
    if reference.has_kecamatan_table(kabkota) {
        return reference
            .kecamatan_of(kabkota)
            .map(|k| k.code.clone())
            .collect();
    }
    let hash = kabkota
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    let n = 8 + hash % 13;
    (1..=n).map(|i| format!("{kabkota}.{i:02}")).collect()
}

fn weighted<'a, R: Rng>(rng: &mut R, items: &'a [(String, u32)]) -> Option<&'a str> {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    if total == 0 {
        return None;
    }
    let mut x = rng.gen_range(0..total);
    for (item, w) in items {
        if x < *w {
            return Some(item);
        }
        x -= w;
    }
    None
}

impl RegionSampler {
    fn new(spec: &UptSpec, own: RegionCode) -> Self {
        let province = own.province().to_string();
        let kabkota = own.kabkota().unwrap_or("").to_string();
        let capital_of = |p: &str| -> Option<String> {
            let codes = kabkota_codes(p);
            codes
                .iter()
                .find(|c| c.ends_with(".71"))
                .cloned()
                .or_else(|| codes.first().cloned())
        };
        let capital = capital_of(&province);
        let province_kabkota = kabkota_codes(&province)
            .into_iter()
            .filter(|c| *c != kabkota)
            .map(|c| {
                let w = if Some(&c) == capital.as_ref() { 4 } else { 1 };
                (c, w)
            })
            .collect();
        let other_provinces = province_weights()
            .into_iter()
            .filter(|(p, _)| *p != province)
            .map(|(p, w)| (p.to_string(), w))
            .collect();
        let p = match spec.kind {
            FacilityKind::Lpka | FacilityKind::Lpp => [0.08, 0.33, 0.90],
            _ if spec.class == "I" => [0.18, 0.60, 0.88],
            _ => [0.22, 0.65, 0.90],
        };
        Self {
            own_kabkota_kecamatan: kecamatan_codes(&kabkota),
            own_kecamatan: own,
            province_kabkota,
            other_provinces,
            p,
        }
    }

    fn draw<R: Rng>(&self, rng: &mut R) -> RegionCode {
        let x: f64 = rng.r#gen();
        let code = if x < self.p[0] {
            self.own_kecamatan.as_str().to_string()
        } else if x < self.p[1] {
            self.own_kabkota_kecamatan
                .choose(rng)
                .cloned()
                .unwrap_or_else(|| self.own_kecamatan.as_str().to_string())
        } else {
            let kabkota = if x < self.p[2] {
                weighted(rng, &self.province_kabkota).map(str::to_string)
            } else {
                weighted(rng, &self.other_provinces)
                    .and_then(|p| kabkota_codes(p).choose(rng).cloned())
            };
            match kabkota {
                Some(k) => kecamatan_codes(&k)
                    .choose(rng)
                    .cloned()
                    .unwrap_or_else(|| format!("{k}.01")),
                None => self.own_kecamatan.as_str().to_string(),
            }
        };
        code.parse().unwrap_or_else(|_| self.own_kecamatan.clone())
    }
}

/// Shares that depend on where the UPT is.
fn missing_id_share(province: &str) -> f64 {
    match province {
        "91" | "92" | "93" | "94" | "95" | "96" => 0.30,
        "53" | "81" | "82" => 0.14,
        _ => 0.08,
    }
}

/// A birth date giving exactly `age` whole years on `on`.
pub fn birth_for_age<R: Rng>(rng: &mut R, on: NaiveDate, age: u32) -> NaiveDate {
    // Born between (age + 1) years and age years before `on`, exclusive of the ends.
    let earliest = on
        .checked_sub_months(Months::new(12 * (age + 1)))
        .unwrap_or(on);
    let span = (on.checked_sub_months(Months::new(12 * age)).unwrap_or(on) - earliest)
        .num_days()
        .max(2) as u64;
    let mut d = earliest + Days::new(rng.gen_range(1..span));
    // Guard the edges (leap days): nudge until the age on `on` is right.
    for _ in 0..3 {
        let a = age_on(d, on);
        if a > age as i32 {
            d = d + Days::new(1);
        } else if a < age as i32 {
            d = d - Days::new(1);
        } else {
            break;
        }
    }
    d
}

fn adult_age<R: Rng>(rng: &mut R) -> u32 {
    let bucket: f64 = rng.r#gen();
    match bucket {
        b if b < 0.20 => rng.gen_range(19..=24),
        b if b < 0.55 => rng.gen_range(25..=34),
        b if b < 0.80 => rng.gen_range(35..=44),
        b if b < 0.92 => rng.gen_range(45..=54),
        _ => rng.gen_range(55..=70),
    }
}

fn marital_for_age<R: Rng>(rng: &mut R, age: u32) -> MaritalStatus {
    let x: f64 = rng.r#gen();
    let (b, s) = match age {
        0..=17 => (0.99, 1.0),
        18..=24 => (0.75, 0.98),
        25..=39 => (0.35, 0.90),
        _ => (0.10, 0.80),
    };
    if x < b {
        MaritalStatus::Belum
    } else if x < s {
        MaritalStatus::Sudah
    } else {
        MaritalStatus::Pernah
    }
}

/// Unique serials within one UPT, so no two people share a NIK or NKK.
struct Serials(BTreeSet<String>);

impl Serials {
    fn make<R: Rng>(&mut self, rng: &mut R, head: &str) -> String {
        loop {
            let candidate = format!("{head}{:04}", rng.gen_range(1..=9999));
            if self.0.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

fn nik_date(birth: NaiveDate, sex: Sex) -> String {
    let day = birth.day() + if sex == Sex::P { 40 } else { 0 };
    format!("{day:02}{:02}{:02}", birth.month(), birth.year() % 100)
}

/// Generates the roster of all blocks, in block order.
pub fn roster<R: Rng>(
    spec: &UptSpec,
    own: RegionCode,
    blocks: &[BlockPlan],
    dates: Dates,
    rng: &mut R,
) -> Vec<InmateRow> {
    let sampler = RegionSampler::new(spec, own.clone());
    let no_id = missing_id_share(own.province());
    let mut serials = Serials(BTreeSet::new());
    let mut reg_serial: u32 = rng.gen_range(100..900);
    let mut rows = Vec::with_capacity(spec.inmates as usize);
    let tahanan_share = match spec.kind {
        FacilityKind::Rutan => 0.55,
        FacilityKind::Lpka => 0.20,
        FacilityKind::Lpp => 0.15,
        FacilityKind::Lapas => 0.12,
    };
    for block in blocks {
        for k in 0..block.occupants {
            let sex = match block.class {
                BlockClass::Women => Sex::P,
                BlockClass::Maximum if spec.kind == FacilityKind::Lpp => Sex::P,
                _ => Sex::L,
            };
            let age = match block.class {
                BlockClass::Juvenile => {
                    let x: f64 = rng.r#gen();
                    if x < 0.10 {
                        14
                    } else if x < 0.30 {
                        15
                    } else if x < 0.62 {
                        16
                    } else {
                        17
                    }
                }
                BlockClass::Youth => rng.gen_range(18..=20),
                _ => adult_age(rng),
            };
            let mut birth = birth_for_age(rng, dates.election, age);
            if !matches!(block.class, BlockClass::Juvenile | BlockClass::Youth)
                && age_on(birth, dates.data) < 18
            {
                birth = birth - Days::new(366);
            }
            let mut marital = marital_for_age(rng, age);
            // A few married 16-year-olds in an LPKA: they may vote.
            if block.class == BlockClass::Juvenile && age == 16 && rng.gen_bool(0.06) {
                marital = MaritalStatus::Sudah;
            }
            let foreign = spec.kind != FacilityKind::Lpka && rng.gen_bool(0.004);
            let status = if (block.new_arrivals && rng.gen_bool(0.8)) || rng.gen_bool(tahanan_share)
            {
                LegalStatus::Tahanan
            } else {
                LegalStatus::Narapidana
            };
            let risk = match block.class {
                BlockClass::Maximum => {
                    if rng.gen_bool(0.35) {
                        Risk::Tinggi
                    } else {
                        Risk::Maximum
                    }
                }
                BlockClass::Women | BlockClass::Juvenile | BlockClass::Youth => {
                    if rng.gen_bool(0.6) {
                        Risk::Minimum
                    } else {
                        Risk::Medium
                    }
                }
                BlockClass::Men => {
                    if rng.gen_bool(0.45) {
                        Risk::Minimum
                    } else {
                        Risk::Medium
                    }
                }
            };
            // Identity documents.
            let (has_nik, has_nkk) = if foreign {
                (false, false)
            } else {
                let x: f64 = rng.r#gen();
                if x < no_id {
                    (false, rng.gen_bool(0.2))
                } else if x < no_id + 0.045 {
                    (true, false)
                } else {
                    (true, true)
                }
            };
            let home = sampler.draw(rng);
            let ktp_region = has_nik.then(|| home.clone());
            let nik = has_nik.then(|| {
                let head = format!("{}{}", home.digits(), nik_date(birth, sex));
                serials.make(rng, &head)
            });
            let nkk = has_nkk.then(|| {
                let issued = NaiveDate::from_ymd_opt(rng.gen_range(2005..=2023), 1, 1)
                    .unwrap_or(dates.data)
                    + Days::new(rng.gen_range(0..365));
                let head = format!(
                    "{}{:02}{:02}{:02}",
                    home.digits(),
                    issued.day(),
                    issued.month(),
                    issued.year() % 100
                );
                serials.make(rng, &head)
            });
            let ktp_el = has_nik && rng.gen_bool(0.93);
            // Arrival after the DPT cut-off decides DPT or Model A (DPTb, or the DPT at
            // home with Model A still to file).
            let arrived_late = (block.new_arrivals && rng.gen_bool(0.85))
                || rng.gen_bool(match status {
                    LegalStatus::Tahanan => 0.45,
                    LegalStatus::Narapidana => 0.12,
                });
            let too_young = age_on(birth, dates.election) < dates.min_voting_age
                && marital == MaritalStatus::Belum;
            let registration = if foreign || !has_nik || !has_nkk || too_young {
                Registration::Belum
            } else {
                let x: f64 = rng.r#gen();
                match (arrived_late, x) {
                    (true, x) if x < 0.25 => Registration::Dpt,
                    (true, x) if x < 0.82 => Registration::Dptb,
                    // On the DPT at home, Model A not yet filed.
                    (true, x) if x < 0.93 => Registration::DptAsal,
                    (true, _) => Registration::Belum,
                    (false, x) if x < 0.96 => Registration::Dpt,
                    (false, x) if x < 0.995 => Registration::Dptb,
                    (false, _) => Registration::Belum,
                }
            };
            let cutoff_year = dates.dpt_cutoff.year();
            let year = if arrived_late {
                if rng.gen_bool(0.3) {
                    dates.data.year()
                } else {
                    cutoff_year
                }
            } else {
                match status {
                    LegalStatus::Tahanan => cutoff_year,
                    LegalStatus::Narapidana => rng.gen_range(cutoff_year - 7..=cutoff_year),
                }
            };
            reg_serial += rng.gen_range(1..=6);
            let register = match (status, block.class) {
                (LegalStatus::Narapidana, _) if rng.gen_bool(0.8) => "BI",
                (LegalStatus::Narapidana, _) => "BIIa",
                (LegalStatus::Tahanan, _) => ["AII", "AIII", "AIV"][rng.gen_range(0..3)],
            };
            let reg_no = format!("{register}-{reg_serial:04}/{year}");
            let revoked = status == LegalStatus::Narapidana && rng.gen_bool(0.003);
            let release = match status {
                LegalStatus::Narapidana => {
                    let x: f64 = rng.r#gen();
                    let before = (dates.election - dates.data).num_days().max(2) as u64;
                    if x < 0.04 {
                        Some(dates.data + Days::new(rng.gen_range(1..before)))
                    } else if x < 0.64 {
                        Some(dates.election + Days::new(rng.gen_range(1..=1800)))
                    } else {
                        None
                    }
                }
                LegalStatus::Tahanan => {
                    let before = (dates.election - dates.data).num_days().max(2) as u64;
                    rng.gen_bool(0.015)
                        .then(|| dates.data + Days::new(rng.gen_range(1..before)))
                }
            };
            let need = if rng.gen_bool(0.004) {
                Some(Need::Klinik)
            } else if rng.gen_bool(if age >= 60 { 0.10 } else { 0.012 }) {
                Some(Need::Pendampingan)
            } else {
                None
            };
            let name = if foreign {
                foreign_name(rng, sex)
            } else {
                let culture = pick_culture(rng, &home);
                person_name(rng, culture, sex)
            };
            let cell = format!("{}-{:02}", block.cell_prefix, (k % block.cells.max(1)) + 1);
            rows.push(InmateRow {
                reg_no,
                name,
                nik,
                nkk,
                sex,
                birth,
                marital,
                foreign,
                status,
                block: block.id.clone(),
                cell,
                risk,
                ktp_region,
                revoked,
                ktp_el,
                registration,
                release,
                need,
            });
        }
    }
    // A UPT of some size always has someone in the clinic on the day.
    if rows.len() >= 150 && !rows.iter().any(|r| r.need == Some(Need::Klinik)) {
        let i = rng.gen_range(0..rows.len());
        rows[i].need = Some(Need::Klinik);
    }
    rows
}
