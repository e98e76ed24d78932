//! The TPS and their ballots: `kpu/tps.csv` (where KPU places each TPS, counts L/P and
//! per list) and `kpu/surat_suara.csv` (ballots per TPS and type with the reserve).

use std::collections::HashMap;

use super::*;
use crate::eligibility::Decisions;
use crate::export::table::Table;
use crate::facility::Facility;
use crate::model::{Category, RegNo, Sex};
use crate::plan::Plan;
use crate::reference::Reference;

/// `kpu/tps.csv` columns.
pub const TPS_COLUMNS: &[&str] = &[
    "nomor_tps",
    "kode_tps",
    "upt",
    "lokasi",
    "alamat",
    "desa_kelurahan",
    "kecamatan",
    "kabkota",
    "pemilih_l",
    "pemilih_p",
    "jumlah_pemilih",
    "dpt",
    "dptb",
    "dpk",
    "bilik",
    "kotak",
    "kpps",
    "kpps_dari_luar",
    "linmas_diminta",
    "ptps_diminta",
    "jam_buka",
    "jam_tutup",
];

/// `kpu/surat_suara.csv` columns.
pub const SURAT_SUARA_COLUMNS: &[&str] = &[
    "nomor_tps",
    "jenis",
    "dpt",
    "dptb",
    "dpk",
    "pemilih",
    "cadangan",
    "standar",
    "tambahan_diminta",
    "jumlah",
];

/// Counts of one TPS, as in `kpu/tps.csv`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TpsCounts {
    /// Men.
    pub l: u32,
    /// Women.
    pub p: u32,
    /// On the DPT.
    pub dpt: u32,
    /// On the DPTb.
    pub dptb: u32,
    /// DPK.
    pub dpk: u32,
}

/// The L/P and DPT/DPTb/DPK counts of every TPS, in plan order.
pub fn tps_counts(facility: &Facility, plan: &Plan) -> Vec<TpsCounts> {
    let sex: HashMap<&RegNo, Sex> = facility.people().map(|i| (&i.reg_no, i.sex)).collect();
    plan.tps
        .iter()
        .map(|t| {
            let mut c = TpsCounts::default();
            for v in &t.voters {
                match sex.get(&v.reg_no) {
                    Some(Sex::P) => c.p += 1,
                    _ => c.l += 1,
                }
                match v.category {
                    Category::Dpt => c.dpt += 1,
                    Category::Dptb => c.dptb += 1,
                    Category::Dpk => c.dpk += 1,
                }
            }
            c
        })
        .collect()
}

/// A TPS code unique in the kab/kota: the UPT's region code, the UPT's `kode` and
/// the TPS number (`12.07.05/lapas-pancur-batu/901`); two UPTs of one kab/kota may both
/// have a TPS 901.
pub fn tps_code(facility: &Facility, number: u32) -> String {
    format!("{}/{}/{number}", facility.info.region, facility.info.code)
}

/// `kpu/tps.csv`: where KPU places each TPS (UPT, site, address, desa/kelurahan,
/// kecamatan and kab/kota by name, a code unique in the kab/kota) and what it needs.
pub fn tps_table(facility: &Facility, plan: &Plan) -> Table {
    let r = &facility.rules;
    let reference = Reference::builtin();
    let region = &facility.info.region;
    let village = facility
        .info
        .village
        .clone()
        .or_else(|| region.desa().map(String::from))
        .unwrap_or_default();
    let kecamatan = region
        .kecamatan()
        .map(|k| {
            reference
                .kecamatan(k)
                .map_or_else(|| k.to_string(), |k| k.name.clone())
        })
        .unwrap_or_default();
    let kabkota = region
        .kabkota()
        .map(|k| kabkota_name(reference, k).unwrap_or(k).to_string())
        .unwrap_or_default();
    let mut t = Table::new("tps", TPS_COLUMNS);
    let crews: HashMap<u32, usize> =
        plan.staffing
            .iter()
            .flat_map(|s| &s.kpps)
            .fold(HashMap::new(), |mut m, seat| {
                *m.entry(seat.nomor_tps).or_default() += 1;
                m
            });
    for (tps, c) in plan.tps.iter().zip(tps_counts(facility, plan)) {
        t.push(vec![
            tps.number.into(),
            tps_code(facility, tps.number).into(),
            facility.info.name.clone().into(),
            facility.site_name(&tps.site).into(),
            facility.info.address.clone().unwrap_or_default().into(),
            village.clone().into(),
            kecamatan.clone().into(),
            kabkota.clone().into(),
            c.l.into(),
            c.p.into(),
            (c.l + c.p).into(),
            c.dpt.into(),
            c.dptb.into(),
            c.dpk.into(),
            tps.booths.into(),
            tps.boxes.into(),
            crews.get(&tps.number).copied().unwrap_or(0).into(),
            plan.kekurangan
                .iter()
                .filter(|q| q.peran == "kpps" && q.nomor_tps == Some(tps.number))
                .map(|q| q.jumlah)
                .sum::<u32>()
                .into(),
            r.luar.linmas_per_tps.into(),
            r.luar.ptps_per_tps.into(),
            r.jam.buka.to_string().into(),
            r.jam.tutup.to_string().into(),
        ]);
    }
    t
}

/// `kpu/surat_suara.csv`: one row per TPS and ballot type, as KPU counts them: the
/// voters entitled to it per list (`dpt`, `dptb`, `dpk`, together `pemilih`), the
/// reserve, `standar` = DPT + reserve (what KPU prints for a TPS), `tambahan_diminta`
/// what the DPTb and DPK voters need beyond it (to be asked of KPU kab/kota), and
/// `jumlah` = `standar` + `tambahan_diminta` = `pemilih` + `cadangan`.
pub fn surat_suara_table(decisions: &Decisions, plan: &Plan) -> Table {
    let ballots: HashMap<&RegNo, &[String]> = decisions
        .iter()
        .map(|d| (&d.reg_no, d.ballots.as_slice()))
        .collect();
    let mut t = Table::new("surat_suara", SURAT_SUARA_COLUMNS);
    for tps in &plan.tps {
        for b in &tps.ballots {
            let mut by = [0u32; 3];
            for v in &tps.voters {
                if ballots
                    .get(&v.reg_no)
                    .is_some_and(|held| held.contains(&b.code))
                {
                    by[match v.category {
                        Category::Dpt => 0,
                        Category::Dptb => 1,
                        Category::Dpk => 2,
                    }] += 1;
                }
            }
            let standard = by[0] + b.reserve;
            t.push(vec![
                tps.number.into(),
                b.code.clone().into(),
                by[0].into(),
                by[1].into(),
                by[2].into(),
                b.voters.into(),
                b.reserve.into(),
                standard.into(),
                b.total.saturating_sub(standard).into(),
                b.total.into(),
            ]);
        }
    }
    t
}
