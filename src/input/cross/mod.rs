//! Checks across records and files, run after every row has been parsed: duplicate
//! ids, references between files (blocks, nodes, nips), region codes against the
//! reference tables, NIK/NKK against the KTP region, dates against the day the data
//! was exported, and a few facts a planner wants to know (empty blocks, mixed blocks).
//! A check that relies on another file runs only when that file read without error,
//! so one mistake does not cascade into hundreds of messages.
//!
//! This file holds the region lookup and `facility.toml`'s checks; the layout, the
//! roster and the staff list and scenario have a file each.

use std::collections::HashMap;
use std::path::Path;

use super::rows::Parsed;
use super::tomlfile::{key_line, value_line};
use crate::diagnostics::Problem;
use crate::lang::text;
use crate::model::{FacilityInfo, Node, NodeKind, RegionCode, RegionLevel};
use crate::reference::Reference;

mod inmates;
mod layout;
mod staff;

pub(crate) use inmates::{InmateInputs, inmates};
pub(crate) use layout::{CLOSED_NOTE, LayoutInputs, layout};
pub(crate) use staff::{scenario, staff};

/// What the reference tables say about a region code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Region {
    /// Known as far as the tables go.
    Known,
    /// The province (first two digits) is not one of the 38.
    UnknownProvince,
    /// The province's kab/kota are tabled and this one is not among them.
    UnknownKabKota,
    /// The kab/kota's kecamatan are tabled and this one is not among them.
    UnknownKecamatan,
}

/// Looks region codes up in the reference tables, remembering each answer (a roster
/// repeats the same few codes thousands of times).
pub(crate) struct RegionLookup<'r> {
    reference: &'r Reference,
    memo: HashMap<String, Region>,
}

impl<'r> RegionLookup<'r> {
    pub(crate) fn new(reference: &'r Reference) -> Self {
        Self {
            reference,
            memo: HashMap::new(),
        }
    }

    pub(crate) fn classify(&mut self, code: &RegionCode) -> Region {
        if let Some(r) = self.memo.get(code.as_str()) {
            return *r;
        }
        let r = self.reference;
        let verdict = if r.province_name(code.province()).is_none() {
            Region::UnknownProvince
        } else if code
            .kabkota()
            .is_some_and(|k| r.kabkota(k).is_none() && r.has_kabkota_table(code.province()))
        {
            Region::UnknownKabKota
        } else if code.kecamatan().is_some_and(|c| {
            r.kecamatan(c).is_none() && code.kabkota().is_some_and(|k| r.has_kecamatan_table(k))
        }) {
            Region::UnknownKecamatan
        } else {
            Region::Known
        };
        self.memo.insert(code.as_str().to_string(), verdict);
        verdict
    }
}

/// `facility.toml` on its own and against the layout.
pub(crate) fn facility_info(
    path: &Path,
    text: &str,
    info: &FacilityInfo,
    nodes: &Parsed<Node>,
    election_day: Option<chrono::NaiveDate>,
    regions: &mut RegionLookup,
    problems: &mut Vec<Problem>,
) {
    let at = |key: &str| key_line(text, key, &Default::default());
    let place = |p: Problem, key: &str| {
        let p = p.field(key);
        match at(key) {
            Some(l) => p.at_line(l),
            None => p,
        }
    };
    let code = &info.region;
    if code.level() < RegionLevel::Kecamatan {
        problems.push(place(
            Problem::error(
                "E0103",
                path,
                text!(
                    "kode_wilayah '{code}' bukan kode kecamatan atau desa/kelurahan (mis. 12.07.05 atau 12.07.05.2001)",
                    "kode_wilayah '{code}' is not the code of a kecamatan or desa/kelurahan (e.g. 12.07.05 or 12.07.05.2001)"
                ),
            ),
            "kode_wilayah",
        ));
    }
    match regions.classify(code) {
        Region::Known => {}
        Region::UnknownProvince => problems.push(place(
            Problem::error(
                "E0104",
                path,
                text!(
                    "provinsi '{}' dari kode_wilayah '{code}' tidak dikenal",
                    "province '{}' of kode_wilayah '{code}' is not known",
                    code.province()
                ),
            ),
            "kode_wilayah",
        )),
        Region::UnknownKabKota => problems.push(place(
            Problem::warning(
                "W0101",
                path,
                text!(
                    "kab/kota '{}' tidak ada di tabel referensi provinsinya",
                    "kab/kota '{}' is not in the reference table of its province",
                    code.kabkota().unwrap_or_default()
                ),
            ),
            "kode_wilayah",
        )),
        Region::UnknownKecamatan => problems.push(place(
            Problem::warning(
                "W0102",
                path,
                text!(
                    "kecamatan '{code}' tidak ada di tabel referensi kab/kotanya",
                    "kecamatan '{code}' is not in the reference table of its kab/kota"
                ),
            ),
            "kode_wilayah",
        )),
    }
    if let Some(n) = info.tps_count
        && !(1..=1000).contains(&n)
    {
        let mut p = Problem::error(
            "E0109",
            path,
            text!(
                "jumlah_tps = {n}: tulis 1 sampai 1000 TPS (jumlah yang ditetapkan KPU)",
                "jumlah_tps = {n}: write 1 to 1000 TPS (the number fixed by KPU)"
            ),
        )
        .field("jumlah_tps");
        if let Some(l) = text
            .lines()
            .position(|l| l.trim_start().starts_with("jumlah_tps"))
        {
            p = p.at_line(l as u64 + 1);
        }
        problems.push(p);
    }
    for shift in &info.shifts {
        if shift.start >= shift.end {
            let line = value_line(text, "nama", &shift.name);
            let mut p = Problem::error(
                "E0106",
                path,
                text!(
                    "regu '{}' {}-{}: mulai harus sebelum selesai",
                    "shift '{}' {}-{}: the start must come before the end",
                    shift.name,
                    shift.start,
                    shift.end
                ),
            )
            .field("regu");
            if let Some(l) = line {
                p = p.at_line(l);
            }
            problems.push(p);
        }
    }
    if let Some(day) = election_day
        && info.data_date > day
    {
        problems.push(place(
            Problem::warning(
                "W0104",
                path,
                text!(
                    "tanggal_data {} setelah hari pemungutan suara {day}",
                    "tanggal_data {} is after election day {day}",
                    info.data_date
                ),
            ),
            "tanggal_data",
        ));
    }
    if !nodes.clean {
        return;
    }
    let kinds: HashMap<&str, NodeKind> = nodes
        .items
        .iter()
        .map(|n| (n.id.as_str(), n.kind))
        .collect();
    for sep in &info.separations {
        for b in &sep.blocks {
            if kinds.get(b.as_str()) != Some(&NodeKind::Blok) {
                let what = match kinds.get(b.as_str()) {
                    Some(k) => text!(
                        "simpul '{b}' berjenis {k}, bukan blok",
                        "node '{b}' is of kind {k}, not blok"
                    ),
                    None => text!(
                        "blok '{b}' tidak ada di layout/nodes.csv",
                        "block '{b}' is not in layout/nodes.csv"
                    ),
                };
                let what = what.map(|_, w| format!("[[pemisahan]]: {w}"));
                let mut p = Problem::error("E0105", path, what).field("pemisahan.blok");
                if let Some(l) = value_line(text, "blok", b.as_str()) {
                    p = p.at_line(l);
                }
                problems.push(p);
            }
        }
    }
    let zones: std::collections::HashSet<&str> =
        nodes.items.iter().map(|n| n.zone.as_str()).collect();
    for (zone, allowed) in &info.zone_access {
        for z in std::iter::once(zone).chain(allowed) {
            if !zones.contains(z.as_str()) {
                let mut p = Problem::warning(
                    "W0103",
                    path,
                    text!(
                        "[akses_zona]: zona '{z}' tidak dimiliki simpul mana pun",
                        "[akses_zona]: no node has zone '{z}'"
                    ),
                )
                .field("akses_zona");
                if let Some(l) = key_line(text, zone.as_str(), &Default::default()) {
                    p = p.at_line(l);
                }
                problems.push(p);
            }
        }
    }
}

/// The zones whose sites a block of `zone` may use.
pub(crate) fn usable_zones<'a>(
    info: &'a FacilityInfo,
    zone: &'a crate::model::ZoneId,
) -> Vec<&'a str> {
    match info.zone_access.get(zone) {
        Some(list) => list.iter().map(|z| z.as_str()).collect(),
        None => vec![zone.as_str()],
    }
}
