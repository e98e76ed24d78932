//! The follow-ups: `kpu/tindak_lanjut.csv` (per reason) and
//! `kpu/tindak_lanjut_orang.csv` (per person).

use std::collections::HashMap;

use chrono::Datelike;

use super::*;
use crate::eligibility::{Decisions, FollowUp};
use crate::export::mask_id;
use crate::export::table::Table;
use crate::facility::Facility;
use crate::model::RegNo;
use crate::reference::Reference;

/// `kpu/tindak_lanjut.csv` columns.
pub const TINDAK_LANJUT_COLUMNS: &[&str] =
    &["no_registrasi", "nama", "alasan", "tindakan", "batas_waktu"];

/// `kpu/tindak_lanjut_orang.csv` columns: one row per inmate.
pub const TINDAK_LANJUT_ORANG_COLUMNS: &[&str] = &[
    "no_registrasi",
    "nama",
    "nik",
    "tahun_lahir",
    "jenis_kelamin",
    "blok",
    "wilayah_ktp",
    "pemilih",
    "alasan",
    "keterangan",
    "tindakan",
    "batas_waktu",
];

/// `kpu/tindak_lanjut_orang.csv`: the follow-ups per person (in roster order), every
/// reason of an inmate in one row: reason codes and labels joined by `;`, the actions
/// by ` | `, the earliest deadline; whether they vote here as things stand; NIK masked,
/// birth year only, the KTP region by name.
pub fn tindak_lanjut_orang_table(
    facility: &Facility,
    reference: &Reference,
    decisions: &Decisions,
    follow_ups: &[FollowUp],
) -> Table {
    let mut by: HashMap<&RegNo, Vec<&FollowUp>> = HashMap::new();
    for f in follow_ups {
        by.entry(&f.reg_no).or_default().push(f);
    }
    let voter: HashMap<&RegNo, bool> = decisions.iter().map(|d| (&d.reg_no, d.eligible)).collect();
    let mut t = Table::new("tindak_lanjut_orang", TINDAK_LANJUT_ORANG_COLUMNS);
    for i in facility.people() {
        let Some(rows) = by.get(&i.reg_no) else {
            continue;
        };
        let join = |f: &dyn Fn(&FollowUp) -> String, sep: &str| {
            rows.iter().map(|r| f(r)).collect::<Vec<_>>().join(sep)
        };
        t.push(vec![
            i.reg_no.to_string().into(),
            i.name.clone().into(),
            mask_id(i.nik.as_deref().unwrap_or("")).into(),
            i.birth_date.year().into(),
            i.sex.as_str().into(),
            i.block.to_string().into(),
            i.ktp_region
                .as_ref()
                .map(|r| region_address(reference, r))
                .unwrap_or_default()
                .into(),
            if voter.get(&i.reg_no).copied().unwrap_or(false) {
                "ya"
            } else {
                "tidak"
            }
            .into(),
            join(&|r| r.reason.code().to_string(), ";").into(),
            join(&|r| r.reason.label(crate::lang::Lang::Id).to_string(), "; ").into(),
            join(&|r| r.action.clone(), " | ").into(),
            rows.iter()
                .map(|r| r.deadline)
                .min()
                .map(|d| d.to_string())
                .unwrap_or_default()
                .into(),
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
