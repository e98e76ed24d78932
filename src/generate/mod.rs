//! `tpsplan generate`: deterministic synthetic facilities, from one UPT to the whole
//! country, in the exact input formats of design.md (`facility.toml`, `layout/`,
//! `inmates.csv`, `staff.csv`, `scenarios/`).
//!
//! Same preset and seed give the same bytes: every UPT draws from its own ChaCha8
//! stream seeded from the seed and the UPT's code (so UPTs are generated in parallel
//! and a UPT is identical whichever preset contains it), collections are ordered, and
//! nothing depends on time or the machine. Rule values (caps, booths, hours, crew size,
//! escort ratios) come from the ruleset, never from this module.
//!
//! Neighbours: [`presets`] says which UPTs, `layout` draws the map, `roster` the
//! inmates, `staff` the officers, `writer` the files; the readers in `input/` read
//! them back.

mod layout;
mod names;
pub mod presets;
mod roster;
mod scenarios;
mod staff;
mod writer;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::model::{
    Clock, FacilityInfo, FacilityKind, NodeId, RegionCode, Registration, Separation, Shift, ZoneId,
    age_on,
};
use crate::rules::{Ruleset, load_ruleset, ruleset_source};

pub use presets::{Preset, UptSpec};
pub use writer::{INMATE_COLUMNS, NODE_COLUMNS, PATH_COLUMNS, STAFF_COLUMNS};

use layout::{BlockClass, ZONE_JUVENILE, ZONE_MAX, ZONE_MEN, ZONE_WOMEN, ZONE_YOUTH};

/// The ruleset every generated facility names in `aturan`.
pub const RULESET: &str = "pemilu-2024";
/// The ruleset the `pilkada` scenario borrows its values from.
const PILKADA_RULESET: &str = "pilkada-2024";
/// Days between the SDP export (`tanggal_data`) and election day.
const DATA_LEAD_DAYS: u64 = 35;

/// What a generation wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Facilities (UPT folders).
    pub facilities: usize,
    /// Rows of `inmates.csv`, summed.
    pub inmates: usize,
    /// Rows of `staff.csv`, summed.
    pub staff: usize,
    /// Rows of `layout/nodes.csv`, summed.
    pub nodes: usize,
    /// Rows of `layout/paths.csv`, summed.
    pub paths: usize,
    /// Scenario files.
    pub scenarios: usize,
    /// Bytes written.
    pub bytes: usize,
}

impl Summary {
    /// Data rows of every CSV file.
    pub fn rows(&self) -> usize {
        self.inmates + self.staff + self.nodes + self.paths
    }

    fn add(mut self, o: Summary) -> Summary {
        self.facilities += o.facilities;
        self.inmates += o.inmates;
        self.staff += o.staff;
        self.nodes += o.nodes;
        self.paths += o.paths;
        self.scenarios += o.scenarios;
        self.bytes += o.bytes;
        self
    }
}

/// One generated facility: its files (paths relative to its folder) and counts.
#[derive(Debug, Clone)]
pub struct GeneratedFacility {
    /// File path relative to the facility folder -> contents.
    pub files: BTreeMap<PathBuf, Vec<u8>>,
    /// Counts (facilities = 1).
    pub summary: Summary,
}

/// What every facility of a run shares: the preset, the seed and the rules.
#[derive(Debug, Clone)]
pub struct Generator {
    preset: Preset,
    seed: u64,
    rules: Ruleset,
    pilkada: toml::Table,
}

/// A stable 64-bit hash (FNV-1a) of a UPT code: the same on every machine and run.
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// SplitMix64 finaliser: spreads the bits of a combined seed.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The random stream of one part (`layout`, `roster`, ...) of one UPT.
fn stream(seed: u64, code: &str, part: &str) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(mix(seed ^ mix(stable_hash(code) ^ stable_hash(part))))
}

/// The values of `over` that differ from `base`, recursively, leaving out `skip` keys.
fn table_diff(base: &toml::Table, over: &toml::Table, skip: &[&str]) -> toml::Table {
    let mut out = toml::Table::new();
    for (k, v) in over {
        if skip.contains(&k.as_str()) {
            continue;
        }
        match (base.get(k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => {
                let d = table_diff(b, o, &[]);
                if !d.is_empty() {
                    out.insert(k.clone(), toml::Value::Table(d));
                }
            }
            (Some(b), o) if b == o => {}
            _ => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    out
}

fn parse_ruleset_table(name: &str) -> Result<toml::Table> {
    let (origin, text) = ruleset_source(name, None).map_err(|e| Error::Other(e.to_string()))?;
    text.parse::<toml::Table>()
        .map_err(|e| Error::Other(format!("{origin}: {e}")))
}

impl Generator {
    /// Prepares a run: loads the ruleset the facilities will name and the Pilkada values.
    pub fn new(preset: Preset, seed: u64) -> Result<Self> {
        let rules = load_ruleset(RULESET, None, &[]).map_err(|e| Error::Other(e.to_string()))?;
        // The Pilkada scenario carries what differs between the two rulesets, the
        // election day and every registration deadline included (all counted from
        // the Pilkada date), except the ruleset's name and sources.
        let pilkada = table_diff(
            &parse_ruleset_table(RULESET)?,
            &parse_ruleset_table(PILKADA_RULESET)?,
            &["nama", "sumber"],
        );
        Ok(Self {
            preset,
            seed,
            rules,
            pilkada,
        })
    }

    /// Every UPT of the preset.
    pub fn specs(&self) -> Vec<UptSpec> {
        self.preset.specs()
    }

    /// Election day of the generated facilities.
    pub fn election_date(&self) -> NaiveDate {
        self.rules.election_date
    }

    /// Voters one TPS can serve in a day under the ruleset: the cap, or the booths'
    /// throughput over the voting hours if that is lower.
    pub fn voters_per_tps(&self) -> u32 {
        let t = &self.rules.tps;
        let j = &self.rules.jam;
        let minutes = j
            .tutup
            .minutes()
            .saturating_sub(j.buka.minutes())
            .saturating_sub(j.jeda_tutup_menit);
        let throughput = (f64::from(t.bilik) * f64::from(minutes) / t.menit_per_pemilih).floor();
        (throughput as u32).min(t.maks_pemilih).max(1)
    }

    /// Generates one facility in memory.
    pub fn facility(&self, spec: &UptSpec) -> Result<GeneratedFacility> {
        let rules = &self.rules;
        let region: RegionCode = spec
            .region_code()
            .map_err(|e| Error::Other(format!("preset {}: UPT {}: {e}", self.preset, spec.code)))?;
        let election = rules.election_date;
        let data_date = election - Days::new(DATA_LEAD_DAYS);
        let dates = roster::Dates {
            election,
            data: data_date,
            dpt_cutoff: rules.pendaftaran.batas_dpt,
            min_voting_age: rules.hak_pilih.usia_minimal,
        };

        let mut rng = stream(self.seed, &spec.code, "blok");
        let blocks = layout::plan_blocks(spec, &mut rng);
        let mut rng = stream(self.seed, &spec.code, "wbp");
        let inmates = roster::roster(spec, region.clone(), &blocks, dates, &mut rng);
        let mut layout = layout::build(spec, &blocks, rules.tps.bilik);

        // Likely voters per class of voters that may not share a TPS.
        let zone_of: BTreeMap<&str, &'static str> =
            blocks.iter().map(|b| (b.id.as_str(), b.zone)).collect();
        let mut voters: BTreeMap<&'static str, u32> = BTreeMap::new();
        let mut high_risk = false;
        for r in &inmates {
            high_risk |= r.risk.is_high();
            let age = age_on(r.birth, election);
            let old_enough = age >= rules.hak_pilih.usia_minimal
                || rules.hak_pilih.status_kawin_boleh.contains(&r.marital);
            let listed = r.registration != Registration::Belum
                || (rules.pendaftaran.dpk_diizinkan && r.ktp_el);
            let likely = !r.foreign
                && r.nik.is_some()
                && r.nkk.is_some()
                && !r.revoked
                && r.release.is_none_or(|d| d >= election)
                && old_enough
                && listed;
            if likely {
                let zone = zone_of.get(r.block.as_str()).copied().unwrap_or(ZONE_MEN);
                let class = match zone {
                    ZONE_MAX if spec.kind == FacilityKind::Lpp => ZONE_WOMEN,
                    ZONE_MAX => ZONE_MEN,
                    z => z,
                };
                *voters.entry(class).or_default() += 1;
            }
        }
        let per_tps = self.voters_per_tps();
        let need = |zone: &str| voters.get(zone).map_or(0, |v| v.div_ceil(per_tps));
        let mut demand: Vec<(Vec<&str>, u32)> = Vec::new();
        match spec.kind {
            FacilityKind::Lpka => {
                demand.push((vec![ZONE_JUVENILE], need(ZONE_JUVENILE)));
                demand.push((vec![ZONE_YOUTH], need(ZONE_YOUTH)));
            }
            FacilityKind::Lpp => demand.push((vec![ZONE_WOMEN, ZONE_MAX], need(ZONE_WOMEN))),
            _ => {
                demand.push((vec![ZONE_MEN, ZONE_MAX], need(ZONE_MEN)));
                demand.push((vec![ZONE_WOMEN], need(ZONE_WOMEN)));
            }
        }
        layout.assign_capacity(&demand);
        // The new arrivals' block kept apart from the maximum block gets a TPS of its
        // own; one more TPS covers the DPTb and DPK windows' throughput.
        let separate = u32::from(
            blocks.iter().any(|b| b.new_arrivals)
                && blocks.iter().any(|b| b.class == BlockClass::Maximum),
        );
        let expected_tps: u32 = demand.iter().map(|(_, n)| *n).sum::<u32>().max(1) + separate + 1;
        let women_tps = match spec.kind {
            FacilityKind::Lpp => expected_tps,
            _ => need(ZONE_WOMEN),
        };

        // Staff on the day.
        let ballots = rules.surat_suara.jenis.len() as u16;
        let counting_end = rules
            .jam
            .tutup
            .minutes()
            .saturating_add(rules.jam.menit_hitung_per_jenis.saturating_mul(ballots))
            .saturating_add(60)
            .min(Clock::hm(24, 0).minutes());
        let kpps_shift = staff::ShiftPlan {
            name: "Tim KPPS",
            start: Clock(rules.jam.buka.minutes().saturating_sub(60)),
            end: Clock(counting_end),
        };
        let shifts = staff::shifts(kpps_shift);
        let p = &rules.pengawalan;
        let need_staff = staff::StaffNeed {
            tps: expected_tps,
            women_tps,
            crew: rules.kpps.jumlah,
            escorts_per_wave: p.maks_gelombang.div_ceil(p.wbp_per_pengawal.max(1)).max(1),
            high_risk_officers: if high_risk {
                p.petugas_per_wbp_risiko_tinggi
            } else {
                0
            },
            search_gates: layout.search_gates,
            searchers_per_tps: p.pemeriksa_per_tps,
            women: inmates.iter().any(|r| r.sex == crate::model::Sex::P),
            women_prison: spec.kind == FacilityKind::Lpp,
        };
        let mut rng = stream(self.seed, &spec.code, "petugas");
        let officers = staff::staff(need_staff, &shifts, election, &region, &mut rng);

        // facility.toml
        let mut rng = stream(self.seed, &spec.code, "skenario");
        let info = self.facility_info(
            spec, &region, data_date, &blocks, &layout, &shifts, &mut rng,
        );
        let design: u32 = blocks.iter().map(|b| b.design).sum();
        let header = vec![
            format!(
                "{}: data sintetis (nama, NIK dan NKK rekaan), bukan data SDP yang sebenarnya.",
                spec.name
            ),
            format!(
                "Dibuat dengan: tpsplan generate --preset {} --seed {}",
                self.preset, self.seed
            ),
            format!(
                "Kapasitas hunian {design} orang, isi {} WBP ({:.0} %).",
                inmates.len(),
                100.0 * inmates.len() as f64 / f64::from(design.max(1))
            ),
        ];
        let mut header = header;
        if !info.rule_overrides.is_empty() {
            header.push(format!(
                "[aturan_lokal]: Rutan ini menjemput paling banyak {} WBP per gelombang.",
                self.remand_wave()
            ));
        }
        let mut files = BTreeMap::new();
        files.insert(
            PathBuf::from("facility.toml"),
            writer::toml_bytes("facility.toml", &header, &info)?,
        );
        files.insert(PathBuf::from("inmates.csv"), writer::inmates_csv(&inmates)?);
        files.insert(PathBuf::from("staff.csv"), writer::staff_csv(&officers)?);
        files.insert(
            PathBuf::from("layout/nodes.csv"),
            writer::nodes_csv(&layout.nodes)?,
        );
        files.insert(
            PathBuf::from("layout/paths.csv"),
            writer::paths_csv(&layout.paths)?,
        );
        let scenarios = self.scenarios(&blocks, &layout, &officers, &mut rng);
        for (name, scenario) in &scenarios {
            let path = PathBuf::from("scenarios").join(format!("{name}.toml"));
            files.insert(path, writer::toml_bytes(name, &[], scenario)?);
        }
        let summary = Summary {
            facilities: 1,
            inmates: inmates.len(),
            staff: officers.len(),
            nodes: layout.nodes.len(),
            paths: layout.paths.len(),
            scenarios: scenarios.len(),
            bytes: files.values().map(Vec::len).sum(),
        };
        Ok(GeneratedFacility { files, summary })
    }

    /// The smaller wave a remand centre fetches (its local override): half the ruleset's.
    fn remand_wave(&self) -> u32 {
        (self.rules.pengawalan.maks_gelombang / 2).max(1)
    }

    #[allow(clippy::too_many_arguments)]
    fn facility_info(
        &self,
        spec: &UptSpec,
        region: &RegionCode,
        data_date: NaiveDate,
        blocks: &[layout::BlockPlan],
        layout: &layout::LayoutRows,
        shifts: &[staff::ShiftPlan; 3],
        rng: &mut ChaCha8Rng,
    ) -> FacilityInfo {
        let mut separations = Vec::new();
        let general: Vec<&layout::BlockPlan> = blocks
            .iter()
            .filter(|b| b.class == BlockClass::Men && !b.new_arrivals)
            .collect();
        if general.len() >= 6 {
            let mut pair: Vec<&&layout::BlockPlan> = general.choose_multiple(rng, 2).collect();
            pair.sort_by(|a, b| a.id.cmp(&b.id));
            separations.push(Separation {
                blocks: pair.iter().map(|b| NodeId(b.id.clone())).collect(),
                separate_tps: false,
                reason: "riwayat perkelahian antarkelompok: jangan dijemput bersamaan".into(),
            });
        }
        let max_blocks: Vec<NodeId> = blocks
            .iter()
            .filter(|b| b.class == BlockClass::Maximum)
            .map(|b| NodeId(b.id.clone()))
            .collect();
        if let Some(new) = blocks.iter().find(|b| b.new_arrivals)
            && !max_blocks.is_empty()
        {
            let mut group = max_blocks.clone();
            group.push(NodeId(new.id.clone()));
            separations.push(Separation {
                blocks: group,
                separate_tps: true,
                reason: "WBP risiko tinggi tidak boleh bertemu WBP baru (Mapenaling)".into(),
            });
        }
        // A remand centre fetches smaller waves: a local override of the ruleset.
        let mut overrides = toml::Table::new();
        if spec.kind == FacilityKind::Rutan {
            let mut p = toml::Table::new();
            let smaller = self.remand_wave();
            p.insert(
                "maks_gelombang".into(),
                toml::Value::Integer(i64::from(smaller)),
            );
            overrides.insert("pengawalan".into(), toml::Value::Table(p));
        }
        FacilityInfo {
            code: spec.code.clone(),
            name: spec.name.clone(),
            kind: spec.kind,
            class: spec.class.clone(),
            region: region.clone(),
            village: None,
            address: None,
            ruleset: RULESET.to_string(),
            election_date: None,
            tps_count: None,
            data_date,
            shifts: shifts
                .iter()
                .map(|s| Shift {
                    name: s.name.to_string(),
                    start: s.start,
                    end: s.end,
                })
                .collect(),
            zone_access: layout
                .zone_access
                .iter()
                .map(|(k, v)| {
                    (
                        ZoneId(k.clone()),
                        v.iter().map(|z| ZoneId(z.clone())).collect(),
                    )
                })
                .collect(),
            separations,
            rule_overrides: overrides,
        }
    }

    /// Generates every UPT of the preset into `out` (written aside, then renamed), in
    /// parallel; fails without touching `out` when it exists and is not empty.
    pub fn write(&self, out: &Path) -> Result<Summary> {
        let specs = self.specs();
        writer::write_atomically(out, |tmp| {
            let parts: Vec<Result<Summary>> = specs
                .par_iter()
                .map(|spec| {
                    let f = self.facility(spec)?;
                    writer::write_files(&tmp.join(&spec.folder), &f.files)?;
                    Ok(f.summary)
                })
                .collect();
            let mut total = Summary::default();
            for p in parts {
                total = total.add(p?);
            }
            Ok(total)
        })
    }
}

/// `tpsplan generate --preset P --seed N --out DIR`.
pub fn generate(preset: Preset, seed: u64, out: &Path) -> Result<Summary> {
    Generator::new(preset, seed)?.write(out)
}
