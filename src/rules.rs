//! Rulesets: every number of the election rules (caps, hours, windows, ballots,
//! staff, escorts, honoraria, objective weights) read from
//! `data/reference/rulesets/NAME.toml`, with the facility's `[aturan_lokal]` and a
//! scenario's `[aturan]` deep-merged on top before the typed struct is built, so an
//! unknown key anywhere is an error. No rule value is a constant in code.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::lang::{Text, text};
use crate::model::{Clock, Education, MaritalStatus};

mod simulasi;
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

/// The rulesets shipped in `data/reference/rulesets/`, built into the binary so it
/// works from any folder.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "pemilu-2024",
        include_str!("../data/reference/rulesets/pemilu-2024.toml"),
    ),
    (
        "pilkada-2024",
        include_str!("../data/reference/rulesets/pilkada-2024.toml"),
    ),
];

/// The raw TOML of a ruleset: from `dir/NAME.toml` when a folder is given and holds it,
/// else the built-in copy.
pub fn ruleset_source(name: &str, dir: Option<&Path>) -> Result<(String, String), RulesError> {
    if let Some(dir) = dir {
        let path = dir.join(format!("{name}.toml"));
        if path.is_file() {
            let text = std::fs::read_to_string(&path).map_err(|source| RulesError::Io {
                path: path.clone(),
                source,
            })?;
            return Ok((path.display().to_string(), text));
        }
    }
    BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, t)| (format!("data/reference/rulesets/{n}.toml"), t.to_string()))
        .ok_or_else(|| RulesError::Unknown {
            name: name.to_string(),
            available: BUILTIN
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// Merges `over` into `base`: tables recursively, any other value replaced.
pub fn deep_merge(base: &mut toml::Table, over: &toml::Table) {
    for (k, v) in over {
        match (base.get_mut(k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => deep_merge(b, o),
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

/// Builds the typed ruleset `name` with override tables applied in order; each override
/// is `(origin, table)` where origin names the file for messages.
pub fn load_ruleset(
    name: &str,
    dir: Option<&Path>,
    overrides: &[(&str, &toml::Table)],
) -> Result<Ruleset, RulesError> {
    let (origin, text) = ruleset_source(name, dir)?;
    let mut table: toml::Table =
        text.parse()
            .map_err(|e: toml::de::Error| RulesError::Invalid {
                origin: origin.clone(),
                message: e.to_string().into(),
                key: None,
            })?;
    let base = table.clone();
    let mut origins = vec![origin];
    for (o, t) in overrides {
        deep_merge(&mut table, t);
        origins.push((*o).to_string());
    }
    let rules = Ruleset::deserialize(toml::Value::Table(table)).map_err(|e| {
        let message = e.to_string();
        // Unknown keys are named by serde itself; a value of the wrong type is not.
        let key = if message.starts_with("unknown field") {
            None
        } else {
            culprit(&base, overrides)
        };
        RulesError::Invalid {
            origin: key
                .as_ref()
                .map_or_else(|| origins.join(" + "), |(_, i)| origins[i + 1].clone()),
            message: if key.is_some() {
                plain_type_error(&message)
            } else {
                message.into()
            },
            key,
        }
    })?;
    let issues: Vec<RangeIssue> = rules
        .range_issues()
        .into_iter()
        .map(|(key, message)| {
            // The last override that sets the key (or, for a rule between two keys,
            // either of them) answers for it.
            let keys: Vec<&str> = key.split('|').collect();
            let set_by = overrides
                .iter()
                .rposition(|(_, t)| keys.iter().any(|k| sets_key(t, k)));
            let set_key = set_by
                .and_then(|i| keys.iter().find(|k| sets_key(overrides[i].1, k)))
                .unwrap_or(&keys[0]);
            RangeIssue {
                key: keys[0].to_string(),
                set_key: set_key.to_string(),
                message,
                origin: origins[set_by.map_or(0, |i| i + 1)].clone(),
                set_by,
            }
        })
        .collect();
    if issues.is_empty() {
        Ok(rules)
    } else {
        Err(RulesError::OutOfRange(issues))
    }
}

/// The first override key that alone makes the ruleset fail to build (a value of the
/// wrong type), as (dotted key, override index).
fn culprit(base: &toml::Table, overrides: &[(&str, &toml::Table)]) -> Option<(String, usize)> {
    fn leaves(t: &toml::Table, prefix: &str, out: &mut Vec<(String, toml::Value)>) {
        for (k, v) in t {
            let key = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match v {
                toml::Value::Table(inner) => leaves(inner, &key, out),
                _ => out.push((key, v.clone())),
            }
        }
    }
    for (i, (_, t)) in overrides.iter().enumerate() {
        let mut keys = Vec::new();
        leaves(t, "", &mut keys);
        for (key, value) in keys {
            let mut parts: Vec<&str> = key.split('.').collect();
            let leaf = parts.pop().unwrap_or_default();
            let mut one = toml::Table::from_iter([(leaf.to_string(), value)]);
            while let Some(p) = parts.pop() {
                one = toml::Table::from_iter([(p.to_string(), toml::Value::Table(one))]);
            }
            let mut merged = base.clone();
            deep_merge(&mut merged, &one);
            if Ruleset::deserialize(toml::Value::Table(merged)).is_err() {
                return Some((key, i));
            }
        }
    }
    None
}

/// serde's words for a value of the wrong type, in the user's terms.
fn plain_type_error(message: &str) -> Text {
    let first = message.lines().next().unwrap_or(message).trim();
    let expected = [
        (
            "expected u16",
            "bilangan bulat 0 sampai 65535",
            "a whole number from 0 to 65535",
        ),
        (
            "expected u32",
            "bilangan bulat 0 sampai 4294967295",
            "a whole number from 0 to 4294967295",
        ),
        (
            "expected u64",
            "bilangan bulat 0 atau lebih",
            "a whole number, 0 or more",
        ),
        ("expected i32", "bilangan bulat", "a whole number"),
        ("expected i64", "bilangan bulat", "a whole number"),
        ("expected f64", "angka (mis. 4.5)", "a number (e.g. 4.5)"),
        ("expected a boolean", "true atau false", "true or false"),
        (
            "expected a string",
            "teks dalam tanda kutip",
            "text in quotes",
        ),
    ];
    for (pat, want, want_en) in expected {
        if first.contains(pat) {
            let got = first
                .strip_prefix("invalid value: ")
                .or_else(|| first.strip_prefix("invalid type: "))
                .and_then(|r| r.split(", expected").next())
                .unwrap_or(first);
            return text!(
                "nilai {got} tidak sah: harus {want}",
                "value {got} is not valid: it must be {want_en}"
            );
        }
    }
    first.into()
}

/// Whether `table` sets the dotted `key` (`tps.bilik`).
fn sets_key(table: &toml::Table, key: &str) -> bool {
    let mut t = table;
    let parts: Vec<&str> = key.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        match t.get(*part) {
            Some(toml::Value::Table(inner)) if i + 1 < parts.len() => t = inner,
            Some(_) => return i + 1 == parts.len(),
            None => return false,
        }
    }
    false
}

/// A float that is a number and lies in `[lo, hi]`.
fn within(x: f64, lo: f64, hi: f64) -> bool {
    x.is_finite() && x >= lo && x <= hi
}

impl Ruleset {
    /// Values outside what the rules can mean, as (key, message): the key is dotted
    /// (`tps.bilik`); a rule between keys lists them joined by `|`, the first named.
    /// The bounds are those of sense (a TPS has a booth, opening comes before
    /// closing), not of any one election.
    pub fn range_issues(&self) -> Vec<(String, Text)> {
        let mut out: Vec<(String, Text)> = Vec::new();
        let mut bad = |key: &str, msg: Text| out.push((key.to_string(), msg));
        let t = &self.tps;
        if t.maks_pemilih == 0 {
            bad(
                "tps.maks_pemilih",
                text!(
                    "maks_pemilih = 0: sebuah TPS harus dapat menampung pemilih; tulis 1 atau lebih (2024: 300)",
                    "maks_pemilih = 0: a TPS must be able to take voters; write 1 or more (2024: 300)"
                ),
            );
        }
        if t.min_pemilih > 0 {
            bad(
                "tps.min_pemilih",
                text!(
                    "min_pemilih = {}: di dalam Lapas/Rutan tidak ada batas minimum pemilih per TPS dan tpsplan tidak menerapkannya; tulis 0",
                    "min_pemilih = {}: inside a Lapas/Rutan there is no minimum of voters per TPS and tpsplan does not apply one; write 0",
                    t.min_pemilih
                ),
            );
        }
        if !(1..=50).contains(&t.bilik) {
            bad(
                "tps.bilik",
                text!(
                    "bilik = {}: tulis 1 sampai 50 bilik per TPS (2024: 4)",
                    "bilik = {}: write 1 to 50 booths per TPS (2024: 4)",
                    t.bilik
                ),
            );
        }
        if !(1..=50).contains(&t.kotak) {
            bad(
                "tps.kotak",
                text!(
                    "kotak = {}: tulis 1 sampai 50 kotak suara per TPS (2024: 5)",
                    "kotak = {}: write 1 to 50 ballot boxes per TPS (2024: 5)",
                    t.kotak
                ),
            );
        }
        if !within(t.menit_per_pemilih, 0.1, 120.0) {
            bad(
                "tps.menit_per_pemilih",
                text!(
                    "menit_per_pemilih = {}: tulis menit di bilik per pemilih antara 0.1 dan 120 (2024: 5.0)",
                    "menit_per_pemilih = {}: write the minutes in the booth per voter between 0.1 and 120 (2024: 5.0)",
                    t.menit_per_pemilih
                ),
            );
        }
        if !(1..=99_000).contains(&t.nomor_awal) {
            bad(
                "tps.nomor_awal",
                text!(
                    "nomor_awal = {}: tulis nomor TPS pertama antara 1 dan 99000 (TPS Lokasi Khusus: 901)",
                    "nomor_awal = {}: write the first TPS number between 1 and 99000 (TPS Lokasi Khusus: 901)",
                    t.nomor_awal
                ),
            );
        }
        let j = &self.jam;
        let day = 24 * 60;
        if j.tutup.0 > day || j.buka.0 >= j.tutup.0 {
            bad(
                "jam.buka|jam.tutup",
                text!(
                    "buka {} tidak sebelum tutup {}: TPS harus buka sebelum tutup pada hari yang sama",
                    "buka {} is not before tutup {}: a TPS must open before it closes, on the same day",
                    j.buka,
                    j.tutup
                ),
            );
        } else {
            let open = j.tutup.0 - j.buka.0;
            if j.jeda_tutup_menit >= open {
                bad(
                    "jam.jeda_tutup_menit",
                    text!(
                        "jeda_tutup_menit = {} tidak menyisakan waktu memilih antara {} dan {}; tulis kurang dari {open}",
                        "jeda_tutup_menit = {} leaves no voting time between {} and {}; write less than {open}",
                        j.jeda_tutup_menit,
                        j.buka,
                        j.tutup
                    ),
                );
            } else {
                let voting = open - j.jeda_tutup_menit;
                if j.menit_slot == 0 || j.menit_slot > voting {
                    bad(
                        "jam.menit_slot",
                        text!(
                            "menit_slot = {}: tulis panjang slot antara 1 dan {voting} menit (waktu memilih {} sampai {}; 2024: 15)",
                            "menit_slot = {}: write a slot length between 1 and {voting} minutes (voting from {} to {}; 2024: 15)",
                            j.menit_slot,
                            j.buka,
                            self.last_voting_minute()
                        ),
                    );
                } else if within(t.menit_per_pemilih, 0.1, 120.0)
                    && f64::from(t.bilik) * f64::from(j.menit_slot) < t.menit_per_pemilih
                {
                    bad(
                        "jam.menit_slot|tps.bilik|tps.menit_per_pemilih",
                        text!(
                            "dalam satu slot {} menit dengan {} bilik tidak seorang pun selesai memilih ({} menit per pemilih); perpanjang menit_slot atau tambah bilik",
                            "in one slot of {} minutes with {} booths nobody finishes voting ({} minutes per voter); lengthen menit_slot or add booths",
                            j.menit_slot,
                            t.bilik,
                            t.menit_per_pemilih
                        ),
                    );
                }
            }
        }
        let w = &self.jendela;
        for (name, win) in [
            ("dpt", w.dpt),
            ("dptb", w.dptb),
            ("dpk", w.dpk),
            ("kunjungan", w.kunjungan),
        ] {
            if win.mulai.0 >= win.selesai.0 || win.selesai.0 > day {
                bad(
                    &format!("jendela.{name}"),
                    text!(
                        "jendela {name} {}-{}: mulai harus sebelum selesai pada hari yang sama",
                        "window {name} {}-{}: the start must come before the end, on the same day",
                        win.mulai,
                        win.selesai
                    ),
                );
            }
        }
        let h = &self.hak_pilih;
        if !(0..=100).contains(&h.usia_minimal) {
            bad(
                "hak_pilih.usia_minimal",
                text!(
                    "usia_minimal = {}: tulis usia antara 0 dan 100 tahun (2024: 17)",
                    "usia_minimal = {}: write an age between 0 and 100 years (2024: 17)",
                    h.usia_minimal
                ),
            );
        }
        let r = &self.pendaftaran;
        for (name, d) in [
            ("batas_model_a_hari", r.batas_model_a_hari),
            ("batas_rekam_ktp_hari", r.batas_rekam_ktp_hari),
            ("batas_padan_nik_hari", r.batas_padan_nik_hari),
        ] {
            if !(0..=3650).contains(&d) {
                bad(
                    &format!("pendaftaran.{name}"),
                    text!(
                        "{name} = {d}: tulis jumlah hari sebelum hari pemungutan antara 0 dan 3650",
                        "{name} = {d}: write the number of days before election day between 0 and 3650"
                    ),
                );
            }
        }
        let b = &self.surat_suara;
        if !within(b.cadangan, 0.0, 1.0) {
            bad(
                "surat_suara.cadangan",
                text!(
                    "cadangan = {}: tulis bagian DPT antara 0 dan 1 (2024: 0.02, yaitu 2 %)",
                    "cadangan = {}: write a share of the DPT between 0 and 1 (2024: 0.02, that is 2 %)",
                    b.cadangan
                ),
            );
        }
        if b.jenis.is_empty() {
            bad(
                "surat_suara.jenis",
                text!(
                    "jenis surat suara kosong: tulis sedikitnya satu jenis (mis. PPWP)",
                    "the list of ballot types is empty: write at least one type (e.g. PPWP)"
                ),
            );
        }
        let mut codes = std::collections::BTreeSet::new();
        for k in &b.jenis {
            if !codes.insert(k.kode.as_str()) {
                bad(
                    "surat_suara.jenis",
                    text!(
                        "kode surat suara '{}' tertulis dua kali: beri setiap jenis kode sendiri",
                        "ballot code '{}' is written twice: give every ballot type its own code",
                        k.kode
                    ),
                );
            }
        }
        let k = &self.kpps;
        if !(1..=50).contains(&k.jumlah) {
            bad(
                "kpps.jumlah",
                text!(
                    "jumlah = {}: tulis 1 sampai 50 anggota KPPS per TPS (2024: 7)",
                    "jumlah = {}: write 1 to 50 KPPS members per TPS (2024: 7)",
                    k.jumlah
                ),
            );
        } else if k.ketua == 0 || k.ketua > k.jumlah {
            bad(
                "kpps.ketua|kpps.jumlah",
                text!(
                    "ketua = {} dengan jumlah = {}: setiap KPPS punya ketua (1 atau lebih) yang termasuk dalam jumlah anggota",
                    "ketua = {} with jumlah = {}: every KPPS has a chair (1 or more) counted among its members",
                    k.ketua,
                    k.jumlah
                ),
            );
        }
        if !(0..=100).contains(&k.usia_minimal) {
            bad(
                "kpps.usia_minimal",
                text!(
                    "usia_minimal = {}: tulis usia antara 0 dan 100 tahun (2024: 17)",
                    "usia_minimal = {}: write an age between 0 and 100 years (2024: 17)",
                    k.usia_minimal
                ),
            );
        }
        if !(k.usia_minimal..=150).contains(&k.usia_maksimal) {
            bad(
                "kpps.usia_maksimal",
                text!(
                    "usia_maksimal = {}: tulis usia antara usia_minimal ({}) dan 150 tahun (2024: 55)",
                    "usia_maksimal = {}: write an age between usia_minimal ({}) and 150 years (2024: 55)",
                    k.usia_maksimal,
                    k.usia_minimal
                ),
            );
        }
        if k.menit_persiapan > j.buka.0 {
            bad(
                "kpps.menit_persiapan",
                text!(
                    "menit_persiapan = {} dimulai sebelum tengah malam (TPS buka {}); tulis paling banyak {}",
                    "menit_persiapan = {} starts before midnight (the TPS opens at {}); write at most {}",
                    k.menit_persiapan,
                    j.buka,
                    j.buka.0
                ),
            );
        }
        let e = &self.pengawalan;
        if !(1..=1000).contains(&e.wbp_per_pengawal) {
            bad(
                "pengawalan.wbp_per_pengawal",
                text!(
                    "wbp_per_pengawal = {}: tulis 1 sampai 1000 WBP per pengawal (2024: 10)",
                    "wbp_per_pengawal = {}: write 1 to 1000 inmates per escort (2024: 10)",
                    e.wbp_per_pengawal
                ),
            );
        }
        if !(1..=20).contains(&e.petugas_per_wbp_risiko_tinggi) {
            bad(
                "pengawalan.petugas_per_wbp_risiko_tinggi",
                text!(
                    "petugas_per_wbp_risiko_tinggi = {}: tulis 1 sampai 20 petugas per WBP risiko tinggi (2019: 4)",
                    "petugas_per_wbp_risiko_tinggi = {}: write 1 to 20 officers per high-risk inmate (2019: 4)",
                    e.petugas_per_wbp_risiko_tinggi
                ),
            );
        }
        if !within(e.menit_pemeriksaan, 0.0, 120.0) {
            bad(
                "pengawalan.menit_pemeriksaan",
                text!(
                    "menit_pemeriksaan = {}: tulis menit antara 0 dan 120 (2024: 3.0)",
                    "menit_pemeriksaan = {}: write minutes between 0 and 120 (2024: 3.0)",
                    e.menit_pemeriksaan
                ),
            );
        }
        if !(1..=1000).contains(&e.maks_gelombang) {
            bad(
                "pengawalan.maks_gelombang",
                text!(
                    "maks_gelombang = {}: tulis 1 sampai 1000 WBP per gelombang (2024: 20)",
                    "maks_gelombang = {}: write 1 to 1000 inmates per wave (2024: 20)",
                    e.maks_gelombang
                ),
            );
        }
        if !within(e.menit_kunjungan_per_pemilih, 0.1, 240.0) {
            bad(
                "pengawalan.menit_kunjungan_per_pemilih",
                text!(
                    "menit_kunjungan_per_pemilih = {}: tulis menit per pemilih antara 0.1 dan 240 (2024: 10.0)",
                    "menit_kunjungan_per_pemilih = {}: write minutes per voter between 0.1 and 240 (2024: 10.0)",
                    e.menit_kunjungan_per_pemilih
                ),
            );
        }
        if e.pemeriksa_per_tps > 50 {
            bad(
                "pengawalan.pemeriksa_per_tps",
                text!(
                    "pemeriksa_per_tps = {}: tulis 0 sampai 50 (2024: 2)",
                    "pemeriksa_per_tps = {}: write 0 to 50 (2024: 2)",
                    e.pemeriksa_per_tps
                ),
            );
        }
        if !(1..=1440).contains(&e.maks_menit_tanpa_istirahat) {
            bad(
                "pengawalan.maks_menit_tanpa_istirahat",
                text!(
                    "maks_menit_tanpa_istirahat = {}: tulis 1 sampai 1440 menit (2024: 180)",
                    "maks_menit_tanpa_istirahat = {}: write 1 to 1440 minutes (2024: 180)",
                    e.maks_menit_tanpa_istirahat
                ),
            );
        }
        if e.menit_istirahat > 1440 {
            bad(
                "pengawalan.menit_istirahat",
                text!(
                    "menit_istirahat = {}: tulis 0 sampai 1440 menit (2024: 30)",
                    "menit_istirahat = {}: write 0 to 1440 minutes (2024: 30)",
                    e.menit_istirahat
                ),
            );
        }
        if !(1..=1440).contains(&e.menit_estafet_minimal) {
            bad(
                "pengawalan.menit_estafet_minimal",
                text!(
                    "menit_estafet_minimal = {}: tulis 1 sampai 1440 menit (bawaan: 30)",
                    "menit_estafet_minimal = {}: write 1 to 1440 minutes (default: 30)",
                    e.menit_estafet_minimal
                ),
            );
        }
        let p = &self.pemisahan;
        if !(0..=100).contains(&p.usia_anak) {
            bad(
                "pemisahan.usia_anak",
                text!(
                    "usia_anak = {}: tulis usia antara 0 dan 100 tahun (2024: 18)",
                    "usia_anak = {}: write an age between 0 and 100 years (2024: 18)",
                    p.usia_anak
                ),
            );
        }
        let o = &self.luar;
        for (name, n) in [
            ("linmas_per_tps", o.linmas_per_tps),
            ("ptps_per_tps", o.ptps_per_tps),
        ] {
            if n > 50 {
                bad(
                    &format!("luar.{name}"),
                    text!(
                        "{name} = {n}: tulis 0 sampai 50 orang per TPS",
                        "{name} = {n}: write 0 to 50 people per TPS"
                    ),
                );
            }
        }
        let w = &self.bobot;
        for (name, x) in [
            ("tps", w.tps),
            ("blok_terpecah", w.blok_terpecah),
            ("menit_jalan", w.menit_jalan),
            ("menit_pengawal", w.menit_pengawal),
            ("ketidakseimbangan", w.ketidakseimbangan),
            ("menit_selesai", w.menit_selesai),
        ] {
            if !within(x, 0.0, 1e9) {
                bad(
                    &format!("bobot.{name}"),
                    text!(
                        "bobot {name} = {x}: tulis bobot antara 0 dan 1000000000 (bobot negatif membuat rencana lebih buruk tampak lebih baik)",
                        "bobot {name} = {x}: write a weight between 0 and 1000000000 (a negative weight makes a worse plan look better)"
                    ),
                );
            }
        }
        out.extend(simulasi::range_issues(&self.simulasi));
        out
    }

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
