//! Reference tables: provinces, kab/kota with their DPR and DPRD-provinsi dapil,
//! kecamatan with their DPRD-kab/kota dapil (and the DPRD-provinsi dapil where a
//! kab/kota is split, as Kota Medan), and which regional elections each region holds.
//!
//! The tables live in `data/reference/*.csv` and are built into the binary; a folder
//! with corrected copies can be loaded instead ([`Reference::from_dir`]), so a wrong
//! dapil is fixed in data, never in code. A dapil the sources did not confirm is
//! carried with `confirmed: false` and an unknown one stays `None`: never guessed.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::{RegionCode, YaTidak};
use crate::rules::RegionalElection;

/// An electoral district and whether a source confirmed it for 2024.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dapil {
    /// Its name as KPU writes it (`Sumut I`, `NTT 6`, `Dapil 1`).
    pub name: String,
    /// `false` when inferred rather than read from a source: ballots decided on it say so.
    pub confirmed: bool,
}

/// A kab/kota row of `kabkota.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KabKota {
    /// `12.07`.
    pub code: String,
    /// `Kabupaten Deli Serdang`.
    pub name: String,
    /// `12`.
    pub province: String,
    /// DPR dapil.
    pub dapil_dpr: Option<Dapil>,
    /// DPRD-provinsi dapil of the whole kab/kota; `None` when unknown or split by kecamatan.
    pub dapil_dprd_prov: Option<Dapil>,
    /// The DPRD-provinsi dapil is decided per kecamatan (Kota Medan, Kab. Gorontalo).
    pub dprd_prov_per_kecamatan: bool,
}

/// A kecamatan row of `kecamatan.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kecamatan {
    /// `12.07.05`.
    pub code: String,
    /// `Pancur Batu`.
    pub name: String,
    /// `12.07`.
    pub kabkota: String,
    /// DPRD-kab/kota dapil, when known.
    pub dapil_dprd_kab: Option<Dapil>,
    /// DPRD-provinsi dapil, for kecamatan of a split kab/kota.
    pub dapil_dprd_prov: Option<Dapil>,
}

/// Which regional elections a region holds (`pemilihan.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Elections {
    /// A governor election in the province.
    pub governor: bool,
    /// A regent (kabupaten) or mayor (kota) election.
    pub regent_or_mayor: bool,
    /// A DPRD kab/kota is elected (not in Jakarta's administrative kota and kabupaten).
    pub dprd_kabkota: bool,
}

/// All reference tables.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    provinces: BTreeMap<String, String>,
    kabkota: BTreeMap<String, KabKota>,
    kecamatan: BTreeMap<String, Kecamatan>,
    elections: BTreeMap<String, Elections>,
}

/// A reference table that does not read.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ReferenceError {
    /// Table file name.
    pub file: String,
    /// Line (1 = header).
    pub line: u64,
    /// What is wrong.
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProvinceRow {
    kode: String,
    nama: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KabKotaRow {
    kode: String,
    nama: String,
    provinsi: String,
    dapil_dpr: String,
    dapil_dpr_terkonfirmasi: String,
    dapil_dprd_prov: String,
    dapil_dprd_prov_terkonfirmasi: String,
    #[allow(dead_code)]
    sumber: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KecamatanRow {
    kode: String,
    nama: String,
    kabkota: String,
    dapil_dprd_kab: String,
    dapil_dprd_kab_terkonfirmasi: String,
    dapil_dprd_prov: String,
    dapil_dprd_prov_terkonfirmasi: String,
    #[allow(dead_code)]
    sumber: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ElectionRow {
    kode_wilayah: String,
    gubernur: String,
    bupati_walikota: String,
    dprd_kabkota: String,
    #[allow(dead_code)]
    sumber: String,
}

const FILES: [(&str, &str); 4] = [
    (
        "provinsi.csv",
        include_str!("../data/reference/provinsi.csv"),
    ),
    ("kabkota.csv", include_str!("../data/reference/kabkota.csv")),
    (
        "kecamatan.csv",
        include_str!("../data/reference/kecamatan.csv"),
    ),
    (
        "pemilihan.csv",
        include_str!("../data/reference/pemilihan.csv"),
    ),
];

fn rows<T: for<'de> Deserialize<'de>>(
    file: &str,
    text: &str,
) -> Result<Vec<(u64, T)>, ReferenceError> {
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let mut out = Vec::new();
    for rec in rdr.deserialize::<T>() {
        match rec {
            Ok(r) => out.push((out.len() as u64 + 2, r)),
            Err(e) => {
                return Err(ReferenceError {
                    file: file.to_string(),
                    line: e.position().map(|p| p.line()).unwrap_or(0),
                    message: e.to_string(),
                });
            }
        }
    }
    Ok(out)
}

fn flag(file: &str, line: u64, field: &str, v: &str) -> Result<bool, ReferenceError> {
    v.parse::<YaTidak>()
        .map(|f| f == YaTidak::Ya)
        .map_err(|e| ReferenceError {
            file: file.into(),
            line,
            message: format!("{field}: {e}"),
        })
}

fn dapil(
    file: &str,
    line: u64,
    field: &str,
    name: &str,
    confirmed: &str,
) -> Result<Option<Dapil>, ReferenceError> {
    if name.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some(Dapil {
        name: name.trim().to_string(),
        confirmed: flag(file, line, field, confirmed)?,
    }))
}

fn code(file: &str, line: u64, v: &str, depth: usize) -> Result<String, ReferenceError> {
    match v.parse::<RegionCode>() {
        Ok(c) if c.as_str().split('.').count() == depth => Ok(c.as_str().to_string()),
        _ => Err(ReferenceError {
            file: file.into(),
            line,
            message: format!("kode '{v}' tidak sah"),
        }),
    }
}

impl Reference {
    /// The tables built into the binary (a copy of `data/reference/`).
    pub fn builtin() -> &'static Reference {
        static BUILTIN: OnceLock<Reference> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Reference::from_texts(&FILES.map(|(n, t)| (n, t.to_string())))
                .expect("built-in reference tables are checked by the tests")
        })
    }

    /// Reads the four tables from a folder (for corrected or newer copies).
    pub fn from_dir(dir: &Path) -> Result<Reference, ReferenceError> {
        let mut texts = Vec::new();
        for (name, _) in FILES {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path).map_err(|e| ReferenceError {
                file: path.display().to_string(),
                line: 0,
                message: e.to_string(),
            })?;
            texts.push((name, text));
        }
        Reference::from_texts(&texts)
    }

    fn from_texts(texts: &[(&str, String)]) -> Result<Reference, ReferenceError> {
        let text = |n: &str| {
            texts
                .iter()
                .find(|(f, _)| *f == n)
                .map(|(_, t)| t.as_str())
                .unwrap_or("")
        };
        let mut r = Reference::default();
        let f = "provinsi.csv";
        for (line, row) in rows::<ProvinceRow>(f, text(f))? {
            r.provinces.insert(code(f, line, &row.kode, 1)?, row.nama);
        }
        let f = "kabkota.csv";
        for (line, row) in rows::<KabKotaRow>(f, text(f))? {
            let c = code(f, line, &row.kode, 2)?;
            if !r.provinces.contains_key(&row.provinsi) || !c.starts_with(&row.provinsi) {
                return Err(ReferenceError {
                    file: f.into(),
                    line,
                    message: format!("provinsi '{}' tidak cocok", row.provinsi),
                });
            }
            let per_kec = row.dapil_dprd_prov.trim() == "per_kecamatan";
            let prov_dapil = if per_kec {
                None
            } else {
                dapil(
                    f,
                    line,
                    "dapil_dprd_prov_terkonfirmasi",
                    &row.dapil_dprd_prov,
                    &row.dapil_dprd_prov_terkonfirmasi,
                )?
            };
            r.kabkota.insert(
                c.clone(),
                KabKota {
                    code: c,
                    name: row.nama,
                    province: row.provinsi,
                    dapil_dpr: dapil(
                        f,
                        line,
                        "dapil_dpr_terkonfirmasi",
                        &row.dapil_dpr,
                        &row.dapil_dpr_terkonfirmasi,
                    )?,
                    dapil_dprd_prov: prov_dapil,
                    dprd_prov_per_kecamatan: per_kec,
                },
            );
        }
        let f = "kecamatan.csv";
        for (line, row) in rows::<KecamatanRow>(f, text(f))? {
            let c = code(f, line, &row.kode, 3)?;
            if !r.kabkota.contains_key(&row.kabkota) || !c.starts_with(&row.kabkota) {
                return Err(ReferenceError {
                    file: f.into(),
                    line,
                    message: format!("kab/kota '{}' tidak cocok", row.kabkota),
                });
            }
            r.kecamatan.insert(
                c.clone(),
                Kecamatan {
                    code: c,
                    name: row.nama,
                    kabkota: row.kabkota,
                    dapil_dprd_kab: dapil(
                        f,
                        line,
                        "dapil_dprd_kab_terkonfirmasi",
                        &row.dapil_dprd_kab,
                        &row.dapil_dprd_kab_terkonfirmasi,
                    )?,
                    dapil_dprd_prov: dapil(
                        f,
                        line,
                        "dapil_dprd_prov_terkonfirmasi",
                        &row.dapil_dprd_prov,
                        &row.dapil_dprd_prov_terkonfirmasi,
                    )?,
                },
            );
        }
        let f = "pemilihan.csv";
        for (line, row) in rows::<ElectionRow>(f, text(f))? {
            let depth = row.kode_wilayah.split('.').count();
            let c = code(f, line, &row.kode_wilayah, depth.clamp(1, 2))?;
            r.elections.insert(
                c,
                Elections {
                    governor: flag(f, line, "gubernur", &row.gubernur)?,
                    regent_or_mayor: flag(f, line, "bupati_walikota", &row.bupati_walikota)?,
                    dprd_kabkota: flag(f, line, "dprd_kabkota", &row.dprd_kabkota)?,
                },
            );
        }
        Ok(r)
    }

    /// Province name for a two-digit code.
    pub fn province_name(&self, province: &str) -> Option<&str> {
        self.provinces.get(province).map(String::as_str)
    }

    /// All provinces, by code.
    pub fn provinces(&self) -> impl Iterator<Item = (&str, &str)> {
        self.provinces.iter().map(|(c, n)| (c.as_str(), n.as_str()))
    }

    /// Whether the kab/kota of this province are tabled (Sumut, NTT, Gorontalo).
    pub fn has_kabkota_table(&self, province: &str) -> bool {
        self.kabkota.values().any(|k| k.province == province)
    }

    /// The kab/kota of a province, by code.
    pub fn kabkota_of(&self, province: &str) -> impl Iterator<Item = &KabKota> {
        let p = province.to_string();
        self.kabkota.values().filter(move |k| k.province == p)
    }

    /// A kab/kota by code (`12.07`).
    pub fn kabkota(&self, code: &str) -> Option<&KabKota> {
        self.kabkota.get(code)
    }

    /// Whether the kecamatan of this kab/kota are tabled.
    pub fn has_kecamatan_table(&self, kabkota: &str) -> bool {
        self.kecamatan.values().any(|k| k.kabkota == kabkota)
    }

    /// The kecamatan of a kab/kota, by code.
    pub fn kecamatan_of(&self, kabkota: &str) -> impl Iterator<Item = &Kecamatan> {
        let k = kabkota.to_string();
        self.kecamatan.values().filter(move |c| c.kabkota == k)
    }

    /// A kecamatan by code (`12.07.05`).
    pub fn kecamatan(&self, code: &str) -> Option<&Kecamatan> {
        self.kecamatan.get(code)
    }

    /// The DPR dapil of a region, when known.
    pub fn dapil_dpr(&self, region: &RegionCode) -> Option<&Dapil> {
        self.kabkota.get(region.kabkota()?)?.dapil_dpr.as_ref()
    }

    /// The DPRD-provinsi dapil of a region, when known (per kecamatan where split).
    pub fn dapil_dprd_prov(&self, region: &RegionCode) -> Option<&Dapil> {
        let kk = self.kabkota.get(region.kabkota()?)?;
        if kk.dprd_prov_per_kecamatan {
            self.kecamatan
                .get(region.kecamatan()?)?
                .dapil_dprd_prov
                .as_ref()
        } else {
            kk.dapil_dprd_prov.as_ref()
        }
    }

    /// The DPRD-kab/kota dapil of a kecamatan, when known.
    pub fn dapil_dprd_kab(&self, region: &RegionCode) -> Option<&Dapil> {
        self.kecamatan
            .get(region.kecamatan()?)?
            .dapil_dprd_kab
            .as_ref()
    }

    /// Whether a kab/kota code is a kota (Kemendagri numbers kota from 71).
    pub fn is_kota(kabkota: &str) -> bool {
        kabkota
            .get(3..5)
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| n >= 71)
    }

    /// Which regional elections a region holds: its kab/kota row if tabled, else its
    /// province row (whose `bupati_walikota` is the default for its kab/kota).
    pub fn elections(&self, region: &RegionCode) -> Option<Elections> {
        let prov = self.elections.get(region.province()).copied();
        let kk = region
            .kabkota()
            .and_then(|k| self.elections.get(k))
            .copied();
        match (prov, kk) {
            (Some(p), Some(k)) => Some(Elections {
                governor: p.governor && k.governor,
                regent_or_mayor: k.regent_or_mayor,
                dprd_kabkota: k.dprd_kabkota,
            }),
            (Some(p), None) => Some(p),
            (None, k) => k,
        }
    }

    /// Whether the election behind a ballot is held in this region.
    pub fn holds(&self, region: &RegionCode, election: RegionalElection) -> bool {
        let Some(e) = self.elections(region) else {
            return election == RegionalElection::Nasional;
        };
        match election {
            RegionalElection::Nasional => true,
            RegionalElection::DprdKabkota => e.dprd_kabkota,
            RegionalElection::Gubernur => e.governor,
            RegionalElection::Bupati => {
                e.regent_or_mayor && region.kabkota().is_some_and(|k| !Self::is_kota(k))
            }
            RegionalElection::Walikota => {
                e.regent_or_mayor && region.kabkota().is_some_and(Self::is_kota)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rc(s: &str) -> RegionCode {
        s.parse().unwrap()
    }

    #[test]
    fn builtin_tables_hold_the_gathered_facts() {
        let r = Reference::builtin();
        assert_eq!(r.provinces().count(), 38);
        assert_eq!(r.kabkota_of("12").count(), 33);
        assert_eq!(r.kabkota_of("53").count(), 22);
        assert_eq!(r.kabkota_of("75").count(), 6);
        assert_eq!(r.kecamatan_of("12.07").count(), 22);
        assert_eq!(r.kecamatan_of("12.06").count(), 17);
        assert_eq!(r.kecamatan_of("53.05").count(), 18);
        assert_eq!(r.kecamatan_of("75.04").count(), 13);
        assert_eq!(r.province_name("53"), Some("Nusa Tenggara Timur"));
    }

    #[test]
    fn dapil_lookups_follow_the_tables_and_keep_unknowns_unknown() {
        let r = Reference::builtin();
        assert_eq!(r.dapil_dpr(&rc("12.06.01")).unwrap().name, "Sumut III");
        assert_eq!(r.dapil_dprd_prov(&rc("53.05.01")).unwrap().name, "NTT 6");
        // Kota Medan is split by kecamatan for DPRD Sumut, unconfirmed for 2024.
        let medan = r.dapil_dprd_prov(&rc("12.71.02")).unwrap();
        assert_eq!((medan.name.as_str(), medan.confirmed), ("Sumut 2", false));
        assert!(r.dapil_dprd_prov(&rc("12.71")).is_none());
        // Inferred Sumut dapil carry confirmed = false.
        assert!(!r.dapil_dprd_prov(&rc("12.05")).unwrap().confirmed);
        // Alor is complete; Pancur Batu's DPRD-kab dapil was not found.
        assert_eq!(r.dapil_dprd_kab(&rc("53.05.01")).unwrap().name, "Dapil 1");
        assert!(r.dapil_dprd_kab(&rc("12.07.05")).is_none());
        // Outside the tabled provinces nothing is known.
        assert!(r.dapil_dpr(&rc("31.71.01")).is_none());
    }

    #[test]
    fn elections_per_region_follow_pilkada_2024() {
        let r = Reference::builtin();
        assert!(r.holds(&rc("12.07.05"), RegionalElection::Gubernur));
        assert!(r.holds(&rc("12.07.05"), RegionalElection::Bupati));
        assert!(!r.holds(&rc("12.07.05"), RegionalElection::Walikota));
        assert!(r.holds(&rc("12.71.01"), RegionalElection::Walikota));
        assert!(
            !r.holds(&rc("34.71.01"), RegionalElection::Gubernur),
            "no governor election in DIY"
        );
        assert!(
            !r.holds(&rc("31.71.01"), RegionalElection::Walikota),
            "no mayor elections inside Jakarta"
        );
        assert!(r.holds(&rc("31.71.01"), RegionalElection::Gubernur));
        assert!(
            !r.holds(&rc("31.71.01"), RegionalElection::DprdKabkota),
            "no DPRD kab/kota in Jakarta"
        );
        assert!(r.holds(&rc("12.07.05"), RegionalElection::DprdKabkota));
    }
}
