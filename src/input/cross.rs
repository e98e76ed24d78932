//! Checks across records and files, run after every row has been parsed: duplicate
//! ids, references between files (blocks, nodes, nips), region codes against the
//! reference tables, NIK/NKK against the KTP region, dates against the day the data
//! was exported, and a few facts a planner wants to know (empty blocks, mixed blocks).
//! A check that relies on another file runs only when that file read without error,
//! so one mistake does not cascade into hundreds of messages.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::rows::Parsed;
use super::tomlfile::{key_line, value_line};
use crate::diagnostics::Problem;
use crate::model::{
    FacilityInfo, FacilityKind, Inmate, Node, NodeKind, PathEdge, RegionCode, RegionLevel,
    Scenario, Sex, Staff, age_on,
};
use crate::reference::Reference;
use crate::rules::Ruleset;

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
                format!(
                    "kode_wilayah '{code}' bukan kode kecamatan atau desa/kelurahan (mis. 12.07.05 atau 12.07.05.2001)"
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
                format!(
                    "provinsi '{}' dari kode_wilayah '{code}' tidak dikenal",
                    code.province()
                ),
            ),
            "kode_wilayah",
        )),
        Region::UnknownKabKota => problems.push(place(
            Problem::warning(
                "W0101",
                path,
                format!(
                    "kab/kota '{}' tidak ada di tabel referensi provinsinya",
                    code.kabkota().unwrap_or_default()
                ),
            ),
            "kode_wilayah",
        )),
        Region::UnknownKecamatan => problems.push(place(
            Problem::warning(
                "W0102",
                path,
                format!("kecamatan '{code}' tidak ada di tabel referensi kab/kotanya"),
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
            format!("jumlah_tps = {n}: tulis 1 sampai 1000 TPS (jumlah yang ditetapkan KPU)"),
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
                format!(
                    "regu '{}' {}-{}: mulai harus sebelum selesai",
                    shift.name, shift.start, shift.end
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
                format!(
                    "tanggal_data {} setelah hari pemungutan suara {day}",
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
                    Some(k) => format!("simpul '{b}' berjenis {k}, bukan blok"),
                    None => format!("blok '{b}' tidak ada di layout/nodes.csv"),
                };
                let mut p = Problem::error("E0105", path, format!("[[pemisahan]]: {what}"))
                    .field("pemisahan.blok");
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
                    format!("[akses_zona]: zona '{z}' tidak dimiliki simpul mana pun"),
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

/// `layout/nodes.csv` and `layout/paths.csv`, and the layout against the roster.
pub(crate) struct LayoutInputs<'a> {
    pub nodes_path: &'a Path,
    pub paths_path: &'a Path,
    pub nodes: &'a Parsed<Node>,
    pub paths: &'a Parsed<PathEdge>,
    pub inmates: &'a Parsed<Inmate>,
    pub info: Option<&'a FacilityInfo>,
    pub scenario: Option<&'a Scenario>,
}

pub(crate) fn layout(l: &LayoutInputs, problems: &mut Vec<Problem>) {
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, n) in l.nodes.items.iter().enumerate() {
        if let Some(&first) = index.get(n.id.as_str()) {
            problems.push(
                Problem::error(
                    "E0201",
                    l.nodes_path,
                    format!(
                        "id simpul '{}' sudah dipakai di baris {}",
                        n.id, l.nodes.items[first].line
                    ),
                )
                .at_line(n.line)
                .field("id"),
            );
        } else {
            index.insert(n.id.as_str(), i);
        }
        if n.max_tps > 0 && n.booths == 0 {
            problems.push(
                Problem::error(
                    "E0204",
                    l.nodes_path,
                    format!(
                        "lokasi '{}' dapat menampung {} TPS tetapi bilik 0",
                        n.id, n.max_tps
                    ),
                )
                .at_line(n.line)
                .field("bilik"),
            );
        }
        if n.max_tps > 0 && n.waiting_capacity == 0 {
            problems.push(
                Problem::warning(
                    "W0205",
                    l.nodes_path,
                    format!(
                        "lokasi '{}' tidak punya ruang tunggu (kapasitas_tunggu 0)",
                        n.id
                    ),
                )
                .at_line(n.line)
                .field("kapasitas_tunggu"),
            );
        }
    }
    if l.nodes.clean {
        if !l.nodes.items.iter().any(|n| n.kind == NodeKind::Blok) {
            problems.push(
                Problem::error("E0206", l.nodes_path, "layout tidak memuat satu pun blok")
                    .field("jenis"),
            );
        }
        if !l.nodes.items.iter().any(Node::is_site) {
            problems.push(
                Problem::error(
                    "E0207",
                    l.nodes_path,
                    "layout tidak memuat calon lokasi TPS (maks_tps > 0)",
                )
                .field("maks_tps"),
            );
        }
    }
    let mut corridors: HashMap<(&str, &str), u64> = HashMap::new();
    for p in &l.paths.items {
        if l.nodes.clean {
            for (field, id) in [("dari", &p.from), ("ke", &p.to)] {
                if !index.contains_key(id.as_str()) {
                    problems.push(
                        Problem::error(
                            "E0202",
                            l.paths_path,
                            format!("simpul '{id}' tidak ada di layout/nodes.csv"),
                        )
                        .at_line(p.line)
                        .field(field),
                    );
                }
            }
        }
        if p.from == p.to {
            problems.push(
                Problem::warning(
                    "W0203",
                    l.paths_path,
                    format!("jalur dari '{}' ke dirinya sendiri", p.from),
                )
                .at_line(p.line),
            );
            continue;
        }
        let key = if p.from <= p.to {
            (p.from.as_str(), p.to.as_str())
        } else {
            (p.to.as_str(), p.from.as_str())
        };
        if let Some(first) = corridors.insert(key, p.line) {
            corridors.insert(key, first);
            problems.push(
                Problem::warning(
                    "W0204",
                    l.paths_path,
                    format!(
                        "jalur {}-{} sudah ada di baris {first} (jalur berlaku dua arah)",
                        p.from, p.to
                    ),
                )
                .at_line(p.line),
            );
        }
    }
    if l.nodes.clean
        && l.paths.clean
        && let Some(info) = l.info
    {
        reachability(l, info, &index, problems);
    }
    if l.nodes.clean && l.inmates.clean {
        let mut per_block: HashMap<&str, usize> = HashMap::new();
        for i in &l.inmates.items {
            *per_block.entry(i.block.as_str()).or_default() += 1;
        }
        for n in l.nodes.items.iter().filter(|n| n.kind == NodeKind::Blok) {
            if !per_block.contains_key(n.id.as_str()) {
                problems.push(
                    Problem::warning(
                        "W0202",
                        l.nodes_path,
                        format!("blok '{}' tidak berisi WBP di inmates.csv", n.id),
                    )
                    .at_line(n.line)
                    .field("id"),
                );
            }
        }
    }
}

/// Every block with inmates must reach a candidate site its zone may use (paths are
/// two-way); every candidate site should be usable by some block's zone.
fn reachability(
    l: &LayoutInputs,
    info: &FacilityInfo,
    index: &HashMap<&str, usize>,
    problems: &mut Vec<Problem>,
) {
    let nodes = &l.nodes.items;
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for p in &l.paths.items {
        if let (Some(&a), Some(&b)) = (index.get(p.from.as_str()), index.get(p.to.as_str())) {
            adj[a].push(b);
            adj[b].push(a);
        }
    }
    let closed = |n: &Node| l.scenario.is_some_and(|s| s.closed_sites.contains(&n.id));
    let locked = |n: &Node| l.scenario.is_some_and(|s| s.locked_blocks.contains(&n.id));
    let occupied: Option<std::collections::HashSet<&str>> = l
        .inmates
        .clean
        .then(|| l.inmates.items.iter().map(|i| i.block.as_str()).collect());
    // Blocks grouped by zone: one multi-source search from the zone's usable sites.
    let mut by_zone: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, n) in nodes.iter().enumerate() {
        let empty = occupied
            .as_ref()
            .is_some_and(|o| !o.contains(n.id.as_str()));
        if n.kind == NodeKind::Blok && !locked(n) && !empty {
            by_zone.entry(n.zone.as_str()).or_default().push(i);
        }
    }
    for (zone, blocks) in by_zone {
        let zone_id = crate::model::ZoneId::from(zone);
        let usable = usable_zones(info, &zone_id);
        let mut seen = vec![false; nodes.len()];
        let mut queue: std::collections::VecDeque<usize> = nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.is_site() && !closed(n) && usable.contains(&n.zone.as_str()))
            .map(|(i, _)| i)
            .collect();
        for &s in &queue {
            seen[s] = true;
        }
        let any_site = !queue.is_empty();
        while let Some(v) = queue.pop_front() {
            for &w in &adj[v] {
                if !seen[w] {
                    seen[w] = true;
                    queue.push_back(w);
                }
            }
        }
        for b in blocks.into_iter().filter(|&b| !seen[b]) {
            let n = &nodes[b];
            let why = if any_site {
                "tidak ada jalur di layout/paths.csv ke calon lokasi mana pun"
            } else {
                "tidak ada calon lokasi TPS (maks_tps > 0) di zona yang boleh dipakai"
            };
            let closed_note = if l.scenario.is_some_and(|s| !s.closed_sites.is_empty()) {
                " (lokasi yang ditutup skenario tidak dihitung)"
            } else {
                ""
            };
            problems.push(
                Problem::error(
                    "E0205",
                    l.nodes_path,
                    format!(
                        "blok '{}' (zona {zone}, boleh memakai lokasi di zona {}): {why}{closed_note}",
                        n.id,
                        usable.join(", ")
                    ),
                )
                .at_line(n.line)
                .field("id"),
            );
        }
    }
    let block_zones: std::collections::BTreeSet<&str> = nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Blok)
        .flat_map(|n| usable_zones(info, &n.zone))
        .collect();
    for n in nodes.iter().filter(|n| n.is_site()) {
        if !block_zones.contains(n.zone.as_str()) {
            problems.push(
                Problem::warning(
                    "W0201",
                    l.nodes_path,
                    format!(
                        "lokasi '{}' di zona '{}' tidak boleh dipakai blok mana pun",
                        n.id, n.zone
                    ),
                )
                .at_line(n.line)
                .field("zona"),
            );
        }
    }
}

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
            format!("baris {line}")
        } else if other {
            format!("pemilih_lain.csv baris {line}")
        } else {
            format!("inmates.csv baris {line}")
        }
    };
    if !x.others.items.is_empty()
        && let Some(kinds) = &kinds
        && kinds.contains_key(crate::model::OTHER_VOTERS)
    {
        problems.push(Problem::error(
            "E0310",
            x.others_path,
            format!(
                "layout/nodes.csv memakai id '{}', nama yang dipakai tpsplan untuk pemilih lain; ganti id simpul itu",
                crate::model::OTHER_VOTERS
            ),
        ));
    }
    for i in x.inmates.items.iter().chain(&x.others.items) {
        let path = if i.other { x.others_path } else { x.path };
        let at = |code, field: &str, msg: String, error: bool| {
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
            problems.push(at(
                "E0301",
                field,
                format!(
                    "{what} '{}' sudah dipakai di {}",
                    i.reg_no,
                    earlier(i.other, first)
                ),
                true,
            ));
        }
        if let Some(nik) = &i.nik
            && let Some(first) = niks.insert(nik.as_str(), (i.other, i.line))
        {
            niks.insert(nik.as_str(), first);
            let whom = if first.0 { "pemilih lain" } else { "WBP" };
            problems.push(at(
                "W0303",
                "nik",
                format!(
                    "NIK ini juga tercatat pada {whom} di {}",
                    earlier(i.other, first)
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
                    format!(
                        "provinsi '{}' dari kode '{code}' tidak dikenal",
                        code.province()
                    ),
                    true,
                )),
                Region::UnknownKabKota => problems.push(at(
                    "W0301",
                    "kode_wilayah_ktp",
                    format!(
                        "kab/kota '{}' tidak ada di tabel referensi provinsinya",
                        code.kabkota().unwrap_or_default()
                    ),
                    false,
                )),
                Region::UnknownKecamatan => problems.push(at(
                    "W0302",
                    "kode_wilayah_ktp",
                    format!("kecamatan '{code}' tidak ada di tabel referensi kab/kotanya"),
                    false,
                )),
            }
            if code.level() < RegionLevel::Kecamatan
                && own_province.as_deref() == Some(code.province())
            {
                problems.push(at(
                    "W0307",
                    "kode_wilayah_ktp",
                    format!(
                        "kode '{code}' bukan kode kecamatan, padahal alamat KTP satu provinsi dengan UPT"
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
                        format!(
                            "NKK diterbitkan di provinsi {} tetapi alamat KTP (kode_wilayah_ktp {code}) di provinsi {prov}",
                            &nkk[..2]
                        ),
                        true,
                    ));
                }
                if let Some(nik) = i.nik.as_deref().filter(|n| &n[..2] != prov) {
                    problems.push(at(
                        "W0308",
                        "nik",
                        format!(
                            "NIK berawalan provinsi {} tetapi alamat KTP (kode_wilayah_ktp {code}) di provinsi {prov}",
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
                    format!(
                        "tanggal_lahir {} setelah tanggal_data {}",
                        i.birth_date, info.data_date
                    ),
                    true,
                ));
            } else if let Some(rules) = x.rules.filter(|_| !i.other) {
                let age = age_on(i.birth_date, info.data_date);
                if info.kind != FacilityKind::Lpka && age < rules.pemisahan.usia_anak {
                    problems.push(at(
                        "W0306",
                        "tanggal_lahir",
                        format!(
                            "WBP berusia {age} tahun pada tanggal_data, di UPT berjenis {}",
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
                    format!("tanggal_bebas {r} sebelum tanggal_data {}", info.data_date),
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
                    format!("'{}' adalah simpul berjenis {k}, bukan blok", i.block),
                    true,
                )),
                None => problems.push(at(
                    "E0306",
                    "blok",
                    format!("blok '{}' tidak ada di layout/nodes.csv", i.block),
                    true,
                )),
            }
        }
    }
    for (block, [men, women]) in sexes {
        if !men.is_empty() && !women.is_empty() {
            let (fewer, label) = if women.len() <= men.len() {
                (&women, "wanita")
            } else {
                (&men, "pria")
            };
            problems.push(
                Problem::warning(
                    "W0305",
                    x.path,
                    format!(
                        "blok '{block}' berisi {} pria dan {} wanita; baris ini {label} pertama dari kelompok yang lebih kecil",
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

/// `staff.csv` across rows.
pub(crate) fn staff(
    path: &Path,
    staff: &Parsed<Staff>,
    info: Option<&FacilityInfo>,
    problems: &mut Vec<Problem>,
) {
    let mut nips: HashMap<&str, u64> = HashMap::with_capacity(staff.items.len());
    for s in &staff.items {
        if let Some(first) = nips.insert(s.nip.as_str(), s.line) {
            nips.insert(s.nip.as_str(), first);
            problems.push(
                Problem::error(
                    "E0401",
                    path,
                    format!("NIP '{}' sudah dipakai di baris {first}", s.nip),
                )
                .at_line(s.line)
                .field("nip"),
            );
        }
        let nip = s.nip.as_str();
        if nip.len() != 18 || !nip.bytes().all(|b| b.is_ascii_digit()) {
            problems.push(
                Problem::warning("W0401", path, format!("NIP '{nip}' bukan 18 angka"))
                    .at_line(s.line)
                    .field("nip"),
            );
        }
        if s.roles.is_empty() {
            problems.push(
                Problem::warning("W0402", path, format!("petugas '{}' tanpa peran", s.name))
                    .at_line(s.line)
                    .field("peran"),
            );
        }
        if let Some(info) = info
            && s.birth_date > info.data_date
        {
            problems.push(
                Problem::error(
                    "E0403",
                    path,
                    format!(
                        "tanggal_lahir {} setelah tanggal_data {}",
                        s.birth_date, info.data_date
                    ),
                )
                .at_line(s.line)
                .field("tanggal_lahir"),
            );
        }
    }
}

/// A scenario's references against the layout and the staff list (each `None` when
/// its file did not read cleanly, so nothing is checked against it).
pub(crate) fn scenario(
    path: &Path,
    text: &str,
    s: &Scenario,
    nodes: Option<&[Node]>,
    staff: Option<&[Staff]>,
    problems: &mut Vec<Problem>,
) {
    let place = |p: Problem, key: &str, value: &str| {
        let p = p.field(key);
        match value_line(text, key, value) {
            Some(l) => p.at_line(l),
            None => p,
        }
    };
    if let Some(nodes) = nodes {
        let by_id: HashMap<&str, &Node> = nodes.iter().map(|n| (n.id.as_str(), n)).collect();
        for b in &s.locked_blocks {
            let msg = match by_id.get(b.as_str()) {
                Some(n) if n.kind == NodeKind::Blok => continue,
                Some(n) => format!("'{b}' berjenis {}, bukan blok", n.kind),
                None => format!("blok '{b}' tidak ada di layout/nodes.csv"),
            };
            problems.push(place(
                Problem::error("E0502", path, format!("blok_dikunci: {msg}")),
                "blok_dikunci",
                b.as_str(),
            ));
        }
        for site in &s.closed_sites {
            let msg = match by_id.get(site.as_str()) {
                Some(n) if n.is_site() => continue,
                Some(_) => format!("'{site}' bukan calon lokasi TPS (maks_tps 0)"),
                None => format!("lokasi '{site}' tidak ada di layout/nodes.csv"),
            };
            problems.push(place(
                Problem::error("E0503", path, format!("lokasi_ditutup: {msg}")),
                "lokasi_ditutup",
                site.as_str(),
            ));
        }
    }
    if let Some(staff) = staff {
        let nips: std::collections::HashSet<&str> = staff.iter().map(|s| s.nip.as_str()).collect();
        for nip in &s.absent_staff {
            if !nips.contains(nip.as_str()) {
                problems.push(place(
                    Problem::error(
                        "E0504",
                        path,
                        format!("petugas_absen: NIP '{nip}' tidak ada di staff.csv"),
                    ),
                    "petugas_absen",
                    nip.as_str(),
                ));
            }
        }
    }
    if let Some(m) = s.minutes_per_voter
        && !(m.is_finite() && m > 0.0)
    {
        problems.push(place(
            Problem::error(
                "E0505",
                path,
                format!("menit_per_pemilih {m} harus lebih dari 0"),
            ),
            "menit_per_pemilih",
            "",
        ));
    }
}
