//! The facility layout as a graph: nodes of `layout/nodes.csv`, two-way corridors of
//! `layout/paths.csv`, walking minutes from every block to every candidate TPS site
//! (Dijkstra; a search point adds the ruleset's search minutes), and which sites each
//! block may use (the block's zone through `[akses_zona]`, minus the sites a scenario
//! closes). Built once per plan by `optimise`; `verify` deliberately does not use it.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::algo::dijkstra;
use petgraph::graph::{NodeIndex, UnGraph};

use crate::facility::Facility;
use crate::model::{NodeId, NodeKind, Pins, ZoneId};

/// A candidate TPS site that may be used in this scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// Node id.
    pub id: NodeId,
    /// Display name.
    pub name: String,
    /// Security zone the site stands in.
    pub zone: ZoneId,
    /// How many TPS it can host.
    pub max_tps: u32,
    /// Booths per TPS at this site (the node's `bilik`, else the ruleset's).
    pub booths: u32,
}

/// A block (cell block) whose inmates are fetched in waves.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Node id.
    pub id: NodeId,
    /// Display name.
    pub name: String,
    /// Security zone.
    pub zone: ZoneId,
    /// Indices into [`Layout::sites`] this block may use and can reach, ascending.
    pub sites: Vec<usize>,
    /// Candidate sites its zone may use but the scenario closed (for explanations).
    pub closed_sites: Vec<NodeId>,
    /// Candidate sites its zone may use but no path reaches (for explanations).
    pub unreachable_sites: Vec<NodeId>,
}

/// The layout graph with walking minutes.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Corridors: node weight is the node id, edge weight the walking minutes
    /// including the search point's minutes.
    pub graph: UnGraph<NodeId, f64>,
    /// Open candidate sites, in node file order.
    pub sites: Vec<Site>,
    /// Blocks, in node file order; then the place of the other voters (see
    /// [`Layout::others`]); then the clinic (the first `klinik` node), where clinic
    /// voters are visited, when the layout has one (see [`Layout::clinic`]).
    pub blocks: Vec<Block>,
    /// Index into [`Layout::blocks`] of the clinic, which no voter lives in but clinic
    /// voters are visited in; its `sites` are every site a path reaches.
    pub clinic: Option<usize>,
    /// Index into [`Layout::blocks`] of the place of the voters of `pemilih_lain.csv`
    /// ([`NodeId::other_voters`]), present when the facility has any: not a node, it
    /// may use every open site and walks to each in no time (officers on duty go on
    /// their own, without escort).
    pub others: Option<usize>,
    index: BTreeMap<NodeId, NodeIndex>,
    block_index: BTreeMap<NodeId, usize>,
    /// Walking minutes block index x site index (`None`: unreachable).
    walk: Vec<Vec<Option<f64>>>,
}

impl Layout {
    /// Builds the graph and all block-to-site walking minutes.
    pub fn build(facility: &Facility) -> Layout {
        let rules = &facility.rules;
        let mut graph = UnGraph::<NodeId, f64>::default();
        let mut index = BTreeMap::new();
        for n in &facility.nodes {
            let ix = graph.add_node(n.id.clone());
            index.insert(n.id.clone(), ix);
        }
        for p in &facility.paths {
            if let (Some(&a), Some(&b)) = (index.get(&p.from), index.get(&p.to)) {
                let extra = if p.search_point {
                    rules.pengawalan.menit_pemeriksaan
                } else {
                    0.0
                };
                graph.add_edge(a, b, p.minutes + extra);
            }
        }
        let closed: BTreeSet<&NodeId> = facility.scenario.closed_sites.iter().collect();
        let sites: Vec<Site> = facility
            .nodes
            .iter()
            .filter(|n| n.is_site() && !closed.contains(&n.id))
            .map(|n| Site {
                id: n.id.clone(),
                name: n.name.clone(),
                zone: n.zone.clone(),
                max_tps: n.max_tps,
                booths: if n.booths > 0 {
                    n.booths
                } else {
                    rules.tps.bilik
                },
            })
            .collect();
        let mut blocks = Vec::new();
        let mut walk = Vec::new();
        for n in facility.nodes.iter().filter(|n| n.kind == NodeKind::Blok) {
            let start = index[&n.id];
            let dist = dijkstra(&graph, start, None, |e| *e.weight());
            let zones = allowed_zones(facility, &n.zone);
            let mut row = Vec::with_capacity(sites.len());
            let mut usable = Vec::new();
            let mut unreachable = Vec::new();
            for (si, s) in sites.iter().enumerate() {
                let d = dist.get(&index[&s.id]).copied();
                row.push(d);
                if zones.contains(&s.zone) {
                    match d {
                        Some(_) => usable.push(si),
                        None => unreachable.push(s.id.clone()),
                    }
                }
            }
            // Hook (penyesuaian.csv): a block pinned to a site votes there only.
            if let Some(site) = facility.pins.block_site(&n.id) {
                usable.retain(|&si| &sites[si].id == site);
            }
            let closed_sites = facility
                .nodes
                .iter()
                .filter(|c| c.is_site() && closed.contains(&c.id) && zones.contains(&c.zone))
                .map(|c| c.id.clone())
                .collect();
            blocks.push(Block {
                id: n.id.clone(),
                name: n.name.clone(),
                zone: n.zone.clone(),
                sites: usable,
                closed_sites,
                unreachable_sites: unreachable,
            });
            walk.push(row);
        }
        let mut others = None;
        if !facility.others.is_empty() {
            others = Some(blocks.len());
            blocks.push(Block {
                id: NodeId::other_voters(),
                name: "Pemilih lain (petugas)".to_string(),
                zone: ZoneId::from(""),
                sites: (0..sites.len()).collect(),
                closed_sites: Vec::new(),
                unreachable_sites: Vec::new(),
            });
            walk.push(vec![Some(0.0); sites.len()]);
        }
        let block_index = blocks
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id.clone(), i))
            .collect();
        // The clinic: its walks to every site (the voters keep their own block's sites).
        let mut clinic = None;
        if let Some(n) = facility.nodes.iter().find(|n| n.kind == NodeKind::Klinik) {
            let dist = dijkstra(&graph, index[&n.id], None, |e| *e.weight());
            let row: Vec<Option<f64>> = sites
                .iter()
                .map(|s| dist.get(&index[&s.id]).copied())
                .collect();
            clinic = Some(blocks.len());
            blocks.push(Block {
                id: n.id.clone(),
                name: n.name.clone(),
                zone: n.zone.clone(),
                sites: (0..sites.len()).filter(|&i| row[i].is_some()).collect(),
                closed_sites: Vec::new(),
                unreachable_sites: Vec::new(),
            });
            walk.push(row);
        }
        Layout {
            graph,
            sites,
            blocks,
            clinic,
            others,
            index,
            block_index,
            walk,
        }
    }

    /// Index in [`Layout::blocks`] of a place voters are fetched or visited at: a block,
    /// or the clinic.
    pub fn place_index(&self, id: &NodeId) -> Option<usize> {
        self.block_index(id)
            .or_else(|| self.clinic.filter(|&c| &self.blocks[c].id == id))
    }

    /// Index of a block in [`Layout::blocks`].
    pub fn block_index(&self, id: &NodeId) -> Option<usize> {
        self.block_index.get(id).copied()
    }

    /// Index of an open site in [`Layout::sites`].
    pub fn site_index(&self, id: &NodeId) -> Option<usize> {
        self.sites.iter().position(|s| &s.id == id)
    }

    /// Walking minutes (search points included) from block `b` to site `s`, by index.
    pub fn walk(&self, b: usize, s: usize) -> Option<f64> {
        self.walk.get(b).and_then(|r| r.get(s)).copied().flatten()
    }

    /// Whether the node exists in the graph.
    pub fn has_node(&self, id: &NodeId) -> bool {
        self.index.contains_key(id)
    }
}

/// The zones whose sites blocks of `zone` may use.
pub fn allowed_zones(facility: &Facility, zone: &ZoneId) -> BTreeSet<ZoneId> {
    match facility.info.zone_access.get(zone) {
        Some(list) => list.iter().cloned().collect(),
        None => std::iter::once(zone.clone()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::FacilityBuilder;

    #[test]
    fn walking_minutes_take_the_shortest_path_and_add_search_points() {
        let (f, _) = FacilityBuilder::new("x")
            .block("b1", "umum")
            .site("aula", "umum", 1, 4)
            .site("lapangan", "dalam", 1, 4)
            .node("lorong", NodeKind::Lorong, "umum", 0, 0)
            .path("b1", "lorong", 2.0, false)
            .path("lorong", "aula", 3.0, true)
            .path("b1", "aula", 9.0, false)
            .path("lorong", "lapangan", 1.0, false)
            .build();
        let l = Layout::build(&f);
        let b = l.block_index(&"b1".into()).unwrap();
        let aula = l.site_index(&"aula".into()).unwrap();
        // 2 + 3 + 3 search minutes = 8 < 9 direct.
        assert_eq!(l.walk(b, aula), Some(8.0));
        // The other zone's site is reachable but not allowed without [akses_zona].
        assert_eq!(l.blocks[b].sites, vec![aula]);
    }

    #[test]
    fn zone_access_widens_the_sites_and_closed_sites_are_left_out() {
        let (f, _) = FacilityBuilder::new("x")
            .block("b1", "umum")
            .site("aula", "umum", 1, 4)
            .site("lapangan", "dalam", 1, 4)
            .site("jauh", "dalam", 1, 4)
            .path("b1", "aula", 2.0, false)
            .path("b1", "lapangan", 2.0, false)
            .zone_access("umum", &["umum", "dalam"])
            .close_site("aula")
            .build();
        let l = Layout::build(&f);
        assert_eq!(l.sites.len(), 2);
        let b = &l.blocks[0];
        assert_eq!(b.sites, vec![0]);
        assert_eq!(b.closed_sites, vec![NodeId::from("aula")]);
        assert_eq!(b.unreachable_sites, vec![NodeId::from("jauh")]);
    }
}
