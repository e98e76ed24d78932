//! The block plan and the layout graph of a generated UPT: blocks grouped in security
//! zones (`hunian_pria`, `hunian_wanita`, `maksimum`, `hunian_anak`, `hunian_pemuda`),
//! each group behind its own gate with a search point, lorong corridors on a grid, an
//! `umum` zone along the main corridor with the halls, fields, places of worship, the
//! clinic and the office, and the main gate. Coordinates are metres on a grid that
//! keeps nodes apart; walk minutes follow the distances at an escorted walking pace.
//!
//! Site capacities (`maks_tps`) are set after the roster is known
//! ([`LayoutRows::assign_capacity`]) so every class of voters that may not share a TPS has
//! room for its TPS with a margin.

use std::collections::BTreeMap;

use rand::Rng;

use super::presets::UptSpec;
use crate::model::{FacilityKind, NodeKind};

/// Metres an escorted group walks per minute (about 3 km/h).
const WALK_METRES_PER_MINUTE: f64 = 50.0;

/// Zone of men's housing.
pub const ZONE_MEN: &str = "hunian_pria";
/// Zone of women's housing.
pub const ZONE_WOMEN: &str = "hunian_wanita";
/// Zone of the maximum-security blocks.
pub const ZONE_MAX: &str = "maksimum";
/// Zone of juveniles' housing (LPKA).
pub const ZONE_JUVENILE: &str = "hunian_anak";
/// Zone of young adults' housing (LPKA, 18 and older).
pub const ZONE_YOUTH: &str = "hunian_pemuda";
/// The general zone: halls, fields, worship, clinic, office.
pub const ZONE_GENERAL: &str = "umum";

/// Who lives in a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BlockClass {
    /// Adult men.
    Men,
    /// Adult women.
    Women,
    /// High-risk inmates (maximum / tinggi).
    Maximum,
    /// Juveniles under 18 (LPKA).
    Juvenile,
    /// Young adults 18 and older (LPKA).
    Youth,
}

/// One block of the plan.
#[derive(Debug, Clone)]
pub struct BlockPlan {
    /// Node id (`blok-a`).
    pub id: String,
    /// Display name (`Blok A`).
    pub name: String,
    /// Security zone.
    pub zone: &'static str,
    /// Who lives there.
    pub class: BlockClass,
    /// Inmates living there.
    pub occupants: u32,
    /// Design capacity (the UPT is about twice over it).
    pub design: u32,
    /// Number of cells.
    pub cells: u32,
    /// Prefix of cell labels (`A` gives `A-01`).
    pub cell_prefix: String,
    /// New arrivals' block (Mapenaling): most came after the DPT cut-off.
    pub new_arrivals: bool,
}

/// Splits `total` into parts proportional to `weights`, exactly.
fn split(total: u32, weights: &[f64]) -> Vec<u32> {
    let sum: f64 = weights.iter().sum();
    if weights.is_empty() || sum <= 0.0 {
        return vec![0; weights.len()];
    }
    let raw: Vec<f64> = weights.iter().map(|w| total as f64 * w / sum).collect();
    let mut parts: Vec<u32> = raw.iter().map(|r| r.floor() as u32).collect();
    let mut left = total - parts.iter().sum::<u32>();
    let mut order: Vec<usize> = (0..raw.len()).collect();
    order.sort_by(|&a, &b| {
        let fa = raw[a] - raw[a].floor();
        let fb = raw[b] - raw[b].floor();
        fb.total_cmp(&fa).then(a.cmp(&b))
    });
    for i in order.into_iter().cycle() {
        if left == 0 {
            break;
        }
        parts[i] += 1;
        left -= 1;
    }
    parts
}

fn letters(i: usize) -> String {
    let a = b'A' + (i % 26) as u8;
    if i < 26 {
        (a as char).to_string()
    } else {
        format!("{}{}", (b'A' + (i / 26 - 1) as u8) as char, a as char)
    }
}

const FLOWERS: &[&str] = &[
    "Anggrek",
    "Melati",
    "Mawar",
    "Kenanga",
    "Dahlia",
    "Teratai",
    "Cempaka",
    "Flamboyan",
    "Bougenville",
    "Kamboja",
    "Tulip",
    "Lili",
];

/// Decides the blocks of a UPT and how many inmates each holds.
pub fn plan_blocks<R: Rng>(spec: &UptSpec, rng: &mut R) -> Vec<BlockPlan> {
    let total = spec.inmates.max(1);
    let n = spec.blocks.max(2) as usize;
    let women_total = (total as f64 * spec.women_share).round() as u32;
    let max_blocks = if spec.high_risk {
        1 + usize::from(total >= 2500)
    } else {
        0
    };
    let max_total = if max_blocks > 0 {
        ((total as f64 * 0.015).round() as u32).clamp(3, 80)
    } else {
        0
    };
    let mut groups: Vec<(BlockClass, usize, u32)> = Vec::new();
    match spec.kind {
        FacilityKind::Lpka => {
            let youth_blocks = (n / 3).max(1);
            let youth = (total as f64 * 0.3).round() as u32;
            groups.push((BlockClass::Juvenile, n - youth_blocks, total - youth));
            groups.push((BlockClass::Youth, youth_blocks, youth));
        }
        FacilityKind::Lpp => {
            groups.push((
                BlockClass::Women,
                n.saturating_sub(max_blocks).max(1),
                total - max_total,
            ));
            if max_blocks > 0 {
                groups.push((BlockClass::Maximum, max_blocks, max_total));
            }
        }
        _ => {
            let women_blocks = if women_total > 0 {
                (women_total as usize).div_ceil(90).clamp(1, 3)
            } else {
                0
            };
            let men_blocks = n.saturating_sub(women_blocks + max_blocks).max(1);
            groups.push((BlockClass::Men, men_blocks, total - women_total - max_total));
            if women_blocks > 0 {
                groups.push((BlockClass::Women, women_blocks, women_total));
            }
            if max_blocks > 0 {
                groups.push((BlockClass::Maximum, max_blocks, max_total));
            }
        }
    }
    let mut blocks = Vec::new();
    for (class, count, people) in groups {
        // The new arrivals' block (last of the men's blocks) is the smallest.
        let design_weights: Vec<f64> = (0..count)
            .map(|i| {
                let mapenaling = class == BlockClass::Men && count >= 4 && i == count - 1;
                let units = if mapenaling {
                    rng.gen_range(3..=6)
                } else {
                    rng.gen_range(6..=18)
                };
                f64::from(units * 5)
            })
            .collect();
        let occupants = split(people, &design_weights);
        for (i, occ) in occupants.into_iter().enumerate() {
            let ratio = match class {
                BlockClass::Maximum => rng.gen_range(1.1..1.5),
                _ => rng.gen_range(1.7..2.4),
            };
            let design = ((f64::from(occ) / ratio).round() as u32).max(1);
            let per_cell = match class {
                BlockClass::Maximum => 1,
                BlockClass::Juvenile | BlockClass::Youth => 4,
                _ => rng.gen_range(5..=10),
            };
            let cells = design.div_ceil(per_cell).max(1);
            let (id, name, prefix, zone, new_arrivals) = match class {
                BlockClass::Men => {
                    let mapenaling = count >= 4 && i == count - 1;
                    if mapenaling {
                        (
                            "blok-mapenaling".to_string(),
                            "Blok Mapenaling".to_string(),
                            "MP".to_string(),
                            ZONE_MEN,
                            true,
                        )
                    } else if count <= 13 {
                        let l = letters(i);
                        (
                            format!("blok-{}", l.to_lowercase()),
                            format!("Blok {l}"),
                            l,
                            ZONE_MEN,
                            false,
                        )
                    } else {
                        let per_wing = (count - 1).div_ceil(4);
                        let l = format!("{}{}", letters(i / per_wing), i % per_wing + 1);
                        (
                            format!("blok-{}", l.to_lowercase()),
                            format!("Blok {l}"),
                            l,
                            ZONE_MEN,
                            false,
                        )
                    }
                }
                BlockClass::Women => {
                    let zone = ZONE_WOMEN;
                    if spec.kind == FacilityKind::Lpp {
                        let flower = FLOWERS[i % FLOWERS.len()];
                        let suffix = if i >= FLOWERS.len() {
                            format!(" {}", i / FLOWERS.len() + 1)
                        } else {
                            String::new()
                        };
                        (
                            format!(
                                "blok-{}{}",
                                flower.to_lowercase(),
                                suffix.trim().replace(' ', "-")
                            ),
                            format!("Blok {flower}{suffix}"),
                            format!("{}{}", &flower[..1], i + 1),
                            zone,
                            false,
                        )
                    } else if count == 1 {
                        (
                            "blok-wanita".into(),
                            "Blok Wanita".into(),
                            "W".into(),
                            zone,
                            false,
                        )
                    } else {
                        (
                            format!("blok-wanita-{}", i + 1),
                            format!("Blok Wanita {}", i + 1),
                            format!("W{}", i + 1),
                            zone,
                            false,
                        )
                    }
                }
                BlockClass::Maximum => {
                    let base = if total >= 600 {
                        "Blok Maximum Security"
                    } else {
                        "Sel Pengasingan"
                    };
                    let (id, name) = if count == 1 {
                        ("blok-maks".to_string(), base.to_string())
                    } else {
                        (format!("blok-maks-{}", i + 1), format!("{base} {}", i + 1))
                    };
                    (id, name, format!("MS{}", i + 1), ZONE_MAX, false)
                }
                BlockClass::Juvenile => (
                    format!("wisma-anak-{}", i + 1),
                    format!("Wisma Anak {}", i + 1),
                    format!("WA{}", i + 1),
                    ZONE_JUVENILE,
                    false,
                ),
                BlockClass::Youth => (
                    format!("wisma-pemuda-{}", i + 1),
                    format!("Wisma Pemuda {}", i + 1),
                    format!("WP{}", i + 1),
                    ZONE_YOUTH,
                    false,
                ),
            };
            blocks.push(BlockPlan {
                id,
                name,
                zone,
                class,
                occupants: occ,
                design,
                cells,
                cell_prefix: prefix,
                new_arrivals,
            });
        }
    }
    blocks
}

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

/// A candidate site waiting to be placed.
struct SiteTemplate {
    id: String,
    kind: NodeKind,
    name: String,
    /// Relative share of the zone's TPS.
    weight: u32,
    /// Base waiting capacity.
    waiting: u32,
}

fn christian_majority(province: &str, kabkota: &str) -> bool {
    matches!(
        province,
        "53" | "71" | "81" | "91" | "92" | "93" | "94" | "95" | "96"
    ) || matches!(
        kabkota,
        "12.06"
            | "12.01"
            | "12.02"
            | "12.12"
            | "12.16"
            | "12.17"
            | "12.04"
            | "12.14"
            | "12.24"
            | "12.25"
            | "12.78"
            | "12.11"
            | "12.15"
    )
}

fn general_sites(count: usize, christian: bool) -> Vec<SiteTemplate> {
    let worship = |first: bool| -> SiteTemplate {
        if first == christian {
            SiteTemplate {
                id: "gereja".into(),
                kind: NodeKind::Gereja,
                name: "Gereja Oikumene".into(),
                weight: 3,
                waiting: 60,
            }
        } else {
            SiteTemplate {
                id: "masjid".into(),
                kind: NodeKind::Masjid,
                name: "Masjid At-Taubah".into(),
                weight: 3,
                waiting: 80,
            }
        }
    };
    let mut all = vec![
        SiteTemplate {
            id: "aula".into(),
            kind: NodeKind::Aula,
            name: "Aula Serbaguna".into(),
            weight: 4,
            waiting: 100,
        },
        SiteTemplate {
            id: "lapangan".into(),
            kind: NodeKind::Lapangan,
            name: "Lapangan Utama".into(),
            weight: 5,
            waiting: 200,
        },
        worship(true),
        worship(false),
        SiteTemplate {
            id: "ruang-kunjungan".into(),
            kind: NodeKind::Aula,
            name: "Ruang Kunjungan".into(),
            weight: 3,
            waiting: 80,
        },
        SiteTemplate {
            id: "aula-bimker".into(),
            kind: NodeKind::Aula,
            name: "Aula Bimbingan Kerja".into(),
            weight: 2,
            waiting: 60,
        },
        SiteTemplate {
            id: "lapangan-futsal".into(),
            kind: NodeKind::Lapangan,
            name: "Lapangan Futsal".into(),
            weight: 3,
            waiting: 120,
        },
        SiteTemplate {
            id: "aula-pendidikan".into(),
            kind: NodeKind::Aula,
            name: "Aula Pendidikan".into(),
            weight: 2,
            waiting: 60,
        },
        SiteTemplate {
            id: "perpustakaan".into(),
            kind: NodeKind::Aula,
            name: "Ruang Perpustakaan".into(),
            weight: 1,
            waiting: 40,
        },
    ];
    all.truncate(count);
    all
}

fn housing_sites(count: usize, key: &str, label: &str) -> Vec<SiteTemplate> {
    let ids: [(&str, NodeKind, &str, u32, u32); 4] = [
        ("lapangan", NodeKind::Lapangan, "Lapangan", 4, 150),
        ("aula", NodeKind::Aula, "Aula", 3, 60),
        ("lapangan-2", NodeKind::Lapangan, "Lapangan Kedua", 3, 120),
        ("musala", NodeKind::Masjid, "Musala", 2, 40),
    ];
    ids.iter()
        .take(count)
        .map(|(id, kind, name, weight, waiting)| SiteTemplate {
            id: format!("{id}-{key}"),
            kind: *kind,
            name: format!("{name} {label}"),
            weight: *weight,
            waiting: *waiting,
        })
        .collect()
}

/// One housing group of the map: a zone's blocks behind one gate.
struct Group {
    key: &'static str,
    label: &'static str,
    zone: &'static str,
    blocks: Vec<usize>,
    sites: Vec<SiteTemplate>,
}

fn minutes(a: &NodeRow, b: &NodeRow) -> f64 {
    let d = f64::from((a.x - b.x).pow(2) + (a.y - b.y).pow(2)).sqrt();
    ((d / WALK_METRES_PER_MINUTE * 2.0).round() / 2.0).max(0.5)
}

struct Builder {
    nodes: Vec<NodeRow>,
    index: BTreeMap<String, usize>,
    paths: Vec<PathRow>,
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

const SPINE: i32 = 140;
const ROW: i32 = 55;
const BASE_Y: i32 = 130;
const GATE_Y: i32 = 90;
const CORRIDOR_Y: i32 = 40;

/// Places a housing group from `x0`; returns the gate id, its x and the right edge.
fn place_group(b: &mut Builder, g: &Group, plans: &[BlockPlan], x0: i32) -> (String, i32, i32) {
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
    fn split_keeps_the_total_and_the_proportions() {
        assert_eq!(split(10, &[1.0, 1.0]), vec![5, 5]);
        assert_eq!(split(10, &[3.0, 1.0]).iter().sum::<u32>(), 10);
        assert_eq!(split(7, &[1.0, 1.0, 1.0]).iter().sum::<u32>(), 7);
        assert_eq!(split(0, &[1.0]), vec![0]);
    }

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
