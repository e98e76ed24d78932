//! The two charts of a simulation, in the project's chart style (`export::charts`):
//! when the facility's voting day ends across the simulated days (a histogram against
//! closing time, with the 50/90/99 % marks), and the mean queue over the day at each
//! TPS. Both are plain data plus a drawing body generic over plotters' backend, so
//! they render to SVG for the report and the `simulasi/` folder.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::export::charts::style::{
    self, ALERT, AXIS, LegendEntry, LegendLayout, MUTED, Swatch, text, tint,
};
use crate::export::charts::{Chart, ChartError, format_count};
use crate::lang::{Lang, tr};

use crate::format::hhmm_up as hhmm;

/// When the last voter of the facility is done, over the simulated days.
#[derive(Debug, Clone, PartialEq)]
pub struct FinishChart {
    /// Finish time of every day, minutes since midnight.
    pub finishes: Vec<f64>,
    /// Closing time.
    pub close: f64,
    /// Opening time (the axis starts no earlier than an hour before the first finish).
    pub open: f64,
    /// The 50, 90 and 99 % finish times.
    pub quantiles: [f64; 3],
}

const BARS: RGBColor = RGBColor(21, 101, 192);

impl Chart for FinishChart {
    const STEM: &'static str = "simulasi_selesai";

    fn title(&self, lang: Lang) -> String {
        match lang {
            Lang::Id => format!(
                "Kapan pemilih terakhir selesai ({} hari disimulasikan)",
                format_count(self.finishes.len() as i64, lang)
            ),
            Lang::En => format!(
                "When the last voter is done ({} simulated days)",
                format_count(self.finishes.len() as i64, lang)
            ),
        }
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &crate::export::charts::Root<DB>,
        lang: Lang,
    ) -> Result<(), ChartError> {
        root.fill(&WHITE)?;
        let body = style::draw_title(root, &self.title(lang))?;
        let step = 5.0;
        let lo_data = self.finishes.iter().copied().fold(f64::INFINITY, f64::min);
        let hi_data = self
            .finishes
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        let (lo_data, hi_data) = if lo_data.is_finite() {
            (lo_data, hi_data)
        } else {
            (self.close - 60.0, self.close)
        };
        let from = ((lo_data.min(self.close) - 30.0) / step).floor() * step;
        let to = ((hi_data.max(self.close) + 30.0) / step).ceil() * step;
        let bins = ((to - from) / step).round().max(1.0) as usize;
        let mut counts = vec![0u32; bins];
        for &f in &self.finishes {
            let i = (((f - from) / step).floor() as usize).min(bins - 1);
            counts[i] += 1;
        }
        let n = self.finishes.len().max(1) as f64;
        let late = self
            .finishes
            .iter()
            .filter(|&&f| f > self.close + 1e-9)
            .count();
        let [p50, p90, p99] = self.quantiles;
        let entries = vec![
            LegendEntry::new(
                Swatch::Fill(tint(BARS, 0.3)),
                tr(lang, "Hari (per 5 menit)", "Days (per 5 minutes)"),
            ),
            LegendEntry::new(
                Swatch::Line(ALERT),
                match lang {
                    Lang::Id => format!(
                        "Tutup {} ({} % hari lewat)",
                        hhmm(self.close),
                        format!("{:.1}", 100.0 * late as f64 / n).replace('.', ",")
                    ),
                    Lang::En => format!(
                        "Closing {} ({:.1} % of days later)",
                        hhmm(self.close),
                        100.0 * late as f64 / n
                    ),
                },
            ),
            LegendEntry::new(
                Swatch::Dashed(MUTED),
                format!(
                    "50 % {} · 90 % {} · 99 % {}",
                    hhmm(p50),
                    hhmm(p90),
                    hhmm(p99)
                ),
            ),
        ];
        let (w, _) = body.dim_in_pixel();
        let legend = LegendLayout::new(root, &entries, w as i32 - 80)?;
        let (legend_area, plot_area) = body.split_vertically(legend.height() as u32 + 12);
        let (lx, ly) = legend_area.get_base_pixel();
        legend.draw(root, &entries, (lx + 40, ly))?;
        let top = counts.iter().copied().max().unwrap_or(0);
        let y_top = ((top as f64 * 1.15).ceil() as u32).max(top + 1).max(5);
        let mut chart = ChartBuilder::on(&plot_area)
            .margin_left(20)
            .margin_right(60)
            .margin_top(10)
            .margin_bottom(4)
            .x_label_area_size(90)
            .y_label_area_size(120)
            .build_cartesian_2d(from..to, 0u32..y_top)?;
        style::value_mesh(
            &mut chart,
            &|v| format_count(*v as i64, lang),
            tr(
                lang,
                "Jam pemilih terakhir selesai",
                "Time the last voter is done",
            ),
            tr(lang, "Jumlah hari", "Days"),
        )?;
        let (_, y_px) = chart.plotting_area().get_pixel_range();
        let x_of = |m: f64| chart.backend_coord(&(m, 0)).0;
        style::draw_time_ticks(root, x_of, (from as i32, to as i32), (y_px.start, y_px.end))?;
        chart.draw_series(
            counts
                .iter()
                .enumerate()
                .filter(|(_, c)| **c > 0)
                .map(|(i, &c)| {
                    let x0 = from + i as f64 * step;
                    let colour = if x0 + step > self.close + 1e-9 && x0 >= self.close {
                        tint(ALERT, 0.35)
                    } else {
                        tint(BARS, 0.3)
                    };
                    Rectangle::new([(x0, 0), (x0 + step, c)], colour.filled())
                }),
        )?;
        for q in [p50, p90, p99] {
            if q.is_finite() {
                chart.draw_series(DashedLineSeries::new(
                    vec![(q, 0), (q, y_top)],
                    8,
                    6,
                    MUTED.stroke_width(2),
                ))?;
            }
        }
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(self.close, 0), (self.close, y_top)],
            ALERT.stroke_width(4),
        )))?;
        if self.finishes.is_empty() {
            let (cx, cy) = chart.backend_coord(&((from + to) / 2.0, y_top / 2));
            root.draw(&Text::new(
                tr(lang, "Tidak ada hari", "No days"),
                (cx, cy),
                text(AXIS).pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
        }
        Ok(())
    }
}

/// The mean queue over the day, one line per TPS.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueChart {
    /// TPS numbers.
    pub tps: Vec<u32>,
    /// Per TPS, mean voters waiting at each point.
    pub queue: Vec<Vec<f64>>,
    /// Time of the first point, minutes since midnight.
    pub from: f64,
    /// Minutes between points.
    pub step: f64,
    /// Closing time.
    pub close: f64,
}

impl Chart for QueueChart {
    const STEM: &'static str = "simulasi_antrean";

    fn title(&self, lang: Lang) -> String {
        tr(
            lang,
            "Antrean rata-rata di tiap TPS sepanjang hari (simulasi)",
            "Mean queue at each TPS over the day (simulation)",
        )
        .to_string()
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &crate::export::charts::Root<DB>,
        lang: Lang,
    ) -> Result<(), ChartError> {
        root.fill(&WHITE)?;
        let body = style::draw_title(root, &self.title(lang))?;
        let mut entries: Vec<LegendEntry> = self
            .tps
            .iter()
            .enumerate()
            .map(|(i, n)| LegendEntry::new(Swatch::Line(style::categorical(i)), format!("TPS {n}")))
            .collect();
        entries.push(LegendEntry::new(
            Swatch::Dashed(style::INK),
            format!("{} {}", tr(lang, "Tutup", "Closing"), hhmm(self.close)),
        ));
        let (w, _) = body.dim_in_pixel();
        let legend = LegendLayout::new(root, &entries, w as i32 - 80)?;
        let (legend_area, plot_area) = body.split_vertically(legend.height() as u32 + 12);
        let (lx, ly) = legend_area.get_base_pixel();
        legend.draw(root, &entries, (lx + 40, ly))?;
        let points = self.queue.iter().map(Vec::len).max().unwrap_or(0);
        let to = self.from + (points.max(2) - 1) as f64 * self.step;
        let top = self.queue.iter().flatten().copied().fold(0.0f64, f64::max);
        let y_top = (top * 1.15).max(top + 1.0).max(5.0).ceil();
        let mut chart = ChartBuilder::on(&plot_area)
            .margin_left(20)
            .margin_right(60)
            .margin_top(10)
            .margin_bottom(4)
            .x_label_area_size(90)
            .y_label_area_size(120)
            .build_cartesian_2d(self.from..to, 0.0..y_top)?;
        style::value_mesh(
            &mut chart,
            &|v| format!("{v:.0}"),
            tr(lang, "Jam", "Time of day"),
            tr(
                lang,
                "Pemilih menunggu (rata-rata)",
                "Voters waiting (mean)",
            ),
        )?;
        let (_, y_px) = chart.plotting_area().get_pixel_range();
        let x_of = |m: f64| chart.backend_coord(&(m, 0.0)).0;
        style::draw_time_ticks(
            root,
            x_of,
            (self.from as i32, to as i32),
            (y_px.start, y_px.end),
        )?;
        for (i, q) in self.queue.iter().enumerate() {
            chart.draw_series(std::iter::once(PathElement::new(
                q.iter()
                    .enumerate()
                    .map(|(k, &v)| (self.from + k as f64 * self.step, v))
                    .collect::<Vec<_>>(),
                style::categorical(i).stroke_width(3),
            )))?;
        }
        chart.draw_series(DashedLineSeries::new(
            vec![(self.close, 0.0), (self.close, y_top)],
            10,
            6,
            style::INK.stroke_width(3),
        ))?;
        Ok(())
    }
}
