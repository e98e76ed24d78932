//! Chart (c): the layout map. Nodes at their x,y (metres, y pointing up), paths as
//! lines (search points dashed), TPS sites marked with badges carrying their TPS
//! numbers, and every block coloured by the TPS it votes at: a block split across
//! TPS is a pie with one slice per TPS, sized by its voters there.
//!
//! This file draws the map; `legend` its key, `labels` the pies and the placement of
//! labels around what is already drawn.

use std::collections::{BTreeMap, BTreeSet};

use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{
    self, AXIS, GRID, INK, LABEL, MUTED, PixelBox, bold, categorical, text, text_on,
};
use super::{Chart, ChartError, Root, natural_cmp, tr};
use crate::lang::Lang;
use crate::model::{Node, NodeKind, PathEdge};

mod labels;
mod legend;

use labels::*;

/// A node of the layout as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct MapNode {
    /// `id` in `nodes.csv`.
    pub id: String,
    /// `jenis`.
    pub kind: NodeKind,
    /// `nama`, the label on the map.
    pub name: String,
    /// `x` in metres.
    pub x: f64,
    /// `y` in metres (drawn pointing up).
    pub y: f64,
}

impl From<&Node> for MapNode {
    fn from(n: &Node) -> Self {
        Self {
            id: n.id.as_str().to_string(),
            kind: n.kind,
            name: n.name.clone(),
            x: n.x,
            y: n.y,
        }
    }
}

/// A corridor between two nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapPath {
    /// Node id at one end.
    pub from: String,
    /// Node id at the other end.
    pub to: String,
    /// A search point on the way (drawn dashed).
    pub search_point: bool,
}

impl From<&PathEdge> for MapPath {
    fn from(p: &PathEdge) -> Self {
        Self {
            from: p.from.as_str().to_string(),
            to: p.to.as_str().to_string(),
            search_point: p.search_point,
        }
    }
}

/// Where one TPS stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapSite {
    /// TPS number.
    pub tps: u32,
    /// Node id of the site.
    pub node: String,
}

/// Voters of one block registered at one TPS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockShare {
    /// Node id of the block.
    pub block: String,
    /// TPS number.
    pub tps: u32,
    /// Voters of the block at that TPS.
    pub voters: u32,
}

/// Chart (c): the layout map (`denah`).
#[derive(Debug, Clone, PartialEq)]
pub struct MapChart {
    /// Every node of the layout.
    pub nodes: Vec<MapNode>,
    /// Every corridor.
    pub paths: Vec<MapPath>,
    /// Every TPS and its site.
    pub sites: Vec<MapSite>,
    /// Which TPS each block votes at, with voters (several rows for a split block).
    pub shares: Vec<BlockShare>,
}

const LEGEND_W: u32 = 400;
const BLOCK_R: i32 = 19;
const FACILITY_HALF: i32 = 13;
const BADGE_H: i32 = 34;
const PATH: RGBColor = RGBColor(176, 190, 197);
const SEARCH: RGBColor = RGBColor(239, 108, 0);
const FACILITY: RGBColor = RGBColor(207, 216, 220);
const NO_TPS: RGBColor = WHITE;

impl MapChart {
    /// TPS numbers in order: the order of their colours.
    fn tps_numbers(&self) -> Vec<u32> {
        let set: BTreeSet<u32> = self
            .sites
            .iter()
            .map(|s| s.tps)
            .chain(self.shares.iter().map(|s| s.tps))
            .collect();
        set.into_iter().collect()
    }
}

impl Chart for MapChart {
    const STEM: &'static str = "denah";

    fn title(&self, lang: Lang) -> String {
        tr(
            lang,
            "Denah: lokasi TPS dan blok menurut TPS tempat memilih",
            "Layout: TPS sites and blocks by the TPS they vote at",
        )
        .to_string()
    }

    fn draw<DB: DrawingBackend>(&self, root: &Root<DB>, lang: Lang) -> Result<(), ChartError> {
        root.fill(&WHITE)?;
        let body = style::draw_title(root, &self.title(lang))?;
        let (bw, bh) = body.dim_in_pixel();
        let (map_area, legend_area) = body.split_horizontally(bw.saturating_sub(LEGEND_W));
        let tps = self.tps_numbers();
        let colour_of = |n: u32| categorical(tps.binary_search(&n).unwrap_or(0));
        self.draw_legend(root, &legend_area, &tps, lang)?;

        // Equal scale on both axes: widen the shorter data range to the area's shape.
        let (margin, x_area, y_area, top) = (20i32, 70i32, 110i32, 10i32);
        let plot_w = (map_area.dim_in_pixel().0 as i32 - 2 * margin - y_area).max(100) as f64;
        let plot_h = (bh as i32 - top - margin - x_area).max(100) as f64;
        let (mut x0, mut x1, mut y0, mut y1) = bounds(&self.nodes);
        let pad = ((x1 - x0).max(y1 - y0) * 0.06).max(5.0);
        (x0, x1, y0, y1) = (x0 - pad, x1 + pad, y0 - pad, y1 + pad);
        let scale = ((x1 - x0) / plot_w).max((y1 - y0) / plot_h);
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        let (hx, hy) = (scale * plot_w / 2.0, scale * plot_h / 2.0);
        let mut chart = ChartBuilder::on(&map_area)
            .margin(margin)
            .margin_top(top)
            .x_label_area_size(x_area)
            .y_label_area_size(y_area)
            .build_cartesian_2d((cx - hx)..(cx + hx), (cy - hy)..(cy + hy))?;
        chart
            .configure_mesh()
            .x_labels(8)
            .y_labels(6)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{v:.0}"))
            .bold_line_style(GRID.stroke_width(1))
            .light_line_style(TRANSPARENT)
            .axis_style(MUTED.stroke_width(2))
            .label_style(text(LABEL))
            .axis_desc_style(bold(AXIS))
            .x_desc(tr(lang, "x (meter)", "x (metres)"))
            .y_desc(tr(lang, "y (meter)", "y (metres)"))
            .draw()?;
        let (xr, yr) = chart.plotting_area().get_pixel_range();
        let frame = PixelBox {
            x0: xr.start,
            y0: yr.start,
            x1: xr.end,
            y1: yr.end,
        };

        let mut nodes: Vec<&MapNode> = self.nodes.iter().collect();
        nodes.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        let by_id: BTreeMap<&str, &MapNode> = nodes.iter().map(|n| (n.id.as_str(), *n)).collect();
        let px = |n: &MapNode| chart.backend_coord(&(n.x, n.y));

        // Paths under everything; dotted boxes along them keep labels off them.
        let mut taken = Taken::default();
        let mut paths: Vec<&MapPath> = self.paths.iter().collect();
        paths.sort_by(|a, b| {
            natural_cmp(&a.from, &b.from)
                .then_with(|| natural_cmp(&a.to, &b.to))
                .then(a.search_point.cmp(&b.search_point))
        });
        for p in paths {
            let (Some(a), Some(b)) = (by_id.get(p.from.as_str()), by_id.get(p.to.as_str())) else {
                continue;
            };
            let (pa, pb) = (px(a), px(b));
            let steps = ((pb.0 - pa.0).abs().max((pb.1 - pa.1).abs()) / 10).max(1);
            for k in 0..=steps {
                let at = (
                    pa.0 + (pb.0 - pa.0) * k / steps,
                    pa.1 + (pb.1 - pa.1) * k / steps,
                );
                taken.push(PixelBox::around(at, 3, 3));
            }
            if p.search_point {
                root.draw(&DashedPathElement::new(
                    vec![pa, pb],
                    14,
                    8,
                    SEARCH.stroke_width(4),
                ))?;
            } else {
                root.draw(&PathElement::new(vec![pa, pb], PATH.stroke_width(4)))?;
            }
        }

        // Markers; their boxes keep labels off them.
        let mut shares: BTreeMap<&str, BTreeMap<u32, u32>> = BTreeMap::new();
        for s in &self.shares {
            *shares
                .entry(s.block.as_str())
                .or_default()
                .entry(s.tps)
                .or_default() += s.voters;
        }
        let mut sites: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for s in &self.sites {
            sites.entry(s.node.as_str()).or_default().push(s.tps);
        }
        for list in sites.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        for n in &nodes {
            let c = px(n);
            let is_site = sites.contains_key(n.id.as_str());
            match n.kind {
                NodeKind::Lorong => {
                    root.draw(&Circle::new(c, 6, MUTED.filled()))?;
                    taken.push(PixelBox::around(c, 7, 7));
                }
                NodeKind::Blok => {
                    let slices: Vec<(RGBColor, u32)> = shares
                        .get(n.id.as_str())
                        .map(|m| m.iter().map(|(t, v)| (colour_of(*t), *v)).collect())
                        .unwrap_or_default();
                    draw_pie(root, c, BLOCK_R, &slices)?;
                    taken.push(PixelBox::around(c, BLOCK_R + 2, BLOCK_R + 2));
                }
                NodeKind::Pintu => {
                    let h = 9;
                    root.draw(&Rectangle::new(
                        [(c.0 - h, c.1 - h), (c.0 + h, c.1 + h)],
                        INK.filled(),
                    ))?;
                    taken.push(PixelBox::around(c, h + 2, h + 2));
                }
                _ => {
                    let h = FACILITY_HALF;
                    root.draw(&Rectangle::new(
                        [(c.0 - h, c.1 - h), (c.0 + h, c.1 + h)],
                        FACILITY.filled(),
                    ))?;
                    style::outline(root, (c.0 - h, c.1 - h), (c.0 + h, c.1 + h), MUTED, 2)?;
                    taken.push(PixelBox::around(c, h + 2, h + 2));
                }
            }
            if is_site {
                let h = if n.kind == NodeKind::Blok {
                    BLOCK_R + 6
                } else {
                    FACILITY_HALF + 6
                };
                style::outline(root, (c.0 - h, c.1 - h), (c.0 + h, c.1 + h), INK, 4)?;
                taken.push(PixelBox::around(c, h + 2, h + 2));
            }
        }

        // Badges of TPS numbers at each site, then names: blocks, sites, the rest.
        let badge_style = bold(LABEL);
        for (node, numbers) in &sites {
            let Some(n) = by_id.get(node) else { continue };
            let c = px(n);
            let widths = numbers
                .iter()
                .map(|t| style::measure(root, &t.to_string(), &badge_style).map(|m| m.0 + 14))
                .collect::<Result<Vec<_>, _>>()?;
            let total_w = widths.iter().sum::<i32>() + 4 * (widths.len() as i32 - 1).max(0);
            let Some(spot) = place(c, (total_w, BADGE_H), 30, 0..5, &taken, &frame, true) else {
                continue;
            };
            taken.push(spot);
            draw_leader(root, c, &spot, 30)?;
            let mut x = spot.x0;
            for (t, w) in numbers.iter().zip(widths) {
                let fill = colour_of(*t);
                root.draw(&Rectangle::new(
                    [(x, spot.y0), (x + w, spot.y1)],
                    fill.filled(),
                ))?;
                style::outline(root, (x, spot.y0), (x + w, spot.y1), INK, 2)?;
                root.draw(&Text::new(
                    t.to_string(),
                    (x + w / 2, (spot.y0 + spot.y1) / 2),
                    badge_style
                        .color(&text_on(fill))
                        .pos(Pos::new(HPos::Center, VPos::Center)),
                ))?;
                x += w + 4;
            }
        }
        // Names where they fit; on a dense map the short ids of all blocks instead.
        let blocks = nodes.iter().filter(|n| n.kind == NodeKind::Blok).count();
        let site_ids: BTreeSet<&str> = sites.keys().copied().collect();
        let (mut labels, strained) =
            plan_labels(root, &nodes, &px, &taken, &frame, &site_ids, false)?;
        if strained * 10 > blocks {
            let (by_id, strained_ids) =
                plan_labels(root, &nodes, &px, &taken, &frame, &site_ids, true)?;
            if strained_ids < strained {
                labels = by_id;
            }
        }
        let label_style = text(LABEL);
        for l in labels {
            draw_leader(root, l.anchor, &l.spot, l.reach)?;
            root.draw(&Rectangle::new(
                [(l.spot.x0, l.spot.y0), (l.spot.x1, l.spot.y1)],
                WHITE.mix(0.8).filled(),
            ))?;
            root.draw(&Text::new(
                l.label,
                ((l.spot.x0 + l.spot.x1) / 2, (l.spot.y0 + l.spot.y1) / 2),
                label_style
                    .color(&INK)
                    .pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
        }
        if nodes.is_empty() {
            root.draw(&Text::new(
                tr(lang, "Denah belum diisi", "No layout given"),
                ((frame.x0 + frame.x1) / 2, (frame.y0 + frame.y1) / 2),
                text(AXIS).pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
        }
        Ok(())
    }
}
