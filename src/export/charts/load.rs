//! Chart (a): registered voters per TPS, stacked by category (DPT, DPTb, DPK) and
//! sex (L, P), against the ruleset's cap.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{self, ALERT, AXIS, LABEL, LegendEntry, LegendLayout, Swatch, bold, text};
use super::{Chart, ChartError, Root, format_count, tr};
use crate::lang::Lang;

/// Voters split by sex.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SexCounts {
    /// Laki-laki.
    pub l: u32,
    /// Perempuan.
    pub p: u32,
}

impl SexCounts {
    /// L + P.
    pub fn total(&self) -> u32 {
        self.l + self.p
    }
}

/// Registered voters at one TPS (one row of `kpu/tps.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TpsLoad {
    /// TPS number (901, 902, ...).
    pub tps: u32,
    /// On the permanent list.
    pub dpt: SexCounts,
    /// Movers (Model A).
    pub dptb: SexCounts,
    /// Special list (KTP-el only).
    pub dpk: SexCounts,
}

impl TpsLoad {
    /// All registered voters of the TPS.
    pub fn total(&self) -> u32 {
        self.dpt.total() + self.dptb.total() + self.dpk.total()
    }

    /// The six stacked segments, bottom to top.
    fn segments(&self) -> [u32; 6] {
        [
            self.dpt.l,
            self.dpt.p,
            self.dptb.l,
            self.dptb.p,
            self.dpk.l,
            self.dpk.p,
        ]
    }
}

/// Chart (a): voters per TPS against the cap (`beban_tps`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadChart {
    /// One bar per TPS, drawn in TPS-number order.
    pub tps: Vec<TpsLoad>,
    /// The ruleset's cap on registered voters per TPS (`tps.maks_pemilih`).
    pub cap: u32,
}

/// Segment colours: DPT blue, DPTb orange, DPK purple; L dark, P light.
const COLOURS: [RGBColor; 6] = [
    RGBColor(25, 101, 176),
    RGBColor(123, 175, 222),
    RGBColor(230, 85, 13),
    RGBColor(253, 174, 107),
    RGBColor(106, 81, 163),
    RGBColor(188, 189, 220),
];

const NAMES: [&str; 6] = ["DPT L", "DPT P", "DPTb L", "DPTb P", "DPK L", "DPK P"];

impl Chart for LoadChart {
    const STEM: &'static str = "beban_tps";

    fn title(&self, lang: Lang) -> String {
        tr(
            lang,
            "Pemilih per TPS menurut kategori (DPT, DPTb, DPK) dan jenis kelamin",
            "Voters per TPS by list (DPT, DPTb, DPK) and sex",
        )
        .to_string()
    }

    fn draw<DB: DrawingBackend>(&self, root: &Root<DB>, lang: Lang) -> Result<(), ChartError> {
        root.fill(&WHITE)?;
        let body = style::draw_title(root, &self.title(lang))?;
        let mut bars: Vec<&TpsLoad> = self.tps.iter().collect();
        bars.sort_by_key(|t| t.tps);

        // Legend: only the segments that occur, then the cap line.
        let mut sums = [0u64; 6];
        for t in &bars {
            for (s, v) in sums.iter_mut().zip(t.segments()) {
                *s += v as u64;
            }
        }
        let mut entries: Vec<LegendEntry> = (0..6)
            .filter(|&i| sums[i] > 0)
            .map(|i| LegendEntry::new(Swatch::Fill(COLOURS[i]), NAMES[i]))
            .collect();
        let cap_label = crate::lang::text!(
            "Batas {} pemilih per TPS",
            "Cap of {} voters per TPS",
            format_count(self.cap as i64, lang)
        )
        .get(lang)
        .to_string();
        entries.push(LegendEntry::new(Swatch::Dashed(ALERT), cap_label));
        let (w, _) = body.dim_in_pixel();
        let legend = LegendLayout::new(root, &entries, w as i32 - 80)?;
        let (legend_area, plot_area) = body.split_vertically(legend.height() as u32 + 12);
        let (lx, ly) = legend_area.get_base_pixel();
        legend.draw(root, &entries, (lx + 40, ly))?;

        let n = bars.len().max(1);
        let peak = bars
            .iter()
            .map(|t| t.total())
            .max()
            .unwrap_or(0)
            .max(self.cap);
        let y_top = ((peak as f64 * 1.12).ceil() as i32).max(10);
        let mut chart = ChartBuilder::on(&plot_area)
            .margin_left(20)
            .margin_right(40)
            .margin_top(10)
            .margin_bottom(10)
            .x_label_area_size(95)
            .y_label_area_size(130)
            .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0i32..y_top)?;
        style::value_mesh(
            &mut chart,
            &|v| format_count(*v as i64, lang),
            tr(lang, "Nomor TPS", "TPS number"),
            tr(lang, "Pemilih", "Voters"),
        )?;

        // Bars: at most 160 px wide, 70 % of their slot.
        let slot_px = {
            let (a, _) = chart.backend_coord(&(0.0, 0));
            let (b, _) = chart.backend_coord(&(1.0, 0));
            (b - a).max(1)
        };
        let half = (0.35f64).min(80.0 / slot_px as f64);
        let label_style = bold(LABEL).pos(Pos::new(HPos::Center, VPos::Bottom));
        let tick_style = text(LABEL).pos(Pos::new(HPos::Center, VPos::Top));
        let widest = bars
            .iter()
            .map(|t| style::measure(root, &t.tps.to_string(), &text(LABEL)).map(|m| m.0))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .max()
            .unwrap_or(0);
        let every = ((widest + 12) / slot_px + 1).max(1) as usize;
        for (i, t) in bars.iter().enumerate() {
            let x = i as f64;
            let mut y = 0i32;
            for (k, v) in t.segments().into_iter().enumerate() {
                if v == 0 {
                    continue;
                }
                let top = y + v as i32;
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x - half, y), (x + half, top)],
                    COLOURS[k].filled(),
                )))?;
                y = top;
            }
            let (px, py) = chart.backend_coord(&(x, t.total() as i32));
            let total = format_count(t.total() as i64, lang);
            if style::measure(root, &total, &bold(LABEL))?.0 < slot_px {
                root.draw(&Text::new(total, (px, py - 6), label_style.clone()))?;
            }
            if i % every == 0 {
                let (bx, by) = chart.backend_coord(&(x, 0));
                root.draw(&Text::new(
                    t.tps.to_string(),
                    (bx, by + 12),
                    tick_style.clone(),
                ))?;
            }
        }
        if bars.is_empty() {
            let (cx, cy) = chart.backend_coord(&(0.0, y_top / 2));
            root.draw(&Text::new(
                tr(lang, "Belum ada TPS", "No TPS yet"),
                (cx, cy),
                text(AXIS).pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
        }

        // The cap, dashed across the whole plot.
        chart.draw_series(DashedLineSeries::new(
            vec![(-0.5, self.cap as i32), (n as f64 - 0.5, self.cap as i32)],
            18,
            10,
            ALERT.stroke_width(4),
        ))?;
        Ok(())
    }
}
