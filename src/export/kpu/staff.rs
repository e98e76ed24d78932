//! Staff tables: `kpu/kpps.csv` (the crews), `kekurangan.csv` (what the roster lacks, to
//! be requested) and `petugas.csv` (every duty by name).

use std::collections::HashMap;

use super::*;
use crate::export::table::Table;
use crate::facility::Facility;
use crate::model::age_on;
use crate::plan::Plan;

/// `kpu/kpps.csv` columns.
pub const KPPS_COLUMNS: &[&str] = &[
    "nomor_tps",
    "jabatan",
    "nip",
    "nama",
    "jenis_kelamin",
    "usia",
    "pendidikan",
    "nik",
];

/// `petugas.csv` columns.
pub const PETUGAS_COLUMNS: &[&str] = &["nip", "nama", "peran", "tempat", "mulai", "selesai"];

/// `kpu/kpps.csv`: per TPS the chair first, then members, by nip, with what the
/// appointment letter needs (sex, age on election day, education, NIK: masked unless
/// `full`, from `staff.csv`'s optional `nik` column).
pub fn kpps_table(facility: &Facility, plan: &Plan) -> Table {
    kpps_table_with(facility, plan, false)
}

pub(super) fn kpps_table_with(facility: &Facility, plan: &Plan, full: bool) -> Table {
    let staff: HashMap<&str, &crate::model::Staff> =
        facility.staff.iter().map(|s| (s.nip.as_str(), s)).collect();
    let election = facility.election_date();
    let mut seats: Vec<_> = plan.staffing.iter().flat_map(|s| &s.kpps).collect();
    seats.sort_by(|a, b| {
        a.nomor_tps
            .cmp(&b.nomor_tps)
            .then((a.jabatan != "ketua").cmp(&(b.jabatan != "ketua")))
            .then(a.nip.cmp(&b.nip))
    });
    let mut t = Table::new("kpps", KPPS_COLUMNS);
    for s in seats {
        let who = staff.get(s.nip.as_str());
        let nik = who.and_then(|w| w.nik.as_deref()).unwrap_or("");
        t.push(vec![
            s.nomor_tps.into(),
            s.jabatan.clone().into(),
            s.nip.to_string().into(),
            who.map(|w| w.name.as_str()).unwrap_or("").into(),
            who.map(|w| w.sex.as_str()).unwrap_or("").into(),
            who.map_or(0, |w| age_on(w.birth_date, election)).into(),
            who.map(|w| w.education.as_str()).unwrap_or("").into(),
            shown_id(Some(nik), full).into(),
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
