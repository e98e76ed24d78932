//! Chart (b): the voting day as a Gantt chart: one row per TPS, one bar per wave,
//! coloured by block, with the opening and closing times.

use std::collections::BTreeSet;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{
    self, AXIS, INK, LABEL, LegendEntry, LegendLayout, MUTED, Swatch, bold, categorical, text,
    text_on,
};
use super::{Chart, ChartError, Root, hhmm, natural_cmp, tr};
use crate::lang::Lang;
use crate::model::Clock;

/// One wave: a group of voters from one block voting at one TPS (one row of
/// `jadwal.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaveBar {
    /// TPS number.
    pub tps: u32,
    /// When the wave starts voting.
    pub start: Clock,
    /// When its last voter is through.
    pub end: Clock,
    /// The block (its id or short name): the bar's colour and label.
    pub block: String,
    /// Voters in the wave.
    pub voters: u32,
}

/// Chart (b): the day per TPS (`jadwal`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayChart {
    /// Every TPS, one row each (rows also appear for TPS that only occur in waves).
    pub tps: Vec<u32>,
    /// All waves.
    pub waves: Vec<WaveBar>,
    /// Opening time (`jam.buka`).
    pub opening: Clock,
    /// Closing time (`jam.tutup`).
    pub closing: Clock,
    /// Places in `waves` that are not cell blocks (the clinic): named as they are in
    /// the legend, without the "Blok" prefix.
    pub other_places: BTreeSet<String>,
}

impl DayChart {
    /// TPS rows in number order.
    fn rows(&self) -> Vec<u32> {
        let set: BTreeSet<u32> = self
            .tps
            .iter()
            .copied()
            .chain(self.waves.iter().map(|w| w.tps))
            .collect();
        set.into_iter().collect()
    }

    /// Blocks in reading order: the order of their colours.
    pub(crate) fn blocks(&self) -> Vec<&str> {
        let mut blocks: Vec<&str> = self.waves.iter().map(|w| w.block.as_str()).collect();
        blocks.sort_by(|a, b| natural_cmp(a, b));
        blocks.dedup();
        blocks
    }
}

impl Chart for DayChart {
    const STEM: &'static str = "jadwal";

    fn title(&self, lang: Lang) -> String {
        tr(
            lang,
            "Jadwal hari pemungutan suara per TPS (gelombang menurut blok)",
            "Voting day per TPS (waves by block)",
        )
        .to_string()
    }

    fn draw<DB: DrawingBackend>(&self, root: &Root<DB>, lang: Lang) -> Result<(), ChartError> {
        root.fill(&WHITE)?;
        let body = style::draw_title(root, &self.title(lang))?;
        let rows = self.rows();
        let blocks = self.blocks();
        let colour_of = |block: &str| {
            let i = blocks
                .binary_search_by(|b| natural_cmp(b, block))
                .unwrap_or(0);
            categorical(i)
        };

        // Legend of blocks at the bottom.
        let prefix = tr(lang, "Blok", "Block");
        let entries: Vec<LegendEntry> = blocks
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let label = if self.other_places.contains(*b) {
                    b.to_string()
                } else {
                    label_of(prefix, b)
                };
                LegendEntry::new(Swatch::Fill(categorical(i)), label)
            })
            .collect();
        let (w, h) = body.dim_in_pixel();
        let legend = LegendLayout::new(root, &entries, w as i32 - 80)?;
        let (plot_area, legend_area) =
            body.split_vertically(h.saturating_sub(legend.height() as u32 + 14));
        let (lx, ly) = legend_area.get_base_pixel();
        legend.draw(root, &entries, (lx + 40, ly + 6))?;

        // Time range: the opening hours, widened to every wave, padded.
        let mut from = self.opening.minutes() as i32;
        let mut to = self.closing.minutes() as i32;
        for wv in &self.waves {
            from = from.min(wv.start.minutes() as i32);
            to = to.max(wv.end.minutes() as i32);
        }
        let (from, to) = (from - 20, to + 20);
        let n = rows.len().max(1);
        let mut chart = ChartBuilder::on(&plot_area)
            .margin_left(20)
            .margin_right(40)
            .margin_top(44)
            .margin_bottom(4)
            .x_label_area_size(90)
            .y_label_area_size(150)
            .build_cartesian_2d(from as f64..to as f64, 0f64..n as f64)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(0)
            .y_labels(0)
            .axis_style(MUTED.stroke_width(2))
            .axis_desc_style(bold(AXIS))
            .x_desc(tr(lang, "Jam", "Time of day"))
            .draw()?;
        let (x_px, y_px) = chart.plotting_area().get_pixel_range();
        let x_of = |m: f64| chart.backend_coord(&(m, 0.0)).0;
        style::draw_time_ticks(root, x_of, (from, to), (y_px.start, y_px.end))?;

        // Row labels and light row bands; row 0 (the first TPS) on top.
        let row_y = |r: usize| n as f64 - r as f64 - 0.5;
        let row_h = (y_px.end - y_px.start) as f64 / n as f64;
        let row_style = bold(LABEL).pos(Pos::new(HPos::Right, VPos::Center));
        for (r, tps) in rows.iter().enumerate() {
            let y = row_y(r);
            if r % 2 == 1 {
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(from as f64, y - 0.5), (to as f64, y + 0.5)],
                    RGBColor(245, 245, 245).filled(),
                )))?;
            }
            let (_, py) = chart.backend_coord(&(from as f64, y));
            root.draw(&Text::new(
                format!("TPS {tps}"),
                (x_px.start - 12, py),
                row_style.clone(),
            ))?;
        }
        if rows.is_empty() {
            let (cx, cy) = chart.backend_coord(&(((from + to) / 2) as f64, 0.5));
            root.draw(&Text::new(
                tr(lang, "Belum ada jadwal", "No schedule yet"),
                (cx, cy),
                text(AXIS).pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
        }

        // Waves.
        // bars at most 64 px high, so a single TPS does not become a wall
        let bar_half: f64 = if row_h >= 30.0 { 0.38 } else { 0.45 };
        let bar_half = bar_half.min(32.0 / row_h.max(1.0));
        let mut waves: Vec<&WaveBar> = self.waves.iter().collect();
        waves.sort_by(|a, b| {
            (a.tps, a.start, a.end)
                .cmp(&(b.tps, b.start, b.end))
                .then_with(|| natural_cmp(&a.block, &b.block))
        });
        // Waves at one TPS at the same time (two blocks in one slot, a visit while
        // others walk in) share the bar's height there, one above the other, so none
        // hides another; elsewhere a wave has the whole height.
        let lane = lanes(&waves);
        // The band of lane `(l, k)` (lane `l` of `k`) of row `r`: (bottom, top).
        let band = |r: usize, (l, k): (usize, usize)| {
            let y = row_y(r);
            let h = 2.0 * bar_half / k.max(1) as f64;
            let top = y + bar_half - l as f64 * h;
            (top - h, top)
        };
        for (wv, &l) in waves.iter().zip(&lane) {
            let r = rows.binary_search(&wv.tps).unwrap_or(0);
            let (y0, y1) = band(r, l);
            let (x0, x1) = (wv.start.minutes() as f64, wv.end.minutes() as f64);
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x0, y0), (x1, y1)],
                colour_of(&wv.block).filled(),
            )))?;
            style::outline(
                root,
                chart.backend_coord(&(x0, y0)),
                chart.backend_coord(&(x1, y1)),
                WHITE,
                2,
            )?;
        }

        // One label per run of back-to-back waves of a block in a lane: block and
        // voters when that fits, else the block alone, else nothing (the legend still
        // tells).
        let inside = text(LABEL);
        let laned: Vec<(&WaveBar, (usize, usize))> =
            waves.iter().copied().zip(lane.iter().copied()).collect();
        for run in runs(&laned) {
            let (first, l) = run[0];
            let (last, _) = run[run.len() - 1];
            let r = rows.binary_search(&first.tps).unwrap_or(0);
            let (y0, y1) = band(r, l);
            let (px0, py0) = chart.backend_coord(&(first.start.minutes() as f64, y0));
            let (px1, py1) = chart.backend_coord(&(last.end.minutes() as f64, y1));
            let room = px1 - px0 - 8;
            let bar_px = (py0 - py1).abs();
            let voters: u32 = run.iter().map(|w| w.0.voters).sum();
            let full = format!("{} ({})", first.block, voters);
            let colour = colour_of(&first.block);
            // A shared band gets a smaller label that must stay inside it.
            // The label at full size, else smaller, else the voters alone; a shared
            // band only the smaller ones, which must stay inside it.
            let shared = l.1 > 1;
            let small = text(LABEL * 0.72);
            let mut tries = Vec::new();
            if !shared {
                tries.push((full.as_str(), &inside, 4));
                tries.push((first.block.as_str(), &inside, 4));
            }
            tries.push((full.as_str(), &small, 0));
            tries.push((first.block.as_str(), &small, 0));
            // Else just the voters: the colour and the legend tell the block.
            let count = voters.to_string();
            tries.push((count.as_str(), &small, 0));
            for (label, style_of, slack) in tries {
                let (tw, th) = style::measure(root, label, style_of)?;
                if tw <= room && th <= bar_px + slack {
                    root.draw(&Text::new(
                        label.to_string(),
                        ((px0 + px1) / 2, (py0 + py1) / 2),
                        style_of
                            .color(&text_on(colour))
                            .pos(Pos::new(HPos::Center, VPos::Center)),
                    ))?;
                    break;
                }
            }
        }

        // Opening and closing: vertical lines labelled above the plot.
        for (t, what) in [
            (self.opening, tr(lang, "Buka", "Opens")),
            (self.closing, tr(lang, "Tutup", "Closes")),
        ] {
            let x = t.minutes() as f64;
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x, 0.0), (x, n as f64)],
                INK.stroke_width(3),
            )))?;
            let (px, _) = chart.backend_coord(&(x, n as f64));
            root.draw(&Text::new(
                format!("{what} {}", hhmm(t.minutes() as i32)),
                (px, y_px.start - 8),
                bold(LABEL).pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))?;
        }
        Ok(())
    }
}

/// The lane of each wave (sorted by TPS and start) within its TPS's row, as `(lane,
/// lanes)`: waves that overlap in time, directly or through others, form a cluster
/// whose waves take the first lane free when they start; `lanes` is the cluster's
/// count (1 for a wave alone).
fn lanes(waves: &[&WaveBar]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(waves.len());
    let mut ends: Vec<Clock> = Vec::new();
    let mut cluster_start = 0;
    let mut cluster_end = Clock(0);
    let mut row = None;
    let close = |out: &mut Vec<(usize, usize)>, from: usize| {
        let k = out[from..].iter().map(|x| x.0 + 1).max().unwrap_or(1);
        for x in &mut out[from..] {
            x.1 = k;
        }
    };
    for (i, w) in waves.iter().enumerate() {
        if row != Some(w.tps) || w.start >= cluster_end {
            close(&mut out, cluster_start);
            row = Some(w.tps);
            ends.clear();
            cluster_start = i;
            cluster_end = w.end;
        }
        let l = match ends.iter().position(|&e| e <= w.start) {
            Some(l) => l,
            None => {
                ends.push(w.start);
                ends.len() - 1
            }
        };
        ends[l] = w.end;
        cluster_end = cluster_end.max(w.end);
        out.push((l, 1));
    }
    close(&mut out, cluster_start);
    out
}

/// Splits waves (sorted by TPS and start, with their lanes) into runs: consecutive
/// waves at one TPS in the same band of one block, each starting within five minutes
/// of the previous one's end.
fn runs<'a>(waves: &[(&'a WaveBar, (usize, usize))]) -> Vec<Vec<(&'a WaveBar, (usize, usize))>> {
    let mut out: Vec<Vec<(&WaveBar, (usize, usize))>> = Vec::new();
    for &(w, l) in waves {
        let found = out
            .iter_mut()
            .rev()
            .take_while(|run| run[0].0.tps == w.tps)
            .find(|run| run[0].1 == l);
        match found {
            Some(run)
                if run.last().is_some_and(|&(p, _)| {
                    p.block == w.block
                        && w.start >= p.start
                        && w.start.minutes() <= p.end.minutes() + 5
                }) =>
            {
                run.push((w, l))
            }
            _ => out.push(vec![(w, l)]),
        }
    }
    out
}

/// `Blok A` for a bare id such as `A`; names that already say "blok" stay as they are.
fn label_of(prefix: &str, block: &str) -> String {
    let lower = block.to_lowercase();
    if lower.starts_with("blok") || lower.starts_with("block") || block.chars().count() > 6 {
        block.to_string()
    } else {
        format!("{prefix} {block}")
    }
}

#[cfg(test)]
mod lane_tests {
    use super::*;

    fn wave(tps: u32, start: u16, end: u16, block: &str) -> WaveBar {
        WaveBar {
            tps,
            start: Clock(start),
            end: Clock(end),
            block: block.into(),
            voters: 1,
        }
    }

    #[test]
    fn waves_at_the_same_time_share_the_height_and_others_keep_all_of_it() {
        // TPS 901: a and b in the same slot, then a alone; a visit over both halves of
        // the next two slots; TPS 902 starts afresh.
        let w = [
            wave(901, 420, 435, "a"),
            wave(901, 420, 435, "b"),
            wave(901, 435, 450, "a"),
            wave(901, 450, 465, "a"),
            wave(901, 455, 480, "klinik"),
            wave(901, 465, 480, "c"),
            wave(902, 420, 435, "d"),
        ];
        let refs: Vec<&WaveBar> = w.iter().collect();
        assert_eq!(
            lanes(&refs),
            vec![(0, 2), (1, 2), (0, 1), (0, 2), (1, 2), (0, 2), (0, 1)]
        );
        // Labels run along one band and one block only.
        let laned: Vec<(&WaveBar, (usize, usize))> =
            refs.iter().copied().zip(lanes(&refs)).collect();
        let r = runs(&laned);
        let blocks: Vec<Vec<&str>> = r
            .iter()
            .map(|run| run.iter().map(|x| x.0.block.as_str()).collect())
            .collect();
        assert_eq!(
            blocks,
            vec![
                vec!["a"],
                vec!["b"],
                vec!["a"],
                vec!["a"],
                vec!["klinik"],
                vec!["c"],
                vec!["d"]
            ]
        );
    }
}
