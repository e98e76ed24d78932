//! Chart (d): escorts needed across the day against the officers on duty who are free
//! to escort (not KPPS), as step lines; any shortfall is shaded.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{self, ALERT, AXIS, LegendEntry, LegendLayout, Swatch, text, tint};
use super::{Chart, ChartError, Root, format_count, hhmm, tr};
use crate::lang::Lang;
use crate::model::Clock;

/// Escort demand and supply over one stretch of the day (a minute or a slot).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EscortSlot {
    /// Start of the stretch.
    pub start: Clock,
    /// End of the stretch (exclusive).
    pub end: Clock,
    /// Escorts busy (walking there, voting, walking back) during it.
    pub needed: u32,
    /// Officers on duty then who are not KPPS.
    pub on_duty: u32,
}

/// Chart (d): escorts needed against officers on duty (`pengawal`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscortChart {
    /// The day in consecutive stretches; gaps are drawn as zero.
    pub slots: Vec<EscortSlot>,
}

const NEEDED: RGBColor = RGBColor(230, 126, 34);
const ON_DUTY: RGBColor = RGBColor(21, 101, 192);

impl Chart for EscortChart {
    const STEM: &'static str = "pengawal";

    fn title(&self, lang: Lang) -> String {
        tr(
            lang,
            "Kebutuhan pengawal dibanding petugas yang bertugas",
            "Escorts needed against officers on duty",
        )
        .to_string()
    }

    fn draw<DB: DrawingBackend>(&self, root: &Root<DB>, lang: Lang) -> Result<(), ChartError> {
        root.fill(&WHITE)?;
        let body = style::draw_title(root, &self.title(lang))?;
        let mut slots: Vec<EscortSlot> = self.slots.clone();
        slots.sort_by_key(|s| (s.start, s.end));

        let peak = slots
            .iter()
            .max_by_key(|s| (s.needed, std::cmp::Reverse(s.start)));
        let short = slots
            .iter()
            .map(|s| s.needed.saturating_sub(s.on_duty))
            .max()
            .unwrap_or(0);
        let mut entries = vec![
            LegendEntry::new(
                Swatch::Fill(tint(NEEDED, 0.45)),
                tr(lang, "Pengawal dibutuhkan", "Escorts needed"),
            ),
            LegendEntry::new(
                Swatch::Line(ON_DUTY),
                tr(
                    lang,
                    "Petugas bertugas (bukan KPPS)",
                    "Officers on duty (not KPPS)",
                ),
            ),
        ];
        if short > 0 {
            entries.push(LegendEntry::new(
                Swatch::Fill(ALERT),
                crate::lang::text!(
                    "Kekurangan (hingga {short} orang)",
                    "Shortfall (up to {short})"
                )
                .get(lang)
                .to_string(),
            ));
        }
        if let Some(p) = peak.filter(|p| p.needed > 0) {
            entries.push(LegendEntry::new(
                Swatch::None,
                match lang {
                    Lang::Id => format!(
                        "Puncak: {} pengawal pukul {}",
                        format_count(p.needed as i64, lang),
                        hhmm(p.start.minutes() as i32)
                    ),
                    Lang::En => format!(
                        "Peak: {} escorts at {}",
                        format_count(p.needed as i64, lang),
                        hhmm(p.start.minutes() as i32)
                    ),
                },
            ));
        }
        let (w, _) = body.dim_in_pixel();
        let legend = LegendLayout::new(root, &entries, w as i32 - 80)?;
        let (legend_area, plot_area) = body.split_vertically(legend.height() as u32 + 12);
        let (lx, ly) = legend_area.get_base_pixel();
        legend.draw(root, &entries, (lx + 40, ly))?;

        let (from, to) = match (slots.first(), slots.iter().map(|s| s.end).max()) {
            (Some(f), Some(t)) if t > f.start => (f.start.minutes() as i32, t.minutes() as i32),
            _ => (7 * 60, 13 * 60),
        };
        let top = slots
            .iter()
            .map(|s| s.needed.max(s.on_duty))
            .max()
            .unwrap_or(0);
        let y_top = ((top as f64 * 1.15).ceil() as i32)
            .max(top as i32 + 1)
            .max(5);
        let mut chart = ChartBuilder::on(&plot_area)
            .margin_left(20)
            .margin_right(60)
            .margin_top(10)
            .margin_bottom(4)
            .x_label_area_size(90)
            .y_label_area_size(120)
            .build_cartesian_2d(from as f64..to as f64, 0i32..y_top)?;
        style::value_mesh(
            &mut chart,
            &|v| format_count(*v as i64, lang),
            tr(lang, "Jam", "Time of day"),
            tr(lang, "Jumlah petugas", "Officers"),
        )?;
        let (_, y_px) = chart.plotting_area().get_pixel_range();
        let x_of = |m: f64| chart.backend_coord(&(m, 0)).0;
        style::draw_time_ticks(root, x_of, (from, to), (y_px.start, y_px.end))?;

        // Needed: a filled step area; shortfall on top of the supply line in red.
        for s in &slots {
            let (x0, x1) = (s.start.minutes() as f64, s.end.minutes() as f64);
            if s.needed > 0 {
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x0, 0), (x1, s.needed as i32)],
                    tint(NEEDED, 0.45).filled(),
                )))?;
            }
            if s.needed > s.on_duty {
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x0, s.on_duty as i32), (x1, s.needed as i32)],
                    ALERT.filled(),
                )))?;
            }
        }
        chart.draw_series(std::iter::once(PathElement::new(
            step_points(&slots, |s| s.needed),
            NEEDED.stroke_width(3),
        )))?;
        chart.draw_series(std::iter::once(PathElement::new(
            step_points(&slots, |s| s.on_duty),
            ON_DUTY.stroke_width(5),
        )))?;
        if slots.is_empty() {
            let (cx, cy) = chart.backend_coord(&(((from + to) / 2) as f64, y_top / 2));
            root.draw(&Text::new(
                tr(lang, "Belum ada gelombang", "No waves yet"),
                (cx, cy),
                text(AXIS).pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
        }
        Ok(())
    }
}

/// The corners of a step line through the slots; a gap between slots drops to zero.
fn step_points(slots: &[EscortSlot], value: impl Fn(&EscortSlot) -> u32) -> Vec<(f64, i32)> {
    let mut points: Vec<(f64, i32)> = Vec::with_capacity(slots.len() * 2 + 2);
    let mut last_end: Option<Clock> = None;
    for s in slots {
        let v = value(s) as i32;
        if let Some(e) = last_end.filter(|e| *e < s.start) {
            points.push((e.minutes() as f64, 0));
            points.push((s.start.minutes() as f64, 0));
        }
        points.push((s.start.minutes() as f64, v));
        points.push((s.end.minutes() as f64, v));
        last_end = Some(s.end);
    }
    points
}
