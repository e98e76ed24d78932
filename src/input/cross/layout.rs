//! The layout (`layout/nodes.csv`, `layout/paths.csv`) on its own and against the
//! roster: ids, kinds, zones, sites and booths, and that every block reaches a site.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::usable_zones;
use crate::diagnostics::Problem;
use crate::input::rows::Parsed;
use crate::lang::{Text, text};
use crate::model::{FacilityInfo, Inmate, Node, NodeKind, PathEdge, Scenario};

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
