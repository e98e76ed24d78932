//! Rulesets: every number of the election rules (caps, hours, windows, ballots,
//! staff, escorts, honoraria, objective weights) read from
//! `data/reference/rulesets/NAME.toml`, with the facility's `[aturan_lokal]` and a
//! scenario's `[aturan]` deep-merged on top before the typed struct is built, so an
//! unknown key anywhere is an error. No rule value is a constant in code.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::lang::Text;
use crate::model::{Clock, Education, MaritalStatus};

mod load;
mod ranges;
mod simulasi;
pub use load::{BUILTIN, deep_merge, load_ruleset, ruleset_source};
pub use simulasi::{ServiceDistribution, SimulationRules};

/// Which kind of election a ruleset describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ElectionKind {
    /// General election (president, DPR, DPD, DPRD).
    Pemilu,
    /// Regional head election (governor, regent, mayor).
    Pilkada,
}

/// How a reserve count is rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rounding {
    /// Round up (`ceil`).
    Atas,
    /// Round to nearest, halves up.
    Terdekat,
    /// Round down (`floor`).
    Bawah,
}

impl Rounding {
    /// Applies the rounding to a non-negative amount.
    pub fn apply(self, x: f64) -> u32 {
        // Guard against 2 % of 300 = 6.000000000000001 rounding up to 7.
        let x = (x * 1e9).round() / 1e9;
        match self {
            Rounding::Atas => x.ceil() as u32,
            Rounding::Terdekat => x.round() as u32,
            Rounding::Bawah => x.floor() as u32,
        }
    }
}

/// What a TPS's reserve of one ballot type is a share of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReserveBase {
    /// The TPS's whole DPT, for every ballot type (the reading of the 2024 rules).
    DptTps,
    /// The DPT voters of the TPS entitled to that ballot type.
    DptBerhak,
}

/// Who decides a ballot: the condition comparing the voter's KTP region with the TPS region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BallotCondition {
    /// Every voter gets it (PPWP).
    Selalu,
    /// Same province (DPD, governor).
    ProvinsiSama,
    /// Same DPR dapil.
    DapilDprSama,
    /// Same DPRD-provinsi dapil.
    DapilDprdProvSama,
    /// Same kab/kota and same DPRD-kab/kota dapil.
    DapilDprdKabSama,
    /// Same kab/kota (regent or mayor).
    KabkotaSama,
}

/// Which election a region must hold for a ballot to be issued there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionalElection {
    /// Held everywhere (Pemilu ballots).
    Nasional,
    /// DPRD kab/kota elected in the region (none in Jakarta).
    DprdKabkota,
    /// Governor election of the province.
    Gubernur,
    /// Regent election of a kabupaten.
    Bupati,
    /// Mayor election of a kota.
    Walikota,
}

/// One ballot type of the ruleset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BallotType {
    /// `kode`: PPWP, DPR, DPD, DPRD_PROV, DPRD_KAB, GUB, BUP, WAL.
    pub kode: String,
    /// `nama`: shown to people.
    pub nama: String,
    /// `warna`: the KPU ballot colour as `#rrggbb`.
    pub warna: String,
    /// `syarat`: the entitlement condition.
    pub syarat: BallotCondition,
    /// `pemilihan`: the election the region must hold.
    pub pemilihan: RegionalElection,
}

/// `[tps]`: one polling station.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TpsRules {
    /// Registered voters per TPS at most.
    pub maks_pemilih: u32,
    /// Registered voters per TPS at least (0 inside a prison).
    pub min_pemilih: u32,
    /// Voting booths per TPS (a site's `bilik` column may say otherwise).
    pub bilik: u32,
    /// Ballot boxes per TPS.
    pub kotak: u32,
    /// Average minutes a voter spends at the booth.
    pub menit_per_pemilih: f64,
    /// First TPS number inside a prison (901).
    pub nomor_awal: u32,
}

/// `[jam]`: the voting day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoursRules {
    /// Opening time.
    pub buka: Clock,
    /// Closing time: nobody new after it.
    pub tutup: Clock,
    /// Minutes before closing by which every planned voter is through.
    pub jeda_tutup_menit: u16,
    /// Length of a scheduling slot in minutes.
    pub menit_slot: u16,
    /// Minutes of counting per ballot type after closing.
    pub menit_hitung_per_jenis: u16,
}

/// A voting window `[mulai, selesai)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    /// From.
    pub mulai: Clock,
    /// Until.
    pub selesai: Clock,
}

/// `[jendela]`: when each category may vote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowRules {
    /// DPT voters.
    pub dpt: Window,
    /// DPTb (Model A) voters.
    pub dptb: Window,
    /// DPK (KTP-el only) voters.
    pub dpk: Window,
    /// KPPS visits to the clinic and to locked blocks.
    pub kunjungan: Window,
}

/// `[hak_pilih]`: who may vote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityRules {
    /// Minimum age on election day.
    pub usia_minimal: i32,
    /// Marital statuses that may vote below the minimum age.
    pub status_kawin_boleh: Vec<MaritalStatus>,
    /// Whether NIK and NKK are both required on the record.
    pub wajib_nik_nkk: bool,
}

/// `[pendaftaran]`: registration deadlines and follow-up lead times.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistrationRules {
    /// DPT cut-off date.
    pub batas_dpt: NaiveDate,
    /// Model A (DPTb) may be filed until this many days before election day (H-7).
    pub batas_model_a_hari: i64,
    /// Days before election day by which a KTP-el recording must be done.
    pub batas_rekam_ktp_hari: i64,
    /// Days before election day by which NIK/NKK reconciliation must be done.
    pub batas_padan_nik_hari: i64,
    /// Whether unlisted voters with a KTP-el may vote as DPK.
    pub dpk_diizinkan: bool,
    /// DPK only at the TPS of the KTP-el address (PKPU 7/2022; Pilkada: PKPU 7/2024
    /// pasal 53): an unlisted inmate is a DPK voter at the UPT only when the KTP
    /// address lies in the UPT's desa/kelurahan (or, with kecamatan codes only, its
    /// kecamatan, to be confirmed).
    #[serde(default = "yes")]
    pub dpk_hanya_wilayah_ktp: bool,
}

fn yes() -> bool {
    true
}

/// `[surat_suara]`: ballots and reserve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BallotRules {
    /// Reserve as a fraction of the TPS's DPT (0.02 = 2 %).
    pub cadangan: f64,
    /// How the reserve is rounded.
    pub pembulatan: Rounding,
    /// What the reserve is a share of.
    pub dasar_cadangan: ReserveBase,
    /// Whether the reserve figure is confirmed by a source (`false` marks it in outputs).
    pub cadangan_terkonfirmasi: bool,
    /// The ballot types in their fixed output order.
    pub jenis: Vec<BallotType>,
}

/// `[kpps]`: the crew of one TPS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KppsRules {
    /// Crew size (7).
    pub jumlah: u32,
    /// Chairs among them (1).
    pub ketua: u32,
    /// Minimum age.
    pub usia_minimal: i32,
    /// Maximum age on voting day (PKPU 8/2022 pasal 35: 17 to 55).
    #[serde(default = "default_kpps_max_age")]
    pub usia_maksimal: i32,
    /// Minimum education.
    pub pendidikan_minimal: Education,
    /// Prefer a woman on the crew of a TPS that serves women voters.
    pub utamakan_perempuan: bool,
    /// Minutes before opening the crew must be on duty (setting up).
    pub menit_persiapan: u16,
}

/// `[pengawalan]`: escorts and searches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscortRules {
    /// Inmates one escort walks with.
    pub wbp_per_pengawal: u32,
    /// Officers per high-risk inmate (mobile box visits).
    pub petugas_per_wbp_risiko_tinggi: u32,
    /// Minutes a search point adds to a walk.
    pub menit_pemeriksaan: f64,
    /// Largest wave fetched from a block at once.
    pub maks_gelombang: u32,
    /// Minutes a KPPS mobile visit spends per voter.
    pub menit_kunjungan_per_pemilih: f64,
    /// Searchers at each TPS while it is open.
    pub pemeriksa_per_tps: u32,
    /// Longest stretch an officer works without a break, in minutes.
    pub maks_menit_tanpa_istirahat: u16,
    /// Length of the break, in minutes.
    pub menit_istirahat: u16,
    /// Shortest relay: a duty longer than a stretch is handed over at the post to the
    /// next officer, each taking at least this many minutes (or the rest of the duty).
    #[serde(default = "default_relay")]
    pub menit_estafet_minimal: u16,
    /// A wave from a women's block has at least one woman escort.
    pub pengawal_perempuan_blok_perempuan: bool,
    /// A TPS serving women voters has at least one woman searcher.
    pub pemeriksa_perempuan_tps_perempuan: bool,
}

fn default_kpps_max_age() -> i32 {
    55
}

fn default_relay() -> u16 {
    30
}

/// `[pemisahan]`: classes that may not mix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeparationRules {
    /// Women and men never share a TPS (otherwise: never at the same time).
    pub jenis_kelamin_tps_terpisah: bool,
    /// Juveniles and adults never share a TPS.
    pub anak_tps_terpisah: bool,
    /// Age under which an inmate counts as a juvenile.
    pub usia_anak: i32,
    /// High-risk inmates never share a TPS with others.
    pub risiko_tinggi_tps_terpisah: bool,
    /// Risk levels whose blocks cannot move and vote by mobile box.
    pub risiko_kunjungan: Vec<crate::model::Risk>,
}

/// `[luar]`: people requested from outside bodies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutsideRules {
    /// Linmas per TPS (from the kelurahan).
    pub linmas_per_tps: u32,
    /// PTPS per TPS (from Bawaslu).
    pub ptps_per_tps: u32,
}

/// `[honor]`: honoraria in rupiah, for cost figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HonorariaRules {
    /// KPPS chair.
    pub ketua_kpps: u64,
    /// KPPS member.
    pub anggota_kpps: u64,
    /// Linmas.
    pub linmas: u64,
}

/// `[bobot]`: objective weights, in the order of importance of design.md.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveWeights {
    /// Per TPS opened.
    pub tps: f64,
    /// Per block split across TPS.
    pub blok_terpecah: f64,
    /// Per voter-minute walked.
    pub menit_jalan: f64,
    /// Per escort-minute.
    pub menit_pengawal: f64,
    /// Per voter of imbalance between TPS loads.
    pub ketidakseimbangan: f64,
    /// Per minute the last wave finishes after opening.
    pub menit_selesai: f64,
}

/// A complete ruleset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ruleset {
    /// `nama`: pemilu-2024, pilkada-2024, ...
    pub nama: String,
    /// `jenis`: pemilu or pilkada.
    pub jenis: ElectionKind,
    /// `tanggal_pemilihan`: election day.
    #[serde(rename = "tanggal_pemilihan")]
    pub election_date: NaiveDate,
    /// `sumber`: where the numbers come from.
    pub sumber: Vec<String>,
    /// `[tps]`.
    pub tps: TpsRules,
    /// `[jam]`.
    pub jam: HoursRules,
    /// `[jendela]`.
    pub jendela: WindowRules,
    /// `[hak_pilih]`.
    pub hak_pilih: EligibilityRules,
    /// `[pendaftaran]`.
    pub pendaftaran: RegistrationRules,
    /// `[surat_suara]`.
    pub surat_suara: BallotRules,
    /// `[kpps]`.
    pub kpps: KppsRules,
    /// `[pengawalan]`.
    pub pengawalan: EscortRules,
    /// `[pemisahan]`.
    pub pemisahan: SeparationRules,
    /// `[luar]`.
    pub luar: OutsideRules,
    /// `[honor]`.
    pub honor: HonorariaRules,
    /// `[bobot]`.
    pub bobot: ObjectiveWeights,
    /// `[simulasi]`: the voting-day simulation (`tpsplan simulate`).
    pub simulasi: SimulationRules,
}

/// Why a ruleset could not be built.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// No such ruleset among the built-in ones or in the reference folder.
    #[error("aturan '{name}' tidak ditemukan; yang tersedia: {available}")]
    Unknown {
        /// Requested name.
        name: String,
        /// Known names.
        available: String,
    },
    /// The merged TOML does not fit the ruleset structure (unknown key, wrong type).
    #[error("{origin}: {}", message.id)]
    Invalid {
        /// Which file or override table.
        origin: String,
        /// What toml said (in both languages the same), or a value of the wrong type
        /// in the user's terms.
        message: Text,
        /// The dotted key of a value of the wrong type, and which override set it,
        /// when one override key alone breaks the ruleset.
        key: Option<(String, usize)>,
    },
    /// Values that fit the structure but not the rules' sense (a cap of 0, closing
    /// before opening, a negative reserve); each with the key and the override that set
    /// it.
    #[error("{}", .0.iter().map(|i| format!("{}: [{}] {}", i.origin, i.table(), i.message.id)).collect::<Vec<_>>().join("; "))]
    OutOfRange(Vec<RangeIssue>),
    /// A ruleset file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// A ruleset value outside what the rules can mean.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeIssue {
    /// Dotted key, `tps.bilik`.
    pub key: String,
    /// The key (of those the rule joins) that the override set: where to point.
    pub set_key: String,
    /// What is wrong and what is accepted.
    pub message: Text,
    /// The file (or override table) that set the key last.
    pub origin: String,
    /// Which override set it (index into the overrides of [`load_ruleset`]); `None`
    /// when the ruleset file itself holds the value.
    pub set_by: Option<usize>,
}

impl RangeIssue {
    /// The table of the key (`tps` of `tps.bilik`).
    pub fn table(&self) -> &str {
        self.key.split_once('.').map_or(&self.key, |(t, _)| t)
    }

    /// The table and the key inside it of [`RangeIssue::set_key`].
    pub fn set_at(&self) -> (&str, &str) {
        self.set_key.split_once('.').unwrap_or(("", &self.set_key))
    }
}

impl Ruleset {
    /// Codes of the ballot types in output order.
    pub fn ballot_codes(&self) -> Vec<&str> {
        self.surat_suara
            .jenis
            .iter()
            .map(|b| b.kode.as_str())
            .collect()
    }

    /// Reserve ballots for a TPS with `dpt` voters on its permanent list.
    pub fn reserve_for(&self, dpt: u32) -> u32 {
        self.surat_suara
            .pembulatan
            .apply(dpt as f64 * self.surat_suara.cadangan)
    }

    /// Last minute by which planned voting must be over: closing minus the buffer.
    pub fn last_voting_minute(&self) -> Clock {
        Clock(self.jam.tutup.0.saturating_sub(self.jam.jeda_tutup_menit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rulesets_load_and_hold_the_2024_numbers() {
        let p = load_ruleset("pemilu-2024", None, &[]).unwrap();
        assert_eq!(p.tps.maks_pemilih, 300);
        assert_eq!(
            p.ballot_codes(),
            ["PPWP", "DPR", "DPD", "DPRD_PROV", "DPRD_KAB"]
        );
        assert_eq!(p.reserve_for(300), 6);
        assert_eq!(p.reserve_for(301), 7);
        assert_eq!(p.reserve_for(0), 0);
        let k = load_ruleset("pilkada-2024", None, &[]).unwrap();
        assert_eq!(k.tps.maks_pemilih, 600);
        assert_eq!(k.jenis, ElectionKind::Pilkada);
    }

    #[test]
    fn overrides_merge_and_unknown_keys_are_refused() {
        let over: toml::Table = "[tps]\nmaks_pemilih = 250\n".parse().unwrap();
        let r = load_ruleset(
            "pemilu-2024",
            None,
            &[("facility.toml [aturan_lokal]", &over)],
        )
        .unwrap();
        assert_eq!(r.tps.maks_pemilih, 250);
        assert_eq!(r.tps.bilik, 4);
        let bad: toml::Table = "[tps]\nmaks_pemilihh = 250\n".parse().unwrap();
        let e = load_ruleset("pemilu-2024", None, &[("scenarios/x.toml", &bad)]).unwrap_err();
        assert!(e.to_string().contains("maks_pemilihh"), "{e}");
        assert!(e.to_string().contains("scenarios/x.toml"), "{e}");
    }

    #[test]
    fn the_builtin_rulesets_are_in_range_and_nonsense_is_named_where_it_was_set() {
        for (name, _) in BUILTIN {
            let r = load_ruleset(name, None, &[]).unwrap();
            assert!(
                r.range_issues().is_empty(),
                "{name}: {:?}",
                r.range_issues()
            );
        }
        let fac: toml::Table = "[tps]\nbilik = 0\n".parse().unwrap();
        let sc: toml::Table = "[jam]\ntutup = \"06:00\"\n[bobot]\ntps = -1.0\n"
            .parse()
            .unwrap();
        let Err(RulesError::OutOfRange(issues)) = load_ruleset(
            "pemilu-2024",
            None,
            &[
                ("facility.toml [aturan_lokal]", &fac),
                ("x.toml [aturan]", &sc),
            ],
        ) else {
            panic!("out of range values accepted");
        };
        let got: Vec<(&str, &str, Option<usize>)> = issues
            .iter()
            .map(|i| (i.key.as_str(), i.set_key.as_str(), i.set_by))
            .collect();
        assert_eq!(
            got,
            [
                ("tps.bilik", "tps.bilik", Some(0)),
                ("jam.buka", "jam.tutup", Some(1)),
                ("bobot.tps", "bobot.tps", Some(1)),
            ]
        );
    }

    #[test]
    fn unknown_ruleset_names_the_available_ones() {
        let e = load_ruleset("pemilu-2029", None, &[]).unwrap_err();
        assert!(e.to_string().contains("pemilu-2024"));
    }
}
