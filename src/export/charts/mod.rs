//! Charts of a plan for KPU and Kanwil meetings, drawn with plotters. Each chart is
//! one plain input struct (filled by the caller from the plan) and one drawing body
//! generic over plotters' `DrawingBackend`, rendered to SVG (a string, inlined in
//! `report.html`) and to PNG (a file for slides). Every text is drawn in DejaVu Sans
//! (embedded bytes, registered once), so PNG output needs no system font.
//!
//! The five charts: [`LoadChart`] (voters per TPS against the cap), [`DayChart`] (the
//! voting day as a Gantt chart), [`MapChart`] (the layout map), [`EscortChart`]
//! (escorts needed against officers on duty) and [`BallotChart`] (ballots per type).
//! Labels are Indonesian by default, English with [`Lang::En`]. Neighbours: `report`
//! (inlines the SVG strings) and the plan writer (calls [`ChartSet::write`]).

mod ballots;
mod day;
mod escorts;
mod glyphs;
mod load;
mod map;
pub(crate) mod style;

use std::path::{Path, PathBuf};

use plotters::coord::Shift;
use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::*;

pub use ballots::{BallotBar, BallotChart};
pub use day::{DayChart, WaveBar};
pub use escorts::{EscortChart, EscortSlot};
pub use load::{LoadChart, SexCounts, TpsLoad};
pub use map::{BlockShare, MapChart, MapNode, MapPath, MapSite};

use crate::lang::Lang;

/// Width of every chart in pixels (projector size).
pub const WIDTH: u32 = 1600;
/// Height of every chart in pixels (projector size).
pub const HEIGHT: u32 = 900;

/// Why a chart could not be drawn or written.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The backend failed while drawing (message from plotters).
    #[error("grafik tidak dapat digambar: {0}")]
    Draw(String),
    /// The embedded DejaVu font was rejected by the font engine.
    #[error("font DejaVu Sans tidak dapat dimuat untuk grafik")]
    Font,
    /// A colour in the ruleset is not `#rrggbb`.
    #[error(
        "warna '{value}' untuk surat suara {code} tidak sah; tulis #rrggbb di surat_suara.jenis[].warna"
    )]
    BadColour {
        /// Ballot code the colour belongs to.
        code: String,
        /// The colour as written.
        value: String,
    },
    /// Writing a PNG or SVG file failed.
    #[error("{path}: {message}")]
    Write {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        ChartError::Draw(e.to_string())
    }
}

impl From<ChartError> for crate::error::Error {
    fn from(e: ChartError) -> Self {
        match e {
            ChartError::Write { path, message } => {
                crate::error::Error::io(path, std::io::Error::other(message))
            }
            other => crate::error::Error::Other(other.to_string()),
        }
    }
}

/// A drawing area in backend pixels.
pub(crate) type Root<DB> = DrawingArea<DB, Shift>;

/// One chart: its data and how to draw it on any plotters backend.
pub trait Chart {
    /// File name stem under `charts/` (`beban_tps` gives `beban_tps.svg` and `.png`).
    const STEM: &'static str;

    /// The chart's title in the given language.
    fn title(&self, lang: Lang) -> String;

    /// Draws the whole chart (background, title, axes, legend) on `root`.
    fn draw<DB: DrawingBackend>(&self, root: &Root<DB>, lang: Lang) -> Result<(), ChartError>;
}

/// Renders a chart as an SVG document (deterministic: same data, same bytes).
pub fn to_svg<C: Chart>(chart: &C, lang: Lang) -> Result<String, ChartError> {
    style::ensure_fonts()?;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, HEIGHT)).into_drawing_area();
        chart.draw(&root, lang)?;
        root.present()?;
    }
    Ok(out)
}

/// Renders a chart as a PNG file at `path`.
pub fn write_png<C: Chart>(chart: &C, lang: Lang, path: &Path) -> Result<(), ChartError> {
    style::ensure_fonts()?;
    let backend = glyphs::Typeset::new(BitMapBackend::new(path, (WIDTH, HEIGHT)))
        .map_err(|_| ChartError::Font)?;
    let root = backend.into_drawing_area();
    chart.draw(&root, lang)?;
    root.present().map_err(|e| ChartError::Write {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// Renders a chart as an SVG file at `path`.
pub fn write_svg<C: Chart>(chart: &C, lang: Lang, path: &Path) -> Result<(), ChartError> {
    let svg = to_svg(chart, lang)?;
    std::fs::write(path, svg).map_err(|e| ChartError::Write {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// A chart rendered to SVG, ready to be inlined in `report.html`.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedChart {
    /// File stem and HTML id (`beban_tps`, `jadwal`, ...).
    pub id: String,
    /// Title in the report's language.
    pub title: String,
    /// The SVG document.
    pub svg: String,
}

/// Renders one chart for the report.
pub fn render<C: Chart>(chart: &C, lang: Lang) -> Result<RenderedChart, ChartError> {
    Ok(RenderedChart {
        id: C::STEM.to_string(),
        title: chart.title(lang),
        svg: to_svg(chart, lang)?,
    })
}

/// The five charts of a plan folder.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSet {
    /// (a) voters per TPS against the cap.
    pub load: LoadChart,
    /// (b) the voting day, one row per TPS.
    pub day: DayChart,
    /// (c) the layout map.
    pub map: MapChart,
    /// (d) escorts needed against officers on duty.
    pub escorts: EscortChart,
    /// (e) ballots per type.
    pub ballots: BallotChart,
}

impl ChartSet {
    /// Every chart as SVG, in report order.
    pub fn render_all(&self, lang: Lang) -> Result<Vec<RenderedChart>, ChartError> {
        Ok(vec![
            render(&self.load, lang)?,
            render(&self.day, lang)?,
            render(&self.map, lang)?,
            render(&self.escorts, lang)?,
            render(&self.ballots, lang)?,
        ])
    }

    /// Writes `STEM.svg` and `STEM.png` of every chart into `dir` (which must exist)
    /// and returns the paths written, in order.
    pub fn write(&self, dir: &Path, lang: Lang) -> Result<Vec<PathBuf>, ChartError> {
        let mut written = Vec::with_capacity(10);
        write_pair(&self.load, dir, lang, &mut written)?;
        write_pair(&self.day, dir, lang, &mut written)?;
        write_pair(&self.map, dir, lang, &mut written)?;
        write_pair(&self.escorts, dir, lang, &mut written)?;
        write_pair(&self.ballots, dir, lang, &mut written)?;
        Ok(written)
    }
}

fn write_pair<C: Chart>(
    chart: &C,
    dir: &Path,
    lang: Lang,
    written: &mut Vec<PathBuf>,
) -> Result<(), ChartError> {
    let svg = dir.join(format!("{}.svg", C::STEM));
    write_svg(chart, lang, &svg)?;
    written.push(svg);
    let png = dir.join(format!("{}.png", C::STEM));
    write_png(chart, lang, &png)?;
    written.push(png);
    Ok(())
}

pub(crate) use crate::lang::tr;

pub use crate::format::count as format_count;
pub(crate) use crate::format::hhmm;

/// Orders names the way people read them: `Blok 2` before `Blok 10`.
pub(crate) fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn chunks(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = s.as_bytes();
        for i in 1..=bytes.len() {
            if i == bytes.len() || bytes[i].is_ascii_digit() != bytes[start].is_ascii_digit() {
                out.push((bytes[start].is_ascii_digit(), &s[start..i]));
                start = i;
            }
        }
        out
    }
    if a.is_empty() || b.is_empty() {
        return a.cmp(b);
    }
    let (ca, cb) = (chunks(a), chunks(b));
    for ((da, sa), (db, sb)) in ca.iter().zip(cb.iter()) {
        let ord = if *da && *db {
            let (ta, tb) = (sa.trim_start_matches('0'), sb.trim_start_matches('0'));
            ta.len().cmp(&tb.len()).then_with(|| ta.cmp(tb))
        } else {
            sa.to_lowercase().cmp(&sb.to_lowercase())
        };
        if ord != std::cmp::Ordering::Equal {
            return ord;
        }
    }
    ca.len().cmp(&cb.len()).then_with(|| a.cmp(b))
}

#[cfg(test)]
pub(crate) mod samples;

#[cfg(test)]
mod tests;
