//! `inmates.csv` (and `pemilih_lain.csv`) across rows and against the layout, the
//! facility and the reference tables: keys, NIK/NKK, regions, dates, blocks.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::{Region, RegionLookup};
use crate::diagnostics::Problem;
use crate::input::rows::Parsed;
use crate::lang::{Text, text};
use crate::model::{FacilityInfo, FacilityKind, Inmate, Node, NodeKind, RegionLevel, Sex, age_on};
use crate::rules::Ruleset;

/// `inmates.csv` across rows and against the layout, the facility and the references.
pub(crate) struct InmateInputs<'a> {
    pub path: &'a Path,
    pub inmates: &'a Parsed<Inmate>,
    /// `pemilih_lain.csv` (empty when absent): checked like inmates for identity and
    /// region, and against the inmates for keys and NIK.
    pub others_path: &'a Path,
    pub others: &'a Parsed<Inmate>,
    pub nodes: &'a Parsed<Node>,
    pub info: Option<&'a FacilityInfo>,
    pub rules: Option<&'a Ruleset>,
}

pub(crate) fn inmates(x: &InmateInputs, regions: &mut RegionLookup, problems: &mut Vec<Problem>) {
    let kinds: Option<HashMap<&str, NodeKind>> = x.nodes.clean.then(|| {
        x.nodes
            .items
            .iter()
            .map(|n| (n.id.as_str(), n.kind))
            .collect()
    });
    let mut regs: HashMap<&str, (bool, u64)> = HashMap::with_capacity(x.inmates.items.len());
    let mut niks: HashMap<&str, (bool, u64)> = HashMap::with_capacity(x.inmates.items.len());
    let mut sexes: BTreeMap<&str, [Vec<u64>; 2]> = BTreeMap::new();
    let own_province = x.info.map(|i| i.region.province().to_string());
    // Where an earlier row is, as a message names it: the line, or the file and line
    // when it is in the other file.
    let earlier = |here_other: bool, (other, line): (bool, u64)| {
        if here_other == other {
            text!("baris {line}", "line {line}")
        } else if other {
            text!(
                "pemilih_lain.csv baris {line}",
                "pemilih_lain.csv line {line}"
            )
        } else {
            text!("inmates.csv baris {line}", "inmates.csv line {line}")
        }
    };
    if !x.others.items.is_empty()
        && let Some(kinds) = &kinds
        && kinds.contains_key(crate::model::OTHER_VOTERS)
    {
        problems.push(Problem::error(
            "E0310",
            x.others_path,
            text!(
                "layout/nodes.csv memakai id '{}', nama yang dipakai tpsplan untuk pemilih lain; ganti id simpul itu",
                "layout/nodes.csv uses the id '{}', the name tpsplan uses for other voters; rename that node",
                crate::model::OTHER_VOTERS
            ),
        ));
    }
    for i in x.inmates.items.iter().chain(&x.others.items) {
        let path = if i.other { x.others_path } else { x.path };
        let at = |code, field: &str, msg: Text, error: bool| {
            let p = if error {
                Problem::error(code, path, msg)
            } else {
                Problem::warning(code, path, msg)
            };
            p.at_line(i.line).field(field)
        };
        if let Some(first) = regs.insert(i.reg_no.as_str(), (i.other, i.line)) {
            regs.insert(i.reg_no.as_str(), first);
            let (field, what) = if i.other {
                ("nip", "NIP")
            } else {
                ("no_registrasi", "no_registrasi")
            };
            let Text { id, en } = earlier(i.other, first);
            problems.push(at(
                "E0301",
                field,
                text!(
                    "{what} '{}' sudah dipakai di {id}",
                    "{what} '{}' is already used on {en}",
                    i.reg_no
                ),
                true,
            ));
        }
        if let Some(nik) = &i.nik
            && let Some(first) = niks.insert(nik.as_str(), (i.other, i.line))
        {
            niks.insert(nik.as_str(), first);
            let whom = if first.0 {
                text!("pemilih lain", "another voter")
            } else {
                text!("WBP", "an inmate")
            };
            let (whom_id, whom_en) = (whom.id, whom.en);
            let Text { id, en } = earlier(i.other, first);
            problems.push(at(
                "W0303",
                "nik",
                text!(
                    "NIK ini juga tercatat pada {whom_id} di {id}",
                    "this NIK is also recorded for {whom_en} on {en}"
                ),
                false,
            ));
        }
        if let Some(code) = &i.ktp_region {
            let verdict = regions.classify(code);
            match verdict {
                Region::Known => {}
                Region::UnknownProvince => problems.push(at(
                    "E0305",
                    "kode_wilayah_ktp",
                    text!(
                        "provinsi '{}' dari kode '{code}' tidak dikenal",
                        "province '{}' of code '{code}' is not known",
                        code.province()
                    ),
                    true,
                )),
                Region::UnknownKabKota => problems.push(at(
                    "W0301",
                    "kode_wilayah_ktp",
                    text!(
                        "kab/kota '{}' tidak ada di tabel referensi provinsinya",
                        "kab/kota '{}' is not in the reference table of its province",
                        code.kabkota().unwrap_or_default()
                    ),
                    false,
                )),
                Region::UnknownKecamatan => problems.push(at(
                    "W0302",
                    "kode_wilayah_ktp",
                    text!(
                        "kecamatan '{code}' tidak ada di tabel referensi kab/kotanya",
                        "kecamatan '{code}' is not in the reference table of its kab/kota"
                    ),
                    false,
                )),
            }
            if code.level() < RegionLevel::Kecamatan
                && own_province.as_deref() == Some(code.province())
            {
                problems.push(at(
                    "W0307",
                    "kode_wilayah_ktp",
                    text!(
                        "kode '{code}' bukan kode kecamatan, padahal alamat KTP satu provinsi dengan UPT",
                        "code '{code}' is not a kecamatan code, though the KTP address is in the facility's province"
                    ),
                    false,
                ));
            }
            if verdict != Region::UnknownProvince {
                let prov = code.province();
                if let Some(nkk) = i.nkk.as_deref().filter(|n| &n[..2] != prov) {
                    problems.push(at(
                        "E0303",
                        "nkk",
                        text!(
                            "NKK diterbitkan di provinsi {} tetapi alamat KTP (kode_wilayah_ktp {code}) di provinsi {prov}",
                            "NKK was issued in province {} but the KTP address (kode_wilayah_ktp {code}) is in province {prov}",
                            &nkk[..2]
                        ),
                        true,
                    ));
                }
                if let Some(nik) = i.nik.as_deref().filter(|n| &n[..2] != prov) {
                    problems.push(at(
                        "W0308",
                        "nik",
                        text!(
                            "NIK berawalan provinsi {} tetapi alamat KTP (kode_wilayah_ktp {code}) di provinsi {prov}",
                            "NIK starts with province {} but the KTP address (kode_wilayah_ktp {code}) is in province {prov}",
                            &nik[..2]
                        ),
                        false,
                    ));
                }
            }
        }
        if let Some(info) = x.info {
            if i.birth_date > info.data_date {
                problems.push(at(
                    "E0304",
                    "tanggal_lahir",
                    text!(
                        "tanggal_lahir {} setelah tanggal_data {}",
                        "tanggal_lahir {} is after tanggal_data {}",
                        i.birth_date,
                        info.data_date
                    ),
                    true,
                ));
            } else if let Some(rules) = x.rules.filter(|_| !i.other) {
                let age = age_on(i.birth_date, info.data_date);
                if info.kind != FacilityKind::Lpka && age < rules.pemisahan.usia_anak {
                    problems.push(at(
                        "W0306",
                        "tanggal_lahir",
                        text!(
                            "WBP berusia {age} tahun pada tanggal_data, di UPT berjenis {}",
                            "inmate aged {age} on tanggal_data, in a facility of kind {}",
                            info.kind
                        ),
                        false,
                    ));
                }
            }
            if let Some(r) = i.release_date.filter(|r| *r < info.data_date) {
                problems.push(at(
                    "W0304",
                    "tanggal_bebas",
                    text!(
                        "tanggal_bebas {r} sebelum tanggal_data {}",
                        "tanggal_bebas {r} is before tanggal_data {}",
                        info.data_date
                    ),
                    false,
                ));
            }
        }
        if let Some(kinds) = kinds.as_ref().filter(|_| !i.other) {
            match kinds.get(i.block.as_str()) {
                Some(NodeKind::Blok) => {
                    let s = usize::from(i.sex == Sex::P);
                    sexes.entry(i.block.as_str()).or_default()[s].push(i.line);
                }
                Some(k) => problems.push(at(
                    "E0306",
                    "blok",
                    text!(
                        "'{}' adalah simpul berjenis {k}, bukan blok",
                        "'{}' is a node of kind {k}, not blok",
                        i.block
                    ),
                    true,
                )),
                None => problems.push(at(
                    "E0306",
                    "blok",
                    text!(
                        "blok '{}' tidak ada di layout/nodes.csv",
                        "block '{}' is not in layout/nodes.csv",
                        i.block
                    ),
                    true,
                )),
            }
        }
    }
    for (block, [men, women]) in sexes {
        if !men.is_empty() && !women.is_empty() {
            let (fewer, label, label_en) = if women.len() <= men.len() {
                (&women, "wanita", "woman")
            } else {
                (&men, "pria", "man")
            };
            problems.push(
                Problem::warning(
                    "W0305",
                    x.path,
                    text!(
                        "blok '{block}' berisi {} pria dan {} wanita; baris ini {label} pertama dari kelompok yang lebih kecil",
                        "block '{block}' holds both men ({}) and women ({}); this line is the first {label_en} of the smaller group",
                        men.len(),
                        women.len()
                    ),
                )
                .at_line(fewer[0])
                .field("jenis_kelamin"),
            );
        }
    }
}
