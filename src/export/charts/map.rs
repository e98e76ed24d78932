//! Chart (c): the layout map. Nodes at their x,y (metres, y pointing up), paths as
//! lines (search points dashed), TPS sites marked with badges carrying their TPS
//! numbers, and every block coloured by the TPS it votes at: a block split across
//! TPS is a pie with one slice per TPS, sized by its voters there.

use std::collections::{BTreeMap, BTreeSet};

use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{
    self, AXIS, GRID, INK, LABEL, LegendEntry, MUTED, PixelBox, Swatch, bold, categorical, shade,
    text, text_on,
};
use super::{Chart, ChartError, Root, natural_cmp, tr};
use crate::lang::Lang;
use crate::model::{Node, NodeKind, PathEdge};

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

impl MapChart {
    fn draw_legend<DB: DrawingBackend>(
        &self,
        root: &Root<DB>,
        area: &Root<DB>,
        tps: &[u32],
        lang: Lang,
    ) -> Result<(), ChartError> {
        let (ax, ay) = area.get_base_pixel();
        let (aw, _) = area.dim_in_pixel();
        let x = ax + 10;
        let width = aw as i32 - 20;
        let mut y = ay + 16;
        let heading = bold(LABEL).pos(Pos::new(HPos::Left, VPos::Center));
        root.draw(&Text::new(
            tr(lang, "Warna blok = TPS tujuan", "Block colour = its TPS"),
            (x, y),
            heading.clone(),
        ))?;
        y += 38;
        // TPS swatches in two columns.
        let col_w = width / 2;
        let rows = tps.len().div_ceil(2);
        for (i, t) in tps.iter().enumerate() {
            let (col, row) = (i / rows.max(1), i % rows.max(1));
            style::draw_entry(
                root,
                &LegendEntry::new(Swatch::Disc(categorical(i)), format!("TPS {t}")),
                (x + col as i32 * col_w, y + row as i32 * style::LEGEND_ROW),
            )?;
        }
        y += rows as i32 * style::LEGEND_ROW + 18;
        root.draw(&Text::new(tr(lang, "Tanda", "Key"), (x, y), heading))?;
        y += 38;
        let key: Vec<(KeyMark, &str)> = vec![
            (
                KeyMark::Pie,
                tr(
                    lang,
                    "Blok terbagi ke beberapa TPS",
                    "Block split across TPS",
                ),
            ),
            (
                KeyMark::Disc(NO_TPS),
                tr(lang, "Blok tanpa pemilih", "Block without voters"),
            ),
            (
                KeyMark::Site,
                tr(lang, "Lokasi TPS (nomor TPS)", "TPS site (TPS numbers)"),
            ),
            (
                KeyMark::Square(FACILITY),
                tr(
                    lang,
                    "Aula, lapangan, klinik, ibadah, kantor",
                    "Hall, yard, clinic, worship, office",
                ),
            ),
            (KeyMark::Square(INK), tr(lang, "Pintu", "Gate")),
            (KeyMark::Dot, tr(lang, "Lorong", "Corridor junction")),
            (KeyMark::Line(PATH), tr(lang, "Jalur", "Path")),
            (
                KeyMark::Dashed(SEARCH),
                tr(lang, "Jalur dengan pemeriksaan", "Path with a search point"),
            ),
        ];
        let style_ = text(LABEL);
        for (mark, label) in key {
            let lines = style::wrap(root, label, &style_, width - 54)?;
            let block_h = (lines.len() as i32 * 30).max(style::LEGEND_ROW);
            let mid = y + block_h / 2 - style::LEGEND_ROW / 2 + 2;
            draw_key_mark(root, mark, (x + 20, mid))?;
            for (k, line) in lines.iter().enumerate() {
                root.draw(&Text::new(
                    line.clone(),
                    (x + 54, y + 30 * k as i32 - 12),
                    style_.pos(Pos::new(HPos::Left, VPos::Top)),
                ))?;
            }
            y += block_h + 6;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy)]
enum KeyMark {
    Pie,
    Disc(RGBColor),
    Site,
    Square(RGBColor),
    Dot,
    Line(RGBColor),
    Dashed(RGBColor),
}

fn draw_key_mark<DB: DrawingBackend>(
    root: &Root<DB>,
    mark: KeyMark,
    c: (i32, i32),
) -> Result<(), ChartError> {
    match mark {
        KeyMark::Pie => draw_pie(root, c, 14, &[(categorical(0), 2), (categorical(1), 1)])?,
        KeyMark::Disc(col) => draw_pie(root, c, 14, &[(col, 0)])?,
        KeyMark::Site => {
            root.draw(&Rectangle::new(
                [(c.0 - 9, c.1 - 9), (c.0 + 9, c.1 + 9)],
                FACILITY.filled(),
            ))?;
            style::outline(root, (c.0 - 15, c.1 - 15), (c.0 + 15, c.1 + 15), INK, 4)?;
        }
        KeyMark::Square(col) => {
            root.draw(&Rectangle::new(
                [(c.0 - 11, c.1 - 11), (c.0 + 11, c.1 + 11)],
                col.filled(),
            ))?;
            style::outline(root, (c.0 - 11, c.1 - 11), (c.0 + 11, c.1 + 11), MUTED, 2)?;
        }
        KeyMark::Dot => root.draw(&Circle::new(c, 6, MUTED.filled()))?,
        KeyMark::Line(col) => root.draw(&PathElement::new(
            vec![(c.0 - 17, c.1), (c.0 + 17, c.1)],
            col.stroke_width(4),
        ))?,
        KeyMark::Dashed(col) => root.draw(&DashedPathElement::new(
            vec![(c.0 - 17, c.1), (c.0 + 17, c.1)],
            10,
            6,
            col.stroke_width(4),
        ))?,
    }
    Ok(())
}

/// A disc split into slices proportional to the values (one slice: a full disc; no
/// slices or only zeros: a white disc).
fn draw_pie<DB: DrawingBackend>(
    root: &Root<DB>,
    c: (i32, i32),
    r: i32,
    slices: &[(RGBColor, u32)],
) -> Result<(), ChartError> {
    let total: u32 = slices.iter().map(|s| s.1).sum();
    let live: Vec<&(RGBColor, u32)> = slices.iter().filter(|s| s.1 > 0).collect();
    match live.as_slice() {
        [] => root.draw(&Circle::new(c, r, NO_TPS.filled()))?,
        [(col, _)] => root.draw(&Circle::new(c, r, col.filled()))?,
        _ => {
            let mut angle = -std::f64::consts::FRAC_PI_2;
            for (col, v) in live.iter() {
                let sweep = std::f64::consts::TAU * *v as f64 / total as f64;
                let steps = ((sweep / 0.08).ceil() as usize).max(2);
                let mut pts = vec![c];
                for k in 0..=steps {
                    let a = angle + sweep * k as f64 / steps as f64;
                    pts.push((
                        c.0 + (r as f64 * a.cos()).round() as i32,
                        c.1 + (r as f64 * a.sin()).round() as i32,
                    ));
                }
                root.draw(&Polygon::new(pts, col.filled()))?;
                // a white spoke keeps neighbouring slices apart
                root.draw(&PathElement::new(
                    vec![
                        c,
                        (
                            c.0 + (r as f64 * angle.cos()).round() as i32,
                            c.1 + (r as f64 * angle.sin()).round() as i32,
                        ),
                    ],
                    WHITE.stroke_width(2),
                ))?;
                angle += sweep;
            }
        }
    }
    let ring = live.first().map_or(MUTED, |(col, _)| shade(*col, 0.4));
    root.draw(&Circle::new(c, r, ring.stroke_width(2)))?;
    Ok(())
}

/// A label placed on the map.
struct Placed {
    spot: PixelBox,
    label: String,
    anchor: (i32, i32),
    reach: i32,
}

/// Places the labels of sites, then blocks, then other named nodes (corridor
/// junctions get none) around the taken boxes. Returns them with the number that
/// could not sit right next to their marker (strained: further out, with a leader
/// line, or overlapping).
/// Blocks are labelled with their ids when `ids` is set, else with their names.
fn plan_labels<DB: DrawingBackend>(
    root: &Root<DB>,
    nodes: &[&MapNode],
    px: &impl Fn(&MapNode) -> (i32, i32),
    taken: &Taken,
    frame: &PixelBox,
    sites: &BTreeSet<&str>,
    ids: bool,
) -> Result<(Vec<Placed>, usize), ChartError> {
    let mut taken = taken.clone();
    let is_site = |n: &MapNode| sites.contains(n.id.as_str());
    let rank = |n: &MapNode| match (is_site(n), n.kind) {
        (true, _) => 0,
        (false, NodeKind::Blok) => 1,
        _ => 2,
    };
    let mut order: Vec<&MapNode> = nodes
        .iter()
        .copied()
        .filter(|n| n.kind != NodeKind::Lorong || is_site(n))
        .collect();
    order.sort_by_key(|n| rank(n));
    let style = text(LABEL);
    let mut placed = Vec::with_capacity(order.len());
    let mut strained = 0;
    for n in order {
        let c = px(n);
        let reach = match (n.kind, is_site(n)) {
            (NodeKind::Blok, false) => BLOCK_R + 4,
            (NodeKind::Blok, true) => BLOCK_R + 10,
            (_, true) => FACILITY_HALF + 10,
            _ => FACILITY_HALF + 6,
        };
        let label = if ids && n.kind == NodeKind::Blok {
            n.id.as_str()
        } else {
            n.name.as_str()
        };
        let (tw, th) = style::measure(root, label, &style)?;
        let size = (tw + 6, th + 2);
        let spot = match place(c, size, reach, 0..1, &taken, frame, false) {
            Some(spot) => Some(spot),
            None => {
                strained += 1;
                place(c, size, reach, 1..5, &taken, frame, false).or_else(|| {
                    if rank(n) <= 1 {
                        place(c, size, reach, 0..5, &taken, frame, true)
                    } else {
                        None
                    }
                })
            }
        };
        if let Some(spot) = spot {
            taken.push(spot);
            placed.push(Placed {
                spot,
                label: label.to_string(),
                anchor: c,
                reach,
            });
        }
    }
    Ok((placed, strained))
}

/// A thin line from a marker to its label when the label had to move away from it.
fn draw_leader<DB: DrawingBackend>(
    root: &Root<DB>,
    c: (i32, i32),
    spot: &PixelBox,
    reach: i32,
) -> Result<(), ChartError> {
    let near = (c.0.clamp(spot.x0, spot.x1), c.1.clamp(spot.y0, spot.y1));
    let (dx, dy) = ((near.0 - c.0) as f64, (near.1 - c.1) as f64);
    let gap = dx.hypot(dy);
    if gap > reach as f64 + 8.0 {
        // start at the marker's edge, not its centre
        let edge = reach as f64 - 4.0;
        let from = (
            c.0 + (dx / gap * edge).round() as i32,
            c.1 + (dy / gap * edge).round() as i32,
        );
        root.draw(&PathElement::new(vec![from, near], INK.stroke_width(2)))?;
    }
    Ok(())
}

/// The data bounds of the nodes (a unit square around the origin when empty).
fn bounds(nodes: &[MapNode]) -> (f64, f64, f64, f64) {
    let mut b = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for n in nodes {
        b = (b.0.min(n.x), b.1.max(n.x), b.2.min(n.y), b.3.max(n.y));
    }
    if nodes.is_empty() {
        return (0.0, 10.0, 0.0, 10.0);
    }
    b
}

/// Finds a spot of size `(w, h)` next to the point `c` at distance `reach` plus 18 px
/// per ring: right, left, above, below, then the corners, ring by ring. Returns the first spot
/// inside the frame that overlaps nothing taken; failing that, the least overlapping
/// spot when `must` is set, else nothing.
fn place(
    c: (i32, i32),
    (w, h): (i32, i32),
    reach: i32,
    rings: std::ops::Range<i32>,
    taken: &Taken,
    frame: &PixelBox,
    must: bool,
) -> Option<PixelBox> {
    let mut best: Option<(i64, PixelBox)> = None;
    for ring in rings {
        let d = reach + ring * 18;
        let candidates = [
            (c.0 + d, c.1 - h / 2),
            (c.0 - d - w, c.1 - h / 2),
            (c.0 - w / 2, c.1 - d - h),
            (c.0 - w / 2, c.1 + d),
            (c.0 + d - 6, c.1 - d - h + 6),
            (c.0 - d - w + 6, c.1 - d - h + 6),
            (c.0 + d - 6, c.1 + d - 6),
            (c.0 - d - w + 6, c.1 + d - 6),
        ];
        for (x, y) in candidates {
            let b = PixelBox {
                x0: x,
                y0: y,
                x1: x + w,
                y1: y + h,
            };
            if !b.inside(frame) {
                continue;
            }
            let cost = taken.overlap(&b);
            if cost == 0 {
                return Some(b);
            }
            if best.as_ref().is_none_or(|(bc, _)| cost < *bc) {
                best = Some((cost, b));
            }
        }
    }
    if must { best.map(|(_, b)| b) } else { None }
}

/// The boxes labels must keep off, indexed by a uniform grid so a candidate is checked
/// against the few boxes near it, not every corridor of a large layout.
#[derive(Debug, Clone, Default)]
struct Taken {
    boxes: Vec<PixelBox>,
    cells: std::collections::HashMap<(i32, i32), Vec<usize>>,
}

/// Grid cell size in pixels.
const TAKEN_CELL: i32 = 48;

impl Taken {
    fn cells_of(b: &PixelBox) -> impl Iterator<Item = (i32, i32)> {
        let (cx0, cx1) = (b.x0.div_euclid(TAKEN_CELL), b.x1.div_euclid(TAKEN_CELL));
        let (cy0, cy1) = (b.y0.div_euclid(TAKEN_CELL), b.y1.div_euclid(TAKEN_CELL));
        (cx0..=cx1).flat_map(move |x| (cy0..=cy1).map(move |y| (x, y)))
    }

    fn push(&mut self, b: PixelBox) {
        let i = self.boxes.len();
        for cell in Self::cells_of(&b) {
            self.cells.entry(cell).or_default().push(i);
        }
        self.boxes.push(b);
    }

    /// Total overlap of `b` with the boxes taken (each box counted once).
    fn overlap(&self, b: &PixelBox) -> i64 {
        let mut near: Vec<usize> = Self::cells_of(b)
            .filter_map(|c| self.cells.get(&c))
            .flatten()
            .copied()
            .collect();
        near.sort_unstable();
        near.dedup();
        near.iter().map(|&i| self.boxes[i].overlap(b)).sum()
    }
}

#[cfg(test)]
mod taken_tests {
    use super::*;

    #[test]
    fn the_grid_index_sums_the_same_overlap_as_every_box() {
        // A deterministic scatter of boxes of many sizes, some far outside the frame.
        let mut seed = 12345u64;
        let mut next = |m: i32| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as i32).rem_euclid(m)
        };
        let mut random_box = |w: i32, h: i32| {
            let (x, y) = (next(3000) - 500, next(2000) - 500);
            PixelBox {
                x0: x,
                y0: y,
                x1: x + 1 + next(w),
                y1: y + 1 + next(h),
            }
        };
        let mut boxes = Vec::new();
        let mut taken = Taken::default();
        for _ in 0..600 {
            let b = random_box(200, 120);
            boxes.push(b);
            taken.push(b);
        }
        for _ in 0..2000 {
            let b = random_box(150, 40);
            let linear: i64 = boxes.iter().map(|t| t.overlap(&b)).sum();
            assert_eq!(taken.overlap(&b), linear, "{b:?}");
        }
    }
}
