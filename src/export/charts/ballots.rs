//! Chart (e): ballots needed per type, voters plus reserve stacked, in the KPU ballot
//! colours taken from the ruleset (`surat_suara.jenis[].warna`).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{
    self, AXIS, INK, LABEL, LegendEntry, LegendLayout, MUTED, Swatch, bold, parse_hex, shade, text,
    tint,
};
use super::{Chart, ChartError, Root, format_count, tr};
use crate::lang::Lang;
use crate::rules::BallotType;

/// Ballots of one type over the whole plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotBar {
    /// Ballot code (`PPWP`, `DPR`, ...).
    pub code: String,
    /// Ballot name (`Presiden dan Wakil Presiden`).
    pub name: String,
    /// Colour `#rrggbb` from the ruleset.
    pub colour: String,
    /// Ballots for entitled voters.
    pub voters: u32,
    /// Reserve ballots.
    pub reserve: u32,
}

impl BallotBar {
    /// A bar for a ruleset ballot type with its counts.
    pub fn new(kind: &BallotType, voters: u32, reserve: u32) -> Self {
        Self {
            code: kind.kode.clone(),
            name: kind.nama.clone(),
            colour: kind.warna.clone(),
            voters,
            reserve,
        }
    }
}

/// Chart (e): ballots per type (`surat_suara`), bars in the given order (the
/// ruleset's order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotChart {
    /// One bar per ballot type.
    pub types: Vec<BallotBar>,
}

impl Chart for BallotChart {
    const STEM: &'static str = "surat_suara";

    fn title(&self, lang: Lang) -> String {
        tr(
            lang,
            "Kebutuhan surat suara per jenis (pemilih + cadangan)",
            "Ballots needed per type (voters + reserve)",
        )
        .to_string()
    }

    fn draw<DB: DrawingBackend>(&self, root: &Root<DB>, lang: Lang) -> Result<(), ChartError> {
        let colours = self
            .types
            .iter()
            .map(|t| {
                parse_hex(&t.colour).ok_or_else(|| ChartError::BadColour {
                    code: t.code.clone(),
                    value: t.colour.clone(),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        root.fill(&WHITE)?;
        let body = style::draw_title(root, &self.title(lang))?;
        let entries = vec![
            LegendEntry::new(Swatch::Fill(MUTED), tr(lang, "Untuk pemilih", "For voters")),
            LegendEntry::new(Swatch::Hatch(MUTED), tr(lang, "Cadangan", "Reserve")),
            LegendEntry::new(
                Swatch::None,
                tr(
                    lang,
                    "warna = warna surat suara KPU",
                    "colour = KPU ballot colour",
                ),
            ),
        ];
        let (w, _) = body.dim_in_pixel();
        let legend = LegendLayout::new(root, &entries, w as i32 - 80)?;
        let (legend_area, plot_area) = body.split_vertically(legend.height() as u32 + 12);
        let (lx, ly) = legend_area.get_base_pixel();
        legend.draw(root, &entries, (lx + 40, ly))?;

        let n = self.types.len().max(1);
        let peak = self
            .types
            .iter()
            .map(|t| t.voters + t.reserve)
            .max()
            .unwrap_or(0);
        // Room above the bars for two lines of figures.
        let y_top = ((peak as f64 * 1.22).ceil() as i32).max(10);
        let mut chart = ChartBuilder::on(&plot_area)
            .margin_left(20)
            .margin_right(40)
            .margin_top(10)
            .margin_bottom(6)
            .x_label_area_size(150)
            .y_label_area_size(140)
            .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0i32..y_top)?;
        style::value_mesh(
            &mut chart,
            &|v| format_count(*v as i64, lang),
            tr(lang, "Jenis surat suara", "Ballot type"),
            tr(lang, "Lembar surat suara", "Ballot papers"),
        )?;

        let slot_px = {
            let (a, _) = chart.backend_coord(&(0.0, 0));
            let (b, _) = chart.backend_coord(&(1.0, 0));
            (b - a).max(1)
        };
        let half = (0.32f64).min(100.0 / slot_px as f64);
        let small = text(LABEL).pos(Pos::new(HPos::Center, VPos::Bottom));
        let big = bold(LABEL).pos(Pos::new(HPos::Center, VPos::Bottom));
        for (i, (t, colour)) in self.types.iter().zip(colours).enumerate() {
            let x = i as f64;
            let voters = t.voters as i32;
            let total = voters + t.reserve as i32;
            if voters > 0 {
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x - half, 0), (x + half, voters)],
                    colour.filled(),
                )))?;
            }
            let (p0, p1) = (
                chart.backend_coord(&(x - half, voters)),
                chart.backend_coord(&(x + half, total)),
            );
            if t.reserve > 0 {
                root.draw(&Rectangle::new([p0, p1], tint(colour, 0.6).filled()))?;
                style::hatch(root, p0, p1, colour, 9)?;
            }
            let outline_from = chart.backend_coord(&(x - half, 0));
            style::outline(root, outline_from, p1, shade(colour, 0.35), 2)?;

            // Figures above the bar: the total, then the reserve.
            let (cx, top_px) = chart.backend_coord(&(x, total));
            let reserve_line = crate::lang::text!(
                "cadangan {}",
                "reserve {}",
                format_count(t.reserve as i64, lang)
            )
            .get(lang)
            .to_string();
            root.draw(&Text::new(reserve_line, (cx, top_px - 6), small.clone()))?;
            root.draw(&Text::new(
                format_count(total as i64, lang),
                (cx, top_px - 36),
                big.clone(),
            ))?;

            // Under the bar: the code, then the name wrapped to the slot.
            let (_, base) = chart.backend_coord(&(x, 0));
            root.draw(&Text::new(
                t.code.clone(),
                (cx, base + 10),
                bold(LABEL)
                    .color(&INK)
                    .pos(Pos::new(HPos::Center, VPos::Top)),
            ))?;
            let lines = style::wrap(root, &t.name, &text(LABEL), slot_px - 16)?;
            for (k, line) in lines.iter().take(2).enumerate() {
                root.draw(&Text::new(
                    line.clone(),
                    (cx, base + 42 + 30 * k as i32),
                    text(LABEL).pos(Pos::new(HPos::Center, VPos::Top)),
                ))?;
            }
        }
        if self.types.is_empty() {
            let (cx, cy) = chart.backend_coord(&(0.0, y_top / 2));
            root.draw(&Text::new(
                tr(lang, "Tidak ada surat suara", "No ballots"),
                (cx, cy),
                text(AXIS).pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
        }
        Ok(())
    }
}
