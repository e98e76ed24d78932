//! What every chart shares: the embedded font, text sizes readable on a projector,
//! palettes, legends, hatching and simple text measuring and wrapping.

use std::sync::OnceLock;

use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, register_font};

use super::{ChartError, Root};

/// Font family written into SVG text and registered for PNG text. The first name is
/// the embedded font; browsers without it fall back to their sans-serif.
pub(crate) const FAMILY: &str = "DejaVu Sans, Verdana, sans-serif";

/// Title text size. Plotters sizes are pixel heights of a line; SVG font-size is the
/// size divided by 1.24, so 25 is the smallest size that is still 20 px in SVG.
pub(crate) const TITLE: f64 = 42.0;
/// Axis descriptions.
pub(crate) const AXIS: f64 = 28.0;
/// Tick labels, legends and labels in the drawing.
pub(crate) const LABEL: f64 = 25.0;

/// Body text colour.
pub(crate) const INK: RGBColor = RGBColor(33, 33, 33);
/// Secondary text and outlines.
pub(crate) const MUTED: RGBColor = RGBColor(97, 97, 97);
/// Grid lines.
pub(crate) const GRID: RGBColor = RGBColor(224, 224, 224);
/// Warnings: caps, shortfalls.
pub(crate) const ALERT: RGBColor = RGBColor(198, 40, 40);

/// Height of the title band at the top of every chart.
pub(crate) const TITLE_BAND: u32 = 70;

/// Registers DejaVu Sans (regular and bold) with plotters' font engine, once.
pub(crate) fn ensure_fonts() -> Result<(), ChartError> {
    static DONE: OnceLock<bool> = OnceLock::new();
    let ok = *DONE.get_or_init(|| {
        [FAMILY, "sans-serif"].iter().all(|name| {
            register_font(name, FontStyle::Normal, dejavu::sans::regular()).is_ok()
                && register_font(name, FontStyle::Bold, dejavu::sans::bold()).is_ok()
        })
    });
    if ok { Ok(()) } else { Err(ChartError::Font) }
}

/// Regular text of a size, in ink.
pub(crate) fn text(size: f64) -> TextStyle<'static> {
    TextStyle::from((FAMILY, size).into_font()).color(&INK)
}

/// Bold text of a size, in ink.
pub(crate) fn bold(size: f64) -> TextStyle<'static> {
    TextStyle::from((FAMILY, size, FontStyle::Bold).into_font()).color(&INK)
}

/// Width and height of a text in pixels.
pub(crate) fn measure<DB: DrawingBackend>(
    root: &Root<DB>,
    s: &str,
    style: &TextStyle,
) -> Result<(i32, i32), ChartError> {
    let (w, h) = root.estimate_text_size(s, style)?;
    Ok((w as i32, h as i32))
}

/// Draws the title centred in the top band and returns the area below it.
pub(crate) fn draw_title<DB: DrawingBackend>(
    root: &Root<DB>,
    title: &str,
) -> Result<Root<DB>, ChartError> {
    let (w, _) = root.dim_in_pixel();
    let style = bold(TITLE).pos(Pos::new(HPos::Center, VPos::Center));
    root.draw(&Text::new(
        title.to_string(),
        (w as i32 / 2, TITLE_BAND as i32 / 2),
        style,
    ))?;
    Ok(root.split_vertically(TITLE_BAND).1)
}

/// Black or white, whichever reads better on `bg`.
pub(crate) fn text_on(bg: RGBColor) -> RGBColor {
    let RGBColor(r, g, b) = bg;
    let luma = 0.299 * r as f64 + 0.587 * g as f64 + 0.114 * b as f64;
    if luma > 150.0 { INK } else { WHITE }
}

/// `c` mixed with white: `amount` 0 keeps it, 1 gives white.
pub(crate) fn tint(c: RGBColor, amount: f64) -> RGBColor {
    let mix = |v: u8| (v as f64 + (255.0 - v as f64) * amount).round() as u8;
    RGBColor(mix(c.0), mix(c.1), mix(c.2))
}

/// `c` darkened: `amount` 0 keeps it, 1 gives black.
pub(crate) fn shade(c: RGBColor, amount: f64) -> RGBColor {
    let mix = |v: u8| (v as f64 * (1.0 - amount)).round() as u8;
    RGBColor(mix(c.0), mix(c.1), mix(c.2))
}

/// Parses `#rrggbb`.
pub(crate) fn parse_hex(s: &str) -> Option<RGBColor> {
    let hex = s.trim().strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some(RGBColor(byte(0)?, byte(2)?, byte(4)?))
}

/// Twenty well separated colours for TPS, strong ones first.
const QUALITATIVE: [RGBColor; 20] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(23, 190, 207),
    RGBColor(188, 189, 34),
    RGBColor(66, 66, 66),
    RGBColor(174, 199, 232),
    RGBColor(255, 187, 120),
    RGBColor(152, 223, 138),
    RGBColor(255, 152, 150),
    RGBColor(197, 176, 213),
    RGBColor(196, 156, 148),
    RGBColor(247, 182, 210),
    RGBColor(158, 218, 229),
    RGBColor(219, 219, 141),
    RGBColor(189, 189, 189),
];

/// The colour of the `i`-th item of a categorical series (TPS, blocks). The first
/// twenty are a fixed qualitative palette; after that hues step by the golden angle
/// with alternating lightness, so neighbours in the order always differ clearly.
pub(crate) fn categorical(i: usize) -> RGBColor {
    if let Some(c) = QUALITATIVE.get(i) {
        return *c;
    }
    let h = (i as f64 * 0.618_033_988_75).fract();
    let l = if i.is_multiple_of(2) { 0.42 } else { 0.62 };
    let s = if (i / 2).is_multiple_of(2) {
        0.70
    } else {
        0.50
    };
    let (r, g, b) = HSLColor(h, s, l).rgb();
    RGBColor(r, g, b)
}

/// The outline of a pixel rectangle, `width` pixels wide, centred on its edges.
/// Drawn as four filled bars: plotters' SVG backend ignores the stroke width of
/// rectangles, and its bitmap backend drops a side of closed thick paths.
pub(crate) fn outline<DB: DrawingBackend>(
    root: &Root<DB>,
    a: (i32, i32),
    b: (i32, i32),
    colour: RGBColor,
    width: u32,
) -> Result<(), ChartError> {
    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
    let lo = width as i32 / 2;
    let hi = width as i32 - lo;
    for bar in [
        [(x0 - lo, y0 - lo), (x1 + hi, y0 + hi)],
        [(x0 - lo, y1 - lo), (x1 + hi, y1 + hi)],
        [(x0 - lo, y0 - lo), (x0 + hi, y1 + hi)],
        [(x1 - lo, y0 - lo), (x1 + hi, y1 + hi)],
    ] {
        root.draw(&Rectangle::new(bar, colour.filled()))?;
    }
    Ok(())
}

/// Diagonal hatching of a pixel rectangle, `spacing` pixels apart.
pub(crate) fn hatch<DB: DrawingBackend>(
    root: &Root<DB>,
    (x0, y0): (i32, i32),
    (x1, y1): (i32, i32),
    colour: RGBColor,
    spacing: i32,
) -> Result<(), ChartError> {
    let (x0, x1) = (x0.min(x1), x0.max(x1));
    let (y0, y1) = (y0.min(y1), y0.max(y1));
    let mut c = x0 - y1;
    while c <= x1 - y0 {
        // points with x - y = c, clipped to the rectangle
        let lo = y0.max(x0 - c);
        let hi = y1.min(x1 - c);
        if lo < hi {
            root.draw(&PathElement::new(
                vec![(lo + c, lo), (hi + c, hi)],
                colour.stroke_width(2),
            ))?;
        }
        c += spacing.max(3);
    }
    Ok(())
}

/// How a legend entry is marked.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Swatch {
    /// A filled box.
    Fill(RGBColor),
    /// A hatched box on a tint of the colour.
    Hatch(RGBColor),
    /// A solid line.
    Line(RGBColor),
    /// A dashed line.
    Dashed(RGBColor),
    /// A filled disc with an outline.
    Disc(RGBColor),
    /// No mark: the entry is a note.
    None,
}

/// One legend entry.
#[derive(Debug, Clone)]
pub(crate) struct LegendEntry {
    pub swatch: Swatch,
    pub label: String,
}

impl LegendEntry {
    pub(crate) fn new(swatch: Swatch, label: impl Into<String>) -> Self {
        Self {
            swatch,
            label: label.into(),
        }
    }
}

const SWATCH_W: i32 = 34;
const SWATCH_GAP: i32 = 10;
const ENTRY_GAP: i32 = 34;
/// Height of one legend row.
pub(crate) const LEGEND_ROW: i32 = 36;

/// Entries laid out in rows that fit a width, each row centred.
pub(crate) struct LegendLayout {
    /// Per row: (entry index, x offset from the row start), and the row width.
    rows: Vec<(Vec<(usize, i32)>, i32)>,
    width: i32,
}

impl LegendLayout {
    /// Lays entries out in as many rows as needed within `width` pixels.
    pub(crate) fn new<DB: DrawingBackend>(
        root: &Root<DB>,
        entries: &[LegendEntry],
        width: i32,
    ) -> Result<Self, ChartError> {
        let style = text(LABEL);
        let mut rows: Vec<(Vec<(usize, i32)>, i32)> = Vec::new();
        let mut row: Vec<(usize, i32)> = Vec::new();
        let mut x = 0;
        for (i, e) in entries.iter().enumerate() {
            let (tw, _) = measure(root, &e.label, &style)?;
            let mark = if matches!(e.swatch, Swatch::None) {
                0
            } else {
                SWATCH_W + SWATCH_GAP
            };
            let w = mark + tw;
            if !row.is_empty() && x + w > width {
                rows.push((std::mem::take(&mut row), x - ENTRY_GAP));
                x = 0;
            }
            row.push((i, x));
            x += w + ENTRY_GAP;
        }
        if !row.is_empty() {
            rows.push((row, x - ENTRY_GAP));
        }
        Ok(Self { rows, width })
    }

    /// Pixel height of the legend.
    pub(crate) fn height(&self) -> i32 {
        self.rows.len() as i32 * LEGEND_ROW
    }

    /// Draws the legend with its top-left corner at `origin`.
    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        root: &Root<DB>,
        entries: &[LegendEntry],
        origin: (i32, i32),
    ) -> Result<(), ChartError> {
        for (r, (row, row_w)) in self.rows.iter().enumerate() {
            let y = origin.1 + r as i32 * LEGEND_ROW + LEGEND_ROW / 2;
            let x0 = origin.0 + (self.width - row_w).max(0) / 2;
            for &(i, dx) in row {
                draw_entry(root, &entries[i], (x0 + dx, y))?;
            }
        }
        Ok(())
    }
}

/// Draws one entry with its swatch starting at `x` and centred vertically on `y`.
pub(crate) fn draw_entry<DB: DrawingBackend>(
    root: &Root<DB>,
    entry: &LegendEntry,
    (x, y): (i32, i32),
) -> Result<(), ChartError> {
    let text_x = match entry.swatch {
        Swatch::None => x,
        s => {
            draw_swatch(root, s, (x, y))?;
            x + SWATCH_W + SWATCH_GAP
        }
    };
    root.draw(&Text::new(
        entry.label.clone(),
        (text_x, y),
        text(LABEL).pos(Pos::new(HPos::Left, VPos::Center)),
    ))?;
    Ok(())
}

fn draw_swatch<DB: DrawingBackend>(
    root: &Root<DB>,
    swatch: Swatch,
    (x, y): (i32, i32),
) -> Result<(), ChartError> {
    let (top, bottom) = (y - 11, y + 11);
    match swatch {
        Swatch::Fill(c) => {
            root.draw(&Rectangle::new(
                [(x, top), (x + SWATCH_W, bottom)],
                c.filled(),
            ))?;
            outline(root, (x, top), (x + SWATCH_W, bottom), shade(c, 0.3), 1)?;
        }
        Swatch::Hatch(c) => {
            root.draw(&Rectangle::new(
                [(x, top), (x + SWATCH_W, bottom)],
                tint(c, 0.6).filled(),
            ))?;
            hatch(root, (x, top), (x + SWATCH_W, bottom), c, 7)?;
            outline(root, (x, top), (x + SWATCH_W, bottom), shade(c, 0.3), 1)?;
        }
        Swatch::Line(c) => {
            root.draw(&PathElement::new(
                vec![(x, y), (x + SWATCH_W, y)],
                c.stroke_width(4),
            ))?;
        }
        Swatch::Dashed(c) => {
            root.draw(&PathElement::new(
                vec![(x, y), (x + 12, y)],
                c.stroke_width(4),
            ))?;
            root.draw(&PathElement::new(
                vec![(x + 20, y), (x + SWATCH_W, y)],
                c.stroke_width(4),
            ))?;
        }
        Swatch::Disc(c) => {
            let centre = (x + SWATCH_W / 2, y);
            root.draw(&Circle::new(centre, 11, c.filled()))?;
            root.draw(&Circle::new(centre, 11, MUTED.stroke_width(2)))?;
        }
        Swatch::None => {}
    }
    Ok(())
}

/// Breaks a text into lines no wider than `width` pixels, at spaces. A single word
/// wider than the width stays whole on its own line.
pub(crate) fn wrap<DB: DrawingBackend>(
    root: &Root<DB>,
    s: &str,
    style: &TextStyle,
    width: i32,
) -> Result<Vec<String>, ChartError> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && measure(root, &candidate, style)?.0 > width {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    Ok(lines)
}

/// Draws time ticks (`HH:MM`) and vertical grid lines every `step` minutes between
/// `from` and `to` along the bottom of a chart's plotting area, given the mapping
/// `x_of` from minutes to pixels and the area's pixel bounds.
pub(crate) fn draw_time_ticks<DB: DrawingBackend>(
    root: &Root<DB>,
    x_of: impl Fn(f64) -> i32,
    (from, to): (i32, i32),
    (top, bottom): (i32, i32),
) -> Result<(), ChartError> {
    let span = to - from;
    let step = if span <= 8 * 60 {
        30
    } else if span <= 16 * 60 {
        60
    } else {
        120
    };
    let first = (from + step - 1).div_euclid(step) * step;
    let mut t = first;
    while t <= to {
        let x = x_of(t as f64);
        let major = t % 60 == 0;
        root.draw(&PathElement::new(
            vec![(x, top), (x, bottom)],
            if major {
                GRID.stroke_width(2)
            } else {
                GRID.stroke_width(1)
            },
        ))?;
        root.draw(&PathElement::new(
            vec![(x, bottom), (x, bottom + 8)],
            MUTED.stroke_width(2),
        ))?;
        root.draw(&Text::new(
            super::hhmm(t),
            (x, bottom + 12),
            text(LABEL).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        t += step;
    }
    Ok(())
}

/// An axis-aligned pixel box, for keeping labels apart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PixelBox {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl PixelBox {
    pub(crate) fn around((x, y): (i32, i32), half_w: i32, half_h: i32) -> Self {
        Self {
            x0: x - half_w,
            y0: y - half_h,
            x1: x + half_w,
            y1: y + half_h,
        }
    }

    /// Overlapping area with another box, in square pixels.
    pub(crate) fn overlap(&self, o: &PixelBox) -> i64 {
        let w = (self.x1.min(o.x1) - self.x0.max(o.x0)).max(0) as i64;
        let h = (self.y1.min(o.y1) - self.y0.max(o.y0)).max(0) as i64;
        w * h
    }

    /// Whether this box lies inside `o`.
    pub(crate) fn inside(&self, o: &PixelBox) -> bool {
        self.x0 >= o.x0 && self.y0 >= o.y0 && self.x1 <= o.x1 && self.y1 <= o.y1
    }
}

/// The house mesh of a chart with a value axis: horizontal grid lines only, eight
/// labelled y ticks written by `y_label`, no x labels (each chart draws its own, see
/// [`draw_time_ticks`]), muted axes and the two axis titles. Every bar, area and
/// histogram chart draws its frame with this, so they all look alike.
pub(crate) fn value_mesh<DB, X, Y>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<X, Y>>,
    y_label: &dyn Fn(&Y::ValueType) -> String,
    x_desc: &str,
    y_desc: &str,
) -> Result<(), ChartError>
where
    DB: DrawingBackend,
    X: Ranged + ValueFormatter<X::ValueType>,
    Y: Ranged + ValueFormatter<Y::ValueType>,
{
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(8)
        .y_label_formatter(y_label)
        .bold_line_style(GRID.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(MUTED.stroke_width(2))
        .label_style(text(LABEL))
        .axis_desc_style(bold(AXIS))
        .x_desc(x_desc)
        .y_desc(y_desc)
        .draw()?;
    Ok(())
}
