//! The tables KPU receives (`kpu/*.csv` and the sheets of `kpu/rekap.xlsx`), with the
//! exact columns of design.md, in a stable order (TPS number, then sequence number),
//! NIK and NKK masked. Built from the facility, the eligibility decisions and the plan.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::eligibility::{Decisions, FollowUp};
use crate::export::mask_id;
use crate::export::table::Table;
use crate::facility::Facility;
use crate::model::{Category, Inmate, Need, RegNo, RegionCode, Registration, Sex, age_on};
use crate::plan::Plan;
use crate::reference::Reference;

/// A birth date as the masked lists show it: the year only (`1989-**-**`), as KPU's
/// published lists do.
pub fn mask_birth(d: NaiveDate) -> String {
    format!("{:04}-**-**", d.year())
}

/// An identity number (NIK, NKK) as a file shows it: in full for the handover files
/// (`full`), else masked.
fn shown_id(v: Option<&str>, full: bool) -> String {
    let v = v.unwrap_or("");
    if full { v.to_string() } else { mask_id(v) }
}

/// A birth date as a file shows it: in full for the handover files, else the year.
fn shown_birth(d: NaiveDate, full: bool) -> String {
    if full { d.to_string() } else { mask_birth(d) }
}

/// The name of kab/kota `code` (`12.07`) in the reference tables.
fn kabkota_name<'r>(reference: &'r Reference, code: &str) -> Option<&'r str> {
    reference.kabkota(code).map(|k| k.name.as_str())
}

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

/// The KTP address by name, deepest level first: `desa/kel. 12.07.05.2001, Kec. Pancur
/// Batu, Kabupaten Deli Serdang, Sumatera Utara` (names from the reference tables; a
/// level they lack shows its code).
pub fn region_address(reference: &Reference, region: &RegionCode) -> String {
    let mut parts = Vec::new();
    if let Some(d) = region.desa() {
        parts.push(format!("desa/kel. {d}"));
    }
    if let Some(k) = region.kecamatan() {
        parts.push(match reference.kecamatan(k) {
            Some(k) => format!("Kec. {}", k.name),
            None => format!("kec. {k}"),
        });
    }
    if let Some(k) = region.kabkota() {
        parts
            .push(kabkota_name(reference, k).map_or_else(|| format!("kab/kota {k}"), String::from));
    }
    parts.push(
        reference
            .province_name(region.province())
            .map_or_else(|| format!("provinsi {}", region.province()), String::from),
    );
    parts.join(", ")
}

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

/// The site's display name for a TPS (`Aula Utama`), falling back to its node id.
pub fn site_name(facility: &Facility, site: &crate::model::NodeId) -> String {
    facility
        .node(site)
        .map(|n| n.name.clone())
        .unwrap_or_else(|| site.to_string())
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
            site_name(facility, &tps.site).into(),
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

/// `kpu/pemilih.csv`: per TPS, voters in name order (then register number), numbered
/// from 1; NIK and NKK masked.
pub fn pemilih_table(facility: &Facility, decisions: &Decisions, plan: &Plan) -> Table {
    pemilih_table_with(facility, decisions, plan, false)
}

fn pemilih_table_with(
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

/// `kpu/kpps.csv`: per TPS the chair first, then members, by nip, with what the
/// appointment letter needs (sex, age on election day, education, NIK: masked unless
/// `full`, from `staff.csv`'s optional `nik` column).
pub fn kpps_table(facility: &Facility, plan: &Plan) -> Table {
    kpps_table_with(facility, plan, false)
}

fn kpps_table_with(facility: &Facility, plan: &Plan, full: bool) -> Table {
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
