//! The rows `kpu/pemilih.csv`, `kpu/surat_suara.csv` and `kpu/tps.csv` must hold,
//! built by the checker from the inputs, the voters it derived ([`super::eligibility`]),
//! its own reserve ([`super::ballots`]) and plan.json, by the formats of design.md and
//! the README (not by `crate::export`'s builders): numbered per TPS in name order (then
//! register number), NIK and NKK masked to their first six digits, birth dates to the
//! year. The rows are put in an [`export::Table`](crate::export::Table), a plain data
//! type, so the workbook's sheets can be compared with the same rows.

use std::collections::BTreeMap;

use chrono::Datelike;

use crate::export::{Cell, Table};
use crate::facility::Facility;
use crate::model::{Category, Inmate, RegNo, Sex, Voter};
use crate::plan::Plan;
use crate::reference::Reference;

/// An identity number as the masked files show it: the first six characters, the rest
/// `*` (six or fewer: all `*`).
pub(super) fn masked(id: Option<&str>) -> String {
    let id = id.unwrap_or("");
    let n = id.chars().count();
    let keep = if n > 6 { 6 } else { 0 };
    id.chars()
        .enumerate()
        .map(|(i, c)| if i < keep { c } else { '*' })
        .collect()
}

/// A text cell as a CSV file or workbook shows it: a leading `'` before `=`, `+`, `-`,
/// `@`, a tab or a carriage return (spreadsheet safety).
pub(super) fn shown(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A cell as its CSV field.
pub(super) fn field(cell: &Cell) -> String {
    match cell {
        Cell::Int(n) => n.to_string(),
        Cell::Text(s) => shown(s),
    }
}

/// One voter of a TPS: the roster record, the list, and the checker's voter (if derived).
type Row<'a> = (&'a Inmate, Category, Option<&'a Voter>);

/// The voters of each TPS of the plan with their roster record and, where the checker
/// derived them as voters, their derived record; in name order, then register number.
fn per_tps<'a>(
    facility: &'a Facility,
    voters: &'a BTreeMap<&RegNo, &Voter>,
    plan: &'a Plan,
) -> Vec<(u32, Vec<Row<'a>>)> {
    let people: BTreeMap<&RegNo, &Inmate> = facility.people().map(|i| (&i.reg_no, i)).collect();
    plan.tps
        .iter()
        .map(|t| {
            let mut rows: Vec<Row<'a>> = t
                .voters
                .iter()
                .filter_map(|rv| {
                    let person = people.get(&rv.reg_no)?;
                    let derived = voters.get(&rv.reg_no).copied();
                    Some((
                        *person,
                        derived.map_or(rv.category, |v| v.category),
                        derived,
                    ))
                })
                .collect();
            rows.sort_by(|a, b| a.0.name.cmp(&b.0.name).then(a.0.reg_no.cmp(&b.0.reg_no)));
            (t.number, rows)
        })
        .collect()
}

/// `kpu/pemilih.csv`: every voter of every TPS with the list and the ballots the
/// checker derived; with `full` (`kpu-rahasia/RAHASIA_pemilih.csv`) NIK, NKK and the
/// birth date in full.
pub(super) fn pemilih(facility: &Facility, voters: &[Voter], plan: &Plan, full: bool) -> Table {
    let by_reg: BTreeMap<&RegNo, &Voter> = voters.iter().map(|v| (&v.reg_no, v)).collect();
    let mut t = Table::new(
        "pemilih",
        &[
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
        ],
    );
    let id = |v: Option<&str>| match full {
        true => v.unwrap_or("").to_string(),
        false => masked(v),
    };
    let born = |i: &Inmate| match full {
        true => i.birth_date.to_string(),
        false => format!("{:04}-**-**", i.birth_date.year()),
    };
    for (number, rows) in per_tps(facility, &by_reg, plan) {
        for (n, (i, category, derived)) in rows.into_iter().enumerate() {
            t.push(vec![
                number.into(),
                (n + 1).into(),
                i.reg_no.to_string().into(),
                i.name.clone().into(),
                id(i.nik.as_deref()).into(),
                id(i.nkk.as_deref()).into(),
                i.sex.as_str().into(),
                born(i).into(),
                category.as_str().into(),
                derived
                    .map(|v| v.ballots.join(";"))
                    .unwrap_or_default()
                    .into(),
            ]);
        }
    }
    t
}

/// `kpu/surat_suara.csv`: per TPS and ballot type its voters are entitled to, the
/// entitled voters per list, the reserve, `standar` = DPT + reserve, `tambahan_diminta`
/// = DPTb + DPK, `jumlah` = voters + reserve.
pub(super) fn surat_suara(facility: &Facility, voters: &[Voter], plan: &Plan) -> Table {
    let by_reg: BTreeMap<&RegNo, &Voter> = voters.iter().map(|v| (&v.reg_no, v)).collect();
    let mut t = Table::new(
        "surat_suara",
        &[
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
        ],
    );
    for tps in &plan.tps {
        let here: Vec<&Voter> = tps
            .voters
            .iter()
            .filter_map(|rv| by_reg.get(&rv.reg_no).copied())
            .collect();
        for (code, entitled, reserve) in super::ballots::expected(&facility.rules, &here) {
            let on = |c: Category| {
                here.iter()
                    .filter(|v| v.category == c && v.ballots.contains(&code))
                    .count() as u32
            };
            let (dpt, dptb, dpk) = (on(Category::Dpt), on(Category::Dptb), on(Category::Dpk));
            t.push(vec![
                tps.number.into(),
                code.clone().into(),
                dpt.into(),
                dptb.into(),
                dpk.into(),
                entitled.into(),
                reserve.into(),
                (dpt + reserve).into(),
                (dptb + dpk).into(),
                (entitled + reserve).into(),
            ]);
        }
    }
    t
}

/// `kpu/tps.csv`: where each TPS of the plan stands (UPT, site, address, desa,
/// kecamatan and kab/kota by name, `kode_wilayah/kode/nomor`), its voters by sex and
/// list, booths, boxes, crew and what is asked from outside, and the hours.
pub(super) fn tps(
    facility: &Facility,
    reference: &Reference,
    voters: &[Voter],
    plan: &Plan,
) -> Table {
    let by_reg: BTreeMap<&RegNo, &Voter> = voters.iter().map(|v| (&v.reg_no, v)).collect();
    let info = &facility.info;
    let r = &facility.rules;
    let region = &info.region;
    let desa = info
        .village
        .clone()
        .or_else(|| region.desa().map(str::to_string))
        .unwrap_or_default();
    let kecamatan = region.kecamatan().map_or_else(String::new, |k| {
        reference
            .kecamatan(k)
            .map_or_else(|| k.to_string(), |x| x.name.clone())
    });
    let kabkota = region.kabkota().map_or_else(String::new, |k| {
        reference
            .kabkota(k)
            .map_or_else(|| k.to_string(), |x| x.name.clone())
    });
    let mut t = Table::new(
        "tps",
        &[
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
        ],
    );
    let rows = per_tps(facility, &by_reg, plan);
    for (tps, (_, people)) in plan.tps.iter().zip(rows) {
        let women = people.iter().filter(|p| p.0.sex == Sex::P).count() as u32;
        let all = tps.voters.len() as u32;
        let on = |c: Category| people.iter().filter(|p| p.1 == c).count() as u32;
        let seats = plan
            .staffing
            .iter()
            .flat_map(|s| &s.kpps)
            .filter(|s| s.nomor_tps == tps.number)
            .count() as u32;
        let outside: u32 = plan
            .kekurangan
            .iter()
            .filter(|q| q.peran == "kpps" && q.nomor_tps == Some(tps.number))
            .map(|q| q.jumlah)
            .sum();
        let site = facility
            .nodes
            .iter()
            .find(|n| n.id == tps.site)
            .map_or_else(|| tps.site.to_string(), |n| n.name.clone());
        t.push(vec![
            tps.number.into(),
            format!("{}/{}/{}", region, info.code, tps.number).into(),
            info.name.clone().into(),
            site.into(),
            info.address.clone().unwrap_or_default().into(),
            desa.clone().into(),
            kecamatan.clone().into(),
            kabkota.clone().into(),
            (all - women).into(),
            women.into(),
            all.into(),
            on(Category::Dpt).into(),
            on(Category::Dptb).into(),
            on(Category::Dpk).into(),
            tps.booths.into(),
            tps.boxes.into(),
            seats.into(),
            outside.into(),
            r.luar.linmas_per_tps.into(),
            r.luar.ptps_per_tps.into(),
            r.jam.buka.to_string().into(),
            r.jam.tutup.to_string().into(),
        ]);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_keeps_six_digits_and_neutralising_guards_formulas() {
        assert_eq!(masked(Some("5305010101900001")), "530501**********");
        assert_eq!(masked(Some("12345")), "*****");
        assert_eq!(masked(None), "");
        assert_eq!(shown("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(shown("-"), "'-");
        assert_eq!(shown("Ani"), "Ani");
    }
}
