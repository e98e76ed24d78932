//! The tables KPU receives (`kpu/*.csv` and the sheets of `kpu/rekap.xlsx`), with the
//! exact columns of design.md, in a stable order (TPS number, then sequence number),
//! NIK and NKK masked. Built from the facility, the eligibility decisions and the plan.

use std::collections::HashMap;

use crate::eligibility::{Decisions, FollowUp};
use crate::export::mask_id;
use crate::export::table::Table;
use crate::model::{Category, Facility, Inmate, RegNo, Sex};
use crate::plan::Plan;

/// `kpu/tps.csv` columns.
pub const TPS_COLUMNS: &[&str] = &[
    "nomor_tps",
    "lokasi",
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
/// `kpu/pemilih.csv` columns.
pub const PEMILIH_COLUMNS: &[&str] = &[
    "nomor_tps",
    "nomor_urut",
    "no_registrasi",
    "nama",
    "nik",
    "nkk",
    "jenis_kelamin",
    "tanggal_lahir",
    "kategori",
    "surat_suara",
];
/// `kpu/surat_suara.csv` columns.
pub const SURAT_SUARA_COLUMNS: &[&str] = &["nomor_tps", "jenis", "pemilih", "cadangan", "jumlah"];
/// `kpu/kpps.csv` columns.
pub const KPPS_COLUMNS: &[&str] = &["nomor_tps", "jabatan", "nip", "nama"];
/// `kpu/tindak_lanjut.csv` columns.
pub const TINDAK_LANJUT_COLUMNS: &[&str] =
    &["no_registrasi", "nama", "alasan", "tindakan", "batas_waktu"];
/// `petugas.csv` columns.
pub const PETUGAS_COLUMNS: &[&str] = &["nip", "nama", "peran", "tempat", "mulai", "selesai"];

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
    let sex: HashMap<&RegNo, Sex> = facility
        .inmates
        .iter()
        .map(|i| (&i.reg_no, i.sex))
        .collect();
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

/// The site's display name for a TPS (`Aula Utama`), falling back to its node id.
pub fn site_name(facility: &Facility, site: &crate::model::NodeId) -> String {
    facility
        .node(site)
        .map(|n| n.name.clone())
        .unwrap_or_else(|| site.to_string())
}

/// `kpu/tps.csv`.
pub fn tps_table(facility: &Facility, plan: &Plan) -> Table {
    let r = &facility.rules;
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
            site_name(facility, &tps.site).into(),
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

/// `kpu/pemilih.csv`: per TPS, voters in name order (then register number), numbered
/// from 1; NIK and NKK masked.
pub fn pemilih_table(facility: &Facility, decisions: &Decisions, plan: &Plan) -> Table {
    let inmates: HashMap<&RegNo, &Inmate> =
        facility.inmates.iter().map(|i| (&i.reg_no, i)).collect();
    let ballots: HashMap<&RegNo, String> = decisions
        .iter()
        .map(|d| (&d.reg_no, d.ballots.join(";")))
        .collect();
    let mut t = Table::new("pemilih", PEMILIH_COLUMNS);
    for tps in &plan.tps {
        let mut rows: Vec<(&Inmate, Category)> = tps
            .voters
            .iter()
            .filter_map(|v| inmates.get(&v.reg_no).map(|i| (*i, v.category)))
            .collect();
        rows.sort_by(|a, b| a.0.name.cmp(&b.0.name).then(a.0.reg_no.cmp(&b.0.reg_no)));
        for (n, (i, category)) in rows.into_iter().enumerate() {
            t.push(vec![
                tps.number.into(),
                (n + 1).into(),
                i.reg_no.to_string().into(),
                i.name.clone().into(),
                mask_id(i.nik.as_deref().unwrap_or("")).into(),
                mask_id(i.nkk.as_deref().unwrap_or("")).into(),
                i.sex.as_str().into(),
                i.birth_date.to_string().into(),
                category.as_str().into(),
                ballots.get(&i.reg_no).cloned().unwrap_or_default().into(),
            ]);
        }
    }
    t
}

/// `kpu/surat_suara.csv`: one row per TPS and ballot type, `jumlah = pemilih + cadangan`.
pub fn surat_suara_table(plan: &Plan) -> Table {
    let mut t = Table::new("surat_suara", SURAT_SUARA_COLUMNS);
    for tps in &plan.tps {
        for b in &tps.ballots {
            t.push(vec![
                tps.number.into(),
                b.code.clone().into(),
                b.voters.into(),
                b.reserve.into(),
                b.total.into(),
            ]);
        }
    }
    t
}

/// `kpu/kpps.csv`: per TPS the chair first, then members, by nip.
pub fn kpps_table(facility: &Facility, plan: &Plan) -> Table {
    let names: HashMap<&str, &str> = facility
        .staff
        .iter()
        .map(|s| (s.nip.as_str(), s.name.as_str()))
        .collect();
    let mut seats: Vec<_> = plan.staffing.iter().flat_map(|s| &s.kpps).collect();
    seats.sort_by(|a, b| {
        a.nomor_tps
            .cmp(&b.nomor_tps)
            .then((a.jabatan != "ketua").cmp(&(b.jabatan != "ketua")))
            .then(a.nip.cmp(&b.nip))
    });
    let mut t = Table::new("kpps", KPPS_COLUMNS);
    for s in seats {
        t.push(vec![
            s.nomor_tps.into(),
            s.jabatan.clone().into(),
            s.nip.to_string().into(),
            names.get(s.nip.as_str()).copied().unwrap_or("").into(),
        ]);
    }
    t
}

/// `kpu/tindak_lanjut.csv`, in roster order.
pub fn tindak_lanjut_table(follow_ups: &[FollowUp]) -> Table {
    let mut t = Table::new("tindak_lanjut", TINDAK_LANJUT_COLUMNS);
    for f in follow_ups {
        t.push(vec![
            f.reg_no.to_string().into(),
            f.name.clone().into(),
            f.reason.code().into(),
            f.action.clone().into(),
            f.deadline.to_string().into(),
        ]);
    }
    t
}

/// `kekurangan.csv` columns.
pub const KEKURANGAN_COLUMNS: &[&str] = &[
    "peran",
    "jenis_kelamin",
    "mulai",
    "selesai",
    "jumlah",
    "nomor_tps",
    "tindakan",
];

/// `kekurangan.csv`: staff the roster lacks, to be requested (KPPS members PPS appoints
/// from outside per TPS, escorts and searchers by window and sex). Only a header when
/// the roster covers the day.
pub fn kekurangan_table(plan: &Plan) -> Table {
    let mut t = Table::new("kekurangan", KEKURANGAN_COLUMNS);
    for q in &plan.kekurangan {
        t.push(vec![
            q.peran.clone().into(),
            q.jenis_kelamin.clone().into(),
            q.mulai.to_string().into(),
            q.selesai.to_string().into(),
            q.jumlah.into(),
            q.nomor_tps
                .map(|n| n.to_string())
                .unwrap_or_default()
                .into(),
            q.tindakan.clone().into(),
        ]);
    }
    t
}

/// `petugas.csv`: every staff assignment, by start time then place.
pub fn petugas_table(plan: &Plan) -> Table {
    let mut t = Table::new("petugas", PETUGAS_COLUMNS);
    for a in plan.staffing.iter().flat_map(|s| &s.assignments) {
        t.push(vec![
            a.nip.to_string().into(),
            a.nama.clone().into(),
            a.peran.clone().into(),
            a.tempat.clone().into(),
            a.mulai.to_string().into(),
            a.selesai.to_string().into(),
        ]);
    }
    t
}
