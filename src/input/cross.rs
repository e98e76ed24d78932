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
use crate::lang::{Text, text};
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
                    text!(
                        "id simpul '{}' sudah dipakai di baris {}",
                        "node id '{}' is already used on line {}",
                        n.id,
                        l.nodes.items[first].line
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
                    text!(
                        "lokasi '{}' dapat menampung {} TPS tetapi bilik 0",
                        "site '{}' can hold {} TPS but bilik is 0",
                        n.id,
                        n.max_tps
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
                    text!(
                        "lokasi '{}' tidak punya ruang tunggu (kapasitas_tunggu 0)",
                        "site '{}' has no waiting room (kapasitas_tunggu 0)",
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
                Problem::error(
                    "E0206",
                    l.nodes_path,
                    text!(
                        "layout tidak memuat satu pun blok",
                        "the layout holds no block"
                    ),
                )
                .field("jenis"),
            );
        }
        if !l.nodes.items.iter().any(Node::is_site) {
            problems.push(
                Problem::error(
                    "E0207",
                    l.nodes_path,
                    text!(
                        "layout tidak memuat calon lokasi TPS (maks_tps > 0)",
                        "the layout holds no candidate TPS site (maks_tps > 0)"
                    ),
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
                            text!(
                                "simpul '{id}' tidak ada di layout/nodes.csv",
                                "node '{id}' is not in layout/nodes.csv"
                            ),
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
                    text!(
                        "jalur dari '{}' ke dirinya sendiri",
                        "path from '{}' to itself",
                        p.from
                    ),
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
                    text!(
                        "jalur {}-{} sudah ada di baris {first} (jalur berlaku dua arah)",
                        "path {}-{} is already on line {first} (paths work both ways)",
                        p.from,
                        p.to
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
                        text!(
                            "blok '{}' tidak berisi WBP di inmates.csv",
                            "block '{}' holds no inmates in inmates.csv",
                            n.id
                        ),
                    )
                    .at_line(n.line)
                    .field("id"),
                );
            }
        }
    }
}

/// What E0205 adds when the scenario closed sites (Indonesian, English).
pub(crate) const CLOSED_NOTE: (&str, &str) = (
    " (lokasi yang ditutup skenario tidak dihitung)",
    " (sites the scenario closes are not counted)",
);

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
                text!(
                    "tidak ada jalur di layout/paths.csv ke calon lokasi mana pun",
                    "no path in layout/paths.csv leads to any candidate site"
                )
            } else {
                text!(
                    "tidak ada calon lokasi TPS (maks_tps > 0) di zona yang boleh dipakai",
                    "no candidate TPS site (maks_tps > 0) in the zones it may use"
                )
            };
            let closed_note = if l.scenario.is_some_and(|s| !s.closed_sites.is_empty()) {
                Text::new(CLOSED_NOTE.0, CLOSED_NOTE.1)
            } else {
                Text::default()
            };
            let (why_id, why_en, note_id, note_en) =
                (why.id, why.en, closed_note.id, closed_note.en);
            problems.push(
                Problem::error(
                    "E0205",
                    l.nodes_path,
                    text!(
                        "blok '{}' (zona {zone}, boleh memakai lokasi di zona {}): {why_id}{note_id}",
                        "block '{}' (zone {zone}, may use sites in zone(s) {}): {why_en}{note_en}",
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
                    text!(
                        "lokasi '{}' di zona '{}' tidak boleh dipakai blok mana pun",
                        "site '{}' in zone '{}' may not be used by any block",
                        n.id,
                        n.zone
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
                    text!(
                        "NIP '{}' sudah dipakai di baris {first}",
                        "NIP '{}' is already used on line {first}",
                        s.nip
                    ),
                )
                .at_line(s.line)
                .field("nip"),
            );
        }
        let nip = s.nip.as_str();
        if nip.len() != 18 || !nip.bytes().all(|b| b.is_ascii_digit()) {
            problems.push(
                Problem::warning(
                    "W0401",
                    path,
                    text!("NIP '{nip}' bukan 18 angka", "NIP '{nip}' is not 18 digits"),
                )
                .at_line(s.line)
                .field("nip"),
            );
        }
        if s.roles.is_empty() {
            problems.push(
                Problem::warning(
                    "W0402",
                    path,
                    text!(
                        "petugas '{}' tanpa peran",
                        "officer '{}' has no role",
                        s.name
                    ),
                )
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
                    text!(
                        "tanggal_lahir {} setelah tanggal_data {}",
                        "tanggal_lahir {} is after tanggal_data {}",
                        s.birth_date,
                        info.data_date
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
                Some(n) => text!(
                    "'{b}' berjenis {}, bukan blok",
                    "'{b}' is of kind {}, not blok",
                    n.kind
                ),
                None => text!(
                    "blok '{b}' tidak ada di layout/nodes.csv",
                    "block '{b}' is not in layout/nodes.csv"
                ),
            };
            let msg = msg.map(|_, m| format!("blok_dikunci: {m}"));
            problems.push(place(
                Problem::error("E0502", path, msg),
                "blok_dikunci",
                b.as_str(),
            ));
        }
        for site in &s.closed_sites {
            let msg = match by_id.get(site.as_str()) {
                Some(n) if n.is_site() => continue,
                Some(_) => text!(
                    "'{site}' bukan calon lokasi TPS (maks_tps 0)",
                    "'{site}' is not a candidate TPS site (maks_tps 0)"
                ),
                None => text!(
                    "lokasi '{site}' tidak ada di layout/nodes.csv",
                    "site '{site}' is not in layout/nodes.csv"
                ),
            };
            let msg = msg.map(|_, m| format!("lokasi_ditutup: {m}"));
            problems.push(place(
                Problem::error("E0503", path, msg),
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
                        text!(
                            "petugas_absen: NIP '{nip}' tidak ada di staff.csv",
                            "petugas_absen: NIP '{nip}' is not in staff.csv"
                        ),
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
                text!(
                    "menit_per_pemilih {m} harus lebih dari 0",
                    "menit_per_pemilih {m} must be more than 0"
                ),
            ),
            "menit_per_pemilih",
            "",
        ));
    }
}
