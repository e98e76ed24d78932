//! Walking times and the windows of voters, recomputed here from the layout (a plain
//! Dijkstra over `facility.paths`) so a mistake in the optimiser's layout cannot hide.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap};

use crate::facility::Facility;
use crate::model::{Category, Clock, NodeId, Voter};

#[derive(PartialEq)]
struct Entry(f64, usize);
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        other.0.total_cmp(&self.0).then(other.1.cmp(&self.1))
    }
}

/// Where a voter is on the day: the clinic (`clinic`, the layout's first `klinik`
/// node) for a clinic voter served by a visit, when there is one; else the voter's block.
pub(super) fn place_of<'a>(
    facility: &Facility,
    clinic: Option<&'a NodeId>,
    v: &'a Voter,
) -> &'a NodeId {
    match clinic {
        Some(c) if v.clinic && mobile(facility, v) => c,
        _ => &v.block,
    }
}

/// Shortest walking minutes from `from` to every node (search points included).
pub(super) fn walking_minutes(facility: &Facility, from: &NodeId) -> BTreeMap<NodeId, f64> {
    let ids: Vec<&NodeId> = facility.nodes.iter().map(|n| &n.id).collect();
    let index: BTreeMap<&NodeId, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); ids.len()];
    let search = facility.rules.pengawalan.menit_pemeriksaan;
    for p in &facility.paths {
        if let (Some(&a), Some(&b)) = (index.get(&p.from), index.get(&p.to)) {
            let m = p.minutes + if p.search_point { search } else { 0.0 };
            adj[a].push((b, m));
            adj[b].push((a, m));
        }
    }
    if from.is_other_voters() {
        // Officers on duty go to the TPS on their own: no walk is scheduled.
        return ids.into_iter().map(|id| (id.clone(), 0.0)).collect();
    }
    let mut dist = vec![f64::INFINITY; ids.len()];
    let mut out = BTreeMap::new();
    let Some(&s) = index.get(from) else {
        return out;
    };
    dist[s] = 0.0;
    let mut heap = BinaryHeap::new();
    heap.push(Entry(0.0, s));
    while let Some(Entry(d, u)) = heap.pop() {
        if d > dist[u] {
            continue;
        }
        for &(v, w) in &adj[u] {
            if d + w < dist[v] {
                dist[v] = d + w;
                heap.push(Entry(d + w, v));
            }
        }
    }
    for (i, d) in dist.into_iter().enumerate() {
        if d.is_finite() {
            out.insert(ids[i].clone(), d);
        }
    }
    out
}

pub(super) fn mobile(facility: &Facility, v: &Voter) -> bool {
    v.mobile || facility.scenario.locked_blocks.contains(&v.block)
}

pub(super) fn window(facility: &Facility, v: &Voter) -> (Clock, Clock) {
    let j = &facility.rules.jendela;
    let w = match v.category {
        Category::Dpt => j.dpt,
        Category::Dptb => j.dptb,
        Category::Dpk => j.dpk,
    };
    // Clinic visits only inside the visit window; other visits (locked blocks,
    // high-risk cells) and walks inside the voter's own list window.
    let (from, until) = if mobile(facility, v) && v.clinic {
        (
            w.mulai.max(j.kunjungan.mulai),
            w.selesai.min(j.kunjungan.selesai),
        )
    } else {
        (w.mulai, w.selesai)
    };
    (from, until.min(facility.rules.last_voting_minute()))
}
