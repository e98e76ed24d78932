//! The charts of the regional report: one per KPI across the UPTs of a region, each a
//! horizontal bar per UPT (stacked where the KPI has parts), tall enough for every UPT
//! (the width is the per-UPT charts' projector width). Drawn with plotters on the
//! shared style of `export::charts::style` (font, sizes, colours, legend); SVG only,
//! inlined in `report.html`.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::export::charts::style::{
    self, GRID, INK, LABEL, LegendEntry, LegendLayout, MUTED, Swatch,
};
use crate::export::charts::{ChartError, RenderedChart, WIDTH, format_count};
use crate::lang::Lang;

use super::summary::{Status, UptRow};

/// Height of one UPT's bar row in pixels.
const ROW: i32 = 34;
/// Widest label column (UPT names beyond it are shortened with an ellipsis).
const LABEL_MAX: i32 = 560;
/// Pixels kept right of the longest bar for its value.
const VALUE_ROOM: i32 = 150;

/// One KPI across the UPTs of a region.
#[derive(Debug, Clone)]
pub struct UptBars {
    /// HTML id (`pemilih`, `tps`, ...).
    pub id: &'static str,
    /// Title in the report's language.
    pub title: String,
    /// What the horizontal axis counts.
    pub axis: String,
    /// The parts of each bar, with their colours (one part: a plain bar).
    pub series: Vec<(String, RGBColor)>,
    /// Per UPT: its label, the parts' values (none: no plan) and an optional mark
    /// (the lower bound of TPS, say) drawn as a tick across the bar.
    pub rows: Vec<(String, Option<Vec<f64>>, Option<f64>)>,
    /// The mark's legend label, where rows carry marks.
    pub mark: Option<String>,
    /// Values are per cent (axis and labels with `%`).
    pub percent: bool,
}

impl UptBars {
    /// A chart of one value per UPT from `rows` (UPTs without a plan shown as such).
    pub fn single(
        id: &'static str,
        (title, axis): (String, String),
        colour: RGBColor,
        rows: &[UptRow],
        value: impl Fn(&UptRow) -> Option<f64>,
    ) -> Self {
        UptBars {
            id,
            series: vec![(axis.clone(), colour)],
            title,
            axis,
            rows: rows
                .iter()
                .map(|r| (label(r), value(r).map(|v| vec![v]), None))
                .collect(),
            mark: None,
            percent: false,
        }
    }

    /// Height in pixels for its number of UPTs and legend rows.
    fn height(&self, legend_rows: i32) -> u32 {
        let rows = self.rows.len().max(1) as i32;
        (style::TITLE_BAND as i32 + legend_rows * style::LEGEND_ROW + 50 + rows * ROW + 80) as u32
    }

    fn legend(&self) -> Vec<LegendEntry> {
        let mut entries: Vec<LegendEntry> = if self.series.len() > 1 {
            self.series
                .iter()
                .map(|(name, c)| LegendEntry::new(Swatch::Fill(*c), name.clone()))
                .collect()
        } else {
            Vec::new()
        };
        if let Some(m) = &self.mark {
            entries.push(LegendEntry::new(Swatch::Line(INK), m.clone()));
        }
        entries
    }

    /// Renders the chart as SVG for the report.
    pub fn render(&self, lang: Lang) -> Result<RenderedChart, ChartError> {
        style::ensure_fonts()?;
        // The legend's rows decide the height: measure them on a scratch canvas.
        let entries = self.legend();
        let legend_rows = {
            let mut scratch = String::new();
            let root = SVGBackend::with_string(&mut scratch, (WIDTH, 200)).into_drawing_area();
            LegendLayout::new(&root, &entries, WIDTH as i32 - 80)?.height() / style::LEGEND_ROW
        };
        let mut svg = String::new();
        {
            let size = (WIDTH, self.height(legend_rows));
            let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            self.draw(&root, &entries, lang)?;
            root.present()?;
        }
        Ok(RenderedChart {
            id: self.id.to_string(),
            title: self.title.clone(),
            svg,
        })
    }

    fn value_text(&self, v: f64, lang: Lang) -> String {
        if self.percent {
            let s = format!("{v:.1} %");
            if lang == Lang::Id {
                s.replace('.', ",")
            } else {
                s
            }
        } else {
            format_count(v.round() as i64, lang)
        }
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &crate::export::charts::Root<DB>,
        entries: &[LegendEntry],
        lang: Lang,
    ) -> Result<(), ChartError> {
        root.fill(&WHITE)?;
        let body = style::draw_title(root, &self.title)?;
        let legend = LegendLayout::new(&body, entries, WIDTH as i32 - 80)?;
        legend.draw(&body, entries, (40, 0))?;
        let top = legend.height() + 50;
        let label_style = style::text(LABEL);
        let mut label_w = 0;
        let labels: Vec<String> = self
            .rows
            .iter()
            .map(|(l, _, _)| shorten(&body, l, &label_style, LABEL_MAX))
            .collect::<Result<_, _>>()?;
        for l in &labels {
            label_w = label_w.max(style::measure(&body, l, &label_style)?.0);
        }
        let x0 = 30 + label_w + 16;
        let x1 = WIDTH as i32 - VALUE_ROOM;
        let max = self
            .rows
            .iter()
            .flat_map(|(_, v, m)| {
                v.iter()
                    .map(|p| p.iter().sum::<f64>())
                    .chain(m.iter().copied())
            })
            .fold(0.0f64, f64::max);
        let max = if self.percent { 100.0 } else { max.max(1.0) };
        let step = nice_step(max);
        let end = (max / step).ceil() * step;
        let px = |v: f64| x0 + ((v / end) * (x1 - x0) as f64).round() as i32;
        let bottom = top + self.rows.len() as i32 * ROW;
        // Grid and ticks, top and bottom.
        let mut t = 0.0;
        while t <= end + step / 2.0 {
            let x = px(t);
            body.draw(&PathElement::new(
                vec![(x, top), (x, bottom)],
                GRID.stroke_width(1),
            ))?;
            // Grid steps are whole numbers: no decimals on the ticks.
            let tick = if self.percent {
                format!("{t:.0} %")
            } else {
                self.value_text(t, lang)
            };
            for (y, v) in [(top - 6, VPos::Bottom), (bottom + 6, VPos::Top)] {
                body.draw(&Text::new(
                    tick.clone(),
                    (x, y),
                    style::text(LABEL)
                        .color(&MUTED)
                        .pos(Pos::new(HPos::Center, v)),
                ))?;
            }
            t += step;
        }
        body.draw(&Text::new(
            self.axis.clone(),
            ((x0 + x1) / 2, bottom + 44),
            style::text(style::AXIS).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        for (i, ((_, values, mark), label)) in self.rows.iter().zip(&labels).enumerate() {
            let y = top + i as i32 * ROW;
            let mid = y + ROW / 2;
            let colour = if values.is_none() { style::ALERT } else { INK };
            body.draw(&Text::new(
                label.clone(),
                (x0 - 12, mid),
                style::text(LABEL)
                    .color(&colour)
                    .pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
            let Some(values) = values else {
                body.draw(&Text::new(
                    crate::export::charts::tr(lang, "tanpa rencana", "no plan").to_string(),
                    (x0 + 8, mid),
                    style::text(LABEL)
                        .color(&style::ALERT)
                        .pos(Pos::new(HPos::Left, VPos::Center)),
                ))?;
                continue;
            };
            let mut at = 0.0;
            for (v, (_, c)) in values.iter().zip(&self.series) {
                if *v > 0.0 {
                    body.draw(&Rectangle::new(
                        [(px(at), y + 5), (px(at + v), y + ROW - 5)],
                        c.filled(),
                    ))?;
                }
                at += v;
            }
            body.draw(&Text::new(
                self.value_text(at, lang),
                (px(at) + 8, mid),
                style::text(LABEL).pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
            if let Some(m) = mark {
                let x = px(*m);
                body.draw(&PathElement::new(
                    vec![(x, y + 1), (x, y + ROW - 1)],
                    INK.stroke_width(4),
                ))?;
            }
        }
        Ok(())
    }
}

/// The label of a UPT in the charts: its name, or its folder where the name is unknown.
pub fn label(r: &UptRow) -> String {
    let name = if r.name.is_empty() { &r.upt } else { &r.name };
    if r.status == Status::Ok {
        name.clone()
    } else {
        format!("{name} ({})", r.status.code())
    }
}

/// `s` cut to at most `width` pixels, with an ellipsis where it was cut.
fn shorten<DB: DrawingBackend>(
    root: &crate::export::charts::Root<DB>,
    s: &str,
    text: &TextStyle,
    width: i32,
) -> Result<String, ChartError> {
    if style::measure(root, s, text)?.0 <= width {
        return Ok(s.to_string());
    }
    let mut chars: Vec<char> = s.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>() + "…";
        if style::measure(root, &candidate, text)?.0 <= width {
            return Ok(candidate);
        }
    }
    Ok("…".to_string())
}

/// A grid step of 1, 2 or 5 times a power of ten giving four to ten lines up to `max`.
fn nice_step(max: f64) -> f64 {
    let raw = max / 5.0;
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| max / s <= 10.0 && *s >= raw)
        .unwrap_or(10.0 * power)
        .max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_steps_are_round_and_few() {
        for (max, step) in [
            (1.0, 1.0),
            (7.0, 2.0),
            (100.0, 20.0),
            (3120.0, 1000.0),
            (48.0, 10.0),
        ] {
            assert_eq!(nice_step(max), step, "{max}");
            assert!(max / step <= 10.0);
        }
    }
}
