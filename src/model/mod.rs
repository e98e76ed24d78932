//! Validated domain types. Everything downstream of `input/` works on these,
//! never on raw CSV rows. Field comments say which input column they come from.

mod clock;
mod ids;
mod pins;
mod region;

pub use clock::{BadClock, Clock};
pub use ids::{Nip, NodeId, OTHER_VOTERS, RegNo, ZoneId};
pub use pins::{Pin, PinKind, Pins};
pub use region::{BadRegionCode, RegionCode, RegionLevel};

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Error for a value outside a fixed vocabulary; names the accepted values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("nilai '{value}' tidak dikenal; yang diterima: {accepted}")]
pub struct BadValue {
    /// The value as written.
    pub value: String,
    /// The accepted spellings, comma separated.
    pub accepted: &'static str,
}

/// Declares an enum read from a fixed Indonesian vocabulary (case-insensitive).
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[doc = concat!("`", $text, "`")] #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every accepted spelling, comma separated (for error messages).
            pub const ACCEPTED: &'static str = concat!($($text, " "),+);
            /// All variants in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The canonical spelling used in inputs and outputs.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl FromStr for $name {
            type Err = BadValue;
            fn from_str(s: &str) -> Result<Self, BadValue> {
                let t = s.trim();
                $(if t.eq_ignore_ascii_case($text) { return Ok($name::$variant); })+
                Err(BadValue { value: s.to_string(), accepted: Self::ACCEPTED.trim_end() })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary!(
    /// `jenis_kelamin`: laki-laki / perempuan.
    Sex { L = "L", P = "P" }
);
vocabulary!(
    /// `status_kawin` as on KPU lists.
    MaritalStatus {
        /// belum kawin
        Belum = "B",
        /// sudah kawin
        Sudah = "S",
        /// pernah kawin (widowed or divorced)
        Pernah = "P",
    }
);
vocabulary!(
    /// `kewarganegaraan`.
    Citizenship { Wni = "WNI", Wna = "WNA" }
);
vocabulary!(
    /// `status`: sentenced or detained.
    LegalStatus { Narapidana = "narapidana", Tahanan = "tahanan" }
);
vocabulary!(
    /// `tingkat_risiko`: the security risk level of an inmate.
    Risk { Minimum = "minimum", Medium = "medium", Maximum = "maximum", Tinggi = "tinggi" }
);
vocabulary!(
    /// `pendaftaran`: where the inmate stands on the voter lists.
    Registration {
        /// on the permanent list (DPT)
        Dpt = "dpt",
        /// filed a Model A move form (DPTb)
        Dptb = "dptb",
        /// on the DPT at home (elsewhere): may move here by Model A until H-7
        DptAsal = "dpt_asal",
        /// not registered here yet
        Belum = "belum",
    }
);
vocabulary!(
    /// `kebutuhan`: special needs on the day.
    Need {
        /// needs assistance in the booth
        Pendampingan = "pendampingan",
        /// in the clinic on election day: voted by a KPPS visit
        Klinik = "klinik",
    }
);
vocabulary!(
    /// `disabilitas`: KPU's six disability types on the voter lists.
    Disability {
        /// physical
        Fisik = "fisik",
        /// intellectual
        Intelektual = "intelektual",
        /// mental
        Mental = "mental",
        /// speech
        Wicara = "sensorik_wicara",
        /// hearing
        Rungu = "sensorik_rungu",
        /// sight
        Netra = "sensorik_netra",
    }
);
vocabulary!(
    /// `jenis` of a layout node.
    NodeKind {
        Blok = "blok", Aula = "aula", Lapangan = "lapangan", Klinik = "klinik", Masjid = "masjid",
        Gereja = "gereja", Kantor = "kantor", Pintu = "pintu", Lorong = "lorong",
    }
);
vocabulary!(
    /// `pendidikan`: highest education of a staff member, in increasing order.
    Education { Sd = "SD", Smp = "SMP", Sma = "SMA", D3 = "D3", S1 = "S1", S2 = "S2", S3 = "S3" }
);
vocabulary!(
    /// One entry of `peran` in `staff.csv`.
    StaffRole { Kpps = "kpps", Pengawal = "pengawal", Pemeriksa = "pemeriksa" }
);
vocabulary!(
    /// `jenis` in `facility.toml`.
    FacilityKind {
        /// prison
        Lapas = "lapas",
        /// remand centre
        Rutan = "rutan",
        /// juvenile facility
        Lpka = "lpka",
        /// women's prison
        Lpp = "lpp",
    }
);
vocabulary!(
    /// A yes/no flag as written in the inputs.
    YaTidak { Ya = "ya", Tidak = "tidak" }
);

impl Risk {
    /// Whether this level counts as high risk (segregated, escorted per inmate).
    pub fn is_high(self) -> bool {
        matches!(self, Risk::Maximum | Risk::Tinggi)
    }
}

/// One inmate (WBP) from `inmates.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inmate {
    /// `no_registrasi`, unique in the facility.
    pub reg_no: RegNo,
    /// `nama`.
    pub name: String,
    /// `nik`: 16 digits, or `None` when empty.
    pub nik: Option<String>,
    /// `nkk`: 16 digits, or `None` when empty.
    pub nkk: Option<String>,
    /// `jenis_kelamin`.
    pub sex: Sex,
    /// `tanggal_lahir`.
    pub birth_date: NaiveDate,
    /// `status_kawin`.
    pub marital: MaritalStatus,
    /// `kewarganegaraan`.
    pub citizenship: Citizenship,
    /// `status`.
    pub legal_status: LegalStatus,
    /// `blok`: a node of kind blok.
    pub block: NodeId,
    /// `kamar`: the cell, free text.
    pub cell: String,
    /// `tingkat_risiko`.
    pub risk: Risk,
    /// `kode_wilayah_ktp`: region of the KTP address; `None` when empty (no KTP).
    pub ktp_region: Option<RegionCode>,
    /// `hak_pilih_dicabut`: right to vote revoked by a final ruling.
    pub right_revoked: bool,
    /// `ktp_el`: has an electronic ID card (or a Dukcapil recording certificate).
    pub ktp_el: bool,
    /// `pendaftaran`.
    pub registration: Registration,
    /// `tanggal_bebas`: expected release; `None` means not before election day.
    pub release_date: Option<NaiveDate>,
    /// `kebutuhan`.
    pub need: Option<Need>,
    /// `tempat_lahir` (optional column): place of birth, for KPU's lists.
    #[serde(default)]
    pub birth_place: Option<String>,
    /// `disabilitas` (optional column): KPU's disability type.
    #[serde(default)]
    pub disability: Option<Disability>,
    /// Listed in `pemilih_lain.csv`, not an inmate: an officer (or anyone else the UPT
    /// registers) who votes at the UPT's TPS without escort. Their `block` is
    /// [`NodeId::other_voters`], `reg_no` the NIP (or `LAIN-<baris>`).
    #[serde(default)]
    pub other: bool,
    /// Line of the row in `inmates.csv` (or `pemilih_lain.csv`; 1 = header), for messages.
    pub line: u64,
}

/// One staff member on the day's roster, from `staff.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Staff {
    /// `nip`, unique in the facility.
    pub nip: Nip,
    /// `nama`.
    pub name: String,
    /// `jenis_kelamin`.
    pub sex: Sex,
    /// `tanggal_lahir`.
    pub birth_date: NaiveDate,
    /// `pendidikan`.
    pub education: Education,
    /// `peran`: the roles this person may take (sorted, no duplicates).
    pub roles: Vec<StaffRole>,
    /// `jam_mulai`: on duty from.
    pub on_duty_from: Clock,
    /// `jam_selesai`: on duty until.
    pub on_duty_until: Clock,
    /// `pakta_integritas`: neutrality pledge signed.
    pub pledge_signed: bool,
    /// `izin_atasan`: superior's permission to serve on a KPPS.
    pub superior_permission: bool,
    /// `anggota_partai`: party member in the last five years.
    pub party_member: bool,
    /// `nik` (optional column): for the KPPS appointment letter; `None` when empty.
    #[serde(default)]
    pub nik: Option<String>,
    /// Line of the row in `staff.csv`.
    pub line: u64,
}

/// One node of the layout, from `layout/nodes.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// `id`.
    pub id: NodeId,
    /// `jenis`.
    pub kind: NodeKind,
    /// `nama`: display name.
    pub name: String,
    /// `x` in metres, for drawing.
    pub x: f64,
    /// `y` in metres, for drawing.
    pub y: f64,
    /// `zona`: security zone.
    pub zone: ZoneId,
    /// `maks_tps`: how many TPS this node can host (0: not a candidate site).
    pub max_tps: u32,
    /// `bilik`: booths per TPS at this site.
    pub booths: u32,
    /// `kapasitas_tunggu`: people the waiting area holds.
    pub waiting_capacity: u32,
    /// Line in `nodes.csv`.
    pub line: u64,
}

impl Node {
    /// Whether this node is a candidate TPS site.
    pub fn is_site(&self) -> bool {
        self.max_tps > 0
    }
}

/// A two-way corridor between nodes, from `layout/paths.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathEdge {
    /// `dari`.
    pub from: NodeId,
    /// `ke`.
    pub to: NodeId,
    /// `menit`: walking minutes, positive.
    pub minutes: f64,
    /// `pemeriksaan`: a search point on the way (adds the ruleset's search minutes).
    pub search_point: bool,
    /// Line in `paths.csv`.
    pub line: u64,
}

/// An officer shift declared in `facility.toml` (`[[regu]]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shift {
    /// `nama`: the shift's name ("Regu Pagi").
    #[serde(rename = "nama")]
    pub name: String,
    /// `mulai`: start.
    #[serde(rename = "mulai")]
    pub start: Clock,
    /// `selesai`: end.
    #[serde(rename = "selesai")]
    pub end: Clock,
}

/// A pair (or more) of blocks that may not mix, from `facility.toml` (`[[pemisahan]]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Separation {
    /// `blok`: the blocks that are kept apart from each other.
    #[serde(rename = "blok")]
    pub blocks: Vec<NodeId>,
    /// `tps_terpisah`: `true` means they never share a TPS at all; `false` only never at the same time.
    #[serde(rename = "tps_terpisah", default)]
    pub separate_tps: bool,
    /// `alasan`: why, shown in messages.
    #[serde(rename = "alasan", default)]
    pub reason: String,
}

/// `facility.toml`: the UPT itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacilityInfo {
    /// `kode`: short code of the UPT (`lapas-pancur-batu`).
    #[serde(rename = "kode")]
    pub code: String,
    /// `nama`: full name (`Lapas Kelas IIA Pancur Batu`).
    #[serde(rename = "nama")]
    pub name: String,
    /// `jenis`: lapas, rutan, lpka or lpp.
    #[serde(rename = "jenis")]
    pub kind: FacilityKind,
    /// `kelas`: I, IIA, IIB, III.
    #[serde(rename = "kelas")]
    pub class: String,
    /// `kode_wilayah`: the kecamatan (`12.07.19`) or desa/kelurahan (`12.07.19.2001`)
    /// where the UPT stands.
    #[serde(rename = "kode_wilayah")]
    pub region: RegionCode,
    /// `desa`: name of the desa/kelurahan where the UPT stands (for `kpu/tps.csv`).
    #[serde(rename = "desa", default, skip_serializing_if = "Option::is_none")]
    pub village: Option<String>,
    /// `alamat`: street address of the UPT (for `kpu/tps.csv`).
    #[serde(rename = "alamat", default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// `aturan`: ruleset name (`pemilu-2024`, `pilkada-2024`).
    #[serde(rename = "aturan")]
    pub ruleset: String,
    /// `tanggal_pemilihan`: election day; defaults to the ruleset's.
    #[serde(rename = "tanggal_pemilihan", default)]
    pub election_date: Option<NaiveDate>,
    /// `tanggal_data`: the day the roster was exported from SDP; dates after it are errors.
    #[serde(rename = "tanggal_data")]
    pub data_date: NaiveDate,
    /// `jumlah_tps`: the number of TPS Lokasi Khusus KPU fixed for this UPT (2024: KPU
    /// fixed the count, the UPT placed them); the plan opens exactly this many.
    #[serde(
        rename = "jumlah_tps",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tps_count: Option<u32>,
    /// `[[regu]]`: officer shifts of the day.
    #[serde(rename = "regu", default)]
    pub shifts: Vec<Shift>,
    /// `[akses_zona]`: for each block zone, the zones whose sites its blocks may vote at.
    /// A zone not listed may use sites in its own zone only.
    #[serde(rename = "akses_zona", default)]
    pub zone_access: BTreeMap<ZoneId, Vec<ZoneId>>,
    /// `[[pemisahan]]`: blocks that may not mix, beyond the ruleset's classes.
    #[serde(rename = "pemisahan", default)]
    pub separations: Vec<Separation>,
    /// `[aturan_lokal]`: local overrides of ruleset values (same keys as the ruleset).
    #[serde(rename = "aturan_lokal", default)]
    pub rule_overrides: toml::Table,
}

/// `scenarios/NAME.toml`: what changes in one scenario.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The file it was read from, set by the reader (none for a scenario built in code).
    #[serde(skip)]
    pub path: Option<std::path::PathBuf>,
    /// FNV-1a digest of the file's bytes, set by the reader.
    #[serde(skip)]
    pub digest: String,
    /// File stem, set by the reader.
    #[serde(skip)]
    pub name: String,
    /// `keterangan`: what the scenario is about.
    #[serde(rename = "keterangan", default)]
    pub description: String,
    /// `[aturan]`: ruleset overrides (same keys as the ruleset).
    #[serde(rename = "aturan", default)]
    pub rule_overrides: toml::Table,
    /// `blok_dikunci`: blocks locked down: they vote by mobile ballot box.
    #[serde(rename = "blok_dikunci", default)]
    pub locked_blocks: Vec<NodeId>,
    /// `lokasi_ditutup`: candidate sites that may not be used.
    #[serde(rename = "lokasi_ditutup", default)]
    pub closed_sites: Vec<NodeId>,
    /// `petugas_absen`: staff absent on the day, by nip.
    #[serde(rename = "petugas_absen", default)]
    pub absent_staff: Vec<Nip>,
    /// `menit_per_pemilih`: shortcut for the ruleset's minutes per voter.
    #[serde(rename = "menit_per_pemilih", default)]
    pub minutes_per_voter: Option<f64>,
}

/// Age in whole years on `on` for someone born on `birth` (a 29 February birthday
/// falls on 1 March in common years, as Indonesian civil registration counts it).
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    use chrono::Datelike;
    let mut age = on.year() - birth.year();
    // (2, 29) sorts after (2, 28): in a common year the birthday is reached on 1 March.
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn age_counts_whole_years_including_the_birthday_itself() {
        assert_eq!(age_on(d("2007-02-14"), d("2024-02-14")), 17);
        assert_eq!(age_on(d("2007-02-15"), d("2024-02-14")), 16);
        assert_eq!(age_on(d("2004-02-29"), d("2021-02-28")), 16);
        assert_eq!(age_on(d("2004-02-29"), d("2021-03-01")), 17);
        assert_eq!(age_on(d("2004-02-29"), d("2024-02-29")), 20);
    }

    #[test]
    fn vocabularies_accept_any_case_and_name_the_alternatives() {
        assert_eq!("ya".parse::<YaTidak>().unwrap(), YaTidak::Ya);
        assert_eq!("DPTb".parse::<Registration>().unwrap(), Registration::Dptb);
        let e = "x".parse::<Sex>().unwrap_err();
        assert!(e.to_string().contains("L P"), "{e}");
    }
}

vocabulary!(
    /// The voter list an eligible inmate is on.
    Category {
        /// permanent list
        Dpt = "DPT",
        /// movers list (Model A)
        Dptb = "DPTb",
        /// special list (KTP-el only, votes while ballots remain)
        Dpk = "DPK",
    }
);

/// An eligible voter as the optimiser sees them: what decides where and when they may
/// vote. Built by `eligibility` from an [`Inmate`] and its decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Voter {
    /// The inmate.
    pub reg_no: RegNo,
    /// Block they live in (where waves are fetched from).
    pub block: NodeId,
    /// For L/P counts and segregation.
    pub sex: Sex,
    /// Under the ruleset's juvenile age on election day.
    pub juvenile: bool,
    /// High risk (maximum or tinggi): never at a TPS at the same time as others.
    pub high_risk: bool,
    /// Cannot move on the day (clinic, a risk level or a locked block): served by a KPPS visit.
    pub mobile: bool,
    /// In the clinic on the day: visited inside the ruleset's visit window
    /// (`[jendela] kunjungan`); other visits follow the voter's own list window.
    #[serde(default)]
    pub clinic: bool,
    /// DPT, DPTb or DPK: decides the voting window.
    pub category: Category,
    /// Ballot codes in the ruleset's order (`PPWP`, `DPR`, ...).
    pub ballots: Vec<String>,
    /// From `pemilih_lain.csv` (an officer, not an inmate): votes without escort, is not
    /// kept apart from anybody, and is fetched from nowhere ([`NodeId::other_voters`]).
    #[serde(default)]
    pub other: bool,
}
