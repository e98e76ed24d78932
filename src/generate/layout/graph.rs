//! The layout graph of a generated UPT: nodes at metre coordinates, lorong corridors
//! on a grid, each housing group behind its gate and search point, paths with walking
//! minutes, and the zone access table.

use std::collections::BTreeMap;

use super::blocks::*;
use super::sites::*;
use crate::generate::presets::UptSpec;
use crate::model::{FacilityKind, NodeKind};

/// A node row of `layout/nodes.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeRow {
    /// `id`.
    pub id: String,
    /// `jenis`.
    pub kind: NodeKind,
    /// `nama`.
    pub name: String,
    /// `x`, metres.
    pub x: i32,
    /// `y`, metres.
    pub y: i32,
    /// `zona`.
    pub zone: String,
    /// `maks_tps`.
    pub max_tps: u32,
    /// `bilik`.
    pub booths: u32,
    /// `kapasitas_tunggu`.
    pub waiting: u32,
}

/// A path row of `layout/paths.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct PathRow {
    /// `dari`.
    pub from: String,
    /// `ke`.
    pub to: String,
    /// `menit`.
    pub minutes: f64,
    /// `pemeriksaan`.
    pub search: bool,
}

/// The layout graph with its zone access table.
#[derive(Debug, Clone, Default)]
pub struct LayoutRows {
    /// Nodes in file order.
    pub nodes: Vec<NodeRow>,
    /// Paths in file order.
    pub paths: Vec<PathRow>,
    /// `[akses_zona]`: block zone -> zones whose sites it may use.
    pub zone_access: BTreeMap<String, Vec<String>>,
    /// Gates with a search point on the way from housing to the sites.
    pub search_gates: u32,
}

/// One housing group of the map: a zone's blocks behind one gate.
pub(super) struct Group {
    pub(super) key: &'static str,
    pub(super) label: &'static str,
    pub(super) zone: &'static str,
    pub(super) blocks: Vec<usize>,
    pub(super) sites: Vec<SiteTemplate>,
}

pub(super) fn minutes(a: &NodeRow, b: &NodeRow) -> f64 {
    let d = f64::from((a.x - b.x).pow(2) + (a.y - b.y).pow(2)).sqrt();
    ((d / WALK_METRES_PER_MINUTE * 2.0).round() / 2.0).max(0.5)
}

pub(super) struct Builder {
    pub(super) nodes: Vec<NodeRow>,
    pub(super) index: BTreeMap<String, usize>,
    pub(super) paths: Vec<PathRow>,
}

impl Builder {
    fn node(&mut self, id: &str, kind: NodeKind, name: &str, x: i32, y: i32, zone: &str) {
        self.index.insert(id.to_string(), self.nodes.len());
        self.nodes.push(NodeRow {
            id: id.to_string(),
            kind,
            name: name.to_string(),
            x,
            y,
            zone: zone.to_string(),
            max_tps: 0,
            booths: 0,
            waiting: 0,
        });
    }

    fn path(&mut self, from: &str, to: &str, search: bool) {
        let (Some(&a), Some(&b)) = (self.index.get(from), self.index.get(to)) else {
            return;
        };
        let m = minutes(&self.nodes[a], &self.nodes[b]);
        self.paths.push(PathRow {
            from: from.to_string(),
            to: to.to_string(),
            minutes: m,
            search,
        });
    }
}

pub(super) const SPINE: i32 = 140;
pub(super) const ROW: i32 = 55;
pub(super) const BASE_Y: i32 = 130;
pub(super) const GATE_Y: i32 = 90;
pub(super) const CORRIDOR_Y: i32 = 40;

/// Places a housing group from `x0`; returns the gate id, its x and the right edge.
pub(super) fn place_group(
    b: &mut Builder,
    g: &Group,
    plans: &[BlockPlan],
    x0: i32,
) -> (String, i32, i32) {
    let n = g.blocks.len().max(1);
    let spines = n.div_ceil(10).max(1);
    let rows = n.div_ceil(2 * spines).max(1);
    let xs = |s: usize| x0 + 45 + SPINE * s as i32;
    let mut top_row = vec![0usize; spines];
    for (k, &bi) in g.blocks.iter().enumerate() {
        let s = k / (2 * rows);
        let j = k % (2 * rows);
        top_row[s] = top_row[s].max(j / 2 + 1);
        let _ = bi;
    }
    let lorong = |s: usize, r: usize| format!("lorong-{}-{}-{}", g.key, s + 1, r);
    for (s, top) in top_row.iter().enumerate() {
        let rows_here = (*top).max(1);
        for r in 0..=rows_here {
            let name = if r == 0 {
                format!("Lorong {} {}", g.label, s + 1)
            } else {
                format!("Lorong {} {}.{}", g.label, s + 1, r)
            };
            b.node(
                &lorong(s, r),
                NodeKind::Lorong,
                &name,
                xs(s),
                BASE_Y + ROW * r as i32,
                g.zone,
            );
            if r > 0 {
                b.path(&lorong(s, r - 1), &lorong(s, r), false);
            }
        }
        if s > 0 {
            b.path(&lorong(s - 1, 0), &lorong(s, 0), false);
        }
    }
    for (k, &bi) in g.blocks.iter().enumerate() {
        let s = k / (2 * rows);
        let j = k % (2 * rows);
        let r = j / 2 + 1;
        let dx = if j.is_multiple_of(2) { -40 } else { 40 };
        let p = &plans[bi];
        b.node(
            &p.id,
            NodeKind::Blok,
            &p.name,
            xs(s) + dx,
            BASE_Y + ROW * r as i32,
            p.zone,
        );
        b.path(&p.id, &lorong(s, r), false);
    }
    let mut stack_top: Vec<String> = (0..spines).map(|s| lorong(s, top_row[s].max(1))).collect();
    let mut stack_level = vec![0i32; spines];
    for (i, site) in g.sites.iter().enumerate() {
        let s = i % spines;
        stack_level[s] += 1;
        let y = BASE_Y + ROW * top_row[s].max(1) as i32 + 60 * stack_level[s];
        b.node(&site.id, site.kind, &site.name, xs(s), y, g.zone);
        let below = stack_top[s].clone();
        b.path(&site.id, &below, false);
        stack_top[s] = site.id.clone();
    }
    let mid = (spines - 1) / 2;
    let gate_x = xs(mid);
    let gate = format!("pintu-{}", g.key);
    b.node(
        &gate,
        NodeKind::Pintu,
        &format!("Pintu {}", g.label),
        gate_x,
        GATE_Y,
        g.zone,
    );
    b.path(&gate, &lorong(mid, 0), true);
    (gate, gate_x, xs(spines - 1) + 85)
}

/// Builds the layout graph of a UPT from its block plan and site count.
pub fn build(spec: &UptSpec, plans: &[BlockPlan], booths: u32) -> LayoutRows {
    let region = spec.region_code().ok();
    let province = region
        .as_ref()
        .map(|r| r.province().to_string())
        .unwrap_or_default();
    let kabkota = region
        .as_ref()
        .and_then(|r| r.kabkota().map(str::to_string))
        .unwrap_or_default();
    let christian = christian_majority(&province, &kabkota);

    let of_zone = |zone: &str| -> Vec<usize> {
        plans
            .iter()
            .enumerate()
            .filter(|(_, p)| p.zone == zone)
            .map(|(i, _)| i)
            .collect()
    };
    let women_separate =
        spec.kind != FacilityKind::Lpp && plans.iter().any(|p| p.zone == ZONE_WOMEN);
    let total_sites = spec.sites.max(1) as usize;
    let shared_sites = total_sites - usize::from(women_separate);
    let housing_count = if shared_sites >= 6 {
        (shared_sites / 3).min(4)
    } else {
        0
    };
    let general_count = (shared_sites - housing_count).max(1);

    let (main_key, main_label, main_zone) = match spec.kind {
        FacilityKind::Lpka => ("anak", "Anak", ZONE_JUVENILE),
        FacilityKind::Lpp => ("wanita", "Wanita", ZONE_WOMEN),
        _ => ("pria", "Pria", ZONE_MEN),
    };
    let mut groups: Vec<Group> = Vec::new();
    let max_blocks = of_zone(ZONE_MAX);
    if !max_blocks.is_empty() {
        groups.push(Group {
            key: "maks",
            label: "Maksimum",
            zone: ZONE_MAX,
            blocks: max_blocks,
            sites: Vec::new(),
        });
    }
    groups.push(Group {
        key: main_key,
        label: main_label,
        zone: main_zone,
        blocks: of_zone(main_zone),
        sites: housing_sites(housing_count, main_key, &format!("Blok {main_label}")),
    });
    if spec.kind == FacilityKind::Lpka {
        groups.push(Group {
            key: "pemuda",
            label: "Pemuda",
            zone: ZONE_YOUTH,
            blocks: of_zone(ZONE_YOUTH),
            sites: Vec::new(),
        });
    }
    if women_separate {
        groups.push(Group {
            key: "wanita",
            label: "Wanita",
            zone: ZONE_WOMEN,
            blocks: of_zone(ZONE_WOMEN),
            sites: vec![SiteTemplate {
                id: "aula-wanita".into(),
                kind: NodeKind::Aula,
                name: "Aula Blok Wanita".into(),
                weight: 1,
                waiting: 40,
            }],
        });
    }

    let mut b = Builder {
        nodes: Vec::new(),
        index: BTreeMap::new(),
        paths: Vec::new(),
    };
    let mut x = 0;
    let mut gates: Vec<(String, i32)> = Vec::new();
    let mut zone_access = BTreeMap::new();
    for g in &groups {
        if g.blocks.is_empty() {
            continue;
        }
        let (gate, gx, right) = place_group(&mut b, g, plans, x);
        gates.push((gate, gx));
        x = right + 40;
        let access = if g.zone == ZONE_WOMEN && women_separate {
            vec![ZONE_WOMEN.to_string()]
        } else {
            vec![g.zone.to_string(), ZONE_GENERAL.to_string()]
        };
        zone_access.insert(g.zone.to_string(), access);
    }
    let search_gates = gates.len() as u32;

    // The main corridor: a node under every gate and fillers every 80 m, each with a
    // slot below it for a general-zone node.
    let sites = general_sites(general_count, christian);
    let below_count = sites.len() + 2; // + office + clinic
    let mut xs: Vec<i32> = gates.iter().map(|(_, gx)| *gx).collect();
    let right_end = x.max(80);
    let mut fx = 0;
    while fx <= right_end {
        if xs.iter().all(|g| (g - fx).abs() >= 50) {
            xs.push(fx);
        }
        fx += 80;
    }
    xs.sort_unstable();
    while xs.len() < below_count {
        let last = xs.last().copied().unwrap_or(0);
        xs.push(last + 80);
    }
    let corridor: Vec<String> = (0..xs.len())
        .map(|i| format!("lorong-utama-{}", i + 1))
        .collect();
    for (i, cx) in xs.iter().enumerate() {
        b.node(
            &corridor[i],
            NodeKind::Lorong,
            &format!("Lorong Utama {}", i + 1),
            *cx,
            CORRIDOR_Y,
            ZONE_GENERAL,
        );
        if i > 0 {
            b.path(&corridor[i - 1], &corridor[i], false);
        }
    }
    for (gate, gx) in &gates {
        if let Some(i) = xs.iter().position(|x| x == gx) {
            b.path(gate, &corridor[i], false);
        }
    }
    // Office in the middle slot with the main gate below it; sites and clinic around it.
    let office_slot = xs.len() / 2;
    let mut order: Vec<usize> = (0..xs.len()).filter(|&i| i != office_slot).collect();
    order.sort_by_key(|&i| ((i as i64 - office_slot as i64).abs(), i));
    let ox = xs[office_slot];
    b.node(
        "kantor",
        NodeKind::Kantor,
        "Kantor dan P2U",
        ox,
        0,
        ZONE_GENERAL,
    );
    b.path("kantor", &corridor[office_slot], false);
    b.node(
        "pintu-utama",
        NodeKind::Pintu,
        "Pintu Utama",
        ox,
        -50,
        ZONE_GENERAL,
    );
    b.path("pintu-utama", "kantor", true);
    let mut slots = order.into_iter();
    for site in &sites {
        if let Some(i) = slots.next() {
            b.node(&site.id, site.kind, &site.name, xs[i], 0, ZONE_GENERAL);
            b.path(&site.id, &corridor[i], false);
        }
    }
    if let Some(i) = slots.next() {
        b.node(
            "klinik",
            NodeKind::Klinik,
            "Klinik Pratama",
            xs[i],
            0,
            ZONE_GENERAL,
        );
        b.path("klinik", &corridor[i], false);
    }

    // Site attributes: booths from the ruleset, waiting room, weight kept for capacity.
    let mut weights: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for g in &groups {
        for s in &g.sites {
            weights.insert(s.id.clone(), (s.weight, s.waiting));
        }
    }
    for s in &sites {
        weights.insert(s.id.clone(), (s.weight, s.waiting));
    }
    for n in &mut b.nodes {
        if let Some((w, waiting)) = weights.get(&n.id) {
            n.booths = booths;
            n.waiting = *waiting;
            // Temporarily hold the weight; assign_capacity replaces it.
            n.max_tps = *w;
        }
    }
    LayoutRows {
        nodes: b.nodes,
        paths: b.paths,
        zone_access,
        search_gates,
    }
}

impl LayoutRows {
    /// Candidate sites a block zone may use, in node order.
    pub fn sites_for_zone(&self, zone: &str) -> Vec<usize> {
        let own = vec![zone.to_string()];
        let access = self.zone_access.get(zone).unwrap_or(&own);
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.booths > 0 && access.contains(&n.zone))
            .map(|(i, _)| i)
            .collect()
    }

    /// Sets `maks_tps` so that each pool of sites holds the TPS its voters need.
    /// `demand` lists, per pool (the zones sharing those sites), the TPS needed; a site
    /// gets at least one TPS and the rest by its weight, with half again as margin (at
    /// least one TPS more than needed, so one closed site does not stop the day).
    pub fn assign_capacity(&mut self, demand: &[(Vec<&str>, u32)]) {
        let weights: Vec<u32> = self.nodes.iter().map(|n| n.max_tps).collect();
        let mut tps = vec![0u32; self.nodes.len()];
        for (zones, need) in demand {
            let mut pool: Vec<usize> = zones.iter().flat_map(|z| self.sites_for_zone(z)).collect();
            pool.sort_unstable();
            pool.dedup();
            if pool.is_empty() {
                continue;
            }
            let want = ((f64::from(*need) * 1.5).ceil() as u32).max(need + 1);
            let already: u32 = pool.iter().map(|&i| tps[i]).sum();
            let mut extra = want.saturating_sub(already);
            for &i in &pool {
                if tps[i] == 0 {
                    tps[i] = 1;
                    extra = extra.saturating_sub(1);
                }
            }
            let w: Vec<f64> = pool.iter().map(|&i| f64::from(weights[i].max(1))).collect();
            for (k, add) in split(extra, &w).into_iter().enumerate() {
                tps[pool[k]] += add;
            }
        }
        for (n, t) in self.nodes.iter_mut().zip(tps) {
            if n.booths > 0 {
                n.max_tps = t.max(1);
                n.waiting = n.waiting.max(25 * n.max_tps);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_minutes_follow_distance_in_half_minutes() {
        let n = |x, y| NodeRow {
            id: String::new(),
            kind: NodeKind::Lorong,
            name: String::new(),
            x,
            y,
            zone: String::new(),
            max_tps: 0,
            booths: 0,
            waiting: 0,
        };
        assert_eq!(minutes(&n(0, 0), &n(100, 0)), 2.0);
        assert_eq!(minutes(&n(0, 0), &n(10, 0)), 0.5);
        assert_eq!(minutes(&n(0, 0), &n(0, 55)), 1.0);
    }
}
