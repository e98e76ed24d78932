//! Pies for blocks split across TPS, and label placement on the map: labels around the
//! boxes already taken, with leader lines where they cannot sit next to their marker.

use std::collections::BTreeSet;

use plotters::prelude::*;

use super::*;
use crate::export::charts::style::{self, INK, LABEL, MUTED, PixelBox, shade, text};
use crate::export::charts::{ChartError, Root};
use crate::model::NodeKind;

/// A disc split into slices proportional to the values (one slice: a full disc; no
/// slices or only zeros: a white disc).
pub(super) fn draw_pie<DB: DrawingBackend>(
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
pub(super) struct Placed {
    pub(super) spot: PixelBox,
    pub(super) label: String,
    pub(super) anchor: (i32, i32),
    pub(super) reach: i32,
}

/// Places the labels of sites, then blocks, then other named nodes (corridor
/// junctions get none) around the taken boxes. Returns them with the number that
/// could not sit right next to their marker (strained: further out, with a leader
/// line, or overlapping).
/// Blocks are labelled with their ids when `ids` is set, else with their names.
pub(super) fn plan_labels<DB: DrawingBackend>(
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
pub(super) fn draw_leader<DB: DrawingBackend>(
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
pub(super) fn bounds(nodes: &[MapNode]) -> (f64, f64, f64, f64) {
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
pub(super) fn place(
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
pub(super) struct Taken {
    pub(super) boxes: Vec<PixelBox>,
    pub(super) cells: std::collections::HashMap<(i32, i32), Vec<usize>>,
}

/// Grid cell size in pixels.
pub(super) const TAKEN_CELL: i32 = 48;

impl Taken {
    pub(super) fn cells_of(b: &PixelBox) -> impl Iterator<Item = (i32, i32)> {
        let (cx0, cx1) = (b.x0.div_euclid(TAKEN_CELL), b.x1.div_euclid(TAKEN_CELL));
        let (cy0, cy1) = (b.y0.div_euclid(TAKEN_CELL), b.y1.div_euclid(TAKEN_CELL));
        (cx0..=cx1).flat_map(move |x| (cy0..=cy1).map(move |y| (x, y)))
    }

    pub(super) fn push(&mut self, b: PixelBox) {
        let i = self.boxes.len();
        for cell in Self::cells_of(&b) {
            self.cells.entry(cell).or_default().push(i);
        }
        self.boxes.push(b);
    }

    /// Total overlap of `b` with the boxes taken (each box counted once).
    pub(super) fn overlap(&self, b: &PixelBox) -> i64 {
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
