//! KPU's by-name lists: `kpu/dpt.csv`, `kpu/dptb.csv`, `kpu/dpk.csv`, the collective
//! Model A, the all-in-one `kpu/pemilih.csv`, and the handover files of `kpu-rahasia/`.

use std::collections::HashMap;

use super::*;
use crate::eligibility::Decisions;
use crate::export::table::Table;
use crate::facility::Facility;
use crate::model::{Category, Inmate, Need, RegNo, Registration, age_on};
use crate::plan::Plan;
use crate::reference::Reference;

/// `kpu/dpt.csv`, `kpu/dptb.csv` and `kpu/dpk.csv` columns (KPU's list form).
pub const DAFTAR_COLUMNS: &[&str] = &[
    "nomor_tps",
    "nomor_urut",
    "nkk",
    "nik",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "usia",
    "status_perkawinan",
    "jenis_kelamin",
    "alamat",
    "disabilitas",
    "ktp_el",
    "keterangan",
];

/// One of KPU's lists (`dpt`, `dptb`, `dpk`): the voters of `category` per TPS, in name
/// order (then register number), numbered from 1 per TPS; NIK and NKK masked and the
/// birth date to its year unless `full` (the handover files of `kpu-rahasia/`).
pub fn daftar_table(
    facility: &Facility,
    reference: &Reference,
    plan: &Plan,
    category: Category,
    full: bool,
) -> Table {
    let inmates: HashMap<&RegNo, &Inmate> = facility.people().map(|i| (&i.reg_no, i)).collect();
    let election = facility.election_date();
    let sheet = category.as_str().to_lowercase();
    let mut t = Table::new(&sheet, DAFTAR_COLUMNS);
    for tps in &plan.tps {
        let mut rows: Vec<&Inmate> = tps
            .voters
            .iter()
            .filter(|v| v.category == category)
            .filter_map(|v| inmates.get(&v.reg_no).copied())
            .collect();
        rows.sort_by(|a, b| a.name.cmp(&b.name).then(a.reg_no.cmp(&b.reg_no)));
        for (n, i) in rows.into_iter().enumerate() {
            let from = i.ktp_region.as_ref().map(|r| match r.kabkota() {
                Some(k) => {
                    kabkota_name(reference, k).map_or_else(|| format!("kab/kota {k}"), String::from)
                }
                None => region_address(reference, r),
            });
            let keterangan = match (category, i.registration) {
                (Category::Dptb, Registration::DptAsal) => format!(
                    "pindah memilih: Model A diajukan UPT (terdaftar di DPT asal{})",
                    from.map(|f| format!(" {f}")).unwrap_or_default()
                ),
                (Category::Dptb, _) => format!(
                    "pindah memilih (Model A){}",
                    from.map(|f| format!(" dari {f}")).unwrap_or_default()
                ),
                (Category::Dpk, _) => {
                    use crate::eligibility::category::{DpkArea, dpk_area};
                    match dpk_area(&facility.info.region, i.ktp_region.as_ref()) {
                        DpkArea::Same => "DPK: alamat KTP-el di desa/kelurahan UPT",
                        DpkArea::Possible => {
                            "DPK: alamat KTP-el sekecamatan dengan UPT, desa/kelurahan dipastikan ke PPS"
                        }
                        // Only where the ruleset's switch lets DPK come from anywhere.
                        DpkArea::Outside => {
                            "DPK: aturan tidak membatasi wilayah alamat KTP-el (dpk_hanya_wilayah_ktp = false)"
                        }
                    }
                    .to_string()
                }
                (Category::Dpt, _) => String::new(),
            };
            let disabilitas = match (i.disability, i.need) {
                (Some(d), _) => d.as_str().to_string(),
                (None, Some(Need::Pendampingan)) => "perlu pendampingan".to_string(),
                _ => String::new(),
            };
            t.push(vec![
                tps.number.into(),
                (n + 1).into(),
                shown_id(i.nkk.as_deref(), full).into(),
                shown_id(i.nik.as_deref(), full).into(),
                i.name.clone().into(),
                i.birth_place.clone().unwrap_or_default().into(),
                shown_birth(i.birth_date, full).into(),
                age_on(i.birth_date, election).into(),
                i.marital.as_str().into(),
                i.sex.as_str().into(),
                i.ktp_region
                    .as_ref()
                    .map(|r| region_address(reference, r))
                    .unwrap_or_default()
                    .into(),
                disabilitas.into(),
                if i.ktp_el { "ya" } else { "tidak" }.into(),
                keterangan.into(),
            ]);
        }
    }
    t
}

/// `kpu/model_a.csv` columns: the collective Model A (pindah memilih) the UPT files.
pub const MODEL_A_COLUMNS: &[&str] = &[
    "nomor",
    "nkk",
    "nik",
    "nama",
    "jenis_kelamin",
    "tempat_lahir",
    "tanggal_lahir",
    "alamat_asal",
    "kabkota_asal",
    "alasan_pindah",
    "upt_tujuan",
    "nomor_tps_tujuan",
    "batas_pengajuan",
];

/// `kpu/model_a.csv`: the inmates on the DPT at home (`pendaftaran` dpt_asal) planned
/// as DPTb here, for whom the UPT files Model A collectively before the deadline, by
/// name; NIK and NKK masked and birth dates to the year unless `full`.
pub fn model_a_table(facility: &Facility, reference: &Reference, plan: &Plan, full: bool) -> Table {
    let inmates: HashMap<&RegNo, &Inmate> = facility.people().map(|i| (&i.reg_no, i)).collect();
    let deadline = crate::eligibility::category::Deadlines::new(
        &facility.rules,
        facility.election_date(),
        facility.info.data_date,
    )
    .model_a;
    let mut rows: Vec<(&Inmate, u32)> = plan
        .tps
        .iter()
        .flat_map(|t| t.voters.iter().map(move |v| (v, t.number)))
        .filter(|(v, _)| v.category == Category::Dptb)
        .filter_map(|(v, n)| inmates.get(&v.reg_no).map(|i| (*i, n)))
        .filter(|(i, _)| i.registration == Registration::DptAsal)
        .collect();
    rows.sort_by(|a, b| a.0.name.cmp(&b.0.name).then(a.0.reg_no.cmp(&b.0.reg_no)));
    let mut t = Table::new("model_a", MODEL_A_COLUMNS);
    for (k, (i, tps)) in rows.into_iter().enumerate() {
        let kabkota = i
            .ktp_region
            .as_ref()
            .and_then(|r| r.kabkota())
            .map(|k| kabkota_name(reference, k).unwrap_or(k).to_string())
            .unwrap_or_default();
        t.push(vec![
            (k + 1).into(),
            shown_id(i.nkk.as_deref(), full).into(),
            shown_id(i.nik.as_deref(), full).into(),
            i.name.clone().into(),
            i.sex.as_str().into(),
            i.birth_place.clone().unwrap_or_default().into(),
            shown_birth(i.birth_date, full).into(),
            i.ktp_region
                .as_ref()
                .map(|r| region_address(reference, r))
                .unwrap_or_default()
                .into(),
            kabkota.into(),
            if i.other {
                // Model A's own reason for officers: on duty on voting day.
                format!(
                    "menjalankan tugas pada hari pemungutan suara di {}",
                    facility.info.name
                )
            } else {
                format!(
                    "menjalani {} di {}",
                    match i.legal_status {
                        crate::model::LegalStatus::Tahanan => "penahanan",
                        crate::model::LegalStatus::Narapidana => "masa pidana",
                    },
                    facility.info.name
                )
            }
            .into(),
            facility.info.name.clone().into(),
            tps.into(),
            deadline.to_string().into(),
        ]);
    }
    t
}

/// The files of `kpu-rahasia/` (`--serah-terima`): KPU's lists, the all-in-one list and
/// the collective Model A with full NIK, NKK and birth dates, each file named
/// `RAHASIA_<table>.csv`.
pub fn secret_tables(
    facility: &Facility,
    reference: &Reference,
    decisions: &Decisions,
    plan: &Plan,
) -> Vec<Table> {
    let mut pemilih = pemilih_table_with(facility, decisions, plan, true);
    pemilih.sheet = "pemilih".into();
    let mut out = vec![pemilih];
    for c in [Category::Dpt, Category::Dptb, Category::Dpk] {
        out.push(daftar_table(facility, reference, plan, c, true));
    }
    out.push(model_a_table(facility, reference, plan, true));
    out.push(kpps_table_with(facility, plan, true));
    for t in &mut out {
        t.sheet = format!("RAHASIA_{}", t.sheet);
    }
    out
}

/// What `kpu-rahasia/BACA-RAHASIA.txt` says.
pub fn secret_notice(facility: &Facility) -> String {
    format!(
        "RAHASIA - {name}\r\n\r\nFolder ini memuat NIK, NKK dan tanggal lahir lengkap WBP pemilih untuk serah terima resmi \
         kepada KPU kabupaten/kota (dasar pencocokan dan penetapan daftar pemilih). Serahkan hanya dengan berita acara \
         serah terima; jangan dikirim lewat pesan, diunggah, dicetak untuk rapat, atau disalin ke luar UPT. \
         Berkas lain di folder rencana hanya memuat NIK/NKK tersamar dan tahun lahir.\r\n",
        name = facility.info.name
    )
}

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

/// `kpu/pemilih.csv`: per TPS, voters in name order (then register number), numbered
/// from 1; NIK and NKK masked.
pub fn pemilih_table(facility: &Facility, decisions: &Decisions, plan: &Plan) -> Table {
    pemilih_table_with(facility, decisions, plan, false)
}

pub(super) fn pemilih_table_with(
    facility: &Facility,
    decisions: &Decisions,
    plan: &Plan,
    full: bool,
) -> Table {
    let inmates: HashMap<&RegNo, &Inmate> = facility.people().map(|i| (&i.reg_no, i)).collect();
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
                shown_id(i.nik.as_deref(), full).into(),
                shown_id(i.nkk.as_deref(), full).into(),
                i.sex.as_str().into(),
                shown_birth(i.birth_date, full).into(),
                category.as_str().into(),
                ballots.get(&i.reg_no).cloned().unwrap_or_default().into(),
            ]);
        }
    }
    t
}
