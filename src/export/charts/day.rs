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
use crate::cli::Lang;
use crate::model::Clock;

/// One wave: a group of voters from one block voting at one TPS (one row of
/// `jadwal.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wave {
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
    pub waves: Vec<Wave>,
    /// Opening time (`jam.buka`).
    pub opening: Clock,
    /// Closing time (`jam.tutup`).
    pub closing: Clock,
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
            .map(|(i, b)| LegendEntry::new(Swatch::Fill(categorical(i)), label_of(prefix, b)))
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
        let mut waves: Vec<&Wave> = self.waves.iter().collect();
        waves.sort_by(|a, b| {
            (a.tps, a.start, a.end)
                .cmp(&(b.tps, b.start, b.end))
                .then_with(|| natural_cmp(&a.block, &b.block))
        });
        for wv in &waves {
            let r = rows.binary_search(&wv.tps).unwrap_or(0);
            let y = row_y(r);
            let (x0, x1) = (wv.start.minutes() as f64, wv.end.minutes() as f64);
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x0, y - bar_half), (x1, y + bar_half)],
                colour_of(&wv.block).filled(),
            )))?;
            style::outline(
                root,
                chart.backend_coord(&(x0, y - bar_half)),
                chart.backend_coord(&(x1, y + bar_half)),
                WHITE,
                2,
            )?;
        }

        // One label per run of back-to-back waves of a block: block and voters when
        // that fits, else the block alone, else nothing (the legend still tells).
        let inside = text(LABEL);
        let bar_px = (2.0 * bar_half * row_h) as i32;
        for run in runs(&waves) {
            let first = run[0];
            let last = run[run.len() - 1];
            let y = row_y(rows.binary_search(&first.tps).unwrap_or(0));
            let (px0, py) = chart.backend_coord(&(first.start.minutes() as f64, y));
            let (px1, _) = chart.backend_coord(&(last.end.minutes() as f64, y));
            let room = px1 - px0 - 8;
            let voters: u32 = run.iter().map(|w| w.voters).sum();
            let full = format!("{} ({})", first.block, voters);
            let colour = colour_of(&first.block);
            for label in [full.as_str(), first.block.as_str()] {
                let (tw, th) = style::measure(root, label, &inside)?;
                if tw <= room && th <= bar_px + 4 {
                    root.draw(&Text::new(
                        label.to_string(),
                        ((px0 + px1) / 2, py),
                        inside
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

/// Splits waves (sorted by TPS and start) into runs: consecutive waves at one TPS of
/// one block, each starting within five minutes of the previous one's end.
fn runs<'a>(waves: &[&'a Wave]) -> Vec<Vec<&'a Wave>> {
    let mut out: Vec<Vec<&Wave>> = Vec::new();
    for w in waves {
        match out.last_mut() {
            Some(run)
                if run.last().is_some_and(|p| {
                    p.tps == w.tps
                        && p.block == w.block
                        && w.start >= p.start
                        && w.start.minutes() <= p.end.minutes() + 5
                }) =>
            {
                run.push(w)
            }
            _ => out.push(vec![w]),
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
